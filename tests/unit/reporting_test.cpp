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
  // H1 was due 15/6 and H2 begins 1/7: until then the current half is still 2026-H1 (now late)
  EXPECT_EQ(current_period(PeriodKind::half_year, D("2026-06-20"), kDongNai).code, "2026-H1");
  EXPECT_EQ(current_period(PeriodKind::half_year, D("2026-07-01"), kDongNai).code, "2026-H2");
  // between the H2 deadline and 1/1 nothing later has begun: still 2026-H2, never 2027-H1
  EXPECT_EQ(current_period(PeriodKind::half_year, D("2026-12-20"), kDongNai).code, "2026-H2");
  EXPECT_EQ(current_period(PeriodKind::half_year, D("2027-01-01"), kDongNai).code, "2027-H1");
  EXPECT_EQ(current_period(PeriodKind::year, D("2026-12-01"), kNinhThuan).code, "2026");  // due 30/11; 2027 not begun
  EXPECT_EQ(current_period(PeriodKind::year, D("2026-11-30"), kNinhThuan).code, "2026");
}

namespace {
// The regimes of the seeds: Ninh Thuận / Khánh Hòa due 31/5 and 30/11 with figures to the 15th;
// Đồng Nai due 15/6 and 15/12 with the default cut-off (the day before: Decree 09/2019).
const ReportSchedule kKhanhHoa{{5, 31}, {11, 30}, {11, 30}, 7, MonthDay{5, 15}, MonthDay{11, 15}, MonthDay{11, 15}};
}  // namespace

TEST(ReportingPeriods, OnThirdDecember2026TheCurrentHalfHasBegun) {
  // issue 12: on 03/12/2026 the current six-monthly period is 2026-H2 in both regimes
  EXPECT_EQ(current_period(PeriodKind::half_year, D("2026-12-03"), kDongNai).code, "2026-H2");   // due 15/12, next
  EXPECT_EQ(current_period(PeriodKind::half_year, D("2026-12-03"), kKhanhHoa).code, "2026-H2");  // due 30/11: late, not 2027-H1
  EXPECT_EQ(current_period(PeriodKind::half_year, D("2026-05-31"), kKhanhHoa).code, "2026-H1");
  EXPECT_EQ(current_period(PeriodKind::half_year, D("2026-06-01"), kKhanhHoa).code, "2026-H1");  // H2 has not begun
  EXPECT_EQ(current_period(PeriodKind::half_year, D("2026-07-01"), kKhanhHoa).code, "2026-H2");
  for (int d = 0; d < 3 * 365; ++d) {  // never a period that has not begun, and the next deadline when one is open
    const Date today = D("2025-01-01").add_days(d);
    for (const auto* s : {&kKhanhHoa, &kDongNai}) {
      const ReportingPeriod p = current_period(PeriodKind::half_year, today, *s);
      EXPECT_LE(p.from, today) << today.iso();
      if (p.deadline < today) {  // only when no begun period is still due
        auto next = period_for(PeriodKind::half_year, p.code.substr(5) == "H1" ? p.code.substr(0, 4) + "-H2"
                                                                              : std::to_string(p.from.year() + 1) + "-H1", *s);
        EXPECT_GT(next->from, today) << today.iso();
      }
    }
  }
}

