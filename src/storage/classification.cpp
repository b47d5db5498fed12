#include "storage/classification.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "storage/attachments.hpp"
#include "storage/classification_evidence.hpp"
#include "storage/org_units.hpp"

namespace longghep {
using nlohmann::json;
namespace clf = classification;

namespace {
// Indicators for one statement's nullable values (soci binds them by reference).
struct Inds {
  std::deque<soci::indicator> v;
  soci::indicator& operator()(bool present) {
    v.push_back(present ? soci::i_ok : soci::i_null);
    return v.back();
  }
};
json opt_json(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }
std::optional<int> opt_int_of(int v, soci::indicator i) { return i == soci::i_ok ? std::optional(v) : std::nullopt; }

json user_ref(soci::session& s, long long id) {
  if (!id) return nullptr;
  std::string username, full;
  s << "SELECT username, full_name FROM users WHERE id = :id", soci::into(username), soci::into(full), soci::use(id);
  if (!s.got_data()) return nullptr;
  return {{"id", id}, {"username", username}, {"fullName", full}};
}
json unit_ref(const Hierarchy& h, long long id) {
  const OrgUnit* u = h.by_id(id);
  return u ? org_unit_ref(*u) : json(nullptr);
}
json class_json(const clf::Definition& d, const std::string& code) {
  if (code.empty()) return nullptr;
  const clf::ClassRule* c = d.class_of(code);
  if (!c) return {{"code", code}, {"labelVi", code}, {"labelEn", code}, {"rank", 0}, {"healthy", false}};
  return {{"code", c->code}, {"labelVi", c->label_vi}, {"labelEn", c->label_en}, {"rank", c->rank}, {"healthy", c->healthy}};
}
json class_ref_json(const clf::ClassRef& c) {
  return {{"code", c.code}, {"labelVi", c.label_vi}, {"labelEn", c.label_en}, {"rank", c.rank}, {"healthy", c.healthy}};
}

void read_set_rows(soci::session& s, const std::string& where, long long id, std::vector<ClassificationSetRow>& out) {
  ClassificationSetRow r;
  long long rid = 0, owner = 0, pub_by = 0;
  int version = 0, is_default = 0;
  std::string from, to;
  soci::indicator iowner, ito, ipub;
  long long row_version = 0;
  soci::statement st =
      (s.prepare << "SELECT id, owner_unit_id, version, title, valid_from, valid_to, status, is_default, source_note, "
                    "definition_json, published_at, created_at, updated_at, row_version FROM classification_sets " +
                        where + " ORDER BY COALESCE(owner_unit_id, 0), version",
       soci::into(rid), soci::into(owner, iowner), soci::into(version), soci::into(r.title), soci::into(from),
       soci::into(to, ito), soci::into(r.status), soci::into(is_default), soci::into(r.source_note),
       soci::into(r.definition_json), soci::into(r.published_at, ipub), soci::into(r.created_at), soci::into(r.updated_at),
       soci::into(row_version));
  (void)pub_by;
  if (id) st.exchange(soci::use(id));
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    ClassificationSetRow x = r;
    x.ref.id = rid;
    x.ref.owner_unit_id = iowner == soci::i_ok ? std::optional(owner) : std::nullopt;
    x.ref.version = version;
    x.ref.valid_from = Date::parse(from).value_or(Date::min());
    x.ref.valid_to = ito == soci::i_ok && !to.empty() ? Date::parse(to) : std::nullopt;
    x.ref.published = r.status == "published";
    x.is_default = is_default != 0;
    if (ipub != soci::i_ok) x.published_at.clear();
    x.row_version = row_version;
    out.push_back(x);
  }
}

void audit_set(soci::session& s, const Actor& actor, const std::string& action, const ClassificationSetRow* before,
               const ClassificationSetRow* after) {
  auto brief = [](const ClassificationSetRow& r) {
    return json{{"title", r.title}, {"version", r.ref.version}, {"status", r.status}, {"validFrom", r.ref.valid_from.iso()},
                {"validTo", r.ref.valid_to ? json(r.ref.valid_to->iso()) : json(nullptr)}};
  };
  const ClassificationSetRow& any = after ? *after : *before;
  record_audit(s, actor,
               {action, "classification_set", std::to_string(any.ref.id), any.ref.owner_unit_id.value_or(0),
                before ? std::optional<json>(brief(*before)) : std::nullopt,
                after ? std::optional<json>(brief(*after)) : std::nullopt});
}

// ----- assessments: shared pieces -----
struct ItemRow {
  long long id = 0;
  std::string key, evidence_json, self_note, check_comment;
  std::optional<int> suggested, self, check;
};
std::vector<ItemRow> load_items(soci::session& s, long long assessment_id) {
  std::vector<ItemRow> out;
  ItemRow r;
  int sug = 0, self = 0, chk = 0;
  soci::indicator isug, iself, ichk;
  soci::statement st = (s.prepare << "SELECT id, criterion_key, suggested_score, evidence_json, self_score, self_note, check_score, "
                                     "check_comment FROM commune_assessment_items WHERE assessment_id = :a ORDER BY id",
                        soci::into(r.id), soci::into(r.key), soci::into(sug, isug), soci::into(r.evidence_json),
                        soci::into(self, iself), soci::into(r.self_note), soci::into(chk, ichk), soci::into(r.check_comment),
                        soci::use(assessment_id));
  st.execute();
  while (st.fetch()) {
    ItemRow x = r;
    x.suggested = opt_int_of(sug, isug);
    x.self = opt_int_of(self, iself);
    x.check = opt_int_of(chk, ichk);
    out.push_back(x);
  }
  return out;
}

clf::Definition definition_of(soci::session& s, long long set_id) {
  std::string text;
  s << "SELECT definition_json FROM classification_sets WHERE id = :i", soci::use(set_id), soci::into(text);
  clf::Definition d;
  clf::parse_definition(json::parse(text, nullptr, false), d);
  return d;
}

AssessmentHead require_head(soci::session& s, long long id, std::optional<long long> version) {
  auto h = get_assessment_head(s, id);
  if (!h) throw Error::NotFound("phiếu chấm điểm", "Assessment");
  if (version && *version != h->version)
    throw Error(409, "version_conflict", "Phiếu chấm điểm đã bị người khác thay đổi, vui lòng tải lại",
                "The assessment was changed by someone else; reload and try again");
  return *h;
}

std::string assessment_code(const AssessmentHead& h) { return h.commune_code + "/" + std::to_string(h.year); }

// Recomputes totals and classes from the items; bumps the version; writes the transition and the audit.
void finish_change(soci::session& s, const AssessmentHead& head, const std::string& action, const std::string& to_status,
                   const std::string& comment, const Actor& actor, const json& extra = json::object()) {
  Inds ind;
  const clf::Definition d = definition_of(s, head.set_id);
  clf::Scores self, check;
  bool any_check = false;
  for (const auto& it : load_items(s, head.id)) {
    self[it.key] = it.self;
    check[it.key] = it.check;
    any_check = any_check || it.check;
  }
  const clf::ClassRule* sc = clf::derive_class(d, self);
  const clf::ClassRule* cc = clf::derive_class(d, check);
  const int self_total = clf::total(d, self), check_total = clf::total(d, check);
  const std::string self_class = sc ? sc->code : "", check_class = cc ? cc->code : "";
  const std::string now = now_iso_utc();
  long long by = actor.user_id;
  s << "UPDATE commune_assessments SET status = :st, self_total = :t, self_class = :sc, check_total = :ct, check_class = :cc, "
       "version = version + 1, updated_by = :b, updated_at = :n WHERE id = :i",
      soci::use(to_status), soci::use(self_total), soci::use(self_class, ind(sc)), soci::use(check_total, ind(any_check)),
      soci::use(check_class, ind(cc)), soci::use(by, ind(by != 0)), soci::use(now), soci::use(head.id);
  s << "INSERT INTO commune_assessment_transitions(assessment_id, action, from_status, to_status, comment, user_id, at) "
       "VALUES(:a, :ac, :f, :t, :c, :u, :n)",
      soci::use(head.id), soci::use(action), soci::use(head.status, ind(action != "create")), soci::use(to_status),
      soci::use(comment), soci::use(by, ind(by != 0)), soci::use(now);
  json after = {{"code", assessment_code(head)}, {"action", action}, {"status", to_status}, {"selfTotal", self_total},
                {"selfClass", sc ? json(self_class) : json(nullptr)}, {"checkTotal", any_check ? json(check_total) : json(nullptr)},
                {"checkClass", cc ? json(check_class) : json(nullptr)}};
  if (!comment.empty()) after["comment"] = comment;
  for (auto& [k, v] : extra.items()) after[k] = v;
  record_audit(s, actor,
               {action == "create" ? "create" : "update", "commune_assessment", std::to_string(head.id), head.commune_unit_id,
                action == "create" ? std::nullopt : std::optional<json>(json{{"code", assessment_code(head)}, {"status", head.status}}),
                after});
}

void write_evidence(soci::session& s, const Hierarchy& h, const AssessmentHead& head, const clf::Definition& d, bool insert) {
  Inds ind;
  const auto metrics = classification_evidence(s, h, head.commune_unit_id, head.year);
  for (const auto& c : d.criteria) {
    std::optional<int> sug;
    std::string ev = "null";
    if (c.evidence) {
      auto m = metrics.find(c.evidence->metric);
      std::optional<double> v;
      if (m != metrics.end()) {
        v = m->second.value;
        ev = evidence_json(m->second).dump();
      }
      sug = clf::suggested_score(c, v);
    }
    const int sv = sug.value_or(0);
    if (insert)
      s << "INSERT INTO commune_assessment_items(assessment_id, criterion_key, suggested_score, evidence_json) VALUES(:a, :k, :s, :e)",
          soci::use(head.id), soci::use(c.key), soci::use(sv, ind(sug.has_value())), soci::use(ev);
    else
      s << "UPDATE commune_assessment_items SET suggested_score = :s, evidence_json = :e WHERE assessment_id = :a AND criterion_key = :k",
          soci::use(sv, ind(sug.has_value())), soci::use(ev), soci::use(head.id), soci::use(c.key);
  }
}

Error items_error(const std::vector<clf::ItemIssue>& issues) {
  json errors = json::array();
  for (const auto& i : issues)
    errors.push_back({{"criterionKey", i.criterion_key}, {"code", i.code}, {"message", i.vi}, {"messageEn", i.en}});
  // the most specific code first: out of range, then a missing note
  std::string code = issues[0].code;
  for (const auto& i : issues)
    if (i.code == "score_out_of_range") code = i.code;
  if (code == "unknown_criterion" || code == "duplicate_criterion") code = "validation_failed";
  Error e(422, code, issues[0].vi, issues[0].en, "items");
  e.with_extra_json(json{{"errors", errors}}.dump());
  return e;
}
}  // namespace

