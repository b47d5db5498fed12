// Agencies (sở, ban, ngành, đoàn thể, UBND, press) and their programme roles over time.
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "domain/hierarchy.hpp"
#include "domain/programme_roles.hpp"
#include "storage/audit.hpp"

namespace longghep {

struct AgencyInput {
  std::string key;  // optional stable slug (demo, imports)
  std::string name, short_name, kind;
  long long org_unit_id = 0;
  Validity validity;
  // Decree 30: the ký hiệu in document symbols ("SYT") and the seat printed as the place
  // ("Gia Lai"); empty: derived (domain/decree30). Not given on an update: unchanged.
  std::optional<std::string> abbreviation, seat;
};

struct AgencyFilter {
  const OrgUnit* within = nullptr;  // agencies of this unit's subtree (scope closure)
  std::optional<Date> as_of;        // agencies valid then
  std::string q, kind;
  int page = 1, page_size = 50;
  std::string sort = "name";
};

nlohmann::json list_agencies(soci::session& s, const Hierarchy& h, const AgencyFilter& f);
std::optional<nlohmann::json> get_agency(soci::session& s, const Hierarchy& h, long long id);
// The one way to find an agency's org unit (the unit version it is registered on); nullopt when
// there is no such agency.
std::optional<long long> agency_unit(soci::session& s, long long agency_id);
// What the official documents and the user's profile print of an agency.
struct AgencyHead {
  long long id = 0;
  std::string name, short_name, kind, abbreviation, seat;
  long long org_unit_id = 0;
};
std::optional<AgencyHead> agency_head(soci::session& s, long long agency_id);
// The People's Committee (kind "ubnd") registered on the unit and valid on `day`, the lowest id
// when several; 0 when none.
long long committee_agency(soci::session& s, long long unit_id, Date day);
// The agency kinds: [{code, nameVi, nameEn}] by code.
nlohmann::json agency_kinds_json(soci::session& s);
// Agencies that have a stable key, by name (the codes an import template lists).
struct AgencyKey {
  std::string key, name;
  long long org_unit_id = 0;
};
std::vector<AgencyKey> agency_keys(soci::session& s);
long long create_agency(soci::session& s, const AgencyInput& in, const Actor& actor);
// Throws Error::Conflict when `version` is stale.
void update_agency(soci::session& s, long long id, long long version, const AgencyInput& in, const Actor& actor);
void add_agency_role(soci::session& s, long long agency_id, const std::string& role, long long org_unit_id,
                     Validity v, const Actor& actor);
// Every programme role with its agency, for the in-memory ProgrammeRoles snapshot.
std::shared_ptr<ProgrammeRoles> load_programme_roles(soci::session& s);
// {id,name,shortName} of the role holder, or null.
nlohmann::json agency_ref_json(const ProgrammeRole* holder);
// Agencies and their roles are reference data cached in memory: every write to them bumps
// meta.hierarchy_revision, which makes servers reload their snapshot.
void bump_reference_revision(soci::session& s);
std::optional<long long> agency_id_by_key(soci::session& s, const std::string& key);
void validate_agency_input(soci::session& s, const AgencyInput& in);

}  // namespace longghep
