// The in-memory analytics engine (issue 6): a columnar store of activity facts and pivots over
// it, on a fixture shaped like the 2025 reform: old Bình Định (52) and old Gia Lai (64) end
// 30/06/2025 and merge into the new Gia Lai (52); districts end with them.
#include <gtest/gtest.h>

#include "analytics/fact_store.hpp"
#include "analytics/pivot.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"
#include "pivot_fixture.hpp"

using namespace longghep;
using namespace longghep::analytics;
using namespace longghep::test_fixture;

TEST(Analytics, CommunesRollUpToTheirProvinceAndDistrict) {
  Fixture f;
  f.store.put(activity(1, 5, "2024-03-01"));  // Lê Lợi, Quy Nhơn, Bình Định
  f.store.put(activity(2, 7, "2024-04-01"));  // Hoa Lư, Pleiku, Gia Lai (old)
  f.store.put(activity(3, 4, "2024-05-01"));  // recorded at the district itself
  PivotQuery q = q_of(Measure::activities, {Dim::province});
  q.as_of = D("2024-06-30");
  EXPECT_EQ(f.by_row(q), (std::map<std::string, long long>{{"52", 2}, {"64", 1}}));
  q.rows = {Dim::district};
  EXPECT_EQ(f.by_row(q), (std::map<std::string, long long>{{"540", 2}, {"622", 1}}));
  q.rows = {Dim::commune};  // a district's own activity has no commune
  EXPECT_EQ(f.by_row(q), (std::map<std::string, long long>{{"21550", 1}, {"23500", 1}, {"null", 1}}));
  q.rows = {Dim::province, Dim::district};
  EXPECT_EQ(f.by_row(q), (std::map<std::string, long long>{{"52|540", 2}, {"64|622", 1}}));
}

TEST(Analytics, Data2024IsShownOnTodaysMergedUnitsOrOn2024Units) {
  Fixture f;
  f.store.put(activity(1, 5, "2024-03-01", "media", 10));   // old commune, merged into 9
  f.store.put(activity(2, 7, "2024-04-01", "media", 20));   // old commune without a successor: via its parents
  f.store.put(activity(3, 9, "2026-01-10", "media", 40));   // new commune
  PivotQuery q = q_of(Measure::reached, {Dim::province});
  // Today: everything is in the new Gia Lai (52), the merge of both old provinces.
  EXPECT_EQ(f.by_row(q), (std::map<std::string, long long>{{"52", 70}}));
  q.rows = {Dim::commune};
  // The old commune without a successor is no commune today: "units before the reorganisation".
  EXPECT_EQ(f.by_row(q), (std::map<std::string, long long>{{"21583", 50}, {kFormerUnits, 20}}));
  // As of 2024: the 2026 activity of the new commune maps back onto its predecessor.
  q.as_of = D("2024-12-31");
  q.rows = {Dim::province};
  EXPECT_EQ(f.by_row(q), (std::map<std::string, long long>{{"52", 50}, {"64", 20}}));
  PivotTable t = f.run(q);
  EXPECT_EQ(t.row_labels[0][0], "Bình Định");
  EXPECT_EQ(t.row_labels[1][0], "Gia Lai");
}

TEST(Analytics, WorkOfAbolishedDistrictsIsNamedNotOther) {
  Fixture f;
  f.store.put(activity(1, 4, "2024-05-01", "media", 10));  // the former district Quy Nhơn itself
  f.store.put(activity(2, 8, "2026-02-01", "media", 30));  // today's province itself
  f.store.put(activity(3, 9, "2026-02-01", "media", 5));   // today's commune
  PivotQuery q = q_of(Measure::reached, {Dim::commune});
  // Today the district has no commune: its work is "before the reorganisation", the province's own is null.
  EXPECT_EQ(f.by_row(q), (std::map<std::string, long long>{{"21583", 5}, {kFormerUnits, 10}, {"null", 30}}));
  PivotTable t = f.run(q);
  ASSERT_EQ(t.row_keys.size(), 3u);
  EXPECT_EQ(t.row_keys[1][0], std::optional<std::string>(kFormerUnits));  // after the units, before null
  EXPECT_EQ(t.row_labels[1][0], "Đơn vị trước sắp xếp (07/2025)");
  EXPECT_EQ(t.row_labels_en[1][0], "Units before the 07/2025 reorganisation");
  EXPECT_EQ(t.row_labels[2][0], "Khác");
  // The province dimension still places everything in today's Gia Lai.
  EXPECT_EQ(f.by_row(q_of(Measure::reached, {Dim::province})), (std::map<std::string, long long>{{"52", 45}}));
  // As of 2024 the district still exists: nothing is "former".
  q.as_of = D("2024-06-30");
  q.rows = {Dim::district};
  EXPECT_EQ(f.by_row(q).count(kFormerUnits), 0u);
}

