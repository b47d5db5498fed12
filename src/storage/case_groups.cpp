#include "storage/case_groups.hpp"

#include "domain/case_groups.hpp"
#include "domain/error.hpp"
#include "storage/org_units.hpp"
#include "storage/programmes.hpp"
#include "storage/query.hpp"

namespace longghep {
using nlohmann::json;

namespace {
const char* kGroupColumns = "id, org_unit_id, name, kind, COALESCE(host_programme_code, ''), founded_on, active, version";

json unit_json(const Hierarchy& h, long long id) {
  const OrgUnit* u = h.by_id(id);
  return u ? org_unit_ref(*u) : json(nullptr);
}

json audit_json(const CaseGroupInput& in) {
  return {{"orgUnitId", in.org_unit_id}, {"name", in.name}, {"kind", in.kind},
          {"hostProgramme", in.host_programme_code.empty() ? json(nullptr) : json(in.host_programme_code)},
          {"foundedOn", in.founded_on.iso()}, {"active", in.active}};
}

void validate(soci::session& s, const CaseGroupInput& in, Date today) {
  case_groups::validate_kind(in.kind);
  case_groups::validate_founded(in.founded_on, today);
  if (!in.host_programme_code.empty() && !taxonomy_has(s, "programme_categories", in.host_programme_code))
    throw Error::Validation("hostProgrammeCode", "Chương trình chủ trì không có trong danh mục", "Unknown host programme");
}

long long current_members(soci::session& s, long long group_id) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM case_group_members WHERE group_id = :g AND left_on IS NULL", soci::into(n), soci::use(group_id);
  return n;
}

json group_summary(soci::session& s, const Hierarchy& h, const CaseGroupRow& g) {
  return {{"id", g.id},
          {"orgUnit", unit_json(h, g.org_unit_id)},
          {"name", g.in.name},
          {"kind", g.in.kind},
          {"hostProgrammeCode", g.in.host_programme_code.empty() ? json(nullptr) : json(g.in.host_programme_code)},
          {"foundedOn", g.in.founded_on.iso()},
          {"active", g.in.active},
          {"memberCount", current_members(s, g.id)},
          {"version", g.version}};
}

CaseGroupRow read_row(long long id, long long unit, const std::string& name, const std::string& kind, const std::string& host,
                      const std::string& founded, int active, long long version) {
  CaseGroupRow g;
  g.id = id;
  g.org_unit_id = unit;
  g.version = version;
  g.in = {unit, name, kind, host, *Date::parse(founded), active != 0};
  return g;
}
}  // namespace

std::optional<CaseGroupRow> get_case_group(soci::session& s, long long id) {
  long long gid = 0, unit = 0, version = 0;
  int active = 0;
  std::string name, kind, host, founded;
  s << std::string("SELECT ") + kGroupColumns + " FROM case_groups WHERE id = :id", soci::into(gid), soci::into(unit),
      soci::into(name), soci::into(kind), soci::into(host), soci::into(founded), soci::into(active), soci::into(version),
      soci::use(id);
  if (!s.got_data()) return std::nullopt;
  return read_row(gid, unit, name, kind, host, founded, active, version);
}

json list_case_groups(soci::session& s, const Hierarchy& h, const CaseGroupFilter& f, Date) {
  // the caller's scope, narrowed to the orgUnit filter's subtree when given
  const std::optional<Scope> w = f.within ? std::optional<Scope>(h.scope_of(f.within->id)) : std::nullopt;
  const std::optional<Scope> eff = narrow_scope(f.scope, w ? &*w : nullptr);
  const bool scoped = eff && !eff->all();
  if (scoped) load_scope_ids(s, *eff);
  Query q(std::string("SELECT ") + kGroupColumns + " FROM case_groups WHERE 1=1");
  if (scoped) q.append(" AND org_unit_id IN (SELECT id FROM scope_ids)");
  if (!f.kind.empty()) q.and_where("kind = ?", f.kind);
  if (f.active) q.and_where("active = ?", static_cast<long long>(*f.active ? 1 : 0));
  q.append(" ORDER BY name, id");
  long long gid = 0, unit = 0, version = 0;
  int active = 0;
  std::string name, kind, host, founded;
  std::vector<CaseGroupRow> rows;
  soci::statement st = q.prepare(s, soci::into(gid), soci::into(unit), soci::into(name), soci::into(kind), soci::into(host),
                                 soci::into(founded), soci::into(active), soci::into(version));
  st.execute();
  while (st.fetch()) rows.push_back(read_row(gid, unit, name, kind, host, founded, active, version));
  json items = json::array();
  for (const auto& g : rows) items.push_back(group_summary(s, h, g));
  return {{"items", items}};
}

