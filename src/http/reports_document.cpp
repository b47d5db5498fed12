#include "http/reports_document.hpp"

#include "util/bounded.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/error.hpp"
#include "export/official_document.hpp"
#include "security/crypto.hpp"
#include "storage/attachments.hpp"

namespace longghep {
using nlohmann::json;

std::string vn_number(long long n) {
  std::string d = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < d.size(); ++i) {
    if (i && (d.size() - i) % 3 == 0) out += '.';
    out += d[i];
  }
  return (n < 0 ? "-" : "") + out;
}

std::string upper_vi(const std::string& s) {  // the names we print are short: map the Vietnamese letters
  static const std::vector<std::pair<std::string, std::string>> map = {
      {"á", "Á"}, {"à", "À"}, {"ả", "Ả"}, {"ã", "Ã"}, {"ạ", "Ạ"}, {"ă", "Ă"}, {"ắ", "Ắ"}, {"ằ", "Ằ"}, {"ẳ", "Ẳ"}, {"ẵ", "Ẵ"},
      {"ặ", "Ặ"}, {"â", "Â"}, {"ấ", "Ấ"}, {"ầ", "Ầ"}, {"ẩ", "Ẩ"}, {"ẫ", "Ẫ"}, {"ậ", "Ậ"}, {"đ", "Đ"}, {"é", "É"}, {"è", "È"},
      {"ẻ", "Ẻ"}, {"ẽ", "Ẽ"}, {"ẹ", "Ẹ"}, {"ê", "Ê"}, {"ế", "Ế"}, {"ề", "Ề"}, {"ể", "Ể"}, {"ễ", "Ễ"}, {"ệ", "Ệ"}, {"í", "Í"},
      {"ì", "Ì"}, {"ỉ", "Ỉ"}, {"ĩ", "Ĩ"}, {"ị", "Ị"}, {"ó", "Ó"}, {"ò", "Ò"}, {"ỏ", "Ỏ"}, {"õ", "Õ"}, {"ọ", "Ọ"}, {"ô", "Ô"},
      {"ố", "Ố"}, {"ồ", "Ồ"}, {"ổ", "Ổ"}, {"ỗ", "Ỗ"}, {"ộ", "Ộ"}, {"ơ", "Ơ"}, {"ớ", "Ớ"}, {"ờ", "Ờ"}, {"ở", "Ở"}, {"ỡ", "Ỡ"},
      {"ợ", "Ợ"}, {"ú", "Ú"}, {"ù", "Ù"}, {"ủ", "Ủ"}, {"ũ", "Ũ"}, {"ụ", "Ụ"}, {"ư", "Ư"}, {"ứ", "Ứ"}, {"ừ", "Ừ"}, {"ử", "Ử"},
      {"ữ", "Ữ"}, {"ự", "Ự"}, {"ý", "Ý"}, {"ỳ", "Ỳ"}, {"ỷ", "Ỷ"}, {"ỹ", "Ỹ"}, {"ỵ", "Ỵ"}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    bool done = false;
    for (const auto& [lo, up] : map)
      if (s.compare(i, lo.size(), lo) == 0) { out += up; i += lo.size(); done = true; break; }
    if (!done) { out += static_cast<char>(std::toupper(static_cast<unsigned char>(s[i]))); ++i; }
  }
  return out;
}

namespace {
std::string cell(const json& v) {
  if (v.is_number_integer()) return vn_number(v.get<long long>());
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "Có" : "Không";
  return "";
}
}  // namespace

