// Pivot tables over every activity of the caller's scope (issue 6, docs/api-analytics.md),
// answered by the in-memory engine (analytics/, storage/analytics_source.hpp) or, for system
// administrators with ?via=sql, by the same query in SQL (storage/analytics_sql.hpp). Needs
// activities.read; the facts are those of the caller's scope; an orgUnit outside it is 404.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>

#include "domain/error.hpp"
#include "export/sheet_writer.hpp"
#include "http/app.hpp"
#include "security/crypto.hpp"
#include "storage/analytics_sql.hpp"
#include "storage/attachments.hpp"

namespace longghep {
using nlohmann::json;
namespace an = analytics;

namespace {
constexpr size_t kMaxFilterValues = 200;

struct NameVi { const char* vi; const char* en; };
NameVi measure_label(an::Measure m) {
  switch (m) {
    case an::Measure::activities: return {"Số hoạt động", "Activities"};
    case an::Measure::reached: return {"Số người được tiếp cận", "People reached"};
    case an::Measure::female: return {"Số người được tiếp cận (nữ)", "People reached (female)"};
    case an::Measure::male: return {"Số người được tiếp cận (nam)", "People reached (male)"};
    case an::Measure::age: return {"Số người theo nhóm tuổi", "People by age band"};
    case an::Measure::output: return {"Kết quả đầu ra", "Outputs"};
    case an::Measure::cost: return {"Kinh phí (đồng)", "Cost (VND)"};
    case an::Measure::planned: return {"Kinh phí kế hoạch (đồng)", "Planned budget (VND)"};
    case an::Measure::allocated: return {"Kinh phí được giao (đồng)", "Allocated budget (VND)"};
  }
  return {"", ""};
}
NameVi dim_label(an::Dim d) {
  using D = an::Dim;
  switch (d) {
    case D::province: return {"Tỉnh, thành phố", "Province"};
    case D::district: return {"Huyện (trước 07/2025)", "District (before 07/2025)"};
    case D::commune: return {"Xã, phường, đặc khu", "Commune"};
    case D::unit: return {"Đơn vị trực thuộc", "Sub-unit"};
    case D::level: return {"Cấp", "Level"};
    case D::type: return {"Loại can thiệp", "Intervention type"};
    case D::typeGroup: return {"Nhóm can thiệp", "Intervention group"};
    case D::targetGroup: return {"Nhóm đối tượng", "Target group"};
    case D::targetGroupGroup: return {"Nhóm đối tượng (phòng ngừa / giảm hại)", "Target-group group"};
    case D::ageBand: return {"Nhóm tuổi", "Age band"};
    case D::agency: return {"Cơ quan chủ trì", "Lead agency"};
    case D::programme: return {"Chương trình lồng ghép", "Programme"};
    case D::fundingSource: return {"Nguồn kinh phí", "Funding source"};
    case D::fundingGroup: return {"Nhóm nguồn kinh phí", "Funding group"};
    case D::outputKind: return {"Loại kết quả đầu ra", "Output kind"};
    case D::planned: return {"Theo kế hoạch", "Planned"};
    case D::year: return {"Năm", "Year"};
    case D::half: return {"6 tháng", "Half-year"};
    case D::quarter: return {"Quý", "Quarter"};
    case D::month: return {"Tháng", "Month"};
    case D::day: return {"Ngày", "Day"};
  }
  return {"", ""};
}

std::vector<an::Dim> dims_of(const json& b, const std::string& field, an::Measure m, std::set<an::Dim>& seen) {
  std::vector<an::Dim> out;
  auto it = b.find(field);
  if (it == b.end() || it->is_null()) return out;
  if (!it->is_array() || it->size() > an::kMaxDimsPerAxis)
    throw Error::Validation(field, "\"" + field + "\" là danh sách tối đa 3 chiều",
                            "\"" + field + "\" is a list of at most 3 dimensions");
  for (const auto& x : *it) {
    const std::string name = x.is_string() ? x.get<std::string>() : x.dump();
    auto d = x.is_string() ? an::dim_from(name) : std::nullopt;
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

std::vector<std::string> strings_of(const json& f, const std::string& key) {
  std::vector<std::string> out;
  auto it = f.find(key);
  if (it == f.end() || it->is_null()) return out;
  const std::string field = "filters." + key;
  if (!it->is_array() || it->size() > kMaxFilterValues)
    throw Error::Validation(field, "\"" + field + "\" là danh sách mã (tối đa 200)", "\"" + field + "\" is a list of codes (at most 200)");
  for (const auto& x : *it) {
    if (!x.is_string() || x.get<std::string>().empty() || x.get<std::string>().size() > 64)
      throw Error::Validation(field, "\"" + field + "\" chỉ chứa mã dạng chuỗi", "\"" + field + "\" holds text codes only");
    out.push_back(x.get<std::string>());
  }
  return out;
}

std::vector<long long> ids_of(const json& f, const std::string& key) {
  std::vector<long long> out;
  auto it = f.find(key);
  if (it == f.end() || it->is_null()) return out;
  const std::string field = "filters." + key;
  if (!it->is_array() || it->size() > kMaxFilterValues)
    throw Error::Validation(field, "\"" + field + "\" là danh sách mã số (tối đa 200)", "\"" + field + "\" is a list of ids (at most 200)");
  for (const auto& x : *it) {
    if (!x.is_number_integer()) throw Error::Validation(field, "\"" + field + "\" chỉ chứa số nguyên", "\"" + field + "\" holds integers only");
    out.push_back(x.get<long long>());
  }
  return out;
}

// Every value must be a known code of the taxonomy (`group`: of its groups).
void check_codes(const std::vector<std::string>& values, const std::vector<an::Term>& terms, bool group,
                 const std::string& field) {
  for (const auto& v : values) {
    bool known = false;
    for (const auto& t : terms) known = known || (group ? t.group == v : t.code == v);
    if (!known)
      throw Error::Validation("filters." + field, "Giá trị không có trong danh mục: \"" + v + "\"",
                              "Not a known value: \"" + v + "\"");
  }
}

void check_applies(const std::vector<std::string>& values, an::Measure m, an::Dim d, const std::string& field) {
  if (!values.empty() && !an::applies(m, d))
    throw Error::Validation("filters." + field,
                            "Bộ lọc \"" + field + "\" không áp dụng cho chỉ tiêu \"" + an::name_of(m) + "\"",
                            "The filter \"" + field + "\" does not apply to the measure \"" + an::name_of(m) + "\"");
}

Date date_of(const json& b, const std::string& key, const std::string& field, Date fallback) {
  auto it = b.find(key);
  if (it == b.end() || it->is_null()) return fallback;
  if (!it->is_string()) throw Error::Validation(field, "Ngày phải có dạng YYYY-MM-DD", "A date must be YYYY-MM-DD");
  return Date::parse_or_throw(it->get<std::string>(), field);
}

// The request body → a query whose taxonomy values are known. `scope` and `org_unit` are set
// from the caller: the orgUnit (default: the caller's home unit when valid on asOf) must be in
// scope, else 404.
struct Parsed {
  an::PivotQuery q;
  Scope scope;
};

Parsed parse_query(Ctx& c, const json& b, const Hierarchy& h, const an::Catalog& cat) {
  Parsed p;
  an::PivotQuery& q = p.q;
  const std::string measure = b.contains("measure") && b["measure"].is_string() ? b["measure"].get<std::string>() : "";
  auto m = an::measure_from(measure);
  if (!m)
    throw Error::Validation("measure",
                            "Chỉ tiêu không hợp lệ: \"" + measure +
                                "\" (activities, reached, female, male, age, output, cost, planned, allocated)",
                            "Unknown measure: \"" + measure +
                                "\" (activities, reached, female, male, age, output, cost, planned, allocated)");
  q.measure = *m;
  // Money (issue 19) is read with plans.read, as everywhere (docs/api-money.md).
  if (an::money_measure(q.measure)) Access::require(c.me(), perm::kPlansRead);
  std::set<an::Dim> seen;
  q.rows = dims_of(b, "rows", q.measure, seen);
  q.columns = dims_of(b, "columns", q.measure, seen);
  q.as_of = date_of(b, "asOf", "asOf", Date::today_vn());
  if (auto s = b.find("suppressBelow"); s != b.end() && !s->is_null()) {
    if (!s->is_number_integer() || s->get<long long>() < 0 || s->get<long long>() > 1000)
      throw Error::Validation("suppressBelow", "suppressBelow là số nguyên từ 0 đến 1000", "suppressBelow is an integer from 0 to 1000");
    q.suppress_below = s->get<long long>();
  }
  json f = json::object();
  if (auto it = b.find("filters"); it != b.end() && !it->is_null()) {
    if (!it->is_object()) throw Error::Validation("filters", "\"filters\" phải là một đối tượng", "\"filters\" must be an object");
    f = *it;
  }
  static const std::set<std::string> known = {"from", "to", "orgUnit", "types", "typeGroups", "targetGroups",
                                              "targetGroupGroups", "agencies", "programmes", "fundingSources",
                                              "outputKinds", "ageBands", "planned"};
  for (auto it = f.begin(); it != f.end(); ++it)
    if (!known.count(it.key()))
      throw Error::Validation("filters." + it.key(), "Không có bộ lọc \"" + it.key() + "\"", "Unknown filter \"" + it.key() + "\"");
  q.from = date_of(f, "from", "filters.from", Date::min());
  q.to = date_of(f, "to", "filters.to", Date::max());
  if (q.to < q.from)
    throw Error::Validation("filters.to", "Ngày kết thúc phải từ ngày bắt đầu trở đi", "\"to\" cannot be before \"from\"");
  q.types = strings_of(f, "types");
  q.type_groups = strings_of(f, "typeGroups");
  q.target_groups = strings_of(f, "targetGroups");
  q.target_group_groups = strings_of(f, "targetGroupGroups");
  q.funding_sources = strings_of(f, "fundingSources");
  q.output_kinds = strings_of(f, "outputKinds");
  q.age_bands = strings_of(f, "ageBands");
  q.agencies = ids_of(f, "agencies");
  q.programmes = ids_of(f, "programmes");
  check_codes(q.types, cat.types, false, "types");
  check_codes(q.type_groups, cat.types, true, "typeGroups");
  check_codes(q.target_groups, cat.target_groups, false, "targetGroups");
  check_codes(q.target_group_groups, cat.target_groups, true, "targetGroupGroups");
  check_codes(q.funding_sources, cat.funding_sources, false, "fundingSources");
  check_codes(q.output_kinds, cat.output_kinds, false, "outputKinds");
  check_codes(q.age_bands, cat.age_bands, false, "ageBands");
  check_applies(q.target_groups, q.measure, an::Dim::targetGroup, "targetGroups");
  check_applies(q.target_group_groups, q.measure, an::Dim::targetGroup, "targetGroupGroups");
  check_applies(q.funding_sources, q.measure, an::Dim::fundingSource, "fundingSources");
  check_applies(q.output_kinds, q.measure, an::Dim::outputKind, "outputKinds");
  check_applies(q.age_bands, q.measure, an::Dim::ageBand, "ageBands");
  if (!an::applies(q.measure, an::Dim::agency) && f.contains("agencies") && !f["agencies"].is_null() &&
      !(f["agencies"].is_array() && f["agencies"].empty()))
    throw Error::Validation("filters.agencies",
                            "Bộ lọc \"agencies\" không áp dụng cho chỉ tiêu \"" + std::string(an::name_of(q.measure)) + "\"",
                            "The filter \"agencies\" does not apply to the measure \"" + std::string(an::name_of(q.measure)) + "\"");
  if (!an::applies(q.measure, an::Dim::planned) && f.contains("planned") && !f["planned"].is_null())
    throw Error::Validation("filters.planned",
                            "Bộ lọc \"planned\" không áp dụng cho chỉ tiêu \"" + std::string(an::name_of(q.measure)) + "\"",
                            "The filter \"planned\" does not apply to the measure \"" + std::string(an::name_of(q.measure)) + "\"");
  for (long long a : q.agencies)
    if (!cat.agencies.count(a))
      throw Error::Validation("filters.agencies", "Cơ quan không tồn tại: " + std::to_string(a), "Unknown agency: " + std::to_string(a));
  for (long long x : q.programmes)
    if (!cat.programmes.count(x))
      throw Error::Validation("filters.programmes", "Chương trình không tồn tại: " + std::to_string(x),
                              "Unknown programme: " + std::to_string(x));
  if (auto it = f.find("planned"); it != f.end() && !it->is_null()) {
    if (!it->is_boolean()) throw Error::Validation("filters.planned", "planned là true hoặc false", "planned is true or false");
    q.planned = it->get<bool>();
  }
  const Principal& me = c.me();
  p.scope = me.scope;
  if (auto it = f.find("orgUnit"); it != f.end() && !it->is_null()) {
    if (!it->is_string() || it->get<std::string>().empty() || it->get<std::string>().size() > 32)
      throw Error::Validation("filters.orgUnit", "Mã đơn vị hành chính không hợp lệ", "Not an org unit code");
    const std::string code = it->get<std::string>();
    const OrgUnit* u = h.find(code, q.as_of);
    if (!u) throw Error::OrgUnitFieldNotFound(code, "filters.orgUnit", q.as_of);
    Access::require_unit_visible(me, u->id, "đơn vị", "Org unit");
    q.org_unit = u;
  } else {
    // The caller's home as of asOf (a unit merged since maps onto its successor).
    q.org_unit = an::UnitMap::resolve(h, h.by_id(me.org_unit_id), q.as_of);
    if (q.org_unit && !Access::can_see_unit(me, q.org_unit->id)) q.org_unit = nullptr;
  }
  if (auto only = Access::assignment_agency(me)) q.only_agency = *only ? *only : -1;
  return p;
}

json key_json(const std::vector<std::optional<std::string>>& k) {
  json out = json::array();
  for (const auto& x : k) out.push_back(x ? json(*x) : json(nullptr));
  return out;
}
json opt_json(const std::optional<long long>& v) { return v ? json(*v) : json(nullptr); }

json table_json(const an::PivotQuery& q, const an::PivotTable& t, double ms, const char* engine) {
  json rows = json::array(), cols = json::array();
  for (auto d : q.rows) rows.push_back(an::name_of(d));
  for (auto d : q.columns) cols.push_back(an::name_of(d));
  json rk = json::array(), ck = json::array(), cells = json::array(), rt = json::array(), ct = json::array();
  for (const auto& k : t.row_keys) rk.push_back(key_json(k));
  for (const auto& k : t.column_keys) ck.push_back(key_json(k));
  for (const auto& r : t.cells) {
    json row = json::array();
    for (const auto& v : r) row.push_back(opt_json(v));
    cells.push_back(row);
  }
  for (const auto& v : t.row_totals) rt.push_back(opt_json(v));
  for (const auto& v : t.column_totals) ct.push_back(opt_json(v));
  return {{"measure", an::name_of(q.measure)}, {"rows", rows}, {"columns", cols}, {"rowKeys", rk},
          {"rowLabels", t.row_labels}, {"columnKeys", ck}, {"columnLabels", t.column_labels}, {"cells", cells},
          {"rowLabelsEn", t.row_labels_en}, {"columnLabelsEn", t.column_labels_en},
          {"rowTotals", rt}, {"columnTotals", ct}, {"total", opt_json(t.total)}, {"suppressed", t.suppressed},
          {"facts", t.facts}, {"elapsedMs", ms}, {"engine", engine}, {"asOf", q.as_of.iso()}};
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

struct Computed {
  an::PivotQuery q;
  an::PivotTable table;
  double ms = 0;
  bool sql = false;
};

Computed compute(Ctx& c) {
  Access::require(c.me(), perm::kActivitiesRead);
  const json b = c.body();
  const bool sql = c.enum_q("via", {"sql"}) == "sql";
  if (sql) Access::require_role(c.me(), "system_admin");
  HierarchyPtr h = c.app.hierarchy();
  Computed out;
  out.sql = sql;
  // The money lines follow plans and decisions by their fingerprint: checked before a money pivot,
  // so a decision issued by this process is in the next answer (another process's: within ~1 s).
  if (b.is_object() && b.contains("measure") && b["measure"].is_string()) {
    auto m = an::measure_from(b["measure"].get<std::string>());
    if (m && an::money_measure(*m) && !sql) c.app.analytics().refresh_money();
  }
  c.app.analytics().read([&](const an::FactStore& store, const an::Catalog& cat) {
    Parsed p = parse_query(c, b, *h, cat);
    p.q.scope = &p.scope;
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<an::Group> groups;
    if (sql) {
      std::vector<long long> ids;
      for (const auto& u : h->units()) ids.push_back(u.id);
      an::UnitMap units(*h, ids, p.q.as_of);
      c.app.db().with_session([&](soci::session& s) { groups = pivot_by_sql(s, p.q, units); });
    } else {
      an::UnitMap units(*h, store.units().values(), p.q.as_of);
      groups = an::evaluate(store, cat, units, p.q);
    }
    out.table = an::assemble(p.q, groups, an::Labels{cat, *h, p.q.measure});
    out.ms = ms_since(t0);
    out.q = p.q;
    out.q.scope = nullptr;  // points into p
    out.q.org_unit = nullptr;
  });
  return out;
}

Response pivot(Ctx& c) {
  Access::require(c.me(), perm::kActivitiesRead);  // before the cache: a kept answer is never served without it
  auto answer = [&] {
    Computed r = compute(c);
    return Response::json(table_json(r.q, r.table, r.ms, r.sql ? "sql" : "memory"));
  };
  if (c.q("via") == "sql") return answer();  // the SQL cross-check always runs
  return c.app.cached(c, answer);
}

Response export_pivot(Ctx& c) {
  Computed r = compute(c);
  const auto& t = r.table;
  std::vector<std::string> header;
  for (auto d : r.q.rows) header.push_back(dim_label(d).vi);
  if (r.q.rows.empty()) header.push_back(measure_label(r.q.measure).vi);
  for (const auto& l : t.column_labels) {
    std::string s;
    for (const auto& x : l) s += (s.empty() ? "" : " / ") + x;
    header.push_back(s.empty() ? "Giá trị" : s);
  }
  header.push_back("Tổng");
  auto cell = [](const std::optional<long long>& v) { return v ? Cell{*v} : Cell{}; };
  const std::string path =
      (std::filesystem::temp_directory_path() / ("longghep-pivot-" + security::random_token(8))).string();
  {
    XlsxSheetWriter w(path, "Bảng tổng hợp");
    w.header(header);
    for (size_t i = 0; i < t.row_keys.size(); ++i) {
      std::vector<Cell> row;
      for (const auto& l : t.row_labels[i]) row.push_back(Cell{l});
      if (r.q.rows.empty()) row.push_back(Cell{std::string(measure_label(r.q.measure).vi)});
      for (const auto& v : t.cells[i]) row.push_back(cell(v));
      row.push_back(cell(t.row_totals[i]));
      w.row(row);
    }
    std::vector<Cell> total{Cell{std::string("Tổng cộng")}};
    for (size_t k = 1; k < std::max<size_t>(1, r.q.rows.size()); ++k) total.push_back(Cell{});
    for (const auto& v : t.column_totals) total.push_back(cell(v));
    total.push_back(cell(t.total));
    w.row(total);
    w.finish();
  }
  Response resp;
  resp.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  resp.headers.push_back({"Content-Disposition", content_disposition("bang-tong-hop-" + Date::today_vn().iso() + ".xlsx")});
  resp.stream = [path](std::ostream& os) {
    {
      std::ifstream in(path, std::ios::binary);
      os << in.rdbuf();
    }
    std::remove(path.c_str());
  };
  return resp;
}

json terms_json(const std::vector<an::Term>& terms) {
  json out = json::array();
  for (const auto& t : terms)
    out.push_back({{"code", t.code}, {"label", t.name_vi}, {"labelEn", t.name_en}, {"group", t.group.empty() ? json(nullptr) : json(t.group)}});
  return out;
}
json groups_json(const std::map<std::string, an::GroupLabel>& m) {
  json out = json::array();
  for (const auto& [k, v] : m) out.push_back({{"code", k}, {"label", v.name_vi}, {"labelEn", v.name_en}});
  return out;
}

Response meta(Ctx& c) {
  Access::require(c.me(), perm::kActivitiesRead);
  json out;
  AnalyticsIndex::Stats st = c.app.analytics().stats();
  c.app.analytics().read([&](const an::FactStore&, const an::Catalog& cat) {
    json measures = json::array(), dims = json::array();
    const bool money = Access::has(c.me(), perm::kPlansRead);
    for (auto m : {an::Measure::activities, an::Measure::reached, an::Measure::female, an::Measure::male,
                   an::Measure::age, an::Measure::output, an::Measure::cost, an::Measure::planned,
                   an::Measure::allocated}) {
      if (an::money_measure(m) && !money) continue;  // money is read with plans.read
      json applicable = json::array();
      for (int i = 0; i <= static_cast<int>(an::Dim::day); ++i)
        if (an::applies(m, static_cast<an::Dim>(i))) applicable.push_back(an::name_of(static_cast<an::Dim>(i)));
      measures.push_back({{"code", an::name_of(m)}, {"label", measure_label(m).vi}, {"labelEn", measure_label(m).en},
                          {"peopleCount", an::people_count(m)}, {"dimensions", applicable}});
    }
    for (int i = 0; i <= static_cast<int>(an::Dim::day); ++i) {
      const auto d = static_cast<an::Dim>(i);
      dims.push_back({{"code", an::name_of(d)}, {"label", dim_label(d).vi}, {"labelEn", dim_label(d).en},
                      {"kind", an::is_org_dim(d) ? "orgUnit" : an::is_period_dim(d) ? "period" : "category"}});
    }
    out = {{"measures", measures},
           {"dimensions", dims},
           {"members",
            {{"type", terms_json(cat.types)},
             {"typeGroup", groups_json(cat.type_groups)},
             {"targetGroup", terms_json(cat.target_groups)},
             {"targetGroupGroup", groups_json(cat.target_group_groups)},
             {"ageBand", terms_json(cat.age_bands)},
             {"outputKind", terms_json(cat.output_kinds)},
             {"fundingSource", terms_json(cat.funding_sources)},
             {"fundingGroup", groups_json(cat.funding_groups)},
             {"level", json::array({{{"code", "central"}, {"label", "Trung ương"}, {"labelEn", "Central"}},
                                    {{"code", "province"}, {"label", "Cấp tỉnh"}, {"labelEn", "Province level"}},
                                    {{"code", "district"}, {"label", "Cấp huyện (trước 07/2025)"}, {"labelEn", "District level (before 07/2025)"}},
                                    {{"code", "commune"}, {"label", "Cấp xã"}, {"labelEn", "Commune level"}}})},
             {"planned", json::array({{{"code", "true"}, {"label", "Theo kế hoạch"}, {"labelEn", "Planned"}},
                                      {{"code", "false"}, {"label", "Ngoài kế hoạch"}, {"labelEn", "Not planned"}}})}}},
           {"limits", {{"maxCells", an::kMaxCells}, {"maxDimsPerAxis", an::kMaxDimsPerAxis}, {"maxFilterValues", kMaxFilterValues}}},
           {"engine", {{"activities", st.activities}, {"facts", st.facts}, {"bytes", st.bytes},
                       {"bytesPerFact", st.facts ? static_cast<double>(st.bytes) / static_cast<double>(st.facts) : 0.0},
                       {"loadMs", st.load_ms}}}};
  });
  return Response::json(out);
}
}  // namespace

void add_analytics_routes(std::vector<Route>& r) {
  r.push_back({"POST", "/api/analytics/pivot", Auth::Session, pivot, "A pivot table (measure × row/column dimensions, filters, asOf) over the caller's scope; ?via=sql (system_admin) computes it in SQL", perm::kActivitiesRead});
  r.push_back({"POST", "/api/analytics/pivot/export", Auth::Session, export_pivot, "The same pivot as an .xlsx table with labels and totals"});
  r.push_back({"GET", "/api/analytics/meta", Auth::Session, meta, "Measures, dimensions and the members of the small dimensions, with Vietnamese and English labels", perm::kActivitiesRead});
}

}  // namespace longghep
