#include "domain/access.hpp"

#include <gtest/gtest.h>

#include "domain/error.hpp"
#include "history_fixture.hpp"

using namespace longghep;

namespace {
Principal officer() {
  Principal p;
  p.user_id = 7;
  p.permissions = {perm::kUsersRead, perm::kUsersManage, perm::kHierarchyRead};
  p.scope = Scope::of({3, 5, 8});
  return p;
}
}  // namespace

TEST(Access, PermissionsDecideAndForbiddenIs403) {
  Principal p = officer();
  EXPECT_TRUE(Access::has(p, perm::kUsersRead));
  EXPECT_NO_THROW(Access::require(p, perm::kUsersManage));
  try {
    Access::require(p, perm::kAuditRead);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 403);
    EXPECT_EQ(e.code(), "forbidden");
    EXPECT_FALSE(e.message_vi().empty());
  }
}

TEST(Access, OutOfScopeRecordsLookAbsent) {
  Principal p = officer();
  EXPECT_TRUE(Access::can_see_unit(p, 5));
  EXPECT_FALSE(Access::can_see_unit(p, 4));
  try {
    Access::require_unit_visible(p, 4, "người dùng", "User");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 404);  // never 403: existence must not leak
  }
  p.scope = Scope::everything();
  EXPECT_TRUE(Access::can_see_unit(p, 4));
}

TEST(Access, CannotGrantPermissionsOneDoesNotHold) {
  Principal p = officer();
  EXPECT_NO_THROW(Access::require_can_grant(p, {{perm::kHierarchyRead}, {perm::kUsersRead}}));
  EXPECT_THROW(Access::require_can_grant(p, {{perm::kHierarchyManage}}), Error);
}

TEST(LoginThrottle, FifthFailureInTheWindowLocks) {
  EXPECT_TRUE(LoginThrottle::allowed(0));
  EXPECT_TRUE(LoginThrottle::allowed(4));
  EXPECT_FALSE(LoginThrottle::allowed(5));
  EXPECT_EQ(LoginThrottle::kWindowSeconds, 900);
}

TEST(InputRules, PasswordsAndUsernames) {
  EXPECT_NO_THROW(validate_password("Demo@2026"));
  EXPECT_THROW(validate_password("short1"), Error);
  EXPECT_THROW(validate_password("onlyletters"), Error);
  EXPECT_THROW(validate_password("1234567890"), Error);
  EXPECT_NO_THROW(validate_username("tinh.gialai"));
  EXPECT_NO_THROW(validate_username("bo"));
  EXPECT_THROW(validate_username("Tinh"), Error);
  EXPECT_THROW(validate_username("a"), Error);
  EXPECT_THROW(validate_username("x y"), Error);
  EXPECT_THROW(validate_username("robert'); drop table users;--"), Error);
}

// ----- acting for a unit in a reporting period (history through the successors) -----
using namespace longghep::fixture;

TEST(AccessActingFor, ACommuneOfficerActsForTheCommunesMergedIntoTheirsTransitively) {
  auto h = history();
  const Date today = d(2026, 12, 3);
  Principal xa = at(*h, 50, {"reports.submit", "reports.read"});
  using A = Access::Acting;
  EXPECT_EQ(Access::acting_for(xa, *h, *h->by_id(50), d(2026, 1, 1), d(2026, 6, 30), today).how, A::own);
  EXPECT_EQ(Access::acting_for(xa, *h, *h->by_id(40), d(2023, 1, 1), d(2023, 6, 30), today).how, A::on_behalf);
  EXPECT_EQ(Access::acting_for(xa, *h, *h->by_id(41), d(2023, 1, 1), d(2023, 6, 30), today).how, A::on_behalf);
  // 21550 → 21556 (2023) → 21583 (2025): two reorganisations
  EXPECT_EQ(Access::acting_for(xa, *h, *h->by_id(43), d(2022, 1, 1), d(2022, 12, 31), today).how, A::on_behalf);
  EXPECT_TRUE(Access::is_predecessor_of_home(xa, *h, 43));
}

TEST(AccessActingFor, NeverForAUnitNotMergedIntoTheirsNorAfterItCeased) {
  auto h = history();
  const Date today = d(2026, 12, 3);
  Principal xa = at(*h, 50, {"reports.submit", "reports.read"});
  // 21600 went to another commune; the district and the province were never merged into a commune
  for (long long other : {42LL, 30LL, 10LL, 51LL, 60LL}) {
    auto a = Access::acting_for(xa, *h, *h->by_id(other), d(2023, 1, 1), d(2023, 6, 30), today);
    EXPECT_EQ(a.how, Access::Acting::none) << other;
    EXPECT_EQ(a.reason, "not_successor") << other;
  }
  // 21550 ended on 31/12/2022: its report for 2023-H1 is refused
  auto late = Access::acting_for(xa, *h, *h->by_id(43), d(2023, 1, 1), d(2023, 6, 30), today);
  EXPECT_EQ(late.how, Access::Acting::none);
  EXPECT_EQ(late.reason, "unit_ceased");
  // an agency focal point acts for its agency only
  Principal focal = xa;
  focal.roles = {"agency_focal_point"};
  EXPECT_EQ(Access::acting_for(focal, *h, *h->by_id(40), d(2023, 1, 1), d(2023, 6, 30), today).how, Access::Acting::none);
}

