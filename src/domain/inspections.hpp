// Inspections of service businesses (issue 17 §2–§6): the rules, without I/O. The legal reference
// in force for a kind of violation on a day (a DATED table: Decree 144/2021 until 14/12/2025,
// Decree 282/2025 from 15/12/2025), the checklist version in force for a business type on a day
// (type-specific before all-types), plan status moves, the inspection record's validation and
// finalisation, re-inspection overdue, plan coverage, the legal-table import's checks. Applied by
// storage/inspections and http/routes_inspections (docs/api-inspections.md).
#pragma once
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/error.hpp"

namespace longghep::inspections {

inline constexpr size_t kNameMax = 300, kTextMax = 200, kNoteMax = 2000, kFindingsMax = 10000;
inline constexpr long long kCountMax = 100000;
inline constexpr long long kFineMax = 10000000000LL;  // 10 billion đồng: far above any decree
inline constexpr size_t kMembersMax = 100, kViolationsMax = 50, kItemsMax = 200, kBusinessesMax = 5000;

// ----- the dated legal reference table -----
struct LegalRef {
  long long id = 0;
  std::string code, instrument, article, clause, point, topic;
  std::optional<long long> fine_min, fine_max;
  Date valid_from = Date::min();
  std::optional<Date> valid_to;  // inclusive; nullopt = open
  bool in_force(Date on) const { return valid_from <= on && (!valid_to || on <= *valid_to); }
};
// The row for `topic` in force on `on`: the latest valid_from among those in force, then the
// smallest code. Throws 404 `no_legal_reference` (vi + en) when none.
const LegalRef& resolve(const std::vector<LegalRef>& rows, const std::string& topic, Date on);

// ----- checklists -----
struct ChecklistVersionRef {
  long long id = 0;
  std::optional<std::string> type_code;  // nullopt = every type
  int version = 1;
  Date valid_from = Date::min();
};
// The version in force for `type` on `on`: among the versions of that type with valid_from <= on,
// the latest (valid_from, then version); when the type has none in force, the same among the
// all-types versions. nullptr when none.
const ChecklistVersionRef* checklist_in_force(const std::vector<ChecklistVersionRef>& versions, const std::string& type,
                                              Date on);
// The next version number of a list (type_code's own numbering): max + 1, 1 when none.
int next_checklist_version(const std::vector<ChecklistVersionRef>& versions, const std::optional<std::string>& type);

// ----- teams -----
struct TeamMember {
  std::string full_name, position;
};
void validate_team(const std::string& name, const std::string& decision_ref, const std::vector<TeamMember>& members);

// ----- plans -----
inline constexpr const char* kPlanStatuses[] = {"draft", "active", "closed"};
inline constexpr const char* kModes[] = {"announced", "unannounced", "mixed"};
struct PlanFields {
  int year = 0;
  std::string title, legal_basis, mode, note;
  std::optional<Date> legal_basis_date;
  std::optional<long long> coverage_target_pct, unannounced_target;
};
// Every fault at once (400 vi + en naming the wire field).
void validate_plan(const PlanFields& f, Date today);
// draft → active → closed, one step at a time; 409 `invalid_transition` otherwise, 400 for an
// unknown status.
void require_plan_transition(const std::string& from, const std::string& to);

// Coverage: inspected / in scope, in percent with one decimal; nullopt when nothing is in scope.
std::optional<double> coverage_pct(long long inspected, long long in_scope);

// ----- the inspection record -----
inline constexpr const char* kSignatures[] = {"pending", "signed", "refused"};
inline constexpr const char* kResults[] = {"pass", "fail", "na"};
struct ViolationFields {
  std::string topic, description, sanction_decision;
  long long fine_amount = 0;
};
struct InspectionFields {
  std::optional<Date> inspected_on;
  std::string started_at, ended_at;  // YYYY-MM-DDTHH:MM; ended_at "" = none
  std::string representative_name, representative_role, findings, measure_other, police_handover_note;
  std::string signature = "pending", refusal_reason, refusal_witness;
  std::optional<long long> suspension_days;
  std::optional<Date> reinspection_due;
  long long informed = 0, health_checked = 0, referred = 0;
  std::vector<ViolationFields> violations;
  std::vector<std::pair<std::string, std::string>> answers;  // result, note
  std::vector<TeamMember> members_present;
};
// Every fault at once (400 vi + en): inspectedOn required and not after today; startedAt a time on
// inspectedOn, endedAt after it; counts 0..kCountMax; text lengths; fines 0..kFineMax; signature
// and answer values; reinspectionDue after inspectedOn.
void validate_inspection(const InspectionFields& f, Date today);
// Finalising needs signature `signed`, or `refused` with a reason and a witness (400 naming them).
void require_finalisable(const std::string& signature, const std::string& refusal_reason, const std::string& refusal_witness);
// A record due for re-inspection is overdue when the due day has passed and the business has no
// final inspection after this one (`latest_final_after`: the latest final inspection of the same
// business dated after this record, if any).
bool reinspection_overdue(const std::optional<Date>& due, Date today, const std::optional<Date>& latest_final_after);
// A fine outside [fine_min, fine_max × 2] (×2 for organisations): an advisory warning, not an error.
bool fine_outside_range(long long fine, const LegalRef& ref);

// ----- the legal table's import -----
struct LegalRow {
  long long row = 0;  // the file's row number
  LegalRef ref;
  std::string title_vi;
};
struct RowIssue {
  long long row = 0;
  std::string field, code, message_vi, message_en;
};
// Checks the rows against the known topics and against each other and the existing table (rows
// of the file replace existing rows with the same code): unknown topic, required fields, fines
// (min ≤ max), validity (to ≥ from), duplicate codes in the file, and overlapping validity for the
// same topic + article + clause + point (both rows named). Empty when all is well.
std::vector<RowIssue> check_legal_import(const std::vector<LegalRow>& rows, const std::vector<LegalRef>& existing,
                                         const std::set<std::string>& topics);

}  // namespace longghep::inspections
