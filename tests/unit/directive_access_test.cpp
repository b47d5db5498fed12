// Access rules for directives and tasks (Access::units_above_scope, can_see_issued,
// assignment_agency, can_see_assignment).
#include <gtest/gtest.h>

#include "domain/access.hpp"

using namespace longghep;

namespace {
OrgUnit unit(long long id, const char* code, const char* kind, const char* parent, const char* from, const char* to) {
  OrgUnit u;
  u.id = id;
  u.code = code;
  u.name = code;
  u.full_name = code;
  u.kind = kind;
  u.parent_code = parent;
  u.validity = {from[0] ? *Date::parse(from) : Date::min(), to[0] ? *Date::parse(to) : Date::max()};
  return u;
}

// VN; old province 52 (until 2025-06-30) with district 540; new province 52 (from 2025-07-01)
// with ward 21583 (merged from old ward 21583 of district 540); province 75.
Hierarchy demo() {
  std::vector<OrgUnit> units = {
      unit(1, "VN", "central", "", "", ""),
      unit(2, "52", "province", "VN", "", "2025-06-30"),
      unit(3, "540", "district", "52", "", "2025-06-30"),
      unit(4, "21583", "commune", "540", "", "2025-06-30"),
      unit(5, "52", "province", "VN", "2025-07-01", ""),
      unit(6, "21583", "commune", "52", "2025-07-01", ""),
      unit(7, "75", "province", "VN", "", ""),
  };
  std::vector<LineageEvent> events = {{1, "merge", *Date::parse("2025-07-01"), 2, 5, false},
                                      {2, "merge", *Date::parse("2025-07-01"), 4, 6, false}};
  return Hierarchy(units, events);
}

Principal at(const Hierarchy& h, long long home, std::set<std::string> roles = {"province_lead_officer"},
             long long agency = 0) {
  Principal p;
  p.org_unit_id = home;
  p.scope = h.scope_of(home);
  p.roles = std::move(roles);
  p.agency_id = agency;
  p.permissions = {perm::kDirectivesRead, perm::kDirectivesManage, perm::kTasksUpdate};
  return p;
}
}  // namespace

TEST(DirectiveAccess, DirectivesFromAboveAreVisibleNotFromBeside) {
  Hierarchy h = demo();
  Principal gl = at(h, 5);
  auto above = Access::units_above_scope(gl, h);
  EXPECT_EQ(above, (std::vector<long long>{1}));  // VN only: old 52 and 540 are inside the scope
  EXPECT_TRUE(Access::can_see_issued(gl, 1, above, {}));   // the ministry's guidance
  EXPECT_TRUE(Access::can_see_issued(gl, 2, above, {}));   // old Bình Định, merged in
  EXPECT_FALSE(Access::can_see_issued(gl, 7, above, {}));  // Đồng Nai
  EXPECT_TRUE(Access::can_see_issued(gl, 7, above, {3}));  // ... unless it concerns a unit of the scope

  Principal ward = at(h, 6, {"commune_officer"});
  auto up = Access::units_above_scope(ward, h);
  // VN and new 52 above the new ward; old 540 and old 52 above the old ward merged into it
  EXPECT_EQ(up, (std::vector<long long>{1, 2, 3, 5}));
  EXPECT_TRUE(Access::can_see_issued(ward, 5, up, {}));
  EXPECT_TRUE(Access::can_see_issued(ward, 2, up, {}));
  EXPECT_TRUE(Access::can_see_issued(ward, 3, up, {}));
  EXPECT_FALSE(Access::can_see_issued(ward, 7, up, {}));

  Principal root = at(h, 1, {"ministry_officer"});
  EXPECT_TRUE(Access::units_above_scope(root, h).empty());
  EXPECT_TRUE(Access::can_see_issued(root, 7, {}, {}));
}

TEST(DirectiveAccess, AgencyFocalPointsSeeTheirAgencysTasksOnly) {
  Hierarchy h = demo();
  Principal lead = at(h, 5);
  EXPECT_FALSE(Access::assignment_agency(lead));
  EXPECT_TRUE(Access::can_see_assignment(lead, 5, {10, 11}));
  EXPECT_FALSE(Access::can_see_assignment(lead, 7, {10}));

  Principal focal = at(h, 5, {"agency_focal_point"}, 11);
  focal.permissions = {perm::kDirectivesRead, perm::kTasksUpdate};
  EXPECT_EQ(Access::assignment_agency(focal), 11);
  EXPECT_TRUE(Access::can_see_assignment(focal, 5, {10, 11}));  // co-operating
  EXPECT_TRUE(Access::can_see_assignment(focal, 2, {11}));      // lead, on a merged-in unit
  EXPECT_FALSE(Access::can_see_assignment(focal, 5, {10, 12}));
  EXPECT_FALSE(Access::can_see_assignment(focal, 7, {11}));  // scope still applies

  Principal no_agency = focal;
  no_agency.agency_id = 0;
  EXPECT_EQ(Access::assignment_agency(no_agency), 0);
  EXPECT_FALSE(Access::can_see_assignment(no_agency, 5, {10, 11}));

  Principal both = at(h, 5, {"agency_focal_point", "province_lead_officer"}, 11);  // holds directives.manage
  EXPECT_FALSE(Access::assignment_agency(both));
}