TEST(AccessActingFor, TheProvinceOfficerActsForEveryUnitThatCeasedInItsCareButNotForLiveOnes) {
  auto h = history();
  const Date today = d(2026, 12, 3);
  Principal tinh = at(*h, 20, {"reports.submit", "reports.review", "reports.read"});
  using A = Access::Acting;
  for (long long old : {10LL, 11LL, 30LL, 40LL, 41LL, 42LL})
    EXPECT_EQ(Access::acting_for(tinh, *h, *h->by_id(old), d(2023, 1, 1), d(2023, 12, 31), today).how, A::on_behalf) << old;
  // today's communes fill their own reports
  EXPECT_EQ(Access::acting_for(tinh, *h, *h->by_id(50), d(2026, 1, 1), d(2026, 6, 30), today).how, A::none);
  // old Bình Định has no report for 2025-H2
  EXPECT_EQ(Access::acting_for(tinh, *h, *h->by_id(10), d(2025, 7, 1), d(2025, 12, 31), today).reason, "unit_ceased");
  // another province's officer has no care of Gia Lai's history; without reports.review nor the province
  Principal dn = at(*h, 60, {"reports.submit", "reports.review"});
  EXPECT_EQ(Access::acting_for(dn, *h, *h->by_id(30), d(2023, 1, 1), d(2023, 12, 31), today).how, A::none);
  Principal viewer = at(*h, 20, {"reports.read"});
  EXPECT_EQ(Access::acting_for(viewer, *h, *h->by_id(30), d(2023, 1, 1), d(2023, 12, 31), today).how, A::none);
  // on the day before the reform the old units still existed: nobody acts for them on behalf
  EXPECT_EQ(Access::acting_for(tinh, *h, *h->by_id(30), d(2023, 1, 1), d(2023, 12, 31), d(2025, 6, 30)).how, A::none);
}

TEST(AccessActingFor, ReviewingIsActingForTheLevelAbove) {
  auto h = history();
  const Date today = d(2026, 12, 3);
  Principal tinh = at(*h, 20, {"reports.submit", "reports.review", "reports.read"});
  Access::Acting how = Access::Acting::none;
  // an old commune's report: the old district reviews it, the province officer on its behalf
  const OrgUnit* lvl = Access::reviewing_level(tinh, *h, *h->by_id(41), d(2023, 1, 1), d(2023, 6, 30), today, &how);
  ASSERT_NE(lvl, nullptr);
  EXPECT_EQ(lvl->id, 30);
  EXPECT_EQ(how, Access::Acting::on_behalf);
  // the old district's report: the old province
  lvl = Access::reviewing_level(tinh, *h, *h->by_id(30), d(2023, 1, 1), d(2023, 6, 30), today, &how);
  ASSERT_NE(lvl, nullptr);
  EXPECT_EQ(lvl->id, 10);
  // today's commune: the province itself
  lvl = Access::reviewing_level(tinh, *h, *h->by_id(50), d(2026, 1, 1), d(2026, 6, 30), today, &how);
  ASSERT_NE(lvl, nullptr);
  EXPECT_EQ(lvl->id, 20);
  EXPECT_EQ(how, Access::Acting::own);
  // the old province's report goes to the ministry, not to its successor
  EXPECT_EQ(Access::reviewing_level(tinh, *h, *h->by_id(10), d(2023, 1, 1), d(2023, 6, 30), today), nullptr);
  Principal bo = at(*h, 1, {"reports.review", "reports.read"});
  lvl = Access::reviewing_level(bo, *h, *h->by_id(10), d(2023, 1, 1), d(2023, 6, 30), today, &how);
  ASSERT_NE(lvl, nullptr);
  EXPECT_EQ(lvl->id, 1);
  EXPECT_EQ(how, Access::Acting::own);
}

