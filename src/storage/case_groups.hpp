// Clubs and peer groups of people supported (issue 16 item 5): the queries. Members are records,
// named on the wire by client code only; nothing here touches the sealed identity. The rules are
// in domain/case_groups.hpp; who may call what in http/routes_case_groups.cpp.
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "domain/access.hpp"
#include "domain/hierarchy.hpp"
#include "storage/audit.hpp"
#include "storage/cases.hpp"

namespace longghep {

struct CaseGroupInput {
  long long org_unit_id = 0;
  std::string name, kind;
  std::string host_programme_code;  // "" = none
  Date founded_on = Date::min();
  bool active = true;
};
struct CaseGroupRow {
  long long id = 0, org_unit_id = 0, version = 0;
  CaseGroupInput in;
};
std::optional<CaseGroupRow> get_case_group(soci::session& s, long long id);

struct CaseGroupFilter {
  const Scope* scope = nullptr;     // the caller's scope (nullptr or all(): everything)
  const OrgUnit* within = nullptr;  // ?orgUnit=: groups of this unit's subtree
  std::string kind;                 // "" = any
  std::optional<bool> active;
};
// {items: [CaseGroup]} by name; each with its count of current members.
nlohmann::json list_case_groups(soci::session& s, const Hierarchy& h, const CaseGroupFilter& f, Date today);
// One group with its memberships (client codes only), current first.
nlohmann::json case_group_json(soci::session& s, const Hierarchy& h, const CaseGroupRow& g, Date today);

// Validates (host programme in the taxonomy), inserts and audits; returns the id.
long long create_case_group(soci::session& s, const CaseGroupInput& in, Date today, const Actor& actor);
// The unit stays; 409 conflict on a stale version.
void update_case_group(soci::session& s, const CaseGroupRow& g, const CaseGroupInput& in, long long version, Date today,
                       const Actor& actor);

// Adds a record (already checked in scope) as a member from `joined_on`; 409 already_member when
// it holds an open membership. Returns the membership id.
long long add_case_group_member(soci::session& s, const CaseGroupRow& g, const CaseRow& r, Date joined_on, Date today,
                                const Actor& actor);
// Ends a membership of this group on `left_on` (404 when the membership is not of this group).
void end_case_group_member(soci::session& s, const CaseGroupRow& g, long long member_id, Date left_on, Date today,
                           const Actor& actor);

// {items: [{membershipId, group: {id, name, kind, orgUnit}, joinedOn, leftOn, current}]}: the
// groups a record belongs or belonged to.
nlohmann::json case_memberships_json(soci::session& s, const Hierarchy& h, long long case_id, Date today);

// The record with this client code, if any (the caller checks scope).
std::optional<long long> case_id_by_code(soci::session& s, const std::string& code);

}  // namespace longghep