TEST(ReportingPeriods, DataCutOffPerRegime) {
  auto kh1 = *period_for(PeriodKind::half_year, "2026-H1", kKhanhHoa);
  EXPECT_EQ(kh1.deadline, D("2026-05-31"));
  EXPECT_EQ(kh1.cut_off, D("2026-05-15"));     // figures to 15/5 for a report due 31/5
  EXPECT_EQ(kh1.data_from, D("2025-11-16"));   // from the day after the previous half's cut-off
  auto kh2 = *period_for(PeriodKind::half_year, "2026-H2", kKhanhHoa);
  EXPECT_EQ(kh2.cut_off, D("2026-11-15"));
  EXPECT_EQ(kh2.data_from, D("2026-05-16"));
  auto khy = *period_for(PeriodKind::year, "2026", kKhanhHoa);
  EXPECT_EQ(khy.cut_off, D("2026-11-15"));
  EXPECT_EQ(khy.data_from, D("2025-11-16"));
  auto dn1 = *period_for(PeriodKind::half_year, "2026-H1", kDongNai);
  EXPECT_EQ(dn1.cut_off, D("2026-06-14"));     // default: the day before the deadline
  EXPECT_EQ(dn1.data_from, D("2025-12-15"));
  auto dn2 = *period_for(PeriodKind::half_year, "2026-H2", kDongNai);
  EXPECT_EQ(dn2.cut_off, D("2026-12-14"));
  EXPECT_EQ(dn2.data_from, D("2026-06-15"));
  // a deadline after the period: the cut-off is the period's last day at the latest
  ReportSchedule january{{7, 10}, {1, 15}, {1, 15}, 7};
  EXPECT_EQ(period_for(PeriodKind::half_year, "2026-H2", january)->cut_off, D("2026-12-31"));
  EXPECT_EQ(period_for(PeriodKind::half_year, "2026-H2", january)->data_from, D("2026-07-01"));
  // an ad-hoc request counts its own span
  auto a = adhoc_period(3, "x", D("2026-02-01"), D("2026-03-31"), D("2026-04-10"));
  EXPECT_EQ(a.data_from, D("2026-02-01"));
  EXPECT_EQ(a.cut_off, D("2026-03-31"));
}

