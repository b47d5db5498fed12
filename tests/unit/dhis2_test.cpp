// DHIS2 export rules (domain/dhis2.hpp): periods, mapping resolution by date, building the values
// of accepted reports (suppressed and unmapped elements), and the two serialisations.
#include "domain/dhis2.hpp"

#include <gtest/gtest.h>

namespace longghep {
namespace {
using nlohmann::json;
Date d(int y, int m, int dd) { return Date::from_ymd(y, m, dd); }

TEST(Dhis2, PeriodsSixMonthlyAndYearly) {
  auto h1 = dhis2::map_period("2025-H1");
  EXPECT_EQ(h1.dhis2, "2025S1");
  EXPECT_EQ(h1.adx, "2025-01-01/P6M");
  EXPECT_EQ(h1.to, d(2025, 6, 30));
  auto h2 = dhis2::map_period("2025-H2");
  EXPECT_EQ(h2.dhis2, "2025S2");
  EXPECT_EQ(h2.adx, "2025-07-01/P6M");
  auto y = dhis2::map_period("2025");
  EXPECT_EQ(y.dhis2, "2025");
  EXPECT_EQ(y.adx, "2025-01-01/P1Y");
  EXPECT_EQ(y.to, d(2025, 12, 31));
}

TEST(Dhis2, AdHocAndMalformedPeriodsRefused) {
  for (const char* bad : {"adhoc-12", "2025-H3", "2025-Q1", "1999", "abc", ""}) {
    try {
      dhis2::map_period(bad);
      FAIL() << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), "period_not_exportable") << bad;
      EXPECT_EQ(e.field(), "period");
    }
  }
}

TEST(Dhis2, Codes) {
  EXPECT_TRUE(dhis2::valid_code("LG_COMM_ACTIVITIES"));
  EXPECT_TRUE(dhis2::valid_code("52_20250630"));
  EXPECT_FALSE(dhis2::valid_code(""));
  EXPECT_FALSE(dhis2::valid_code("A B"));
  EXPECT_FALSE(dhis2::valid_code(std::string(51, 'A')));
  EXPECT_TRUE(dhis2::valid_attribute_name("SEX"));
  EXPECT_FALSE(dhis2::valid_attribute_name("value"));
  EXPECT_FALSE(dhis2::valid_attribute_name("1SEX"));
}

TEST(Dhis2, ElementResolvedByDate) {
  std::vector<dhis2::ElementMapping> rows = {
      {1, "bc_6thang", "reached_total", "LG_REACHED_OLD", "default", {}, {d(2000, 1, 1), d(2024, 12, 31)}},
      {2, "bc_6thang", "reached_total", "LG_REACHED_TOTAL", "default", {}, {d(2025, 1, 1), Date::max()}}};
  EXPECT_EQ(dhis2::resolve_element(rows, "bc_6thang", "reached_total", d(2024, 6, 30))->data_element, "LG_REACHED_OLD");
  EXPECT_EQ(dhis2::resolve_element(rows, "bc_6thang", "reached_total", d(2025, 6, 30))->data_element, "LG_REACHED_TOTAL");
  EXPECT_EQ(dhis2::resolve_element(rows, "bc_nam", "reached_total", d(2025, 6, 30)), nullptr);
}

TEST(Dhis2, OrgUnitsResolveAcrossTheReform) {
  std::vector<dhis2::OrgUnitMapping> rows = {{1, "64", {d(2000, 1, 1), d(2025, 6, 30)}, "VN_GIALAI_OLD", {Date::min(), Date::max()}}};
  // a row wins on its dates
  EXPECT_EQ(dhis2::resolve_org_unit(rows, "64", {d(2000, 1, 1), d(2025, 6, 30)}, false, d(2025, 6, 30)), "VN_GIALAI_OLD");
  // no row: the own code
  EXPECT_EQ(dhis2::resolve_org_unit(rows, "75", {d(2000, 1, 1), Date::max()}, false, d(2025, 6, 30)), "75");
  // an ended version whose code now names another unit (52 Bình Định → 52 Gia Lai): suffixed
  EXPECT_EQ(dhis2::resolve_org_unit(rows, "52", {d(2000, 1, 1), d(2025, 6, 30)}, true, d(2025, 6, 30)), "52_20250630");
  EXPECT_EQ(dhis2::resolve_org_unit(rows, "52", {d(2025, 7, 1), Date::max()}, true, d(2025, 12, 31)), "52");
}

