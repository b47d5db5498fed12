// Figures of service businesses and inspections (issue 17 §5): coverage, violations per 100
// inspections, repeat violators, and which records count (final ones, within the year).
#include "domain/inspection_figures.hpp"

#include <gtest/gtest.h>

using namespace longghep;
using namespace longghep::inspection_figures;

namespace {
Date d(const char* s) { return *Date::parse(s); }

BusinessFact biz(long long id, const char* status = "operating", const char* type = "karaoke", long long unit = 10) {
  return {id, unit, type, status};
}
InspectionFact insp(long long id, long long business, const char* day, long long violations = 0, bool final = true,
                    long long unit = 10) {
  InspectionFact i;
  i.id = id;
  i.business_id = business;
  i.unit_id = unit;
  i.day = d(day);
  i.final = final;
  i.violations = violations;
  return i;
}
}  // namespace

TEST(InspectionFigures, CoverageIsInspectedOverOperatingToOneDecimal) {
  EXPECT_EQ(coverage_pct(3, 4), 75.0);
  EXPECT_EQ(coverage_pct(1, 3), 33.3);
  EXPECT_EQ(coverage_pct(2, 3), 66.7);
  EXPECT_EQ(coverage_pct(0, 5), 0.0);
  EXPECT_FALSE(coverage_pct(0, 0).has_value()) << "no operating business: no value, never a division by zero";
}

TEST(InspectionFigures, ViolationsPer100Inspections) {
  EXPECT_EQ(per_100(2, 3), 66.7);
  EXPECT_EQ(per_100(5, 2), 250.0);
  EXPECT_EQ(per_100(0, 7), 0.0);
  EXPECT_FALSE(per_100(3, 0).has_value());
}

TEST(InspectionFigures, RepeatViolatorHasViolationsInTwoFinalInspectionsOfTheYear) {
  const std::vector<InspectionFact> is = {
      insp(1, 100, "2026-02-01", 1), insp(2, 100, "2026-09-01", 2),          // 100: twice → repeat
      insp(3, 200, "2026-03-01", 1), insp(4, 200, "2026-04-01", 0),          // 200: once with violations
      insp(5, 300, "2025-12-31", 1), insp(6, 300, "2026-01-02", 1),          // 300: one of them last year
      insp(7, 400, "2026-05-01", 1), insp(8, 400, "2026-06-01", 1, false)};  // 400: the second a draft
  EXPECT_EQ(repeat_violators(is, 2026), 1);
  EXPECT_EQ(repeat_violators(is, 2025), 0);
}

TEST(InspectionFigures, FourOperatingThreeInspectedTwoViolations) {
  const std::vector<BusinessFact> bs = {biz(1), biz(2), biz(3), biz(4), biz(5, "suspended"), biz(6, "closed", "hotel")};
  std::vector<InspectionFact> is = {insp(1, 1, "2026-03-01", 2), insp(2, 2, "2026-04-01"), insp(3, 3, "2026-05-01"),
                                    insp(4, 4, "2026-05-02", 5, false),  // a draft: not an inspection yet
                                    insp(5, 4, "2025-11-02", 1),         // last year
                                    insp(6, 5, "2026-06-01", 0)};        // a suspended business
  is[0].unannounced = true;
  is[0].fines = 1234567;
  is[0].informed = 6;
  is[0].health_checked = 4;
  is[0].referred = 1;
  const Figures f = compute_figures(bs, is, 2026);
  EXPECT_EQ(f.businesses, 6);
  EXPECT_EQ(f.operating, 4);
  EXPECT_EQ(f.suspended, 1);
  EXPECT_EQ(f.closed, 1);
  EXPECT_EQ(f.by_type_status.at("karaoke").at("operating"), 4);
  EXPECT_EQ(f.by_type_status.at("hotel").at("closed"), 1);
  EXPECT_EQ(f.inspections, 4) << "final inspections of 2026, a suspended business's included";
  EXPECT_EQ(f.unannounced, 1);
  EXPECT_EQ(f.inspected, 3) << "only operating businesses count towards coverage";
  EXPECT_EQ(f.coverage_pct, 75.0);
  EXPECT_EQ(f.violations, 2);
  EXPECT_EQ(f.violations_per_100, 50.0);
  EXPECT_EQ(f.fines, 1234567);
  EXPECT_EQ(f.informed, 6);
  EXPECT_EQ(f.health_checked, 4);
  EXPECT_EQ(f.referred, 1);
  EXPECT_EQ(f.repeat_violators, 0);
}

