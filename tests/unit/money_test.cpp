// Money through its stages (issue 19): the pure rules of domain/money.hpp — checking a decision
// and its lines, the amendment rule (signed lines, totals never below 0 per key), what counts as
// allocated (issued decisions and issued amendments, drafts never) and over-allocation warnings.
#include "domain/money.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace longghep;
using namespace longghep::money;

namespace {
const Date kToday = Date::from_ymd(2026, 6, 15);

DecisionInput valid() {
  DecisionInput d;
  d.year = 2026;
  d.issuing_body = "UBND tỉnh Gia Lai";
  d.number = "12/QĐ-UBND";
  d.decision_date = Date::from_ymd(2026, 2, 1);
  d.decision_date_given = true;
  d.plan_id = 7;
  d.lines = {{11, "provincial_budget", 0, 10'000'000, ""}, {0, "commune_budget", 3, 4'000'000, ""}};
  return d;
}

std::vector<std::string> fields(const std::vector<FieldIssue>& issues) {
  std::vector<std::string> out;
  for (const auto& i : issues) out.push_back(i.field);
  return out;
}
}  // namespace

TEST(Money, FormatsAmountsTheVietnameseWay) {
  EXPECT_EQ(format_vnd(0), "0");
  EXPECT_EQ(format_vnd(999), "999");
  EXPECT_EQ(format_vnd(12'500'000), "12.500.000");
  EXPECT_EQ(format_vnd(-3'000'000), "-3.000.000");
  EXPECT_EQ(format_vnd(1'000'000'000'000'000LL), "1.000.000.000.000.000");
}

TEST(Money, AValidDecisionHasNoFault) { EXPECT_TRUE(check_decision(valid(), false, kToday).empty()); }

TEST(Money, EveryFaultOfADecisionIsListed) {
  DecisionInput d = valid();
  d.issuing_body = "";
  d.number = std::string(65, 'x');
  d.decision_date = Date::from_ymd(2026, 7, 1);  // after today
  d.plan_id = 0;                                 // line 0 names a plan activity
  d.lines[1].amount = 0;
  const auto f = fields(check_decision(d, false, kToday));
  for (const char* want : {"issuingBody", "number", "decisionDate", "lines[0].planActivityId", "lines[1].amount"})
    EXPECT_NE(std::find(f.begin(), f.end(), want), f.end()) << want;
  for (const auto& i : check_decision(d, false, kToday)) EXPECT_NE(i.message_vi, i.message_en);
}

TEST(Money, DatesYearsAndLineCounts) {
  DecisionInput d = valid();
  d.decision_date = Date::from_ymd(2024, 12, 31);  // year-2
  EXPECT_EQ(fields(check_decision(d, false, kToday)), std::vector<std::string>{"decisionDate"});
  d.decision_date = Date::from_ymd(2025, 1, 1);  // year-1: fine
  EXPECT_TRUE(check_decision(d, false, kToday).empty());
  d.decision_date = std::nullopt;
  EXPECT_EQ(fields(check_decision(d, false, kToday)), std::vector<std::string>{"decisionDate"});
  d = valid();
  d.year = 1999;
  EXPECT_EQ(fields(check_decision(d, false, kToday))[0], "year");
  d = valid();
  d.lines.clear();
  EXPECT_EQ(fields(check_decision(d, false, kToday)), std::vector<std::string>{"lines"});
  d.lines.assign(201, LineInput{0, "provincial_budget", 0, 1, ""});
  EXPECT_EQ(fields(check_decision(d, false, kToday))[0], "lines");
}

TEST(Money, AmountsOfOriginalsAndAmendments) {
  DecisionInput d = valid();
  d.lines[0].amount = -5;
  EXPECT_EQ(fields(check_decision(d, false, kToday)), std::vector<std::string>{"lines[0].amount"});
  EXPECT_TRUE(check_decision(d, true, kToday).empty()) << "a cut is negative on an amendment";
  d.lines[0].amount = 0;
  EXPECT_EQ(fields(check_decision(d, true, kToday)), std::vector<std::string>{"lines[0].amount"});
  d.lines[0].amount = kMaxAmount + 1;
  EXPECT_EQ(fields(check_decision(d, false, kToday)), std::vector<std::string>{"lines[0].amount"});
  // an amendment is not dated before its original
  d = valid();
  EXPECT_EQ(fields(check_decision(d, true, kToday, Date::from_ymd(2026, 3, 1))), std::vector<std::string>{"decisionDate"});
}

TEST(Money, OneLinePerActivitySourceAndProgramme) {
  DecisionInput d = valid();
  d.lines.push_back({11, "provincial_budget", 0, 1, ""});
  EXPECT_EQ(fields(check_decision(d, false, kToday)), std::vector<std::string>{"lines[2].fundingSource"});
  d.lines.back().programme_id = 9;  // another programme: another line
  EXPECT_TRUE(check_decision(d, false, kToday).empty());
}

TEST(Money, AmendedTotalsNeverBelowZero) {
  std::map<LineKey, long long> current{{{11, "provincial_budget", 0}, 20'000'000}};
  EXPECT_TRUE(check_amendment_totals(current, {{11, "provincial_budget", 0, -20'000'000, ""}}).empty());
  const auto issues = check_amendment_totals(current, {{11, "provincial_budget", 0, -30'000'000, ""}});
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].field, "lines[0].amount");
  EXPECT_EQ(issues[0].message_vi, "Điều chỉnh giảm 30.000.000 đồng vượt số đã giao 20.000.000 đồng");
  // a key never allocated cannot be cut; an increase elsewhere does not cover it
  EXPECT_EQ(check_amendment_totals(current, {{12, "provincial_budget", 0, 5, ""}, {12, "commune_budget", 0, -1, ""}}).size(), 1u);
}

