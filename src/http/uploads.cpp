#include "http/uploads.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/MediaType.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <unistd.h>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "importer/sheet_reader.hpp"
#include "storage/audit.hpp"

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

std::vector<std::pair<long long, std::vector<std::string>>> uploaded_sheet_rows(Ctx& c, const UploadedFile& f, long long max_rows) {
  if (f.content.empty()) throw Error::Validation("file", "Tệp rỗng", "The file is empty");
  const auto format = detect_sheet_format(std::string_view(f.content).substr(0, 4096), f.filename);
  if (!format) throw Error::Validation("file", "Chỉ nhận tệp .xlsx hoặc .csv (UTF-8)", "Only .xlsx or .csv (UTF-8) files are accepted");
  std::vector<std::pair<long long, std::vector<std::string>>> rows;
  auto on_row = [&](long long row, std::vector<std::string>& cells) {
    if (row == 1) return true;  // the header
    if (static_cast<long long>(rows.size()) >= max_rows)
      throw Error::Validation("file", "Tối đa " + std::to_string(max_rows) + " dòng mỗi lần nhập",
                              "At most " + std::to_string(max_rows) + " rows per import");
    for (auto& x : cells) x = to_nfc(x);
    rows.emplace_back(row, cells);
    return true;
  };
  if (*format == SheetFormat::xlsx) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("lg-import-" + std::to_string(::getpid()) + "-" + std::to_string(c.me().user_id) + "-" +
                       std::to_string(now_unix()) + ".xlsx");
    { std::ofstream out(path, std::ios::binary); out << f.content; }
    try {
      read_xlsx_rows(path.string(), on_row);
    } catch (...) {
      std::filesystem::remove(path);
      throw;
    }
    std::filesystem::remove(path);
  } else {
    std::istringstream in(f.content);
    read_csv_rows(in, on_row);
  }
  return rows;
}

std::optional<Date> sheet_cell_date(const std::string& v, const std::string& field) {
  if (v.empty()) return std::nullopt;
  if (auto d = Date::parse(v)) return d;
  if (auto iso = excel_serial_to_iso(v)) return Date::parse(*iso);
  int dd = 0, mm = 0, yy = 0;
  char a = 0, b = 0;
  std::istringstream in(v);
  if (in >> dd >> a >> mm >> b >> yy && a == '/' && b == '/' && in.peek() == EOF && mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31 &&
      yy >= 1900 && yy <= 9999)
    if (auto d = Date::parse(std::to_string(yy) + "-" + (mm < 10 ? "0" : "") + std::to_string(mm) + "-" + (dd < 10 ? "0" : "") +
                             std::to_string(dd)))
      return d;
  throw Error::Validation(field, "Ngày không hợp lệ (dd/mm/yyyy): " + v, "Invalid date (dd/mm/yyyy): " + v);
}

}  // namespace longghep