// ===================== sets =====================

std::vector<ClassificationSetRow> load_classification_sets(soci::session& s) {
  std::vector<ClassificationSetRow> out;
  read_set_rows(s, "", 0, out);
  return out;
}

std::optional<ClassificationSetRow> get_classification_set(soci::session& s, long long id) {
  std::vector<ClassificationSetRow> out;
  read_set_rows(s, "WHERE id = :i", id, out);
  if (out.empty()) return std::nullopt;
  return out[0];
}

json classification_set_json(const Hierarchy& h, const ClassificationSetRow& r, bool with_definition) {
  json definition = json::parse(r.definition_json, nullptr, false);
  clf::Definition d;
  clf::parse_definition(definition, d);
  json out = {{"id", r.ref.id},
              {"ownerUnit", r.ref.owner_unit_id ? unit_ref(h, *r.ref.owner_unit_id) : json(nullptr)},
              {"version", r.ref.version},
              {"title", r.title},
              {"validFrom", r.ref.valid_from.iso()},
              {"validTo", r.ref.valid_to ? json(r.ref.valid_to->iso()) : json(nullptr)},
              {"status", r.status},
              {"isDefault", r.is_default},
              {"sourceNote", r.source_note},
              {"maxPoints", d.max_points()},
              {"publishedAt", r.published_at.empty() ? json(nullptr) : json(r.published_at)},
              {"rowVersion", r.row_version}};
  if (with_definition) out["definition"] = definition;
  return out;
}

