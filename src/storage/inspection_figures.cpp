#include "storage/inspection_figures.hpp"

#include <algorithm>
#include <cmath>

namespace longghep {
namespace fig = inspection_figures;

namespace {
constexpr size_t kBatch = 5000;  // rows per fetch (one row at a time costs ≈ 1 µs more per row)
}  // namespace

std::vector<fig::BusinessFact> load_business_facts(soci::session& s, const Scope& scope) {
  std::vector<fig::BusinessFact> out;
  std::vector<long long> id(kBatch), unit(kBatch);
  std::vector<std::string> type(kBatch), status(kBatch);
  soci::statement st = (s.prepare << "SELECT id, commune_unit_id, type_code, status FROM businesses ORDER BY id",
                        soci::into(id), soci::into(unit), soci::into(type), soci::into(status));
  st.execute();
  while (st.fetch()) {
    for (size_t i = 0; i < id.size(); ++i)
      if (scope.all() || scope.contains(unit[i])) out.push_back({id[i], unit[i], std::move(type[i]), std::move(status[i])});
    for (auto* v : {&id, &unit}) v->resize(kBatch);
    for (auto* v : {&type, &status}) v->resize(kBatch);
  }
  return out;
}

std::vector<fig::InspectionFact> load_inspection_facts(soci::session& s, const Scope& scope, Date from, Date to) {
  std::vector<fig::InspectionFact> out;
  std::vector<long long> id(kBatch), business(kBatch), unit(kBatch), violations(kBatch), fines(kBatch), informed(kBatch),
      checked(kBatch), referred(kBatch);
  std::vector<int> unannounced(kBatch);
  std::vector<std::string> day(kBatch), status(kBatch);
  const std::string lo = from.iso(), hi = to.iso();
  soci::statement st =
      (s.prepare << "SELECT i.id, i.business_id, i.commune_unit_id, i.inspected_on, i.status, i.unannounced, "
                    "COALESCE(v.n, 0), i.fine_total, i.outreach_informed, i.outreach_health_checked, i.outreach_referred "
                    "FROM inspections i LEFT JOIN (SELECT inspection_id, COUNT(*) AS n FROM inspection_violations "
                    "GROUP BY inspection_id) v ON v.inspection_id = i.id "
                    "WHERE i.inspected_on >= :lo AND i.inspected_on <= :hi ORDER BY i.id",
       soci::into(id), soci::into(business), soci::into(unit), soci::into(day), soci::into(status), soci::into(unannounced),
       soci::into(violations), soci::into(fines), soci::into(informed), soci::into(checked), soci::into(referred),
       soci::use(lo), soci::use(hi));
  st.execute();
  while (st.fetch()) {
    for (size_t i = 0; i < id.size(); ++i) {
      if (!scope.all() && !scope.contains(unit[i])) continue;
      auto d = Date::parse(day[i]);
      if (!d) continue;
      fig::InspectionFact x;
      x.id = id[i];
      x.business_id = business[i];
      x.unit_id = unit[i];
      x.day = *d;
      x.final = status[i] == "final";
      x.unannounced = unannounced[i] != 0;
      x.violations = violations[i];
      x.fines = fines[i];
      x.informed = informed[i];
      x.health_checked = checked[i];
      x.referred = referred[i];
      out.push_back(x);
    }
    for (auto* v : {&id, &business, &unit, &violations, &fines, &informed, &checked, &referred}) v->resize(kBatch);
    unannounced.resize(kBatch);
    for (auto* v : {&day, &status}) v->resize(kBatch);
  }
  return out;
}

fig::Figures figures_of(soci::session& s, const Scope& scope, int year) {
  return fig::compute_figures(load_business_facts(s, scope),
                              load_inspection_facts(s, scope, Date::from_ymd(year, 1, 1), Date::from_ymd(year, 12, 31)), year);
}

std::optional<PlanTarget> active_plan_target(soci::session& s, const Hierarchy& h, const OrgUnit& unit, int year, Date on) {
  // the unit itself first, then its ancestors nearest first; every version of each code counts
  std::vector<const OrgUnit*> chain{&unit};
  auto up = h.ancestors(unit, on);
  for (auto it = up.rbegin(); it != up.rend(); ++it) chain.push_back(*it);
  for (const OrgUnit* u : chain) {
    for (const OrgUnit* v : h.versions(u->code)) {
      PlanTarget p;
      soci::indicator ti = soci::i_null, ui = soci::i_null;
      int target_v = 0;
      long long unannounced_v = 0;
      s << "SELECT id, title, org_unit_id, coverage_target_pct, unannounced_target FROM inspection_plans "
           "WHERE org_unit_id = :u AND year = :y AND status = 'active' ORDER BY id DESC LIMIT 1",
          soci::into(p.id), soci::into(p.title), soci::into(p.org_unit_id), soci::into(target_v, ti),
          soci::into(unannounced_v, ui), soci::use(v->id), soci::use(year);
      if (!s.got_data()) continue;
      if (ti == soci::i_ok) p.coverage_target_pct = target_v;
      if (ui == soci::i_ok) p.unannounced_target = unannounced_v;
      return p;
    }
  }
  return std::nullopt;
}

std::map<std::string, BusinessTypeLabel> load_business_type_labels(soci::session& s) {
  std::map<std::string, BusinessTypeLabel> out;
  std::string code, vi, en;
  int sort = 0;
  soci::statement st = (s.prepare << "SELECT code, name_vi, name_en, sort_order FROM business_types", soci::into(code),
                        soci::into(vi), soci::into(en), soci::into(sort));
  st.execute();
  while (st.fetch()) out[code] = {vi, en, sort};
  return out;
}

namespace {
constexpr const char* kPrefix = "insp_";
}

bool is_inspection_measure(const std::string& measure) {
  if (measure.rfind(kPrefix, 0) != 0) return false;
  const std::string name = measure.substr(5);
  const auto& names = fig::figure_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::map<std::string, long long> compute_inspection_values(soci::session& s, const ReportForm& form, const Scope& units,
                                                           Date from, Date to) {
  std::map<std::string, long long> out;
  std::vector<const FormElement*> elements;
  for (const auto& e : form.elements)
    if (e.source == "computed" && is_inspection_measure(e.measure)) elements.push_back(&e);
  if (elements.empty()) return out;
  // coverage and repeat violators over the whole span
  const fig::Figures f = fig::compute_figures(load_business_facts(s, units), load_inspection_facts(s, units, from, to), from, to);
  for (const auto* e : elements) {
    const auto v = fig::figure_value(f, e->measure.substr(5));
    out[e->code] = v ? static_cast<long long>(std::llround(*v)) : 0;
  }
  return out;
}

}  // namespace longghep
