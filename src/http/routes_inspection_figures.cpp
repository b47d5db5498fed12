// Figures of service businesses and their inspections (issue 17 §5, docs/api-inspections.md
// "Figures"): GET /api/inspection-figures for the dashboard and the map. A thin adapter: the facts
// of the caller's scope narrowed to the unit's subtree (merges carried by lineage, like the
// registry) are read by storage/inspection_figures, counted by domain/inspection_figures.
// Needs inspections.read; a unit out of scope is 404.
#include <chrono>

#include "analytics/case_stats.hpp"
#include "domain/error.hpp"
#include "domain/inspection_figures.hpp"
#include "http/app.hpp"
#include "storage/inspection_figures.hpp"

namespace longghep {
using nlohmann::json;
namespace fig = inspection_figures;

namespace {
// perm::kInspectionsRead once the inspection routes (issue 17 §2–§6) declare it in domain/access.hpp
constexpr const char* kInspectionsRead = "inspections.read";

json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json figures_json(const fig::Figures& f) {
  return {{"businesses", f.businesses},
          {"operating", f.operating},
          {"suspended", f.suspended},
          {"closed", f.closed},
          {"inspections", f.inspections},
          {"unannounced", f.unannounced},
          {"businessesInspected", f.inspected},
          {"coveragePct", opt(f.coverage_pct)},
          {"violations", f.violations},
          {"violationsPer100", opt(f.violations_per_100)},
          {"repeatViolators", f.repeat_violators},
          {"fines", f.fines},
          {"outreach", {{"informed", f.informed}, {"healthChecked", f.health_checked}, {"referred", f.referred}}}};
}

json unit_ref(const OrgUnit& u) { return {{"code", u.code}, {"name", u.name}, {"kind", u.kind}}; }

// GET /api/inspection-figures?orgUnit=&year=
Response figures(Ctx& c) {
  Access::require(c.me(), kInspectionsRead);
  const auto t0 = std::chrono::steady_clock::now();
  HierarchyPtr h = c.app.hierarchy();
  const Date today = Date::today_vn();
  const int year = c.int_q("year", 2000, 2100).value_or(today.year());
  // the reference day: 31/12 of a past year, today within the current one
  const Date ref = year < today.year() ? Date::from_ymd(year, 12, 31) : year > today.year() ? Date::from_ymd(year, 1, 1) : today;
  const OrgUnit* unit = c.unit_q(*h, "orgUnit", ref);
  if (!unit) {
    unit = h->by_id(c.me().org_unit_id);
    if (unit && !unit->valid_on(ref)) {
      if (auto code = analytics::case_org_key(*h, unit->id, analytics::CaseDim::commune, ref)) unit = h->find(*code, ref);
      else if (auto p = analytics::case_org_key(*h, unit->id, analytics::CaseDim::province, ref)) unit = h->find(*p, ref);
    }
    if (!unit) throw Error::Validation("orgUnit", "Chưa chọn đơn vị", "Choose an org unit");
  }
  Access::require_unit_visible(c.me(), unit->id, "đơn vị " + unit->code, "Org unit " + unit->code);
  const Scope subtree = h->scope_of(unit->id);
  const Scope scope = narrow_scope(&c.me().scope, &subtree).value_or(Scope::everything());

  std::vector<fig::BusinessFact> bs;
  std::vector<fig::InspectionFact> is;
  std::optional<PlanTarget> plan;
  std::map<std::string, BusinessTypeLabel> types;
  c.app.db().with_session([&](soci::session& s) {
    bs = load_business_facts(s, scope);
    is = load_inspection_facts(s, scope, Date::from_ymd(year, 1, 1), Date::from_ymd(year, 12, 31));
    plan = active_plan_target(s, *h, *unit, year, ref);
    types = load_business_type_labels(s);
  });
  const fig::Figures total = fig::compute_figures(bs, is, year);

  // by type and status, in the taxonomy's order
  std::vector<std::pair<int, std::string>> order;
  for (const auto& [code, _] : total.by_type_status) order.push_back({types.count(code) ? types[code].sort : 1 << 20, code});
  std::sort(order.begin(), order.end());
  json by_type = json::array();
  for (const auto& [_, code] : order) {
    const auto& m = total.by_type_status.at(code);
    auto n = [&](const char* st) { auto it = m.find(st); return it == m.end() ? 0LL : it->second; };
    const auto l = types.count(code) ? types[code] : BusinessTypeLabel{code, code, 0};
    by_type.push_back({{"type", code}, {"label", l.vi}, {"labelEn", l.en}, {"operating", n("operating")},
                       {"suspended", n("suspended")}, {"closed", n("closed")},
                       {"total", n("operating") + n("suspended") + n("closed")}});
  }

  // per unit directly below (communes of a province, provinces of the ministry), each with the
  // versions merged into it (lineage): a fact's unit version is placed on the version valid on
  // the reference day, then on its ancestor among the children
  json units = json::array();
  const auto children = h->children(*unit, ref);
  if (!children.empty()) {
    std::map<std::string, const OrgUnit*> by_code;
    for (const OrgUnit* ch : children) by_code[ch->code] = ch;
    const auto dim = children.front()->kind == "province" ? analytics::CaseDim::province : analytics::CaseDim::commune;
    auto key = [&](long long unit_id) -> std::optional<std::string> {
      auto k = analytics::case_org_key(*h, unit_id, dim, ref);
      if (k && by_code.count(*k)) return k;
      return std::nullopt;
    };
    const auto per = fig::figures_by_unit(bs, is, year, key);
    for (const OrgUnit* ch : children) {
      auto it = per.find(ch->code);
      const fig::Figures f = it == per.end() ? fig::Figures{} : it->second;
      json row = figures_json(f);
      row["orgUnit"] = unit_ref(*ch);
      units.push_back(row);
    }
  }
  json plan_json = nullptr;
  if (plan) {
    const OrgUnit* pu = h->by_id(plan->org_unit_id);
    plan_json = {{"id", plan->id}, {"title", plan->title}, {"orgUnit", pu ? unit_ref(*pu) : json(nullptr)},
                 {"coverageTargetPct", opt(plan->coverage_target_pct)},
                 {"unannouncedTarget", plan->unannounced_target ? json(*plan->unannounced_target) : json(nullptr)}};
  }
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return Response::json({{"orgUnit", unit_ref(*unit)}, {"year", year}, {"referenceDay", ref.iso()},
                         {"figures", figures_json(total)}, {"plan", plan_json}, {"byTypeStatus", by_type},
                         {"units", units}, {"elapsedMs", ms}});
}
}  // namespace

void add_inspection_figures_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/inspection-figures", Auth::Session, figures,
               "Figures of service businesses and their final inspections for a unit and year: coverage, violations per "
               "100 inspections, repeat violators, fines, outreach; by type and status; per unit below",
               kInspectionsRead});
}

}  // namespace longghep