long long create_classification_set(soci::session& s, const ClassificationSetInput& in, const Actor& actor) {
  Inds ind;
  int version = 0;
  soci::indicator iv;
  const long long owner = in.owner_unit_id.value_or(0);
  s << "SELECT MAX(version) FROM classification_sets WHERE COALESCE(owner_unit_id, 0) = :o", soci::use(owner),
      soci::into(version, iv);
  version = (iv == soci::i_ok ? version : 0) + 1;
  const std::string now = now_iso_utc(), from = in.valid_from.iso(), to = in.valid_to ? in.valid_to->iso() : "",
                    def = in.definition.dump();
  long long by = actor.user_id, id = 0;
  s << "INSERT INTO classification_sets(owner_unit_id, version, title, valid_from, valid_to, status, is_default, source_note, "
       "definition_json, created_by, created_at, updated_at, row_version) VALUES(:o, :v, :t, :f, :to, 'draft', 0, :sn, :d, :b, :n, :n2, 1) "
       "RETURNING id",
      soci::use(owner, ind(in.owner_unit_id.has_value())), soci::use(version), soci::use(in.title), soci::use(from),
      soci::use(to, ind(in.valid_to.has_value())), soci::use(in.source_note), soci::use(def), soci::use(by, ind(by != 0)),
      soci::use(now), soci::use(now), soci::into(id);
  auto after = get_classification_set(s, id);
  audit_set(s, actor, "create", nullptr, &*after);
  return id;
}

void update_classification_set(soci::session& s, long long id, long long row_version, const ClassificationSetInput& in,
                               const Actor& actor) {
  Inds ind;
  auto before = get_classification_set(s, id);
  if (!before) throw Error::NotFound("bộ tiêu chí", "Criteria set");
  if (before->status != "draft")
    throw Error(409, "published_set_immutable", "Bộ tiêu chí đã ban hành không được sửa; hãy tạo phiên bản mới",
                "A published set is never edited; create a new version");
  if (before->row_version != row_version)
    throw Error(409, "version_conflict", "Bộ tiêu chí đã bị người khác thay đổi, vui lòng tải lại",
                "The set was changed by someone else; reload and try again");
  const std::string now = now_iso_utc(), from = in.valid_from.iso(), to = in.valid_to ? in.valid_to->iso() : "",
                    def = in.definition.dump();
  s << "UPDATE classification_sets SET title = :t, valid_from = :f, valid_to = :to, source_note = :sn, definition_json = :d, "
       "updated_at = :n, row_version = row_version + 1 WHERE id = :i",
      soci::use(in.title), soci::use(from), soci::use(to, ind(in.valid_to.has_value())), soci::use(in.source_note),
      soci::use(def), soci::use(now), soci::use(id);
  auto after = get_classification_set(s, id);
  audit_set(s, actor, "update", &*before, &*after);
}

