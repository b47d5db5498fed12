#include "http/reports_document.hpp"

#include "util/bounded.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "export/official_document.hpp"
#include "security/crypto.hpp"
#include "storage/agencies.hpp"
#include "storage/attachments.hpp"
#include "storage/users.hpp"

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

namespace {
std::string cell(const json& v) {
  if (v.is_number_integer()) return vn_number(v.get<long long>());
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "Có" : "Không";
  return "";
}
}  // namespace

namespace {
// Text of a signer field: no control characters but line breaks (title only), at most `lines`
// lines of `chars` characters.
std::string checked_text(const std::string& v, const char* field, size_t lines, size_t chars, const char* vi, const char* en) {
  std::string s = v;
  for (size_t p; (p = s.find("\r\n")) != std::string::npos;) s.replace(p, 2, "\n");
  if (!is_clean_utf8(s) || s.find('\t') != std::string::npos)
    throw Error::Validation(field, std::string(vi) + " có ký tự không hợp lệ", std::string(en) + " has invalid characters");
  size_t n = 0, count = 1;
  std::string out, line;
  auto end_line = [&] {
    const size_t a = line.find_first_not_of(' '), b = line.find_last_not_of(' ');
    line = a == std::string::npos ? "" : line.substr(a, b - a + 1);
    if (n > chars)
      throw Error::Validation(field, std::string(vi) + " dài quá " + std::to_string(chars) + " ký tự mỗi dòng",
                              std::string(en) + " is longer than " + std::to_string(chars) + " characters a line");
    if (!line.empty()) out += (out.empty() ? "" : "\n") + line;
    line.clear();
    n = 0;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n') {
      if (++count > lines)
        throw Error::Validation(field, std::string(vi) + " có nhiều nhất " + std::to_string(lines) + " dòng",
                                std::string(en) + " has at most " + std::to_string(lines) + " lines");
      end_line();
      continue;
    }
    line += s[i];
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  }
  end_line();
  return out;
}
}  // namespace

std::string checked_signer_title(const std::string& v) {
  return checked_text(v, "signerTitle", 3, 60, "Chức vụ người ký", "The signer's title");
}
std::string checked_signer_name(const std::string& v) {
  return checked_text(v, "signerName", 1, 100, "Họ tên người ký", "The signer's name");
}

Signer signer_of(const std::string& query_title, const std::string& query_name, const std::string& profile_title,
                 const std::string& profile_name, const std::string& user_full_name, const decree30::Issuer& issuer) {
  Signer out;
  const std::string qt = checked_signer_title(query_title);
  const std::string qn = checked_signer_name(query_name);
  out.title = !qt.empty() ? qt : !profile_title.empty() ? profile_title : decree30::default_signer_title(issuer);
  out.name = !qn.empty() ? qn : !profile_name.empty() ? profile_name : decree30::signer_name_from(user_full_name);
  out.title = to_upper_vi(out.title);
  return out;
}

std::string checked_recipient(const std::string& q) {
  return checked_text(q, "recipient", 1, 200, "Nơi gửi đến (kính gửi)", "The recipient");
}

std::optional<decree30::Issuer> agency_issuer(soci::session& s, const Hierarchy& h, long long agency_id) {
  if (agency_id == 0) return std::nullopt;
  const std::optional<AgencyHead> a = agency_head(s, agency_id);
  if (!a) return std::nullopt;
  const OrgUnit* u = h.by_id(a->org_unit_id);
  if (!u) return std::nullopt;
  decree30::Issuer is;
  is.name = a->name;
  is.kind = a->kind;
  is.abbreviation = a->abbreviation;
  is.seat = a->seat;
  is.unit = *u;
  is.agency_id = agency_id;
  return is;
}

decree30::Issuer unit_issuer(soci::session& s, const Hierarchy& h, const ProgrammeRoles& roles, const OrgUnit& unit, Date day,
                             long long preferred) {
  if (auto is = agency_issuer(s, h, preferred); is && is->unit.id == unit.id) return *is;
  if (const ProgrammeRole* lead = roles.holder(unit.id, "lead", day))
    if (auto is = agency_issuer(s, h, lead->agency_id)) return *is;
  if (auto is = agency_issuer(s, h, committee_agency(s, unit.id, day))) return *is;
  return decree30::committee_of(unit);
}

