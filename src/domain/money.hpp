// Money through its stages (issue 19, docs/api-money.md): the pure rules of allocation decisions —
// checking a decision and its lines, the amendment rule (signed lines; the amended total of every
// (plan activity, source, programme) never below 0), what counts as allocated (issued decisions and
// their issued amendments, drafts never) and the over-allocation warnings of spending against what
// was allocated to a planned activity. No I/O: storage/allocations.cpp feeds these.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "domain/date.hpp"
#include "domain/error.hpp"

namespace longghep::money {

constexpr long long kMaxAmount = 1'000'000'000'000'000LL;  // 10^15 VND
constexpr size_t kMaxLines = 200, kMaxPlanActivityBudgetLines = 20;
constexpr size_t kIssuingBodyMax = 255, kNumberMax = 64, kNoteMax = 2000;

// 12.500.000 (Vietnamese digit grouping; negative with a leading '-').
std::string format_vnd(long long amount);

// One line as typed. plan_activity_id / programme_id 0 = none.
struct LineInput {
  long long plan_activity_id = 0;
  std::string funding_source;
  long long programme_id = 0;
  long long amount = 0;
  std::string note;
};

// The fields of a decision as typed (already trimmed); dates parsed by the caller (nullopt = absent
// or not a date: reported as such).
struct DecisionInput {
  int year = 0;
  std::string issuing_body, number, note;
  std::optional<Date> decision_date;
  bool decision_date_given = false;  // present in the input (so an unparsable one is "not a date")
  long long plan_id = 0;
  std::vector<LineInput> lines;
};

// The shape rules that need no database: lengths, year, date (not after `today`, its year within
// year-1…year+1, not before `not_before` for an amendment), 1–200 lines, amounts (> 0 on an
// original, ≠ 0 on an amendment, |amount| ≤ 10^15), a plan activity only with a plan, one line per
// (plan activity, source, programme). Every fault, each naming its field.
std::vector<FieldIssue> check_decision(const DecisionInput& d, bool amendment, Date today,
                                       std::optional<Date> not_before = std::nullopt);

// (plan activity or 0, funding source, programme or 0)
using LineKey = std::tuple<long long, std::string, long long>;
inline LineKey key_of(const LineInput& l) { return {l.plan_activity_id, l.funding_source, l.programme_id}; }

// The amendment rule at issue: `current` = the original's lines plus its issued amendments, by key;
// every key of `amendment` must leave current + Σ amendment lines of that key ≥ 0. Faults name
// lines[i].amount with the cut and what was allocated.
std::vector<FieldIssue> check_amendment_totals(const std::map<LineKey, long long>& current,
                                               const std::vector<LineInput>& amendment);

// A decision's line as it counts: issued decision and (for an amendment) issued original.
struct LineFact {
  std::string status;           // of the decision holding the line
  std::string original_status;  // of the amended decision; "" for an original
  LineKey key;
  long long amount = 0;
};
bool counts_as_allocated(const LineFact& f);
// Allocated = Σ lines of issued decisions and their issued amendments, by key.
std::map<LineKey, long long> allocated_by_key(const std::vector<LineFact>& facts);

// ----- spending against allocation -----
struct Warning {
  long long plan_activity_id = 0;
  std::optional<std::string> funding_source;  // nullopt: all sources together
  long long planned = 0, allocated = 0, spent = 0;
  std::string message_vi, message_en;
};
// (plan activity, funding source) → amount
using SourceMap = std::map<std::pair<long long, std::string>, long long>;
// For each plan activity named by at least one counted allocation line (a key of `allocated`):
// a warning per source where spent > allocated, and one for all sources together (nullopt)
// when Σ spent > Σ allocated. Ordered by plan activity, then source (the total last).
std::vector<Warning> over_allocation(const SourceMap& planned, const SourceMap& allocated, const SourceMap& spent);

}  // namespace longghep::money
