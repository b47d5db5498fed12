// Tolerant reading of a clerk's activity sheet (importer/import_columns, issue 15): header
// wording, two header rows, totals rows, labels or codes, units by name.
#include <gtest/gtest.h>

#include "domain/hierarchy.hpp"
#include "importer/activity_rows.hpp"
#include "importer/import_columns.hpp"

using namespace longghep;

TEST(ImportColumns, HeaderWordingIsFoldedAndUnitsInParenthesesIgnored) {
  EXPECT_EQ(header_fold("Tổng số người (người)"), "tong so nguoi");
  EXPECT_EQ(header_fold("  KINH PHÍ [đồng]: "), "kinh phi");
  EXPECT_EQ(header_fold("Ghi chú*"), "ghi chu");
  EXPECT_EQ(column_of_header("Tổng số người (người)"), 8);
  EXPECT_EQ(column_of_header("tong so nguoi"), 8);
  EXPECT_EQ(column_of_header("Nội dung hoạt động"), 1);
  EXPECT_EQ(column_of_header("Loại can thiệp (mã)"), 2);  // the old template's wording still reads
  EXPECT_EQ(column_of_header("Địa bàn (xã/phường)"), 3);
  EXPECT_EQ(column_of_header("Đơn vị chủ trì"), 4);
  EXPECT_EQ(column_of_header("Từ ngày"), 5);
  EXPECT_EQ(column_of_header("Số nữ"), 9);
  EXPECT_EQ(column_of_header("Nam"), 10);
  EXPECT_EQ(column_of_header("Năm"), -1);  // the year is not the men
  EXPECT_EQ(column_of_header("STT"), -1);
  EXPECT_EQ(column_of_header(""), -1);
  // every template header names its own column
  const auto& h = activity_template_headers();
  for (size_t i = 0; i < h.size(); ++i) EXPECT_EQ(column_of_header(h[i]), static_cast<int>(i)) << h[i];
}

TEST(ImportColumns, OneHeaderRowInAnyOrderMapsSheetColumns) {
  std::vector<std::string> row = {"STT", "Ngày kết thúc", "Ngày bắt đầu", "Tên hoạt động", "Hình thức", "Xã/phường",
                                  "Cơ quan chủ trì", "Đối tượng", "Số người", "Ghi chú"};
  HeaderMap m = match_header(row);
  ASSERT_TRUE(m.complete());
  EXPECT_EQ(m.sheet_col[1], 3);
  EXPECT_EQ(m.sheet_col[5], 2);
  EXPECT_EQ(m.sheet_col[6], 1);
  EXPECT_EQ(m.sheet_col[9], -1);
  EXPECT_EQ(m.sheet_letter("B"), "D");
  EXPECT_EQ(m.sheet_letter("F"), "C");
  EXPECT_EQ(m.sheet_letter("J"), "J");  // unmapped: as it is
  std::vector<std::string> data = {"1", "12/03/2026", "10/03/2026", "Tuyên truyền", "x", "21583", "a", "b", "5", "n"};
  auto c = m.canonical(data);
  ASSERT_EQ(c.size(), static_cast<size_t>(kCanonicalColumns));
  EXPECT_EQ(c[1], "Tuyên truyền");
  EXPECT_EQ(c[5], "10/03/2026");
  EXPECT_EQ(c[8], "5");
  EXPECT_EQ(c[14], "n");
  EXPECT_EQ(c[0], "");
  // a required column missing is named
  row[8] = "Số liệu";
  EXPECT_EQ(match_header(row).missing(), (std::vector<int>{8}));
}

TEST(ImportColumns, TwoHeaderRowsGroupAboveSubHeaders) {
  std::vector<std::string> top = {"STT", "Nội dung hoạt động", "Hình thức", "Địa bàn", "Đơn vị chủ trì", "Thời gian", "",
                                  "Đối tượng", "Số người tham gia (người)", "", "", "Số buổi", "Kinh phí", "", "Ghi chú"};
  std::vector<std::string> sub = {"", "", "", "", "", "Từ ngày", "Đến ngày", "", "Tổng số", "Trong đó nữ", "Nam", "",
                                  "Số tiền (đồng)", "Nguồn", ""};
  auto m = match_two_row_header(top, sub);
  ASSERT_TRUE(m.has_value());
  EXPECT_TRUE(m->complete());
  EXPECT_EQ(m->rows, 2);
  EXPECT_EQ(m->sheet_col[5], 5);
  EXPECT_EQ(m->sheet_col[6], 6);
  EXPECT_EQ(m->sheet_col[8], 8);
  EXPECT_EQ(m->sheet_col[9], 9);
  EXPECT_EQ(m->sheet_col[10], 10);
  EXPECT_EQ(m->sheet_col[12], 12);
  EXPECT_EQ(m->sheet_col[13], 13);
  EXPECT_EQ(m->sheet_col[14], 14);
  // alone, the group row lacks the dates: not a header by itself
  EXPECT_FALSE(match_header(top).complete());
  // a data row under a header is never taken for sub-headers
  std::vector<std::string> data = {"1", "Tuyên truyền", "community_sessions", "21583", "gl", "10/03/2026", "10/03/2026",
                                   "students", "30"};
  EXPECT_FALSE(match_two_row_header(top, data).has_value());
  // a title line (one cell, no header word) is never a group row
  std::vector<std::string> title = {"BÁO CÁO KẾT QUẢ HOẠT ĐỘNG NĂM 2026"};
  EXPECT_FALSE(match_two_row_header(title, top).has_value());
}