TEST(Dhis2, MappingOverlapsRefused) {
  std::vector<dhis2::ElementMapping> rows = {{1, "bc_6thang", "reached_total", "LG_REACHED_TOTAL", "default", {}, {d(2000, 1, 1), Date::max()}}};
  dhis2::ElementMapping m{0, "bc_6thang", "reached_total", "LG_X", "default", {}, {d(2025, 1, 1), Date::max()}};
  auto issues = dhis2::element_mapping_issues(m, rows);
  ASSERT_FALSE(issues.empty());
  EXPECT_EQ(issues[0].field, "validFrom");
  // the same row edited is not an overlap with itself
  m.id = 1;
  EXPECT_TRUE(dhis2::element_mapping_issues(m, rows).empty());
  // two elements into one DHIS2 cell
  dhis2::ElementMapping other{0, "bc_6thang", "comm_sessions", "LG_REACHED_TOTAL", "default", {}, {d(2000, 1, 1), Date::max()}};
  EXPECT_EQ(dhis2::element_mapping_issues(other, rows).at(0).field, "categoryOptionCombo");
  other.data_element = "bad code";
  EXPECT_EQ(dhis2::element_mapping_issues(other, rows).at(0).field, "dataElement");
  std::vector<dhis2::OrgUnitMapping> ous = {{1, "52", {Date::min(), d(2025, 6, 30)}, "BD", {Date::min(), Date::max()}}};
  EXPECT_FALSE(dhis2::orgunit_mapping_issues({0, "52", {d(2020, 1, 1), d(2025, 6, 30)}, "BD2", {Date::min(), Date::max()}}, ous).empty());
  EXPECT_TRUE(dhis2::orgunit_mapping_issues({0, "52", {d(2025, 7, 1), Date::max()}, "GL", {Date::min(), Date::max()}}, ous).empty());
}

dhis2::ExportInput sample() {
  dhis2::ExportInput in;
  in.form_code = "bc_6thang";
  in.dataset_code = "LG_BC_6THANG";
  in.period = dhis2::map_period("2025-H1");
  in.elements = {{"reached_total", "number"}, {"reached_female", "number"}, {"reached_male", "number"},
                 {"case_people", "number"}, {"budget_allocated", "number"}, {"results", "text"}};
  in.element_map = {{1, "bc_6thang", "reached_total", "LG_REACHED_TOTAL", "default", {}, {d(2000, 1, 1), Date::max()}},
                    {2, "bc_6thang", "reached_female", "LG_REACHED_SEX", "LG_SEX_F", {{"SEX", "F"}}, {d(2000, 1, 1), Date::max()}},
                    {3, "bc_6thang", "reached_male", "LG_REACHED_SEX", "LG_SEX_M", {{"SEX", "M"}}, {d(2000, 1, 1), Date::max()}},
                    {4, "bc_6thang", "case_people", "LG_CASE_PEOPLE", "default", {}, {d(2000, 1, 1), Date::max()}}};
  dhis2::SourceReport a;
  a.unit_code = "52";
  a.unit_name = "Bình Định";
  a.unit_validity = {d(2000, 1, 1), d(2025, 6, 30)};
  a.code_reused = true;
  a.accepted_at = "2025-07-10T02:00:00Z";
  a.values = {{"reached_total", 40}, {"reached_female", 30}, {"reached_male", 10}, {"case_people", 3}, {"budget_allocated", 5}, {"results", "x"}};
  a.suppressed = {"case_people"};
  dhis2::SourceReport b;
  b.unit_code = "75";
  b.unit_name = "Đồng Nai";
  b.accepted_at = "2025-07-11T02:00:00Z";
  b.values = {{"reached_total", 7}, {"reached_female", 0}, {"reached_male", 7}, {"case_people", 12}, {"results", ""}};
  in.reports = {a, b};
  return in;
}

