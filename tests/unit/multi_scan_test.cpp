// One pass for many answers (issue 20 item 5): evaluate_many equals one evaluate() per term and
// scope, on a fixture with many terms, several provinces, the 07/2025 lineage (old units merged
// into today's), overlapping scopes, agency filters and several data spans.
#include <gtest/gtest.h>

#include <random>

#include "analytics/fact_store.hpp"
#include "analytics/multi_scan.hpp"
#include "analytics/pivot.hpp"
#include "domain/text.hpp"
#include "lineage_fixture.hpp"

using namespace longghep;
using namespace longghep::analytics;
using namespace longghep::test_fixture;

namespace {
Catalog catalog() {
  Catalog c;
  c.types = {{"media", "Truyền thông", "Media", "a"}, {"loans", "Vay vốn", "Loans", "b"},
             {"legal_aid", "Trợ giúp pháp lý", "Legal aid", "c"}, {"inspections", "Kiểm tra", "Inspections", "c"}};
  c.target_groups = {{"students", "Học sinh", "Students", "prevention"},
                     {"workers", "Công nhân", "Workers", "prevention"},
                     {"sex_workers", "Người bán dâm", "Sex workers", "harm_reduction"}};
  c.output_kinds = {{"sessions", "Buổi", "Sessions", "count"}, {"leaflets", "Tờ rơi", "Leaflets", "count"},
                    {"press_articles", "Bài báo", "Articles", "count"}};
  c.funding_sources = {{"central_budget", "NSTW", "Central", "state_budget"},
                       {"local_budget", "NSĐP", "Local", "state_budget"},
                       {"international", "Quốc tế", "Intl", "socialisation"}};
  c.type_groups = {{"a", {"Nhóm a", "Group a"}}, {"b", {"Nhóm b", "Group b"}}, {"c", {"Nhóm c", "Group c"}}};
  c.agencies = {{100, "Sở Y tế"}, {101, "Công an tỉnh"}, {102, "Báo tỉnh"}};
  return c;
}

FactStore random_store(unsigned seed) {
  std::mt19937 rng(seed);
  auto pick = [&](auto const& v) { return v[rng() % v.size()]; };
  const std::vector<long long> units{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
  const std::vector<std::string> types{"media", "loans", "legal_aid", "inspections", "unknown_type"};
  const std::vector<std::string> groups{"students", "workers", "sex_workers"};
  const std::vector<std::string> kinds{"sessions", "leaflets", "press_articles"};
  const std::vector<std::string> sources{"central_budget", "local_budget", "international"};
  const std::vector<long long> agencies{0, 100, 101, 102};
  FactStore st;
  const Date first = D("2024-01-01");
  for (long long id = 1; id <= 4000; ++id) {
    ActivityFacts a;
    a.id = id;
    a.unit_id = pick(units);
    a.day = first.add_days(static_cast<int>(rng() % 1000));
    a.type = pick(types);
    a.agency_id = pick(agencies);
    a.planned = rng() % 3 == 0;
    if (rng() % 4 == 0) a.programmes = {7};
    if (rng() % 7 == 0) a.programmes = {7, 8};
    for (int k = static_cast<int>(rng() % 3); k > 0; --k) {
      const long long total = static_cast<long long>(rng() % 50);
      std::optional<long long> f, m;
      if (rng() % 3) {
        f = total / 2;
        m = total - total / 2;
      }
      a.reach.push_back({pick(groups), total, f, m});
    }
    for (int k = static_cast<int>(rng() % 3); k > 0; --k) a.outputs.push_back({pick(kinds), static_cast<long long>(rng() % 20)});
    for (int k = static_cast<int>(rng() % 2); k > 0; --k) a.costs.push_back({pick(sources), static_cast<long long>(rng() % 1000000)});
    st.put(a);
  }
  // replaced and removed activities leave dead rows the scan must skip
  for (long long id = 1; id <= 4000; id += 37) {
    ActivityFacts a;
    a.id = id;
    a.unit_id = 9;
    a.day = D("2025-09-09");
    a.type = "media";
    a.reach = {{"students", 5, 2, 3}};
    st.put(a);
  }
  for (long long id = 5; id <= 4000; id += 53) st.remove(id);
  return st;
}

std::vector<ScanTerm> many_terms() {
  std::vector<ScanTerm> v;
  auto add = [&](Measure m, auto fill) {
    ScanTerm t;
    t.measure = m;
    fill(t);
    v.push_back(t);
  };
  for (Measure m : {Measure::activities, Measure::reached, Measure::female, Measure::male, Measure::output, Measure::cost})
    add(m, [](ScanTerm&) {});
  add(Measure::activities, [](ScanTerm& t) { t.type_groups = {"a"}; });
  add(Measure::activities, [](ScanTerm& t) { t.types = {"inspections"}; });
  add(Measure::activities, [](ScanTerm& t) { t.types = {"no_such_type"}; });
  add(Measure::reached, [](ScanTerm& t) { t.target_group_groups = {"prevention"}; });
  add(Measure::reached, [](ScanTerm& t) { t.target_group_groups = {"harm_reduction"}; t.type_groups = {"c"}; });
  add(Measure::female, [](ScanTerm& t) { t.target_group_groups = {"prevention"}; });
  for (const char* k : {"sessions", "leaflets", "press_articles", "nothing_of_this_kind"})
    add(Measure::output, [&](ScanTerm& t) { t.output_kinds = {k}; });
  add(Measure::output, [](ScanTerm& t) { t.output_kinds = {"sessions"}; t.types = {"media", "loans"}; });
  add(Measure::cost, [](ScanTerm& t) { t.funding_sources = {"central_budget"}; });
  add(Measure::cost, [](ScanTerm& t) { t.funding_sources = {"central_budget", "local_budget"}; });
  add(Measure::cost, [](ScanTerm& t) { t.funding_sources = {"international"}; t.type_groups = {"b"}; });
  return v;
}

PivotQuery query_of(const ScanTerm& t, const ScanScope& s) {
  PivotQuery q;
  q.measure = t.measure;
  q.types = t.types;
  q.type_groups = t.type_groups;
  q.target_group_groups = t.target_group_groups;
  q.target_groups = t.target_groups;
  q.output_kinds = t.output_kinds;
  q.funding_sources = t.funding_sources;
  q.from = s.from;
  q.to = s.to;
  q.as_of = s.to;
  q.scope = s.units;
  q.only_agency = s.only_agency;
  q.agencies = s.agencies;
  return q;
}

long long sum(const std::vector<Group>& gs) {
  long long v = 0;
  for (const auto& g : gs) v += g.value;
  return v;
}

}  // namespace

TEST(MultiScan, EqualsOneEvaluationPerTermAndScope) {
  const Hierarchy h = fixture();
  const Catalog cat = catalog();
  const FactStore st = random_store(20);
  // scopes as a compile builds them: today's Gia Lai (with the old provinces merged into it),
  // its communes, the old province on its own, the unit alone, the nation, agency filters
  std::vector<Scope> scopes{h.scope_of(8), h.scope_of(9), h.scope_of(12), h.scope_of(10), Scope::of({8}), Scope::of({2}),
                            Scope::everything(), h.scope_of(4)};
  std::vector<ScanScope> ss;
  const std::vector<std::pair<Date, Date>> spans{{D("2025-01-01"), D("2025-12-31")}, {D("2024-07-01"), D("2025-06-30")},
                                                 {D("2000-01-01"), D("2030-12-31")}};
  for (size_t i = 0; i < scopes.size(); ++i)
    for (const auto& [from, to] : spans) ss.push_back({&scopes[i], from, to, std::nullopt, {}});
  ss.push_back({&scopes[4], D("2025-01-01"), D("2025-12-31"), 101, {}});       // an agency's report
  ss.push_back({&scopes[4], D("2025-01-01"), D("2025-12-31"), std::nullopt, {100, 102}});  // all agencies but 101
  ss.push_back({&scopes[6], D("2025-01-01"), D("2025-12-31"), std::nullopt, {-1}});       // no agency at all
  ss.push_back({nullptr, D("2026-01-01"), D("2026-03-31"), 100, {100}});
  MultiQuery mq;
  mq.terms = many_terms();
  mq.scopes = ss;
  const MultiResult r = evaluate_many(st, cat, mq);
  ASSERT_EQ(r.value.size(), mq.terms.size() * ss.size());
  long long nonzero = 0;
  for (size_t s = 0; s < ss.size(); ++s) {
    const UnitMap map(h, st.units().values(), ss[s].to);
    for (size_t t = 0; t < mq.terms.size(); ++t) {
      const long long want = sum(evaluate(st, cat, map, query_of(mq.terms[t], ss[s])));
      EXPECT_EQ(r.at(s, t), want) << "scope " << s << " term " << t;
      nonzero += want != 0;
    }
  }
  EXPECT_GT(nonzero, static_cast<long long>(r.value.size() / 2));  // the fixture is not trivially empty
}

TEST(MultiScan, ByMonthAndByUnitEqualTheGroupedEvaluation) {
  const Hierarchy h = fixture();
  const Catalog cat = catalog();
  const FactStore st = random_store(7);
  std::vector<Scope> scopes{h.scope_of(8), h.scope_of(10), Scope::everything()};
  MultiQuery mq;
  ScanTerm months;
  months.measure = Measure::output;
  months.output_kinds = {"press_articles"};
  months.by_month = true;
  ScanTerm per_unit;
  per_unit.measure = Measure::activities;
  per_unit.type_groups = {"a"};
  per_unit.by_unit = true;
  mq.terms = {months, per_unit};
  for (auto& s : scopes) mq.scopes.push_back({&s, D("2025-01-01"), D("2025-12-31"), std::nullopt, {}});
  const MultiResult r = evaluate_many(st, cat, mq);
  for (size_t s = 0; s < scopes.size(); ++s) {
    const UnitMap map(h, st.units().values(), D("2025-12-31"));
    PivotQuery q = query_of(months, mq.scopes[s]);
    q.rows = {Dim::month};
    std::map<std::string, long long> want;
    for (const auto& g : evaluate(st, cat, map, q)) want[*g.keys[0]] += g.value;
    std::map<std::string, long long> got(r.months[s * 2].begin(), r.months[s * 2].end());
    EXPECT_EQ(got, want) << "scope " << s;
    // per unit version: the activities of each version, counted directly
    std::map<long long, long long> units_want;
    for (size_t a = 0; a < st.activity_rows(); ++a) {
      if (!(st.flags()[a] & FactStore::kAlive)) continue;
      const long long id = st.units().value(st.unit()[a]);
      const Date d = day_of(st.day()[a]);
      const Term* t = cat.find(Dim::type, st.types().value(st.type()[a]));
      if (scopes[s].all() || scopes[s].contains(id))
        if (d >= D("2025-01-01") && d <= D("2025-12-31") && t && t->group == "a") ++units_want[id];
    }
    std::map<long long, long long> units_got(r.units[s * 2 + 1].begin(), r.units[s * 2 + 1].end());
    EXPECT_EQ(units_got, units_want) << "scope " << s;
  }
}

TEST(MultiScan, WhoRecordedItByUnitLevelOrAgencyKind) {
  const Hierarchy h = fixture();
  const Catalog cat = catalog();
  const FactStore st = random_store(3);
  const std::vector<std::pair<long long, std::string>> kinds{{100, "so"}, {101, "nganh"}, {102, "bao_chi"}};
  Scope all = Scope::everything();
  MultiQuery mq;
  mq.hierarchy = &h;
  mq.agency_kinds = &kinds;
  ScanTerm t;
  t.measure = Measure::output;
  t.output_kinds = {"press_articles"};
  t.levels = {"province"};
  t.agency_kinds = {"bao_chi"};
  mq.terms = {t};
  mq.scopes = {{&all, D("2024-01-01"), D("2026-12-31"), std::nullopt, {}}};
  const MultiResult r = evaluate_many(st, cat, mq);
  long long want = 0;
  const auto& o = st.outputs();
  for (size_t i = 0; i < o.act.size(); ++i) {
    const uint32_t a = o.act[i];
    if (!(st.flags()[a] & FactStore::kAlive) || st.output_kinds().value(o.code[i]) != "press_articles") continue;
    const OrgUnit* u = h.by_id(st.units().value(st.unit()[a]));
    const bool by_province = u && u->kind == "province";
    const bool by_press = st.agencies().value(st.agency()[a]) == 102;
    if (by_province || by_press) want += o.amount[i];
  }
  EXPECT_GT(want, 0);
  EXPECT_EQ(r.at(0, 0), want);
}
