// Inspections (issue 17 §2–§6): the dated legal table, checklist versions, plan transitions,
// the record's validation and finalisation, re-inspection overdue, coverage, the legal import.
#include "domain/inspections.hpp"

#include <gtest/gtest.h>

#include <functional>

using namespace longghep;
using namespace longghep::inspections;

namespace {
Date d(const char* s) { return *Date::parse(s); }

std::string code_of(const std::function<void()>& f, std::vector<FieldIssue>* details = nullptr) {
  try {
    f();
  } catch (const Error& e) {
    if (details) *details = e.details();
    return std::to_string(e.status()) + " " + e.code();
  }
  return "ok";
}

LegalRef ref(long long id, const std::string& code, const std::string& topic, const std::string& article, const char* from,
             const char* to) {
  LegalRef r;
  r.id = id;
  r.code = code;
  r.instrument = code.substr(0, 3) == "144" ? "144/2021/NĐ-CP" : "282/2025/NĐ-CP";
  r.topic = topic;
  r.article = article;
  r.valid_from = d(from);
  if (to) r.valid_to = d(to);
  r.fine_min = 1000000;
  r.fine_max = 2000000;
  return r;
}

std::vector<LegalRef> table() {
  return {ref(1, "144-D24", "buying_sex", "24", "2022-01-01", "2025-12-14"),
          ref(2, "282-D32", "buying_sex", "32", "2025-12-15", nullptr),
          ref(3, "144-D26", "harbouring_prostitution", "26", "2022-01-01", "2025-12-14")};
}
}  // namespace

TEST(InspectionsLegal, ResolvesTheDecreeInForceOnTheDay) {
  const auto t = table();
  EXPECT_EQ(resolve(t, "buying_sex", d("2025-12-10")).code, "144-D24");
  EXPECT_EQ(resolve(t, "buying_sex", d("2025-12-14")).code, "144-D24");
  EXPECT_EQ(resolve(t, "buying_sex", d("2025-12-15")).code, "282-D32");
  EXPECT_EQ(resolve(t, "buying_sex", d("2025-12-20")).article, "32");
  EXPECT_EQ(code_of([&] { resolve(t, "buying_sex", d("2021-06-01")); }), "404 no_legal_reference");
  EXPECT_EQ(code_of([&] { resolve(t, "harbouring_prostitution", d("2025-12-20")); }), "404 no_legal_reference");
  EXPECT_EQ(code_of([&] { resolve(t, "nothing", d("2025-12-20")); }), "404 no_legal_reference");
}

TEST(InspectionsChecklist, TypeSpecificBeforeAllTypesAndTheVersionOfTheDay) {
  std::vector<ChecklistVersionRef> v = {{1, std::nullopt, 1, d("2021-01-01")},
                                        {2, std::string("karaoke"), 1, d("2021-01-01")},
                                        {3, std::nullopt, 2, d("2026-01-01")}};
  EXPECT_EQ(checklist_in_force(v, "karaoke", d("2026-05-01"))->id, 2);
  EXPECT_EQ(checklist_in_force(v, "hotel", d("2025-12-31"))->id, 1);
  EXPECT_EQ(checklist_in_force(v, "hotel", d("2026-01-01"))->id, 3);
  EXPECT_EQ(checklist_in_force(v, "hotel", d("2020-01-01")), nullptr);
  EXPECT_EQ(next_checklist_version(v, std::nullopt), 3);
  EXPECT_EQ(next_checklist_version(v, std::string("karaoke")), 2);
  EXPECT_EQ(next_checklist_version(v, std::string("bar")), 1);
  // a karaoke version from a later day: before that day the all-types one applies
  std::vector<ChecklistVersionRef> w = {{1, std::nullopt, 1, d("2021-01-01")}, {5, std::string("bar"), 1, d("2026-06-01")}};
  EXPECT_EQ(checklist_in_force(w, "bar", d("2026-05-31"))->id, 1);
  EXPECT_EQ(checklist_in_force(w, "bar", d("2026-06-01"))->id, 5);
}

