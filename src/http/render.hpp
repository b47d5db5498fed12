// One JSON mapping per resource that needs more than a row (users, me).
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "http/app.hpp"
#include "storage/users.hpp"

namespace longghep {

nlohmann::json render_user(App& app, soci::session& s, const UserRow& u);
nlohmann::json render_me(App& app, soci::session& s, const UserRow& u, const std::string& csrf);
nlohmann::json unit_ref_or_null(const Hierarchy& h, long long id);
// An org-unit code from input resolved to one unit version, never silently: as of `as_of` when
// given (400 org_unit_not_found naming `field` when the code names no unit that day); else the
// code's version valid today, unless the code names different units on different dates (codes
// reused after 07/2025): then 409 ambiguous_org_unit listing the candidates
// ({id, code, name, kind, validFrom, validTo}) and asking for `as_of_field`. `keep`: a unit
// version the record already has; an unchanged code keeps it without asking.
const OrgUnit& resolve_unit_code(const Hierarchy& h, const std::string& code, std::optional<Date> as_of,
                                 const std::string& field, const std::string& as_of_field, const OrgUnit* keep = nullptr);

}  // namespace longghep
