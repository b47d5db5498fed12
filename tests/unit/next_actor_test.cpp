// Who acts next on a plan or a report (domain/next_actor.hpp).
#include <gtest/gtest.h>

#include "domain/next_actor.hpp"

using namespace longghep;

namespace {
Date d(int y, int m, int day) { return Date::from_ymd(y, m, day); }

OrgUnit unit(long long id, const char* code, const char* kind, const char* parent) {
  OrgUnit u;
  u.id = id;
  u.code = code;
  u.name = std::string("U") + code;
  u.kind = kind;
  u.parent_code = parent;
  u.validity = {Date::min(), Date::max()};
  return u;
}

// VN (1) ─ province 52 (10) ─ district 540 (30) ─ commune 21583 (41); province 75 (60) ─ commune 26000 (61).
Hierarchy tree() {
  return Hierarchy({unit(1, "VN", "central", ""), unit(10, "52", "province", "VN"), unit(30, "540", "district", "52"),
                    unit(41, "21583", "commune", "540"), unit(60, "75", "province", "VN"), unit(61, "26000", "commune", "75")},
                   {});
}

const std::vector<ApprovalRule> kRules = {
    {"province", "province_lead_officer", "province"}, {"commune", "province_lead_officer", "province"},
    {"province", "ministry_officer", "central"},       {"province", "system_admin", "central"},
    {"commune", "system_admin", "central"},
};
}  // namespace

TEST(WhoActsNext, SubmittedCommunePlanGoesToItsProvinceAndTheCentralAdmin) {
  const Hierarchy h = tree();
  const auto next = WhoActsNext::plan(PlanStatus::submitted, *h.by_id(41), h, kRules, d(2026, 1, 1));
  ASSERT_EQ(next.size(), 2u);
  EXPECT_EQ(next[0], (NextActor{10, "province_lead_officer", "plans.approve", "approve"}));
  EXPECT_EQ(next[1], (NextActor{1, "system_admin", "plans.approve", "approve"}));
}

TEST(WhoActsNext, SubmittedProvincePlanGoesToItselfAndTheMinistry) {
  const Hierarchy h = tree();
  const auto next = WhoActsNext::plan(PlanStatus::submitted, *h.by_id(60), h, kRules, d(2026, 1, 1));
  ASSERT_EQ(next.size(), 3u);
  EXPECT_EQ(next[0].unit_id, 60);
  EXPECT_EQ(next[1], (NextActor{1, "ministry_officer", "plans.approve", "approve"}));
  EXPECT_TRUE(WhoActsNext::is_one_of(1, {"ministry_officer"}, {"plans.approve"}, next));
  EXPECT_FALSE(WhoActsNext::is_one_of(1, {"ministry_officer"}, {"plans.read"}, next));  // no permission
  EXPECT_FALSE(WhoActsNext::is_one_of(10, {"province_lead_officer"}, {"plans.approve"}, next));  // another province
}

TEST(WhoActsNext, NoRuleForTheKindMeansNobodyApproves) {
  const Hierarchy h = tree();
  EXPECT_TRUE(WhoActsNext::plan(PlanStatus::submitted, *h.by_id(30), h, kRules, d(2026, 1, 1)).empty());
}

TEST(WhoActsNext, DraftAndReturnedPlansWaitForTheirOwnUnit) {
  const Hierarchy h = tree();
  for (PlanStatus s : {PlanStatus::draft, PlanStatus::returned}) {
    const auto next = WhoActsNext::plan(s, *h.by_id(41), h, kRules, d(2026, 1, 1));
    ASSERT_EQ(next.size(), 1u);
    EXPECT_EQ(next[0], (NextActor{41, "", "plans.edit", "edit"}));
  }
  EXPECT_TRUE(WhoActsNext::plan(PlanStatus::approved, *h.by_id(41), h, kRules, d(2026, 1, 1)).empty());
  EXPECT_TRUE(WhoActsNext::plan(PlanStatus::superseded, *h.by_id(41), h, kRules, d(2026, 1, 1)).empty());
}

TEST(WhoActsNext, ReportsAreReviewedOneLevelUp) {
  const Hierarchy h = tree();
  auto next = WhoActsNext::report("submitted", *h.by_id(41), 0, h, d(2026, 1, 1));
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0], (NextActor{30, "", "reports.review", "review"}));
  next = WhoActsNext::report("submitted", *h.by_id(10), 0, h, d(2026, 1, 1));
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].unit_id, 1);
  // an agency's report is reviewed by its province's own officers
  next = WhoActsNext::report("submitted", *h.by_id(10), 7, h, d(2026, 1, 1));
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0], (NextActor{10, "", "reports.review", "review"}));
  // returned: back to the unit; accepted: nobody
  next = WhoActsNext::report("returned", *h.by_id(41), 0, h, d(2026, 1, 1));
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0], (NextActor{41, "", "reports.submit", "submit"}));
  EXPECT_TRUE(WhoActsNext::report("accepted", *h.by_id(41), 0, h, d(2026, 1, 1)).empty());
}
