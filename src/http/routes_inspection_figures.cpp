// Figures of service businesses and their inspections (issue 17 §5, docs/api-inspections.md
// "Figures"): GET /api/inspection-figures for the dashboard and the map. A thin adapter: the facts
// of the caller's scope narrowed to the unit's subtree (merges carried by lineage, like the
// registry) are read by storage/inspection_figures, counted by domain/inspection_figures.
// Needs inspections.read; a unit out of scope is 404.
#include <algorithm>
#include <chrono>
#include <set>

#include "analytics/case_stats.hpp"
#include "analytics/inspection_stats.hpp"
#include "domain/reporting.hpp"
#include "domain/error.hpp"
#include "domain/inspection_figures.hpp"
#include "http/app.hpp"
#include "storage/inspection_fact_store.hpp"
#include "storage/inspection_figures.hpp"

namespace longghep {
using nlohmann::json;
namespace fig = inspection_figures;

namespace {
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
  Access::require(c.me(), perm::kInspectionsRead);
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
    plan = active_plan_target(s, *h, *unit, year, ref);
    types = load_business_type_labels(s);
  });
  {
    const auto facts = c.app.inspection_facts().current(c.app.db());  // reloaded after any write
    bs = businesses_in(*facts, scope);
    is = inspections_in(*facts, scope, Date::from_ymd(year, 1, 1), Date::from_ymd(year, 12, 31));
  }
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
std::vector<analytics::InspDim> dims_of(const json& b, const std::string& field, const std::string& measure,
                                        std::set<analytics::InspDim>& seen) {
  std::vector<analytics::InspDim> out;
  auto it = b.find(field);
  if (it == b.end() || it->is_null()) return out;
  if (!it->is_array() || it->size() > 2)
    throw Error::Validation(field, "\"" + field + "\" là danh sách tối đa 2 chiều", "\"" + field + "\" is a list of at most 2 dimensions");
  for (const auto& x : *it) {
    const std::string name = x.is_string() ? x.get<std::string>() : x.dump();
    auto d = x.is_string() ? analytics::insp_dim_from(name) : std::nullopt;
    if (!d) throw Error::Validation(field, "Không có chiều phân tích \"" + name + "\"", "Unknown dimension \"" + name + "\"");
    if (!analytics::insp_applies(measure, *d))
      throw Error::Validation(field, "Chiều \"" + name + "\" không áp dụng cho chỉ tiêu \"" + measure + "\"",
                              "The dimension \"" + name + "\" does not apply to the measure \"" + measure + "\"");
    if (!seen.insert(*d).second)
      throw Error::Validation(field, "Chiều \"" + name + "\" bị lặp lại", "The dimension \"" + name + "\" is repeated");
    out.push_back(*d);
  }
  return out;
}

Date date_in(const json& b, const std::string& key, const std::string& field, Date fallback) {
  auto it = b.find(key);
  if (it == b.end() || it->is_null()) return fallback;
  if (!it->is_string()) throw Error::Validation(field, "Ngày phải có dạng YYYY-MM-DD", "A date must be YYYY-MM-DD");
  return Date::parse_or_throw(it->get<std::string>(), field);
}

std::vector<std::string> list_in(const json& f, const std::string& key, const std::set<std::string>& known) {
  std::vector<std::string> out;
  auto it = f.find(key);
  if (it == f.end() || it->is_null()) return out;
  const std::string field = "filters." + key;
  if (!it->is_array() || it->size() > 200)
    throw Error::Validation(field, "\"" + field + "\" là danh sách mã (tối đa 200)", "\"" + field + "\" is a list of codes (at most 200)");
  for (const auto& x : *it) {
    if (!x.is_string() || !known.count(x.get<std::string>()))
      throw Error::Validation(field, "Giá trị không có trong danh mục", "Not a known value");
    out.push_back(x.get<std::string>());
  }
  return out;
}

std::string status_vi(const std::string& s) { return s == "operating" ? "Đang hoạt động" : s == "suspended" ? "Tạm ngừng" : "Đã đóng cửa"; }
std::string status_en(const std::string& s) { return s == "operating" ? "Operating" : s == "suspended" ? "Suspended" : "Closed"; }

