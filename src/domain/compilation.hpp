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

namespace longghep {

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
