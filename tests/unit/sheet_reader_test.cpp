// Streaming spreadsheet readers: format detection, CSV (RFC 4180, BOM, ';', CRLF, faults) and
// .xlsx (hand-made packages covering shared/inline/rich strings, numbers, booleans, formulas,
// sparse cells, relationship resolution, and damaged files). Round trips through the writers
// are in sheet_writer_test.cpp.
#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "domain/error.hpp"
#include "export/sheet_writer.hpp"
#include "importer/sheet_reader.hpp"

using namespace longghep;

namespace {

using Rows = std::vector<std::pair<long long, std::vector<std::string>>>;
using Strings = std::vector<std::string>;

// A file in the temp directory, removed at the end of the test.
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

Rows read_csv(const std::string& text) {
  std::istringstream in(text);
  Rows rows;
  read_csv_rows(in, [&](long long r, std::vector<std::string>& cells) {
    rows.emplace_back(r, cells);
    return true;
  });
  return rows;
}

Rows read_xlsx(const std::string& path) {
  Rows rows;
  read_xlsx_rows(path, [&](long long r, std::vector<std::string>& cells) {
    rows.emplace_back(r, cells);
    return true;
  });
  return rows;
}

// A zip with the given entries, written with Poco's Compress (`seekable` false: the sizes and
// CRCs follow each entry's data in a data descriptor, as streaming zip writers do).
void write_zip(const std::string& path, const std::map<std::string, std::string>& entries, bool seekable = true) {
  std::ofstream out(path, std::ios::binary);
  Poco::Zip::Compress zip(out, seekable);
  for (const auto& [name, content] : entries) {
    std::istringstream in(content);
    zip.addFile(in, Poco::DateTime(), Poco::Path(name, Poco::Path::PATH_UNIX));
  }
  zip.close();
}

const char* kWorkbookTwoSheets =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
          xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
  <sheets><sheet name="Hoạt động" sheetId="7" r:id="rId3"/><sheet name="Khác" sheetId="1" r:id="rId1"/></sheets>
</workbook>)";

const char* kRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
  <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/../worksheets/data.xml"/>
  <Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>
</Relationships>)";

const char* kSharedStrings =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
  <si><t>Mã đơn vị</t></si>
  <si><r><rPr><b/></rPr><t xml:space="preserve">Tập huấn </t></r><r><t>kỹ năng</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>
  <si><t>dòng 1_x000D_
dòng 2 _x005F_x0041_ &amp; "x"</t></si>
  <si><t/></si>
</sst>)";

const char* kDataSheet =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <dimension ref="A1:F4"/>
  <sheetData>
    <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>
    <row r="2" spans="1:6">
      <c r="A2"><v>12.0</v></c><c r="B2"><v>1.2E3</v></c><c r="C2"><v>0.30000000000000004</v></c>
      <c r="D2" t="b"><v>1</v></c><c r="E2" t="b"><v>0</v></c><c r="F2"><f>SUM(A2:B2)</f><v>1212</v></c>
    </row>
    <row r="3"><c r="B3" s="4"/><c r="C3" t="s"><v>3</v></c></row>
    <row r="5"><c r="A5" t="inlineStr"><is><r><t>Hội </t></r><r><t>Phụ nữ</t></r></is></c><c t="s"><v>2</v></c>
      <c r="D5" t="str"><f>A5&amp;""</f><v>Hội Phụ nữ</v></c><c r="E5" t="e"><v>#N/A</v></c><c r="F5"><v>-4.5E-3</v></c></row>
  </sheetData>
  <mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>
</worksheet>)";

const char* kOtherSheet =
    R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
  <row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>)";

