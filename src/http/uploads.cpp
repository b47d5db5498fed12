#include "http/uploads.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/MediaType.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>

#include <iterator>
#include <sstream>

#include "domain/error.hpp"

namespace longghep {

std::optional<std::map<std::string, Part>> multipart_parts(const Request& req) {
  auto ct = req.headers.find("content-type");
  if (ct == req.headers.end()) return std::nullopt;
  try {
    Poco::Net::MediaType type(ct->second);
    if (!type.matches("multipart", "form-data")) return std::nullopt;
    std::istringstream in(req.body);
    Poco::Net::MultipartReader reader(in, type.getParameter("boundary"));
    std::map<std::string, Part> parts;
    while (reader.hasNextPart()) {
      Poco::Net::MessageHeader header;
      reader.nextPart(header);
      Part p;
      p.content.assign(std::istreambuf_iterator<char>(reader.stream()), std::istreambuf_iterator<char>());
      std::string disposition;
      Poco::Net::NameValueCollection params;
      Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, params);
      p.is_file = params.has("filename");
      p.filename = params.get("filename", "");
      p.content_type = header.get("Content-Type", "");
      parts.emplace(params.get("name", ""), std::move(p));
    }
    return parts;
  } catch (const Poco::Exception& e) {
    throw Error::BadRequest("Biểu mẫu tải tệp không hợp lệ", "Malformed multipart upload: " + e.displayText(), "file");
  }
}

UploadedFile uploaded_file(Ctx& c) {
  if (auto parts = multipart_parts(c.req)) {
    auto it = parts->find("file");
    if (it == parts->end() || !it->second.is_file) throw Error::Validation("file", "Biểu mẫu không có tệp (phần \"file\")", "The form holds no file (part \"file\")");
    return {it->second.filename, it->second.content_type, std::move(it->second.content)};
  }
  auto ct = c.req.headers.find("content-type");
  return {c.q("filename"), ct == c.req.headers.end() ? "" : ct->second, c.req.body};
}

}  // namespace longghep
