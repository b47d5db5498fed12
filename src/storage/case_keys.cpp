#include "storage/case_keys.hpp"

#include <map>
#include <stdexcept>

#include "storage/audit.hpp"

namespace longghep {
namespace {
struct KeyRow {
  long long id = 0;
  std::string purpose;
  int generation = 0;
  std::string master_id, wrapped;
};

std::vector<KeyRow> key_rows(soci::session& s) {
  std::vector<KeyRow> out;
  KeyRow r;
  soci::statement st = (s.prepare << "SELECT id, purpose, generation, master_key_id, wrapped FROM case_keys ORDER BY id",
                        soci::into(r.id), soci::into(r.purpose), soci::into(r.generation), soci::into(r.master_id),
                        soci::into(r.wrapped));
  st.execute();
  while (st.fetch()) out.push_back(r);
  return out;
}

std::string context_of(const std::string& purpose, int generation) {
  return "longghep case data key " + purpose + " " + std::to_string(generation);
}

const security::MasterKey* master_for(const std::vector<security::MasterKey>& masters, const std::string& id) {
  for (const auto& m : masters)
    if (m.id == id) return &m;
  return nullptr;
}
}  // namespace

CaseKeyState open_case_keys(soci::session& s, const std::vector<security::MasterKey>& masters, bool create_missing) {
  CaseKeyState out;
  if (masters.empty()) {
    out.problem_vi = "Chưa cấu hình khóa chính để mã hóa danh tính (case_key_file hoặc LONGGHEP_CASE_MASTER_KEY)";
    out.problem_en = "No master key is configured to seal identities (case_key_file or LONGGHEP_CASE_MASTER_KEY)";
    return out;
  }
  std::vector<KeyRow> rows = key_rows(s);
  if (rows.empty() && create_missing) {
    const std::string now = now_iso_utc();
    for (const char* purpose : {"seal", "index"}) {
      const std::string p = purpose, wrapped = security::wrap_key(masters[0].key, security::SecretKey::random(), context_of(p, 1));
      s << "INSERT INTO case_keys(purpose, generation, master_key_id, wrapped, created_at) VALUES(:p, 1, :m, :w, :c) "
           "ON CONFLICT DO NOTHING",
          soci::use(p), soci::use(masters[0].id), soci::use(wrapped), soci::use(now);
    }
    rows = key_rows(s);
  }
  std::map<long long, security::SecretKey> seal;
  std::optional<security::SecretKey> index;
  long long current = 0;
  int index_generation = 0;
  for (const auto& r : rows) {
    const security::MasterKey* m = master_for(masters, r.master_id);
    std::optional<security::SecretKey> k;
    if (m) k = security::unwrap_key(m->key, r.wrapped, context_of(r.purpose, r.generation));
    if (!k) {
      out.problem_vi = "Khóa chính được cấu hình không mở được khóa dữ liệu của hồ sơ hỗ trợ (sai khóa hoặc khóa đã bị thay)";
      out.problem_en = "The configured master key does not open the data keys of the support records (wrong or replaced key)";
      return out;
    }
    if (r.purpose == "seal") {
      seal.emplace(r.id, *k);
      if (r.id > current) current = r.id;
    } else if (r.purpose == "index" && r.generation > index_generation) {
      index = *k;
      index_generation = r.generation;
    }
  }
  if (seal.empty() || !index) {
    out.problem_vi = "Chưa có khóa dữ liệu cho hồ sơ hỗ trợ";
    out.problem_en = "The support records have no data keys yet";
    return out;
  }
  out.sealer = std::make_shared<security::Sealer>(std::move(seal), current, *index);
  return out;
}

int rewrap_case_keys(soci::session& s, const std::vector<security::MasterKey>& current, const security::MasterKey& next) {
  const std::string now = now_iso_utc();
  int n = 0;
  for (const auto& r : key_rows(s)) {
    const security::MasterKey* m = master_for(current, r.master_id);
    const std::string ctx = context_of(r.purpose, r.generation);
    std::optional<security::SecretKey> k;
    if (m) k = security::unwrap_key(m->key, r.wrapped, ctx);
    if (!k) throw std::runtime_error("data key " + std::to_string(r.id) + " is wrapped by master key " + r.master_id +
                                     ", which is not configured");
    const std::string wrapped = security::wrap_key(next.key, *k, ctx);
    s << "UPDATE case_keys SET master_key_id = :m, wrapped = :w, rewrapped_at = :t WHERE id = :id", soci::use(next.id),
        soci::use(wrapped), soci::use(now), soci::use(r.id);
    ++n;
  }
  return n;
}

std::vector<std::string> case_key_summary(soci::session& s) {
  std::vector<std::string> out;
  for (const auto& r : key_rows(s)) out.push_back(r.purpose + " " + std::to_string(r.generation) + " " + r.master_id);
  return out;
}

}  // namespace longghep
