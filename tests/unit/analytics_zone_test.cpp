// The engine's zone map and snapshot (issue 20): answers with block pruning equal answers
// without it (a store never clustered scans every row), on a fixture of many blocks with an
// appended tail, edits and deletes; the snapshot round trip; damaged snapshots refused.
#include <gtest/gtest.h>

#include "analytics/fact_store.hpp"
#include "analytics/pivot.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"
#include "pivot_fixture.hpp"

using namespace longghep;
using namespace longghep::analytics;
using namespace longghep::test_fixture;

namespace {
const long long kUnits[] = {5, 7, 9, 11, 12, 13, 4, 14};
const char* kTypes[] = {"media", "loans", "legal_aid"};

ActivityFacts varied(long long i) {
  const Date day = D("2021-01-01").add_days(static_cast<int>((i * 7919) % 2190));
  ActivityFacts a = activity(i, kUnits[(i * 31) % 8], day.iso().c_str(), kTypes[i % 3], 1 + i % 17);
  if (i % 4 == 0) a.reach.push_back({"sex_workers", 3, std::nullopt, std::nullopt});
  a.outputs = {{"sessions", i % 5}};
  a.costs = {{i % 2 ? "central_budget" : "international", 1000 + i}};
  if (i % 6 == 0) a.ages = {{"students", "18_24", 2}};
  if (i % 9 == 0) a.programmes = {7};
  if (i % 27 == 0) a.programmes = {7, 8};
  return a;
}

std::vector<PivotQuery> queries(const Hierarchy& h) {
  std::vector<PivotQuery> out;
  for (Measure m : {Measure::activities, Measure::reached, Measure::female, Measure::age, Measure::output, Measure::cost}) {
    PivotQuery q = q_of(m, {Dim::commune}, {Dim::month});
    out.push_back(q);
    q.org_unit = h.find("75", kToday);  // one province
    out.push_back(q);
    q.org_unit = h.find("52", kToday);
    q.from = D("2024-04-01");
    q.to = D("2024-06-30");  // and one quarter
    out.push_back(q);
    PivotQuery r = q_of(m, {Dim::province}, {Dim::typeGroup});
    r.from = D("2025-02-10");
    r.to = D("2025-03-20");
    out.push_back(r);
    r.rows = {Dim::programme};
    r.from = Date::min();
    r.to = Date::max();
    out.push_back(r);
  }
  return out;
}

void expect_same(Fixture& pruned, Fixture& plain) {
  for (const PivotQuery& q : queries(plain.h)) {
    PivotTable a = pruned.run(q), b = plain.run(q);
    EXPECT_EQ(a.cells, b.cells) << name_of(q.measure);
    EXPECT_EQ(a.row_keys, b.row_keys);
    EXPECT_EQ(a.column_keys, b.column_keys);
    EXPECT_EQ(a.facts, b.facts);
  }
}
}  // namespace

TEST(AnalyticsZoneMap, PrunedAnswersEqualFullScansWithATailEditsAndDeletes) {
  Fixture pruned, plain;
  for (long long i = 1; i <= 20000; ++i) {
    pruned.store.put(varied(i));
    plain.store.put(varied(i));
  }
  pruned.store.cluster();
  EXPECT_EQ(pruned.store.clustered_rows(), 20000u);
  EXPECT_EQ(plain.store.clustered_rows(), 0u);  // never clustered: every row is scanned
  expect_same(pruned, plain);
  // Appended rows (an import), edits and deletes after the clustering: the tail is scanned.
  for (long long i = 20001; i <= 21000; ++i) {
    pruned.store.put(varied(i));
    plain.store.put(varied(i));
  }
  for (long long i = 5; i <= 20000; i += 97) {
    ActivityFacts a = varied(i + 3);
    a.id = i;
    pruned.store.put(a);
    plain.store.put(a);
    pruned.store.remove(i + 1);
    plain.store.remove(i + 1);
  }
  EXPECT_EQ(pruned.store.activity_count(), plain.store.activity_count());
  expect_same(pruned, plain);
  pruned.store.cluster();
  expect_same(pruned, plain);
}

