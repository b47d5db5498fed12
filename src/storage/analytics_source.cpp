#include "storage/analytics_source.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <ctime>
#include <map>

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

// "2026-11-23T18:00:00Z" minus `seconds`, same format; unparsable text comes back unchanged.
std::string minus_seconds(const std::string& ts, int seconds) {
  std::tm tm{};
  if (ts.size() < 19 || !strptime(ts.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return ts;
  std::time_t t = timegm(&tm) - seconds;
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
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
    std::vector<long long> id(kBatch), unit(kBatch), agency(kBatch), plan(kBatch);
    std::vector<soci::indicator> plan_ind(kBatch);
    std::vector<std::string> type(kBatch), start(kBatch);
    soci::statement st = (s.prepare << "SELECT id, org_unit_id, intervention_type_code, lead_agency_id, plan_activity_id, "
                                       "start_date FROM activities WHERE id BETWEEN :lo AND :hi ORDER BY id",
                          soci::into(id), soci::into(unit), soci::into(type), soci::into(agency),
                          soci::into(plan, plan_ind), soci::into(start), soci::use(lo), soci::use(hi));
    each_batch(st, [&] {
      for (size_t i = 0; i < id.size(); ++i) {
        auto d = parse_day(start[i]);
        if (d) store.begin_activity(id[i], unit[i], *d, type[i], agency[i], plan_ind[i] == soci::i_ok);
      }
    }, [&] {
      for (auto* v : {&id, &unit, &agency, &plan}) v->resize(kBatch);
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

std::string max_updated_at(soci::session& s) {
  std::string ts;
  soci::indicator ind;
  s << "SELECT MAX(updated_at) FROM activities", soci::into(ts, ind);
  return ind == soci::i_ok ? ts : "";
}

long long activity_total(soci::session& s) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM activities", soci::into(n);
  return n;
}

// The current content of these activities (absent ones are not in the result).
std::vector<ActivityFacts> read_facts(soci::session& s, const std::vector<long long>& ids) {
  std::vector<ActivityFacts> out;
  for (long long id : ids) {
    ActivityFacts a;
    std::string type, start;
    long long plan = 0;
    soci::indicator plan_ind;
    s << "SELECT org_unit_id, intervention_type_code, lead_agency_id, plan_activity_id, start_date FROM activities "
         "WHERE id = :id",
        soci::into(a.unit_id), soci::into(type), soci::into(a.agency_id), soci::into(plan, plan_ind),
        soci::into(start), soci::use(id);
    if (!s.got_data()) continue;
    auto d = parse_day(start);
    if (!d) continue;
    a.id = id;
    a.type = type;
    a.day = *d;
    a.planned = plan_ind == soci::i_ok;
    {
      long long p = 0;
      soci::statement st = (s.prepare << "SELECT programme_id FROM activity_programmes WHERE activity_id = :id",
                            soci::into(p), soci::use(id));
      st.execute();
      while (st.fetch()) a.programmes.push_back(p);
    }
    {
      ActivityFacts::Reach r;
      long long f = 0, m = 0;
      soci::indicator fi, mi;
      soci::statement st = (s.prepare << "SELECT target_group_code, total, female, male FROM activity_reach "
                                         "WHERE activity_id = :id",
                            soci::into(r.target_group), soci::into(r.total), soci::into(f, fi), soci::into(m, mi),
                            soci::use(id));
      st.execute();
      while (st.fetch()) {
        r.female = fi == soci::i_ok ? std::optional(f) : std::nullopt;
        r.male = mi == soci::i_ok ? std::optional(m) : std::nullopt;
        a.reach.push_back(r);
      }
    }
    {
      ActivityFacts::Age g;
      soci::statement st = (s.prepare << "SELECT target_group_code, age_band_code, count FROM activity_reach_ages "
                                         "WHERE activity_id = :id",
                            soci::into(g.target_group), soci::into(g.band), soci::into(g.count), soci::use(id));
      st.execute();
      while (st.fetch()) a.ages.push_back(g);
    }
    for (const bool outputs : {true, false}) {
      ActivityFacts::Coded c;
      soci::statement st =
          (s.prepare << (outputs ? "SELECT output_kind_code, quantity FROM activity_outputs WHERE activity_id = :id"
                                 : "SELECT funding_source_code, amount FROM activity_costs WHERE activity_id = :id"),
           soci::into(c.code), soci::into(c.amount), soci::use(id));
      st.execute();
      while (st.fetch()) (outputs ? a.outputs : a.costs).push_back(c);
    }
    out.push_back(std::move(a));
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
  c.funding_groups = {{"state_budget", {"Ngân sách nhà nước", "State budget"}}};
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

size_t load_all_facts(soci::session& s, FactStore& store) {
  long long lo = 0, hi = -1;
  soci::indicator li, hi_ind;
  s << "SELECT MIN(id), MAX(id) FROM activities", soci::into(lo, li), soci::into(hi, hi_ind);
  if (li != soci::i_ok || hi_ind != soci::i_ok) return 0;
  for (long long a = lo; a <= hi; a += kChunkIds) load_range(s, store, a, std::min(hi, a + kChunkIds - 1));
  return store.activity_count();
}

void reload_facts(soci::session& s, FactStore& store, const std::vector<long long>& ids) {
  apply(store, ids, read_facts(s, ids));
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

void bump_activities_revision(soci::session& s) {
  s << "UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) WHERE key = 'activities_revision'";
}

// ----- AnalyticsIndex -----

void AnalyticsIndex::rebuild() {
  std::lock_guard r(rebuild_mu_);
  {
    std::unique_lock l(mu_);
    rebuilding_ = true;
    refreshed_during_rebuild_.clear();
  }
  const long long t0 = now_ms();
  FactStore fresh;
  Catalog cat;
  std::string wm;
  long long rev = 0;
  try {
    db_.with_session([&](soci::session& s) {
      rev = activities_revision(s);
      wm = max_updated_at(s);
      cat = load_analytics_catalog(s);
      load_all_facts(s, fresh);
    });
  } catch (...) {
    std::unique_lock l(mu_);
    rebuilding_ = false;
    throw;
  }
  const double ms = static_cast<double>(now_ms() - t0);
  std::unique_lock l(mu_);
  if (!refreshed_during_rebuild_.empty()) {
    std::vector<long long> ids;
    ids.swap(refreshed_during_rebuild_);
    db_.with_session([&](soci::session& s) { reload_facts(s, fresh, ids); });
  }
  store_ = std::move(fresh);
  catalog_ = std::move(cat);
  watermark_ = wm;
  revision_ = rev;
  rebuilding_ = false;
  load_ms_ = ms;
  last_check_ms_ = now_ms();
  spdlog::info("analytics: {} activities, {} facts, {} bytes ({:.1f} bytes/fact) loaded in {:.0f} ms",
               store_.activity_count(), store_.fact_count(), store_.memory_bytes(),
               store_.fact_count() ? static_cast<double>(store_.memory_bytes()) / static_cast<double>(store_.fact_count()) : 0.0,
               ms);
}

void AnalyticsIndex::refresh(const std::vector<long long>& ids) {
  if (ids.empty()) return;
  std::vector<ActivityFacts> facts;
  // Serialised with itself so two refreshes of one activity cannot apply out of order.
  static std::mutex refresh_mu;
  std::lock_guard r(refresh_mu);
  db_.with_session([&](soci::session& s) { facts = read_facts(s, ids); });
  std::unique_lock l(mu_);
  apply(store_, ids, facts);
  if (rebuilding_) refreshed_during_rebuild_.insert(refreshed_during_rebuild_.end(), ids.begin(), ids.end());
}

void AnalyticsIndex::refresh_import(long long import_id) {
  long long lo = 0, hi = -1;
  soci::indicator li, hi_ind;
  db_.with_session([&](soci::session& s) {
    s << "SELECT MIN(id), MAX(id) FROM activities WHERE import_id = :i", soci::into(lo, li), soci::into(hi, hi_ind),
        soci::use(import_id);
  });
  if (li != soci::i_ok || hi_ind != soci::i_ok) return;
  // In chunks, each applied under the lock for a short time.
  constexpr long long kStep = 2000;
  for (long long a = lo; a <= hi; a += kStep) {
    std::vector<long long> ids;
    db_.with_session([&](soci::session& s) {
      long long id = 0;
      const long long b = std::min(hi, a + kStep - 1);
      soci::statement st = (s.prepare << "SELECT id FROM activities WHERE import_id = :i AND id BETWEEN :a AND :b",
                            soci::into(id), soci::use(import_id), soci::use(a), soci::use(b));
      st.execute();
      while (st.fetch()) ids.push_back(id);
    });
    refresh(ids);
  }
}

void AnalyticsIndex::maybe_catch_up() {
  const long long now = now_ms();
  if (now - last_check_ms_ < kCheckMs) return;
  last_check_ms_ = now;
  long long rev = 0;
  db_.with_session([&](soci::session& s) { rev = activities_revision(s); });
  if (rev == revision_) return;
  std::unique_lock r(rebuild_mu_, std::try_to_lock);
  if (!r.owns_lock()) return;  // a rebuild or catch-up is under way
  r.unlock();
  catch_up();
}

void AnalyticsIndex::catch_up() {
  std::unique_lock r(rebuild_mu_);
  long long rev = 0, db_count = 0;
  std::string since, wm;
  {
    std::shared_lock l(mu_);
    since = minus_seconds(watermark_, 10);
  }
  std::vector<long long> ids;
  db_.with_session([&](soci::session& s) {
    rev = activities_revision(s);
    wm = max_updated_at(s);
    long long id = 0;
    soci::statement st = (s.prepare << "SELECT id FROM activities WHERE updated_at >= :w", soci::into(id), soci::use(since));
    st.execute();
    while (st.fetch()) ids.push_back(id);
  });
  if (ids.size() > 100000) {  // a bulk load elsewhere: reading everything is faster
    r.unlock();
    rebuild();
    return;
  }
  r.unlock();
  refresh(ids);
  r.lock();
  db_.with_session([&](soci::session& s) { db_count = activity_total(s); });
  size_t stored = 0;
  {
    std::unique_lock l(mu_);
    stored = store_.activity_count();
    if (!wm.empty()) watermark_ = wm;
  }
  if (static_cast<long long>(stored) != db_count) {
    spdlog::info("analytics: {} activities stored, {} in the database: rebuilding", stored, db_count);
    r.unlock();
    rebuild();
    return;
  }
  revision_ = rev;
}

AnalyticsIndex::Stats AnalyticsIndex::stats() {
  std::shared_lock l(mu_);
  return {store_.activity_count(), store_.fact_count(), store_.memory_bytes(), load_ms_};
}

void AnalyticsIndex::read(const std::function<void(const FactStore&, const Catalog&)>& fn) {
  maybe_catch_up();
  std::shared_lock l(mu_);
  fn(store_, catalog_);
}

}  // namespace longghep