void publish_classification_set(soci::session& s, long long id, std::optional<long long> row_version, const Actor& actor) {
  Inds ind;
  auto before = get_classification_set(s, id);
  if (!before) throw Error::NotFound("bộ tiêu chí", "Criteria set");
  if (before->status != "draft")
    throw Error(409, "published_set_immutable", "Bộ tiêu chí đã được ban hành", "The set is already published");
  if (row_version && before->row_version != *row_version)
    throw Error(409, "version_conflict", "Bộ tiêu chí đã bị người khác thay đổi, vui lòng tải lại",
                "The set was changed by someone else; reload and try again");
  clf::parse_definition_or_throw(json::parse(before->definition_json, nullptr, false));
  for (const auto& other : load_classification_sets(s))
    if (other.ref.id != id && other.ref.published && other.ref.owner_unit_id == before->ref.owner_unit_id &&
        clf::validity_overlaps(other.ref, before->ref))
      throw Error(422, "overlapping_validity",
                  "Thời gian hiệu lực trùng với bộ tiêu chí đã ban hành phiên bản " + std::to_string(other.ref.version) +
                      " (từ " + other.ref.valid_from.vn() + ")",
                  "The validity overlaps the published set version " + std::to_string(other.ref.version) + " (from " +
                      other.ref.valid_from.iso() + ")",
                  "validFrom");
  const std::string now = now_iso_utc();
  long long by = actor.user_id;
  s << "UPDATE classification_sets SET status = 'published', published_at = :n, published_by = :b, updated_at = :n2, "
       "row_version = row_version + 1 WHERE id = :i",
      soci::use(now), soci::use(by, ind(by != 0)), soci::use(now), soci::use(id);
  auto after = get_classification_set(s, id);
  audit_set(s, actor, "update", &*before, &*after);
}

void delete_classification_set(soci::session& s, long long id, const Actor& actor) {
  auto before = get_classification_set(s, id);
  if (!before) throw Error::NotFound("bộ tiêu chí", "Criteria set");
  if (before->status != "draft")
    throw Error(409, "published_set_immutable", "Bộ tiêu chí đã ban hành không được xóa", "A published set cannot be deleted");
  s << "DELETE FROM classification_sets WHERE id = :i", soci::use(id);
  audit_set(s, actor, "delete", &*before, nullptr);
}

std::optional<ClassificationSetRow> classification_set_in_force(soci::session& s, std::optional<long long> province_unit_id,
                                                                int year) {
  auto rows = load_classification_sets(s);
  std::vector<clf::SetRef> refs;
  for (const auto& r : rows) refs.push_back(r.ref);
  const clf::SetRef* got = clf::set_in_force(refs, province_unit_id, year);
  if (!got) return std::nullopt;
  for (const auto& r : rows)
    if (r.ref.id == got->id) return r;
  return std::nullopt;
}

// ===================== assessments =====================

const OrgUnit* province_of(const Hierarchy& h, const OrgUnit& commune, Date on) {
  for (const OrgUnit* a : h.ancestors(commune, on))
    if (a->kind == "province") return a;
  return nullptr;
}

std::optional<AssessmentHead> get_assessment_head(soci::session& s, long long id) {
  AssessmentHead h;
  s << "SELECT id, set_id, commune_unit_id, province_unit_id, version, year, commune_code, status FROM commune_assessments "
       "WHERE id = :i",
      soci::use(id), soci::into(h.id), soci::into(h.set_id), soci::into(h.commune_unit_id), soci::into(h.province_unit_id),
      soci::into(h.version), soci::into(h.year), soci::into(h.commune_code), soci::into(h.status);
  if (!s.got_data()) return std::nullopt;
  return h;
}

std::optional<long long> assessment_of(soci::session& s, long long commune_unit_id, int year) {
  long long id = 0;
  s << "SELECT id FROM commune_assessments WHERE commune_unit_id = :c AND year = :y", soci::use(commune_unit_id), soci::use(year),
      soci::into(id);
  return s.got_data() ? std::optional(id) : std::nullopt;
}

