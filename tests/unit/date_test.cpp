#include "domain/date.hpp"

#include <gtest/gtest.h>

#include "domain/error.hpp"

using longghep::Date;
using longghep::Validity;

TEST(Date, ParsesOnlyRealCalendarDays) {
  EXPECT_EQ(Date::parse("2025-07-01")->iso(), "2025-07-01");
  EXPECT_EQ(Date::parse("2024-02-29")->vn(), "29/02/2024");
  EXPECT_FALSE(Date::parse("2025-02-29"));
  EXPECT_FALSE(Date::parse("2025-02-30"));
  EXPECT_FALSE(Date::parse("2025-13-01"));
  EXPECT_FALSE(Date::parse("2025-7-1"));
  EXPECT_FALSE(Date::parse("01/07/2025"));
  EXPECT_FALSE(Date::parse(""));
  EXPECT_FALSE(Date::parse("abcd-ef-gh"));
}

TEST(Date, ArithmeticCrossesMonthsYearsAndLeapDays) {
  EXPECT_EQ(Date::parse("2025-07-01")->add_days(-1).iso(), "2025-06-30");
  EXPECT_EQ(Date::parse("2024-12-31")->add_days(1).iso(), "2025-01-01");
  EXPECT_EQ(Date::parse("2024-02-28")->add_days(1).iso(), "2024-02-29");
  EXPECT_EQ(Date::min().iso(), "0001-01-01");
  EXPECT_EQ(Date::max().iso(), "9999-12-31");
  EXPECT_LT(*Date::parse("2025-06-30"), *Date::parse("2025-07-01"));
}

TEST(Date, ParseOrThrowNamesTheField) {
  try {
    Date::parse_or_throw("2025-02-30", "asOf");
    FAIL();
  } catch (const longghep::Error& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.field().value_or(""), "asOf");
  }
}

TEST(Validity, ClosedIntervalsWithOpenEnds) {
  Validity old_unit{Date::min(), *Date::parse("2025-06-30")};
  Validity new_unit{*Date::parse("2025-07-01"), Date::max()};
  EXPECT_TRUE(old_unit.contains(*Date::parse("2025-06-30")));
  EXPECT_FALSE(old_unit.contains(*Date::parse("2025-07-01")));
  EXPECT_FALSE(old_unit.overlaps(new_unit));
  EXPECT_TRUE(Validity{}.covers(old_unit));
  EXPECT_EQ(longghep::bound_to_wire(Date::max()), std::nullopt);
}