TEST(AccessActingFor, CodesReusedAcrossAReformAreAmbiguousRenamesAreNot) {
  auto h = history();
  EXPECT_TRUE(h->code_is_ambiguous("52"));     // Bình Định, then Gia Lai (a merge links them)
  EXPECT_TRUE(h->code_is_ambiguous("21583"));  // the old ward merged into the new one
  EXPECT_FALSE(h->code_is_ambiguous("540"));   // one version
  EXPECT_FALSE(h->code_is_ambiguous("nope"));
  EXPECT_EQ(h->versions("52").size(), 2u);
  // a rename keeps one unit under one code
  const Date r = Date::from_ymd(2024, 1, 1);
  std::vector<OrgUnit> units = {unit(1, "VN", "central", "", Date::min(), Date::max()),
                                unit(2, "77", "province", "VN", Date::min(), r.add_days(-1)),
                                unit(3, "77", "province", "VN", r, Date::max())};
  units[2].name = "Tên mới";
  Hierarchy renamed(units, {{1, "rename", r, 2, 3, false}});
  EXPECT_FALSE(renamed.code_is_ambiguous("77"));
  Hierarchy merged(units, {{1, "merge", r, 2, 3, false}});
  EXPECT_TRUE(merged.code_is_ambiguous("77"));
  Hierarchy unlinked(units, {});
  EXPECT_TRUE(unlinked.code_is_ambiguous("77"));  // different names, nothing says they are one unit
}

TEST(TwoPersonAcrossAccounts, ApprovalRightsAreGrantedOnlyAboveTheProvince) {
  Principal province = officer();
  province.permissions.insert({"plans.approve", "reports.review"});
  // A province may still create accounts without approval rights in its scope…
  EXPECT_NO_THROW(Access::require_can_grant_approval(province, {}, {perm::kHierarchyRead, "plans.edit"}));
  // …but not an account that can approve, nor grant that right to an existing one.
  for (const char* right : {"plans.approve", "reports.review"}) {
    try {
      Access::require_can_grant_approval(province, {}, {perm::kHierarchyRead, right});
      FAIL() << right;
    } catch (const Error& e) {
      EXPECT_EQ(e.status(), 403);
      EXPECT_EQ(e.field().value_or(""), "roles");
      EXPECT_FALSE(e.message_vi().empty());
      EXPECT_FALSE(e.message_en().empty());
    }
    EXPECT_THROW(Access::require_can_grant_approval(province, {perm::kHierarchyRead}, {perm::kHierarchyRead, right}), Error);
    // Keeping a right the account already had (editing its name, its unit) is not a grant.
    EXPECT_NO_THROW(Access::require_can_grant_approval(province, {right}, {right, perm::kHierarchyRead}));
  }
  EXPECT_TRUE(Access::carries_approval({"reports.review"}));
  EXPECT_FALSE(Access::carries_approval({"plans.edit", perm::kUsersManage}));
  Principal ministry = officer();
  ministry.permissions.insert(perm::kUsersGrantApproval);
  EXPECT_NO_THROW(Access::require_can_grant_approval(ministry, {}, {"plans.approve", "reports.review"}));
}

TEST(TwoPersonAcrossAccounts, AnAccountOfTheSubmitterOrMadeAfterTheSubmissionIsNotIndependent) {
  const std::string submitted = "2026-03-10T08:00:00Z";
  // Created by someone else, before the submission: independent.
  EXPECT_TRUE(TwoPersonRule::independent(1, "2026-01-01T00:00:00Z", 42, submitted));
  // Created at the same second as the submission: not after it.
  EXPECT_TRUE(TwoPersonRule::independent(1, submitted, 42, submitted));
  // Created by the submitter.
  try {
    TwoPersonRule::require_independent(42, "2026-01-01T00:00:00Z", 42, submitted);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 403);
    EXPECT_EQ(e.code(), "not_independent");
    EXPECT_NE(e.message_en().find("created by the submitter"), std::string::npos);
    EXPECT_FALSE(e.message_vi().empty());
  }
  // Created after the submission.
  try {
    TwoPersonRule::require_independent(1, "2026-03-10T08:00:01Z", 42, submitted);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "not_independent");
    EXPECT_NE(e.message_en().find("after"), std::string::npos);
  }
  // Unknown provenance (setup, the command line, accounts older than the rule) or an unknown
  // submitter does not match.
  EXPECT_TRUE(TwoPersonRule::independent(0, "", 42, submitted));
  EXPECT_TRUE(TwoPersonRule::independent(0, "2026-01-01T00:00:00Z", 0, ""));
}

TEST(PasswordChangeRequired, OnlyProfilePasswordAndSignOut) {
  EXPECT_TRUE(Access::allowed_while_password_change_required("GET", "/api/me"));
  EXPECT_TRUE(Access::allowed_while_password_change_required("POST", "/api/me/password"));
  EXPECT_TRUE(Access::allowed_while_password_change_required("POST", "/api/auth/logout"));
  EXPECT_FALSE(Access::allowed_while_password_change_required("PUT", "/api/me/signer"));
  EXPECT_FALSE(Access::allowed_while_password_change_required("GET", "/api/plans"));
  EXPECT_FALSE(Access::allowed_while_password_change_required("POST", "/api/me"));
}
