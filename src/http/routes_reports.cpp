// Periodic reports (§5.4, docs/api-reports.md): a unit fills its own report (computed values
// from its recorded activities, narrative by hand) and submits it; the level above accepts,
// returns or reopens it; a level compiles the accepted reports below it plus its own data, with
// completeness and timeliness. Reads need reports.read and the unit in scope (else 404).
#include <algorithm>

#include "domain/compilation.hpp"
#include "domain/error.hpp"
#include "domain/reporting.hpp"
#include "domain/reporting_access.hpp"
#include "http/app.hpp"
#include "http/reports_common.hpp"
#include "http/reports_case_stats.hpp"
#include "http/reports_document.hpp"
#include "http/workflow_notify.hpp"
#include "storage/case_stats.hpp"
#include "storage/inspection_figures.hpp"
#include "storage/money_figures.hpp"
#include "storage/org_units.hpp"
#include "storage/report_values.hpp"
#include "storage/reports.hpp"
#include "storage/users.hpp"

namespace longghep {
using nlohmann::json;

namespace {



struct Target {
  ReportForm form;
  ReportingPeriod period;
  ReportSchedule schedule;
  const OrgUnit* unit = nullptr;
  std::optional<ReportRequest> request;  // an ad-hoc period (adhoc-<id>)
  std::optional<AgencyRef> agency;       // an agency's report (else the unit's own)
  // computed values come from the analytics engine (storage/report_values.hpp); nullptr: by SQL
  // (?via=sql, the reference the tests compare with)
  AnalyticsIndex* engine = nullptr;
  // ?scan=per-term: the engine counts each element of each unit by its own scan, as before
  // issue 20 (the reference the one-pass compile is measured and tested against)
  bool per_term = false;
  // an ad-hoc request asks this unit (false for the issuer, who compiles it)
  bool asked() const {
    return request && std::find(request->unit_ids.begin(), request->unit_ids.end(), unit->id) != request->unit_ids.end();
  }
  // what the access decisions and compile rules need of it (domain/reporting_access.hpp)
  ReportFacts facts() const {
    ReportFacts r;
    r.unit = unit;
    r.period = period;
    r.agency_id = agency ? agency->id : 0;
    if (request) r.request = AdhocRequestFacts{request->issuer_unit_id, request->unit_ids, request->status == "open"};
    return r;
  }
};

ReportForm form_of(soci::session& s, const std::string& code) {
  auto f = load_form(s, code);
  if (!f) throw Error::Validation("form", "Không có biểu mẫu báo cáo \"" + code + "\"", "No report form \"" + code + "\"");
  return *f;
}

AnalyticsIndex* engine_of(Ctx& c) { return c.q("via") == "sql" ? nullptr : &c.app.analytics(); }

// The computed elements of the target's form over `units` (see compute_values) for the activities
// of the period's data span (data_from–cut_off, docs/api-reports.md): by the engine when the
// target has one, else by SQL.
// `engine_values`: the engine's part already counted (values_many), else counted here.
std::map<std::string, long long> values_of(soci::session& s, const Hierarchy& h, const Target& t, const Scope& units,
                                           long long lead_agency = 0, const std::vector<long long>& except_agencies = {},
                                           const std::map<std::string, long long>* engine_values = nullptr) {
  auto out = engine_values ? *engine_values
             : t.engine    ? compute_values_engine(*t.engine, h, t.form, units, t.period.data_from, t.period.cut_off,
                                                   lead_agency, except_agencies)
                           : compute_values(s, t.form, units, t.period.data_from, t.period.cut_off, lead_agency, except_agencies);
  // the allocated money (migration 0035, docs/api-money.md §5): issued decision lines dated in the
  // span, received by `units` (an agency's report: the decisions to that agency)
  for (const auto& [k, n] : compute_allocated_values(s, t.form, units, t.period.data_from, t.period.cut_off, lead_agency,
                                                     except_agencies))
    out[k] = n;
  // the case elements (migration 0027): people supported and services over the records residing
  // in `units`, consenting to statistics today; a unit's figures, not an agency's
  if (lead_agency == 0)
    for (const auto& [k, n] : compute_case_values(s, t.form, units, t.period.data_from, t.period.cut_off, Date::today_vn()))
      out[k] = n;
  // the inspection figures (migration 0031): the businesses of `units` and their final
  // inspections in the span; a unit's figures, not an agency's
  if (lead_agency == 0)
    for (const auto& [k, n] : compute_inspection_values(s, t.form, units, t.period.data_from, t.period.cut_off)) out[k] = n;
  return out;
}

// Many values_of at once (a compile: each unit below, each agency, the level's own and live
// figures): the engine's part of all of them in one pass over the facts
// (compute_values_engine_many), the SQL parts by one read of each table (compute_sql_values_many),
// unless by SQL or ?scan=per-term (values_of for each, as before).
struct ValuesCall {
  Date from, to;  // the data span of the unit's own period (data_from, cut_off)
  Scope units;
  long long lead_agency = 0;
  std::vector<long long> except_agencies;
};
std::vector<std::map<std::string, long long>> values_many(soci::session& s, const Hierarchy& h, const Target& base,
                                                          const std::vector<ValuesCall>& calls) {
  std::vector<std::map<std::string, long long>> out;
  if (base.engine && !base.per_term) {
    std::vector<ValuesRequest> reqs;
    reqs.reserve(calls.size());
    for (const auto& c : calls) reqs.push_back({&c.units, c.from, c.to, c.lead_agency, c.except_agencies});
    out = compute_values_engine_many(*base.engine, base.form, reqs);
    // the money, case and inspection figures: each table read once for all of them
    auto sql = compute_sql_values_many(s, base.form, reqs, Date::today_vn());
    for (size_t i = 0; i < calls.size(); ++i)
      for (auto& [k, n] : sql[i]) out[i][k] = n;
    return out;
  }
  Target t = base;
  out.reserve(calls.size());
  for (const auto& c : calls) {
    t.period.data_from = c.from;
    t.period.cut_off = c.to;
    out.push_back(values_of(s, h, t, c.units, c.lead_agency, c.except_agencies));
  }
  return out;
}

// A level's compilation (a unit with units or agencies reporting to it): the reports below with
// their status, and, with figures, compiled + own = total per numeric element (domain/compilation)
// and the live figures of all activities beside it. Defined with compile_json below.
struct Level {
  nlohmann::json units = nlohmann::json::array(), agencies = nlohmann::json::array(), completeness;
  std::vector<BelowReport> below;  // the units, then the agencies, in the order of the arrays
  std::vector<nlohmann::json> below_refs;  // {"orgUnit":…} or {"agency":…} of each
  std::vector<std::string> numeric, computed;  // element codes
  Figures own, live;
  Compilation comp;
  bool compiles() const { return !below.empty(); }
};
Level level_of(soci::session& s, const Hierarchy& h, const Target& t, bool figures, const std::optional<ReportRow>& own_row);

// A unit code that names no unit on `on`: from ?orgUnit= (body_field null) 404, from a body
// field 400, both org_unit_not_found naming the input.
Error unit_missing(const std::string& code, const char* body_field, Date on) {
  return body_field ? Error::OrgUnitFieldNotFound(code, body_field, on) : Error::OrgUnitNotFound(code, "orgUnit", on);
}

// The ad-hoc period adhoc-<id>: the request's form, span and deadline; the unit must be one it
// asks or its issuer (else 404, as for a unit out of scope).
Target adhoc_target_of(Ctx& c, soci::session& s, const Hierarchy& h, long long request_id, const std::string& form_code,
                       const std::string& unit_code, const char* body_field = nullptr) {
  Target t;
  t.request = get_request(s, request_id);
  if (!t.request) throw Error::NotFound("yêu cầu báo cáo đột xuất", "Report request");
  if (!form_code.empty() && form_code != t.request->form_code)
    throw Error::Validation("form", "Yêu cầu báo cáo đột xuất dùng biểu mẫu \"" + t.request->form_code + "\"",
                            "The ad-hoc request uses the form \"" + t.request->form_code + "\"");
  t.form = form_of(s, t.request->form_code);
  t.unit = h.find(unit_code, Date::today_vn());
  if (!t.unit) t.unit = h.find(unit_code, t.request->to);
  if (!t.unit) throw unit_missing(unit_code, body_field, t.request->to);
  Access::require_unit_visible(c.me(), t.unit->id, "đơn vị", "Org unit");
  if (!t.asked() && t.unit->id != t.request->issuer_unit_id) throw Error::NotFound("báo cáo", "Report");
  t.period = adhoc_period(t.request->id, t.request->title, t.request->from, t.request->to, t.request->deadline);
  t.engine = engine_of(c);
  t.per_term = c.q("scan") == "per-term";
  return t;
}

// form, period and org unit of the query (or of a stored report, or of a body whose unit code is
// field `body_field`: unit_missing); 404 when the unit is unseen.
// An agency's report (agency_id ≠ 0) belongs to the agency's unit, a province.
Target target_of(Ctx& c, soci::session& s, const Hierarchy& h, const std::string& form_code, const std::string& period_code,
                 std::string unit_code, std::optional<Date> as_of, long long agency_id = 0, const char* body_field = nullptr) {
  if (auto rid = adhoc_request_id(period_code)) {
    if (agency_id != 0)
      throw Error::Validation("agency", "Báo cáo đột xuất gửi cho đơn vị, không cho cơ quan",
                              "Ad-hoc requests are addressed to units, not agencies");
    return adhoc_target_of(c, s, h, *rid, form_code, unit_code, body_field);
  }
  std::optional<AgencyRef> agency;
  if (agency_id != 0) {
    agency = find_agency(s, agency_id);
    const OrgUnit* au = agency ? h.by_id(agency->org_unit_id) : nullptr;
    if (!au || !Access::can_see_unit(c.me(), au->id)) throw Error::NotFound("cơ quan", "Agency");
    if (au->kind != "province")
      throw Error::Validation("agency", "Chỉ cơ quan cấp tỉnh lập báo cáo cơ quan", "Only province agencies file agency reports");
    unit_code = au->code;
    if (!as_of) as_of = au->valid_on(Date::today_vn()) ? Date::today_vn() : au->validity.to;
  }
  Target t;
  t.agency = agency;
  t.form = form_of(s, form_code.empty() ? "bc_6thang" : form_code);
  // The period's boundaries do not depend on the schedule, only its deadline: resolve the unit
  // on the period's end (a 2024 report of a district opens on the district), or on ?asOf=.
  auto bare = period_for(t.form.kind, period_code, ReportSchedule{});
  if (!bare)
    throw Error::Validation("period", "Kỳ báo cáo không hợp lệ: \"" + period_code + "\" (ví dụ 2026-H1 hoặc 2026)",
                            "Not a reporting period: \"" + period_code + "\" (e.g. 2026-H1 or 2026)");
  const Date on = as_of.value_or(std::min(bare->to, Date::today_vn()));
  t.unit = h.find(unit_code, on);
  if (!t.unit && !as_of) t.unit = h.find(unit_code, Date::today_vn());
  if (!t.unit) throw unit_missing(unit_code, body_field, on);
  if (agency) t.unit = h.by_id(agency->org_unit_id);  // the agency's own unit version
  Access::require_unit_visible(c.me(), t.unit->id, "đơn vị", "Org unit");
  const Date sched_day = t.unit->valid_on(bare->to) ? bare->to : std::min(t.unit->validity.to, Date::today_vn());
  t.schedule = schedule_for(s, t.form.code, h, *t.unit, sched_day);
  t.period = *period_for(t.form.kind, period_code, t.schedule);
  t.engine = engine_of(c);
  t.per_term = c.q("scan") == "per-term";
  return t;
}

Target target_of_query(Ctx& c, soci::session& s, const Hierarchy& h) {
  const std::string unit = c.q("orgUnit").empty() ? "" : c.q("orgUnit");
  std::string code = unit;
  if (code.empty()) {
    const OrgUnit* home = h.by_id(c.me().org_unit_id);
    if (!home) throw Error::Validation("orgUnit", "Chưa chọn đơn vị", "Choose an org unit");
    code = home->code;
  }
  const long long agency = c.id_q("agency").value_or(0);
  return target_of(c, s, h, c.q("form"), c.q("period"), code, c.opt_date("asOf"), agency);
}

// Marks `r` as entered on behalf of its unit when the caller fills it for a unit that no longer
// exists (the report shows "Nhập thay cho <đơn vị> bởi <người dùng>"); returns the unit's id, or 0
// when the caller acts for its own unit.
long long mark_on_behalf(const Principal& me, const Hierarchy& h, const Target& t, ReportRow& r) {
  const OrgUnit* u = ReportAccess::fill_on_behalf(me, h, t.facts(), Date::today_vn());
  if (!u) {
    r.on_behalf_unit_id = 0;
    r.on_behalf_by.clear();
    return 0;
  }
  r.on_behalf_unit_id = u->id;
  r.on_behalf_by = me.username;
  r.acting_for_unit_id = u->id;
  r.acting_label = on_behalf_label_vi(u->name, me.username);
  return u->id;
}

// A back-filled report's paper submission: {"paperSubmittedOn": "YYYY-MM-DD", "reason": "..."} in
// the submit body; the day may not be in the future nor before the period began, the reason is
// required with it. Without it the report is submitted today, as ever.
void read_paper_date(const json& b, const Target& t, ReportRow& r) {
  r.paper_submitted_on.clear();
  r.paper_reason.clear();
  const auto day = opt_json_date(b, "paperSubmittedOn");
  const std::string reason = opt_string(b, "reason", 2000);
  check_paper_submission(day, reason, t.period.from, Date::today_vn());
  if (!day) return;
  r.paper_submitted_on = day->iso();
  r.paper_reason = reason;
}

std::map<std::string, double> numbers_of(const json& values) {
  std::map<std::string, double> out;
  for (auto it = values.begin(); it != values.end(); ++it)
    if (it->is_number()) out[it.key()] = it->get<double>();
  return out;
}

// The hand-entered values of a report as its unit typed them. A level's report once submitted
// holds totals in `values`; until it is saved again its typed numbers are the stored own part.
json hand_values(soci::session& s, const ReportForm& f, const std::optional<ReportRow>& row) {
  json v = json::object();
  const json parts = row && row->id ? load_report_compilation(s, row->id) : json(nullptr);
  for (const auto& e : f.elements) {
    if (e.source != "manual") continue;
    v[e.code] = (row && row->values.contains(e.code)) ? row->values[e.code] : json(nullptr);
    if (e.value_type == "number" && parts.is_object() && parts.contains("own"))
      v[e.code] = parts["own"].contains(e.code) ? parts["own"][e.code] : json(nullptr);
  }
  return v;
}

// The values a report shows: stored ones once submitted; otherwise its hand-entered values and
// the computed ones, recomputed now — for a level (`lvl` compiles), every number is its
// compilation's total: Σ accepted reports below + own.
json current_values(soci::session& s, const Hierarchy& h, const Target& t, const std::optional<ReportRow>& row,
                    const Level* lvl = nullptr) {
  if (row && !report_editable(row->status)) return row->values;
  json v = hand_values(s, t.form, row);
  if (lvl && lvl->compiles()) {
    for (const auto& [k, n] : lvl->comp.total) v[k] = n;
    return v;
  }
  for (const auto& [k, n] : values_of(s, h, t, h.scope_of(t.unit->id), t.agency ? t.agency->id : 0))
    v[k] = n;
  return v;
}

// An agency report: the part of its values recorded on the province unit itself — what the
// province total counts of it (the rest is in the reports of the units below).
json agency_own_values(soci::session& s, const Hierarchy& h, const Target& t) {
  json v = json::object();
  for (const auto& [k, n] : values_of(s, h, t, Scope::of({t.unit->id}), t.agency->id))
    v[k] = n;
  return v;
}

json agency_ref(const AgencyRef& a) { return {{"id", a.id}, {"name", a.name}, {"shortName", a.short_name}}; }

Timeliness timeliness_of(const ReportingPeriod& period, const ReportSchedule& schedule, const std::optional<ReportRow>& row) {
  const std::optional<Date> submitted = row ? submitted_day(row->status, row->submitted_at, row->paper_submitted_on) : std::nullopt;
  return timeliness(period.deadline, submitted, Date::today_vn(), schedule.reminder_days);
}
Timeliness timeliness_of(const Target& t, const std::optional<ReportRow>& row) { return timeliness_of(t.period, t.schedule, row); }

json period_json(const ReportingPeriod& p) {
  return {{"code", p.code}, {"label", p.label}, {"labelEn", p.label_en}, {"from", p.from.iso()}, {"to", p.to.iso()},
          {"deadline", p.deadline.iso()}, {"cutOff", p.cut_off.iso()}, {"dataFrom", p.data_from.iso()}};
}

// The compilation beside a report or on the compile page: compiled / own / total (the frozen parts
// of a submitted level report, else as compiled now), the live figures of all activities, the
// difference explained per unit below, and the units without an accepted report (as confirmed at
// submit once frozen). `row`: the level's own report.
json compilation_json(soci::session& s, const ReportForm& f, const Level& L, const std::optional<ReportRow>& row) {
  const bool frozen = row && !report_editable(row->status);
  const json parts = frozen ? load_report_compilation(s, row->id) : json(nullptr);
  json jc = json::object(), jo = json::object(), jt = json::object(), jl = json::object();
  for (const auto& e : f.elements) {
    if (e.value_type != "number") continue;
    if (parts.is_object()) {
      jc[e.code] = parts["compiled"].value(e.code, 0LL);
      jo[e.code] = parts["own"].contains(e.code) ? parts["own"][e.code] : json(nullptr);
      jt[e.code] = row->values.contains(e.code) && row->values[e.code].is_number_integer() ? row->values[e.code] : json(0);
    } else {
      jc[e.code] = L.comp.compiled.count(e.code) ? L.comp.compiled.at(e.code) : 0;
      jo[e.code] = L.comp.own.count(e.code) ? json(L.comp.own.at(e.code)) : json(nullptr);
      jt[e.code] = L.comp.total.count(e.code) ? L.comp.total.at(e.code) : 0;
    }
    if (e.source == "computed") jl[e.code] = L.live.count(e.code) ? L.live.at(e.code) : 0;
  }
  json diffs = json::array(), missing_now = json::array();
  for (size_t i = 0; i < L.below.size(); ++i) {
    BelowReport b = L.below[i];
    for (auto it = b.reported.begin(); it != b.reported.end();)  // hand-entered numbers have no live figure
      it = std::find(L.computed.begin(), L.computed.end(), it->first) == L.computed.end() ? b.reported.erase(it) : std::next(it);
    for (const auto& e : case_elements(f)) {  // consent changes move them; small ones must not show through
      b.reported.erase(e.code);
      b.live.erase(e.code);
    }
    const Gap g = explain(b);
    json d = L.below_refs[i];
    d["status"] = b.status;
    d["reason"] = to_string(g.reason);
    d["message"] = g.vi.empty() ? json(nullptr) : json(g.vi);
    d["messageEn"] = g.en.empty() ? json(nullptr) : json(g.en);
    d["difference"] = g.difference;
    diffs.push_back(d);
    if (!counted(L.below[i])) {
      json m = L.below_refs[i];
      m["name"] = b.name;
      m["status"] = b.status;
      missing_now.push_back(m);
    }
  }
  return {{"compiled", jc}, {"own", jo}, {"total", jt}, {"live", jl}, {"differences", diffs}, {"frozen", parts.is_object()},
          {"missingUnits", parts.is_object() ? parts.value("missingUnits", json::array()) : missing_now}};
}

json report_json(Ctx& c, soci::session& s, const Hierarchy& h, const Target& t, const std::optional<ReportRow>& row) {
  const Principal& me = c.me();
  const std::string status = row ? row->status : "not_started";
  const Level L = t.agency ? Level{} : level_of(s, h, t, true, row);
  json values = current_values(s, h, t, row, &L);
  // the cross-check: the live figures of all activities (for a level, with the compilation)
  json compilation = L.compiles() ? compilation_json(s, t.form, L, row) : json(nullptr);
  json live = json::object();
  if (compilation.is_object()) {
    live = compilation["live"];
  } else {
    for (const auto& [k, n] : values_of(s, h, t, h.scope_of(t.unit->id), t.agency ? t.agency->id : 0)) live[k] = n;
  }
  json issue_list = json::array();
  for (const RuleIssue& i : rule_issues(t.form.rules, numbers_of(values)))
    issue_list.push_back({{"field", i.issue.field}, {"severity", i.severity}, {"message", i.issue.message_vi},
                          {"messageEn", i.issue.message_en}});
  // small cells of the case elements, as shown (the stored figures stay exact)
  const auto case_els = case_elements(t.form);
  const json suppressed = suppress_case_values(case_els, values);
  if (compilation.is_object()) {
    suppress_case_compilation(case_els, compilation);
    live = compilation["live"];
  } else {
    suppress_case_values(case_els, live);
  }
  const ReportFacts facts = t.facts();
  const Date today = Date::today_vn();
  const ReportAccess::Allowed can = ReportAccess::allowed(me, h, facts, status, today);
  // history through the successors: who acts for whom, and who entered it on behalf of the unit
  Access::ActingFor fa = ReportAccess::fill_acting(me, h, facts, today);
  if (!ReportAccess::can_fill(me, h, facts, today)) fa.how = Access::Acting::none;  // an agency's report, a closed request, no permission
  Access::Acting rhow = Access::Acting::none;
  const OrgUnit* rlevel = ReportAccess::review_level(me, h, facts, today, &rhow);
  json acting = {{"fill", fa.how == Access::Acting::own ? "own" : fa.how == Access::Acting::on_behalf ? "on_behalf" : "none"},
                 {"fillLabel", fa.how == Access::Acting::on_behalf ? json(on_behalf_label_vi(t.unit->name, me.username)) : json(nullptr)},
                 {"fillLabelEn", fa.how == Access::Acting::on_behalf ? json(on_behalf_label_en(t.unit->name, me.username)) : json(nullptr)},
                 {"reviewLevel", rlevel ? org_unit_ref(*rlevel) : json(nullptr)},
                 {"reviewOnBehalf", rlevel && rhow == Access::Acting::on_behalf}};
  json on_behalf = nullptr;
  if (row && row->on_behalf_unit_id != 0) {
    const OrgUnit* ob = h.by_id(row->on_behalf_unit_id);
    const std::string name = ob ? ob->name : t.unit->name;
    on_behalf = {{"orgUnit", ob ? org_unit_ref(*ob) : json(nullptr)}, {"by", row->on_behalf_by},
                 {"label", on_behalf_label_vi(name, row->on_behalf_by)}, {"labelEn", on_behalf_label_en(name, row->on_behalf_by)}};
  }
  // who acts next: the level above (submitted), the unit itself (to fill), nobody (accepted)
  const json next = next_actors_json(s, h, WhoActsNext::report(status, *t.unit, t.agency ? t.agency->id : 0, h, Date::today_vn(),
                                                               t.request ? t.request->issuer_unit_id : 0));
  return {{"id", row ? json(row->id) : json(nullptr)}, {"form", t.form.code}, {"period", period_json(t.period)},
          {"orgUnit", org_unit_ref(*t.unit)}, {"agency", t.agency ? agency_ref(*t.agency) : json(nullptr)},
          {"requestId", t.request ? json(t.request->id) : json(nullptr)},
          {"requestStatus", t.request ? json(t.request->status) : json(nullptr)}, {"status", status}, {"values", values},
          {"timeliness", to_string(timeliness_of(t, row))},
          {"submittedAt", row && !row->submitted_at.empty() ? json(row->submitted_at) : json(nullptr)},
          {"submittedBy", row && !row->submitted_by.empty() ? json(row->submitted_by) : json(nullptr)},
          {"returnComment", row && !row->return_comment.empty() ? json(row->return_comment) : json(nullptr)},
          {"history", row ? report_history(s, row->id, &h) : json::array()}, {"version", row ? row->version : 0},
          {"onBehalf", on_behalf}, {"acting", acting},
          {"paperSubmittedOn", row && !row->paper_submitted_on.empty() ? json(row->paper_submitted_on) : json(nullptr)},
          {"paperReason", row && !row->paper_reason.empty() ? json(row->paper_reason) : json(nullptr)},
          {"issues", issue_list}, {"compilation", compilation}, {"live", live}, {"suppressedElements", suppressed},
          {"missingUnits", compilation.is_object() ? compilation["missingUnits"] : json::array()},
          {"can", {{"edit", can.edit}, {"submit", can.submit}, {"accept", can.accept}, {"return", can.return_},
                   {"reopen", can.reopen}}},
          {"nextActors", next}};
}

// ----- forms and periods -----

Response list_forms(Ctx& c) {
  Access::require(c.me(), perm::kReportsRead);
  json items = json::array();
  c.app.db().with_session([&](soci::session& s) {
    for (const auto& f : load_forms(s)) items.push_back(form_json(f));
  });
  return Response::json({{"items", items}});
}

Response get_form(Ctx& c) {
  Access::require(c.me(), perm::kReportsRead);
  json out;
  c.app.db().with_session([&](soci::session& s) {
    auto f = load_form(s, c.param(0));
    if (!f) throw Error::NotFound("biểu mẫu", "Report form");
    out = form_json(*f);
  });
  return Response::json(out);
}

Response list_periods(Ctx& c) {
  Access::require(c.me(), perm::kReportsRead);
  auto h = c.app.hierarchy();
  const int year = c.int_q("year", 2000, 2100).value_or(Date::today_vn().year());
  const std::string y = std::to_string(year);
  json items = json::array();
  std::string current;
  c.app.db().with_session([&](soci::session& s) {
    const std::string period = c.q("form", "bc_6thang") == "bc_nam" ? y : y + "-H1";
    Target t = target_of(c, s, *h, c.q("form", "bc_6thang"), period,
                         c.q("orgUnit").empty() ? h->by_id(c.me().org_unit_id)->code : c.q("orgUnit"), c.opt_date("asOf"));
    for (const auto& p : periods_of_year(t.form.kind, year, t.schedule)) items.push_back(period_json(p));
    current = current_period(t.form.kind, Date::today_vn(), t.schedule).code;
  });
  return Response::json({{"items", items}, {"current", current}});
}

// The units whose report for a period the caller may fill: its own unit and the units that no
// longer exist it acts for on behalf (Access::acting_for), those that existed in the period,
// sorted by level then name; at most 5,000.
Response acting_units(Ctx& c) {
  Access::require(c.me(), perm::kReportsRead);
  auto h = c.app.hierarchy();
  json items = json::array();
  c.app.db().with_session([&](soci::session& s) {
    const ReportForm f = form_of(s, c.q("form", "bc_6thang"));
    auto p = period_for(f.kind, c.q("period"), ReportSchedule{});
    if (!p)
      throw Error::Validation("period", "Kỳ báo cáo không hợp lệ: \"" + c.q("period") + "\" (ví dụ 2023-H1 hoặc 2023)",
                              "Not a reporting period: \"" + c.q("period") + "\" (e.g. 2023-H1 or 2023)");
    const Principal& me = c.me();
    if (!ReportAccess::fills_unit_reports(me)) return;
    const Date today = Date::today_vn();
    std::vector<std::pair<const OrgUnit*, Access::Acting>> found;
    auto consider = [&](const OrgUnit& u) {
      if (!Access::can_see_unit(me, u.id) || u.validity.to < p->from || u.validity.from > p->to) return;
      const auto a = Access::acting_for(me, *h, u, p->from, p->to, today);
      if (a.how != Access::Acting::none) found.push_back({&u, a.how});
    };
    if (me.scope.all()) {
      if (const OrgUnit* home = h->by_id(me.org_unit_id)) consider(*home);
    } else {
      for (long long id : me.scope.ids())
        if (const OrgUnit* u = h->by_id(id)) consider(*u);
    }
    static const std::map<std::string, int> level = {{"central", 0}, {"province", 1}, {"district", 2}, {"commune", 3}};
    auto lv = [&](const OrgUnit* u) { auto it = level.find(u->kind); return it == level.end() ? 9 : it->second; };
    std::sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
      if (a.second != b.second) return a.second == Access::Acting::own;
      if (lv(a.first) != lv(b.first)) return lv(a.first) < lv(b.first);
      return a.first->sort_key < b.first->sort_key;
    });
    for (const auto& [u, how] : found) {
      if (items.size() >= 5000) break;
      json j = org_unit_ref(*u);
      j["acting"] = how == Access::Acting::own ? "own" : "on_behalf";
      const OrgUnit* parent = h->parent(*u, std::min(p->to, u->validity.to));
      j["parent"] = parent ? json{{"code", parent->code}, {"name", parent->name}} : json(nullptr);
      j["asOf"] = std::min(p->to, u->validity.to).iso();
      items.push_back(j);
    }
  });
  return Response::json({{"items", items}});
}

