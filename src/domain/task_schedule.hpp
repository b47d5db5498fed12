// Deadlines of tasks assigned by directives, as pure logic: a one-off due date, or a recurrence
// (report every month / quarter / six months / year by given days), and what they mean on a day.
// `overdue` is always derived here from the stored schedule, status and progress-update dates;
// it is never stored.
//
// Rules (docs/api-directives.md, "Deadlines"):
//  - A task that is done is never overdue. A task without a deadline is never overdue.
//  - One-off: overdue when today is after the due date (due today is not overdue).
//  - Recurring: the due days fall on [startsOn, endsOn]. Every due day needs its own progress
//    update, recorded after the previous due day (or on/after startsOn for the first); a late
//    update counts for the earliest due day still without one. The task is overdue when the most
//    recent due day before today has none; its current due date is then that day, otherwise the
//    next due day on or after today (none once the recurrence has ended).
//  - A due day that does not exist in a month (02-29 in a common year, 31 in a 30-day month)
//    falls on the last day of that month.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"

namespace longghep {

enum class TaskStatus { not_started, in_progress, done };
std::optional<TaskStatus> parse_task_status(std::string_view s);
const char* to_string(TaskStatus s);

enum class Recurrence { none, monthly, quarterly, semiannual, annual };
std::optional<Recurrence> parse_recurrence(std::string_view s);
const char* to_string(Recurrence r);
// How many due days a recurrence takes: monthly 1 ("DD"), quarterly 4, semiannual 2, annual 1 ("MM-DD").
size_t due_day_count(Recurrence r);

struct DueDay {
  int month = 0;  // 1–12; 0 = every month (monthly)
  int day = 0;    // 1–31, clamped to the month's length
};

struct Schedule {
  std::optional<Date> due_date;  // one-off deadline (recurrence none); nullopt = no deadline
  Recurrence recurrence = Recurrence::none;
  std::vector<DueDay> due_days;  // recurring: in calendar order
  Date starts_on = Date::min();  // recurring: the first period begins
  Date ends_on = Date::max();    // recurring: no due day after this

  bool recurring() const { return recurrence != Recurrence::none; }
};

// Builds and validates a schedule; throws Error::Validation naming the field at fault
// (dueDate, recurrence, dueDays, startsOn, endsOn). A recurring schedule needs starts_on; a
// one-off one takes no due days. `due_days` are "MM-DD" (monthly: "DD").
Schedule make_schedule(std::optional<Date> due_date, std::string_view recurrence,
                       const std::vector<std::string>& due_days, std::optional<Date> starts_on,
                       std::optional<Date> ends_on);
// The due days back in their wire form ("05-31", monthly "25").
std::vector<std::string> due_day_strings(const Schedule& s);

// Recurring schedules: the latest due day strictly before `day`, and the first on or after it.
std::optional<Date> last_due_before(const Schedule& s, Date day);
std::optional<Date> next_due_on_or_after(const Schedule& s, Date day);

struct TaskState {
  std::optional<Date> current_due;  // the due date that matters today (see the rules above)
  bool overdue = false;
  int days_overdue = 0;  // today - current_due when overdue, else 0
};

// A deadline extension (POST /api/tasks/{id}/extensions): only a one-off due date can be extended,
// the new date must be after the current one, the reason has 1..1000 characters (code points) of
// clean UTF-8 once trimmed. Throws Error::Validation naming newDueDate or reason.
void validate_extension(const Schedule& current, Date new_due, std::string_view reason);

// `update_dates`: the dates of the task's progress updates, in any order.
TaskState evaluate_task(const Schedule& s, TaskStatus status, std::vector<Date> update_dates, Date today);

}  // namespace longghep
