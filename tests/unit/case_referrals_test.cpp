// Referrals of people supported (issue 16 item 5): the pure state machine, shareable fields and
// the derived overdue flag (domain/cases.hpp).
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "domain/cases.hpp"
#include "domain/error.hpp"

using namespace longghep;
using namespace longghep::cases;

namespace {
Date day(const char* s) { return *Date::parse(s); }
}  // namespace

TEST(CaseReferrals, EveryTransitionAllowedOrRefused) {
  // status × action → the new status, or "" when refused (409)
  const std::map<std::pair<std::string, std::string>, std::string> expected = {
      {{"sent", "accept"}, "accepted"},   {{"sent", "reject"}, "rejected"},   {{"sent", "done"}, ""},
      {{"sent", "revoke"}, "revoked"},    {{"accepted", "accept"}, ""},       {{"accepted", "reject"}, ""},
      {{"accepted", "done"}, "done"},     {{"accepted", "revoke"}, "revoked"}, {{"rejected", "accept"}, ""},
      {{"rejected", "reject"}, ""},       {{"rejected", "done"}, ""},         {{"rejected", "revoke"}, ""},
      {{"done", "accept"}, ""},           {{"done", "reject"}, ""},           {{"done", "done"}, ""},
      {{"done", "revoke"}, ""},           {{"revoked", "accept"}, ""},        {{"revoked", "reject"}, ""},
      {{"revoked", "done"}, ""},          {{"revoked", "revoke"}, ""}};
  int checked = 0;
  for (const char* st : kReferralStatuses)
    for (const char* an : {"accept", "reject", "done", "revoke"}) {
      const auto a = referral_action(an);
      ASSERT_TRUE(a.has_value()) << an;
      const std::string want = expected.at({st, an});
      EXPECT_EQ(referral_allowed(st, *a), !want.empty()) << st << " " << an;
      if (want.empty()) {
        try {
          referral_next(st, *a);
          ADD_FAILURE() << st << " " << an << " should be refused";
        } catch (const Error& e) {
          EXPECT_EQ(e.status(), 409);
          EXPECT_EQ(e.code(), "referral_transition_refused");
          EXPECT_FALSE(e.message_vi().empty());
          EXPECT_FALSE(e.message_en().empty());
        }
      } else {
        EXPECT_EQ(referral_next(st, *a), want) << st << " " << an;
      }
      ++checked;
    }
  EXPECT_EQ(checked, 20);
  EXPECT_FALSE(referral_action("close").has_value());
  EXPECT_FALSE(referral_action("").has_value());
}

TEST(CaseReferrals, OverdueIsDerivedFromSentAndDue) {
  const Date due = day("2026-12-10");
  EXPECT_FALSE(referral_overdue("sent", due, day("2026-12-10")));  // due today: not yet overdue
  EXPECT_TRUE(referral_overdue("sent", due, day("2026-12-11")));
  for (const char* st : {"accepted", "rejected", "done", "revoked"}) EXPECT_FALSE(referral_overdue(st, due, day("2027-01-01"))) << st;
}

TEST(CaseReferrals, OnlyNonIdentityFieldsAreShareable) {
  for (const char* f : kShareableFields) EXPECT_TRUE(is_shareable_field(f)) << f;
  for (const auto& f : kSealedFields) EXPECT_FALSE(is_shareable_field(f.name)) << f.name;
  EXPECT_FALSE(is_shareable_field("code"));
  EXPECT_TRUE(is_referral_status("sent"));
  EXPECT_FALSE(is_referral_status("overdue"));  // never stored
}
