// Seeds N pseudonymous support records for the case benchmarks (docs/BENCHMARKS.md "People
// supported"): bulk inserts straight into case_records / case_target_groups in one transaction,
// each record sealed like a real one (XChaCha20-Poly1305 per field, the code and field name as
// associated data, under the current seal key) with its keyed search hashes. No audit rows: this
// is a fixture, not an API path.
//
//   LONGGHEP_CASE_KEY_FILE=key build-rel/cases_seed_bench --db sqlite:///tmp/b.db --count 100000
//
// The database must hold the demo (`longghep demo`): the records live in the communes of Gia Lai
// (52) valid today, assigned to cm.gialai (or, one in three, to a second case worker) with
// gs.gialai supervising; status open 80 %, closed 20 %; 1–2 harm-reduction target groups.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "app/case_keys.hpp"
#include "app/config.hpp"
#include "domain/cases.hpp"
#include "security/crypto.hpp"
#include "storage/audit.hpp"
#include "storage/database.hpp"

using namespace longghep;

int main(int argc, char** argv) {
  security::init();
  Config cfg;
  apply_config(cfg, config_from_env());
  long long count = 100000;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--db") cfg.db_url = argv[i + 1];
    else if (a == "--count") count = std::stoll(argv[i + 1]);
  }
  auto db = Database::open(cfg.db_url, 2, 60000);
  db->migrate();
  CaseKeyState keys = open_configured_case_keys(*db, cfg);
  if (!keys.sealer) {
    std::cerr << "no sealing keys: " << keys.problem_en << "\n";
    return 1;
  }
  const security::Sealer& sealer = *keys.sealer;
  const auto t0 = std::chrono::steady_clock::now();
  db->transact([&](soci::session& s) {
    const std::string today = Date::today_vn().iso();
    std::vector<long long> communes;
    {
      long long id = 0;
      soci::statement st = (s.prepare << "SELECT id FROM org_units WHERE kind = 'commune' AND parent_code = '52' AND "
                                         "valid_from <= :d1 AND valid_to >= :d2 ORDER BY id",
                            soci::into(id), soci::use(today), soci::use(today));
      st.execute();
      while (st.fetch()) communes.push_back(id);
    }
    long long worker = 0, supervisor = 0;
    s << "SELECT id FROM users WHERE username = 'cm.gialai'", soci::into(worker);
    s << "SELECT id FROM users WHERE username = 'gs.gialai'", soci::into(supervisor);
    if (communes.empty() || !worker || !supervisor) throw std::runtime_error("no demo: communes of Gia Lai, cm.gialai, gs.gialai");
    const int year = 2026;
    long long seq = 0;
    soci::indicator iseq;
    s << "SELECT last_seq FROM case_code_sequences WHERE province_code = '52' AND year = :y", soci::use(year),
        soci::into(seq, iseq);
    const bool had_seq = iseq == soci::i_ok;
    const long long key_id = sealer.current_key_id();
    const char* groups[] = {"sex_workers", "people_with_hiv", "people_who_use_drugs", "trafficking_victims", "abuse_victims",
                            "former_sex_workers"};
    const char* sexes[] = {"female", "female", "female", "male", "other", "unknown"};
    const char* family[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"};
    const char* given[] = {"Thị Lan", "Thị Hoa", "Văn Nam", "Thị Mai", "Thị Hằng", "Văn Hùng", "Thị Thu", "Ngọc Ánh"};
    std::mt19937_64 rng(16);
    std::string code, as_of, reg, sex, status, fn, idn, ph, nh, ih, now = now_iso_utc();
    long long unit = 0, cw = 0, sq = 0;
    int by = 0;
    soci::statement ins =
        (s.prepare << "INSERT INTO case_records(code, province_code, code_year, code_seq, residence_unit_id, residence_as_of, "
                      "birth_year, sex, status, case_worker_id, supervisor_id, registered_on, key_id, full_name_sealed, "
                      "id_number_sealed, phone_sealed, name_hash, id_number_hash, version, created_at, updated_at) "
                      "VALUES(:code, '52', :y, :seq, :unit, :asof, :by, :sex, :st, :cw, :sup, :reg, :k, :fn, :idn, :ph, :nh, "
                      ":ih, 1, :c, :u)",
         soci::use(code), soci::use(year), soci::use(sq), soci::use(unit), soci::use(as_of), soci::use(by), soci::use(sex),
         soci::use(status), soci::use(cw), soci::use(supervisor), soci::use(reg), soci::use(key_id), soci::use(fn),
         soci::use(idn), soci::use(ph), soci::use(nh), soci::use(ih), soci::use(now), soci::use(now));
    long long case_id = 0;
    std::string g;
    soci::statement ins_group = (s.prepare << "INSERT INTO case_target_groups(case_id, code) VALUES(:id, :g)", soci::use(case_id),
                                 soci::use(g));
    for (long long i = 0; i < count; ++i) {
      sq = ++seq;
      code = cases::client_code("52", year, sq);
      unit = communes[rng() % communes.size()];
      const Date d = Date::from_ymd(year, 1 + static_cast<int>(rng() % 12), 1 + static_cast<int>(rng() % 28));
      as_of = d.iso();
      reg = d.iso();
      by = 1960 + static_cast<int>(rng() % 45);
      sex = sexes[rng() % 6];
      status = rng() % 5 == 0 ? "closed" : "open";
      cw = worker;
      const std::string name = std::string(family[rng() % 10]) + " " + given[rng() % 8] + " " + std::to_string(i);
      char digits[16];
      std::snprintf(digits, sizeof digits, "052%09lld", i);
      fn = sealer.seal(name, code + ":fullName");
      idn = sealer.seal(digits, code + ":idNumber");
      ph = sealer.seal("09" + std::string(digits).substr(4), code + ":phone");
      // the same contexts as storage/cases.cpp (kNameHashContext, kIdHashContext)
      nh = sealer.keyed_hash("case name+birth year", cases::name_search_key(name, by));
      ih = sealer.keyed_hash("case id number", digits);
      ins.execute(true);
      s << "SELECT id FROM case_records WHERE code = :c", soci::use(code), soci::into(case_id);
      const size_t a = rng() % 6, b = rng() % 6;
      g = groups[a];
      ins_group.execute(true);
      if (b != a && rng() % 2) {
        g = groups[b];
        ins_group.execute(true);
      }
    }
    if (had_seq) s << "UPDATE case_code_sequences SET last_seq = :s WHERE province_code = '52' AND year = :y", soci::use(seq), soci::use(year);
    else s << "INSERT INTO case_code_sequences(province_code, year, last_seq) VALUES('52', :y, :s)", soci::use(year), soci::use(seq);
  });
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "seeded " << count << " support records in " << secs << " s\n";
  return 0;
}
