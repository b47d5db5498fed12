// Figures and documents of the commune classification (issue 18 §5, docs/api-classification.md
// "Figures and documents"):
//   GET /api/classification/figures?scope=&year=   counts per class, healthy %, units for the map,
//                                                   byProvince for VN
//   GET /api/classification/decision?province=&year=&format=docx|xlsx|pdf
//       the province's decision recognising the communes classified healthy, with the annex of
//       every commune by class (Decree 30 layout, export/official_document).
// Thin adapters: the facts are read by storage/classification_figures, counted by
// domain/classification_figures. Need classification.read; a unit out of scope is 404.
#include <algorithm>

#include "domain/access.hpp"
#include "domain/classification_figures.hpp"
#include "domain/decree30.hpp"
#include "domain/error.hpp"
#include "export/official_document.hpp"
#include "http/app.hpp"
#include "http/render.hpp"
#include "http/reports_document.hpp"
#include "storage/classification_figures.hpp"

namespace longghep {
using nlohmann::json;
namespace cf = classification_figures;

namespace {
json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }
json opt(const std::optional<long long>& v) { return v ? json(*v) : json(nullptr); }

json class_ref(const cf::ClassDef& d) {
  return {{"code", d.code}, {"labelVi", d.label_vi}, {"labelEn", d.label_en}, {"rank", d.rank}, {"healthy", d.healthy}};
}

int year_of(Ctx& c) { return c.int_q("year", 2000, 2100).value_or(Date::today_vn().year()); }

struct Facts {
  std::vector<cf::Commune> communes;
  std::vector<cf::AssessmentFact> assessments;
  std::map<long long, std::vector<cf::ClassDef>> classes;
};

Facts read_facts(Ctx& c, const Hierarchy& h, const OrgUnit& unit, int year, Date ref) {
  const Scope subtree = h.scope_of(unit.id);
  const Scope scope = narrow_scope(&c.me().scope, &subtree).value_or(Scope::everything());
  Facts f;
  f.communes = classification_communes(h, scope, ref);
  c.app.db().with_session([&](soci::session& s) {
    f.assessments = load_assessment_facts(s, year);
    f.classes = load_set_classes(s, f.assessments);
  });
  return f;
}

// GET /api/classification/figures?scope=&year=
Response figures(Ctx& c) {
  Access::require(c.me(), perm::kClassificationRead);
  HierarchyPtr h = c.app.hierarchy();
  const int year = year_of(c);
  const Date ref = Date::from_ymd(year, 12, 31);
  const OrgUnit* unit = c.unit_q(*h, "scope", ref);
  if (!unit) {
    unit = h->by_id(c.me().org_unit_id);
    if (unit && !unit->valid_on(ref)) unit = h->find(unit->code, ref);
    if (!unit) throw Error::Validation("scope", "Chưa chọn đơn vị", "Choose a unit (scope)");
  }
  Access::require_unit_visible(c.me(), unit->id, "đơn vị " + unit->code, "Org unit " + unit->code);
  const Facts facts = read_facts(c, *h, *unit, year, ref);
  const cf::Figures f = cf::compute(facts.communes, facts.assessments, facts.classes);

  json classes = json::array();
  for (const auto& k : f.classes) {
    json row = class_ref(k.def);
    row["communes"] = k.communes;
    classes.push_back(row);
  }
  json units = json::array();
  for (const auto& u : f.units)
    units.push_back({{"unit", unit_ref_or_null(*h, u.commune->unit_id)},
                     {"status", u.status},
                     {"finalClass", u.final_class ? class_ref(*u.final_class) : json(nullptr)},
                     {"selfTotal", u.assessment_id ? opt(u.self_total) : json(nullptr)},
                     {"checkTotal", opt(u.check_total)}});
  json out = {{"scope", unit_ref_or_null(*h, unit->id)},
              {"year", year},
              {"referenceDay", ref.iso()},
              {"classes", classes},
              {"communes", f.communes},
              {"assessed", f.assessed},
              {"approved", f.approved},
              {"healthy", f.healthy},
              {"healthyPct", opt(f.healthy_pct)},
              {"units", units}};
  if (unit->kind == "central") {
    json by = json::array();
    std::vector<const cf::ProvinceRow*> rows;
    for (const auto& p : f.by_province) rows.push_back(&p);
    auto prov = [&](const cf::ProvinceRow* p) { return h->find(p->province_code, ref); };
    std::sort(rows.begin(), rows.end(), [&](auto* a, auto* b) {
      const OrgUnit *x = prov(a), *y = prov(b);
      const std::string ka = x ? x->sort_key : a->province_code, kb = y ? y->sort_key : b->province_code;
      return ka < kb;
    });
    for (const auto* p : rows) {
      const OrgUnit* pu = prov(p);
      by.push_back({{"province", pu ? unit_ref_or_null(*h, pu->id) : json{{"code", p->province_code}}},
                    {"communes", p->communes},
                    {"assessed", p->assessed},
                    {"approved", p->approved},
                    {"healthy", p->healthy},
                    {"healthyPct", opt(p->healthy_pct)}});
    }
    out["byProvince"] = by;
  }
  return Response::json(out);
}

std::string status_vi(const std::string& s) {
  if (s == "draft") return "Đang tự chấm";
  if (s == "submitted") return "Đã gửi, chờ thẩm định";
  if (s == "returned") return "Trả lại";
  if (s == "approved") return "Đã phê duyệt";
  return "Chưa tự chấm";
}

std::string num(const std::optional<long long>& v) { return v ? std::to_string(*v) : ""; }

// GET /api/classification/decision?province=&year=&format=docx|xlsx|pdf
Response decision(Ctx& c) {
  Access::require(c.me(), perm::kClassificationRead);
  const std::string format = c.enum_q("format", {"docx", "xlsx", "pdf"}, "docx");
  HierarchyPtr h = c.app.hierarchy();
  const int year = year_of(c);
  const Date ref = Date::from_ymd(year, 12, 31);
  const OrgUnit* p = c.unit_q(*h, "province", ref);
  if (!p) throw Error::Validation("province", "Chưa chọn tỉnh, thành phố", "Choose a province");
  Access::require_unit_visible(c.me(), p->id, "đơn vị " + p->code, "Org unit " + p->code);
  if (p->kind != "province")
    throw Error(422, "not_a_province", "Đơn vị " + p->code + " không phải tỉnh, thành phố",
                "Unit " + p->code + " is not a province", "province");
  const Facts facts = read_facts(c, *h, *p, year, ref);
  const cf::Figures f = cf::compute(facts.communes, facts.assessments, facts.classes);
  if (f.approved == 0)
    throw Error(422, "nothing_approved",
                "Chưa có kết quả phân loại xã, phường nào năm " + std::to_string(year) + " được phê duyệt",
                "No commune assessment of " + std::to_string(year) + " is approved yet", "year");
  RenderPermit permit(format, c.me().user_id);

  const decree30::Issuer issuer = decree30::committee_of(*p);
  const auto head = decree30::header_lines(issuer);
  const std::string abbr = decree30::abbreviation(issuer);
  const std::string committee = decree30::sentence_name(issuer);  // "Ủy ban nhân dân tỉnh Gia Lai"
  const std::string y = std::to_string(year);
  OfficialDocument d;
  d.superior_body = head.governing;
  d.issuing_body = head.issuing;
  d.number_symbol = decree30::number_symbol("QĐ", abbr);
  d.place = decree30::seat(issuer);
  d.date = Date::today_vn();
  d.doc_kind = "QUYẾT ĐỊNH";
  d.subject = "Công nhận xã, phường đạt tiêu chuẩn lành mạnh không có tệ nạn ma túy, mại dâm năm " + y;
  std::string upper_committee = head.issuing;
  std::replace(upper_committee.begin(), upper_committee.end(), '\n', ' ');
  d.body.push_back({DocBlock::heading, "CHỦ TỊCH " + upper_committee, {}});
  d.body.push_back({DocBlock::paragraph, "Căn cứ Luật Tổ chức chính quyền địa phương;", {}});
  d.body.push_back({DocBlock::paragraph,
                    "Căn cứ Nghị quyết liên tịch số 01/2008/NQLT-BLĐTBXH-BCA-BVHTTDL-UBTƯMTTQVN hướng dẫn xây dựng xã, phường, "
                    "thị trấn lành mạnh không có tệ nạn ma túy, mại dâm;",
                    {}});
  d.body.push_back({DocBlock::paragraph, "Căn cứ kết quả tự chấm điểm của các xã, phường và kết quả thẩm định năm " + y + ".", {}});
  d.body.push_back({DocBlock::heading, "QUYẾT ĐỊNH:", {}});
  d.body.push_back({DocBlock::paragraph,
                    "Điều 1. Công nhận " + std::to_string(f.healthy) + " xã, phường đạt tiêu chuẩn lành mạnh không có tệ nạn ma túy, "
                    "mại dâm năm " + y + " (trên tổng số " + std::to_string(f.communes) + " xã, phường; " +
                    std::to_string(f.approved) + " xã, phường đã được thẩm định, phê duyệt kết quả), có danh sách kèm theo.",
                    {}});
  // one paragraph per line: a justified paragraph would stretch a line ended by a break
  d.body.push_back({DocBlock::paragraph, "Kết quả phân loại các xã, phường đã được phê duyệt:", {}});
  for (const auto& k : f.classes)
    if (k.communes > 0) d.body.push_back({DocBlock::paragraph, "- " + k.def.label_vi + ": " + std::to_string(k.communes) + " xã, phường;", {}});
  d.body.push_back({DocBlock::paragraph, "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", {}});
  d.body.push_back({DocBlock::paragraph,
                    "Điều 3. Chánh Văn phòng " + committee + ", Giám đốc các sở, ngành liên quan và Chủ tịch Ủy ban nhân dân "
                    "các xã, phường có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
                    {}});

  // the annex: every commune, by class (approved first, best class first), then the others
  std::vector<const cf::UnitRow*> rows;
  for (const auto& u : f.units) rows.push_back(&u);
  std::stable_sort(rows.begin(), rows.end(), [](const cf::UnitRow* a, const cf::UnitRow* b) {
    const int ra = a->final_class ? a->final_class->rank : 1 << 20, rb = b->final_class ? b->final_class->rank : 1 << 20;
    return ra < rb;
  });
  DocTable t;
  t.title = "DANH SÁCH XÃ, PHƯỜNG THEO KẾT QUẢ PHÂN LOẠI NĂM " + y;
  t.header = {"STT", "Xã, phường", "Điểm tự chấm", "Điểm thẩm định", "Phân loại"};
  t.numeric = {true, false, true, true, false};
  int i = 0;
  for (const cf::UnitRow* u : rows) {
    const OrgUnit* cu = h->by_id(u->commune->unit_id);
    const std::string name = cu && !cu->full_name.empty() ? cu->full_name : u->commune->name;
    t.rows.push_back({std::to_string(++i), name, u->assessment_id ? num(u->self_total) : "", num(u->check_total),
                      u->final_class ? u->final_class->label_vi : status_vi(u->status)});
  }
  d.body.push_back({DocBlock::table, "", t});
  d.noi_nhan = {"- Như Điều 3;", "- Lưu: VT, " + abbr + "."};
  d.signer_title = decree30::default_signer_title(issuer);

  std::string base = "quyet-dinh-xa-phuong-lanh-manh-" + p->code + "-" + y;
  Response r = official_document_response(d, base, format);
  r.headers.push_back({"Cache-Control", "no-store"});
  return r;
}
}  // namespace

void add_classification_figures_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/classification/figures", Auth::Session, figures,
               "Commune classification figures of a unit and year: communes per class (approved), assessed, approved, "
               "healthy %, the communes for the map, and per province for VN",
               perm::kClassificationRead});
  r.push_back({"GET", "/api/classification/decision", Auth::Session, decision,
               "The province's decision recognising the communes classified healthy in a year, with the annex of every "
               "commune by class (.docx, annex .xlsx or PDF; Decree 30 layout); 422 nothing_approved",
               perm::kClassificationRead});
}

}  // namespace longghep
