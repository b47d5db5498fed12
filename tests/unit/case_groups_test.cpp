// Clubs and peer groups of people supported (issue 16 item 5): the pure rules (domain/case_groups.hpp).
#include <gtest/gtest.h>

#include "domain/case_groups.hpp"
#include "domain/error.hpp"

using namespace longghep;
using namespace longghep::case_groups;

namespace {
Date day(const char* s) { return *Date::parse(s); }
template <class F>
std::string refused(F f) {  // the error's code and field, or "" when it passes
  try {
    f();
  } catch (const Error& e) {
    return e.code() + ":" + e.field().value_or("");
  }
  return "";
}
}  // namespace

TEST(CaseGroups, Kinds) {
  EXPECT_TRUE(is_kind("club"));
  EXPECT_TRUE(is_kind("peer_group"));
  EXPECT_FALSE(is_kind("Club"));
  EXPECT_FALSE(is_kind(""));
  EXPECT_EQ(refused([] { validate_kind("team"); }), "validation_failed:kind");
  EXPECT_EQ(refused([] { validate_kind("club"); }), "");
}

TEST(CaseGroups, NameTrimmedAndBounded) {
  EXPECT_EQ(validate_name("  CLB Hoa Hướng Dương \n"), "CLB Hoa Hướng Dương");
  EXPECT_EQ(refused([] { validate_name("   "); }), "validation_failed:name");
  EXPECT_EQ(refused([] { validate_name(std::string(200, 'a')); }), "");
  EXPECT_EQ(refused([] { validate_name(std::string(201, 'a')); }), "validation_failed:name");
  std::string viet;
  for (int i = 0; i < 200; ++i) viet += "ư";  // 200 characters, 400 bytes
  EXPECT_EQ(refused([&] { validate_name(viet); }), "");
}

TEST(CaseGroups, MembershipDates) {
  const Date today = day("2026-06-01");
  EXPECT_EQ(refused([&] { validate_founded(day("2026-06-02"), today); }), "validation_failed:foundedOn");
  EXPECT_EQ(refused([&] { validate_founded(today, today); }), "");
  // joined: not future, not before founding, not before registration
  EXPECT_EQ(refused([&] { validate_joined(day("2026-03-01"), day("2026-01-01"), day("2026-02-01"), today); }), "");
  EXPECT_EQ(refused([&] { validate_joined(day("2026-06-02"), day("2026-01-01"), day("2026-02-01"), today); }), "validation_failed:joinedOn");
  EXPECT_EQ(refused([&] { validate_joined(day("2025-12-31"), day("2026-01-01"), day("2025-01-01"), today); }), "validation_failed:joinedOn");
  EXPECT_EQ(refused([&] { validate_joined(day("2026-01-15"), day("2026-01-01"), day("2026-02-01"), today); }), "validation_failed:joinedOn");
  // left: not before joining, not future, not twice
  EXPECT_EQ(refused([&] { validate_left(std::nullopt, day("2026-03-01"), day("2026-03-01"), today); }), "");
  EXPECT_EQ(refused([&] { validate_left(std::nullopt, day("2026-03-01"), day("2026-02-28"), today); }), "validation_failed:leftOn");
  EXPECT_EQ(refused([&] { validate_left(std::nullopt, day("2026-03-01"), day("2026-06-02"), today); }), "validation_failed:leftOn");
  EXPECT_EQ(refused([&] { validate_left(day("2026-04-01"), day("2026-03-01"), day("2026-05-01"), today); }), "membership_ended:");
}

TEST(CaseGroups, MemberOn) {
  EXPECT_FALSE(member_on(day("2026-03-01"), std::nullopt, day("2026-02-28")));
  EXPECT_TRUE(member_on(day("2026-03-01"), std::nullopt, day("2026-03-01")));
  EXPECT_TRUE(member_on(day("2026-03-01"), day("2026-04-01"), day("2026-03-31")));
  EXPECT_FALSE(member_on(day("2026-03-01"), day("2026-04-01"), day("2026-04-01")));
}
