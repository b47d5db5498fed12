#include "export/official_document.hpp"

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