TEST(Analytics, ASplitUnitGoesToOneSuccessorChosenDeterministically) {
  Fixture f;
  f.store.put(activity(1, 14, "2024-03-01"));
  PivotQuery q = q_of(Measure::activities, {Dim::commune});
  // Both links are partial and neither keeps the code: the smaller version id (12) wins.
  EXPECT_EQ(f.by_row(q), (std::map<std::string, long long>{{"23503", 1}}));
}

TEST(Analytics, EveryPeriodGrainHasItsKey) {
  EXPECT_EQ(period_key(Dim::year, D("2024-07-15")), "2024");
  EXPECT_EQ(period_key(Dim::half, D("2024-06-30")), "2024-H1");
  EXPECT_EQ(period_key(Dim::half, D("2024-07-01")), "2024-H2");
  EXPECT_EQ(period_key(Dim::quarter, D("2024-07-15")), "2024-Q3");
  EXPECT_EQ(period_key(Dim::quarter, D("2024-12-31")), "2024-Q4");
  EXPECT_EQ(period_key(Dim::month, D("2024-07-15")), "2024-07");
  EXPECT_EQ(period_key(Dim::day, D("2024-07-15")), "2024-07-15");
  Fixture f;
  f.store.put(activity(1, 9, "2025-07-15"));
  f.store.put(activity(2, 9, "2025-09-30"));
  f.store.put(activity(3, 9, "2026-01-02"));
  EXPECT_EQ(f.by_row(q_of(Measure::activities, {Dim::year})), (std::map<std::string, long long>{{"2025", 2}, {"2026", 1}}));
  EXPECT_EQ(f.by_row(q_of(Measure::activities, {Dim::half})), (std::map<std::string, long long>{{"2025-H2", 2}, {"2026-H1", 1}}));
  EXPECT_EQ(f.by_row(q_of(Measure::activities, {Dim::quarter})), (std::map<std::string, long long>{{"2025-Q3", 2}, {"2026-Q1", 1}}));
  EXPECT_EQ(f.by_row(q_of(Measure::activities, {Dim::month})),
            (std::map<std::string, long long>{{"2025-07", 1}, {"2025-09", 1}, {"2026-01", 1}}));
  EXPECT_EQ(f.by_row(q_of(Measure::activities, {Dim::day})).size(), 3u);
  PivotTable t = f.run(q_of(Measure::activities, {Dim::quarter}));
  EXPECT_EQ(t.row_labels[0][0], "Quý III/2025");
  EXPECT_EQ(t.row_labels[1][0], "Quý I/2026");
  EXPECT_EQ(t.row_labels_en[0][0], "Q3 2025");
  t = f.run(q_of(Measure::activities, {Dim::half}, {Dim::year}));
  EXPECT_EQ(t.row_labels[0][0], "6 tháng cuối năm 2025");
  EXPECT_EQ(t.row_labels_en[0][0], "Second half of 2025");
  EXPECT_EQ(t.column_labels[1][0], "Năm 2026");
  EXPECT_EQ(t.column_labels_en[1][0], "Year 2026");
  t = f.run(q_of(Measure::activities, {Dim::month}));
  EXPECT_EQ(t.row_labels[0][0], "Tháng 7/2025");
  EXPECT_EQ(t.row_labels_en[0][0], "July 2025");
  PivotQuery q = q_of(Measure::activities, {Dim::month});
  q.from = D("2025-08-01");
  q.to = D("2025-12-31");
  EXPECT_EQ(f.by_row(q), (std::map<std::string, long long>{{"2025-09", 1}}));
}

TEST(Analytics, RowsAndColumnsWithTotals) {
  Fixture f;
  f.store.put(activity(1, 5, "2024-03-01", "media", 10));
  f.store.put(activity(2, 7, "2025-04-01", "loans", 20));
  f.store.put(activity(3, 9, "2026-01-10", "media", 40));
  PivotQuery q = q_of(Measure::reached, {Dim::type}, {Dim::year});
  PivotTable t = f.run(q);
  ASSERT_EQ(t.row_keys.size(), 2u);  // loans, media (by key)
  EXPECT_EQ(*t.row_keys[0][0], "loans");
  EXPECT_EQ(t.row_labels[1][0], "Truyền thông");
  ASSERT_EQ(t.column_keys.size(), 3u);
  EXPECT_EQ(t.cells[0], (std::vector<std::optional<long long>>{0, 20, 0}));
  EXPECT_EQ(t.cells[1], (std::vector<std::optional<long long>>{10, 0, 40}));
  EXPECT_EQ(t.row_totals, (std::vector<std::optional<long long>>{20, 50}));
  EXPECT_EQ(t.column_totals, (std::vector<std::optional<long long>>{10, 20, 40}));
  EXPECT_EQ(t.total, 70);
  EXPECT_EQ(t.facts, 3);
  // No dimensions at all: one cell, the total.
  t = f.run(q_of(Measure::female, {}));
  ASSERT_EQ(t.cells.size(), 1u);
  EXPECT_EQ(t.cells[0][0], 5 + 10 + 20);
}

