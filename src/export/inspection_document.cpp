#include "export/inspection_document.hpp"

#include <cctype>
#include <sstream>

#include "domain/decree30.hpp"
#include "domain/hierarchy.hpp"
#include "domain/text.hpp"
#include "export/official_document.hpp"

namespace longghep {
using nlohmann::json;

namespace {

std::string trim(std::string s) {
  const char* ws = " \t\n";
  s.erase(0, s.find_first_not_of(ws));
  s.erase(s.find_last_not_of(ws) + 1);
  return s;
}

bool starts_with_digit(const std::string& s) { return !s.empty() && s[0] >= '0' && s[0] <= '9'; }

// The same word in any case at the start ("Điều 7", "điều 7"): compared folded.
bool starts_with_word(const std::string& s, const std::string& word) {
  const std::string f = fold_for_search(s), w = fold_for_search(word);
  return f.rfind(w, 0) == 0 && (f.size() == w.size() || f[w.size()] == ' ');
}

std::string with_word(const std::string& word, const std::string& value) {
  const std::string v = trim(value);
  if (v.empty()) return "";
  return starts_with_word(v, word) ? v : word + " " + v;
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// "09:30" → "09 giờ 30 phút"; anything else as given.
std::string clock_words(const std::string& hhmm) {
  if (hhmm.size() == 5 && hhmm[2] == ':') return hhmm.substr(0, 2) + " giờ " + hhmm.substr(3, 2) + " phút";
  return hhmm;
}

// "ngày 05 tháng 01 năm 2026" (Decree 30: a leading zero for days below 10, months 1 and 2).
std::string date_words(Date d) {
  return "ngày " + two(d.day()) + " tháng " + (d.month() <= 2 ? two(d.month()) : std::to_string(d.month())) + " năm " +
         std::to_string(d.year());
}

std::string end_sentence(std::string s) {
  s = trim(s);
  if (!s.empty() && s.back() != '.' && s.back() != '!' && s.back() != '?' && s.back() != ':' && s.back() != ';') s += '.';
  return s;
}

std::string count(long long n) {
  std::string d = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < d.size(); ++i) {
    if (i && (d.size() - i) % 3 == 0) out += '.';
    out += d[i];
  }
  return (n < 0 ? "-" : "") + out;
}

// Initials of the words that start with a letter, numbers whole: "Đội kiểm tra liên ngành 178"
// → "ĐKTLN178".
std::string initials(const std::string& name) {
  std::string out;
  std::istringstream words(name);
  for (std::string w; words >> w;) {
    if (starts_with_digit(w)) {
      for (char c : w)
        if (c >= '0' && c <= '9') out += c;
      continue;
    }
    size_t i = 0;
    const char32_t cp = utf8_next(w, i);
    if (cp == 0x110 || cp == 0x111) {
      out += "Đ";
      continue;
    }
    const std::string folded = fold_for_search(w.substr(0, i));
    if (!folded.empty() && std::isalpha(static_cast<unsigned char>(folded[0])))
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(folded[0])));
  }
  return out;
}

// JSON accessors that never throw on a missing or null field.
std::string str(const json& o, const char* key) {
  if (!o.is_object()) return "";
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : "";
}
const json& obj(const json& o, const char* key) {
  static const json null;
  if (!o.is_object()) return null;
  auto it = o.find(key);
  return it != o.end() ? *it : null;
}
bool flag(const json& o, const char* key) {
  const json& v = obj(o, key);
  return v.is_boolean() && v.get<bool>();
}
long long integer(const json& o, const char* key) {
  const json& v = obj(o, key);
  return v.is_number_integer() ? v.get<long long>() : 0;
}
std::optional<Date> date_of(const json& o, const char* key) {
  const std::string s = str(o, key);
  return s.size() >= 10 ? Date::parse(s.substr(0, 10)) : std::nullopt;
}

// An OrgUnitRef as the hierarchy's unit, enough for decree30 (names, kind, not the root).
OrgUnit unit_of(const json& ref) {
  OrgUnit u;
  u.id = integer(ref, "id");
  u.code = str(ref, "code");
  u.name = str(ref, "name");
  u.kind = str(ref, "kind");
  u.full_name = str(ref, "fullName");
  if (u.full_name.empty()) u.full_name = u.kind == "province" && !u.name.empty() ? "Tỉnh " + u.name : u.name;
  u.parent_code = u.kind == "central" ? "" : "-";
  return u;
}

