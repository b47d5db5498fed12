#include "storage/case_work.hpp"

#include "domain/error.hpp"

namespace longghep {
using nlohmann::json;
namespace cw = case_work;

namespace {
std::string ad_of(const std::string& code, const std::string& field) { return code + ":" + field; }

// A sealed value (nullopt for empty text) under the current key.
std::optional<std::string> seal_text(const security::Sealer& sealer, const CaseRow& r, const std::string& field,
                                     const std::string& text) {
  if (text.empty()) return std::nullopt;
  return sealer.seal(text, ad_of(r.code, field));
}

std::string open_text(const security::Sealer& sealer, long long key_id, const CaseRow& r, const std::string& field,
                      const std::string& sealed, soci::indicator ind) {
  if (ind != soci::i_ok || sealed.empty()) return "";
  auto v = sealer.open(key_id, sealed, ad_of(r.code, field));
  if (!v)
    throw Error(500, "sealed_unreadable", "Ghi chú đã mã hóa của hồ sơ không mở được (có thể đã bị sửa đổi)",
                "A sealed note of the record cannot be opened (it may have been altered)");
  return *v;
}

json user_ref(soci::session& s, long long id, soci::indicator ind = soci::i_ok) {
  if (ind != soci::i_ok || !id) return nullptr;
  std::string username, full;
  s << "SELECT username, full_name FROM users WHERE id = :id", soci::into(username), soci::into(full), soci::use(id);
  if (!s.got_data()) return nullptr;
  return {{"id", id}, {"username", username}, {"fullName", full}};
}

soci::indicator ind_of(long long by) { return by ? soci::i_ok : soci::i_null; }

json goals_audit(const std::vector<GoalInput>& goals) {
  json a = json::array();
  for (const auto& g : goals) a.push_back({{"domain", g.domain}, {"targetOn", g.target_on.iso()}, {"status", g.status}});
  return a;
}

void insert_goals(soci::session& s, const CaseRow& r, long long plan_id, const std::vector<GoalInput>& goals,
                  const security::Sealer& sealer) {
  int pos = 0;
  for (const auto& g : goals) {
    ++pos;
    const std::string text = *seal_text(sealer, r, "goalText", g.text), on = g.target_on.iso();
    s << "INSERT INTO case_plan_goals(plan_id, position, domain, text_sealed, target_on, status) "
         "VALUES(:p, :pos, :d, :t, :on, :st)",
        soci::use(plan_id), soci::use(pos), soci::use(g.domain), soci::use(text), soci::use(on), soci::use(g.status);
  }
}
}  // namespace

// ----- reading -----

json case_work_json(soci::session& s, const CaseRow& r, const security::Sealer& sealer, Date today) {
  json out = {{"caseId", r.id}, {"code", r.code}, {"status", r.status}};
  {
    std::string closed;
    soci::indicator ic = soci::i_null;
    s << "SELECT closed_on FROM case_records WHERE id = :id", soci::into(closed, ic), soci::use(r.id);
    out["closedOn"] = ic == soci::i_ok ? json(closed) : json(nullptr);
  }
  // assessments, latest first
  {
    struct A {
      long long id, key, by;
      soci::indicator iby;
      std::string on, at;
    };
    std::vector<A> list;
    long long id = 0, key = 0, by = 0;
    soci::indicator iby = soci::i_null;
    std::string on, at;
    soci::statement st = (s.prepare << "SELECT id, key_id, created_by, assessed_on, created_at FROM case_assessments "
                                       "WHERE case_id = :c ORDER BY assessed_on DESC, id DESC",
                          soci::into(id), soci::into(key), soci::into(by, iby), soci::into(on), soci::into(at), soci::use(r.id));
    st.execute();
    while (st.fetch()) list.push_back({id, key, by, iby, on, at});
    json arr = json::array();
    for (const auto& a : list) {
      std::map<std::string, json> by_domain;
      std::string dom, level, note;
      soci::indicator in = soci::i_null;
      soci::statement it = (s.prepare << "SELECT domain, level, note_sealed FROM case_assessment_items WHERE assessment_id = :a",
                            soci::into(dom), soci::into(level), soci::into(note, in), soci::use(a.id));
      it.execute();
      while (it.fetch())
        by_domain[dom] = {{"domain", dom}, {"level", level}, {"note", open_text(sealer, a.key, r, "assessmentNote:" + dom, note, in)}};
      json items = json::array();
      for (const char* d : cw::kDomains)  // in the order of the list
        if (by_domain.count(d)) items.push_back(by_domain[d]);
      arr.push_back({{"id", a.id}, {"assessedOn", a.on}, {"items", items}, {"assessedBy", user_ref(s, a.by, a.iby)},
                     {"createdAt", a.at}});
    }
    out["assessments"] = arr;
  }
  // plans, latest version first
  {
    struct P {
      long long id, no, key, version, cb, sb, db;
      soci::indicator icb, isb, idb, irr, isa, ida;
      std::string status, rr, ca, sa, da, ua;
    };
    std::vector<P> list;
    P p{};
    soci::statement st =
        (s.prepare << "SELECT id, plan_no, key_id, version, created_by, submitted_by, decided_by, status, return_reason_sealed, "
                      "created_at, submitted_at, decided_at, updated_at FROM case_plans WHERE case_id = :c ORDER BY plan_no DESC",
         soci::into(p.id), soci::into(p.no), soci::into(p.key), soci::into(p.version), soci::into(p.cb, p.icb),
         soci::into(p.sb, p.isb), soci::into(p.db, p.idb), soci::into(p.status), soci::into(p.rr, p.irr), soci::into(p.ca),
         soci::into(p.sa, p.isa), soci::into(p.da, p.ida), soci::into(p.ua), soci::use(r.id));
    st.execute();
    while (st.fetch()) list.push_back(p);
    json arr = json::array();
    for (const auto& x : list) {
      json goals = json::array();
      long long gid = 0;
      std::string dom, text, on, gst;
      soci::statement gs = (s.prepare << "SELECT id, domain, text_sealed, target_on, status FROM case_plan_goals "
                                         "WHERE plan_id = :p ORDER BY position",
                            soci::into(gid), soci::into(dom), soci::into(text), soci::into(on), soci::into(gst), soci::use(x.id));
      gs.execute();
      while (gs.fetch())
        goals.push_back({{"id", gid}, {"domain", dom}, {"text", open_text(sealer, x.key, r, "goalText", text, soci::i_ok)},
                         {"targetOn", on}, {"status", gst}});
      arr.push_back({{"id", x.id},
                     {"planNo", x.no},
                     {"status", x.status},
                     {"version", x.version},
                     {"goals", goals},
                     {"returnReason", open_text(sealer, x.key, r, "planReturnReason", x.rr, x.irr)},
                     {"createdBy", user_ref(s, x.cb, x.icb)},
                     {"createdAt", x.ca},
                     {"submittedBy", user_ref(s, x.sb, x.isb)},
                     {"submittedAt", x.isa == soci::i_ok ? json(x.sa) : json(nullptr)},
                     {"decidedBy", user_ref(s, x.db, x.idb)},
                     {"decidedAt", x.ida == soci::i_ok ? json(x.da) : json(nullptr)},
                     {"updatedAt", x.ua}});
    }
    out["plans"] = arr;
  }
  // follow-ups, by due date
  {
    json arr = json::array();
    long long id = 0, key = 0, version = 0, by = 0;
    soci::indicator iby = soci::i_null, ip = soci::i_null, ir = soci::i_null, id_ = soci::i_null;
    std::string due, status, purpose, result, done, at;
    soci::statement st = (s.prepare << "SELECT id, key_id, version, created_by, due_on, status, purpose_sealed, result_sealed, "
                                       "done_on, created_at FROM case_followups WHERE case_id = :c ORDER BY due_on, id",
                          soci::into(id), soci::into(key), soci::into(version), soci::into(by, iby), soci::into(due),
                          soci::into(status), soci::into(purpose, ip), soci::into(result, ir), soci::into(done, id_),
                          soci::into(at), soci::use(r.id));
    st.execute();
    struct F {
      long long id, key, version, by;
      soci::indicator iby, ip, ir, id_;
      std::string due, status, purpose, result, done, at;
    };
    std::vector<F> list;
    while (st.fetch()) list.push_back({id, key, version, by, iby, ip, ir, id_, due, status, purpose, result, done, at});
    for (const auto& f : list)
      arr.push_back({{"id", f.id},
                     {"dueOn", f.due},
                     {"status", f.status},
                     {"overdue", cw::followup_overdue(f.status, *Date::parse(f.due), today)},
                     {"purpose", open_text(sealer, f.key, r, "followupPurpose", f.purpose, f.ip)},
                     {"result", open_text(sealer, f.key, r, "followupResult", f.result, f.ir)},
                     {"doneOn", f.id_ == soci::i_ok ? json(f.done) : json(nullptr)},
                     {"version", f.version},
                     {"createdBy", user_ref(s, f.by, f.iby)},
                     {"createdAt", f.at}});
    out["followUps"] = arr;
  }
  // reintegration outcome, in the order of the areas
  {
    std::map<std::string, json> by_area;
    std::string area, status, as_of, at;
    long long by = 0;
    soci::indicator iby = soci::i_null;
    soci::statement st = (s.prepare << "SELECT area, status, as_of, updated_by, updated_at FROM case_outcomes WHERE case_id = :c",
                          soci::into(area), soci::into(status), soci::into(as_of), soci::into(by, iby), soci::into(at),
                          soci::use(r.id));
    st.execute();
    std::vector<std::tuple<std::string, std::string, std::string, long long, soci::indicator, std::string>> rows;
    while (st.fetch()) rows.emplace_back(area, status, as_of, by, iby, at);
    for (const auto& [a, stt, asof, b, ib, u] : rows)
      by_area[a] = {{"area", a}, {"status", stt}, {"asOf", asof}, {"updatedBy", user_ref(s, b, ib)}, {"updatedAt", u}};
    json arr = json::array();
    for (const char* a : cw::kOutcomeAreas)
      if (by_area.count(a)) arr.push_back(by_area[a]);
    out["outcome"] = arr;
  }
  // closure events, latest first
  {
    json arr = json::array();
    long long id = 0, key = 0, by = 0;
    soci::indicator iby = soci::i_null, in = soci::i_null;
    std::string kind, reason, note, at;
    soci::statement st = (s.prepare << "SELECT id, key_id, created_by, kind, reason_code, note_sealed, created_at "
                                       "FROM case_closure_events WHERE case_id = :c ORDER BY id DESC",
                          soci::into(id), soci::into(key), soci::into(by, iby), soci::into(kind), soci::into(reason),
                          soci::into(note, in), soci::into(at), soci::use(r.id));
    st.execute();
    struct E {
      long long id, key, by;
      soci::indicator iby, in;
      std::string kind, reason, note, at;
    };
    std::vector<E> list;
    while (st.fetch()) list.push_back({id, key, by, iby, in, kind, reason, note, at});
    for (const auto& e : list)
      arr.push_back({{"id", e.id},
                     {"kind", e.kind},
                     {"reasonCode", e.reason},
                     {"note", open_text(sealer, e.key, r, "closureNote", e.note, e.in)},
                     {"by", user_ref(s, e.by, e.iby)},
                     {"at", e.at}});
    const bool pending = !list.empty() && list.front().kind == "request";
    out["closure"] = {{"pending", pending}, {"events", arr}};
  }
  return out;
}

// ----- assessments -----

long long add_case_assessment(soci::session& s, const CaseRow& r, Date assessed_on, const std::vector<AssessmentItem>& items,
                              const security::Sealer& sealer, const Actor& actor) {
  cw::require_open(r.status);
  if (assessed_on < r.registered_on)
    throw Error::Validation("assessedOn", "Ngày đánh giá trước ngày đăng ký hồ sơ", "The date is before the record's registration");
  const std::string on = assessed_on.iso(), now = now_iso_utc();
  const long long key = sealer.current_key_id(), by = actor.user_id;
  soci::indicator iby = ind_of(by);
  long long id = 0;
  s << "INSERT INTO case_assessments(case_id, assessed_on, key_id, created_by, created_at) VALUES(:c, :on, :k, :by, :at) "
       "RETURNING id",
      soci::use(r.id), soci::use(on), soci::use(key), soci::use(by, iby), soci::use(now), soci::into(id);
  json levels = json::object();
  for (const auto& it : items) {
    auto sealed = seal_text(sealer, r, "assessmentNote:" + it.domain, it.note);
    std::string sv = sealed.value_or("");
    soci::indicator is = sealed ? soci::i_ok : soci::i_null;
    s << "INSERT INTO case_assessment_items(assessment_id, domain, level, note_sealed) VALUES(:a, :d, :l, :n)", soci::use(id),
        soci::use(it.domain), soci::use(it.level), soci::use(sv, is);
    levels[it.domain] = it.level;
  }
  record_audit(s, actor, {"create", "case_assessment", std::to_string(id), r.residence_unit_id, std::nullopt,
                          json{{"caseId", r.id}, {"code", r.code}, {"assessedOn", on}, {"levels", levels}}});
  return id;
}

// ----- plans -----

std::optional<CasePlanRow> get_case_plan(soci::session& s, long long id) {
  CasePlanRow p;
  soci::indicator icb = soci::i_null, isb = soci::i_null, isa = soci::i_null;
  s << "SELECT id, case_id, plan_no, version, status, created_by, submitted_by, submitted_at FROM case_plans WHERE id = :id",
      soci::into(p.id), soci::into(p.case_id), soci::into(p.plan_no), soci::into(p.version), soci::into(p.status),
      soci::into(p.created_by, icb), soci::into(p.submitted_by, isb), soci::into(p.submitted_at, isa), soci::use(id);
  if (!s.got_data()) return std::nullopt;
  if (icb != soci::i_ok) p.created_by = 0;
  if (isb != soci::i_ok) p.submitted_by = 0;
  if (isa != soci::i_ok) p.submitted_at.clear();
  return p;
}

long long create_case_plan(soci::session& s, const CaseRow& r, const std::vector<GoalInput>& goals,
                           const security::Sealer& sealer, const Actor& actor) {
  cw::require_open(r.status);
  long long busy = 0;
  s << "SELECT COUNT(*) FROM case_plans WHERE case_id = :c AND status IN ('draft', 'submitted', 'returned')", soci::into(busy),
      soci::use(r.id);
  if (busy > 0)
    throw Error(409, "plan_in_progress", "Hồ sơ đã có một kế hoạch đang soạn hoặc chờ duyệt: hãy hoàn tất kế hoạch đó",
                "The record already has a plan being drafted or waiting for approval: finish that one first");
  long long no = 0;
  soci::indicator ino = soci::i_null;
  s << "SELECT MAX(plan_no) FROM case_plans WHERE case_id = :c", soci::into(no, ino), soci::use(r.id);
  no = (ino == soci::i_ok ? no : 0) + 1;
  const std::string now = now_iso_utc(), status = "draft";
  const long long key = sealer.current_key_id(), by = actor.user_id;
  soci::indicator iby = ind_of(by);
  long long id = 0;
  s << "INSERT INTO case_plans(case_id, plan_no, status, key_id, created_by, created_at, updated_at) "
       "VALUES(:c, :no, :st, :k, :by, :at, :u) RETURNING id",
      soci::use(r.id), soci::use(no), soci::use(status), soci::use(key), soci::use(by, iby), soci::use(now), soci::use(now),
      soci::into(id);
  insert_goals(s, r, id, goals, sealer);
  record_audit(s, actor, {"create", "case_plan", std::to_string(id), r.residence_unit_id, std::nullopt,
                          json{{"caseId", r.id}, {"code", r.code}, {"planNo", no}, {"status", status}, {"goals", goals_audit(goals)}}});
  return id;
}

namespace {
// The plan's goals for the audit (codes and dates, no text).
json stored_goals_audit(soci::session& s, long long plan_id) {
  json a = json::array();
  std::string d, on, st;
  soci::statement q = (s.prepare << "SELECT domain, target_on, status FROM case_plan_goals WHERE plan_id = :p ORDER BY position",
                       soci::into(d), soci::into(on), soci::into(st), soci::use(plan_id));
  q.execute();
  while (q.fetch()) a.push_back({{"domain", d}, {"targetOn", on}, {"status", st}});
  return a;
}

// Moves the plan's status (and version) on; 409 on a stale version.
void set_plan_status(soci::session& s, long long id, long long version, const std::string& status, const std::string& extra_sql,
                     long long by, const std::string& now) {
  soci::indicator iby = ind_of(by);
  soci::statement st = (s.prepare << "UPDATE case_plans SET status = :st, version = version + 1, updated_at = :u" + extra_sql +
                                         " WHERE id = :id AND version = :v",
                        soci::use(status), soci::use(now), soci::use(by, iby), soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
}
}  // namespace

void update_case_plan(soci::session& s, const CaseRow& r, const CasePlanRow& p, long long version,
                      const std::vector<GoalInput>& goals, const security::Sealer& sealer, const Actor& actor) {
  cw::require_open(r.status);
  const std::string next = cw::plan_next(p.status, cw::PlanAction::edit);
  if (version != p.version) throw Error::Conflict();
  const json before = stored_goals_audit(s, p.id);
  const std::string now = now_iso_utc();
  const long long key = sealer.current_key_id();
  soci::statement st = (s.prepare << "UPDATE case_plans SET status = :st, key_id = :k, return_reason_sealed = NULL, "
                                     "version = version + 1, updated_at = :u WHERE id = :id AND version = :v",
                        soci::use(next), soci::use(key), soci::use(now), soci::use(p.id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  s << "DELETE FROM case_plan_goals WHERE plan_id = :p", soci::use(p.id);
  insert_goals(s, r, p.id, goals, sealer);
  record_audit(s, actor, {"update", "case_plan", std::to_string(p.id), r.residence_unit_id,
                          json{{"code", r.code}, {"planNo", p.plan_no}, {"status", p.status}, {"goals", before}},
                          json{{"code", r.code}, {"planNo", p.plan_no}, {"status", next}, {"goals", goals_audit(goals)}}});
}

void transition_case_plan(soci::session& s, const CaseRow& r, const CasePlanRow& p, cw::PlanAction a, long long version,
                          const std::string& reason, const security::Sealer& sealer, const Actor& actor) {
  cw::require_open(r.status);
  const std::string next = cw::plan_next(p.status, a);
  if (version != p.version) throw Error::Conflict();
  const std::string now = now_iso_utc();
  if (a == cw::PlanAction::submit) {
    set_plan_status(s, p.id, version, next, ", submitted_by = :by, submitted_at = :sa, decided_by = NULL, decided_at = NULL",
                    actor.user_id, now);
  } else if (a == cw::PlanAction::approve || a == cw::PlanAction::return_) {
    if (a == cw::PlanAction::approve) {
      // the approved version in force until now gives way
      long long old = 0, old_v = 0;
      s << "SELECT id, version FROM case_plans WHERE case_id = :c AND status = 'approved'", soci::into(old), soci::into(old_v),
          soci::use(r.id);
      if (s.got_data()) {
        const std::string sup = cw::plan_next("approved", cw::PlanAction::supersede);
        s << "UPDATE case_plans SET status = :st, version = version + 1, updated_at = :u WHERE id = :id", soci::use(sup),
            soci::use(now), soci::use(old);
        record_audit(s, actor, {"update", "case_plan", std::to_string(old), r.residence_unit_id,
                                json{{"code", r.code}, {"status", "approved"}}, json{{"code", r.code}, {"status", "superseded"}}});
      }
    }
    set_plan_status(s, p.id, version, next, ", decided_by = :by, decided_at = :da", actor.user_id, now);
    if (a == cw::PlanAction::return_) {
      const std::string sealed = *seal_text(sealer, r, "planReturnReason", reason);
      const long long key = sealer.current_key_id();
      // the goals stay under their key: the reason is sealed under the same one (re-seal the goals when the key moved)
      long long cur_key = 0;
      s << "SELECT key_id FROM case_plans WHERE id = :id", soci::into(cur_key), soci::use(p.id);
      if (cur_key != key) {
        std::vector<std::pair<long long, std::string>> goals;
        long long gid = 0;
        std::string text;
        soci::statement gs = (s.prepare << "SELECT id, text_sealed FROM case_plan_goals WHERE plan_id = :p", soci::into(gid),
                              soci::into(text), soci::use(p.id));
        gs.execute();
        while (gs.fetch()) goals.emplace_back(gid, text);
        for (auto& [g, t] : goals) {
          const std::string re = *seal_text(sealer, r, "goalText", open_text(sealer, cur_key, r, "goalText", t, soci::i_ok));
          s << "UPDATE case_plan_goals SET text_sealed = :t WHERE id = :id", soci::use(re), soci::use(g);
        }
      }
      s << "UPDATE case_plans SET return_reason_sealed = :r, key_id = :k WHERE id = :id", soci::use(sealed), soci::use(key),
          soci::use(p.id);
    }
  } else {
    throw Error::BadRequest("Thao tác không hợp lệ", "Invalid action");
  }
  record_audit(s, actor, {"update", "case_plan", std::to_string(p.id), r.residence_unit_id,
                          json{{"code", r.code}, {"planNo", p.plan_no}, {"status", p.status}, {"version", p.version}},
                          json{{"code", r.code}, {"planNo", p.plan_no}, {"status", next}, {"version", p.version + 1},
                               {"action", cw::plan_action_name(a)}}});
}

// ----- follow-ups -----

std::optional<CaseFollowupRow> get_case_followup(soci::session& s, long long id) {
  CaseFollowupRow f;
  s << "SELECT id, case_id, version, status FROM case_followups WHERE id = :id", soci::into(f.id), soci::into(f.case_id),
      soci::into(f.version), soci::into(f.status), soci::use(id);
  if (!s.got_data()) return std::nullopt;
  return f;
}

long long add_case_followup(soci::session& s, const CaseRow& r, Date due_on, const std::string& purpose,
                            const security::Sealer& sealer, const Actor& actor) {
  cw::require_open(r.status);
  if (due_on < r.registered_on)
    throw Error::Validation("dueOn", "Ngày hẹn trước ngày đăng ký hồ sơ", "The due date is before the record's registration");
  const std::string due = due_on.iso(), now = now_iso_utc(), status = "planned";
  auto sealed = seal_text(sealer, r, "followupPurpose", purpose);
  std::string sv = sealed.value_or("");
  soci::indicator is = sealed ? soci::i_ok : soci::i_null;
  const long long key = sealer.current_key_id(), by = actor.user_id;
  soci::indicator iby = ind_of(by);
  long long id = 0;
  s << "INSERT INTO case_followups(case_id, due_on, status, key_id, purpose_sealed, created_by, created_at, updated_by, updated_at) "
       "VALUES(:c, :d, :st, :k, :p, :by, :at, :by2, :at2) RETURNING id",
      soci::use(r.id), soci::use(due), soci::use(status), soci::use(key), soci::use(sv, is), soci::use(by, iby), soci::use(now),
      soci::use(by, iby), soci::use(now), soci::into(id);
  record_audit(s, actor, {"create", "case_followup", std::to_string(id), r.residence_unit_id, std::nullopt,
                          json{{"caseId", r.id}, {"code", r.code}, {"dueOn", due}, {"status", status}}});
  return id;
}

void transition_case_followup(soci::session& s, const CaseRow& r, const CaseFollowupRow& f, cw::FollowupAction a,
                              long long version, const std::string& note, Date today, const security::Sealer& sealer,
                              const Actor& actor) {
  cw::require_open(r.status);
  const std::string next = cw::followup_next(f.status, a);
  if (version != f.version) throw Error::Conflict();
  // the purpose stays under its key: re-sealed with the result when the current key moved on
  long long key = 0;
  std::string purpose;
  soci::indicator ip = soci::i_null;
  s << "SELECT key_id, purpose_sealed FROM case_followups WHERE id = :id", soci::into(key), soci::into(purpose, ip), soci::use(f.id);
  const std::string plain_purpose = open_text(sealer, key, r, "followupPurpose", purpose, ip);
  auto sp = seal_text(sealer, r, "followupPurpose", plain_purpose);
  auto sr = seal_text(sealer, r, "followupResult", note);
  std::string spv = sp.value_or(""), srv = sr.value_or("");
  soci::indicator isp = sp ? soci::i_ok : soci::i_null, isr = sr ? soci::i_ok : soci::i_null;
  const std::string now = now_iso_utc(), done = today.iso();
  soci::indicator idone = a == cw::FollowupAction::done ? soci::i_ok : soci::i_null;
  const long long new_key = sealer.current_key_id(), by = actor.user_id;
  soci::indicator iby = ind_of(by);
  soci::statement st = (s.prepare << "UPDATE case_followups SET status = :st, key_id = :k, purpose_sealed = :p, result_sealed = :r, "
                                     "done_on = :d, version = version + 1, updated_by = :by, updated_at = :u "
                                     "WHERE id = :id AND version = :v",
                        soci::use(next), soci::use(new_key), soci::use(spv, isp), soci::use(srv, isr), soci::use(done, idone),
                        soci::use(by, iby), soci::use(now), soci::use(f.id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  record_audit(s, actor, {"update", "case_followup", std::to_string(f.id), r.residence_unit_id,
                          json{{"code", r.code}, {"status", f.status}, {"version", f.version}},
                          json{{"code", r.code}, {"status", next}, {"version", f.version + 1}}});
}

// ----- outcome -----

void put_case_outcome(soci::session& s, const CaseRow& r, const std::vector<OutcomeInput>& items, const Actor& actor) {
  json before = json::object(), after = json::object();
  {
    std::string a, st, on;
    soci::statement q = (s.prepare << "SELECT area, status, as_of FROM case_outcomes WHERE case_id = :c", soci::into(a),
                         soci::into(st), soci::into(on), soci::use(r.id));
    q.execute();
    while (q.fetch()) before[a] = {{"status", st}, {"asOf", on}};
  }
  const std::string now = now_iso_utc();
  const long long by = actor.user_id;
  soci::indicator iby = ind_of(by);
  for (const auto& it : items) {
    if (it.as_of < r.registered_on)
      throw Error::Validation("items.asOf", "Ngày trước ngày đăng ký hồ sơ", "The date is before the record's registration");
    const std::string on = it.as_of.iso();
    s << "DELETE FROM case_outcomes WHERE case_id = :c AND area = :a", soci::use(r.id), soci::use(it.area);
    s << "INSERT INTO case_outcomes(case_id, area, status, as_of, updated_by, updated_at) VALUES(:c, :a, :st, :on, :by, :u)",
        soci::use(r.id), soci::use(it.area), soci::use(it.status), soci::use(on), soci::use(by, iby), soci::use(now);
    after[it.area] = {{"status", it.status}, {"asOf", on}};
  }
  for (auto& [k, v] : before.items())
    if (!after.contains(k)) after[k] = v;
  record_audit(s, actor, {"update", "case_outcome", std::to_string(r.id), r.residence_unit_id,
                          json{{"code", r.code}, {"outcome", before}}, json{{"code", r.code}, {"outcome", after}}});
}

// ----- closure -----

cw::ClosureState case_closure_state(soci::session& s, const CaseRow& r) {
  std::string kind;
  s << "SELECT kind FROM case_closure_events WHERE case_id = :c ORDER BY id DESC LIMIT 1", soci::into(kind), soci::use(r.id);
  return {r.status, s.got_data() && kind == "request" && r.status == "open"};
}

std::pair<long long, std::string> case_closure_requester(soci::session& s, long long case_id) {
  std::string kind, at;
  long long by = 0;
  soci::indicator iby = soci::i_null;
  s << "SELECT kind, created_by, created_at FROM case_closure_events WHERE case_id = :c ORDER BY id DESC LIMIT 1",
      soci::into(kind), soci::into(by, iby), soci::into(at), soci::use(case_id);
  if (!s.got_data() || kind != "request") return {0, ""};
  return {iby == soci::i_ok ? by : 0, at};
}

void act_case_closure(soci::session& s, const CaseRow& r, cw::ClosureAction a, const std::string& reason_code,
                      const std::string& note, Date today, const security::Sealer& sealer, const Actor& actor) {
  const cw::ClosureState cur = case_closure_state(s, r);
  const cw::ClosureState next = cw::closure_next(cur, a);
  const char* kind = a == cw::ClosureAction::request   ? "request"
                     : a == cw::ClosureAction::approve ? "approve"
                     : a == cw::ClosureAction::reject  ? "reject"
                                                       : "reopen";
  const std::string now = now_iso_utc(), k = kind;
  auto sealed = seal_text(sealer, r, "closureNote", note);
  std::string sv = sealed.value_or("");
  soci::indicator is = sealed ? soci::i_ok : soci::i_null;
  const long long key = sealer.current_key_id(), by = actor.user_id;
  soci::indicator iby = ind_of(by);
  long long id = 0;
  s << "INSERT INTO case_closure_events(case_id, kind, reason_code, key_id, note_sealed, created_by, created_at) "
       "VALUES(:c, :k, :r, :key, :n, :by, :at) RETURNING id",
      soci::use(r.id), soci::use(k), soci::use(reason_code), soci::use(key), soci::use(sv, is), soci::use(by, iby), soci::use(now),
      soci::into(id);
  if (next.status != cur.status) {
    const std::string day = today.iso();
    soci::indicator iday = next.status == "closed" ? soci::i_ok : soci::i_null;
    soci::statement st = (s.prepare << "UPDATE case_records SET status = :st, closed_on = :d, version = version + 1, "
                                       "updated_at = :u WHERE id = :id AND version = :v",
                          soci::use(next.status), soci::use(day, iday), soci::use(now), soci::use(r.id), soci::use(r.version));
    st.execute(true);
    if (st.get_affected_rows() != 1) throw Error::Conflict();
  }
  json after = {{"caseId", r.id}, {"code", r.code}, {"action", k}, {"status", next.status}, {"pending", next.pending}};
  if (!reason_code.empty()) after["reasonCode"] = reason_code;
  if (next.status == "closed") after["closedOn"] = today.iso();
  record_audit(s, actor, {"update", "case_closure", std::to_string(id), r.residence_unit_id,
                          json{{"code", r.code}, {"status", cur.status}, {"pending", cur.pending}}, after});
}

}  // namespace longghep
