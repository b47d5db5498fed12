#include "domain/next_actor.hpp"

#include <algorithm>

namespace longghep {

namespace {
// The unit itself or its nearest ancestor of `kind` on `as_of`; nullptr when there is none.
const OrgUnit* nearest_of_kind(const OrgUnit& u, const std::string& kind, const Hierarchy& h, Date as_of) {
  if (u.kind == kind) return &u;
  auto anc = h.ancestors(u, as_of);  // root first
  for (auto it = anc.rbegin(); it != anc.rend(); ++it)
    if ((*it)->kind == kind) return *it;
  return nullptr;
}

void add_unique(std::vector<NextActor>& out, NextActor a) {
  if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(std::move(a));
}
}  // namespace

std::vector<NextActor> WhoActsNext::plan(PlanStatus status, const OrgUnit& plan_unit, const Hierarchy& h,
                                         const std::vector<ApprovalRule>& rules, Date as_of) {
  std::vector<NextActor> out;
  switch (status) {
    case PlanStatus::submitted:
      for (const auto& r : rules) {
        if (r.plan_unit_kind != plan_unit.kind) continue;
        if (const OrgUnit* a = nearest_of_kind(plan_unit, r.approver_unit_kind, h, as_of))
          add_unique(out, {a->id, r.approver_role, "plans.approve", "approve"});
      }
      break;
    case PlanStatus::draft:
    case PlanStatus::returned:
      out.push_back({plan_unit.id, "", "plans.edit", "edit"});
      break;
    default:
      break;
  }
  return out;
}

std::vector<NextActor> WhoActsNext::report(const std::string& status, const OrgUnit& unit, long long agency_id,
                                           const Hierarchy& h, Date as_of, long long issuer_unit_id) {
  std::vector<NextActor> out;
  if (status == "submitted") {
    if (issuer_unit_id != 0) {
      out.push_back({issuer_unit_id, "", "reports.review", "review"});
    } else if (agency_id != 0) {
      out.push_back({unit.id, "", "reports.review", "review"});
    } else if (const OrgUnit* p = h.parent(unit, as_of)) {
      out.push_back({p->id, "", "reports.review", "review"});
    }
  } else if (status == "not_started" || status == "draft" || status == "returned") {
    out.push_back({unit.id, "", "reports.submit", "submit"});
  }
  return out;
}

bool WhoActsNext::is_one_of(long long home_unit_id, const std::set<std::string>& roles,
                            const std::set<std::string>& permissions, const std::vector<NextActor>& actors) {
  for (const auto& a : actors)
    if (a.unit_id == home_unit_id && permissions.count(a.permission) && (a.role.empty() || roles.count(a.role)))
      return true;
  return false;
}

}  // namespace longghep
