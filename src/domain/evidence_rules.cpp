#include "domain/evidence_rules.hpp"

#include <cmath>

#include "domain/reporting.hpp"

namespace longghep::evidence {

bool operating_in_year(const std::vector<StatusChange>& history, int year) {
  const Date lo = Date::from_ymd(year, 1, 1), hi = Date::from_ymd(year, 12, 31);
  std::string status;  // as of the day being walked; '' = not yet registered
  bool closed_in_year = false;
  for (const auto& c : history) {
    if (c.on > hi) break;
    if (c.on >= lo && c.status == "closed" && status == "operating") closed_in_year = true;
    status = c.status;
  }
  return status == "operating" || (status == "closed" && closed_in_year);
}

bool report_due(Date deadline, std::optional<Date> submitted, Date today) {
  return submitted.has_value() || deadline < today;
}

bool report_on_time(Date deadline, std::optional<Date> submitted) {
  return timeliness(deadline, submitted, deadline) == Timeliness::on_time;
}

std::optional<double> on_time_pct(long long on_time, long long due) {
  if (due <= 0) return std::nullopt;
  return std::round(1000.0 * static_cast<double>(on_time) / static_cast<double>(due)) / 10.0;
}

}  // namespace longghep::evidence
