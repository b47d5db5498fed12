#include "export/plan_xlsx.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "domain/date.hpp"

namespace longghep {
using nlohmann::json;

namespace {
std::string str(const json& j, const char* k) {
  auto it = j.find(k);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string name_of(const TaxonomyNames& names, const char* taxonomy, const std::string& code) {
  if (code.empty()) return "";
  auto t = names.find(taxonomy);
  if (t == names.end()) return code;
  auto n = t->second.find(code);
  return n == t->second.end() ? code : n->second;
}

std::string ref_name(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return "";
  return str(*it, "name");
}

// Writes the session-independent parts of a sheet: title row, header row, column widths.
struct Sheet {
  lxw_worksheet* ws;
  lxw_format *text, *header, *date, *amount, *title;
  lxw_row_t row = 3;

  void cell(lxw_col_t c, const std::string& v) { worksheet_write_string(ws, row, c, v.c_str(), text); }
  void number(lxw_col_t c, const json& v, lxw_format* f) {
    if (v.is_number_integer()) worksheet_write_number(ws, row, c, static_cast<double>(v.get<long long>()), f);
  }
  void day(lxw_col_t c, const json& v) {
    auto d = v.is_string() ? Date::parse(v.get<std::string>()) : std::nullopt;
    if (!d) return;
    lxw_datetime dt = {d->year(), d->month(), d->day(), 0, 0, 0};
    worksheet_write_datetime(ws, row, c, &dt, date);
  }
};

Sheet start_sheet(lxw_workbook* wb, const char* name, const std::string& title, const std::vector<std::pair<const char*, double>>& cols,
                  lxw_format* text, lxw_format* header, lxw_format* date, lxw_format* amount, lxw_format* title_fmt) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, name);
  if (!ws) throw std::runtime_error("cannot add worksheet");
  worksheet_write_string(ws, 0, 0, title.c_str(), title_fmt);
  for (lxw_col_t c = 0; c < cols.size(); ++c) {
    worksheet_set_column(ws, c, c, cols[c].second, nullptr);
    worksheet_write_string(ws, 2, c, cols[c].first, header);
  }
  worksheet_freeze_panes(ws, 3, 0);
  return Sheet{ws, text, header, date, amount, title_fmt};
}
}  // namespace

