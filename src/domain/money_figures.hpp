// The figures of money through its stages (issue 19, docs/api-money.md §4): planned, allocated,
// spent per row, their rates, the integrated share and the cost per result. Pure: no I/O. The
// amounts are read by storage/money_figures; the routes (http/routes_money.cpp) only shape them.
// Every sum is exact 64-bit integer VND; rates are rounded to 4 decimals and absent (null) on a
// zero denominator — never infinity, never NaN.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace longghep::money_figures {

// The stage an amount belongs to.
enum class Stage { planned, allocated, spent };

// One amount of one stage, with everything a row can be grouped by. Zero/empty: not known.
struct Line {
  Stage stage = Stage::planned;
  long long unit_id = 0;          // the unit version holding the plan / receiving the decision / of the activity
  std::string funding_source;     // code
  long long programme_id = 0;     // 0: no programme
  long long plan_activity_id = 0; // 0: none
  long long amount = 0;           // VND; negative for a cut by an amendment
};

// num/den rounded to 4 decimals (half away from zero); nullopt when den == 0.
std::optional<double> rate(long long num, long long den);

struct Execution {
  long long planned = 0, allocated = 0, spent = 0;
  std::optional<double> allocated_rate() const { return rate(allocated, planned); }   // allocated / planned
  std::optional<double> spent_rate() const { return rate(spent, allocated); }         // spent / allocated
  std::optional<double> spent_of_planned() const { return rate(spent, planned); }     // spent / planned
  void add(Stage s, long long amount);
  Execution& operator+=(const Execution& o);
};

// The rows of lines grouped by `key_of(line)` (a key of nullopt drops the line), in key order,
// and their total (of the kept lines).
template <class KeyOf>
std::map<std::string, Execution> group(const std::vector<Line>& lines, KeyOf key_of) {
  std::map<std::string, Execution> out;
  for (const auto& l : lines)
    if (auto k = key_of(l)) out[*k].add(l.stage, l.amount);
  return out;
}
Execution total(const std::vector<Line>& lines);
Execution total(const std::map<std::string, Execution>& rows);

// The share of spending from the funding group 'integrated': Σ spent of the sources in
// `integrated_sources` ÷ Σ spent; nullopt when nothing is spent.
std::optional<double> integrated_share(const std::vector<Line>& lines, const std::vector<std::string>& integrated_sources);

// Cost per result of a set of activities.
struct CostPerResult {
  long long spent = 0, reached = 0, output_quantity = 0, activities = 0;
  std::optional<double> cost_per_person() const;  // spent / reached, 2 decimals; nullopt when reached == 0
  std::optional<double> cost_per_output() const;  // spent / output quantity, 2 decimals; nullopt when 0
  CostPerResult& operator+=(const CostPerResult& o);
};

// `amount` split over `weights` in proportion, in whole units, summing exactly to `amount` (largest
// remainder; ties to the earlier weight). All weights 0 (or none): everything to the first (or
// nothing). Used to share an activity's spending and outputs among the target groups it reached.
std::vector<long long> split(long long amount, const std::vector<long long>& weights);

// num/den rounded to 2 decimals (an amount in VND per unit); nullopt when den == 0.
std::optional<double> per(long long num, long long den);

}  // namespace longghep::money_figures
