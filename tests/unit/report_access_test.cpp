// Who may do what with a report (domain/reporting_access.hpp) and the compile rules
// (domain/compilation.hpp, domain/reporting.hpp) as a specification, over a hierarchy with a
// reorganisation: own and other units, acting for a ceased unit on behalf, the reviewing level,
// agency reports, ad-hoc requests, the units a level compiles, completeness, missing reports,
// validation rules and their severities, the paper submission day.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "domain/compilation.hpp"
#include "domain/error.hpp"
#include "domain/reporting.hpp"
#include "domain/reporting_access.hpp"
#include "history_fixture.hpp"

using namespace longghep;
using A = Access::Acting;

using namespace longghep::fixture;

namespace {
const Date kToday = d(2026, 12, 3);

ReportFacts report(const Hierarchy& h, long long unit_id, const std::string& period) {
  ReportFacts r;
  r.unit = h.by_id(unit_id);
  r.period = *period_for(period.size() == 4 ? PeriodKind::year : PeriodKind::half_year, period, ReportSchedule{});
  return r;
}

// The error thrown by fn (fails the test when none).
Error thrown(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected an Error";
  return Error(0, "none", "", "");
}

const std::set<std::string> kOfficer = {"reports.read", "reports.submit"};
const std::set<std::string> kLevel = {"reports.read", "reports.submit", "reports.review"};
}  // namespace

// ----- filling: own unit, other units, on behalf of a ceased unit -----

TEST(ReportAccess, AUnitFillsItsOwnReportNotAnotherUnits) {
  auto h = history();
  const Principal xa = at(*h, 50, kOfficer);
  const ReportFacts own = report(*h, 50, "2026-H1");
  EXPECT_TRUE(ReportAccess::can_fill(xa, *h, own, kToday));
  EXPECT_EQ(ReportAccess::fill_acting(xa, *h, own, kToday).how, A::own);
  EXPECT_EQ(ReportAccess::fill_on_behalf(xa, *h, own, kToday), nullptr);
  EXPECT_NO_THROW(ReportAccess::require_fill(xa, *h, own, kToday));
  // the neighbouring commune, the province above, another province
  for (long long other : {51LL, 20LL, 60LL}) {
    const ReportFacts r = report(*h, other, "2026-H1");
    EXPECT_FALSE(ReportAccess::can_fill(xa, *h, r, kToday)) << other;
    const Error e = thrown([&] { ReportAccess::require_fill(xa, *h, r, kToday); });
    EXPECT_EQ(e.status(), 403) << other;
    EXPECT_EQ(e.code(), "forbidden");
    EXPECT_EQ(e.field().value_or(""), "orgUnitCode");
  }
  // the level above does not fill its communes' reports
  const Principal tinh = at(*h, 20, kLevel);
  EXPECT_FALSE(ReportAccess::can_fill(tinh, *h, own, kToday));
  // without reports.submit nobody fills, not even its own
  const Principal viewer = at(*h, 50, {"reports.read"});
  EXPECT_FALSE(ReportAccess::can_fill(viewer, *h, own, kToday));
  EXPECT_FALSE(ReportAccess::fills_unit_reports(viewer));
  EXPECT_EQ(thrown([&] { ReportAccess::require_fill(viewer, *h, own, kToday); }).status(), 403);
}

TEST(ReportAccess, ASuccessorFillsOnBehalfOfTheUnitsMergedIntoIt) {
  auto h = history();
  const Principal xa = at(*h, 50, kOfficer);
  // 21556 and 21583 (old) were merged into the new 21583; 21550 before them (transitively)
  for (auto [id, period] : std::vector<std::pair<long long, std::string>>{{40, "2023-H1"}, {41, "2024-H2"}, {43, "2022-H2"}}) {
    const ReportFacts r = report(*h, id, period);
    EXPECT_TRUE(ReportAccess::can_fill(xa, *h, r, kToday)) << id;
    EXPECT_EQ(ReportAccess::fill_acting(xa, *h, r, kToday).how, A::on_behalf) << id;
    ASSERT_NE(ReportAccess::fill_on_behalf(xa, *h, r, kToday), nullptr);
    EXPECT_EQ(ReportAccess::fill_on_behalf(xa, *h, r, kToday)->id, id);
  }
  // 21600 went into 21601: not this commune's history
  EXPECT_FALSE(ReportAccess::can_fill(xa, *h, report(*h, 42, "2023-H1"), kToday));
  // on the day before the reform the old communes still filled their own
  EXPECT_FALSE(ReportAccess::can_fill(xa, *h, report(*h, 41, "2024-H2"), d(2025, 6, 30)));
}

