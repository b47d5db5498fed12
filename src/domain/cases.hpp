// People supported (hồ sơ hỗ trợ, issue 16): the pure rules. No I/O; storage/cases and
// http/routes_cases apply them. docs/api-cases.md, docs/ARCHITECTURE.md "Sealed fields and the wall".
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access.hpp"
#include "domain/date.hpp"

namespace longghep::cases {

// ----- the record -----
inline constexpr const char* kStatuses[] = {"open", "closed"};
inline constexpr const char* kSexes[] = {"female", "male", "other", "unknown"};
bool is_status(std::string_view s);
bool is_sex(std::string_view s);

// The sealed identity fields, by their wire names (camelCase) and column stems.
struct SealedField {
  const char* name;    // fullName
  const char* column;  // full_name (column full_name_sealed)
  size_t max_chars;  // as typed (idNumber: spaces and dots allowed, then 9 or 12 digits)
};
inline constexpr SealedField kSealedFields[] = {
    {"fullName", "full_name", 200}, {"idNumber", "id_number", 40}, {"phone", "phone", 20},
    {"address", "address", 500},    {"notes", "notes", 4000}};
const SealedField* sealed_field(std::string_view name);

// "52-2026-000123": province code, year, sequence (6 digits, more when past 999999).
std::string client_code(const std::string& province_code, int year, long long seq);
// The parts of a client code; nullopt when it is not one.
struct CodeParts {
  std::string province;
  int year = 0;
  long long seq = 0;
};
std::optional<CodeParts> parse_client_code(std::string_view code);

// Birth year: 1900..the registration year (a person is born before being registered).
void validate_birth_year(int year, int registered_year);
// A CCCD (12 digits) or an old CMND (9 digits), spaces and dots ignored; the digits, else 400
// validation_failed naming `field` (the message never repeats the value).
std::string normalise_id_number(std::string_view text, const std::string& field = "idNumber");
// What the name hash is computed over: the folded name (domain/text fold_for_search: lower case,
// no diacritics, đ→d, single spaces, trimmed) and the birth year. Empty name → empty key.
std::string name_search_key(std::string_view full_name, int birth_year);

// ----- consent per purpose -----
// 'services', 'statistics' or 'referral:<agency kind code>' (lower-case letters, digits, '_').
bool is_consent_purpose(std::string_view purpose);
// The agency kind of a referral purpose, else empty.
std::string referral_kind(std::string_view purpose);

struct ConsentEvent {
  long long id = 0;
  std::string purpose;
  bool given = false;  // given, else withdrawn
  Date effective_on = Date::min();
  int version = 0;     // 1, 2, … per (case, purpose)
};
// Whether consent for `purpose` holds on `on`: the latest event of that purpose effective on or
// before `on` (ties: the higher version) is a "given". No event: no consent — never by default.
bool consent_holds(const std::vector<ConsentEvent>& events, std::string_view purpose, Date on);
// The event in force for `purpose` on `on`, or nullptr.
const ConsentEvent* current_consent(const std::vector<ConsentEvent>& events, std::string_view purpose, Date on);
// Checks a new event against the history: a withdrawal needs consent in force on its date; a
// new "given" needs none in force; an event dated before the latest one of its purpose is refused
// (history is appended, never rewritten). Throws 409/400 Error naming the field.
void check_consent_event(const std::vector<ConsentEvent>& events, std::string_view purpose, bool given, Date on);

// ----- reveal -----
inline constexpr int kReasonMin = 10, kReasonMax = 500;  // characters (code points), trimmed
inline constexpr int kRevealsPerHour = 20;               // per user, across all records
// The reason as stored: trimmed; 400 validation_failed "reason" unless 10..500 characters.
std::string validate_reason(std::string_view reason);
// Only the case worker assigned to the record or its supervisor, holding cases.reveal, and not
// behind the wall (Access::has). Throws 403 forbidden (vi + en: "only the assigned case worker
// and its supervisor") otherwise.
void require_can_reveal(const Principal& p, long long case_worker_id, long long supervisor_id);
bool can_reveal(const Principal& p, long long case_worker_id, long long supervisor_id);
// `reveals_last_hour`: this user's reveals since an hour ago. 429 too_many_reveals beyond the limit.
void require_reveal_allowed(int reveals_last_hour);

// Changing who is assigned (and so who may reveal): only a supervisor — a holder of
// cases.supervise, or the record's own supervisor. Unchanged assignments pass. Throws 403 forbidden.
void require_can_reassign(const Principal& p, long long worker, long long supervisor, long long new_worker,
                          long long new_supervisor);

// Who may be assigned: the case worker must hold the case_worker role, the supervisor the
// case_supervisor role, neither may be behind the wall. Throws 400 naming the field.
void require_assignable(const std::set<std::string>& roles, bool active, const std::string& field);

// ----- referrals (issue 16 item 5) -----
// What a referral may share with the receiving agency: non-identity fields only (the sealed
// fields are never shareable). The client code, reason and due date always go.
inline constexpr const char* kShareableFields[] = {"birthYear", "sex", "targetGroups", "residence"};
bool is_shareable_field(std::string_view f);
inline constexpr const char* kReferralStatuses[] = {"sent", "accepted", "rejected", "done", "revoked"};
bool is_referral_status(std::string_view s);
inline constexpr int kResponseDaysMax = 90;
// The actions on a referral: accept, reject (with a reason) and done by the receiving agency;
// revoke by the referring side.
enum class ReferralAction { accept, reject, done, revoke };
std::optional<ReferralAction> referral_action(std::string_view name);
// The state machine: sent → accepted | rejected | revoked; accepted → done | revoked; rejected,
// done and revoked are final. The new status, or 409 conflict (vi + en) for a refused transition.
std::string referral_next(std::string_view status, ReferralAction a);
bool referral_allowed(std::string_view status, ReferralAction a);
// Overdue is derived, never stored: still "sent" (not answered) after its due date.
bool referral_overdue(std::string_view status, Date due_on, Date today);

// ----- statistics -----
inline constexpr long long kSmallCell = 5;
// Small-cell suppression for every case measure: counts 1..4 are hidden (nullopt); 0 and ≥ 5 shown.
std::optional<long long> suppress_small(long long count);

}  // namespace longghep::cases
