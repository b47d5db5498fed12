#include "storage/evaluations.hpp"

#include "storage/money_figures.hpp"
#include <algorithm>

#include "domain/error.hpp"
#include "storage/money_figures.hpp"
#include "storage/org_units.hpp"
#include "storage/query.hpp"

namespace longghep {
using nlohmann::json;

namespace {
json tenths_json(const std::optional<long long>& t) { return t ? json(static_cast<double>(*t) / 10.0) : json(nullptr); }
json opt_json(const std::optional<long long>& v) { return v ? json(*v) : json(nullptr); }

// Loads the ids into the connection-local temp table `evaluation_ids` (bound values only).
void load_ids(soci::session& s, std::vector<long long> ids) {
  s << "CREATE TEMP TABLE IF NOT EXISTS evaluation_ids (id BIGINT PRIMARY KEY)";
  s << "DELETE FROM evaluation_ids";
  if (!ids.empty()) s << "INSERT INTO evaluation_ids(id) VALUES(:id)", soci::use(ids);
}

// The activities whose ids are in evaluation_ids, with their reach, outputs and costs.
std::vector<RecordedActivity> read_activities(soci::session& s, std::map<long long, long long>& units) {
  std::vector<RecordedActivity> out;
  std::map<long long, size_t> at;
  {
    long long id = 0, pa = 0, unit = 0;
    soci::indicator pa_ind;
    std::string title, start, end;
    soci::statement st = (s.prepare << "SELECT a.id, a.plan_activity_id, a.org_unit_id, a.title, a.start_date, a.end_date "
                                       "FROM activities a WHERE a.id IN (SELECT id FROM evaluation_ids) ORDER BY a.start_date, a.id",
                          soci::into(id), soci::into(pa, pa_ind), soci::into(unit), soci::into(title), soci::into(start),
                          soci::into(end));
    st.execute();
    while (st.fetch()) {
      RecordedActivity r;
      r.id = id;
      r.plan_activity_id = pa_ind == soci::i_ok ? pa : 0;
      r.title = title;
      r.start = *Date::parse(start);
      r.end = *Date::parse(end);
      units[id] = unit;
      at[id] = out.size();
      out.push_back(std::move(r));
    }
  }
  // `table` and `column` are literal names from the calls below, never input.
  auto children = [&](const std::string& table, const std::string& code_column, const std::string& value_column,
                      std::map<std::string, long long> RecordedActivity::*member) {
    long long id = 0, v = 0;
    std::string code;
    soci::statement st = (s.prepare << "SELECT activity_id, " + code_column + ", " + value_column + " FROM " + table +
                                           " WHERE activity_id IN (SELECT id FROM evaluation_ids)",
                          soci::into(id), soci::into(code), soci::into(v));
    st.execute();
    while (st.fetch())
      if (auto it = at.find(id); it != at.end()) (out[it->second].*member)[code] += v;
  };
  children("activity_reach", "target_group_code", "total", &RecordedActivity::reach);
  children("activity_outputs", "output_kind_code", "quantity", &RecordedActivity::outputs);
  children("activity_costs", "funding_source_code", "amount", &RecordedActivity::costs);
  return out;
}

std::vector<long long> ids_of(Query& q, soci::session& s) {
  std::vector<long long> ids;
  long long id = 0;
  soci::statement st = q.prepare(s, soci::into(id));
  st.execute();
  while (st.fetch()) ids.push_back(id);
  return ids;
}

EvaluationNarrative read_narrative(soci::session& s, long long plan_id, bool& found) {
  EvaluationNarrative n;
  s << "SELECT results, limitations, causes, lessons, proposals, version, updated_by, updated_at FROM plan_evaluations "
       "WHERE plan_id = :p",
      soci::into(n.results), soci::into(n.limitations), soci::into(n.causes), soci::into(n.lessons), soci::into(n.proposals),
      soci::into(n.version), soci::into(n.updated_by), soci::into(n.updated_at), soci::use(plan_id);
  found = s.got_data();
  return found ? n : EvaluationNarrative{};
}

json narrative_audit(const EvaluationNarrative& n) {
  return {{"results", n.results}, {"limitations", n.limitations}, {"causes", n.causes}, {"lessons", n.lessons},
          {"proposals", n.proposals}, {"version", n.version}};
}
}  // namespace

EvaluationNarrative load_narrative(soci::session& s, long long plan_id) {
  bool found = false;
  return read_narrative(s, plan_id, found);
}

EvaluationNarrative save_narrative(soci::session& s, const PlanRow& plan, const EvaluationNarrative& text,
                                   long long expected_version, const Actor& actor) {
  bool found = false;
  const EvaluationNarrative before = read_narrative(s, plan.id, found);
  if (before.version != expected_version) throw Error::Conflict();
  const std::string now = now_iso_utc();
  if (!found) {
    s << "INSERT INTO plan_evaluations(plan_id, results, limitations, causes, lessons, proposals, version, created_by, "
         "updated_by, created_at, updated_at) VALUES(:p, :r, :l, :c, :le, :pr, 1, :cb, :ub, :ca, :ua)",
        soci::use(plan.id), soci::use(text.results), soci::use(text.limitations), soci::use(text.causes),
        soci::use(text.lessons), soci::use(text.proposals), soci::use(actor.username), soci::use(actor.username),
        soci::use(now), soci::use(now);
  } else {
    soci::statement st = (s.prepare << "UPDATE plan_evaluations SET results = :r, limitations = :l, causes = :c, lessons = :le, "
                                       "proposals = :pr, version = version + 1, updated_by = :ub, updated_at = :ua "
                                       "WHERE plan_id = :p AND version = :v",
                          soci::use(text.results), soci::use(text.limitations), soci::use(text.causes), soci::use(text.lessons),
                          soci::use(text.proposals), soci::use(actor.username), soci::use(now), soci::use(plan.id),
                          soci::use(expected_version));
    st.execute(true);
    if (st.get_affected_rows() != 1) throw Error::Conflict();
  }
  const EvaluationNarrative after = load_narrative(s, plan.id);
  record_audit(s, actor, {found ? "update" : "create", "plan_evaluation", std::to_string(plan.id), plan.org_unit_id,
                          found ? std::optional<json>(narrative_audit(before)) : std::nullopt, narrative_audit(after)});
  return after;
}

EvaluationData load_evaluation_data(soci::session& s, const Hierarchy& h, const PlanRow& plan) {
  EvaluationData d;
  d.plan = plan_json(s, h, plan);
  EvaluationInput& in = d.input;
  in.year = plan.year;
  for (const auto& a : d.plan["activities"]) {
    PlannedActivity p;
    p.id = a["id"].get<long long>();
    p.intervention_type = a["interventionType"].get<std::string>();
    p.target_group = a["targetGroup"].is_string() ? a["targetGroup"].get<std::string>() : "";
    p.description = a["description"].get<std::string>();
    p.quantity_unit = a["quantityUnit"].get<std::string>();
    if (a["plannedQuantity"].is_number_integer()) p.planned_quantity = a["plannedQuantity"].get<long long>();
    in.activities.push_back(std::move(p));
  }
  for (const auto& b : d.plan["beneficiaries"])
    in.beneficiaries.push_back({b["targetGroup"].get<std::string>(),
                                b["plannedCount"].is_number_integer() ? std::optional<long long>(b["plannedCount"].get<long long>())
                                                                      : std::nullopt});
  for (const auto& b : d.plan["budget"])
    in.budget.push_back({b["fundingSource"].get<std::string>(), b["year"].get<int>(), b["amount"].get<long long>()});
  d.allocated = allocated_to_plan(s, plan.id);

  std::vector<long long> ids;
  {
    Query q("SELECT a.id FROM activities a WHERE 1=1");
    q.and_where("a.plan_activity_id IN (SELECT pa.id FROM plan_activities pa WHERE pa.plan_id = ?)", plan.id);
    ids = ids_of(q, s);
  }
  // The unplanned activities of the year: the plan's unit and what lies below or merged into it.
  const Scope units = h.scope_of(plan.org_unit_id);
  if (!units.all()) load_scope_ids(s, units);
  Query q("SELECT a.id FROM activities a WHERE a.plan_activity_id IS NULL");
  if (!units.all()) q.append(" AND a.org_unit_id IN (SELECT id FROM scope_ids)");
  q.and_where("a.start_date >= ?", Date::from_ymd(plan.year, 1, 1).iso());
  q.and_where("a.start_date <= ?", Date::from_ymd(plan.year, 12, 31).iso());
  q.and_where("(a.lead_agency_id = ? OR EXISTS (SELECT 1 FROM activity_partners p WHERE p.activity_id = a.id AND p.agency_id = ?))",
              plan.agency_id);
  q.append(" ORDER BY a.start_date, a.id").append_bound(" LIMIT ?", kMaxUnplannedActivities + 1);
  std::vector<long long> unplanned = ids_of(q, s);
  if (static_cast<long long>(unplanned.size()) > kMaxUnplannedActivities) {
    d.unplanned_capped = true;
    unplanned.resize(kMaxUnplannedActivities);
  }
  ids.insert(ids.end(), unplanned.begin(), unplanned.end());
  load_ids(s, ids);
  in.recorded = read_activities(s, d.activity_units);
  return d;
}

json narrative_json(const EvaluationNarrative& n) {
  return {{"results", n.results}, {"limitations", n.limitations}, {"causes", n.causes}, {"lessons", n.lessons},
          {"proposals", n.proposals}, {"version", n.version},
          {"updatedBy", n.updated_by.empty() ? json(nullptr) : json(n.updated_by)},
          {"updatedAt", n.updated_at.empty() ? json(nullptr) : json(n.updated_at)}};
}

json evaluation_json(const Hierarchy& h, const EvaluationData& d, const Evaluation& e) {
  std::map<long long, const RecordedActivity*> by_id;
  for (const auto& r : d.input.recorded) by_id[r.id] = &r;
  auto recorded_json = [&](const RecordedActivity& r) {
    auto u = d.activity_units.find(r.id);
    const OrgUnit* unit = u == d.activity_units.end() ? nullptr : h.by_id(u->second);
    return json{{"id", r.id}, {"title", r.title}, {"startDate", r.start.iso()}, {"endDate", r.end.iso()},
                {"orgUnit", unit ? org_unit_ref(*unit) : json(nullptr)}, {"reached", r.reached()}, {"spent", r.spent()}};
  };
  auto outputs_json = [](const std::map<std::string, long long>& m) {
    json out = json::array();
    for (const auto& [k, v] : m) out.push_back({{"kind", k}, {"quantity", v}});
    return out;
  };
  json activities = json::array();
  for (size_t i = 0; i < e.activities.size(); ++i) {
    const ActivityEvaluation& a = e.activities[i];
    json linked = json::array();
    for (long long id : a.linked) linked.push_back(recorded_json(*by_id.at(id)));
    const json& pa = d.plan["activities"][i];
    activities.push_back(
        {{"planActivity", {{"id", a.planned.id}, {"description", a.planned.description},
                           {"interventionType", a.planned.intervention_type},
                           {"targetGroup", a.planned.target_group.empty() ? json(nullptr) : json(a.planned.target_group)},
                           {"startDate", pa["startDate"]}, {"endDate", pa["endDate"]}, {"leadAgency", pa["leadAgency"]}}},
         {"planned", {{"quantity", opt_json(a.planned.planned_quantity)}, {"unit", a.planned.quantity_unit},
                      {"measure", to_string(a.measure)}}},
         {"achieved", {{"quantity", a.achieved}, {"activities", a.held}, {"people", a.reached},
                       {"outputs", outputs_json(a.outputs)}, {"spent", a.spent}}},
         {"completion", tenths_json(a.completion_tenths)}, {"status", to_string(a.status)},
         {"costPerPerson", opt_json(a.cost_per_person)}, {"linkedActivities", linked}});
  }
  json beneficiaries = json::array();
  for (const auto& b : e.beneficiaries)
    beneficiaries.push_back({{"targetGroup", b.target_group}, {"planned", opt_json(b.planned)}, {"reached", b.reached},
                             {"completion", tenths_json(b.completion_tenths)}, {"status", to_string(b.status)}});
  // planned (the plan's budget: its activity budgets when it has them), allocated (issued decisions
  // for the plan) and spent by source; a source only allocated is listed too
  json budget = json::array();
  long long allocated_total = 0;
  auto allocated_of = [&](const std::string& source) {
    auto it = d.allocated.find(source);
    return it == d.allocated.end() ? 0LL : it->second;
  };
  auto rate_json = [](long long num, long long den) {
    const auto r = money_figures::rate(num, den);
    return r ? json(*r) : json(nullptr);
  };
  for (const auto& b : e.budget) {
    const long long allocated = allocated_of(b.funding_source);
    budget.push_back({{"source", b.funding_source}, {"planned", b.planned}, {"allocated", allocated}, {"spent", b.spent},
                      {"execution", tenths_json(b.execution_tenths)}, {"allocatedRate", rate_json(allocated, b.planned)},
                      {"spentRate", rate_json(b.spent, allocated)}});
  }
  for (const auto& [source, allocated] : d.allocated) {
    allocated_total += allocated;
    if (std::none_of(e.budget.begin(), e.budget.end(), [&](const auto& b) { return b.funding_source == source; }))
      budget.push_back({{"source", source}, {"planned", 0}, {"allocated", allocated}, {"spent", 0}, {"execution", nullptr},
                        {"allocatedRate", nullptr}, {"spentRate", nullptr}});
  }
  json unplanned = json::array();
  for (const auto& r : e.unplanned) unplanned.push_back(recorded_json(r));
  json by_status = json::object();
  for (const auto& [st, n] : e.totals.by_status) by_status[to_string(st)] = n;
  const EvaluationTotals& t = e.totals;
  json plan = d.plan;
  for (const char* k : {"beneficiaries", "activities", "budget", "note", "submittedBy"}) plan.erase(k);
  return {{"plan", plan},
          {"year", d.input.year},
          {"activities", activities},
          {"beneficiaries", beneficiaries},
          {"unplanned", unplanned},
          {"unplannedCapped", d.unplanned_capped},
          {"outsideYear", e.outside_year},
          {"budget", budget},
          {"totals", {{"plannedActivities", t.planned_activities}, {"activitiesHeld", t.held}, {"byStatus", by_status},
                      {"reached", t.reached}, {"plannedBudget", t.planned_budget}, {"allocated", allocated_total}, {"spent", t.spent},
                      {"budgetExecution", tenths_json(t.budget_execution_tenths)},
                      {"unplanned", {{"count", t.unplanned_count}, {"reached", t.unplanned_reached}, {"spent", t.unplanned_spent}}}}},
          {"costPerPerson", opt_json(e.cost_per_person)}};
}

}  // namespace longghep