// ----- one report -----

Response get_current(Ctx& c) {
  Access::require(c.me(), perm::kReportsRead);
  auto h = c.app.hierarchy();
  json out;
  c.app.db().with_session([&](soci::session& s) {
    Target t = target_of_query(c, s, *h);
    out = report_json(c, s, *h, t, find_report(s, t.form.code, t.period.code, t.unit->id, t.agency ? t.agency->id : 0));
  });
  return Response::json(out);
}

Response put_report(Ctx& c) {
  Access::require(c.me(), perm::kReportsSubmit);
  const json b = c.body();
  auto h = c.app.hierarchy();
  json out;
  c.app.db().transact([&](soci::session& s) {
    const long long agency_id = opt_int(b, "agencyId").value_or(0);
    if (agency_id < 0) throw Error::Validation("agencyId", "Mã cơ quan không hợp lệ", "agencyId must be an agency id");
    Target t = target_of(c, s, *h, opt_string(b, "form", 64), req_string(b, "period", 32),
                         agency_id != 0 ? opt_string(b, "orgUnitCode", 32) : req_string(b, "orgUnitCode", 32),
                         opt_json_date(b, "asOf"), agency_id, "orgUnitCode");
    ReportAccess::require_fill(c.me(), *h, t.facts(), Date::today_vn());
    auto row = find_report(s, t.form.code, t.period.code, t.unit->id, agency_id);
    const std::string status = row ? row->status : "not_started";
    if (!report_editable(status))
      throw Error(409, "report_locked", "Báo cáo đã gửi hoặc đã được tiếp nhận, không sửa được",
                  "The report was submitted or accepted and cannot be edited");
    if (auto v = opt_int(b, "version"); v && row && *v != row->version) throw Error::Conflict();
    auto it = b.find("values");
    if (it == b.end() || !it->is_object()) throw Error::Validation("values", "Thiếu các giá trị của báo cáo", "values is required");
    ReportRow r = row.value_or(ReportRow{});
    r.form_code = t.form.code;
    r.period_code = t.period.code;
    r.org_unit_id = t.unit->id;
    r.agency_id = agency_id;
    r.status = to_string(apply(*report_status_from(status == "not_started" ? "draft" : status), ReportAction::save));
    std::vector<FieldIssue> issues;
    for (const auto& e : t.form.elements) {
      if (e.source != "manual") continue;
      auto v = it->find(e.code);
      if (v == it->end() || v->is_null()) { r.values[e.code] = nullptr; continue; }
      if (e.value_type == "number" && !(v->is_number_integer() && v->get<long long>() >= 0))
        issues.push_back({e.code, "\"" + e.label_vi + "\" phải là số nguyên không âm", "\"" + e.label_en + "\" must be a non-negative integer"});
      else if (e.value_type == "text" && !(v->is_string() && v->get<std::string>().size() <= 20000))
        issues.push_back({e.code, "\"" + e.label_vi + "\" phải là văn bản (tối đa 20.000 ký tự)", "\"" + e.label_en + "\" must be text (at most 20,000 characters)"});
      else if (e.value_type == "bool" && !v->is_boolean())
        issues.push_back({e.code, "\"" + e.label_vi + "\" phải là có/không", "\"" + e.label_en + "\" must be yes/no"});
      else
        r.values[e.code] = *v;
    }
    for (auto v = it->begin(); v != it->end(); ++v) {
      bool known = false;
      for (const auto& e : t.form.elements) known = known || e.code == v.key();
      if (!known) issues.push_back({v.key(), "Biểu mẫu không có chỉ tiêu \"" + v.key() + "\"", "The form has no element \"" + v.key() + "\""});
    }
    if (!issues.empty()) throw Error::Invalid(issues);
    const long long behalf = mark_on_behalf(c.me(), *h, t, r);
    if (!save_report(s, r, actor_of(c), "save")) throw Error::Conflict();
    save_report_compilation(s, r.id, nullptr);  // the typed values are the own part again
    if (!row) add_report_transition(s, r.id, "create", "", c.me().username, behalf);
    out = report_json(c, s, *h, t, r);
  });
  return Response::json(out);
}

