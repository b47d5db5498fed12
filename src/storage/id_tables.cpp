#include "storage/id_tables.hpp"

#include <sodium.h>

#include <algorithm>

namespace longghep {

namespace {
bool is_pg(soci::session& s) { return s.get_backend_name() == "postgresql"; }

std::string fingerprint(const std::vector<long long>& ids) {
  unsigned char h[crypto_generichash_BYTES];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(ids.data()), ids.size() * sizeof(long long),
                     nullptr, 0);
  char hex[sizeof h * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return std::to_string(ids.size()) + ":" + hex;
}

std::string array_text(bool pg, const std::vector<long long>& ids) {
  std::string out(1, pg ? '{' : '[');
  out.reserve(ids.size() * 8 + 2);
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  out += pg ? '}' : ']';
  return out;
}
}  // namespace

std::string id_in(soci::session& s, const std::string& name) {
  return is_pg(s) ? " = ANY(CAST(:" + name + " AS BIGINT[]))" : " IN (SELECT value FROM json_each(:" + name + "))";
}

std::string id_array(soci::session& s, const std::vector<long long>& ids) { return array_text(is_pg(s), ids); }

void load_id_table(soci::session& s, const std::string& table, const std::vector<long long>& unsorted) {
  std::vector<long long> sorted_copy;
  const std::vector<long long>* ids = &unsorted;
  if (!std::is_sorted(unsorted.begin(), unsorted.end())) {
    sorted_copy = unsorted;
    std::sort(sorted_copy.begin(), sorted_copy.end());
    ids = &sorted_copy;
  }
  const bool pg = is_pg(s);
  const std::string fp = fingerprint(*ids);
  const std::string setting = "longghep.ids_" + table;
  std::string held;
  soci::indicator ind = soci::i_null;
  if (pg) {
    s << "SELECT current_setting(:g, true)", soci::use(setting), soci::into(held, ind);
  } else {
    try {
      s << "SELECT fp FROM temp.lg_id_tables WHERE name = :n", soci::use(table), soci::into(held, ind);
      if (!s.got_data()) ind = soci::i_null;
    } catch (const soci::soci_error&) {
      ind = soci::i_null;  // no such table yet on this connection
    }
  }
  if (ind == soci::i_ok && held == fp) return;

  std::string dummy;
  // Forget what the connection held first: outside a transaction each statement commits alone,
  // and a failure half-way must not leave a fingerprint over a half-loaded table.
  if (pg) {
    s << "SELECT set_config(:g, '', false)", soci::use(setting), soci::into(dummy);
  } else {
    s << "CREATE TEMP TABLE IF NOT EXISTS lg_id_tables (name TEXT PRIMARY KEY, fp TEXT NOT NULL)";
    s << "DELETE FROM temp.lg_id_tables WHERE name = :n", soci::use(table);
  }
  s << "CREATE TEMP TABLE IF NOT EXISTS " + table + " (id BIGINT PRIMARY KEY)";
  s << "DELETE FROM " + table;
  if (!ids->empty()) {
    const std::string arr = array_text(pg, *ids);
    if (pg)
      s << "INSERT INTO " + table + "(id) SELECT unnest(CAST(:ids AS BIGINT[]))", soci::use(arr);
    else
      s << "INSERT INTO " + table + "(id) SELECT value FROM json_each(:ids)", soci::use(arr);
  }
  if (pg)
    s << "SELECT set_config(:g, :fp, false)", soci::use(setting), soci::use(fp), soci::into(dummy);
  else
    s << "INSERT INTO temp.lg_id_tables(name, fp) VALUES(:n, :fp)", soci::use(table), soci::use(fp);
}

}  // namespace longghep
