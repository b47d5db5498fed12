#include "domain/task_schedule.hpp"

#include <gtest/gtest.h>

#include "domain/error.hpp"

using namespace longghep;

namespace {
Date D(const char* s) { return *Date::parse(s); }
Schedule once(const char* due) { return make_schedule(D(due), "none", {}, std::nullopt, std::nullopt); }
Schedule every(const char* rec, std::vector<std::string> days, const char* from, const char* to = nullptr) {
  return make_schedule(std::nullopt, rec, days, D(from), to ? std::optional<Date>(D(to)) : std::nullopt);
}
std::string iso(const std::optional<Date>& d) { return d ? d->iso() : "none"; }
std::string field_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.code(), "validation_failed");
    return e.field().value_or("");
  }
  return "no error";
}
}  // namespace

TEST(TaskSchedule, StatusAndRecurrenceNames) {
  for (auto s : {TaskStatus::not_started, TaskStatus::in_progress, TaskStatus::done})
    EXPECT_EQ(parse_task_status(to_string(s)), s);
  EXPECT_FALSE(parse_task_status("overdue"));  // derived, never a stored status
  EXPECT_FALSE(parse_task_status(""));
  for (auto r : {Recurrence::none, Recurrence::monthly, Recurrence::quarterly, Recurrence::semiannual, Recurrence::annual})
    EXPECT_EQ(parse_recurrence(to_string(r)), r);
  EXPECT_EQ(parse_recurrence(""), Recurrence::none);
  EXPECT_FALSE(parse_recurrence("weekly"));
}

TEST(TaskSchedule, OneOffDueTodayIsNotOverdueTomorrowIs) {
  Schedule s = once("2026-09-30");
  auto today = evaluate_task(s, TaskStatus::in_progress, {}, D("2026-09-30"));
  EXPECT_FALSE(today.overdue);
  EXPECT_EQ(iso(today.current_due), "2026-09-30");
  auto before = evaluate_task(s, TaskStatus::not_started, {}, D("2026-09-29"));
  EXPECT_FALSE(before.overdue);
  auto after = evaluate_task(s, TaskStatus::not_started, {}, D("2026-10-01"));
  EXPECT_TRUE(after.overdue);
  EXPECT_EQ(after.days_overdue, 1);
  auto later = evaluate_task(s, TaskStatus::in_progress, {D("2026-09-01")}, D("2026-11-23"));
  EXPECT_TRUE(later.overdue) << "a progress update does not move a one-off deadline";
  EXPECT_EQ(later.days_overdue, 54);
}

TEST(TaskSchedule, DoneIsNeverOverdue) {
  EXPECT_FALSE(evaluate_task(once("2020-01-01"), TaskStatus::done, {}, D("2026-11-23")).overdue);
  Schedule s = every("semiannual", {"05-31", "11-30"}, "2023-02-20");
  auto st = evaluate_task(s, TaskStatus::done, {}, D("2026-11-23"));
  EXPECT_FALSE(st.overdue);
  EXPECT_FALSE(st.current_due);
  EXPECT_EQ(st.days_overdue, 0);
}

TEST(TaskSchedule, NoDeadlineIsNeverOverdue) {
  Schedule s = make_schedule(std::nullopt, "none", {}, std::nullopt, std::nullopt);
  auto st = evaluate_task(s, TaskStatus::not_started, {}, D("2026-11-23"));
  EXPECT_FALSE(st.overdue);
  EXPECT_FALSE(st.current_due);
}

