#include "storage/indicators.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "analytics/multi_scan.hpp"

#include "domain/error.hpp"
#include "storage/case_stats.hpp"
#include "storage/classification_figures.hpp"
#include "storage/inspection_figures.hpp"
#include "storage/org_units.hpp"
#include "storage/query.hpp"

namespace longghep {
using nlohmann::json;
namespace an = analytics;

namespace {

std::vector<Indicator> read_indicators(soci::session& s, const std::string& only) {
  std::vector<Indicator> out;
  std::string code, vi, en, unit, num, den;
  int percent = 0, higher = 1, position = 0;
  double green = 100, amber = 80;
  soci::statement st = (s.prepare << "SELECT code, position, name_vi, name_en, unit_label, percent, numerator_json, "
                                     "denominator_json, higher_is_better, green_at, amber_at FROM indicators "
                                     "WHERE active = 1 ORDER BY position, code",
                        soci::into(code), soci::into(position), soci::into(vi), soci::into(en), soci::into(unit),
                        soci::into(percent), soci::into(num), soci::into(den), soci::into(higher), soci::into(green),
                        soci::into(amber));
  st.execute();
  while (st.fetch()) {
    if (!only.empty() && code != only) continue;
    Indicator i;
    i.code = code;
    i.position = position;
    i.name_vi = vi;
    i.name_en = en;
    i.unit_label = unit;
    i.percent = percent != 0;
    i.numerator = parse_term(json::parse(num), "numerator");
    if (!den.empty()) i.denominator = parse_term(json::parse(den), "denominator");
    i.higher_is_better = higher != 0;
    i.green_at = green;
    i.amber_at = amber;
    out.push_back(std::move(i));
  }
  return out;
}

Date year_start(int y) { return Date::from_ymd(y, 1, 1); }
Date year_end(int y) { return Date::from_ymd(y, 12, 31); }

// The filters of a term over activities `a` (joined with intervention_types `t`), in the year
// and the loaded scope. `joined` names what the head already joined (reach r / outputs o /
// costs c): a filter on it is a plain condition, otherwise an EXISTS.
void add_activity_filters(Query& q, const Term& t, int year, bool scoped, char joined) {
  if (scoped) q.append(" AND a.org_unit_id IN (SELECT id FROM scope_ids)");
  q.and_where("a.start_date >= ?", year_start(year).iso()).and_where("a.start_date <= ?", year_end(year).iso());
  // who recorded it: a unit of one of the levels, or a lead agency of one of the kinds
  if (!t.levels.empty() || !t.agency_kinds.empty()) {
    q.append(" AND (1 = 0");
    for (const auto& l : t.levels) q.append_bound(" OR a.org_unit_id IN (SELECT lu.id FROM org_units lu WHERE lu.kind = ?)", l);
    for (const auto& k : t.agency_kinds)
      q.append_bound(" OR a.lead_agency_id IN (SELECT la.id FROM agencies la WHERE la.kind = ?)", k);
    q.append(")");
  }
  if (!t.intervention_group.empty()) q.and_where("t.grp = ?", t.intervention_group);
  if (!t.intervention_type.empty()) q.and_where("a.intervention_type_code = ?", t.intervention_type);
  if (joined == 'r') {
    if (!t.target_group.empty()) q.and_where("r.target_group_code = ?", t.target_group);
    if (!t.target_group_group.empty()) q.and_where("g.grp = ?", t.target_group_group);
  } else {
    if (!t.target_group.empty())
      q.and_where("EXISTS (SELECT 1 FROM activity_reach rx WHERE rx.activity_id = a.id AND rx.target_group_code = ?)",
                  t.target_group);
    if (!t.target_group_group.empty())
      q.and_where("EXISTS (SELECT 1 FROM activity_reach rx JOIN target_groups gx ON gx.code = rx.target_group_code "
                  "WHERE rx.activity_id = a.id AND gx.grp = ?)",
                  t.target_group_group);
  }
  if (joined == 'o') {
    if (!t.output_kind.empty()) q.and_where("o.output_kind_code = ?", t.output_kind);
  } else if (!t.output_kind.empty()) {
    q.and_where("EXISTS (SELECT 1 FROM activity_outputs ox WHERE ox.activity_id = a.id AND ox.output_kind_code = ?)",
                t.output_kind);
  }
  if (joined == 'c') {
    if (!t.funding_source.empty()) q.and_where("c.funding_source_code = ?", t.funding_source);
    if (!t.funding_group.empty()) q.and_where("f.grp = ?", t.funding_group);
  } else {
    if (!t.funding_source.empty())
      q.and_where("EXISTS (SELECT 1 FROM activity_costs cx WHERE cx.activity_id = a.id AND cx.funding_source_code = ?)",
                  t.funding_source);
    if (!t.funding_group.empty())
      q.and_where("EXISTS (SELECT 1 FROM activity_costs cx JOIN funding_sources fx ON fx.code = cx.funding_source_code "
                  "WHERE cx.activity_id = a.id AND fx.grp = ?)",
                  t.funding_group);
  }
}

constexpr const char* kTypes = " JOIN intervention_types t ON t.code = a.intervention_type_code WHERE 1=1";

// What one evaluation needs to know about where it counts.
struct Where {
  const Hierarchy& h;
  const OrgUnit& unit;
  Scope scope;
  int year;
  Date ref;
};

// The units of kind `kind` valid on the reference day inside the scope.
std::vector<const OrgUnit*> candidates(const Where& w, const std::string& kind) {
  std::vector<const OrgUnit*> out;
  for (const auto& u : w.h.units())
    if (u.kind == kind && u.valid_on(w.ref) && w.scope.contains(u.id)) out.push_back(&u);
  return out;
}

double count_term(soci::session& s, const Where& w, const Term& t) {
  const bool scoped = !w.scope.all();
  switch (t.measure) {
    case TermMeasure::case_people:
    case TermMeasure::case_services: {
      // support records residing in the subtree, consenting to statistics today, served in the year
      const auto facts = load_case_facts(s, analytics::CaseMeasure::services, w.scope, year_start(w.year),
                                         std::min(year_end(w.year), std::max(w.ref, year_start(w.year))), Date::today_vn());
      return static_cast<double>(t.measure == TermMeasure::case_people ? analytics::count_people(facts, t.host_programme)
                                                                        : analytics::count_services(facts, t.host_programme));
    }
    case TermMeasure::businesses:
    case TermMeasure::businesses_inspected:
    case TermMeasure::inspections:
    case TermMeasure::inspections_unannounced:
    case TermMeasure::violations:
    case TermMeasure::repeat_violators:
    case TermMeasure::fines:
    case TermMeasure::outreach_informed:
    case TermMeasure::outreach_health_checked:
    case TermMeasure::outreach_referred: {
      // the businesses of the subtree (of a type) and their final inspections of the year
      auto bs = load_business_facts(s, w.scope);
      auto is = load_inspection_facts(s, w.scope, year_start(w.year), year_end(w.year));
      if (!t.business_type.empty()) {
        std::set<long long> of_type;
        std::erase_if(bs, [&](const auto& b) { return b.type_code != t.business_type; });
        for (const auto& b : bs) of_type.insert(b.id);
        std::erase_if(is, [&](const auto& i) { return !of_type.count(i.business_id); });
      }
      if (t.measure == TermMeasure::businesses && !t.business_status.empty())
        return static_cast<double>(std::count_if(bs.begin(), bs.end(), [&](const auto& b) { return b.status == t.business_status; }));
      return inspection_figures::figure_value(inspection_figures::compute_figures(bs, is, w.year), figure_of(t.measure))
          .value_or(0);
    }
    case TermMeasure::communes_classified_healthy:
      // the communes counted by the denominator {"measure":"units","unitKind":"commune"} (valid on
      // the reference day in the subtree) with an approved healthy class of the year
      return static_cast<double>(count_communes_classified_healthy(s, w.h, w.scope, w.year, w.ref));
    case TermMeasure::constant:
      return t.constant;
    case TermMeasure::activities:
    case TermMeasure::reached:
    case TermMeasure::output:
    case TermMeasure::cost: {
      std::string head;
      char joined = ' ';
      if (t.measure == TermMeasure::activities) {
        head = "SELECT COUNT(*) FROM activities a";
      } else if (t.measure == TermMeasure::reached) {
        head = "SELECT CAST(COALESCE(SUM(r.total), 0) AS BIGINT) FROM activity_reach r JOIN activities a ON a.id = r.activity_id "
               "JOIN target_groups g ON g.code = r.target_group_code";
        joined = 'r';
      } else if (t.measure == TermMeasure::output) {
        head = "SELECT CAST(COALESCE(SUM(o.quantity), 0) AS BIGINT) FROM activity_outputs o JOIN activities a ON a.id = o.activity_id";
        joined = 'o';
      } else {
        head = "SELECT CAST(COALESCE(SUM(c.amount), 0) AS BIGINT) FROM activity_costs c JOIN activities a ON a.id = c.activity_id "
               "JOIN funding_sources f ON f.code = c.funding_source_code";
        joined = 'c';
      }
      Query q(head + kTypes);
      add_activity_filters(q, t, w.year, scoped, joined);
      long long v = 0;
      q.run(s, soci::into(v));
      return static_cast<double>(v);
    }
    case TermMeasure::units:
      return static_cast<double>(candidates(w, t.unit_kind).size());
    case TermMeasure::units_with_activities: {
      Query q(std::string("SELECT a.org_unit_id, COUNT(*) FROM activities a") + kTypes);
      add_activity_filters(q, t, w.year, scoped, ' ');
      q.append(" GROUP BY a.org_unit_id");
      std::map<long long, long long> per_unit;
      long long id = 0, n = 0;
      soci::statement st = q.prepare(s, soci::into(id), soci::into(n));
      st.execute();
      while (st.fetch()) per_unit[id] = n;
      long long count = 0;
      for (const OrgUnit* c : candidates(w, t.unit_kind)) {
        // a unit is credited with what was recorded on it and on the units merged into it
        const Scope own = w.h.scope_of(c->id);
        long long total = 0;
        if (own.all()) {
          for (const auto& [_, k] : per_unit) total += k;
        } else {
          for (long long x : own.ids())
            if (auto it = per_unit.find(x); it != per_unit.end()) total += it->second;
        }
        if (total >= t.min_count) ++count;
      }
      return static_cast<double>(count);
    }
    case TermMeasure::months_with: {
      const bool by_output = !t.output_kind.empty();
      Query q(by_output ? std::string("SELECT SUBSTR(a.start_date, 1, 7), CAST(SUM(o.quantity) AS BIGINT) FROM activity_outputs o "
                                      "JOIN activities a ON a.id = o.activity_id") + kTypes
                        : std::string("SELECT SUBSTR(a.start_date, 1, 7), COUNT(*) FROM activities a") + kTypes);
      add_activity_filters(q, t, w.year, scoped, by_output ? 'o' : ' ');
      q.append(" GROUP BY SUBSTR(a.start_date, 1, 7)");
      std::string month;
      long long n = 0, months = 0;
      soci::statement st = q.prepare(s, soci::into(month), soci::into(n));
      st.execute();
      while (st.fetch())
        if (n >= t.min_count) ++months;
      return static_cast<double>(months);
    }
    case TermMeasure::surveyed: {
      // A survey counts people, so halves do not add up: per unit and group, the whole-year
      // survey (half 0) if there is one, else the latest half.
      Query q("SELECT v.org_unit_id, v.target_group_code, v.half, v.count FROM target_group_surveys v "
              "JOIN target_groups g ON g.code = v.target_group_code WHERE 1=1");
      if (scoped) q.append(" AND v.org_unit_id IN (SELECT id FROM scope_ids)");
      q.and_where("v.year = ?", static_cast<long long>(w.year));
      if (!t.target_group.empty()) q.and_where("v.target_group_code = ?", t.target_group);
      if (!t.target_group_group.empty()) q.and_where("g.grp = ?", t.target_group_group);
      long long unit = 0, count = 0;
      int half = 0;
      std::string group;
      std::map<std::pair<long long, std::string>, std::pair<int, long long>> best;  // → (rank, count)
      soci::statement st = q.prepare(s, soci::into(unit), soci::into(group), soci::into(half), soci::into(count));
      st.execute();
      while (st.fetch()) {
        const int rank = half == 0 ? 3 : half;
        auto& b = best[{unit, group}];
        if (rank > b.first) b = {rank, count};
      }
      double total = 0;
      for (const auto& [_, b] : best) total += static_cast<double>(b.second);
      return total;
    }
    case TermMeasure::report_element: {
      // The unit's own accepted reports of the year; for a period it has none, those of the
      // units directly below it.
      auto sum_for = [&](long long unit_id, std::set<std::string>* periods) {
        double total = 0;
        std::string values, period;
        const std::string y = std::to_string(w.year), halves = y + "-H%";
        soci::statement st = (s.prepare << "SELECT period_code, values_json FROM reports WHERE form_code = :f AND org_unit_id = :u "
                                           "AND status = 'accepted' AND (period_code = :y OR period_code LIKE :h)",
                              soci::into(period), soci::into(values), soci::use(t.form), soci::use(unit_id), soci::use(y),
                              soci::use(halves));
        st.execute();
        while (st.fetch()) {
          if (periods) periods->insert(period);
          json v = json::parse(values);
          if (auto it = v.find(t.element); it != v.end() && it->is_number()) total += it->get<double>();
        }
        return total;
      };
      std::set<std::string> own_periods;
      double total = sum_for(w.unit.id, &own_periods);
      if (own_periods.empty())
        for (const OrgUnit* c : w.h.children(w.unit, w.ref)) total += sum_for(c->id, nullptr);
      return total;
    }
    case TermMeasure::agencies:
    case TermMeasure::agencies_with_plan: {
      Query q("SELECT COUNT(*) FROM agencies ag WHERE 1=1");
      if (scoped) q.append(" AND ag.org_unit_id IN (SELECT id FROM scope_ids)");
      q.and_where("ag.valid_from <= ?", year_end(w.year).iso()).and_where("ag.valid_to >= ?", year_start(w.year).iso());
      if (!t.agency_kind.empty()) q.and_where("ag.kind = ?", t.agency_kind);
      if (t.measure == TermMeasure::agencies_with_plan)
        q.and_where("EXISTS (SELECT 1 FROM integration_plans p WHERE p.agency_id = ag.id AND p.year = ? "
                    "AND p.status IN ('approved', 'superseded'))",
                    static_cast<long long>(w.year));
      long long v = 0;
      q.run(s, soci::into(v));
      return static_cast<double>(v);
    }
  }
  return 0;
}

// A day on which `u` is valid, as near to `d` as possible.
Date clamp_to(const OrgUnit& u, Date d) { return std::clamp(d, u.validity.from, u.validity.to); }

json number_or_null(std::optional<double> v) { return v ? json(*v) : json(nullptr); }

}  // namespace

std::vector<Indicator> load_indicators(soci::session& s) { return read_indicators(s, ""); }

std::optional<Indicator> load_indicator(soci::session& s, const std::string& code) {
  if (code.empty()) return std::nullopt;
  auto v = read_indicators(s, code);
  if (v.empty()) return std::nullopt;
  return v.front();
}

json indicator_json(const Indicator& i) {
  return {{"code", i.code},
          {"name", i.name_vi},
          {"nameEn", i.name_en},
          {"unit", i.unit_label},
          {"percent", i.percent},
          {"numerator", term_json(i.numerator)},
          {"denominator", i.denominator ? term_json(*i.denominator) : json(nullptr)},
          {"higherIsBetter", i.higher_is_better},
          {"greenAt", i.green_at},
          {"amberAt", i.amber_at}};
}

Date indicator_reference_day(const OrgUnit& unit, int year) {
  Date ref = year_end(year);
  const Date today = Date::today_vn();
  if (today.year() == year && today < ref) ref = today;
  if (unit.validity.to < ref && unit.validity.to >= year_start(year)) ref = unit.validity.to;
  return ref;
}

double count_indicator_term(soci::session& s, const Hierarchy& h, const OrgUnit& unit, int year, const Term& t) {
  Where w{h, unit, h.scope_of(unit.id), year, indicator_reference_day(unit, year)};
  if (!w.scope.all()) load_scope_ids(s, w.scope);
  return count_term(s, w, t);
}

namespace {
// Counts of some terms computed beforehand (by the engine): per indicator, numerator and denominator.
struct Precounted {
  std::vector<std::optional<double>> num, den;
};

json evaluate_with(soci::session& s, const Hierarchy& h, const OrgUnit& unit, int year, const std::vector<Indicator>& indicators,
                   const Precounted* pre) {
  const Date ref = indicator_reference_day(unit, year);
  Where w{h, unit, h.scope_of(unit.id), year, ref};
  if (!w.scope.all()) load_scope_ids(s, w.scope);

  // targets: the unit's own, else the nearest set above it (ancestors on a day it is valid)
  std::vector<const OrgUnit*> chain{&unit};
  for (const OrgUnit* a : [&] { auto v = h.ancestors(unit, clamp_to(unit, ref)); std::reverse(v.begin(), v.end()); return v; }())
    chain.push_back(a);
  std::map<std::string, std::pair<double, const OrgUnit*>> targets;
  for (const OrgUnit* u : chain) {
    std::string code;
    double target = 0;
    soci::statement st = (s.prepare << "SELECT indicator_code, target FROM indicator_targets WHERE org_unit_id = :u AND year = :y",
                          soci::into(code), soci::into(target), soci::use(u->id), soci::use(year));
    st.execute();
    while (st.fetch())
      if (!targets.count(code)) targets[code] = {target, u};
  }

  json out = json::array();
  for (size_t k = 0; k < indicators.size(); ++k) {
    const Indicator& i = indicators[k];
    const double num = pre && pre->num[k] ? *pre->num[k] : count_term(s, w, i.numerator);
    std::optional<double> den;
    if (i.denominator) den = pre && pre->den[k] ? *pre->den[k] : count_term(s, w, *i.denominator);
    // small counts of support records: neither the count nor a value from it is shown
    const bool suppressed = term_suppressed(i.numerator, num) || (i.denominator && den && term_suppressed(*i.denominator, *den));
    const std::optional<double> value = suppressed ? std::nullopt : indicator_value(i, num, den);
    std::optional<double> target;
    json from = nullptr;
    if (auto it = targets.find(i.code); it != targets.end()) {
      target = it->second.first;
      from = org_unit_ref(*it->second.second);
    }
    const std::optional<double> ach = achievement(i, value, target);
    out.push_back({{"code", i.code},
                   {"name", i.name_vi},
                   {"nameEn", i.name_en},
                   {"unit", i.unit_label},
                   {"percent", i.percent},
                   {"higherIsBetter", i.higher_is_better},
                   {"greenAt", i.green_at},
                   {"amberAt", i.amber_at},
                   {"numerator", suppressed ? json(nullptr) : json(num)},
                   {"denominator", suppressed ? json(nullptr) : number_or_null(den)},
                   {"suppressed", suppressed},
                   {"value", number_or_null(value)},
                   {"target", number_or_null(target)},
                   {"targetFrom", from},
                   {"achievement", number_or_null(ach)},
                   {"status", to_string(status_of(i, ach))}});
  }
  return out;
}

// The engine's form of a term over activities (analytics/multi_scan.hpp), exactly as count_term
// counts it by SQL; nullopt for a term it does not express (a filter on another kind of line of
// the activity, an EXISTS): that term stays with SQL.
std::optional<an::ScanTerm> scan_term_of(const Term& t, const an::Catalog& cat) {
  an::ScanTerm x;
  const bool exists_reach = !t.target_group.empty() || !t.target_group_group.empty();
  const bool exists_output = !t.output_kind.empty();
  const bool exists_cost = !t.funding_source.empty() || !t.funding_group.empty();
  switch (t.measure) {
    case TermMeasure::activities:
    case TermMeasure::units_with_activities:
      if (exists_reach || exists_output || exists_cost) return std::nullopt;
      x.measure = an::Measure::activities;
      x.by_unit = t.measure == TermMeasure::units_with_activities;
      break;
    case TermMeasure::months_with:
      if (exists_reach || exists_cost) return std::nullopt;
      x.measure = exists_output ? an::Measure::output : an::Measure::activities;
      if (exists_output) x.output_kinds = {t.output_kind};
      x.by_month = true;
      break;
    case TermMeasure::reached:
      if (exists_output || exists_cost) return std::nullopt;
      x.measure = an::Measure::reached;
      if (!t.target_group.empty()) x.target_groups = {t.target_group};
      if (!t.target_group_group.empty()) x.target_group_groups = {t.target_group_group};
      break;
    case TermMeasure::output:
      if (exists_reach || exists_cost) return std::nullopt;
      x.measure = an::Measure::output;
      if (exists_output) x.output_kinds = {t.output_kind};
      break;
    case TermMeasure::cost:
      if (exists_reach || exists_output) return std::nullopt;
      x.measure = an::Measure::cost;
      if (!t.funding_source.empty()) x.funding_sources = {t.funding_source};
      if (!t.funding_group.empty()) {
        std::vector<std::string> sources;
        for (const auto& f : cat.funding_sources)
          if (f.group == t.funding_group && (t.funding_source.empty() || f.code == t.funding_source)) sources.push_back(f.code);
        if (sources.empty()) x.nothing = true;
        x.funding_sources = sources;
      }
      break;
    default: return std::nullopt;
  }
  if (!t.intervention_group.empty()) x.type_groups = {t.intervention_group};
  if (!t.intervention_type.empty()) x.types = {t.intervention_type};
  x.levels = t.levels;
  x.agency_kinds = t.agency_kinds;
  return x;
}

// A term's count from its scan cell (scope s, term k), as count_term computes it.
double count_from_scan(const Where& w, const Term& t, const an::MultiResult& r, size_t s, size_t k) {
  const size_t cell = s * r.terms + k;
  switch (t.measure) {
    case TermMeasure::months_with: {
      long long months = 0;
      for (const auto& [_, n] : r.months[cell])
        if (n >= t.min_count) ++months;
      return static_cast<double>(months);
    }
    case TermMeasure::units_with_activities: {
      std::unordered_map<long long, long long> per_unit(r.units[cell].begin(), r.units[cell].end());
      long long count = 0;
      for (const OrgUnit* c : candidates(w, t.unit_kind)) {
        // a unit is credited with what was recorded on it and on the units merged into it
        const Scope own = w.h.scope_of(c->id);
        long long total = 0;
        if (own.all()) {
          for (const auto& [_, n] : per_unit) total += n;
        } else {
          for (long long x : own.ids())
            if (auto it = per_unit.find(x); it != per_unit.end()) total += it->second;
        }
        if (total >= t.min_count) ++count;
      }
      return static_cast<double>(count);
    }
    default: return static_cast<double>(r.at(s, k));
  }
}
}  // namespace

json evaluate_indicators(soci::session& s, const Hierarchy& h, const OrgUnit& unit, int year) {
  return evaluate_with(s, h, unit, year, load_indicators(s), nullptr);
}

std::vector<json> evaluate_indicators_many(soci::session& s, const Hierarchy& h, const std::vector<const OrgUnit*>& units,
                                           int year, AnalyticsIndex* engine) {
  const std::vector<Indicator> indicators = load_indicators(s);
  std::vector<json> out;
  out.reserve(units.size());
  if (!engine) {
    for (const OrgUnit* u : units) out.push_back(evaluate_with(s, h, *u, year, indicators, nullptr));
    return out;
  }
  std::vector<std::pair<long long, std::string>> agency_kinds;
  {
    long long id = 0;
    std::string kind;
    soci::statement st = (s.prepare << "SELECT id, COALESCE(kind, '') FROM agencies", soci::into(id), soci::into(kind));
    st.execute();
    while (st.fetch()) agency_kinds.emplace_back(id, kind);
  }
  std::vector<Scope> scopes;
  scopes.reserve(units.size());
  for (const OrgUnit* u : units) scopes.push_back(h.scope_of(u->id));
  // which indicator term is which scan term (-1: by SQL)
  std::vector<int> num_at(indicators.size(), -1), den_at(indicators.size(), -1);
  std::vector<Precounted> pre(units.size());
  engine->read([&](const an::FactStore& store, const an::Catalog& cat) {
    an::MultiQuery q;
    q.hierarchy = &h;
    q.agency_kinds = &agency_kinds;
    for (size_t k = 0; k < indicators.size(); ++k) {
      if (auto x = scan_term_of(indicators[k].numerator, cat)) {
        num_at[k] = static_cast<int>(q.terms.size());
        q.terms.push_back(std::move(*x));
      }
      if (indicators[k].denominator)
        if (auto x = scan_term_of(*indicators[k].denominator, cat)) {
          den_at[k] = static_cast<int>(q.terms.size());
          q.terms.push_back(std::move(*x));
        }
    }
    for (size_t i = 0; i < units.size(); ++i)
      q.scopes.push_back({scopes[i].all() ? nullptr : &scopes[i], year_start(year), year_end(year), std::nullopt, {}});
    const an::MultiResult r = an::evaluate_many(store, cat, q);
    for (size_t i = 0; i < units.size(); ++i) {
      const Where w{h, *units[i], scopes[i], year, indicator_reference_day(*units[i], year)};
      pre[i].num.resize(indicators.size());
      pre[i].den.resize(indicators.size());
      for (size_t k = 0; k < indicators.size(); ++k) {
        if (num_at[k] >= 0) pre[i].num[k] = count_from_scan(w, indicators[k].numerator, r, i, static_cast<size_t>(num_at[k]));
        if (den_at[k] >= 0) pre[i].den[k] = count_from_scan(w, *indicators[k].denominator, r, i, static_cast<size_t>(den_at[k]));
      }
    }
  });
  for (size_t i = 0; i < units.size(); ++i) out.push_back(evaluate_with(s, h, *units[i], year, indicators, &pre[i]));
  return out;
}

namespace {
constexpr const char* kTargetSelect =
    "SELECT id, indicator_code, org_unit_id, year, target, updated_by, updated_at FROM indicator_targets";

std::vector<IndicatorTarget> read_targets(soci::session& s, Query& q) {
  std::vector<IndicatorTarget> out;
  IndicatorTarget t;
  soci::statement st = q.prepare(s, soci::into(t.id), soci::into(t.indicator_code), soci::into(t.org_unit_id),
                                 soci::into(t.year), soci::into(t.target), soci::into(t.updated_by), soci::into(t.updated_at));
  st.execute();
  while (st.fetch()) out.push_back(t);
  return out;
}

json audit_json(const IndicatorTarget& t) {
  return {{"indicator", t.indicator_code}, {"orgUnitId", t.org_unit_id}, {"year", t.year}, {"target", t.target}};
}
}  // namespace

std::optional<IndicatorTarget> find_target(soci::session& s, const std::string& indicator, long long unit_id, int year) {
  Query q(std::string(kTargetSelect) + " WHERE 1=1");
  q.and_where("indicator_code = ?", indicator).and_where("org_unit_id = ?", unit_id).and_where("year = ?", static_cast<long long>(year));
  auto v = read_targets(s, q);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<IndicatorTarget> targets_of(soci::session& s, long long unit_id, int year) {
  Query q(std::string(kTargetSelect) + " x WHERE 1=1");
  q.and_where("x.org_unit_id = ?", unit_id);
  if (year) q.and_where("x.year = ?", static_cast<long long>(year));
  q.append(" ORDER BY x.year, (SELECT position FROM indicators i WHERE i.code = x.indicator_code), x.indicator_code");
  return read_targets(s, q);
}

json target_json(const IndicatorTarget& t, const Hierarchy& h) {
  const OrgUnit* u = h.by_id(t.org_unit_id);
  return {{"id", t.id},
          {"indicator", t.indicator_code},
          {"orgUnit", u ? org_unit_ref(*u) : json(nullptr)},
          {"year", t.year},
          {"target", t.target},
          {"updatedBy", t.updated_by},
          {"updatedAt", t.updated_at}};
}

IndicatorTarget set_target(soci::session& s, const std::string& indicator, long long unit_id, int year, double target,
                           const Actor& actor) {
  const std::string now = now_iso_utc();
  auto before = find_target(s, indicator, unit_id, year);
  IndicatorTarget t = before.value_or(IndicatorTarget{});
  t.indicator_code = indicator;
  t.org_unit_id = unit_id;
  t.year = year;
  t.target = target;
  t.updated_by = actor.username;
  t.updated_at = now;
  if (before) {
    s << "UPDATE indicator_targets SET target = :t, updated_by = :b, updated_at = :a WHERE id = :id", soci::use(target),
        soci::use(actor.username), soci::use(now), soci::use(t.id);
  } else {
    s << "INSERT INTO indicator_targets(indicator_code, org_unit_id, year, target, updated_by, updated_at) "
         "VALUES(:i, :u, :y, :t, :b, :a) RETURNING id",
        soci::use(indicator), soci::use(unit_id), soci::use(year), soci::use(target), soci::use(actor.username),
        soci::use(now), soci::into(t.id);
  }
  record_audit(s, actor, {before ? "update" : "create", "indicator_target", std::to_string(t.id), unit_id,
                          before ? std::optional<json>(audit_json(*before)) : std::nullopt, audit_json(t)});
  return t;
}

bool delete_target(soci::session& s, const std::string& indicator, long long unit_id, int year, const Actor& actor) {
  auto before = find_target(s, indicator, unit_id, year);
  if (!before) return false;
  s << "DELETE FROM indicator_targets WHERE id = :id", soci::use(before->id);
  record_audit(s, actor, {"delete", "indicator_target", std::to_string(before->id), unit_id, audit_json(*before), std::nullopt});
  return true;
}

int apply_default_targets(soci::session& s, const Hierarchy& h, const Actor& actor) {
  struct Row {
    std::string indicator, unit;
    int year;
    double target;
  };
  std::vector<Row> rows;
  {
    Row r;
    soci::statement st = (s.prepare << "SELECT indicator_code, unit_code, year, target FROM indicator_default_targets "
                                       "ORDER BY unit_code, year, indicator_code",
                          soci::into(r.indicator), soci::into(r.unit), soci::into(r.year), soci::into(r.target));
    st.execute();
    while (st.fetch()) rows.push_back(r);
  }
  int added = 0;
  for (const Row& r : rows) {
    const OrgUnit* u = h.find(r.unit, year_end(r.year));
    if (!u) u = h.find(r.unit, year_start(r.year));
    if (!u || find_target(s, r.indicator, u->id, r.year)) continue;
    set_target(s, r.indicator, u->id, r.year, r.target, actor);
    ++added;
  }
  return added;
}

}  // namespace longghep
