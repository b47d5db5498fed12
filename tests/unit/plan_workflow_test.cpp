// The integration-plan workflow as a specification: every status × action, who may decide.
#include <gtest/gtest.h>

#include <map>

#include "domain/error.hpp"
#include "domain/plan_workflow.hpp"

using namespace longghep;
using S = PlanStatus;
using A = PlanAction;

namespace {
// The whole transition table. A missing pair is an illegal transition.
const std::map<std::pair<S, A>, S> kLegal = {
    {{S::draft, A::edit}, S::draft},
    {{S::draft, A::submit}, S::submitted},
    {{S::returned, A::edit}, S::returned},
    {{S::returned, A::submit}, S::submitted},  // "resubmit"
    {{S::submitted, A::approve}, S::approved},
    {{S::submitted, A::return_}, S::returned},
    {{S::approved, A::new_version}, S::approved},  // the source stays approved; the copy is a draft
    {{S::approved, A::supersede}, S::superseded},
};
}  // namespace

TEST(PlanWorkflow, EveryStatusTimesEveryActionMatchesTheTable) {
  int legal = 0, illegal = 0;
  for (S s : PlanWorkflow::kAllStatuses) {
    for (A a : PlanWorkflow::kAllActions) {
      SCOPED_TRACE(to_string(s) + " × " + to_string(a));
      auto it = kLegal.find({s, a});
      auto got = PlanWorkflow::next(s, a);
      if (it != kLegal.end()) {
        ASSERT_TRUE(got.has_value());
        EXPECT_EQ(*got, it->second);
        EXPECT_EQ(PlanWorkflow::apply(s, a), it->second);
        ++legal;
      } else {
        EXPECT_FALSE(got.has_value());
        try {
          PlanWorkflow::apply(s, a);
          ADD_FAILURE() << "expected a refusal";
        } catch (const Error& e) {
          EXPECT_EQ(e.status(), 409);
          EXPECT_EQ(e.code(), a == A::edit ? "plan_locked" : "invalid_transition");
          EXPECT_FALSE(e.message_vi().empty());
          // the message names where the plan is
          EXPECT_NE(e.message_en().find(to_string(s)), std::string::npos) << e.message_en();
        }
        ++illegal;
      }
    }
  }
  EXPECT_EQ(legal, 8);
  EXPECT_EQ(illegal, 5 * 6 - 8);
}

TEST(PlanWorkflow, OnlyDraftAndReturnedAreEditable) {
  for (S s : PlanWorkflow::kAllStatuses)
    EXPECT_EQ(PlanWorkflow::editable(s), s == S::draft || s == S::returned) << to_string(s);
}

TEST(PlanWorkflow, AnApprovedPlanIsLockedWithABilingualMessage) {
  try {
    PlanWorkflow::apply(S::approved, A::edit);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "plan_locked");
    EXPECT_NE(e.message_vi().find("phiên bản mới"), std::string::npos);
    EXPECT_NE(e.message_en().find("new version"), std::string::npos);
  }
}

TEST(PlanWorkflow, IllegalTransitionNamesFromAndTo) {
  try {
    PlanWorkflow::apply(S::draft, A::approve);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message_en(), "Cannot approve the plan: no transition from draft to approved");
  }
}

TEST(PlanWorkflow, ASubmitAfterAReturnIsARecordedResubmit) {
  EXPECT_EQ(PlanWorkflow::history_action(S::draft, A::submit), "submit");
  EXPECT_EQ(PlanWorkflow::history_action(S::returned, A::submit), "resubmit");
  EXPECT_EQ(PlanWorkflow::history_action(S::submitted, A::return_), "return");
}

TEST(PlanWorkflow, AReturnNeedsAComment) {
  EXPECT_THROW(PlanWorkflow::require_comment(A::return_, ""), Error);
  EXPECT_THROW(PlanWorkflow::require_comment(A::return_, "  \n"), Error);
  EXPECT_NO_THROW(PlanWorkflow::require_comment(A::return_, "Bổ sung nguồn kinh phí"));
  EXPECT_NO_THROW(PlanWorkflow::require_comment(A::approve, ""));
}

TEST(PlanWorkflow, NamesRoundTrip) {
  for (S s : PlanWorkflow::kAllStatuses) EXPECT_EQ(parse_plan_status(to_string(s)), s);
  for (A a : PlanWorkflow::kAllActions) EXPECT_EQ(parse_plan_action(to_string(a)), a);
  EXPECT_FALSE(parse_plan_status("rejected"));
  EXPECT_TRUE(is_potential("high") && is_potential("none"));
  EXPECT_FALSE(is_potential("very high"));
}

namespace {
const std::vector<ApprovalRule> kRules = {
    {"province", "province_lead_officer", "province"},
    {"commune", "province_lead_officer", "province"},
    {"province", "system_admin", "central"},
};
PlanActor officer() {
  PlanActor a;
  a.user_id = 7;
  a.agency_id = 3;
  a.roles = {"province_lead_officer"};
  a.permissions = {"plans.read", "plans.edit", "plans.approve", "plans.all_agencies"};
  a.home_unit_kind = "province";
  a.plan_unit_in_scope = true;
  return a;
}
}  // namespace