// "2026-03-12T09:30" → {date, "09:30"}.
std::pair<std::optional<Date>, std::string> date_time(const std::string& s) {
  if (s.size() < 16 || s[10] != 'T') return {s.size() >= 10 ? Date::parse(s.substr(0, 10)) : std::nullopt, ""};
  return {Date::parse(s.substr(0, 10)), s.substr(11, 5)};
}

}  // namespace

std::string result_vi(InspectionDocument::Result r) {
  switch (r) {
    case InspectionDocument::Result::pass: return "Đạt";
    case InspectionDocument::Result::fail: return "Không đạt";
    case InspectionDocument::Result::na: break;
  }
  return "Không áp dụng";
}

std::string legal_citation(const InspectionDocument::LegalReference& r) {
  std::string out;
  auto add = [&](const std::string& part) {
    if (!part.empty()) out += (out.empty() ? "" : " ") + part;
  };
  add(with_word("điểm", r.point));
  add(with_word("khoản", r.clause));
  add(with_word("Điều", r.article));
  std::string instrument = trim(r.instrument);
  if (starts_with_digit(instrument))  // "144/2021/NĐ-CP": a decree by its symbol
    instrument = (instrument.find("NĐ-CP") != std::string::npos ? "Nghị định số " : "văn bản số ") + instrument;
  else if (starts_with_word(instrument, "Nghị định") && !starts_with_word(instrument, "Nghị định số")) {
    const std::string rest = trim(instrument.substr(std::string("Nghị định").size()));
    if (starts_with_digit(rest)) instrument = "Nghị định số " + rest;
  }
  add(instrument);
  return out;
}

std::string vnd(long long amount) { return count(amount) + " đồng"; }