// submit / accept / return / reopen of a stored report.
Response transition(Ctx& c, ReportAction action) {
  const long long id = c.id_param(0);
  const bool by_owner = action == ReportAction::submit;
  Access::require(c.me(), by_owner ? perm::kReportsSubmit : perm::kReportsReview);
  std::string comment;
  const json b = c.req.body.empty() ? json::object() : c.body();
  bool confirm_missing = false;
  if (by_owner) {
    if (auto it = b.find("confirmMissing"); it != b.end() && !it->is_null()) {
      if (!it->is_boolean())
        throw Error::Validation("confirmMissing", "confirmMissing phải là true/false", "confirmMissing must be true or false");
      confirm_missing = it->get<bool>();
    }
  }
  if (!by_owner) {
    comment = opt_string(b, "comment", 2000);
    if (comment.empty() && action != ReportAction::accept)
      throw Error::Validation("comment", "Cần ghi rõ lý do", "A comment (the reason) is required");
  }
  auto h = c.app.hierarchy();
  json out;
  c.app.db().transact([&](soci::session& s) {
    auto row = get_report(s, id);
    if (!row || !Access::can_see_unit(c.me(), row->org_unit_id)) throw Error::NotFound("báo cáo", "Report");
    const OrgUnit* u = h->by_id(row->org_unit_id);
    Target t = target_of(c, s, *h, row->form_code, row->period_code, u->code,
                         u->valid_on(Date::today_vn()) ? std::optional<Date>(Date::today_vn()) : std::optional<Date>(u->validity.to),
                         row->agency_id);
    const ReportFacts facts = t.facts();
    if (by_owner) ReportAccess::require_fill(c.me(), *h, facts, Date::today_vn());
    else ReportAccess::require_review(c.me(), *h, facts, Date::today_vn());
    if ((action == ReportAction::accept || action == ReportAction::return_) && !row->submitted_by.empty()) {
      // The two-person rule across accounts: not by an account its submitter created, nor by one
      // created after the submission.
      const auto submitter = find_user(s, row->submitted_by);
      TwoPersonRule::require_independent(c.me().created_by, c.me().created_at, submitter ? submitter->id : 0,
                                         row->submitted_at);
    }
    ReportRow r = *row;
    r.status = to_string(apply(*report_status_from(r.status), action));
    long long behalf = 0;  // the unit acted for on behalf (history through the successors)
    if (by_owner) {
      behalf = mark_on_behalf(c.me(), *h, t, r);
      read_paper_date(b, t, r);
    } else {
      Access::Acting how = Access::Acting::none;
      const OrgUnit* lvl = ReportAccess::review_level(c.me(), *h, facts, Date::today_vn(), &how);
      if (lvl && how == Access::Acting::on_behalf) {
        behalf = lvl->id;
        r.acting_for_unit_id = lvl->id;
        r.acting_label = on_behalf_label_vi(lvl->name, c.me().username);
      }
    }
    const char* name = "submit";
    json parts = nullptr;
    if (action == ReportAction::submit) {
      // freeze what is submitted: a level, its compilation (Σ accepted below + own), asking the
      // submitter to confirm the units below without an accepted report
      const Level L = t.agency ? Level{} : level_of(s, *h, t, true, row);
      r.values = current_values(s, *h, t, row, &L);
      if (L.compiles()) {
        parts = compilation_json(s, t.form, L, std::nullopt);
        const json& miss = parts["missingUnits"];
        std::vector<BelowReport> missing_units;
        for (const auto& m : miss) missing_units.push_back({"", m["name"].get<std::string>(), m["status"].get<std::string>()});
        require_missing_confirmed(missing_units, confirm_missing);
        json own = json::object();
        for (auto it = parts["own"].begin(); it != parts["own"].end(); ++it)
          if (!it->is_null()) own[it.key()] = *it;
        parts = {{"compiled", parts["compiled"]}, {"own", own}, {"missingUnits", miss}};
      }
      if (t.agency) r.own_values = agency_own_values(s, *h, t);
      const std::vector<FieldIssue> errors = blocking_issues(rule_issues(t.form.rules, numbers_of(r.values)));
      if (!errors.empty()) throw Error::Invalid(errors);
      r.submitted_at = now_iso_utc();
      r.submitted_by = c.me().username;
      r.return_comment.clear();
    } else if (action == ReportAction::accept) {
      name = "accept";
    } else if (action == ReportAction::return_) {
      name = "return";
      r.return_comment = comment;
    } else {
      name = "reopen";
      r.return_comment = comment;
    }
    if (!save_report(s, r, actor_of(c), name)) throw Error::Conflict();
    if (action == ReportAction::submit) {
      save_report_compilation(s, r.id, parts);
      if (parts.is_object() && !parts["missingUnits"].empty())  // the submitter's confirmation, audited
        record_audit(s, actor_of(c), {"update", "report", std::to_string(r.id), r.org_unit_id, std::nullopt,
                                      json{{"action", "confirm_missing"}, {"missingUnits", parts["missingUnits"]}}});
    }
    add_report_transition(s, r.id, name, comment, c.me().username, behalf);
    if (action != ReportAction::reopen) {  // in the event's transaction
      const std::string what_vi = t.form.name_vi + ", " + t.period.label + " (" + u->name + ")";
      const std::string what_en = t.form.name_en + ", " + t.period.label_en + " (" + u->name + ")";
      notify_report_event(s, *h, r.id, *u, row->agency_id, t.request ? t.request->issuer_unit_id : 0, name,
                          row->submitted_by, what_vi, what_en, actor_of(c));
    }
    out = report_json(c, s, *h, t, r);
  });
  return Response::json(out);
}

