// A level's report is its compilation (issue 12, docs/api-reports.md "What a submitted figure
// means"), as pure arithmetic: for every numeric element of the form,
//
//   compiled = Σ the accepted reports of the units (and agencies) reporting to the level
//   own      = the level's own recorded data (computed elements) or its hand-entered value
//   total    = compiled + own                      — the figure the level submits
//
// and, beside it, why the live figure of all activities differs, unit by unit below.
//
//   std::vector<BelowReport> below = {{"21583", "Xã A", "accepted", {{"reached", 40}}, {{"reached", 55}}}, …};
//   Compilation c = compile_level({"reached"}, below, {{"reached", 7}});   // compiled 40, own 7, total 47
//   explain(below[0]).reason == GapReason::recorded_after_acceptance  // 15 recorded since
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/hierarchy.hpp"
#include "domain/reporting.hpp"
#include "domain/reporting_access.hpp"

namespace longghep {

// ----- who reports to a level -----

// The units that report to `u` as of `on` (a period's end): its children valid that day, or, for a
// unit that did not exist then (today's Gia Lai in 2024), the units merged into it that did.
std::vector<const OrgUnit*> units_below(const Hierarchy& h, const OrgUnit& u, Date on);
// The units whose reports the level of `r` compiles: for an ad-hoc request, the units it asks when
// `r.unit` is its issuer (an asked unit compiles nothing below it); otherwise units_below on the
// period's end.
std::vector<const OrgUnit*> reporting_units(const Hierarchy& h, const ReportFacts& r);

// Who reported to a level: each unit or agency that reports to it counts once as expected, and by
// its status (submitted counts submitted and accepted reports) and timeliness.
struct Completeness {
  long long expected = 0, submitted = 0, accepted = 0, on_time = 0, late = 0, missing = 0;
  void add(const std::string& status, Timeliness t);
};

// A figure per element code.
using Figures = std::map<std::string, long long>;

// One unit or agency that reports to the level, for one period.
struct BelowReport {
  std::string code, name;
  std::string status = "not_started";  // not_started | draft | submitted | returned | accepted
  Figures reported;                    // what the level counts of its report (only when accepted)
  Figures live;                        // its live figures from all activities (the cross-check)
  bool compiles = false;               // it has units below of its own (its report is a compilation)
};

// Whether the level counts the report: only an accepted one.
bool counted(const BelowReport& b);

struct Compilation {
  Figures compiled;  // every element, 0 when nothing below counts
  Figures own;       // the elements with an own figure (a hand-entered element not yet entered is absent)
  Figures total;     // every element: compiled + own (own absent counts 0)
};

// The compilation of `elements` (the form's numeric element codes) from the reports below and the
// level's own figures. Figures of other codes are ignored.
Compilation compile_level(const std::vector<std::string>& elements, const std::vector<BelowReport>& below, const Figures& own);

// The units (and agencies) whose report the level does not count — not accepted — in order.
std::vector<const BelowReport*> missing(const std::vector<BelowReport>& below);
// A level submits its compilation without the reports it does not count only when the submitter
// confirms it: unless `confirmed`, a non-empty `missing_units` (name and status of each) throws
// 409 missing_reports (field confirmMissing) naming at most 30 of them with their status.
void require_missing_confirmed(const std::vector<BelowReport>& missing_units, bool confirmed);

// Why a unit's live figure differs from what the level counts of it.
enum class GapReason {
  none,                       // counted, and its live figures are what it reported
  not_reported,               // no report yet (not started or a draft)
  not_accepted,               // submitted, awaiting acceptance
  returned,                   // returned for correction
  recorded_after_acceptance,  // accepted, and activities were recorded (or changed) since
};
std::string to_string(GapReason r);

struct Gap {
  GapReason reason = GapReason::none;
  std::string vi, en;   // the explanation as shown
  Figures difference;   // live − counted, per element (every element of live or reported)
};
Gap explain(const BelowReport& b);

}  // namespace longghep
