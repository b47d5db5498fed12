// Uploaded files (PDF, DOCX) attached to a directive or to a task's progress update.
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "storage/audit.hpp"

namespace longghep {

inline constexpr size_t kMaxAttachmentBytes = 10u << 20;  // 10 MiB of file content

struct UploadedFile {
  std::string filename;      // as sent (path components are dropped)
  std::string content_type;  // as sent by the client ("" when none)
  std::string content;
};

// Checks an upload before anything is stored; throws:
//  400 validation_failed (field file) when empty or without a usable file name,
//  413 payload_too_large beyond kMaxAttachmentBytes,
//  400 invalid_file (field file) unless it is a PDF (starts with %PDF-, name .pdf) or a DOCX
//  (a ZIP starting PK\x03\x04 holding word/ parts, name .docx), with a content type that does
//  not contradict it (the format's own, application/octet-stream, or none).
// With `allow_photos` (an activity's evidence) also a JPEG (FF D8 FF, .jpg/.jpeg) or PNG
// (89 50 4E 47, .png). Returns the canonical content type and fills `clean_name`.
std::string check_upload(const UploadedFile& f, std::string& clean_name, bool allow_photos = false);

struct AttachmentMeta {
  long long id = 0;
  std::string owner_kind;  // directive | task_update
  long long owner_id = 0, org_unit_id = 0;
  std::string filename, content_type;
  long long size = 0;
  std::string sha256, created_by, created_at;
};

// Checks (check_upload) and stores the file, audited under `org_unit_id`; returns its id.
long long store_attachment(soci::session& s, const std::string& owner_kind, long long owner_id,
                           long long org_unit_id, const UploadedFile& f, const Actor& actor);
std::optional<AttachmentMeta> get_attachment(soci::session& s, long long id);
std::vector<AttachmentMeta> attachments_of(soci::session& s, const std::string& owner_kind, long long owner_id);
std::string attachment_content(soci::session& s, long long id);  // the original bytes
nlohmann::json attachment_json(const AttachmentMeta& a);
// Content-Disposition for a download: an ASCII fallback plus RFC 5987 filename* in UTF-8.
std::string content_disposition(const std::string& filename);

}  // namespace longghep
