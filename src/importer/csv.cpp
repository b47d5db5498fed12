#include "importer/csv.hpp"

#include "domain/error.hpp"

namespace longghep {

std::vector<CsvRow> parse_csv(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  bool quoted = false, any = false;
  size_t line = 1, quote_line = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
        else quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"') { quoted = true; quote_line = line; any = true; }
    else if (c == ',') { row.push_back(std::move(field)); field.clear(); any = true; }
    else if (c == '\r') {}
    else if (c == '\n') {
      ++line;
      if (any || !field.empty()) { row.push_back(std::move(field)); rows.push_back(std::move(row)); }
      row.clear(); field.clear(); any = false;
    } else { field += c; any = true; }
  }
  if (quoted)
    throw Error::BadRequest("Tệp CSV lỗi: dấu ngoặc kép mở ở dòng " + std::to_string(quote_line) + " không được đóng",
                            "Malformed CSV: quote opened on line " + std::to_string(quote_line) + " is never closed", "file");
  if (any || !field.empty()) { row.push_back(std::move(field)); rows.push_back(std::move(row)); }
  return rows;
}

}  // namespace longghep
