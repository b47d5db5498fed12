// Commune classification (issue 18): the pure rules of domain/classification.hpp — points, partial,
// thresholds, k of n, mustPass, fallback, suggestions, overrides, workflow, merge rule, set in force,
// definition validation.
#include "domain/classification.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "storage/classification_evidence.hpp"

using namespace longghep;
using namespace longghep::classification;
using nlohmann::json;

namespace {
json def_json() {
  return json::parse(R"({
    "sections":[{"key":"A","titleVi":"Nhóm A","titleEn":"Group A"},{"key":"E","titleVi":"Ma túy","titleEn":"Drugs"}],
    "criteria":[
      {"key":"A1","section":"A","kind":"points","maxPoints":50,"partial":true,"textVi":"a1","textEn":"a1",
       "evidence":{"metric":"comm_activities","fullAt":4,"partialAt":2,"ifNoData":"zero"}},
      {"key":"A2","section":"A","kind":"points","maxPoints":40,"partial":false,"textVi":"a2","textEn":"a2",
       "evidence":{"metric":"repeat_violators","fullAtMost":0,"partialAtMost":1,"ifNoData":"full"}},
      {"key":"A3","section":"A","kind":"points","maxPoints":10,"partial":true,"textVi":"a3","textEn":"a3"},
      {"key":"D3","section":"A","kind":"pass_fail","textVi":"d3","textEn":"d3",
       "evidence":{"metric":"prostitution_violations","passAtMost":0,"ifNoData":"pass"}},
      {"key":"E1","section":"E","kind":"pass_fail","textVi":"e1","textEn":"e1"},
      {"key":"E2","section":"E","kind":"pass_fail","textVi":"e2","textEn":"e2"},
      {"key":"E3","section":"E","kind":"pass_fail","textVi":"e3","textEn":"e3",
       "evidence":{"metric":"reports_on_time_pct","passAtLeast":80,"ifNoData":"none"}}],
    "classes":[
      {"code":"basic","rank":2,"healthy":false,"labelVi":"b","labelEn":"b","minPoints":70,"kOfN":[{"criteria":["E1","E2","E3"],"k":1}]},
      {"code":"healthy","rank":1,"healthy":true,"labelVi":"h","labelEn":"h","minPoints":90,"mustPass":["D3"],"kOfN":[{"criteria":["E1","E2","E3"],"k":2}]},
      {"code":"focus","rank":3,"healthy":false,"labelVi":"f","labelEn":"f"}],
    "mergeRule":"lowest"})");
}
Definition def() { return parse_definition_or_throw(def_json()); }
Scores all(int a1, int a2, int a3, int d3, int e1, int e2, int e3) {
  return {{"A1", a1}, {"A2", a2}, {"A3", a3}, {"D3", d3}, {"E1", e1}, {"E2", e2}, {"E3", e3}};
}
std::string cls(const Definition& d, const Scores& s) {
  const ClassRule* c = derive_class(d, s);
  return c ? c->code : "none";
}
std::vector<std::string> codes(const json& j) {
  Definition d;
  std::vector<std::string> out;
  for (const auto& i : parse_definition(j, d)) out.push_back(i.path + ":" + i.code);
  return out;
}
bool has(const std::vector<std::string>& v, const std::string& s) {
  for (const auto& x : v)
    if (x == s) return true;
  return false;
}
}  // namespace

TEST(Classification, ParsesAndSortsClassesByRank) {
  Definition d = def();
  EXPECT_EQ(d.max_points(), 100);
  ASSERT_EQ(d.classes.size(), 3u);
  EXPECT_EQ(d.classes[0].code, "healthy");
  EXPECT_EQ(d.classes[2].code, "focus");
  EXPECT_EQ(d.merge_rule, "lowest");
  EXPECT_EQ(known_metrics().size(), 12u);
}

