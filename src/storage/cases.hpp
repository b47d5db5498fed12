// People supported (issue 16): the queries. Identity fields go in and come out only through the
// Sealer (security/sealing.hpp); nothing here writes them in the clear anywhere — not in the
// audit's before/after (which names the sealed fields that changed, never their values), not in
// logs. The rules are in domain/cases.hpp; who may call what is decided in http/routes_cases.cpp.
#pragma once
#include <soci/soci.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/cases.hpp"
#include "domain/hierarchy.hpp"
#include "security/sealing.hpp"
#include "storage/audit.hpp"

namespace longghep {

// The non-sealed fields of a record.
struct CaseInput {
  long long residence_unit_id = 0;
  Date residence_as_of = Date::min();
  std::optional<int> birth_year;
  std::string sex = "unknown";
  std::string status = "open";
  std::vector<std::string> target_groups;  // codes of target_groups with grp 'harm_reduction'
  long long case_worker_id = 0;
  long long supervisor_id = 0;             // 0 = none
  Date registered_on = Date::min();
};
// Sealed fields by wire name (cases::kSealedFields): a value, or "" to clear it.
using CaseIdentity = std::map<std::string, std::string>;

struct CaseRow {
  long long id = 0;
  std::string code, province_code;
  long long residence_unit_id = 0;
  Date residence_as_of = Date::min();
  std::optional<int> birth_year;
  std::string sex, status;
  long long case_worker_id = 0, supervisor_id = 0;
  Date registered_on = Date::min();
  long long version = 0, key_id = 0;
  std::vector<std::string> target_groups;
  std::set<std::string> sealed_present;  // wire names of the sealed fields that hold a value
  std::string created_at, updated_at;
};

std::optional<CaseRow> get_case(soci::session& s, long long id);
// The record on the wire: codes, never identity (docs/api-cases.md "Case").
nlohmann::json case_json(soci::session& s, const Hierarchy& h, const CaseRow& r);

struct CaseFilter {
  const Scope* scope = nullptr;  // the caller's scope (nullptr or all(): everything)
  const OrgUnit* within = nullptr;  // ?orgUnit=: residence in this unit's subtree (and in scope)
  const Hierarchy* h = nullptr;
  std::string status, target_group;
  int page = 1, page_size = 50;
  std::string sort = "-code";
};
nlohmann::json list_cases(soci::session& s, const Hierarchy& h, const CaseFilter& f);

// Creates a record (code, sealed fields, hashes, target groups) and audits it; returns its id.
// `h` resolves the residence's province; the assignees must be assignable and able to see it.
long long create_case(soci::session& s, const Hierarchy& h, const CaseInput& in, const CaseIdentity& identity,
                      const security::Sealer& sealer, const Actor& actor);
// Non-sealed fields; 409 on a stale version. A changed birth year re-computes the name hash.
void update_case(soci::session& s, const Hierarchy& h, long long id, long long version, const CaseInput& in,
                 const security::Sealer& sealer, const Actor& actor);
// Sealed fields (those present in `identity`; "" clears); 409 on a stale version.
void update_case_identity(soci::session& s, long long id, long long version, const CaseIdentity& identity,
                          const security::Sealer& sealer, const Actor& actor);

// Search before create: the records whose keyed hashes match. Each: {id, code, residenceUnitId,
// matchedOn: ["name"|"idNumber"]}.
struct DuplicateMatch {
  long long id = 0, residence_unit_id = 0;
  std::string code;
  std::vector<std::string> matched_on;
};
std::vector<DuplicateMatch> find_case_duplicates(soci::session& s, const security::Sealer& sealer,
                                                 const std::optional<std::string>& full_name, std::optional<int> birth_year,
                                                 const std::optional<std::string>& id_number);

// The reveal: logs it (case_access_log and the audit, who/when/which fields/why — never the
// values), within the rate limit, then opens the fields. 500 sealed_unreadable when a stored
// value does not open (altered).
CaseIdentity reveal_case(soci::session& s, const CaseRow& r, const std::vector<std::string>& fields,
                         const std::string& reason, const security::Sealer& sealer, const Actor& actor);
nlohmann::json case_access_log_json(soci::session& s, long long case_id);

// Consents.
std::vector<cases::ConsentEvent> case_consents(soci::session& s, long long case_id);
nlohmann::json case_consents_json(soci::session& s, long long case_id, Date today);
// Appends a given/withdrawn event (domain rules); returns its id.
long long add_case_consent(soci::session& s, const CaseRow& r, const std::string& purpose, bool given, Date on,
                           const std::string& note, const Actor& actor);
// The purpose of a consent event of this case; nullopt when none.
std::optional<std::string> case_consent_purpose(soci::session& s, long long case_id, long long consent_id);

// The demo's pseudonymous records (app/demo): code and registration date as given.
long long count_cases(soci::session& s);

}  // namespace longghep