TEST(TaskSchedule, SemiannualOccurrencesAcrossTheYearEnd) {
  Schedule s = every("semiannual", {"11-30", "05-31"}, "2023-02-20");  // any order in, sorted
  EXPECT_EQ(due_day_strings(s), (std::vector<std::string>{"05-31", "11-30"}));
  EXPECT_EQ(iso(last_due_before(s, D("2024-01-10"))), "2023-11-30");
  EXPECT_EQ(iso(next_due_on_or_after(s, D("2024-01-10"))), "2024-05-31");
  EXPECT_EQ(iso(next_due_on_or_after(s, D("2023-12-01"))), "2024-05-31");
  EXPECT_EQ(iso(next_due_on_or_after(s, D("2023-11-30"))), "2023-11-30");
  EXPECT_EQ(iso(last_due_before(s, D("2023-11-30"))), "2023-05-31");
  EXPECT_EQ(iso(last_due_before(s, D("2023-05-31"))), "none") << "nothing due before the start";
  EXPECT_EQ(iso(next_due_on_or_after(s, D("2000-01-01"))), "2023-05-31");
  Schedule dn = every("semiannual", {"06-15", "12-15"}, "2023-03-15");
  EXPECT_EQ(iso(last_due_before(dn, D("2024-01-02"))), "2023-12-15");
  EXPECT_EQ(iso(next_due_on_or_after(dn, D("2023-12-16"))), "2024-06-15");
}

TEST(TaskSchedule, RecurringNeedsAnUpdatePerDueDay) {
  Schedule s = every("semiannual", {"05-31", "11-30"}, "2026-01-20");
  // before the first due day: not overdue, the first one is current
  auto a = evaluate_task(s, TaskStatus::not_started, {}, D("2026-05-31"));
  EXPECT_FALSE(a.overdue);
  EXPECT_EQ(iso(a.current_due), "2026-05-31");
  // the day after, without an update: overdue since 31/5
  auto b = evaluate_task(s, TaskStatus::in_progress, {}, D("2026-06-01"));
  EXPECT_TRUE(b.overdue);
  EXPECT_EQ(iso(b.current_due), "2026-05-31");
  EXPECT_EQ(b.days_overdue, 1);
  // an update in the period: fine, the next due day is current
  auto c = evaluate_task(s, TaskStatus::in_progress, {D("2026-05-20")}, D("2026-06-01"));
  EXPECT_FALSE(c.overdue);
  EXPECT_EQ(iso(c.current_due), "2026-11-30");
  // a late update counts for the missed due day, not for the next one too
  auto d = evaluate_task(s, TaskStatus::in_progress, {D("2026-06-05")}, D("2026-11-30"));
  EXPECT_FALSE(d.overdue);
  auto e = evaluate_task(s, TaskStatus::in_progress, {D("2026-06-05")}, D("2026-12-01"));
  EXPECT_TRUE(e.overdue);
  EXPECT_EQ(iso(e.current_due), "2026-11-30");
  // several updates in one period count once
  auto f = evaluate_task(s, TaskStatus::in_progress, {D("2026-03-01"), D("2026-04-01"), D("2026-05-01")}, D("2026-12-01"));
  EXPECT_TRUE(f.overdue);
  // one in each period: not overdue, in any input order
  auto g = evaluate_task(s, TaskStatus::in_progress, {D("2026-11-10"), D("2026-05-10")}, D("2026-12-01"));
  EXPECT_FALSE(g.overdue);
  EXPECT_EQ(iso(g.current_due), "2027-05-31");
}

TEST(TaskSchedule, RecurrenceEndsOn) {
  Schedule s = every("annual", {"11-30"}, "2023-03-28", "2025-06-30");
  // 2023-11-30 and 2024-11-30 are the only due days
  EXPECT_EQ(iso(next_due_on_or_after(s, D("2024-12-01"))), "none");
  EXPECT_EQ(iso(last_due_before(s, D("2030-01-01"))), "2024-11-30");
  auto met = evaluate_task(s, TaskStatus::in_progress, {D("2023-11-20"), D("2024-11-25")}, D("2026-11-23"));
  EXPECT_FALSE(met.overdue);
  EXPECT_FALSE(met.current_due) << "recurrence over";
  auto missed = evaluate_task(s, TaskStatus::in_progress, {D("2023-11-20")}, D("2026-11-23"));
  EXPECT_TRUE(missed.overdue);
  EXPECT_EQ(iso(missed.current_due), "2024-11-30");
}

