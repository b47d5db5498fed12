// Reading uploaded files from a request: multipart/form-data (part `file`) or a raw body named by
// ?filename=. Shared by every route that accepts a file.
#pragma once
#include <map>
#include <optional>
#include <string>

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

}  // namespace longghep
