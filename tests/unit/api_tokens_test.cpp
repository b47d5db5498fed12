// API tokens (issue 21 §1): the pure rules of domain/api_tokens.hpp and the access decisions of
// domain/access.hpp about tokens.
#include "domain/api_tokens.hpp"

#include <gtest/gtest.h>

#include "domain/access.hpp"
#include "domain/error.hpp"

using namespace longghep;
using namespace longghep::api_tokens;

TEST(ApiTokens, Format) {
  const std::string good = "lg_" + std::string(43, 'A');
  EXPECT_TRUE(well_formed(good));
  EXPECT_TRUE(well_formed("lg_abcdefghijklmnopqrstuvwxyz0123456789-_ABCDE"));
  EXPECT_FALSE(well_formed("lg_" + std::string(42, 'A')));
  EXPECT_FALSE(well_formed("lg_" + std::string(44, 'A')));
  EXPECT_FALSE(well_formed("xx_" + std::string(43, 'A')));
  EXPECT_FALSE(well_formed("lg_" + std::string(42, 'A') + "="));
  EXPECT_FALSE(well_formed("lg_" + std::string(42, 'A') + "+"));
  EXPECT_FALSE(well_formed(""));
  EXPECT_EQ(shown_prefix("lg_abcdefghijklmnopqrstuvwxyz0123456789-_ABCDE"), "abcdefgh");
}

TEST(ApiTokens, Ipv4Ranges) {
  auto r = parse_cidr("10.0.0.0/8");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text(), "10.0.0.0/8");
  EXPECT_TRUE(contains(*r, "10.1.2.3"));
  EXPECT_TRUE(contains(*r, "10.255.255.255"));
  EXPECT_FALSE(contains(*r, "11.0.0.0"));
  EXPECT_FALSE(contains(*r, "127.0.0.1"));
  EXPECT_FALSE(contains(*r, "::1"));
  EXPECT_TRUE(contains(*parse_cidr("127.0.0.1"), "127.0.0.1"));
  EXPECT_EQ(parse_cidr("127.0.0.1")->text(), "127.0.0.1/32");
  EXPECT_TRUE(contains(*parse_cidr("0.0.0.0/0"), "8.8.8.8"));
  EXPECT_TRUE(contains(*parse_cidr("192.168.1.0/24"), "::ffff:192.168.1.9"));  // IPv4-mapped
  EXPECT_FALSE(parse_cidr("10.0.0.1/8"));   // host bits set
  EXPECT_FALSE(parse_cidr("10.0.0.0/33"));
  EXPECT_FALSE(parse_cidr("10.0.0.0/"));
  EXPECT_FALSE(parse_cidr("10.0.0.0/08"));
  EXPECT_FALSE(parse_cidr("256.0.0.0/8"));
  EXPECT_FALSE(parse_cidr("10.0.0/8"));
  EXPECT_FALSE(parse_cidr("010.0.0.0/8"));
  EXPECT_FALSE(parse_cidr("10.0.0.0/8 "));
  EXPECT_FALSE(parse_cidr(""));
  EXPECT_FALSE(parse_cidr("localhost"));
}

TEST(ApiTokens, Ipv6Ranges) {
  auto r = parse_cidr("2001:db8::/32");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text(), "2001:db8:0:0:0:0:0:0/32");
  EXPECT_TRUE(contains(*r, "2001:db8::1"));
  EXPECT_TRUE(contains(*r, "2001:0db8:ffff:0:0:0:0:1"));
  EXPECT_FALSE(contains(*r, "2001:db9::1"));
  EXPECT_FALSE(contains(*r, "10.0.0.1"));
  EXPECT_TRUE(contains(*parse_cidr("::1"), "::1"));
  EXPECT_TRUE(contains(*parse_cidr("::/0"), "fe80::1"));
  EXPECT_TRUE(contains(*parse_cidr("fe80::/10"), "febf::1"));
  EXPECT_FALSE(contains(*parse_cidr("fe80::/10"), "fec0::1"));
  EXPECT_FALSE(parse_cidr("2001:db8::1/32"));  // host bits set
  EXPECT_FALSE(parse_cidr("2001:db8::/129"));
  EXPECT_FALSE(parse_cidr("2001::db8::/32"));  // two gaps
  EXPECT_FALSE(parse_cidr("1:2:3:4:5:6:7:8:9/128"));
  EXPECT_FALSE(parse_cidr("12345::/16"));
  EXPECT_FALSE(parse_cidr("::ffff:10.0.0.0/104"));  // a mapped address is not a range
  EXPECT_TRUE(parse_cidr("1:2:3:4:5:6:7:8"));
  EXPECT_FALSE(parse_cidr("1:2:3:4:5:6:7"));
}

