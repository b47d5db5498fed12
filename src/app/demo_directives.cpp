// The demo's directives (demo/directives.json): the five seed documents and a 2026 plan of the
// new Gia Lai with their tasks and progress, written through the directives storage. Directives
// already present (by key) are skipped.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/demo.hpp"
#include "domain/hierarchy.hpp"
#include "domain/task_schedule.hpp"
#include "storage/agencies.hpp"
#include "storage/directives.hpp"

namespace longghep {
using nlohmann::json;

void load_demo_directives(soci::session& s, const Hierarchy& h, const Actor& actor) {
  const json doc = json::parse(demo_resource("demo/directives.json"));
  auto agency = [&](const std::string& key) {
    auto id = agency_id_by_key(s, key);
    if (!id) throw std::runtime_error("demo directive refers to unknown agency " + key);
    return *id;
  };
  auto unit = [&](const std::string& code, Date d) {
    const OrgUnit* u = h.find(code, d);
    if (!u) throw std::runtime_error("demo directive refers to unknown unit " + code + " on " + d.iso());
    return u->id;
  };
  std::map<std::string, long long> by_key;
  for (const auto& d : doc.at("directives")) {
    const std::string key = d.at("key").get<std::string>();
    if (auto existing = directive_id_by_key(s, key)) {
      by_key[key] = *existing;
      continue;
    }
    DirectiveInput in;
    in.key = key;
    in.number = d.at("number").get<std::string>();
    in.kind = d.at("kind").get<std::string>();
    in.subject = d.at("subject").get<std::string>();
    in.issue_date = Date::parse_or_throw(d.at("issueDate").get<std::string>(), "issueDate");
    if (d.contains("issuingAgency")) in.issuing_agency_id = agency(d.at("issuingAgency").get<std::string>());
    in.org_unit_id = unit(d.at("orgUnitCode").get<std::string>(), in.issue_date);
    for (const auto& r : d.value("recipientAgencies", json::array())) in.recipient_agency_ids.push_back(agency(r.get<std::string>()));
    for (const auto& l : d.value("recipientLines", json::array())) in.recipient_lines.push_back(l.get<std::string>());
    if (d.contains("implements")) {
      auto p = by_key.find(d.at("implements").get<std::string>());
      if (p == by_key.end()) throw std::runtime_error("demo directive implements an unknown key");
      in.implements_id = p->second;
    }
    const long long id = create_directive(s, in, actor);
    by_key[key] = id;
    for (const auto& t : d.value("tasks", json::array())) {
      TaskInput ti;
      ti.directive_id = id;
      ti.code = t.at("code").get<std::string>();
      ti.title = t.at("title").get<std::string>();
      ti.description = t.value("description", "");
      ti.lead_agency_id = agency(t.at("lead").get<std::string>());
      for (const auto& c : t.value("co", json::array())) ti.co_agency_ids.push_back(agency(c.get<std::string>()));
      ti.org_unit_id = t.contains("orgUnitCode") ? unit(t.at("orgUnitCode").get<std::string>(), in.issue_date) : in.org_unit_id;
      auto opt = [&](const char* k) {
        return t.contains(k) ? std::optional<Date>(Date::parse_or_throw(t.at(k).get<std::string>(), k)) : std::nullopt;
      };
      std::vector<std::string> days;
      for (const auto& x : t.value("dueDays", json::array())) days.push_back(x.get<std::string>());
      ti.schedule = make_schedule(opt("dueDate"), t.value("recurrence", "none"), days,
                                  t.contains("recurrence") ? opt("startsOn").value_or(in.issue_date) : opt("startsOn"), opt("endsOn"));
      const long long tid = create_task(s, ti, actor);
      for (const auto& u : t.value("updates", json::array())) {
        auto row = get_task_row(s, tid);
        ProgressInput pi;
        pi.date = Date::parse_or_throw(u.at("date").get<std::string>(), "date");
        pi.note = u.at("note").get<std::string>();
        pi.status = parse_task_status(u.at("status").get<std::string>()).value();
        add_progress(s, *row, pi, actor);
      }
    }
  }
}

}  // namespace longghep