std::map<std::string, std::string> crafted_package() {
  return {{"[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
          {"xl/workbook.xml", kWorkbookTwoSheets},
          {"xl/_rels/workbook.xml.rels", kRels},
          {"xl/strings.xml", kSharedStrings},
          {"xl/worksheets/data.xml", kDataSheet},
          {"xl/worksheets/sheet1.xml", kOtherSheet}};
}

void expect_invalid_file(const std::function<void()>& f, const std::string& vi_part, const std::string& en_part) {
  try {
    f();
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.code(), "invalid_file");
    EXPECT_EQ(e.field(), "file");
    EXPECT_NE(e.message_vi().find(vi_part), std::string::npos) << e.message_vi();
    EXPECT_NE(e.message_en().find(en_part), std::string::npos) << e.message_en();
  }
}

const std::string kXlsxVi = "Tệp Excel bị hỏng hoặc không đọc được: ";
const std::string kXlsxEn = "The Excel file is damaged or unreadable: ";

}  // namespace

// ---------------------------------------------------------------------------------------------

TEST(SheetDetect, BytesDecideTheNameCanOnlyVeto) {
  const std::string zip("PK\x03\x04\x14\x00\x06\x00", 8);
  EXPECT_EQ(detect_sheet_format(zip, "hoat-dong.xlsx"), SheetFormat::xlsx);
  EXPECT_EQ(detect_sheet_format(zip, "renamed.csv"), SheetFormat::xlsx);
  EXPECT_EQ(detect_sheet_format(zip, "van-ban.DOCX"), std::nullopt);
  EXPECT_EQ(detect_sheet_format("ma_don_vi,ten\r\n01,Hà Nội\r\n", "du-lieu.csv"), SheetFormat::csv);
  EXPECT_EQ(detect_sheet_format("\xEF\xBB\xBFma;ten\n", "export"), SheetFormat::csv);
  EXPECT_EQ(detect_sheet_format("", "empty.csv"), SheetFormat::csv);
  // A multi-byte character cut by the end of the sample is still text.
  const std::string cut = std::string("Hoạt đ") + std::string("\xE1\xBB", 2);
  EXPECT_EQ(detect_sheet_format(cut, "a.csv"), SheetFormat::csv);
  // Not spreadsheets.
  EXPECT_EQ(detect_sheet_format(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), "old.xls"), std::nullopt);
  EXPECT_EQ(detect_sheet_format("%PDF-1.7\n1 0 obj", "report.csv"), std::nullopt);
  EXPECT_EQ(detect_sheet_format(std::string("\x89PNG\r\n\x1a\n", 8), "x.png"), std::nullopt);
  EXPECT_EQ(detect_sheet_format(std::string("a,b\0c", 5), "x.csv"), std::nullopt);
  // CSV saved in another encoding is CSV (the reader then asks for "CSV UTF-8"), issue 13.
  EXPECT_EQ(detect_sheet_format(std::string("\xFF\xFEm\0a\0", 6), "unicode.txt"), SheetFormat::csv);
  EXPECT_EQ(detect_sheet_format(std::string("m\0a\0,\0t\0e\0n\0", 12), "utf16le.csv"), SheetFormat::csv);
  EXPECT_EQ(detect_sheet_format(std::string("\0m\0a\0,\0t\0e\0n", 12), "utf16be.csv"), SheetFormat::csv);
  EXPECT_EQ(detect_sheet_format("Ha\xE0 N\xF4i,1\n", "cp1258.csv"), SheetFormat::csv);
  // Text named as Excel: an HTML export saved as .xls by another system.
  EXPECT_EQ(detect_sheet_format("<html><table><tr><td>1</td></tr></table>", "bao-cao.xls"), std::nullopt);
}

// ---------------------------------------------------------------------------------------------

TEST(SheetCsv, QuotesEscapesNewlinesAndRowNumbers) {
  auto rows = read_csv(
      "ma,ten,ghi chu\n"
      "01,\"Hà Nội, thủ đô\",\"nói \"\"xin chào\"\"\"\n"
      "\n"
      "02,\"hai\ndòng\",\n"
      ",,\n"
      "03,,cuối");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], (std::pair<long long, Strings>{1, {"ma", "ten", "ghi chu"}}));
  EXPECT_EQ(rows[1], (std::pair<long long, Strings>{2, {"01", "Hà Nội, thủ đô", "nói \"xin chào\""}}));
  // The empty line is row 3 and is not reported; a quoted newline keeps one row.
  EXPECT_EQ(rows[2], (std::pair<long long, Strings>{4, {"02", "hai\ndòng", ""}}));
  // Row 5 has only empty cells: not reported.
  EXPECT_EQ(rows[3], (std::pair<long long, Strings>{6, {"03", "", "cuối"}}));
}