TEST(ApiTokens, AddressAllowed) {
  EXPECT_TRUE(address_allowed({}, "203.0.113.5"));  // no ranges: any address
  EXPECT_TRUE(address_allowed({"10.0.0.0/8", "127.0.0.1/32"}, "127.0.0.1"));
  EXPECT_FALSE(address_allowed({"10.0.0.0/8"}, "127.0.0.1"));
  EXPECT_FALSE(address_allowed({"10.0.0.0/8"}, ""));
  EXPECT_FALSE(address_allowed({"10.0.0.0/8"}, "not an address"));
}

TEST(ApiTokens, Methods) {
  EXPECT_TRUE(known_method("GET"));
  EXPECT_TRUE(known_method("DELETE"));
  EXPECT_FALSE(known_method("PATCH"));
  EXPECT_FALSE(known_method("get"));
  EXPECT_TRUE(method_allowed({"GET"}, "GET"));
  EXPECT_TRUE(method_allowed({"GET"}, "HEAD"));
  EXPECT_FALSE(method_allowed({"GET"}, "POST"));
  EXPECT_TRUE(method_allowed({"PUT"}, "PATCH"));
  EXPECT_FALSE(method_allowed({}, "GET"));
}

TEST(ApiTokens, TokenPrincipalIsTheIntersection) {
  Principal owner;
  owner.user_id = 4;
  owner.permissions = {perm::kUsersRead, perm::kHierarchyRead};
  owner.scope = Scope::of({3, 5});
  // the token was given plans.read while the owner held it; the owner has lost it since
  Access::restrict_to_token(owner, {perm::kUsersRead, perm::kPlansRead}, 17);
  EXPECT_EQ(owner.permissions, (std::set<std::string>{perm::kUsersRead}));
  EXPECT_EQ(owner.token_id, 17);
  EXPECT_TRUE(owner.scope.contains(5));  // the scope stays the owner's
  EXPECT_FALSE(owner.scope.contains(6));
}

TEST(ApiTokens, RoutesATokenMayNotCall) {
  EXPECT_FALSE(Access::allowed_with_token("POST", "/api/tokens"));
  EXPECT_FALSE(Access::allowed_with_token("GET", "/api/tokens"));
  EXPECT_FALSE(Access::allowed_with_token("POST", "/api/tokens/{id}/revoke"));
  EXPECT_FALSE(Access::allowed_with_token("POST", "/api/auth/login"));
  EXPECT_FALSE(Access::allowed_with_token("POST", "/api/auth/logout"));
  EXPECT_FALSE(Access::allowed_with_token("POST", "/api/me/password"));
  EXPECT_FALSE(Access::allowed_with_token("POST", "/api/users/{id}/reset-password"));
  EXPECT_FALSE(Access::allowed_with_token("POST", "/api/setup"));
  EXPECT_TRUE(Access::allowed_with_token("GET", "/api/me"));
  EXPECT_TRUE(Access::allowed_with_token("GET", "/api/reports"));
  EXPECT_TRUE(Access::allowed_with_token("POST", "/api/agencies"));
}

TEST(ApiTokens, CreationNeedsPermissionsHeldByOwnerAndCaller) {
  Principal caller, owner;
  caller.permissions = {perm::kTokensCreate, perm::kUsersRead, perm::kHierarchyRead};
  owner.permissions = {perm::kUsersRead, perm::kAuditRead};
  EXPECT_NO_THROW(Access::require_can_create_token(caller, owner, {perm::kUsersRead}));
  try {
    Access::require_can_create_token(caller, owner, {perm::kUsersRead, perm::kHierarchyRead});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(*e.field(), "permissions");
    EXPECT_NE(e.message_en().find("hierarchy.read"), std::string::npos);
  }
  try {
    Access::require_can_create_token(caller, owner, {perm::kAuditRead});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 403);
  }
  caller.permissions.erase(perm::kTokensCreate);
  EXPECT_THROW(Access::require_can_create_token(caller, owner, {perm::kUsersRead}), Error);
  // the wall: a police officer never hands on (nor holds) support permissions
  owner.roles = {"police_officer"};
  owner.permissions.insert(perm::kCasesRead);
  caller.permissions = {perm::kTokensCreate, perm::kCasesRead};
  EXPECT_THROW(Access::require_can_create_token(caller, owner, {perm::kCasesRead}), Error);
}
