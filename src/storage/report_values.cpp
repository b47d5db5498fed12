#include "storage/report_values.hpp"

#include <algorithm>

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

}  // namespace longghep
