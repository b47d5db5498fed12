// Who acts next on a plan or a report (issue 15, "Việc của tôi"), as pure logic over the
// approval rules (data: table approval_rules) and the hierarchy. The my-work list, the
// notifications and every workflow screen say it by unit and role; the recipients of a
// notification are the active users of that unit holding that role (and permission).
//
//   plan submitted  → for each approval rule of the plan's unit kind: the nearest unit of the
//                     rule's approver kind at or above the plan's unit, role = the rule's role;
//   plan draft / returned → the plan's own unit (plans.edit);
//   report submitted → a unit's report: the level above (reports.review; Access::reviewing_level);
//                      an agency's report: the agency's province (its own officers review it);
//   report not started / draft / returned → the report's unit (reports.submit);
//   approved, superseded, accepted → nobody.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "domain/hierarchy.hpp"
#include "domain/plan_workflow.hpp"

namespace longghep {

struct NextActor {
  long long unit_id = 0;    // the unit whose officers act
  std::string role;         // the role that acts (approval rules); empty: any holder of `permission`
  std::string permission;   // plans.approve, plans.edit, reports.review, reports.submit
  std::string action;       // approve, edit, review, submit
  bool operator==(const NextActor&) const = default;
};

class WhoActsNext {
 public:
  static std::vector<NextActor> plan(PlanStatus status, const OrgUnit& plan_unit, const Hierarchy& h,
                                     const std::vector<ApprovalRule>& rules, Date as_of);
  // `status`: a ReportStatus name; `agency_id` != 0 for an agency's report; `issuer_unit_id` != 0
  // for the report answering an ad-hoc request (reviewed by the issuing unit).
  static std::vector<NextActor> report(const std::string& status, const OrgUnit& unit, long long agency_id,
                                       const Hierarchy& h, Date as_of, long long issuer_unit_id = 0);
  // Whether a principal is one of `actors` (home unit, role, permission).
  static bool is_one_of(long long home_unit_id, const std::set<std::string>& roles,
                        const std::set<std::string>& permissions, const std::vector<NextActor>& actors);
};

}  // namespace longghep
