// Small-cell suppression of the case elements of reports where they are shown (issue 16 §3–4,
// docs/api-cases.md "Statistics"). A report stores and compiles exact figures (so that a
// province's compilation is the exact sum of its communes' accepted reports, frozen at each
// submission); every answer that shows them passes through here: a case element of 1..4 — or one
// that would give such a one back (analytics/case_stats.hpp) — is shown as null and listed in
// "suppressedElements" (the screens show "<5").
#pragma once
#include <nlohmann/json.hpp>
#include <vector>

#include "analytics/case_stats.hpp"

namespace longghep {

// Nulls the suppressed case elements of a values object (element code → number); returns their
// codes (a JSON array, sorted).
nlohmann::json suppress_case_values(const std::vector<analytics::CaseElement>& elements, nlohmann::json& values);
// A compilation's parts {"compiled","own","total","live",…}: an element suppressed in any of
// compiled / own / total is nulled in the three; live on its own. Sets parts["suppressedElements"]
// (compiled/own/total) and parts["liveSuppressed"]. No-op on a non-object.
void suppress_case_compilation(const std::vector<analytics::CaseElement>& elements, nlohmann::json& parts);

}  // namespace longghep
