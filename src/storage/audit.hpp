// The audit trail: every create, update and delete is recorded in the same transaction as the
// change itself (who, when, entity, before/after), so a rolled-back change leaves no entry.
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "domain/hierarchy.hpp"

namespace longghep {

struct Actor {
  long long user_id = 0;           // 0 for the system (CLI, demo, migrations)
  std::string username = "system";
  long long token_id = 0;          // the API token the change was made with (0: none)
};

struct AuditChange {
  std::string action;     // create | update | delete
  std::string entity;     // org_unit, lineage_event, agency, agency_role, user, ...
  std::string entity_id;
  long long org_unit_id = 0;  // the unit the record belongs to: decides who may read the entry
  std::optional<nlohmann::json> before;
  std::optional<nlohmann::json> after;
};

void record_audit(soci::session& s, const Actor& actor, const AuditChange& change);

struct AuditQuery {
  std::string entity, entity_id, username, action;
  std::string from, to;  // YYYY-MM-DD inclusive, empty = open
  int page = 1, page_size = 50;
  // false: without the entries of the support records (entities case, case_identity, case_reveal,
  // case_consent, case_service, case_referral; issue 16), for callers who may not read those records
  bool support_records = true;
};
// Reads entries visible in `scope`, newest first; returns {items, total}.
nlohmann::json list_audit(soci::session& s, const AuditQuery& q, const Scope& scope,
                          const Hierarchy& h);

// A validity bound on the wire: "YYYY-MM-DD", or null for an open end.
nlohmann::json bound_json(Date d);

std::string now_iso_utc();   // 2026-11-23T18:00:00Z
long long now_unix();

// Loads scope ids into the connection-local temp table `scope_ids`, so queries can filter with
// `x IN (SELECT id FROM scope_ids)` using bound parameters only. One statement when the
// connection already holds this scope, a handful when it loads it (storage/id_tables.hpp).
void load_scope_ids(soci::session& s, const Scope& scope);

}  // namespace longghep