Response submit(Ctx& c) { return transition(c, ReportAction::submit); }
Response accept(Ctx& c) { return transition(c, ReportAction::accept); }
Response give_back(Ctx& c) { return transition(c, ReportAction::return_); }
Response reopen(Ctx& c) { return transition(c, ReportAction::reopen); }

// ----- compilation -----

Level level_of(soci::session& s, const Hierarchy& h, const Target& t, bool figures, const std::optional<ReportRow>& own_row) {
  Level L;
  Completeness done;
  std::vector<ValuesCall> calls;  // the live figures of each below (then own, then live): values_many
  auto numbers = [](const json& values) {
    Figures f;
    if (values.is_object())
      for (auto it = values.begin(); it != values.end(); ++it)
        if (it->is_number_integer()) f[it.key()] = it->get<long long>();
    return f;
  };
  const std::vector<const OrgUnit*> below = reporting_units(h, t.facts());
  std::vector<long long> below_ids;
  for (const OrgUnit* b : below) below_ids.push_back(b->id);
  std::sort(below_ids.begin(), below_ids.end());
  std::map<long long, ReportRow> reports = find_reports(s, t.form.code, t.period.code, below_ids);  // one statement
  for (const OrgUnit* b : below) {
    std::optional<ReportRow> row;
    if (auto it = reports.find(b->id); it != reports.end()) row = it->second;
    struct { ReportSchedule schedule; ReportingPeriod period; } bt{t.schedule, t.period};  // the unit's own (not a copy of the form)
    if (!t.request) {
      bt.schedule = schedule_for(s, t.form.code, h, *b, b->valid_on(t.period.to) ? t.period.to : b->validity.to);
      bt.period = *period_for(t.form.kind, t.period.code, bt.schedule);
    }
    const Timeliness tl = timeliness_of(bt.period, bt.schedule, row);
    const std::string status = row ? row->status : "not_started";
    done.add(status, tl);
    BelowReport br;
    br.code = b->code;
    br.name = b->name;
    br.status = status;
    if (status == "accepted") br.reported = numbers(row->values);
    br.compiles = !t.request && !units_below(h, *b, bt.period.to).empty();
    if (figures) calls.push_back({bt.period.data_from, bt.period.cut_off, h.scope_of(b->id), 0, {}});
    L.below.push_back(std::move(br));
    L.below_refs.push_back({{"orgUnit", org_unit_ref(*b)}});
    L.units.push_back({{"orgUnit", org_unit_ref(*b)}, {"reportId", row ? json(row->id) : json(nullptr)}, {"status", status},
                       {"timeliness", to_string(tl)}, {"deadline", bt.period.deadline.iso()},
                       {"submittedAt", row && !row->submitted_at.empty() ? json(row->submitted_at) : json(nullptr)},
                       {"values", row && !report_editable(row->status) ? row->values : json(nullptr)}});
  }
  // A province's agencies report to it too. An agency's activities on the units below are in those
  // units' reports already: the province counts of an accepted agency report only the part
  // recorded on the province unit itself (own_values), and leaves those activities out of `own`.
  std::vector<long long> counted_agencies;
  if (!t.request && !t.agency && t.unit->kind == "province") {
    for (const AgencyRef& a : agencies_of_unit(s, t.unit->id, t.period.from, t.period.to)) {
      auto row = find_report(s, t.form.code, t.period.code, t.unit->id, a.id);
      const Timeliness tl = timeliness_of(t, row);
      const std::string status = row ? row->status : "not_started";
      done.add(status, tl);
      BelowReport br;
      br.code = "agency:" + std::to_string(a.id);
      br.name = a.name;
      br.status = status;
      if (status == "accepted") {
        br.reported = numbers(row->own_values);
        counted_agencies.push_back(a.id);
      }
      if (figures) calls.push_back({t.period.data_from, t.period.cut_off, Scope::of({t.unit->id}), a.id, {}});
      L.below.push_back(std::move(br));
      L.below_refs.push_back({{"agency", agency_ref(a)}});
      L.agencies.push_back({{"agency", agency_ref(a)}, {"reportId", row ? json(row->id) : json(nullptr)}, {"status", status},
                            {"timeliness", to_string(tl)}, {"deadline", t.period.deadline.iso()},
                            {"submittedAt", row && !row->submitted_at.empty() ? json(row->submitted_at) : json(nullptr)},
                            {"values", row && !report_editable(row->status) ? row->values : json(nullptr)},
                            {"counted", row && !report_editable(row->status) ? row->own_values : json(nullptr)}});
    }
  }
  L.completeness = {{"expected", done.expected}, {"submitted", done.submitted}, {"accepted", done.accepted},
                    {"onTime", done.on_time}, {"late", done.late}, {"missing", done.missing}};
  if (!figures) return L;
  for (const auto& e : t.form.elements) {
    if (e.value_type != "number") continue;
    L.numeric.push_back(e.code);
    if (e.source == "computed") L.computed.push_back(e.code);
  }
  // own: the activities recorded on the unit itself (those of an agency whose accepted report
  // counts them left out); a hand-entered element's own part is what the unit typed in its own
  // report (absent until it does).
  calls.push_back({t.period.data_from, t.period.cut_off, Scope::of({t.unit->id}), 0, counted_agencies});
  calls.push_back({t.period.data_from, t.period.cut_off, h.scope_of(t.unit->id), 0, {}});
  auto figs = values_many(s, h, t, calls);
  for (size_t i = 0; i < L.below.size(); ++i) L.below[i].live = std::move(figs[i]);
  Figures own;
  for (const auto& [k, n] : figs[L.below.size()]) own[k] = n;
  if (!t.agency) {
    const json hand = hand_values(s, t.form, own_row);
    for (auto it = hand.begin(); it != hand.end(); ++it)
      if (it->is_number_integer()) own[it.key()] = it->get<long long>();
  }
  L.own = own;
  for (const auto& [k, n] : figs[L.below.size() + 1]) L.live[k] = n;
  L.comp = compile_level(L.numeric, L.below, own);
  return L;
}