TEST(ReportAccess, AUnitThatCeasedBeforeThePeriodHasNoReport) {
  auto h = history();
  const Principal xa = at(*h, 50, kOfficer);
  const ReportFacts r = report(*h, 43, "2023-H1");  // 21550 ended on 31/12/2022
  EXPECT_FALSE(ReportAccess::can_fill(xa, *h, r, kToday));
  const Error e = thrown([&] { ReportAccess::require_fill(xa, *h, r, kToday); });
  EXPECT_EQ(e.status(), 409);
  EXPECT_EQ(e.code(), "unit_ceased");
  EXPECT_EQ(e.field().value_or(""), "period");
  EXPECT_NE(e.message_vi().find("01/01/2023"), std::string::npos) << e.message_vi();
  EXPECT_NE(e.message_vi().find(r.period.label), std::string::npos) << e.message_vi();
  EXPECT_NE(e.message_en().find("2022-12-31"), std::string::npos) << e.message_en();
  // without the right to fill at all, the answer is 403 (it says nothing of the unit)
  const Principal viewer = at(*h, 50, {"reports.read"});
  EXPECT_EQ(thrown([&] { ReportAccess::require_fill(viewer, *h, r, kToday); }).code(), "forbidden");
}

// ----- reviewing: the level above, own or on behalf -----

TEST(ReportAccess, TheLevelAboveReviewsNotTheUnitItselfNorAnotherProvince) {
  auto h = history();
  const Principal tinh = at(*h, 20, kLevel);
  const ReportFacts xa = report(*h, 50, "2026-H1");
  Access::Acting how = A::none;
  const OrgUnit* lvl = ReportAccess::review_level(tinh, *h, xa, kToday, &how);
  ASSERT_NE(lvl, nullptr);
  EXPECT_EQ(lvl->id, 20);
  EXPECT_EQ(how, A::own);
  EXPECT_TRUE(ReportAccess::can_review(tinh, *h, xa, kToday));
  EXPECT_NO_THROW(ReportAccess::require_review(tinh, *h, xa, kToday));
  // the commune itself, even with reports.review
  const Principal self = at(*h, 50, kLevel);
  EXPECT_EQ(ReportAccess::review_level(self, *h, xa, kToday), nullptr);
  EXPECT_FALSE(ReportAccess::can_review(self, *h, xa, kToday));
  const Error e = thrown([&] { ReportAccess::require_review(self, *h, xa, kToday); });
  EXPECT_EQ(e.status(), 403);
  EXPECT_NE(e.message_en().find("level above"), std::string::npos);
  // another province does not see it; the province without reports.review does not review
  EXPECT_FALSE(ReportAccess::can_review(at(*h, 60, kLevel), *h, xa, kToday));
  EXPECT_FALSE(ReportAccess::can_review(at(*h, 20, kOfficer), *h, xa, kToday));
  // the ministry reviews the province
  const Principal bo = at(*h, 1, {"reports.read", "reports.review"});
  EXPECT_TRUE(ReportAccess::can_review(bo, *h, report(*h, 20, "2026-H1"), kToday));
  EXPECT_EQ(ReportAccess::review_level(bo, *h, report(*h, 20, "2026-H1"), kToday)->id, 1);
}

TEST(ReportAccess, TheProvinceReviewsForTheCeasedLevelsOnBehalf) {
  auto h = history();
  const Principal tinh = at(*h, 20, kLevel);
  Access::Acting how = A::none;
  // an old commune's 2023 report: the old district (30) reviews it, the province on its behalf
  const OrgUnit* lvl = ReportAccess::review_level(tinh, *h, report(*h, 41, "2023-H1"), kToday, &how);
  ASSERT_NE(lvl, nullptr);
  EXPECT_EQ(lvl->id, 30);
  EXPECT_EQ(how, A::on_behalf);
  EXPECT_TRUE(ReportAccess::can_review(tinh, *h, report(*h, 41, "2023-H1"), kToday));
  // the old province's own report goes to the ministry, not to its successor
  EXPECT_FALSE(ReportAccess::can_review(tinh, *h, report(*h, 10, "2023"), kToday));
}

// ----- agency reports -----