std::string render_plan_xlsx(const json& plan, const TaxonomyNames& names) {
  namespace fs = std::filesystem;
  std::string path = (fs::temp_directory_path() / "longghep-plan-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for the workbook");
  close(fd);
  struct Cleanup { std::string p; ~Cleanup() { std::remove(p.c_str()); } } cleanup{path};

  lxw_workbook_options options = {LXW_FALSE, nullptr, LXW_FALSE};
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (!wb) throw std::runtime_error("cannot create the workbook");
  lxw_format* text = workbook_add_format(wb);
  format_set_text_wrap(text);
  format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0xD9E1F2);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_text_wrap(header);
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy");
  format_set_align(date, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* amount = workbook_add_format(wb);
  format_set_num_format(amount, "#,##0");
  format_set_align(amount, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* title_fmt = workbook_add_format(wb);
  format_set_bold(title_fmt);
  format_set_font_size(title_fmt, 13);

  std::string unit = plan.contains("orgUnit") && plan["orgUnit"].is_object() ? str(plan["orgUnit"], "name") : "";
  std::string title = str(plan, "title") + " — " + ref_name(plan, "agency") + (unit.empty() ? "" : ", " + unit) +
                      " — năm " + std::to_string(plan.value("year", 0)) + " (phiên bản " +
                      std::to_string(plan.value("planVersion", 1)) + ")";
  // the approval decision, as an approved plan is cited: "phê duyệt tại Quyết định số … ngày … của …"
  if (plan.contains("decision") && plan["decision"].is_object()) {
    const json& d = plan["decision"];
    std::string day = d.contains("date") && d["date"].is_string() ? d["date"].get<std::string>() : "";
    if (day.size() == 10) day = day.substr(8, 2) + "/" + day.substr(5, 2) + "/" + day.substr(0, 4);
    title += " — phê duyệt tại Quyết định số " + str(d, "number") + (day.empty() ? "" : " ngày " + day) +
             (str(d, "body").empty() ? "" : " của " + str(d, "body"));
  }

  {
    Sheet sh = start_sheet(wb, "Đối tượng", title,
                           {{"STT", 6}, {"Nhóm đối tượng", 45}, {"Chương trình lồng ghép", 45}, {"Số người dự kiến", 16}, {"Ghi chú", 40}},
                           text, header, date, amount, title_fmt);
    int n = 0;
    for (const auto& b : plan.value("beneficiaries", json::array())) {
      worksheet_write_number(sh.ws, sh.row, 0, ++n, nullptr);
      sh.cell(1, name_of(names, "target_groups", str(b, "targetGroup")));
      sh.cell(2, ref_name(b, "programme"));
      sh.number(3, b.value("plannedCount", json()), amount);
      sh.cell(4, str(b, "note"));
      ++sh.row;
    }
  }
  {
    Sheet sh = start_sheet(wb, "Hoạt động", title,
                           {{"STT", 6}, {"Loại can thiệp", 30}, {"Nội dung hoạt động", 45}, {"Nhóm đối tượng", 30},
                            {"Số lượng dự kiến", 14}, {"Đơn vị tính", 14}, {"Từ ngày", 12}, {"Đến ngày", 12},
                            {"Địa bàn", 20}, {"Cơ quan chủ trì", 30}, {"Cơ quan phối hợp", 40}, {"Chương trình lồng ghép", 35}},
                           text, header, date, amount, title_fmt);
    int n = 0;
    for (const auto& a : plan.value("activities", json::array())) {
      worksheet_write_number(sh.ws, sh.row, 0, ++n, nullptr);
      sh.cell(1, name_of(names, "intervention_types", str(a, "interventionType")));
      sh.cell(2, str(a, "description"));
      sh.cell(3, name_of(names, "target_groups", str(a, "targetGroup")));
      sh.number(4, a.value("plannedQuantity", json()), amount);
      sh.cell(5, str(a, "quantityUnit"));
      sh.day(6, a.value("startDate", json()));
      sh.day(7, a.value("endDate", json()));
      sh.cell(8, ref_name(a, "location"));
      sh.cell(9, ref_name(a, "leadAgency"));
      std::string partners;
      for (const auto& p : a.value("partners", json::array()))
        if (p.is_object()) partners += (partners.empty() ? "" : "; ") + str(p, "name");
      sh.cell(10, partners);
      sh.cell(11, ref_name(a, "programme"));
      ++sh.row;
    }
  }
  if (plan.value("budgetBasis", std::string()) == "activities") {
    // issue 19: the budget planned per activity, then the totals by source (derived, as the plan's)
    Sheet sh = start_sheet(wb, "Nguồn lực", title,
                           {{"STT", 6}, {"Hoạt động", 45}, {"Nguồn kinh phí", 40}, {"Chương trình lồng ghép", 40},
                            {"Kinh phí (đồng)", 20}},
                           text, header, date, amount, title_fmt);
    int n = 0;
    long long total = 0;
    for (const auto& a : plan.value("activities", json::array()))
      for (const auto& b : a.value("budget", json::array())) {
        worksheet_write_number(sh.ws, sh.row, 0, ++n, nullptr);
        sh.cell(1, str(a, "description"));
        sh.cell(2, name_of(names, "funding_sources", str(b, "fundingSource")));
        sh.cell(3, ref_name(b, "programme"));
        sh.number(4, b.value("amount", json()), amount);
        total += b.value("amount", 0LL);
        ++sh.row;
      }
    ++sh.row;
    worksheet_write_string(sh.ws, sh.row++, 1, "Tổng theo nguồn kinh phí", header);
    std::vector<std::pair<std::string, long long>> by_source;
    for (const auto& b : plan.value("budget", json::array())) {
      const std::string src = str(b, "fundingSource");
      auto it = std::find_if(by_source.begin(), by_source.end(), [&](const auto& x) { return x.first == src; });
      if (it == by_source.end()) by_source.push_back({src, b.value("amount", 0LL)});
      else it->second += b.value("amount", 0LL);
    }
    for (const auto& [src, v] : by_source) {
      sh.cell(2, name_of(names, "funding_sources", src));
      worksheet_write_number(sh.ws, sh.row, 4, static_cast<double>(v), amount);
      ++sh.row;
    }
    worksheet_write_string(sh.ws, sh.row, 1, "Tổng cộng", header);
    worksheet_write_number(sh.ws, sh.row, 4, static_cast<double>(total), amount);
  } else {
    Sheet sh = start_sheet(wb, "Nguồn lực", title,
                           {{"STT", 6}, {"Nguồn kinh phí", 40}, {"Năm", 8}, {"Kinh phí (đồng)", 20},
                            {"Chương trình lồng ghép", 40}, {"Ghi chú", 40}},
                           text, header, date, amount, title_fmt);
    int n = 0;
    long long total = 0;
    for (const auto& b : plan.value("budget", json::array())) {
      worksheet_write_number(sh.ws, sh.row, 0, ++n, nullptr);
      sh.cell(1, name_of(names, "funding_sources", str(b, "fundingSource")));
      worksheet_write_number(sh.ws, sh.row, 2, b.value("year", 0), nullptr);
      sh.number(3, b.value("amount", json()), amount);
      total += b.value("amount", 0LL);
      sh.cell(4, ref_name(b, "programme"));
      sh.cell(5, str(b, "note"));
      ++sh.row;
    }
    worksheet_write_string(sh.ws, sh.row, 1, "Tổng cộng", header);
    worksheet_write_number(sh.ws, sh.row, 3, static_cast<double>(total), amount);
  }
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("cannot write the workbook");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string plan_xlsx_filename(const json& plan) {
  std::string code = plan.contains("orgUnit") && plan["orgUnit"].is_object() ? str(plan["orgUnit"], "code") : "";
  std::string safe;
  for (char c : code)
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) safe += c;
  return "ke-hoach-long-ghep-" + (safe.empty() ? std::string("x") : safe) + "-" + std::to_string(plan.value("year", 0)) +
         "-v" + std::to_string(plan.value("planVersion", 1)) + ".xlsx";
}

}  // namespace longghep
