// Case work of people supported (issue 16 §4–5): the support-plan and closure state machines
// (every status × action pair), follow-ups and their derived overdue flag, the lists and the
// decider rule (domain/case_work.hpp).
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "domain/case_work.hpp"
#include "domain/error.hpp"

using namespace longghep;
using namespace longghep::case_work;

namespace {
Date day(const char* s) { return *Date::parse(s); }
Principal with(long long id, std::set<std::string> perms) {
  Principal p;
  p.user_id = id;
  p.permissions = std::move(perms);
  return p;
}
}  // namespace

TEST(CaseWorkPlan, EveryStatusTimesEveryAction) {
  // status × action → the new status, or "" when refused (409)
  const std::map<std::pair<std::string, std::string>, std::string> expected = {
      {{"draft", "edit"}, "draft"},           {{"draft", "submit"}, "submitted"},   {{"draft", "approve"}, ""},
      {{"draft", "return"}, ""},              {{"draft", "supersede"}, ""},         {{"submitted", "edit"}, ""},
      {{"submitted", "submit"}, ""},          {{"submitted", "approve"}, "approved"}, {{"submitted", "return"}, "returned"},
      {{"submitted", "supersede"}, ""},       {{"approved", "edit"}, ""},           {{"approved", "submit"}, ""},
      {{"approved", "approve"}, ""},          {{"approved", "return"}, ""},         {{"approved", "supersede"}, "superseded"},
      {{"returned", "edit"}, "draft"},        {{"returned", "submit"}, "submitted"}, {{"returned", "approve"}, ""},
      {{"returned", "return"}, ""},           {{"returned", "supersede"}, ""},      {{"superseded", "edit"}, ""},
      {{"superseded", "submit"}, ""},         {{"superseded", "approve"}, ""},      {{"superseded", "return"}, ""},
      {{"superseded", "supersede"}, ""}};
  int checked = 0;
  for (const char* st : kPlanStatuses)
    for (PlanAction a : kPlanActions) {
      const std::string an = plan_action_name(a);
      ASSERT_EQ(plan_action(an), a) << an;
      const std::string want = expected.at({st, an});
      EXPECT_EQ(plan_allowed(st, a), !want.empty()) << st << " " << an;
      if (want.empty()) {
        try {
          plan_next(st, a);
          ADD_FAILURE() << st << " " << an << " should be refused";
        } catch (const Error& e) {
          EXPECT_EQ(e.status(), 409);
          EXPECT_EQ(e.code(), std::string(st) == "approved" && an == "edit" ? "plan_approved" : "plan_state");
          EXPECT_FALSE(e.message_vi().empty());
          EXPECT_FALSE(e.message_en().empty());
        }
      } else {
        EXPECT_EQ(plan_next(st, a), want) << st << " " << an;
      }
      ++checked;
    }
  EXPECT_EQ(checked, 25);
  EXPECT_FALSE(plan_action("close").has_value());
  EXPECT_TRUE(plan_in_progress("draft") && plan_in_progress("submitted") && plan_in_progress("returned"));
  EXPECT_FALSE(plan_in_progress("approved") || plan_in_progress("superseded"));
}

TEST(CaseWorkPlan, OnlyASupervisorOtherThanTheSubmitterDecides) {
  EXPECT_NO_THROW(require_can_decide(with(9, {perm::kCasesSupervise}), 7));
  try {
    require_can_decide(with(7, {perm::kCasesSupervise}), 7);
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 403);
    EXPECT_EQ(e.code(), "own_submission");
  }
  try {
    require_can_decide(with(9, {perm::kCasesRecord}), 7);
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "forbidden");
  }
  // behind the wall: never, whatever it holds
  Principal police = with(9, {perm::kCasesSupervise});
  police.roles = {"police_officer"};
  EXPECT_THROW(require_can_decide(police, 7), Error);
}