TEST(PlanAccess, WhoDecidesIsConfiguredPerLevel) {
  struct Case { const char* name; PlanActor actor; std::string kind; long long submitter; bool ok; };
  PlanActor out_of_scope = officer(); out_of_scope.plan_unit_in_scope = false;
  PlanActor commune = officer(); commune.roles = {"commune_officer"}; commune.home_unit_kind = "commune";
  PlanActor no_perm = officer(); no_perm.permissions.erase("plans.approve");
  PlanActor admin = officer(); admin.roles = {"system_admin"}; admin.home_unit_kind = "central";
  const Case cases[] = {
      {"province officer, province plan", officer(), "province", 9, true},
      {"province officer, commune plan", officer(), "commune", 9, true},
      {"no rule for district plans", officer(), "district", 9, false},
      {"the submitter", officer(), "province", 7, false},
      {"another province", out_of_scope, "province", 9, false},
      {"commune officer", commune, "commune", 9, false},
      {"without plans.approve", no_perm, "province", 9, false},
      {"admin at the centre, province plan", admin, "province", 9, true},
      {"admin: no rule for commune plans", admin, "commune", 9, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(PlanAccess::can_decide(c.actor, kRules, c.kind, c.submitter), c.ok) << c.name;
    if (!c.ok) {
      try {
        PlanAccess::require_decide(c.actor, kRules, c.kind, c.submitter);
        ADD_FAILURE() << c.name;
      } catch (const Error& e) {
        EXPECT_EQ(e.status(), 403) << c.name;
      }
    }
  }
}

TEST(PlanAccess, TheApproverMustBeIndependentOfTheSubmitterAcrossAccounts) {
  const std::string submitted = "2026-05-02T09:30:00Z";
  PlanActor a = officer();
  a.created_at = "2026-01-05T10:00:00Z";
  a.created_by = 1;
  EXPECT_TRUE(PlanAccess::can_decide(a, kRules, "province", 9, submitted));
  PlanActor second = a;  // the submitter's second account
  second.created_by = 9;
  EXPECT_FALSE(PlanAccess::can_decide(second, kRules, "province", 9, submitted));
  PlanActor late = a;  // an account made for the occasion
  late.created_at = "2026-05-02T09:31:00Z";
  EXPECT_FALSE(PlanAccess::can_decide(late, kRules, "province", 9, submitted));
  try {
    PlanAccess::require_decide(second, kRules, "province", 9, submitted);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 403);
    EXPECT_EQ(e.code(), "not_independent");
  }
}

TEST(PlanAccess, AFocalPointSeesOnlyItsOwnAgency) {
  PlanActor focal = officer();
  focal.permissions = {"plans.read", "plans.edit"};
  EXPECT_TRUE(PlanAccess::can_see(focal, "plans.read", 3));
  EXPECT_FALSE(PlanAccess::can_see(focal, "plans.read", 4));
  EXPECT_TRUE(PlanAccess::can_see(officer(), "plans.read", 4));
  focal.agency_id = 0;
  EXPECT_FALSE(PlanAccess::can_see(focal, "plans.read", 0));
  PlanActor far = officer();
  far.plan_unit_in_scope = false;
  EXPECT_FALSE(PlanAccess::can_see(far, "plans.read", 3));
  EXPECT_FALSE(PlanAccess::can_see(officer(), "programmes.read", 3));
}

TEST(PlanDecision, RequiresBodyNumberAndAPlausibleDate) {
  const Date today = Date::from_ymd(2026, 12, 4), submitted = Date::from_ymd(2026, 11, 20);
  PlanDecision ok{"UBND tỉnh Gia Lai", "123/QĐ-UBND", Date::from_ymd(2026, 11, 25)};
  EXPECT_TRUE(plan_decision_issues(ok, today, submitted).empty());
  PlanDecision same_day = ok;  // decided the day it was submitted, or today
  same_day.date = submitted;
  EXPECT_TRUE(plan_decision_issues(same_day, today, submitted).empty());
  same_day.date = today;
  EXPECT_TRUE(plan_decision_issues(same_day, today, submitted).empty());

  auto fields = [&](const PlanDecision& d, std::optional<Date> sub) {
    std::vector<std::string> f;
    for (const auto& i : plan_decision_issues(d, today, sub)) f.push_back(i.field);
    return f;
  };
  EXPECT_EQ(fields(PlanDecision{" ", "", std::nullopt}, submitted),
            (std::vector<std::string>{"decisionBody", "decisionNumber", "decisionDate"}));
  PlanDecision future = ok;
  future.date = Date::from_ymd(2026, 12, 5);
  EXPECT_EQ(fields(future, submitted), std::vector<std::string>{"decisionDate"});
  PlanDecision early = ok;
  early.date = Date::from_ymd(2026, 11, 19);
  EXPECT_EQ(fields(early, submitted), std::vector<std::string>{"decisionDate"});
  EXPECT_TRUE(fields(early, std::nullopt).empty());  // submission day unknown: only the future is refused
  PlanDecision long_number = ok;
  long_number.number = std::string(65, '1');
  EXPECT_EQ(fields(long_number, submitted), std::vector<std::string>{"decisionNumber"});
  long_number.number = std::string(64, '1');
  EXPECT_TRUE(fields(long_number, submitted).empty());
  const auto issues = plan_decision_issues(early, today, submitted);
  EXPECT_NE(issues[0].message_vi.find("20/11/2026"), std::string::npos);
  EXPECT_NE(issues[0].message_en.find("2026-11-20"), std::string::npos);
}