TEST(Classification, ScoresPointsPartialPassFail) {
  Definition d = def();
  EXPECT_TRUE(score_valid(*d.criterion("A1"), 25));
  EXPECT_FALSE(score_valid(*d.criterion("A1"), 51));
  EXPECT_FALSE(score_valid(*d.criterion("A1"), -1));
  EXPECT_TRUE(score_valid(*d.criterion("A2"), 40));
  EXPECT_TRUE(score_valid(*d.criterion("A2"), 0));
  EXPECT_FALSE(score_valid(*d.criterion("A2"), 20));  // no partial
  EXPECT_TRUE(score_valid(*d.criterion("D3"), 1));
  EXPECT_FALSE(score_valid(*d.criterion("D3"), 2));
  EXPECT_EQ(total(d, all(50, 40, 5, 1, 1, 1, 1)), 95);  // pass/fail adds nothing
  EXPECT_EQ(total(d, {{"A1", 10}}), 10);
}

TEST(Classification, ClassThresholdsMustPassKOfNFallback) {
  Definition d = def();
  EXPECT_EQ(cls(d, all(50, 40, 0, 1, 1, 1, 0)), "healthy");  // 90, D3 met, 2 of 3
  EXPECT_EQ(cls(d, all(50, 40, 0, 0, 1, 1, 1)), "basic");    // D3 failed: not healthy
  EXPECT_EQ(cls(d, all(50, 40, 0, 1, 1, 0, 0)), "basic");    // only 1 of 3
  EXPECT_EQ(cls(d, all(49, 40, 0, 1, 1, 1, 1)), "basic");    // 89 < 90
  EXPECT_EQ(cls(d, all(30, 40, 0, 1, 1, 1, 1)), "basic");    // exactly 70
  EXPECT_EQ(cls(d, all(29, 40, 0, 1, 1, 1, 1)), "focus");    // 69
  EXPECT_EQ(cls(d, all(50, 40, 10, 1, 0, 0, 0)), "focus");   // 0 of 3 fails basic's k-of-n
  Scores part = all(50, 40, 0, 1, 1, 1, 1);
  part["E3"] = std::nullopt;
  EXPECT_EQ(cls(d, part), "none");  // incomplete: no class
  EXPECT_EQ(missing(d, part), std::vector<std::string>{"E3"});
  EXPECT_TRUE(met(*d.criterion("A1"), 50));
  EXPECT_FALSE(met(*d.criterion("A1"), 49));
}

TEST(Classification, SuggestedScores) {
  Definition d = def();
  const Criterion &a1 = *d.criterion("A1"), &a2 = *d.criterion("A2"), &a3 = *d.criterion("A3"), &d3 = *d.criterion("D3"),
                  &e3 = *d.criterion("E3");
  EXPECT_EQ(suggested_score(a1, 5.0), 50);
  EXPECT_EQ(suggested_score(a1, 4.0), 50);
  EXPECT_EQ(suggested_score(a1, 3.0), 25);
  EXPECT_EQ(suggested_score(a1, 1.0), 0);
  EXPECT_EQ(suggested_score(a1, std::nullopt), 0);  // ifNoData zero
  EXPECT_EQ(suggested_score(a2, 0.0), 40);
  EXPECT_EQ(suggested_score(a2, 1.0), 0);  // partialAtMost but partial: false
  EXPECT_EQ(suggested_score(a2, std::nullopt), 40);  // ifNoData full
  EXPECT_EQ(suggested_score(a3, 7.0), std::nullopt);  // no evidence rule
  EXPECT_EQ(suggested_score(d3, 0.0), 1);
  EXPECT_EQ(suggested_score(d3, 2.0), 0);
  EXPECT_EQ(suggested_score(d3, std::nullopt), 1);
  EXPECT_EQ(suggested_score(e3, 80.0), 1);
  EXPECT_EQ(suggested_score(e3, 79.9), 0);
  EXPECT_EQ(suggested_score(e3, std::nullopt), std::nullopt);  // ifNoData none
  // odd maxPoints: ⌊max/2⌋
  Criterion c = a1;
  c.max_points = 15;
  EXPECT_EQ(suggested_score(c, 2.0), 7);
  c.evidence->full_at_most = 0;
  c.evidence->partial_at_most = 1;
  c.evidence->full_at.reset();
  c.evidence->partial_at.reset();
  EXPECT_EQ(suggested_score(c, 1.0), 7);
  EXPECT_EQ(suggested_score(c, 2.0), 0);
}