json assessment_json(soci::session& s, const Hierarchy& hier, long long id, bool with_items) {
  AssessmentHead head = require_head(s, id, std::nullopt);
  int self_total = 0, check_total = 0;
  std::string self_class, check_class, final_class, summary, return_comment, decision_number, decision_date, submitted_at,
      approved_at;
  long long submitted_by = 0, approved_by = 0;
  soci::indicator isc, ict, icc, ifc, idd, isa, isb, iaa, iab;
  s << "SELECT self_total, self_class, check_total, check_class, final_class, summary, return_comment, decision_number, "
       "decision_date, submitted_at, submitted_by, approved_at, approved_by FROM commune_assessments WHERE id = :i",
      soci::use(id), soci::into(self_total), soci::into(self_class, isc), soci::into(check_total, ict),
      soci::into(check_class, icc), soci::into(final_class, ifc), soci::into(summary), soci::into(return_comment),
      soci::into(decision_number), soci::into(decision_date, idd), soci::into(submitted_at, isa), soci::into(submitted_by, isb),
      soci::into(approved_at, iaa), soci::into(approved_by, iab);
  const auto set = get_classification_set(s, head.set_id);
  clf::Definition d;
  clf::parse_definition(json::parse(set->definition_json, nullptr, false), d);
  json out = {{"id", id},
              {"year", head.year},
              {"commune", unit_ref(hier, head.commune_unit_id)},
              {"province", unit_ref(hier, head.province_unit_id)},
              {"set",
               {{"id", set->ref.id},
                {"title", set->title},
                {"version", set->ref.version},
                {"ownerUnit", set->ref.owner_unit_id ? unit_ref(hier, *set->ref.owner_unit_id) : json(nullptr)}}},
              {"status", head.status},
              {"selfTotal", self_total},
              {"selfClass", isc == soci::i_ok ? class_json(d, self_class) : json(nullptr)},
              {"checkTotal", ict == soci::i_ok ? json(check_total) : json(nullptr)},
              {"checkClass", icc == soci::i_ok ? class_json(d, check_class) : json(nullptr)},
              {"finalClass", ifc == soci::i_ok ? class_json(d, final_class) : json(nullptr)},
              {"maxPoints", d.max_points()},
              {"summary", summary},
              {"returnComment", return_comment},
              {"decisionNumber", decision_number},
              {"decisionDate", idd == soci::i_ok && !decision_date.empty() ? json(decision_date) : json(nullptr)},
              {"submittedAt", isa == soci::i_ok ? json(submitted_at) : json(nullptr)},
              {"submittedBy", isb == soci::i_ok ? user_ref(s, submitted_by) : json(nullptr)},
              {"approvedAt", iaa == soci::i_ok ? json(approved_at) : json(nullptr)},
              {"approvedBy", iab == soci::i_ok ? user_ref(s, approved_by) : json(nullptr)},
              {"version", head.version},
              {"editable", clf::editable(head.status)},
              {"checkable", clf::checkable(head.status)}};
  if (!with_items) return out;
  json items = json::array();
  for (const auto& it : load_items(s, id)) {
    const clf::Criterion* c = d.criterion(it.key);
    json atts = json::array();
    for (const auto& a : attachments_of(s, "assessment_item", it.id)) atts.push_back(attachment_json(a));
    json ev = json::parse(it.evidence_json, nullptr, false);
    if (ev.is_discarded() || !ev.is_object() || ev.empty()) ev = nullptr;
    items.push_back({{"id", it.id},
                     {"criterionKey", it.key},
                     {"section", c ? c->section : ""},
                     {"kind", c ? c->kind : "points"},
                     {"maxPoints", c && c->points() ? json(c->max_points) : json(nullptr)},
                     {"partial", c && c->partial},
                     {"textVi", c ? c->text_vi : ""},
                     {"textEn", c ? c->text_en : ""},
                     {"suggestedScore", opt_json(it.suggested)},
                     {"evidence", ev},
                     {"selfScore", opt_json(it.self)},
                     {"selfNote", it.self_note},
                     {"overridden", clf::overridden(it.suggested, it.self)},
                     {"checkScore", opt_json(it.check)},
                     {"checkComment", it.check_comment},
                     {"attachments", atts}});
  }
  out["items"] = items;
  json transitions = json::array();
  {
    std::string action, from, to, comment, at;
    long long user = 0;
    soci::indicator ifrom, iuser;
    soci::statement st = (s.prepare << "SELECT action, from_status, to_status, comment, user_id, at FROM commune_assessment_transitions "
                                       "WHERE assessment_id = :a ORDER BY id",
                          soci::into(action), soci::into(from, ifrom), soci::into(to), soci::into(comment),
                          soci::into(user, iuser), soci::into(at), soci::use(id));
    st.execute();
    std::vector<std::tuple<std::string, std::optional<std::string>, std::string, std::string, long long, std::string>> rows;
    while (st.fetch())
      rows.emplace_back(action, ifrom == soci::i_ok ? std::optional(from) : std::nullopt, to, comment, iuser == soci::i_ok ? user : 0, at);
    for (auto& [a, f, t, c, u, w] : rows)
      transitions.push_back({{"action", a}, {"fromStatus", f ? json(*f) : json(nullptr)}, {"toStatus", t}, {"comment", c},
                             {"user", user_ref(s, u)}, {"at", w}});
  }
  out["transitions"] = transitions;
  return out;
}

