// The demo's commune classification (issue 18): Gia Lai's communes through the 2025 merge. For
// 2024 the old communes valid on 31/12/2024 that merged into today's communes (e.g. 21556, 21562,
// 21580, 21583 → phường Quy Nhơn) have approved assessments; for 2025 every commune of today's Gia
// Lai is approved (mostly healthy, some basic, one focus) with check scores and a decision number;
// for 2026 a few drafts and one submitted — never phường Quy Nhơn (21583), which a browser test
// starts itself. Through the classification storage (audited), with the real suggestions
// (classification_evidence): a self score differing from the suggestion carries a note.
// Idempotent: nothing is added when an assessment of Gia Lai exists.
#include <algorithm>
#include <map>
#include <set>

#include "app/demo.hpp"
#include "domain/classification.hpp"
#include "domain/hierarchy.hpp"
#include "storage/classification.hpp"

namespace longghep {
using nlohmann::json;
namespace clf = classification;

namespace {
// Target scores of the default set per class (unknown keys of another set fall back to full marks).
int target(const clf::Criterion& c, const std::string& cls) {
  static const std::map<std::string, std::map<std::string, int>> scores = {
      {"basic", {{"A1", 10}, {"A2", 5}, {"B1", 7}, {"B2", 5}, {"C1", 10}, {"C2", 10}, {"D1", 20}, {"D2", 15},
                 {"D3", 1}, {"E1", 1}, {"E2", 1}, {"E3", 0}, {"E4", 0}}},
      {"focus", {{"A1", 0}, {"A2", 5}, {"B1", 7}, {"B2", 5}, {"C1", 0}, {"C2", 5}, {"D1", 10}, {"D2", 15},
                 {"D3", 1}, {"E1", 1}, {"E2", 0}, {"E3", 0}, {"E4", 0}}}};
  auto it = scores.find(cls);
  if (it != scores.end())
    if (auto k = it->second.find(c.key); k != it->second.end() && clf::score_valid(c, k->second)) return k->second;
  return c.points() ? c.max_points : 1;
}

long long user_id(soci::session& s, const char* username) {
  long long id = 0;
  // a named string: soci runs the statement when the whole expression ends, after a temporary
  // bound here would already be gone (ASan: stack-use-after-scope)
  const std::string name(username);
  s << "SELECT id FROM users WHERE username = :u", soci::use(name), soci::into(id);
  return s.got_data() ? id : 0;
}

// Self scores towards `cls` (a note where they differ from the suggestion); stops at `until`.
void run(soci::session& s, const Hierarchy& h, const OrgUnit& commune, int year, const std::string& cls,
         const std::string& until, const Actor& officer, const Actor& province, int seq) {
  const long long id = create_assessment(s, h, commune, year, officer);
  if (until == "draft_empty") return;
  json a = assessment_json(s, h, id, true);
  auto set = get_classification_set(s, a["set"]["id"].get<long long>());
  const clf::Definition d = clf::parse_definition_or_throw(json::parse(set->definition_json));
  std::vector<clf::SelfItem> items;
  for (const auto& it : a["items"]) {
    const std::string key = it["criterionKey"].get<std::string>();
    const clf::Criterion* c = d.criterion(key);
    if (!c) continue;
    const int score = target(*c, cls);
    std::string note;
    if (!it["suggestedScore"].is_null() && it["suggestedScore"].get<int>() != score)
      note = "Điều chỉnh theo hồ sơ, biên bản lưu tại xã (" + key + ")";
    items.push_back({key, score, note});
  }
  save_self_assessment(s, id, a["version"].get<long long>(), "Tự đánh giá năm " + std::to_string(year) + " của " + commune.full_name,
                       items, officer);
  if (until == "draft") return;
  submit_assessment(s, id, get_assessment_head(s, id)->version, officer);
  if (until == "submitted") return;
  std::vector<clf::SelfItem> check;
  for (const auto& it : items) check.push_back({it.criterion_key, it.score, ""});
  if (seq % 4 == 1 && !check.empty())  // the province lowers one criterion now and then, with a comment
    for (auto& c : check)
      if (c.criterion_key == "B2" && c.score && *c.score == 10) {
        c.score = 5;
        c.note = "Số lượt tiếp cận chưa đủ hồ sơ chứng minh";
      }
  save_check(s, id, get_assessment_head(s, id)->version, check, province);
  const std::string number = std::to_string(100 + seq) + "/QĐ-UBND";
  approve_assessment(s, id, get_assessment_head(s, id)->version, number, Date::from_ymd(year + 1, 1, 20), province);
}
}  // namespace

int load_demo_classification(soci::session& s, const Hierarchy& h, const Actor& actor) {
  const Date today = Date::today_vn();
  const OrgUnit* gl = h.find("52", today);
  if (!gl) return 0;
  {
    long long in_gl = 0;
    s << "SELECT COUNT(*) FROM commune_assessments a JOIN org_units u ON u.id = a.province_unit_id WHERE u.code = '52'",
        soci::into(in_gl);
    if (in_gl > 0) return 0;
  }
  Actor officer = actor, province = actor;
  if (long long id = user_id(s, "xa.gialai")) officer = Actor{id, "xa.gialai"};
  if (long long id = user_id(s, "tinh.gialai")) province = Actor{id, "tinh.gialai"};
  const Date d2025 = Date::from_ymd(2025, 12, 31), d2024 = Date::from_ymd(2024, 12, 31);
  std::vector<const OrgUnit*> communes;
  for (const auto& u : h.units())
    if (u.kind == "commune" && u.valid_on(d2025) && u.valid_on(today) && h.is_within(u, *gl, today)) communes.push_back(&u);
  std::sort(communes.begin(), communes.end(), [](auto* a, auto* b) { return a->code < b->code; });
  int n = 0, seq = 0;
  // 2024: the predecessors valid on 31/12/2024
  std::set<long long> done;
  for (const OrgUnit* c : communes)
    for (const LineageEvent* e : h.predecessors(c->id)) {
      const OrgUnit* p = h.by_id(e->from_id);
      if (!p || p->kind != "commune" || !p->valid_on(d2024) || !done.insert(p->id).second) continue;
      const std::string cls = p->code == "21562" ? "basic" : (seq % 5 == 3 ? "basic" : (seq % 11 == 7 ? "focus" : "healthy"));
      run(s, h, *p, 2024, cls, "approved", officer, province, seq++);
      ++n;
    }
  // 2025: every commune of today's Gia Lai
  for (size_t i = 0; i < communes.size(); ++i) {
    const std::string cls = i == 5 ? "focus" : (i % 4 == 2 ? "basic" : "healthy");
    run(s, h, *communes[i], 2025, cls, "approved", officer, province, seq++);
    ++n;
  }
  // 2026 (the current year of the demo): a few started, never phường Quy Nhơn (21583)
  if (today.year() >= 2026) {
    int started = 0;
    for (const OrgUnit* c : communes) {
      if (c->code == "21583" || started >= 3) continue;
      run(s, h, *c, 2026, "healthy", started == 0 ? "submitted" : (started == 1 ? "draft" : "draft_empty"), officer, province, seq++);
      ++started;
      ++n;
    }
  }
  return n;
}

}  // namespace longghep
