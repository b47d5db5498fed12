#include "domain/classification.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace longghep::classification {
using nlohmann::json;

namespace {
size_t utf8_len(const std::string& s) {
  size_t n = 0;
  for (unsigned char ch : s)
    if ((ch & 0xC0) != 0x80) ++n;
  return n;
}
bool key_ok(const std::string& k) {
  if (k.empty() || k.size() > 20) return false;
  for (char ch : k)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.' || ch == '-')) return false;
  return true;
}

struct Reader {
  std::vector<Issue>& issues;
  void add(const std::string& path, const std::string& code, const std::string& vi, const std::string& en) {
    issues.push_back({path, code, vi, en});
  }
  std::string text(const json& o, const std::string& field, const std::string& path, bool required = true) {
    auto it = o.find(field);
    if (it == o.end() || it->is_null()) {
      if (required) add(path + "." + field, "required", "Bắt buộc nhập", "Required");
      return "";
    }
    if (!it->is_string()) {
      add(path + "." + field, "not_a_string", "Phải là chuỗi ký tự", "Must be a string");
      return "";
    }
    std::string v = it->get<std::string>();
    const size_t n = utf8_len(v);
    if ((required && n == 0) || n > kTextMax)
      add(path + "." + field, "text_length", "Độ dài từ 1 đến 500 ký tự", "Length 1 to 500 characters");
    return v;
  }
  std::string key(const json& o, const std::string& field, const std::string& path) {
    auto it = o.find(field);
    if (it == o.end() || !it->is_string() || !key_ok(it->get<std::string>())) {
      add(path + "." + field, "invalid_key", "Mã gồm 1–20 ký tự chữ, số, _ . -",
          "A key of 1–20 letters, digits, _ . -");
      return it != o.end() && it->is_string() ? it->get<std::string>() : "";
    }
    return it->get<std::string>();
  }
  std::optional<int> integer(const json& o, const std::string& field, const std::string& path, int lo, int hi, bool required) {
    auto it = o.find(field);
    if (it == o.end() || it->is_null()) {
      if (required) add(path + "." + field, "required", "Bắt buộc nhập", "Required");
      return std::nullopt;
    }
    if (!it->is_number_integer() || it->get<long long>() < lo || it->get<long long>() > hi) {
      add(path + "." + field, "out_of_range", "Phải là số nguyên từ " + std::to_string(lo) + " đến " + std::to_string(hi),
          "Must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
      return std::nullopt;
    }
    return static_cast<int>(it->get<long long>());
  }
  std::optional<double> number(const json& o, const std::string& field, const std::string& path) {
    auto it = o.find(field);
    if (it == o.end() || it->is_null()) return std::nullopt;
    if (!it->is_number() || !std::isfinite(it->get<double>()) || std::fabs(it->get<double>()) > 1e12) {
      add(path + "." + field, "not_a_number", "Phải là một số", "Must be a number");
      return std::nullopt;
    }
    return it->get<double>();
  }
  const json* array(const json& o, const std::string& field, const std::string& path, size_t max, bool required) {
    auto it = o.find(field);
    if (it == o.end() || it->is_null()) {
      if (required) add(path + field, "required", "Bắt buộc nhập", "Required");
      return nullptr;
    }
    if (!it->is_array()) {
      add(path + field, "not_an_array", "Phải là một danh sách", "Must be an array");
      return nullptr;
    }
    if (it->size() > max) {
      add(path + field, "too_many", "Tối đa " + std::to_string(max) + " phần tử", "At most " + std::to_string(max) + " items");
      return nullptr;
    }
    return &*it;
  }
};
}  // namespace

const std::vector<std::string>& known_metrics() {
  static const std::vector<std::string> codes = {
      "approved_plan",         "comm_activities", "people_reached",   "reports_on_time_pct",
      "active_groups",         "services_delivered", "people_supported", "businesses_operating",
      "business_coverage_pct", "violations",      "repeat_violators", "prostitution_violations"};
  return codes;
}

int Definition::max_points() const {
  int n = 0;
  for (const auto& c : criteria)
    if (c.points()) n += c.max_points;
  return n;
}
const Criterion* Definition::criterion(const std::string& key) const {
  for (const auto& c : criteria)
    if (c.key == key) return &c;
  return nullptr;
}
const ClassRule* Definition::class_of(const std::string& code) const {
  for (const auto& c : classes)
    if (c.code == code) return &c;
  return nullptr;
}

std::vector<Issue> parse_definition(const json& j, Definition& out) {
  std::vector<Issue> issues;
  Reader r{issues};
  out = Definition{};
  if (!j.is_object()) {
    r.add("definition", "not_an_object", "Bộ tiêu chí phải là một đối tượng", "The definition must be an object");
    return issues;
  }
  std::set<std::string> section_keys, criterion_keys, class_codes;
  std::set<int> ranks;
  if (const json* a = r.array(j, "sections", "", kMaxSections, true)) {
    if (a->empty()) r.add("sections", "required", "Cần ít nhất một nhóm tiêu chí", "At least one section");
    for (size_t i = 0; i < a->size(); ++i) {
      const std::string p = "sections[" + std::to_string(i) + "]";
      const json& e = (*a)[i];
      if (!e.is_object()) {
        r.add(p, "not_an_object", "Phải là một đối tượng", "Must be an object");
        continue;
      }
      Section s{r.key(e, "key", p), r.text(e, "titleVi", p), r.text(e, "titleEn", p)};
      if (!s.key.empty() && !section_keys.insert(s.key).second)
        r.add(p + ".key", "duplicate_key", "Mã nhóm bị trùng: " + s.key, "Duplicate section key: " + s.key);
      out.sections.push_back(s);
    }
  }
  if (const json* a = r.array(j, "criteria", "", kMaxCriteria, true)) {
    if (a->empty()) r.add("criteria", "required", "Cần ít nhất một tiêu chí", "At least one criterion");
    for (size_t i = 0; i < a->size(); ++i) {
      const std::string p = "criteria[" + std::to_string(i) + "]";
      const json& e = (*a)[i];
      if (!e.is_object()) {
        r.add(p, "not_an_object", "Phải là một đối tượng", "Must be an object");
        continue;
      }
      Criterion c;
      c.key = r.key(e, "key", p);
      if (!c.key.empty() && !criterion_keys.insert(c.key).second)
        r.add(p + ".key", "duplicate_key", "Mã tiêu chí bị trùng: " + c.key, "Duplicate criterion key: " + c.key);
      c.section = e.value("section", json()).is_string() ? e["section"].get<std::string>() : "";
      if (!section_keys.count(c.section))
        r.add(p + ".section", "unknown_section", "Nhóm tiêu chí không tồn tại: " + c.section, "Unknown section: " + c.section);
      c.kind = e.value("kind", json()).is_string() ? e["kind"].get<std::string>() : "";
      if (c.kind != "points" && c.kind != "pass_fail")
        r.add(p + ".kind", "invalid_kind", "Loại tiêu chí là points hoặc pass_fail", "kind is points or pass_fail");
      if (c.kind == "points") {
        c.max_points = r.integer(e, "maxPoints", p, 1, 100, true).value_or(0);
        if (e.contains("partial") && !e["partial"].is_boolean())
          r.add(p + ".partial", "not_a_boolean", "Phải là true hoặc false", "Must be true or false");
        c.partial = e.value("partial", json(false)).is_boolean() && e.value("partial", false);
      }
      c.text_vi = r.text(e, "textVi", p);
      c.text_en = r.text(e, "textEn", p);
      if (e.contains("evidence") && !e["evidence"].is_null()) {
        const json& ev = e["evidence"];
        const std::string ep = p + ".evidence";
        if (!ev.is_object()) {
          r.add(ep, "not_an_object", "Phải là một đối tượng", "Must be an object");
        } else {
          EvidenceRule rule;
          rule.metric = ev.value("metric", json()).is_string() ? ev["metric"].get<std::string>() : "";
          const auto& known = known_metrics();
          if (std::find(known.begin(), known.end(), rule.metric) == known.end())
            r.add(ep + ".metric", "unknown_metric", "Chỉ số minh chứng không được hỗ trợ: " + rule.metric,
                  "Unknown evidence metric: " + rule.metric);
          rule.full_at = r.number(ev, "fullAt", ep);
          rule.partial_at = r.number(ev, "partialAt", ep);
          rule.full_at_most = r.number(ev, "fullAtMost", ep);
          rule.partial_at_most = r.number(ev, "partialAtMost", ep);
          rule.pass_at_most = r.number(ev, "passAtMost", ep);
          rule.pass_at_least = r.number(ev, "passAtLeast", ep);
          rule.if_no_data = ev.value("ifNoData", json("none")).is_string() ? ev.value("ifNoData", std::string("none")) : "?";
          const bool higher = rule.full_at || rule.partial_at, lower = rule.full_at_most || rule.partial_at_most,
                     pass = rule.pass_at_most || rule.pass_at_least;
          if (c.kind == "points") {
            if (pass || (higher && lower) || (higher && !rule.full_at) || (lower && !rule.full_at_most) || (!higher && !lower))
              r.add(ep, "invalid_rule", "Tiêu chí chấm điểm cần fullAt (và partialAt) hoặc fullAtMost (và partialAtMost)",
                    "A points criterion needs fullAt (and partialAt) or fullAtMost (and partialAtMost)");
            if (rule.if_no_data != "full" && rule.if_no_data != "zero" && rule.if_no_data != "none")
              r.add(ep + ".ifNoData", "invalid_if_no_data", "ifNoData là full, zero hoặc none", "ifNoData is full, zero or none");
          } else if (c.kind == "pass_fail") {
            if (higher || lower || (rule.pass_at_most.has_value() == rule.pass_at_least.has_value()))
              r.add(ep, "invalid_rule", "Tiêu chí đạt/không đạt cần passAtMost hoặc passAtLeast",
                    "A pass/fail criterion needs passAtMost or passAtLeast");
            if (rule.if_no_data != "pass" && rule.if_no_data != "fail" && rule.if_no_data != "none")
              r.add(ep + ".ifNoData", "invalid_if_no_data", "ifNoData là pass, fail hoặc none", "ifNoData is pass, fail or none");
          }
          c.evidence = rule;
        }
      }
      out.criteria.push_back(c);
    }
    const int sum = out.max_points();
    if (sum < 1 || sum > 1000)
      r.add("criteria", "total_points", "Tổng điểm tối đa phải từ 1 đến 1000", "The total of maxPoints must be 1 to 1000");
  }
  auto check_refs = [&](const std::vector<std::string>& keys, const std::string& p) {
    for (size_t k = 0; k < keys.size(); ++k)
      if (!criterion_keys.count(keys[k]))
        r.add(p + "[" + std::to_string(k) + "]", "unknown_criterion", "Tiêu chí không tồn tại: " + keys[k],
              "Unknown criterion: " + keys[k]);
  };
  auto strings = [&](const json& o, const std::string& field, const std::string& p) {
    std::vector<std::string> v;
    if (const json* a = r.array(o, field, p + ".", kMaxCriteria, false))
      for (const auto& x : *a) {
        if (x.is_string()) v.push_back(x.get<std::string>());
        else r.add(p + "." + field, "not_a_string", "Phải là danh sách mã tiêu chí", "Must be a list of criterion keys");
      }
    return v;
  };
  if (const json* a = r.array(j, "classes", "", kMaxClasses, true)) {
    if (a->empty()) r.add("classes", "required", "Cần ít nhất một mức phân loại", "At least one class");
    for (size_t i = 0; i < a->size(); ++i) {
      const std::string p = "classes[" + std::to_string(i) + "]";
      const json& e = (*a)[i];
      if (!e.is_object()) {
        r.add(p, "not_an_object", "Phải là một đối tượng", "Must be an object");
        continue;
      }
      ClassRule c;
      c.code = r.key(e, "code", p);
      if (!c.code.empty() && !class_codes.insert(c.code).second)
        r.add(p + ".code", "duplicate_code", "Mã phân loại bị trùng: " + c.code, "Duplicate class code: " + c.code);
      c.rank = r.integer(e, "rank", p, 1, 100, true).value_or(0);
      if (c.rank && !ranks.insert(c.rank).second)
        r.add(p + ".rank", "duplicate_rank", "Thứ hạng bị trùng", "Duplicate rank");
      if (e.contains("healthy") && !e["healthy"].is_boolean())
        r.add(p + ".healthy", "not_a_boolean", "Phải là true hoặc false", "Must be true or false");
      c.healthy = e.value("healthy", json(false)).is_boolean() && e.value("healthy", false);
      c.label_vi = r.text(e, "labelVi", p);
      c.label_en = r.text(e, "labelEn", p);
      c.min_points = r.integer(e, "minPoints", p, 0, 1000, false);
      c.must_pass = strings(e, "mustPass", p);
      check_refs(c.must_pass, p + ".mustPass");
      if (const json* k = r.array(e, "kOfN", p + ".", 20, false))
        for (size_t n = 0; n < k->size(); ++n) {
          const std::string kp = p + ".kOfN[" + std::to_string(n) + "]";
          if (!(*k)[n].is_object()) {
            r.add(kp, "not_an_object", "Phải là một đối tượng", "Must be an object");
            continue;
          }
          KOfN x;
          x.criteria = strings((*k)[n], "criteria", kp);
          check_refs(x.criteria, kp + ".criteria");
          const int size = static_cast<int>(x.criteria.size());
          x.k = r.integer((*k)[n], "k", kp, 1, std::max(1, size), true).value_or(0);
          if (size == 0) r.add(kp + ".criteria", "required", "Cần ít nhất một tiêu chí", "At least one criterion");
          c.k_of_n.push_back(x);
        }
      out.classes.push_back(c);
    }
    std::stable_sort(out.classes.begin(), out.classes.end(), [](const ClassRule& a, const ClassRule& b) { return a.rank < b.rank; });
    if (!out.classes.empty()) {
      const ClassRule& last = out.classes.back();
      if (last.min_points || !last.must_pass.empty() || !last.k_of_n.empty())
        r.add("classes", "no_fallback", "Mức phân loại cuối cùng (thứ hạng lớn nhất) không được có điều kiện",
              "The last class (largest rank) must have no conditions (the fallback)");
    }
  }
  const json mr = j.value("mergeRule", json("lowest"));
  if (!mr.is_string() || (mr != "lowest" && mr != "highest"))
    r.add("mergeRule", "invalid_merge_rule", "Quy tắc hợp nhất là lowest hoặc highest", "mergeRule is lowest or highest");
  else out.merge_rule = mr.get<std::string>();
  return issues;
}

Definition parse_definition_or_throw(const json& j) {
  Definition d;
  auto issues = parse_definition(j, d);
  if (issues.empty()) return d;
  json errors = json::array();
  for (const auto& i : issues) errors.push_back({{"path", i.path}, {"code", i.code}, {"message", i.vi}, {"messageEn", i.en}});
  Error e(422, "invalid_criteria_set", "Bộ tiêu chí không hợp lệ: " + issues[0].path + " — " + issues[0].vi,
          "Invalid criteria set: " + issues[0].path + " — " + issues[0].en, "definition");
  e.with_extra_json(json{{"errors", errors}}.dump());
  throw e;
}

bool score_valid(const Criterion& c, int score) {
  if (c.points()) return score >= 0 && score <= c.max_points && (c.partial || score == 0 || score == c.max_points);
  return score == 0 || score == 1;
}

int total(const Definition& d, const Scores& s) {
  int t = 0;
  for (const auto& c : d.criteria) {
    if (!c.points()) continue;
    auto it = s.find(c.key);
    if (it != s.end() && it->second) t += *it->second;
  }
  return t;
}

std::vector<std::string> missing(const Definition& d, const Scores& s) {
  std::vector<std::string> out;
  for (const auto& c : d.criteria) {
    auto it = s.find(c.key);
    if (it == s.end() || !it->second) out.push_back(c.key);
  }
  return out;
}
bool complete(const Definition& d, const Scores& s) { return missing(d, s).empty(); }

bool met(const Criterion& c, std::optional<int> score) {
  if (!score) return false;
  return c.points() ? *score == c.max_points : *score == 1;
}

const ClassRule* derive_class(const Definition& d, const Scores& s) {
  if (!complete(d, s) || d.classes.empty()) return nullptr;
  const int t = total(d, s);
  auto is_met = [&](const std::string& key) {
    const Criterion* c = d.criterion(key);
    auto it = s.find(key);
    return c && it != s.end() && met(*c, it->second);
  };
  std::vector<const ClassRule*> ordered;
  for (const auto& c : d.classes) ordered.push_back(&c);
  std::stable_sort(ordered.begin(), ordered.end(), [](auto* a, auto* b) { return a->rank < b->rank; });
  for (const ClassRule* c : ordered) {
    if (c->min_points && t < *c->min_points) continue;
    if (!std::all_of(c->must_pass.begin(), c->must_pass.end(), is_met)) continue;
    bool ok = true;
    for (const auto& k : c->k_of_n) {
      const long n = std::count_if(k.criteria.begin(), k.criteria.end(), is_met);
      if (n < k.k) ok = false;
    }
    if (ok) return c;
  }
  return ordered.back();  // a valid definition's fallback holds always; keep a class anyway
}

std::optional<int> suggested_score(const Criterion& c, std::optional<double> v) {
  if (!c.evidence) return std::nullopt;
  const EvidenceRule& r = *c.evidence;
  if (!v) {
    if (r.if_no_data == "full") return c.points() ? c.max_points : 1;
    if (r.if_no_data == "pass") return c.points() ? c.max_points : 1;
    if (r.if_no_data == "zero" || r.if_no_data == "fail") return 0;
    return std::nullopt;
  }
  const double x = *v;
  if (c.points()) {
    const int half = c.partial ? c.max_points / 2 : 0;
    if (r.full_at) {
      if (x >= *r.full_at) return c.max_points;
      if (c.partial && r.partial_at && x >= *r.partial_at) return half;
      return 0;
    }
    if (r.full_at_most) {
      if (x <= *r.full_at_most) return c.max_points;
      if (c.partial && r.partial_at_most && x <= *r.partial_at_most) return half;
      return 0;
    }
    return std::nullopt;
  }
  if (r.pass_at_most) return x <= *r.pass_at_most ? 1 : 0;
  if (r.pass_at_least) return x >= *r.pass_at_least ? 1 : 0;
  return std::nullopt;
}

bool overridden(std::optional<int> suggested, std::optional<int> self) { return suggested && self && *self != *suggested; }

std::vector<ItemIssue> check_self_items(const Definition& d, const std::vector<SelfItem>& items,
                                        const std::map<std::string, std::optional<int>>& suggestions) {
  std::vector<ItemIssue> out;
  std::set<std::string> seen;
  for (const auto& it : items) {
    const Criterion* c = d.criterion(it.criterion_key);
    if (!c) {
      out.push_back({it.criterion_key, "unknown_criterion", "Tiêu chí không có trong bộ tiêu chí: " + it.criterion_key,
                     "Not a criterion of the set: " + it.criterion_key});
      continue;
    }
    if (!seen.insert(it.criterion_key).second) {
      out.push_back({it.criterion_key, "duplicate_criterion", "Tiêu chí bị lặp: " + it.criterion_key,
                     "Criterion given twice: " + it.criterion_key});
      continue;
    }
    if (it.score && !score_valid(*c, *it.score)) {
      out.push_back({it.criterion_key, "score_out_of_range",
                     c->points() ? "Điểm của tiêu chí " + c->key + " phải từ 0 đến " + std::to_string(c->max_points) +
                                       (c->partial ? "" : " (chỉ 0 hoặc tối đa)")
                                 : "Tiêu chí " + c->key + " chỉ nhận 1 (đạt) hoặc 0 (không đạt)",
                     c->points() ? "The score of " + c->key + " must be 0 to " + std::to_string(c->max_points) +
                                       (c->partial ? "" : " (only 0 or the maximum)")
                                 : c->key + " takes 1 (pass) or 0 (fail)"});
      continue;
    }
    auto s = suggestions.find(it.criterion_key);
    const std::optional<int> sug = s == suggestions.end() ? std::nullopt : s->second;
    bool blank = it.note.find_first_not_of(" \t\r\n") == std::string::npos;
    if (overridden(sug, it.score) && blank)
      out.push_back({it.criterion_key, "override_note_required",
                     "Điểm tiêu chí " + c->key + " khác điểm gợi ý (" + std::to_string(*sug) + "): cần ghi chú lý do",
                     "The score of " + c->key + " differs from the suggestion (" + std::to_string(*sug) + "): a note is required"});
  }
  return out;
}

std::vector<ItemIssue> check_check_items(const Definition& d, const std::vector<SelfItem>& items) {
  return check_self_items(d, items, {});
}

namespace {
struct Move {
  const char* action;
  std::vector<std::string> from;
  const char* to;  // nullptr: status unchanged
};
const std::vector<Move>& moves() {
  static const std::vector<Move> m = {
      {"save", {"draft", "returned"}, nullptr},      {"refresh", {"draft", "returned"}, nullptr},
      {"attach", {"draft", "returned"}, nullptr},    {"submit", {"draft", "returned"}, "submitted"},
      {"check", {"submitted"}, nullptr},             {"return", {"submitted"}, "returned"},
      {"approve", {"submitted"}, "approved"},        {"reopen", {"approved"}, "submitted"}};
  return m;
}
}  // namespace

void require_action(const std::string& status, const std::string& action) {
  for (const auto& m : moves())
    if (action == m.action) {
      if (std::find(m.from.begin(), m.from.end(), status) != m.from.end()) return;
      throw Error(409, "invalid_transition",
                  "Không thể thực hiện thao tác này khi phiếu chấm điểm ở trạng thái " + status,
                  "This action is not allowed while the assessment is " + status);
    }
  throw Error::BadRequest("Thao tác không hợp lệ: " + action, "Unknown action: " + action);
}

std::string status_after(const std::string& status, const std::string& action) {
  require_action(status, action);
  for (const auto& m : moves())
    if (action == m.action) return m.to ? m.to : status;
  return status;
}
bool editable(const std::string& status) { return status == "draft" || status == "returned"; }
bool checkable(const std::string& status) { return status == "submitted"; }

ClassRef class_ref(const ClassRule& c) { return {c.code, c.label_vi, c.label_en, c.rank, c.healthy}; }

std::optional<ClassRef> merged_class(const std::vector<ClassRef>& classes, const std::string& rule) {
  if (classes.empty()) return std::nullopt;
  const bool lowest = rule != "highest";
  ClassRef best = classes.front();
  for (const auto& c : classes)
    if (lowest ? c.rank > best.rank : c.rank < best.rank) best = c;
  return best;
}

const SetRef* set_in_force(const std::vector<SetRef>& sets, std::optional<long long> province_unit_id, int year) {
  const Date on = Date::from_ymd(year, 12, 31);
  auto pick = [&](std::optional<long long> owner) -> const SetRef* {
    const SetRef* best = nullptr;
    for (const auto& s : sets)
      if (s.published && s.owner_unit_id == owner && s.valid_on(on) && (!best || s.version > best->version)) best = &s;
    return best;
  };
  if (province_unit_id)
    if (const SetRef* s = pick(province_unit_id)) return s;
  return pick(std::nullopt);
}

bool validity_overlaps(const SetRef& a, const SetRef& b) {
  const Date a_to = a.valid_to.value_or(Date::max()), b_to = b.valid_to.value_or(Date::max());
  return a.valid_from <= b_to && b.valid_from <= a_to;
}

}  // namespace longghep::classification
