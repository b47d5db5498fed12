#include "domain/inspection_figures.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "domain/indicators.hpp"

namespace longghep::inspection_figures {

std::optional<double> coverage_pct(long long inspected, long long operating) {
  if (operating <= 0) return std::nullopt;
  return round_to(static_cast<double>(inspected) * 100.0 / static_cast<double>(operating), 1);
}

std::optional<double> per_100(long long violations, long long inspections) {
  if (inspections <= 0) return std::nullopt;
  return round_to(static_cast<double>(violations) * 100.0 / static_cast<double>(inspections), 1);
}

namespace {
struct Span {
  Date from, to;
  bool counts(const InspectionFact& i) const { return i.final && !(i.day < from) && !(to < i.day); }
};
Span year_span(int year) { return {Date::from_ymd(year, 1, 1), Date::from_ymd(year, 12, 31)}; }
}  // namespace

long long repeat_violators(const std::vector<InspectionFact>& inspections, int year) {
  const Span y = year_span(year);
  return repeat_violators(inspections, y.from, y.to);
}

long long repeat_violators(const std::vector<InspectionFact>& inspections, Date from, Date to) {
  const Span span{from, to};
  std::unordered_map<long long, int> with_violations;
  for (const auto& i : inspections)
    if (span.counts(i) && i.violations > 0) ++with_violations[i.business_id];
  long long n = 0;
  for (const auto& [_, k] : with_violations) n += k >= 2;
  return n;
}

Figures compute_figures(const std::vector<BusinessFact>& businesses, const std::vector<InspectionFact>& inspections,
                        int year) {
  const Span y = year_span(year);
  return compute_figures(businesses, inspections, y.from, y.to);
}

Figures compute_figures(const std::vector<BusinessFact>& businesses, const std::vector<InspectionFact>& inspections,
                        Date from, Date to) {
  const Span span{from, to};
  Figures f;
  // (type, status) counts: a handful of pairs, found by a linear search (no map lookup per fact)
  struct Pair { const std::string* type; const std::string* status; long long n; };
  std::vector<Pair> pairs;
  std::unordered_set<long long> operating;
  operating.reserve(businesses.size());
  for (const auto& b : businesses) {
    ++f.businesses;
    auto p = std::find_if(pairs.begin(), pairs.end(), [&](const Pair& x) { return *x.type == b.type_code && *x.status == b.status; });
    if (p == pairs.end()) pairs.push_back({&b.type_code, &b.status, 1});
    else ++p->n;
    if (b.status == "operating") {
      ++f.operating;
      operating.insert(b.id);
    } else if (b.status == "suspended") {
      ++f.suspended;
    } else if (b.status == "closed") {
      ++f.closed;
    }
  }
  for (const auto& p : pairs) f.by_type_status[*p.type][*p.status] += p.n;
  std::unordered_set<long long> inspected;
  for (const auto& i : inspections) {
    if (!span.counts(i)) continue;
    ++f.inspections;
    f.unannounced += i.unannounced;
    f.violations += i.violations;
    f.fines += i.fines;
    f.informed += i.informed;
    f.health_checked += i.health_checked;
    f.referred += i.referred;
    if (operating.count(i.business_id)) inspected.insert(i.business_id);
  }
  f.inspected = static_cast<long long>(inspected.size());
  f.coverage_pct = coverage_pct(f.inspected, f.operating);
  f.violations_per_100 = per_100(f.violations, f.inspections);
  f.repeat_violators = repeat_violators(inspections, from, to);
  return f;
}

std::map<std::string, Figures> figures_by_unit(const std::vector<BusinessFact>& businesses,
                                               const std::vector<InspectionFact>& inspections, int year,
                                               const UnitKeyer& key) {
  std::map<std::string, std::vector<BusinessFact>> bs;
  std::map<std::string, std::vector<InspectionFact>> is;
  std::map<long long, std::optional<std::string>> cache;
  auto key_of = [&](long long unit_id) -> const std::optional<std::string>& {
    auto it = cache.find(unit_id);
    if (it == cache.end()) it = cache.emplace(unit_id, key(unit_id)).first;
    return it->second;
  };
  std::map<long long, std::string> operating_key;  // an operating business → its key (coverage)
  for (const auto& b : businesses)
    if (const auto& k = key_of(b.unit_id)) {
      bs[*k].push_back(b);
      if (b.status == "operating") operating_key[b.id] = *k;
    }
  for (const auto& i : inspections)
    if (const auto& k = key_of(i.unit_id)) is[*k].push_back(i);
  // an inspection of a business counts towards the business's key for coverage (one pass)
  std::map<std::string, std::set<long long>> covered;
  const Span y = year_span(year);
  for (const auto& i : inspections)
    if (y.counts(i))
      if (auto it = operating_key.find(i.business_id); it != operating_key.end()) covered[it->second].insert(i.business_id);
  std::set<std::string> keys;
  for (const auto& [k, _] : bs) keys.insert(k);
  for (const auto& [k, _] : is) keys.insert(k);
  std::map<std::string, Figures> out;
  for (const auto& k : keys) {
    Figures f = compute_figures(bs[k], is[k], year);
    auto c = covered.find(k);
    f.inspected = c == covered.end() ? 0 : static_cast<long long>(c->second.size());
    f.coverage_pct = coverage_pct(f.inspected, f.operating);
    out.emplace(k, std::move(f));
  }
  return out;
}

const std::vector<std::string>& figure_names() {
  static const std::vector<std::string> names = {
      "businesses", "businesses_operating", "inspections", "inspections_unannounced", "businesses_inspected",
      "violations", "repeat_violators", "fines", "outreach_informed", "outreach_health_checked", "outreach_referred",
      "coverage_pct", "violations_per_100"};
  return names;
}

bool is_count(const std::string& name) { return name != "coverage_pct" && name != "violations_per_100"; }

std::optional<double> figure_value(const Figures& f, const std::string& name) {
  auto d = [](long long v) { return std::optional<double>(static_cast<double>(v)); };
  if (name == "businesses") return d(f.businesses);
  if (name == "businesses_operating") return d(f.operating);
  if (name == "inspections") return d(f.inspections);
  if (name == "inspections_unannounced") return d(f.unannounced);
  if (name == "businesses_inspected") return d(f.inspected);
  if (name == "violations") return d(f.violations);
  if (name == "repeat_violators") return d(f.repeat_violators);
  if (name == "fines") return d(f.fines);
  if (name == "outreach_informed") return d(f.informed);
  if (name == "outreach_health_checked") return d(f.health_checked);
  if (name == "outreach_referred") return d(f.referred);
  if (name == "coverage_pct") return f.coverage_pct;
  if (name == "violations_per_100") return f.violations_per_100;
  return std::nullopt;
}

}  // namespace longghep::inspection_figures