TEST(AnalyticsZoneMap, AProvinceOrAQuarterTouchesOnlyItsBlocks) {
  Fixture f;
  for (long long i = 1; i <= 20000; ++i) f.store.put(varied(i));
  f.store.cluster();
  auto rows = [&](const std::vector<uint8_t>& units, int lo, int hi) {
    size_t n = 0;
    for (auto r : f.store.candidate_ranges(FactStore::Table::activities, units, lo, hi)) n += r.end - r.begin;
    return n;
  };
  EXPECT_EQ(rows({}, 0, UINT16_MAX), 20000u);
  const int lo = *day_code(D("2024-04-01")), hi = *day_code(D("2024-06-30"));
  EXPECT_LT(rows({}, lo, hi), 20000u / 12);  // a quarter of six years, plus a block or two
  std::vector<uint8_t> one(f.store.units().size(), 0);
  one[*f.store.units().find(11)] = 1;
  {
    // Within a quarter, rows are ordered by unit: one unit of eight touches about an eighth.
    Fixture g;
    for (long long i = 1; i <= 20000; ++i) {
      ActivityFacts a = varied(i);
      a.day = D("2024-04-01").add_days(static_cast<int>(i % 90));
      g.store.put(a);
    }
    g.store.cluster();
    std::vector<uint8_t> u(g.store.units().size(), 0);
    u[*g.store.units().find(11)] = 1;
    size_t n = 0;
    for (auto r : g.store.candidate_ranges(FactStore::Table::activities, u, 0, UINT16_MAX)) n += r.end - r.begin;
    EXPECT_LT(n, 20000u / 8 + 2 * FactStore::kBlockRows);
  }
  // Lines follow their activities.
  size_t lines = 0;
  for (auto r : f.store.candidate_ranges(FactStore::Table::costs, {}, lo, hi)) {
    lines += r.end - r.begin;
    for (size_t i = r.begin; i < r.end; ++i) EXPECT_LT(r.end, f.store.costs().act.size() + 1);
  }
  EXPECT_LT(lines, f.store.costs().act.size() / 12);
  // Every matching line lies in a candidate range.
  std::vector<uint8_t> in(f.store.costs().act.size(), 0);
  for (auto r : f.store.candidate_ranges(FactStore::Table::costs, one, lo, hi))
    for (size_t i = r.begin; i < r.end; ++i) in[i] = 1;
  for (size_t i = 0; i < in.size(); ++i) {
    const uint32_t a = f.store.costs().act[i];
    if (f.store.unit()[a] == *f.store.units().find(11) && f.store.day()[a] >= lo && f.store.day()[a] <= hi) EXPECT_TRUE(in[i]);
  }
}

TEST(AnalyticsSnapshot, RoundTripAnswersTheSameAndRefusesDamage) {
  Fixture a, b;
  for (long long i = 1; i <= 5000; ++i) a.store.put(varied(i));
  a.store.cluster();
  for (long long i = 5001; i <= 5300; ++i) a.store.put(varied(i));  // a tail
  a.store.put(varied(7));                                           // an edit: a late row
  a.store.remove(9);
  const std::string bytes = a.store.write_snapshot();
  b.store.read_snapshot(bytes);
  EXPECT_EQ(b.store.activity_count(), a.store.activity_count());
  EXPECT_EQ(b.store.fact_count(), a.store.fact_count());
  EXPECT_TRUE(b.store.contains(7));
  EXPECT_FALSE(b.store.contains(9));
  EXPECT_EQ(b.store.version_of(5200), a.store.version_of(5200));
  expect_same(b, a);
  // The restored store takes edits like the original.
  for (Fixture* f : {&a, &b}) {
    f->store.put(varied(12));
    f->store.remove(5100);
    f->store.put(varied(6000));
  }
  expect_same(b, a);
  // Truncated or inconsistent bytes are refused, never half-loaded silently.
  FactStore c;
  EXPECT_THROW(c.read_snapshot(std::string_view(bytes).substr(0, bytes.size() / 2)), std::runtime_error);
  EXPECT_THROW(c.read_snapshot(std::string_view(bytes).substr(0, bytes.size() - 1)), std::runtime_error);
  std::string bad = bytes;
  bad[0] = static_cast<char>(bad[0] ^ 0x01);  // the activity id count: every later column misread
  EXPECT_THROW(c.read_snapshot(bad), std::runtime_error);
}