TEST(SheetCsv, SemicolonBomAndCrlf) {
  auto rows = read_csv("\xEF\xBB\xBF" "Mã;Tên;Số người\r\n52;\"Gia Lai; mới\";1,5\r\n\"\";x;\r\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].second, (Strings{"Mã", "Tên", "Số người"}));
  EXPECT_EQ(rows[1].second, (Strings{"52", "Gia Lai; mới", "1,5"}));
  EXPECT_EQ(rows[2].second, (Strings{"", "x", ""}));
  // Commas win a tie and when there are more of them.
  EXPECT_EQ(read_csv("a,b;c\n1,2;3\n")[1].second, (Strings{"1", "2;3"}));
}

TEST(SheetCsv, LenientQuotesAndLoneCarriageReturns) {
  auto rows = read_csv("a,b\nx\"y,\"q\"r\nk\rl,m\r\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].second, (Strings{"x\"y", "qr"}));
  EXPECT_EQ(rows[2].second, (Strings{"k\rl", "m"}));
}

TEST(SheetCsv, LineEndsAndQuotesAcrossReadBuffers) {
  // The reader works on 64 KiB buffers: put the CR, the LF and a doubled quote on each side of
  // the boundary in turn.
  for (size_t pad = 0; pad < 6; ++pad) {
    const std::string head = "a,b\r\n";
    const std::string big(65536 - head.size() - 2 - pad, 'x');
    auto rows = read_csv(head + big + "\r\n\"q\"\"\",z\r\n");
    ASSERT_EQ(rows.size(), 3u) << pad;
    EXPECT_EQ(rows[1].second, (Strings{big})) << pad;
    EXPECT_EQ(rows[2], (std::pair<long long, Strings>{3, {"q\"", "z"}})) << pad;
  }
}

TEST(SheetCsv, OpenQuoteAtEndOfFileIsATruncatedFile) {
  expect_invalid_file([] { read_csv("a,b\n1,2\n3,\"không đóng\n4,5\n"); }, "dòng 3 không được đóng",
                      "quote opened on row 3 is never closed");
}

TEST(SheetCsv, InvalidUtf8NamesTheRow) {
  expect_invalid_file([] { read_csv("ma,ten\n01,Hà Nội\n02,\xC0\xAF\n"); }, "không phải UTF-8 (dòng 3", "not UTF-8 (row 3");
  expect_invalid_file([] { read_csv("ma,ten\n01,H\xE0 N\xF4i\n"); }, "(dòng 2 ", "(row 2 ");
  expect_invalid_file([] { read_csv(std::string("ma,ten\n01,a\0b\n", 13)); }, "(dòng 2 ", "(row 2 ");
}

// Issue 13: a CSV saved as Windows-1258 or UTF-16 (LE/BE, with or without BOM) is named as such
// and the user is asked to save it again as CSV UTF-8.
TEST(SheetCsv, OtherEncodingsAskForCsvUtf8) {
  auto utf16 = [](const std::u16string& text, bool le, bool bom) {
    std::string out;
    if (bom) out += le ? "\xFF\xFE" : "\xFE\xFF";
    for (char16_t c : text) {
      const char lo = static_cast<char>(c & 0xFF), hi = static_cast<char>(c >> 8);
      out += le ? lo : hi;
      out += le ? hi : lo;
    }
    return out;
  };
  const std::u16string text = u"Mã,Tên hoạt động\r\n1,Tuyên truyền\r\n";
  for (bool le : {true, false})
    for (bool bom : {true, false})
      expect_invalid_file([&] { read_csv(utf16(text, le, bom)); }, "Hãy lưu lại dưới dạng CSV UTF-8",
                          le ? "saved as UTF-16 LE). Please save it again as CSV UTF-8" : "saved as UTF-16 BE). Please save it again as CSV UTF-8");
  // Windows-1258: "Hà Nội" is H \xE0 N \xD4\xF2i (ô + combining dot-below).
  expect_invalid_file([] { read_csv("ma,ten\n01,H\xE0 N\xF4\xF2i\n"); }, "Windows-1258). Hãy lưu lại dưới dạng CSV UTF-8",
                      "Please save it again as CSV UTF-8");
}

