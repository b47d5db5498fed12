// Reading uploaded files from a request: multipart/form-data (part `file`) or a raw body named by
// ?filename=. Shared by every route that accepts a file.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/context.hpp"
#include "storage/attachments.hpp"

namespace longghep {

struct Part {
  std::string filename, content_type, content;
  bool is_file = false;
};

// The parts of a multipart/form-data body by name; nullopt when the body is not multipart.
std::optional<std::map<std::string, Part>> multipart_parts(const Request& req);
// The uploaded file: multipart part `file`, or the raw body named by ?filename=.
UploadedFile uploaded_file(Ctx& c);

// The data rows of an uploaded .xlsx or CSV (UTF-8) sheet (the header row skipped), each with its
// row number, cells NFC-normalised: the reading path of the imports (businesses, the legal
// table). 400 when empty or of another format, or beyond `max_rows` rows.
std::vector<std::pair<long long, std::vector<std::string>>> uploaded_sheet_rows(Ctx& c, const UploadedFile& f, long long max_rows);
// A date cell: YYYY-MM-DD, an Excel serial, or dd/mm/yyyy; nullopt when empty; 400 naming `field` otherwise.
std::optional<Date> sheet_cell_date(const std::string& v, const std::string& field);

}  // namespace longghep
