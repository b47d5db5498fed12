// The hierarchy with a reorganisation that the access and reporting specifications share.
//
// VN ─ old province 52 (Bình Định, id 10) and 64 (old Gia Lai, 11) until 30/06/2025, merged into
// the new province 52 (Gia Lai, 20); old district 540 (30) with communes 21556 (40, from 2023),
// 21583 (41), 21600 (42); commune 21550 (43) merged into 21556 on 01/01/2023 (an earlier
// reorganisation); 21556 and 21583 merged into the new commune 21583 (50), 21600 into 21601 (51).
// Đồng Nai (75, 60) is unrelated.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "domain/access.hpp"
#include "domain/hierarchy.hpp"

namespace longghep::fixture {

inline Date d(int y, int m, int day) { return Date::from_ymd(y, m, day); }

inline OrgUnit unit(long long id, const char* code, const char* kind, const char* parent, Date from, Date to) {
  OrgUnit u;
  u.id = id;
  u.code = code;
  u.name = std::string("U") + code;
  u.kind = kind;
  u.parent_code = parent;
  u.validity = {from, to};
  return u;
}

inline std::shared_ptr<Hierarchy> history() {
  const Date end = d(2025, 6, 30), reform = d(2025, 7, 1);
  std::vector<OrgUnit> units = {
      unit(1, "VN", "central", "", Date::min(), Date::max()),
      unit(10, "52", "province", "VN", Date::min(), end),
      unit(11, "64", "province", "VN", Date::min(), end),
      unit(20, "52", "province", "VN", reform, Date::max()),
      unit(30, "540", "district", "52", Date::min(), end),
      unit(40, "21556", "commune", "540", d(2023, 1, 1), end),
      unit(41, "21583", "commune", "540", Date::min(), end),
      unit(42, "21600", "commune", "540", Date::min(), end),
      unit(43, "21550", "commune", "540", Date::min(), d(2022, 12, 31)),
      unit(50, "21583", "commune", "52", reform, Date::max()),
      unit(51, "21601", "commune", "52", reform, Date::max()),
      unit(60, "75", "province", "VN", Date::min(), Date::max()),
  };
  std::vector<LineageEvent> events = {
      {1, "merge", reform, 10, 20, false}, {2, "merge", reform, 11, 20, false}, {3, "merge", reform, 40, 50, false},
      {4, "merge", reform, 41, 50, false}, {5, "merge", reform, 42, 51, false}, {6, "merge", d(2023, 1, 1), 43, 40, false},
  };
  return std::make_shared<Hierarchy>(std::move(units), std::move(events));
}

// A user whose home unit (and user id) is `home`, with these permissions and roles.
inline Principal at(const Hierarchy& h, long long home, std::set<std::string> perms, std::set<std::string> roles = {}) {
  Principal p;
  p.user_id = home;
  p.username = "u" + std::to_string(home);
  p.org_unit_id = home;
  p.permissions = std::move(perms);
  p.roles = std::move(roles);
  p.scope = h.scope_of(home);
  return p;
}

}  // namespace longghep::fixture