std::string recipient_of(soci::session& s, const Hierarchy& h, const ProgrammeRoles& roles, const OrgUnit& to, Date day,
                         long long except_agency) {
  if (const ProgrammeRole* lead = roles.holder(to.id, "lead", day); lead && lead->agency_id != except_agency)
    if (auto is = agency_issuer(s, h, lead->agency_id)) return decree30::recipient_name(is->name, is->kind);
  if (auto is = agency_issuer(s, h, committee_agency(s, to.id, day)); is && is->agency_id != except_agency)
    return decree30::recipient_name(is->name, is->kind);
  return decree30::committee_of(to).name;
}

Signer signer_for_request(Ctx& c, soci::session& s, const decree30::Issuer& issuer) {
  const SignerProfile p = signer_profile(s, c.me().user_id);
  return signer_of(c.q("signerTitle"), c.q("signerName"), p.title, p.name, p.full_name, issuer);
}

OfficialDocument report_head(const decree30::Issuer& issuer, const std::vector<std::string>& recipients,
                             const std::string& subject) {
  OfficialDocument d;
  const decree30::HeaderLines head = decree30::header_lines(issuer);
  d.superior_body = head.governing;
  d.issuing_body = head.issuing;
  d.number_symbol = decree30::number_symbol("BC", decree30::abbreviation(issuer));
  d.place = decree30::seat(issuer);
  d.date = Date::today_vn();
  d.doc_kind = "BÁO CÁO";
  d.subject = subject;
  d.recipients_line = recipients;
  return d;
}

OfficialDocument build_report_document(const ReportDocumentInput& in) {
  OfficialDocument d = report_head(in.issuer, in.recipients, in.form.doc_subject + " " + in.period.label);
  const std::string abbr = decree30::abbreviation(in.issuer);
  const std::string issuer_name = decree30::sentence_name(in.issuer);
  d.body.push_back({DocBlock::paragraph,
                    "Thực hiện Công văn số 221/LĐTBXH-PCTNXH ngày 31/01/2023 hướng dẫn lồng ghép các hoạt động phòng, chống "
                    "mại dâm vào các chương trình, kế hoạch phát triển kinh tế - xã hội, " + issuer_name +
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
    u.title = "Danh sách đơn vị, cơ quan phải báo cáo";
    u.header = {"STT", "Đơn vị, cơ quan", "Trạng thái", "Thời hạn", "Gửi lúc"};
    u.numeric = {false, false, false, false, false};
    static const std::map<std::string, std::string> st = {{"not_started", "Chưa lập"}, {"draft", "Đang lập"},
                                                          {"submitted", "Đã gửi"}, {"returned", "Bị trả lại"},
                                                          {"accepted", "Đã tiếp nhận"}};
    int i = 0;
    // every unit and every agency that must report, as many rows as "Số đơn vị phải báo cáo"
    auto list = [&](const json& items, const char* who) {
      if (!items.is_array()) return;
      for (const auto& x : items) {
        const std::string s = x["status"].get<std::string>();
        const std::string tl = x["timeliness"].get<std::string>();
        std::string status = st.count(s) ? st.at(s) : s;
        if (tl == "late") status += " (muộn)";
        if (tl == "missing") status += " (quá hạn)";
        const json& ref = x[who];
        std::string name = ref.contains("fullName") && ref["fullName"].is_string() ? ref["fullName"].get<std::string>()
                                                                                   : ref["name"].get<std::string>();
        u.rows.push_back({std::to_string(++i), decree30::lower_unit_types(name, true), status,
                          Date::parse(x["deadline"].get<std::string>())->vn(),
                          x["submittedAt"].is_string() ? Date::parse(x["submittedAt"].get<std::string>().substr(0, 10))->vn() : ""});
      }
    };
    list(comp["units"], "orgUnit");
    list(comp.contains("agencies") ? comp["agencies"] : json::array(), "agency");
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
  d.noi_nhan = decree30::noi_nhan(in.recipients, abbr);
  d.signer_title = !in.signer_title.empty() ? in.signer_title : decree30::default_signer_title(in.issuer);
  d.signer_name = in.signer_name;
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
