// RFC 4180 CSV reading (quoted fields, doubled quotes, CRLF or LF), UTF-8 with optional BOM.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace longghep {

using CsvRow = std::vector<std::string>;
// Throws Error(400) on an unterminated quote, naming the line.
std::vector<CsvRow> parse_csv(std::string_view text);

}  // namespace longghep