TEST(InspectionFigures, AnEmptyPlaceHasNoRatios) {
  const Figures f = compute_figures({}, {}, 2026);
  EXPECT_EQ(f.businesses, 0);
  EXPECT_FALSE(f.coverage_pct);
  EXPECT_FALSE(f.violations_per_100);
  EXPECT_FALSE(figure_value(f, "coverage_pct"));
  EXPECT_EQ(figure_value(f, "inspections"), 0.0);
}

TEST(InspectionFigures, ByUnitCoverageFollowsTheBusinessesCommune) {
  // two communes A (units 10, 11: 11 merged into A) and B (unit 20); unit 99 is outside
  const std::vector<BusinessFact> bs = {biz(1, "operating", "karaoke", 10), biz(2, "operating", "karaoke", 11),
                                        biz(3, "operating", "massage", 20), biz(4, "operating", "massage", 20),
                                        biz(5, "operating", "bar", 99)};
  // business 3's inspection was recorded under unit 10 (say before it moved): it covers B
  const std::vector<InspectionFact> is = {insp(1, 1, "2026-03-01", 1, true, 10), insp(2, 3, "2026-03-02", 2, true, 10),
                                          insp(3, 5, "2026-03-03", 0, true, 99)};
  auto key = [](long long unit) -> std::optional<std::string> {
    if (unit == 10 || unit == 11) return "A";
    if (unit == 20) return "B";
    return std::nullopt;
  };
  const auto by = figures_by_unit(bs, is, 2026, key);
  ASSERT_EQ(by.size(), 2u);
  EXPECT_EQ(by.at("A").operating, 2);
  EXPECT_EQ(by.at("A").inspected, 1);
  EXPECT_EQ(by.at("A").coverage_pct, 50.0);
  EXPECT_EQ(by.at("A").inspections, 2) << "inspections count where they were recorded";
  EXPECT_EQ(by.at("A").violations, 3);
  EXPECT_EQ(by.at("B").inspections, 0);
  EXPECT_EQ(by.at("B").inspected, 1);
  EXPECT_EQ(by.at("B").coverage_pct, 50.0);
}

TEST(InspectionFigures, NamedFigures) {
  const std::vector<BusinessFact> bs = {biz(1), biz(2), biz(3)};
  const std::vector<InspectionFact> is = {insp(1, 1, "2026-01-05", 1), insp(2, 1, "2026-07-05", 1),
                                          insp(3, 2, "2026-08-05", 0)};
  const Figures f = compute_figures(bs, is, 2026);
  EXPECT_EQ(figure_value(f, "repeat_violators"), 1.0);
  EXPECT_EQ(figure_value(f, "coverage_pct"), 66.7);
  EXPECT_EQ(figure_value(f, "violations_per_100"), 66.7);
  EXPECT_EQ(figure_value(f, "businesses_inspected"), 2.0);
  EXPECT_FALSE(figure_value(f, "nonsense"));
  for (const auto& n : figure_names()) EXPECT_TRUE(figure_value(f, n).has_value()) << n;
  EXPECT_TRUE(is_count("fines"));
  EXPECT_FALSE(is_count("coverage_pct"));
}

TEST(InspectionFigures, ASpanCountsTheInspectionsWithinIt) {
  // a six-monthly report: 01/07–31/12; coverage and repeat violators hold over the span
  const std::vector<BusinessFact> bs = {biz(1), biz(2)};
  const std::vector<InspectionFact> is = {insp(1, 1, "2026-03-01", 1), insp(2, 1, "2026-08-01", 1),
                                          insp(3, 2, "2026-12-31", 2), insp(4, 2, "2027-01-01", 1)};
  const Figures h2 = compute_figures(bs, is, d("2026-07-01"), d("2026-12-31"));
  EXPECT_EQ(h2.inspections, 2);
  EXPECT_EQ(h2.violations, 3);
  EXPECT_EQ(h2.coverage_pct, 100.0);
  EXPECT_EQ(h2.repeat_violators, 0) << "business 1's first violation was in the first half";
  EXPECT_EQ(compute_figures(bs, is, 2026).repeat_violators, 1);
  EXPECT_EQ(repeat_violators(is, d("2026-08-01"), d("2027-01-01")), 1);
}