TEST(SheetCsv, RowsOverOneMebibyteAreRefused) {
  std::string text = "a\n\"" + std::string((1 << 20) + 10, 'x') + "\"\n";
  expect_invalid_file([&] { read_csv(text); }, "Dòng 2 của tệp CSV dài quá 1 MiB", "Row 2 of the CSV file is longer than 1 MiB");
  // Just under the limit is fine.
  auto rows = read_csv("a\n" + std::string((1 << 20) - 2, 'y') + "\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].second[0].size(), (1u << 20) - 2);
}

TEST(SheetCsv, CallbackStopsAndItsErrorsPassThrough) {
  std::istringstream in("a\n1\n2\n3\n");
  std::vector<long long> seen;
  read_csv_rows(in, [&](long long r, std::vector<std::string>&) {
    seen.push_back(r);
    return r < 2;
  });
  EXPECT_EQ(seen, (std::vector<long long>{1, 2}));
  std::istringstream in2("a\n1\n");
  try {
    read_csv_rows(in2, [](long long, std::vector<std::string>&) -> bool { throw Error::BadRequest("x", "mine"); });
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "bad_request");
  }
}

TEST(SheetCsv, StreamPositionStaysQueryableForProgress) {
  std::string text = "a,b\n";
  for (int i = 0; i < 20000; ++i) text += std::to_string(i) + ",Hà Nội\n";
  std::istringstream in(text);
  long long last = 0, bad = 0;
  read_csv_rows(in, [&](long long, std::vector<std::string>&) {
    const auto pos = static_cast<long long>(in.tellg());
    if (pos < last || pos <= 0) ++bad;
    last = pos;
    return true;
  });
  EXPECT_EQ(bad, 0);
  EXPECT_EQ(last, static_cast<long long>(text.size()));
}

TEST(SheetCsv, CellsMayBeMovedOutByTheCallback) {
  std::istringstream in("a,b,c\n1,2,3\n4,5\n6,7,8,9\n");
  std::vector<Strings> got;
  read_csv_rows(in, [&](long long, std::vector<std::string>& cells) {
    got.push_back(std::move(cells));
    return true;
  });
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[1], (Strings{"1", "2", "3"}));
  EXPECT_EQ(got[2], (Strings{"4", "5"}));
  EXPECT_EQ(got[3], (Strings{"6", "7", "8", "9"}));
}

// ---------------------------------------------------------------------------------------------

TEST(SheetXlsx, FirstSheetByRelationshipWithAllCellKinds) {
  for (bool seekable : {true, false}) {
    TempFile f(".xlsx");
    write_zip(f.path, crafted_package(), seekable);
    auto rows = read_xlsx(f.path);
    // Row 3 has only an empty styled cell and an empty string: not reported.
    ASSERT_EQ(rows.size(), 3u) << seekable;
    EXPECT_EQ(rows[0], (std::pair<long long, Strings>{1, {"Mã đơn vị", "", "Tập huấn kỹ năng"}}));
    EXPECT_EQ(rows[1], (std::pair<long long, Strings>{2, {"12", "1200", "0.3", "TRUE", "FALSE", "1212"}}));
    EXPECT_EQ(rows[2], (std::pair<long long, Strings>{
                           5, {"Hội Phụ nữ", "dòng 1\r\ndòng 2 _x0041_ & \"x\"", "", "Hội Phụ nữ", "#N/A", "-0.0045"}}));
  }
}

