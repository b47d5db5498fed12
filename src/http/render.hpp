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

}  // namespace longghep
