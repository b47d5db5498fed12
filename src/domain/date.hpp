// Civil dates (no time zone) as used by validity ranges, periods and deadlines.
// A Date is always a valid proleptic Gregorian day between 0001-01-01 and 9999-12-31.
#pragma once
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace longghep {

class Date {
 public:
  // Parses exactly YYYY-MM-DD; nullopt for anything else, including 2025-02-30.
  static std::optional<Date> parse(std::string_view text);
  // Like parse, but throws Error(400, validation_failed) naming `field`.
  static Date parse_or_throw(std::string_view text, const std::string& field);
  static Date from_ymd(int y, int m, int d);  // REQUIRES: a valid day
  static Date today_vn();                    // today in Asia/Ho_Chi_Minh (UTC+7)
  static Date min() { return from_ymd(1, 1, 1); }
  static Date max() { return from_ymd(9999, 12, 31); }

  int year() const;
  int month() const;
  int day() const;
  Date add_days(int n) const;
  std::string iso() const;    // YYYY-MM-DD
  std::string vn() const;     // dd/mm/yyyy
  int days_since_epoch() const { return days_; }

  auto operator<=>(const Date&) const = default;

 private:
  explicit Date(int days) : days_(days) {}
  int days_ = 0;  // days since 1970-01-01
};

// A closed interval of days [from, to]. An open end is stored as Date::min()/max().
struct Validity {
  Date from = Date::min();
  Date to = Date::max();
  bool contains(Date d) const { return from <= d && d <= to; }
  bool overlaps(const Validity& o) const { return from <= o.to && o.from <= to; }
  bool covers(const Validity& o) const { return from <= o.from && o.to <= to; }
};

// Wire form of validity bounds: "" / null means open.
std::optional<std::string> bound_to_wire(Date d);

}  // namespace longghep
