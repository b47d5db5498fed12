#include "export/sheet_writer.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <stdexcept>

#include "domain/error.hpp"

namespace longghep {
namespace {

Error export_failed(const std::string& detail) {
  return Error(500, "export_failed", "Không ghi được tệp xuất: " + detail, "The export could not be written: " + detail);
}

Error too_large(const std::string& vi, const std::string& en) {
  return Error(400, "export_too_large", vi + " — hãy xuất ra CSV hoặc thu hẹp bộ lọc",
               en + " — export to CSV or narrow the filter");
}

// Integers of at most 15 digits are exact in Excel (a double shows 15 significant digits).
constexpr long long kExactInExcel = 999'999'999'999'999LL;
constexpr size_t kMaxCellChars = 32767;  // Excel's limit of a cell's text, in characters

// Byte length of the first `chars` UTF-8 characters of s (all of s when it is shorter).
size_t utf8_prefix_bytes(const std::string& s, size_t chars) {
  size_t seen = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == chars) return i;
      ++seen;
    }
  }
  return s.size();
}

size_t utf8_length(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// ---------------------------------------------------------------------------------------------

// A text Excel would run as a formula: it starts with =, +, -, @, tab or CR and is not a plain
// number ("-42" stays as it is).
bool formula_like(const std::string& s) {
  if (s.empty() || std::string_view("=+-@\t\r").find(s.front()) == std::string_view::npos) return false;
  if ((s.front() == '-' || s.front() == '+') && s.size() > 1 &&
      std::all_of(s.begin() + 1, s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == ','; }))
    return false;
  return true;
}

class CsvSheetWriter : public SheetWriter {
 public:
  CsvSheetWriter(std::ostream& out, char delimiter) : out_(out), delim_(delimiter) {
    if (delimiter != ',' && delimiter != ';') throw std::invalid_argument("csv_writer: delimiter must be ',' or ';'");
  }

  void header(const std::vector<std::string>& names) override {
    if (started_) throw std::logic_error("SheetWriter::header called twice");
    started_ = true;
    line_ = "\xEF\xBB\xBF";
    for (size_t i = 0; i < names.size(); ++i) {
      if (i) line_ += delim_;
      field(names[i]);
    }
    emit();
  }

  void row(const std::vector<Cell>& cells) override {
    if (!started_ || finished_) throw std::logic_error("SheetWriter::row outside header()..finish()");
    line_.clear();
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i) line_ += delim_;
      if (const auto* s = std::get_if<std::string>(&cells[i].v)) {
        // A text Excel would run as a formula (=, +, -, @, or a tab/CR before one) is written
        // with a leading apostrophe: Excel shows it as text (CSV injection, OWASP).
        field(formula_like(*s) ? "'" + *s : *s);
      } else if (const auto* n = std::get_if<long long>(&cells[i].v)) {
        char buf[24];
        auto [p, ec] = std::to_chars(buf, buf + sizeof buf, *n);
        line_.append(buf, p);
      }
    }
    emit();
  }

  void finish() override {
    if (!started_ || finished_) throw std::logic_error("SheetWriter::finish without header() or twice");
    finished_ = true;
    out_.flush();
    if (!out_) throw export_failed("lỗi ghi luồng CSV / the CSV stream failed");
  }

 private:
  void field(const std::string& s) {
    if (s.find_first_of(delim_ == ',' ? ",\"\r\n" : ";\"\r\n") == std::string::npos) {
      line_ += s;
      return;
    }
    line_ += '"';
    for (char c : s) {
      if (c == '"') line_ += '"';
      line_ += c;
    }
    line_ += '"';
  }

  void emit() {
    line_ += "\r\n";
    out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
    if (!out_) throw export_failed("lỗi ghi luồng CSV / the CSV stream failed");
  }

  std::ostream& out_;
  const char delim_;
  std::string line_;  // the line being built, reused
  bool started_ = false, finished_ = false;
};

}  // namespace

