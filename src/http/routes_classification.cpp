// Commune classification (issue 18; docs/api-classification.md): criteria sets (dated data, the
// national editable default and a province's own versions), assessments (self-assessment with the
// suggested evidence, the province's check, return, approval, reopening), completeness and the
// history through merges. An assessment belongs to its commune: out of the caller's scope 404. A
// set belongs to its owner province (national: no owner); drafts are shown only to
// classification.criteria holders in scope. Rules: domain/classification; queries:
// storage/classification. The evidence route and the figures/decision are other files.
#include <algorithm>

#include "domain/classification.hpp"
#include "domain/error.hpp"
#include "http/app.hpp"
#include "http/render.hpp"
#include "http/uploads.hpp"
#include "storage/attachments.hpp"
#include "storage/classification.hpp"
#include "storage/org_units.hpp"

namespace longghep {
using nlohmann::json;
namespace clf = classification;

namespace {
constexpr size_t kTitleMax = 500, kNoteMax = 2000, kSummaryMax = 10000;

int current_year() { return Date::today_vn().year(); }

// ----- sets -----
bool may_manage_owner(const Principal& me, std::optional<long long> owner) {
  if (!Access::has(me, perm::kClassificationCriteria)) return false;
  if (!owner) return me.scope.all();  // the national set: the administrator
  return me.scope.contains(*owner) || me.scope.all();
}
bool may_see_set(const Principal& me, const ClassificationSetRow& r) {
  if (r.status == "published") return true;
  return may_manage_owner(me, r.ref.owner_unit_id);
}
ClassificationSetRow visible_set(Ctx& c, soci::session& s, long long id) {
  auto r = get_classification_set(s, id);
  if (!r || !may_see_set(c.me(), *r)) throw Error::NotFound("bộ tiêu chí", "Criteria set");
  return *r;
}
ClassificationSetRow managed_set(Ctx& c, soci::session& s, long long id) {
  ClassificationSetRow r = visible_set(c, s, id);
  if (!may_manage_owner(c.me(), r.ref.owner_unit_id)) throw Error::Forbidden();
  return r;
}

ClassificationSetInput read_set(Ctx& c, soci::session& s, const json& b, const std::optional<ClassificationSetRow>& keep) {
  ClassificationSetInput in;
  if (keep) {
    in.owner_unit_id = keep->ref.owner_unit_id;
  } else if (b.contains("ownerUnitCode") && !b["ownerUnitCode"].is_null()) {
    const std::string code = req_string(b, "ownerUnitCode", 32);
    HierarchyPtr h = c.app.hierarchy();
    const OrgUnit* u = h->find(code, Date::today_vn());
    if (!u || u->kind != "province")
      throw Error(422, "not_a_province", "Mã tỉnh không hợp lệ: " + code, "Not a province code: " + code, "ownerUnitCode");
    in.owner_unit_id = u->id;
  }
  if (!may_manage_owner(c.me(), in.owner_unit_id)) throw Error::Forbidden();
  in.title = req_string(b, "title", kTitleMax * 4);
  auto from = opt_json_date(b, "validFrom");
  if (!from) throw Error(422, "validation_failed", "Ngày có hiệu lực là bắt buộc", "validFrom is required", "validFrom");
  in.valid_from = *from;
  in.valid_to = b.contains("validTo") && !b["validTo"].is_null() ? opt_json_date(b, "validTo") : std::nullopt;
  if (in.valid_to && *in.valid_to < in.valid_from)
    throw Error(422, "validation_failed", "Ngày hết hiệu lực phải sau ngày có hiệu lực", "validTo must not be before validFrom", "validTo");
  in.source_note = opt_string(b, "sourceNote", kNoteMax * 4);
  if (!keep && b.contains("copyFrom") && !b["copyFrom"].is_null()) {
    const long long from_id = req_int(b, "copyFrom");
    auto src = get_classification_set(s, from_id);
    if (!src || !may_see_set(c.me(), *src))
      throw Error(422, "validation_failed", "Bộ tiêu chí nguồn không tồn tại", "Unknown set to copy from", "copyFrom");
    in.definition = json::parse(src->definition_json);
    if (b.contains("definition") && !b["definition"].is_null()) in.definition = b["definition"];
  } else {
    if (!b.contains("definition"))
      throw Error(422, "invalid_criteria_set", "Thiếu nội dung bộ tiêu chí", "The definition is missing", "definition")
          .with_extra_json(json{{"errors", json::array({{{"path", "definition"}, {"code", "required"}, {"message", "Bắt buộc nhập"},
                                                          {"messageEn", "Required"}}})}}
                               .dump());
    in.definition = b["definition"];
  }
  clf::parse_definition_or_throw(in.definition);
  return in;
}

Response list_sets(Ctx& c) {
  const std::string owner = c.q("owner");
  if (owner.size() > 32) throw Error::InvalidParam("owner", "mã tỉnh hoặc 'national'", "a province code or 'national'");
  HierarchyPtr h = c.app.hierarchy();
  std::optional<long long> owner_id;
  if (!owner.empty() && owner != "national") {
    const OrgUnit* u = c.unit_q(*h, "owner", Date::today_vn());
    owner_id = u->id;
  }
  json items = json::array();
  c.app.db().with_session([&](soci::session& s) {
    for (const auto& r : load_classification_sets(s)) {
      if (!may_see_set(c.me(), r)) continue;
      if (owner == "national" && r.ref.owner_unit_id) continue;
      if (owner_id && r.ref.owner_unit_id != owner_id) continue;
      items.push_back(classification_set_json(*h, r, false));
    }
  });
  return Response::json({{"items", items}});
}

Response get_set(Ctx& c) {
  const long long id = c.id_param(0);
  json out;
  c.app.db().with_session([&](soci::session& s) { out = classification_set_json(*c.app.hierarchy(), visible_set(c, s, id), true); });
  return Response::json(out);
}

// The commune of ?commune= valid on 31/12 of the year (404 outside the caller's scope).
const OrgUnit& commune_of_year(Ctx& c, const Hierarchy& h, const std::string& key, int year) {
  const std::string code = c.q(key);
  if (code.empty()) throw Error::MissingParam(key, "mã xã, phường", "the commune code");
  const OrgUnit* u = h.find(code, Date::from_ymd(year, 12, 31));
  if (!u) throw Error::OrgUnitNotFound(code, key, year);
  if (!Access::can_see_unit(c.me(), u->id)) throw Error::NotFound("xã, phường " + code, "Commune " + code);
  if (u->kind != "commune") throw Error(422, "not_a_commune", "Không phải xã, phường: " + code, "Not a commune: " + code, key);
  return *u;
}
int year_q(Ctx& c, bool required = true) {
  auto y = c.int_q("year", 2000, 2100);
  if (!y) {
    if (required) throw Error::MissingParam("year", "năm", "the year");
    return current_year();
  }
  return *y;
}

Response set_in_force(Ctx& c) {
  const int year = year_q(c);
  HierarchyPtr h = c.app.hierarchy();
  const OrgUnit& commune = commune_of_year(c, *h, "commune", year);
  const OrgUnit* province = province_of(*h, commune, Date::from_ymd(year, 12, 31));
  json out;
  c.app.db().with_session([&](soci::session& s) {
    auto r = classification_set_in_force(s, province ? std::optional(province->id) : std::nullopt, year);
    if (!r)
      throw Error(404, "no_criteria_set", "Không có bộ tiêu chí có hiệu lực năm " + std::to_string(year),
                  "No criteria set in force in " + std::to_string(year));
    out = classification_set_json(*h, *r, true);
  });
  return Response::json(out);
}

Response create_set(Ctx& c) {
  json b = c.body();
  json out;
  c.app.db().transact([&](soci::session& s) {
    ClassificationSetInput in = read_set(c, s, b, std::nullopt);
    const long long id = create_classification_set(s, in, actor_of(c));
    out = classification_set_json(*c.app.hierarchy(), *get_classification_set(s, id), true);
  });
  return Response::json(out, 201);
}

Response update_set(Ctx& c) {
  const long long id = c.id_param(0);
  json b = c.body();
  const long long row_version = req_int(b, "rowVersion");
  json out;
  c.app.db().transact([&](soci::session& s) {
    ClassificationSetRow cur = managed_set(c, s, id);
    if (cur.status != "draft")
      throw Error(409, "published_set_immutable", "Bộ tiêu chí đã ban hành không được sửa; hãy tạo phiên bản mới",
                  "A published set is never edited; create a new version");
    ClassificationSetInput in = read_set(c, s, b, cur);
    update_classification_set(s, id, row_version, in, actor_of(c));
    out = classification_set_json(*c.app.hierarchy(), *get_classification_set(s, id), true);
  });
  return Response::json(out);
}

Response publish_set(Ctx& c) {
  const long long id = c.id_param(0);
  json b = c.req.body.empty() ? json::object() : c.body();
  const auto row_version = opt_int(b, "rowVersion");
  json out;
  c.app.db().transact([&](soci::session& s) {
    managed_set(c, s, id);
    publish_classification_set(s, id, row_version, actor_of(c));
    out = classification_set_json(*c.app.hierarchy(), *get_classification_set(s, id), true);
  });
  return Response::json(out);
}

Response delete_set(Ctx& c) {
  const long long id = c.id_param(0);
  c.app.db().transact([&](soci::session& s) {
    managed_set(c, s, id);
    delete_classification_set(s, id, actor_of(c));
  });
  return Response::no_content();
}

// ----- assessments -----
AssessmentHead visible_assessment(Ctx& c, soci::session& s, long long id) {
  auto head = get_assessment_head(s, id);
  if (!head || !Access::can_see_unit(c.me(), head->commune_unit_id)) throw Error::NotFound("phiếu chấm điểm", "Assessment");
  return *head;
}
// What the caller may do with an assessment, as the screen shows it: the permissions, and the
// second-person rule (whoever submitted it does not check, return or approve it — the same rule
// the actions enforce with 403 not_independent).
void apply_rights(Ctx& c, json& a) {
  a["editable"] = a["editable"].get<bool>() && Access::has(c.me(), perm::kClassificationAssess);
  const json& by = a.contains("submittedBy") ? a["submittedBy"] : json(nullptr);
  const bool submitter = by.is_object() && by.value("id", 0LL) == c.me().user_id;
  a["checkable"] = a["checkable"].get<bool>() && Access::has(c.me(), perm::kClassificationCheck) && !submitter;
}
json shown(Ctx& c, soci::session& s, long long id, bool items = true) {
  json a = assessment_json(s, *c.app.hierarchy(), id, items);
  apply_rights(c, a);
  return a;
}

Response list_assessments_route(Ctx& c) {
  HierarchyPtr h = c.app.hierarchy();
  AssessmentFilter f;
  f.year = c.int_q("year", 2000, 2100);
  f.status = c.enum_q("status", {"draft", "submitted", "returned", "approved"});
  f.class_code = c.q("class");
  if (f.class_code.size() > 20) throw Error::InvalidParam("class", "mã phân loại", "a class code");
  f.q = c.q("q");
  if (f.q.size() > 200) throw Error::InvalidParam("q", "tối đa 200 ký tự", "at most 200 characters");
  std::vector<long long> provinces;
  if (!c.q("province").empty()) {
    const std::string code = c.q("province");
    for (const auto* v : h->versions(code))
      if (v->kind == "province") provinces.push_back(v->id);
    if (provinces.empty()) throw Error::OrgUnitNotFound(code, "province", Date::today_vn());
    f.provinces = &provinces;
  }
  json out;
  c.app.db().with_session([&](soci::session& s) {
    out = list_assessments(s, *h, f, c.me().scope);
    for (auto& a : out["items"]) apply_rights(c, a);
  });
  return Response::json(out);
}

Response get_assessment(Ctx& c) {
  const long long id = c.id_param(0);
  json out;
  c.app.db().with_session([&](soci::session& s) {
    visible_assessment(c, s, id);
    out = shown(c, s, id);
  });
  return Response::json(out);
}

Response create_assessment_route(Ctx& c) {
  json b = c.body();
  const std::string code = req_string(b, "communeCode", 32);
  const long long year_raw = req_int(b, "year");
  if (year_raw < clf::kFirstYear || year_raw > current_year())
    throw Error(422, "year_out_of_range", "Năm chấm điểm phải từ " + std::to_string(clf::kFirstYear) + " đến " + std::to_string(current_year()),
                "The year must be " + std::to_string(clf::kFirstYear) + " to " + std::to_string(current_year()), "year");
  const int year = static_cast<int>(year_raw);
  HierarchyPtr h = c.app.hierarchy();
  const OrgUnit* u = h->find(code, Date::from_ymd(year, 12, 31));
  if (!u) throw Error::OrgUnitFieldNotFound(code, "communeCode", year);
  if (!Access::can_see_unit(c.me(), u->id)) throw Error::Forbidden();
  if (u->kind != "commune")
    throw Error(422, "not_a_commune", "Không phải xã, phường: " + code, "Not a commune: " + code, "communeCode");
  json out;
  c.app.db().transact([&](soci::session& s) {
    const long long id = create_assessment(s, *h, *u, year, actor_of(c));
    out = shown(c, s, id);
  });
  return Response::json(out, 201);
}

template <class F>
Response change(Ctx& c, bool needs_body, F&& f) {
  const long long id = c.id_param(0);
  json b = needs_body || !c.req.body.empty() ? c.body() : json::object();
  json out;
  c.app.db().transact([&](soci::session& s) {
    visible_assessment(c, s, id);
    f(s, id, b);
    out = shown(c, s, id);
  });
  return Response::json(out);
}

std::vector<clf::SelfItem> read_items(const json& b, const char* score_field, const char* note_field) {
  std::vector<clf::SelfItem> out;
  auto it = b.find("items");
  if (it == b.end() || it->is_null()) return out;
  if (!it->is_array()) throw Error(422, "validation_failed", "items phải là một danh sách", "items must be an array", "items");
  if (it->size() > clf::kMaxCriteria) throw Error(422, "validation_failed", "Tối đa 100 tiêu chí", "At most 100 criteria", "items");
  for (const auto& e : *it) {
    if (!e.is_object()) throw Error(422, "validation_failed", "Mỗi phần tử phải là một đối tượng", "Each item must be an object", "items");
    clf::SelfItem x;
    x.criterion_key = req_string(e, "criterionKey", 20);
    if (e.contains(score_field) && !e[score_field].is_null()) {
      if (!e[score_field].is_number_integer() || e[score_field].get<long long>() < -1000 || e[score_field].get<long long>() > 1000)
        throw Error(422, "score_out_of_range", "Điểm phải là số nguyên", "The score must be a whole number", "items")
            .with_extra_json(json{{"errors", json::array({{{"criterionKey", x.criterion_key}, {"code", "score_out_of_range"},
                                                            {"message", "Điểm phải là số nguyên"},
                                                            {"messageEn", "The score must be a whole number"}}})}}
                                 .dump());
      x.score = static_cast<int>(e[score_field].get<long long>());
    }
    x.note = opt_string(e, note_field, kNoteMax * 4);
    out.push_back(x);
  }
  return out;
}

Response refresh_route(Ctx& c) {
  return change(c, false, [&](soci::session& s, long long id, const json& b) {
    refresh_assessment_evidence(s, *c.app.hierarchy(), id, opt_int(b, "version"), actor_of(c));
  });
}
Response save_route(Ctx& c) {
  return change(c, true, [&](soci::session& s, long long id, const json& b) {
    const long long version = req_int(b, "version");
    const std::string summary = opt_string(b, "summary", kSummaryMax * 4);
    save_self_assessment(s, id, version, summary, read_items(b, "selfScore", "selfNote"), actor_of(c));
  });
}
Response submit_route(Ctx& c) {
  return change(c, true, [&](soci::session& s, long long id, const json& b) { submit_assessment(s, id, req_int(b, "version"), actor_of(c)); });
}
Response check_route(Ctx& c) {
  return change(c, true, [&](soci::session& s, long long id, const json& b) {
    save_check(s, id, req_int(b, "version"), read_items(b, "checkScore", "checkComment"), actor_of(c));
  });
}
Response return_route(Ctx& c) {
  return change(c, true, [&](soci::session& s, long long id, const json& b) {
    return_assessment(s, id, req_int(b, "version"), opt_string(b, "comment", kNoteMax * 4), actor_of(c));
  });
}
Response approve_route(Ctx& c) {
  return change(c, true, [&](soci::session& s, long long id, const json& b) {
    const std::string number = opt_string(b, "decisionNumber", 200);
    const auto date = b.contains("decisionDate") && !b["decisionDate"].is_null() ? opt_json_date(b, "decisionDate") : std::nullopt;
    approve_assessment(s, id, req_int(b, "version"), number, date, actor_of(c));
  });
}
Response reopen_route(Ctx& c) {
  return change(c, true, [&](soci::session& s, long long id, const json& b) {
    reopen_assessment(s, id, req_int(b, "version"), opt_string(b, "reason", kNoteMax * 4), actor_of(c));
  });
}

// ----- attachments of an item -----
long long item_id(soci::session& s, long long assessment_id, const std::string& key) {
  long long id = 0;
  s << "SELECT id FROM commune_assessment_items WHERE assessment_id = :a AND criterion_key = :k", soci::use(assessment_id),
      soci::use(key), soci::into(id);
  if (!s.got_data()) throw Error::NotFound("tiêu chí " + key, "Criterion " + key);
  return id;
}
Response upload_item_file(Ctx& c) {
  const long long id = c.id_param(0);
  const std::string key = c.param(1);
  UploadedFile f = uploaded_file(c);
  json out;
  c.app.db().transact([&](soci::session& s) {
    AssessmentHead head = visible_assessment(c, s, id);
    const long long iid = item_id(s, id, key);
    clf::require_action(head.status, "attach");
    const long long aid = store_attachment(s, "assessment_item", iid, head.commune_unit_id, f, actor_of(c));
    out = attachment_json(*get_attachment(s, aid));
  });
  return Response::json(out, 201);
}
Response download_item_file(Ctx& c) {
  const long long id = c.id_param(0), aid = c.id_param(2);
  const std::string key = c.param(1);
  Response r;
  c.app.db().with_session([&](soci::session& s) {
    visible_assessment(c, s, id);
    const long long iid = item_id(s, id, key);
    auto a = get_attachment(s, aid);
    if (!a || a->owner_kind != "assessment_item" || a->owner_id != iid) throw Error::NotFound("tệp đính kèm", "Attachment");
    r.body = attachment_content(s, aid);
    r.content_type = a->content_type;
    r.headers.push_back({"Content-Disposition", content_disposition(a->filename)});
    r.headers.push_back({"X-Checksum-SHA256", a->sha256});
  });
  return r;
}
Response delete_item_file(Ctx& c) {
  const long long id = c.id_param(0), aid = c.id_param(2);
  const std::string key = c.param(1);
  c.app.db().transact([&](soci::session& s) {
    AssessmentHead head = visible_assessment(c, s, id);
    const long long iid = item_id(s, id, key);
    clf::require_action(head.status, "attach");
    auto a = get_attachment(s, aid);
    if (!a || a->owner_kind != "assessment_item" || a->owner_id != iid) throw Error::NotFound("tệp đính kèm", "Attachment");
    s << "DELETE FROM attachments WHERE id = :i", soci::use(aid);
    record_audit(s, actor_of(c),
                 {"delete", "attachment", std::to_string(aid), head.commune_unit_id,
                  json{{"name", a->filename}, {"assessment", head.commune_code + "/" + std::to_string(head.year)}, {"criterionKey", key}},
                  std::nullopt});
  });
  return Response::no_content();
}

// ----- completeness and history -----
Response completeness(Ctx& c) {
  const int year = year_q(c);
  HierarchyPtr h = c.app.hierarchy();
  const std::string code = c.q("province");
  if (code.empty()) throw Error::MissingParam("province", "mã tỉnh", "the province code");
  const OrgUnit* p = h->find(code, Date::from_ymd(year, 12, 31));
  if (!p || p->kind != "province") throw Error::OrgUnitNotFound(code, "province", year);
  // the province in scope, or (a commune officer) a commune of it: the list narrows to the scope
  const Scope& mine = c.me().scope;
  if (!mine.all() && !mine.contains(p->id)) {
    bool any = false;
    for (long long x : mine.ids())
      if (const OrgUnit* u = h->by_id(x); u && u->valid_on(Date::from_ymd(year, 12, 31)) && h->is_within(*u, *p, Date::from_ymd(year, 12, 31))) any = true;
    if (!any) throw Error::NotFound("tỉnh " + code, "Province " + code);
  }
  json out;
  c.app.db().with_session([&](soci::session& s) { out = assessment_completeness(s, *h, *p, year, mine); });
  return Response::json(out);
}

Response history(Ctx& c) {
  HierarchyPtr h = c.app.hierarchy();
  const std::string code = c.q("commune");
  if (code.empty()) throw Error::MissingParam("commune", "mã xã, phường", "the commune code");
  const OrgUnit* u = c.unit_q(*h, "commune");
  if (!Access::can_see_unit(c.me(), u->id)) throw Error::NotFound("xã, phường " + code, "Commune " + code);
  if (u->kind != "commune") throw Error(422, "not_a_commune", "Không phải xã, phường: " + code, "Not a commune: " + code, "commune");
  json out;
  c.app.db().with_session([&](soci::session& s) { out = assessment_history(s, *h, *u, current_year()); });
  return Response::json(out);
}
}  // namespace

void add_classification_routes(std::vector<Route>& r) {
  const char* R = perm::kClassificationRead;
  const char* A = perm::kClassificationAssess;
  const char* K = perm::kClassificationCheck;
  const char* M = perm::kClassificationCriteria;
  r.push_back({"GET", "/api/classification/sets", Auth::Session, list_sets,
               "Criteria sets of commune classification (?owner=<province code>|national); drafts only for their managers", R});
  r.push_back({"GET", "/api/classification/sets/in-force", Auth::Session, set_in_force,
               "The criteria set in force for a commune and year: the province's published set valid on 31/12, else the national", R});
  r.push_back({"GET", "/api/classification/sets/{id}", Auth::Session, get_set, "One criteria set with its definition", R});
  r.push_back({"POST", "/api/classification/sets", Auth::Session, create_set,
               "A new draft criteria set (version = last of the owner + 1; copyFrom copies a set's definition)", M});
  r.push_back({"PUT", "/api/classification/sets/{id}", Auth::Session, update_set,
               "Edit a draft criteria set (rowVersion; 409 published_set_immutable)", M});
  r.push_back({"POST", "/api/classification/sets/{id}/publish", Auth::Session, publish_set,
               "Publish a draft set (422 overlapping_validity with another published set of the owner)", M});
  r.push_back({"DELETE", "/api/classification/sets/{id}", Auth::Session, delete_set, "Delete a draft criteria set", M});
  r.push_back({"GET", "/api/classification/assessments", Auth::Session, list_assessments_route,
               "Commune assessments in scope, by province, year, status, class and commune name", R});
  r.push_back({"POST", "/api/classification/assessments", Auth::Session, create_assessment_route,
               "Start a commune's self-assessment for a year: the set in force, suggestions and evidence computed now", A});
  r.push_back({"GET", "/api/classification/assessments/{id}", Auth::Session, get_assessment,
               "One assessment with its items, evidence, attachments and transitions", R});
  r.push_back({"PUT", "/api/classification/assessments/{id}", Auth::Session, save_route,
               "Save self scores and notes (draft/returned; a score differing from the suggestion needs a note)", A});
  r.push_back({"POST", "/api/classification/assessments/{id}/refresh-evidence", Auth::Session, refresh_route,
               "Recompute the suggestions and evidence (draft/returned; self scores kept)", A});
  r.push_back({"POST", "/api/classification/assessments/{id}/submit", Auth::Session, submit_route,
               "Submit a complete self-assessment to the province", A});
  r.push_back({"PUT", "/api/classification/assessments/{id}/check", Auth::Session, check_route,
               "The province's check scores and comments (submitted)", K});
  r.push_back({"POST", "/api/classification/assessments/{id}/return", Auth::Session, return_route,
               "Return a submitted assessment to the commune (comment required)", K});
  r.push_back({"POST", "/api/classification/assessments/{id}/approve", Auth::Session, approve_route,
               "Approve: every check score present; the class is frozen and locked", K});
  r.push_back({"POST", "/api/classification/assessments/{id}/reopen", Auth::Session, reopen_route,
               "Reopen an approved assessment (the approver's act; reason required)", K});
  r.push_back({"POST", "/api/classification/assessments/{id}/items/{criterionKey}/attachments", Auth::Session, upload_item_file,
               "Attach an evidence file to a criterion (PDF, DOCX; draft/returned)", A});
  r.push_back({"GET", "/api/classification/assessments/{id}/items/{criterionKey}/attachments/{attachmentId}", Auth::Session,
               download_item_file, "An evidence file of a criterion", R});
  r.push_back({"DELETE", "/api/classification/assessments/{id}/items/{criterionKey}/attachments/{attachmentId}", Auth::Session,
               delete_item_file, "Remove an evidence file of a criterion (draft/returned)", A});
  r.push_back({"GET", "/api/classification/completeness", Auth::Session, completeness,
               "Which communes of a province have (not) assessed a year, with their status and class", R});
  r.push_back({"GET", "/api/classification/history", Auth::Session, history,
               "A commune's results year by year, with its predecessors' before a merge and the derived class", R});
}

}  // namespace longghep
