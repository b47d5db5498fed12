// The yearly evaluation of a plan (§5.4) as a specification: what a planned quantity counts,
// how percentages round, what happens with nothing to divide by, which activities count in the
// year, and how over-achievement shows.
#include <gtest/gtest.h>

#include "domain/evaluation.hpp"

using namespace longghep;

namespace {
Date D(const char* s) { return *Date::parse(s); }

RecordedActivity act(long long id, long long plan_activity, const char* start, std::map<std::string, long long> reach,
                     std::map<std::string, long long> costs, std::map<std::string, long long> outputs = {}) {
  RecordedActivity r;
  r.id = id;
  r.plan_activity_id = plan_activity;
  r.title = "Hoạt động " + std::to_string(id);
  r.start = r.end = D(start);
  r.reach = std::move(reach);
  r.costs = std::move(costs);
  r.outputs = std::move(outputs);
  return r;
}

PlannedActivity planned(long long id, std::optional<long long> qty, const char* unit) {
  return {id, "community_sessions", "sex_workers", "Tuyên truyền " + std::to_string(id), unit, qty};
}
}  // namespace

TEST(EvaluationRounding, PercentagesAreTenthsRoundedHalfUp) {
  EXPECT_EQ(percent_tenths(1, 3), 333);     // 33,33…% → 33,3%
  EXPECT_EQ(percent_tenths(2, 3), 667);     // 66,66…% → 66,7%
  EXPECT_EQ(percent_tenths(1, 8), 125);     // 12,5% exactly
  EXPECT_EQ(percent_tenths(1, 16), 63);     // 6,25% → 6,3% (half up)
  EXPECT_EQ(percent_tenths(1, 2000), 1);    // 0,05% → 0,1%
  EXPECT_EQ(percent_tenths(1, 2001), 0);    // 0,0499…% → 0,0%
  EXPECT_EQ(percent_tenths(5, 4), 1250);    // 125%: over the target is not capped
  EXPECT_EQ(percent_tenths(1'000'000'000'000'000LL, 1), 1'000'000'000'000'000'000LL);  // no overflow
  EXPECT_EQ(divide_rounded(10, 4), 3);      // 2,5 → 3
  EXPECT_EQ(divide_rounded(10, 3), 3);
  EXPECT_EQ(divide_rounded(0, 7), 0);
}

TEST(EvaluationRounding, NothingToDivideByGivesNoFigure) {
  EXPECT_EQ(percent_tenths(5, 0), std::nullopt);
  EXPECT_EQ(percent_tenths(0, 0), std::nullopt);
  EXPECT_EQ(percent_tenths(5, -1), std::nullopt);
  EXPECT_EQ(divide_rounded(1'000'000, 0), std::nullopt);
}

TEST(EvaluationMeasure, TheUnitSaysWhatThePlannedQuantityCounts) {
  EXPECT_EQ(to_string(measure_for("đợt")), "activities");
  EXPECT_EQ(to_string(measure_for("kỳ")), "activities");
  EXPECT_EQ(to_string(measure_for("lớp")), "activities");
  EXPECT_EQ(to_string(measure_for("")), "activities");
  EXPECT_EQ(to_string(measure_for("Người")), "people");
  EXPECT_EQ(to_string(measure_for("lượt người")), "people");
  EXPECT_EQ(to_string(measure_for("học viên")), "people");
  EXPECT_EQ(to_string(measure_for("chiếc")), "output:condoms");
  EXPECT_EQ(to_string(measure_for("tờ")), "output:leaflets");
  EXPECT_EQ(to_string(measure_for("tin, bài")), "output:press_articles");
  EXPECT_EQ(to_string(measure_for(" buổi ")), "output:sessions");
  EXPECT_EQ(to_string(measure_for("lượt tư vấn")), "output:counselling_sessions");
}

TEST(EvaluationStatus, AgainstATargetAndWithout) {
  EXPECT_EQ(completion_status(0, 12, 0), CompletionStatus::not_started);
  EXPECT_EQ(completion_status(5, 12, 5), CompletionStatus::partly);
  EXPECT_EQ(completion_status(12, 12, 12), CompletionStatus::done);
  EXPECT_EQ(completion_status(13, 12, 13), CompletionStatus::over);
  EXPECT_EQ(completion_status(0, std::nullopt, 0), CompletionStatus::not_started);
  EXPECT_EQ(completion_status(0, std::nullopt, 1), CompletionStatus::done);  // held, nothing to measure
  EXPECT_EQ(completion_status(3, 0, 3), CompletionStatus::done);            // a zero target is no target
  EXPECT_EQ(to_string(CompletionStatus::over), "over");
  EXPECT_EQ(status_name_vi(CompletionStatus::partly), "Thực hiện một phần");
}

TEST(EvaluatePlan, PlannedAgainstAchievedPerActivity) {
  EvaluationInput in;
  in.year = 2026;
  in.activities = {planned(1, 4, "đợt"), planned(2, 1000, "chiếc"), planned(3, 200, "người"), planned(4, std::nullopt, "")};
  in.recorded = {act(10, 1, "2026-03-02", {{"sex_workers", 30}}, {{"provincial_budget", 3'000'000}}),
                 act(11, 1, "2026-02-01", {{"sex_workers", 20}, {"service_workers", 5}}, {{"provincial_budget", 2'000'000}}),
                 act(12, 2, "2026-04-01", {{"sex_workers", 40}}, {}, {{"condoms", 1200}}),
                 act(13, 3, "2026-05-01", {{"students", 150}}, {{"international", 1'500'000}})};
  Evaluation e = evaluate_plan(in);
  ASSERT_EQ(e.activities.size(), 4u);
  const auto& a = e.activities[0];  // 2 of 4 "đợt" held
  EXPECT_EQ(a.held, 2);
  EXPECT_EQ(a.achieved, 2);
  EXPECT_EQ(a.reached, 55);
  EXPECT_EQ(a.spent, 5'000'000);
  EXPECT_EQ(a.completion_tenths, 500);
  EXPECT_EQ(a.status, CompletionStatus::partly);
  EXPECT_EQ(a.cost_per_person, 90'909);  // 5.000.000 ÷ 55 = 90.909,09
  EXPECT_EQ(a.linked, (std::vector<long long>{11, 10}));  // by start date
  const auto& b = e.activities[1];  // 1.200 condoms of 1.000: over the plan
  EXPECT_EQ(b.achieved, 1200);
  EXPECT_EQ(b.completion_tenths, 1200);
  EXPECT_EQ(b.status, CompletionStatus::over);
  EXPECT_EQ(b.cost_per_person, 0);  // people reached at no cost
  EXPECT_EQ(e.activities[2].achieved, 150);  // people
  EXPECT_EQ(e.activities[2].completion_tenths, 750);
  const auto& d = e.activities[3];  // no target, nothing held
  EXPECT_EQ(d.status, CompletionStatus::not_started);
  EXPECT_EQ(d.completion_tenths, std::nullopt);
  EXPECT_EQ(d.cost_per_person, std::nullopt);  // nobody reached: no cost per person
  EXPECT_EQ(e.totals.by_status.at(CompletionStatus::partly), 2);
  EXPECT_EQ(e.totals.by_status.at(CompletionStatus::over), 1);
  EXPECT_EQ(e.totals.by_status.at(CompletionStatus::not_started), 1);
  EXPECT_EQ(e.totals.by_status.at(CompletionStatus::done), 0);
  EXPECT_EQ(e.totals.held, 4);
  EXPECT_EQ(e.totals.reached, 245);
  EXPECT_EQ(e.totals.spent, 6'500'000);
  EXPECT_EQ(e.cost_per_person, 26'531);  // 6.500.000 ÷ 245 = 26.530,6
}

TEST(EvaluatePlan, SessionsCountOneUnlessRecorded) {
  EvaluationInput in;
  in.year = 2026;
  in.activities = {planned(1, 10, "buổi")};
  in.recorded = {act(1, 1, "2026-01-10", {}, {}, {{"sessions", 4}}), act(2, 1, "2026-01-11", {}, {})};
  Evaluation e = evaluate_plan(in);
  EXPECT_EQ(e.activities[0].achieved, 5);
  EXPECT_EQ(e.activities[0].status, CompletionStatus::partly);
  EXPECT_EQ(e.cost_per_person, std::nullopt);  // nobody reached at all
}

TEST(EvaluatePlan, ActivitiesOutsideThePlanYearCountNowhere) {
  EvaluationInput in;
  in.year = 2026;
  in.activities = {planned(1, 2, "đợt")};
  in.budget = {{"provincial_budget", 2026, 10'000'000}};
  in.recorded = {act(1, 1, "2025-12-31", {{"sex_workers", 99}}, {{"provincial_budget", 9'000'000}}),
                 act(2, 1, "2027-01-01", {{"sex_workers", 99}}, {{"provincial_budget", 9'000'000}}),
                 act(3, 1, "2026-12-31", {{"sex_workers", 10}}, {{"provincial_budget", 1'000'000}}),
                 act(4, 0, "2025-06-01", {{"sex_workers", 7}}, {})};  // unplanned, another year: not shown
  Evaluation e = evaluate_plan(in);
  EXPECT_EQ(e.activities[0].held, 1);
  EXPECT_EQ(e.activities[0].reached, 10);
  EXPECT_EQ(e.outside_year, (std::vector<long long>{1, 2}));
  EXPECT_EQ(e.budget.at(0).spent, 1'000'000);
  EXPECT_EQ(e.budget.at(0).execution_tenths, 100);
  EXPECT_TRUE(e.unplanned.empty());
}

TEST(EvaluatePlan, BudgetBySourcePlannedAgainstSpent) {
  EvaluationInput in;
  in.year = 2026;
  in.activities = {planned(1, 3, "đợt")};
  in.budget = {{"provincial_budget", 2026, 300'000'000},
               {"integrated_programmes", 2026, 200'000'000},
               {"provincial_budget", 2026, 150'000'000},   // two lines of one source add up
               {"international", 2027, 500'000'000}};      // next year's money: not this year's plan
  in.recorded = {act(1, 1, "2026-03-01", {{"sex_workers", 100}},
                     {{"provincial_budget", 150'000'000}, {"socialisation", 20'000'000}}),
                 act(2, 0, "2026-04-01", {{"sex_workers", 50}}, {{"provincial_budget", 70'000'000}})};  // unplanned
  Evaluation e = evaluate_plan(in);
  ASSERT_EQ(e.budget.size(), 3u);
  EXPECT_EQ(e.budget[0].funding_source, "provincial_budget");
  EXPECT_EQ(e.budget[0].planned, 450'000'000);
  EXPECT_EQ(e.budget[0].spent, 150'000'000);
  EXPECT_EQ(e.budget[0].execution_tenths, 333);
  EXPECT_EQ(e.budget[1].funding_source, "integrated_programmes");
  EXPECT_EQ(e.budget[1].spent, 0);
  EXPECT_EQ(e.budget[1].execution_tenths, 0);
  EXPECT_EQ(e.budget[2].funding_source, "socialisation");  // spent without a plan line: no %
  EXPECT_EQ(e.budget[2].planned, 0);
  EXPECT_EQ(e.budget[2].execution_tenths, std::nullopt);
  EXPECT_EQ(e.totals.planned_budget, 650'000'000);
  EXPECT_EQ(e.totals.spent, 170'000'000);
  EXPECT_EQ(e.totals.budget_execution_tenths, 262);  // 26,15…% → 26,2%
  EXPECT_EQ(e.cost_per_person, 1'700'000);
  ASSERT_EQ(e.unplanned.size(), 1u);  // shown apart, never in the execution
  EXPECT_EQ(e.totals.unplanned_count, 1);
  EXPECT_EQ(e.totals.unplanned_reached, 50);
  EXPECT_EQ(e.totals.unplanned_spent, 70'000'000);
}

TEST(EvaluatePlan, PeoplePlannedPerTargetGroup) {
  EvaluationInput in;
  in.year = 2026;
  in.activities = {planned(1, 2, "đợt")};
  in.beneficiaries = {{"sex_workers", 100}, {"poor_youth", std::nullopt}, {"sex_workers", 50}, {"students", 10}};
  in.recorded = {act(1, 1, "2026-03-01", {{"sex_workers", 160}, {"poor_youth", 3}}, {}),
                 act(2, 99, "2026-03-01", {{"students", 10}}, {})};  // another plan's activity: not ours
  Evaluation e = evaluate_plan(in);
  ASSERT_EQ(e.beneficiaries.size(), 3u);
  EXPECT_EQ(e.beneficiaries[0].planned, 150);
  EXPECT_EQ(e.beneficiaries[0].reached, 160);
  EXPECT_EQ(e.beneficiaries[0].completion_tenths, 1067);
  EXPECT_EQ(e.beneficiaries[0].status, CompletionStatus::over);
  EXPECT_EQ(e.beneficiaries[1].planned, std::nullopt);
  EXPECT_EQ(e.beneficiaries[1].status, CompletionStatus::done);
  EXPECT_EQ(e.beneficiaries[2].reached, 0);
  EXPECT_EQ(e.beneficiaries[2].status, CompletionStatus::not_started);
  EXPECT_TRUE(e.unplanned.empty());
}

TEST(EvaluatePlan, AnEmptyPlanHasNoFigures) {
  EvaluationInput in;
  in.year = 2026;
  Evaluation e = evaluate_plan(in);
  EXPECT_TRUE(e.activities.empty());
  EXPECT_EQ(e.totals.budget_execution_tenths, std::nullopt);
  EXPECT_EQ(e.cost_per_person, std::nullopt);
  EXPECT_EQ(e.totals.by_status.size(), 4u);
}
