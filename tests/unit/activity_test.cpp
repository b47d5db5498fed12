// The rules of an activity record (§5.3) and of the import template's rows, as a specification.
#include <gtest/gtest.h>

#include "domain/activity.hpp"
#include "domain/text.hpp"
#include "importer/activity_rows.hpp"

using namespace longghep;

namespace {
Date D(const char* s) { return *Date::parse(s); }

ActivityRules rules() {
  ActivityRules r;
  r.intervention_types = {"community_sessions", "condoms"};
  r.target_groups = {"students", "service_workers"};
  r.age_bands = {"18_24", "25_34"};
  r.output_kinds = {"sessions", "leaflets"};
  r.funding_sources = {"commune_budget", "socialisation"};
  r.today = D("2026-12-01");
  return r;
}

ActivityInput valid() {
  ActivityInput in;
  in.title = "Tuyên truyền tại khu phố";
  in.intervention_type = "community_sessions";
  in.org_unit_code = "21583";
  in.lead_agency_id = 7;
  in.start = D("2026-11-20");
  in.end = D("2026-11-21");
  in.reach = {{"students", 40, 25, 15, {{"18_24", 30}, {"25_34", 10}}}};
  in.outputs = {{"sessions", 2}};
  in.costs = {{"commune_budget", 2'500'000}};
  return in;
}

std::vector<std::string> fields(const std::vector<FieldIssue>& v) {
  std::vector<std::string> out;
  for (const auto& i : v) out.push_back(i.field);
  return out;
}

OrgUnit unit(long long id, std::string code, std::string kind, std::string parent, Validity v) {
  OrgUnit u;
  u.id = id;
  u.code = code;
  u.name = "U" + code;
  u.full_name = u.name;
  u.kind = std::move(kind);
  u.parent_code = std::move(parent);
  u.validity = v;
  u.name_folded = fold_for_search(u.name);
  return u;
}
}  // namespace

TEST(ActivityRules, AValidRecordHasNoIssues) { EXPECT_TRUE(validate_activity(valid(), rules()).empty()); }

TEST(ActivityRules, EveryFaultIsReportedWithItsField) {
  ActivityInput in = valid();
  in.title = "";
  in.intervention_type = "dance";
  in.end = D("2026-11-19");
  in.reach[0].female = -1;
  in.outputs = {{"sessions", 1}, {"sessions", 2}};
  in.costs = {{"lottery", 5}, {"socialisation", -10}};
  EXPECT_EQ(fields(validate_activity(in, rules())),
            (std::vector<std::string>{"title", "interventionTypeCode", "endDate", "reach[0].female", "outputs[1].kind",
                                      "costs[0].fundingSource", "costs[1].amount"}));
}

TEST(ActivityRules, SexSplitMustAddUpToTheTotal) {
  ActivityInput in = valid();
  in.reach[0].ages.clear();
  in.reach[0].male = 14;  // 25 + 14 ≠ 40
  auto issues = validate_activity(in, rules());
  ASSERT_EQ(fields(issues), std::vector<std::string>{"reach[0].female"});
  EXPECT_NE(issues[0].message_vi.find("phải bằng tổng số (40)"), std::string::npos);
  in.reach[0].male.reset();  // one side alone: at most the total
  EXPECT_TRUE(validate_activity(in, rules()).empty());
  in.reach[0].female = 41;
  EXPECT_EQ(fields(validate_activity(in, rules())), std::vector<std::string>{"reach[0].female"});
}

TEST(ActivityRules, AgeBandsMustAddUpAndExist) {
  ActivityInput in = valid();
  in.reach[0].ages = {{"18_24", 30}, {"25_34", 9}};
  EXPECT_EQ(fields(validate_activity(in, rules())), std::vector<std::string>{"reach[0].ages"});
  in.reach[0].ages = {{"18_24", 30}, {"70_plus", 10}};
  EXPECT_EQ(fields(validate_activity(in, rules())), std::vector<std::string>{"reach[0].ages"});
}

TEST(ActivityRules, DatesNotInTheFutureNorBefore2000) {
  ActivityInput in = valid();
  in.end = D("2026-12-02");
  EXPECT_EQ(fields(validate_activity(in, rules())), std::vector<std::string>{"endDate"});
  in.start = D("1999-12-31");
  in.end = D("2000-01-02");
  EXPECT_EQ(fields(validate_activity(in, rules())), std::vector<std::string>{"startDate"});
}

TEST(ActivityRules, RepeatedTargetGroupOrPartnerIsRefused) {
  ActivityInput in = valid();
  in.reach.push_back({"students", 5, std::nullopt, std::nullopt, {}});
  in.partner_agency_ids = {7};  // the lead itself
  EXPECT_EQ(fields(validate_activity(in, rules())), (std::vector<std::string>{"reach[1].targetGroup", "partnerAgencyIds"}));
}