TEST(CaseWorkFollowups, TransitionsAndDerivedOverdue) {
  EXPECT_EQ(followup_next("planned", FollowupAction::done), "done");
  EXPECT_EQ(followup_next("planned", FollowupAction::cancel), "cancelled");
  for (const char* st : {"done", "cancelled"})
    for (auto a : {FollowupAction::done, FollowupAction::cancel}) {
      EXPECT_FALSE(followup_allowed(st, a));
      try {
        followup_next(st, a);
        ADD_FAILURE();
      } catch (const Error& e) {
        EXPECT_EQ(e.status(), 409);
        EXPECT_EQ(e.code(), "followup_state");
      }
    }
  const Date due = day("2026-12-10");
  EXPECT_FALSE(followup_overdue("planned", due, day("2026-12-10")));
  EXPECT_TRUE(followup_overdue("planned", due, day("2026-12-11")));
  EXPECT_FALSE(followup_overdue("done", due, day("2027-01-01")));
  EXPECT_FALSE(followup_overdue("cancelled", due, day("2027-01-01")));
}

TEST(CaseWorkClosure, EveryStateTimesEveryAction) {
  const ClosureState open{"open", false}, pending{"open", true}, closed{"closed", false};
  struct Row {
    ClosureState from;
    ClosureAction a;
    std::optional<ClosureState> to;
  };
  const Row rows[] = {
      {open, ClosureAction::request, pending},   {open, ClosureAction::approve, std::nullopt},
      {open, ClosureAction::reject, std::nullopt}, {open, ClosureAction::reopen, std::nullopt},
      {pending, ClosureAction::request, std::nullopt}, {pending, ClosureAction::approve, closed},
      {pending, ClosureAction::reject, open},    {pending, ClosureAction::reopen, std::nullopt},
      {closed, ClosureAction::request, std::nullopt}, {closed, ClosureAction::approve, std::nullopt},
      {closed, ClosureAction::reject, std::nullopt}, {closed, ClosureAction::reopen, open}};
  for (const auto& r : rows) {
    EXPECT_EQ(closure_allowed(r.from, r.a), r.to.has_value());
    if (r.to) {
      EXPECT_EQ(closure_next(r.from, r.a), *r.to);
    } else {
      try {
        closure_next(r.from, r.a);
        ADD_FAILURE();
      } catch (const Error& e) {
        EXPECT_EQ(e.status(), 409);
        EXPECT_EQ(e.code(), "closure_state");
        EXPECT_FALSE(e.message_vi().empty());
      }
    }
  }
  EXPECT_EQ(std::size(rows), 3 * std::size(kClosureActions));
}

TEST(CaseWorkClosure, ReasonsAndClosedRecords) {
  EXPECT_NO_THROW(validate_closure_reason("goals_met", ""));
  EXPECT_THROW(validate_closure_reason("bored", "x"), Error);
  EXPECT_THROW(validate_closure_reason("other", ""), Error);
  EXPECT_NO_THROW(validate_closure_reason("other", "Chuyển sang chương trình khác"));
  EXPECT_NO_THROW(require_open("open"));
  try {
    require_open("closed");
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 409);
    EXPECT_EQ(e.code(), "case_closed");
  }
}

TEST(CaseWorkLists, DomainsLevelsAreasAndNotes) {
  EXPECT_EQ(std::size(kDomains), 7u);
  EXPECT_TRUE(is_domain("legal_papers") && is_domain("psychosocial"));
  EXPECT_FALSE(is_domain("sport"));
  EXPECT_TRUE(is_level("none") && is_level("high"));
  EXPECT_FALSE(is_level("extreme"));
  EXPECT_TRUE(is_outcome_area("job") && is_outcome_area("legal_papers"));
  EXPECT_TRUE(is_outcome_status("not_achieved"));
  EXPECT_TRUE(is_goal_status("achieved") && !is_goal_status("done"));
  EXPECT_EQ(validate_note("  Ghi chú  ", "note", false), "Ghi chú");
  EXPECT_EQ(validate_note("", "note", false), "");
  EXPECT_THROW(validate_note("  ", "note", true), Error);
  EXPECT_NO_THROW(validate_note(std::string(1000, 'a'), "note", true));
  EXPECT_THROW(validate_note(std::string(1001, 'a'), "note", true), Error);
  std::string vi;
  for (int i = 0; i < 1000; ++i) vi += "ễ";  // 1000 characters, 3000 bytes
  EXPECT_NO_THROW(validate_note(vi, "note", true));
}