// figures = false: only who reported (units, agencies, completeness), not the sums. With figures,
// compiled / own / total are what the level's own report holds (docs/api-reports.md): frozen
// once it is submitted, else compiled now; `computed` is the live figure of all activities.
json compile_json(Ctx& c, soci::session& s, const Hierarchy& h, const Target& t, bool figures = true) {
  const auto own_report = t.agency || t.request ? std::optional<ReportRow>{}
                                                : find_report(s, t.form.code, t.period.code, t.unit->id);
  const Level L = level_of(s, h, t, figures, own_report);
  if (!figures)
    return {{"orgUnit", org_unit_ref(*t.unit)}, {"period", period_json(t.period)}, {"units", L.units}, {"agencies", L.agencies},
            {"completeness", L.completeness}};
  json parts = compilation_json(s, t.form, L, own_report);
  // small cells of the case elements, as shown (the stored figures stay exact)
  const auto case_els = case_elements(t.form);
  suppress_case_compilation(case_els, parts);
  json units = L.units, agencies = L.agencies;
  for (auto& u : units) u["suppressedElements"] = suppress_case_values(case_els, u["values"]);
  for (auto& a : agencies) {
    a["suppressedElements"] = suppress_case_values(case_els, a["values"]);
    suppress_case_values(case_els, a["counted"]);
  }
  return {{"orgUnit", org_unit_ref(*t.unit)}, {"form", form_json(t.form)}, {"period", period_json(t.period)}, {"units", units},
          {"agencies", agencies}, {"suppressedElements", parts["suppressedElements"]}, {"computedSuppressed", parts["liveSuppressed"]}, {"requestId", t.request ? json(t.request->id) : json(nullptr)},
          {"completeness", L.completeness}, {"compiled", parts["compiled"]}, {"own", parts["own"]}, {"total", parts["total"]},
          {"computed", parts["live"]}, {"differences", parts["differences"]}, {"missingUnits", parts["missingUnits"]},
          {"frozen", parts["frozen"]},
          {"report", own_report ? json{{"id", own_report->id}, {"status", own_report->status}} : json(nullptr)}};
}