// ----- the pivot of the analytics engine (analytics/inspection_stats.hpp) -----
#include "analytics/inspection_stats.hpp"
#include "domain/error.hpp"

namespace {
analytics::InspLabel plain(analytics::InspDim, const std::optional<std::string>& k) {
  return {k.value_or("-"), k.value_or("-"), k.value_or("~")};
}
}  // namespace

TEST(InspectionPivot, ARatioTotalIsTheRatioOfTheTotalsNeverASumOfRatios) {
  const Hierarchy h({}, {});
  const std::vector<BusinessFact> bs = {biz(1, "operating", "karaoke"), biz(2, "operating", "karaoke"),
                                        biz(3, "operating", "massage"), biz(4, "operating", "massage"),
                                        biz(5, "suspended", "massage")};
  const std::vector<InspectionFact> is = {insp(1, 1, "2026-02-01", 2), insp(2, 3, "2026-05-01"), insp(3, 4, "2026-08-01"),
                                          insp(4, 2, "2026-09-01", 1, false)};
  analytics::InspQuery q;
  q.measure = "coverage_pct";
  q.rows = {analytics::InspDim::type};
  q.from = d("2026-01-01");
  q.to = d("2026-12-31");
  auto t = analytics::insp_pivot(bs, is, q, h, plain);
  ASSERT_EQ(t.row_keys.size(), 2u);
  EXPECT_EQ(t.row_keys[0][0], "karaoke");
  EXPECT_EQ(t.cells[0][0], 50.0);   // 1 of 2 karaoke (the other's record is a draft)
  EXPECT_EQ(t.cells[1][0], 100.0);  // 2 of 2 operating massage
  EXPECT_EQ(t.total, 75.0);         // 3 of 4, not (50 + 100) / 2
  q.measure = "violations_per_100";
  t = analytics::insp_pivot(bs, is, q, h, plain);
  EXPECT_EQ(t.cells[0][0], 200.0);
  EXPECT_EQ(t.total, 66.7);
}

TEST(InspectionPivot, PeriodsSplitInspectionsAndBusinessesStandInEveryPeriod) {
  const Hierarchy h({}, {});
  const std::vector<BusinessFact> bs = {biz(1), biz(2), biz(3), biz(4)};
  const std::vector<InspectionFact> is = {insp(1, 1, "2026-02-01", 1), insp(2, 2, "2026-05-01"), insp(3, 3, "2026-08-01"),
                                          insp(4, 1, "2026-08-02", 1)};
  analytics::InspQuery q;
  q.measure = "coverage_pct";
  q.columns = {analytics::InspDim::quarter};
  q.from = d("2026-01-01");
  q.to = d("2026-12-31");
  auto t = analytics::insp_pivot(bs, is, q, h, plain);
  ASSERT_EQ(t.column_keys.size(), 3u);
  EXPECT_EQ(t.column_keys[0][0], "2026-Q1");
  EXPECT_EQ(t.cells[0][0], 25.0);  // Q1: 1 of 4
  EXPECT_EQ(t.cells[0][2], 50.0);  // Q3: businesses 3 and 1
  EXPECT_EQ(t.total, 75.0);
  q.measure = "repeat_violators";
  EXPECT_EQ(analytics::insp_pivot(bs, is, q, h, plain).total, 1.0);
  q.measure = "businesses";
  EXPECT_THROW(analytics::insp_pivot(bs, is, q, h, plain), Error) << "a count of businesses has no period";
  q.columns = {analytics::InspDim::status};
  q.measure = "nonsense";
  EXPECT_THROW(analytics::insp_pivot(bs, is, q, h, plain), Error);
}
