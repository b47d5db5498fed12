// The inspection record (biên bản kiểm tra) as a Decree 30 document: what it prints, that any text
// stays well-formed XML, that empty parts read as such, the mapping from the API's JSON, and the
// PDF (LibreOffice) with page 1 rendered for people to look at.
#include "export/inspection_document.hpp"

#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <expat.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "export/official_document.hpp"
#include "http/inspection_document_route.hpp"

using namespace longghep;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

using R = InspectionDocument::Result;

InspectionDocument sample() {
  InspectionDocument d;
  d.governing_body = "UBND TỈNH GIA LAI";
  d.issuing_body = "ĐỘI KIỂM TRA LIÊN NGÀNH 178";
  d.team_name = "Đội kiểm tra liên ngành 178 tỉnh Gia Lai";
  d.number_symbol = "Số: KT-2026-0012/BB-ĐKTLN178";
  d.place = "Gia Lai";
  d.date = Date::from_ymd(2026, 3, 5);
  d.started_at = "09:30";
  d.ended_at = "11:15";
  d.unannounced = true;
  d.team_decision = "Quyết định số 45/QĐ-UBND ngày 10/01/2025 của Ủy ban nhân dân tỉnh Gia Lai";
  d.plan_basis = "Kế hoạch số 12/KH-ĐKTLN";
  d.plan_date = Date::from_ymd(2026, 1, 15);
  d.plan_title = "Kế hoạch kiểm tra cơ sở kinh doanh dịch vụ năm 2026";
  d.members = {{"Lương Văn Kiên", "Trưởng đoàn", "Sở Y tế"},
               {"Trần Thị Hoa", "Thành viên", "Công an tỉnh Gia Lai"},
               {"Nguyễn Minh Đức", "Thành viên", "Sở Văn hóa, Thể thao và Du lịch"}};
  d.team_lead = "Lương Văn Kiên";
  d.business = {"Karaoke Hoa Hồng", "Karaoke", "123 Trần Hưng Đạo", "Phường Pleiku", "Phạm Văn Long", "Phạm Văn Long",
                "45/GCN-CAT", "Công an tỉnh Gia Lai", Date::from_ymd(2024, 8, 20)};
  d.representative_name = "Phạm Văn Long";
  d.representative_role = "Chủ cơ sở";
  d.checklist = {{"Có người chịu trách nhiệm về an ninh, trật tự", R::pass, ""},
                 {"Thông báo cơ quan Công an trong 5 ngày làm việc", R::fail, "Chưa thông báo"},
                 {"Phòng hát có cửa kính nhìn từ ngoài vào", R::na, ""}};
  d.findings = "Cơ sở hoạt động đúng ngành nghề đăng ký, chưa thông báo cơ quan Công an";
  d.violations = {{"Không thông báo cho cơ quan Công an trước khi hoạt động",
                   {"Nghị định 144/2021/NĐ-CP", "12", "2", "a", "Không thông báo bằng văn bản cho cơ quan Công an"},
                   1234567,
                   ""}};
  d.suspension = true;
  d.suspension_days = 30;
  d.other_measures = "Yêu cầu khắc phục trong 15 ngày";
  d.police_handover = false;
  d.informed = 12;
  d.health_checked = 3;
  d.referred = 1;
  d.signature = InspectionDocument::Signature::signed_;
  d.reinspection_due = Date::from_ymd(2026, 4, 5);
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

// The document's text: the contents of its w:t elements, paragraphs on their own lines.
std::string text_of(const std::string& xml) {
  std::string out;
  for (size_t i = 0; (i = xml.find("<w:", i)) != std::string::npos;) {
    if (xml.compare(i, 5, "<w:p>") == 0) out += '\n';
    if (xml.compare(i, 5, "<w:t ") == 0 || xml.compare(i, 5, "<w:t>") == 0) {
      const size_t start = xml.find('>', i) + 1, end = xml.find("</w:t>", start);
      out += xml.substr(start, end - start);
      i = end;
      continue;
    }
    ++i;
  }
  return out;
}

std::string document_xml(const InspectionDocument& d) {
  const auto parts = unzip(inspection_docx(d));
  return parts.at("word/document.xml");
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool has_tool(const char* name) { return std::system((std::string("command -v ") + name + " >/dev/null 2>&1").c_str()) == 0; }

}  // namespace

TEST(InspectionDocument, CitesTheLegalReferenceWithItsWords) {
  EXPECT_EQ(legal_citation({"Nghị định 144/2021/NĐ-CP", "12", "2", "a", ""}), "điểm a khoản 2 Điều 12 Nghị định số 144/2021/NĐ-CP");
  EXPECT_EQ(legal_citation({"282/2025/NĐ-CP", "Điều 7", "khoản 3", "", ""}), "khoản 3 Điều 7 Nghị định số 282/2025/NĐ-CP");
  EXPECT_EQ(legal_citation({"Nghị định số 144/2021/NĐ-CP", "5", "", "", ""}), "Điều 5 Nghị định số 144/2021/NĐ-CP");
  EXPECT_EQ(legal_citation({"Luật Phòng, chống mại dâm", "điều 4", "", "", ""}), "điều 4 Luật Phòng, chống mại dâm");
  EXPECT_EQ(legal_citation({}), "");
  EXPECT_EQ(vnd(1234567), "1.234.567 đồng");
  EXPECT_EQ(vnd(0), "0 đồng");
  EXPECT_EQ(vnd(500000), "500.000 đồng");
  EXPECT_EQ(result_vi(R::pass), "Đạt");
  EXPECT_EQ(result_vi(R::fail), "Không đạt");
  EXPECT_EQ(result_vi(R::na), "Không áp dụng");
}

TEST(InspectionDocument, DocxPrintsTheRecordInTheDecree30Format) {
  const std::string bytes = inspection_docx(sample());
  ASSERT_EQ(bytes.compare(0, 4, "PK\x03\x04"), 0);
  const auto parts = unzip(bytes);
  for (const auto& [name, xml] : parts) EXPECT_TRUE(well_formed(xml)) << name;
  const std::string text = text_of(parts.at("word/document.xml"));
  for (const char* s :
       {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "UBND TỈNH GIA LAI", "ĐỘI KIỂM TRA LIÊN NGÀNH 178",
        "Số: KT-2026-0012/BB-ĐKTLN178", "Gia Lai, ngày 05 tháng 3 năm 2026", "BIÊN BẢN KIỂM TRA",
        "Căn cứ Nghị định số 96/2016/NĐ-CP", "Căn cứ Quyết định số 45/QĐ-UBND ngày 10/01/2025",
        "Thực hiện Kế hoạch số 12/KH-ĐKTLN ngày 15/01/2026 (Kế hoạch kiểm tra cơ sở kinh doanh dịch vụ năm 2026)",
        "Hôm nay, vào hồi 09 giờ 30 phút, ngày 05 tháng 3 năm 2026, tại cơ sở Karaoke Hoa Hồng",
        "tiến hành kiểm tra đột xuất", "I. THÀNH PHẦN", "Lương Văn Kiên", "Công an tỉnh Gia Lai", "Ông/Bà: Phạm Văn Long; chức vụ: Chủ cơ sở.",
        "II. THÔNG TIN VỀ CƠ SỞ", "- Loại hình kinh doanh: Karaoke.", "- Xã, phường: Phường Pleiku.",
        "số 45/GCN-CAT ngày 20/08/2024 do Công an tỉnh Gia Lai cấp", "III. KẾT QUẢ KIỂM TRA", "Nội dung kiểm tra",
        "Thông báo cơ quan Công an trong 5 ngày làm việc", "Không đạt", "Không áp dụng", "Chưa thông báo",
        "Kiểm tra 3 nội dung: đạt 1, không đạt 1, không áp dụng 1.", "IV. HÀNH VI VI PHẠM VÀ BIỆN PHÁP XỬ LÝ",
        "Hành vi vi phạm quy định tại điểm a khoản 2 Điều 12 Nghị định số 144/2021/NĐ-CP", "Số tiền phạt: 1.234.567 đồng.",
        "Tổng số tiền phạt: 1.234.567 đồng.", "- Tạm đình chỉ hoạt động kinh doanh 30 ngày;",
        "- Yêu cầu khắc phục trong 15 ngày;", "3. Chuyển cơ quan Công an", "cho 12 lượt người",
        "hỗ trợ khám sức khỏe 3 lượt người", "giới thiệu đến dịch vụ hỗ trợ 1 lượt người",
        "tái kiểm tra chậm nhất vào ngày 05/04/2026", "kết thúc vào hồi 11 giờ 15 phút cùng ngày", "nhất trí và ký tên.",
        "ĐẠI DIỆN CƠ SỞ", "TRƯỞNG ĐOÀN KIỂM TRA", "(Ký, ghi rõ họ tên)"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  EXPECT_EQ(text.find("từ chối ký"), std::string::npos);
  EXPECT_EQ(text.find("NGƯỜI CHỨNG KIẾN"), std::string::npos);
  EXPECT_EQ(text.find("Nơi nhận"), std::string::npos);  // a record is signed by its parties
  EXPECT_EQ(text.find("Dự thảo"), std::string::npos);
  // The representative's signature is left of the team lead's, in one row.
  EXPECT_LT(text.rfind("ĐẠI DIỆN CƠ SỞ"), text.rfind("TRƯỞNG ĐOÀN KIỂM TRA"));
  EXPECT_LT(text.rfind("Phạm Văn Long"), text.rfind("Lương Văn Kiên"));
}

TEST(InspectionDocument, ARefusalIsWrittenWithItsReasonAndWitness) {
  InspectionDocument d = sample();
  d.signature = InspectionDocument::Signature::refused;
  d.refusal_reason = "Không đồng ý với kết quả kiểm tra";
  d.refusal_witness = "Bà Lê Thị Mai, công chức Ủy ban nhân dân phường Pleiku";
  const std::string text = text_of(document_xml(d));
  for (const char* s : {"Đại diện cơ sở từ chối ký biên bản. Lý do: Không đồng ý với kết quả kiểm tra.",
                        "Người chứng kiến: Bà Lê Thị Mai, công chức Ủy ban nhân dân phường Pleiku.",
                        "Đại diện cơ sở từ chối ký", "NGƯỜI CHỨNG KIẾN"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  EXPECT_EQ(text.find("nhất trí và ký tên"), std::string::npos);
}

TEST(InspectionDocument, HostileTextIsEscapedAndStaysWellFormed) {
  InspectionDocument d = sample();
  d.business.name = "Karaoke \"Hoa & Hồng\" <VIP> 'số 1'";
  d.findings = "a < b && c > d\x01 ]]> <w:p/>";
  d.violations[0].description = "</w:t></w:r></w:p><w:p>";
  d.representative_name = "O'Neil & \"Sons\"";
  d.checklist[0].note = "<script>&amp;";
  const auto parts = unzip(inspection_docx(d));
  for (const auto& [name, xml] : parts) EXPECT_TRUE(well_formed(xml)) << name;
  const std::string& doc = parts.at("word/document.xml");
  EXPECT_NE(doc.find("Karaoke &quot;Hoa &amp; Hồng&quot; &lt;VIP&gt; &apos;số 1&apos;"), std::string::npos);
  EXPECT_NE(doc.find("a &lt; b &amp;&amp; c &gt; d  ]]&gt; &lt;w:p/&gt;"), std::string::npos);
  EXPECT_NE(doc.find("&lt;/w:t&gt;&lt;/w:r&gt;&lt;/w:p&gt;&lt;w:p&gt;"), std::string::npos);
  EXPECT_NE(doc.find("O&apos;Neil &amp; &quot;Sons&quot;"), std::string::npos);
  EXPECT_NE(doc.find("&lt;script&gt;&amp;amp;"), std::string::npos);
  EXPECT_EQ(doc.find("<VIP>"), std::string::npos);
}

TEST(InspectionDocument, EmptyPartsReadAsSuch) {
  InspectionDocument d;  // nothing recorded yet
  d.date = Date::from_ymd(2026, 1, 9);
  const auto parts = unzip(inspection_docx(d));
  for (const auto& [name, xml] : parts) EXPECT_TRUE(well_formed(xml)) << name;
  const std::string text = text_of(parts.at("word/document.xml"));
  for (const char* s : {"BIÊN BẢN KIỂM TRA", "ngày 09 tháng 01 năm 2026", "(Không ghi nhận thành viên có mặt.)",
                        "(Không có nội dung kiểm tra theo danh mục.)", "Qua kiểm tra, Đoàn không phát hiện hành vi vi phạm.",
                        "Không áp dụng biện pháp xử lý.", "Không đặt lịch tái kiểm tra.", "- Tên cơ sở: (không có).",
                        "cho 0 lượt người", "Ông/Bà: …", "ĐẠI DIỆN CƠ SỞ", "TRƯỞNG ĐOÀN KIỂM TRA"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  EXPECT_EQ(text.find("Tổng số tiền phạt"), std::string::npos);
  EXPECT_EQ(text.find("Thực hiện Kế hoạch"), std::string::npos);
  EXPECT_EQ(text.find("vào hồi"), std::string::npos);
  // no table without rows: the only tables are the header and the signatures
  const std::string& doc = parts.at("word/document.xml");
  size_t tables = 0;
  for (size_t i = 0; (i = doc.find("<w:tbl>", i)) != std::string::npos; ++i) ++tables;
  EXPECT_EQ(tables, 2u);

  d.draft = true;
  EXPECT_NE(text_of(document_xml(d)).find("(Dự thảo)"), std::string::npos);
}

TEST(InspectionDocument, MapsTheApiShapes) {
  const json team = json::parse(R"({
    "id": 3, "orgUnit": {"id": 64, "code": "52", "name": "Gia Lai", "kind": "province", "validFrom": "2025-07-01", "validTo": null},
    "name": "Đội kiểm tra liên ngành 178 tỉnh Gia Lai", "leadAgency": {"id": 7, "name": "Sở Y tế"},
    "decisionRef": "45/QĐ-UBND ngày 10/01/2025", "active": true, "version": 1, "agencies": [],
    "members": [{"id": 11, "fullName": "Trần Thị Hoa", "position": "Thành viên", "agency": null, "isLead": false, "active": true},
                {"id": 12, "fullName": "Lương Văn Kiên", "position": "Đội trưởng", "agency": {"id": 7, "name": "Sở Y tế"}, "isLead": true, "active": true}]})");
  const json plan = json::parse(R"({"id": 5, "team": {"id": 3, "name": "x"}, "year": 2026, "title": "Kiểm tra năm 2026",
    "legalBasis": "12/KH-ĐKTLN", "legalBasisDate": "2026-01-15", "mode": "mixed", "status": "active"})");
  const json business = json::parse(R"({"id": 9, "typeCode": "karaoke", "typeName": "Karaoke", "name": "Karaoke Hoa Hồng",
    "address": "123 Trần Hưng Đạo", "commune": {"orgUnit": {"id": 132, "code": "23575", "name": "Pleiku", "kind": "commune",
    "fullName": "Phường Pleiku"}, "asOf": "2025-07-01"}, "ownerName": "Phạm Văn Long", "anttPerson": "Phạm Thị Lan",
    "anttCertNumber": "45/GCN", "anttCertDate": "2024-08-20", "anttCertIssuer": "Công an tỉnh Gia Lai", "status": "operating"})");
  const json inspection = json::parse(R"({
    "id": 21, "code": "KT-2026-0012", "plan": {"id": 5, "title": "Kiểm tra năm 2026"}, "team": {"id": 3, "name": "Đội"},
    "business": {"id": 9, "name": "Karaoke Hoa Hồng", "typeCode": "karaoke", "address": "123 Trần Hưng Đạo"},
    "commune": {"orgUnit": {"id": 132, "code": "23575", "name": "Pleiku", "kind": "commune"}, "asOf": "2025-07-01"},
    "inspectedOn": "2026-03-05", "startedAt": "2026-03-05T21:40", "endedAt": "2026-03-06T00:10", "unannounced": false,
    "representativeName": "Phạm Văn Long", "representativeRole": "Chủ cơ sở",
    "membersPresent": [{"memberId": 11, "fullName": "Trần Thị Hoa", "position": "Thành viên", "agencyName": "Công an tỉnh"},
                       {"memberId": 12, "fullName": "Lương Văn Kiên", "position": "Đội trưởng", "agencyName": "Sở Y tế"}],
    "checklist": {"versionId": 1, "version": 1, "items": [
       {"itemId": 1, "itemKey": "antt_person", "textVi": "Có người chịu trách nhiệm ANTT", "textEn": "", "result": "pass", "note": ""},
       {"itemId": 2, "itemKey": "police", "textVi": "Thông báo Công an", "textEn": "", "result": "fail", "note": "Chưa"},
       {"itemId": 3, "itemKey": "glass", "textVi": "Cửa kính", "textEn": "", "result": "na", "note": ""}]},
    "findings": "Chưa thông báo Công an",
    "violations": [{"id": 1, "topic": "antt_no_police_notice", "legalReference": {"id": 4, "code": "ND282-7-3-a",
       "instrument": "Nghị định 282/2025/NĐ-CP", "article": "7", "clause": "3", "point": "a", "topic": "antt_no_police_notice",
       "titleVi": "Không thông báo", "fineMin": 3000000, "fineMax": 5000000, "validFrom": "2025-12-15", "validTo": null},
       "description": "Không thông báo cho Công an", "fineAmount": 3500000, "sanctionDecision": "15/QĐ-XPVPHC"}],
    "fineTotal": 3500000, "measures": {"suspension": false, "suspensionDays": null, "certWithdrawal": true, "other": ""},
    "policeHandover": true, "policeHandoverNote": "Bàn giao Công an phường Pleiku",
    "signature": "refused", "refusalReason": "Không đồng ý", "refusalWitness": "Lê Thị Mai",
    "reinspectionDue": "2026-04-05", "reinspectionOf": null, "reinspectionOverdue": false,
    "outreach": {"informed": 12, "healthChecked": 3, "referred": 1}, "evidence": [],
    "status": "final", "finalisedAt": "2026-03-06T00:20:00Z", "version": 3})");

  const InspectionDocument d = inspection_document_from_json(inspection, business, team, plan);
  EXPECT_EQ(d.governing_body, "UBND TỈNH GIA LAI");
  EXPECT_EQ(d.issuing_body, "ĐỘI KIỂM TRA LIÊN NGÀNH 178");
  EXPECT_EQ(d.team_name, "Đội kiểm tra liên ngành 178 tỉnh Gia Lai");
  EXPECT_EQ(d.place, "Gia Lai");
  EXPECT_EQ(d.number_symbol, "Số: KT-2026-0012/BB-ĐKTLN178");
  EXPECT_EQ(d.date, Date::from_ymd(2026, 3, 5));
  EXPECT_EQ(d.started_at, "21:40");
  EXPECT_EQ(d.ended_at, "00:10");
  EXPECT_EQ(d.ended_on, Date::from_ymd(2026, 3, 6));
  EXPECT_FALSE(d.unannounced);
  EXPECT_FALSE(d.draft);
  EXPECT_EQ(d.team_decision, "Quyết định số 45/QĐ-UBND ngày 10/01/2025");
  EXPECT_EQ(d.plan_basis, "12/KH-ĐKTLN");
  EXPECT_EQ(d.plan_date, Date::from_ymd(2026, 1, 15));
  EXPECT_EQ(d.plan_title, "Kiểm tra năm 2026");
  ASSERT_EQ(d.members.size(), 2u);
  EXPECT_EQ(d.members[0].agency, "Công an tỉnh");
  EXPECT_EQ(d.team_lead, "Lương Văn Kiên");  // the lead, though listed second
  EXPECT_EQ(d.business.name, "Karaoke Hoa Hồng");
  EXPECT_EQ(d.business.type, "Karaoke");
  EXPECT_EQ(d.business.commune, "Phường Pleiku");
  EXPECT_EQ(d.business.owner, "Phạm Văn Long");
  EXPECT_EQ(d.business.antt_person, "Phạm Thị Lan");
  EXPECT_EQ(d.business.cert_number, "45/GCN");
  EXPECT_EQ(d.business.cert_date, Date::from_ymd(2024, 8, 20));
  EXPECT_EQ(d.business.cert_issuer, "Công an tỉnh Gia Lai");
  EXPECT_EQ(d.representative_role, "Chủ cơ sở");
  ASSERT_EQ(d.checklist.size(), 3u);
  EXPECT_EQ(d.checklist[0].result, R::pass);
  EXPECT_EQ(d.checklist[1].result, R::fail);
  EXPECT_EQ(d.checklist[1].note, "Chưa");
  EXPECT_EQ(d.checklist[2].result, R::na);
  ASSERT_EQ(d.violations.size(), 1u);
  EXPECT_EQ(d.violations[0].fine, 3500000);
  EXPECT_EQ(d.violations[0].sanction_decision, "15/QĐ-XPVPHC");
  EXPECT_EQ(legal_citation(d.violations[0].reference), "điểm a khoản 3 Điều 7 Nghị định số 282/2025/NĐ-CP");
  EXPECT_TRUE(d.cert_withdrawal);
  EXPECT_FALSE(d.suspension);
  EXPECT_FALSE(d.suspension_days);
  EXPECT_TRUE(d.police_handover);
  EXPECT_EQ(d.police_handover_note, "Bàn giao Công an phường Pleiku");
  EXPECT_EQ(d.informed, 12);
  EXPECT_EQ(d.health_checked, 3);
  EXPECT_EQ(d.referred, 1);
  EXPECT_EQ(d.signature, InspectionDocument::Signature::refused);
  EXPECT_EQ(d.refusal_witness, "Lê Thị Mai");
  EXPECT_EQ(d.reinspection_due, Date::from_ymd(2026, 4, 5));

  const std::string text = text_of(document_xml(d));
  for (const char* s : {"Thực hiện Kế hoạch số 12/KH-ĐKTLN ngày 15/01/2026 (Kiểm tra năm 2026)",
                        "theo kế hoạch (có thông báo trước)", "kết thúc vào hồi 00 giờ 10 phút ngày 06 tháng 3 năm 2026",
                        "Số tiền phạt: 3.500.000 đồng (Quyết định xử phạt số 15/QĐ-XPVPHC).",
                        "- Thu hồi Giấy chứng nhận đủ điều kiện về an ninh, trật tự;",
                        "cho cơ quan Công an để xử lý theo thẩm quyền: Bàn giao Công an phường Pleiku.",
                        "Đại diện cơ sở từ chối ký"})
    EXPECT_NE(text.find(s), std::string::npos) << s;

  // A bare inspection (no plan, registry record or team detail) still makes a document.
  const InspectionDocument bare = inspection_document_from_json(json::parse(R"({"code": "A/1", "inspectedOn": "2026-02-01",
    "business": {"name": "Nhà nghỉ An", "typeCode": "guest_house", "address": "1 Lê Lợi"},
    "commune": {"orgUnit": {"name": "Pleiku"}}, "status": "draft", "violations": null})"), json(), json::object(), json());
  EXPECT_EQ(bare.number_symbol, "Số: A/1");
  EXPECT_EQ(bare.business.name, "Nhà nghỉ An");
  EXPECT_EQ(bare.business.type, "guest_house");
  EXPECT_EQ(bare.business.commune, "Pleiku");
  EXPECT_TRUE(bare.draft);
  EXPECT_TRUE(bare.violations.empty());
  EXPECT_EQ(bare.signature, InspectionDocument::Signature::pending);
  EXPECT_TRUE(well_formed(document_xml(bare)));
}

// What the route answers: the .docx named by the code, the unit names from the hierarchy and the
// type's name added to the JSON shapes.
TEST(InspectionDocument, RouteAnswersTheDocxWithNamesFromTheHierarchy) {
  auto unit = [](long long id, const char* code, const char* name, const char* full, const char* kind, const char* parent) {
    OrgUnit u;
    u.id = id;
    u.code = code;
    u.name = name;
    u.full_name = full;
    u.kind = kind;
    u.parent_code = parent;
    return u;
  };
  const Hierarchy h({unit(1, "VN", "Việt Nam", "Việt Nam", "central", ""), unit(64, "52", "Gia Lai", "Tỉnh Gia Lai", "province", "VN"),
                     unit(132, "23575", "Pleiku", "Phường Pleiku", "commune", "52")},
                    {});
  const json team = {{"orgUnit", {{"id", 64}, {"code", "52"}, {"name", "Gia Lai"}, {"kind", "province"}}},
                     {"name", "Đội kiểm tra liên ngành tỉnh Gia Lai"}};
  const json business = {{"name", "Karaoke Hoa Hồng"}, {"typeCode", "karaoke"},
                         {"commune", {{"orgUnit", {{"id", 132}, {"code", "23575"}, {"name", "Pleiku"}, {"kind", "commune"}}}}}};
  const json inspection = {{"code", "KT-2026/0012"}, {"inspectedOn", "2026-03-05"}, {"status", "final"}};
  const Response r = inspection_document_response(h, inspection, business, team, nullptr, "Karaoke (hát)", "docx");
  EXPECT_EQ(r.content_type, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  bool named = false, no_store = false;
  for (const auto& [k, v] : r.headers) {
    named |= k == "Content-Disposition" && v.find("bien-ban-kiem-tra-KT-2026-0012.docx") != std::string::npos;
    no_store |= k == "Cache-Control" && v == "no-store";
  }
  EXPECT_TRUE(named);
  EXPECT_TRUE(no_store);
  const std::string text = text_of(unzip(r.body).at("word/document.xml"));
  for (const char* s : {"UBND TỈNH GIA LAI", "ĐỘI KIỂM TRA LIÊN NGÀNH", "Số: KT-2026/0012", "- Xã, phường: Phường Pleiku.",
                        "- Loại hình kinh doanh: Karaoke (hát).", "Gia Lai, ngày 05 tháng 3 năm 2026"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  EXPECT_EQ(inspection_document_basename(""), "bien-ban-kiem-tra");
  EXPECT_EQ(inspection_document_basename("Số 12/BB - ĐKT"), "bien-ban-kiem-tra-S-12-BB-KT");
}

// The PDF through LibreOffice; page 1 as PNG in $LONGGHEP_ARTIFACTS (else the temp directory)
// for people to look at: inspection-record.pdf, inspection-record-page1.png.
TEST(InspectionDocument, PdfRendersTheRecord) {
  if (!pdf_conversion_available()) GTEST_SKIP() << "LibreOffice (soffice) is not installed (scripts/lib.sh installs it)";
  if (!has_tool("pdftoppm") || !has_tool("pdftotext")) GTEST_SKIP() << "poppler-utils is not installed";
  InspectionDocument d = sample();
  if (const char* refused = std::getenv("LONGGHEP_SAMPLE_REFUSED"); refused && *refused == '1') {
    d.signature = InspectionDocument::Signature::refused;
    d.refusal_reason = "Không đồng ý với kết quả kiểm tra";
    d.refusal_witness = "Bà Lê Thị Mai, công chức UBND phường Pleiku";
  }
  const std::string pdf = inspection_pdf(d);
  ASSERT_EQ(pdf.compare(0, 5, "%PDF-"), 0);
  const char* artifacts = std::getenv("LONGGHEP_ARTIFACTS");
  const fs::path out_dir = artifacts && *artifacts ? fs::path(artifacts) : fs::temp_directory_path();
  fs::create_directories(out_dir);
  const fs::path pdf_path = out_dir / "inspection-record.pdf";
  std::ofstream(pdf_path, std::ios::binary) << pdf;
  std::ofstream(out_dir / "inspection-record.docx", std::ios::binary) << inspection_docx(d);
  const fs::path png = out_dir / "inspection-record-page1";
  ASSERT_EQ(std::system(("pdftoppm -r 60 -png -f 1 -l 1 -singlefile '" + pdf_path.string() + "' '" + png.string() + "'").c_str()), 0);
  std::printf("page 1: %s.png\n", png.string().c_str());
  EXPECT_GT(read_all(png.string() + ".png").size(), 10'000u);

  const fs::path txt = out_dir / "inspection-record.txt";
  ASSERT_EQ(std::system(("pdftotext -enc UTF-8 '" + pdf_path.string() + "' '" + txt.string() + "'").c_str()), 0);
  const std::string text = read_all(txt);
  for (const char* s : {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BIÊN BẢN KIỂM TRA",
                        "Gia Lai, ngày 05 tháng 3 năm 2026", "1.234.567 đồng", "ĐẠI DIỆN CƠ SỞ", "TRƯỞNG ĐOÀN KIỂM TRA",
                        "Lương Văn Kiên"})
    EXPECT_NE(text.find(s), std::string::npos) << s << "\n--- text layer ---\n" << text;
  // The signatures never stand alone on a page: the closing paragraph goes with them.
  std::string last = text;
  while (!last.empty() && (last.back() == '\f' || last.back() == '\n')) last.pop_back();
  last = last.substr(last.rfind('\f') == std::string::npos ? 0 : last.rfind('\f'));
  EXPECT_NE(last.find("TRƯỞNG ĐOÀN KIỂM TRA"), std::string::npos) << last;
  EXPECT_NE(last.find("Buổi kiểm tra kết thúc"), std::string::npos) << last;
}
