// The service business registry (issue 17 §1): the queries. Rules in domain/businesses.hpp; who
// may call what in http/routes_businesses.cpp. Every change is audited (entity "business").
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "domain/businesses.hpp"
#include "domain/hierarchy.hpp"
#include "storage/audit.hpp"

namespace longghep {

struct BusinessInput {
  businesses::BusinessFields f;
  Date commune_as_of = Date::min();
};

struct BusinessRow {
  long long id = 0;
  BusinessInput in;
  std::string status;
  Date status_since = Date::min();
  long long version = 0;
  long long created_by = 0, updated_by = 0;
  std::string created_at, updated_at;
};

std::optional<BusinessRow> get_business(soci::session& s, long long id);
nlohmann::json business_json(soci::session& s, const Hierarchy& h, const BusinessRow& r);
// The dated status history, oldest first.
nlohmann::json business_history_json(soci::session& s, long long id);

struct BusinessFilter {
  const Scope* scope = nullptr;     // the caller's scope (nullptr or all(): everything)
  const OrgUnit* within = nullptr;  // ?orgUnit=: communes in this unit's subtree
  std::string type, status, q;      // q: folded, matched against the folded name and address
  int page = 1, page_size = 50;
  std::string sort = "name";
};
nlohmann::json list_businesses(soci::session& s, const Hierarchy& h, const BusinessFilter& f);

// The id of a business with the same duplicate key (other than `except`); 0 when none.
long long find_business_duplicate(soci::session& s, const std::string& dup_key, long long except = 0);
// Validates (type active, commune a commune valid on its as-of date, domain rules), inserts with
// the first status row and audits; returns its id. `status`/`since`: the status at registration.
long long create_business(soci::session& s, const Hierarchy& h, const BusinessInput& in, const std::string& status,
                          Date since, const Actor& actor);
// 409 conflict on a stale version.
void update_business(soci::session& s, const Hierarchy& h, long long id, long long version, const BusinessInput& in,
                     const Actor& actor);
// A dated status change with its reason (domain rules); 409 on a stale version.
void change_business_status(soci::session& s, long long id, long long version, const std::string& status, Date on,
                            const std::string& reason, const Actor& actor);
long long count_businesses(soci::session& s);

}  // namespace longghep
