// The money measures of the analytics engine (issue 19, docs/api-money.md §4): `planned` (budget
// lines of approved plans' activities) and `allocated` (lines of issued decisions and issued
// amendments, signed) on real databases (SQLite always; PostgreSQL when LONGGHEP_TEST_PG_URL names
// a server): the in-memory engine answers exactly what the same query in SQL answers, drafts and
// superseded plans never count, and a decision issued later is in the next answer after
// refresh_money (the fingerprint moved), never before.
#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "analytics/pivot.hpp"
#include "app/demo.hpp"
#include "storage/analytics_source.hpp"
#include "storage/analytics_sql.hpp"
#include "storage/database.hpp"
#include "storage/org_units.hpp"
#include "backend_fixture.hpp"

using namespace longghep;
namespace an = longghep::analytics;

namespace {
class MoneyEngineTest : public test_fixture::BackendTest {
 protected:
  void SetUp() override {
    open_fresh("lg_money_", 2);
    if (IsSkipped()) return;
    ASSERT_GE(db_->migrate(), 1);
  }
};

struct PlanActivity { long long id = 0, plan = 0, unit = 0; int year = 0; std::string status; };

// Budgets on activities of approved and of not-approved plans; decisions issued, draft, and an
// issued amendment (a cut); lines with and without a plan activity and a programme.
struct Seeded { long long planned = 0, allocated = 0; long long unit = 0; int year = 0; };

Seeded seed_money(soci::session& s, int salt, bool budgets = true) {
  Seeded out;
  std::vector<PlanActivity> acts;
  {
    PlanActivity a;
    soci::statement st = (s.prepare << "SELECT pa.id, pl.id, pl.org_unit_id, pl.year, pl.status FROM plan_activities pa "
                                       "JOIN integration_plans pl ON pl.id = pa.plan_id WHERE NOT EXISTS "
                                       "(SELECT 1 FROM plan_activity_budget b WHERE b.plan_activity_id = pa.id) ORDER BY pa.id",
                          soci::into(a.id), soci::into(a.plan), soci::into(a.unit), soci::into(a.year), soci::into(a.status));
    st.execute();
    while (st.fetch()) acts.push_back(a);
  }
  std::vector<std::string> sources;
  {
    std::string c;
    soci::statement st = (s.prepare << "SELECT code FROM funding_sources ORDER BY code", soci::into(c));
    st.execute();
    while (st.fetch()) sources.push_back(c);
  }
  std::vector<long long> programmes;
  {
    long long p = 0;
    soci::statement st = (s.prepare << "SELECT id FROM programmes ORDER BY id", soci::into(p));
    st.execute();
    while (st.fetch()) programmes.push_back(p);
  }
  if (acts.empty() || sources.empty()) return out;
  long long k = 0;
  for (size_t i = 0; budgets && i < acts.size(); i += 3) {
    const auto& a = acts[i];
    for (int j = 0; j < 2; ++j) {
      const std::string src = sources[(i + static_cast<size_t>(j)) % sources.size()];
      const long long amount = 1'000'000LL * static_cast<long long>((i * 7 + static_cast<size_t>(j) * 13) % 50 + 1) +
                               5'000'000'000LL * (i % 2);  // billions: 64-bit sums
      long long prog = programmes.empty() || (i + static_cast<size_t>(j)) % 3 == 0 ? 0 : programmes[(i + static_cast<size_t>(j)) % programmes.size()];
      soci::indicator pi = prog ? soci::i_ok : soci::i_null;
      int pos = j;
      s << "INSERT INTO plan_activity_budget(plan_activity_id, position, funding_source_code, programme_id, amount) "
           "VALUES(:a, :p, :s, :g, :m)",
          soci::use(a.id), soci::use(pos), soci::use(src), soci::use(prog, pi), soci::use(amount);
      if (a.status == "approved") out.planned += amount;
      ++k;
    }
  }
  // Decisions: every fifth plan activity's plan's unit gets one; issued ones count, drafts do not.
  const std::string now = "2026-01-05T00:00:00Z";
  long long decision_no = 0;
  for (size_t i = 0; i < acts.size(); i += 5) {
    const auto& a = acts[i];
    const std::string status = (i / 5) % 4 == 3 ? "draft" : "issued";
    const std::string number = std::to_string(salt) + "-" + std::to_string(++decision_no) + "/QĐ-UBND";
    const std::string body = "UBND", date = std::to_string(a.year) + "-03-15";
    long long id = 0;
    s << "INSERT INTO allocation_decisions(org_unit_id, year, issuing_body, number, decision_date, plan_id, status, "
         "created_at, updated_at) VALUES(:u, :y, :b, :n, :d, :p, :s, :c, :c2)",
        soci::use(a.unit), soci::use(a.year), soci::use(body), soci::use(number), soci::use(date), soci::use(a.plan),
        soci::use(status), soci::use(now), soci::use(now);
    s << "SELECT MAX(id) FROM allocation_decisions", soci::into(id);
    for (int j = 0; j < 3; ++j) {
      const std::string src = sources[(i + static_cast<size_t>(j) * 2) % sources.size()];
      const long long amount = 2'000'000LL * static_cast<long long>((i + static_cast<size_t>(j)) % 17 + 1);
      long long pa = a.id;
      soci::indicator pai = j == 2 ? soci::i_null : soci::i_ok;  // the third line names no plan activity
      long long prog = programmes.empty() || j == 0 ? 0 : programmes[i % programmes.size()];
      soci::indicator pi = prog ? soci::i_ok : soci::i_null;
      int pos = j;
      s << "INSERT INTO allocation_lines(decision_id, position, plan_activity_id, funding_source_code, programme_id, amount) "
           "VALUES(:d, :p, :a, :s, :g, :m)",
          soci::use(id), soci::use(pos), soci::use(pa, pai), soci::use(src), soci::use(prog, pi), soci::use(amount);
      if (status == "issued") out.allocated += amount;
    }
    if (status == "issued" && (i / 5) % 4 == 1) {  // an issued amendment cutting the first line
      const std::string anumber = number + "-DC";
      const std::string adate = std::to_string(a.year) + "-09-01";
      const std::string issued = "issued";
      long long aid = 0;
      s << "INSERT INTO allocation_decisions(org_unit_id, year, issuing_body, number, decision_date, plan_id, amends_id, "
           "status, created_at, updated_at) VALUES(:u, :y, :b, :n, :d, :p, :a, :s, :c, :c2)",
          soci::use(a.unit), soci::use(a.year), soci::use(body), soci::use(anumber), soci::use(adate), soci::use(a.plan),
          soci::use(id), soci::use(issued), soci::use(now), soci::use(now);
      s << "SELECT MAX(id) FROM allocation_decisions", soci::into(aid);
      const std::string src = sources[i % sources.size()];
      const long long cut = -1'000'000LL;
      long long pa = a.id;
      int pos = 0;
      s << "INSERT INTO allocation_lines(decision_id, position, plan_activity_id, funding_source_code, amount) "
           "VALUES(:d, :p, :a, :s, :m)",
          soci::use(aid), soci::use(pos), soci::use(pa), soci::use(src), soci::use(cut);
      out.allocated += cut;
    }
    out.unit = a.unit;
    out.year = a.year;
  }
  return out;
}

an::PivotTable table_of(const an::PivotQuery& q, const std::vector<an::Group>& groups, const an::Catalog& cat,
                        const Hierarchy& h) {
  return an::assemble(q, groups, an::Labels{cat, h, q.measure});
}

void expect_same(const an::PivotTable& a, const an::PivotTable& b, const std::string& label) {
  EXPECT_EQ(a.row_keys, b.row_keys) << label;
  EXPECT_EQ(a.column_keys, b.column_keys) << label;
  EXPECT_EQ(a.cells, b.cells) << label;
  EXPECT_EQ(a.row_totals, b.row_totals) << label;
  EXPECT_EQ(a.column_totals, b.column_totals) << label;
  EXPECT_EQ(a.total, b.total) << label;
  EXPECT_EQ(a.facts, b.facts) << label;
  EXPECT_EQ(a.row_labels, b.row_labels) << label;
}
}  // namespace

