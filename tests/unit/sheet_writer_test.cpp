// Streaming table writers: exact CSV bytes, and round trips of both writers through the readers
// (Vietnamese text, quotes, delimiters, newlines, empty cells, large integers), reference sheets,
// Excel's limits, misuse, and a workbook of many rows read back in order.
#include <gtest/gtest.h>
#include <unistd.h>

#include <climits>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/error.hpp"
#include "export/sheet_writer.hpp"
#include "importer/sheet_reader.hpp"

using namespace longghep;

namespace {

using Strings = std::vector<std::string>;

struct TempFile {
  std::string path;
  explicit TempFile(const std::string& suffix) {
    const auto* t = ::testing::UnitTest::GetInstance()->current_test_info();
    path = (std::filesystem::temp_directory_path() /
            ("longghep-" + std::string(t->name()) + "-" + std::to_string(getpid()) + suffix))
               .string();
  }
  ~TempFile() { std::filesystem::remove(path); }
};

const Strings kHeader = {"Mã hoạt động", "Tên hoạt động", "Số người tham gia", "Ghi chú"};

// Text that needs every kind of care, and integers at Excel's and long long's limits.
std::vector<std::vector<Cell>> tricky_rows() {
  return {
      {Cell{"HD-001"}, Cell{"Tập huấn \"Chuyển đổi số\", đợt 1"}, Cell{1234LL}, Cell{"dòng 1\ndòng 2\r\ndòng 3"}},
      {Cell{"HD-002"}, Cell{"Hội thảo; Đắk Lắk – Quảng Ngãi"}, Cell{}, Cell{""}},
      {Cell{}, Cell{"   khoảng trắng  "}, Cell{0LL}, Cell{"=1+1"}},
      {Cell{"HD-004"}, Cell{"Ngày 15/6"}, Cell{-42LL}},
      {Cell{"HD-005"}, Cell{"lớn"}, Cell{999'999'999'999'999LL}, Cell{"tab\there"}},
      {Cell{"HD-006"}, Cell{"rất lớn"}, Cell{LLONG_MAX}, Cell{std::to_string(LLONG_MIN)}},
      {Cell{"HD-007"}, Cell{"âm rất lớn"}, Cell{LLONG_MIN}},
  };
}

// What the readers give back for tricky_rows(): integers as digits, missing trailing cells absent.
std::vector<Strings> tricky_expected() {
  return {
      {"HD-001", "Tập huấn \"Chuyển đổi số\", đợt 1", "1234", "dòng 1\ndòng 2\r\ndòng 3"},
      {"HD-002", "Hội thảo; Đắk Lắk – Quảng Ngãi"},
      {"", "   khoảng trắng  ", "0", "=1+1"},
      {"HD-004", "Ngày 15/6", "-42"},
      {"HD-005", "lớn", "999999999999999", "tab\there"},
      {"HD-006", "rất lớn", "9223372036854775807", "-9223372036854775808"},
      {"HD-007", "âm rất lớn", "-9223372036854775808"},
  };
}

// Trailing empty cells are optional in what the readers report: compare without them.
Strings trimmed(Strings s) {
  while (!s.empty() && s.back().empty()) s.pop_back();
  return s;
}

std::vector<std::pair<long long, Strings>> read_back_csv(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::pair<long long, Strings>> rows;
  read_csv_rows(in, [&](long long r, std::vector<std::string>& c) {
    rows.emplace_back(r, trimmed(c));
    return true;
  });
  return rows;
}

std::vector<std::pair<long long, Strings>> read_back_xlsx(const std::string& path) {
  std::vector<std::pair<long long, Strings>> rows;
  read_xlsx_rows(path, [&](long long r, std::vector<std::string>& c) {
    rows.emplace_back(r, trimmed(c));
    return true;
  });
  return rows;
}

}  // namespace

