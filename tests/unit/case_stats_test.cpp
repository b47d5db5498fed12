// Case statistics (issue 16 §3–4): consent to statistics at a date, the case pivot (distinct
// people, services, filters), small-cell suppression with its secondary rule, and the report
// elements' suppression (by host programme with its total; compilation parts together).
#include "analytics/case_stats.hpp"

#include <gtest/gtest.h>

#include "domain/error.hpp"
#include "domain/indicators.hpp"

using namespace longghep;
using namespace longghep::analytics;

namespace {
Date d(const char* s) { return *Date::parse(s); }
cases::ConsentEvent ev(const char* purpose, bool given, const char* on, int version) {
  cases::ConsentEvent e;
  e.purpose = purpose;
  e.given = given;
  e.effective_on = d(on);
  e.version = version;
  return e;
}

Hierarchy tiny() {
  std::vector<OrgUnit> units;
  auto add = [&](long long id, const char* code, const char* kind, const char* parent) {
    OrgUnit u;
    u.id = id;
    u.code = code;
    u.name = code;
    u.full_name = code;
    u.kind = kind;
    u.parent_code = parent;
    u.validity = Validity{d("2000-01-01"), Date::max()};
    units.push_back(u);
  };
  add(1, "VN", "central", "");
  add(2, "52", "province", "VN");
  add(3, "21583", "commune", "52");
  add(4, "21556", "commune", "52");
  return Hierarchy(units, {});
}

CaseFact fact(long long case_id, long long item, long long unit, const char* prog, const char* service, const char* on,
              std::vector<std::string> groups = {"sex_workers"}, const char* sex = "female") {
  CaseFact f;
  f.case_id = case_id;
  f.item_id = item;
  f.unit_id = unit;
  f.host_programme = prog;
  f.service = service;
  f.day = d(on);
  f.target_groups = std::move(groups);
  f.sex = sex;
  return f;
}

CaseLabel plain(CaseDim, const std::optional<std::string>& k) { return {k.value_or("-"), k.value_or("-"), k.value_or("~")}; }
}  // namespace

TEST(CaseStats, ConsentToStatisticsAtTheComputationDay) {
  std::vector<cases::ConsentEvent> none;
  EXPECT_FALSE(counts_in_statistics(none, d("2026-06-01")));  // never by default
  std::vector<cases::ConsentEvent> services_only{ev("services", true, "2026-01-01", 1)};
  EXPECT_FALSE(counts_in_statistics(services_only, d("2026-06-01")));  // per purpose
  std::vector<cases::ConsentEvent> h{ev("statistics", true, "2026-01-10", 1), ev("statistics", false, "2026-05-01", 2),
                                     ev("statistics", true, "2026-08-01", 3)};
  EXPECT_FALSE(counts_in_statistics(h, d("2026-01-09")));  // dated: not before it is given
  EXPECT_TRUE(counts_in_statistics(h, d("2026-01-10")));
  EXPECT_TRUE(counts_in_statistics(h, d("2026-04-30")));
  EXPECT_FALSE(counts_in_statistics(h, d("2026-05-01")));  // withdrawn from its day
  EXPECT_FALSE(counts_in_statistics(h, d("2026-07-31")));
  EXPECT_TRUE(counts_in_statistics(h, d("2026-08-01")));  // given again (version 3)
}

TEST(CaseStats, PrimarySuppressionHidesOneToFourKeepsZero) {
  auto t = suppress_table({{0, 1, 4, 5, 100}}, {110}, {0, 1, 4, 5, 100}, 110);
  std::vector<bool> flags;
  for (const auto& c : t.cells[0]) flags.push_back(c.suppressed);
  EXPECT_EQ(flags, (std::vector<bool>{false, true, true, false, false}));
  EXPECT_EQ(t.cells[0][0].value(), 0);
  EXPECT_EQ(t.cells[0][1].value(), std::nullopt);
  EXPECT_EQ(t.cells[0][3].value(), 5);
  // two suppressed cells in the row: the row total is shown (only their sum is known)
  EXPECT_FALSE(t.row_totals[0].suppressed);
  EXPECT_TRUE(t.any());
}

