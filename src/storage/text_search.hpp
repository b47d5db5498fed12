// Text search of a list's `q` by index, per database, in one place (issue 20).
//
// A list's `q` matches the folded text (domain/text fold_for_search) as a substring:
// `folded LIKE '%q%'` with '%', '_' and '\' taken literally (Query::and_contains). That stays the
// definition of a match on both databases; the indexes only find the candidates faster:
// - SQLite: an FTS5 table with the trigram tokenizer over the folded text (migration 0036,
//   `activities_search`, external content kept in step by triggers). A phrase of 3 characters
//   or more is looked up there first (probe_search); when it matches at most `limit` rows, the
//   list reads just those rows (`id IN (…)`) and rechecks the LIKE. A term of 1–2 characters
//   cannot be looked up by trigrams: it keeps the LIKE scan, which stops at a page (such a term
//   is nearly always common). A term matching more than `limit` rows also keeps the LIKE walk
//   in list order (it finds a page at once), and its capped total needs no count.
// - PostgreSQL: a GIN gin_trgm_ops index on the folded column (pg_trgm); the planner uses it for
//   the LIKE itself, with its own statistics, so the clause is the LIKE alone.
#pragma once
#include <soci/soci.h>

#include <string>
#include <vector>

#include "storage/query.hpp"

namespace longghep {

struct TextSearch {
  std::string folded;              // fold_for_search(q); empty: no search
  bool complete = false;           // ids is the whole match set (the index was probed)
  bool over_limit = false;         // the index found more than `limit` matches
  std::vector<long long> ids;      // when complete: every matching id, ascending
};

// True when the index can look the folded text up (3 characters or more, not bytes).
bool trigram_searchable(const std::string& folded);
// The FTS5 query for a literal substring: one phrase, "…" with inner quotes doubled.
std::string fts5_phrase(const std::string& folded);

// Probes `fts_table` (an FTS5 trigram table whose rowid is the listed table's id; a literal name
// written in this code base) for up to limit + 1 matches of fold_for_search(q). Nothing to probe
// on PostgreSQL or for a short term (complete and over_limit both false).
TextSearch probe_search(soci::session& s, const std::string& fts_table, const std::string& q, long long limit);

// Appends the search's clause: `id_column IN (ids)` when the probe found the whole set, and the
// LIKE over `folded_column` always (the exact definition of a match). Literal column names only.
void add_search_clause(Query& query, const TextSearch& t, const std::string& id_column,
                       const std::string& folded_column, bool postgres);

}  // namespace longghep