TEST(ImportColumns, TotalsRowsAreRecognised) {
  EXPECT_TRUE(is_totals_row({"", "Tổng cộng", "", "37"}));
  EXPECT_TRUE(is_totals_row({"TỔNG CỘNG:"}));
  EXPECT_TRUE(is_totals_row({"Cộng", "12"}));
  EXPECT_TRUE(is_totals_row({"tong cong"}));
  EXPECT_FALSE(is_totals_row({"1", "Tổng cộng"}));  // a numbered row whose title says so is data
  EXPECT_FALSE(is_totals_row({"", "Tổng kết mô hình"}));
  EXPECT_FALSE(is_totals_row({"", ""}));
}

TEST(ImportColumns, LabelsOrCodesFoldedAndAmbiguityNamed) {
  LabelIndex i;
  i.add("community_sessions", "Sinh hoạt cộng đồng");
  i.add("health_checks", "Khám sức khỏe");
  i.add("a1", "Sở Y tế", "Sở Y tế (a1)");
  i.add("a2", "Sở Y tế", "Sở Y tế (a2)");
  i.alias("health_checks", "Khám sức khoẻ");  // the old accent placement
  EXPECT_EQ(i.find("community_sessions").code, "community_sessions");
  EXPECT_EQ(i.find("COMMUNITY_SESSIONS").code, "community_sessions");
  EXPECT_EQ(i.find("Sinh hoạt cộng đồng").code, "community_sessions");
  EXPECT_EQ(i.find("  sinh hoat cong dong ").code, "community_sessions");
  EXPECT_EQ(i.find("SINH HOẠT CỘNG ĐỒNG").code, "community_sessions");
  EXPECT_EQ(i.find("Khám sức khoẻ").code, "health_checks");
  EXPECT_EQ(i.find("Không có").code, "");
  EXPECT_TRUE(i.find("Không có").candidates.empty());
  auto amb = i.find("so y te");
  EXPECT_EQ(amb.code, "");
  EXPECT_EQ(amb.candidates, (std::vector<std::string>{"Sở Y tế (a1)", "Sở Y tế (a2)"}));
  EXPECT_EQ(i.find("a2").code, "a2");  // the code decides
}

namespace {
OrgUnit unit(long long id, const std::string& code, const std::string& name, const std::string& type,
             const std::string& kind, const std::string& parent) {
  OrgUnit u;
  u.id = id;
  u.code = code;
  u.name = name;
  u.full_name = type + " " + name;
  u.kind = kind;
  u.type_label = type;
  u.parent_code = parent;
  return u;
}
}  // namespace

TEST(ImportColumns, UnitsByCodeOrNameAndTwoOfOneNameAreNamed) {
  Hierarchy h({unit(1, "VN", "Việt Nam", "", "central", ""), unit(2, "52", "Gia Lai", "Tỉnh", "province", "VN"),
               unit(3, "53", "Đắk Lắk", "Tỉnh", "province", "VN"),
               unit(4, "100", "Quy Nhơn", "Phường", "commune", "52"), unit(5, "101", "Tân Lập", "Xã", "commune", "52"),
               unit(6, "200", "Tân Lập", "Xã", "commune", "53")},
              {});
  UnitFinder f(h);
  const Date d = Date::from_ymd(2026, 3, 10);
  const Scope all = Scope::everything();
  EXPECT_EQ(f.find(all, "100", d).code, "100");
  EXPECT_EQ(f.find(all, "Quy Nhơn", d).code, "100");
  EXPECT_EQ(f.find(all, "Phường Quy Nhơn", d).code, "100");
  EXPECT_EQ(f.find(all, "phuong quy nhon", d).code, "100");
  EXPECT_EQ(f.find(all, "Xã Không Có", d).code, "");
  auto amb = f.find(all, "Xã Tân Lập", d);
  EXPECT_EQ(amb.code, "");
  ASSERT_EQ(amb.candidates.size(), 2u);
  EXPECT_NE(amb.candidates[0].find("101"), std::string::npos);
  EXPECT_NE(amb.candidates[0].find("Gia Lai"), std::string::npos);
  // inside one province's scope the name is one unit
  const Scope gl = h.scope_of(2);
  EXPECT_EQ(f.find(gl, "Tân Lập", d).code, "101");
}