TEST(TaskSchedule, LeapDaysAndShortMonthsClamp) {
  Schedule s = every("annual", {"02-29"}, "2023-01-01");
  EXPECT_EQ(iso(next_due_on_or_after(s, D("2023-01-01"))), "2023-02-28");
  EXPECT_EQ(iso(next_due_on_or_after(s, D("2023-03-01"))), "2024-02-29");
  EXPECT_EQ(iso(next_due_on_or_after(s, D("2100-01-01"))), "2100-02-28") << "2100 is not a leap year";
  EXPECT_EQ(iso(next_due_on_or_after(s, D("2400-01-01"))), "2400-02-29");
  EXPECT_FALSE(evaluate_task(s, TaskStatus::in_progress, {D("2024-02-01")}, D("2024-02-29")).overdue);
  EXPECT_TRUE(evaluate_task(s, TaskStatus::in_progress, {}, D("2024-03-01")).overdue);
  Schedule m = every("monthly", {"31"}, "2026-01-01");
  EXPECT_EQ(iso(next_due_on_or_after(m, D("2026-02-01"))), "2026-02-28");
  EXPECT_EQ(iso(next_due_on_or_after(m, D("2028-02-01"))), "2028-02-29");
  EXPECT_EQ(iso(next_due_on_or_after(m, D("2026-04-01"))), "2026-04-30");
  EXPECT_EQ(iso(last_due_before(m, D("2026-03-01"))), "2026-02-28");
  EXPECT_EQ(iso(last_due_before(m, D("2027-01-01"))), "2026-12-31");
}

TEST(TaskSchedule, MonthlyAndQuarterly) {
  Schedule m = every("monthly", {"25"}, "2026-01-20");
  EXPECT_EQ(due_day_strings(m), (std::vector<std::string>{"25"}));
  // updates every month until September: October's is missed
  std::vector<Date> ups;
  for (int mo = 1; mo <= 9; ++mo) ups.push_back(Date::from_ymd(2026, mo, 20));
  auto st = evaluate_task(m, TaskStatus::in_progress, ups, D("2026-11-23"));
  EXPECT_TRUE(st.overdue);
  EXPECT_EQ(iso(st.current_due), "2026-10-25");
  EXPECT_EQ(st.days_overdue, 29);
  ups.push_back(D("2026-10-20"));
  auto ok = evaluate_task(m, TaskStatus::in_progress, ups, D("2026-11-23"));
  EXPECT_FALSE(ok.overdue);
  EXPECT_EQ(iso(ok.current_due), "2026-11-25");
  Schedule q = every("quarterly", {"03-31", "06-30", "09-30", "12-31"}, "2026-01-01");
  EXPECT_EQ(iso(last_due_before(q, D("2027-01-01"))), "2026-12-31");
  EXPECT_EQ(iso(next_due_on_or_after(q, D("2026-07-01"))), "2026-09-30");
}