TEST(Analytics, IncrementalAddReplaceAndRemove) {
  Fixture f;
  for (int i = 1; i <= 5; ++i) f.store.put(activity(i, 9, "2026-01-10", "media", 10));
  EXPECT_EQ(f.run(q_of(Measure::reached, {})).total, 50);
  f.store.put(activity(3, 9, "2026-01-10", "loans", 100));  // an edit replaces the old facts
  EXPECT_EQ(f.run(q_of(Measure::reached, {})).total, 140);
  EXPECT_EQ(f.by_row(q_of(Measure::activities, {Dim::type})), (std::map<std::string, long long>{{"loans", 1}, {"media", 4}}));
  EXPECT_TRUE(f.store.remove(2));
  EXPECT_FALSE(f.store.remove(2));
  EXPECT_FALSE(f.store.contains(2));
  EXPECT_EQ(f.run(q_of(Measure::reached, {})).total, 130);
  EXPECT_EQ(f.store.activity_count(), 4u);
  f.store.put(activity(2, 9, "2026-01-11", "media", 1));  // deleted, then recorded again
  f.store.put(activity(3, 9, "2026-01-10", "loans", 100));
  EXPECT_EQ(f.run(q_of(Measure::reached, {})).total, 131);
  EXPECT_EQ(f.store.fact_count(), 10u);  // 5 activities + 5 reach lines
  f.store.compact();
  EXPECT_EQ(f.run(q_of(Measure::reached, {})).total, 131);
  EXPECT_EQ(f.store.fact_count(), 10u);
  f.store.put(activity(3, 9, "2026-01-10", "loans", 7));
  EXPECT_EQ(f.run(q_of(Measure::reached, {})).total, 38);
}

TEST(Analytics, ManyEditsCompactByThemselvesAndKeepTheAnswer) {
  Fixture f;
  for (int i = 1; i <= 3000; ++i) f.store.put(activity(i, 9, "2026-01-10", "media", 1));
  for (int round = 0; round < 3; ++round)
    for (int i = 1; i <= 3000; i += 2) f.store.put(activity(i, 9, "2026-01-10", "media", 2));
  EXPECT_EQ(f.run(q_of(Measure::reached, {})).total, 1500 * 2 + 1500);
  EXPECT_LT(f.store.activity_rows(), 3000u + 3 * 1500u);  // dead rows were dropped
  EXPECT_EQ(f.store.activity_count(), 3000u);
}

TEST(Analytics, SmallPeopleCountsAreSuppressed) {
  Fixture f;
  f.store.put(activity(1, 5, "2024-03-01", "media", 3));
  f.store.put(activity(2, 7, "2024-03-01", "media", 30));
  PivotQuery q = q_of(Measure::reached, {Dim::district});
  q.as_of = D("2024-12-31");
  q.suppress_below = 5;
  PivotTable t = f.run(q);
  EXPECT_TRUE(t.suppressed);
  ASSERT_EQ(t.row_labels[0][0], "Pleiku");  // by name
  EXPECT_EQ(t.cells[0][0], 30);
  EXPECT_EQ(t.cells[1][0], std::nullopt);
  EXPECT_EQ(t.total, 33);
  // Counts of activities are not people: never suppressed.
  q.measure = Measure::activities;
  t = f.run(q);
  EXPECT_FALSE(t.suppressed);
  EXPECT_EQ(t.cells[0][0], 1);
}

TEST(Analytics, AnActivityOfTwoProgrammesCountsOncePerProgrammeOnlyByProgramme) {
  Fixture f;
  ActivityFacts a = activity(1, 9, "2026-01-10", "media", 10);
  a.programmes = {7, 8};
  f.store.put(a);
  ActivityFacts b = activity(2, 9, "2026-01-10", "media", 5);
  b.programmes = {8};
  f.store.put(b);
  f.store.put(activity(3, 9, "2026-01-10", "media", 1));
  EXPECT_EQ(f.run(q_of(Measure::reached, {})).total, 16);
  EXPECT_EQ(f.by_row(q_of(Measure::reached, {Dim::programme})),
            (std::map<std::string, long long>{{"7", 10}, {"8", 15}, {"null", 1}}));
  PivotQuery q = q_of(Measure::reached, {});
  q.programmes = {7, 8};  // a filter alone counts the activity once
  EXPECT_EQ(f.run(q).total, 15);
  q.rows = {Dim::programme};
  q.programmes = {8};
  EXPECT_EQ(f.by_row(q), (std::map<std::string, long long>{{"8", 15}}));
}

