// Where the bytes live: in the database, base64 text in attachments.content_b64.
//
// Why not BLOB/BYTEA: SOCI's soci::blob is a BLOB on SQLite but a large object (lo_*, an oid)
// on PostgreSQL, which lives outside the row, is not removed with it and needs its own
// cleanup; binding bytes as a std::string to BYTEA goes through the text protocol and breaks
// at NUL bytes. Why not files under data/files/<sha256>: a file written before a transaction
// that then rolls back stays behind, the server would need a second storage location to back up
// and configure, and tests would have to inspect the disk. Base64 in a TEXT column is the same
// SQL on both databases, commits and rolls back with the record it belongs to (a refused
// upload stores nothing), and costs 4/3 of the size for files of at most 10 MiB.
#include "storage/attachments.hpp"

#include <sodium.h>

#include <algorithm>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "security/crypto.hpp"

namespace longghep {
using nlohmann::json;

namespace {
constexpr const char* kPdf = "application/pdf";
constexpr const char* kDocx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

std::string lower_ascii(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Error invalid_file(const std::string& vi, const std::string& en) {
  return Error(400, "invalid_file", vi, en, "file");
}

std::string to_base64(const std::string& bin) {
  std::string out(sodium_base64_ENCODED_LEN(bin.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bin.data()), bin.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string from_base64(const std::string& b64) {
  std::string out(b64.size() / 4 * 3 + 3, '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(), b64.size(), nullptr,
                        &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    throw std::runtime_error("corrupt attachment content");
  out.resize(len);
  return out;
}

const char* kSelect =
    "SELECT id, owner_kind, owner_id, org_unit_id, filename, content_type, size_bytes, sha256, created_by, created_at "
    "FROM attachments";
}  // namespace

std::string check_upload(const UploadedFile& f, std::string& clean_name, bool allow_photos) {
  if (f.content.empty()) throw Error::Validation("file", "Tệp rỗng", "The file is empty");
  if (f.content.size() > kMaxAttachmentBytes)
    throw Error(413, "payload_too_large", "Tệp quá lớn (tối đa 10 MiB)", "The file is too large (at most 10 MiB)", "file");
  std::string name = f.filename;
  if (auto slash = name.find_last_of("/\\"); slash != std::string::npos) name = name.substr(slash + 1);
  if (name.empty() || name.size() > 255 || !is_clean_utf8(name) || name.find_first_of("\t\n") != std::string::npos)
    throw Error::Validation("file", "Tên tệp không hợp lệ hoặc thiếu", "The file name is missing or invalid");
  clean_name = name;
  const std::string ext = lower_ascii(name);
  const std::string ct = lower_ascii(f.content_type.substr(0, f.content_type.find(';')));
  const bool generic = ct.empty() || ct == "application/octet-stream";
  if (f.content.rfind("%PDF-", 0) == 0) {
    if (!ends_with(ext, ".pdf"))
      throw invalid_file("Tệp PDF phải có đuôi .pdf", "A PDF file must be named .pdf");
    if (!generic && ct != kPdf)
      throw invalid_file("Kiểu nội dung không khớp với tệp PDF: " + ct, "The content type does not match a PDF: " + ct);
    return kPdf;
  }
  if (ends_with(ext, ".docx")) {
    const bool zip = f.content.rfind(std::string("PK\x03\x04", 4), 0) == 0;
    if (!zip || f.content.find("word/") == std::string::npos || f.content.find("[Content_Types].xml") == std::string::npos)
      throw invalid_file("Tệp .docx không phải văn bản Word hợp lệ", "The .docx file is not a valid Word document");
    if (!generic && ct != kDocx && ct != "application/zip")
      throw invalid_file("Kiểu nội dung không khớp với tệp DOCX: " + ct, "The content type does not match a DOCX: " + ct);
    return kDocx;
  }
  if (allow_photos) {
    const bool jpeg = f.content.rfind(std::string("\xFF\xD8\xFF", 3), 0) == 0;
    const bool png = f.content.rfind(std::string("\x89PNG\r\n\x1A\n", 8), 0) == 0;
    if (jpeg || png) {
      const std::string type = jpeg ? "image/jpeg" : "image/png";
      if (jpeg ? !(ends_with(ext, ".jpg") || ends_with(ext, ".jpeg")) : !ends_with(ext, ".png"))
        throw invalid_file("Tên tệp ảnh phải có đuôi .jpg, .jpeg hoặc .png đúng với nội dung",
                           "A photo must be named .jpg, .jpeg or .png as its content is");
      if (!generic && ct != type)
        throw invalid_file("Kiểu nội dung không khớp với tệp ảnh: " + ct, "The content type does not match the photo: " + ct);
      return type;
    }
    throw invalid_file("Chỉ nhận tệp PDF, Word (.docx) hoặc ảnh JPEG/PNG",
                       "Only PDF, Word (.docx) or JPEG/PNG photos are accepted");
  }
  throw invalid_file("Chỉ nhận tệp PDF hoặc Word (.docx)", "Only PDF or Word (.docx) files are accepted");
}

long long store_attachment(soci::session& s, const std::string& owner_kind, long long owner_id,
                           long long org_unit_id, const UploadedFile& f, const Actor& actor) {
  std::string name;
  const std::string type = check_upload(f, name, owner_kind == "activity" || owner_kind == "inspection");
  const std::string sha = security::sha256_hex(f.content), b64 = to_base64(f.content), now = now_iso_utc();
  const long long size = static_cast<long long>(f.content.size());
  long long id = 0;
  s << "INSERT INTO attachments(owner_kind, owner_id, org_unit_id, filename, content_type, size_bytes, sha256, content_b64, created_by, created_at) "
       "VALUES(:k, :o, :u, :f, :t, :n, :h, :c, :b, :a) RETURNING id",
      soci::use(owner_kind), soci::use(owner_id), soci::use(org_unit_id), soci::use(name), soci::use(type),
      soci::use(size), soci::use(sha), soci::use(b64), soci::use(actor.username), soci::use(now), soci::into(id);
  record_audit(s, actor, {"create", "attachment", std::to_string(id), org_unit_id, std::nullopt,
                          json{{"ownerKind", owner_kind}, {"ownerId", owner_id}, {"filename", name},
                               {"contentType", type}, {"size", size}, {"sha256", sha}}});
  return id;
}

std::optional<AttachmentMeta> get_attachment(soci::session& s, long long id) {
  AttachmentMeta a;
  s << std::string(kSelect) + " WHERE id = :id", soci::into(a.id), soci::into(a.owner_kind), soci::into(a.owner_id),
      soci::into(a.org_unit_id), soci::into(a.filename), soci::into(a.content_type), soci::into(a.size),
      soci::into(a.sha256), soci::into(a.created_by), soci::into(a.created_at), soci::use(id);
  if (!s.got_data()) return std::nullopt;
  return a;
}

std::vector<AttachmentMeta> attachments_of(soci::session& s, const std::string& owner_kind, long long owner_id) {
  std::vector<AttachmentMeta> out;
  AttachmentMeta a;
  soci::statement st = (s.prepare << std::string(kSelect) + " WHERE owner_kind = :k AND owner_id = :o ORDER BY id",
                        soci::into(a.id), soci::into(a.owner_kind), soci::into(a.owner_id), soci::into(a.org_unit_id),
                        soci::into(a.filename), soci::into(a.content_type), soci::into(a.size), soci::into(a.sha256),
                        soci::into(a.created_by), soci::into(a.created_at), soci::use(owner_kind), soci::use(owner_id));
  st.execute();
  while (st.fetch()) out.push_back(a);
  return out;
}

std::string attachment_content(soci::session& s, long long id) {
  std::string b64;
  s << "SELECT content_b64 FROM attachments WHERE id = :id", soci::into(b64), soci::use(id);
  if (!s.got_data()) throw Error::NotFound("tệp đính kèm", "Attachment");
  return from_base64(b64);
}

json attachment_json(const AttachmentMeta& a) {
  return {{"id", a.id}, {"filename", a.filename}, {"contentType", a.content_type}, {"size", a.size},
          {"sha256", a.sha256}, {"createdBy", a.created_by}, {"createdAt", a.created_at},
          {"url", "/api/attachments/" + std::to_string(a.id)}};
}

std::string content_disposition(const std::string& filename) {
  std::string ascii;
  for (unsigned char c : fold_for_search(filename))
    ascii += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != ';') ? static_cast<char>(c) : '_';
  // fold_for_search lower-cases; keep the original case where the name was ASCII already
  bool plain = std::all_of(filename.begin(), filename.end(), [](unsigned char c) {
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != ';';
  });
  if (plain) ascii = filename;
  std::string encoded;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : filename) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == '~') encoded += static_cast<char>(c);
    else {
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace longghep
