// Money through its stages, the figures (issue 19, docs/api-money.md §4):
//   GET /api/money/execution?orgUnit=&year=&by=source|programme|unit|level|planActivity
//       planned, allocated, spent per row, the three rates and the integrated share
//   GET /api/money/cost-per-result?orgUnit=&year=&by=interventionType|targetGroup
//       spending against people reached and output quantities
//   …and each as .xlsx (Vietnamese headers, amounts "#,##0", rates "0.00%").
// Thin adapters: the amounts are read by storage/money_figures, counted by domain/money_figures.
// Need plans.read; a unit out of scope is 404.
#include <algorithm>

#include "analytics/pivot.hpp"
#include "domain/access.hpp"
#include "domain/error.hpp"
#include "domain/money_figures.hpp"
#include "export/money_xlsx.hpp"
#include "http/app.hpp"
#include "http/render.hpp"
#include "storage/money_figures.hpp"

namespace longghep {
using nlohmann::json;
namespace mf = money_figures;

namespace {
json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

struct Row {
  std::string key, label, label_en;
  std::string sort;
};

struct Request {
  HierarchyPtr h;
  const OrgUnit* unit = nullptr;
  int year = 0;
  Date ref = Date::min();  // 31/12 of the year, or today when the year is not over
  Scope scope;
};

Request request_of(Ctx& c) {
  Access::require(c.me(), perm::kPlansRead);
  Request r;
  r.h = c.app.hierarchy();
  const Date today = Date::today_vn();
  r.year = c.int_q("year", 2000, 2100).value_or(today.year());
  r.ref = std::min(Date::from_ymd(r.year, 12, 31), today);
  if (r.ref.year() < r.year) r.ref = Date::from_ymd(r.year, 1, 1);  // a future year: its first day
  r.unit = c.unit_q(*r.h, "orgUnit", r.ref);
  if (!r.unit) r.unit = c.unit_q(*r.h, "orgUnit");
  if (!r.unit) {
    r.unit = r.h->by_id(c.me().org_unit_id);
    if (r.unit && !r.unit->valid_on(r.ref)) {
      if (const OrgUnit* u = r.h->find(r.unit->code, r.ref)) r.unit = u;
    }
    if (!r.unit) throw Error::Validation("orgUnit", "Chưa chọn đơn vị", "Choose a unit (orgUnit)");
  }
  Access::require_unit_visible(c.me(), r.unit->id, "đơn vị " + r.unit->code, "Org unit " + r.unit->code);
  const Scope subtree = r.h->scope_of(r.unit->id);
  r.scope = narrow_scope(&c.me().scope, &subtree).value_or(Scope::everything());
  return r;
}

const char* kNone = "none";

std::string level_of(const std::string& kind) {
  if (kind == "central") return "0";
  if (kind == "province") return "1";
  if (kind == "district") return "2";
  if (kind == "commune") return "3";
  return "4";
}

// The label of a level key (a unit kind).
std::pair<std::string, std::string> level_label(const std::string& kind) {
  if (kind == "central") return {"Trung ương", "Central"};
  if (kind == "province") return {"Cấp tỉnh", "Province level"};
  if (kind == "district") return {"Cấp huyện (trước 07/2025)", "District level (before 07/2025)"};
  if (kind == "commune") return {"Cấp xã", "Commune level"};
  return {kind, kind};
}

// The row of a unit version for by=unit: the unit itself ("own"), the direct child of the unit
// (as of ref) holding it, or the former units that cannot be placed.
struct UnitKeyer {
  const Hierarchy& h;
  const OrgUnit& root;
  Date ref;
  std::map<long long, std::string> memo;
  std::string key(long long id) {
    if (auto it = memo.find(id); it != memo.end()) return it->second;
    std::string k = analytics::kFormerUnits;
    if (const OrgUnit* u = h.by_id(id)) {
      if (const OrgUnit* m = analytics::UnitMap::resolve(h, u, ref)) {
        if (m->id == root.id || m->code == root.code) {
          k = root.code;
        } else {
          auto chain = h.ancestors(*m, ref);
          chain.push_back(m);
          for (size_t i = 0; i + 1 < chain.size(); ++i)
            if (chain[i]->id == root.id || chain[i]->code == root.code) {
              k = chain[i + 1]->code;
              break;
            }
        }
      }
    }
    memo[id] = k;
    return k;
  }
};

struct Execution {
  std::string by;
  std::vector<Row> rows;
  std::vector<mf::Execution> figures;
  mf::Execution total;
  std::optional<double> integrated_share;
};

Execution execution_of(Ctx& c, const Request& r) {
  Execution out;
  out.by = c.enum_q("by", {"source", "programme", "unit", "level", "planActivity"}, "source");
  std::vector<mf::Line> lines;
  MoneyLabels labels;
  c.app.db().with_session([&](soci::session& s) {
    lines = load_money_lines(s, r.scope, r.year);
    std::vector<long long> programmes, activities;
    for (const auto& l : lines) {
      if (l.programme_id) programmes.push_back(l.programme_id);
      if (l.plan_activity_id) activities.push_back(l.plan_activity_id);
    }
    std::sort(programmes.begin(), programmes.end());
    programmes.erase(std::unique(programmes.begin(), programmes.end()), programmes.end());
    std::sort(activities.begin(), activities.end());
    activities.erase(std::unique(activities.begin(), activities.end()), activities.end());
    labels = load_money_labels(s, programmes, out.by == "planActivity" ? activities : std::vector<long long>{});
  });
  const Hierarchy& h = *r.h;
  UnitKeyer units{h, *r.unit, r.ref, {}};
  auto key_of = [&](const mf::Line& l) -> std::optional<std::string> {
    if (out.by == "source") return l.funding_source;
    if (out.by == "programme") return l.programme_id ? std::to_string(l.programme_id) : kNone;
    if (out.by == "planActivity") return l.plan_activity_id ? std::to_string(l.plan_activity_id) : kNone;
    if (out.by == "unit") return units.key(l.unit_id);
    const OrgUnit* u = h.by_id(l.unit_id);
    return u ? u->kind : std::string("unknown");
  };
  const auto grouped = mf::group(lines, key_of);
  for (const auto& [k, e] : grouped) {
    Row row{k, k, k, k};
    if (out.by == "source") {
      if (auto it = labels.sources.find(k); it != labels.sources.end()) {
        row.label = it->second.vi;
        row.label_en = it->second.en;
        char buf[16];
        std::snprintf(buf, sizeof buf, "%08d", it->second.sort);
        row.sort = buf + k;
      }
    } else if (out.by == "programme" || out.by == "planActivity") {
      if (k == kNone) {
        row.label = out.by == "programme" ? "Không thuộc chương trình nào" : "Không gắn với hoạt động của kế hoạch";
        row.label_en = out.by == "programme" ? "No programme" : "Not linked to a planned activity";
        row.sort = "~";
      } else {
        const long long id = std::stoll(k);
        const auto& m = out.by == "programme" ? labels.programmes : labels.plan_activities;
        row.label = row.label_en = m.count(id) ? m.at(id) : k;
        char buf[24];
        std::snprintf(buf, sizeof buf, "%020lld", id);
        row.sort = out.by == "programme" ? row.label + buf : std::string(buf);
      }
    } else if (out.by == "unit") {
      if (k == analytics::kFormerUnits) {
        row.label = "Đơn vị cũ (trước sắp xếp)";
        row.label_en = "Former units (before the reorganisation)";
        row.sort = "~";
      } else if (k == r.unit->code) {
        row.label = r.unit->name + " (cấp mình)";
        row.label_en = r.unit->name + " (own level)";
        row.sort = "!";
      } else {
        const OrgUnit* u = h.find(k, r.ref);
        row.label = row.label_en = u ? u->name : k;
        row.sort = (u ? u->sort_key : k) + " " + k;
      }
    } else {
      const auto [vi, en] = level_label(k);
      row.label = vi;
      row.label_en = en;
      row.sort = level_of(k) + k;
    }
    out.rows.push_back(row);
    out.figures.push_back(e);
  }
  std::vector<size_t> order(out.rows.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return out.rows[a].sort < out.rows[b].sort; });
  std::vector<Row> rows;
  std::vector<mf::Execution> figures;
  for (size_t i : order) {
    rows.push_back(out.rows[i]);
    figures.push_back(out.figures[i]);
  }
  out.rows = std::move(rows);
  out.figures = std::move(figures);
  out.total = mf::total(lines);
  std::vector<std::string> integrated;
  for (const auto& [code, l] : labels.sources)
    if (l.group == "integrated") integrated.push_back(code);
  out.integrated_share = mf::integrated_share(lines, integrated);
  return out;
}

json figures_json(const mf::Execution& e) {
  return {{"planned", e.planned},
          {"allocated", e.allocated},
          {"spent", e.spent},
          {"allocatedRate", opt(e.allocated_rate())},
          {"spentRate", opt(e.spent_rate())},
          {"spentOfPlanned", opt(e.spent_of_planned())}};
}

// GET /api/money/execution
Response execution(Ctx& c) {
  const Request r = request_of(c);
  const Execution e = execution_of(c, r);
  json rows = json::array();
  for (size_t i = 0; i < e.rows.size(); ++i) {
    json row = {{"key", e.rows[i].key}, {"label", e.rows[i].label}, {"labelEn", e.rows[i].label_en}};
    row.update(figures_json(e.figures[i]));
    rows.push_back(row);
  }
  json total = {{"key", nullptr}, {"label", "Tổng cộng"}, {"labelEn", "Total"}};
  total.update(figures_json(e.total));
  return Response::json({{"orgUnit", unit_ref_or_null(*r.h, r.unit->id)},
                         {"year", r.year},
                         {"by", e.by},
                         {"rows", rows},
                         {"total", total},
                         {"integratedShare", opt(e.integrated_share)}});
}

std::string by_label_vi(const std::string& by) {
  if (by == "source") return "Nguồn kinh phí";
  if (by == "programme") return "Chương trình";
  if (by == "unit") return "Đơn vị";
  if (by == "level") return "Cấp";
  if (by == "planActivity") return "Hoạt động kế hoạch";
  if (by == "interventionType") return "Loại hoạt động";
  return "Nhóm đối tượng";
}

Response xlsx_response(const MoneyTable& t, const std::string& filename) {
  Response resp;
  resp.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  resp.body = render_money_xlsx(t);
  resp.headers.push_back({"Content-Disposition", "attachment; filename=\"" + filename + "\""});
  resp.headers.push_back({"Cache-Control", "no-store"});
  return resp;
}

std::vector<MoneyCell> execution_cells(const std::string& label, const mf::Execution& e) {
  return {MoneyCell::of_text(label), MoneyCell::of_amount(e.planned), MoneyCell::of_amount(e.allocated),
          MoneyCell::of_amount(e.spent), MoneyCell::of_rate(e.allocated_rate()), MoneyCell::of_rate(e.spent_rate()),
          MoneyCell::of_rate(e.spent_of_planned())};
}

// GET /api/money/execution.xlsx
Response execution_xlsx(Ctx& c) {
  const Request r = request_of(c);
  const Execution e = execution_of(c, r);
  MoneyTable t;
  t.sheet = "Thực hiện kinh phí";
  t.title = "Thực hiện kinh phí năm " + std::to_string(r.year) + " — " + r.unit->name;
  t.header = {by_label_vi(e.by), "Kế hoạch (đồng)", "Được giao (đồng)", "Đã chi (đồng)", "Tỷ lệ giao/kế hoạch",
              "Tỷ lệ chi/được giao", "Tỷ lệ chi/kế hoạch"};
  t.widths = {44, 18, 18, 18, 14, 14, 14};
  for (size_t i = 0; i < e.rows.size(); ++i) t.rows.push_back(execution_cells(e.rows[i].label, e.figures[i]));
  t.total = execution_cells("Tổng cộng", e.total);
  if (e.integrated_share) {
    t.rows.push_back({});
    t.rows.push_back({MoneyCell::of_text("Tỷ trọng kinh phí lồng ghép trong số đã chi"), MoneyCell{}, MoneyCell{}, MoneyCell{},
                      MoneyCell::of_rate(e.integrated_share)});
  }
  return xlsx_response(t, "thuc-hien-kinh-phi-" + r.unit->code + "-" + std::to_string(r.year) + ".xlsx");
}

struct CostRows {
  std::string by;
  std::vector<Row> rows;
  std::vector<mf::CostPerResult> figures;
  mf::CostPerResult total;
};

CostRows cost_of(Ctx& c, const Request& r) {
  CostRows out;
  out.by = c.enum_q("by", {"interventionType", "targetGroup"}, "interventionType");
  std::vector<ResultFact> facts;
  MoneyLabels labels;
  c.app.db().with_session([&](soci::session& s) {
    facts = load_result_facts(s, r.scope, r.year);
    labels = load_money_labels(s, {}, {});
  });
  std::map<std::string, mf::CostPerResult> by;
  for (const auto& f : facts) {
    long long reached = 0;
    for (const auto& [g, n] : f.reached) reached += n;
    out.total += mf::CostPerResult{f.spent, reached, f.output_quantity, 1};
    if (out.by == "interventionType") {
      by[f.intervention_type] += mf::CostPerResult{f.spent, reached, f.output_quantity, 1};
      continue;
    }
    // by target group: the activity's spending and outputs shared among the groups it reached in
    // proportion to the people reached; an activity that reached no one counts under "none"
    if (f.reached.empty() || reached == 0) {
      by[kNone] += mf::CostPerResult{f.spent, 0, f.output_quantity, 1};
      continue;
    }
    std::vector<std::string> groups;
    std::vector<long long> weights;
    for (const auto& [g, n] : f.reached) {
      groups.push_back(g);
      weights.push_back(n);
    }
    const auto spent = mf::split(f.spent, weights), outputs = mf::split(f.output_quantity, weights);
    for (size_t i = 0; i < groups.size(); ++i)
      by[groups[i]] += mf::CostPerResult{spent[i], weights[i], outputs[i], 1};
  }
  const auto& terms = out.by == "interventionType" ? labels.types : labels.target_groups;
  std::vector<std::pair<Row, mf::CostPerResult>> rows;
  for (const auto& [k, v] : by) {
    Row row{k, k, k, "~"};
    if (k == kNone) {
      row.label = "Không ghi nhận đối tượng được tiếp cận";
      row.label_en = "No people reached recorded";
    } else if (auto it = terms.find(k); it != terms.end()) {
      row.label = it->second.vi;
      row.label_en = it->second.en;
      char buf[16];
      std::snprintf(buf, sizeof buf, "%08d", it->second.sort);
      row.sort = buf + k;
    }
    rows.push_back({row, v});
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first.sort < b.first.sort; });
  for (auto& [row, v] : rows) {
    out.rows.push_back(row);
    out.figures.push_back(v);
  }
  return out;
}