json case_group_json(soci::session& s, const Hierarchy& h, const CaseGroupRow& g, Date today) {
  json out = group_summary(s, h, g);
  json members = json::array();
  long long id = 0, case_id = 0;
  std::string code, joined, left;
  soci::indicator il = soci::i_null;
  soci::statement st = (s.prepare << "SELECT m.id, m.case_id, c.code, m.joined_on, m.left_on FROM case_group_members m "
                                     "JOIN case_records c ON c.id = m.case_id WHERE m.group_id = :g "
                                     "ORDER BY CASE WHEN m.left_on IS NULL THEN 0 ELSE 1 END, c.code, m.id",
                        soci::into(id), soci::into(case_id), soci::into(code), soci::into(joined), soci::into(left, il),
                        soci::use(g.id));
  st.execute();
  while (st.fetch()) {
    const std::optional<Date> l = il == soci::i_ok ? Date::parse(left) : std::nullopt;
    members.push_back({{"id", id},
                       {"caseId", case_id},
                       {"code", code},
                       {"joinedOn", joined},
                       {"leftOn", l ? json(l->iso()) : json(nullptr)},
                       {"current", case_groups::member_on(*Date::parse(joined), l, today)}});
  }
  out["members"] = members;
  return out;
}

long long create_case_group(soci::session& s, const CaseGroupInput& in, Date today, const Actor& actor) {
  validate(s, in, today);
  const std::string founded = in.founded_on.iso(), now = now_iso_utc();
  const int active = in.active ? 1 : 0;
  soci::indicator ih = in.host_programme_code.empty() ? soci::i_null : soci::i_ok;
  long long by = actor.user_id;
  soci::indicator iby = by ? soci::i_ok : soci::i_null;
  long long id = 0;
  s << "INSERT INTO case_groups(org_unit_id, name, kind, host_programme_code, founded_on, active, created_by, created_at, "
       "updated_at) VALUES(:u, :n, :k, :h, :f, :a, :by, :at, :at2) RETURNING id",
      soci::use(in.org_unit_id), soci::use(in.name), soci::use(in.kind), soci::use(in.host_programme_code, ih),
      soci::use(founded), soci::use(active), soci::use(by, iby), soci::use(now), soci::use(now), soci::into(id);
  record_audit(s, actor, {"create", "case_group", std::to_string(id), in.org_unit_id, std::nullopt, audit_json(in)});
  return id;
}