OfficialDocument build_inspection_document(const InspectionDocument& d) {
  OfficialDocument o;
  o.superior_body = d.governing_body;
  o.issuing_body = d.issuing_body;
  o.number_symbol = d.number_symbol;
  o.place = d.place;
  o.date = d.date;
  o.doc_kind = "BIÊN BẢN KIỂM TRA";
  o.subject = std::string("Việc chấp hành quy định về an ninh, trật tự và phòng, chống mại dâm\n"
                          "tại cơ sở kinh doanh dịch vụ") +
              (d.draft ? "\n(Dự thảo)" : "");
  auto heading = [&](const std::string& t) { o.body.push_back({DocBlock::heading, t, {}}); };
  auto para = [&](const std::string& t) { o.body.push_back({DocBlock::paragraph, t, {}}); };
  const std::string team = trim(d.team_name).empty() ? "Đoàn kiểm tra" : trim(d.team_name);
  const auto& b = d.business;

  // The legal basis.
  para("Căn cứ Nghị định số 96/2016/NĐ-CP ngày 01/7/2016 của Chính phủ quy định điều kiện về an ninh, trật tự đối "
       "với một số ngành, nghề đầu tư kinh doanh có điều kiện;");
  if (!trim(d.team_decision).empty()) para("Căn cứ " + trim(d.team_decision) + " về việc thành lập " + team + ";");
  if (!trim(d.plan_basis).empty() || !trim(d.plan_title).empty()) {
    std::string basis = trim(d.plan_basis);
    if (starts_with_digit(basis)) basis = "Kế hoạch số " + basis;
    std::string s = "Thực hiện " + (basis.empty() ? trim(d.plan_title) : basis);
    if (d.plan_date) s += " ngày " + d.plan_date->vn();
    if (!basis.empty() && !trim(d.plan_title).empty()) s += " (" + trim(d.plan_title) + ")";
    para(s + ",");
  }
  std::string opening = "Hôm nay, " + (d.started_at.empty() ? "" : "vào hồi " + clock_words(d.started_at) + ", ") +
                        date_words(d.date) + ", tại cơ sở " + (trim(b.name).empty() ? "…" : trim(b.name)) +
                        (trim(b.address).empty() ? "" : " (địa chỉ: " + trim(b.address) + ")") + ", " + team +
                        " tiến hành kiểm tra " +
                        (d.unannounced ? "đột xuất (không báo trước)" : "theo kế hoạch (có thông báo trước)") +
                        " việc chấp hành quy định về an ninh, trật tự và phòng, chống mại dâm của cơ sở.";
  para(opening);

  // I. Who was present.
  heading("I. THÀNH PHẦN");
  heading("1. Đoàn kiểm tra");
  if (d.members.empty()) {
    para("(Không ghi nhận thành viên có mặt.)");
  } else {
    DocTable t;
    t.header = {"STT", "Họ và tên", "Chức vụ", "Cơ quan"};
    t.numeric = {false, false, false, false};
    int i = 0;
    for (const auto& m : d.members) t.rows.push_back({std::to_string(++i), m.name, m.position, m.agency});
    o.body.push_back({DocBlock::table, "", t});
  }
  heading("2. Đại diện cơ sở");
  para("Ông/Bà: " + (trim(d.representative_name).empty() ? std::string("……………………") : trim(d.representative_name)) +
       (trim(d.representative_role).empty() ? "" : "; chức vụ: " + trim(d.representative_role)) + ".");

  // II. The business.
  heading("II. THÔNG TIN VỀ CƠ SỞ");
  auto line = [&](const std::string& label, const std::string& value) {
    para("- " + label + ": " + (trim(value).empty() ? std::string("(không có)") : trim(value)) + ".");
  };
  line("Tên cơ sở", b.name);
  line("Loại hình kinh doanh", b.type);
  line("Địa chỉ", b.address);
  line("Xã, phường", b.commune);
  line("Chủ cơ sở", b.owner);
  line("Người chịu trách nhiệm về an ninh, trật tự", b.antt_person);
  std::string cert = trim(b.cert_number).empty() ? "" : "số " + trim(b.cert_number);
  if (b.cert_date) cert += (cert.empty() ? "" : " ") + std::string("ngày ") + b.cert_date->vn();
  if (!trim(b.cert_issuer).empty()) cert += (cert.empty() ? "" : " ") + std::string("do ") + trim(b.cert_issuer) + " cấp";
  line("Giấy chứng nhận đủ điều kiện về an ninh, trật tự", cert.empty() ? "(chưa có)" : cert);

  // III. Results.
  heading("III. KẾT QUẢ KIỂM TRA");
  heading("1. Kết quả kiểm tra theo danh mục");
  if (d.checklist.empty()) {
    para("(Không có nội dung kiểm tra theo danh mục.)");
  } else {
    DocTable t;
    t.header = {"STT", "Nội dung kiểm tra", "Kết quả", "Ghi chú"};
    t.numeric = {false, false, false, false};
    int i = 0, passed = 0, failed = 0;
    for (const auto& c : d.checklist) {
      t.rows.push_back({std::to_string(++i), c.text, result_vi(c.result), c.note});
      passed += c.result == InspectionDocument::Result::pass;
      failed += c.result == InspectionDocument::Result::fail;
    }
    para("Kiểm tra " + count(i) + " nội dung: đạt " + count(passed) + ", không đạt " + count(failed) +
         ", không áp dụng " + count(i - passed - failed) + ".");
    o.body.push_back({DocBlock::table, "", t});
  }
  heading("2. Nhận xét");
  para(trim(d.findings).empty() ? "(Không có.)" : end_sentence(d.findings));

  // IV. Violations and how they are dealt with.
  heading("IV. HÀNH VI VI PHẠM VÀ BIỆN PHÁP XỬ LÝ");
  heading("1. Hành vi vi phạm");
  if (d.violations.empty()) {
    para("Qua kiểm tra, Đoàn không phát hiện hành vi vi phạm.");
  } else {
    long long total = 0;
    int i = 0;
    for (const auto& v : d.violations) {
      total += v.fine;
      std::string s = std::to_string(++i) + ". " + end_sentence(trim(v.description).empty() ? "(Không mô tả)" : v.description);
      const std::string cite = legal_citation(v.reference);
      const std::string title = trim(v.reference.title);
      if (!cite.empty()) s += " Hành vi vi phạm quy định tại " + cite + (title.empty() ? "" : " (" + title + ")") + ".";
      s += " Số tiền phạt: " + vnd(v.fine);
      s += trim(v.sanction_decision).empty() ? "." : " (Quyết định xử phạt số " + trim(v.sanction_decision) + ").";
      para(s);
    }
    para("Tổng số tiền phạt: " + vnd(total) + ".");
  }
  heading("2. Biện pháp xử lý");
  std::vector<std::string> measures;
  if (d.suspension)
    measures.push_back("Tạm đình chỉ hoạt động kinh doanh" +
                       (d.suspension_days ? " " + count(*d.suspension_days) + " ngày" : std::string()));
  if (d.cert_withdrawal) measures.push_back("Thu hồi Giấy chứng nhận đủ điều kiện về an ninh, trật tự");
  if (!trim(d.other_measures).empty()) measures.push_back(trim(d.other_measures));
  if (measures.empty()) para("Không áp dụng biện pháp xử lý.");
  for (auto& m : measures) {
    while (!m.empty() && (m.back() == '.' || m.back() == ';')) m.pop_back();
    para("- " + m + ";");
  }
  heading("3. Chuyển cơ quan Công an");
  para(d.police_handover
           ? "Đoàn bàn giao vụ việc cho cơ quan Công an để xử lý theo thẩm quyền" +
                 (trim(d.police_handover_note).empty() ? std::string(".") : ": " + end_sentence(d.police_handover_note))
           : "Không.");

  // V. Outreach (counts only: no worker is named in the record).
  heading("V. TUYÊN TRUYỀN, HỖ TRỢ NGƯỜI LAO ĐỘNG");
  para("Đoàn đã tuyên truyền, phổ biến pháp luật cho " + count(d.informed) + " lượt người; hỗ trợ khám sức khỏe " +
       count(d.health_checked) + " lượt người; giới thiệu đến dịch vụ hỗ trợ " + count(d.referred) + " lượt người.");

  // VI. Re-inspection.
  heading("VI. KIẾN NGHỊ, TÁI KIỂM TRA");
  para(d.reinspection_due ? "Cơ sở khắc phục các tồn tại, vi phạm nêu trên; Đoàn sẽ tái kiểm tra chậm nhất vào ngày " +
                                d.reinspection_due->vn() + "."
                          : "Không đặt lịch tái kiểm tra.");

  // Closing.
  std::string end = "Buổi kiểm tra kết thúc";
  if (!d.ended_at.empty())
    end += " vào hồi " + clock_words(d.ended_at) + (d.ended_on && *d.ended_on != d.date ? " " + date_words(*d.ended_on) : " cùng ngày");
  end += ". Biên bản được lập thành 02 bản có giá trị như nhau, Đoàn kiểm tra giữ 01 bản, cơ sở giữ 01 bản; đã đọc lại "
         "cho những người có tên trên cùng nghe";
  const bool refused = d.signature == InspectionDocument::Signature::refused;
  end += refused ? "." : ", nhất trí và ký tên.";
  para(end);
  if (refused) {
    para("Đại diện cơ sở từ chối ký biên bản. Lý do: " +
         (trim(d.refusal_reason).empty() ? std::string("(không nêu).") : end_sentence(d.refusal_reason)) +
         " Người chứng kiến: " + (trim(d.refusal_witness).empty() ? std::string("(không có).") : end_sentence(d.refusal_witness)));
  }

  DocSignature business_side{"ĐẠI DIỆN CƠ SỞ", refused ? "Đại diện cơ sở từ chối ký" : "(Ký, ghi rõ họ tên)",
                             trim(d.representative_name)};
  DocSignature team_side{"TRƯỞNG ĐOÀN KIỂM TRA", "(Ký, ghi rõ họ tên)", trim(d.team_lead)};
  o.signatures = {business_side, team_side};
  if (refused) o.signatures.push_back({"NGƯỜI CHỨNG KIẾN", "(Ký, ghi rõ họ tên)", trim(d.refusal_witness)});
  return o;
}

