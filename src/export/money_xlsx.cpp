#include "export/money_xlsx.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace longghep {

std::string render_money_xlsx(const MoneyTable& t) {
  namespace fs = std::filesystem;
  std::string path = (fs::temp_directory_path() / "longghep-money-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for the workbook");
  close(fd);
  struct Cleanup { std::string p; ~Cleanup() { std::remove(p.c_str()); } } cleanup{path};

  lxw_workbook_options options = {LXW_FALSE, nullptr, LXW_FALSE};
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (!wb) throw std::runtime_error("cannot create the workbook");
  lxw_worksheet* ws = workbook_add_worksheet(wb, t.sheet.c_str());
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 13);
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0xD9E1F2);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_text_wrap(header);
  lxw_format* amount = workbook_add_format(wb);
  format_set_num_format(amount, "#,##0");
  lxw_format* rate = workbook_add_format(wb);
  format_set_num_format(rate, "0.00%");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* bold_amount = workbook_add_format(wb);
  format_set_bold(bold_amount);
  format_set_num_format(bold_amount, "#,##0");
  lxw_format* bold_rate = workbook_add_format(wb);
  format_set_bold(bold_rate);
  format_set_num_format(bold_rate, "0.00%");

  worksheet_write_string(ws, 0, 0, t.title.c_str(), title);
  for (lxw_col_t c = 0; c < t.header.size(); ++c) {
    const double w = c < t.widths.size() && t.widths[c] > 0 ? t.widths[c] : 16;
    worksheet_set_column(ws, c, c, w, nullptr);
    worksheet_write_string(ws, 2, c, t.header[c].c_str(), header);
  }
  worksheet_freeze_panes(ws, 3, 0);
  lxw_row_t r = 3;
  auto write = [&](const std::vector<MoneyCell>& cells, bool strong) {
    for (lxw_col_t c = 0; c < cells.size(); ++c) {
      const MoneyCell& x = cells[c];
      switch (x.kind) {
        case MoneyCell::text: worksheet_write_string(ws, r, c, x.s.c_str(), strong ? bold : nullptr); break;
        case MoneyCell::amount: worksheet_write_number(ws, r, c, x.v, strong ? bold_amount : amount); break;
        case MoneyCell::rate: worksheet_write_number(ws, r, c, x.v, strong ? bold_rate : rate); break;
        case MoneyCell::empty: break;
      }
    }
    ++r;
  };
  for (const auto& row : t.rows) write(row, false);
  if (!t.total.empty()) write(t.total, true);
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("cannot write the workbook");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace longghep