json cost_json(const mf::CostPerResult& v) {
  return {{"spent", v.spent},
          {"reached", v.reached},
          {"outputQuantity", v.output_quantity},
          {"activities", v.activities},
          {"costPerPerson", opt(v.cost_per_person())},
          {"costPerOutput", opt(v.cost_per_output())}};
}

// GET /api/money/cost-per-result
Response cost_per_result(Ctx& c) {
  const Request r = request_of(c);
  const CostRows e = cost_of(c, r);
  json rows = json::array();
  for (size_t i = 0; i < e.rows.size(); ++i) {
    json row = {{"key", e.rows[i].key}, {"label", e.rows[i].label}, {"labelEn", e.rows[i].label_en}};
    row.update(cost_json(e.figures[i]));
    rows.push_back(row);
  }
  json total = {{"key", nullptr}, {"label", "Tổng cộng"}, {"labelEn", "Total"}};
  total.update(cost_json(e.total));
  return Response::json(
      {{"orgUnit", unit_ref_or_null(*r.h, r.unit->id)}, {"year", r.year}, {"by", e.by}, {"rows", rows}, {"total", total}});
}

std::vector<MoneyCell> cost_cells(const std::string& label, const mf::CostPerResult& v) {
  return {MoneyCell::of_text(label), MoneyCell::of_amount(v.spent), MoneyCell::of_amount(v.reached),
          MoneyCell::of_amount(v.output_quantity), MoneyCell::of_amount(v.activities),
          MoneyCell::of_amount(v.cost_per_person()), MoneyCell::of_amount(v.cost_per_output())};
}

