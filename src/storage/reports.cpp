#include "storage/reports.hpp"

#include <chrono>
#include <memory>
#include <mutex>

#include "domain/error.hpp"
#include "storage/id_tables.hpp"
#include "storage/query.hpp"

namespace longghep {
using nlohmann::json;

namespace {
MonthDay md_of(const std::string& s) {  // "MM-DD"
  MonthDay m;
  if (s.size() == 5 && s[2] == '-') {
    m.month = std::stoi(s.substr(0, 2));
    m.day = std::stoi(s.substr(3, 2));
  }
  return m;
}

std::vector<ReportForm> read_forms(soci::session& s, const std::string& only) {
  std::vector<ReportForm> forms;
  {
    ReportForm f;
    std::string kind;
    soci::statement st = (s.prepare << "SELECT code, name_vi, name_en, period_kind, doc_subject FROM report_forms "
                                       "WHERE active = 1 ORDER BY code DESC",
                          soci::into(f.code), soci::into(f.name_vi), soci::into(f.name_en), soci::into(kind),
                          soci::into(f.doc_subject));
    st.execute();
    while (st.fetch()) {
      if (!only.empty() && f.code != only) continue;
      f.kind = kind == "year" ? PeriodKind::year : PeriodKind::half_year;
      forms.push_back(f);
    }
  }
  for (auto& f : forms) {
    FormElement e;
    soci::statement st = (s.prepare << "SELECT code, section, label_vi, label_en, value_type, source, measure, "
                                       "intervention_group, intervention_type, target_group_group, output_kind, "
                                       "funding_group, funding_source, section_en, host_programme FROM report_elements WHERE form_code = :f ORDER BY position",
                          soci::into(e.code), soci::into(e.section), soci::into(e.label_vi), soci::into(e.label_en),
                          soci::into(e.value_type), soci::into(e.source), soci::into(e.measure),
                          soci::into(e.intervention_group), soci::into(e.intervention_type), soci::into(e.target_group_group),
                          soci::into(e.output_kind), soci::into(e.funding_group), soci::into(e.funding_source),
                          soci::into(e.section_en), soci::into(e.host_programme), soci::use(f.code));
    st.execute();
    while (st.fetch()) f.elements.push_back(e);
    FormRule r;
    soci::statement rs = (s.prepare << "SELECT expression, severity, element, message_vi, message_en FROM report_rules "
                                       "WHERE form_code = :f ORDER BY position",
                          soci::into(r.expression), soci::into(r.severity), soci::into(r.element), soci::into(r.message_vi),
                          soci::into(r.message_en), soci::use(f.code));
    rs.execute();
    while (rs.fetch()) f.rules.push_back(r);
  }
  return forms;
}
}  // namespace

std::vector<ReportForm> load_forms(soci::session& s) { return read_forms(s, ""); }

std::optional<ReportForm> load_form(soci::session& s, const std::string& code) {
  if (code.empty()) return std::nullopt;
  auto v = read_forms(s, code);
  if (v.empty()) return std::nullopt;
  return v.front();
}

json form_json(const ReportForm& f) {
  json sections = json::array();
  for (const auto& e : f.elements) {
    if (sections.empty() || sections.back()["title"] != e.section)
      sections.push_back({{"title", e.section}, {"titleEn", e.section_en.empty() ? e.section : e.section_en},
                          {"elements", json::array()}});
    sections.back()["elements"].push_back({{"code", e.code}, {"label", e.label_vi}, {"labelEn", e.label_en},
                                           {"valueType", e.value_type}, {"source", e.source}});
  }
  json rules = json::array();
  for (const auto& r : f.rules)
    rules.push_back({{"expression", r.expression}, {"severity", r.severity}, {"element", r.element},
                     {"message", r.message_vi}, {"messageEn", r.message_en}});
  return {{"code", f.code}, {"nameVi", f.name_vi}, {"nameEn", f.name_en},
          {"periodKind", f.kind == PeriodKind::year ? "year" : "half_year"}, {"sections", sections}, {"rules", rules}};
}

namespace {
// report_schedules is small data read for every unit of every compile: held in memory for
// kScheduleCacheMs (a change by any process is seen within that), read whole in one query.
// The lock guards only memory; the query runs outside it.
constexpr long long kScheduleCacheMs = 2000;
using ScheduleTable = std::map<std::pair<std::string, std::string>, ReportSchedule>;  // (form, unit code)
std::mutex schedule_mu;
std::shared_ptr<const ScheduleTable> schedule_table;
long long schedule_loaded_ms = 0;

long long steady_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

std::shared_ptr<const ScheduleTable> schedules(soci::session& s) {
  {
    std::lock_guard lock(schedule_mu);
    if (schedule_table && steady_ms() - schedule_loaded_ms < kScheduleCacheMs) return schedule_table;
  }
  auto table = std::make_shared<ScheduleTable>();
  std::string form, unit, h1, h2, y, c1, c2, cy;
  int reminder = 7;
  soci::indicator i1, i2, iy;
  soci::statement st = (s.prepare << "SELECT form_code, unit_code, h1_deadline, h2_deadline, year_deadline, reminder_days, "
                                     "h1_cutoff, h2_cutoff, year_cutoff FROM report_schedules",
                        soci::into(form), soci::into(unit), soci::into(h1), soci::into(h2), soci::into(y),
                        soci::into(reminder), soci::into(c1, i1), soci::into(c2, i2), soci::into(cy, iy));
  st.execute();
  // a cut-off column NULL or malformed: the default (the day before the deadline)
  auto cut = [](const std::string& v, soci::indicator i) {
    return i == soci::i_ok && v.size() == 5 && v[2] == '-' ? std::optional<MonthDay>(md_of(v)) : std::nullopt;
  };
  while (st.fetch())
    (*table)[{form, unit}] = ReportSchedule{md_of(h1), md_of(h2), md_of(y), reminder, cut(c1, i1), cut(c2, i2), cut(cy, iy)};
  std::lock_guard lock(schedule_mu);
  schedule_table = table;
  schedule_loaded_ms = steady_ms();
  return table;
}
}  // namespace

ReportSchedule schedule_for(soci::session& s, const std::string& form_code, const Hierarchy& h, const OrgUnit& u, Date on) {
  const auto table = schedules(s);
  std::vector<const OrgUnit*> chain = h.ancestors(u, on);  // root first
  chain.push_back(&u);
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    if (auto f = table->find({form_code, (*it)->code}); f != table->end()) return f->second;
  return ReportSchedule{};
}

std::map<std::string, long long> compute_values(soci::session& s, const ReportForm& form, const Scope& units, Date from,
                                                Date to, long long lead_agency,
                                                const std::vector<long long>& except_agencies) {
  std::map<std::string, long long> out;
  if (!units.all()) load_scope_ids(s, units);
  for (const auto& e : form.elements) {
    if (e.source != "computed") continue;
    std::string head;
    if (e.measure == "activities") head = "SELECT COUNT(*) FROM activities a";
    else if (e.measure == "reached") head = "SELECT CAST(COALESCE(SUM(r.total), 0) AS BIGINT) FROM activity_reach r JOIN activities a ON a.id = r.activity_id JOIN target_groups g ON g.code = r.target_group_code";
    else if (e.measure == "female") head = "SELECT CAST(COALESCE(SUM(r.female), 0) AS BIGINT) FROM activity_reach r JOIN activities a ON a.id = r.activity_id JOIN target_groups g ON g.code = r.target_group_code";
    else if (e.measure == "male") head = "SELECT CAST(COALESCE(SUM(r.male), 0) AS BIGINT) FROM activity_reach r JOIN activities a ON a.id = r.activity_id JOIN target_groups g ON g.code = r.target_group_code";
    else if (e.measure == "output") head = "SELECT CAST(COALESCE(SUM(o.quantity), 0) AS BIGINT) FROM activity_outputs o JOIN activities a ON a.id = o.activity_id";
    else if (e.measure == "cost") head = "SELECT CAST(COALESCE(SUM(c.amount), 0) AS BIGINT) FROM activity_costs c JOIN activities a ON a.id = c.activity_id JOIN funding_sources f ON f.code = c.funding_source_code";
    else continue;  // an unknown measure computes nothing (forms are data; checked on load elsewhere)
    Query q(head + " JOIN intervention_types t ON t.code = a.intervention_type_code WHERE 1=1");
    if (!units.all()) q.append(" AND a.org_unit_id IN (SELECT id FROM scope_ids)");
    q.and_where("a.start_date >= ?", from.iso()).and_where("a.start_date <= ?", to.iso());
    if (lead_agency != 0) q.and_where("a.lead_agency_id = ?", lead_agency);
    for (long long x : except_agencies) q.and_where("a.lead_agency_id <> ?", x);
    if (!e.intervention_group.empty()) q.and_where("t.grp = ?", e.intervention_group);
    if (!e.intervention_type.empty()) q.and_where("a.intervention_type_code = ?", e.intervention_type);
    if (!e.target_group_group.empty() && e.measure != "activities" && e.measure != "output" && e.measure != "cost")
      q.and_where("g.grp = ?", e.target_group_group);
    if (!e.output_kind.empty() && e.measure == "output") q.and_where("o.output_kind_code = ?", e.output_kind);
    if (!e.funding_group.empty() && e.measure == "cost") q.and_where("f.grp = ?", e.funding_group);
    if (!e.funding_source.empty() && e.measure == "cost") q.and_where("c.funding_source_code = ?", e.funding_source);
    long long v = 0;
    q.run(s, soci::into(v));
    out[e.code] = v;
  }
  return out;
}

namespace {
constexpr const char* kSelect =
    "SELECT id, form_code, period_code, org_unit_id, COALESCE(agency_id, 0), status, values_json, own_values_json, "
    "submitted_at, submitted_by, return_comment, version, created_at, updated_at, COALESCE(on_behalf_unit_id, 0), "
    "on_behalf_by, paper_submitted_on, paper_reason FROM reports";

std::optional<ReportRow> read_one(soci::session& s, const std::string& where, const std::function<void(soci::statement&)>& bind) {
  ReportRow r;
  std::string values, own;
  soci::indicator sa, sb, rc, ov, obb, pso, pr;
  soci::statement st(s);
  st.exchange(soci::into(r.id));
  st.exchange(soci::into(r.form_code));
  st.exchange(soci::into(r.period_code));
  st.exchange(soci::into(r.org_unit_id));
  st.exchange(soci::into(r.agency_id));
  st.exchange(soci::into(r.status));
  st.exchange(soci::into(values));
  st.exchange(soci::into(own, ov));
  st.exchange(soci::into(r.submitted_at, sa));
  st.exchange(soci::into(r.submitted_by, sb));
  st.exchange(soci::into(r.return_comment, rc));
  st.exchange(soci::into(r.version));
  st.exchange(soci::into(r.created_at));
  st.exchange(soci::into(r.updated_at));
  st.exchange(soci::into(r.on_behalf_unit_id));
  st.exchange(soci::into(r.on_behalf_by, obb));
  st.exchange(soci::into(r.paper_submitted_on, pso));
  st.exchange(soci::into(r.paper_reason, pr));
  bind(st);
  st.alloc();
  st.prepare(std::string(kSelect) + where, soci::details::st_one_time_query);  // one round trip on PostgreSQL
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  if (sa != soci::i_ok) r.submitted_at.clear();
  if (sb != soci::i_ok) r.submitted_by.clear();
  if (rc != soci::i_ok) r.return_comment.clear();
  if (obb != soci::i_ok) r.on_behalf_by.clear();
  if (pso != soci::i_ok) r.paper_submitted_on.clear();
  if (pr != soci::i_ok) r.paper_reason.clear();
  r.values = json::parse(values);
  if (ov == soci::i_ok) r.own_values = json::parse(own);
  return r;
}
}  // namespace

std::map<long long, ReportRow> find_reports(soci::session& s, const std::string& form, const std::string& period,
                                            const std::vector<long long>& unit_ids) {
  std::map<long long, ReportRow> out;
  if (unit_ids.empty()) return out;
  ReportRow r;
  std::string values, own;
  soci::indicator sa, sb, rc, ov, obb, pso, pr;
  const std::string ids = id_array(s, unit_ids);
  soci::statement st = (s.prepare << std::string(kSelect) + " WHERE form_code = :f AND period_code = :p AND agency_id IS NULL "
                                                            "AND org_unit_id" + id_in(s, "ids"),
                        soci::into(r.id), soci::into(r.form_code), soci::into(r.period_code), soci::into(r.org_unit_id),
                        soci::into(r.agency_id), soci::into(r.status), soci::into(values), soci::into(own, ov),
                        soci::into(r.submitted_at, sa), soci::into(r.submitted_by, sb), soci::into(r.return_comment, rc),
                        soci::into(r.version), soci::into(r.created_at), soci::into(r.updated_at),
                        soci::into(r.on_behalf_unit_id), soci::into(r.on_behalf_by, obb), soci::into(r.paper_submitted_on, pso),
                        soci::into(r.paper_reason, pr), soci::use(form), soci::use(period), soci::use(ids));
  st.execute();
  while (st.fetch()) {
    ReportRow x = r;
    if (sa != soci::i_ok) x.submitted_at.clear();
    if (sb != soci::i_ok) x.submitted_by.clear();
    if (rc != soci::i_ok) x.return_comment.clear();
    if (obb != soci::i_ok) x.on_behalf_by.clear();
    if (pso != soci::i_ok) x.paper_submitted_on.clear();
    if (pr != soci::i_ok) x.paper_reason.clear();
    x.values = json::parse(values);
    x.own_values = ov == soci::i_ok ? json::parse(own) : ReportRow{}.own_values;
    out[x.org_unit_id] = std::move(x);
  }
  return out;
}

std::optional<ReportRow> find_report(soci::session& s, const std::string& form, const std::string& period, long long unit_id,
                                     long long agency_id) {
  if (agency_id == 0)
    return read_one(s, " WHERE form_code = :f AND period_code = :p AND org_unit_id = :u AND agency_id IS NULL",
                    [&](soci::statement& st) {
                      st.exchange(soci::use(form));
                      st.exchange(soci::use(period));
                      st.exchange(soci::use(unit_id));
                    });
  return read_one(s, " WHERE form_code = :f AND period_code = :p AND org_unit_id = :u AND agency_id = :a",
                  [&](soci::statement& st) {
                    st.exchange(soci::use(form));
                    st.exchange(soci::use(period));
                    st.exchange(soci::use(unit_id));
                    st.exchange(soci::use(agency_id));
                  });
}

std::optional<ReportRow> get_report(soci::session& s, long long id) {
  return read_one(s, " WHERE id = :id", [&](soci::statement& st) { st.exchange(soci::use(id)); });
}

bool save_report(soci::session& s, ReportRow& r, const Actor& actor, const std::string& action) {
  const std::string now = now_iso_utc(), values = r.values.dump(), own = r.own_values.is_null() ? "" : r.own_values.dump();
  soci::indicator ov = r.own_values.is_null() ? soci::i_null : soci::i_ok,
                  ag = r.agency_id == 0 ? soci::i_null : soci::i_ok;
  soci::indicator sa = r.submitted_at.empty() ? soci::i_null : soci::i_ok,
                  sb = r.submitted_by.empty() ? soci::i_null : soci::i_ok,
                  rc = r.return_comment.empty() ? soci::i_null : soci::i_ok;
  soci::indicator obu = r.on_behalf_unit_id == 0 ? soci::i_null : soci::i_ok,
                  obb = r.on_behalf_by.empty() ? soci::i_null : soci::i_ok,
                  pso = r.paper_submitted_on.empty() ? soci::i_null : soci::i_ok,
                  pr = r.paper_reason.empty() ? soci::i_null : soci::i_ok;
  if (r.id == 0) {
    s << "INSERT INTO reports(form_code, period_code, org_unit_id, agency_id, status, values_json, own_values_json, "
         "submitted_at, submitted_by, return_comment, version, created_at, updated_at, on_behalf_unit_id, on_behalf_by, "
         "paper_submitted_on, paper_reason) "
         "VALUES(:f, :p, :u, :ag, :s, :v, :ov, :sa, :sb, :rc, 1, :ca, :ua, :obu, :obb, :pso, :pr) RETURNING id",
        soci::use(r.form_code), soci::use(r.period_code), soci::use(r.org_unit_id), soci::use(r.agency_id, ag),
        soci::use(r.status), soci::use(values), soci::use(own, ov),
        soci::use(r.submitted_at, sa), soci::use(r.submitted_by, sb), soci::use(r.return_comment, rc), soci::use(now),
        soci::use(now), soci::use(r.on_behalf_unit_id, obu), soci::use(r.on_behalf_by, obb),
        soci::use(r.paper_submitted_on, pso), soci::use(r.paper_reason, pr), soci::into(r.id);
    r.version = 1;
  } else {
    soci::statement st = (s.prepare << "UPDATE reports SET status = :s, values_json = :v, own_values_json = :ov, submitted_at = :sa, "
                                       "submitted_by = :sb, return_comment = :rc, version = version + 1, updated_at = :ua, "
                                       "on_behalf_unit_id = :obu, on_behalf_by = :obb, paper_submitted_on = :pso, "
                                       "paper_reason = :pr WHERE id = :id AND version = :ver",
                          soci::use(r.status), soci::use(values), soci::use(own, ov), soci::use(r.submitted_at, sa),
                          soci::use(r.submitted_by, sb),
                          soci::use(r.return_comment, rc), soci::use(now), soci::use(r.on_behalf_unit_id, obu),
                          soci::use(r.on_behalf_by, obb), soci::use(r.paper_submitted_on, pso),
                          soci::use(r.paper_reason, pr), soci::use(r.id), soci::use(r.version));
    st.execute(true);
    if (st.get_affected_rows() != 1) return false;
    ++r.version;
  }
  r.updated_at = now;
  record_audit(s, actor, {action == "save" && r.version == 1 ? "create" : "update", "report", std::to_string(r.id),
                          r.org_unit_id, std::nullopt,
                          json{{"form", r.form_code}, {"period", r.period_code},
                               {"agencyId", r.agency_id == 0 ? json(nullptr) : json(r.agency_id)}, {"action", action},
                               {"status", r.status}, {"values", r.values},
                               {"onBehalfOf", r.acting_for_unit_id == 0 ? json(nullptr) : json(r.acting_for_unit_id)},
                               {"onBehalfLabel", r.acting_label.empty() ? json(nullptr) : json(r.acting_label)},
                               {"paperSubmittedOn", r.paper_submitted_on.empty() ? json(nullptr) : json(r.paper_submitted_on)},
                               {"paperReason", r.paper_reason.empty() ? json(nullptr) : json(r.paper_reason)}}});
  return true;
}

void add_report_transition(soci::session& s, long long report_id, const std::string& action, const std::string& comment,
                           const std::string& username, long long on_behalf_unit_id) {
  const std::string now = now_iso_utc();
  soci::indicator ob = on_behalf_unit_id == 0 ? soci::i_null : soci::i_ok;
  s << "INSERT INTO report_transitions(report_id, action, comment, username, at, on_behalf_unit_id) "
       "VALUES(:r, :a, :c, :u, :t, :ob)",
      soci::use(report_id), soci::use(action), soci::use(comment), soci::use(username), soci::use(now),
      soci::use(on_behalf_unit_id, ob);
}

json report_history(soci::session& s, long long report_id, const Hierarchy* h) {
  json out = json::array();
  std::string action, comment, user, at;
  long long ob = 0;
  soci::statement st = (s.prepare << "SELECT action, comment, username, at, COALESCE(on_behalf_unit_id, 0) FROM report_transitions "
                                     "WHERE report_id = :r ORDER BY id",
                        soci::into(action), soci::into(comment), soci::into(user), soci::into(at), soci::into(ob),
                        soci::use(report_id));
  st.execute();
  while (st.fetch()) {
    json e = {{"action", action}, {"comment", comment}, {"username", user}, {"at", at}, {"onBehalfOf", nullptr}};
    if (ob != 0) {
      const OrgUnit* u = h ? h->by_id(ob) : nullptr;
      e["onBehalfOf"] = u ? json{{"id", u->id}, {"code", u->code}, {"name", u->name}} : json{{"id", ob}};
      if (u) {
        e["onBehalfLabel"] = on_behalf_label_vi(u->name, user);
        e["onBehalfLabelEn"] = on_behalf_label_en(u->name, user);
      }
    }
    out.push_back(e);
  }
  return out;
}

std::string on_behalf_label_vi(const std::string& unit_name, const std::string& username) {
  return "Nhập thay cho " + unit_name + " bởi " + username;
}
std::string on_behalf_label_en(const std::string& unit_name, const std::string& username) {
  return "Entered on behalf of " + unit_name + " by " + username;
}

// ----- ad-hoc requests -----

namespace {
void read_units_of(soci::session& s, ReportRequest& r) {
  r.unit_ids.clear();
  long long u = 0;
  soci::statement st = (s.prepare << "SELECT org_unit_id FROM report_request_units WHERE request_id = :r ORDER BY org_unit_id",
                        soci::into(u), soci::use(r.id));
  st.execute();
  while (st.fetch()) r.unit_ids.push_back(u);
}

std::vector<ReportRequest> read_requests(soci::session& s, Query& q) {
  std::vector<ReportRequest> out;
  ReportRequest r;
  std::string from, to, deadline, closed;
  soci::indicator ci;
  soci::statement st = q.prepare(s, soci::into(r.id), soci::into(r.form_code), soci::into(r.title), soci::into(from),
                                 soci::into(to), soci::into(deadline), soci::into(r.issuer_unit_id), soci::into(r.created_by),
                                 soci::into(r.created_at), soci::into(r.status), soci::into(closed, ci));
  st.execute();
  while (st.fetch()) {
    ReportRequest x = r;
    x.from = *Date::parse(from);
    x.to = *Date::parse(to);
    x.deadline = *Date::parse(deadline);
    x.closed_at = ci == soci::i_ok ? closed : "";
    out.push_back(x);
  }
  for (auto& x : out) read_units_of(s, x);
  return out;
}

constexpr const char* kRequestSelect =
    "SELECT id, form_code, title, period_from, period_to, deadline, issuer_unit_id, created_by, created_at, status, closed_at "
    "FROM report_requests r WHERE 1=1";

json request_audit(const ReportRequest& r) {
  return {{"form", r.form_code}, {"title", r.title}, {"from", r.from.iso()}, {"to", r.to.iso()},
          {"deadline", r.deadline.iso()}, {"units", r.unit_ids}, {"status", r.status}};
}
}  // namespace

long long open_request_count(soci::session& s, long long issuer_unit_id) {
  long long open = 0;
  s << "SELECT COUNT(*) FROM report_requests WHERE issuer_unit_id = :u AND status = 'open'", soci::into(open),
      soci::use(issuer_unit_id);
  return open;
}

long long insert_request(soci::session& s, ReportRequest& r, const Actor& actor) {
  r.created_at = now_iso_utc();
  r.status = "open";
  const std::string from = r.from.iso(), to = r.to.iso(), deadline = r.deadline.iso();
  s << "INSERT INTO report_requests(form_code, title, period_from, period_to, deadline, issuer_unit_id, created_by, created_at, "
       "status) VALUES(:f, :t, :a, :b, :d, :u, :c, :at, 'open') RETURNING id",
      soci::use(r.form_code), soci::use(r.title), soci::use(from), soci::use(to), soci::use(deadline),
      soci::use(r.issuer_unit_id), soci::use(r.created_by), soci::use(r.created_at), soci::into(r.id);
  for (long long u : r.unit_ids)
    s << "INSERT INTO report_request_units(request_id, org_unit_id) VALUES(:r, :u)", soci::use(r.id), soci::use(u);
  record_audit(s, actor, {"create", "report_request", std::to_string(r.id), r.issuer_unit_id, std::nullopt, request_audit(r)});
  return r.id;
}

std::optional<ReportRequest> get_request(soci::session& s, long long id) {
  Query q(kRequestSelect);
  q.and_where("r.id = ?", id);
  auto v = read_requests(s, q);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<ReportRequest> list_requests(soci::session& s, const Scope* issuers, long long asked_unit, const std::string& status,
                                         int limit) {
  if (issuers && !issuers->all()) load_scope_ids(s, *issuers);
  Query q(kRequestSelect);
  if (!status.empty()) q.and_where("r.status = ?", status);
  q.append(" AND (1=0");
  q.append_bound(" OR r.id IN (SELECT request_id FROM report_request_units WHERE org_unit_id = ?)", asked_unit);
  if (issuers) q.append(issuers->all() ? " OR 1=1" : " OR r.issuer_unit_id IN (SELECT id FROM scope_ids)");
  q.append(")");
  q.append_bound(" ORDER BY r.id DESC LIMIT ?", limit);
  return read_requests(s, q);
}

bool close_request(soci::session& s, long long id, const Actor& actor) {
  auto r = get_request(s, id);
  if (!r || r->status != "open") return false;
  const std::string now = now_iso_utc();
  s << "UPDATE report_requests SET status = 'closed', closed_at = :t WHERE id = :id AND status = 'open'", soci::use(now),
      soci::use(id);
  json before = request_audit(*r);
  r->status = "closed";
  record_audit(s, actor, {"update", "report_request", std::to_string(id), r->issuer_unit_id, before, request_audit(*r)});
  return true;
}

std::vector<AgencyRef> agencies_of_unit(soci::session& s, long long unit_id, Date from, Date to) {
  std::vector<AgencyRef> out;
  AgencyRef a;
  const std::string f = from.iso(), t = to.iso();
  soci::statement st = (s.prepare << "SELECT id, org_unit_id, name, short_name FROM agencies WHERE org_unit_id = :u "
                                     "AND valid_from <= :t AND valid_to >= :f ORDER BY name, id",
                        soci::into(a.id), soci::into(a.org_unit_id), soci::into(a.name), soci::into(a.short_name),
                        soci::use(unit_id), soci::use(t), soci::use(f));
  st.execute();
  while (st.fetch()) out.push_back(a);
  return out;
}

std::optional<AgencyRef> find_agency(soci::session& s, long long id) {
  AgencyRef a;
  s << "SELECT id, org_unit_id, name, short_name FROM agencies WHERE id = :id", soci::into(a.id), soci::into(a.org_unit_id),
      soci::into(a.name), soci::into(a.short_name), soci::use(id);
  if (!s.got_data()) return std::nullopt;
  return a;
}


// ----- a level's compilation parts (report_compilations) -----

nlohmann::json load_report_compilation(soci::session& s, long long report_id) {
  std::string text;
  soci::indicator ind = soci::i_null;
  s << "SELECT compilation_json FROM report_compilations WHERE report_id = :r", soci::into(text, ind), soci::use(report_id);
  if (!s.got_data() || ind != soci::i_ok) return nullptr;
  return json::parse(text);
}

void save_report_compilation(soci::session& s, long long report_id, const nlohmann::json& parts) {
  s << "DELETE FROM report_compilations WHERE report_id = :r", soci::use(report_id);
  if (parts.is_null()) return;
  const std::string text = parts.dump();
  s << "INSERT INTO report_compilations(report_id, compilation_json) VALUES(:r, :j)", soci::use(report_id), soci::use(text);
}

}  // namespace longghep
