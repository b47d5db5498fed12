#include "storage/analytics_source.hpp"

#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "storage/id_tables.hpp"

namespace longghep {
using analytics::ActivityFacts;
using analytics::Catalog;
using analytics::FactStore;

namespace {
constexpr size_t kBatch = 20000;           // rows per fetch
constexpr long long kChunkIds = 250000;    // activity ids per range query

long long now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

std::vector<analytics::Term> terms_of(soci::session& s, const std::string& table) {
  std::vector<analytics::Term> out;
  analytics::Term t;
  // `table` is one of the literal names of load_analytics_catalog, never input.
  soci::statement st = (s.prepare << "SELECT code, name_vi, name_en, grp, sort_order FROM " + table +
                                         " ORDER BY sort_order, code",
                        soci::into(t.code), soci::into(t.name_vi), soci::into(t.name_en), soci::into(t.group),
                        soci::into(t.sort_order));
  st.execute();
  while (st.fetch()) out.push_back(t);
  return out;
}

// Fetches a statement's batches; `rows()` tells how many the last fetch read, `reset()` restores
// the vectors' batch size before the next fetch.
template <typename OnBatch, typename Reset>
void each_batch(soci::statement& st, OnBatch on_batch, Reset reset) {
  st.execute();
  while (st.fetch()) {
    on_batch();
    reset();
  }
}

std::optional<Date> parse_day(const std::string& s) { return Date::parse(std::string_view(s).substr(0, 10)); }

// Activities with ids in [lo, hi] and their lines, straight into the store.
void load_range(soci::session& s, FactStore& store, long long lo, long long hi) {
  {
    std::vector<long long> id(kBatch), unit(kBatch), agency(kBatch), plan(kBatch), version(kBatch);
    std::vector<soci::indicator> plan_ind(kBatch);
    std::vector<std::string> type(kBatch), start(kBatch);
    soci::statement st = (s.prepare << "SELECT id, org_unit_id, intervention_type_code, lead_agency_id, plan_activity_id, "
                                       "start_date, version FROM activities WHERE id BETWEEN :lo AND :hi ORDER BY id",
                          soci::into(id), soci::into(unit), soci::into(type), soci::into(agency),
                          soci::into(plan, plan_ind), soci::into(start), soci::into(version), soci::use(lo), soci::use(hi));
    each_batch(st, [&] {
      for (size_t i = 0; i < id.size(); ++i) {
        auto d = parse_day(start[i]);
        if (d) store.begin_activity(id[i], unit[i], *d, type[i], agency[i], plan_ind[i] == soci::i_ok, version[i]);
      }
    }, [&] {
      for (auto* v : {&id, &unit, &agency, &plan, &version}) v->resize(kBatch);
      plan_ind.resize(kBatch);
      type.resize(kBatch);
      start.resize(kBatch);
    });
  }
  {
    std::vector<long long> act(kBatch), prog(kBatch);
    soci::statement st = (s.prepare << "SELECT activity_id, programme_id FROM activity_programmes "
                                       "WHERE activity_id BETWEEN :lo AND :hi",
                          soci::into(act), soci::into(prog), soci::use(lo), soci::use(hi));
    each_batch(st, [&] { for (size_t i = 0; i < act.size(); ++i) store.add_programme(act[i], prog[i]); },
               [&] { act.resize(kBatch); prog.resize(kBatch); });
  }
  {
    std::vector<long long> act(kBatch), total(kBatch), female(kBatch), male(kBatch);
    std::vector<soci::indicator> fi(kBatch), mi(kBatch);
    std::vector<std::string> group(kBatch);
    soci::statement st = (s.prepare << "SELECT activity_id, target_group_code, total, female, male FROM activity_reach "
                                       "WHERE activity_id BETWEEN :lo AND :hi",
                          soci::into(act), soci::into(group), soci::into(total), soci::into(female, fi),
                          soci::into(male, mi), soci::use(lo), soci::use(hi));
    each_batch(st, [&] {
      for (size_t i = 0; i < act.size(); ++i)
        store.add_reach(act[i], group[i], total[i], fi[i] == soci::i_ok ? std::optional(female[i]) : std::nullopt,
                        mi[i] == soci::i_ok ? std::optional(male[i]) : std::nullopt);
    }, [&] {
      for (auto* v : {&act, &total, &female, &male}) v->resize(kBatch);
      fi.resize(kBatch);
      mi.resize(kBatch);
      group.resize(kBatch);
    });
  }
  {
    std::vector<long long> act(kBatch), count(kBatch);
    std::vector<std::string> group(kBatch), band(kBatch);
    soci::statement st = (s.prepare << "SELECT activity_id, target_group_code, age_band_code, count FROM activity_reach_ages "
                                       "WHERE activity_id BETWEEN :lo AND :hi",
                          soci::into(act), soci::into(group), soci::into(band), soci::into(count), soci::use(lo),
                          soci::use(hi));
    each_batch(st, [&] { for (size_t i = 0; i < act.size(); ++i) store.add_age(act[i], group[i], band[i], count[i]); },
               [&] { act.resize(kBatch); count.resize(kBatch); group.resize(kBatch); band.resize(kBatch); });
  }
  for (const bool outputs : {true, false}) {
    std::vector<long long> act(kBatch), amount(kBatch);
    std::vector<std::string> code(kBatch);
    const std::string sql = outputs ? "SELECT activity_id, output_kind_code, quantity FROM activity_outputs "
                                      "WHERE activity_id BETWEEN :lo AND :hi"
                                    : "SELECT activity_id, funding_source_code, amount FROM activity_costs "
                                      "WHERE activity_id BETWEEN :lo AND :hi";
    soci::statement st = (s.prepare << sql, soci::into(act), soci::into(code), soci::into(amount), soci::use(lo),
                          soci::use(hi));
    each_batch(st, [&] {
      for (size_t i = 0; i < act.size(); ++i)
        outputs ? store.add_output(act[i], code[i], amount[i]) : store.add_cost(act[i], code[i], amount[i]);
    }, [&] { act.resize(kBatch); amount.resize(kBatch); code.resize(kBatch); });
  }
}

// The current content of these activities (absent ones are not in the result): one query per
// table for the whole set, not one per activity.
std::vector<ActivityFacts> read_facts(soci::session& s, const std::vector<long long>& ids) {
  std::vector<ActivityFacts> out;
  if (ids.empty()) return out;
  const std::string list = id_array(s, ids);
  std::map<long long, size_t> at;  // id → index in out
  {
    long long id = 0, unit = 0, agency = 0, plan = 0, version = 0;
    soci::indicator plan_ind;
    std::string type, start;
    soci::statement st = (s.prepare << "SELECT id, org_unit_id, intervention_type_code, lead_agency_id, plan_activity_id, "
                                       "start_date, version FROM activities WHERE id" + id_in(s, "ids"),
                          soci::into(id), soci::into(unit), soci::into(type), soci::into(agency), soci::into(plan, plan_ind),
                          soci::into(start), soci::into(version), soci::use(list, "ids"));
    st.execute();
    while (st.fetch()) {
      auto d = parse_day(start);
      if (!d) continue;
      ActivityFacts a;
      a.id = id;
      a.unit_id = unit;
      a.type = type;
      a.agency_id = agency;
      a.planned = plan_ind == soci::i_ok;
      a.day = *d;
      a.version = version;
      at[id] = out.size();
      out.push_back(std::move(a));
    }
  }
  if (out.empty()) return out;
  auto facts_of = [&](long long id) -> ActivityFacts* {
    auto it = at.find(id);
    return it == at.end() ? nullptr : &out[it->second];
  };
  {
    long long act = 0, p = 0;
    soci::statement st = (s.prepare << "SELECT activity_id, programme_id FROM activity_programmes WHERE activity_id" +
                                           id_in(s, "ids"),
                          soci::into(act), soci::into(p), soci::use(list, "ids"));
    st.execute();
    while (st.fetch())
      if (auto* a = facts_of(act)) a->programmes.push_back(p);
  }
  {
    long long act = 0, f = 0, m = 0;
    soci::indicator fi, mi;
    ActivityFacts::Reach r;
    soci::statement st = (s.prepare << "SELECT activity_id, target_group_code, total, female, male FROM activity_reach "
                                       "WHERE activity_id" + id_in(s, "ids"),
                          soci::into(act), soci::into(r.target_group), soci::into(r.total), soci::into(f, fi),
                          soci::into(m, mi), soci::use(list, "ids"));
    st.execute();
    while (st.fetch()) {
      r.female = fi == soci::i_ok ? std::optional(f) : std::nullopt;
      r.male = mi == soci::i_ok ? std::optional(m) : std::nullopt;
      if (auto* a = facts_of(act)) a->reach.push_back(r);
    }
  }
  {
    long long act = 0;
    ActivityFacts::Age g;
    soci::statement st = (s.prepare << "SELECT activity_id, target_group_code, age_band_code, count FROM activity_reach_ages "
                                       "WHERE activity_id" + id_in(s, "ids"),
                          soci::into(act), soci::into(g.target_group), soci::into(g.band), soci::into(g.count),
                          soci::use(list, "ids"));
    st.execute();
    while (st.fetch())
      if (auto* a = facts_of(act)) a->ages.push_back(g);
  }
  for (const bool outputs : {true, false}) {
    long long act = 0;
    ActivityFacts::Coded c;
    soci::statement st =
        (s.prepare << (outputs ? "SELECT activity_id, output_kind_code, quantity FROM activity_outputs WHERE activity_id"
                               : "SELECT activity_id, funding_source_code, amount FROM activity_costs WHERE activity_id") +
                          id_in(s, "ids"),
         soci::into(act), soci::into(c.code), soci::into(c.amount), soci::use(list, "ids"));
    st.execute();
    while (st.fetch())
      if (auto* a = facts_of(act)) (outputs ? a->outputs : a->costs).push_back(c);
  }
  return out;
}

void apply(FactStore& store, const std::vector<long long>& ids, const std::vector<ActivityFacts>& facts) {
  for (long long id : ids) store.remove(id);
  for (const auto& a : facts) store.put(a);
}
}  // namespace

Catalog load_analytics_catalog(soci::session& s) {
  Catalog c;
  c.types = terms_of(s, "intervention_types");
  c.target_groups = terms_of(s, "target_groups");
  c.age_bands = terms_of(s, "age_bands");
  c.output_kinds = terms_of(s, "output_kinds");
  c.funding_sources = terms_of(s, "funding_sources");
  // The groups of §4.1 have no table of their own: their names are fixed by the guidance.
  c.type_groups = {{"a", {"Nhóm a: Thông tin, giáo dục, truyền thông", "Group a: information, education, communication"}},
                   {"b", {"Nhóm b: Sinh kế, việc làm", "Group b: livelihoods and jobs"}},
                   {"c", {"Nhóm c: Hỗ trợ, giảm hại", "Group c: support and harm reduction"}},
                   {"other", {"Nhóm khác: quản lý, tập huấn, mô hình", "Other: management, training, models"}}};
  c.target_group_groups = {{"prevention", {"Nhóm phòng ngừa", "Prevention"}},
                           {"harm_reduction", {"Nhóm giảm hại, hỗ trợ", "Harm reduction and support"}}};
  c.funding_groups = {{"state_budget", {"Ngân sách nhà nước", "State budget"}},
                      {"integrated", {"Lồng ghép từ chương trình khác, CTMTQG", "Integrated from other programmes"}}};
  {
    long long id = 0;
    std::string name;
    soci::statement st = (s.prepare << "SELECT id, name FROM agencies", soci::into(id), soci::into(name));
    st.execute();
    while (st.fetch()) c.agencies[id] = name;
  }
  {
    long long id = 0;
    std::string name;
    soci::statement st = (s.prepare << "SELECT id, name FROM programmes", soci::into(id), soci::into(name));
    st.execute();
    while (st.fetch()) c.programmes[id] = name;
  }
  return c;
}

size_t load_all_facts(soci::session& s, FactStore& store, const std::atomic<bool>* stop) {
  long long lo = 0, hi = -1;
  soci::indicator li, hi_ind;
  s << "SELECT MIN(id), MAX(id) FROM activities", soci::into(lo, li), soci::into(hi, hi_ind);
  if (li != soci::i_ok || hi_ind != soci::i_ok) return 0;
  for (long long a = lo; a <= hi; a += kChunkIds) {
    if (stop && *stop) throw std::runtime_error("analytics load stopped");
    load_range(s, store, a, std::min(hi, a + kChunkIds - 1));
  }
  store.cluster();  // the zone map (issue 20)
  return store.activity_count();
}

long long activities_revision(soci::session& s) {
  std::string v;
  soci::indicator ind;
  s << "SELECT value FROM meta WHERE key = 'activities_revision'", soci::into(v, ind);
  if (!s.got_data() || ind != soci::i_ok) return 0;
  try {
    return std::stoll(v);
  } catch (...) {
    return 0;
  }
}

long long bump_activities_revision(soci::session& s) {
  std::string v;
  s << "UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) WHERE key = 'activities_revision' RETURNING value",
      soci::into(v);
  try {
    return std::stoll(v);
  } catch (...) {
    return 0;
  }
}

std::vector<long long> activities_changed_since(soci::session& s, long long after) {
  std::vector<long long> ids;
  long long id = 0;
  soci::statement st = (s.prepare << "SELECT id FROM activities WHERE revision > :r UNION "
                                     "SELECT activity_id FROM activity_tombstones WHERE revision > :r2",
                        soci::into(id), soci::use(after, "r"), soci::use(after, "r2"));
  st.execute();
  while (st.fetch()) ids.push_back(id);
  return ids;
}

namespace {
void load_money_lines(soci::session& s, std::vector<analytics::MoneyFact>& planned,
                      std::vector<analytics::MoneyFact>& allocated) {
  std::vector<analytics::MoneyFact>* lines[2] = {&planned, &allocated};
  const char* sql[2] = {
      "SELECT pl.org_unit_id, pl.agency_id, pl.year, pa.intervention_type_code, pa.target_group_code, "
      "l.funding_source_code, l.programme_id, l.amount FROM plan_activity_budget l "
      "JOIN plan_activities pa ON pa.id = l.plan_activity_id JOIN integration_plans pl ON pl.id = pa.plan_id "
      "WHERE pl.status = 'approved' ORDER BY l.id",
      "SELECT d.org_unit_id, d.agency_id, d.year, pa.intervention_type_code, pa.target_group_code, "
      "l.funding_source_code, l.programme_id, l.amount FROM allocation_lines l "
      "JOIN allocation_decisions d ON d.id = l.decision_id LEFT JOIN plan_activities pa ON pa.id = l.plan_activity_id "
      "WHERE d.status = 'issued' ORDER BY l.id"};
  for (int k = 0; k < 2; ++k) {
    long long unit = 0, agency = 0, programme = 0, amount = 0;
    int year = 0;
    std::string type, group, source;
    soci::indicator ai, ti, gi, pi;
    soci::statement st = (s.prepare << sql[k], soci::into(unit), soci::into(agency, ai), soci::into(year),
                          soci::into(type, ti), soci::into(group, gi), soci::into(source), soci::into(programme, pi),
                          soci::into(amount));
    st.execute();
    while (st.fetch()) {
      analytics::MoneyFact f;
      f.unit_id = unit;
      f.agency_id = ai == soci::i_ok ? agency : 0;
      f.year = year;
      f.type = ti == soci::i_ok ? type : "";
      f.target_group = gi == soci::i_ok ? group : "";
      f.funding_source = source;
      f.programme_id = pi == soci::i_ok ? programme : 0;
      f.amount = amount;
      lines[k]->push_back(std::move(f));
    }
  }
}
}  // namespace

void load_money_facts(soci::session& s, FactStore& store) {
  std::vector<analytics::MoneyFact> planned, allocated;
  load_money_lines(s, planned, allocated);
  store.set_money(planned, allocated);
}

MoneyFingerprint money_fingerprint(soci::session& s) {
  MoneyFingerprint f;
  s << "SELECT (SELECT COUNT(*) FROM integration_plans WHERE status = 'approved'), "
       "(SELECT CAST(COALESCE(SUM(id), 0) AS BIGINT) FROM integration_plans WHERE status = 'approved'), "
       "(SELECT CAST(COALESCE(SUM((CAST(id AS BIGINT) % 1000003) * (CAST(id AS BIGINT) % 1000003)), 0) AS BIGINT) FROM integration_plans WHERE status = 'approved'), "
       "(SELECT COUNT(*) FROM allocation_decisions WHERE status = 'issued'), "
       "(SELECT CAST(COALESCE(SUM(id), 0) AS BIGINT) FROM allocation_decisions WHERE status = 'issued'), "
       "(SELECT CAST(COALESCE(SUM((CAST(id AS BIGINT) % 1000003) * (CAST(id AS BIGINT) % 1000003)), 0) AS BIGINT) FROM allocation_decisions WHERE status = 'issued')",
      soci::into(f.plans), soci::into(f.plan_sum), soci::into(f.plan_sq), soci::into(f.decisions),
      soci::into(f.decision_sum), soci::into(f.decision_sq);
  return f;
}


// ----- snapshot (issue 20) -----

namespace {
constexpr char kSnapMagic[8] = {'L', 'G', 'F', 'S', 'N', 'A', 'P', '\n'};
constexpr uint32_t kSnapFormat = 1;  // bump when FactStore::write_snapshot's layout changes

// A 64-bit checksum of the bytes (8 at a time; not cryptographic: it finds damage, not forgery).
uint64_t checksum(std::string_view b) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ b.size();
  size_t i = 0;
  for (; i + 8 <= b.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, b.data() + i, 8);
    h = (h ^ w) * 0x100000001B3ull;
    h ^= h >> 29;
  }
  for (; i < b.size(); ++i) h = (h ^ static_cast<unsigned char>(b[i])) * 0x100000001B3ull;
  return h ^ (h >> 32);
}

