#include "domain/programme_roles.hpp"

namespace longghep {

ProgrammeRoles::ProgrammeRoles(std::vector<ProgrammeRole> roles) : roles_(std::move(roles)) {
  for (size_t i = 0; i < roles_.size(); ++i) by_unit_[roles_[i].org_unit_id].push_back(i);
}

const ProgrammeRole* ProgrammeRoles::holder(long long org_unit_id, const std::string& role, Date d) const {
  auto it = by_unit_.find(org_unit_id);
  if (it == by_unit_.end()) return nullptr;
  for (size_t i : it->second)
    if (roles_[i].role == role && roles_[i].validity.contains(d)) return &roles_[i];
  return nullptr;
}

}  // namespace longghep
