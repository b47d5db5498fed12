// Files generated from the code's own catalogues, for the CLI (`longghep permissions --ts`,
// `longghep routes --json`): the web and the API tests derive their lists from these instead of
// keeping copies by hand.
#pragma once
#include <string>

namespace longghep {

// web/src/api/permissions.gen.ts: `export const PERM = {hierarchyRead: 'hierarchy.read', …} as
// const` with one camelCase key per entry of perm::kAll (domain/access.hpp), in catalogue order.
// scripts/test fails when the checked-in file differs from this.
std::string permissions_typescript();

// The camelCase key of a permission code: "plans.all_agencies" → "plansAllAgencies".
std::string permission_key(const std::string& code);

}  // namespace longghep
