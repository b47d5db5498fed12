// Commune classification (issue 18, docs/api-classification.md): the rules, without I/O. A
// criteria set's Definition (parse + validate), scores (range, partial), the total, the class
// (rank order, minPoints, mustPass, k of n, fallback), the suggested score from a metric value,
// the override rule, the workflow (who may do what in which status), the class derived from
// predecessors under the merge rule, and the set in force for a commune and year.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/error.hpp"

namespace longghep::classification {

inline constexpr size_t kMaxCriteria = 100, kMaxSections = 20, kMaxClasses = 10, kTextMax = 500;
inline constexpr int kFirstYear = 2021;

struct Section {
  std::string key, title_vi, title_en;
};
struct EvidenceRule {
  std::string metric;
  std::optional<double> full_at, partial_at, full_at_most, partial_at_most, pass_at_most, pass_at_least;
  std::string if_no_data = "none";  // full | zero | pass | fail | none
};
struct Criterion {
  std::string key, section, kind;  // kind: points | pass_fail
  int max_points = 0;              // points only
  bool partial = false;
  std::string text_vi, text_en;
  std::optional<EvidenceRule> evidence;
  bool points() const { return kind == "points"; }
};
struct KOfN {
  std::vector<std::string> criteria;
  int k = 0;
};
struct ClassRule {
  std::string code, label_vi, label_en;
  int rank = 0;
  bool healthy = false;
  std::optional<int> min_points;
  std::vector<std::string> must_pass;
  std::vector<KOfN> k_of_n;
};
struct Definition {
  std::vector<Section> sections;
  std::vector<Criterion> criteria;
  std::vector<ClassRule> classes;  // sorted by rank after parsing
  std::string merge_rule = "lowest";
  int max_points() const;
  const Criterion* criterion(const std::string& key) const;
  const ClassRule* class_of(const std::string& code) const;
};

// One fault of a definition: {path, code, message, messageEn}.
struct Issue {
  std::string path, code, vi, en;
};
// The metric codes a criterion's evidence may name (same list as evidence_metric_codes()).
const std::vector<std::string>& known_metrics();
// Parses and validates; every fault at once. `out` is meaningful only when the result is empty.
std::vector<Issue> parse_definition(const nlohmann::json& j, Definition& out);
// As above, throwing 422 invalid_criteria_set with `errors: [{path, code, message, messageEn}]`.
Definition parse_definition_or_throw(const nlohmann::json& j);

// ----- scores -----
using Scores = std::map<std::string, std::optional<int>>;  // criterionKey → score (nullopt: not scored)
// Whether `score` is allowed for `c` (points: 0..max, only 0/max without partial; pass_fail: 0/1).
bool score_valid(const Criterion& c, int score);
int total(const Definition& d, const Scores& s);  // sum of the scored points criteria
bool complete(const Definition& d, const Scores& s);  // every criterion scored
std::vector<std::string> missing(const Definition& d, const Scores& s);  // keys not scored, in order
bool met(const Criterion& c, std::optional<int> score);
// The first class (rank order) whose conditions hold; nullptr when the scores are incomplete.
const ClassRule* derive_class(const Definition& d, const Scores& s);

// ----- evidence → suggestion -----
std::optional<int> suggested_score(const Criterion& c, std::optional<double> value);
// A note is required when a suggestion exists and the self score differs from it.
bool overridden(std::optional<int> suggested, std::optional<int> self);

// ----- item checks (per criterion, every fault at once) -----
struct ItemIssue {
  std::string criterion_key, code, vi, en;
};
struct SelfItem {
  std::string criterion_key;
  std::optional<int> score;
  std::string note;
};
// Unknown keys, scores out of range (score_out_of_range), overrides without a note
// (override_note_required). `suggestions`: the stored suggestion per key.
std::vector<ItemIssue> check_self_items(const Definition& d, const std::vector<SelfItem>& items,
                                        const std::map<std::string, std::optional<int>>& suggestions);
std::vector<ItemIssue> check_check_items(const Definition& d, const std::vector<SelfItem>& items);

// ----- workflow -----
// Actions: save, refresh, attach, submit (assessor: draft/returned); check, return, approve
// (checker: submitted); reopen (checker: approved). 409 invalid_transition otherwise.
void require_action(const std::string& status, const std::string& action);
std::string status_after(const std::string& status, const std::string& action);
bool editable(const std::string& status);   // draft | returned
bool checkable(const std::string& status);  // submitted

// ----- through merges -----
struct ClassRef {
  std::string code, label_vi, label_en;
  int rank = 0;
  bool healthy = false;
};
ClassRef class_ref(const ClassRule& c);
// lowest: the worst (largest) rank; highest: the best. nullopt when `classes` is empty.
std::optional<ClassRef> merged_class(const std::vector<ClassRef>& classes, const std::string& rule);

// ----- the set in force -----
struct SetRef {
  long long id = 0;
  std::optional<long long> owner_unit_id;  // nullopt: national
  int version = 1;
  Date valid_from = Date::min();
  std::optional<Date> valid_to;
  bool published = false;
  bool valid_on(Date d) const { return valid_from <= d && (!valid_to || d <= *valid_to); }
};
// The province's published set valid on 31/12 of `year`, else the national one (latest version).
const SetRef* set_in_force(const std::vector<SetRef>& sets, std::optional<long long> province_unit_id, int year);
// Whether two validities overlap (open ends included).
bool validity_overlaps(const SetRef& a, const SetRef& b);

}  // namespace longghep::classification