TEST(Classification, OverrideNeedsANote) {
  Definition d = def();
  std::map<std::string, std::optional<int>> sug = {{"A1", 50}, {"A3", std::nullopt}};
  auto issues = check_self_items(d, {{"A1", 25, ""}, {"A3", 5, ""}, {"A2", 20, "x"}, {"ZZ", 1, ""}}, sug);
  ASSERT_EQ(issues.size(), 3u);
  EXPECT_EQ(issues[0].criterion_key, "A1");
  EXPECT_EQ(issues[0].code, "override_note_required");
  EXPECT_EQ(issues[1].code, "score_out_of_range");  // A2 20 without partial
  EXPECT_EQ(issues[2].code, "unknown_criterion");
  EXPECT_TRUE(check_self_items(d, {{"A1", 25, "Chỉ tổ chức 3 buổi"}, {"A1x", std::nullopt, ""}}, sug).size() == 1);
  EXPECT_TRUE(check_self_items(d, {{"A1", 50, ""}, {"A3", std::nullopt, ""}}, sug).empty());
  EXPECT_TRUE(overridden(50, 25));
  EXPECT_FALSE(overridden(std::nullopt, 25));
  EXPECT_FALSE(overridden(50, std::nullopt));
}

TEST(Classification, Workflow) {
  EXPECT_EQ(status_after("draft", "submit"), "submitted");
  EXPECT_EQ(status_after("returned", "submit"), "submitted");
  EXPECT_EQ(status_after("submitted", "return"), "returned");
  EXPECT_EQ(status_after("submitted", "approve"), "approved");
  EXPECT_EQ(status_after("approved", "reopen"), "submitted");
  EXPECT_EQ(status_after("draft", "save"), "draft");
  EXPECT_EQ(status_after("submitted", "check"), "submitted");
  for (auto [st, act] : std::vector<std::pair<std::string, std::string>>{
           {"submitted", "save"}, {"approved", "save"}, {"draft", "approve"}, {"draft", "check"},
           {"approved", "submit"}, {"returned", "approve"}, {"submitted", "reopen"}, {"approved", "attach"}}) {
    try {
      require_action(st, act);
      ADD_FAILURE() << st << " " << act;
    } catch (const Error& e) {
      EXPECT_EQ(e.status(), 409);
      EXPECT_EQ(e.code(), "invalid_transition");
    }
  }
  EXPECT_TRUE(editable("returned"));
  EXPECT_FALSE(editable("submitted"));
  EXPECT_TRUE(checkable("submitted"));
}

TEST(Classification, MergeRule) {
  std::vector<ClassRef> v = {{"basic", "b", "b", 2, false}, {"healthy", "h", "h", 1, true}, {"focus", "f", "f", 3, false}};
  EXPECT_EQ(merged_class(v, "lowest")->code, "focus");
  EXPECT_EQ(merged_class(v, "highest")->code, "healthy");
  EXPECT_FALSE(merged_class({}, "lowest"));
}

TEST(Classification, SetInForceAndVersions) {
  auto d = [](const char* s) { return *Date::parse(s); };
  std::vector<SetRef> sets = {
      {1, std::nullopt, 1, d("2021-01-01"), std::nullopt, true},
      {2, std::nullopt, 2, d("2025-01-01"), std::nullopt, true},
      {3, 52, 1, d("2024-01-01"), d("2024-12-31"), true},
      {4, 52, 2, d("2026-01-01"), std::nullopt, false},  // draft: never in force
      {5, 77, 1, d("2021-01-01"), std::nullopt, true}};
  EXPECT_EQ(set_in_force(sets, 52, 2024)->id, 3);
  EXPECT_EQ(set_in_force(sets, 52, 2023)->id, 1);  // national v1 (v2 starts 2025)
  EXPECT_EQ(set_in_force(sets, 52, 2025)->id, 2);  // province set ended; national latest
  EXPECT_EQ(set_in_force(sets, 52, 2026)->id, 2);  // draft ignored
  EXPECT_EQ(set_in_force(sets, 77, 2026)->id, 5);
  EXPECT_EQ(set_in_force(sets, std::nullopt, 2022)->id, 1);
  EXPECT_EQ(set_in_force({}, 52, 2024), nullptr);
  EXPECT_TRUE(validity_overlaps(sets[0], sets[1]));
  EXPECT_FALSE(validity_overlaps(sets[2], {9, 52, 3, d("2025-01-01"), std::nullopt, true}));
  EXPECT_TRUE(validity_overlaps(sets[2], {9, 52, 3, d("2024-12-31"), std::nullopt, true}));
}