TEST(InspectionsPlans, StatusMovesOneStepForward) {
  EXPECT_EQ(code_of([] { require_plan_transition("draft", "active"); }), "ok");
  EXPECT_EQ(code_of([] { require_plan_transition("active", "closed"); }), "ok");
  EXPECT_EQ(code_of([] { require_plan_transition("draft", "closed"); }), "409 invalid_transition");
  EXPECT_EQ(code_of([] { require_plan_transition("closed", "active"); }), "409 invalid_transition");
  EXPECT_EQ(code_of([] { require_plan_transition("active", "active"); }), "409 invalid_transition");
  EXPECT_EQ(code_of([] { require_plan_transition("draft", "done"); }), "400 validation_failed");
}

TEST(InspectionsPlans, ValidationNamesEveryField) {
  PlanFields f;
  f.year = 1999;
  f.mode = "sometimes";
  f.coverage_target_pct = 120;
  f.unannounced_target = -1;
  std::vector<FieldIssue> issues;
  EXPECT_EQ(code_of([&] { validate_plan(f, d("2026-12-04")); }, &issues), "400 validation_failed");
  std::set<std::string> fields;
  for (const auto& i : issues) fields.insert(i.field);
  EXPECT_EQ(fields, (std::set<std::string>{"year", "title", "legalBasis", "mode", "coverageTargetPct", "unannouncedTarget"}));
  f = {2026, "Kế hoạch 2026", "KH 12/KH-UBND", "mixed", "", std::nullopt, 60, 5};
  EXPECT_EQ(code_of([&] { validate_plan(f, d("2026-12-04")); }), "ok");
}

TEST(InspectionsPlans, Coverage) {
  EXPECT_EQ(coverage_pct(3, 0), std::nullopt);
  EXPECT_DOUBLE_EQ(*coverage_pct(1, 3), 33.3);
  EXPECT_DOUBLE_EQ(*coverage_pct(2, 3), 66.7);
  EXPECT_DOUBLE_EQ(*coverage_pct(5, 5), 100.0);
}

TEST(InspectionsRecord, Validation) {
  InspectionFields f;
  f.inspected_on = d("2026-03-02");
  f.started_at = "2026-03-02T21:30";
  f.ended_at = "2026-03-02T22:15";
  EXPECT_EQ(code_of([&] { validate_inspection(f, d("2026-12-04")); }), "ok");
  auto bad = f;
  bad.inspected_on = d("2026-12-05");
  bad.started_at = "2026-12-05T25:00";
  bad.ended_at = "x";
  bad.informed = -1;
  bad.referred = 100001;
  bad.signature = "maybe";
  bad.reinspection_due = d("2026-12-05");
  bad.violations.push_back({"buying_sex", "", "", -5});
  bad.answers.push_back({"ok", ""});
  std::vector<FieldIssue> issues;
  EXPECT_EQ(code_of([&] { validate_inspection(bad, d("2026-12-04")); }, &issues), "400 validation_failed");
  std::set<std::string> fields;
  for (const auto& i : issues) fields.insert(i.field);
  for (const char* x : {"inspectedOn", "startedAt", "endedAt", "outreach.informed", "outreach.referred", "signature",
                        "reinspectionDue", "violations[0].fineAmount", "checklist[0].result"})
    EXPECT_TRUE(fields.count(x)) << x;
  auto wrong_day = f;
  wrong_day.started_at = "2026-03-01T21:30";
  EXPECT_EQ(code_of([&] { validate_inspection(wrong_day, d("2026-12-04")); }), "400 validation_failed");
  auto backwards = f;
  backwards.ended_at = "2026-03-02T20:00";
  EXPECT_EQ(code_of([&] { validate_inspection(backwards, d("2026-12-04")); }), "400 validation_failed");
  auto long_text = f;
  long_text.findings = std::string(kFindingsMax + 1, 'a');
  EXPECT_EQ(code_of([&] { validate_inspection(long_text, d("2026-12-04")); }), "400 validation_failed");
}