TEST(SheetWriterCsv, ExactBytes) {
  std::ostringstream out;
  auto w = csv_writer(out);
  w->header({"Mã", "Tên, đầy đủ"});
  w->row({Cell{7LL}, Cell{"nói \"chào\""}});
  w->row({Cell{}, Cell{"a\nb"}, Cell{-1LL}});
  w->row({});
  w->finish();
  EXPECT_EQ(out.str(), "\xEF\xBB\xBF" "Mã,\"Tên, đầy đủ\"\r\n7,\"nói \"\"chào\"\"\"\r\n,\"a\nb\",-1\r\n\r\n");

  std::ostringstream semi;
  auto s = csv_writer(semi, ';');
  s->header({"a;b", "c,d"});
  s->finish();
  EXPECT_EQ(semi.str(), "\xEF\xBB\xBF\"a;b\";c,d\r\n");
}

TEST(SheetWriterCsv, RoundTripThroughTheReader) {
  for (char delim : {',', ';'}) {
    std::ostringstream out;
    auto w = csv_writer(out, delim);
    w->header(kHeader);
    for (const auto& r : tricky_rows()) w->row(r);
    w->finish();
    auto rows = read_back_csv(out.str());
    auto expected = tricky_expected();
    expected[2][3] = "'=1+1";  // a formula-like text is written with an apostrophe (CSV injection)
    ASSERT_EQ(rows.size(), expected.size() + 1) << delim;
    EXPECT_EQ(rows[0].second, kHeader);
    long long row = 2;
    for (size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(rows[i + 1].first, row++) << delim << " " << i;  // a quoted newline stays in one row
      EXPECT_EQ(rows[i + 1].second, expected[i]) << delim << " " << i;
    }
  }
}

TEST(SheetWriterCsv, FormulaLikeTextIsNeutralised) {
  std::ostringstream out;
  auto w = csv_writer(out);
  w->header({"=h"});
  w->row({Cell{"=HYPERLINK(\"x\")"}, Cell{"+1"}, Cell{"-2"}, Cell{"-x"}, Cell{"@SUM(A1)"}, Cell{"\t=1"}, Cell{"a=1"}, Cell{-3LL}});
  w->finish();
  EXPECT_EQ(out.str(), "\xEF\xBB\xBF" "=h\r\n\"'=HYPERLINK(\"\"x\"\")\",+1,-2,'-x,'@SUM(A1),'\t=1,a=1,-3\r\n");
}

TEST(SheetWriterCsv, MisuseAndStreamFailure) {
  std::ostringstream out;
  auto w = csv_writer(out);
  EXPECT_THROW(w->row({}), std::logic_error);
  EXPECT_THROW(w->finish(), std::logic_error);
  w->header({"a"});
  EXPECT_THROW(w->header({"a"}), std::logic_error);
  w->finish();
  EXPECT_THROW(w->row({}), std::logic_error);
  EXPECT_THROW(csv_writer(out, '\t'), std::invalid_argument);

  std::ofstream closed;  // never opened: every write fails
  auto bad = csv_writer(closed);
  try {
    bad->header({"a"});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 500);
    EXPECT_EQ(e.code(), "export_failed");
  }
}

TEST(SheetWriterXlsx, RoundTripWithReferenceSheets) {
  TempFile f(".xlsx");
  {
    XlsxSheetWriter w(f.path, "Hoạt động");
    // Reference sheets before, between and after data rows; the data sheet stays first.
    w.add_reference_sheet("Đơn vị", {"Mã", "Tên"}, {{"01", "Hà Nội"}, {"52", "Gia Lai"}});
    w.header(kHeader);
    auto rows = tricky_rows();
    w.row(rows[0]);
    w.add_reference_sheet("Loại hình", {"Mã"}, {{"TAP_HUAN"}, {"HOI_THAO"}});
    for (size_t i = 1; i < rows.size(); ++i) w.row(rows[i]);
    w.add_reference_sheet("Cơ quan", {"Mã"}, {});
    w.finish();
  }
  auto rows = read_back_xlsx(f.path);
  const auto expected = tricky_expected();
  ASSERT_EQ(rows.size(), expected.size() + 1);
  EXPECT_EQ(rows[0], (std::pair<long long, Strings>{1, kHeader}));
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(rows[i + 1].first, static_cast<long long>(i + 2));
    EXPECT_EQ(rows[i + 1].second, expected[i]) << i;
  }
}

