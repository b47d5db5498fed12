#include "storage/money_figures.hpp"

#include <functional>

#include "storage/audit.hpp"
#include "storage/id_tables.hpp"
#include "storage/query.hpp"

namespace longghep {
namespace mf = money_figures;

namespace {
// " AND <col> IN (SELECT id FROM scope_ids)" when the scope is not everything (loaded first).
std::string in_scope(const Scope& units, const std::string& col) {
  return units.all() ? std::string() : " AND " + col + " IN (SELECT id FROM scope_ids)";
}

// Rows of (unit, source, programme, plan activity, amount) into lines of one stage; `bind` binds
// the statement's parameters (variables that outlive it).
void read_lines(soci::session& s, const std::string& sql, const std::function<void(soci::statement&)>& bind,
                mf::Stage stage, std::vector<mf::Line>& out) {
  long long unit = 0, programme = 0, pa = 0, amount = 0;
  std::string source;
  soci::indicator ip = soci::i_ok, ia = soci::i_ok;
  soci::statement st(s);
  st.exchange(soci::into(unit));
  st.exchange(soci::into(source));
  st.exchange(soci::into(programme, ip));
  st.exchange(soci::into(pa, ia));
  st.exchange(soci::into(amount));
  bind(st);
  st.alloc();
  st.prepare(sql, soci::details::st_one_time_query);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    mf::Line l;
    l.stage = stage;
    l.unit_id = unit;
    l.funding_source = source;
    l.programme_id = ip == soci::i_ok ? programme : 0;
    l.plan_activity_id = ia == soci::i_ok ? pa : 0;
    l.amount = amount;
    out.push_back(std::move(l));
  }
}
}  // namespace

std::vector<mf::Line> load_money_lines(soci::session& s, const Scope& units, int year) {
  if (!units.all()) load_scope_ids(s, units);
  std::vector<mf::Line> out;
  const std::string from = std::to_string(year) + "-01-01", to = std::to_string(year) + "-12-31";
  auto by_year = [&](soci::statement& st) { st.exchange(soci::use(year, "y")); };
  auto by_span = [&](soci::statement& st) {
    st.exchange(soci::use(from, "a"));
    st.exchange(soci::use(to, "b"));
  };
  // planned, per activity
  read_lines(s,
             "SELECT p.org_unit_id, b.funding_source_code, b.programme_id, b.plan_activity_id, b.amount "
             "FROM plan_activity_budget b JOIN plan_activities pa ON pa.id = b.plan_activity_id "
             "JOIN integration_plans p ON p.id = pa.plan_id WHERE p.status = 'approved' AND p.year = :y" +
             in_scope(units, "p.org_unit_id") + " ORDER BY b.id",
             by_year, mf::Stage::planned, out);
  // planned, per plan (plans without any activity budget)
  read_lines(s,
             "SELECT p.org_unit_id, l.funding_source_code, l.programme_id, NULL, l.amount "
             "FROM plan_budget_lines l JOIN integration_plans p ON p.id = l.plan_id WHERE p.status = 'approved' "
             "AND p.year = :y AND l.year = p.year AND NOT EXISTS (SELECT 1 FROM plan_activity_budget b "
             "JOIN plan_activities pa ON pa.id = b.plan_activity_id WHERE pa.plan_id = p.id)" +
                 in_scope(units, "p.org_unit_id") + " ORDER BY l.id",
             by_year, mf::Stage::planned, out);
  // allocated: issued decisions of the budget year and their issued amendments
  read_lines(s,
             "SELECT d.org_unit_id, l.funding_source_code, l.programme_id, l.plan_activity_id, l.amount "
             "FROM allocation_lines l JOIN allocation_decisions d ON d.id = l.decision_id "
             "LEFT JOIN allocation_decisions o ON o.id = d.amends_id WHERE d.status = 'issued' "
             "AND (d.amends_id IS NULL OR o.status = 'issued') AND d.year = :y" +
                 in_scope(units, "d.org_unit_id") + " ORDER BY l.id",
             by_year, mf::Stage::allocated, out);
  // spent: the costs of the activities started in the year
  read_lines(s,
             "SELECT a.org_unit_id, c.funding_source_code, COALESCE(pa.programme_id, CASE WHEN (SELECT COUNT(*) FROM "
             "activity_programmes ap WHERE ap.activity_id = a.id) = 1 THEN (SELECT MIN(ap.programme_id) FROM "
             "activity_programmes ap WHERE ap.activity_id = a.id) END), a.plan_activity_id, c.amount "
             "FROM activity_costs c JOIN activities a ON a.id = c.activity_id "
             "LEFT JOIN plan_activities pa ON pa.id = a.plan_activity_id "
             "WHERE a.start_date >= :a AND a.start_date <= :b" +
                 in_scope(units, "a.org_unit_id") + " ORDER BY a.id, c.funding_source_code",
             by_span, mf::Stage::spent, out);
  return out;
}

