#include "storage/case_stats.hpp"

#include <map>
#include <set>

namespace longghep {
namespace an = analytics;

std::vector<an::CaseFact> load_case_facts(soci::session& s, an::CaseMeasure kind, const Scope& scope, Date from, Date to,
                                          Date consent_on) {
  std::vector<an::CaseFact> out;
  const std::string lo = from.iso(), hi = to.iso();
  {
    an::CaseFact f;
    std::string day, service, programme;
    const std::string sql =
        kind == an::CaseMeasure::referrals
            ? "SELECT x.id, x.case_id, c.residence_unit_id, c.sex, x.sent_on, '', '' FROM case_referrals x "
              "JOIN case_records c ON c.id = x.case_id WHERE x.sent_on >= :lo AND x.sent_on <= :hi ORDER BY x.id"
            : "SELECT x.id, x.case_id, c.residence_unit_id, c.sex, x.delivered_on, x.service_code, x.host_programme_code "
              "FROM case_services x JOIN case_records c ON c.id = x.case_id "
              "WHERE x.delivered_on >= :lo AND x.delivered_on <= :hi ORDER BY x.id";
    soci::statement st = (s.prepare << sql, soci::into(f.item_id), soci::into(f.case_id), soci::into(f.unit_id),
                          soci::into(f.sex), soci::into(day), soci::into(service), soci::into(programme), soci::use(lo),
                          soci::use(hi));
    st.execute();
    while (st.fetch()) {
      if (!scope.contains(f.unit_id)) continue;
      auto d = Date::parse(day);
      if (!d) continue;
      an::CaseFact x = f;
      x.day = *d;
      x.service = service;
      x.host_programme = programme;
      out.push_back(std::move(x));
    }
  }
  if (out.empty()) return out;
  // consent to statistics in force on consent_on (analytics/case_stats.hpp counts_in_statistics)
  std::map<long long, std::vector<cases::ConsentEvent>> consents;
  {
    long long case_id = 0;
    cases::ConsentEvent e;
    std::string action, on;
    // only the records with a fact in the span (the same filter as above)
    const std::string facts_in_span = kind == an::CaseMeasure::referrals
        ? "SELECT case_id FROM case_referrals WHERE sent_on >= :lo AND sent_on <= :hi"
        : "SELECT case_id FROM case_services WHERE delivered_on >= :lo AND delivered_on <= :hi";
    soci::statement st = (s.prepare << "SELECT case_id, id, action, effective_on, version FROM case_consents "
                                       "WHERE purpose = 'statistics' AND case_id IN (" + facts_in_span + ") ORDER BY case_id, version",
                          soci::into(case_id), soci::into(e.id), soci::into(action), soci::into(on), soci::into(e.version),
                          soci::use(lo), soci::use(hi));
    st.execute();
    while (st.fetch()) {
      auto d = Date::parse(on);
      if (!d) continue;
      e.purpose = "statistics";
      e.given = action == "given";
      e.effective_on = *d;
      consents[case_id].push_back(e);
    }
  }
  std::set<long long> counted;
  for (const auto& [id, ev] : consents)
    if (an::counts_in_statistics(ev, consent_on)) counted.insert(id);
  std::erase_if(out, [&](const an::CaseFact& f) { return !counted.count(f.case_id); });
  if (out.empty()) return out;
  std::map<long long, std::vector<std::string>> groups;
  {
    long long case_id = 0;
    std::string code;
    const std::string facts_in_span = kind == an::CaseMeasure::referrals
        ? "SELECT case_id FROM case_referrals WHERE sent_on >= :lo AND sent_on <= :hi"
        : "SELECT case_id FROM case_services WHERE delivered_on >= :lo AND delivered_on <= :hi";
    soci::statement st = (s.prepare << "SELECT case_id, code FROM case_target_groups WHERE case_id IN (" + facts_in_span +
                                           ") ORDER BY case_id, code",
                          soci::into(case_id), soci::into(code), soci::use(lo), soci::use(hi));
    st.execute();
    while (st.fetch())
      if (counted.count(case_id)) groups[case_id].push_back(code);
  }
  for (auto& f : out)
    if (auto it = groups.find(f.case_id); it != groups.end()) f.target_groups = it->second;
  return out;
}

CaseStatsCatalog load_case_stats_catalog(soci::session& s) {
  CaseStatsCatalog c;
  auto read = [&](const char* table, std::map<std::string, CaseStatsCatalog::Entry>& into) {  // table: a literal
    std::string code, vi, en;
    int sort = 0;
    soci::statement st = (s.prepare << std::string("SELECT code, name_vi, name_en, sort_order FROM ") + table,
                          soci::into(code), soci::into(vi), soci::into(en), soci::into(sort));
    st.execute();
    while (st.fetch()) into[code] = {vi, en, sort};
  };
  read("programme_categories", c.host_programmes);
  read("case_service_types", c.services);
  read("target_groups", c.target_groups);
  return c;
}

std::vector<an::CaseElement> case_elements(const ReportForm& form) {
  std::vector<an::CaseElement> out;
  for (const auto& e : form.elements)
    if (e.source == "computed" && an::is_case_measure(e.measure))
      out.push_back({e.code, e.measure == "case_people", e.host_programme});
  return out;
}

std::map<std::string, long long> compute_case_values(soci::session& s, const ReportForm& form, const Scope& units, Date from,
                                                     Date to, Date consent_on) {
  std::map<std::string, long long> out;
  const auto elements = case_elements(form);
  if (elements.empty()) return out;
  const auto facts = load_case_facts(s, an::CaseMeasure::services, units, from, to, consent_on);
  for (const auto& e : elements)
    out[e.code] = e.people ? an::count_people(facts, e.host_programme) : an::count_services(facts, e.host_programme);
  return out;
}

}  // namespace longghep