OfficialDocument build_report_document(const ReportDocumentInput& in) {
  OfficialDocument d;
  const bool central = in.unit.parent_code.empty();
  const bool province = in.unit.kind == "province";
  d.superior_body = central ? "BỘ Y TẾ" : upper_vi("Ủy ban nhân dân " + in.unit.full_name);
  d.issuing_body = !in.issuing_agency_name.empty() ? upper_vi(in.issuing_agency_name) : upper_vi("Ủy ban nhân dân " + in.unit.name);
  if (!in.issuing_agency_name.empty() && in.issuing_agency_name.find("Ủy ban nhân dân") == 0) d.superior_body.clear();
  d.number_symbol = "Số:       /BC-" + std::string(province ? "SYT" : central ? "BYT" : "UBND");
  d.place = in.unit.name;
  for (auto it = in.ancestors.rbegin(); it != in.ancestors.rend(); ++it)
    if (it->kind == "province") { d.place = it->name; break; }
  d.date = Date::today_vn();
  d.doc_kind = "BÁO CÁO";
  d.subject = in.form.doc_subject + " " + in.period.label;
  if (in.ancestors.size() >= 1) {
    const OrgUnit& up = in.ancestors.back();
    d.recipients_line.push_back(up.parent_code.empty() ? "Bộ Y tế (Cục Bảo trợ xã hội)" : "Ủy ban nhân dân " + up.full_name);
  }
  d.body.push_back({DocBlock::paragraph,
                    "Thực hiện Công văn số 221/LĐTBXH-PCTNXH ngày 31/01/2023 hướng dẫn lồng ghép các hoạt động phòng, chống "
                    "mại dâm vào các chương trình, kế hoạch phát triển kinh tế - xã hội, " + in.unit.full_name +
                        " báo cáo kết quả " + in.period.label + " (từ ngày " + in.period.from.vn() + " đến ngày " +
                        in.period.to.vn() + ") như sau:",
                    {}});
  // The figures: the unit's own report; for a level with units below, the compiled total next to it.
  const bool has_units = in.compiled.contains("units") && !in.compiled["units"].empty();
  const json& comp = in.compiled;
  std::string section;
  DocTable t;
  int n = 0;
  auto flush = [&] {
    if (!t.rows.empty()) d.body.push_back({DocBlock::table, "", t});
    t = DocTable{};
  };
  for (const auto& e : in.form.elements) {
    if (e.value_type == "text") continue;
    if (e.section != section) {
      flush();
      section = e.section;
      d.body.push_back({DocBlock::heading, e.section, {}});
      t.header = has_units ? std::vector<std::string>{"STT", "Chỉ tiêu", "Tổng hợp từ đơn vị cấp dưới", "Của đơn vị", "Tổng cộng"}
                           : std::vector<std::string>{"STT", "Chỉ tiêu", "Kết quả"};
      t.numeric = has_units ? std::vector<bool>{false, false, true, true, true} : std::vector<bool>{false, false, true};
    }
    ++n;
    const json v = in.values.contains(e.code) ? in.values[e.code] : json(nullptr);
    if (has_units) {
      const json c = comp["compiled"].contains(e.code) ? comp["compiled"][e.code] : json(0);
      const json o = comp["own"].contains(e.code) ? comp["own"][e.code] : v;
      const json tot = comp["total"].contains(e.code) ? comp["total"][e.code] : json(nullptr);
      t.rows.push_back({std::to_string(n), e.label_vi, cell(c), cell(o), cell(tot)});
    } else {
      t.rows.push_back({std::to_string(n), e.label_vi, cell(v)});
    }
  }
  flush();
  if (has_units) {
    const json& k = comp["completeness"];
    d.body.push_back({DocBlock::heading, "Tình hình báo cáo của đơn vị cấp dưới", {}});
    d.body.push_back({DocBlock::paragraph,
                      "Số đơn vị phải báo cáo: " + vn_number(k["expected"].get<long long>()) + "; đã gửi: " +
                          vn_number(k["submitted"].get<long long>()) + " (đúng hạn " + vn_number(k["onTime"].get<long long>()) +
                          ", muộn " + vn_number(k["late"].get<long long>()) + "); đã tiếp nhận: " +
                          vn_number(k["accepted"].get<long long>()) + "; chưa gửi, quá hạn: " +
                          vn_number(k["missing"].get<long long>()) + ".",
                      {}});
    DocTable u;
    u.title = "Danh sách đơn vị";
    u.header = {"STT", "Đơn vị", "Trạng thái", "Thời hạn", "Gửi lúc"};
    u.numeric = {false, false, false, false, false};
    static const std::map<std::string, std::string> st = {{"not_started", "Chưa lập"}, {"draft", "Đang lập"},
                                                          {"submitted", "Đã gửi"}, {"returned", "Bị trả lại"},
                                                          {"accepted", "Đã tiếp nhận"}};
    int i = 0;
    for (const auto& x : comp["units"]) {
      const std::string s = x["status"].get<std::string>();
      const std::string tl = x["timeliness"].get<std::string>();
      std::string status = st.count(s) ? st.at(s) : s;
      if (tl == "late") status += " (muộn)";
      if (tl == "missing") status += " (quá hạn)";
      u.rows.push_back({std::to_string(++i), x["orgUnit"]["name"].get<std::string>(), status,
                        Date::parse(x["deadline"].get<std::string>())->vn(),
                        x["submittedAt"].is_string() ? Date::parse(x["submittedAt"].get<std::string>().substr(0, 10))->vn() : ""});
    }
    d.body.push_back({DocBlock::table, "", u});
    // The units whose figures are not in the compilation (confirmed by the submitter once frozen).
    if (comp.contains("missingUnits") && comp["missingUnits"].is_array() && !comp["missingUnits"].empty()) {
      std::string names;
      for (const auto& m : comp["missingUnits"])
        names += (names.empty() ? "" : ", ") + m.value("name", std::string());
      d.body.push_back({DocBlock::paragraph, "Đơn vị chưa báo cáo: " + names + ".", {}});
    }
  }
  for (const auto& e : in.form.elements) {
    if (e.value_type != "text") continue;
    d.body.push_back({DocBlock::heading, e.label_vi, {}});
    const std::string text = in.values.contains(e.code) && in.values[e.code].is_string() ? in.values[e.code].get<std::string>() : "";
    d.body.push_back({DocBlock::paragraph, text.empty() ? "(Chưa có nội dung.)" : text, {}});
  }
  d.noi_nhan = {"- Như trên;", "- Lưu: VT."};
  d.signer_title = central ? "CỤC TRƯỞNG" : province ? "GIÁM ĐỐC" : "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH";
  return d;
}