std::vector<ResultFact> load_result_facts(soci::session& s, const Scope& units, int year) {
  if (!units.all()) load_scope_ids(s, units);
  const std::string from = std::to_string(year) + "-01-01", to = std::to_string(year) + "-12-31";
  std::vector<ResultFact> out;
  std::map<long long, size_t> at;
  {
    ResultFact f;
    soci::statement st =
        (s.prepare << "SELECT a.id, a.org_unit_id, a.intervention_type_code, "
                      "CAST(COALESCE((SELECT SUM(c.amount) FROM activity_costs c WHERE c.activity_id = a.id), 0) AS BIGINT), "
                      "CAST(COALESCE((SELECT SUM(o.quantity) FROM activity_outputs o WHERE o.activity_id = a.id), 0) AS BIGINT) "
                      "FROM activities a WHERE a.start_date >= :a AND a.start_date <= :b" +
                          in_scope(units, "a.org_unit_id") + " ORDER BY a.id",
         soci::into(f.activity_id), soci::into(f.unit_id), soci::into(f.intervention_type), soci::into(f.spent),
         soci::into(f.output_quantity), soci::use(from, "a"), soci::use(to, "b"));
    st.execute();
    while (st.fetch()) {
      at[f.activity_id] = out.size();
      out.push_back(f);
    }
  }
  long long id = 0, total = 0;
  std::string group;
  soci::statement st = (s.prepare << "SELECT r.activity_id, r.target_group_code, r.total FROM activity_reach r "
                                     "JOIN activities a ON a.id = r.activity_id WHERE a.start_date >= :a AND a.start_date <= :b" +
                                         in_scope(units, "a.org_unit_id") + " ORDER BY r.activity_id, r.target_group_code",
                        soci::into(id), soci::into(group), soci::into(total), soci::use(from, "a"), soci::use(to, "b"));
  st.execute();
  while (st.fetch())
    if (auto it = at.find(id); it != at.end()) out[it->second].reached[group] += total;
  return out;
}

std::map<std::string, long long> compute_allocated_values(soci::session& s, const ReportForm& form, const Scope& units,
                                                          Date from, Date to, long long lead_agency,
                                                          const std::vector<long long>& except_agencies) {
  std::map<std::string, long long> out;
  bool any = false;
  for (const auto& e : form.elements) any = any || (e.source == "computed" && e.measure == "allocated");
  if (!any) return out;
  if (!units.all()) load_scope_ids(s, units);
  for (const auto& e : form.elements) {
    if (e.source != "computed" || e.measure != "allocated") continue;
    Query q("SELECT CAST(COALESCE(SUM(l.amount), 0) AS BIGINT) FROM allocation_lines l "
            "JOIN allocation_decisions d ON d.id = l.decision_id LEFT JOIN allocation_decisions o ON o.id = d.amends_id "
            "JOIN funding_sources f ON f.code = l.funding_source_code "
            "WHERE d.status = 'issued' AND (d.amends_id IS NULL OR o.status = 'issued')");
    if (!units.all()) q.append(" AND d.org_unit_id IN (SELECT id FROM scope_ids)");
    q.and_where("d.decision_date >= ?", from.iso()).and_where("d.decision_date <= ?", to.iso());
    if (lead_agency != 0) q.and_where("d.agency_id = ?", lead_agency);
    for (long long x : except_agencies) q.and_where("(d.agency_id IS NULL OR d.agency_id <> ?)", x);
    if (!e.funding_group.empty()) q.and_where("f.grp = ?", e.funding_group);
    if (!e.funding_source.empty()) q.and_where("l.funding_source_code = ?", e.funding_source);
    long long v = 0;
    q.run(s, soci::into(v));
    out[e.code] = v;
  }
  return out;
}

std::map<std::string, long long> allocated_to_plan(soci::session& s, long long plan_id) {
  std::map<std::string, long long> out;
  std::string source;
  long long amount = 0;
  soci::statement st =
      (s.prepare << "SELECT l.funding_source_code, CAST(SUM(l.amount) AS BIGINT) FROM allocation_lines l "
                    "JOIN allocation_decisions d ON d.id = l.decision_id LEFT JOIN allocation_decisions o ON o.id = d.amends_id "
                    "JOIN integration_plans p ON p.id = d.plan_id JOIN integration_plans me ON me.id = :p "
                    "WHERE d.status = 'issued' AND (d.amends_id IS NULL OR o.status = 'issued') AND p.org_unit_id = me.org_unit_id "
                    "AND p.agency_id = me.agency_id AND p.year = me.year GROUP BY l.funding_source_code ORDER BY l.funding_source_code",
       soci::into(source), soci::into(amount), soci::use(plan_id, "p"));
  st.execute();
  while (st.fetch()) out[source] = amount;
  return out;
}

MoneyLabels load_money_labels(soci::session& s, const std::vector<long long>& programme_ids,
                              const std::vector<long long>& plan_activity_ids) {
  MoneyLabels out;
  auto terms = [&](const std::string& table, std::map<std::string, MoneyLabels::Label>& into) {
    std::string code, vi, en, grp;
    int sort = 0;
    soci::statement st = (s.prepare << "SELECT code, name_vi, name_en, grp, sort_order FROM " + table + " ORDER BY sort_order, code",
                          soci::into(code), soci::into(vi), soci::into(en), soci::into(grp), soci::into(sort));
    st.execute();
    while (st.fetch()) into[code] = {vi, en, grp, sort};
  };
  terms("funding_sources", out.sources);
  terms("intervention_types", out.types);
  terms("target_groups", out.target_groups);
  if (!programme_ids.empty()) {
    const std::string ids = id_array(s, programme_ids);
    long long id = 0;
    std::string name;
    soci::statement st = (s.prepare << "SELECT id, name FROM programmes WHERE id" + id_in(s, "ids"), soci::into(id),
                          soci::into(name), soci::use(ids, "ids"));
    st.execute();
    while (st.fetch()) out.programmes[id] = name;
  }
  if (!plan_activity_ids.empty()) {
    const std::string ids = id_array(s, plan_activity_ids);
    long long id = 0;
    std::string name;
    soci::statement st = (s.prepare << "SELECT id, description FROM plan_activities WHERE id" + id_in(s, "ids"),
                          soci::into(id), soci::into(name), soci::use(ids, "ids"));
    st.execute();
    while (st.fetch()) out.plan_activities[id] = name;
  }
  return out;
}

}  // namespace longghep