template <typename T>
void put_pod(std::string& out, const T& v) { out.append(reinterpret_cast<const char*>(&v), sizeof(T)); }

std::string snapshot_location(const Database& db) {
  const char* env = std::getenv("LONGGHEP_ANALYTICS_SNAPSHOT_DIR");
  if (env && std::string(env) == "off") return "";
  if (env && *env) return (std::filesystem::path(env) / "longghep-analytics.snapshot").string();
  const std::string& url = db.url_for_logs();
  if (db.backend() != Backend::sqlite || url.rfind("sqlite://", 0) != 0) return "";
  std::string path = url.substr(9);
  if (path.empty() || path == ":memory:" || path.find('?') != std::string::npos) return "";
  return path + ".analytics";
}

bool write_file_atomically(const std::string& path, const std::string& head, const std::string& body) {
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  auto write_all = [&](const std::string& s) {
    size_t at = 0;
    while (at < s.size()) {
      const ssize_t n = ::write(fd, s.data() + at, s.size() - at);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      at += static_cast<size_t>(n);
    }
    return true;
  };
  const bool ok = write_all(head) && write_all(body) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return false;
  }
  const std::string dir = std::filesystem::path(path).parent_path().string();
  const int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return true;
}
}  // namespace

AnalyticsIndex::AnalyticsIndex(Database& db) : db_(db), snapshot_path_(snapshot_location(db)) {}

