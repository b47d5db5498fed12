#include "domain/businesses.hpp"

#include "domain/error.hpp"
#include "domain/text.hpp"

namespace longghep::businesses {
namespace {
size_t chars_of(const std::string& s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    utf8_next(s, i);
    ++n;
  }
  return n;
}
bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }
}  // namespace

bool is_status(const std::string& s) {
  for (const char* x : kStatuses)
    if (s == x) return true;
  return false;
}

void validate(const BusinessFields& f, Date today) {
  std::vector<FieldIssue> issues;
  auto too_long = [&](const std::string& v, size_t max, const char* field) {
    if (chars_of(v) > max)
      issues.push_back({field, "Quá dài (tối đa " + std::to_string(max) + " ký tự)",
                        "Too long (at most " + std::to_string(max) + " characters)"});
  };
  if (blank(f.name)) issues.push_back({"name", "Tên cơ sở là bắt buộc", "The business name is required"});
  too_long(f.name, kNameMax, "name");
  if (blank(f.type_code)) issues.push_back({"typeCode", "Loại hình kinh doanh là bắt buộc", "The business type is required"});
  if (f.commune_unit_id <= 0) issues.push_back({"communeCode", "Xã, phường là bắt buộc", "The commune is required"});
  too_long(f.address, kAddressMax, "address");
  too_long(f.owner_name, kTextMax, "ownerName");
  too_long(f.antt_person, kTextMax, "anttPerson");
  too_long(f.antt_cert_number, kTextMax, "anttCertNumber");
  too_long(f.antt_cert_issuer, kTextMax, "anttCertIssuer");
  too_long(f.sector_licence, kTextMax, "sectorLicence");
  for (auto [v, field] : {std::pair{f.workers_female, "workersFemale"}, std::pair{f.workers_male, "workersMale"}})
    if (v < 0 || v > kWorkersMax)
      issues.push_back({field, "Số người lao động phải từ 0 đến " + std::to_string(kWorkersMax),
                        "The number of workers must be 0 to " + std::to_string(kWorkersMax)});
  if (f.antt_cert_date && *f.antt_cert_date > today)
    issues.push_back({"anttCertDate", "Ngày cấp giấy chứng nhận ANTT không được ở tương lai",
                      "The security certificate date cannot be in the future"});
  if (f.police_notified_on && *f.police_notified_on > today)
    issues.push_back({"policeNotifiedOn", "Ngày thông báo công an xã không được ở tương lai",
                      "The police notification date cannot be in the future"});
  if (!issues.empty()) throw Error::Invalid(std::move(issues));
}

std::string duplicate_key(const std::string& name, const std::string& address, long long commune_unit_id) {
  auto trim = [](std::string s) {
    const auto b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  };
  return trim(fold_for_search(name)) + "|" + trim(fold_for_search(address)) + "|" + std::to_string(commune_unit_id);
}

void require_transition(const std::string& from, Date from_since, const std::string& to, Date on,
                        const std::string& reason, Date today) {
  if (!is_status(to))
    throw Error::Validation("status", "Trạng thái: operating, suspended hoặc closed", "status: operating, suspended or closed");
  if (blank(reason)) throw Error::Validation("reason", "Cần nêu lý do thay đổi trạng thái", "A reason is required");
  if (chars_of(reason) > kReasonMax)
    throw Error::Validation("reason", "Lý do quá dài (tối đa 1000 ký tự)", "The reason is too long (at most 1000 characters)");
  if (on > today) throw Error::Validation("effectiveOn", "Ngày hiệu lực không được ở tương lai", "The date cannot be in the future");
  if (on < from_since)
    throw Error::Validation("effectiveOn", "Ngày hiệu lực không được trước ngày của trạng thái hiện tại (" + from_since.vn() + ")",
                            "The date cannot be before the current status's date (" + from_since.iso() + ")");
  if (to == from)
    throw Error(409, "same_status", "Cơ sở đang ở trạng thái này", "The business already has this status", "status");
  if (from == "closed")
    throw Error(409, "business_closed", "Cơ sở đã ngừng hoạt động; hãy đăng ký cơ sở mới",
                "The business is closed; register it anew", "status");
}

}  // namespace longghep::businesses
