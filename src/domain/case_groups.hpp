// Clubs and peer groups of people supported (câu lạc bộ, nhóm tự lực; issue 16 item 5): the pure
// rules. No I/O; storage/case_groups and http/routes_case_groups apply them. docs/api-cases.md
// "Clubs and peer groups".
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "domain/date.hpp"

namespace longghep::case_groups {

inline constexpr const char* kKinds[] = {"club", "peer_group"};
bool is_kind(std::string_view k);
inline constexpr size_t kNameMax = 200;  // characters

// The name as stored: trimmed, 1..200 characters; 400 validation_failed "name" otherwise.
std::string validate_name(std::string_view name);
// 400 validation_failed "kind" unless club or peer_group.
void validate_kind(std::string_view kind);
// A group's founding day: never in the future (400 "foundedOn").
void validate_founded(Date founded_on, Date today);
// A membership begins on or after the group's founding and the record's registration, never in
// the future (400 "joinedOn").
void validate_joined(Date joined_on, Date founded_on, Date registered_on, Date today);
// A membership ends on or after it began, never in the future (400 "leftOn"); an ended one cannot
// end again (409 membership_ended).
void validate_left(std::optional<Date> already_left, Date joined_on, Date left_on, Date today);
// Whether a membership holds on `on`: joined on or before, not yet left (left_on is the first day
// outside the group).
bool member_on(Date joined_on, std::optional<Date> left_on, Date on);

}  // namespace longghep::case_groups
