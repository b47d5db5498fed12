// People supported (hồ sơ hỗ trợ, issue 16; docs/api-cases.md): pseudonymous records by client
// code, search before create by keyed hashes, sealed identity revealed only as an audited act by
// the assigned case worker or supervisor, consent per purpose, the record's access log.
// The wall (police and inspection roles never read support records) is Access::has. A record
// outside the caller's scope answers 404. Every route answers 503 case_keys_unavailable when the
// sealing keys are not configured (App::sealer()).
#include "domain/case_rights.hpp"
#include "domain/cases.hpp"
#include "domain/error.hpp"
#include "http/app.hpp"
#include "http/case_access.hpp"
#include "http/render.hpp"
#include "storage/case_rights.hpp"
#include "storage/cases.hpp"

namespace longghep {
using nlohmann::json;

namespace {
// The identity object of a body: known field names, each a string (or null: not given).
CaseIdentity read_identity(const json& b, bool required_object) {
  CaseIdentity out;
  if (!b.contains("identity") || b["identity"].is_null()) {
    if (required_object)
      throw Error::Validation("identity", "Thiếu thông tin danh tính", "The identity object is missing");
    return out;
  }
  const json& id = b["identity"];
  if (!id.is_object()) throw Error::Validation("identity", "identity phải là một đối tượng", "identity must be an object");
  if (id.size() > std::size(cases::kSealedFields))
    throw Error::Validation("identity", "Trường danh tính không tồn tại", "Unknown identity field");
  for (const auto& [k, v] : id.items()) {
    const cases::SealedField* f = cases::sealed_field(k);
    if (!f) throw Error::Validation("identity." + k, "Trường danh tính không tồn tại", "Unknown identity field");
    if (v.is_null()) continue;
    if (!v.is_string())
      throw Error::Validation("identity." + k, "Giá trị phải là chuỗi", "The value must be a string");
    // opt_string: NFC, clean UTF-8, bounded in bytes (the character bound is storage's)
    out[k] = opt_string(id, k, f->max_chars * 4);
  }
  return out;
}

// The non-sealed fields of a create (keep = nullptr) or an update (keep = the record).
CaseInput read_input(Ctx& c, const json& b, const CaseRow* keep) {
  HierarchyPtr h = c.app.hierarchy();
  CaseInput in;
  const std::string code = req_string(b, "residenceUnitCode", 32);
  const std::optional<Date> as_of = opt_json_date(b, "residenceAsOf");
  const OrgUnit* k = keep ? h->by_id(keep->residence_unit_id) : nullptr;
  const OrgUnit& u = resolve_unit_code(*h, code, as_of, "residenceUnitCode", "residenceAsOf", k);
  Access::require_unit_assignable(c.me(), u.id, "residenceUnitCode");
  in.residence_unit_id = u.id;
  in.residence_as_of = as_of ? *as_of : (keep && k == &u ? keep->residence_as_of : std::min(Date::today_vn(), u.validity.to));
  if (auto y = opt_int(b, "birthYear")) {
    if (*y < 0 || *y > 9999) throw Error::Validation("birthYear", "Năm sinh không hợp lệ", "Invalid birth year");
    in.birth_year = static_cast<int>(*y);
  }
  in.sex = b.contains("sex") ? req_string(b, "sex", 16) : "unknown";
  in.status = keep ? (b.contains("status") ? req_string(b, "status", 16) : keep->status) : "open";
  if (keep && in.status != keep->status)  // closure and reopen are acts of their own (routes_case_work.cpp)
    throw Error(409, "closure_required", "Trạng thái hồ sơ chỉ đổi qua đề nghị đóng hồ sơ (được giám sát viên duyệt) hoặc mở lại",
                "The record's status changes only through a closure request (approved by a supervisor) or a reopen");
  in.target_groups = req_string_array(b, "targetGroups", 10);
  in.registered_on = keep ? keep->registered_on : opt_json_date(b, "registeredOn").value_or(Date::today_vn());
  if (in.registered_on > Date::today_vn())
    throw Error::Validation("registeredOn", "Ngày đăng ký không được ở tương lai", "The registration date cannot be in the future");
  auto worker = opt_int(b, "caseWorkerId");
  in.case_worker_id = worker ? *worker : (keep ? keep->case_worker_id : c.me().user_id);
  auto sup = opt_int(b, "supervisorId");
  in.supervisor_id = b.contains("supervisorId") ? sup.value_or(0) : (keep ? keep->supervisor_id : 0);
  return in;
}

Response duplicates(Ctx& c) {
  auto sealer = c.app.sealer();
  json b = c.body();
  std::optional<std::string> name, idn;
  std::optional<int> by;
  if (b.contains("fullName") && !b["fullName"].is_null()) name = req_string(b, "fullName", 800);
  if (auto y = opt_int(b, "birthYear")) by = static_cast<int>(std::clamp<long long>(*y, 0, 9999));
  if (b.contains("idNumber") && !b["idNumber"].is_null()) idn = req_string(b, "idNumber", 40);
  if ((name.has_value() != by.has_value()) || (!name && !idn))
    throw Error::Validation(name || by ? (name ? "birthYear" : "fullName") : "idNumber",
                            "Tìm theo họ tên cùng năm sinh, và/hoặc theo số CCCD",
                            "Search by full name with birth year, and/or by identity number");
  std::vector<DuplicateMatch> found;
  // "does this person have a record" must not be asked at will: rate-limited, and logged (who,
  // when, the kinds of criteria, the number of matches — never the query) — storage/case_rights
  std::vector<std::string> criteria;
  if (name) criteria.push_back("name");
  if (idn) criteria.push_back("idNumber");
  c.app.db().transact([&](soci::session& s) {
    cases::require_search_allowed(case_searches_last_hour(s, c.me().user_id));
    found = find_case_duplicates(s, *sealer, name, by, idn);
    log_case_search(s, c.me().user_id, c.me().username, c.me().org_unit_id, criteria, static_cast<long long>(found.size()));
  });
  json items = json::array();
  for (const auto& m : found)
    items.push_back({{"code", m.code}, {"inScope", Access::can_see_unit(c.me(), m.residence_unit_id)}, {"matchedOn", m.matched_on}});
  return Response::json({{"items", items}});
}

Response list(Ctx& c) {
  c.app.sealer();
  HierarchyPtr h = c.app.hierarchy();
  CaseFilter f;
  f.scope = &c.me().scope;
  f.within = c.unit_q(*h);
  if (f.within) Access::require_unit_visible(c.me(), f.within->id, "đơn vị " + f.within->code, "Org unit " + f.within->code);
  f.status = c.enum_q("status", {"open", "closed", cases::kAnonymised});
  f.target_group = c.q("targetGroup");
  f.sort = c.sort({"-code", "code", "registeredOn", "-registeredOn"});
  f.page = c.page();
  f.page_size = c.page_size();
  json out;
  c.app.db().with_session([&](soci::session& s) { out = list_cases(s, *h, f); });
  return Response::json(out);
}

Response get(Ctx& c) {
  c.app.sealer();
  const long long id = c.id_param(0);
  json out;
  c.app.db().with_session([&](soci::session& s) { out = case_json(s, *c.app.hierarchy(), visible_case(c, s, id)); });
  return Response::json(out);
}

Response create(Ctx& c) {
  auto sealer = c.app.sealer();
  json b = c.body();
  CaseInput in = read_input(c, b, nullptr);
  CaseIdentity identity = read_identity(b, true);
  if (identity.find("fullName") == identity.end() || identity["fullName"].empty())
    throw Error::Validation("identity.fullName", "Họ tên là bắt buộc (được mã hóa, không ai thấy nếu không có lý do)",
                            "The full name is required (sealed; nobody sees it without a reason)");
  HierarchyPtr h = c.app.hierarchy();
  long long id = 0;
  json out;
  c.app.db().transact([&](soci::session& s) {
    id = create_case(s, *h, in, identity, *sealer, actor_of(c));
    out = case_json(s, *h, *get_case(s, id));
  });
  return Response::json(out, 201);
}

Response update(Ctx& c) {
  auto sealer = c.app.sealer();
  const long long id = c.id_param(0);
  json b = c.body();
  const long long version = req_int(b, "version");
  if (b.contains("identity"))
    throw Error::Validation("identity", "Danh tính được sửa qua PUT /api/cases/{id}/identity",
                            "The identity is changed through PUT /api/cases/{id}/identity");
  HierarchyPtr h = c.app.hierarchy();
  json out;
  c.app.db().transact([&](soci::session& s) {
    CaseRow r = visible_case(c, s, id);
    cases::require_not_anonymised(r.status);
    CaseInput in = read_input(c, b, &r);
    cases::require_can_reassign(c.me(), r.case_worker_id, r.supervisor_id, in.case_worker_id, in.supervisor_id);
    update_case(s, *h, id, version, in, *sealer, actor_of(c));
    out = case_json(s, *h, *get_case(s, id));
  });
  return Response::json(out);
}

Response update_identity(Ctx& c) {
  auto sealer = c.app.sealer();
  const long long id = c.id_param(0);
  json b = c.body();
  const long long version = req_int(b, "version");
  CaseIdentity identity = read_identity(b, true);
  if (identity.count("fullName") && identity["fullName"].empty())
    throw Error::Validation("identity.fullName", "Không thể xóa họ tên", "The full name cannot be cleared");
  // a correction on the person's request (issue 16 §6): its reference is audited, never the values
  std::optional<std::string> correction;
  if (b.contains("correctionRequest") && !b["correctionRequest"].is_null())
    correction = cases::validate_rights_reason(req_string(b, "correctionRequest", 4000), "correctionRequest");
  json out;
  c.app.db().transact([&](soci::session& s) {
    CaseRow r = visible_case(c, s, id);
    cases::require_not_anonymised(r.status);
    cases::require_can_reveal(c.me(), r.case_worker_id, r.supervisor_id);  // the assigned worker or supervisor only
    update_case_identity(s, id, version, identity, *sealer, actor_of(c));
    if (correction) {
      std::vector<std::string> changed;
      for (const auto& [k, v] : identity) changed.push_back(k);
      audit_case_correction(s, r, *correction, changed, actor_of(c));
    }
    out = case_json(s, *c.app.hierarchy(), *get_case(s, id));
  });
  return Response::json(out);
}

Response reveal(Ctx& c) {
  auto sealer = c.app.sealer();
  const long long id = c.id_param(0);
  json b = c.body();
  const std::string reason = cases::validate_reason(req_string(b, "reason", 4000));
  cases::require_no_identifier(reason, "reason");  // the reason is kept in the clear (access log, audit)
  std::vector<std::string> fields;
  if (b.contains("fields") && !b["fields"].is_null()) {
    fields = req_string_array(b, "fields", std::size(cases::kSealedFields));
    for (const auto& f : fields)
      if (!cases::sealed_field(f)) throw Error::Validation("fields", "Trường danh tính không tồn tại: " + f, "Unknown identity field: " + f);
    std::sort(fields.begin(), fields.end());
    fields.erase(std::unique(fields.begin(), fields.end()), fields.end());
    if (fields.empty()) throw Error::Validation("fields", "Chọn ít nhất một trường", "Choose at least one field");
  }
  json out;
  c.app.db().transact([&](soci::session& s) {
    CaseRow r = visible_case(c, s, id);
    cases::require_not_anonymised(r.status);
    cases::require_can_reveal(c.me(), r.case_worker_id, r.supervisor_id);
    if (fields.empty())
      for (const auto& f : cases::kSealedFields)
        if (r.sealed_present.count(f.name)) fields.push_back(f.name);
    CaseIdentity v = reveal_case(s, r, fields, reason, *sealer, actor_of(c));
    json identity = json::object();
    for (const auto& f : fields) identity[f] = v[f].empty() ? json(nullptr) : json(v[f]);
    out = {{"id", r.id}, {"code", r.code}, {"identity", identity}, {"fields", fields}, {"reason", reason}};
  });
  return Response::json(out);
}

Response access_log(Ctx& c) {
  c.app.sealer();
  const long long id = c.id_param(0);
  json out;
  c.app.db().with_session([&](soci::session& s) {
    CaseRow r = visible_case(c, s, id);
    if (!cases::can_reveal(c.me(), r.case_worker_id, r.supervisor_id) && !Access::has(c.me(), perm::kCasesSupervise))
      throw Error::Forbidden();
    out = case_access_log_json(s, id);
  });
  return Response::json(out);
}

Response consents(Ctx& c) {
  c.app.sealer();
  const long long id = c.id_param(0);
  json out;
  c.app.db().with_session([&](soci::session& s) {
    visible_case(c, s, id);
    out = case_consents_json(s, id, Date::today_vn());
  });
  return Response::json(out);
}

Response add_consent_event(Ctx& c, bool given) {
  c.app.sealer();
  const long long id = c.id_param(0);
  json b = c.body();
  std::string purpose = given ? req_string(b, "purpose", 64) : "";
  const Date on = opt_json_date(b, "effectiveOn").value_or(Date::today_vn());
  if (on > Date::today_vn())
    throw Error::Validation("effectiveOn", "Ngày hiệu lực không được ở tương lai", "The date cannot be in the future");
  const std::string note = opt_string(b, "note", 500);
  cases::require_no_identifier(note, "note");  // consent notes are kept in the clear
  json out;
  c.app.db().transact([&](soci::session& s) {
    CaseRow r = visible_case(c, s, id);
    if (!given) {
      auto p = case_consent_purpose(s, id, c.id_param(1));
      if (!p) throw Error::NotFound("sự đồng ý", "Consent");
      purpose = *p;
    }
    add_case_consent(s, r, purpose, given, on, note, actor_of(c));
    out = case_consents_json(s, id, Date::today_vn());
  });
  return Response::json(out, 201);
}
Response give_consent(Ctx& c) { return add_consent_event(c, true); }
Response withdraw_consent(Ctx& c) { return add_consent_event(c, false); }
}  // namespace

void add_cases_routes(std::vector<Route>& r) {
  r.push_back({"POST", "/api/cases/duplicates", Auth::Session, duplicates,
               "Search before create: client codes of records matching a name + birth year or an identity number (keyed hashes)",
               perm::kCasesRecord});
  r.push_back({"GET", "/api/cases", Auth::Session, list, "Support records in scope, by client code (never identity)", perm::kCasesRead});
  r.push_back({"POST", "/api/cases", Auth::Session, create, "Create a support record; the identity is sealed", perm::kCasesRecord});
  r.push_back({"GET", "/api/cases/{id}", Auth::Session, get, "One support record (no identity)", perm::kCasesRead});
  r.push_back({"PUT", "/api/cases/{id}", Auth::Session, update, "Update the non-sealed fields (optimistic concurrency on version)",
               perm::kCasesRecord});
  r.push_back({"PUT", "/api/cases/{id}/identity", Auth::Session, update_identity,
               "Replace sealed identity fields (the assigned case worker or supervisor)", perm::kCasesRecord});
  r.push_back({"POST", "/api/cases/{id}/reveal", Auth::Session, reveal,
               "Reveal the sealed identity with a reason (assigned case worker or supervisor; logged, rate-limited)",
               perm::kCasesReveal});
  r.push_back({"GET", "/api/cases/{id}/access-log", Auth::Session, access_log,
               "Who revealed the record's identity, when, which fields, why", perm::kCasesRead});
  r.push_back({"GET", "/api/cases/{id}/consents", Auth::Session, consents, "Consent history per purpose and what holds today",
               perm::kCasesRead});
  r.push_back({"POST", "/api/cases/{id}/consents", Auth::Session, give_consent, "Record consent for a purpose", perm::kCasesRecord});
  r.push_back({"POST", "/api/cases/{id}/consents/{consentId}/withdraw", Auth::Session, withdraw_consent,
               "Withdraw a consent (a new event; history is kept)", perm::kCasesRecord});
}

}  // namespace longghep