// POST /api/analytics/inspections/pivot
Response pivot(Ctx& c) {
  Access::require(c.me(), perm::kInspectionsRead);
  const auto t0 = std::chrono::steady_clock::now();
  const json b = c.body();
  analytics::InspQuery q;
  q.measure = b.contains("measure") && b["measure"].is_string() ? b["measure"].get<std::string>() : "";
  const auto& names = fig::figure_names();
  if (std::find(names.begin(), names.end(), q.measure) == names.end()) {
    std::string all;
    for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
    throw Error::Validation("measure", "Chỉ tiêu không hợp lệ (" + all + ")", "Unknown measure (" + all + ")");
  }
  std::set<analytics::InspDim> seen;
  q.rows = dims_of(b, "rows", q.measure, seen);
  q.columns = dims_of(b, "columns", q.measure, seen);
  const Date today = Date::today_vn();
  q.as_of = date_in(b, "asOf", "asOf", today);
  json f = json::object();
  if (auto it = b.find("filters"); it != b.end() && !it->is_null()) {
    if (!it->is_object()) throw Error::Validation("filters", "\"filters\" phải là một đối tượng", "\"filters\" must be an object");
    f = *it;
  }
  static const std::set<std::string> known = {"from", "to", "orgUnit", "types", "statuses"};
  for (auto it = f.begin(); it != f.end(); ++it)
    if (!known.count(it.key()))
      throw Error::Validation("filters." + it.key(), "Không có bộ lọc \"" + it.key() + "\"", "Unknown filter \"" + it.key() + "\"");
  q.from = date_in(f, "from", "filters.from", Date::from_ymd(today.year(), 1, 1));
  q.to = date_in(f, "to", "filters.to", Date::from_ymd(today.year(), 12, 31));
  if (q.to < q.from) throw Error::Validation("filters.to", "Ngày kết thúc phải từ ngày bắt đầu trở đi", "\"to\" cannot be before \"from\"");
  HierarchyPtr h = c.app.hierarchy();
  if (auto it = f.find("orgUnit"); it != f.end() && !it->is_null()) {
    if (!it->is_string() || it->get<std::string>().empty() || it->get<std::string>().size() > 32)
      throw Error::Validation("filters.orgUnit", "Mã đơn vị hành chính không hợp lệ", "Not an org unit code");
    const OrgUnit* u = h->find(it->get<std::string>(), q.as_of);
    if (!u) throw Error::OrgUnitFieldNotFound(it->get<std::string>(), "filters.orgUnit", q.as_of);
    Access::require_unit_visible(c.me(), u->id, "đơn vị", "Org unit");
    q.org_unit = u;
  }
  std::vector<fig::BusinessFact> bs;
  std::vector<fig::InspectionFact> is;
  std::map<std::string, BusinessTypeLabel> types;
  c.app.db().with_session([&](soci::session& s) {
    types = load_business_type_labels(s);
    std::set<std::string> type_codes;
    for (const auto& [k, _] : types) type_codes.insert(k);
    q.types = list_in(f, "types", type_codes);
    q.statuses = list_in(f, "statuses", {"operating", "suspended", "closed"});
  });
  {
    const auto facts = c.app.inspection_facts().current(c.app.db());  // reloaded after any write
    bs = businesses_in(*facts, c.me().scope);
    is = inspections_in(*facts, c.me().scope, q.from, q.to);
  }
  auto label = [&](analytics::InspDim d, const std::optional<std::string>& k) -> analytics::InspLabel {
    if (!k) return {"Khác", "Other", "~"};
    switch (d) {
      case analytics::InspDim::type: {
        auto it = types.find(*k);
        if (it == types.end()) return {*k, *k, "~" + *k};
        char buf[16];
        std::snprintf(buf, sizeof buf, "%08d", it->second.sort);
        return {it->second.vi, it->second.en, buf + *k};
      }
      case analytics::InspDim::status: {
        const std::string order = *k == "operating" ? "1" : *k == "suspended" ? "2" : "3";
        return {status_vi(*k), status_en(*k), order};
      }
      case analytics::InspDim::province: case analytics::InspDim::commune: {
        const OrgUnit* u = h->find(*k, q.as_of);
        return {u ? u->name : *k, u ? u->name : *k, u ? u->sort_key : *k};
      }
      default: {
        PeriodName p = period_name(*k);
        return {p.vi, p.en, *k};
      }
    }
  };
  const analytics::InspTable t = analytics::insp_pivot(bs, is, q, *h, label);
  auto keys = [](const std::vector<std::vector<std::optional<std::string>>>& ks) {
    json out = json::array();
    for (const auto& k : ks) {
      json a = json::array();
      for (const auto& x : k) a.push_back(x ? json(*x) : json(nullptr));
      out.push_back(a);
    }
    return out;
  };
  auto values = [](const std::vector<std::optional<double>>& v) {
    json a = json::array();
    for (const auto& x : v) a.push_back(opt(x));
    return a;
  };
  json cells = json::array(), rows = json::array(), cols = json::array();
  for (const auto& r : t.cells) cells.push_back(values(r));
  for (auto d : q.rows) rows.push_back(analytics::name_of(d));
  for (auto d : q.columns) cols.push_back(analytics::name_of(d));
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return Response::json({{"measure", q.measure}, {"rows", rows}, {"columns", cols}, {"rowKeys", keys(t.row_keys)},
                         {"rowLabels", t.row_labels}, {"rowLabelsEn", t.row_labels_en}, {"columnKeys", keys(t.column_keys)},
                         {"columnLabels", t.column_labels}, {"columnLabelsEn", t.column_labels_en}, {"cells", cells},
                         {"rowTotals", values(t.row_totals)}, {"columnTotals", values(t.column_totals)},
                         {"total", opt(t.total)}, {"facts", t.facts}, {"asOf", q.as_of.iso()},
                         {"from", q.from.iso()}, {"to", q.to.iso()}, {"elapsedMs", ms}});
}
}  // namespace

void add_inspection_figures_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/inspection-figures", Auth::Session, figures,
               "Figures of service businesses and their final inspections for a unit and year: coverage, violations per "
               "100 inspections, repeat violators, fines, outreach; by type and status; per unit below",
               perm::kInspectionsRead});
  r.push_back({"POST", "/api/analytics/inspections/pivot", Auth::Session, pivot,
               "Pivot of the business and inspection figures (final records only) by business type, status, unit and "
               "period: counts, coverage %, violations per 100 inspections, repeat violators, fines, outreach",
               perm::kInspectionsRead});
}

}  // namespace longghep
