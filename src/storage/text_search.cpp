#include "storage/text_search.hpp"

#include "domain/text.hpp"

namespace longghep {

bool trigram_searchable(const std::string& folded) {
  int chars = 0;
  for (unsigned char c : folded)
    if ((c & 0xC0) != 0x80 && ++chars >= 3) return true;
  return false;
}

std::string fts5_phrase(const std::string& folded) {
  std::string out = "\"";
  for (char c : folded) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

TextSearch probe_search(soci::session& s, const std::string& fts_table, const std::string& q, long long limit) {
  TextSearch t;
  t.folded = fold_for_search(q);
  if (t.folded.empty() || s.get_backend_name() == "postgresql" || !trigram_searchable(t.folded)) return t;
  std::string phrase = fts5_phrase(t.folded);
  long long cap = limit + 1, id = 0;
  soci::statement st = read_once(s, "SELECT rowid FROM " + fts_table + " WHERE " + fts_table + " MATCH :q LIMIT :n",
                                 soci::into(id), soci::use(phrase), soci::use(cap));
  st.execute();
  while (st.fetch()) t.ids.push_back(id);
  if (static_cast<long long>(t.ids.size()) > limit) {
    t.over_limit = true;
    t.ids.clear();
  } else {
    t.complete = true;
  }
  return t;
}

void add_search_clause(Query& query, const TextSearch& t, const std::string& id_column,
                       const std::string& folded_column, bool postgres) {
  if (t.folded.empty()) return;
  if (t.complete && !postgres) {
    std::string arr = "[";
    for (size_t i = 0; i < t.ids.size(); ++i) arr += (i ? "," : "") + std::to_string(t.ids[i]);
    arr += "]";
    query.and_where(id_column + " IN (SELECT value FROM json_each(?))", arr);
  }
  query.and_contains(folded_column, t.folded);
}

}  // namespace longghep