std::unique_ptr<SheetWriter> csv_writer(std::ostream& out, char delimiter) {
  return std::make_unique<CsvSheetWriter>(out, delimiter);
}

// ---------------------------------------------------------------------------------------------

XlsxSheetWriter::XlsxSheetWriter(const std::string& path, const std::string& sheet_name) : path_(path) {
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  tmpdir_ = dir.empty() ? "." : dir.string();
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = tmpdir_.data();  // read by libxlsxwriter until workbook_close: tmpdir_ outlives wb_
  options.use_zip64 = LXW_FALSE;
  wb_ = workbook_new_opt(path_.c_str(), &options);
  if (!wb_) throw export_failed("không tạo được sổ tính / cannot create the workbook");
  bold_ = workbook_add_format(wb_);
  format_set_bold(bold_);
  integer_ = workbook_add_format(wb_);
  format_set_num_format(integer_, "#,##0");
  try {
    data_ = add_sheet(sheet_name);
  } catch (...) {
    lxw_workbook_free(wb_);
    wb_ = nullptr;
    throw;
  }
}

XlsxSheetWriter::~XlsxSheetWriter() {
  if (wb_) lxw_workbook_free(wb_);  // not finished: discard, nothing is written at path_
}

lxw_worksheet* XlsxSheetWriter::add_sheet(const std::string& name) {
  if (workbook_validate_sheet_name(wb_, name.c_str()) != LXW_NO_ERROR)
    throw std::invalid_argument("XlsxSheetWriter: invalid or duplicate sheet name \"" + name + "\"");
  lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
  if (!ws) throw export_failed("không thêm được trang tính / cannot add the worksheet \"" + name + "\"");
  return ws;
}

void XlsxSheetWriter::write_text(lxw_worksheet* ws, unsigned row, unsigned short col, const std::string& text) {
  lxw_error err;
  if (text.size() > kMaxCellChars && utf8_length(text) > kMaxCellChars)
    err = worksheet_write_string(ws, row, col, text.substr(0, utf8_prefix_bytes(text, kMaxCellChars)).c_str(), nullptr);
  else
    err = worksheet_write_string(ws, row, col, text.c_str(), nullptr);
  if (err != LXW_NO_ERROR) throw export_failed(lxw_strerror(err));
}

void XlsxSheetWriter::write_header(lxw_worksheet* ws, const std::vector<std::string>& names) {
  if (names.size() > LXW_COL_MAX) throw too_large("Quá 16.384 cột", "More than 16,384 columns");
  for (size_t c = 0; c < names.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    const double width = std::clamp(static_cast<double>(utf8_length(names[c])) + 2, 10.0, 50.0);
    worksheet_set_column(ws, col, col, width, nullptr);
    lxw_error err = worksheet_write_string(ws, 0, col, names[c].c_str(), bold_);
    if (err != LXW_NO_ERROR) throw export_failed(lxw_strerror(err));
  }
  worksheet_freeze_panes(ws, 1, 0);
}

void XlsxSheetWriter::header(const std::vector<std::string>& names) {
  if (!wb_ || next_row_ != 0) throw std::logic_error("SheetWriter::header called twice or after finish()");
  write_header(data_, names);
  columns_ = names.size();
  next_row_ = 1;
}

