// The reporting regime (§5.4) as pure rules: reporting periods and their deadlines, timeliness,
// the report workflow, and the expressions of validation rules.
//
//   ReportSchedule s{.h1_deadline = {5, 31}, .h2_deadline = {11, 30}};        // Ninh Thuận
//   ReportingPeriod p = period_for(PeriodKind::half_year, "2026-H1", s); // 01/01–30/06, due 31/05
//   timeliness(p.deadline, submitted_on, today);                          // on_time | late | …
//   evaluate_rule("female + male = total", values);                      // true / false / nullopt
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/error.hpp"

namespace longghep {

enum class PeriodKind { half_year, year };

struct MonthDay {
  int month = 12, day = 15;
};

// When the periods of a form run and fall due, for the units under one issuing level (data:
// report_schedules). A period's deadline is the first `deadline` day on or after 45 days before
// the period ends — so 31/05 is the deadline of 01/01–30/06, and 15/01 of the year before.
// Its data cut-off (chốt số liệu) is the last `cutoff` day on or before the deadline, within the
// period; without one, the day before the deadline (within the period) — the rule of Decree
// 09/2019/NĐ-CP art. 12 (figures to 14/6 for a report due 15/6).
struct ReportSchedule {
  MonthDay h1_deadline{6, 15}, h2_deadline{12, 15}, year_deadline{12, 15};
  int reminder_days = 7;
  std::optional<MonthDay> h1_cutoff, h2_cutoff, year_cutoff;
};

// A period's span (from–to: what it is named after, e.g. 01/01–30/06) and its data span
// (data_from–cut_off): the activities its computed figures count. The data span runs from the day
// after the previous period's cut-off to this one's, so every activity falls in exactly one
// period of a kind: with Khánh Hòa's cut-offs 15/5 and 15/11, 2026-H1 counts 16/11/2025–15/05/2026.
struct ReportingPeriod {
  std::string code;   // "2026-H1", "2026-H2", "2026"
  std::string label;  // "6 tháng đầu năm 2026"
  std::string label_en;
  Date from = Date::min(), to = Date::min(), deadline = Date::min();
  Date cut_off = Date::min(), data_from = Date::min();
};

// The official name of a period key, in Vietnamese and English — the one place period names are
// made (reports, the pivot's period dimensions, documents):
//   "2021" → "Năm 2021" / "Year 2021"; "2021-H1" → "6 tháng đầu năm 2021" / "First half of 2021";
//   "2021-H2" → "6 tháng cuối năm 2021" / "Second half of 2021"; "2021-Q1" → "Quý I/2021" / "Q1 2021";
//   "2021-03" → "Tháng 3/2021" / "March 2021"; "2021-03-05" → "05/03/2021" (both).
// Any other text is returned as it is (in both languages).
struct PeriodName {
  std::string vi, en;
};
PeriodName period_name(const std::string& key);

// nullopt when `code` is not a period of the kind ("2026-H3", "abc", a year outside 2000–2100).
std::optional<ReportingPeriod> period_for(PeriodKind kind, const std::string& code, const ReportSchedule& s);
// The periods of a kind in a year, in order.
std::vector<ReportingPeriod> periods_of_year(PeriodKind kind, int year, const ReportSchedule& s);
// The period a unit is working on today: the one whose deadline is next (not yet past) among
// those whose span has begun; when every begun period's deadline is past (between a deadline and
// the next period's start), the latest begun — never a period that has not begun.
ReportingPeriod current_period(PeriodKind kind, Date today, const ReportSchedule& s);
Date deadline_for(Date period_end, MonthDay md);
// The data cut-off of a period [from, to] due on `deadline` (see ReportSchedule).
Date cut_off_for(Date from, Date to, Date deadline, std::optional<MonthDay> md);

// The day in Vietnam (UTC+7) of a UTC timestamp "YYYY-MM-DDTHH:MM:SSZ"; nullopt when malformed.
std::optional<Date> vn_day_of(const std::string& utc_timestamp);

enum class Timeliness { not_due, due_soon, on_time, late, missing };
std::string to_string(Timeliness t);
// A report submitted on `submitted` (nullopt: not yet) against its deadline, seen on `today`.
// due_soon: not submitted and the deadline is within reminder_days.
Timeliness timeliness(Date deadline, std::optional<Date> submitted, Date today, int reminder_days = 7);

// ----- ad-hoc requests (báo cáo đột xuất) -----
// A level asks the units below it for a report on a form over [from, to] by a deadline; the
// request's period code is "adhoc-<id>".
std::string adhoc_period_code(long long request_id);
// The request id of an "adhoc-<id>" code (id 1..10^15), else nullopt.
std::optional<long long> adhoc_request_id(const std::string& code);
// The reporting period of a request: its own span and deadline, labelled by its title.
ReportingPeriod adhoc_period(long long request_id, const std::string& title, Date from, Date to, Date deadline);
// The rules for a new request seen on `today` (empty when it may be issued): from <= to, the span
// at most kAdhocMaxSpanDays, the deadline not before today and at most kAdhocMaxLeadDays ahead.
inline constexpr int kAdhocMaxSpanDays = 1096, kAdhocMaxLeadDays = 366;
std::vector<FieldIssue> check_request_dates(Date from, Date to, Date deadline, Date today);

// ----- the report workflow -----
enum class ReportStatus { not_started, draft, submitted, returned, accepted };
enum class ReportAction { save, submit, accept, return_, reopen };
std::string to_string(ReportStatus s);
std::optional<ReportStatus> report_status_from(const std::string& s);
// The status after `a`, or nullopt when illegal. save keeps draft/returned (not_started → draft);
// submit from not_started/draft/returned; accept/return from submitted; reopen from accepted →
// returned (the level above reopens it for correction).
std::optional<ReportStatus> next_status(ReportStatus s, ReportAction a);
// As next_status, but throws 409 illegal_transition naming both.
ReportStatus apply(ReportStatus s, ReportAction a);
// Whether a report in `status` (a ReportStatus name) may still be edited and submitted:
// not_started, draft, returned. Once submitted or accepted its values are frozen.
bool report_editable(const std::string& status);
// The day a report counts as submitted, for its timeliness: the day its paper original was
// submitted ("YYYY-MM-DD") when it was back-filled, else the day in Vietnam of `submitted_at`;
// nullopt while it is not submitted (status neither submitted nor accepted).
std::optional<Date> submitted_day(const std::string& status, const std::string& submitted_at,
                                  const std::string& paper_submitted_on);
// A back-filled report's paper submission day (nullopt: none) and the reason for it: the day may
// not be after `today` nor before the period began (`period_from`), and a reason goes with it,
// never without it. Throws 400 validation_failed naming paperSubmittedOn or reason.
void check_paper_submission(std::optional<Date> day, const std::string& reason, Date period_from, Date today);

// ----- validation expressions -----
// Grammar: expr := sum (('=' | '==' | '!=' | '<' | '<=' | '>' | '>=') sum)?
//          sum := term (('+'|'-') term)* ; term := factor (('*'|'/') factor)* ;
//          factor := number | identifier | '(' sum ')' | '-' factor
// Identifiers are element codes ([a-z0-9_]+). Parse errors throw Error(400, invalid_expression).
class Expression {
 public:
  static Expression parse(const std::string& text);
  // The identifiers used, sorted.
  const std::vector<std::string>& identifiers() const { return ids_; }
  // A comparison's truth, or a sum's value as non-zero; nullopt when an identifier has no value
  // (the rule does not apply yet) or a division by zero.
  std::optional<bool> holds(const std::map<std::string, double>& values) const;
  std::optional<double> value(const std::map<std::string, double>& values) const;

  struct Node;  // the parsed tree (reporting.cpp)

 private:
  std::shared_ptr<const Node> root_;
  std::vector<std::string> ids_;
};

// ----- validation rules of a form (data: report_rules) -----
// A rule holds over a report's numeric values; when it does not, `message_*` names the problem
// on `element`. severity "error" blocks the submission, "warning" only shows.
struct FormRule {
  std::string expression, severity, element, message_vi, message_en;
};
struct RuleIssue {
  FieldIssue issue;      // the rule's element and messages
  std::string severity;  // the rule's: "error" | "warning"
};
// The rules that fail on `numbers` (the report's numeric values by element code), in the form's
// order. A rule over a value not given (nullopt from Expression::holds) does not apply yet.
std::vector<RuleIssue> rule_issues(const std::vector<FormRule>& rules, const std::map<std::string, double>& numbers);
// The issues that block a submission: those of severity "error", in order.
std::vector<FieldIssue> blocking_issues(const std::vector<RuleIssue>& issues);

}  // namespace longghep
