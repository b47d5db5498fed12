// Programme roles of agencies over time (which agency is the lead/focal agency of an org unit
// on a given day), as an immutable in-memory table beside the Hierarchy snapshot.
#pragma once
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/date.hpp"

namespace longghep {

struct ProgrammeRole {
  long long org_unit_id = 0;
  std::string role;  // data: lead, ...
  Validity validity;
  long long agency_id = 0;
  std::string agency_name, agency_short_name;
};

class ProgrammeRoles {
 public:
  explicit ProgrammeRoles(std::vector<ProgrammeRole> roles);
  // The holder of `role` for the unit on `d`; nullptr when none. Roles of one unit never
  // overlap in time (enforced when they are written).
  const ProgrammeRole* holder(long long org_unit_id, const std::string& role, Date d) const;

 private:
  std::vector<ProgrammeRole> roles_;
  std::unordered_map<long long, std::vector<size_t>> by_unit_;
};

using ProgrammeRolesPtr = std::shared_ptr<const ProgrammeRoles>;

}  // namespace longghep
