#include "domain/evaluation.hpp"

#include <algorithm>
#include <set>

#include "domain/text.hpp"

namespace longghep {

long long RecordedActivity::reached() const {
  long long n = 0;
  for (const auto& [_, v] : reach) n += v;
  return n;
}

long long RecordedActivity::spent() const {
  long long n = 0;
  for (const auto& [_, v] : costs) n += v;
  return n;
}

std::string to_string(CompletionStatus s) {
  switch (s) {
    case CompletionStatus::not_started: return "not_started";
    case CompletionStatus::partly: return "partly";
    case CompletionStatus::done: return "done";
    case CompletionStatus::over: return "over";
  }
  return "not_started";
}

std::string status_name_vi(CompletionStatus s) {
  switch (s) {
    case CompletionStatus::not_started: return "Chưa thực hiện";
    case CompletionStatus::partly: return "Thực hiện một phần";
    case CompletionStatus::done: return "Hoàn thành";
    case CompletionStatus::over: return "Vượt kế hoạch";
  }
  return "";
}

Measure measure_for(const std::string& quantity_unit) {
  const std::string u = fold_for_search(quantity_unit);
  // Units that name an output kind recorded on activities (migration 0004's output_kinds).
  static const std::map<std::string, std::string> outputs = {
      {"chiec", "condoms"},          {"cai", "condoms"},          {"bao", "condoms"},
      {"bao cao su", "condoms"},     {"to", "leaflets"},          {"to roi", "leaflets"},
      {"cuon", "leaflets"},          {"ban", "leaflets"},         {"tai lieu", "leaflets"},
      {"bai", "press_articles"},     {"tin", "press_articles"},   {"tin bai", "press_articles"},
      {"tin, bai", "press_articles"}, {"bai viet", "press_articles"}, {"buoi", "sessions"},
      {"luot tu van", "counselling_sessions"}, {"luot kham", "health_checks"},
      {"vu", "legal_aid_cases"},     {"vu viec", "legal_aid_cases"}};
  if (auto it = outputs.find(u); it != outputs.end()) return {Measure::output, it->second};
  static const std::set<std::string> people = {"hoc vien", "doi tuong", "hoc sinh", "sinh vien", "thanh vien"};
  if (u.rfind("nguoi", 0) == 0 || u.rfind("luot", 0) == 0 || people.count(u)) return {Measure::people, ""};
  return {Measure::activities, ""};
}

std::string to_string(const Measure& m) {
  switch (m.kind) {
    case Measure::people: return "people";
    case Measure::output: return "output:" + m.output_kind;
    case Measure::activities: break;
  }
  return "activities";
}

std::optional<long long> percent_tenths(long long part, long long whole) {
  if (whole <= 0) return std::nullopt;
  // 128-bit: part may be up to ~10^15 (many activities of 10^12 each) before the factor 1000.
  const __int128 n = static_cast<__int128>(part) * 1000 * 2 + whole;
  return static_cast<long long>(n / (static_cast<__int128>(whole) * 2));
}

std::optional<long long> divide_rounded(long long num, long long den) {
  if (den <= 0) return std::nullopt;
  const __int128 n = static_cast<__int128>(num) * 2 + den;
  return static_cast<long long>(n / (static_cast<__int128>(den) * 2));
}

CompletionStatus completion_status(long long achieved, std::optional<long long> target, long long held) {
  if (!target || *target <= 0) return held > 0 ? CompletionStatus::done : CompletionStatus::not_started;
  if (achieved <= 0) return CompletionStatus::not_started;
  if (achieved < *target) return CompletionStatus::partly;
  return achieved == *target ? CompletionStatus::done : CompletionStatus::over;
}

namespace {
bool by_start(const RecordedActivity* a, const RecordedActivity* b) {
  return a->start != b->start ? a->start < b->start : a->id < b->id;
}

long long achieved_in(const Measure& m, const std::vector<const RecordedActivity*>& linked) {
  long long n = 0;
  for (const RecordedActivity* a : linked) {
    switch (m.kind) {
      case Measure::activities: n += 1; break;
      case Measure::people: n += a->reached(); break;
      case Measure::output: {
        auto it = a->outputs.find(m.output_kind);
        // An activity is one session unless it records how many it held.
        if (it != a->outputs.end()) n += it->second;
        else if (m.output_kind == "sessions") n += 1;
        break;
      }
    }
  }
  return n;
}
}  // namespace

Evaluation evaluate_plan(const EvaluationInput& in) {
  Evaluation e;
  std::set<long long> plan_ids;
  for (const auto& p : in.activities) plan_ids.insert(p.id);

  std::map<long long, std::vector<const RecordedActivity*>> linked;
  std::vector<const RecordedActivity*> counted, unplanned;
  for (const auto& r : in.recorded) {
    const bool of_plan = r.plan_activity_id != 0 && plan_ids.count(r.plan_activity_id);
    if (r.start.year() != in.year) {
      if (of_plan) e.outside_year.push_back(r.id);
      continue;
    }
    if (of_plan) {
      linked[r.plan_activity_id].push_back(&r);
      counted.push_back(&r);
    } else if (r.plan_activity_id == 0) {
      unplanned.push_back(&r);
    }
  }
  std::sort(e.outside_year.begin(), e.outside_year.end());

  for (CompletionStatus s : {CompletionStatus::not_started, CompletionStatus::partly, CompletionStatus::done,
                             CompletionStatus::over})
    e.totals.by_status[s] = 0;
  for (const auto& p : in.activities) {
    ActivityEvaluation a;
    a.planned = p;
    a.measure = measure_for(p.quantity_unit);
    auto& mine = linked[p.id];
    std::sort(mine.begin(), mine.end(), by_start);
    a.held = static_cast<long long>(mine.size());
    for (const RecordedActivity* r : mine) {
      a.reached += r->reached();
      a.spent += r->spent();
      for (const auto& [k, v] : r->outputs) a.outputs[k] += v;
      a.linked.push_back(r->id);
    }
    a.achieved = achieved_in(a.measure, mine);
    if (p.planned_quantity) a.completion_tenths = percent_tenths(a.achieved, *p.planned_quantity);
    a.status = completion_status(a.achieved, p.planned_quantity, a.held);
    a.cost_per_person = divide_rounded(a.spent, a.reached);
    ++e.totals.by_status[a.status];
    e.totals.held += a.held;
    e.activities.push_back(std::move(a));
  }
  e.totals.planned_activities = static_cast<long long>(in.activities.size());

  // People planned per target group (one plan row per group and programme) against people reached.
  std::map<std::string, long long> reached_by_group;
  for (const RecordedActivity* r : counted)
    for (const auto& [g, n] : r->reach) reached_by_group[g] += n;
  for (const auto& b : in.beneficiaries) {
    auto it = std::find_if(e.beneficiaries.begin(), e.beneficiaries.end(),
                           [&](const BeneficiaryEvaluation& x) { return x.target_group == b.target_group; });
    if (it == e.beneficiaries.end()) {
      e.beneficiaries.push_back({b.target_group, std::nullopt, 0, std::nullopt, CompletionStatus::not_started});
      it = e.beneficiaries.end() - 1;
    }
    if (b.planned_count) it->planned = it->planned.value_or(0) + *b.planned_count;
  }
  for (auto& b : e.beneficiaries) {
    b.reached = reached_by_group[b.target_group];
    if (b.planned) b.completion_tenths = percent_tenths(b.reached, *b.planned);
    b.status = completion_status(b.reached, b.planned, b.reached);
  }

  // Budget by source: planned (lines of the year) against spent by the linked activities.
  std::map<std::string, long long> spent_by_source;
  for (const RecordedActivity* r : counted)
    for (const auto& [src, v] : r->costs) spent_by_source[src] += v;
  for (const auto& l : in.budget) {
    if (l.year != in.year) continue;
    auto it = std::find_if(e.budget.begin(), e.budget.end(),
                           [&](const BudgetExecution& x) { return x.funding_source == l.funding_source; });
    if (it == e.budget.end()) {
      e.budget.push_back({l.funding_source, 0, 0, std::nullopt});
      it = e.budget.end() - 1;
    }
    it->planned += l.amount;
  }
  for (const auto& [src, v] : spent_by_source)
    if (std::none_of(e.budget.begin(), e.budget.end(), [&](const BudgetExecution& x) { return x.funding_source == src; }))
      e.budget.push_back({src, 0, 0, std::nullopt});
  for (auto& b : e.budget) {
    b.spent = spent_by_source[b.funding_source];
    b.execution_tenths = percent_tenths(b.spent, b.planned);
    e.totals.planned_budget += b.planned;
    e.totals.spent += b.spent;
  }
  e.totals.budget_execution_tenths = percent_tenths(e.totals.spent, e.totals.planned_budget);
  for (const RecordedActivity* r : counted) e.totals.reached += r->reached();
  e.cost_per_person = divide_rounded(e.totals.spent, e.totals.reached);

  std::sort(unplanned.begin(), unplanned.end(), by_start);
  for (const RecordedActivity* r : unplanned) {
    e.unplanned.push_back(*r);
    ++e.totals.unplanned_count;
    e.totals.unplanned_reached += r->reached();
    e.totals.unplanned_spent += r->spent();
  }
  return e;
}

}  // namespace longghep