Response compile(Ctx& c) {
  Access::require(c.me(), perm::kReportsRead);
  auto h = c.app.hierarchy();
  json out;
  c.app.db().with_session([&](soci::session& s) { out = compile_json(c, s, *h, target_of_query(c, s, *h)); });
  return Response::json(out);
}

Response overdue(Ctx& c) {
  Access::require(c.me(), perm::kReportsRead);
  auto h = c.app.hierarchy();
  json items = json::array();
  c.app.db().with_session([&](soci::session& s) {
    json all = compile_json(c, s, *h, target_of_query(c, s, *h), false);
    for (const auto& u : all["units"])
      if (u["timeliness"] == "late" || u["timeliness"] == "missing") items.push_back(u);
  });
  return Response::json({{"items", items}});
}

Response reminders(Ctx& c) {
  Access::require(c.me(), perm::kReportsRead);
  auto h = c.app.hierarchy();
  json items = json::array();
  const OrgUnit* home = h->by_id(c.me().org_unit_id);
  if (!home || !Access::has(c.me(), perm::kReportsSubmit)) return Response::json({{"items", items}});
  const Date today = Date::today_vn();
  // an agency focal point is reminded of its agency's reports, everyone else of the unit's own
  const auto only_agency = Access::assignment_agency(c.me());
  c.app.db().with_session([&](soci::session& s) {
    std::optional<AgencyRef> agency;
    if (only_agency) {
      agency = find_agency(s, *only_agency);
      if (!agency || agency->org_unit_id != home->id || home->kind != "province") return;
    }
    auto remind = [&](const Target& t, const std::optional<ReportRow>& row, const std::string& form_name) {
      const Timeliness tl = timeliness_of(t, row);
      if (tl != Timeliness::due_soon && tl != Timeliness::missing) return;
      items.push_back({{"form", t.form.code}, {"formName", form_name}, {"period", period_json(t.period)},
                       {"timeliness", to_string(tl)}, {"status", row ? row->status : "not_started"},
                       {"agency", agency ? agency_ref(*agency) : json(nullptr)},
                       {"requestId", t.request ? json(t.request->id) : json(nullptr)},
                       {"daysLeft", t.period.deadline.days_since_epoch() - today.days_since_epoch()}});
    };
    for (const auto& f : load_forms(s)) {
      const ReportSchedule sch = schedule_for(s, f.code, *h, *home, today);
      std::vector<ReportingPeriod> ps = periods_of_year(f.kind, today.year() - 1, sch);
      for (auto& p : periods_of_year(f.kind, today.year(), sch)) ps.push_back(p);
      for (const auto& p : ps) {
        if (p.from < home->validity.from || p.from > today) continue;
        Target t;
        t.form = f;
        t.period = p;
        t.schedule = sch;
        t.unit = home;
        t.agency = agency;
        remind(t, find_report(s, f.code, p.code, home->id, agency ? agency->id : 0), f.name_vi);
      }
    }
    if (agency) return;
    // the open ad-hoc requests addressed to the unit
    for (const auto& rq : list_requests(s, nullptr, home->id, "open", 200)) {
      if (rq.status != "open") continue;
      Target t;
      t.request = rq;
      t.unit = home;
      if (!t.asked()) continue;
      auto f = load_form(s, rq.form_code);
      if (!f) continue;
      t.form = *f;
      t.period = adhoc_period(rq.id, rq.title, rq.from, rq.to, rq.deadline);
      remind(t, find_report(s, f->code, t.period.code, home->id), f->name_vi);
    }
  });
  return Response::json({{"items", items}});
}