TEST(InspectionsRecord, FinaliseNeedsSignatureOrRecordedRefusal) {
  EXPECT_EQ(code_of([] { require_finalisable("signed", "", ""); }), "ok");
  EXPECT_EQ(code_of([] { require_finalisable("pending", "", ""); }), "400 validation_failed");
  std::vector<FieldIssue> issues;
  EXPECT_EQ(code_of([] { require_finalisable("refused", "", ""); }, &issues), "400 validation_failed");
  EXPECT_EQ(issues.size(), 2u);
  EXPECT_EQ(code_of([] { require_finalisable("refused", "Không đồng ý kết luận", "Nguyễn Văn A, tổ trưởng TDP"); }), "ok");
}

TEST(InspectionsRecord, ReinspectionOverdue) {
  const Date today = d("2026-12-04");
  EXPECT_FALSE(reinspection_overdue(std::nullopt, today, std::nullopt));
  EXPECT_TRUE(reinspection_overdue(d("2026-11-30"), today, std::nullopt));
  EXPECT_FALSE(reinspection_overdue(d("2026-11-30"), today, d("2026-11-28")));  // re-inspected (a later final one)
  EXPECT_FALSE(reinspection_overdue(d("2026-12-04"), today, std::nullopt));     // due today: not yet overdue
  EXPECT_FALSE(reinspection_overdue(d("2026-12-20"), today, std::nullopt));
}

TEST(InspectionsRecord, FineRangeIsAdvisory) {
  auto r = ref(1, "282-D32", "buying_sex", "32", "2025-12-15", nullptr);
  EXPECT_FALSE(fine_outside_range(0, r));
  EXPECT_FALSE(fine_outside_range(1500000, r));
  EXPECT_FALSE(fine_outside_range(4000000, r));  // ×2 for an organisation
  EXPECT_TRUE(fine_outside_range(4000001, r));
  EXPECT_TRUE(fine_outside_range(500000, r));
}

TEST(InspectionsLegalImport, OverlapsUnknownTopicsAndDuplicates) {
  const auto existing = table();
  const std::set<std::string> topics = {"buying_sex", "harbouring_prostitution"};
  // closing an existing row and adding the next decree: fine
  LegalRow close{2, ref(0, "282-D32", "buying_sex", "32", "2025-12-15", "2030-06-30"), "Mua dâm"};
  LegalRow next{3, ref(0, "300-D10", "buying_sex", "32", "2030-07-01", nullptr), "Mua dâm"};
  EXPECT_TRUE(check_legal_import({close, next}, existing, topics).empty());
  // the next decree without closing the open row: overlap
  auto issues = check_legal_import({next}, existing, topics);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].code, "overlapping_validity");
  EXPECT_EQ(issues[0].row, 3);
  // the same article under another clause does not overlap
  LegalRow other_clause{4, ref(0, "282-D32-K2", "buying_sex", "32", "2025-12-15", nullptr), "Mua dâm"};
  other_clause.ref.clause = "2";
  EXPECT_TRUE(check_legal_import({other_clause}, existing, topics).empty());
  // unknown topic, duplicate code in the file, fines and dates backwards
  LegalRow unknown{5, ref(0, "X1", "gambling", "1", "2026-01-01", nullptr), "Đánh bạc"};
  LegalRow dup{6, ref(0, "X1", "buying_sex", "99", "2026-01-01", nullptr), "Mua dâm"};
  LegalRow backwards{7, ref(0, "X2", "buying_sex", "98", "2026-01-01", "2025-01-01"), "Mua dâm"};
  backwards.ref.fine_min = 5;
  backwards.ref.fine_max = 1;
  issues = check_legal_import({unknown, dup, backwards}, existing, topics);
  std::set<std::string> codes;
  for (const auto& i : issues) codes.insert(std::to_string(i.row) + ":" + i.code);
  EXPECT_TRUE(codes.count("5:unknown_topic"));
  EXPECT_TRUE(codes.count("6:duplicate_code"));
  EXPECT_TRUE(codes.count("7:validation_failed"));
}