TEST(SheetXlsx, EmptyStyledCellsOnlyRowIsSkipped) {
  TempFile f(".xlsx");
  write_zip(f.path, {{"xl/workbook.xml", "<workbook><sheets><sheet name=\"a\" sheetId=\"1\"/></sheets></workbook>"},
                     {"xl/worksheets/sheet1.xml",
                      "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>h</t></is></c></row>"
                      "<row r=\"2\"><c r=\"A2\" s=\"1\"/><c r=\"B2\" t=\"inlineStr\"><is><t></t></is></c></row>"
                      "<row r=\"3\"/><row><c><v>7</v></c></row></sheetData></worksheet>"}});
  auto rows = read_xlsx(f.path);
  // No relationships: falls back to sheet1.xml. A row without r follows the previous one.
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::pair<long long, Strings>{1, {"h"}}));
  EXPECT_EQ(rows[1], (std::pair<long long, Strings>{4, {"7"}}));
}

TEST(SheetXlsx, PrefixedElementNames) {
  TempFile f(".xlsx");
  write_zip(f.path,
            {{"xl/workbook.xml",
              "<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheets>"
              "<x:sheet name=\"a\" sheetId=\"1\"/></x:sheets></x:workbook>"},
             {"xl/worksheets/sheet1.xml",
              "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData>"
              "<x:row r=\"2\"><x:c r=\"B2\" t=\"inlineStr\"><x:is><x:t>Đà Nẵng</x:t></x:is></x:c></x:row>"
              "</x:sheetData></x:worksheet>"}});
  auto rows = read_xlsx(f.path);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], (std::pair<long long, Strings>{2, {"", "Đà Nẵng"}}));
}

TEST(SheetXlsx, CallbackStopsAndItsErrorsPassThrough) {
  TempFile f(".xlsx");
  write_zip(f.path, crafted_package());
  std::vector<long long> seen;
  read_xlsx_rows(f.path, [&](long long r, std::vector<std::string>&) {
    seen.push_back(r);
    return r < 2;
  });
  EXPECT_EQ(seen, (std::vector<long long>{1, 2}));
  try {
    read_xlsx_rows(f.path, [](long long r, std::vector<std::string>&) -> bool {
      if (r == 5) throw Error(400, "wrong_template", "sai mẫu", "wrong template");
      return true;
    });
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "wrong_template");
  }
}

TEST(SheetXlsx, NotAZipIsInvalidFile) {
  TempFile f(".xlsx");
  std::ofstream(f.path) << "ma,ten\n01,Hà Nội\n";
  expect_invalid_file([&] { read_xlsx(f.path); }, kXlsxVi + "không phải tệp .xlsx", kXlsxEn + "not an .xlsx");
  expect_invalid_file([&] { read_xlsx(f.path + ".does-not-exist"); }, kXlsxVi, kXlsxEn);
}

