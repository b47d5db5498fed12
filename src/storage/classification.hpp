// Commune classification (issue 18, docs/api-classification.md): criteria sets and assessments,
// the queries. Rules in domain/classification.hpp; who may call what in
// http/routes_classification.cpp. Every change is audited in the caller's transaction (entities
// classification_set, commune_assessment named `<communeCode>/<year>`) and, for assessments,
// writes a transition row.
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/classification.hpp"
#include "domain/hierarchy.hpp"
#include "storage/audit.hpp"

namespace longghep {

// ----- criteria sets -----
struct ClassificationSetRow {
  classification::SetRef ref;
  std::string title, status, source_note, definition_json, published_at, created_at, updated_at;
  bool is_default = false;
  long long row_version = 1;
};
std::vector<ClassificationSetRow> load_classification_sets(soci::session& s);
std::optional<ClassificationSetRow> get_classification_set(soci::session& s, long long id);
nlohmann::json classification_set_json(const Hierarchy& h, const ClassificationSetRow& r, bool with_definition);
struct ClassificationSetInput {
  std::optional<long long> owner_unit_id;
  std::string title, source_note;
  Date valid_from = Date::min();
  std::optional<Date> valid_to;
  nlohmann::json definition;  // validated by the caller (classification::parse_definition_or_throw)
};
long long create_classification_set(soci::session& s, const ClassificationSetInput& in, const Actor& actor);
// Drafts only (409 published_set_immutable); 409 version_conflict on a stale row_version.
void update_classification_set(soci::session& s, long long id, long long row_version, const ClassificationSetInput& in,
                               const Actor& actor);
void publish_classification_set(soci::session& s, long long id, std::optional<long long> row_version, const Actor& actor);
void delete_classification_set(soci::session& s, long long id, const Actor& actor);
// The set in force for the commune (its province on 31/12) and year; nullopt when none.
std::optional<ClassificationSetRow> classification_set_in_force(soci::session& s, std::optional<long long> province_unit_id,
                                                                int year);

// ----- assessments -----
struct AssessmentHead {
  long long id = 0, set_id = 0, commune_unit_id = 0, province_unit_id = 0, version = 0;
  int year = 0;
  std::string commune_code, status;
};
std::optional<AssessmentHead> get_assessment_head(soci::session& s, long long id);
std::optional<long long> assessment_of(soci::session& s, long long commune_unit_id, int year);
// The wire form; `with_items` adds items and transitions. editable/checkable from the status only
// (the routes narrow them by the caller's permissions).
nlohmann::json assessment_json(soci::session& s, const Hierarchy& h, long long id, bool with_items = true);
// The province of a commune on a day (the ancestor of kind province); nullptr when none.
const OrgUnit* province_of(const Hierarchy& h, const OrgUnit& commune, Date on);

// Creates a draft with the set in force and one item per criterion, suggestions from
// classification_evidence computed now. 409 assessment_exists, 404 no_criteria_set.
long long create_assessment(soci::session& s, const Hierarchy& h, const OrgUnit& commune, int year, const Actor& actor);
// Suggestions and evidence recomputed (draft/returned); self scores kept.
void refresh_assessment_evidence(soci::session& s, const Hierarchy& h, long long id, std::optional<long long> version,
                                 const Actor& actor);
void save_self_assessment(soci::session& s, long long id, long long version, const std::string& summary,
                          const std::vector<classification::SelfItem>& items, const Actor& actor);
void submit_assessment(soci::session& s, long long id, long long version, const Actor& actor);
void save_check(soci::session& s, long long id, long long version, const std::vector<classification::SelfItem>& items,
                const Actor& actor);
void return_assessment(soci::session& s, long long id, long long version, const std::string& comment, const Actor& actor);
void approve_assessment(soci::session& s, long long id, long long version, const std::string& decision_number,
                        std::optional<Date> decision_date, const Actor& actor);
void reopen_assessment(soci::session& s, long long id, long long version, const std::string& reason, const Actor& actor);

struct AssessmentFilter {
  const std::vector<long long>* provinces = nullptr;  // nullptr: every province
  std::optional<int> year;
  std::string status, class_code, q;
};
nlohmann::json list_assessments(soci::session& s, const Hierarchy& h, const AssessmentFilter& f, const Scope& scope);
nlohmann::json assessment_completeness(soci::session& s, const Hierarchy& h, const OrgUnit& province, int year,
                                       const Scope& scope);
nlohmann::json assessment_history(soci::session& s, const Hierarchy& h, const OrgUnit& commune, int current_year);

}  // namespace longghep
