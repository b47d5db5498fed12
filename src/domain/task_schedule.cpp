#include "domain/task_schedule.hpp"

#include <algorithm>

#include "domain/error.hpp"
#include "domain/text.hpp"

namespace longghep {

namespace {
bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int month_days(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}
Date on(int y, int m, int d) { return Date::from_ymd(y, m, std::min(d, month_days(y, m))); }

// The due days of year y within [starts_on, ends_on], ascending.
std::vector<Date> occurrences_in(const Schedule& s, int y) {
  std::vector<Date> out;
  if (y < 1 || y > 9999) return out;
  for (const auto& dd : s.due_days) {
    if (dd.month == 0)
      for (int m = 1; m <= 12; ++m) out.push_back(on(y, m, dd.day));
    else
      out.push_back(on(y, dd.month, dd.day));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  std::erase_if(out, [&](Date d) { return d < s.starts_on || d > s.ends_on; });
  return out;
}

bool parse_2digits(std::string_view t, int& out) {
  if (t.size() != 2 || t[0] < '0' || t[0] > '9' || t[1] < '0' || t[1] > '9') return false;
  out = (t[0] - '0') * 10 + (t[1] - '0');
  return true;
}

char* two(char* p, int v) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
  return p + 2;
}
}  // namespace

std::optional<TaskStatus> parse_task_status(std::string_view s) {
  if (s == "not_started") return TaskStatus::not_started;
  if (s == "in_progress") return TaskStatus::in_progress;
  if (s == "done") return TaskStatus::done;
  return std::nullopt;
}

const char* to_string(TaskStatus s) {
  switch (s) {
    case TaskStatus::not_started: return "not_started";
    case TaskStatus::in_progress: return "in_progress";
    case TaskStatus::done: return "done";
  }
  return "not_started";
}

std::optional<Recurrence> parse_recurrence(std::string_view s) {
  if (s == "none" || s.empty()) return Recurrence::none;
  if (s == "monthly") return Recurrence::monthly;
  if (s == "quarterly") return Recurrence::quarterly;
  if (s == "semiannual") return Recurrence::semiannual;
  if (s == "annual") return Recurrence::annual;
  return std::nullopt;
}

const char* to_string(Recurrence r) {
  switch (r) {
    case Recurrence::none: return "none";
    case Recurrence::monthly: return "monthly";
    case Recurrence::quarterly: return "quarterly";
    case Recurrence::semiannual: return "semiannual";
    case Recurrence::annual: return "annual";
  }
  return "none";
}

size_t due_day_count(Recurrence r) {
  switch (r) {
    case Recurrence::none: return 0;
    case Recurrence::monthly: return 1;
    case Recurrence::quarterly: return 4;
    case Recurrence::semiannual: return 2;
    case Recurrence::annual: return 1;
  }
  return 0;
}

Schedule make_schedule(std::optional<Date> due_date, std::string_view recurrence,
                       const std::vector<std::string>& due_days, std::optional<Date> starts_on,
                       std::optional<Date> ends_on) {
  auto rec = parse_recurrence(recurrence);
  if (!rec)
    throw Error::Validation("recurrence", "Chu kỳ không hợp lệ (none, monthly, quarterly, semiannual, annual)",
                            "Invalid recurrence (none, monthly, quarterly, semiannual, annual)");
  Schedule s;
  s.recurrence = *rec;
  if (*rec == Recurrence::none) {
    if (!due_days.empty())
      throw Error::Validation("dueDays", "Chỉ nhiệm vụ định kỳ mới có ngày đến hạn trong năm",
                              "Only a recurring task has due days");
    s.due_date = due_date;
    return s;
  }
  if (due_date)
    throw Error::Validation("dueDate", "Nhiệm vụ định kỳ không có hạn một lần (dueDate)",
                            "A recurring task has no one-off due date");
  const size_t want = due_day_count(*rec);
  if (due_days.size() != want)
    throw Error::Validation("dueDays", "Chu kỳ " + std::string(to_string(*rec)) + " cần " + std::to_string(want) + " ngày đến hạn",
                            "Recurrence " + std::string(to_string(*rec)) + " needs " + std::to_string(want) + " due day(s)");
  for (const auto& t : due_days) {
    DueDay dd;
    bool ok;
    if (*rec == Recurrence::monthly) {
      ok = parse_2digits(t, dd.day) && dd.day >= 1 && dd.day <= 31;
    } else {
      ok = t.size() == 5 && t[2] == '-' && parse_2digits(std::string_view(t).substr(0, 2), dd.month) &&
           parse_2digits(std::string_view(t).substr(3, 2), dd.day) && dd.month >= 1 && dd.month <= 12 &&
           dd.day >= 1 && dd.day <= month_days(2000, dd.month);  // 2000 is leap: 02-29 allowed
    }
    if (!ok)
      throw Error::Validation("dueDays",
                              *rec == Recurrence::monthly ? "Ngày đến hạn hằng tháng phải là DD (01–31): " + t
                                                          : "Ngày đến hạn phải là MM-DD có thật: " + t,
                              *rec == Recurrence::monthly ? "A monthly due day is DD (01–31): " + t
                                                          : "A due day is a real MM-DD: " + t);
    s.due_days.push_back(dd);
  }
  std::sort(s.due_days.begin(), s.due_days.end(),
            [](const DueDay& a, const DueDay& b) { return a.month != b.month ? a.month < b.month : a.day < b.day; });
  for (size_t i = 1; i < s.due_days.size(); ++i)
    if (s.due_days[i].month == s.due_days[i - 1].month && s.due_days[i].day == s.due_days[i - 1].day)
      throw Error::Validation("dueDays", "Ngày đến hạn bị trùng", "Due days repeat");
  if (!starts_on)
    throw Error::Validation("startsOn", "Nhiệm vụ định kỳ cần ngày bắt đầu", "A recurring task needs a start date");
  s.starts_on = *starts_on;
  s.ends_on = ends_on.value_or(Date::max());
  if (s.ends_on < s.starts_on)
    throw Error::Validation("endsOn", "Ngày kết thúc trước ngày bắt đầu", "endsOn is before startsOn");
  return s;
}

std::vector<std::string> due_day_strings(const Schedule& s) {
  std::vector<std::string> out;
  for (const auto& dd : s.due_days) {
    char buf[8] = {};
    char* p = buf;
    if (dd.month) {
      p = two(p, dd.month);
      *p++ = '-';
    }
    two(p, dd.day);
    out.emplace_back(buf);
  }
  return out;
}

std::optional<Date> last_due_before(const Schedule& s, Date day) {
  if (!s.recurring() || s.due_days.empty()) return std::nullopt;
  // Every year holds a due day, so the latest one before `day` is in the last year that may hold
  // one, or the year before.
  int y = std::min(day.year(), s.ends_on.year());
  for (int yy = y; yy >= y - 1; --yy) {
    auto occ = occurrences_in(s, yy);
    for (auto it = occ.rbegin(); it != occ.rend(); ++it)
      if (*it < day) return *it;
  }
  return std::nullopt;
}

std::optional<Date> next_due_on_or_after(const Schedule& s, Date day) {
  if (!s.recurring() || s.due_days.empty()) return std::nullopt;
  int y = std::max(day.year(), s.starts_on.year());
  for (int yy = y; yy <= y + 1; ++yy)
    for (Date d : occurrences_in(s, yy))
      if (d >= day) return d;
  return std::nullopt;
}

TaskState evaluate_task(const Schedule& s, TaskStatus status, std::vector<Date> update_dates, Date today) {
  TaskState st;
  if (!s.recurring()) {
    st.current_due = s.due_date;
    if (status != TaskStatus::done && s.due_date && today > *s.due_date) {
      st.overdue = true;
      st.days_overdue = today.days_since_epoch() - s.due_date->days_since_epoch();
    }
    return st;
  }
  if (status == TaskStatus::done) return st;  // finished: no due date matters any more
  std::sort(update_dates.begin(), update_dates.end());
  // Walk the due days before today in order; each takes the first unused update recorded after
  // the previous due day (a late one counts for the earliest due day still without one).
  size_t j = 0;
  std::optional<Date> prev, last_missed;
  bool last_met = true;
  for (auto o = next_due_on_or_after(s, s.starts_on); o && *o < today; o = next_due_on_or_after(s, o->add_days(1))) {
    while (j < update_dates.size() && prev && update_dates[j] <= *prev) ++j;  // earlier periods' extras
    if (j < update_dates.size()) {
      ++j;
      last_met = true;
    } else {
      last_met = false;
      last_missed = *o;
    }
    prev = *o;
  }
  if (prev && !last_met) {
    st.current_due = last_missed;
    st.overdue = true;
    st.days_overdue = today.days_since_epoch() - last_missed->days_since_epoch();
    return st;
  }
  st.current_due = next_due_on_or_after(s, today);
  return st;
}

void validate_extension(const Schedule& current, Date new_due, std::string_view reason) {
  if (current.recurring() || !current.due_date)
    throw Error::Validation("newDueDate", "Chỉ gia hạn được nhiệm vụ có một hạn hoàn thành (không định kỳ)",
                            "Only a task with a one-off due date can be extended (not a recurring one)");
  if (!(new_due > *current.due_date))
    throw Error::Validation("newDueDate", "Hạn mới phải sau hạn hiện tại (" + current.due_date->iso() + ")",
                            "The new due date must be after the current one (" + current.due_date->iso() + ")");
  size_t b = reason.find_first_not_of(" \t\r\n"), e = reason.find_last_not_of(" \t\r\n");
  std::string_view trimmed = b == std::string_view::npos ? std::string_view() : reason.substr(b, e - b + 1);
  size_t chars = 0;
  bool clean = is_clean_utf8(reason);
  if (clean)
    for (size_t i = 0; i < trimmed.size(); ++chars) utf8_next(trimmed, i);
  if (!clean || chars == 0 || chars > 1000)
    throw Error::Validation("reason", "Lý do gia hạn là bắt buộc (tối đa 1000 ký tự)", "The reason is required (at most 1000 characters)");
}

}  // namespace longghep