TEST(Classification, ValidationErrors) {
  json j = def_json();
  j["criteria"][0]["key"] = "A 1!";
  j["criteria"][1]["key"] = "A3";  // duplicate of criteria[2]
  j["criteria"][1]["section"] = "Z";
  j["criteria"][3]["evidence"]["metric"] = "nope";
  j["criteria"][2]["maxPoints"] = 101;
  j["classes"][0]["kOfN"][0]["k"] = 4;
  j["classes"][1]["mustPass"] = {"XX"};
  j["classes"][2]["minPoints"] = 10;  // the fallback has a condition
  j["mergeRule"] = "average";
  j["sections"][0]["titleVi"] = "";
  auto c = codes(j);
  EXPECT_TRUE(has(c, "criteria[0].key:invalid_key")) << ::testing::PrintToString(c);
  EXPECT_TRUE(has(c, "criteria[2].key:duplicate_key"));
  EXPECT_TRUE(has(c, "criteria[1].section:unknown_section"));
  EXPECT_TRUE(has(c, "criteria[3].evidence.metric:unknown_metric"));
  EXPECT_TRUE(has(c, "criteria[2].maxPoints:out_of_range"));
  EXPECT_TRUE(has(c, "classes[0].kOfN[0].k:out_of_range"));
  EXPECT_TRUE(has(c, "classes[1].mustPass[0]:unknown_criterion"));
  EXPECT_TRUE(has(c, "classes:no_fallback"));
  EXPECT_TRUE(has(c, "mergeRule:invalid_merge_rule"));
  EXPECT_TRUE(has(c, "sections[0].titleVi:text_length"));

  json k = def_json();
  k["classes"][1]["code"] = "basic";
  k["classes"][1]["rank"] = 2;
  auto c2 = codes(k);
  EXPECT_TRUE(has(c2, "classes[1].code:duplicate_code"));
  EXPECT_TRUE(has(c2, "classes[1].rank:duplicate_rank"));
  EXPECT_FALSE(codes(json::array()).empty());
  json empty = def_json();
  empty["classes"] = json::array();
  EXPECT_TRUE(has(codes(empty), "classes:required"));
  json bad_rule = def_json();
  bad_rule["criteria"][0]["evidence"] = {{"metric", "comm_activities"}, {"passAtMost", 0}};
  EXPECT_TRUE(has(codes(bad_rule), "criteria[0].evidence:invalid_rule"));
  try {
    parse_definition_or_throw(j);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.code(), "invalid_criteria_set");
    auto x = json::parse(e.extra_json());
    EXPECT_GE(x["errors"].size(), 10u);
    EXPECT_TRUE(x["errors"][0].contains("messageEn"));
  }
}

// The metrics a set may name are the ones the evidence layer computes.
TEST(Classification, KnownMetricsAreTheEvidenceMetrics) { EXPECT_EQ(known_metrics(), evidence_metric_codes()); }

// A definition without mergeRule takes 'lowest'; a single fallback class always applies.
TEST(Classification, DefaultsAndFallbackAlone) {
  const json j = json::parse(R"({"sections":[{"key":"A","titleVi":"a","titleEn":"a"}],
    "criteria":[{"key":"A1","section":"A","kind":"points","maxPoints":100,"partial":true,"textVi":"x","textEn":"x"}],
    "classes":[{"code":"only","rank":1,"healthy":true,"labelVi":"l","labelEn":"l"}]})");
  Definition d = parse_definition_or_throw(j);
  EXPECT_EQ(d.merge_rule, "lowest");
  EXPECT_EQ(derive_class(d, {{"A1", 0}})->code, "only");
}
