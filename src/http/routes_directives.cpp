// Directives (văn bản chỉ đạo), their attachments and the tasks they assign.
#include "http/app.hpp"

namespace longghep {

void add_directive_routes(std::vector<Route>& r) { (void)r; }

}  // namespace longghep
