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
