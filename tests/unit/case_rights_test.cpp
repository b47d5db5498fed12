// The person's rights (issue 16 §6): the pure rules of domain/case_rights.hpp.
#include <gtest/gtest.h>

#include "domain/case_rights.hpp"
#include "domain/error.hpp"

using namespace longghep;

TEST(CaseRights, AnIdentifierIsNineDigitsInARunSeparatorsAllowed) {
  for (const char* t : {"052190123456", "CCCD 052 190 123 456", "gọi 0905.123.456", "+84 905-123-456", "cmnd 123456789"})
    EXPECT_TRUE(cases::looks_like_identifier(t)) << t;
  for (const char* t : {"", "Cần liên hệ để hẹn tư vấn", "hẹn ngày 12/03/2026 lúc 9:30", "12345678", "phòng 12, tầng 3 - 4567",
                        "năm 2026 lần 2 ngày 15"})
    EXPECT_FALSE(cases::looks_like_identifier(t)) << t;
}

TEST(CaseRights, TextWithAnIdentifierIsRefusedNamingTheFieldNotTheValue) {
  try {
    cases::require_no_identifier("số 0912345678", "note");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.field().value_or(""), "note");
    EXPECT_EQ(e.message_en().find("0912345678"), std::string::npos);
  }
  EXPECT_NO_THROW(cases::require_no_identifier("đồng ý qua điện thoại", "note"));
}

TEST(CaseRights, RightsReasonIsTrimmedAndBounded) {
  EXPECT_EQ(cases::validate_rights_reason("  Yêu cầu số YC-12/2026  ", "correctionRequest"), "Yêu cầu số YC-12/2026");
  EXPECT_THROW(cases::validate_rights_reason("ngắn", "reason"), Error);
  EXPECT_THROW(cases::validate_rights_reason(std::string(501, 'a'), "reason"), Error);
  EXPECT_THROW(cases::validate_rights_reason("người có CCCD 052190123456 yêu cầu", "reason"), Error);
}

TEST(CaseRights, AnAnonymisedRecordRefusesWithBothLanguages) {
  EXPECT_NO_THROW(cases::require_not_anonymised("open"));
  EXPECT_NO_THROW(cases::require_not_anonymised("closed"));
  try {
    cases::require_not_anonymised("anonymised");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 409);
    EXPECT_EQ(e.code(), "case_anonymised");
    EXPECT_FALSE(e.message_vi().empty());
    EXPECT_FALSE(e.message_en().empty());
  }
}

TEST(CaseRights, RetentionCutoffIsCalendarYearsBack) {
  EXPECT_EQ(cases::retention_cutoff(Date::from_ymd(2031, 3, 15), 5).iso(), "2026-03-15");
  // 29 February of a leap year, counted back to a common year: 28 February
  EXPECT_EQ(cases::retention_cutoff(Date::from_ymd(2032, 2, 29), 5).iso(), "2027-02-28");
  EXPECT_EQ(cases::retention_cutoff(Date::from_ymd(2032, 2, 29), 4).iso(), "2028-02-29");
  EXPECT_EQ(cases::retention_cutoff(Date::from_ymd(2030, 1, 1), 0).iso(), "2029-01-01") << "at least one year";
}

TEST(CaseRights, DuplicateSearchesAreLimitedPerHour) {
  EXPECT_NO_THROW(cases::require_search_allowed(cases::kSearchesPerHour - 1));
  try {
    cases::require_search_allowed(cases::kSearchesPerHour);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 429);
    EXPECT_EQ(e.code(), "too_many_searches");
  }
}
