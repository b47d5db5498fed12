#include "http/routes.hpp"

#include <stdexcept>

namespace longghep {
namespace {
std::vector<std::string> segments(const std::string& pattern) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= pattern.size()) {
    size_t end = pattern.find('/', start);
    if (end == std::string::npos) end = pattern.size();
    out.push_back(pattern.substr(start, end - start));
    start = end + 1;
  }
  return out;
}
bool is_param(const std::string& segment) { return !segment.empty() && segment.front() == '{'; }
bool has_param(const std::string& pattern) { return pattern.find('{') != std::string::npos; }
}  // namespace

std::vector<std::string> route_conflicts(const std::vector<Route>& routes) {
  std::vector<std::string> out;
  for (size_t i = 0; i < routes.size(); ++i)
    for (size_t j = i + 1; j < routes.size(); ++j) {
      const Route &a = routes[i], &b = routes[j];
      if (a.method != b.method) continue;
      bool clash = a.pattern == b.pattern;
      if (!clash && has_param(a.pattern) && has_param(b.pattern)) {
        auto sa = segments(a.pattern), sb = segments(b.pattern);
        clash = sa.size() == sb.size();
        for (size_t k = 0; clash && k < sa.size(); ++k)
          clash = sa[k] == sb[k] || is_param(sa[k]) || is_param(sb[k]);
      }
      if (clash) out.push_back(a.method + " " + a.pattern + " and " + b.method + " " + b.pattern);
    }
  return out;
}

std::vector<Route> all_routes(bool bench_routes) {
  std::vector<Route> routes;
  for (const RouteTable& t : route_tables()) t.add(routes);
  if (bench_routes) add_bench_routes(routes);
  if (auto c = route_conflicts(routes); !c.empty()) throw std::logic_error("conflicting routes: " + c.front());
  return routes;
}

nlohmann::json routes_json(const std::vector<Route>& routes) {
  nlohmann::json out = nlohmann::json::array();
  for (const Route& r : routes)
    out.push_back({{"method", r.method},
                   {"path", r.pattern},
                   {"auth", r.auth == Auth::Public ? "public" : "session"},
                   {"summary", r.summary},
                   {"permission", r.permission ? nlohmann::json(r.permission) : nlohmann::json(nullptr)}});
  return out;
}

}  // namespace longghep