TEST(Analytics, FiltersScopeAndSubtree) {
  Fixture f;
  ActivityFacts a = activity(1, 5, "2024-03-01", "media", 10);
  a.agency_id = 101;
  a.planned = true;
  a.reach.push_back({"sex_workers", 4, std::nullopt, std::nullopt});
  a.costs = {{"central_budget", 1000}, {"international", 500}};
  f.store.put(a);
  f.store.put(activity(2, 7, "2024-03-01", "loans", 20));
  f.store.put(activity(3, 11, "2026-03-01", "legal_aid", 40));  // Đồng Nai
  PivotQuery q = q_of(Measure::reached, {});
  q.types = {"media", "loans"};
  EXPECT_EQ(f.run(q).total, 34);
  q.types.clear();
  q.type_groups = {"b"};
  EXPECT_EQ(f.run(q).total, 20);
  q.type_groups.clear();
  q.target_group_groups = {"harm_reduction"};
  EXPECT_EQ(f.run(q).total, 4);
  q.target_group_groups.clear();
  q.measure = Measure::female;  // not recorded: not counted (not 0, not guessed)
  EXPECT_EQ(f.run(q).total, 5 + 10 + 20);
  q.measure = Measure::reached;
  q.agencies = {101};
  EXPECT_EQ(f.run(q).total, 14);
  q.agencies.clear();
  q.planned = false;
  EXPECT_EQ(f.run(q).total, 60);
  q.planned.reset();
  // The subtree of today's Gia Lai holds both old provinces' activities, not Đồng Nai's.
  q.org_unit = f.h.by_id(8);
  EXPECT_EQ(f.run(q).total, 34);
  // A scope of one old commune's versions.
  q.org_unit = nullptr;
  Scope s = Scope::of({5, 9});
  q.scope = &s;
  EXPECT_EQ(f.run(q).total, 14);
  q.scope = nullptr;
  q.measure = Measure::cost;
  q.rows = {Dim::fundingGroup};
  EXPECT_EQ(f.by_row(q), (std::map<std::string, long long>{{"state_budget", 1000}, {"null", 500}}));
  // The children of an org unit as of asOf.
  q = q_of(Measure::activities, {Dim::unit});
  q.org_unit = f.h.by_id(8);  // old Hoa Lư has no unit under today's Gia Lai: before the reorganisation
  EXPECT_EQ(f.by_row(q), (std::map<std::string, long long>{{"21583", 1}, {kFormerUnits, 1}}));
}

TEST(Analytics, TooManyCellsIsRefusedNamingTheDimensions) {
  Fixture f;
  for (int i = 0; i < 300; ++i) {
    ActivityFacts a = activity(i + 1, 9, "2025-07-01");
    a.day = D("2025-07-01").add_days(i);
    a.agency_id = 1000 + i;
    f.store.put(a);
  }
  try {
    f.run(q_of(Measure::activities, {Dim::day}, {Dim::agency}));  // 300 × 300 = 90,000 cells
    FAIL() << "expected too_many_cells";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "too_many_cells");
    EXPECT_NE(e.message_en().find("day, agency"), std::string::npos);
  }
  EXPECT_EQ(f.run(q_of(Measure::activities, {Dim::day})).row_keys.size(), 300u);
}

TEST(Analytics, AFactCostsFewerThan64BytesIncludingDictionariesAndIndexes) {
  FactStore s;
  const char* types[] = {"media", "loans", "legal_aid"};
  const char* groups[] = {"students", "sex_workers", "rural_workers", "migrant_workers"};
  for (int i = 1; i <= 100000; ++i) {
    ActivityFacts a;
    a.id = i;
    a.unit_id = 1 + i % 5000;
    a.day = D("2021-01-01").add_days(i % 2000);
    a.type = types[i % 3];
    a.agency_id = i % 700;
    if (i % 4 == 0) a.programmes = {i % 50};
    a.reach = {{groups[i % 4], 10, 5, 5}, {groups[(i + 1) % 4], 3, std::nullopt, std::nullopt}};
    a.costs = {{"central_budget", 1000000}};
    a.outputs = {{"sessions", 2}};
    s.put(a);
  }
  EXPECT_EQ(s.fact_count(), 500000u);
  const double per_fact = static_cast<double>(s.memory_bytes()) / static_cast<double>(s.fact_count());
  EXPECT_LT(per_fact, 64.0) << per_fact;
  RecordProperty("bytes_per_fact", std::to_string(per_fact));
}