TEST(ActivityRules, TheUnitMustBeInScopeAndValidThroughTheEndDate) {
  const Validity before{Date::min(), D("2025-06-30")}, after{D("2025-07-01"), Date::max()};
  Hierarchy h({unit(1, "VN", "central", "", {}), unit(2, "52", "province", "VN", after), unit(3, "21583", "commune", "52", after),
               unit(4, "52", "province", "VN", before), unit(5, "540", "district", "52", before),
               unit(6, "99", "province", "VN", {})},
              {});
  const Scope gia_lai = Scope::of({2, 3});
  ActivityInput in = valid();
  std::vector<FieldIssue> issues;
  ASSERT_NE(resolve_activity_unit(h, gia_lai, in, issues), nullptr);
  EXPECT_EQ(resolve_activity_unit(h, gia_lai, in, issues)->id, 3);
  EXPECT_TRUE(issues.empty());

  in.org_unit_code = "99";  // another province
  EXPECT_EQ(resolve_activity_unit(h, gia_lai, in, issues), nullptr);
  EXPECT_EQ(fields(issues), std::vector<std::string>{"orgUnitCode"});

  issues.clear();  // an old district, on a day it existed, from a scope that holds it
  in.org_unit_code = "540";
  in.start = D("2024-03-01");
  in.end = D("2024-03-02");
  EXPECT_EQ(resolve_activity_unit(h, Scope::everything(), in, issues)->id, 5);
  in.start = D("2025-06-30");  // …but not past its last day
  in.end = D("2025-07-01");
  EXPECT_EQ(resolve_activity_unit(h, Scope::everything(), in, issues), nullptr);
  issues.clear();
  in.start = in.end = D("2026-01-05");  // the district no longer exists
  EXPECT_EQ(resolve_activity_unit(h, Scope::everything(), in, issues), nullptr);
  EXPECT_EQ(fields(issues), std::vector<std::string>{"orgUnitCode"});
}

TEST(ActivityRules, APlanActivityKeepsTheDatesInsideThePlanYear) {
  ActivityInput in = valid();
  std::vector<FieldIssue> issues;
  check_plan_year(in, 2026, issues);
  EXPECT_TRUE(issues.empty());
  in.start = D("2025-12-30");
  check_plan_year(in, 2026, issues);
  EXPECT_EQ(fields(issues), std::vector<std::string>{"startDate"});
}

TEST(ImportCells, CountsDatesAndColumns) {
  EXPECT_EQ(parse_count_cell("1234"), 1234);
  EXPECT_EQ(parse_count_cell("1.234.567"), 1234567);
  EXPECT_EQ(parse_count_cell("1,500,000"), 1500000);
  EXPECT_EQ(parse_count_cell("12.0"), 12);
  EXPECT_EQ(parse_count_cell("-5"), -5);
  EXPECT_EQ(parse_count_cell("1.5"), std::nullopt);
  EXPECT_EQ(parse_count_cell("12,34"), std::nullopt);
  EXPECT_EQ(parse_count_cell("abc"), std::nullopt);
  EXPECT_EQ(parse_date_cell("05/10/2026"), D("2026-10-05"));
  EXPECT_EQ(parse_date_cell("5/1/2026"), D("2026-01-05"));
  EXPECT_EQ(parse_date_cell("2026-10-05"), D("2026-10-05"));
  EXPECT_EQ(parse_date_cell("45658"), D("2025-01-01"));  // an Excel date cell
  EXPECT_EQ(parse_date_cell("46124.375"), D("2026-04-12"));  // with a time of day: the day (issue 13)
  EXPECT_EQ(parse_date_cell("31/02/2026"), std::nullopt);
  EXPECT_EQ(column_of_field("reach[2].male"), "K");
  EXPECT_EQ(column_of_field("costs[0].fundingSource"), "N");
  EXPECT_EQ(column_of_field("orgUnitCode"), "D");
}

