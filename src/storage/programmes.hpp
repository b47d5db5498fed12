// The programme review (guidance 221 §5.1): related programmes per org unit and year, each
// reviewed on five criteria — beneficiaries (target groups), interventions under way or planned,
// lead agency, budget by funding source and year, and integration potential per content — and
// the taxonomies they are described with (editable data: programme categories, target groups,
// intervention types, funding sources).
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/hierarchy.hpp"
#include "storage/audit.hpp"

namespace longghep {

// ----- taxonomies -----
// The table behind a taxonomy path segment (programme-categories, target-groups,
// intervention-types, funding-sources); nullopt for anything else.
std::optional<std::string> taxonomy_table(const std::string& kind);
bool taxonomy_has(soci::session& s, const std::string& table, const std::string& code);
nlohmann::json list_taxonomy(soci::session& s, const std::string& table);
// The active entries of a taxonomy table as (code, Vietnamese name), by sort order.
std::vector<std::pair<std::string, std::string>> active_taxonomy_names(soci::session& s, const std::string& table);
// Every programme's id, name and unit, the newest year first (the import's lists and labels).
struct ProgrammeName {
  long long id = 0, org_unit_id = 0;
  std::string name;
};
std::vector<ProgrammeName> programme_names(soci::session& s);
struct TaxonomyEntry {
  std::string code, name_vi, name_en, group;
  long long sort_order = 0;
  bool active = true;
};
// Creates or replaces one entry (audited without an org unit: taxonomies are national data).
void upsert_taxonomy(soci::session& s, const std::string& table, const TaxonomyEntry& e, const Actor& actor);

// ----- programmes -----
struct BudgetAmount {
  std::string funding_source;
  int year = 0;
  long long amount = 0;  // VND, >= 0
};

struct Potential {
  std::string assessment = "none";  // high | medium | low | none
  std::string note;
};

struct ProgrammeInput {
  std::string key;  // optional stable key (demo)
  long long org_unit_id = 0;
  int year = 0;
  std::string name, category_code;
  long long lead_agency_id = 0;
  std::vector<std::string> target_groups, intervention_types;
  std::string interventions_note;
  std::vector<BudgetAmount> budget;
  Potential beneficiaries, interventions, resources;
  std::string note;
};

struct ProgrammeHead {
  long long id = 0, org_unit_id = 0, lead_agency_id = 0;
  int year = 0;
};

// Throws validation_failed naming the field (e.g. "budget[1].amount", "targetGroups").
void validate_programme(soci::session& s, const ProgrammeInput& in);
long long create_programme(soci::session& s, const ProgrammeInput& in, const Actor& actor);
// Throws Error::Conflict when `version` is stale.
void update_programme(soci::session& s, long long id, long long version, const ProgrammeInput& in, const Actor& actor);
std::optional<ProgrammeHead> programme_head(soci::session& s, long long id);
std::optional<nlohmann::json> get_programme(soci::session& s, const Hierarchy& h, long long id);
std::optional<long long> programme_id_by_key(soci::session& s, const std::string& key);

struct ProgrammeFilter {
  const Scope* scope = nullptr;      // the caller's scope (required)
  long long only_agency = 0;         // non-zero: only programmes led by this agency
  long long org_unit_id = 0;         // non-zero: only this unit version
  int year = 0;                      // non-zero: only this year
  std::string category, q;
  int page = 1, page_size = 50;
  std::string sort = "name";         // name, -name, year, -year
};
nlohmann::json list_programmes(soci::session& s, const Hierarchy& h, const ProgrammeFilter& f);

// {"id","name","shortName"} of an agency, or null.
nlohmann::json agency_ref_by_id(soci::session& s, long long id);

}  // namespace longghep
