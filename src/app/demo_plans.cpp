// The demo's programme review and integration plans (demo/plans.json), written through the
// programmes and plans storage like the forms would; idempotent by stable keys.
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/demo.hpp"
#include "domain/hierarchy.hpp"
#include "domain/plan_workflow.hpp"
#include "storage/agencies.hpp"
#include "storage/plans.hpp"
#include "storage/programmes.hpp"
#include "storage/users.hpp"

namespace longghep {
using nlohmann::json;

void load_demo_plans(soci::session& s, const Hierarchy& h, const Actor& actor) {
  const json doc = json::parse(demo_resource("demo/plans.json"));
  auto unit = [&](const json& j, const char* code_key, const char* as_of_key) {
    const std::string code = j.at(code_key).get<std::string>();
    const Date d = Date::parse_or_throw(j.value(as_of_key, std::string("2026-01-01")), as_of_key);
    const OrgUnit* u = h.find(code, d);
    if (!u) throw std::runtime_error("demo plans refer to unknown unit " + code + " on " + d.iso());
    return u->id;
  };
  auto agency = [&](const std::string& key) {
    auto id = agency_id_by_key(s, key);
    if (!id) throw std::runtime_error("demo plans refer to unknown agency " + key);
    return *id;
  };
  auto programme = [&](const json& j, const char* k) -> long long {
    if (!j.contains(k) || j[k].is_null()) return 0;
    auto id = programme_id_by_key(s, j[k].get<std::string>());
    if (!id) throw std::runtime_error("demo plans refer to unknown programme " + j[k].get<std::string>());
    return *id;
  };
  auto potential = [](const json& j, const char* k) {
    Potential p;
    if (j.contains("potential") && j["potential"].contains(k)) {
      p.assessment = j["potential"][k].value("assessment", "none");
      p.note = j["potential"][k].value("note", "");
    }
    return p;
  };
  for (const auto& p : doc.at("programmes")) {
    const std::string key = p.at("key").get<std::string>();
    if (programme_id_by_key(s, key)) continue;
    ProgrammeInput in;
    in.key = key;
    in.org_unit_id = unit(p, "orgUnitCode", "orgUnitAsOf");
    in.year = p.at("year").get<int>();
    in.name = p.at("name").get<std::string>();
    in.category_code = p.at("category").get<std::string>();
    in.lead_agency_id = agency(p.at("leadAgency").get<std::string>());
    in.target_groups = p.value("targetGroups", std::vector<std::string>{});
    in.intervention_types = p.value("interventionTypes", std::vector<std::string>{});
    in.interventions_note = p.value("interventionsNote", "");
    for (const auto& b : p.value("budget", json::array()))
      in.budget.push_back({b.at("fundingSource").get<std::string>(), b.at("year").get<int>(), b.at("amount").get<long long>()});
    in.beneficiaries = potential(p, "beneficiaries");
    in.interventions = potential(p, "interventions");
    in.resources = potential(p, "resources");
    in.note = p.value("note", "");
    create_programme(s, in, actor);
  }
  for (const auto& p : doc.at("plans")) {
    const std::string key = p.at("key").get<std::string>();
    if (plan_id_by_key(s, key)) continue;
    PlanContent c;
    c.title = p.at("title").get<std::string>();
    c.note = p.value("note", "");
    for (const auto& b : p.value("beneficiaries", json::array())) {
      PlanBeneficiary x;
      x.target_group = b.at("targetGroup").get<std::string>();
      x.programme_id = programme(b, "programme");
      if (b.contains("plannedCount")) x.planned_count = b["plannedCount"].get<long long>();
      x.note = b.value("note", "");
      c.beneficiaries.push_back(std::move(x));
    }
    for (const auto& a : p.value("activities", json::array())) {
      PlanActivity x;
      x.intervention_type = a.at("interventionType").get<std::string>();
      x.target_group = a.value("targetGroup", "");
      x.programme_id = programme(a, "programme");
      x.description = a.at("description").get<std::string>();
      if (a.contains("plannedQuantity")) x.planned_quantity = a["plannedQuantity"].get<long long>();
      x.quantity_unit = a.value("quantityUnit", "");
      if (a.contains("startDate")) x.start = Date::parse_or_throw(a["startDate"].get<std::string>(), "startDate");
      if (a.contains("endDate")) x.end = Date::parse_or_throw(a["endDate"].get<std::string>(), "endDate");
      if (a.contains("locationCode")) x.location_unit_id = unit(a, "locationCode", "locationAsOf");
      x.lead_agency_id = agency(a.at("leadAgency").get<std::string>());
      for (const auto& k : a.value("partners", std::vector<std::string>{})) x.partner_agency_ids.push_back(agency(k));
      c.activities.push_back(std::move(x));
    }
    for (const auto& b : p.value("budget", json::array()))
      c.budget.push_back({b.at("fundingSource").get<std::string>(), b.at("year").get<int>(), b.at("amount").get<long long>(),
                          programme(b, "programme"), b.value("note", "")});
    validate_plan_content(s, c, Scope::everything());
    const std::string creator = p.value("createdBy", actor.username);
    auto actor_for = [&](const std::string& username) {
      auto u = find_user(s, username);
      return Actor{u ? u->id : 0, username};
    };
    long long id = create_plan(s, unit(p, "orgUnitCode", "orgUnitAsOf"), agency(p.at("agency").get<std::string>()),
                               p.at("year").get<int>(), c, actor_for(creator), key);
    for (const auto& step : p.value("workflow", json::array())) {
      auto action = parse_plan_action(step.at("action").get<std::string>());
      if (!action) throw std::runtime_error("demo plan " + key + ": unknown action");
      std::optional<PlanDecision> decision;  // dated the day the demo is loaded: the workflow happens then too
      if (step.contains("decision"))
        decision = PlanDecision{step["decision"].at("body").get<std::string>(), step["decision"].at("number").get<std::string>(),
                                Date::today_vn()};
      transition_plan(s, id, *action, step.value("comment", ""), actor_for(step.at("by").get<std::string>()),
                      decision ? &*decision : nullptr);
    }
  }
}

}  // namespace longghep
