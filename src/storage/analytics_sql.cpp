#include "storage/analytics_sql.hpp"

#include <deque>

namespace longghep {
using analytics::Dim;
using analytics::Measure;

namespace {
// Named parameters for a statement built from the request: only literal SQL of this file is
// concatenated, every value is bound.
struct Params {
  std::deque<std::string> strings;
  std::deque<long long> ints;
  std::vector<std::pair<std::string, int>> order;  // name, 0 string / 1 int (index into deque)
  std::vector<size_t> index;

  std::string add(const std::string& v) {
    strings.push_back(v);
    return push(0, strings.size() - 1);
  }
  std::string add(long long v) {
    ints.push_back(v);
    return push(1, ints.size() - 1);
  }
  template <typename T>
  std::string list(const std::vector<T>& vs) {
    std::string out = "(";
    for (size_t i = 0; i < vs.size(); ++i) out += (i ? "," : "") + add(vs[i]);
    return out + ")";
  }
  void bind(soci::statement& st) {
    for (size_t i = 0; i < order.size(); ++i) {
      if (order[i].second == 0) st.exchange(soci::use(strings[index[i]], order[i].first));
      else st.exchange(soci::use(ints[index[i]], order[i].first));
    }
  }

 private:
  std::string push(int kind, size_t at) {
    std::string name = "q" + std::to_string(order.size());
    order.push_back({name, kind});
    index.push_back(at);
    return ":" + name;
  }
};

std::string key_sql(Dim d) {
  const std::string y = "substr(a.start_date, 1, 4)", m = "substr(a.start_date, 6, 2)";
  switch (d) {
    case Dim::province: return "m.k_province";
    case Dim::district: return "m.k_district";
    case Dim::commune: return "m.k_commune";
    case Dim::unit: return "m.k_unit";
    case Dim::level: return "m.k_level";
    case Dim::type: return "a.intervention_type_code";
    case Dim::typeGroup: return "NULLIF(it.grp, '')";
    case Dim::targetGroup: return "l.target_group_code";
    case Dim::targetGroupGroup: return "NULLIF(tg.grp, '')";
    case Dim::ageBand: return "l.age_band_code";
    case Dim::agency: return "CAST(a.lead_agency_id AS TEXT)";
    case Dim::programme: return "CAST(ap.programme_id AS TEXT)";
    case Dim::fundingSource: return "l.funding_source_code";
    case Dim::fundingGroup: return "NULLIF(fs.grp, '')";
    case Dim::outputKind: return "l.output_kind_code";
    case Dim::planned: return "CASE WHEN a.plan_activity_id IS NULL THEN 'false' ELSE 'true' END";
    case Dim::year: return y;
    case Dim::half: return y + " || CASE WHEN " + m + " <= '06' THEN '-H1' ELSE '-H2' END";
    case Dim::quarter:
      return y + " || CASE WHEN " + m + " <= '03' THEN '-Q1' WHEN " + m + " <= '06' THEN '-Q2' WHEN " + m +
             " <= '09' THEN '-Q3' ELSE '-Q4' END";
    case Dim::month: return "substr(a.start_date, 1, 7)";
    case Dim::day: return "substr(a.start_date, 1, 10)";
  }
  return "NULL";
}

void load_unit_keys(soci::session& s, const analytics::PivotQuery& q, const analytics::UnitMap& units) {
  s << "CREATE TEMP TABLE IF NOT EXISTS analytics_units (unit_id BIGINT PRIMARY KEY, k_province TEXT, "
       "k_district TEXT, k_commune TEXT, k_unit TEXT, k_level TEXT)";
  s << "DELETE FROM analytics_units";
  const auto& all = units.hierarchy().units();
  const bool subtree = q.org_unit && !q.org_unit->parent_code.empty();
  std::vector<long long> ids;
  std::vector<std::string> keys[4], levels;
  std::vector<soci::indicator> inds[4];
  const Dim dims[4] = {Dim::province, Dim::district, Dim::commune, Dim::unit};
  for (size_t i = 0; i < all.size(); ++i) {
    if (q.scope && !q.scope->all() && !q.scope->contains(all[i].id)) continue;
    if (subtree) {
      bool in = false;
      for (const OrgUnit* u : units.chain(i))
        if (u->id == q.org_unit->id) in = true;
      if (!in) continue;
    }
    ids.push_back(all[i].id);
    levels.push_back(all[i].kind);
    for (int k = 0; k < 4; ++k) {
      const std::optional<std::string> key = units.key(i, dims[k], q.org_unit);
      keys[k].push_back(key.value_or(std::string()));
      inds[k].push_back(key ? soci::i_ok : soci::i_null);
    }
  }
  if (ids.empty()) return;
  s << "INSERT INTO analytics_units(unit_id, k_province, k_district, k_commune, k_unit, k_level) "
       "VALUES(:u, :p, :d, :c, :x, :l)",
      soci::use(ids), soci::use(keys[0], inds[0]), soci::use(keys[1], inds[1]), soci::use(keys[2], inds[2]),
      soci::use(keys[3], inds[3]), soci::use(levels);
}

// planned / allocated (issue 19): the money lines of approved plans and issued decisions; the
// plan activity (pa) gives the intervention type and target group, the plan / decision (h) the
// unit, year and agency.
std::string money_key_sql(Dim d) {
  switch (d) {
    case Dim::type: return "pa.intervention_type_code";
    case Dim::targetGroup: return "pa.target_group_code";
    case Dim::targetGroupGroup: return "NULLIF(tg.grp, '')";
    case Dim::programme: return "CAST(l.programme_id AS TEXT)";
    case Dim::year: return "CAST(h.year AS TEXT)";
    default: return key_sql(d);
  }
}

void money_sql(const analytics::PivotQuery& q, Params& p, std::string& select) {
  std::string from = q.measure == Measure::planned
                         ? "plan_activity_budget l JOIN plan_activities pa ON pa.id = l.plan_activity_id "
                           "JOIN integration_plans h ON h.id = pa.plan_id AND h.status = 'approved'"
                         : "allocation_lines l JOIN allocation_decisions h ON h.id = l.decision_id AND h.status = 'issued' "
                           "LEFT JOIN plan_activities pa ON pa.id = l.plan_activity_id";
  from += " JOIN analytics_units m ON m.unit_id = h.org_unit_id";
  if (q.uses(Dim::typeGroup)) from += " LEFT JOIN intervention_types it ON it.code = pa.intervention_type_code";
  if (q.uses(Dim::targetGroupGroup)) from += " LEFT JOIN target_groups tg ON tg.code = pa.target_group_code";
  if (q.uses(Dim::fundingGroup)) from += " LEFT JOIN funding_sources fs ON fs.code = l.funding_source_code";
  std::string where = " WHERE h.year >= " + p.add(static_cast<long long>(q.from.year())) +
                      " AND h.year <= " + p.add(static_cast<long long>(q.to.year()));
  if (!q.types.empty()) where += " AND pa.intervention_type_code IN " + p.list(q.types);
  if (!q.type_groups.empty())
    where += " AND pa.intervention_type_code IN (SELECT code FROM intervention_types WHERE grp IN " + p.list(q.type_groups) + ")";
  if (!q.target_groups.empty()) where += " AND pa.target_group_code IN " + p.list(q.target_groups);
  if (!q.target_group_groups.empty())
    where += " AND pa.target_group_code IN (SELECT code FROM target_groups WHERE grp IN " + p.list(q.target_group_groups) + ")";
  if (!q.funding_sources.empty()) where += " AND l.funding_source_code IN " + p.list(q.funding_sources);
  if (!q.programmes.empty()) where += " AND l.programme_id IN " + p.list(q.programmes);
  if (q.only_agency) where += " AND h.agency_id = " + p.add(*q.only_agency);
  std::string group;
  select = "SELECT ";
  for (Dim d : q.dims()) {
    select += money_key_sql(d) + ", ";
    group += (group.empty() ? " GROUP BY " : ", ") + money_key_sql(d);
  }
  select += "CAST(SUM(l.amount) AS BIGINT), COUNT(*) FROM " + from + where + group;
}

void activities_sql(const analytics::PivotQuery& q, Params& p, std::string& select) {
  std::string from, value;
  switch (q.measure) {
    case Measure::activities: from = "activities a"; value = "1"; break;
    case Measure::reached: case Measure::female: case Measure::male:
      from = "activity_reach l JOIN activities a ON a.id = l.activity_id";
      value = q.measure == Measure::reached ? "l.total" : q.measure == Measure::female ? "l.female" : "l.male";
      break;
    case Measure::age: from = "activity_reach_ages l JOIN activities a ON a.id = l.activity_id"; value = "l.count"; break;
    case Measure::output: from = "activity_outputs l JOIN activities a ON a.id = l.activity_id"; value = "l.quantity"; break;
    case Measure::cost: from = "activity_costs l JOIN activities a ON a.id = l.activity_id"; value = "l.amount"; break;
    case Measure::planned: case Measure::allocated: break;  // money_sql
  }
  from += " JOIN analytics_units m ON m.unit_id = a.org_unit_id";
  if (q.uses(Dim::programme)) from += " LEFT JOIN activity_programmes ap ON ap.activity_id = a.id";
  if (q.uses(Dim::typeGroup)) from += " LEFT JOIN intervention_types it ON it.code = a.intervention_type_code";
  if (q.uses(Dim::targetGroupGroup)) from += " LEFT JOIN target_groups tg ON tg.code = l.target_group_code";
  if (q.uses(Dim::fundingGroup)) from += " LEFT JOIN funding_sources fs ON fs.code = l.funding_source_code";

  std::string where = " WHERE " + value + " IS NOT NULL";
  where += " AND a.start_date >= " + p.add(q.from.iso()) + " AND a.start_date <= " + p.add(q.to.iso());
  if (!q.types.empty()) where += " AND a.intervention_type_code IN " + p.list(q.types);
  if (!q.type_groups.empty())
    where += " AND a.intervention_type_code IN (SELECT code FROM intervention_types WHERE grp IN " + p.list(q.type_groups) + ")";
  if (!q.target_groups.empty()) where += " AND l.target_group_code IN " + p.list(q.target_groups);
  if (!q.target_group_groups.empty())
    where += " AND l.target_group_code IN (SELECT code FROM target_groups WHERE grp IN " + p.list(q.target_group_groups) + ")";
  if (!q.age_bands.empty()) where += " AND l.age_band_code IN " + p.list(q.age_bands);
  if (!q.output_kinds.empty()) where += " AND l.output_kind_code IN " + p.list(q.output_kinds);
  if (!q.funding_sources.empty()) where += " AND l.funding_source_code IN " + p.list(q.funding_sources);
  if (!q.agencies.empty()) where += " AND a.lead_agency_id IN " + p.list(q.agencies);
  if (q.only_agency) where += " AND a.lead_agency_id = " + p.add(*q.only_agency);
  if (q.planned) where += *q.planned ? " AND a.plan_activity_id IS NOT NULL" : " AND a.plan_activity_id IS NULL";
  if (!q.programmes.empty()) {
    if (q.uses(Dim::programme)) where += " AND ap.programme_id IN " + p.list(q.programmes);
    else
      where += " AND EXISTS (SELECT 1 FROM activity_programmes p2 WHERE p2.activity_id = a.id AND p2.programme_id IN " +
               p.list(q.programmes) + ")";
  }
  const std::vector<Dim> dims = q.dims();
  select = "SELECT ";
  std::string group;
  for (Dim d : dims) {
    select += key_sql(d) + ", ";
    group += (group.empty() ? " GROUP BY " : ", ") + key_sql(d);
  }
  select += "CAST(SUM(" + value + ") AS BIGINT), COUNT(*) FROM " + from + where + group;
}

std::vector<analytics::Group> run_pivot_sql(soci::session& s, const analytics::PivotQuery& q, Params& p,
                                            const std::string& select) {
  const std::vector<Dim> dims = q.dims();

  constexpr size_t kBatch = 5000;
  std::vector<std::vector<std::string>> keys(dims.size(), std::vector<std::string>(kBatch));
  std::vector<std::vector<soci::indicator>> inds(dims.size(), std::vector<soci::indicator>(kBatch));
  std::vector<long long> sums(kBatch), counts(kBatch);
  std::vector<soci::indicator> sum_ind(kBatch);
  soci::statement st(s);
  for (size_t k = 0; k < dims.size(); ++k) st.exchange(soci::into(keys[k], inds[k]));
  st.exchange(soci::into(sums, sum_ind));
  st.exchange(soci::into(counts));
  p.bind(st);
  st.alloc();
  st.prepare(select);
  st.define_and_bind();
  std::vector<analytics::Group> out;
  st.execute();
  while (st.fetch()) {
    for (size_t i = 0; i < counts.size(); ++i) {
      if (counts[i] == 0) continue;  // no dimensions and nothing matched
      analytics::Group g;
      for (size_t k = 0; k < dims.size(); ++k)
        g.keys.push_back(inds[k][i] == soci::i_ok ? std::optional<std::string>(keys[k][i]) : std::nullopt);
      g.value = sum_ind[i] == soci::i_ok ? sums[i] : 0;
      g.facts = counts[i];
      out.push_back(std::move(g));
      if (out.size() > 2'000'000) break;
    }
    for (auto& v : keys) v.resize(kBatch);
    for (auto& v : inds) v.resize(kBatch);
    sums.resize(kBatch);
    sum_ind.resize(kBatch);
    counts.resize(kBatch);
  }
  s << "DELETE FROM analytics_units";
  return out;
}

}  // namespace

std::vector<analytics::Group> pivot_by_sql(soci::session& s, const analytics::PivotQuery& q,
                                           const analytics::UnitMap& units) {
  load_unit_keys(s, q, units);
  Params p;
  std::string select;
  if (analytics::money_measure(q.measure)) money_sql(q, p, select);
  else activities_sql(q, p, select);
  return run_pivot_sql(s, q, p, select);
}

}  // namespace longghep