Response document(Ctx& c) {
  Access::require(c.me(), perm::kReportsRead);
  auto h = c.app.hierarchy();
  const std::string format = c.enum_q("format", {"docx", "xlsx", "pdf"}, "docx");
  ReportDocumentInput in;
  c.app.db().with_session([&](soci::session& s) {
    Target t = target_of_query(c, s, *h);
    auto row = find_report(s, t.form.code, t.period.code, t.unit->id, t.agency ? t.agency->id : 0);
    in.form = t.form;
    in.period = t.period;
    in.unit = *t.unit;
    const Level L = t.agency ? Level{} : level_of(s, *h, t, true, row);
    in.values = current_values(s, *h, t, row, &L);
    // an agency's report is its own figures: it compiles no unit
    json comp = t.agency ? json::object() : compile_json(c, s, *h, t);
    // small cells of the case elements: "<5" in the document, never the figure
    {
      const auto case_els = case_elements(t.form);
      for (const auto& code : suppress_case_values(case_els, in.values)) in.values[code.get<std::string>()] = "<5";
      for (const auto& code : comp.value("suppressedElements", json::array()))
        for (const char* part : {"compiled", "own", "total"})
          if (comp.contains(part) && comp[part].is_object()) comp[part][code.get<std::string>()] = "<5";
    }
    // the list of units that must report names each by its full name ("Phường Quy Nhơn")
    if (comp.contains("units"))
      for (auto& x : comp["units"])
        if (const OrgUnit* u = h->by_id(x["orgUnit"]["id"].get<long long>())) x["orgUnit"]["fullName"] = u->full_name;
    in.compiled = comp;
    std::vector<const OrgUnit*> chain = h->ancestors(*t.unit, std::min(t.period.to, t.unit->validity.to));
    for (const OrgUnit* a : chain) in.ancestors.push_back(*a);
    // Decree 30: who issues it, to whom, who signs
    const Date day = std::min({t.period.to, t.unit->validity.to, Date::today_vn()});
    const ProgrammeRolesPtr roles = c.app.programme_roles();
    if (t.agency) {
      if (auto is = agency_issuer(s, *h, t.agency->id)) in.issuer = *is;
    } else {
      in.issuer = unit_issuer(s, *h, *roles, *t.unit, day, c.me().agency_id);
    }
    if (const std::string r = checked_recipient(c.q("recipient")); !r.empty()) {
      in.recipients.push_back(r);
    } else if (t.agency) {
      in.recipients.push_back(recipient_of(s, *h, *roles, *t.unit, day, t.agency->id));
    } else if (t.request && t.asked()) {
      if (const OrgUnit* issuer = h->by_id(t.request->issuer_unit_id))
        in.recipients.push_back(recipient_of(s, *h, *roles, *issuer, day));
    } else if (!in.ancestors.empty()) {
      in.recipients.push_back(recipient_of(s, *h, *roles, in.ancestors.back(), day));
    }
    const Signer signer = signer_for_request(c, s, in.issuer);
    in.signer_title = signer.title;
    in.signer_name = signer.name;
  });
  RenderPermit permit(format, c.me().user_id);  // bounded renders: 503 busy / 429 beyond them
  return report_document_response(in, format);
}

}  // namespace

