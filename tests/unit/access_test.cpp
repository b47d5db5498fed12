#include "domain/access.hpp"

#include <gtest/gtest.h>

#include "domain/error.hpp"

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