TEST(SheetWriterXlsx, LongTextIsCutAtExcelsLimit) {
  TempFile f(".xlsx");
  std::string long_text;
  for (int i = 0; i < 20000; ++i) long_text += "ậ";  // 3 bytes, one character
  long_text += std::string(20000, 'a');
  {
    XlsxSheetWriter w(f.path, "Dữ liệu");
    w.header({"x"});
    w.row({Cell{long_text}});
    w.finish();
  }
  auto rows = read_back_xlsx(f.path);
  ASSERT_EQ(rows.size(), 2u);
  std::string expected;
  for (int i = 0; i < 20000; ++i) expected += "ậ";
  expected += std::string(32767 - 20000, 'a');
  EXPECT_EQ(rows[1].second[0], expected);
}

TEST(SheetWriterXlsx, MisuseNamesAndDiscard) {
  TempFile f(".xlsx");
  EXPECT_THROW(XlsxSheetWriter(f.path, "bad/name"), std::invalid_argument);
  EXPECT_THROW(XlsxSheetWriter(f.path, std::string(32, 'x')), std::invalid_argument);
  {
    XlsxSheetWriter w(f.path, "Hoạt động");
    EXPECT_THROW(w.row({}), std::logic_error);
    EXPECT_THROW(w.finish(), std::logic_error);
    EXPECT_THROW(w.add_reference_sheet("hoạt động", {"a"}, {}), std::invalid_argument);  // duplicate (case-insensitive)
    w.header({"a"});
    EXPECT_THROW(w.header({"a"}), std::logic_error);
    w.row({Cell{1LL}});
    // Not finished: the destructor discards the workbook.
  }
  EXPECT_FALSE(std::filesystem::exists(f.path));
  {
    XlsxSheetWriter w(f.path, "Hoạt động");
    w.header({"a"});
    w.finish();
    EXPECT_THROW(w.finish(), std::logic_error);
    EXPECT_THROW(w.row({}), std::logic_error);
  }
  EXPECT_TRUE(std::filesystem::exists(f.path));
}

// (The 200,000-row streaming read is in sheet_reader_test.cpp, on a workbook made without
// libxlsxwriter, whose allocations per cell are slow under AddressSanitizer.)
TEST(SheetWriterXlsx, ManyRowsStreamBackInOrder) {
  TempFile f(".xlsx");
  constexpr long long kRows = 20000;
  {
    XlsxSheetWriter w(f.path, "Hoạt động");
    w.header({"STT", "Tên", "Số người"});
    std::vector<Cell> row(3);  // reused, as an export loop would
    for (long long i = 1; i <= kRows; ++i) {
      row[0].v = i;
      if (i % 7 == 0) row[1].v = std::monostate{};
      else row[1].v = "Hội Nông dân " + std::to_string(i % 1000);
      row[2].v = i * 3;
      w.row(row);
    }
    w.finish();
  }
  long long expected_row = 1, bad = 0;
  read_xlsx_rows(f.path, [&](long long r, std::vector<std::string>& c) {
    if (r != expected_row++) ++bad;
    if (r > 1) {
      const long long i = r - 1;
      if (c.size() != 3 || c[0] != std::to_string(i) || c[2] != std::to_string(i * 3) ||
          c[1] != (i % 7 == 0 ? std::string() : "Hội Nông dân " + std::to_string(i % 1000)))
        ++bad;
    }
    return true;
  });
  EXPECT_EQ(bad, 0);
  EXPECT_EQ(expected_row, kRows + 2);
}