std::string inspection_docx(const InspectionDocument& d) {
  std::ostringstream out;
  write_docx(build_inspection_document(d), out);
  return out.str();
}

std::string inspection_pdf(const InspectionDocument& d) { return docx_to_pdf(inspection_docx(d)); }

InspectionDocument inspection_document_from_json(const json& in, const json& business, const json& team,
                                                 const json& plan) {
  InspectionDocument d;
  // The team: the issuing body under its unit's People's Committee, seated in its unit.
  const OrgUnit unit = unit_of(obj(team, "orgUnit"));
  decree30::Issuer issuer;
  issuer.name = str(team, "name").empty() ? str(obj(in, "team"), "name") : str(team, "name");
  issuer.kind = "so";
  issuer.unit = unit;
  const decree30::HeaderLines h = decree30::header_lines(issuer);
  d.governing_body = str(team, "governingBody").empty() ? (unit.name.empty() ? "" : h.governing) : str(team, "governingBody");
  d.issuing_body = h.issuing;
  d.team_name = decree30::sentence_name(issuer);
  d.place = unit.name.empty() ? "" : decree30::seat(issuer);
  if (const std::string ref = trim(str(team, "decisionRef")); !ref.empty())
    d.team_decision = starts_with_digit(ref) ? "Quyết định số " + ref : ref;

  const std::string code = trim(str(in, "code"));
  const std::string abbr = initials(h.issuing);
  const std::string symbol = abbr.empty() ? "BB" : "BB-" + abbr;
  d.number_symbol = "Số: " + (code.empty() ? std::string("      ") : code) +
                    (code.find('/') != std::string::npos ? "" : "/" + symbol);
  if (auto on = date_of(in, "inspectedOn")) d.date = *on;
  d.started_at = date_time(str(in, "startedAt")).second;
  if (const auto [day, at] = date_time(str(in, "endedAt")); !at.empty()) {
    d.ended_at = at;
    d.ended_on = day;
  }
  d.unannounced = flag(in, "unannounced");
  d.draft = str(in, "status") == "draft";

  if (plan.is_object()) {
    d.plan_basis = str(plan, "legalBasis");
    d.plan_date = date_of(plan, "legalBasisDate");
    d.plan_title = str(plan, "title");
  } else if (obj(in, "plan").is_object()) {
    d.plan_title = str(obj(in, "plan"), "title");
  }

  // Members present; the signer is the team's lead when present, else the first present.
  std::optional<long long> lead_id;
  std::string lead_name;
  for (const auto& m : obj(team, "members").is_array() ? obj(team, "members") : json::array())
    if (flag(m, "isLead") && (!obj(m, "active").is_boolean() || flag(m, "active"))) {
      lead_id = integer(m, "id");
      lead_name = str(m, "fullName");
      break;
    }
  for (const auto& m : obj(in, "membersPresent").is_array() ? obj(in, "membersPresent") : json::array()) {
    d.members.push_back({str(m, "fullName"), str(m, "position"), str(m, "agencyName")});
    const bool is_lead = (lead_id && obj(m, "memberId").is_number_integer() && integer(m, "memberId") == *lead_id) ||
                         (!lead_name.empty() && str(m, "fullName") == lead_name);
    if (is_lead) d.team_lead = str(m, "fullName");
  }
  if (d.team_lead.empty() && !d.members.empty()) d.team_lead = d.members.front().name;

  // The business: the registry's record, else the inspection's summary of it.
  const json& bsum = obj(in, "business");
  auto bstr = [&](const char* key) { return str(business, key).empty() ? str(bsum, key) : str(business, key); };
  d.business.name = bstr("name");
  d.business.address = bstr("address");
  d.business.type = str(business, "typeName").empty() ? bstr("typeCode") : str(business, "typeName");
  const json& commune = obj(obj(business, "commune"), "orgUnit").is_object() ? obj(obj(business, "commune"), "orgUnit")
                                                                              : obj(obj(in, "commune"), "orgUnit");
  d.business.commune = str(commune, "fullName").empty() ? str(commune, "name") : str(commune, "fullName");
  d.business.owner = str(business, "ownerName");
  d.business.antt_person = str(business, "anttPerson");
  d.business.cert_number = str(business, "anttCertNumber");
  d.business.cert_date = date_of(business, "anttCertDate");
  d.business.cert_issuer = str(business, "anttCertIssuer");
  d.representative_name = str(in, "representativeName");
  d.representative_role = str(in, "representativeRole");

  for (const auto& it : obj(obj(in, "checklist"), "items").is_array() ? obj(obj(in, "checklist"), "items") : json::array()) {
    const std::string r = str(it, "result");
    d.checklist.push_back({str(it, "textVi"),
                           r == "pass"   ? InspectionDocument::Result::pass
                           : r == "fail" ? InspectionDocument::Result::fail
                                         : InspectionDocument::Result::na,
                           str(it, "note")});
  }
  d.findings = str(in, "findings");

  for (const auto& v : obj(in, "violations").is_array() ? obj(in, "violations") : json::array()) {
    const json& ref = obj(v, "legalReference");
    d.violations.push_back({str(v, "description"),
                            {str(ref, "instrument"), str(ref, "article"), str(ref, "clause"), str(ref, "point"), str(ref, "titleVi")},
                            integer(v, "fineAmount"),
                            str(v, "sanctionDecision")});
  }

  const json& m = obj(in, "measures");
  d.suspension = flag(m, "suspension");
  if (obj(m, "suspensionDays").is_number_integer()) d.suspension_days = static_cast<int>(integer(m, "suspensionDays"));
  d.cert_withdrawal = flag(m, "certWithdrawal");
  d.other_measures = str(m, "other");
  d.police_handover = flag(in, "policeHandover");
  d.police_handover_note = str(in, "policeHandoverNote");

  const json& o = obj(in, "outreach");
  d.informed = integer(o, "informed");
  d.health_checked = integer(o, "healthChecked");
  d.referred = integer(o, "referred");

  const std::string sig = str(in, "signature");
  d.signature = sig == "signed"    ? InspectionDocument::Signature::signed_
                : sig == "refused" ? InspectionDocument::Signature::refused
                                   : InspectionDocument::Signature::pending;
  d.refusal_reason = str(in, "refusalReason");
  d.refusal_witness = str(in, "refusalWitness");
  d.reinspection_due = date_of(in, "reinspectionDue");
  return d;
}

}  // namespace longghep