TEST(ReportAccess, AnAgencysReportIsItsFocalPointsAndTheProvincesToReview) {
  auto h = history();
  ReportFacts r = report(*h, 20, "2026-H1");
  r.agency_id = 7;
  Principal focal = at(*h, 20, kOfficer, {"agency_focal_point"});
  focal.agency_id = 7;
  EXPECT_TRUE(ReportAccess::can_fill(focal, *h, r, kToday));
  EXPECT_EQ(ReportAccess::fill_on_behalf(focal, *h, r, kToday), nullptr);
  // the focal point of another agency, and the province's own officer, do not fill it
  Principal other = focal;
  other.agency_id = 8;
  const Error e = thrown([&] { ReportAccess::require_fill(other, *h, r, kToday); });
  EXPECT_EQ(e.status(), 403);
  EXPECT_EQ(e.field().value_or(""), "agencyId");
  const Principal tinh = at(*h, 20, kLevel);
  EXPECT_FALSE(ReportAccess::can_fill(tinh, *h, r, kToday));
  // the province's own officers review it; not from another unit, not the focal point
  EXPECT_TRUE(ReportAccess::can_review(tinh, *h, r, kToday));
  EXPECT_EQ(ReportAccess::review_level(tinh, *h, r, kToday), nullptr);  // no level above: the province itself
  EXPECT_FALSE(ReportAccess::can_review(at(*h, 1, kLevel), *h, r, kToday));
  Principal focal_reviewer = focal;
  focal_reviewer.permissions.insert("reports.review");
  EXPECT_FALSE(ReportAccess::can_review(focal_reviewer, *h, r, kToday));
  const Error er = thrown([&] { ReportAccess::require_review(at(*h, 1, kLevel), *h, r, kToday); });
  EXPECT_NE(er.message_en().find("agency"), std::string::npos);
  // a focal point fills no unit's report, not even its home unit's
  EXPECT_FALSE(ReportAccess::fills_unit_reports(focal));
  EXPECT_FALSE(ReportAccess::can_fill(focal, *h, report(*h, 20, "2026-H1"), kToday));
}

// ----- ad-hoc requests -----

TEST(ReportAccess, AnAdhocReportIsFilledByTheAskedUnitWhileTheRequestIsOpen) {
  auto h = history();
  ReportFacts r = report(*h, 50, "2026-H1");
  r.request = AdhocRequestFacts{20, {50}, true};
  const Principal xa = at(*h, 50, kOfficer);
  EXPECT_TRUE(r.asked());
  EXPECT_TRUE(ReportAccess::can_fill(xa, *h, r, kToday));
  EXPECT_EQ(ReportAccess::fill_on_behalf(xa, *h, r, kToday), nullptr);
  // a unit not asked
  ReportFacts not_asked = report(*h, 51, "2026-H1");
  not_asked.request = r.request;
  EXPECT_FALSE(ReportAccess::can_fill(at(*h, 51, kOfficer), *h, not_asked, kToday));
  // closed: 409 for everyone
  r.request->open = false;
  EXPECT_FALSE(ReportAccess::can_fill(xa, *h, r, kToday));
  const Error e = thrown([&] { ReportAccess::require_fill(xa, *h, r, kToday); });
  EXPECT_EQ(e.status(), 409);
  EXPECT_EQ(e.code(), "request_closed");
  // the issuer reviews an asked unit's report; the unit does not review its own
  r.request->open = true;
  EXPECT_TRUE(ReportAccess::can_review(at(*h, 20, kLevel), *h, r, kToday));
  EXPECT_EQ(ReportAccess::review_level(at(*h, 20, kLevel), *h, r, kToday), nullptr);
  EXPECT_FALSE(ReportAccess::can_review(at(*h, 50, kLevel), *h, r, kToday));
  EXPECT_FALSE(ReportAccess::can_review(at(*h, 60, kLevel), *h, r, kToday));  // out of scope
}

// ----- what the report page offers, status by status -----

TEST(ReportAccess, WhatMayBeDoneFollowsTheStatus) {
  auto h = history();
  const ReportFacts r = report(*h, 50, "2026-H1");
  const Principal xa = at(*h, 50, kOfficer), tinh = at(*h, 20, kLevel);
  struct Row {
    const char* status;
    bool fill, accept, reopen;
  };
  for (const Row& row : {Row{"not_started", true, false, false}, Row{"draft", true, false, false},
                         Row{"returned", true, false, false}, Row{"submitted", false, true, false},
                         Row{"accepted", false, false, true}}) {
    SCOPED_TRACE(row.status);
    const auto own = ReportAccess::allowed(xa, *h, r, row.status, kToday);
    EXPECT_EQ(own.edit, row.fill);
    EXPECT_EQ(own.submit, row.fill);
    EXPECT_FALSE(own.accept || own.return_ || own.reopen);
    const auto above = ReportAccess::allowed(tinh, *h, r, row.status, kToday);
    EXPECT_FALSE(above.edit || above.submit);
    EXPECT_EQ(above.accept, row.accept);
    EXPECT_EQ(above.return_, row.accept);
    EXPECT_EQ(above.reopen, row.reopen);
    EXPECT_EQ(report_editable(row.status), row.fill);
  }
}

