// The pure rules of the classification evidence (issue 18 §2, docs/api-classification.md
// "Evidence") that the registers do not already have: which businesses count as operating in a
// year, and which periodic reports were due and on time. No I/O: storage/classification_evidence
// reads the facts and applies these.
//
//   operating_in_year({{"operating", 2025-03-10}, {"closed", 2025-11-02}}, 2025);  // true: closed in the year
//   report_due(deadline 2025-06-15, submitted nullopt, today 2025-06-20);      // true (missing)
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"

namespace longghep::evidence {

// One entry of a business's status history: operating | suspended | closed from `on`.
struct StatusChange {
  std::string status;
  Date on = Date::min();
};

// Whether a business counts as operating for `year`: its status on 31/12 (the last change on or
// before that day) is operating, or it closed during the year after operating in it. A business
// whose history starts after 31/12 did not exist yet (false). `history` oldest first.
bool operating_in_year(const std::vector<StatusChange>& history, int year);

// A periodic report is due when it was submitted or its deadline is before `today`; it is on time
// when submitted on or before the deadline (domain/reporting.hpp timeliness).
bool report_due(Date deadline, std::optional<Date> submitted, Date today);
bool report_on_time(Date deadline, std::optional<Date> submitted);

// on_time ÷ due × 100, rounded half away from zero to 0.1; nullopt when nothing is due.
std::optional<double> on_time_pct(long long on_time, long long due);

}  // namespace longghep::evidence
