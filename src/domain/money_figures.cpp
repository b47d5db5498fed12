#include "domain/money_figures.hpp"

#include <algorithm>
#include <cmath>

namespace longghep::money_figures {

namespace {
// num/den rounded half away from zero to `scale` (10^decimals) without going through a huge
// double product: the integer part is exact, the fraction is rounded from the remainder.
std::optional<double> ratio(long long num, long long den, long long scale) {
  if (den == 0) return std::nullopt;
  const long double q = static_cast<long double>(num) / static_cast<long double>(den);
  const long double r = std::round(q * scale) / scale;
  return static_cast<double>(r);
}
}  // namespace

std::optional<double> rate(long long num, long long den) { return ratio(num, den, 10000); }
std::optional<double> per(long long num, long long den) { return ratio(num, den, 100); }

void Execution::add(Stage s, long long amount) {
  switch (s) {
    case Stage::planned: planned += amount; break;
    case Stage::allocated: allocated += amount; break;
    case Stage::spent: spent += amount; break;
  }
}

Execution& Execution::operator+=(const Execution& o) {
  planned += o.planned;
  allocated += o.allocated;
  spent += o.spent;
  return *this;
}

Execution total(const std::vector<Line>& lines) {
  Execution t;
  for (const auto& l : lines) t.add(l.stage, l.amount);
  return t;
}

Execution total(const std::map<std::string, Execution>& rows) {
  Execution t;
  for (const auto& [k, e] : rows) t += e;
  return t;
}

std::optional<double> integrated_share(const std::vector<Line>& lines, const std::vector<std::string>& integrated_sources) {
  long long all = 0, integrated = 0;
  for (const auto& l : lines) {
    if (l.stage != Stage::spent) continue;
    all += l.amount;
    if (std::find(integrated_sources.begin(), integrated_sources.end(), l.funding_source) != integrated_sources.end())
      integrated += l.amount;
  }
  return rate(integrated, all);
}

std::optional<double> CostPerResult::cost_per_person() const { return per(spent, reached); }
std::optional<double> CostPerResult::cost_per_output() const { return per(spent, output_quantity); }

CostPerResult& CostPerResult::operator+=(const CostPerResult& o) {
  spent += o.spent;
  reached += o.reached;
  output_quantity += o.output_quantity;
  activities += o.activities;
  return *this;
}

std::vector<long long> split(long long amount, const std::vector<long long>& weights) {
  std::vector<long long> out(weights.size(), 0);
  if (weights.empty()) return out;
  __int128 sum = 0;
  for (long long w : weights) sum += w > 0 ? w : 0;
  if (sum == 0) {
    out[0] = amount;
    return out;
  }
  long long given = 0;
  std::vector<std::pair<__int128, size_t>> rest;
  for (size_t i = 0; i < weights.size(); ++i) {
    const __int128 p = static_cast<__int128>(amount) * (weights[i] > 0 ? weights[i] : 0);
    out[i] = static_cast<long long>(p / sum);  // toward zero
    given += out[i];
    rest.push_back({p % sum < 0 ? -(p % sum) : p % sum, i});
  }
  std::stable_sort(rest.begin(), rest.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  const long long step = amount >= 0 ? 1 : -1;
  for (size_t k = 0; given != amount && k < rest.size(); ++k) {
    out[rest[k].second] += step;
    given += step;
  }
  return out;
}

}  // namespace longghep::money_figures