json request_progress(Ctx& c, soci::session& s, const Hierarchy& h, const ReportRequest& rq) {
  const OrgUnit* issuer = h.by_id(rq.issuer_unit_id);
  if (!issuer) return json::object();
  Target t = adhoc_target_of(c, s, h, rq.id, rq.form_code, issuer->code);
  json all = compile_json(c, s, h, t, false);
  return {{"period", all["period"]}, {"units", all["units"]}, {"completeness", all["completeness"]}};
}

void add_reports_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/report-forms", Auth::Session, list_forms, "Report forms with their sections, elements and validation rules", perm::kReportsRead});
  r.push_back({"GET", "/api/report-forms/{code}", Auth::Session, get_form, "One report form", perm::kReportsRead});
  r.push_back({"GET", "/api/report-periods", Auth::Session, list_periods, "Reporting periods of a form in a year for a unit, with deadlines from its schedule", perm::kReportsRead});
  r.push_back({"GET", "/api/reports/acting-units", Auth::Session, acting_units, "The units whose report for a period the caller may fill: its own and, on behalf, the units that no longer exist merged into it", perm::kReportsRead});
  r.push_back({"GET", "/api/reports/current", Auth::Session, get_current, "The report of a unit for a form and period (computed values filled in)", perm::kReportsRead});
  r.push_back({"PUT", "/api/reports", Auth::Session, put_report, "Save the hand-entered values of the own unit's report", perm::kReportsSubmit});
  r.push_back({"GET", "/api/reports/compile", Auth::Session, compile, "Compilation: the units below with status and timeliness, completeness, compiled and live figures", perm::kReportsRead});
  r.push_back({"GET", "/api/reports/overdue", Auth::Session, overdue, "The units below whose report is late or missing", perm::kReportsRead});
  r.push_back({"GET", "/api/reports/reminders", Auth::Session, reminders, "The caller's own reports due soon or overdue", perm::kReportsRead});
  r.push_back({"GET", "/api/reports/document", Auth::Session, document, "The report as an official document: docx (Decree 30), xlsx annex or pdf", perm::kReportsRead});
  r.push_back({"POST", "/api/reports/{id}/submit", Auth::Session, submit, "Submit the own unit's report (rules run; errors block)"});
  r.push_back({"POST", "/api/reports/{id}/accept", Auth::Session, accept, "Accept a submitted report (the level above)"});
  r.push_back({"POST", "/api/reports/{id}/return", Auth::Session, give_back, "Return a submitted report with a comment (the level above)"});
  r.push_back({"POST", "/api/reports/{id}/reopen", Auth::Session, reopen, "Reopen an accepted report with a comment (the level above; audited)"});
}

// The caller's own reports due soon or overdue, as /api/reports/reminders answers (for my work).
nlohmann::json report_reminders_json(Ctx& c) { return json::parse(reminders(c).body); }

}  // namespace longghep
