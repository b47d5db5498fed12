#include "analytics/multi_scan.hpp"

#include <algorithm>
#include <unordered_set>

namespace longghep::analytics {

namespace {

// As pivot.cpp: a filter over a dictionary's codes, empty = everything passes.
std::vector<uint8_t> allow_strings(const Dictionary<std::string>& dict, const std::vector<std::string>& wanted) {
  if (wanted.empty()) return {};
  std::vector<uint8_t> ok(dict.size(), 0);
  for (const auto& w : wanted)
    if (auto c = dict.find(w)) ok[*c] = 1;
  return ok;
}
void allow_groups(std::vector<uint8_t>& ok, const Dictionary<std::string>& dict, const Catalog& cat, Dim d,
                  const std::vector<std::string>& groups) {
  if (groups.empty()) return;
  if (ok.empty()) ok.assign(dict.size(), 1);
  for (uint32_t c = 0; c < dict.size(); ++c) {
    const Term* t = cat.find(d, dict.value(c));
    if (!t || std::find(groups.begin(), groups.end(), t->group) == groups.end()) ok[c] = 0;
  }
}
bool passes(const std::vector<uint8_t>& ok, uint32_t code) { return ok.empty() || ok[code]; }

enum Family { kActivities = 0, kReach = 1, kOutputs = 2, kCosts = 3, kNone = 4 };
Family family_of(Measure m) {
  switch (m) {
    case Measure::activities: return kActivities;
    case Measure::reached: case Measure::female: case Measure::male: return kReach;
    case Measure::output: return kOutputs;
    case Measure::cost: return kCosts;
    default: return kNone;
  }
}

struct TermPlan {
  std::vector<uint8_t> type_ok;     // over type codes
  std::vector<uint8_t> unit_rec_ok;  // over unit codes (levels), with agency_rec_ok: who recorded it
  std::vector<uint8_t> agency_rec_ok;
  bool recorded_filter = false;
  const std::vector<int64_t>* reach_values = nullptr;  // total, female or male
  bool by_month = false, by_unit = false;
};

struct ScopePlan {
  int lo = 0, hi = -1;
  std::vector<uint8_t> agency_ok;  // over agency codes, empty = all
};

}  // namespace

MultiResult evaluate_many(const FactStore& st, const Catalog& cat, const MultiQuery& q) {
  const size_t T = q.terms.size(), S = q.scopes.size();
  MultiResult r;
  r.terms = T;
  r.value.assign(S * T, 0);
  r.months.resize(S * T);
  r.units.resize(S * T);
  if (T == 0 || S == 0 || st.activity_rows() == 0) return r;

  // Scopes of each unit code (CSR): a scope lists its unit versions, `all` holds every code.
  const size_t U = st.units().size();
  std::vector<std::vector<uint32_t>> per_unit(U);
  for (uint32_t s = 0; s < S; ++s) {
    const Scope* sc = q.scopes[s].units;
    if (!sc || sc->all()) {
      for (auto& v : per_unit) v.push_back(s);
      continue;
    }
    for (long long id : sc->ids())
      if (auto c = st.units().find(id)) per_unit[*c].push_back(s);
  }
  std::vector<uint32_t> start(U + 1, 0), members;
  for (size_t u = 0; u < U; ++u) {
    start[u] = static_cast<uint32_t>(members.size());
    members.insert(members.end(), per_unit[u].begin(), per_unit[u].end());
  }
  start[U] = static_cast<uint32_t>(members.size());
  per_unit.clear();

  // Scopes: day range (as evaluate: clamped to the store's days) and agency filter.
  int glo = INT32_MAX, ghi = INT32_MIN;
  std::vector<ScopePlan> sp(S);
  for (size_t s = 0; s < S; ++s) {
    const ScanScope& x = q.scopes[s];
    sp[s].lo = std::max<int>(st.min_day(), x.from.days_since_epoch() - kEpochOffset);
    sp[s].hi = std::min<int>(st.max_day(), x.to.days_since_epoch() - kEpochOffset);
    glo = std::min(glo, sp[s].lo);
    ghi = std::max(ghi, sp[s].hi);
    if (!x.agencies.empty() || x.only_agency) {
      sp[s].agency_ok.assign(st.agencies().size(), 0);
      for (uint32_t c = 0; c < st.agencies().size(); ++c) {
        const long long id = st.agencies().value(c);
        sp[s].agency_ok[c] = (x.agencies.empty() || std::find(x.agencies.begin(), x.agencies.end(), id) != x.agencies.end()) &&
                             (!x.only_agency || *x.only_agency == id);
      }
    }
  }
  if (glo > ghi) return r;

  // Terms: their filters as arrays over codes, and for each family and line code the terms that
  // pass the line-level filter (an output line of kind k only meets the terms counting k).
  std::vector<TermPlan> tp(T);
  std::vector<std::vector<uint32_t>> by_code[4];
  by_code[kActivities].resize(1);
  by_code[kReach].resize(st.target_groups().size());
  by_code[kOutputs].resize(st.output_kinds().size());
  by_code[kCosts].resize(st.funding_sources().size());
  bool used[4] = {false, false, false, false};
  bool any_month = false;
  for (uint32_t t = 0; t < T; ++t) {
    const ScanTerm& x = q.terms[t];
    const Family f = family_of(x.measure);
    if (f == kNone || x.nothing) continue;
    TermPlan& p = tp[t];
    p.type_ok = allow_strings(st.types(), x.types);
    allow_groups(p.type_ok, st.types(), cat, Dim::type, x.type_groups);
    if (!x.levels.empty() || !x.agency_kinds.empty()) {
      p.recorded_filter = true;
      p.unit_rec_ok.assign(U, 0);
      p.agency_rec_ok.assign(st.agencies().size(), 0);
      if (q.hierarchy)
        for (uint32_t c = 0; c < U; ++c)
          if (const OrgUnit* u = q.hierarchy->by_id(st.units().value(c)))
            p.unit_rec_ok[c] = std::find(x.levels.begin(), x.levels.end(), u->kind) != x.levels.end();
      if (q.agency_kinds)
        for (const auto& [id, kind] : *q.agency_kinds)
          if (auto c = st.agencies().find(id))
            p.agency_rec_ok[*c] = std::find(x.agency_kinds.begin(), x.agency_kinds.end(), kind) != x.agency_kinds.end();
    }
    p.by_month = x.by_month;
    p.by_unit = x.by_unit;
    any_month = any_month || x.by_month;
    std::vector<uint8_t> line_ok;
    switch (f) {
      case kReach:
        line_ok = allow_strings(st.target_groups(), x.target_groups);
        allow_groups(line_ok, st.target_groups(), cat, Dim::targetGroup, x.target_group_groups);
        p.reach_values = x.measure == Measure::reached  ? &st.reach().total
                         : x.measure == Measure::female ? &st.reach().female
                                                        : &st.reach().male;
        break;
      case kOutputs: line_ok = allow_strings(st.output_kinds(), x.output_kinds); break;
      case kCosts: line_ok = allow_strings(st.funding_sources(), x.funding_sources); break;
      default: break;
    }
    for (uint32_t c = 0; c < by_code[f].size(); ++c)
      if (passes(line_ok, c)) by_code[f][c].push_back(t);
    used[f] = true;
  }

  // Month buckets of the days in [glo, ghi].
  std::vector<uint32_t> month_of;
  std::vector<std::string> month_keys;
  if (any_month) {
    month_of.resize(static_cast<size_t>(ghi - glo + 1));
    std::string last;
    for (int d = glo; d <= ghi; ++d) {
      std::string k = period_key(Dim::month, day_of(static_cast<uint16_t>(d)));
      if (k != last) {
        month_keys.push_back(k);
        last = k;
      }
      month_of[static_cast<size_t>(d - glo)] = static_cast<uint32_t>(month_keys.size() - 1);
    }
  }
  std::vector<std::vector<int64_t>> month_sum(S * T), month_count(S * T);
  std::vector<std::vector<int64_t>> unit_count(S * T);
  for (size_t s = 0; s < S; ++s)
    for (size_t t = 0; t < T; ++t) {
      if (tp[t].by_month) {
        month_sum[s * T + t].assign(month_keys.size(), 0);
        month_count[s * T + t].assign(month_keys.size(), 0);
      }
      if (tp[t].by_unit) unit_count[s * T + t].assign(U, 0);
    }

  const auto& unit = st.unit();
  const auto& day = st.day();
  const auto& type = st.type();
  const auto& agency = st.agency();
  const auto& flags = st.flags();
  long long* acc = r.value.data();

  // The activity rows any line may count: alive, in some scope, started in [glo, ghi] (one byte
  // per row, so the line scans below read one column of their activity instead of three).
  std::vector<uint8_t> row_ok(st.activity_rows(), 0);
  for (size_t a = 0; a < row_ok.size(); ++a) {
    const uint32_t u = unit[a];
    const int d = day[a];
    row_ok[a] = (flags[a] & FactStore::kAlive) && start[u] != start[u + 1] && d >= glo && d <= ghi;
  }

  // One scan over `n` lines of a family: line i of activity row act(i), line code code(i),
  // value value(t, i) of term t (negative: not recorded, skipped).
  auto scan = [&](Family f, size_t n, auto act, auto code, auto value) {
    const auto& terms_of = by_code[f];
    for (size_t i = 0; i < n; ++i) {
      const uint32_t a = act(i);
      if (!row_ok[a]) continue;
      const auto& ts = terms_of[code(i)];
      if (ts.empty()) continue;
      const uint32_t u = unit[a];
      const uint32_t m0 = start[u], m1 = start[u + 1];
      const int d = day[a];
      const uint32_t ty = type[a], ag = agency[a];
      for (uint32_t t : ts) {
        const TermPlan& p = tp[t];
        if (!passes(p.type_ok, ty)) continue;
        if (p.recorded_filter && !p.unit_rec_ok[u] && !p.agency_rec_ok[ag]) continue;
        const int64_t v = value(p, i);
        if (v < 0) continue;
        for (uint32_t k = m0; k < m1; ++k) {
          const uint32_t s = members[k];
          const ScopePlan& sc = sp[s];
          if (d < sc.lo || d > sc.hi || !passes(sc.agency_ok, ag)) continue;
          const size_t cell = static_cast<size_t>(s) * T + t;
          acc[cell] += v;
          if (p.by_month) {
            const uint32_t mo = month_of[static_cast<size_t>(d - glo)];
            month_sum[cell][mo] += v;
            ++month_count[cell][mo];
          }
          if (p.by_unit) ++unit_count[cell][u];
        }
      }
    }
  };
  if (used[kActivities])
    scan(kActivities, st.activity_rows(), [](size_t i) { return static_cast<uint32_t>(i); }, [](size_t) { return 0u; },
         [](const TermPlan&, size_t) -> int64_t { return 1; });
  if (used[kReach]) {
    const auto& l = st.reach();
    scan(kReach, l.act.size(), [&](size_t i) { return l.act[i]; }, [&](size_t i) { return static_cast<uint32_t>(l.group[i]); },
         [](const TermPlan& p, size_t i) { return (*p.reach_values)[i]; });
  }
  if (used[kOutputs]) {
    const auto& l = st.outputs();
    scan(kOutputs, l.act.size(), [&](size_t i) { return l.act[i]; }, [&](size_t i) { return static_cast<uint32_t>(l.code[i]); },
         [&](const TermPlan&, size_t i) { return l.amount[i]; });
  }
  if (used[kCosts]) {
    const auto& l = st.costs();
    scan(kCosts, l.act.size(), [&](size_t i) { return l.act[i]; }, [&](size_t i) { return static_cast<uint32_t>(l.code[i]); },
         [&](const TermPlan&, size_t i) { return l.amount[i]; });
  }

  for (size_t cell = 0; cell < S * T; ++cell) {
    for (size_t m = 0; m < month_count[cell].size(); ++m)
      if (month_count[cell][m]) r.months[cell].emplace_back(month_keys[m], month_sum[cell][m]);
    for (size_t u = 0; u < unit_count[cell].size(); ++u)
      if (unit_count[cell][u]) r.units[cell].emplace_back(st.units().value(static_cast<uint32_t>(u)), unit_count[cell][u]);
  }
  return r;
}

}  // namespace longghep::analytics