// The money already there (the demo's budgets and decisions), summed plainly.
std::pair<long long, long long> money_totals(soci::session& s) {
  long long planned = 0, allocated = 0;
  s << "SELECT CAST(COALESCE(SUM(l.amount), 0) AS BIGINT) FROM plan_activity_budget l JOIN plan_activities pa ON "
       "pa.id = l.plan_activity_id JOIN integration_plans pl ON pl.id = pa.plan_id WHERE pl.status = 'approved'",
      soci::into(planned);
  s << "SELECT CAST(COALESCE(SUM(l.amount), 0) AS BIGINT) FROM allocation_lines l JOIN allocation_decisions d ON "
       "d.id = l.decision_id WHERE d.status = 'issued'",
      soci::into(allocated);
  return {planned, allocated};
}

TEST_P(MoneyEngineTest, EngineAnswersWhatSqlAnswersAndFollowsNewDecisions) {
  load_demo(*db_);
  Seeded seeded;
  std::pair<long long, long long> demo;
  db_->with_session([&](soci::session& s) {
    demo = money_totals(s);
    seeded = seed_money(s, 1);
  });
  ASSERT_GT(seeded.planned, 0) << "the demo has approved plans with activities";
  ASSERT_GT(seeded.allocated, 0);

  AnalyticsIndex idx(*db_);
  idx.rebuild();
  std::shared_ptr<Hierarchy> h;
  db_->with_session([&](soci::session& s) { h = load_hierarchy(s); });
  std::vector<long long> all_ids;
  for (const auto& u : h->units()) all_ids.push_back(u.id);

  using D = an::Dim;
  const std::vector<std::pair<std::vector<D>, std::vector<D>>> shapes = {
      {{}, {}},
      {{D::province}, {D::year}},
      {{D::level}, {D::fundingGroup}},
      {{D::fundingSource}, {D::programme}},
      {{D::type, D::targetGroup}, {}},
      {{D::typeGroup}, {D::targetGroupGroup, D::year}},
      {{D::commune}, {D::fundingSource}},
      {{D::unit, D::level}, {D::programme}},
      {{D::district}, {}},
  };
  auto run = [&](const an::PivotQuery& q) {
    an::PivotTable mem, sql;
    idx.read([&](const an::FactStore& store, const an::Catalog& cat) {
      an::UnitMap units(*h, store.units().values(), q.as_of);
      mem = table_of(q, an::evaluate(store, cat, units, q), cat, *h);
      an::UnitMap every(*h, all_ids, q.as_of);
      std::vector<an::Group> groups;
      db_->with_session([&](soci::session& s) { groups = pivot_by_sql(s, q, every); });
      sql = table_of(q, groups, cat, *h);
    });
    return std::make_pair(mem, sql);
  };
  int compared = 0;
  for (auto measure : {an::Measure::planned, an::Measure::allocated}) {
    for (const auto& [rows, columns] : shapes) {
      for (int variant = 0; variant < 4; ++variant) {
        an::PivotQuery q;
        q.measure = measure;
        q.rows = rows;
        q.columns = columns;
        q.as_of = variant == 1 ? Date::from_ymd(2024, 12, 31) : Date::from_ymd(2026, 12, 1);
        if (variant == 2) {
          q.from = Date::from_ymd(seeded.year, 1, 1);
          q.to = Date::from_ymd(seeded.year, 12, 31);
          q.funding_sources = {"central_budget", "provincial_budget", "integrated_programmes", "national_target_programmes"};
        }
        if (variant == 3) {
          q.types = {"media", "community_sessions", "loans", "vocational_training"};
          q.target_group_groups = {"prevention"};
        }
        const std::string label = std::string(an::name_of(measure)) + " shape " + std::to_string(compared) + " variant " +
                                  std::to_string(variant);
        auto [mem, sql] = run(q);
        expect_same(mem, sql, label);
        if (rows.empty() && columns.empty() && variant == 0)
          EXPECT_EQ(*mem.total, measure == an::Measure::planned ? demo.first + seeded.planned : demo.second + seeded.allocated)
              << label;
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared, 72);

  // A decision line without a plan activity is "unspecified" (null key) on the intervention type.
  {
    an::PivotQuery q;
    q.measure = an::Measure::allocated;
    q.rows = {D::type};
    q.as_of = Date::from_ymd(2026, 12, 1);
    auto [mem, sql] = run(q);
    ASSERT_FALSE(mem.row_keys.empty());
    EXPECT_EQ(mem.row_keys.back()[0], std::nullopt);
    EXPECT_EQ(mem.row_labels.back()[0], "Không xác định");
    EXPECT_EQ(mem.row_labels_en.back()[0], "Unspecified");
  }

  // Nothing changed: no re-read. A new issued decision: the next refresh re-reads, the total moves.
  EXPECT_FALSE(idx.refresh_money());
  Seeded more;
  db_->with_session([&](soci::session& s) { more = seed_money(s, 2, false); });
  an::PivotQuery q;
  q.measure = an::Measure::allocated;
  q.as_of = Date::from_ymd(2026, 12, 1);
  EXPECT_EQ(*run(q).first.total, demo.second + seeded.allocated) << "the engine has not seen the new decisions yet";
  EXPECT_TRUE(idx.refresh_money());
  auto [mem, sql] = run(q);
  EXPECT_EQ(*mem.total, demo.second + seeded.allocated + more.allocated);
  expect_same(mem, sql, "after the new decisions");
  EXPECT_FALSE(idx.refresh_money());
}

INSTANTIATE_TEST_SUITE_P(Databases, MoneyEngineTest, ::testing::Values("sqlite", "postgresql"));
