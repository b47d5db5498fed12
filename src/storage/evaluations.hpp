// The yearly evaluation of a plan (guidance 221 §5.4): what the pure evaluation
// (domain/evaluation.hpp) needs from the database — the plan's content and the activities
// recorded under it or outside it — and the stored narrative of effectiveness (table
// plan_evaluations, migration 0007), written in the caller's transaction with audit.
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "domain/evaluation.hpp"
#include "domain/hierarchy.hpp"
#include "storage/audit.hpp"
#include "storage/plans.hpp"

namespace longghep {

// The five parts of the narrative (kết quả, hạn chế, nguyên nhân, bài học kinh nghiệm, đề xuất).
struct EvaluationNarrative {
  std::string results, limitations, causes, lessons, proposals;
  long long version = 0;  // 0 = never saved
  std::string updated_by, updated_at;
};

// The stored narrative of a plan version; version 0 and empty texts when none was saved.
EvaluationNarrative load_narrative(soci::session& s, long long plan_id);
// Creates (expected_version 0) or replaces (expected_version = the stored version) the
// narrative; 409 conflict when expected_version is not the stored one. Audited as entity
// plan_evaluation on the plan's unit. Returns the stored narrative.
EvaluationNarrative save_narrative(soci::session& s, const PlanRow& plan, const EvaluationNarrative& text,
                                   long long expected_version, const Actor& actor);

// At most this many unplanned activities are evaluated (the list says when there were more).
inline constexpr long long kMaxUnplannedActivities = 2000;

struct EvaluationData {
  nlohmann::json plan;  // plan_json: the plan with its sections
  EvaluationInput input;
  std::map<long long, long long> activity_units;  // recorded activity id → its org unit
  bool unplanned_capped = false;
  std::map<std::string, long long> allocated;  // by funding source: issued decisions for the plan (docs/api-money.md §5)
};
// The plan and every activity linked to its activities, plus the activities of its year that no
// plan links, recorded in the plan's unit (or below it, or merged into it) and led or partnered
// by the plan's agency.
EvaluationData load_evaluation_data(soci::session& s, const Hierarchy& h, const PlanRow& plan);

// The API shape of an evaluation (docs/api-evaluation.md) without "narrative" and "can".
nlohmann::json evaluation_json(const Hierarchy& h, const EvaluationData& d, const Evaluation& e);
nlohmann::json narrative_json(const EvaluationNarrative& n);

}  // namespace longghep