TEST(CaseStats, SecondarySuppressionHidesTheTotalsThatGiveACellBack) {
  // rows [3, 10] and [7, 20]: row 0 has one suppressed cell → its total (13) is suppressed;
  // column 0 has one → its total (10) is suppressed; then exactly one row total (and one column
  // total) is suppressed → the grand total is suppressed as well.
  auto t = suppress_table({{3, 10}, {7, 20}}, {13, 27}, {10, 30}, 40);
  EXPECT_TRUE(t.cells[0][0].suppressed);
  EXPECT_TRUE(t.row_totals[0].suppressed);
  EXPECT_FALSE(t.row_totals[1].suppressed);
  EXPECT_TRUE(t.column_totals[0].suppressed);
  EXPECT_FALSE(t.column_totals[1].suppressed);
  EXPECT_TRUE(t.total.suppressed);
  // nothing small: nothing hidden
  auto u = suppress_table({{5, 10}, {0, 20}}, {15, 20}, {5, 30}, 35);
  EXPECT_FALSE(u.any());
  // zeros are never hidden
  auto v = suppress_table({{0, 0}}, {0}, {0, 0}, 0);
  EXPECT_FALSE(v.any());
  // a total of 1..4 is suppressed by itself
  auto w = suppress_table({{2, 2}}, {4}, {2, 2}, 4);
  EXPECT_TRUE(w.row_totals[0].suppressed);
  EXPECT_TRUE(w.total.suppressed);
}

TEST(CaseStats, PivotCountsDistinctPeopleAndServicesWithFiltersAndOrgDims) {
  const Hierarchy h = tiny();
  std::vector<CaseFact> facts;
  // 6 people in 21583 through hiv_aids, 2 of them also through poverty_ntp; one in 21556
  for (int i = 1; i <= 6; ++i) facts.push_back(fact(i, 100 + i, 3, "hiv_aids", "sti_hiv_testing", "2026-09-01"));
  facts.push_back(fact(1, 201, 3, "poverty_ntp", "loans", "2026-09-02"));
  facts.push_back(fact(2, 202, 3, "poverty_ntp", "loans", "2026-10-02"));
  facts.push_back(fact(7, 203, 4, "hiv_aids", "condoms", "2026-09-03", {"sex_workers", "people_with_hiv"}, "male"));
  CaseQuery q;
  q.measure = CaseMeasure::people;
  q.as_of = d("2026-12-01");
  CaseTable t = case_pivot(facts, q, h, plain);
  EXPECT_EQ(t.table.total.value(), 7);  // distinct people
  q.measure = CaseMeasure::services;
  EXPECT_EQ(case_pivot(facts, q, h, plain).table.total.value(), 9);
  // by host programme: hiv_aids 7 people, poverty_ntp 2 (suppressed); the one-column total with
  // exactly one suppressed cell is suppressed (secondary), and with it the grand total
  q.measure = CaseMeasure::people;
  q.rows = {CaseDim::hostProgramme};
  t = case_pivot(facts, q, h, plain);
  ASSERT_EQ(t.row_keys.size(), 2u);
  EXPECT_EQ(*t.row_keys[0][0], "hiv_aids");
  EXPECT_EQ(t.table.cells[0][0].value(), 7);
  EXPECT_TRUE(t.table.cells[1][0].suppressed);
  EXPECT_TRUE(t.table.column_totals[0].suppressed);
  EXPECT_EQ(t.table.total.value(), std::nullopt);
  // a person in two target groups counts in each, once in the total
  q.rows = {CaseDim::targetGroup};
  q.columns = {CaseDim::province};
  q.host_programmes = {"hiv_aids"};
  t = case_pivot(facts, q, h, plain);
  EXPECT_EQ(t.table.total.raw, 7);
  long long sum = 0;
  for (const auto& r : t.table.row_totals) sum += r.raw;
  EXPECT_EQ(sum, 8);
  EXPECT_EQ(*t.column_keys[0][0], "52");
  // the commune dimension, the subtree, the period
  q.rows = {CaseDim::commune};
  q.columns = {CaseDim::month};
  q.host_programmes = {};
  q.from = d("2026-09-01");
  q.to = d("2026-09-30");
  q.org_unit = h.find("21583", q.as_of);
  t = case_pivot(facts, q, h, plain);
  ASSERT_EQ(t.row_keys.size(), 1u);
  EXPECT_EQ(*t.row_keys[0][0], "21583");
  ASSERT_EQ(t.column_keys.size(), 1u);
  EXPECT_EQ(*t.column_keys[0][0], "2026-09");
  EXPECT_EQ(t.table.total.raw, 6);
  // referrals have no host programme or service dimension
  q.measure = CaseMeasure::referrals;
  q.rows = {CaseDim::hostProgramme};
  q.columns = {};
  EXPECT_THROW(case_pivot(facts, q, h, plain), Error);
}

