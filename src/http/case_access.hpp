#pragma once
// The support record a route may touch: the route table checked its cases.* permission (and the
// wall); here the record must exist and lie in the caller's scope, else 404 — existence does not
// leak (docs/api-cases.md "Who may do what"). Shared by every routes_case_*.cpp.
#include <soci/soci.h>

#include "domain/access.hpp"
#include "domain/error.hpp"
#include "http/app.hpp"
#include "storage/cases.hpp"

namespace longghep {

inline CaseRow visible_case(Ctx& c, soci::session& s, long long id) {
  auto r = get_case(s, id);
  if (!r || !Access::can_see_unit(c.me(), r->residence_unit_id)) throw Error::NotFound("hồ sơ hỗ trợ", "Support record");
  return *r;
}

}  // namespace longghep