void XlsxSheetWriter::row(const std::vector<Cell>& cells) {
  if (!wb_ || next_row_ == 0) throw std::logic_error("SheetWriter::row outside header()..finish()");
  if (next_row_ >= LXW_ROW_MAX)
    throw too_large("Quá 1.048.575 dòng, giới hạn của Excel", "More than 1,048,575 rows, the limit of Excel");
  if (cells.size() > LXW_COL_MAX) throw too_large("Quá 16.384 cột", "More than 16,384 columns");
  for (size_t c = 0; c < cells.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    if (const auto* s = std::get_if<std::string>(&cells[c].v)) {
      write_text(data_, next_row_, col, *s);
    } else if (const auto* n = std::get_if<long long>(&cells[c].v)) {
      if (*n > kExactInExcel || *n < -kExactInExcel) {
        write_text(data_, next_row_, col, std::to_string(*n));
      } else {
        lxw_error err = worksheet_write_number(data_, next_row_, col, static_cast<double>(*n), integer_);
        if (err != LXW_NO_ERROR) throw export_failed(lxw_strerror(err));
      }
    }
  }
  ++next_row_;
}

void XlsxSheetWriter::add_reference_sheet(const std::string& name, const std::vector<std::string>& header,
                                          const std::vector<std::vector<std::string>>& rows, bool hidden) {
  if (!wb_) throw std::logic_error("XlsxSheetWriter::add_reference_sheet after finish()");
  // Each worksheet of a constant_memory workbook streams to its own temporary file, so this
  // sheet can be written whole while the data sheet is half written.
  lxw_worksheet* ws = add_sheet(name);
  write_header(ws, header);
  if (rows.size() >= LXW_ROW_MAX)
    throw too_large("Quá 1.048.575 dòng, giới hạn của Excel", "More than 1,048,575 rows, the limit of Excel");
  for (size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].size() > LXW_COL_MAX) throw too_large("Quá 16.384 cột", "More than 16,384 columns");
    for (size_t c = 0; c < rows[r].size(); ++c)
      write_text(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), rows[r][c]);
  }
  if (hidden) worksheet_hide(ws);
}

void XlsxSheetWriter::list_validation(size_t column, const std::string& sheet, size_t source_column, size_t first_row,
                                      size_t last_row, const std::string& prompt) {
  if (!wb_) throw std::logic_error("XlsxSheetWriter::list_validation after finish()");
  if (first_row > last_row || first_row == 0) return;
  if (column >= LXW_COL_MAX || source_column >= 26) throw std::invalid_argument("XlsxSheetWriter::list_validation: column");
  const std::string c(1, static_cast<char>('A' + source_column));
  std::string formula = "='" + sheet + "'!$" + c + "$" + std::to_string(first_row) + ":$" + c + "$" + std::to_string(last_row);
  std::string title = "Chọn trong danh sách";
  std::string error_title = "Không có trong danh sách", error = "Giá trị này không có trong danh sách; máy chủ sẽ kiểm tra khi nhập.";
  lxw_data_validation dv = {};
  dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
  dv.value_formula = formula.data();
  dv.ignore_blank = LXW_VALIDATION_ON;
  dv.dropdown = LXW_VALIDATION_ON;
  dv.show_input = LXW_VALIDATION_ON;
  dv.input_title = title.data();
  std::string msg = prompt.substr(0, utf8_prefix_bytes(prompt, 250));
  dv.input_message = msg.data();
  dv.show_error = LXW_VALIDATION_ON;
  dv.error_type = LXW_VALIDATION_ERROR_TYPE_INFORMATION;
  dv.error_title = error_title.data();
  dv.error_message = error.data();
  const auto col = static_cast<lxw_col_t>(column);
  lxw_error err = worksheet_data_validation_range(data_, 1, col, 65535, col, &dv);
  if (err != LXW_NO_ERROR) throw export_failed(lxw_strerror(err));
}

void XlsxSheetWriter::finish() {
  if (!wb_ || next_row_ == 0) throw std::logic_error("SheetWriter::finish without header() or twice");
  if (columns_ > 0)
    worksheet_autofilter(data_, 0, 0, next_row_ - 1, static_cast<lxw_col_t>(columns_ - 1));
  lxw_workbook* wb = wb_;
  wb_ = nullptr;  // workbook_close frees the workbook whatever it returns
  finished_ = true;
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) throw export_failed(lxw_strerror(err));
}

}  // namespace longghep
