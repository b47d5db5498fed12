// Inspections of service businesses (issue 17 §2–§6; docs/api-inspections.md): the kinds of
// violation, the dated legal reference table (read, resolve by date, import), the versioned
// checklists, inter-agency teams, yearly plans with their coverage, and the inspection record
// (biên bản) with its violations, measures, re-inspection, outreach counts and evidence files.
// A team and its plans belong to the team's unit, an inspection to the business's commune: out
// of the caller's scope they answer 404. Read: inspections.read; write: inspections.write; the
// legal table and checklists: legal_refs.manage.
#include <algorithm>
#include <set>
#include <tuple>

#include "domain/error.hpp"
#include "domain/inspections.hpp"
#include "domain/text.hpp"
#include "http/app.hpp"
#include "http/render.hpp"
#include "http/uploads.hpp"
#include "storage/attachments.hpp"
#include "storage/inspections.hpp"

namespace longghep {
using nlohmann::json;
namespace insp = inspections;

namespace {
// The units a list may show: the caller's scope, within ?orgUnit= when given; nullopt = all.
std::optional<std::vector<long long>> listed_units(Ctx& c, const Hierarchy& h) {
  const OrgUnit* within = c.unit_q(h);
  if (within) Access::require_unit_visible(c.me(), within->id, "đơn vị " + within->code, "Org unit " + within->code);
  const Scope& mine = c.me().scope;
  if (!within) return mine.all() ? std::nullopt : std::optional(mine.ids());
  Scope w = h.scope_of(within->id);
  if (mine.all()) return w.all() ? std::nullopt : std::optional(w.ids());
  if (w.all()) return mine.ids();
  std::vector<long long> ids;
  for (long long x : w.ids())
    if (mine.contains(x)) ids.push_back(x);
  return ids;
}

const json& array_field(const json& b, const std::string& field, size_t max_items) {
  static const json empty = json::array();
  auto it = b.find(field);
  if (it == b.end() || it->is_null()) return empty;
  if (!it->is_array()) throw Error::Validation(field, field + " phải là một danh sách", field + " must be an array");
  if (it->size() > max_items)
    throw Error::Validation(field, "Tối đa " + std::to_string(max_items) + " phần tử", "At most " + std::to_string(max_items) + " items");
  return *it;
}
const json& object_field(const json& b, const std::string& field) {
  static const json empty = json::object();
  auto it = b.find(field);
  if (it == b.end() || it->is_null()) return empty;
  if (!it->is_object()) throw Error::Validation(field, field + " phải là một đối tượng", field + " must be an object");
  return *it;
}
const json& element(const json& e, const std::string& field) {
  if (!e.is_object()) throw Error::Validation(field, "Mỗi phần tử phải là một đối tượng", "Each item must be an object");
  return e;
}
std::vector<long long> id_list(const json& b, const std::string& field, size_t max_items) {
  std::vector<long long> out;
  for (const auto& x : array_field(b, field, max_items)) {
    if (!x.is_number_integer() || x.get<long long>() <= 0)
      throw Error::Validation(field, "Danh sách mã số không hợp lệ", "Must be a list of ids");
    out.push_back(x.get<long long>());
  }
  return out;
}

// ----- reference data -----

Response topics(Ctx& c) {
  json out;
  c.app.db().with_session([&](soci::session& s) { out = list_violation_topics(s); });
  return Response::json(out);
}

Response legal_refs(Ctx& c) {
  const std::string topic = c.q("topic");
  const auto on = c.opt_date("on");
  json items = json::array();
  c.app.db().with_session([&](soci::session& s) {
    for (const auto& r : load_legal_refs(s, topic, on)) items.push_back(legal_ref_json(r));
  });
  return Response::json({{"items", items}});
}

Response resolve_legal(Ctx& c) {
  const std::string topic = c.q("topic");
  if (topic.empty()) throw Error::MissingParam("topic", "loại vi phạm", "the violation kind");
  const auto on = c.opt_date("on").value_or(Date::today_vn());
  json out;
  c.app.db().with_session([&](soci::session& s) {
    std::vector<insp::LegalRef> refs;
    auto rows = load_legal_refs(s, topic);
    for (const auto& r : rows) refs.push_back(r.ref);
    const auto& got = insp::resolve(refs, topic, on);
    for (const auto& r : rows)
      if (r.ref.id == got.id) out = legal_ref_json(r);
  });
  return Response::json(out);
}

// Columns by position (the header row is skipped): code, instrument, article, clause, point,
// topic, titleVi, titleEn, fineMin, fineMax, validFrom, validTo, sourceNote.
constexpr long long kLegalImportMaxRows = 2000;
struct Rollback {};

Response import_legal(Ctx& c) {
  UploadedFile f = uploaded_file(c);
  const bool commit = c.q("commit") == "true";
  auto rows = uploaded_sheet_rows(c, f, kLegalImportMaxRows);
  json errors = json::array();
  auto add_error = [&](long long row, const std::string& field, const std::string& code, const std::string& vi, const std::string& en) {
    errors.push_back({{"row", row}, {"field", field}, {"code", code}, {"message", vi}, {"messageEn", en}});
  };
  std::vector<LegalRefRow> parsed;
  std::vector<insp::LegalRow> checked;
  for (auto& [row, cells] : rows) {
    auto cell = [&](size_t i) {
      std::string v = i < cells.size() ? cells[i] : std::string();
      const auto b = v.find_first_not_of(" \t"), e = v.find_last_not_of(" \t");
      return b == std::string::npos ? std::string() : v.substr(b, e - b + 1);
    };
    try {
      LegalRefRow r;
      auto& x = r.ref;
      x.code = cell(0);
      x.instrument = cell(1);
      x.article = cell(2);
      x.clause = cell(3);
      x.point = cell(4);
      x.topic = cell(5);
      r.title_vi = cell(6);
      r.title_en = cell(7);
      for (auto [i, field, target] : {std::tuple{8, "fineMin", &x.fine_min}, std::tuple{9, "fineMax", &x.fine_max}}) {
        const std::string v = cell(i);
        if (v.empty()) continue;
        auto n = parse_digits(v, 12);
        if (!n) throw Error::Validation(field, "Phải là số nguyên không âm: " + v, "Must be a non-negative whole number: " + v);
        *target = *n;
      }
      auto from = sheet_cell_date(cell(10), "validFrom");
      if (!from) throw Error::Validation("validFrom", "Ngày có hiệu lực là bắt buộc", "validFrom is required");
      x.valid_from = *from;
      x.valid_to = sheet_cell_date(cell(11), "validTo");
      r.source_note = cell(12);
      for (auto [v, field, max] : {std::tuple{&x.code, "code", 64}, std::tuple{&x.instrument, "instrument", 100},
                                   std::tuple{&x.article, "article", 20}, std::tuple{&x.clause, "clause", 20},
                                   std::tuple{&x.point, "point", 20}, std::tuple{&r.title_vi, "titleVi", 2000},
                                   std::tuple{&r.title_en, "titleEn", 2000}, std::tuple{&r.source_note, "sourceNote", 2000}})
        if (v->size() > static_cast<size_t>(max) * 4)
          throw Error::Validation(field, "Quá dài", "Too long");
      parsed.push_back(r);
      checked.push_back({row, r.ref, r.title_vi});
    } catch (const Error& e) {
      add_error(row, e.field().value_or(""), e.code(), e.message_vi(), e.message_en());
    }
  }
  long long created = 0, updated = 0;
  auto run = [&](soci::session& s) {
    std::set<std::string> known;
    const json topics = list_violation_topics(s);
    for (const auto& t : topics["items"]) known.insert(t["code"].get<std::string>());
    std::vector<insp::LegalRef> existing;
    for (const auto& r : load_legal_refs(s)) existing.push_back(r.ref);
    for (const auto& i : insp::check_legal_import(checked, existing, known)) add_error(i.row, i.field, i.code, i.message_vi, i.message_en);
    if (errors.empty()) std::tie(created, updated) = upsert_legal_refs(s, parsed, actor_of(c));
    if (!commit || !errors.empty()) throw Rollback{};  // nothing half-written
  };
  try {
    c.app.db().transact(run);
  } catch (const Rollback&) {
  }
  const bool committed = commit && errors.empty();
  std::set<long long> bad;
  for (const auto& e : errors) bad.insert(e["row"].get<long long>());
  json out = {{"rows", static_cast<long long>(rows.size())}, {"valid", static_cast<long long>(rows.size() - bad.size())},
              {"errors", errors}, {"committed", committed}, {"created", committed ? created : 0},
              {"updated", committed ? updated : 0}};
  return Response::json(out, committed ? 201 : (errors.empty() ? 200 : 422));
}

Response checklist(Ctx& c) {
  const std::string type = c.q("type");
  const Date on = c.opt_date("on").value_or(Date::today_vn());
  json out;
  c.app.db().with_session([&](soci::session& s) {
    std::vector<insp::ChecklistVersionRef> refs;
    for (auto& v : load_checklist_versions(s, type.empty() ? std::nullopt : std::optional(type), true)) refs.push_back(v.ref);
    const auto* v = insp::checklist_in_force(refs, type, on);
    if (!v)
      throw Error(404, "no_checklist", "Không có danh mục kiểm tra có hiệu lực ngày " + on.vn(),
                  "No checklist in force on " + on.iso());
    out = checklist_version_json(s, v->id, true);
  });
  return Response::json(out);
}

Response checklist_versions(Ctx& c) {
  const std::string type = c.q("type");
  json items = json::array();
  c.app.db().with_session([&](soci::session& s) {
    for (auto& v : load_checklist_versions(s, type.empty() ? std::nullopt : std::optional(type), true))
      items.push_back(checklist_version_json(s, v.ref.id, false));
  });
  return Response::json({{"items", items}});
}

Response create_checklist(Ctx& c) {
  json b = c.body();
  std::optional<std::string> type;
  if (b.contains("typeCode") && !b["typeCode"].is_null()) type = req_string(b, "typeCode", 64);
  auto from = opt_json_date(b, "validFrom");
  if (!from) throw Error::Validation("validFrom", "Ngày áp dụng là bắt buộc", "validFrom is required");
  const std::string note = opt_string(b, "note", 2000);
  std::vector<ChecklistItemInput> items;
  for (const auto& e : array_field(b, "items", insp::kItemsMax)) {
    const json& it = element(e, "items");
    items.push_back({req_string(it, "itemKey", 64), req_string(it, "textVi", 2000), opt_string(it, "textEn", 2000),
                     opt_string(it, "topic", 64)});
  }
  json out;
  c.app.db().transact([&](soci::session& s) {
    const long long id = create_checklist_version(s, type, *from, note, items, actor_of(c));
    out = checklist_version_json(s, id, true);
  });
  return Response::json(out, 201);
}

// ----- teams -----

long long visible_team(Ctx& c, soci::session& s, long long id) {
  auto u = team_unit(s, id);
  if (!u || !Access::can_see_unit(c.me(), *u)) throw Error::NotFound("đội kiểm tra", "Inspection team");
  return *u;
}

TeamInput read_team(Ctx& c, const json& b, long long keep_unit = 0) {
  HierarchyPtr h = c.app.hierarchy();
  TeamInput in;
  const std::optional<Date> as_of = opt_json_date(b, "orgUnitAsOf");
  const OrgUnit* keep = keep_unit ? h->by_id(keep_unit) : nullptr;
  const std::string code = req_string(b, "orgUnitCode", 32);
  // a team's unit is read today unless the team keeps its own (a unit that has ended) or a date is given
  const std::optional<Date> when = as_of || (keep && keep->code == code) ? as_of : std::optional(Date::today_vn());
  const OrgUnit& u = resolve_unit_code(*h, code, when, "orgUnitCode", "orgUnitAsOf", keep);
  Access::require_unit_assignable(c.me(), u.id, "orgUnitCode");
  in.org_unit_id = u.id;
  in.name = req_string(b, "name", insp::kNameMax * 4);
  in.lead_agency_id = opt_int(b, "leadAgencyId").value_or(0);
  in.decision_ref = opt_string(b, "decisionRef", insp::kTextMax * 4);
  in.agency_ids = id_list(b, "agencyIds", 50);
  in.active = opt_bool(b, "active", true);
  for (const auto& e : array_field(b, "members", insp::kMembersMax)) {
    const json& m = element(e, "members");
    in.members.push_back({opt_int(m, "id").value_or(0), req_string(m, "fullName", insp::kTextMax * 4),
                          opt_string(m, "position", insp::kTextMax * 4), opt_int(m, "agencyId").value_or(0),
                          opt_bool(m, "isLead", false)});
  }
  return in;
}

Response list_teams_route(Ctx& c) {
  HierarchyPtr h = c.app.hierarchy();
  auto units = listed_units(c, *h);
  json out;
  c.app.db().with_session([&](soci::session& s) { out = list_teams(s, *h, units ? &*units : nullptr); });
  return Response::json(out);
}

Response get_team(Ctx& c) {
  const long long id = c.id_param(0);
  json out;
  c.app.db().with_session([&](soci::session& s) {
    visible_team(c, s, id);
    out = team_json(s, *c.app.hierarchy(), id);
  });
  return Response::json(out);
}

Response create_team_route(Ctx& c) {
  TeamInput in = read_team(c, c.body());
  json out;
  c.app.db().transact([&](soci::session& s) {
    const long long id = create_team(s, in, actor_of(c));
    out = team_json(s, *c.app.hierarchy(), id);
  });
  return Response::json(out, 201);
}

Response update_team_route(Ctx& c) {
  const long long id = c.id_param(0);
  json b = c.body();
  const long long version = req_int(b, "version");
  json out;
  c.app.db().transact([&](soci::session& s) {
    const long long unit = visible_team(c, s, id);
    TeamInput in = read_team(c, b, unit);
    update_team(s, id, version, in, actor_of(c));
    out = team_json(s, *c.app.hierarchy(), id);
  });
  return Response::json(out);
}

// ----- plans -----

long long visible_plan(Ctx& c, soci::session& s, long long id) {
  auto u = inspection_plan_unit(s, id);
  if (!u || !Access::can_see_unit(c.me(), *u)) throw Error::NotFound("kế hoạch kiểm tra", "Inspection plan");
  return *u;
}

InspectionPlanInput read_plan(Ctx& c, soci::session& s, const json& b) {
  InspectionPlanInput in;
  in.team_id = req_int(b, "teamId");
  auto u = team_unit(s, in.team_id);
  if (!u || !Access::can_see_unit(c.me(), *u)) throw Error::Validation("teamId", "Đội kiểm tra không tồn tại", "Unknown inspection team");
  in.org_unit_id = *u;
  auto& f = in.f;
  f.year = static_cast<int>(std::clamp<long long>(req_int(b, "year"), 0, 100000));
  f.title = req_string(b, "title", insp::kNameMax * 4);
  f.legal_basis = req_string(b, "legalBasis", insp::kNameMax * 4);
  f.legal_basis_date = b.contains("legalBasisDate") && !b["legalBasisDate"].is_null() ? opt_json_date(b, "legalBasisDate") : std::nullopt;
  f.coverage_target_pct = opt_int(b, "coverageTargetPct");
  f.unannounced_target = opt_int(b, "unannouncedTarget");
  f.mode = req_string(b, "mode", 16);
  f.note = opt_string(b, "note", insp::kNoteMax * 4);
  for (const auto& t : array_field(b, "typeCodes", 20)) {
    if (!t.is_string()) throw Error::Validation("typeCodes", "Danh sách mã loại hình", "A list of type codes");
    in.type_codes.push_back(t.get<std::string>());
  }
  in.business_ids = id_list(b, "businessIds", insp::kBusinessesMax);
  for (long long bid : in.business_ids) {
    long long unit = 0;
    s << "SELECT commune_unit_id FROM businesses WHERE id = :i", soci::use(bid), soci::into(unit);
    if (!s.got_data() || !Access::can_see_unit(c.me(), unit))
      throw Error::Validation("businessIds", "Cơ sở không tồn tại: " + std::to_string(bid), "Unknown business: " + std::to_string(bid));
  }
  return in;
}

Response list_plans_route(Ctx& c) {
  HierarchyPtr h = c.app.hierarchy();
  auto units = listed_units(c, *h);
  InspectionPlanFilter f;
  f.units = units ? &*units : nullptr;
  f.year = c.int_q("year", 2000, 2100);
  f.status = c.enum_q("status", {"draft", "active", "closed"});
  json out;
  c.app.db().with_session([&](soci::session& s) { out = list_inspection_plans(s, *h, f); });
  return Response::json(out);
}

Response get_plan(Ctx& c) {
  const long long id = c.id_param(0);
  json out;
  c.app.db().with_session([&](soci::session& s) {
    visible_plan(c, s, id);
    out = inspection_plan_json(s, *c.app.hierarchy(), id);
  });
  return Response::json(out);
}

Response create_plan_route(Ctx& c) {
  json b = c.body();
  json out;
  c.app.db().transact([&](soci::session& s) {
    InspectionPlanInput in = read_plan(c, s, b);
    const long long id = create_inspection_plan(s, in, actor_of(c));
    out = inspection_plan_json(s, *c.app.hierarchy(), id);
  });
  return Response::json(out, 201);
}

Response update_plan_route(Ctx& c) {
  const long long id = c.id_param(0);
  json b = c.body();
  const long long version = req_int(b, "version");
  json out;
  c.app.db().transact([&](soci::session& s) {
    visible_plan(c, s, id);
    InspectionPlanInput in = read_plan(c, s, b);
    update_inspection_plan(s, id, version, in, actor_of(c));
    out = inspection_plan_json(s, *c.app.hierarchy(), id);
  });
  return Response::json(out);
}

Response plan_status(Ctx& c) {
  const long long id = c.id_param(0);
  json b = c.body();
  const long long version = req_int(b, "version");
  const std::string status = req_string(b, "status", 16);
  json out;
  c.app.db().transact([&](soci::session& s) {
    visible_plan(c, s, id);
    change_inspection_plan_status(s, id, version, status, actor_of(c));
    out = inspection_plan_json(s, *c.app.hierarchy(), id);
  });
  return Response::json(out);
}

// ----- inspections -----

InspectionHead visible_inspection(Ctx& c, soci::session& s, long long id) {
  auto head = get_inspection_head(s, id);
  if (!head || !Access::can_see_unit(c.me(), head->commune_unit_id)) throw Error::NotFound("biên bản kiểm tra", "Inspection");
  return *head;
}

InspectionInput read_inspection(Ctx& c, soci::session& s, const json& b) {
  InspectionInput in;
  in.business_id = req_int(b, "businessId");
  {
    long long unit = 0;
    s << "SELECT commune_unit_id FROM businesses WHERE id = :i", soci::use(in.business_id), soci::into(unit);
    if (!s.got_data() || !Access::can_see_unit(c.me(), unit))
      throw Error::Validation("businessId", "Cơ sở kinh doanh không tồn tại", "Unknown business");
  }
  in.team_id = req_int(b, "teamId");
  {
    auto u = team_unit(s, in.team_id);
    if (!u || !Access::can_see_unit(c.me(), *u)) throw Error::Validation("teamId", "Đội kiểm tra không tồn tại", "Unknown inspection team");
  }
  in.plan_id = opt_int(b, "planId").value_or(0);
  if (in.plan_id) {
    auto u = inspection_plan_unit(s, in.plan_id);
    if (!u || !Access::can_see_unit(c.me(), *u)) throw Error::Validation("planId", "Kế hoạch không tồn tại", "Unknown plan");
  }
  in.reinspection_of = opt_int(b, "reinspectionOf").value_or(0);
  auto& f = in.f;
  f.inspected_on = opt_json_date(b, "inspectedOn");
  f.started_at = opt_string(b, "startedAt", 16);
  f.ended_at = opt_string(b, "endedAt", 16);
  in.unannounced = opt_bool(b, "unannounced", false);
  f.representative_name = opt_string(b, "representativeName", insp::kTextMax * 4);
  f.representative_role = opt_string(b, "representativeRole", insp::kTextMax * 4);
  f.findings = opt_string(b, "findings", insp::kFindingsMax * 4);
  const json& m = object_field(b, "measures");
  in.suspension = opt_bool(m, "suspension", false);
  f.suspension_days = opt_int(m, "suspensionDays");
  in.cert_withdrawal = opt_bool(m, "certWithdrawal", false);
  f.measure_other = opt_string(m, "other", insp::kNoteMax * 4);
  in.police_handover = opt_bool(b, "policeHandover", false);
  f.police_handover_note = opt_string(b, "policeHandoverNote", insp::kNoteMax * 4);
  f.signature = b.contains("signature") ? req_string(b, "signature", 16) : "pending";
  f.refusal_reason = opt_string(b, "refusalReason", insp::kNoteMax * 4);
  f.refusal_witness = opt_string(b, "refusalWitness", insp::kTextMax * 4);
  f.reinspection_due =
      b.contains("reinspectionDue") && !b["reinspectionDue"].is_null() ? opt_json_date(b, "reinspectionDue") : std::nullopt;
  const json& o = object_field(b, "outreach");
  f.informed = opt_int(o, "informed").value_or(0);
  f.health_checked = opt_int(o, "healthChecked").value_or(0);
  f.referred = opt_int(o, "referred").value_or(0);
  for (const auto& e : array_field(b, "membersPresent", insp::kMembersMax)) {
    const json& x = element(e, "membersPresent");
    MemberPresentInput mp{opt_int(x, "memberId").value_or(0), req_string(x, "fullName", insp::kTextMax * 4),
                          opt_string(x, "position", insp::kTextMax * 4), opt_string(x, "agencyName", insp::kNameMax * 4)};
    in.members.push_back(mp);
    f.members_present.push_back({mp.full_name, mp.position});
  }
  for (const auto& e : array_field(b, "checklist", insp::kItemsMax)) {
    const json& x = element(e, "checklist");
    AnswerInput a{req_int(x, "itemId"), req_string(x, "result", 8), opt_string(x, "note", insp::kNoteMax * 4)};
    in.answers.push_back(a);
    f.answers.push_back({a.result, a.note});
  }
  for (const auto& e : array_field(b, "violations", insp::kViolationsMax)) {
    const json& x = element(e, "violations");
    ViolationInput v;
    v.f.topic = req_string(x, "topic", 64);
    v.legal_reference_id = opt_int(x, "legalReferenceId").value_or(0);
    v.f.description = opt_string(x, "description", insp::kNoteMax * 4);
    v.f.fine_amount = opt_int(x, "fineAmount").value_or(0);
    v.f.sanction_decision = opt_string(x, "sanctionDecision", insp::kTextMax * 4);
    in.violations.push_back(v);
    f.violations.push_back(v.f);
  }
  return in;
}

Response list_inspections_route(Ctx& c) {
  HierarchyPtr h = c.app.hierarchy();
  auto units = listed_units(c, *h);
  InspectionFilter f;
  f.units = units ? &*units : nullptr;
  f.year = c.int_q("year", 2000, 2100);
  f.plan_id = c.id_q("planId");
  f.business_id = c.id_q("businessId");
  f.status = c.enum_q("status", {"draft", "final"});
  f.overdue = c.bool_q("overdue").value_or(false);
  f.q = c.q("q");
  if (f.q.size() > 200) throw Error::InvalidParam("q", "tối đa 200 ký tự", "at most 200 characters");
  f.page = c.page();
  f.page_size = c.page_size();
  json out;
  c.app.db().with_session([&](soci::session& s) { out = list_inspections(s, *h, f); });
  return Response::json(out);
}

Response due_inspections(Ctx& c) {
  HierarchyPtr h = c.app.hierarchy();
  auto units = listed_units(c, *h);
  InspectionFilter f;
  f.units = units ? &*units : nullptr;
  f.due_until = Date::today_vn().add_days(30);
  f.page = 1;
  f.page_size = 500;
  json out;
  c.app.db().with_session([&](soci::session& s) { out = list_inspections(s, *h, f); });
  return Response::json(out);
}

Response get_inspection(Ctx& c) {
  const long long id = c.id_param(0);
  json out;
  c.app.db().with_session([&](soci::session& s) {
    visible_inspection(c, s, id);
    out = inspection_json(s, *c.app.hierarchy(), id);
  });
  return Response::json(out);
}

Response create_inspection_route(Ctx& c) {
  json b = c.body();
  json out;
  c.app.db().transact([&](soci::session& s) {
    InspectionInput in = read_inspection(c, s, b);
    json warnings = json::array();
    const long long id = create_inspection(s, *c.app.hierarchy(), in, actor_of(c), warnings);
    out = inspection_json(s, *c.app.hierarchy(), id);
    out["warnings"] = warnings;
  });
  return Response::json(out, 201);
}

Response update_inspection_route(Ctx& c) {
  const long long id = c.id_param(0);
  json b = c.body();
  const long long version = req_int(b, "version");
  json out;
  c.app.db().transact([&](soci::session& s) {
    visible_inspection(c, s, id);
    InspectionInput in = read_inspection(c, s, b);
    json warnings = json::array();
    update_inspection(s, *c.app.hierarchy(), id, version, in, actor_of(c), warnings);
    out = inspection_json(s, *c.app.hierarchy(), id);
    out["warnings"] = warnings;
  });
  return Response::json(out);
}

Response finalise(Ctx& c) {
  const long long id = c.id_param(0);
  json b = c.body();
  const long long version = req_int(b, "version");
  json out;
  c.app.db().transact([&](soci::session& s) {
    visible_inspection(c, s, id);
    finalise_inspection(s, id, version, actor_of(c));
    out = inspection_json(s, *c.app.hierarchy(), id);
  });
  return Response::json(out);
}

Response upload_evidence(Ctx& c) {
  const long long id = c.id_param(0);
  UploadedFile f = uploaded_file(c);
  json out;
  c.app.db().transact([&](soci::session& s) {
    InspectionHead head = visible_inspection(c, s, id);
    if (head.status == "final")
      throw Error(409, "inspection_final", "Biên bản đã hoàn tất, không thêm tệp được", "The record is final; no files can be added");
    const long long aid = store_attachment(s, "inspection", id, head.commune_unit_id, f, actor_of(c));
    out = attachment_json(*get_attachment(s, aid));
  });
  return Response::json(out, 201);
}

Response download_evidence(Ctx& c) {
  const long long id = c.id_param(0), aid = c.id_param(1);
  Response r;
  c.app.db().with_session([&](soci::session& s) {
    visible_inspection(c, s, id);
    auto a = get_attachment(s, aid);
    if (!a || a->owner_kind != "inspection" || a->owner_id != id) throw Error::NotFound("tệp đính kèm", "Attachment");
    r.body = attachment_content(s, aid);
    r.content_type = a->content_type;
    r.headers.push_back({"Content-Disposition", content_disposition(a->filename)});
    r.headers.push_back({"X-Checksum-SHA256", a->sha256});
  });
  return r;
}
}  // namespace

void add_inspections_routes(std::vector<Route>& r) {
  const char* R = perm::kInspectionsRead;
  const char* W = perm::kInspectionsWrite;
  const char* M = perm::kLegalRefsManage;
  r.push_back({"GET", "/api/violation-topics", Auth::Session, topics, "The kinds of violation, stable across decrees", R});
  r.push_back({"GET", "/api/legal-references", Auth::Session, legal_refs,
               "The dated legal reference table, by topic; with ?on= only the rows valid that day", R});
  r.push_back({"GET", "/api/legal-references/resolve", Auth::Session, resolve_legal,
               "The legal reference in force for a kind of violation on a day (404 no_legal_reference)", R});
  r.push_back({"POST", "/api/legal-references/import", Auth::Session, import_legal,
               "Import legal references from .xlsx or CSV: validate (default) or ?commit=true, all or nothing; overlapping validity "
               "and unknown kinds are errors",
               M});
  r.push_back({"GET", "/api/checklists", Auth::Session, checklist,
               "The checklist version in force for a business type on a day (type-specific first, else the all-types one)", R});
  r.push_back({"GET", "/api/checklists/versions", Auth::Session, checklist_versions, "Every checklist version (no items)", R});
  r.push_back({"POST", "/api/checklists", Auth::Session, create_checklist, "A new checklist version (never edited)", M});
  r.push_back({"GET", "/api/inspection-teams", Auth::Session, list_teams_route, "Inter-agency inspection teams in scope", R});
  r.push_back({"POST", "/api/inspection-teams", Auth::Session, create_team_route, "Create an inspection team", W});
  r.push_back({"GET", "/api/inspection-teams/{id}", Auth::Session, get_team, "One inspection team with its agencies and members", R});
  r.push_back({"PUT", "/api/inspection-teams/{id}", Auth::Session, update_team_route,
               "Update a team (version); members without id are added, missing ones deactivated", W});
  r.push_back({"GET", "/api/inspection-plans", Auth::Session, list_plans_route, "Inspection plans in scope, with their progress", R});
  r.push_back({"POST", "/api/inspection-plans", Auth::Session, create_plan_route, "Create a yearly inspection plan (draft)", W});
  r.push_back({"GET", "/api/inspection-plans/{id}", Auth::Session, get_plan, "One inspection plan with its coverage", R});
  r.push_back({"PUT", "/api/inspection-plans/{id}", Auth::Session, update_plan_route, "Update a plan (version)", W});
  r.push_back({"POST", "/api/inspection-plans/{id}/status", Auth::Session, plan_status, "Plan status: draft → active → closed", W});
  r.push_back({"GET", "/api/inspections", Auth::Session, list_inspections_route,
               "Inspection records in scope, by year, unit, plan, business, status, overdue re-inspection and text", R});
  r.push_back({"POST", "/api/inspections", Auth::Session, create_inspection_route,
               "Record an inspection (draft); legal references resolved from the kind and the date", W});
  r.push_back({"GET", "/api/inspections/due", Auth::Session, due_inspections,
               "Re-inspections due in the next 30 days and overdue, in scope", R});
  r.push_back({"GET", "/api/inspections/{id}", Auth::Session, get_inspection, "One inspection record", R});
  r.push_back({"PUT", "/api/inspections/{id}", Auth::Session, update_inspection_route,
               "Update a draft inspection record (version; 409 inspection_final)", W});
  r.push_back({"POST", "/api/inspections/{id}/finalise", Auth::Session, finalise,
               "Finalise a record: signed, or the refusal recorded with reason and witness; then immutable", W});
  r.push_back({"POST", "/api/inspections/{id}/evidence", Auth::Session, upload_evidence,
               "Attach an evidence file (PDF, DOCX, JPEG, PNG; at most 10 MB) to a draft record", W});
  r.push_back({"GET", "/api/inspections/{id}/evidence/{attachmentId}", Auth::Session, download_evidence, "An evidence file", R});
}

}  // namespace longghep
