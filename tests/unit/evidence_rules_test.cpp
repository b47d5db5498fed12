// The pure rules of the classification evidence (domain/evidence_rules.hpp).
#include "domain/evidence_rules.hpp"

#include <gtest/gtest.h>

namespace longghep::evidence {
namespace {

Date d(const char* s) { return *Date::parse(s); }

TEST(EvidenceRules, OperatingOn31DecemberOrClosedDuringTheYear) {
  EXPECT_TRUE(operating_in_year({{"operating", d("2024-05-01")}}, 2025));
  EXPECT_TRUE(operating_in_year({{"operating", d("2025-12-31")}}, 2025));
  EXPECT_FALSE(operating_in_year({{"operating", d("2026-01-01")}}, 2025)) << "registered after the year";
  EXPECT_FALSE(operating_in_year({}, 2025));
  // closed during the year after operating in it: counted; closed before the year: not
  EXPECT_TRUE(operating_in_year({{"operating", d("2025-03-10")}, {"closed", d("2025-11-02")}}, 2025));
  EXPECT_FALSE(operating_in_year({{"operating", d("2023-03-10")}, {"closed", d("2024-11-02")}}, 2025));
  // a later change does not reach back: closed in 2026 is operating in 2025
  EXPECT_TRUE(operating_in_year({{"operating", d("2025-08-20")}, {"closed", d("2026-06-30")}}, 2025));
  // suspended on 31/12: not operating; suspended then reopened: operating
  EXPECT_FALSE(operating_in_year({{"operating", d("2025-01-20")}, {"suspended", d("2025-09-15")}}, 2025));
  EXPECT_TRUE(operating_in_year({{"operating", d("2025-01-20")}, {"suspended", d("2025-09-15")}, {"operating", d("2025-12-15")}}, 2025));
  // suspended, then closed in the year: it did not operate when it closed
  EXPECT_FALSE(operating_in_year({{"operating", d("2024-01-20")}, {"suspended", d("2024-09-15")}, {"closed", d("2025-02-01")}}, 2025));
}

TEST(EvidenceRules, ReportsDueAndOnTime) {
  const Date deadline = d("2025-06-15");
  EXPECT_FALSE(report_due(deadline, std::nullopt, d("2025-06-15"))) << "the deadline day is not past";
  EXPECT_TRUE(report_due(deadline, std::nullopt, d("2025-06-16")));
  EXPECT_TRUE(report_due(deadline, d("2025-06-01"), d("2025-06-02"))) << "submitted early: due and on time";
  EXPECT_TRUE(report_on_time(deadline, d("2025-06-15")));
  EXPECT_FALSE(report_on_time(deadline, d("2025-06-16")));
  EXPECT_FALSE(report_on_time(deadline, std::nullopt));
  EXPECT_EQ(on_time_pct(0, 0), std::nullopt);
  EXPECT_EQ(on_time_pct(0, 3), 0.0);
  EXPECT_EQ(on_time_pct(2, 3), 66.7);
  EXPECT_EQ(on_time_pct(1, 2), 50.0);
}

}  // namespace
}  // namespace longghep::evidence
