#include "domain/cases.hpp"

#include <algorithm>
#include <cstdio>

#include "domain/error.hpp"
#include "domain/text.hpp"

namespace longghep::cases {

bool is_status(std::string_view s) {
  return std::any_of(std::begin(kStatuses), std::end(kStatuses), [&](const char* x) { return s == x; });
}
bool is_sex(std::string_view s) {
  return std::any_of(std::begin(kSexes), std::end(kSexes), [&](const char* x) { return s == x; });
}

const SealedField* sealed_field(std::string_view name) {
  for (const auto& f : kSealedFields)
    if (name == f.name) return &f;
  return nullptr;
}

std::string client_code(const std::string& province_code, int year, long long seq) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "-%04d-%06lld", year, seq);
  return province_code + buf;
}

std::optional<CodeParts> parse_client_code(std::string_view code) {
  const size_t a = code.find('-');
  if (a == std::string_view::npos || a == 0 || a > 8) return std::nullopt;
  const size_t b = code.find('-', a + 1);
  if (b != a + 5) return std::nullopt;
  auto y = parse_digits(code.substr(a + 1, 4), 4);
  auto s = parse_digits(code.substr(b + 1), 12);
  if (!y || !s || code.size() - b - 1 < 6) return std::nullopt;
  for (char c : code.substr(0, a))
    if (!(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z')) return std::nullopt;
  return CodeParts{std::string(code.substr(0, a)), static_cast<int>(*y), *s};
}

void validate_birth_year(int year, int registered_year) {
  if (year < 1900 || year > registered_year)
    throw Error::Validation("birthYear", "Năm sinh phải từ 1900 đến năm đăng ký hồ sơ",
                            "The birth year must be from 1900 to the year of registration");
}

std::string normalise_id_number(std::string_view text, const std::string& field) {
  std::string digits;
  bool ok = text.size() <= 40;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits += c;
    else if (c != ' ' && c != '.' && c != '-') ok = false;
  }
  if (!ok || (digits.size() != 12 && digits.size() != 9))
    throw Error::Validation(field, "Số định danh (CCCD) gồm 12 chữ số (hoặc CMND 9 chữ số)",
                            "The identity number (CCCD) has 12 digits (an old CMND 9)");
  return digits;
}

std::string name_search_key(std::string_view full_name, int birth_year) {
  std::string f = fold_for_search(full_name);
  const size_t a = f.find_first_not_of(' '), e = f.find_last_not_of(' ');
  if (a == std::string::npos) return "";
  return f.substr(a, e - a + 1) + "|" + std::to_string(birth_year);
}

std::string referral_kind(std::string_view purpose) {
  constexpr std::string_view p = "referral:";
  if (purpose.substr(0, p.size()) != p) return "";
  return std::string(purpose.substr(p.size()));
}

bool is_consent_purpose(std::string_view purpose) {
  if (purpose == "services" || purpose == "statistics") return true;
  const std::string k = referral_kind(purpose);
  if (k.empty() || k.size() > 32) return false;
  return std::all_of(k.begin(), k.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

const ConsentEvent* current_consent(const std::vector<ConsentEvent>& events, std::string_view purpose, Date on) {
  const ConsentEvent* best = nullptr;
  for (const auto& e : events) {
    if (e.purpose != purpose || e.effective_on > on) continue;
    if (!best || e.effective_on > best->effective_on || (e.effective_on == best->effective_on && e.version > best->version))
      best = &e;
  }
  return best;
}

bool consent_holds(const std::vector<ConsentEvent>& events, std::string_view purpose, Date on) {
  const ConsentEvent* c = current_consent(events, purpose, on);
  return c && c->given;
}

void check_consent_event(const std::vector<ConsentEvent>& events, std::string_view purpose, bool given, Date on) {
  for (const auto& e : events)
    if (e.purpose == purpose && e.effective_on > on)
      throw Error::Validation("effectiveOn", "Ngày hiệu lực trước lần ghi nhận gần nhất của mục đích này",
                              "The date is before the latest record of this purpose");
  const bool holds = consent_holds(events, purpose, on);
  if (given && holds)
    throw Error(409, "consent_already_given", "Người này đã đồng ý cho mục đích này",
                "Consent for this purpose is already given", "purpose");
  if (!given && !holds)
    throw Error(409, "consent_not_given", "Không có sự đồng ý đang hiệu lực để rút lại",
                "There is no consent in force to withdraw", "purpose");
}

std::string validate_reason(std::string_view reason) {
  std::string r(reason);
  const size_t a = r.find_first_not_of(" \t\r\n"), e = r.find_last_not_of(" \t\r\n");
  r = a == std::string::npos ? "" : r.substr(a, e - a + 1);
  size_t chars = 0;
  for (size_t i = 0; i < r.size();) {
    utf8_next(r, i);
    ++chars;
  }
  if (chars < static_cast<size_t>(kReasonMin) || chars > static_cast<size_t>(kReasonMax) || !is_clean_utf8(r))
    throw Error::Validation("reason", "Lý do xem danh tính phải có từ 10 đến 500 ký tự",
                            "The reason for revealing must have 10 to 500 characters");
  return r;
}

bool can_reveal(const Principal& p, long long case_worker_id, long long supervisor_id) {
  if (!Access::has(p, perm::kCasesReveal)) return false;  // the wall is in Access::has
  return p.user_id != 0 && (p.user_id == case_worker_id || (supervisor_id != 0 && p.user_id == supervisor_id));
}

void require_can_reveal(const Principal& p, long long case_worker_id, long long supervisor_id) {
  if (!can_reveal(p, case_worker_id, supervisor_id))
    throw Error(403, "forbidden",
                "Chỉ cán bộ quản lý trường hợp được phân công và người giám sát của hồ sơ mới xem được danh tính",
                "Only the case worker assigned to the record and its supervisor may reveal the identity");
}

void require_can_reassign(const Principal& p, long long worker, long long supervisor, long long new_worker,
                          long long new_supervisor) {
  if (worker == new_worker && supervisor == new_supervisor) return;
  if (Access::has(p, perm::kCasesSupervise) || (supervisor != 0 && p.user_id == supervisor && Access::has(p, perm::kCasesRecord)))
    return;
  throw Error(403, "forbidden", "Chỉ người giám sát mới được phân công lại cán bộ phụ trách hoặc người giám sát của hồ sơ",
              "Only a supervisor may reassign the record's case worker or supervisor",
              worker != new_worker ? "caseWorkerId" : "supervisorId");
}

void require_reveal_allowed(int reveals_last_hour) {
  if (reveals_last_hour >= kRevealsPerHour)
    throw Error(429, "too_many_reveals", "Bạn đã xem danh tính 20 lần trong một giờ qua; vui lòng thử lại sau",
                "You have revealed identities 20 times in the past hour; please try again later");
}

void require_assignable(const std::set<std::string>& roles, bool active, const std::string& field) {
  const bool supervisor = field == "supervisorId";
  const char* role = supervisor ? "case_supervisor" : "case_worker";
  if (!active || !roles.count(role) || Access::behind_wall(roles))
    throw Error::Validation(field,
                            supervisor ? "Người giám sát phải là tài khoản đang hoạt động có vai trò giám sát quản lý trường hợp"
                                       : "Cán bộ phụ trách phải là tài khoản đang hoạt động có vai trò quản lý trường hợp",
                            supervisor ? "The supervisor must be an active account with the case supervisor role"
                                       : "The case worker must be an active account with the case worker role");
}

std::optional<long long> suppress_small(long long count) {
  if (count > 0 && count < kSmallCell) return std::nullopt;
  return count;
}

// ----- referrals -----
bool is_shareable_field(std::string_view f) {
  for (const char* x : kShareableFields)
    if (f == x) return true;
  return false;
}
bool is_referral_status(std::string_view s) {
  for (const char* x : kReferralStatuses)
    if (s == x) return true;
  return false;
}
std::optional<ReferralAction> referral_action(std::string_view name) {
  if (name == "accept") return ReferralAction::accept;
  if (name == "reject") return ReferralAction::reject;
  if (name == "done") return ReferralAction::done;
  if (name == "revoke") return ReferralAction::revoke;
  return std::nullopt;
}
namespace {
const char* next_status(std::string_view status, ReferralAction a) {
  switch (a) {
    case ReferralAction::accept: return status == "sent" ? "accepted" : nullptr;
    case ReferralAction::reject: return status == "sent" ? "rejected" : nullptr;
    case ReferralAction::done: return status == "accepted" ? "done" : nullptr;
    case ReferralAction::revoke: return status == "sent" || status == "accepted" ? "revoked" : nullptr;
  }
  return nullptr;
}
}  // namespace
bool referral_allowed(std::string_view status, ReferralAction a) { return next_status(status, a) != nullptr; }
std::string referral_next(std::string_view status, ReferralAction a) {
  const char* n = next_status(status, a);
  if (!n)
    throw Error(409, "referral_transition_refused",
                "Không thể thực hiện thao tác này với chuyển gửi ở trạng thái " + std::string(status),
                "This action is not allowed on a referral that is " + std::string(status));
  return n;
}
bool referral_overdue(std::string_view status, Date due_on, Date today) { return status == "sent" && today > due_on; }

}  // namespace longghep::cases