TEST(SheetXlsx, TruncatedXlsxIsInvalidFile) {
  TempFile f(".xlsx"), half("-half.xlsx");
  {
    XlsxSheetWriter w(f.path, "Hoạt động");
    w.header({"Mã", "Tên"});
    for (long long i = 0; i < 2000; ++i) w.row({Cell{i}, Cell{"Tập huấn lần " + std::to_string(i)}});
    w.finish();
  }
  std::ifstream in(f.path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 1000u);
  std::ofstream(half.path, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  expect_invalid_file([&] { read_xlsx(half.path); }, kXlsxVi, kXlsxEn);
  // The whole file reads.
  EXPECT_EQ(read_xlsx(f.path).size(), 2001u);
}

TEST(SheetXlsx, DamagedPackagesAreInvalidFile) {
  TempFile f(".xlsx");
  {  // a zip that is not a workbook (a .docx, say)
    write_zip(f.path, {{"word/document.xml", "<w:document/>"}});
    expect_invalid_file([&] { read_xlsx(f.path); }, kXlsxVi + "thiếu xl/workbook.xml", kXlsxEn + "xl/workbook.xml is missing");
  }
  {  // malformed XML in the sheet, after some good rows
    auto p = crafted_package();
    p["xl/worksheets/data.xml"] =
        "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c></row><row r=\"2\"><c></row>";
    write_zip(f.path, p);
    expect_invalid_file([&] { read_xlsx(f.path); }, kXlsxVi + "XML lỗi trong xl/worksheets/data.xml",
                        kXlsxEn + "malformed XML in xl/worksheets/data.xml");
  }
  {  // a shared-string index beyond the table
    auto p = crafted_package();
    p["xl/worksheets/data.xml"] = "<worksheet><sheetData><row r=\"1\"><c t=\"s\"><v>4</v></c></row></sheetData></worksheet>";
    write_zip(f.path, p);
    expect_invalid_file([&] { read_xlsx(f.path); }, "chỉ số chuỗi dùng chung", "invalid shared-string index \"4\"");
  }
  {  // a column beyond XFD
    auto p = crafted_package();
    p["xl/worksheets/data.xml"] = "<worksheet><sheetData><row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row></sheetData></worksheet>";
    write_zip(f.path, p);
    expect_invalid_file([&] { read_xlsx(f.path); }, "ô XFE1", "cell XFE1 is beyond");
  }
  {  // rows out of order
    auto p = crafted_package();
    p["xl/worksheets/data.xml"] =
        "<worksheet><sheetData><row r=\"3\"><c><v>1</v></c></row><row r=\"2\"><c><v>1</v></c></row></sheetData></worksheet>";
    write_zip(f.path, p);
    expect_invalid_file([&] { read_xlsx(f.path); }, "dòng 2 không theo thứ tự", "row 2 is out of order");
  }
  {  // a DTD (entity expansion tricks): OOXML never has one
    auto p = crafted_package();
    p["xl/worksheets/data.xml"] =
        "<!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
        "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>";
    write_zip(f.path, p);
    expect_invalid_file([&] { read_xlsx(f.path); }, "có khai báo DTD", "it has a DTD declaration");
  }
  {  // no worksheet at all
    write_zip(f.path, {{"xl/workbook.xml", "<workbook/>"}});
    expect_invalid_file([&] { read_xlsx(f.path); }, "không có trang tính", "there is no worksheet");
  }
}

TEST(SheetXlsx, CorruptedEntryDataIsInvalidFile) {
  TempFile f(".xlsx");
  std::string big;
  for (int i = 1; i <= 3000; ++i)
    big += "<row r=\"" + std::to_string(i) + "\"><c t=\"inlineStr\"><is><t>Hội Nông dân " + std::to_string(i) +
           "</t></is></c></row>";
  auto p = crafted_package();
  p["xl/worksheets/data.xml"] = "<worksheet><sheetData>" + big + "</sheetData></worksheet>";
  write_zip(f.path, p);
  // Flip bytes in the middle of the file (inside some entry's compressed data).
  std::fstream io(f.path, std::ios::in | std::ios::out | std::ios::binary);
  io.seekg(0, std::ios::end);
  const auto size = static_cast<long long>(io.tellg());
  for (long long at = size / 3; at < size / 3 + 16; ++at) {
    io.seekp(at);
    io.put('\x55');
  }
  io.close();
  expect_invalid_file([&] { read_xlsx(f.path); }, kXlsxVi, kXlsxEn);
}

TEST(SheetXlsx, TwoHundredThousandRowsStreamInOrder) {
  // Made by hand as Excel lays it out (shared strings, sparse rows), zipped at the fastest level.
  constexpr long long kRows = 200000;
  std::string sst = "<sst>";
  for (int k = 0; k < 1000; ++k) sst += "<si><t>Hội Nông dân xã " + std::to_string(k) + "</t></si>";
  sst += "</sst>";
  // Written with memcpy and to_chars into one buffer: std::string appends are slow in an
  // unoptimised build, and this test is about the reader.
  std::string sheet(static_cast<size_t>(kRows) * 160 + 100, '\0');
  char* w = sheet.data();
  auto put = [&w](std::string_view s) { std::memcpy(w, s.data(), s.size()); w += s.size(); };
  auto num = [&w](long long v) { w = std::to_chars(w, w + 24, v).ptr; };
  put("<worksheet><sheetData>");
  for (long long r = 1; r <= kRows; ++r) {
    put("<row r=\""), num(r), put("\"><c r=\"A"), num(r), put("\"><v>"), num(r), put("</v></c>");
    if (r % 7 != 0) put("<c r=\"B"), num(r), put("\" t=\"s\"><v>"), num(r % 1000), put("</v></c>");
    put("<c r=\"C"), num(r), put("\" s=\"1\"><v>"), num(r * 3), put("</v></c></row>");
  }
  put("</sheetData></worksheet>");
  sheet.resize(static_cast<size_t>(w - sheet.data()));
  TempFile f(".xlsx");
  {
    std::ofstream out(f.path, std::ios::binary);
    Poco::Zip::Compress zip(out, true);
    for (const auto& [name, content] : std::map<std::string, std::string>{
             {"xl/workbook.xml", "<workbook><sheets><sheet name=\"a\" sheetId=\"1\"/></sheets></workbook>"},
             {"xl/sharedStrings.xml", sst},
             {"xl/worksheets/sheet1.xml", sheet}}) {
      std::istringstream in(content);
      zip.addFile(in, Poco::DateTime(), Poco::Path(name, Poco::Path::PATH_UNIX), Poco::Zip::ZipCommon::CM_DEFLATE,
                  Poco::Zip::ZipCommon::CL_SUPERFAST);
    }
    zip.close();
  }
  sheet = std::string();  // the reader must not need it: only one row at a time is held
  long long expected = 1, bad = 0;
  read_xlsx_rows(f.path, [&](long long r, std::vector<std::string>& c) {
    if (r != expected++) ++bad;
    if (c.size() != 3 || std::stoll(c[0]) != r || std::stoll(c[2]) != r * 3 || c[1].empty() != (r % 7 == 0)) ++bad;
    return true;
  });
  EXPECT_EQ(bad, 0);
  EXPECT_EQ(expected, kRows + 1);
}

// ---------------------------------------------------------------------------------------------

TEST(SheetSerialDate, ExcelSerialsToIsoDates) {
  EXPECT_EQ(excel_serial_to_iso("45658"), "2025-01-01");
  EXPECT_EQ(excel_serial_to_iso("46000"), "2025-12-09");
  EXPECT_EQ(excel_serial_to_iso("45658.0"), "2025-01-01");
  EXPECT_EQ(excel_serial_to_iso("4.5658E4"), "2025-01-01");
  EXPECT_EQ(excel_serial_to_iso("61"), "1900-03-01");
  EXPECT_EQ(excel_serial_to_iso("1"), "1899-12-31");
  EXPECT_EQ(excel_serial_to_iso("2958465"), "9999-12-31");
  EXPECT_EQ(excel_serial_to_iso("2958466"), std::nullopt);
  EXPECT_EQ(excel_serial_to_iso("0"), std::nullopt);
  EXPECT_EQ(excel_serial_to_iso("-3"), std::nullopt);
  EXPECT_EQ(excel_serial_to_iso("45658.5"), "2025-01-01");     // a time of day is dropped (issue 13)
  EXPECT_EQ(excel_serial_to_iso("46124.375"), "2026-04-12");  // 12/04/2026 09:00
  EXPECT_EQ(excel_serial_to_iso("46124.3x"), std::nullopt);
  EXPECT_EQ(excel_serial_to_iso("01/01/2025"), std::nullopt);
  EXPECT_EQ(excel_serial_to_iso(""), std::nullopt);
  EXPECT_EQ(excel_serial_to_iso("99999999999999999999"), std::nullopt);
}
