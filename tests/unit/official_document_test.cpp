#include "export/official_document.hpp"
#include "domain/decree30.hpp"

#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <expat.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "domain/error.hpp"
#include "importer/sheet_reader.hpp"

using namespace longghep;
namespace fs = std::filesystem;

namespace {

OfficialDocument sample() {
  OfficialDocument d;
  d.superior_body = "UBND TỈNH GIA LAI";
  d.issuing_body = "SỞ Y TẾ";
  d.number_symbol = "Số: 123/BC-SYT";
  d.place = "Gia Lai";
  d.date = Date::from_ymd(2026, 6, 15);
  d.doc_kind = "BÁO CÁO";
  d.subject = "Kết quả công tác lồng ghép phòng, chống mại dâm 6 tháng đầu năm 2026";
  d.body = {
      {DocBlock::heading, "I. KẾT QUẢ THỰC HIỆN", {}},
      {DocBlock::paragraph,
       "Thực hiện Kế hoạch số 45/KH-UBND của Ủy ban nhân dân tỉnh, trong 6 tháng đầu năm 2026 Sở Y tế đã chủ trì, "
       "phối hợp với các sở, ngành & địa phương tổ chức 1.234 hoạt động truyền thông <lồng ghép> tại 135/135 xã, "
       "phường, đặc khu, với 1.234.567 lượt người tham gia.",
       {}},
      {DocBlock::table,
       "",
       {"Bảng 1. Kết quả theo đơn vị",
        {"STT", "Đơn vị", "Số hoạt động", "Số lượt người", "Tỷ lệ"},
        {{"1", "Thành phố Pleiku", "312", "1.234.567", "85,5%"},
         {"2", "Thị xã An Khê", "48", "23.456", "100%"},
         {"", "Tổng cộng", "360", "1.258.023", "—"}},
        {true, false, true, true, true}}},
      {DocBlock::heading, "II. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM", {}},
      {DocBlock::paragraph, "Tiếp tục đẩy mạnh công tác tuyên truyền, nâng cao nhận thức của người dân.", {}},
  };
  d.noi_nhan = {"- Bộ Y tế (để b/c);", "- UBND tỉnh (để b/c);", "- Các sở, ngành liên quan;", "- Lưu: VT, NVY."};
  d.signer_title = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC";
  d.signer_name = "Nguyễn Văn Ánh";
  return d;
}

std::map<std::string, std::string> unzip(const std::string& bytes) {
  std::istringstream in(bytes);
  Poco::Zip::ZipArchive zip(in);
  std::map<std::string, std::string> parts;
  for (auto it = zip.headerBegin(); it != zip.headerEnd(); ++it) {
    if (it->second.isDirectory()) continue;
    std::istringstream again(bytes);
    Poco::Zip::ZipInputStream entry(again, it->second, true);
    std::ostringstream s;
    s << entry.rdbuf();
    parts[it->first] = s.str();
  }
  return parts;
}

bool well_formed(const std::string& xml) {
  XML_Parser p = XML_ParserCreate("UTF-8");
  const bool ok = XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
  XML_ParserFree(p);
  return ok;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string docx_of(const OfficialDocument& d) {
  std::ostringstream out;
  write_docx(d, out);
  return out.str();
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string t = (fs::temp_directory_path() / "official-test-XXXXXX").string();
    path = mkdtemp(t.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

bool has_tool(const char* name) { return std::system((std::string("command -v ") + name + " >/dev/null 2>&1").c_str()) == 0; }

}  // namespace

TEST(OfficialDocument, PlaceAndDateFollowsDecree30) {
  EXPECT_EQ(place_and_date("Gia Lai", Date::from_ymd(2026, 6, 15)), "Gia Lai, ngày 15 tháng 6 năm 2026");
  EXPECT_EQ(place_and_date("Hà Nội", Date::from_ymd(2026, 1, 5)), "Hà Nội, ngày 05 tháng 01 năm 2026");
  EXPECT_EQ(place_and_date("Đồng Nai", Date::from_ymd(2025, 2, 28)), "Đồng Nai, ngày 28 tháng 02 năm 2025");
  EXPECT_EQ(place_and_date("Huế", Date::from_ymd(2025, 12, 9)), "Huế, ngày 09 tháng 12 năm 2025");
}

TEST(OfficialDocument, DocxHasEveryPartAndTheEscapedVietnameseText) {
  const std::string bytes = docx_of(sample());
  ASSERT_EQ(bytes.compare(0, 4, "PK\x03\x04"), 0);
  const auto parts = unzip(bytes);
  for (const char* name : {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
                           "word/styles.xml", "word/settings.xml", "word/header1.xml", "docProps/core.xml",
                           "docProps/app.xml"}) {
    ASSERT_TRUE(parts.count(name)) << name;
    EXPECT_TRUE(well_formed(parts.at(name))) << name;
  }
  const std::string& doc = parts.at("word/document.xml");
  for (const char* s : {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "UBND TỈNH GIA LAI", "SỞ Y TẾ",
                        "Số: 123/BC-SYT", "Gia Lai, ngày 15 tháng 6 năm 2026", "BÁO CÁO",
                        "Kết quả công tác lồng ghép phòng, chống mại dâm 6 tháng đầu năm 2026", "Nơi nhận:",
                        "- Lưu: VT, NVY.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn Ánh", "1.234.567",
                        "ngành &amp; địa phương", "&lt;lồng ghép&gt;"})
    EXPECT_NE(doc.find(s), std::string::npos) << s;
  EXPECT_EQ(doc.find("& địa"), std::string::npos);
  // A4, margins 20/20/30/15 mm, numeric columns right-aligned, the header row repeated.
  EXPECT_NE(doc.find("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), std::string::npos);
  EXPECT_NE(doc.find("w:top=\"1134\" w:right=\"851\" w:bottom=\"1134\" w:left=\"1701\""), std::string::npos);
  EXPECT_NE(doc.find("<w:jc w:val=\"right\"/>"), std::string::npos);
  EXPECT_NE(doc.find("<w:tblHeader/>"), std::string::npos);
  EXPECT_NE(parts.at("word/styles.xml").find("w:ascii=\"Times New Roman\""), std::string::npos);
  EXPECT_NE(parts.at("docProps/core.xml").find("<dc:creator>SỞ Y TẾ</dc:creator>"), std::string::npos);
}

TEST(OfficialDocument, AnyTextStaysWellFormed) {
  OfficialDocument d = sample();
  d.superior_body.clear();
  d.signer_name.clear();
  d.noi_nhan.clear();
  d.subject = std::string("bad \x01 control, cut UTF-8 \xE1\xBB and \xFF, quotes \"'<>&, CRLF\r\nnext");
  d.recipients_line = {"Bộ Lao động - Thương binh và Xã hội", "Ủy ban nhân dân tỉnh"};
  d.body.push_back({DocBlock::table, "", {"", {}, {{"a", "b", "c"}, {}}, {}}});  // no header, ragged rows
  const auto parts = unzip(docx_of(d));
  const std::string& doc = parts.at("word/document.xml");
  EXPECT_TRUE(well_formed(doc));
  EXPECT_TRUE(well_formed(parts.at("docProps/core.xml")));
  EXPECT_NE(doc.find("&quot;&apos;&lt;&gt;&amp;"), std::string::npos);
  EXPECT_NE(doc.find("\xEF\xBF\xBD"), std::string::npos);  // U+FFFD for the broken bytes
  EXPECT_NE(doc.find("Kính gửi:"), std::string::npos);
  EXPECT_NE(doc.find("- Bộ Lao động - Thương binh và Xã hội;"), std::string::npos);
  EXPECT_NE(doc.find("- Ủy ban nhân dân tỉnh."), std::string::npos);
  EXPECT_EQ(doc.find("Nơi nhận"), std::string::npos);

  d.recipients_line = {"Ủy ban nhân dân tỉnh"};
  EXPECT_NE(unzip(docx_of(d)).at("word/document.xml").find("Kính gửi: Ủy ban nhân dân tỉnh."), std::string::npos);
}

TEST(OfficialDocument, AnnexHasEveryTableWithNumbersAsNumbers) {
  OfficialDocument d = sample();
  DocBlock second{DocBlock::table, "", {"Bảng 1. Kết quả theo đơn vị", {"Chỉ tiêu", "Giá trị"}, {{"Kinh phí", "12,5"}}, {false, true}}};
  d.body.push_back(second);  // the same title: a unique sheet name
  d.body.push_back({DocBlock::table, "", {"A/B: [tổng hợp]* rất dài, dài hơn ba mươi mốt ký tự", {"x"}, {{"1"}}, {true}}});
  d.body.push_back({DocBlock::table, "", {"", {"y"}, {{"không phải số"}}, {true}}});
  TempDir dir;
  const std::string path = (dir.path / "annex.xlsx").string();
  write_annex_xlsx(d, path);

  const auto parts = unzip(read_all(path));
  ASSERT_TRUE(parts.count("xl/worksheets/sheet1.xml"));
  const std::string& sheet1 = parts.at("xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet1.find("<v>1234567</v>"), std::string::npos);
  EXPECT_NE(sheet1.find("<v>1258023</v>"), std::string::npos);
  EXPECT_NE(sheet1.find("<v>312</v>"), std::string::npos);
  EXPECT_NE(sheet1.find("<v>0.855</v>"), std::string::npos);
  const std::string& workbook = parts.at("xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"Bảng 1. Kết quả theo đơn vị\""), std::string::npos);
  EXPECT_NE(workbook.find("name=\"Bảng 1. Kết quả theo đơn vị (2)\""), std::string::npos) << workbook;
  EXPECT_NE(workbook.find("name=\"A B tổng hợp rất dài, dài hơn b\""), std::string::npos) << workbook;
  EXPECT_NE(workbook.find("name=\"Biểu 4\""), std::string::npos) << workbook;
  EXPECT_NE(parts.at("xl/worksheets/sheet2.xml").find("<v>12.5</v>"), std::string::npos);

  // Read back as the importer reads it: title, table title, header, rows.
  std::vector<std::vector<std::string>> rows;
  read_xlsx_rows(path, [&](long long, std::vector<std::string>& c) {
    rows.push_back(c);
    return true;
  });
  ASSERT_GE(rows.size(), 6u);
  EXPECT_EQ(rows[0][0], "BÁO CÁO Kết quả công tác lồng ghép phòng, chống mại dâm 6 tháng đầu năm 2026");
  EXPECT_EQ(rows[1][0], "Bảng 1. Kết quả theo đơn vị");
  EXPECT_EQ(rows[2], (std::vector<std::string>{"STT", "Đơn vị", "Số hoạt động", "Số lượt người", "Tỷ lệ"}));
  EXPECT_EQ(rows[3][3], "1234567");
  EXPECT_EQ(rows[5][1], "Tổng cộng");
  EXPECT_EQ(rows[5][4], "—");  // not a number: stays text
}

TEST(OfficialDocument, PdfRendersTheVietnameseText) {
  if (!pdf_conversion_available())
    GTEST_SKIP() << "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui (scripts/lib.sh)";
  if (!has_tool("pdftoppm") || !has_tool("pdftotext"))
    GTEST_SKIP() << "poppler-utils (pdftoppm, pdftotext) is not installed (scripts/lib.sh installs it)";

  const auto start = std::chrono::steady_clock::now();
  const std::string pdf = docx_to_pdf(docx_of(sample()));
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  std::printf("docx_to_pdf: %lld ms, %zu bytes\n", static_cast<long long>(ms), pdf.size());
  ASSERT_EQ(pdf.compare(0, 5, "%PDF-"), 0);

  // The PDF and page 1 as PNG are kept for people to look at; a grey map of page 1 counts ink.
  TempDir dir;
  const char* artifacts = std::getenv("LONGGHEP_ARTIFACTS");
  const fs::path out_dir = artifacts && *artifacts ? fs::path(artifacts) : fs::temp_directory_path();
  fs::create_directories(out_dir);
  const fs::path pdf_path = out_dir / "official-document.pdf";
  std::ofstream(pdf_path, std::ios::binary) << pdf;
  const fs::path png = out_dir / "official-document-page1";
  ASSERT_EQ(std::system(("pdftoppm -r 50 -png -f 1 -l 1 -singlefile '" + pdf_path.string() + "' '" + png.string() + "'").c_str()), 0);
  const std::string png_bytes = read_all(png.string() + ".png");
  std::printf("page 1: %s.png (%zu bytes)\n", png.string().c_str(), png_bytes.size());
  EXPECT_EQ(png_bytes.compare(0, 8, "\x89PNG\r\n\x1A\n"), 0);
  EXPECT_GT(png_bytes.size(), 10'000u);  // a blank A4 page at 50 dpi is about 1 KB

  const fs::path pgm = dir.path / "page";
  ASSERT_EQ(std::system(("pdftoppm -r 50 -gray -f 1 -l 1 -singlefile '" + pdf_path.string() + "' '" + pgm.string() + "'").c_str()), 0);
  const std::string grey = read_all(pgm.string() + ".pgm");
  int w = 0, h = 0, maxval = 0, consumed = 0;
  ASSERT_EQ(std::sscanf(grey.c_str(), "P5 %d %d %d%n", &w, &h, &maxval, &consumed), 3);
  const size_t offset = static_cast<size_t>(consumed) + 1;
  ASSERT_EQ(grey.size(), offset + static_cast<size_t>(w) * h);
  auto ink = [&](int x0, int x1, int y0, int y1) {
    long n = 0;
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) n += static_cast<unsigned char>(grey[offset + static_cast<size_t>(y) * w + x]) < 128;
    return n;
  };
  EXPECT_GT(ink(0, w, 0, h), static_cast<long>(w) * h / 100);  // over 1 % of the page is ink
  // The two-column header: ink in the left and the right half of the top tenth of the page.
  EXPECT_GT(ink(0, w / 2 - 20, 0, h / 10), 50);
  EXPECT_GT(ink(w / 2 + 20, w, 0, h / 10), 50);

  const fs::path txt = dir.path / "page.txt";
  ASSERT_EQ(std::system(("pdftotext -enc UTF-8 '" + pdf_path.string() + "' '" + txt.string() + "'").c_str()), 0);
  const std::string text = read_all(txt);
  for (const char* s : {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Nơi nhận", "1.234.567",
                        "SỞ Y TẾ", "Gia Lai, ngày 15 tháng 6 năm 2026", "BÁO CÁO", "PHÓ GIÁM ĐỐC", "Nguyễn Văn Ánh"})
    EXPECT_NE(text.find(s), std::string::npos) << s << "\n--- text layer ---\n" << text;
}

TEST(OfficialDocument, PdfConversionsRunInParallel) {
  if (!pdf_conversion_available()) GTEST_SKIP() << "LibreOffice (soffice) is not installed (scripts/lib.sh installs it)";
  // Each conversion has its own LibreOffice profile: two at once must not hand over to each other.
  OfficialDocument a = sample(), b = sample();
  b.subject = "Kết quả năm 2025";
  std::string pdf_a, pdf_b;
  std::thread t([&] { pdf_b = docx_to_pdf(docx_of(b)); });
  pdf_a = docx_to_pdf(docx_of(a));
  t.join();
  EXPECT_EQ(pdf_a.compare(0, 5, "%PDF-"), 0);
  EXPECT_EQ(pdf_b.compare(0, 5, "%PDF-"), 0);
}

TEST(OfficialDocument, PdfUnavailableWithoutLibreOffice) {
  const char* old = std::getenv("LONGGHEP_SOFFICE");
  const std::string saved = old ? old : "";
  setenv("LONGGHEP_SOFFICE", "/nonexistent/soffice", 1);
  EXPECT_FALSE(pdf_conversion_available());
  try {
    docx_to_pdf(docx_of(sample()));
    ADD_FAILURE() << "expected pdf_unavailable";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 503);
    EXPECT_EQ(e.code(), "pdf_unavailable");
    EXPECT_NE(e.message_vi().find("LibreOffice"), std::string::npos);
  }
  if (old) setenv("LONGGHEP_SOFFICE", saved.c_str(), 1);
  else unsetenv("LONGGHEP_SOFFICE");
}

// ---------------------------------------------------------------------------------------------
// Decree 30 wording (domain/decree30) and the tables' columns.

namespace {
OrgUnit unit(const char* code, const char* name, const char* full, const char* kind, const char* parent) {
  OrgUnit u;
  u.id = std::stoll(std::string(code) == "VN" ? "1" : code);
  u.code = code;
  u.name = name;
  u.full_name = full;
  u.kind = kind;
  u.parent_code = parent;
  return u;
}
const OrgUnit kVN = unit("VN", "Việt Nam", "Nước Cộng hòa xã hội chủ nghĩa Việt Nam", "central", "");
const OrgUnit kGiaLai = unit("52", "Gia Lai", "Tỉnh Gia Lai", "province", "VN");
const OrgUnit kHaiPhong = unit("31", "Hải Phòng", "Thành phố Hải Phòng", "province", "VN");
const OrgUnit kQuyNhon = unit("21583", "Quy Nhơn", "Phường Quy Nhơn", "commune", "52");
const OrgUnit kPhuong1 = unit("26734", "1", "Phường 1", "commune", "52");

decree30::Issuer agency(const char* name, const char* kind, const OrgUnit& u) { return {name, kind, "", "", u, 7}; }
}  // namespace

TEST(Decree30, PlaceIsTheIssuersSeatNeverTheCountry) {
  EXPECT_EQ(decree30::default_seat(kVN), "Hà Nội");
  EXPECT_EQ(decree30::default_seat(kGiaLai), "Gia Lai");
  EXPECT_EQ(decree30::default_seat(kQuyNhon), "Quy Nhơn");
  EXPECT_EQ(decree30::default_seat(kPhuong1), "Phường 1");  // a unit named by a number keeps its type
  EXPECT_EQ(decree30::seat(agency("Cục Bảo trợ xã hội (Bộ Y tế)", "cuc", kVN)), "Hà Nội");
  EXPECT_EQ(decree30::seat(agency("Sở Y tế tỉnh Gia Lai", "so", kGiaLai)), "Gia Lai");
  decree30::Issuer stored = agency("Sở Y tế tỉnh Gia Lai", "so", kGiaLai);
  stored.seat = " Pleiku ";
  EXPECT_EQ(decree30::seat(stored), "Pleiku");  // the stored seat wins
  EXPECT_EQ(place_and_date(decree30::seat(decree30::committee_of(kVN)), Date::from_ymd(2026, 12, 3)), "Hà Nội, ngày 03 tháng 12 năm 2026");
}

TEST(Decree30, SymbolFollowsTheIssuer) {
  EXPECT_EQ(decree30::abbreviation(agency("Sở Y tế tỉnh Gia Lai", "so", kGiaLai)), "SYT");
  EXPECT_EQ(decree30::abbreviation(agency("Cục Bảo trợ xã hội (Bộ Y tế)", "cuc", kVN)), "CBTXH");
  EXPECT_EQ(decree30::abbreviation(agency("Bộ Y tế", "bo", kVN)), "BYT");
  EXPECT_EQ(decree30::abbreviation(agency("Sở Lao động - Thương binh và Xã hội tỉnh Gia Lai", "so", kGiaLai)), "SLĐTBXH");
  EXPECT_EQ(decree30::abbreviation(agency("Sở Nội vụ thành phố Hải Phòng", "so", kHaiPhong)), "SNV");
  EXPECT_EQ(decree30::abbreviation(agency("Ủy ban nhân dân tỉnh Gia Lai", "ubnd", kGiaLai)), "UBND");
  EXPECT_EQ(decree30::abbreviation(decree30::committee_of(kQuyNhon)), "UBND");
  decree30::Issuer stored = agency("Công an tỉnh Gia Lai", "nganh", kGiaLai);
  EXPECT_EQ(decree30::abbreviation(stored), "CA");
  stored.abbreviation = "CAT";
  EXPECT_EQ(decree30::abbreviation(stored), "CAT");
  EXPECT_EQ(decree30::number_symbol("BC", "SYT"), "Số:       /BC-SYT");
  EXPECT_EQ(decree30::number_symbol("BC", "CBTXH", "12"), "Số: 12/BC-CBTXH");
}

TEST(Decree30, SubjectIsTheIssuingBodyWithUnitTypesInLowerCase) {
  EXPECT_EQ(decree30::sentence_name(agency("Sở Y tế tỉnh Gia Lai", "so", kGiaLai)), "Sở Y tế tỉnh Gia Lai");
  EXPECT_EQ(decree30::sentence_name(decree30::committee_of(kGiaLai)), "Ủy ban nhân dân tỉnh Gia Lai");
  EXPECT_EQ(decree30::sentence_name(decree30::committee_of(kHaiPhong)), "Ủy ban nhân dân thành phố Hải Phòng");
  EXPECT_EQ(decree30::sentence_name(decree30::committee_of(kQuyNhon)), "Ủy ban nhân dân phường Quy Nhơn");
  EXPECT_EQ(decree30::sentence_name(agency("Cục Bảo trợ xã hội (Bộ Y tế)", "cuc", kVN)), "Cục Bảo trợ xã hội");
  EXPECT_EQ(decree30::lower_unit_types("Tỉnh Gia Lai"), "tỉnh Gia Lai");
  EXPECT_EQ(decree30::lower_unit_types("Tỉnh Gia Lai báo cáo", true), "Tỉnh Gia Lai báo cáo");
  EXPECT_EQ(decree30::lower_unit_types("Ủy ban nhân dân Tỉnh Gia Lai và Thành phố Hà Nội, Phường 1", true),
            "Ủy ban nhân dân tỉnh Gia Lai và thành phố Hà Nội, phường 1");
  // common nouns that start like a type word stay as they are
  EXPECT_EQ(decree30::lower_unit_types("Tỉnh đoàn Hải Dương", true), "Tỉnh đoàn Hải Dương");
  EXPECT_EQ(decree30::lower_unit_types("Xã hội hóa"), "Xã hội hóa");
  EXPECT_EQ(decree30::sentence_case("BÁO CÁO"), "Báo cáo");
}

TEST(Decree30, HeaderPrintsTheGoverningBodyOnceAboveTheIssuer) {
  auto h = decree30::header_lines(agency("Cục Bảo trợ xã hội (Bộ Y tế)", "cuc", kVN));
  EXPECT_EQ(h.governing, "BỘ Y TẾ");
  EXPECT_EQ(h.issuing, "CỤC BẢO TRỢ XÃ HỘI");  // not "CỤC BẢO TRỢ XÃ HỘI (BỘ Y TẾ)" under "BỘ Y TẾ"
  h = decree30::header_lines(agency("Sở Y tế tỉnh Gia Lai", "so", kGiaLai));
  EXPECT_EQ(h.governing, "UBND TỈNH GIA LAI");
  EXPECT_EQ(h.issuing, "SỞ Y TẾ");
  h = decree30::header_lines(agency("Ủy ban nhân dân tỉnh Gia Lai", "ubnd", kGiaLai));
  EXPECT_EQ(h.governing, "");
  EXPECT_EQ(h.issuing, "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI");
  h = decree30::header_lines(decree30::committee_of(kQuyNhon));
  EXPECT_EQ(h.issuing, "ỦY BAN NHÂN DÂN\nPHƯỜNG QUY NHƠN");
  h = decree30::header_lines(agency("Bộ Y tế", "bo", kVN));
  EXPECT_EQ(h.governing, "");
  EXPECT_EQ(h.issuing, "BỘ Y TẾ");
  h = decree30::header_lines(agency("Ban Quản lý khu kinh tế", "ban", kGiaLai));
  EXPECT_EQ(h.governing, "UBND TỈNH GIA LAI");
  EXPECT_EQ(h.issuing, "BAN QUẢN LÝ KHU KINH TẾ");
  h = decree30::header_lines(agency("Sở Nội vụ thành phố Hải Phòng", "so", kHaiPhong));
  EXPECT_EQ(h.governing, "UBND THÀNH PHỐ HẢI PHÒNG");
  EXPECT_EQ(h.issuing, "SỞ NỘI VỤ");
  h = decree30::header_lines(agency("Công an tỉnh Gia Lai", "nganh", kGiaLai));
  EXPECT_EQ(h.governing, "");
  EXPECT_EQ(h.issuing, "CÔNG AN TỈNH GIA LAI");
}

TEST(Decree30, NoiNhanStartsWithKinhGuiAndTheSignerHasATitle) {
  EXPECT_EQ(decree30::recipient_name("Cục Bảo trợ xã hội (Bộ Y tế)", "cuc"), "Bộ Y tế (Cục Bảo trợ xã hội)");
  EXPECT_EQ(decree30::recipient_name("Sở Y tế tỉnh Gia Lai", "so"), "Sở Y tế tỉnh Gia Lai");
  EXPECT_EQ(decree30::noi_nhan({"Sở Y tế tỉnh Gia Lai"}, "UBND"),
            (std::vector<std::string>{"- Sở Y tế tỉnh Gia Lai;", "- Lưu: VT, UBND."}));
  EXPECT_EQ(decree30::noi_nhan({}, "CBTXH"), (std::vector<std::string>{"- Lưu: VT, CBTXH."}));
  EXPECT_EQ(decree30::default_signer_title(agency("Sở Y tế tỉnh Gia Lai", "so", kGiaLai)), "GIÁM ĐỐC");
  EXPECT_EQ(decree30::default_signer_title(agency("Cục Bảo trợ xã hội (Bộ Y tế)", "cuc", kVN)), "CỤC TRƯỞNG");
  EXPECT_EQ(decree30::default_signer_title(decree30::committee_of(kQuyNhon)), "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH");
  EXPECT_EQ(decree30::signer_name_from("Trần Thị Lan (Sở Y tế Gia Lai)"), "Trần Thị Lan");
  EXPECT_EQ(decree30::signer_name_from("Lê Văn Hùng"), "Lê Văn Hùng");
}

TEST(OfficialDocument, ColumnWidthsComeFromTheTextSoNoHeaderBreaksInAWord) {
  DocTable t;
  t.header = {"STT", "Chỉ tiêu", "Tổng hợp từ đơn vị cấp dưới", "Của đơn vị", "Tổng cộng"};
  t.numeric = {false, false, true, true, true};
  t.rows = {{"1", "Tổng số lượt người được tiếp cận (người bán dâm, người có nguy cơ, cộng đồng)", "1.234.567", "783", "1.235.350"},
            {"2", "Kinh phí được giao", "200.000.000", "200.000.000", "400.000.000"}};
  const ColumnLayout l = table_columns(t);
  ASSERT_EQ(l.widths.size(), 5u);
  EXPECT_FALSE(l.landscape);
  int total = 0;
  for (int w : l.widths) total += w;
  EXPECT_EQ(total, kPortraitTextWidth);
  for (size_t c = 0; c < 5; ++c) {
    EXPECT_GE(l.widths[c], l.minimum[c]) << c;
    // the longest header word, bold 13 pt, and the cell's margins fit
    std::istringstream words(t.header[c]);
    for (std::string w; words >> w;) EXPECT_GT(l.widths[c], text_width_twips(w, 13, true) + 160) << w;
  }
  // numbers never wrap: "400.000.000" fits on one line
  EXPECT_GT(l.widths[4], text_width_twips("400.000.000", 13, false) + 160);
  // a percentage does not wrap either: "85,5%" on one line
  DocTable pct;
  pct.header = {"STT", "Đơn vị", "Tỷ lệ"};
  pct.numeric = {true, false, true};
  pct.rows = {{"1", "Thành phố Pleiku", "85,5%"}, {"", "Tổng cộng", "—"}};
  const ColumnLayout lp = table_columns(pct);
  EXPECT_GT(lp.widths[2], text_width_twips("85,5%", 13, false) + 160);
  EXPECT_GE(text_width_twips("85,5%", 13, false), text_width_twips("85,5", 13, false) + 200);  // '%' is wide
  // the label column, the one that wraps, gets the room left
  EXPECT_GT(l.widths[1], l.widths[2]);
  EXPECT_GT(l.widths[1], l.widths[0] * 3);
}

TEST(OfficialDocument, ATableTooWideForPortraitIsALandscapeAnnex) {
  DocTable wide;
  wide.title = "Kết quả theo đơn vị";
  wide.header = {"STT", "Đơn vị"};
  wide.numeric = {false, false};
  std::vector<std::string> row = {"1", "Phường Quy Nhơn"};
  for (int m = 1; m <= 10; ++m) {
    wide.header.push_back("Tháng " + std::to_string(m));
    wide.numeric.push_back(true);
    row.push_back("1.234.567.890");
  }
  wide.rows = {row};
  const ColumnLayout l = table_columns(wide);
  EXPECT_TRUE(l.landscape);
  int total = 0;
  for (int w : l.widths) total += w;
  EXPECT_EQ(total, kLandscapeTextWidth);

  OfficialDocument d = sample();
  d.body.push_back({DocBlock::table, "", wide});
  const std::string xml = unzip(docx_of(d))["word/document.xml"];
  EXPECT_TRUE(well_formed(xml));
  EXPECT_NE(xml.find("Kết quả theo đơn vị: tại Phụ lục I kèm theo."), std::string::npos);
  EXPECT_NE(xml.find("Phụ lục I<"), std::string::npos);
  EXPECT_NE(xml.find("(Kèm theo Báo cáo số 123/BC-SYT ngày 15/06/2026)"), std::string::npos);
  // the annex comes after the signature, in a landscape section
  EXPECT_LT(xml.find(d.signer_name), xml.find("Phụ lục I<"));
  EXPECT_NE(xml.find("w:orient=\"landscape\""), std::string::npos);
  EXPECT_LT(xml.find("Phụ lục I<"), xml.find("w:orient=\"landscape\""));
  // a document that fits has one portrait section only
  EXPECT_EQ(unzip(docx_of(sample()))["word/document.xml"].find("landscape"), std::string::npos);
}

TEST(OfficialDocument, PdfSetsAWideTableLandscapeWithEveryWordWhole) {
  if (!pdf_conversion_available())
    GTEST_SKIP() << "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui (scripts/lib.sh)";
  if (!has_tool("pdftotext")) GTEST_SKIP() << "poppler-utils (pdftotext) is not installed (scripts/lib.sh installs it)";
  DocTable wide;
  wide.title = "Kết quả theo tháng";
  wide.header = {"STT", "Đơn vị"};
  wide.numeric = {false, false};
  std::vector<std::string> row = {"1", "Phường Quy Nhơn Bắc"};
  for (int m = 1; m <= 8; ++m) {
    wide.header.push_back("Tháng " + std::to_string(m) + " lũy kế");
    wide.numeric.push_back(true);
    row.push_back("123.456.789");
  }
  wide.rows = {row, row};
  const ColumnLayout l = table_columns(wide);
  EXPECT_TRUE(l.landscape);
  EXPECT_EQ(l.half_pt, 22);  // 13 pt does not fit even landscape: 11 pt does
  OfficialDocument d = sample();
  d.body.push_back({DocBlock::table, "", wide});
  const std::string pdf = docx_to_pdf(docx_of(d));
  TempDir dir;
  const fs::path pdf_path = dir.path / "wide.pdf", html = dir.path / "wide.html";
  std::ofstream(pdf_path, std::ios::binary) << pdf;
  if (const char* artifacts = std::getenv("LONGGHEP_ARTIFACTS"); artifacts && *artifacts) {  // for people to look at
    fs::create_directories(artifacts);
    std::ofstream(fs::path(artifacts) / "official-document-landscape-annex.pdf", std::ios::binary) << pdf;
  }
  ASSERT_EQ(std::system(("pdftotext -bbox -enc UTF-8 '" + pdf_path.string() + "' '" + html.string() + "'").c_str()), 0);
  const std::string x = read_all(html);
  // pages: the letter portrait, the annex landscape
  std::vector<std::pair<double, double>> pages;
  for (size_t p = 0; (p = x.find("<page width=\"", p)) != std::string::npos; ++p) {
    double w = 0, h = 0;
    ASSERT_EQ(std::sscanf(x.c_str() + p, "<page width=\"%lf\" height=\"%lf\"", &w, &h), 2);
    pages.emplace_back(w, h);
  }
  ASSERT_GE(pages.size(), 2u);
  EXPECT_LT(pages.front().first, pages.front().second) << "page 1 is portrait";
  EXPECT_GT(pages.back().first, pages.back().second) << "the annex is landscape";
  // words: every header word and every number whole (none broken over two lines)
  std::map<std::string, int> words;
  for (size_t p = 0; (p = x.find("<word ", p)) != std::string::npos; ++p) {
    const size_t open = x.find('>', p) + 1, close = x.find("</word>", open);
    ++words[x.substr(open, close - open)];
  }
  EXPECT_EQ(words["123.456.789"], 16);
  EXPECT_EQ(words["Tháng"], 8);
  EXPECT_EQ(words["lũy"], 8);
  EXPECT_EQ(words["kế"], 8);
  EXPECT_GE(words["Phụ"], 1);
}