TEST(CaseStats, TheCommuneOfResidenceAsOfTheHierarchysDay) {
  // a commune merged on 01/07/2025 into 21583: its records land in 21583 as of 2026, in itself before
  std::vector<OrgUnit> units;
  auto add = [&](long long id, const char* code, const char* kind, const char* parent, const char* from, const char* to) {
    OrgUnit u;
    u.id = id;
    u.code = code;
    u.name = code;
    u.full_name = code;
    u.kind = kind;
    u.parent_code = parent;
    u.validity = Validity{d(from), to ? d(to) : Date::max()};
    units.push_back(u);
  };
  add(1, "VN", "central", "", "2000-01-01", nullptr);
  add(2, "52", "province", "VN", "2000-01-01", nullptr);
  add(3, "21583", "commune", "52", "2025-07-01", nullptr);
  add(5, "21600", "commune", "52", "2000-01-01", "2025-06-30");
  LineageEvent e;
  e.id = 1;
  e.type = "merge";
  e.date = d("2025-07-01");
  e.from_id = 5;
  e.to_id = 3;
  const Hierarchy h(units, {e});
  EXPECT_EQ(case_org_key(h, 5, CaseDim::commune, d("2026-01-01")), "21583");
  EXPECT_EQ(case_org_key(h, 5, CaseDim::commune, d("2024-01-01")), "21600");
  EXPECT_EQ(case_org_key(h, 5, CaseDim::province, d("2026-01-01")), "52");
  EXPECT_EQ(case_org_key(h, 3, CaseDim::commune, d("2024-01-01")), "21600");  // backwards through the predecessor
  EXPECT_EQ(case_org_key(h, 2, CaseDim::commune, d("2026-01-01")), std::nullopt);  // above the level
}

TEST(CaseStats, ReportElementsByHostProgrammeAndTheirTotal) {
  const std::vector<CaseElement> els{{"case_people", true, ""}, {"case_people_hiv", true, "hiv_aids"},
                                     {"case_people_pov", true, "poverty_ntp"}, {"case_services", false, ""}};
  // poverty 3 → suppressed, the only one of its group: the people total too; services 9 shown
  auto s = suppressed_elements(els, {{"case_people", 8}, {"case_people_hiv", 7}, {"case_people_pov", 3}, {"case_services", 9}});
  EXPECT_EQ(s, (std::set<std::string>{"case_people", "case_people_pov"}));
  // nothing small: nothing hidden; absent counts as 0
  EXPECT_TRUE(suppressed_elements(els, {{"case_people", 8}, {"case_people_hiv", 8}}).empty());
  // services of 1..4
  EXPECT_EQ(suppressed_elements(els, {{"case_services", 2}}), (std::set<std::string>{"case_services"}));
  // compilation: compiled 6 + own 2 = total 8 — own is small, so the element is hidden in all three
  auto c = suppressed_in_compilation(els, {{"case_services", 6}}, {{"case_services", 2}}, {{"case_services", 8}});
  EXPECT_EQ(c, (std::set<std::string>{"case_services"}));
  EXPECT_TRUE(suppressed_in_compilation(els, {{"case_services", 6}}, {{"case_services", 0}}, {{"case_services", 6}}).empty());
  // counting for the report elements
  std::vector<CaseFact> facts{fact(1, 11, 3, "hiv_aids", "x", "2026-09-01"), fact(1, 12, 3, "poverty_ntp", "y", "2026-09-01"),
                              fact(2, 13, 3, "hiv_aids", "x", "2026-09-01")};
  EXPECT_EQ(count_people(facts), 2);
  EXPECT_EQ(count_people(facts, "hiv_aids"), 2);
  EXPECT_EQ(count_people(facts, "poverty_ntp"), 1);
  EXPECT_EQ(count_services(facts), 3);
  EXPECT_TRUE(is_case_measure("case_people") && is_case_measure("case_services") && !is_case_measure("reached"));
}

TEST(CaseStats, IndicatorTermsOverSupportRecords) {
  Term t = parse_term(nlohmann::json{{"measure", "case_people"}, {"hostProgramme", "hiv_aids"}}, "numerator");
  EXPECT_EQ(t.measure, TermMeasure::case_people);
  EXPECT_EQ(t.host_programme, "hiv_aids");
  EXPECT_EQ(term_json(t), (nlohmann::json{{"measure", "case_people"}, {"hostProgramme", "hiv_aids"}}));
  EXPECT_TRUE(over_cases(TermMeasure::case_services));
  EXPECT_FALSE(over_activities(TermMeasure::case_people));
  // who recorded applies to activities only
  EXPECT_THROW(parse_term(nlohmann::json{{"measure", "case_services"}, {"recordedBy", {{"levels", {"province"}}}}}, "n"), Error);
  // suppression of small counts of support records, never of other measures
  EXPECT_TRUE(term_suppressed(t, 3));
  EXPECT_FALSE(term_suppressed(t, 0));
  EXPECT_FALSE(term_suppressed(t, 5));
  Term reached = parse_term(nlohmann::json{{"measure", "reached"}}, "n");
  EXPECT_FALSE(term_suppressed(reached, 3));
}
