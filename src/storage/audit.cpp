#include "storage/audit.hpp"

#include <chrono>
#include <ctime>

#include "domain/error.hpp"
#include "storage/id_tables.hpp"
#include "storage/query.hpp"

namespace longghep {

std::string now_iso_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

nlohmann::json bound_json(Date d) {
  auto v = bound_to_wire(d);
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

long long now_unix() { return static_cast<long long>(std::time(nullptr)); }

void record_audit(soci::session& s, const Actor& actor, const AuditChange& c) {
  std::string at = now_iso_utc();
  std::string before = c.before ? c.before->dump() : "";
  std::string after = c.after ? c.after->dump() : "";
  soci::indicator ib = c.before ? soci::i_ok : soci::i_null;
  soci::indicator ia = c.after ? soci::i_ok : soci::i_null;
  soci::indicator iu = actor.user_id ? soci::i_ok : soci::i_null;
  soci::indicator io = c.org_unit_id ? soci::i_ok : soci::i_null;
  long long uid = actor.user_id, oid = c.org_unit_id, tid = actor.token_id;
  soci::indicator it = actor.token_id ? soci::i_ok : soci::i_null;
  s << "INSERT INTO audit_log(at, user_id, username, action, entity, entity_id, org_unit_id, before_json, after_json, token_id) "
       "VALUES(:at, :uid, :un, :ac, :en, :eid, :oid, :b, :a, :t)",
      soci::use(at), soci::use(uid, iu), soci::use(actor.username), soci::use(c.action),
      soci::use(c.entity), soci::use(c.entity_id), soci::use(oid, io), soci::use(before, ib),
      soci::use(after, ia), soci::use(tid, it);
}

void load_scope_ids(soci::session& s, const Scope& scope) { load_id_table(s, "scope_ids", scope.ids()); }

nlohmann::json list_audit(soci::session& s, const AuditQuery& q, const Scope& scope,
                          const Hierarchy& h) {
  if (!scope.all()) load_scope_ids(s, scope);
  auto filtered = [&](const std::string& select) {
    Query qb(select + " FROM audit_log WHERE 1=1");
    if (!scope.all()) qb.append(" AND org_unit_id IN (SELECT id FROM scope_ids)");
    if (!q.entity.empty()) qb.and_where("entity = ?", q.entity);
    if (!q.entity_id.empty()) qb.and_where("entity_id = ?", q.entity_id);
    if (!q.support_records)
      qb.append(" AND entity NOT IN ('case', 'case_identity', 'case_reveal', 'case_consent', 'case_service', 'case_referral',"
                " 'case_group', 'case_group_member', 'case_assessment', 'case_plan', 'case_followup', 'case_outcome', 'case_closure',"
                " 'case_rights_export', 'case_correction')");
    if (!q.username.empty()) qb.and_where("username = ?", q.username);
    if (!q.action.empty()) qb.and_where("action = ?", q.action);
    if (!q.from.empty()) qb.and_where("at >= ?", Date::parse_or_throw(q.from, "from").iso());
    if (!q.to.empty()) qb.and_where("at < ?", Date::parse_or_throw(q.to, "to").add_days(1).iso());
    return qb;
  };
  long long total = 0;
  filtered("SELECT COUNT(*)").run(s, soci::into(total));

  long long id = 0, oid = 0, tid = 0;
  std::string at, username, action, entity, entity_id, before, after, tname;
  soci::indicator io, ib, ia, it, itn;
  Query page = filtered("SELECT id, at, username, action, entity, entity_id, org_unit_id, before_json, after_json, token_id, "
                        "(SELECT t.name FROM api_tokens t WHERE t.id = audit_log.token_id)");
  page.append(" ORDER BY id DESC").append_bound(" LIMIT ?", q.page_size).append_bound(" OFFSET ?", (q.page - 1) * static_cast<long long>(q.page_size));
  soci::statement st = page.prepare(s, soci::into(id), soci::into(at), soci::into(username), soci::into(action),
                                    soci::into(entity), soci::into(entity_id), soci::into(oid, io),
                                    soci::into(before, ib), soci::into(after, ia), soci::into(tid, it),
                                    soci::into(tname, itn));
  st.execute();
  nlohmann::json items = nlohmann::json::array();
  while (st.fetch()) {
    nlohmann::json e = {{"id", id}, {"at", at}, {"username", username}, {"action", action},
                        {"entity", entity}, {"entityId", entity_id}};
    const OrgUnit* u = io == soci::i_ok ? h.by_id(oid) : nullptr;
    e["orgUnitCode"] = u ? nlohmann::json(u->code) : nlohmann::json(nullptr);
    e["orgUnitName"] = u ? nlohmann::json(u->name) : nlohmann::json(nullptr);
    e["before"] = ib == soci::i_ok ? nlohmann::json::parse(before) : nlohmann::json(nullptr);
    e["after"] = ia == soci::i_ok ? nlohmann::json::parse(after) : nlohmann::json(nullptr);
    // A change made with an API token: the owner above, the token here (issue 21 §1).
    e["token"] = it == soci::i_ok ? nlohmann::json{{"id", tid}, {"name", itn == soci::i_ok ? tname : std::string()}}
                                  : nlohmann::json(nullptr);
    items.push_back(std::move(e));
  }
  // A workflow step's snapshot ({"status": …}) does not name its record: the naming fields of the
  // record's create entry go beside it (one statement per such entry of the page, at most pageSize).
  static const char* const kNaming[] = {"title", "name", "number", "subject", "fullName", "username", "code", "year", "source"};
  auto names = [](const nlohmann::json& j) {
    nlohmann::json out = nlohmann::json::object();
    if (!j.is_object()) return out;
    for (const char* k : kNaming)
      if (auto it = j.find(k); it != j.end() && (it->is_string() || it->is_number())) out[k] = *it;
    return out;
  };
  for (auto& e : items) {
    e["createdAs"] = nullptr;
    if (e["action"] == "create" || !names(e["after"]).empty() || !names(e["before"]).empty()) continue;
    std::string created;
    soci::indicator ic = soci::i_null;
    const std::string ent = e["entity"].get<std::string>(), eid = e["entityId"].get<std::string>();
    s << "SELECT after_json FROM audit_log WHERE entity = :e AND entity_id = :i AND action = 'create' ORDER BY id DESC LIMIT 1",
        soci::use(ent), soci::use(eid), soci::into(created, ic);
    if (s.got_data() && ic == soci::i_ok) {
      nlohmann::json n = names(nlohmann::json::parse(created, nullptr, false));
      if (!n.empty()) e["createdAs"] = std::move(n);
    }
  }
  return {{"items", items}, {"total", total}, {"page", q.page}, {"pageSize", q.page_size}};
}

}  // namespace longghep