TEST(TaskSchedule, ValidationNamesTheField) {
  EXPECT_EQ(field_of([] { make_schedule(std::nullopt, "weekly", {}, D("2026-01-01"), std::nullopt); }), "recurrence");
  EXPECT_EQ(field_of([] { make_schedule(std::nullopt, "semiannual", {"05-31"}, D("2026-01-01"), std::nullopt); }), "dueDays");
  EXPECT_EQ(field_of([] { make_schedule(std::nullopt, "annual", {"02-30"}, D("2026-01-01"), std::nullopt); }), "dueDays");
  EXPECT_EQ(field_of([] { make_schedule(std::nullopt, "annual", {"13-01"}, D("2026-01-01"), std::nullopt); }), "dueDays");
  EXPECT_EQ(field_of([] { make_schedule(std::nullopt, "annual", {"5-31"}, D("2026-01-01"), std::nullopt); }), "dueDays");
  EXPECT_EQ(field_of([] { make_schedule(std::nullopt, "monthly", {"32"}, D("2026-01-01"), std::nullopt); }), "dueDays");
  EXPECT_EQ(field_of([] { make_schedule(std::nullopt, "monthly", {"05-31"}, D("2026-01-01"), std::nullopt); }), "dueDays");
  EXPECT_EQ(field_of([] { make_schedule(std::nullopt, "semiannual", {"05-31", "05-31"}, D("2026-01-01"), std::nullopt); }), "dueDays");
  EXPECT_EQ(field_of([] { make_schedule(std::nullopt, "annual", {"11-30"}, std::nullopt, std::nullopt); }), "startsOn");
  EXPECT_EQ(field_of([] { make_schedule(std::nullopt, "annual", {"11-30"}, D("2026-01-01"), D("2025-12-31")); }), "endsOn");
  EXPECT_EQ(field_of([] { make_schedule(D("2026-01-01"), "annual", {"11-30"}, D("2026-01-01"), std::nullopt); }), "dueDate");
  EXPECT_EQ(field_of([] { make_schedule(D("2026-01-01"), "none", {"11-30"}, std::nullopt, std::nullopt); }), "dueDays");
  EXPECT_EQ(make_schedule(std::nullopt, "annual", {"02-29"}, D("2026-01-01"), std::nullopt).due_days.size(), 1u);
}

// Deadline extensions (POST /api/tasks/{id}/extensions): one-off deadlines only, later than the
// current one, a reason of 1..1000 characters (counted in characters, not bytes).
TEST(TaskSchedule, ExtensionNeedsALaterDateAndAReason) {
  const Schedule one = make_schedule(D("2026-05-31"), "", {}, std::nullopt, std::nullopt);
  EXPECT_NO_THROW(validate_extension(one, D("2026-06-01"), "Chờ kinh phí bổ sung"));
  EXPECT_EQ(field_of([&] { validate_extension(one, D("2026-05-31"), "lý do"); }), "newDueDate");
  EXPECT_EQ(field_of([&] { validate_extension(one, D("2026-05-01"), "lý do"); }), "newDueDate");
  EXPECT_EQ(field_of([&] { validate_extension(one, D("2026-06-30"), ""); }), "reason");
  EXPECT_EQ(field_of([&] { validate_extension(one, D("2026-06-30"), "  \n "); }), "reason");
  EXPECT_EQ(field_of([&] { validate_extension(one, D("2026-06-30"), std::string(1001, 'a')); }), "reason");
  EXPECT_NO_THROW(validate_extension(one, D("2026-06-30"), std::string(1000, 'a')));
  std::string vi;  // 1000 Vietnamese letters are 2000 bytes: still within the limit
  for (int i = 0; i < 1000; ++i) vi += "ệ";
  EXPECT_NO_THROW(validate_extension(one, D("2026-06-30"), vi));
  EXPECT_EQ(field_of([&] { validate_extension(one, D("2026-06-30"), vi + "ệ"); }), "reason");
  EXPECT_EQ(field_of([&] { validate_extension(one, D("2026-06-30"), std::string("bad\x01", 4)); }), "reason");
}

TEST(TaskSchedule, ExtensionRefusesRecurringOrNoDeadline) {
  const Schedule rec = make_schedule(std::nullopt, "monthly", {"25"}, D("2026-01-01"), std::nullopt);
  EXPECT_EQ(field_of([&] { validate_extension(rec, D("2027-01-01"), "lý do"); }), "newDueDate");
  const Schedule none = make_schedule(std::nullopt, "", {}, std::nullopt, std::nullopt);
  EXPECT_EQ(field_of([&] { validate_extension(none, D("2027-01-01"), "lý do"); }), "newDueDate");
}