long long create_assessment(soci::session& s, const Hierarchy& h, const OrgUnit& commune, int year, const Actor& actor) {
  Inds ind;
  if (auto existing = assessment_of(s, commune.id, year))
    throw Error(409, "assessment_exists", "Xã, phường đã có phiếu chấm điểm năm " + std::to_string(year),
                "The commune already has an assessment for " + std::to_string(year))
        .with_extra_json(json{{"id", *existing}}.dump());
  const Date dec31 = Date::from_ymd(year, 12, 31);
  const OrgUnit* province = province_of(h, commune, dec31);
  if (!province) throw Error(422, "not_a_commune", "Không xác định được tỉnh của xã, phường", "The commune's province is unknown", "communeCode");
  auto set = classification_set_in_force(s, province->id, year);
  if (!set)
    throw Error(404, "no_criteria_set", "Không có bộ tiêu chí có hiệu lực năm " + std::to_string(year),
                "No criteria set in force in " + std::to_string(year));
  const clf::Definition d = clf::parse_definition_or_throw(json::parse(set->definition_json, nullptr, false));
  const std::string now = now_iso_utc();
  long long by = actor.user_id, id = 0;
  s << "INSERT INTO commune_assessments(set_id, commune_unit_id, commune_code, province_unit_id, year, status, version, created_by, "
       "created_at, updated_by, updated_at) VALUES(:s, :c, :cc, :p, :y, 'draft', 0, :b, :n, :b2, :n2) RETURNING id",
      soci::use(set->ref.id), soci::use(commune.id), soci::use(commune.code), soci::use(province->id), soci::use(year),
      soci::use(by, ind(by != 0)), soci::use(now), soci::use(by, ind(by != 0)), soci::use(now), soci::into(id);
  AssessmentHead head = *get_assessment_head(s, id);
  write_evidence(s, h, head, d, true);
  finish_change(s, head, "create", "draft", "", actor);
  return id;
}

void refresh_assessment_evidence(soci::session& s, const Hierarchy& h, long long id, std::optional<long long> version,
                                 const Actor& actor) {
  AssessmentHead head = require_head(s, id, version);
  clf::require_action(head.status, "refresh");
  write_evidence(s, h, head, definition_of(s, head.set_id), false);
  finish_change(s, head, "refresh_evidence", head.status, "", actor);
}

void save_self_assessment(soci::session& s, long long id, long long version, const std::string& summary,
                          const std::vector<clf::SelfItem>& items, const Actor& actor) {
  Inds ind;
  AssessmentHead head = require_head(s, id, version);
  clf::require_action(head.status, "save");
  const clf::Definition d = definition_of(s, head.set_id);
  std::map<std::string, std::optional<int>> sug;
  for (const auto& it : load_items(s, id)) sug[it.key] = it.suggested;
  auto issues = clf::check_self_items(d, items, sug);
  if (!issues.empty()) throw items_error(issues);
  s << "UPDATE commune_assessments SET summary = :s WHERE id = :i", soci::use(summary), soci::use(id);
  for (const auto& it : items) {
    const int v = it.score.value_or(0);
    s << "UPDATE commune_assessment_items SET self_score = :v, self_note = :n WHERE assessment_id = :a AND criterion_key = :k",
        soci::use(v, ind(it.score.has_value())), soci::use(it.note), soci::use(id), soci::use(it.criterion_key);
  }
  finish_change(s, head, "save", head.status, "", actor);
}

void submit_assessment(soci::session& s, long long id, long long version, const Actor& actor) {
  Inds ind;
  AssessmentHead head = require_head(s, id, version);
  clf::require_action(head.status, "submit");
  const clf::Definition d = definition_of(s, head.set_id);
  clf::Scores self;
  std::map<std::string, std::optional<int>> sug;
  std::vector<clf::SelfItem> current;
  for (const auto& it : load_items(s, id)) {
    self[it.key] = it.self;
    current.push_back({it.key, it.self, it.self_note});
    sug[it.key] = it.suggested;
  }
  auto miss = clf::missing(d, self);
  if (!miss.empty()) {
    std::string list;
    for (const auto& k : miss) list += (list.empty() ? "" : ", ") + k;
    throw Error(422, "incomplete_assessment", "Chưa chấm điểm các tiêu chí: " + list, "Criteria not scored: " + list, "items")
        .with_extra_json(json{{"missing", miss}}.dump());
  }
  // suggestions may have been refreshed since the save: the override rule still holds
  auto issues = clf::check_self_items(d, current, sug);
  if (!issues.empty()) throw items_error(issues);
  const std::string now = now_iso_utc();
  long long by = actor.user_id;
  s << "UPDATE commune_assessments SET submitted_at = :n, submitted_by = :b, return_comment = '' WHERE id = :i", soci::use(now),
      soci::use(by, ind(by != 0)), soci::use(id);
  finish_change(s, head, "submit", "submitted", "", actor);
}

void save_check(soci::session& s, long long id, long long version, const std::vector<clf::SelfItem>& items, const Actor& actor) {
  Inds ind;
  AssessmentHead head = require_head(s, id, version);
  clf::require_action(head.status, "check");
  const clf::Definition d = definition_of(s, head.set_id);
  auto issues = clf::check_check_items(d, items);
  if (!issues.empty()) throw items_error(issues);
  for (const auto& it : items) {
    const int v = it.score.value_or(0);
    s << "UPDATE commune_assessment_items SET check_score = :v, check_comment = :n WHERE assessment_id = :a AND criterion_key = :k",
        soci::use(v, ind(it.score.has_value())), soci::use(it.note), soci::use(id), soci::use(it.criterion_key);
  }
  finish_change(s, head, "check", head.status, "", actor);
}