TEST(ImportRows, ConsecutiveRowsWithOneKeyAreOneActivity) {
  std::unordered_map<std::string, long long> agencies = {{"gl-ubnd", 7}};
  std::vector<ImportIssue> issues;
  std::vector<AssembledActivity> out;
  ActivityRowAssembler a(agencies, [&](AssembledActivity&& x) { out.push_back(std::move(x)); }, issues);
  std::vector<std::string> header = activity_template_headers();
  ASSERT_TRUE(a.check_header(1, header));
  std::vector<std::string> r2 = {"K1", "Nói chuyện", "community_sessions", "21583", "gl-ubnd", "05/10/2026", "05/10/2026",
                                 "students", "120", "70", "50", "1", "1.500.000", "commune_budget", ""};
  std::vector<std::string> r3 = {"K1", "", "", "", "", "", "", "service_workers", "10", "", "", "2", "300000", "socialisation"};
  std::vector<std::string> r4 = {"", "Phát tờ rơi", "condoms", "21583", "gl-ubnd", "2026-10-10", "2026-10-12", "students", "30"};
  std::vector<std::string> blank = {"", "", ""};
  a.add_row(2, r2);
  a.add_row(3, r3);
  a.add_row(4, blank);
  a.add_row(5, r4);
  a.finish();
  EXPECT_TRUE(issues.empty());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].in.key, "K1");
  EXPECT_EQ(out[0].in.reach.size(), 2u);
  EXPECT_EQ(out[0].in.reached_total(), 130);
  EXPECT_EQ(out[0].in.cost_total(), 1'800'000);
  EXPECT_EQ(out[0].in.outputs[0].quantity, 3);  // sessions add up
  EXPECT_EQ(out[0].reach_rows, (std::vector<long long>{2, 3}));
  EXPECT_EQ(out[1].in.key.substr(0, 2), "h-");  // keyless: a hash of the row, the same on re-import
  EXPECT_EQ(out[1].first_row, 5);
  EXPECT_TRUE(validate_activity(out[0].in, rules()).empty());

  // A fault of the second target group is placed on its own row and column.
  out[0].in.reach[1].female = 11;
  auto f = validate_activity(out[0].in, rules());
  ASSERT_EQ(f.size(), 1u);
  ImportIssue at = locate_issue(out[0], f[0]);
  EXPECT_EQ(at.row, 3);
  EXPECT_EQ(at.column, "J");
}

TEST(ImportRows, AWrongHeaderAndBadCellsAreNamed) {
  std::unordered_map<std::string, long long> agencies;
  std::vector<ImportIssue> issues;
  ActivityRowAssembler a(agencies, [](AssembledActivity&&) {}, issues);
  std::vector<std::string> header = activity_template_headers();
  header[3] = "Tỉnh";
  EXPECT_FALSE(a.check_header(1, header));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].column, "D");
  issues.clear();
  std::vector<std::string> row = {"", "x", "condoms", "21583", "nobody", "31/13/2026", "01/01/2026", "students", "ba mươi"};
  a.add_row(7, row);
  a.finish();
  std::vector<std::string> cols;
  for (const auto& i : issues) { EXPECT_EQ(i.row, 7); cols.push_back(i.column); }
  EXPECT_EQ(cols, (std::vector<std::string>{"E", "F", "I"}));
}

TEST(ImportRows, AKeyRepeatedInRowsThatAreNotConsecutiveIsRefused) {
  std::unordered_map<std::string, long long> agencies = {{"a", 1}};
  std::vector<ImportIssue> issues;
  ActivityRowAssembler a(agencies, [](AssembledActivity&&) {}, issues);
  auto row = [](const char* key) {
    return std::vector<std::string>{key, "t", "condoms", "1", "a", "01/01/2026", "01/01/2026", "students", "1"};
  };
  auto r2 = row("K1"), r3 = row("K2"), r4 = row("K1");
  a.add_row(2, r2);
  a.add_row(3, r3);
  a.add_row(4, r4);
  a.finish();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].row, 4);
  EXPECT_EQ(issues[0].column, "A");
}

TEST(ActivityRules, APlanCoversItsUnitAndTheUnitsBelowItOnTheActivityDay) {
  const Validity before{Date::min(), D("2025-06-30")}, after{D("2025-07-01"), Date::max()};
  Hierarchy h({unit(1, "VN", "central", "", {}), unit(2, "52", "province", "VN", after), unit(3, "21583", "commune", "52", after),
               unit(4, "52", "province", "VN", before), unit(5, "540", "district", "52", before),
               unit(6, "99", "province", "VN", {}), unit(7, "21584", "commune", "52", after)},
              {});
  const OrgUnit& commune = *h.by_id(3);
  EXPECT_TRUE(plan_unit_covers(h, commune, 3, D("2026-03-01")));   // its own plan
  EXPECT_TRUE(plan_unit_covers(h, commune, 2, D("2026-03-01")));   // its province's plan
  EXPECT_FALSE(plan_unit_covers(h, commune, 4, D("2026-03-01")));  // the old province of the same code
  EXPECT_FALSE(plan_unit_covers(h, commune, 6, D("2026-03-01")));  // another province
  EXPECT_FALSE(plan_unit_covers(h, commune, 7, D("2026-03-01")));  // a neighbouring commune
  EXPECT_TRUE(plan_unit_covers(h, *h.by_id(5), 4, D("2024-03-01")));
}