AnalyticsIndex::~AnalyticsIndex() {
  try {
    write_snapshot();
  } catch (...) {
  }
}

std::string AnalyticsIndex::database_id(soci::session& s) {
  std::string v;
  soci::indicator ind = soci::i_null;
  s << "SELECT value FROM meta WHERE key = 'database_id'", soci::into(v, ind);
  if (s.got_data() && ind == soci::i_ok && !v.empty()) return v;
  std::random_device rd;
  char buf[33];
  std::snprintf(buf, sizeof buf, "%08x%08x%08x%08x", rd(), rd(), rd(), rd());
  const std::string fresh = buf;
  s << "INSERT INTO meta (key, value) VALUES ('database_id', :v) ON CONFLICT (key) DO NOTHING", soci::use(fresh);
  s << "SELECT value FROM meta WHERE key = 'database_id'", soci::into(v, ind);
  return v;
}

bool AnalyticsIndex::write_snapshot() {
  if (snapshot_path_.empty() || db_id_.empty()) return false;
  const long long t0 = now_ms();
  std::string head, body;
  long long rev = 0;
  {
    std::lock_guard a(apply_mu_);  // no apply meanwhile: the store holds at least every write ≤ rev
    std::shared_lock l(mu_);
    rev = tracker_.applied();
    if (rev < 0 || rev == snapshot_rev_) return false;
    body = store_.write_snapshot();
  }
  head.append(kSnapMagic, sizeof kSnapMagic);
  put_pod(head, kSnapFormat);
  put_pod<uint32_t>(head, static_cast<uint32_t>(db_id_.size()));
  head += db_id_;
  put_pod<int64_t>(head, rev);
  put_pod<uint64_t>(head, body.size());
  put_pod<uint64_t>(head, checksum(body));
  if (!write_file_atomically(snapshot_path_, head, body)) {
    spdlog::warn("analytics: cannot write the snapshot {}: {}", snapshot_path_, std::strerror(errno));
    return false;
  }
  std::lock_guard a(apply_mu_);
  snapshot_rev_ = std::max(snapshot_rev_, rev);
  snapshot_at_ms_ = now_ms();
  spdlog::info("analytics: snapshot of revision {} written to {} ({} bytes) in {} ms", rev, snapshot_path_, body.size(),
               now_ms() - t0);
  return true;
}

