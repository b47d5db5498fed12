#include "domain/case_rights.hpp"

#include "domain/error.hpp"
#include "domain/text.hpp"

namespace longghep::cases {

void require_not_anonymised(std::string_view status) {
  if (status == kAnonymised)
    throw Error(409, "case_anonymised",
                "Hồ sơ đã được ẩn danh: danh tính đã bị xóa, không thể xem, sửa hay ghi thêm dịch vụ, chuyển gửi",
                "The record is anonymised: its identity is erased; it cannot be revealed, corrected or given new "
                "services or referrals");
}

bool looks_like_identifier(std::string_view text) {
  int run = 0;
  bool pending_sep = false;  // a separator seen after a digit
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      ++run;
      pending_sep = false;
      if (run >= 9) return true;
    } else if ((c == ' ' || c == '.' || c == '-' || c == '+') && run > 0 && !pending_sep) {
      pending_sep = true;  // one separator between digit groups keeps the run
    } else if (c == '+' && run == 0) {
      // a leading '+' of an international number
    } else {
      run = 0;
      pending_sep = false;
    }
  }
  return false;
}

void require_no_identifier(std::string_view text, const std::string& field) {
  if (looks_like_identifier(text))
    throw Error::Validation(field,
                            "Không ghi số định danh (CCCD/CMND) hay số điện thoại vào đây: văn bản này không được mã hóa",
                            "Do not write an identity number or a phone number here: this text is not sealed");
}

std::string validate_rights_reason(std::string_view text, const std::string& field) {
  std::string r(text);
  const size_t a = r.find_first_not_of(" \t\r\n"), e = r.find_last_not_of(" \t\r\n");
  r = a == std::string::npos ? "" : r.substr(a, e - a + 1);
  size_t chars = 0;
  for (size_t i = 0; i < r.size();) {
    utf8_next(r, i);
    ++chars;
  }
  if (chars < 10 || chars > 500 || !is_clean_utf8(r))
    throw Error::Validation(field, "Lý do phải có từ 10 đến 500 ký tự", "The reason must have 10 to 500 characters");
  require_no_identifier(r, field);
  return r;
}

Date retention_cutoff(Date as_of, int years) {
  if (years < 1) years = 1;
  const int y = as_of.year() - years;
  int d = as_of.day();
  const int m = as_of.month();
  if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) d = 28;
  return Date::from_ymd(y < 1 ? 1 : y, m, d);
}

void require_search_allowed(int searches_last_hour) {
  if (searches_last_hour >= kSearchesPerHour)
    throw Error(429, "too_many_searches",
                "Bạn đã tra trùng hồ sơ 60 lần trong một giờ qua; vui lòng thử lại sau",
                "You have searched for duplicate records 60 times in the past hour; please try again later");
}

}  // namespace longghep::cases