void return_assessment(soci::session& s, long long id, long long version, const std::string& comment, const Actor& actor) {
  AssessmentHead head = require_head(s, id, version);
  clf::require_action(head.status, "return");
  if (comment.find_first_not_of(" \t\r\n") == std::string::npos)
    throw Error(422, "comment_required", "Cần ghi rõ lý do trả lại", "A comment is required to return the assessment", "comment");
  s << "UPDATE commune_assessments SET return_comment = :c WHERE id = :i", soci::use(comment), soci::use(id);
  finish_change(s, head, "return", "returned", comment, actor);
}

void approve_assessment(soci::session& s, long long id, long long version, const std::string& decision_number,
                        std::optional<Date> decision_date, const Actor& actor) {
  Inds ind;
  AssessmentHead head = require_head(s, id, version);
  clf::require_action(head.status, "approve");
  const clf::Definition d = definition_of(s, head.set_id);
  clf::Scores check;
  for (const auto& it : load_items(s, id)) check[it.key] = it.check;
  auto miss = clf::missing(d, check);
  if (!miss.empty()) {
    std::string list;
    for (const auto& k : miss) list += (list.empty() ? "" : ", ") + k;
    throw Error(422, "incomplete_check", "Chưa thẩm định điểm các tiêu chí: " + list, "Criteria without a check score: " + list, "items")
        .with_extra_json(json{{"missing", miss}}.dump());
  }
  const clf::ClassRule* cc = clf::derive_class(d, check);
  const std::string final_class = cc ? cc->code : "", now = now_iso_utc(), dd = decision_date ? decision_date->iso() : "";
  long long by = actor.user_id;
  s << "UPDATE commune_assessments SET final_class = :f, approved_at = :n, approved_by = :b, decision_number = :dn, "
       "decision_date = :dd WHERE id = :i",
      soci::use(final_class), soci::use(now), soci::use(by, ind(by != 0)), soci::use(decision_number),
      soci::use(dd, ind(decision_date.has_value())), soci::use(id);
  finish_change(s, head, "approve", "approved", "", actor, json{{"finalClass", final_class}, {"decisionNumber", decision_number}});
}

void reopen_assessment(soci::session& s, long long id, long long version, const std::string& reason, const Actor& actor) {
  AssessmentHead head = require_head(s, id, version);
  clf::require_action(head.status, "reopen");
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
    throw Error(422, "reason_required", "Cần ghi rõ lý do mở lại", "A reason is required to reopen", "reason");
  s << "UPDATE commune_assessments SET final_class = NULL, approved_at = NULL, approved_by = NULL WHERE id = :i", soci::use(id);
  finish_change(s, head, "reopen", "submitted", reason, actor);
}

namespace {
struct SummaryRow {
  long long id = 0, commune_unit_id = 0, province_unit_id = 0, set_id = 0;
  int year = 0;
  std::string status, final_class, self_class, check_class;
};
std::vector<SummaryRow> load_summaries(soci::session& s, std::optional<int> year) {
  std::vector<SummaryRow> out;
  SummaryRow r;
  soci::indicator ifc, isc, icc;
  const int y = year.value_or(0);
  soci::statement st =
      (s.prepare << "SELECT id, commune_unit_id, province_unit_id, set_id, year, status, final_class, self_class, check_class "
                    "FROM commune_assessments WHERE (:y = 0 OR year = :y2) ORDER BY year, commune_code",
       soci::into(r.id), soci::into(r.commune_unit_id), soci::into(r.province_unit_id), soci::into(r.set_id), soci::into(r.year),
       soci::into(r.status), soci::into(r.final_class, ifc), soci::into(r.self_class, isc), soci::into(r.check_class, icc),
       soci::use(y), soci::use(y));
  st.execute();
  while (st.fetch()) {
    SummaryRow x = r;
    if (ifc != soci::i_ok) x.final_class.clear();
    if (isc != soci::i_ok) x.self_class.clear();
    if (icc != soci::i_ok) x.check_class.clear();
    out.push_back(x);
  }
  return out;
}
json summary_json(soci::session& s, const Hierarchy& h, long long id) {
  json a = assessment_json(s, h, id, false);
  return {{"id", a["id"]},         {"year", a["year"]},           {"status", a["status"]},
          {"selfTotal", a["selfTotal"]}, {"checkTotal", a["checkTotal"]}, {"finalClass", a["finalClass"]},
          {"maxPoints", a["maxPoints"]}};
}
}  // namespace

json list_assessments(soci::session& s, const Hierarchy& h, const AssessmentFilter& f, const Scope& scope) {
  json items = json::array();
  const std::string folded = fold_for_search(f.q);
  for (const auto& r : load_summaries(s, f.year)) {
    if (!scope.all() && !scope.contains(r.commune_unit_id)) continue;
    if (f.provinces && std::find(f.provinces->begin(), f.provinces->end(), r.province_unit_id) == f.provinces->end()) continue;
    if (!f.status.empty() && r.status != f.status) continue;
    if (!f.class_code.empty()) {
      const std::string shown = !r.final_class.empty() ? r.final_class : !r.check_class.empty() ? r.check_class : r.self_class;
      if (shown != f.class_code) continue;
    }
    if (!folded.empty()) {
      const OrgUnit* u = h.by_id(r.commune_unit_id);
      if (!u || u->name_folded.find(folded) == std::string::npos) continue;
    }
    items.push_back(assessment_json(s, h, r.id, false));
  }
  return {{"items", items}};
}

