// Inspections of service businesses (issue 17 §2–§6): the queries. Rules in
// domain/inspections.hpp; who may call what in http/routes_inspections.cpp. Every change is
// audited in the caller's transaction (entities inspection_team, inspection_plan, inspection,
// legal_reference, checklist_version), named by team name / plan title / inspection code.
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/hierarchy.hpp"
#include "domain/inspections.hpp"
#include "storage/audit.hpp"

namespace longghep {

// ----- reference data -----
nlohmann::json list_violation_topics(soci::session& s);
bool violation_topic_exists(soci::session& s, const std::string& code);
struct LegalRefRow {
  inspections::LegalRef ref;
  std::string title_vi, title_en, source_note;
};
// Rows of `topic` (every topic when empty), valid on `on` when given; by topic, validFrom, code.
std::vector<LegalRefRow> load_legal_refs(soci::session& s, const std::string& topic = "", std::optional<Date> on = {});
std::optional<LegalRefRow> get_legal_ref(soci::session& s, long long id);
nlohmann::json legal_ref_json(const LegalRefRow& r);
// Inserts new codes and updates existing ones, each audited (entity legal_reference). The caller
// has checked the rows (inspections::check_legal_import). Returns {created, updated}.
std::pair<long long, long long> upsert_legal_refs(soci::session& s, const std::vector<LegalRefRow>& rows, const Actor& actor);

struct ChecklistVersionRow {
  inspections::ChecklistVersionRef ref;
  std::string note;
};
std::vector<ChecklistVersionRow> load_checklist_versions(soci::session& s, const std::optional<std::string>& type = {},
                                                         bool all_types = true);
// { id, typeCode, version, validFrom, note, items: [...] } (items only with `items`).
nlohmann::json checklist_version_json(soci::session& s, long long id, bool items = true);
struct ChecklistItemInput {
  std::string item_key, text_vi, text_en, topic;  // topic "" = none
};
long long create_checklist_version(soci::session& s, const std::optional<std::string>& type, Date valid_from,
                                   const std::string& note, const std::vector<ChecklistItemInput>& items, const Actor& actor);

// ----- teams -----
struct TeamMemberInput {
  long long id = 0;  // 0 = new
  std::string full_name, position;
  long long agency_id = 0;  // 0 = none
  bool is_lead = false;
};
struct TeamInput {
  long long org_unit_id = 0;
  std::string name, decision_ref;
  long long lead_agency_id = 0;
  std::vector<long long> agency_ids;
  std::vector<TeamMemberInput> members;
  bool active = true;
};
std::optional<long long> team_unit(soci::session& s, long long id);  // the team's org unit
nlohmann::json team_json(soci::session& s, const Hierarchy& h, long long id);
// Teams whose unit is in `units` (nullptr: every team), by name.
nlohmann::json list_teams(soci::session& s, const Hierarchy& h, const std::vector<long long>* units);
long long create_team(soci::session& s, const TeamInput& in, const Actor& actor);
// Members with an id are kept (updated), without are added, missing are deactivated. 409 on a stale version.
void update_team(soci::session& s, long long id, long long version, const TeamInput& in, const Actor& actor);

// ----- plans -----
struct InspectionPlanInput {
  long long team_id = 0;
  long long org_unit_id = 0;  // the team's
  inspections::PlanFields f;
  std::vector<std::string> type_codes;
  std::vector<long long> business_ids;
};
std::optional<long long> inspection_plan_unit(soci::session& s, long long id);
nlohmann::json inspection_plan_json(soci::session& s, const Hierarchy& h, long long id);
struct InspectionPlanFilter {
  const std::vector<long long>* units = nullptr;  // nullptr: every unit
  std::optional<int> year;
  std::string status;
};
nlohmann::json list_inspection_plans(soci::session& s, const Hierarchy& h, const InspectionPlanFilter& f);
long long create_inspection_plan(soci::session& s, const InspectionPlanInput& in, const Actor& actor);
void update_inspection_plan(soci::session& s, long long id, long long version, const InspectionPlanInput& in, const Actor& actor);
void change_inspection_plan_status(soci::session& s, long long id, long long version, const std::string& status, const Actor& actor);

// ----- inspections -----
struct AnswerInput {
  long long item_id = 0;
  std::string result, note;
};
struct ViolationInput {
  inspections::ViolationFields f;
  long long legal_reference_id = 0;  // 0 = resolve from topic + inspectedOn
};
struct MemberPresentInput {
  long long member_id = 0;  // 0 = not a registered member
  std::string full_name, position, agency_name;
};
struct InspectionInput {
  long long business_id = 0, plan_id = 0, team_id = 0, reinspection_of = 0;
  inspections::InspectionFields f;
  bool unannounced = false, suspension = false, cert_withdrawal = false, police_handover = false;
  std::vector<AnswerInput> answers;
  std::vector<ViolationInput> violations;
  std::vector<MemberPresentInput> members;
};
struct InspectionHead {
  long long id = 0, business_id = 0, commune_unit_id = 0, team_id = 0, version = 0;
  std::string code, status;
};
std::optional<InspectionHead> get_inspection_head(soci::session& s, long long id);
nlohmann::json inspection_json(soci::session& s, const Hierarchy& h, long long id);
struct InspectionFilter {
  const std::vector<long long>* units = nullptr;  // nullptr: every unit
  std::optional<int> year;
  std::optional<long long> plan_id, business_id;
  std::string status, q;
  bool overdue = false;
  std::optional<Date> due_until;  // the due list: reinspection_due <= this, not re-inspected
  int page = 1, page_size = 50;
};
nlohmann::json list_inspections(soci::session& s, const Hierarchy& h, const InspectionFilter& f);
// Validates, resolves the legal references and the checklist version, writes and audits. Returns
// the id; `warnings` gets the advisory notes (fine outside the range, a failed item without a
// violation) as [{field, message, messageEn}].
long long create_inspection(soci::session& s, const Hierarchy& h, const InspectionInput& in, const Actor& actor,
                            nlohmann::json& warnings);
// 409 inspection_final on a final record, 409 conflict on a stale version.
void update_inspection(soci::session& s, const Hierarchy& h, long long id, long long version, const InspectionInput& in,
                       const Actor& actor, nlohmann::json& warnings);
void finalise_inspection(soci::session& s, long long id, long long version, const Actor& actor);

}  // namespace longghep