TEST(Money, AllocatedCountsIssuedDecisionsAndIssuedAmendmentsOnly) {
  const LineKey k{11, "provincial_budget", 0};
  std::vector<LineFact> facts{{"issued", "", k, 10'000'000},
                              {"draft", "", k, 99},                      // a draft never counts
                              {"issued", "issued", k, -3'000'000},       // an issued cut
                              {"draft", "issued", k, -1'000'000},        // a draft cut
                              {"issued", "draft", k, 5}};                // an amendment of a draft original
  const auto a = allocated_by_key(facts);
  EXPECT_EQ(a.at(k), 7'000'000);
}

TEST(Money, OverAllocationWarningsBySourceAndInTotal) {
  SourceMap planned{{{1, "provincial_budget"}, 15'000'000}}, allocated{{{1, "provincial_budget"}, 10'000'000}},
      spent{{{1, "provincial_budget"}, 12'500'000}, {{2, "commune_budget"}, 1'000'000}};
  const auto w = over_allocation(planned, allocated, spent);
  ASSERT_EQ(w.size(), 2u) << "plan activity 2 has no allocation line: no warning";
  EXPECT_EQ(w[0].funding_source, std::optional<std::string>("provincial_budget"));
  EXPECT_EQ(w[0].spent, 12'500'000);
  EXPECT_EQ(w[0].allocated, 10'000'000);
  EXPECT_EQ(w[0].planned, 15'000'000);
  EXPECT_EQ(w[0].message_vi, "Chi 12.500.000 đồng vượt kinh phí được giao 10.000.000 đồng (kế hoạch 15.000.000 đồng)");
  EXPECT_FALSE(w[1].funding_source.has_value());
  // spending from a source with no allocation under an allocated activity warns for that source
  spent[{1, "socialisation"}] = 1;
  spent[{1, "provincial_budget"}] = 10'000'000;
  const auto w2 = over_allocation(planned, allocated, spent);
  ASSERT_EQ(w2.size(), 2u);
  EXPECT_EQ(*w2[0].funding_source, "socialisation");
  EXPECT_EQ(w2[1].spent, 10'000'001);
  // within the allocation: nothing
  spent[{1, "socialisation"}] = 0;
  EXPECT_TRUE(over_allocation(planned, allocated, spent).empty());
}
