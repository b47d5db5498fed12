#include "storage/report_values.hpp"

#include <algorithm>
#include <cmath>

#include "domain/inspection_figures.hpp"
#include "storage/case_stats.hpp"
#include "storage/inspection_figures.hpp"

#include "analytics/multi_scan.hpp"
#include "analytics/pivot.hpp"

namespace longghep {
namespace an = analytics;

namespace {

// The engine measure of a form element's measure, as compute_values counts it.
std::optional<an::Measure> measure_of(const std::string& m) {
  if (m == "activities") return an::Measure::activities;
  if (m == "reached") return an::Measure::reached;
  if (m == "female") return an::Measure::female;
  if (m == "male") return an::Measure::male;
  if (m == "output") return an::Measure::output;
  if (m == "cost") return an::Measure::cost;
  return std::nullopt;
}

}  // namespace

std::map<std::string, long long> compute_values_engine(AnalyticsIndex& index, const Hierarchy& h, const ReportForm& form,
                                                       const Scope& units, Date from, Date to, long long lead_agency,
                                                       const std::vector<long long>& except_agencies) {
  std::map<std::string, long long> out;
  index.read([&](const an::FactStore& store, const an::Catalog& catalog) {
    const an::UnitMap map(h, store.units().values(), to);
    for (const auto& e : form.elements) {
      if (e.source != "computed") continue;
      const auto m = measure_of(e.measure);
      if (!m) continue;  // an unknown measure computes nothing, as in compute_values
      an::PivotQuery q;
      q.measure = *m;
      q.from = from;
      q.to = to;
      q.as_of = to;
      q.scope = &units;
      if (lead_agency != 0) q.only_agency = lead_agency;
      if (!except_agencies.empty()) {  // every agency but those (an empty list would mean "all")
        for (const auto& [id, name] : catalog.agencies)
          if (std::find(except_agencies.begin(), except_agencies.end(), id) == except_agencies.end()) q.agencies.push_back(id);
        if (q.agencies.empty()) q.agencies.push_back(-1);
      }
      if (!e.intervention_group.empty()) q.type_groups = {e.intervention_group};
      if (!e.intervention_type.empty()) q.types = {e.intervention_type};
      const bool reach = *m == an::Measure::reached || *m == an::Measure::female || *m == an::Measure::male;
      if (!e.target_group_group.empty() && reach) q.target_group_groups = {e.target_group_group};
      if (!e.output_kind.empty() && *m == an::Measure::output) q.output_kinds = {e.output_kind};
      if (*m == an::Measure::cost) {
        if (!e.funding_source.empty()) q.funding_sources = {e.funding_source};
        if (!e.funding_group.empty()) {
          std::vector<std::string> sources;
          for (const auto& t : catalog.funding_sources)
            if (t.group == e.funding_group && (e.funding_source.empty() || t.code == e.funding_source)) sources.push_back(t.code);
          if (sources.empty()) {  // no source of that group: nothing counts
            out[e.code] = 0;
            continue;
          }
          q.funding_sources = sources;
        }
      }
      long long v = 0;
      for (const auto& g : an::evaluate(store, catalog, map, q)) v += g.value;
      out[e.code] = v;
    }
  });
  return out;
}

std::vector<std::map<std::string, long long>> compute_values_engine_many(AnalyticsIndex& index, const ReportForm& form,
                                                                         const std::vector<ValuesRequest>& requests) {
  std::vector<std::map<std::string, long long>> out(requests.size());
  if (requests.empty()) return out;
  index.read([&](const an::FactStore& store, const an::Catalog& catalog) {
    an::MultiQuery q;
    std::vector<std::string> codes;
    for (const auto& e : form.elements) {
      if (e.source != "computed") continue;
      const auto m = measure_of(e.measure);
      if (!m) continue;  // an unknown measure computes nothing, as in compute_values
      an::ScanTerm t;
      t.measure = *m;
      if (!e.intervention_group.empty()) t.type_groups = {e.intervention_group};
      if (!e.intervention_type.empty()) t.types = {e.intervention_type};
      const bool reach = *m == an::Measure::reached || *m == an::Measure::female || *m == an::Measure::male;
      if (!e.target_group_group.empty() && reach) t.target_group_groups = {e.target_group_group};
      if (!e.output_kind.empty() && *m == an::Measure::output) t.output_kinds = {e.output_kind};
      if (*m == an::Measure::cost) {
        if (!e.funding_source.empty()) t.funding_sources = {e.funding_source};
        if (!e.funding_group.empty()) {
          std::vector<std::string> sources;
          for (const auto& ft : catalog.funding_sources)
            if (ft.group == e.funding_group && (e.funding_source.empty() || ft.code == e.funding_source)) sources.push_back(ft.code);
          if (sources.empty()) t.nothing = true;  // no source of that group: nothing counts
          t.funding_sources = sources;
        }
      }
      codes.push_back(e.code);
      q.terms.push_back(std::move(t));
    }
    for (const auto& r : requests) {
      an::ScanScope sc;
      sc.units = r.units;
      sc.from = r.from;
      sc.to = r.to;
      if (r.lead_agency != 0) sc.only_agency = r.lead_agency;
      if (!r.except_agencies.empty()) {  // every agency but those (an empty list would mean "all")
        for (const auto& [id, name] : catalog.agencies)
          if (std::find(r.except_agencies.begin(), r.except_agencies.end(), id) == r.except_agencies.end())
            sc.agencies.push_back(id);
        if (sc.agencies.empty()) sc.agencies.push_back(-1);
      }
      q.scopes.push_back(std::move(sc));
    }
    const an::MultiResult res = an::evaluate_many(store, catalog, q);
    for (size_t i = 0; i < requests.size(); ++i)
      for (size_t t = 0; t < codes.size(); ++t) out[i][codes[t]] = res.at(i, t);
  });
  return out;
}

namespace {
// An issued allocation line as compute_allocated_values filters it.
struct AllocatedLine {
  long long unit = 0, agency = 0;  // agency 0: none (NULL)
  bool has_agency = false;
  Date day = Date::min();
  std::string source, group;
  bool has_group = false;
  long long amount = 0;
};
}  // namespace

std::vector<std::map<std::string, long long>> compute_sql_values_many(soci::session& s, const ReportForm& form,
                                                                      const std::vector<ValuesRequest>& requests, Date consent_on) {
  std::vector<std::map<std::string, long long>> out(requests.size());
  if (requests.empty()) return out;
  Date lo = Date::max(), hi = Date::min();
  bool everything = false;
  std::vector<long long> ids;
  for (const auto& r : requests) {
    lo = std::min(lo, r.from);
    hi = std::max(hi, r.to);
    if (!r.units || r.units->all()) everything = true;
    else ids.insert(ids.end(), r.units->ids().begin(), r.units->ids().end());
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  const Scope all_units = everything ? Scope::everything() : Scope::of(ids);
  auto in = [](const ValuesRequest& r, long long unit) { return !r.units || r.units->all() || r.units->contains(unit); };

  // the allocated money (migration 0035): issued lines of issued decisions (an amendment only when
  // the decision it amends is issued), on a funding source, dated in the span
  bool any_allocated = false;
  for (const auto& e : form.elements) any_allocated = any_allocated || (e.source == "computed" && e.measure == "allocated");
  if (any_allocated) {
    std::vector<AllocatedLine> lines;
    {
      AllocatedLine l;
      std::string day;
      soci::indicator ai, gi;
      const std::string from = lo.iso(), to = hi.iso();
      soci::statement st = (s.prepare << "SELECT d.org_unit_id, d.agency_id, d.decision_date, l.funding_source_code, f.grp, "
                                         "CAST(l.amount AS BIGINT) FROM allocation_lines l "
                                         "JOIN allocation_decisions d ON d.id = l.decision_id "
                                         "LEFT JOIN allocation_decisions o ON o.id = d.amends_id "
                                         "JOIN funding_sources f ON f.code = l.funding_source_code "
                                         "WHERE d.status = 'issued' AND (d.amends_id IS NULL OR o.status = 'issued') "
                                         "AND d.decision_date >= :lo AND d.decision_date <= :hi",
                            soci::into(l.unit), soci::into(l.agency, ai), soci::into(day), soci::into(l.source),
                            soci::into(l.group, gi), soci::into(l.amount), soci::use(from), soci::use(to));
      st.execute();
      while (st.fetch()) {
        AllocatedLine x = l;
        x.has_agency = ai == soci::i_ok;
        if (!x.has_agency) x.agency = 0;
        x.has_group = gi == soci::i_ok;
        if (!x.has_group) x.group.clear();
        auto d = Date::parse(day);
        if (!d) continue;
        x.day = *d;
        lines.push_back(std::move(x));
      }
    }
    for (size_t i = 0; i < requests.size(); ++i) {
      const ValuesRequest& r = requests[i];
      for (const auto& e : form.elements) {
        if (e.source != "computed" || e.measure != "allocated") continue;
        long long v = 0;
        for (const auto& l : lines) {
          if (!in(r, l.unit) || l.day < r.from || l.day > r.to) continue;
          if (r.lead_agency != 0 && (!l.has_agency || l.agency != r.lead_agency)) continue;
          bool excepted = false;
          for (long long x : r.except_agencies) excepted = excepted || (l.has_agency && l.agency == x);
          if (excepted) continue;
          if (!e.funding_group.empty() && (!l.has_group || l.group != e.funding_group)) continue;
          if (!e.funding_source.empty() && l.source != e.funding_source) continue;
          v += l.amount;
        }
        out[i][e.code] = v;
      }
    }
  }

  // a unit's figures only (an agency's report has none of these)
  bool units_asked = false;
  for (const auto& r : requests) units_asked = units_asked || r.lead_agency == 0;
  if (!units_asked) return out;
  const auto case_els = case_elements(form);
  if (!case_els.empty()) {
    const auto facts = load_case_facts(s, analytics::CaseMeasure::services, all_units, lo, hi, consent_on);
    for (size_t i = 0; i < requests.size(); ++i) {
      const ValuesRequest& r = requests[i];
      if (r.lead_agency != 0) continue;
      std::vector<analytics::CaseFact> mine;
      for (const auto& f : facts)
        if (in(r, f.unit_id) && f.day >= r.from && f.day <= r.to) mine.push_back(f);
      for (const auto& e : case_els)
        out[i][e.code] = e.people ? analytics::count_people(mine, e.host_programme) : analytics::count_services(mine, e.host_programme);
    }
  }
  std::vector<const FormElement*> insp;
  for (const auto& e : form.elements)
    if (e.source == "computed" && is_inspection_measure(e.measure)) insp.push_back(&e);
  if (!insp.empty()) {
    namespace fig = inspection_figures;
    const auto businesses = load_business_facts(s, all_units);
    const auto inspections = load_inspection_facts(s, all_units, lo, hi);
    for (size_t i = 0; i < requests.size(); ++i) {
      const ValuesRequest& r = requests[i];
      if (r.lead_agency != 0) continue;
      std::vector<fig::BusinessFact> bs;
      std::vector<fig::InspectionFact> is;
      for (const auto& b : businesses)
        if (in(r, b.unit_id)) bs.push_back(b);
      for (const auto& x : inspections)
        if (in(r, x.unit_id) && x.day >= r.from && x.day <= r.to) is.push_back(x);
      const fig::Figures f = fig::compute_figures(bs, is, r.from, r.to);
      for (const auto* e : insp) {
        const auto v = fig::figure_value(f, e->measure.substr(5));
        out[i][e->code] = v ? static_cast<long long>(std::llround(*v)) : 0;
      }
    }
  }
  return out;
}

}  // namespace longghep