// ----- which units a level compiles -----

TEST(CompileRules, TheUnitsBelowALevelOverTime) {
  auto h = history();
  auto ids = [](const std::vector<const OrgUnit*>& v) {
    std::vector<long long> out;
    for (const OrgUnit* u : v) out.push_back(u->id);
    std::sort(out.begin(), out.end());
    return out;
  };
  // today's Gia Lai compiles its communes; in 2024 (before it existed) the provinces merged into it
  EXPECT_EQ(ids(units_below(*h, *h->by_id(20), d(2026, 6, 30))), (std::vector<long long>{50, 51}));
  EXPECT_EQ(ids(units_below(*h, *h->by_id(20), d(2024, 12, 31))), (std::vector<long long>{10, 11}));
  // the old district in 2023: its communes of that day (21550 had ended, 21556 had begun)
  EXPECT_EQ(ids(units_below(*h, *h->by_id(30), d(2023, 6, 30))), (std::vector<long long>{40, 41, 42}));
  EXPECT_EQ(ids(units_below(*h, *h->by_id(30), d(2022, 6, 30))), (std::vector<long long>{41, 42, 43}));
  EXPECT_TRUE(units_below(*h, *h->by_id(50), d(2026, 6, 30)).empty());  // a commune compiles nothing
  // a periodic report's level: units_below on the period's end
  EXPECT_EQ(ids(reporting_units(*h, report(*h, 20, "2024"))), (std::vector<long long>{10, 11}));
  // an ad-hoc request: its issuer compiles the units it asks, an asked unit nothing
  ReportFacts issuer = report(*h, 20, "2026-H1");
  issuer.request = AdhocRequestFacts{20, {51, 999}, true};  // an unknown id is skipped
  EXPECT_EQ(ids(reporting_units(*h, issuer)), (std::vector<long long>{51}));
  ReportFacts asked = report(*h, 51, "2026-H1");
  asked.request = issuer.request;
  EXPECT_TRUE(reporting_units(*h, asked).empty());
}

TEST(CompileRules, CompletenessCountsEveryUnitOnceByStatusAndTimeliness) {
  Completeness c;
  c.add("accepted", Timeliness::on_time);
  c.add("submitted", Timeliness::late);
  c.add("draft", Timeliness::missing);
  c.add("not_started", Timeliness::due_soon);
  c.add("returned", Timeliness::not_due);
  EXPECT_EQ(c.expected, 5);
  EXPECT_EQ(c.submitted, 2);  // submitted and accepted
  EXPECT_EQ(c.accepted, 1);
  EXPECT_EQ(c.on_time, 1);
  EXPECT_EQ(c.late, 1);
  EXPECT_EQ(c.missing, 1);
}

TEST(CompileRules, MissingReportsAreSubmittedOnlyWhenConfirmed) {
  EXPECT_NO_THROW(require_missing_confirmed({}, false));
  std::vector<BelowReport> missing = {{"1", "Xã A", "not_started", {}, {}, false}, {"2", "Xã B", "submitted", {}, {}, false}};
  EXPECT_NO_THROW(require_missing_confirmed(missing, true));
  Error e = thrown([&] { require_missing_confirmed(missing, false); });
  EXPECT_EQ(e.status(), 409);
  EXPECT_EQ(e.code(), "missing_reports");
  EXPECT_EQ(e.field().value_or(""), "confirmMissing");
  EXPECT_NE(e.message_vi().find("Xã A (chưa lập); Xã B (đã gửi, chưa tiếp nhận)"), std::string::npos) << e.message_vi();
  EXPECT_NE(e.message_en().find("2 units below"), std::string::npos) << e.message_en();
  // at most 30 named, and how many in all
  missing.clear();
  for (int i = 1; i <= 31; ++i) missing.push_back({std::to_string(i), "Xã " + std::to_string(i), "draft", {}, {}, false});
  e = thrown([&] { require_missing_confirmed(missing, false); });
  EXPECT_NE(e.message_vi().find("Xã 30 (đang lập)"), std::string::npos);
  EXPECT_EQ(e.message_vi().find("Xã 31 "), std::string::npos);
  EXPECT_NE(e.message_vi().find("(31 đơn vị)"), std::string::npos) << e.message_vi();
}