TEST(Dhis2, BuildExportSuppressesAndListsUnmapped) {
  auto x = dhis2::build_export(sample());
  EXPECT_EQ(x.values, 3 + 4);  // 52: total, F, M (case_people suppressed); 75: total, F, M, case_people
  EXPECT_EQ(x.suppressed, 1);
  ASSERT_EQ(x.skipped.size(), 2u);
  EXPECT_EQ(x.skipped[0].element_code, "budget_allocated");
  EXPECT_EQ(x.skipped[0].reason, "unmapped_element");
  EXPECT_EQ(x.skipped[0].reports, 1);
  EXPECT_EQ(x.skipped[1].reason, "not_numeric");
  ASSERT_EQ(x.groups.size(), 2u);
  EXPECT_EQ(x.groups[0].org_unit, "52_20250630");
  EXPECT_EQ(x.groups[0].complete_date, "2025-07-10");
}

TEST(Dhis2, DataValueSetJson) {
  auto x = dhis2::build_export(sample());
  json j = dhis2::data_value_set_json(x);
  EXPECT_EQ(j["dataSet"], "LG_BC_6THANG");
  EXPECT_EQ(j["period"], "2025S1");
  EXPECT_FALSE(j.contains("orgUnit"));  // two units: per value
  ASSERT_EQ(j["dataValues"].size(), 7u);
  EXPECT_EQ(j["dataValues"][1], json({{"dataElement", "LG_REACHED_SEX"}, {"categoryOptionCombo", "LG_SEX_F"}, {"period", "2025S1"},
                                      {"orgUnit", "52_20250630"}, {"value", "30"}}));
  auto one = sample();
  one.reports.pop_back();
  json k = dhis2::data_value_set_json(dhis2::build_export(one));
  EXPECT_EQ(k["orgUnit"], "52_20250630");
  EXPECT_EQ(k["completeDate"], "2025-07-10");
}

TEST(Dhis2, AdxXml) {
  auto x = dhis2::build_export(sample());
  const std::string xml = dhis2::adx_xml(x, "2026-01-05T03:00:00Z");
  EXPECT_NE(xml.find("<adx xmlns=\"urn:ihe:qrph:adx:2015\" exported=\"2026-01-05T03:00:00Z\">"), std::string::npos);
  EXPECT_NE(xml.find("<group dataSet=\"LG_BC_6THANG\" orgUnit=\"52_20250630\" period=\"2025-01-01/P6M\" completeDate=\"2025-07-10\">"),
            std::string::npos);
  EXPECT_NE(xml.find("<dataValue dataElement=\"LG_REACHED_SEX\" value=\"30\" SEX=\"F\"/>"), std::string::npos);
  EXPECT_EQ(xml.find("LG_CASE_PEOPLE\" value=\"3\""), std::string::npos);  // the small cell never goes out
}

TEST(Dhis2, TwoValuesIntoOneCellRefused) {
  auto in = sample();
  in.element_map[3].data_element = "LG_REACHED_TOTAL";  // case_people → the same cell as reached_total
  EXPECT_THROW(dhis2::build_export(in), Error);
}

TEST(Dhis2, ImportSummaryRead) {
  json body = {{"httpStatus", "OK"}, {"response", {{"status", "WARNING"}, {"importCount", {{"imported", 2}, {"updated", 1}, {"ignored", 1}, {"deleted", 0}}},
                                                   {"conflicts", {{{"object", "XX"}, {"value", "Org unit not found"}}}}}}};
  auto s = dhis2::read_import_summary(body);
  ASSERT_TRUE(s);
  EXPECT_EQ((*s)["status"], "WARNING");
  EXPECT_EQ((*s)["importCount"]["imported"], 2);
  EXPECT_EQ((*s)["conflicts"][0]["object"], "XX");
  EXPECT_FALSE(dhis2::read_import_summary(json("nope")));
  EXPECT_FALSE(dhis2::read_import_summary(json{{"status", "weird"}}));
}

}  // namespace
}  // namespace longghep
