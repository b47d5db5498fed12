// Periodic reports (§5.4): the forms, schedules, computed values and the reports themselves. The
// rules (periods, deadlines, timeliness, workflow, expressions) are pure: domain/reporting.hpp.
#pragma once
#include <soci/soci.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/hierarchy.hpp"
#include "domain/reporting.hpp"
#include "storage/audit.hpp"

namespace longghep {

struct FormElement {
  std::string code, section, label_vi, label_en, value_type, source;
  std::string section_en;  // the section's English heading ('' = none; migration 0021)
  // computed elements: what is counted, over which activities (empty = any)
  std::string measure, intervention_group, intervention_type, target_group_group, output_kind, funding_group,
      funding_source;
  // case_people / case_services elements (migration 0027): one host programme ('' = all)
  std::string host_programme;
};

struct ReportForm {
  std::string code, name_vi, name_en, doc_subject;
  PeriodKind kind = PeriodKind::half_year;
  std::vector<FormElement> elements;
  std::vector<FormRule> rules;
};

std::vector<ReportForm> load_forms(soci::session& s);
std::optional<ReportForm> load_form(soci::session& s, const std::string& code);
nlohmann::json form_json(const ReportForm& f);

// The schedule of the nearest unit at or above `u` (ancestors as of `on`) that has one for the
// form; the default ReportSchedule when none.
ReportSchedule schedule_for(soci::session& s, const std::string& form_code, const Hierarchy& h, const OrgUnit& u, Date on);

// The computed elements of `form` over the activities of `units` starting within [from, to];
// only those led by `lead_agency` when not 0, and none led by an agency in `except_agencies`.
std::map<std::string, long long> compute_values(soci::session& s, const ReportForm& form, const Scope& units, Date from,
                                                Date to, long long lead_agency = 0,
                                                const std::vector<long long>& except_agencies = {});

struct ReportRow {
  long long id = 0, org_unit_id = 0, agency_id = 0 /* 0: the unit's own report */, version = 0;
  std::string form_code, period_code, status, submitted_at, submitted_by, return_comment, created_at, updated_at;
  nlohmann::json values = nlohmann::json::object();
  // An agency report: the part of `values` recorded on the agency's own unit (frozen at submit).
  nlohmann::json own_values = nlohmann::json();
  // Entered on behalf of a unit that no longer exists (0: by the unit itself): the unit acted for
  // (the report's own unit) and the user who did it, as of the last fill or submit.
  long long on_behalf_unit_id = 0;
  std::string on_behalf_by;
  // A back-filled report: the day its paper original was submitted ("YYYY-MM-DD", empty: none)
  // and why it is entered late; timeliness is judged on this day.
  std::string paper_submitted_on, paper_reason;
  // Not stored: the unit this action was taken for on behalf (0: none) and its label
  // ("Nhập thay cho … bởi …"), written into the audit entry of save_report.
  long long acting_for_unit_id = 0;
  std::string acting_label;
};
// "Nhập thay cho <unit> bởi <user>" / "Entered on behalf of <unit> by <user>".
std::string on_behalf_label_vi(const std::string& unit_name, const std::string& username);
std::string on_behalf_label_en(const std::string& unit_name, const std::string& username);
// The unit's own report (agency_id 0) or the report of an agency of that unit.
std::optional<ReportRow> find_report(soci::session& s, const std::string& form, const std::string& period, long long unit_id,
                                     long long agency_id = 0);
// find_report(s, form, period, u) for each of `unit_ids` in one statement (a compile's units
// below, issue 20): the units' own reports by unit id; a unit without one is absent.
std::map<long long, ReportRow> find_reports(soci::session& s, const std::string& form, const std::string& period,
                                            const std::vector<long long>& unit_ids);
std::optional<ReportRow> get_report(soci::session& s, long long id);
// Inserts (id 0) or updates when the version matches (false when stale); audited.
bool save_report(soci::session& s, ReportRow& r, const Actor& actor, const std::string& action);
// `on_behalf_unit_id`: the unit the user acted for on behalf (0: as its own unit).
void add_report_transition(soci::session& s, long long report_id, const std::string& action, const std::string& comment,
                           const std::string& username, long long on_behalf_unit_id = 0);
// [{action, comment, username, at, onBehalfOf: {id, code, name} | null}], oldest first.
nlohmann::json report_history(soci::session& s, long long report_id, const Hierarchy* h = nullptr);

// A level's submitted report: its two parts and the units missing when it was submitted,
// {"compiled":{…},"own":{…},"missingUnits":[…]} (null when it has none: a unit with nothing
// below, or a report not submitted since it was last saved). Saving null removes it.
nlohmann::json load_report_compilation(soci::session& s, long long report_id);
void save_report_compilation(soci::session& s, long long report_id, const nlohmann::json& parts);

// ----- ad-hoc requests (báo cáo đột xuất) -----
struct ReportRequest {
  long long id = 0, issuer_unit_id = 0;
  std::string form_code, title, created_by, created_at, status = "open", closed_at;
  Date from = Date::min(), to = Date::min(), deadline = Date::min();
  std::vector<long long> unit_ids;  // the units asked, by id
};
long long insert_request(soci::session& s, ReportRequest& r, const Actor& actor);
// How many ad-hoc requests of this issuing unit are open.
long long open_request_count(soci::session& s, long long issuer_unit_id);
std::optional<ReportRequest> get_request(soci::session& s, long long id);
// Requests issued by a unit of `issuers` (none when nullptr) or addressed to `asked_unit`, newest
// first, at most `limit`; `status` "open" / "closed" or empty for both.
std::vector<ReportRequest> list_requests(soci::session& s, const Scope* issuers, long long asked_unit, const std::string& status,
                                         int limit);
// open → closed; false when it was not open.
bool close_request(soci::session& s, long long id, const Actor& actor);

// Agencies attached to a unit version whose validity overlaps [from, to].
struct AgencyRef {
  long long id = 0, org_unit_id = 0;
  std::string name, short_name;
};
std::vector<AgencyRef> agencies_of_unit(soci::session& s, long long unit_id, Date from, Date to);
std::optional<AgencyRef> find_agency(soci::session& s, long long id);

}  // namespace longghep
