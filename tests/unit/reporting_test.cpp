// The reporting regime as a specification: periods, deadlines per province, timeliness, the
// report workflow (every status × action) and validation expressions.
#include <gtest/gtest.h>

#include "domain/reporting.hpp"

using namespace longghep;

namespace {
Date D(const char* s) { return *Date::parse(s); }
const ReportSchedule kNinhThuan{{5, 31}, {11, 30}, {11, 30}, 7};
const ReportSchedule kDongNai{{6, 15}, {12, 15}, {12, 15}, 7};
}  // namespace

TEST(ReportingPeriods, HalvesAndYearsWithTheirDeadlines) {
  auto h1 = period_for(PeriodKind::half_year, "2026-H1", kNinhThuan);
  ASSERT_TRUE(h1);
  EXPECT_EQ(h1->from, D("2026-01-01"));
  EXPECT_EQ(h1->to, D("2026-06-30"));
  EXPECT_EQ(h1->deadline, D("2026-05-31"));  // Ninh Thuận: 31/5, before the half ends
  EXPECT_EQ(h1->label, "6 tháng đầu năm 2026");
  EXPECT_EQ(period_for(PeriodKind::half_year, "2026-H2", kNinhThuan)->deadline, D("2026-11-30"));
  EXPECT_EQ(period_for(PeriodKind::half_year, "2026-H1", kDongNai)->deadline, D("2026-06-15"));
  EXPECT_EQ(period_for(PeriodKind::half_year, "2026-H2", kDongNai)->deadline, D("2026-12-15"));
  EXPECT_EQ(period_for(PeriodKind::year, "2026", kDongNai)->deadline, D("2026-12-15"));
  ReportSchedule january{{7, 10}, {1, 15}, {1, 15}, 7};  // deadlines after the period: the next year
  EXPECT_EQ(period_for(PeriodKind::half_year, "2026-H2", january)->deadline, D("2027-01-15"));
  EXPECT_EQ(period_for(PeriodKind::half_year, "2026-H1", january)->deadline, D("2026-07-10"));
}

TEST(ReportingPeriods, BadCodesAreRefused) {
  for (const char* c : {"2026-H3", "2026", "26-H1", "abcd-H1", "1999-H1", "2026-h1", ""})
    EXPECT_FALSE(period_for(PeriodKind::half_year, c, kDongNai)) << c;
  EXPECT_FALSE(period_for(PeriodKind::year, "2026-H1", kDongNai));
  EXPECT_EQ(periods_of_year(PeriodKind::half_year, 2025, kDongNai).size(), 2u);
}

TEST(ReportingPeriods, TheCurrentPeriodIsTheOneStillDue) {
  EXPECT_EQ(current_period(PeriodKind::half_year, D("2026-12-01"), kDongNai).code, "2026-H2");
  EXPECT_EQ(current_period(PeriodKind::half_year, D("2026-03-01"), kDongNai).code, "2026-H1");
  EXPECT_EQ(current_period(PeriodKind::half_year, D("2026-06-20"), kDongNai).code, "2026-H2");  // H1 closed 15/6
  EXPECT_EQ(current_period(PeriodKind::half_year, D("2026-12-20"), kDongNai).code, "2027-H1");
  EXPECT_EQ(current_period(PeriodKind::year, D("2026-12-01"), kNinhThuan).code, "2027");  // 2026 was due 30/11
}

TEST(Timeliness, OnTimeLateMissingDueSoon) {
  const Date dl = D("2026-06-15");
  EXPECT_EQ(timeliness(dl, D("2026-06-15"), D("2026-07-01")), Timeliness::on_time);
  EXPECT_EQ(timeliness(dl, D("2026-06-16"), D("2026-07-01")), Timeliness::late);
  EXPECT_EQ(timeliness(dl, std::nullopt, D("2026-06-16")), Timeliness::missing);
  EXPECT_EQ(timeliness(dl, std::nullopt, D("2026-06-08")), Timeliness::due_soon);
  EXPECT_EQ(timeliness(dl, std::nullopt, D("2026-06-07")), Timeliness::not_due);
}

TEST(ReportWorkflow, EveryStatusTimesEveryAction) {
  using S = ReportStatus;
  using A = ReportAction;
  const std::map<std::pair<S, A>, S> legal = {
      {{S::not_started, A::save}, S::draft},      {{S::draft, A::save}, S::draft},
      {{S::returned, A::save}, S::returned},      {{S::not_started, A::submit}, S::submitted},
      {{S::draft, A::submit}, S::submitted},      {{S::returned, A::submit}, S::submitted},
      {{S::submitted, A::accept}, S::accepted},   {{S::submitted, A::return_}, S::returned},
      {{S::accepted, A::reopen}, S::returned}};
  int n = 0;
  for (S s : {S::not_started, S::draft, S::submitted, S::returned, S::accepted})
    for (A a : {A::save, A::submit, A::accept, A::return_, A::reopen}) {
      auto it = legal.find({s, a});
      if (it != legal.end()) {
        EXPECT_EQ(apply(s, a), it->second);
      } else {
        EXPECT_FALSE(next_status(s, a));
        try {
          apply(s, a);
          ADD_FAILURE() << "illegal transition accepted";
        } catch (const Error& e) {
          EXPECT_EQ(e.status(), 409);
          EXPECT_EQ(e.code(), "illegal_transition");
        }
      }
      ++n;
    }
  EXPECT_EQ(n, 25);
}

TEST(Expressions, RulesOverElements) {
  auto e = Expression::parse("reached_female + reached_male = reached_total");
  EXPECT_EQ(e.identifiers(), (std::vector<std::string>{"reached_female", "reached_male", "reached_total"}));
  EXPECT_EQ(e.holds({{"reached_female", 3}, {"reached_male", 4}, {"reached_total", 7}}), true);
  EXPECT_EQ(e.holds({{"reached_female", 3}, {"reached_male", 4}, {"reached_total", 8}}), false);
  EXPECT_EQ(e.holds({{"reached_female", 3}}), std::nullopt);  // not applicable yet
  auto spent = Expression::parse("spent <= budget * 1.1");
  EXPECT_EQ(spent.holds({{"spent", 110}, {"budget", 100}}), true);
  EXPECT_EQ(spent.holds({{"spent", 111}, {"budget", 100}}), false);
  EXPECT_EQ(Expression::parse("(a - b) / c").value({{"a", 10}, {"b", 4}, {"c", 3}}), 2.0);
  EXPECT_EQ(Expression::parse("a / c").value({{"a", 1}, {"c", 0}}), std::nullopt);
  EXPECT_EQ(Expression::parse("-a + 2 > 0").holds({{"a", 1}}), true);
  for (const char* bad : {"a +", "a = = b", "(a", "a $ b", "A + b", "a b"}) {
    try {
      Expression::parse(bad);
      ADD_FAILURE() << bad;
    } catch (const Error& x) {
      EXPECT_EQ(x.code(), "invalid_expression") << bad;
    }
  }
}
