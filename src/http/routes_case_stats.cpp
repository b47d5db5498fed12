// Statistics of people supported (issue 16 §3–4, docs/api-cases.md "Statistics"): the case
// measures casePeople, caseServices, caseReferrals as a pivot over the caller's scope. Only
// records whose consent to `statistics` is in force on the computation day (today) count; every
// cell and total of 1..4 is suppressed, with secondary suppression (analytics/case_stats.hpp).
// Needs cases.read: police and inspection roles are refused by the wall (Access::has).
#include <chrono>
#include <set>

#include "analytics/case_stats.hpp"
#include "domain/error.hpp"
#include "domain/reporting.hpp"
#include "http/app.hpp"
#include "storage/case_stats.hpp"

namespace longghep {
using nlohmann::json;
namespace an = analytics;

namespace {
std::vector<an::CaseDim> case_dims_of(const json& b, const std::string& field, an::CaseMeasure m, std::set<an::CaseDim>& seen) {
  std::vector<an::CaseDim> out;
  auto it = b.find(field);
  if (it == b.end() || it->is_null()) return out;
  if (!it->is_array() || it->size() > 2)
    throw Error::Validation(field, "\"" + field + "\" là danh sách tối đa 2 chiều", "\"" + field + "\" is a list of at most 2 dimensions");
  for (const auto& x : *it) {
    const std::string name = x.is_string() ? x.get<std::string>() : x.dump();
    auto d = x.is_string() ? an::case_dim_from(name) : std::nullopt;
    if (!d) throw Error::Validation(field, "Không có chiều phân tích \"" + name + "\"", "Unknown dimension \"" + name + "\"");
    if (!an::applies(m, *d))
      throw Error::Validation(field, "Chiều \"" + name + "\" không áp dụng cho chỉ tiêu \"" + an::name_of(m) + "\"",
                              "The dimension \"" + name + "\" does not apply to the measure \"" + an::name_of(m) + "\"");
    if (!seen.insert(*d).second)
      throw Error::Validation(field, "Chiều \"" + name + "\" bị lặp lại", "The dimension \"" + name + "\" is repeated");
    out.push_back(*d);
  }
  return out;
}

std::vector<std::string> codes_of(const json& f, const std::string& key, const std::map<std::string, CaseStatsCatalog::Entry>& known) {
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

Date date_in(const json& b, const std::string& key, const std::string& field, Date fallback) {
  auto it = b.find(key);
  if (it == b.end() || it->is_null()) return fallback;
  if (!it->is_string()) throw Error::Validation(field, "Ngày phải có dạng YYYY-MM-DD", "A date must be YYYY-MM-DD");
  return Date::parse_or_throw(it->get<std::string>(), field);
}

json opt_json(const std::optional<long long>& v) { return v ? json(*v) : json(nullptr); }

std::string sex_vi(const std::string& s) { return s == "female" ? "Nữ" : s == "male" ? "Nam" : s == "other" ? "Khác" : "Không rõ"; }
std::string sex_en(const std::string& s) { return s == "female" ? "Female" : s == "male" ? "Male" : s == "other" ? "Other" : "Unknown"; }

Response case_pivot_route(Ctx& c) {
  Access::require(c.me(), perm::kCasesRead);
  const json b = c.body();
  const std::string measure = b.contains("measure") && b["measure"].is_string() ? b["measure"].get<std::string>() : "";
  auto m = an::case_measure_from(measure);
  if (!m)
    throw Error::Validation("measure", "Chỉ tiêu không hợp lệ (casePeople, caseServices, caseReferrals)",
                            "Unknown measure (casePeople, caseServices, caseReferrals)");
  an::CaseQuery q;
  q.measure = *m;
  std::set<an::CaseDim> seen;
  q.rows = case_dims_of(b, "rows", q.measure, seen);
  q.columns = case_dims_of(b, "columns", q.measure, seen);
  const Date today = Date::today_vn();
  q.as_of = date_in(b, "asOf", "asOf", today);
  json f = json::object();
  if (auto it = b.find("filters"); it != b.end() && !it->is_null()) {
    if (!it->is_object()) throw Error::Validation("filters", "\"filters\" phải là một đối tượng", "\"filters\" must be an object");
    f = *it;
  }
  static const std::set<std::string> known = {"from", "to", "orgUnit", "hostProgrammes", "services"};
  for (auto it = f.begin(); it != f.end(); ++it)
    if (!known.count(it.key()))
      throw Error::Validation("filters." + it.key(), "Không có bộ lọc \"" + it.key() + "\"", "Unknown filter \"" + it.key() + "\"");
  q.from = date_in(f, "from", "filters.from", Date::min());
  q.to = date_in(f, "to", "filters.to", Date::max());
  if (q.to < q.from) throw Error::Validation("filters.to", "Ngày kết thúc phải từ ngày bắt đầu trở đi", "\"to\" cannot be before \"from\"");
  HierarchyPtr h = c.app.hierarchy();
  const Principal& me = c.me();
  if (auto it = f.find("orgUnit"); it != f.end() && !it->is_null()) {
    if (!it->is_string() || it->get<std::string>().empty() || it->get<std::string>().size() > 32)
      throw Error::Validation("filters.orgUnit", "Mã đơn vị hành chính không hợp lệ", "Not an org unit code");
    const OrgUnit* u = h->find(it->get<std::string>(), q.as_of);
    if (!u) throw Error::OrgUnitFieldNotFound(it->get<std::string>(), "filters.orgUnit", q.as_of);
    Access::require_unit_visible(me, u->id, "đơn vị", "Org unit");
    q.org_unit = u;
  }
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<an::CaseFact> facts;
  CaseStatsCatalog cat;
  c.app.db().with_session([&](soci::session& s) {
    cat = load_case_stats_catalog(s);
    q.host_programmes = codes_of(f, "hostProgrammes", cat.host_programmes);
    q.services = codes_of(f, "services", cat.services);
    const Date lo = q.from == Date::min() ? Date::from_ymd(2000, 1, 1) : q.from;
    const Date hi = q.to == Date::max() ? Date::from_ymd(2100, 12, 31) : q.to;
    facts = load_case_facts(s, q.measure == an::CaseMeasure::referrals ? an::CaseMeasure::referrals : an::CaseMeasure::services,
                            me.scope, lo, hi, today);
  });
  auto label = [&](an::CaseDim d, const std::optional<std::string>& k) -> an::CaseLabel {
    if (!k) return {"(không xác định)", "(unknown)", "~"};
    auto from_map = [&](const std::map<std::string, CaseStatsCatalog::Entry>& mm) -> an::CaseLabel {
      auto it = mm.find(*k);
      if (it == mm.end()) return {*k, *k, "~" + *k};
      char buf[16];
      std::snprintf(buf, sizeof buf, "%08d", it->second.sort);
      return {it->second.vi, it->second.en, buf + *k};
    };
    switch (d) {
      case an::CaseDim::hostProgramme: return from_map(cat.host_programmes);
      case an::CaseDim::service: return from_map(cat.services);
      case an::CaseDim::targetGroup: return from_map(cat.target_groups);
      case an::CaseDim::sex: return {sex_vi(*k), sex_en(*k), *k};
      case an::CaseDim::province: case an::CaseDim::commune: {
        const OrgUnit* u = h->find(*k, q.as_of);
        return {u ? u->name : *k, u ? u->name : *k, u ? u->sort_key : *k};
      }
      default: {
        PeriodName p = period_name(*k);
        return {p.vi, p.en, *k};
      }
    }
  };
  an::CaseTable t = an::case_pivot(facts, q, *h, label);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  auto keys = [](const std::vector<std::vector<std::optional<std::string>>>& ks) {
    json out = json::array();
    for (const auto& k : ks) {
      json a = json::array();
      for (const auto& x : k) a.push_back(x ? json(*x) : json(nullptr));
      out.push_back(a);
    }
    return out;
  };
  json cells = json::array(), flags = json::array(), rt = json::array(), rts = json::array(), ct = json::array(),
       cts = json::array(), rows = json::array(), cols = json::array();
  for (const auto& r : t.table.cells) {
    json a = json::array(), s = json::array();
    for (const auto& x : r) {
      a.push_back(opt_json(x.value()));
      s.push_back(x.suppressed);
    }
    cells.push_back(a);
    flags.push_back(s);
  }
  for (const auto& x : t.table.row_totals) {
    rt.push_back(opt_json(x.value()));
    rts.push_back(x.suppressed);
  }
  for (const auto& x : t.table.column_totals) {
    ct.push_back(opt_json(x.value()));
    cts.push_back(x.suppressed);
  }
  for (auto d : q.rows) rows.push_back(an::name_of(d));
  for (auto d : q.columns) cols.push_back(an::name_of(d));
  return Response::json({{"measure", an::name_of(q.measure)}, {"rows", rows}, {"columns", cols},
                         {"rowKeys", keys(t.row_keys)}, {"rowLabels", t.row_labels}, {"rowLabelsEn", t.row_labels_en},
                         {"columnKeys", keys(t.column_keys)}, {"columnLabels", t.column_labels},
                         {"columnLabelsEn", t.column_labels_en}, {"cells", cells}, {"cellsSuppressed", flags},
                         {"rowTotals", rt}, {"rowTotalsSuppressed", rts}, {"columnTotals", ct},
                         {"columnTotalsSuppressed", cts}, {"total", opt_json(t.table.total.value())},
                         {"totalSuppressed", t.table.total.suppressed}, {"suppressed", t.table.any()},
                         {"facts", t.facts}, {"asOf", q.as_of.iso()}, {"consentOn", today.iso()}, {"elapsedMs", ms}});
}
}  // namespace

void add_case_stats_routes(std::vector<Route>& r) {
  r.push_back({"POST", "/api/analytics/cases/pivot", Auth::Session, case_pivot_route,
               "Statistics of people supported (casePeople, caseServices, caseReferrals) by host programme, service, target "
               "group, sex, unit and period: records consenting to statistics only, cells under 5 suppressed",
               perm::kCasesRead});
}

}  // namespace longghep