json assessment_completeness(soci::session& s, const Hierarchy& h, const OrgUnit& province, int year, const Scope& scope) {
  const Date dec31 = Date::from_ymd(year, 12, 31);
  std::map<long long, SummaryRow> by_commune;
  for (const auto& r : load_summaries(s, year)) by_commune[r.commune_unit_id] = r;
  std::vector<const OrgUnit*> communes;
  for (const auto& u : h.units())
    if (u.kind == "commune" && u.valid_on(dec31) && (scope.all() || scope.contains(u.id)) && h.is_within(u, province, dec31))
      communes.push_back(&u);
  std::sort(communes.begin(), communes.end(), [](auto* a, auto* b) { return a->sort_key < b->sort_key; });
  json list = json::array();
  std::map<std::string, long long> counts = {{"notStarted", 0}, {"draft", 0}, {"submitted", 0}, {"returned", 0}, {"approved", 0}};
  for (const OrgUnit* u : communes) {
    auto it = by_commune.find(u->id);
    if (it == by_commune.end()) {
      ++counts["notStarted"];
      list.push_back({{"commune", org_unit_ref(*u)}, {"status", "not_started"}, {"assessmentId", nullptr}, {"finalClass", nullptr}});
      continue;
    }
    ++counts[it->second.status];
    json fc = nullptr;
    if (!it->second.final_class.empty()) fc = class_json(definition_of(s, it->second.set_id), it->second.final_class);
    list.push_back({{"commune", org_unit_ref(*u)}, {"status", it->second.status}, {"assessmentId", it->second.id}, {"finalClass", fc}});
  }
  json c = {{"communes", static_cast<long long>(communes.size())}};
  for (auto& [k, v] : counts) c[k] = v;
  return {{"province", org_unit_ref(province)}, {"year", year}, {"communes", list}, {"counts", c}};
}

json assessment_history(soci::session& s, const Hierarchy& h, const OrgUnit& commune, int current_year) {
  json years = json::array();
  for (int y = clf::kFirstYear; y <= current_year; ++y) {
    const Date dec31 = Date::from_ymd(y, 12, 31);
    json row = {{"year", y}, {"own", nullptr}, {"predecessors", json::array()}, {"derivedClass", nullptr}, {"derivedRule", nullptr}};
    if (auto own = assessment_of(s, commune.id, y)) {
      row["own"] = summary_json(s, h, *own);
    } else if (dec31 < commune.validity.from) {
      // the predecessors valid on 31/12 of the year, walking the lineage back (transitively)
      std::vector<std::pair<long long, bool>> found;  // unit, partial
      std::set<long long> seen;
      std::vector<std::pair<long long, bool>> todo = {{commune.id, false}};
      while (!todo.empty()) {
        auto [id, partial] = todo.back();
        todo.pop_back();
        for (const LineageEvent* e : h.predecessors(id)) {
          if (!seen.insert(e->from_id).second) continue;
          const OrgUnit* p = h.by_id(e->from_id);
          if (!p) continue;
          const bool part = partial || e->partial;
          if (p->valid_on(dec31)) found.push_back({p->id, part});
          else if (dec31 < p->validity.from) todo.push_back({p->id, part});
        }
      }
      std::sort(found.begin(), found.end(), [&](auto& a, auto& b) { return h.by_id(a.first)->code < h.by_id(b.first)->code; });
      std::vector<clf::ClassRef> classes;
      std::string rule;
      bool all_approved = !found.empty();
      for (auto [pid, partial] : found) {
        json entry = {{"unit", org_unit_ref(*h.by_id(pid))}, {"partial", partial}, {"assessment", nullptr}};
        if (auto a = assessment_of(s, pid, y)) {
          auto head = get_assessment_head(s, *a);
          if (head && head->status == "approved") {
            entry["assessment"] = summary_json(s, h, *a);
            const clf::Definition d = definition_of(s, head->set_id);
            if (rule.empty()) rule = d.merge_rule;
            std::string fc;
            s << "SELECT final_class FROM commune_assessments WHERE id = :i", soci::use(*a), soci::into(fc);
            if (const clf::ClassRule* c = d.class_of(fc)) classes.push_back(clf::class_ref(*c));
          } else {
            all_approved = false;
          }
        } else {
          all_approved = false;
        }
        row["predecessors"].push_back(entry);
      }
      (void)all_approved;
      if (!classes.empty()) {
        row["derivedClass"] = class_ref_json(*clf::merged_class(classes, rule));
        row["derivedRule"] = rule;
      }
    }
    years.push_back(row);
  }
  return {{"commune", org_unit_ref(commune)}, {"years", years}};
}

}  // namespace longghep