void update_case_group(soci::session& s, const CaseGroupRow& g, const CaseGroupInput& in, long long version, Date today,
                       const Actor& actor) {
  validate(s, in, today);
  if (version != g.version) throw Error::Conflict();
  const std::string founded = in.founded_on.iso(), now = now_iso_utc();
  const int active = in.active ? 1 : 0;
  soci::indicator ih = in.host_programme_code.empty() ? soci::i_null : soci::i_ok;
  soci::statement st = (s.prepare << "UPDATE case_groups SET name = :n, kind = :k, host_programme_code = :h, founded_on = :f, "
                                     "active = :a, version = version + 1, updated_at = :at WHERE id = :id AND version = :v",
                        soci::use(in.name), soci::use(in.kind), soci::use(in.host_programme_code, ih), soci::use(founded),
                        soci::use(active), soci::use(now), soci::use(g.id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  CaseGroupInput after = in;
  after.org_unit_id = g.org_unit_id;
  json b = audit_json(g.in), a = audit_json(after);
  b["version"] = g.version;
  a["version"] = g.version + 1;
  record_audit(s, actor, {"update", "case_group", std::to_string(g.id), g.org_unit_id, b, a});
}

long long add_case_group_member(soci::session& s, const CaseGroupRow& g, const CaseRow& r, Date joined_on, Date today,
                                const Actor& actor) {
  if (!g.in.active)
    throw Error(409, "group_inactive", "Nhóm không còn hoạt động", "The group is no longer active");
  case_groups::validate_joined(joined_on, g.in.founded_on, r.registered_on, today);
  long long open = 0;
  s << "SELECT COUNT(*) FROM case_group_members WHERE group_id = :g AND case_id = :c AND left_on IS NULL", soci::into(open),
      soci::use(g.id), soci::use(r.id);
  if (open)
    throw Error(409, "already_member", "Hồ sơ " + r.code + " đã là thành viên của nhóm", "Record " + r.code + " is already a member");
  const std::string joined = joined_on.iso(), now = now_iso_utc();
  long long by = actor.user_id;
  soci::indicator iby = by ? soci::i_ok : soci::i_null;
  long long id = 0;
  s << "INSERT INTO case_group_members(group_id, case_id, joined_on, created_by, created_at) VALUES(:g, :c, :j, :by, :at) "
       "RETURNING id",
      soci::use(g.id), soci::use(r.id), soci::use(joined), soci::use(by, iby), soci::use(now), soci::into(id);
  // codes only
  record_audit(s, actor, {"create", "case_group_member", std::to_string(id), g.org_unit_id, std::nullopt,
                          json{{"groupId", g.id}, {"caseId", r.id}, {"code", r.code}, {"joinedOn", joined}}});
  return id;
}

void end_case_group_member(soci::session& s, const CaseGroupRow& g, long long member_id, Date left_on, Date today,
                           const Actor& actor) {
  long long case_id = 0;
  std::string joined, left, code;
  soci::indicator il = soci::i_null;
  s << "SELECT m.case_id, m.joined_on, m.left_on, c.code FROM case_group_members m JOIN case_records c ON c.id = m.case_id "
       "WHERE m.id = :id AND m.group_id = :g",
      soci::into(case_id), soci::into(joined), soci::into(left, il), soci::into(code), soci::use(member_id), soci::use(g.id);
  if (!s.got_data()) throw Error::NotFound("thành viên nhóm", "Group member");
  case_groups::validate_left(il == soci::i_ok ? Date::parse(left) : std::nullopt, *Date::parse(joined), left_on, today);
  const std::string l = left_on.iso();
  s << "UPDATE case_group_members SET left_on = :l WHERE id = :id", soci::use(l), soci::use(member_id);
  record_audit(s, actor, {"update", "case_group_member", std::to_string(member_id), g.org_unit_id,
                          json{{"groupId", g.id}, {"code", code}, {"leftOn", nullptr}},
                          json{{"groupId", g.id}, {"code", code}, {"leftOn", l}}});
}

json case_memberships_json(soci::session& s, const Hierarchy& h, long long case_id, Date today) {
  long long id = 0, gid = 0, unit = 0;
  std::string name, kind, joined, left;
  soci::indicator il = soci::i_null;
  soci::statement st = (s.prepare << "SELECT m.id, g.id, g.org_unit_id, g.name, g.kind, m.joined_on, m.left_on "
                                     "FROM case_group_members m JOIN case_groups g ON g.id = m.group_id WHERE m.case_id = :c "
                                     "ORDER BY m.joined_on DESC, m.id DESC",
                        soci::into(id), soci::into(gid), soci::into(unit), soci::into(name), soci::into(kind),
                        soci::into(joined), soci::into(left, il), soci::use(case_id));
  st.execute();
  json items = json::array();
  while (st.fetch()) {
    const std::optional<Date> l = il == soci::i_ok ? Date::parse(left) : std::nullopt;
    items.push_back({{"id", id},
                     {"group", {{"id", gid}, {"name", name}, {"kind", kind}, {"orgUnit", unit_json(h, unit)}}},
                     {"joinedOn", joined},
                     {"leftOn", l ? json(l->iso()) : json(nullptr)},
                     {"current", case_groups::member_on(*Date::parse(joined), l, today)}});
  }
  return {{"items", items}};
}

std::optional<long long> case_id_by_code(soci::session& s, const std::string& code) {
  long long id = 0;
  s << "SELECT id FROM case_records WHERE code = :c", soci::into(id), soci::use(code);
  if (!s.got_data()) return std::nullopt;
  return id;
}

}  // namespace longghep