// ----- validation rules and their severities -----

TEST(ValidationRules, ErrorsBlockWarningsShowRulesWithoutValuesWait) {
  const std::vector<FormRule> rules = {
      {"reached_female + reached_male <= reached_total", "error", "reached_female", "Nữ + nam vượt tổng", "Women + men exceed"},
      {"cost_total <= budget_allocated", "warning", "budget_allocated", "Vượt kinh phí", "Over budget"},
      {"cost_parts <= cost_total", "error", "cost_total", "Thành phần vượt tổng", "Parts exceed"},
  };
  // everything holds
  std::map<std::string, double> v = {{"reached_female", 3}, {"reached_male", 2}, {"reached_total", 5},
                                     {"cost_total", 10}, {"budget_allocated", 20}, {"cost_parts", 10}};
  EXPECT_TRUE(rule_issues(rules, v).empty());
  // a warning shows, and blocks nothing
  v["budget_allocated"] = 5;
  auto issues = rule_issues(rules, v);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].severity, "warning");
  EXPECT_EQ(issues[0].issue.field, "budget_allocated");
  EXPECT_TRUE(blocking_issues(issues).empty());
  // two errors block, in the form's order, with their messages
  v["reached_male"] = 4;
  v["cost_parts"] = 11;
  issues = rule_issues(rules, v);
  ASSERT_EQ(issues.size(), 3u);
  const auto errors = blocking_issues(issues);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "reached_female");
  EXPECT_EQ(errors[0].message_vi, "Nữ + nam vượt tổng");
  EXPECT_EQ(errors[1].field, "cost_total");
  EXPECT_EQ(errors[1].message_en, "Parts exceed");
  // a rule over a value not given (a hand-entered element left empty) does not apply yet
  v.erase("budget_allocated");
  issues = rule_issues(rules, v);
  EXPECT_EQ(issues.size(), 2u);
  for (const auto& i : issues) EXPECT_EQ(i.severity, "error");
  // a broken rule in the data is an error, not a silent pass
  EXPECT_EQ(thrown([&] { rule_issues({{"a <=", "error", "a", "", ""}}, v); }).code(), "invalid_expression");
}

// ----- timeliness and the paper submission day -----

TEST(ReportTimeliness, TheSubmittedDayIsThePaperDayWhenBackFilled) {
  EXPECT_FALSE(submitted_day("draft", "2026-06-10T03:00:00Z", "").has_value());
  EXPECT_FALSE(submitted_day("returned", "2026-06-10T03:00:00Z", "2026-06-01").has_value());
  EXPECT_EQ(submitted_day("submitted", "2026-06-10T03:00:00Z", ""), d(2026, 6, 10));
  EXPECT_EQ(submitted_day("accepted", "2026-06-10T18:00:00Z", ""), d(2026, 6, 11));  // 01:00 in Vietnam
  EXPECT_EQ(submitted_day("accepted", "2026-06-10T03:00:00Z", "2026-05-30"), d(2026, 5, 30));
}

TEST(ReportTimeliness, APaperDayIsNeitherFutureNorBeforeThePeriodAndHasAReason) {
  const Date from = d(2023, 1, 1), today = kToday;
  EXPECT_NO_THROW(check_paper_submission(std::nullopt, "", from, today));
  EXPECT_NO_THROW(check_paper_submission(d(2023, 7, 10), "Nhập lại từ bản giấy", from, today));
  EXPECT_NO_THROW(check_paper_submission(today, "Hôm nay", from, today));
  EXPECT_NO_THROW(check_paper_submission(from, "Ngày đầu kỳ", from, today));
  auto field = [&](std::optional<Date> day, const std::string& reason) {
    return thrown([&] { check_paper_submission(day, reason, from, today); }).field().value_or("");
  };
  EXPECT_EQ(field(std::nullopt, "lý do không kèm ngày"), "paperSubmittedOn");
  EXPECT_EQ(field(today.add_days(1), "ngày mai"), "paperSubmittedOn");
  EXPECT_EQ(field(from.add_days(-1), "trước kỳ"), "paperSubmittedOn");
  EXPECT_EQ(field(d(2023, 7, 10), ""), "reason");
  EXPECT_EQ(field(d(2023, 7, 10), " \t\n"), "reason");
}
