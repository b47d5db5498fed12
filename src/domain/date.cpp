#include "domain/date.hpp"

#include <chrono>
#include <cstdio>

#include "domain/error.hpp"

namespace longghep {
namespace {
// Howard Hinnant's days_from_civil / civil_from_days.
int days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}
void civil_from_days(int z, int& y, int& m, int& d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y += m <= 2;
}
bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int month_days(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}
}  // namespace

std::optional<Date> Date::parse(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto num = [&](size_t pos, size_t len, int& out) {
    out = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      out = out * 10 + (t[i] - '0');
    }
    return true;
  };
  int y, m, d;
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return std::nullopt;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > month_days(y, m)) return std::nullopt;
  return from_ymd(y, m, d);
}

Date Date::parse_or_throw(std::string_view text, const std::string& field) {
  auto d = parse(text);
  if (!d)
    throw Error::Validation(field, "Ngày không hợp lệ (định dạng YYYY-MM-DD): " + std::string(text),
                            "Invalid date (expected YYYY-MM-DD): " + std::string(text));
  return *d;
}

Date Date::from_ymd(int y, int m, int d) {
  return Date(days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
}

Date Date::today_vn() {
  using namespace std::chrono;
  auto secs = duration_cast<seconds>(system_clock::now().time_since_epoch()).count() + 7 * 3600;
  return Date(static_cast<int>(secs / 86400));
}

int Date::year() const { int y, m, d; civil_from_days(days_, y, m, d); return y; }
int Date::month() const { int y, m, d; civil_from_days(days_, y, m, d); return m; }
int Date::day() const { int y, m, d; civil_from_days(days_, y, m, d); return d; }
Date Date::add_days(int n) const { return Date(days_ + n); }

std::string Date::iso() const {
  int y, m, d;
  civil_from_days(days_, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::string Date::vn() const {
  int y, m, d;
  civil_from_days(days_, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d, m, y);
  return buf;
}

std::optional<std::string> bound_to_wire(Date d) {
  if (d == Date::min() || d == Date::max()) return std::nullopt;
  return d.iso();
}

}  // namespace longghep
