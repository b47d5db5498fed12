#include "http/evaluation_document.hpp"

#include <cmath>

#include "export/official_document.hpp"
#include "http/reports_document.hpp"

namespace longghep {
using nlohmann::json;

std::string vn_percent(const json& v) {
  if (!v.is_number()) return "";
  const long long tenths = std::llround(v.get<double>() * 10.0);
  std::string s = vn_number(tenths / 10);
  if (tenths % 10) s += "," + std::to_string(tenths % 10);
  return s + "%";
}

namespace {
std::string str(const json& v) { return v.is_string() ? v.get<std::string>() : ""; }
std::string num(const json& v) { return v.is_number_integer() ? vn_number(v.get<long long>()) : ""; }

const std::map<std::string, std::string> kStatus = {{"not_started", "Chưa thực hiện"}, {"partly", "Thực hiện một phần"},
                                                    {"done", "Hoàn thành"}, {"over", "Vượt kế hoạch"}};

std::string name_of(const EvaluationDocumentInput& in, const std::string& table, const json& code) {
  if (!code.is_string()) return "";
  auto t = in.names.find(table);
  if (t != in.names.end())
    if (auto it = t->second.find(code.get<std::string>()); it != t->second.end()) return it->second;
  return code.get<std::string>();
}

std::string with_unit(const json& qty, const std::string& unit) {
  if (!qty.is_number_integer()) return "";
  return unit.empty() ? num(qty) : num(qty) + " " + unit;
}

// The measure in words when the unit does not say it: "người" for people, "hoạt động" for a count.
std::string achieved_unit(const json& planned) {
  const std::string unit = str(planned["unit"]);
  if (!unit.empty()) return unit;
  return str(planned["measure"]) == "people" ? "người" : "hoạt động";
}

std::string narrative_or_blank(const json& n, const char* key) {
  const std::string t = n.is_object() ? str(n[key]) : "";
  return t.empty() ? "(Chưa có nội dung.)" : t;
}
}  // namespace

OfficialDocument build_evaluation_document(const EvaluationDocumentInput& in) {
  const json& e = in.evaluation;
  const json& plan = e["plan"];
  const int year = e["year"].get<int>();
  OfficialDocument d = report_head(
      in.issuer, in.recipients,
      "Đánh giá kết quả thực hiện kế hoạch lồng ghép các hoạt động phòng, chống mại dâm năm " + std::to_string(year));
  const std::string abbr = decree30::abbreviation(in.issuer);
  const std::string issuer_name = decree30::sentence_name(in.issuer);

  const json& t = e["totals"];
  // how the plan was approved, as it is cited: "phê duyệt tại Quyết định số … ngày … của …" (issue 15)
  std::string approved = "đã được phê duyệt";
  if (plan.contains("decision") && plan["decision"].is_object() && !str(plan["decision"].value("number", json())).empty()) {
    const json& dec = plan["decision"];
    std::string day = dec.contains("date") && dec["date"].is_string() ? dec["date"].get<std::string>() : "";
    if (day.size() == 10) day = day.substr(8, 2) + "/" + day.substr(5, 2) + "/" + day.substr(0, 4);
    approved = "phê duyệt tại Quyết định số " + str(dec.value("number", json())) + (day.empty() ? "" : " ngày " + day) +
               (str(dec.value("body", json())).empty() ? "" : " của " + str(dec.value("body", json())));
  }
  d.body.push_back(
      {DocBlock::paragraph,
       "Thực hiện " + str(plan["title"]) + " (phiên bản " + std::to_string(plan["planVersion"].get<int>()) +
           ", " + approved + ") theo hướng dẫn tại Công văn số 221/LĐTBXH-PCTNXH ngày 31/01/2023 về lồng ghép các hoạt "
           "động phòng, chống mại dâm vào các chương trình, kế hoạch phát triển kinh tế - xã hội, " +
           issuer_name + " báo cáo đánh giá kết quả thực hiện năm " + std::to_string(year) +
           " như sau:",
       {}});

  // I. Activities: planned against achieved.
  d.body.push_back({DocBlock::heading, "I. KẾT QUẢ THỰC HIỆN CÁC HOẠT ĐỘNG THEO KẾ HOẠCH", {}});
  const json& bs = t["byStatus"];
  d.body.push_back({DocBlock::paragraph,
                    "Kế hoạch có " + num(t["plannedActivities"]) + " hoạt động: hoàn thành " + num(bs["done"]) +
                        ", vượt kế hoạch " + num(bs["over"]) + ", thực hiện một phần " + num(bs["partly"]) +
                        ", chưa thực hiện " + num(bs["not_started"]) + ". Đã tổ chức " + num(t["activitiesHeld"]) +
                        " hoạt động, tiếp cận " + num(t["reached"]) + " lượt người.",
                    {}});
  DocTable a;
  a.title = "Biểu 1. Kết quả thực hiện hoạt động";
  a.header = {"STT", "Hoạt động", "Kế hoạch", "Thực hiện", "Tỷ lệ", "Số hoạt động", "Số người được tiếp cận", "Kinh phí (đồng)", "Đánh giá"};
  a.numeric = {false, false, false, false, true, true, true, true, false};
  int i = 0;
  for (const auto& x : e["activities"]) {
    const json& p = x["planned"];
    const std::string label = str(x["planActivity"]["description"]);
    const std::string planned = p["quantity"].is_number_integer() ? with_unit(p["quantity"], str(p["unit"])) : "Không định lượng";
    a.rows.push_back({std::to_string(++i), label, planned, with_unit(x["achieved"]["quantity"], achieved_unit(p)),
                      vn_percent(x["completion"]), num(x["achieved"]["activities"]), num(x["achieved"]["people"]),
                      num(x["achieved"]["spent"]), kStatus.count(str(x["status"])) ? kStatus.at(str(x["status"])) : ""});
  }
  if (!a.rows.empty()) d.body.push_back({DocBlock::table, "", a});

  DocTable b;
  b.title = "Biểu 2. Đối tượng thụ hưởng được tiếp cận";
  b.header = {"STT", "Nhóm đối tượng", "Kế hoạch (người)", "Đã tiếp cận (lượt người)", "Tỷ lệ"};
  b.numeric = {false, false, true, true, true};
  i = 0;
  for (const auto& x : e["beneficiaries"])
    b.rows.push_back({std::to_string(++i), name_of(in, "target_groups", x["targetGroup"]), num(x["planned"]), num(x["reached"]),
                      vn_percent(x["completion"])});
  if (!b.rows.empty()) d.body.push_back({DocBlock::table, "", b});

  // II. Resources.
  d.body.push_back({DocBlock::heading, "II. HUY ĐỘNG VÀ SỬ DỤNG NGUỒN LỰC", {}});
  const std::string cpp = e["costPerPerson"].is_number_integer() ? num(e["costPerPerson"]) + " đồng" : "chưa xác định (chưa tiếp cận được người nào)";
  d.body.push_back({DocBlock::paragraph,
                    "Tổng kinh phí theo kế hoạch " + num(t["plannedBudget"]) + " đồng; đã sử dụng " + num(t["spent"]) +
                        " đồng" + (t["budgetExecution"].is_number() ? ", đạt " + vn_percent(t["budgetExecution"]) : "") +
                        ". Chi phí bình quân cho một lượt người được tiếp cận: " + cpp + ".",
                    {}});
  DocTable r;
  r.title = "Biểu 3. Kinh phí theo nguồn";
  r.header = {"STT", "Nguồn kinh phí", "Kế hoạch (đồng)", "Đã sử dụng (đồng)", "Tỷ lệ thực hiện"};
  r.numeric = {false, false, true, true, true};
  i = 0;
  for (const auto& x : e["budget"])
    r.rows.push_back({std::to_string(++i), name_of(in, "funding_sources", x["source"]), num(x["planned"]), num(x["spent"]),
                      vn_percent(x["execution"])});
  r.rows.push_back({"", "Tổng cộng", num(t["plannedBudget"]), num(t["spent"]), vn_percent(t["budgetExecution"])});
  d.body.push_back({DocBlock::table, "", r});

  if (!e["unplanned"].empty()) {
    const json& u = t["unplanned"];
    d.body.push_back({DocBlock::heading, "III. HOẠT ĐỘNG NGOÀI KẾ HOẠCH", {}});
    d.body.push_back({DocBlock::paragraph,
                      "Ngoài kế hoạch, đã tổ chức " + num(u["count"]) + " hoạt động, tiếp cận " + num(u["reached"]) +
                          " lượt người, kinh phí " + num(u["spent"]) + " đồng.",
                      {}});
    DocTable x;
    x.title = "Biểu 4. Hoạt động ngoài kế hoạch";
    x.header = {"STT", "Hoạt động", "Thời gian", "Số người được tiếp cận", "Kinh phí (đồng)"};
    x.numeric = {false, false, false, true, true};
    i = 0;
    for (const auto& y : e["unplanned"]) {
      const std::string from = Date::parse(str(y["startDate"]))->vn(), to = Date::parse(str(y["endDate"]))->vn();
      x.rows.push_back({std::to_string(++i), str(y["title"]), from == to ? from : from + " - " + to, num(y["reached"]), num(y["spent"])});
    }
    d.body.push_back({DocBlock::table, "", x});
  }

  const json& n = e["narrative"];
  const bool unplanned = !e["unplanned"].empty();
  d.body.push_back({DocBlock::heading, unplanned ? "IV. ĐÁNH GIÁ HIỆU QUẢ LỒNG GHÉP" : "III. ĐÁNH GIÁ HIỆU QUẢ LỒNG GHÉP", {}});
  d.body.push_back({DocBlock::heading, "1. Kết quả đạt được", {}});
  d.body.push_back({DocBlock::paragraph, narrative_or_blank(n, "results"), {}});
  d.body.push_back({DocBlock::heading, "2. Hạn chế", {}});
  d.body.push_back({DocBlock::paragraph, narrative_or_blank(n, "limitations"), {}});
  d.body.push_back({DocBlock::heading, "3. Nguyên nhân", {}});
  d.body.push_back({DocBlock::paragraph, narrative_or_blank(n, "causes"), {}});
  d.body.push_back({DocBlock::heading, "4. Bài học kinh nghiệm", {}});
  d.body.push_back({DocBlock::paragraph, narrative_or_blank(n, "lessons"), {}});
  d.body.push_back({DocBlock::heading, unplanned ? "V. ĐỀ XUẤT, KIẾN NGHỊ" : "IV. ĐỀ XUẤT, KIẾN NGHỊ", {}});
  d.body.push_back({DocBlock::paragraph, narrative_or_blank(n, "proposals"), {}});

  d.noi_nhan = decree30::noi_nhan(in.recipients, abbr);
  d.signer_title = !in.signer_title.empty() ? in.signer_title : decree30::default_signer_title(in.issuer);
  d.signer_name = in.signer_name;
  return d;
}

Response evaluation_document_response(const EvaluationDocumentInput& in, const std::string& format) {
  const OfficialDocument d = build_evaluation_document(in);
  const json& plan = in.evaluation["plan"];
  const std::string base = "danh-gia-ke-hoach-" + std::to_string(in.evaluation["year"].get<int>()) + "-" + in.unit.code + "-" +
                           std::to_string(plan["id"].get<long long>());
  Response r = official_document_response(d, base, format);
  r.headers.push_back({"Cache-Control", "no-store"});
  return r;
}

}  // namespace longghep
