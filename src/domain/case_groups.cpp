#include "domain/case_groups.hpp"

#include "domain/error.hpp"

namespace longghep::case_groups {

bool is_kind(std::string_view k) {
  for (const char* x : kKinds)
    if (k == x) return true;
  return false;
}

namespace {
size_t utf8_length(std::string_view v) {
  size_t n = 0;
  for (unsigned char ch : v) n += (ch & 0xC0) != 0x80;
  return n;
}
}  // namespace

std::string validate_name(std::string_view name) {
  const auto b = name.find_first_not_of(" \t\r\n"), e = name.find_last_not_of(" \t\r\n");
  const std::string out = b == std::string_view::npos ? "" : std::string(name.substr(b, e - b + 1));
  if (out.empty() || utf8_length(out) > kNameMax)
    throw Error::Validation("name", "Tên nhóm: 1 đến 200 ký tự", "The group's name: 1 to 200 characters");
  return out;
}

void validate_kind(std::string_view kind) {
  if (!is_kind(kind))
    throw Error::Validation("kind", "Loại nhóm: club (câu lạc bộ) hoặc peer_group (nhóm tự lực)",
                            "The kind: club or peer_group");
}

void validate_founded(Date founded_on, Date today) {
  if (founded_on > today)
    throw Error::Validation("foundedOn", "Ngày thành lập không được ở tương lai", "The founding date cannot be in the future");
}

void validate_joined(Date joined_on, Date founded_on, Date registered_on, Date today) {
  if (joined_on > today)
    throw Error::Validation("joinedOn", "Ngày tham gia không được ở tương lai", "The joining date cannot be in the future");
  if (joined_on < founded_on)
    throw Error::Validation("joinedOn", "Ngày tham gia trước ngày thành lập nhóm", "The joining date is before the group was founded");
  if (joined_on < registered_on)
    throw Error::Validation("joinedOn", "Ngày tham gia trước ngày đăng ký hồ sơ", "The joining date is before the record's registration");
}

void validate_left(std::optional<Date> already_left, Date joined_on, Date left_on, Date today) {
  if (already_left)
    throw Error(409, "membership_ended", "Thành viên này đã rời nhóm", "This membership has already ended");
  if (left_on > today)
    throw Error::Validation("leftOn", "Ngày rời nhóm không được ở tương lai", "The leaving date cannot be in the future");
  if (left_on < joined_on)
    throw Error::Validation("leftOn", "Ngày rời nhóm trước ngày tham gia", "The leaving date is before the joining date");
}

bool member_on(Date joined_on, std::optional<Date> left_on, Date on) {
  return joined_on <= on && (!left_on || on < *left_on);
}

}  // namespace longghep::case_groups