Response report_document_response(const ReportDocumentInput& in, const std::string& format) {
  return official_document_response(build_report_document(in), "bao-cao-" + in.form.code + "-" + in.period.code + "-" + in.unit.code,
                                    format);
}

namespace {
constexpr int kPdfRenders = 2, kOtherRenders = 4, kRendersPerUser = 2;
Semaphore& pdf_renders() {
  static Semaphore s(kPdfRenders);
  return s;
}
Semaphore& other_renders() {
  static Semaphore s(kOtherRenders);
  return s;
}
KeyedCounter& renders_per_user() {
  static KeyedCounter c(kRendersPerUser);
  return c;
}
}  // namespace

RenderPermit::RenderPermit(const std::string& format, long long user_id) : pdf_(format == "pdf"), user_id_(user_id) {
  if (!renders_per_user().try_add(user_id_)) throw Error::TooMany("xuất văn bản", "document renders", 5);
  Semaphore& s = pdf_ ? pdf_renders() : other_renders();
  if (!s.try_acquire_for(std::chrono::milliseconds(pdf_ ? 10000 : 5000))) {
    renders_per_user().remove(user_id_);
    throw Error::Busy(pdf_ ? 10 : 3);
  }
}

RenderPermit::~RenderPermit() {
  (pdf_ ? pdf_renders() : other_renders()).release();
  renders_per_user().remove(user_id_);
}

Response official_document_response(const OfficialDocument& d, const std::string& base, const std::string& format) {
  Response r;
  if (format == "xlsx") {
    const std::string path = (std::filesystem::temp_directory_path() / ("longghep-annex-" + security::random_token(8))).string();
    write_annex_xlsx(d, path);
    {
      std::ifstream f(path, std::ios::binary);
      std::ostringstream os;
      os << f.rdbuf();
      r.body = os.str();
    }
    std::remove(path.c_str());
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.headers.push_back({"Content-Disposition", content_disposition(base + "-phu-luc.xlsx")});
    return r;
  }
  std::ostringstream docx;
  write_docx(d, docx);
  if (format == "pdf") {
    r.body = docx_to_pdf(docx.str());
    r.content_type = "application/pdf";
    r.headers.push_back({"Content-Disposition", content_disposition(base + ".pdf")});
    return r;
  }
  r.body = docx.str();
  r.content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  r.headers.push_back({"Content-Disposition", content_disposition(base + ".docx")});
  return r;
}

}  // namespace longghep