TEST(ReportingPeriods, DataSpansTileTheYearsWithoutGapOrOverlap) {
  const ReportSchedule january{{7, 10}, {1, 15}, {1, 15}, 7};
  for (const auto* s : {&kKhanhHoa, &kDongNai, &kNinhThuan, &january}) {
    for (PeriodKind kind : {PeriodKind::half_year, PeriodKind::year}) {
      std::optional<ReportingPeriod> prev;
      for (int y = 2021; y <= 2030; ++y)
        for (const auto& p : periods_of_year(kind, y, *s)) {
          EXPECT_LE(p.cut_off, p.deadline) << p.code;
          EXPECT_GE(p.cut_off, p.from) << p.code;
          EXPECT_LE(p.cut_off, p.to) << p.code;
          EXPECT_LE(p.data_from, p.cut_off) << p.code;
          if (prev) EXPECT_EQ(p.data_from, prev->cut_off.add_days(1)) << p.code;
          prev = p;
        }
    }
  }
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

// ----- ad-hoc requests -----

TEST(AdhocRequests, PeriodCodeRoundTrips) {
  EXPECT_EQ(adhoc_period_code(42), "adhoc-42");
  EXPECT_EQ(adhoc_request_id("adhoc-42"), 42);
  EXPECT_EQ(adhoc_request_id("adhoc-1"), 1);
  for (const char* bad : {"adhoc-", "adhoc-0", "adhoc-012", "adhoc-4x", "adhoc--1", "2026-H1", "adhoc-1234567890123456", "ADHOC-1", ""})
    EXPECT_EQ(adhoc_request_id(bad), std::nullopt) << bad;
}

TEST(AdhocRequests, ThePeriodIsTheRequestsSpanAndDeadline) {
  const Date from = D("2026-01-01"), to = D("2026-09-30"), due = D("2026-10-10");
  ReportingPeriod p = adhoc_period(7, "Mại dâm tại cơ sở lưu trú", from, to, due);
  EXPECT_EQ(p.code, "adhoc-7");
  EXPECT_EQ(p.from, from);
  EXPECT_EQ(p.to, to);
  EXPECT_EQ(p.deadline, due);
  EXPECT_EQ(p.label, "Báo cáo đột xuất: Mại dâm tại cơ sở lưu trú");
  // timeliness against the request's own deadline
  EXPECT_EQ(timeliness(p.deadline, D("2026-10-10"), D("2026-10-20")), Timeliness::on_time);
  EXPECT_EQ(timeliness(p.deadline, D("2026-10-11"), D("2026-10-20")), Timeliness::late);
  EXPECT_EQ(timeliness(p.deadline, std::nullopt, D("2026-10-11")), Timeliness::missing);
  EXPECT_EQ(timeliness(p.deadline, std::nullopt, D("2026-10-10")), Timeliness::due_soon);
  EXPECT_EQ(timeliness(p.deadline, std::nullopt, D("2026-09-01")), Timeliness::not_due);
}

TEST(AdhocRequests, DatesOfANewRequest) {
  const Date today = D("2026-06-01");
  EXPECT_TRUE(check_request_dates(D("2026-01-01"), D("2026-05-31"), today, today).empty()) << "due today is allowed";
  EXPECT_TRUE(check_request_dates(D("2026-05-31"), D("2026-05-31"), D("2027-06-02"), today).empty()) << "366 days ahead";
  auto fields = [](const std::vector<FieldIssue>& v) {
    std::vector<std::string> out;
    for (const auto& i : v) out.push_back(i.field);
    return out;
  };
  EXPECT_EQ(fields(check_request_dates(D("2026-05-31"), D("2026-01-01"), today, today)), std::vector<std::string>{"to"});
  EXPECT_EQ(fields(check_request_dates(D("2022-01-01"), D("2026-01-01"), today, today)), std::vector<std::string>{"to"});
  EXPECT_EQ(fields(check_request_dates(D("2026-01-01"), D("2026-05-31"), D("2026-05-31"), today)),
            std::vector<std::string>{"deadline"});
  EXPECT_EQ(fields(check_request_dates(D("2026-01-01"), D("2026-05-31"), D("2027-06-03"), today)),
            std::vector<std::string>{"deadline"});
  EXPECT_EQ(fields(check_request_dates(D("1999-12-01"), D("2000-01-31"), today, today)), std::vector<std::string>{"from"});
}

TEST(Timeliness, TheDayInVietnamOfASubmission) {
  EXPECT_EQ(vn_day_of("2026-06-15T16:59:59Z"), D("2026-06-15"));
  EXPECT_EQ(vn_day_of("2026-06-15T17:00:00Z"), D("2026-06-16")) << "midnight in Hà Nội";
  EXPECT_EQ(vn_day_of("2026-06-15"), std::nullopt);
  EXPECT_EQ(vn_day_of("2026-13-01T01:00:00Z"), std::nullopt);
}

// Period names in the official style, in both languages, made in one place (issue 15).
TEST(ReportingPeriods, OfficialPeriodNamesInBothLanguages) {
  auto vi = [](const char* k) { return period_name(k).vi; };
  auto en = [](const char* k) { return period_name(k).en; };
  EXPECT_EQ(vi("2021-Q1"), "Quý I/2021");
  EXPECT_EQ(vi("2021-Q4"), "Quý IV/2021");
  EXPECT_EQ(en("2021-Q1"), "Q1 2021");
  EXPECT_EQ(vi("2021-H1"), "6 tháng đầu năm 2021");
  EXPECT_EQ(vi("2021-H2"), "6 tháng cuối năm 2021");
  EXPECT_EQ(en("2021-H1"), "First half of 2021");
  EXPECT_EQ(vi("2021"), "Năm 2021");
  EXPECT_EQ(en("2021"), "Year 2021");
  EXPECT_EQ(vi("2021-03"), "Tháng 3/2021");
  EXPECT_EQ(en("2021-12"), "December 2021");
  EXPECT_EQ(vi("2021-03-05"), "05/03/2021");
  EXPECT_EQ(vi("2021-Q5"), "2021-Q5");  // not a period: as it is
  EXPECT_EQ(vi("2021-13"), "2021-13");
  EXPECT_EQ(en("abc"), "abc");
  // The reporting periods carry the same names.
  const auto p = period_for(PeriodKind::half_year, "2026-H2", {});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->label, "6 tháng cuối năm 2026");
  EXPECT_EQ(p->label_en, "Second half of 2026");
  EXPECT_EQ(period_for(PeriodKind::year, "2026", {})->label, "Năm 2026");
}