bool AnalyticsIndex::load_snapshot(soci::session& s) {
  const long long t0 = now_ms();
  auto refuse = [&](const std::string& why) {
    spdlog::info("analytics: snapshot {} not used ({}): full load", snapshot_path_, why);
    std::unique_lock l(mu_);
    last_start_ = "full: " + why;
    return false;
  };
  // The file is mapped, not copied: the store's columns are decoded straight from it.
  struct Mapping {
    void* p = MAP_FAILED;
    size_t n = 0;
    ~Mapping() { if (p != MAP_FAILED) ::munmap(p, n); }
  } map;
  {
    const int fd = ::open(snapshot_path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return refuse(errno == ENOENT ? "missing" : "unreadable");
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_size <= 0) {
      ::close(fd);
      return refuse("unreadable");
    }
    map.n = static_cast<size_t>(st.st_size);
    map.p = ::mmap(nullptr, map.n, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    ::close(fd);
    if (map.p == MAP_FAILED) return refuse("unreadable");
    ::madvise(map.p, map.n, MADV_SEQUENTIAL);
  }
  std::string_view b(static_cast<const char*>(map.p), map.n);
  size_t at = 0;
  auto take = [&](size_t n) -> std::string_view {
    if (b.size() - at < n) throw std::runtime_error("truncated");
    auto v = b.substr(at, n);
    at += n;
    return v;
  };
  auto take_pod = [&](auto v) {
    std::memcpy(&v, take(sizeof v).data(), sizeof v);
    return v;
  };
  FactStore fresh;
  long long rev = 0, t_file = 0, t_sum = 0;
  try {
    if (take(sizeof kSnapMagic) != std::string_view(kSnapMagic, sizeof kSnapMagic)) return refuse("not a snapshot");
    if (take_pod(uint32_t{}) != kSnapFormat) return refuse("other format version");
    const auto id_len = take_pod(uint32_t{});
    if (id_len > 256) return refuse("not a snapshot");
    if (take(id_len) != db_id_) return refuse("of another database");
    rev = take_pod(int64_t{});
    const auto size = take_pod(uint64_t{});
    const auto sum = take_pod(uint64_t{});
    if (size != b.size() - at) return refuse("truncated");
    const std::string_view body = b.substr(at);
    t_file = now_ms();
    if (checksum(body) != sum) return refuse("checksum mismatch");
    t_sum = now_ms();
    fresh.read_snapshot(body);
  } catch (const std::exception& e) {
    return refuse(e.what());
  }
  const long long t_read = now_ms();
  // The delta: every activity written or deleted above the snapshot's revision.
  const long long db_rev = activities_revision(s);
  if (rev > db_rev) return refuse("ahead of the database (revision " + std::to_string(rev) + " > " + std::to_string(db_rev) + ")");
  const MoneyFingerprint fp = money_fingerprint(s);
  std::vector<long long> ids = activities_changed_since(s, rev);
  if (ids.size() > kRebuildAbove) return refuse(std::to_string(ids.size()) + " activities changed since");
  for (size_t i = 0; i < ids.size(); i += kApplyChunk) {
    std::vector<long long> chunk(ids.begin() + static_cast<long>(i),
                                 ids.begin() + static_cast<long>(std::min(ids.size(), i + kApplyChunk)));
    apply(fresh, chunk, read_facts(s, chunk));
  }
  // A last check against the database (a restored older copy that moved on to the same revision):
  // the stored activities must be the database's count.
  long long count = 0;
  s << "SELECT COUNT(*) FROM activities", soci::into(count);
  if (static_cast<size_t>(count) != fresh.activity_count())
    return refuse("activity count " + std::to_string(fresh.activity_count()) + " ≠ database " + std::to_string(count));
  Catalog cat = load_analytics_catalog(s);
  load_money_facts(s, fresh);
  const double ms = static_cast<double>(now_ms() - t0);
  const size_t activities = fresh.activity_count();
  {
    std::lock_guard a(apply_mu_);
    std::unique_lock l(mu_);
    generation_.fetch_add(1, std::memory_order_acq_rel);
    store_ = std::move(fresh);
    catalog_ = std::move(cat);
    tracker_.reset(db_rev);
    money_fp_ = fp;
    load_ms_ = ms;
    last_start_ = "snapshot";
    snapshot_rev_ = rev;
    // A delta was applied: the watcher's first round brings the file up to date.
    snapshot_at_ms_ = ids.empty() ? now_ms() : 0;
  }
  spdlog::info("analytics: {} activities from the snapshot of revision {} ({} ms: file {} ms, checksum {} ms, decode {} ms) + {} "
               "changed since, at revision {}, in {:.0f} ms",
               activities, rev, t_read - t0, t_file - t0, t_sum - t_file, t_read - t_sum, ids.size(), db_rev, ms);
  return true;
}

// ----- AnalyticsIndex -----

void AnalyticsIndex::load_whole(soci::session& s, const std::atomic<bool>* stop) {
  const long long t0 = now_ms();
  FactStore fresh;
  const long long rev = activities_revision(s);  // before the load: what is written later is above it
  const MoneyFingerprint fp = money_fingerprint(s);  // likewise: a later change moves it
  Catalog cat = load_analytics_catalog(s);
  load_all_facts(s, fresh, stop);
  load_money_facts(s, fresh);
  const double ms = static_cast<double>(now_ms() - t0);
  {
    std::lock_guard a(apply_mu_);
    std::unique_lock l(mu_);
    generation_.fetch_add(1, std::memory_order_acq_rel);
    store_ = std::move(fresh);
    catalog_ = std::move(cat);
    tracker_.reset(rev);  // own writes applied to the old store meanwhile are above rev: caught up next
    money_fp_ = fp;
    load_ms_ = ms;
    if (last_start_.rfind("full", 0) != 0) last_start_ = "full";
  }
  std::shared_lock l(mu_);
  spdlog::info("analytics: {} activities, {} facts, {} bytes ({:.1f} bytes/fact) loaded in {:.0f} ms at revision {}",
               store_.activity_count(), store_.fact_count(), store_.memory_bytes(),
               store_.fact_count() ? static_cast<double>(store_.memory_bytes()) / static_cast<double>(store_.fact_count()) : 0.0,
               ms, rev);
}

void AnalyticsIndex::rebuild() {
  db_.with_session([&](soci::session& s) {
    if (!snapshot_path_.empty()) {
      try {
        db_id_ = database_id(s);
      } catch (const std::exception& e) {
        spdlog::warn("analytics: no database id ({}): no snapshot", e.what());
      }
    }
    if (!db_id_.empty() && load_snapshot(s)) return;
    load_whole(s, nullptr);
  });
  // The snapshot is written by the watcher's first round (catch_up), off the start-up path.
}

void AnalyticsIndex::refresh(const std::vector<long long>& ids, long long revision) {
  if (ids.empty()) return;
  db_.with_session([&](soci::session& s) {  // the connection first, then the locks
    std::lock_guard a(apply_mu_);
    auto facts = read_facts(s, ids);
    std::unique_lock l(mu_);
    generation_.fetch_add(1, std::memory_order_acq_rel);
    apply(store_, ids, facts);
    if (revision > 0) tracker_.own_applied(revision);
  });
}

void AnalyticsIndex::append_import(const FactStore& src, long long revision) {
  const size_t rows = src.activity_rows();
  const auto& flags = src.flags();
  const auto& reach = src.reach();
  const auto& ages = src.ages();
  const auto& outputs = src.outputs();
  const auto& costs = src.costs();
  size_t ri = 0, ai = 0, oi = 0, ci = 0;  // line cursors: the lines of a fresh store follow their rows
  for (size_t r0 = 0; r0 < rows; r0 += kAppendChunk) {
    const size_t r1 = std::min(rows, r0 + kAppendChunk);
    std::lock_guard a(apply_mu_);
    std::unique_lock l(mu_);
    generation_.fetch_add(1, std::memory_order_acq_rel);
    std::vector<bool> skip(r1 - r0, false);
    for (size_t r = r0; r < r1; ++r) {
      const long long id = src.ids()[r];
      if (!(flags[r] & FactStore::kAlive) || store_.contains(id)) {
        skip[r - r0] = true;
        continue;
      }
      store_.begin_activity(id, src.units().value(src.unit()[r]), analytics::day_of(src.day()[r]),
                            src.types().value(src.type()[r]), src.agencies().value(src.agency()[r]),
                            (flags[r] & FactStore::kPlanned) != 0, 1);
      if (flags[r] & FactStore::kMultiProgramme) {
        for (uint32_t p : src.programmes_of(static_cast<uint32_t>(r))) store_.add_programme(id, src.programmes().value(p));
      } else if (src.programme()[r] != 0) {
        store_.add_programme(id, src.programmes().value(src.programme()[r] - 1));
      }
    }
    auto id_of = [&](uint32_t act) -> long long { return skip[act - r0] ? 0 : src.ids()[act]; };
    for (; ri < reach.act.size() && reach.act[ri] < r1; ++ri)
      if (long long id = id_of(reach.act[ri]))
        store_.add_reach(id, src.target_groups().value(reach.group[ri]), reach.total[ri],
                         reach.female[ri] == FactStore::kNull ? std::nullopt : std::optional<long long>(reach.female[ri]),
                         reach.male[ri] == FactStore::kNull ? std::nullopt : std::optional<long long>(reach.male[ri]));
    for (; ai < ages.act.size() && ages.act[ai] < r1; ++ai)
      if (long long id = id_of(ages.act[ai]))
        store_.add_age(id, src.target_groups().value(ages.group[ai]), src.age_bands().value(ages.band[ai]), ages.count[ai]);
    for (; oi < outputs.act.size() && outputs.act[oi] < r1; ++oi)
      if (long long id = id_of(outputs.act[oi]))
        store_.add_output(id, src.output_kinds().value(outputs.code[oi]), outputs.amount[oi]);
    for (; ci < costs.act.size() && costs.act[ci] < r1; ++ci)
      if (long long id = id_of(costs.act[ci]))
        store_.add_cost(id, src.funding_sources().value(costs.code[ci]), costs.amount[ci]);
  }
  if (revision > 0) {
    std::unique_lock l(mu_);
    generation_.fetch_add(1, std::memory_order_acq_rel);
    tracker_.own_applied(revision);
  }
  // A write of this process that committed after the import but refreshed before the append
  // (an edit or a delete of an imported activity) must not be undone by it: re-read them.
  if (revision > 0) {
    std::vector<long long> changed;
    db_.with_session([&](soci::session& s) { changed = activities_changed_since(s, revision); });
    for (size_t i = 0; i < changed.size(); i += kApplyChunk)
      refresh(std::vector<long long>(changed.begin() + static_cast<long>(i),
                                     changed.begin() + static_cast<long>(std::min(changed.size(), i + kApplyChunk))));
  }
}

bool AnalyticsIndex::refresh_money() {
  bool out = false;
  db_.with_session([&](soci::session& s) { out = refresh_money(s); });
  return out;
}

bool AnalyticsIndex::refresh_money(soci::session& s) {
  // The connection first, then the locks (as refresh): one read-and-apply at a time, so an older
  // read never replaces a newer one.
  std::lock_guard a(apply_mu_);
  const MoneyFingerprint fp = money_fingerprint(s);
  {
    std::shared_lock l(mu_);
    if (fp == money_fp_) return false;
  }
  // Read off the store lock, then install under the exclusive lock.
  std::vector<analytics::MoneyFact> planned, allocated;
  load_money_lines(s, planned, allocated);
  std::unique_lock l(mu_);
  generation_.fetch_add(1, std::memory_order_acq_rel);
  store_.set_money(planned, allocated);
  money_fp_ = fp;
  return true;
}

bool AnalyticsIndex::catch_up(soci::session& s, const std::atomic<bool>& stop) {
  {
    bool due = false;
    {
      std::lock_guard a(apply_mu_);
      due = now_ms() - snapshot_at_ms_ >= kSnapshotEveryMs;
      if (due) snapshot_at_ms_ = now_ms();  // one attempt per period, written or not
    }
    if (due) write_snapshot();
  }
  const bool money = refresh_money(s);
  const long long db_rev = activities_revision(s);
  long long applied = 0;
  {
    std::shared_lock l(mu_);
    if (!tracker_.behind(db_rev)) return money;
    applied = tracker_.applied();
  }
  // Everything ≤ db_rev has committed (revisions commit in order): read what changed above the
  // revision applied; rows of later revisions may come too and are simply read again next time.
  std::vector<long long> ids = activities_changed_since(s, applied);
  if (ids.size() > kRebuildAbove) {
    spdlog::info("analytics: {} activities changed since revision {} (a bulk load elsewhere): reading all", ids.size(), applied);
    load_whole(s, &stop);
    return true;
  }
  for (size_t i = 0; i < ids.size() && !stop; i += kApplyChunk) {
    std::vector<long long> chunk(ids.begin() + static_cast<long>(i),
                                 ids.begin() + static_cast<long>(std::min(ids.size(), i + kApplyChunk)));
    std::lock_guard a(apply_mu_);
    auto facts = read_facts(s, chunk);
    std::unique_lock l(mu_);
    generation_.fetch_add(1, std::memory_order_acq_rel);
    apply(store_, chunk, facts);
  }
  if (stop) return true;
  reload_catalog(s);
  std::unique_lock l(mu_);
  generation_.fetch_add(1, std::memory_order_acq_rel);
  tracker_.caught_up_to(db_rev);
  spdlog::debug("analytics: caught up {} activities to revision {}", ids.size(), db_rev);
  return true;
}

void AnalyticsIndex::reload_catalog(soci::session& s) {
  Catalog cat = load_analytics_catalog(s);
  std::unique_lock l(mu_);
  generation_.fetch_add(1, std::memory_order_acq_rel);
  catalog_ = std::move(cat);
}

AnalyticsIndex::Stats AnalyticsIndex::stats() {
  std::shared_lock l(mu_);
  return {store_.activity_count(), store_.fact_count(), store_.memory_bytes(), load_ms_, tracker_.applied()};
}

void AnalyticsIndex::read(const std::function<void(const FactStore&, const Catalog&)>& fn) {
  std::shared_lock l(mu_);
  fn(store_, catalog_);
}

}  // namespace longghep
