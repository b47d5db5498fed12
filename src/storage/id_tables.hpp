// Sets of ids handed to SQL without one statement per id, on both databases.
//
// load_id_table fills a connection-local temp table (`scope_ids`, `scope_ids_filter`) with a
// sorted set of ids in one INSERT (SQLite: json_each over a JSON array; PostgreSQL: unnest of a
// BIGINT[]), and skips the reload when the connection already holds exactly that set. What the
// connection holds is recorded next to the table, so it stays right under ROLLBACK and reconnects:
// on SQLite in a second temp table (`lg_id_tables`: name → fingerprint), on PostgreSQL in a
// session setting (`longghep.ids_<table>`, set with set_config(…, false)). Both are transactional
// like the temp table itself: a rolled-back load reverts table and fingerprint together, and a
// new connection has neither. The fingerprint is BLAKE2b (crypto_generichash) of the ids.
// Cost: one statement when the connection holds the set, five or six when it must load it.
//
// id_in / id_array bind a whole list as one parameter for `WHERE x IN …` (set-wise child reads):
//   Query-free: s << "SELECT … WHERE activity_id" + id_in(s, "ids"), soci::use(id_array(s, ids));
#pragma once
#include <soci/soci.h>

#include <string>
#include <vector>

namespace longghep {

// `table` is a literal name written in this code base, never input.
void load_id_table(soci::session& s, const std::string& table, const std::vector<long long>& ids);

// " IN (SELECT value FROM json_each(:name))" on SQLite, " = ANY(CAST(:name AS BIGINT[]))" on
// PostgreSQL; bind id_array(s, ids) to :name.
std::string id_in(soci::session& s, const std::string& name);
// "[1,2,3]" on SQLite, "{1,2,3}" on PostgreSQL.
std::string id_array(soci::session& s, const std::vector<long long>& ids);

}  // namespace longghep