// GET /api/money/cost-per-result.xlsx
Response cost_per_result_xlsx(Ctx& c) {
  const Request r = request_of(c);
  const CostRows e = cost_of(c, r);
  MoneyTable t;
  t.sheet = "Chi phí trên kết quả";
  t.title = "Chi phí trên kết quả năm " + std::to_string(r.year) + " — " + r.unit->name;
  t.header = {by_label_vi(e.by), "Đã chi (đồng)", "Số người được tiếp cận", "Số lượng sản phẩm", "Số hoạt động",
              "Chi phí/người (đồng)", "Chi phí/sản phẩm (đồng)"};
  t.widths = {44, 18, 16, 16, 12, 18, 18};
  for (size_t i = 0; i < e.rows.size(); ++i) t.rows.push_back(cost_cells(e.rows[i].label, e.figures[i]));
  t.total = cost_cells("Tổng cộng", e.total);
  return xlsx_response(t, "chi-phi-tren-ket-qua-" + r.unit->code + "-" + std::to_string(r.year) + ".xlsx");
}
}  // namespace

void add_money_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/money/execution", Auth::Session, execution,
               "Budget execution of a unit's subtree in a year: planned (activity budgets of approved plans), allocated "
               "(issued decisions and amendments), spent (activity costs) per source, programme, unit, level or planned "
               "activity, with the rates and the integrated share",
               perm::kPlansRead});
  r.push_back({"GET", "/api/money/execution.xlsx", Auth::Session, execution_xlsx,
               "The budget execution table as an .xlsx workbook", perm::kPlansRead});
  r.push_back({"GET", "/api/money/cost-per-result", Auth::Session, cost_per_result,
               "Cost per result of a unit's subtree in a year: spending, people reached, output quantities and the cost "
               "per person and per output, by intervention type or target group",
               perm::kPlansRead});
  r.push_back({"GET", "/api/money/cost-per-result.xlsx", Auth::Session, cost_per_result_xlsx,
               "The cost-per-result table as an .xlsx workbook", perm::kPlansRead});
}

}  // namespace longghep
