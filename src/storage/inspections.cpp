#include "storage/inspection_fact_store.hpp"
#include "storage/inspections.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "storage/id_tables.hpp"
#include "storage/org_units.hpp"
#include "storage/query.hpp"

namespace longghep {
using nlohmann::json;
namespace insp = inspections;

namespace {
soci::indicator ind(bool present) { return present ? soci::i_ok : soci::i_null; }
json opt_json(const std::optional<long long>& v) { return v ? json(*v) : json(nullptr); }
json opt_json(const std::optional<Date>& v) { return v ? json(v->iso()) : json(nullptr); }
std::optional<long long> opt_of(long long v, soci::indicator i) { return i == soci::i_ok ? std::optional(v) : std::nullopt; }
std::optional<Date> date_of(const std::string& v, soci::indicator i) {
  return i == soci::i_ok && !v.empty() ? Date::parse(v) : std::nullopt;
}
// " AND <column> IN (…ids…)" bound as one parameter (storage/id_tables.hpp).
void and_in(soci::session& s, Query& q, const std::string& column, const std::vector<long long>& ids) {
  std::string in = id_in(s, "ids");
  in.replace(in.find(":ids"), 4, "?");
  q.append_bound(" AND " + column + in, id_array(s, ids));
}
json agency_ref(soci::session& s, long long id) {
  if (!id) return nullptr;
  std::string name;
  s << "SELECT name FROM agencies WHERE id = :i", soci::use(id), soci::into(name);
  return s.got_data() ? json{{"id", id}, {"name", name}} : json(nullptr);
}
bool exists(soci::session& s, const std::string& sql, long long id) {
  long long n = 0;
  s << sql, soci::use(id), soci::into(n);
  return n > 0;
}
std::string year_from(int y) { return std::to_string(y) + "-01-01"; }
std::string year_to(int y) { return std::to_string(y) + "-12-31"; }
}  // namespace

// ===================== reference data =====================

json list_violation_topics(soci::session& s) {
  json items = json::array();
  std::string code, vi, en;
  long long order = 0, active = 0;
  soci::statement st = (s.prepare << "SELECT code, name_vi, name_en, sort_order, active FROM violation_topics ORDER BY sort_order, code",
                        soci::into(code), soci::into(vi), soci::into(en), soci::into(order), soci::into(active));
  st.execute();
  while (st.fetch())
    items.push_back({{"code", code}, {"nameVi", vi}, {"nameEn", en}, {"sortOrder", order}, {"active", active != 0}});
  return {{"items", items}};
}

bool violation_topic_exists(soci::session& s, const std::string& code) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM violation_topics WHERE code = :c", soci::use(code), soci::into(n);
  return n > 0;
}

namespace {
constexpr const char* kLegalColumns =
    "SELECT id, code, instrument, article, clause, point, topic, title_vi, title_en, fine_min, fine_max, valid_from, valid_to, "
    "source_note FROM legal_references";
std::vector<LegalRefRow> read_legal(soci::session& s, Query q) {
  std::vector<LegalRefRow> out;
  LegalRefRow r;
  auto& x = r.ref;
  long long fmin = 0, fmax = 0;
  std::string from, to;
  soci::indicator imin, imax, ito;
  soci::statement st = q.prepare(s, soci::into(x.id), soci::into(x.code), soci::into(x.instrument), soci::into(x.article),
                                 soci::into(x.clause), soci::into(x.point), soci::into(x.topic), soci::into(r.title_vi),
                                 soci::into(r.title_en), soci::into(fmin, imin), soci::into(fmax, imax), soci::into(from),
                                 soci::into(to, ito), soci::into(r.source_note));
  st.execute();
  while (st.fetch()) {
    LegalRefRow y = r;
    y.ref.fine_min = opt_of(fmin, imin);
    y.ref.fine_max = opt_of(fmax, imax);
    y.ref.valid_from = *Date::parse(from);
    y.ref.valid_to = date_of(to, ito);
    out.push_back(std::move(y));
  }
  return out;
}
}  // namespace

std::vector<LegalRefRow> load_legal_refs(soci::session& s, const std::string& topic, std::optional<Date> on) {
  Query q(std::string(kLegalColumns) + " WHERE 1=1");
  if (!topic.empty()) q.and_where("topic = ?", topic);
  if (on) {
    q.and_where("valid_from <= ?", on->iso());
    q.and_where("(valid_to IS NULL OR valid_to >= ?)", on->iso());
  }
  q.append(" ORDER BY topic, valid_from, code");
  return read_legal(s, std::move(q));
}

std::optional<LegalRefRow> get_legal_ref(soci::session& s, long long id) {
  Query q(std::string(kLegalColumns) + " WHERE 1=1");
  q.and_where("id = ?", id);
  auto rows = read_legal(s, std::move(q));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

json legal_ref_json(const LegalRefRow& r) {
  const auto& x = r.ref;
  return {{"id", x.id},          {"code", x.code},         {"instrument", x.instrument},   {"article", x.article},
          {"clause", x.clause},  {"point", x.point},       {"topic", x.topic},             {"titleVi", r.title_vi},
          {"titleEn", r.title_en}, {"fineMin", opt_json(x.fine_min)}, {"fineMax", opt_json(x.fine_max)},
          {"validFrom", x.valid_from.iso()}, {"validTo", opt_json(x.valid_to)}, {"sourceNote", r.source_note}};
}

std::pair<long long, long long> upsert_legal_refs(soci::session& s, const std::vector<LegalRefRow>& rows, const Actor& actor) {
  long long created = 0, updated = 0;
  for (const auto& r : rows) {
    const auto& x = r.ref;
    long long id = 0;
    s << "SELECT id FROM legal_references WHERE code = :c", soci::use(x.code), soci::into(id);
    const bool found = s.got_data();
    std::optional<LegalRefRow> before = found ? get_legal_ref(s, id) : std::nullopt;
    long long fmin = x.fine_min.value_or(0), fmax = x.fine_max.value_or(0);
    soci::indicator imin = ind(x.fine_min.has_value()), imax = ind(x.fine_max.has_value());
    std::string from = x.valid_from.iso(), to = x.valid_to ? x.valid_to->iso() : "";
    soci::indicator ito = ind(x.valid_to.has_value());
    std::string instrument = x.instrument, article = x.article, clause = x.clause, point = x.point, topic = x.topic;
    std::string tvi = r.title_vi, ten = r.title_en, note = r.source_note, code = x.code;
    if (found) {
      s << "UPDATE legal_references SET instrument = :i, article = :a, clause = :c, point = :p, topic = :t, title_vi = :tv, "
           "title_en = :te, fine_min = :fmin, fine_max = :fmax, valid_from = :vf, valid_to = :vt, source_note = :n WHERE id = :id",
          soci::use(instrument), soci::use(article), soci::use(clause), soci::use(point), soci::use(topic), soci::use(tvi),
          soci::use(ten), soci::use(fmin, imin), soci::use(fmax, imax), soci::use(from), soci::use(to, ito), soci::use(note),
          soci::use(id);
      ++updated;
    } else {
      const std::string now = now_iso_utc();
      s << "INSERT INTO legal_references(code, instrument, article, clause, point, topic, title_vi, title_en, fine_min, fine_max, "
           "valid_from, valid_to, source_note, created_at) VALUES(:code, :i, :a, :c, :p, :t, :tv, :te, :fmin, :fmax, :vf, :vt, :n, "
           ":at) RETURNING id",
          soci::use(code), soci::use(instrument), soci::use(article), soci::use(clause), soci::use(point), soci::use(topic),
          soci::use(tvi), soci::use(ten), soci::use(fmin, imin), soci::use(fmax, imax), soci::use(from), soci::use(to, ito),
          soci::use(note), soci::use(now), soci::into(id);
      ++created;
    }
    LegalRefRow after = r;
    after.ref.id = id;
    record_audit(s, actor, {found ? "update" : "create", "legal_reference", std::to_string(id), 0,
                            before ? std::optional<json>(legal_ref_json(*before)) : std::nullopt, legal_ref_json(after)});
  }
  return {created, updated};
}

std::vector<ChecklistVersionRow> load_checklist_versions(soci::session& s, const std::optional<std::string>& type,
                                                         bool all_types) {
  Query q("SELECT id, type_code, version, valid_from, note FROM checklist_versions WHERE 1=1");
  if (type && all_types) q.and_where("(type_code = ? OR type_code IS NULL)", *type);
  else if (type) q.and_where("type_code = ?", *type);
  q.append(" ORDER BY type_code, version");
  std::vector<ChecklistVersionRow> out;
  long long id = 0, version = 0;
  std::string tc, from, note;
  soci::indicator itc;
  soci::statement st = q.prepare(s, soci::into(id), soci::into(tc, itc), soci::into(version), soci::into(from), soci::into(note));
  st.execute();
  while (st.fetch())
    out.push_back({{id, itc == soci::i_ok ? std::optional(tc) : std::nullopt, static_cast<int>(version), *Date::parse(from)}, note});
  return out;
}

json checklist_version_json(soci::session& s, long long id, bool with_items) {
  std::string tc, from, note;
  soci::indicator itc;
  long long version = 0;
  s << "SELECT type_code, version, valid_from, note FROM checklist_versions WHERE id = :i", soci::use(id), soci::into(tc, itc),
      soci::into(version), soci::into(from), soci::into(note);
  if (!s.got_data()) throw Error::NotFound("danh mục kiểm tra", "Checklist");
  json out = {{"id", id}, {"typeCode", itc == soci::i_ok ? json(tc) : json(nullptr)}, {"version", version},
              {"validFrom", from}, {"note", note}};
  if (!with_items) return out;
  json items = json::array();
  long long iid = 0, order = 0;
  std::string key, vi, en, topic;
  soci::indicator itopic;
  soci::statement st = (s.prepare << "SELECT id, item_key, sort_order, text_vi, text_en, topic FROM checklist_items "
                                     "WHERE checklist_version_id = :v ORDER BY sort_order, id",
                        soci::into(iid), soci::into(key), soci::into(order), soci::into(vi), soci::into(en),
                        soci::into(topic, itopic), soci::use(id));
  st.execute();
  while (st.fetch())
    items.push_back({{"id", iid}, {"itemKey", key}, {"sortOrder", order}, {"textVi", vi}, {"textEn", en},
                     {"topic", itopic == soci::i_ok ? json(topic) : json(nullptr)}});
  out["items"] = items;
  return out;
}

long long create_checklist_version(soci::session& s, const std::optional<std::string>& type, Date valid_from,
                                   const std::string& note, const std::vector<ChecklistItemInput>& items, const Actor& actor) {
  if (type) {
    long long n = 0;
    s << "SELECT COUNT(*) FROM business_types WHERE code = :c", soci::use(*type), soci::into(n);
    if (!n) throw Error::Validation("typeCode", "Loại hình kinh doanh không có trong danh mục: " + *type, "Unknown business type: " + *type);
  }
  if (items.empty()) throw Error::Validation("items", "Danh mục cần ít nhất một mục", "A checklist needs at least one item");
  if (items.size() > insp::kItemsMax) throw Error::Validation("items", "Quá nhiều mục (tối đa 200)", "Too many items (at most 200)");
  std::set<std::string> keys;
  for (size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    const std::string p = "items[" + std::to_string(i) + "]";
    if (it.item_key.empty() || it.item_key.size() > 64)
      throw Error::Validation(p + ".itemKey", "Mã mục là bắt buộc (tối đa 64 ký tự)", "itemKey is required (at most 64 characters)");
    if (!keys.insert(it.item_key).second) throw Error::Validation(p + ".itemKey", "Mã mục lặp lại", "Repeated itemKey");
    if (it.text_vi.empty()) throw Error::Validation(p + ".textVi", "Nội dung mục là bắt buộc", "textVi is required");
    if (!it.topic.empty() && !violation_topic_exists(s, it.topic))
      throw Error::Validation(p + ".topic", "Loại vi phạm không có trong danh mục: " + it.topic, "Unknown violation kind: " + it.topic);
  }
  std::vector<insp::ChecklistVersionRef> refs;
  for (auto& v : load_checklist_versions(s, type, false)) refs.push_back(v.ref);
  if (!type) {
    refs.clear();
    for (auto& v : load_checklist_versions(s)) refs.push_back(v.ref);
  }
  const long long version = insp::next_checklist_version(refs, type);
  const std::string from = valid_from.iso(), now = now_iso_utc(), tc = type.value_or("");
  soci::indicator itc = ind(type.has_value());
  long long by = actor.user_id;
  soci::indicator iby = ind(by != 0);
  long long id = 0;
  s << "INSERT INTO checklist_versions(type_code, version, valid_from, note, created_by, created_at) VALUES(:t, :v, :f, :n, :b, :a) "
       "RETURNING id",
      soci::use(tc, itc), soci::use(version), soci::use(from), soci::use(note), soci::use(by, iby), soci::use(now), soci::into(id);
  long long order = 0;
  for (const auto& it : items) {
    order += 10;
    soci::indicator itopic = ind(!it.topic.empty());
    s << "INSERT INTO checklist_items(checklist_version_id, item_key, sort_order, text_vi, text_en, topic) VALUES(:c, :k, :o, :vi, "
         ":en, :t)",
        soci::use(id), soci::use(it.item_key), soci::use(order), soci::use(it.text_vi), soci::use(it.text_en),
        soci::use(it.topic, itopic);
  }
  record_audit(s, actor, {"create", "checklist_version", std::to_string(id), 0, std::nullopt,
                          json{{"name", (type ? *type : std::string("*")) + " v" + std::to_string(version)},
                               {"typeCode", type ? json(*type) : json(nullptr)}, {"version", version}, {"validFrom", from},
                               {"items", static_cast<long long>(items.size())}}});
  return id;
}

// ===================== teams =====================

std::optional<long long> team_unit(soci::session& s, long long id) {
  long long u = 0;
  s << "SELECT org_unit_id FROM inspection_teams WHERE id = :i", soci::use(id), soci::into(u);
  return s.got_data() ? std::optional(u) : std::nullopt;
}

json team_json(soci::session& s, const Hierarchy& h, long long id) {
  long long unit = 0, lead = 0, active = 0, version = 0;
  soci::indicator ilead;
  std::string name, decision;
  s << "SELECT org_unit_id, name, lead_agency_id, decision_ref, active, version FROM inspection_teams WHERE id = :i", soci::use(id),
      soci::into(unit), soci::into(name), soci::into(lead, ilead), soci::into(decision), soci::into(active), soci::into(version);
  if (!s.got_data()) throw Error::NotFound("đội kiểm tra", "Inspection team");
  const OrgUnit* u = h.by_id(unit);
  json agencies = json::array();
  {
    long long aid = 0;
    std::string aname;
    soci::statement st = (s.prepare << "SELECT a.id, a.name FROM inspection_team_agencies t JOIN agencies a ON a.id = t.agency_id "
                                       "WHERE t.team_id = :t ORDER BY a.name, a.id",
                          soci::into(aid), soci::into(aname), soci::use(id));
    st.execute();
    while (st.fetch()) agencies.push_back({{"id", aid}, {"name", aname}});
  }
  json members = json::array();
  {
    long long mid = 0, agency = 0, is_lead = 0, mactive = 0;
    soci::indicator iag;
    std::string full, position, aname;
    soci::indicator ian;
    soci::statement st =
        (s.prepare << "SELECT m.id, m.full_name, m.position, m.agency_id, a.name, m.is_lead, m.active FROM inspection_team_members m "
                      "LEFT JOIN agencies a ON a.id = m.agency_id WHERE m.team_id = :t ORDER BY m.is_lead DESC, m.id",
         soci::into(mid), soci::into(full), soci::into(position), soci::into(agency, iag), soci::into(aname, ian),
         soci::into(is_lead), soci::into(mactive), soci::use(id));
    st.execute();
    while (st.fetch())
      members.push_back({{"id", mid}, {"fullName", full}, {"position", position},
                         {"agency", iag == soci::i_ok && ian == soci::i_ok ? json{{"id", agency}, {"name", aname}} : json(nullptr)},
                         {"isLead", is_lead != 0}, {"active", mactive != 0}});
  }
  return {{"id", id},
          {"orgUnit", u ? org_unit_ref(*u) : json(nullptr)},
          {"name", name},
          {"leadAgency", ilead == soci::i_ok ? agency_ref(s, lead) : json(nullptr)},
          {"decisionRef", decision},
          {"active", active != 0},
          {"version", version},
          {"agencies", agencies},
          {"members", members}};
}

json list_teams(soci::session& s, const Hierarchy& h, const std::vector<long long>* units) {
  Query q("SELECT id FROM inspection_teams WHERE 1=1");
  if (units) and_in(s, q, "org_unit_id", *units);
  q.append(" ORDER BY name, id");
  std::vector<long long> ids;
  long long id = 0;
  soci::statement st = q.prepare(s, soci::into(id));
  st.execute();
  while (st.fetch()) ids.push_back(id);
  json items = json::array();
  for (long long i : ids) items.push_back(team_json(s, h, i));
  return {{"items", items}};
}

namespace {
void check_team_refs(soci::session& s, const TeamInput& in) {
  insp::validate_team(in.name, in.decision_ref, [&] {
    std::vector<insp::TeamMember> m;
    for (const auto& x : in.members) m.push_back({x.full_name, x.position});
    return m;
  }());
  auto agency_ok = [&](long long id) { return exists(s, "SELECT COUNT(*) FROM agencies WHERE id = :i", id); };
  if (in.lead_agency_id && !agency_ok(in.lead_agency_id))
    throw Error::Validation("leadAgencyId", "Cơ quan chủ trì không tồn tại", "Unknown lead agency");
  if (in.agency_ids.size() > 50) throw Error::Validation("agencyIds", "Tối đa 50 cơ quan", "At most 50 agencies");
  for (long long a : in.agency_ids)
    if (!agency_ok(a)) throw Error::Validation("agencyIds", "Cơ quan không tồn tại: " + std::to_string(a), "Unknown agency: " + std::to_string(a));
  for (size_t i = 0; i < in.members.size(); ++i)
    if (in.members[i].agency_id && !agency_ok(in.members[i].agency_id))
      throw Error::Validation("members[" + std::to_string(i) + "].agencyId", "Cơ quan không tồn tại", "Unknown agency");
}
void write_team_children(soci::session& s, long long id, const TeamInput& in, bool update) {
  s << "DELETE FROM inspection_team_agencies WHERE team_id = :t", soci::use(id);
  std::set<long long> seen;
  for (long long a : in.agency_ids)
    if (seen.insert(a).second) s << "INSERT INTO inspection_team_agencies(team_id, agency_id) VALUES(:t, :a)", soci::use(id), soci::use(a);
  std::set<long long> kept;
  for (size_t i = 0; i < in.members.size(); ++i) {
    const auto& m = in.members[i];
    long long agency = m.agency_id, lead = m.is_lead ? 1 : 0;
    soci::indicator iag = ind(agency != 0);
    if (m.id) {
      if (!update || !exists(s, "SELECT COUNT(*) FROM inspection_team_members WHERE id = :i AND team_id = " + std::to_string(id), m.id))
        throw Error::Validation("members[" + std::to_string(i) + "].id", "Thành viên không thuộc đội này", "The member is not of this team");
      s << "UPDATE inspection_team_members SET full_name = :n, position = :p, agency_id = :a, is_lead = :l, active = 1 WHERE id = :i",
          soci::use(m.full_name), soci::use(m.position), soci::use(agency, iag), soci::use(lead), soci::use(m.id);
      kept.insert(m.id);
    } else {
      long long mid = 0;
      s << "INSERT INTO inspection_team_members(team_id, full_name, position, agency_id, is_lead, active) VALUES(:t, :n, :p, :a, :l, 1) "
           "RETURNING id",
          soci::use(id), soci::use(m.full_name), soci::use(m.position), soci::use(agency, iag), soci::use(lead), soci::into(mid);
      kept.insert(mid);
    }
  }
  if (update) {
    std::vector<long long> all;
    long long mid = 0;
    soci::statement st = (s.prepare << "SELECT id FROM inspection_team_members WHERE team_id = :t AND active = 1", soci::into(mid),
                          soci::use(id));
    st.execute();
    while (st.fetch()) all.push_back(mid);
    for (long long x : all)
      if (!kept.count(x)) s << "UPDATE inspection_team_members SET active = 0 WHERE id = :i", soci::use(x);
  }
}
json team_audit(const TeamInput& in) {
  return {{"name", in.name}, {"orgUnitId", in.org_unit_id}, {"decisionRef", in.decision_ref}, {"active", in.active},
          {"agencyIds", in.agency_ids}, {"members", static_cast<long long>(in.members.size())}};
}
}  // namespace

long long create_team(soci::session& s, const TeamInput& in, const Actor& actor) {
  check_team_refs(s, in);
  const std::string now = now_iso_utc();
  long long by = actor.user_id, lead = in.lead_agency_id, active = in.active ? 1 : 0;
  soci::indicator iby = ind(by != 0), ilead = ind(lead != 0);
  long long id = 0;
  s << "INSERT INTO inspection_teams(org_unit_id, name, lead_agency_id, decision_ref, active, version, created_by, created_at, "
       "updated_by, updated_at) VALUES(:u, :n, :l, :d, :a, 1, :cb, :ca, :ub, :ua) RETURNING id",
      soci::use(in.org_unit_id), soci::use(in.name), soci::use(lead, ilead), soci::use(in.decision_ref), soci::use(active),
      soci::use(by, iby), soci::use(now), soci::use(by, iby), soci::use(now), soci::into(id);
  write_team_children(s, id, in, false);
  record_audit(s, actor, {"create", "inspection_team", std::to_string(id), in.org_unit_id, std::nullopt, team_audit(in)});
  return id;
}

void update_team(soci::session& s, long long id, long long version, const TeamInput& in, const Actor& actor) {
  long long cur_version = 0, unit = 0;
  std::string cur_name;
  s << "SELECT version, org_unit_id, name FROM inspection_teams WHERE id = :i", soci::use(id), soci::into(cur_version), soci::into(unit),
      soci::into(cur_name);
  if (!s.got_data()) throw Error::NotFound("đội kiểm tra", "Inspection team");
  if (cur_version != version) throw Error::Conflict();
  check_team_refs(s, in);
  const std::string now = now_iso_utc();
  long long by = actor.user_id, lead = in.lead_agency_id, active = in.active ? 1 : 0;
  soci::indicator iby = ind(by != 0), ilead = ind(lead != 0);
  soci::statement st = (s.prepare << "UPDATE inspection_teams SET org_unit_id = :u, name = :n, lead_agency_id = :l, decision_ref = :d, "
                                     "active = :a, version = version + 1, updated_by = :ub, updated_at = :ua WHERE id = :i AND version = :v",
                        soci::use(in.org_unit_id), soci::use(in.name), soci::use(lead, ilead), soci::use(in.decision_ref),
                        soci::use(active), soci::use(by, iby), soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  write_team_children(s, id, in, true);
  record_audit(s, actor, {"update", "inspection_team", std::to_string(id), in.org_unit_id, json{{"name", cur_name}, {"orgUnitId", unit}},
                          team_audit(in)});
}

// ===================== plans =====================

std::optional<long long> inspection_plan_unit(soci::session& s, long long id) {
  long long u = 0;
  s << "SELECT org_unit_id FROM inspection_plans WHERE id = :i", soci::use(id), soci::into(u);
  return s.got_data() ? std::optional(u) : std::nullopt;
}

namespace {
struct PlanRow {
  long long id = 0, team_id = 0, unit = 0, year = 0, version = 0;
  std::string team_name, title, legal_basis, mode, status, note;
  std::optional<Date> legal_basis_date;
  std::optional<long long> coverage, unannounced;
};
std::optional<PlanRow> get_plan(soci::session& s, long long id) {
  PlanRow p;
  std::string lbd;
  long long cov = 0, un = 0;
  soci::indicator ilbd, icov, iun;
  s << "SELECT p.id, p.team_id, t.name, p.org_unit_id, p.year, p.title, p.legal_basis, p.legal_basis_date, p.coverage_target_pct, "
       "p.unannounced_target, p.mode, p.status, p.note, p.version FROM inspection_plans p JOIN inspection_teams t ON t.id = p.team_id "
       "WHERE p.id = :i",
      soci::use(id), soci::into(p.id), soci::into(p.team_id), soci::into(p.team_name), soci::into(p.unit), soci::into(p.year),
      soci::into(p.title), soci::into(p.legal_basis), soci::into(lbd, ilbd), soci::into(cov, icov), soci::into(un, iun),
      soci::into(p.mode), soci::into(p.status), soci::into(p.note), soci::into(p.version);
  if (!s.got_data()) return std::nullopt;
  p.legal_basis_date = date_of(lbd, ilbd);
  p.coverage = opt_of(cov, icov);
  p.unannounced = opt_of(un, iun);
  return p;
}
std::vector<std::string> plan_types(soci::session& s, long long id) {
  std::vector<std::string> out;
  std::string t;
  soci::statement st = (s.prepare << "SELECT type_code FROM inspection_plan_types WHERE plan_id = :p ORDER BY type_code", soci::into(t),
                        soci::use(id));
  st.execute();
  while (st.fetch()) out.push_back(t);
  return out;
}
std::vector<long long> plan_businesses(soci::session& s, long long id) {
  std::vector<long long> out;
  long long b = 0;
  soci::statement st = (s.prepare << "SELECT business_id FROM inspection_plan_businesses WHERE plan_id = :p ORDER BY business_id",
                        soci::into(b), soci::use(id));
  st.execute();
  while (st.fetch()) out.push_back(b);
  return out;
}
json plan_progress(soci::session& s, const Hierarchy& h, const PlanRow& p, const std::vector<std::string>& types,
                   const std::vector<long long>& named) {
  std::set<long long> in_scope(named.begin(), named.end());
  {
    const Scope sc = h.scope_of(p.unit);
    Query q("SELECT id, type_code FROM businesses WHERE status = 'operating'");
    if (!sc.all()) and_in(s, q, "commune_unit_id", sc.ids());
    long long id = 0;
    std::string type;
    soci::statement st = q.prepare(s, soci::into(id), soci::into(type));
    st.execute();
    while (st.fetch())
      if (types.empty() || std::find(types.begin(), types.end(), type) != types.end()) in_scope.insert(id);
  }
  std::set<long long> inspected;
  {
    long long b = 0;
    const std::string from = year_from(static_cast<int>(p.year)), to = year_to(static_cast<int>(p.year));
    soci::statement st = (s.prepare << "SELECT DISTINCT business_id FROM inspections WHERE status = 'final' AND inspected_on >= :f "
                                       "AND inspected_on <= :t",
                          soci::into(b), soci::use(from), soci::use(to));
    st.execute();
    while (st.fetch())
      if (in_scope.count(b)) inspected.insert(b);
  }
  long long n = 0, un = 0;
  s << "SELECT COUNT(*), COALESCE(SUM(unannounced), 0) FROM inspections WHERE plan_id = :p AND status = 'final'", soci::use(p.id),
      soci::into(n), soci::into(un);
  const auto pct = insp::coverage_pct(static_cast<long long>(inspected.size()), static_cast<long long>(in_scope.size()));
  return {{"businessesInScope", static_cast<long long>(in_scope.size())},
          {"businessesInspected", static_cast<long long>(inspected.size())},
          {"coveragePct", pct ? json(*pct) : json(nullptr)},
          {"inspections", n},
          {"unannounced", un}};
}
}  // namespace

json inspection_plan_json(soci::session& s, const Hierarchy& h, long long id) {
  auto p = get_plan(s, id);
  if (!p) throw Error::NotFound("kế hoạch kiểm tra", "Inspection plan");
  const OrgUnit* u = h.by_id(p->unit);
  const auto types = plan_types(s, id);
  const auto named = plan_businesses(s, id);
  return {{"id", p->id},
          {"team", {{"id", p->team_id}, {"name", p->team_name}}},
          {"orgUnit", u ? org_unit_ref(*u) : json(nullptr)},
          {"year", p->year},
          {"title", p->title},
          {"legalBasis", p->legal_basis},
          {"legalBasisDate", opt_json(p->legal_basis_date)},
          {"coverageTargetPct", opt_json(p->coverage)},
          {"unannouncedTarget", opt_json(p->unannounced)},
          {"mode", p->mode},
          {"status", p->status},
          {"note", p->note},
          {"typeCodes", types},
          {"businessIds", named},
          {"version", p->version},
          {"progress", plan_progress(s, h, *p, types, named)}};
}

json list_inspection_plans(soci::session& s, const Hierarchy& h, const InspectionPlanFilter& f) {
  Query q("SELECT id FROM inspection_plans WHERE 1=1");
  if (f.units) and_in(s, q, "org_unit_id", *f.units);
  if (f.year) q.and_where("year = ?", static_cast<long long>(*f.year));
  if (!f.status.empty()) q.and_where("status = ?", f.status);
  q.append(" ORDER BY year DESC, title, id");
  std::vector<long long> ids;
  long long id = 0;
  soci::statement st = q.prepare(s, soci::into(id));
  st.execute();
  while (st.fetch()) ids.push_back(id);
  json items = json::array();
  for (long long i : ids) items.push_back(inspection_plan_json(s, h, i));
  return {{"items", items}};
}

namespace {
void check_plan(soci::session& s, const InspectionPlanInput& in) {
  insp::validate_plan(in.f, Date::today_vn());
  if (in.type_codes.size() > 20) throw Error::Validation("typeCodes", "Quá nhiều loại hình", "Too many types");
  for (const auto& t : in.type_codes) {
    long long n = 0;
    s << "SELECT COUNT(*) FROM business_types WHERE code = :c", soci::use(t), soci::into(n);
    if (!n) throw Error::Validation("typeCodes", "Loại hình kinh doanh không có trong danh mục: " + t, "Unknown business type: " + t);
  }
  if (in.business_ids.size() > insp::kBusinessesMax) throw Error::Validation("businessIds", "Quá nhiều cơ sở", "Too many businesses");
}
void write_plan_children(soci::session& s, long long id, const InspectionPlanInput& in) {
  s << "DELETE FROM inspection_plan_types WHERE plan_id = :p", soci::use(id);
  s << "DELETE FROM inspection_plan_businesses WHERE plan_id = :p", soci::use(id);
  std::set<std::string> types(in.type_codes.begin(), in.type_codes.end());
  for (const auto& t : types) s << "INSERT INTO inspection_plan_types(plan_id, type_code) VALUES(:p, :t)", soci::use(id), soci::use(t);
  std::set<long long> named(in.business_ids.begin(), in.business_ids.end());
  for (long long b : named)
    s << "INSERT INTO inspection_plan_businesses(plan_id, business_id) VALUES(:p, :b)", soci::use(id), soci::use(b);
}
json plan_audit(const InspectionPlanInput& in, const std::string& status) {
  return {{"title", in.f.title}, {"teamId", in.team_id}, {"year", in.f.year}, {"legalBasis", in.f.legal_basis},
          {"mode", in.f.mode}, {"status", status}, {"coverageTargetPct", opt_json(in.f.coverage_target_pct)},
          {"typeCodes", in.type_codes}, {"businessIds", in.business_ids}};
}
struct PlanBound {
  std::string lbd;
  soci::indicator ilbd;
  long long cov, un;
  soci::indicator icov, iun;
  long long year;
  explicit PlanBound(const insp::PlanFields& f)
      : lbd(f.legal_basis_date ? f.legal_basis_date->iso() : ""), ilbd(ind(f.legal_basis_date.has_value())),
        cov(f.coverage_target_pct.value_or(0)), un(f.unannounced_target.value_or(0)), icov(ind(f.coverage_target_pct.has_value())),
        iun(ind(f.unannounced_target.has_value())), year(f.year) {}
};
}  // namespace

long long create_inspection_plan(soci::session& s, const InspectionPlanInput& in, const Actor& actor) {
  check_plan(s, in);
  PlanBound b(in.f);
  const std::string now = now_iso_utc();
  long long by = actor.user_id;
  soci::indicator iby = ind(by != 0);
  long long id = 0;
  s << "INSERT INTO inspection_plans(team_id, org_unit_id, year, title, legal_basis, legal_basis_date, coverage_target_pct, "
       "unannounced_target, mode, status, note, version, created_by, created_at, updated_by, updated_at) VALUES(:t, :u, :y, :ti, :lb, "
       ":lbd, :c, :un, :m, 'draft', :n, 1, :cb, :ca, :ub, :ua) RETURNING id",
      soci::use(in.team_id), soci::use(in.org_unit_id), soci::use(b.year), soci::use(in.f.title), soci::use(in.f.legal_basis),
      soci::use(b.lbd, b.ilbd), soci::use(b.cov, b.icov), soci::use(b.un, b.iun), soci::use(in.f.mode), soci::use(in.f.note),
      soci::use(by, iby), soci::use(now), soci::use(by, iby), soci::use(now), soci::into(id);
  write_plan_children(s, id, in);
  record_audit(s, actor, {"create", "inspection_plan", std::to_string(id), in.org_unit_id, std::nullopt, plan_audit(in, "draft")});
  return id;
}

void update_inspection_plan(soci::session& s, long long id, long long version, const InspectionPlanInput& in, const Actor& actor) {
  auto cur = get_plan(s, id);
  if (!cur) throw Error::NotFound("kế hoạch kiểm tra", "Inspection plan");
  if (cur->version != version) throw Error::Conflict();
  if (cur->status == "closed")
    throw Error(409, "plan_closed", "Kế hoạch đã kết thúc, không sửa được", "The plan is closed and cannot be changed");
  check_plan(s, in);
  PlanBound b(in.f);
  const std::string now = now_iso_utc();
  long long by = actor.user_id;
  soci::indicator iby = ind(by != 0);
  soci::statement st =
      (s.prepare << "UPDATE inspection_plans SET team_id = :t, org_unit_id = :u, year = :y, title = :ti, legal_basis = :lb, "
                    "legal_basis_date = :lbd, coverage_target_pct = :c, unannounced_target = :un, mode = :m, note = :n, "
                    "version = version + 1, updated_by = :ub, updated_at = :ua WHERE id = :i AND version = :v",
       soci::use(in.team_id), soci::use(in.org_unit_id), soci::use(b.year), soci::use(in.f.title), soci::use(in.f.legal_basis),
       soci::use(b.lbd, b.ilbd), soci::use(b.cov, b.icov), soci::use(b.un, b.iun), soci::use(in.f.mode), soci::use(in.f.note),
       soci::use(by, iby), soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  write_plan_children(s, id, in);
  record_audit(s, actor, {"update", "inspection_plan", std::to_string(id), in.org_unit_id,
                          json{{"title", cur->title}, {"status", cur->status}}, plan_audit(in, cur->status)});
}

void change_inspection_plan_status(soci::session& s, long long id, long long version, const std::string& status, const Actor& actor) {
  auto cur = get_plan(s, id);
  if (!cur) throw Error::NotFound("kế hoạch kiểm tra", "Inspection plan");
  if (cur->version != version) throw Error::Conflict();
  insp::require_plan_transition(cur->status, status);
  const std::string now = now_iso_utc();
  long long by = actor.user_id;
  soci::indicator iby = ind(by != 0);
  soci::statement st = (s.prepare << "UPDATE inspection_plans SET status = :s, version = version + 1, updated_by = :ub, updated_at = :ua "
                                     "WHERE id = :i AND version = :v",
                        soci::use(status), soci::use(by, iby), soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  record_audit(s, actor, {"update", "inspection_plan", std::to_string(id), cur->unit,
                          json{{"title", cur->title}, {"status", cur->status}}, json{{"title", cur->title}, {"status", status}}});
}

// ===================== inspections =====================

std::optional<InspectionHead> get_inspection_head(soci::session& s, long long id) {
  InspectionHead x;
  s << "SELECT id, code, business_id, commune_unit_id, team_id, status, version FROM inspections WHERE id = :i", soci::use(id),
      soci::into(x.id), soci::into(x.code), soci::into(x.business_id), soci::into(x.commune_unit_id), soci::into(x.team_id),
      soci::into(x.status), soci::into(x.version);
  if (!s.got_data()) return std::nullopt;
  return x;
}

namespace {
// The latest final inspection of the same business after this one (or re-inspecting it).
std::optional<Date> latest_final_after(soci::session& s, long long id) {
  std::string d;
  soci::indicator i = soci::i_null;
  s << "SELECT MAX(j.inspected_on) FROM inspections i JOIN inspections j ON j.business_id = i.business_id AND j.id <> i.id "
       "AND j.status = 'final' AND (j.inspected_on > i.inspected_on OR j.reinspection_of = i.id) WHERE i.id = :i",
      soci::use(id), soci::into(d, i);
  return date_of(d, i);
}
constexpr const char* kNotReinspected =
    " AND NOT EXISTS (SELECT 1 FROM inspections j WHERE j.business_id = i.business_id AND j.id <> i.id AND j.status = 'final' "
    "AND (j.inspected_on > i.inspected_on OR j.reinspection_of = i.id))";
}  // namespace

json inspection_json(soci::session& s, const Hierarchy& h, long long id) {
  long long plan = 0, team = 0, business = 0, unit = 0, unannounced = 0, cl = 0, fine_total = 0, susp = 0, susp_days = 0, cert = 0,
            police = 0, reof = 0, informed = 0, health = 0, referred = 0, version = 0;
  soci::indicator iplan, icl, isd, ireof, iended, idue, ifin;
  std::string code, as_of, on, started, ended, rep_name, rep_role, findings, other, police_note, signature, reason, witness, due, status,
      finalised, created, updated;
  {
    soci::statement st(s);
    st.exchange(soci::into(code));
    st.exchange(soci::into(plan, iplan));
    st.exchange(soci::into(team));
    st.exchange(soci::into(business));
    st.exchange(soci::into(unit));
    st.exchange(soci::into(as_of));
    st.exchange(soci::into(on));
    st.exchange(soci::into(started));
    st.exchange(soci::into(ended, iended));
    st.exchange(soci::into(unannounced));
    st.exchange(soci::into(rep_name));
    st.exchange(soci::into(rep_role));
    st.exchange(soci::into(cl, icl));
    st.exchange(soci::into(findings));
    st.exchange(soci::into(fine_total));
    st.exchange(soci::into(susp));
    st.exchange(soci::into(susp_days, isd));
    st.exchange(soci::into(cert));
    st.exchange(soci::into(other));
    st.exchange(soci::into(police));
    st.exchange(soci::into(police_note));
    st.exchange(soci::into(signature));
    st.exchange(soci::into(reason));
    st.exchange(soci::into(witness));
    st.exchange(soci::into(due, idue));
    st.exchange(soci::into(reof, ireof));
    st.exchange(soci::into(informed));
    st.exchange(soci::into(health));
    st.exchange(soci::into(referred));
    st.exchange(soci::into(status));
    st.exchange(soci::into(finalised, ifin));
    st.exchange(soci::into(version));
    st.exchange(soci::into(created));
    st.exchange(soci::into(updated));
    st.exchange(soci::use(id));
    st.alloc();
    st.prepare(
        "SELECT code, plan_id, team_id, business_id, commune_unit_id, commune_as_of, inspected_on, started_at, ended_at, unannounced, "
        "representative_name, representative_role, checklist_version_id, findings, fine_total, measure_suspension, "
        "measure_suspension_days, measure_cert_withdrawal, measure_other, police_handover, police_handover_note, signature, "
        "refusal_reason, refusal_witness, reinspection_due, reinspection_of, outreach_informed, outreach_health_checked, "
        "outreach_referred, status, finalised_at, version, created_at, updated_at FROM inspections WHERE id = :i");
    st.define_and_bind();
    st.execute();
    if (!st.fetch()) throw Error::NotFound("biên bản kiểm tra", "Inspection");
  }
  json plan_ref = nullptr;
  if (iplan == soci::i_ok) {
    std::string title;
    s << "SELECT title FROM inspection_plans WHERE id = :i", soci::use(plan), soci::into(title);
    plan_ref = {{"id", plan}, {"title", title}};
  }
  std::string team_name;
  s << "SELECT name FROM inspection_teams WHERE id = :i", soci::use(team), soci::into(team_name);
  std::string bname, btype, baddr;
  s << "SELECT name, type_code, address FROM businesses WHERE id = :i", soci::use(business), soci::into(bname), soci::into(btype),
      soci::into(baddr);
  const OrgUnit* u = h.by_id(unit);
  json members = json::array();
  {
    long long mid = 0;
    soci::indicator imid;
    std::string full, position, agency;
    soci::statement st = (s.prepare << "SELECT member_id, full_name, position, agency_name FROM inspection_members_present "
                                       "WHERE inspection_id = :i ORDER BY seq",
                          soci::into(mid, imid), soci::into(full), soci::into(position), soci::into(agency), soci::use(id));
    st.execute();
    while (st.fetch())
      members.push_back({{"memberId", imid == soci::i_ok ? json(mid) : json(nullptr)}, {"fullName", full}, {"position", position},
                         {"agencyName", agency}});
  }
  json checklist = nullptr;
  if (icl == soci::i_ok) {
    json v = checklist_version_json(s, cl, true);
    std::map<long long, std::pair<std::string, std::string>> answers;
    long long item = 0;
    std::string result, note;
    soci::statement st = (s.prepare << "SELECT item_id, result, note FROM inspection_checklist_answers WHERE inspection_id = :i",
                          soci::into(item), soci::into(result), soci::into(note), soci::use(id));
    st.execute();
    while (st.fetch()) answers[item] = {result, note};
    json items = json::array();
    for (const auto& it : v["items"]) {
      const long long iid = it["id"].get<long long>();
      auto a = answers.find(iid);
      items.push_back({{"itemId", iid}, {"itemKey", it["itemKey"]}, {"textVi", it["textVi"]}, {"textEn", it["textEn"]},
                       {"topic", it["topic"]},
                       {"result", a == answers.end() ? json(nullptr) : json(a->second.first)},
                       {"note", a == answers.end() ? std::string() : a->second.second}});
    }
    checklist = {{"versionId", cl}, {"version", v["version"]}, {"typeCode", v["typeCode"]}, {"items", items}};
  }
  json violations = json::array();
  {
    long long vid = 0, ref = 0, fine = 0;
    std::string topic, desc, decision;
    std::vector<std::tuple<long long, std::string, long long, std::string, long long, std::string>> rows;
    soci::statement st = (s.prepare << "SELECT id, topic, legal_reference_id, description, fine_amount, sanction_decision "
                                       "FROM inspection_violations WHERE inspection_id = :i ORDER BY seq",
                          soci::into(vid), soci::into(topic), soci::into(ref), soci::into(desc), soci::into(fine), soci::into(decision),
                          soci::use(id));
    st.execute();
    while (st.fetch()) rows.emplace_back(vid, topic, ref, desc, fine, decision);
    for (auto& [a, b, c, d, e, f] : rows) {
      auto lr = get_legal_ref(s, c);
      violations.push_back({{"id", a}, {"topic", b}, {"legalReference", lr ? legal_ref_json(*lr) : json(nullptr)}, {"description", d},
                            {"fineAmount", e}, {"sanctionDecision", f}});
    }
  }
  json evidence = json::array();
  {
    long long aid = 0, size = 0;
    std::string fname, ctype;
    soci::statement st = (s.prepare << "SELECT id, filename, content_type, size_bytes FROM attachments WHERE owner_kind = 'inspection' "
                                       "AND owner_id = :i ORDER BY id",
                          soci::into(aid), soci::into(fname), soci::into(ctype), soci::into(size), soci::use(id));
    st.execute();
    while (st.fetch()) evidence.push_back({{"id", aid}, {"filename", fname}, {"contentType", ctype}, {"sizeBytes", size}});
  }
  const auto due_d = date_of(due, idue);
  return {{"id", id},
          {"code", code},
          {"plan", plan_ref},
          {"team", {{"id", team}, {"name", team_name}}},
          {"business", {{"id", business}, {"name", bname}, {"typeCode", btype}, {"address", baddr}}},
          {"commune", {{"orgUnit", u ? org_unit_ref(*u) : json(nullptr)}, {"asOf", as_of}}},
          {"inspectedOn", on},
          {"startedAt", started},
          {"endedAt", iended == soci::i_ok && !ended.empty() ? json(ended) : json(nullptr)},
          {"unannounced", unannounced != 0},
          {"representativeName", rep_name},
          {"representativeRole", rep_role},
          {"membersPresent", members},
          {"checklist", checklist},
          {"findings", findings},
          {"violations", violations},
          {"fineTotal", fine_total},
          {"measures", {{"suspension", susp != 0}, {"suspensionDays", opt_json(opt_of(susp_days, isd))}, {"certWithdrawal", cert != 0},
                        {"other", other}}},
          {"policeHandover", police != 0},
          {"policeHandoverNote", police_note},
          {"signature", signature},
          {"refusalReason", reason},
          {"refusalWitness", witness},
          {"reinspectionDue", opt_json(due_d)},
          {"reinspectionOf", opt_json(opt_of(reof, ireof))},
          {"reinspectionOverdue", insp::reinspection_overdue(due_d, Date::today_vn(), due_d ? latest_final_after(s, id) : std::nullopt)},
          {"outreach", {{"informed", informed}, {"healthChecked", health}, {"referred", referred}}},
          {"evidence", evidence},
          {"status", status},
          {"finalisedAt", ifin == soci::i_ok ? json(finalised) : json(nullptr)},
          {"version", version},
          {"createdAt", created},
          {"updatedAt", updated}};
}

json list_inspections(soci::session& s, const Hierarchy& h, const InspectionFilter& f) {
  const std::string today = Date::today_vn().iso();
  auto filtered = [&](const std::string& select) {
    Query q(select + " FROM inspections i JOIN businesses b ON b.id = i.business_id WHERE 1=1");
    if (f.units) and_in(s, q, "i.commune_unit_id", *f.units);
    if (f.year) {
      q.and_where("i.inspected_on >= ?", year_from(*f.year));
      q.and_where("i.inspected_on <= ?", year_to(*f.year));
    }
    if (f.plan_id) q.and_where("i.plan_id = ?", *f.plan_id);
    if (f.business_id) q.and_where("i.business_id = ?", *f.business_id);
    if (!f.status.empty()) q.and_where("i.status = ?", f.status);
    if (!f.q.empty()) q.and_contains("b.name_folded", fold_for_search(f.q));
    if (f.overdue) {
      q.and_where("i.reinspection_due < ?", today);
      q.append(kNotReinspected);
    }
    if (f.due_until) {
      q.and_where("i.reinspection_due <= ?", f.due_until->iso());
      q.append(kNotReinspected);
    }
    return q;
  };
  const std::string order = f.due_until ? " ORDER BY i.reinspection_due, i.id" : " ORDER BY i.inspected_on DESC, i.id DESC";
  auto [ids, total] = page_of_ids(s, filtered, "i.id", order, f.page, f.page_size);
  json items = json::array();
  for (long long id : ids) {
    long long business = 0, unit = 0, un = 0, fine = 0, nviol = 0, plan = 0;
    soci::indicator idue, iplan;
    std::string code, bname, btype, as_of, on, status, due, ptitle;
    soci::indicator ipt;
    s << "SELECT i.code, i.business_id, b.name, b.type_code, i.commune_unit_id, i.commune_as_of, i.inspected_on, i.unannounced, "
         "i.fine_total, i.status, i.reinspection_due, i.plan_id, p.title, (SELECT COUNT(*) FROM inspection_violations v WHERE "
         "v.inspection_id = i.id) FROM inspections i JOIN businesses b ON b.id = i.business_id LEFT JOIN inspection_plans p ON "
         "p.id = i.plan_id WHERE i.id = :i",
        soci::use(id), soci::into(code), soci::into(business), soci::into(bname), soci::into(btype), soci::into(unit),
        soci::into(as_of), soci::into(on), soci::into(un), soci::into(fine), soci::into(status), soci::into(due, idue),
        soci::into(plan, iplan), soci::into(ptitle, ipt), soci::into(nviol);
    const OrgUnit* u = h.by_id(unit);
    const auto due_d = date_of(due, idue);
    items.push_back({{"id", id},
                     {"code", code},
                     {"business", {{"id", business}, {"name", bname}, {"typeCode", btype}}},
                     {"commune", {{"orgUnit", u ? org_unit_ref(*u) : json(nullptr)}, {"asOf", as_of}}},
                     {"plan", iplan == soci::i_ok ? json{{"id", plan}, {"title", ptitle}} : json(nullptr)},
                     {"inspectedOn", on},
                     {"unannounced", un != 0},
                     {"violations", nviol},
                     {"fineTotal", fine},
                     {"status", status},
                     {"reinspectionDue", opt_json(due_d)},
                     {"reinspectionOverdue",
                      insp::reinspection_overdue(due_d, Date::today_vn(), due_d ? latest_final_after(s, id) : std::nullopt)}});
  }
  return {{"items", items}, {"total", total}, {"page", f.page}, {"pageSize", f.page_size}};
}

namespace {
struct Resolved {
  long long checklist_version_id = 0;
  std::vector<long long> refs;  // per violation
  long long commune_unit_id = 0;
  std::string commune_as_of, business_name;
};

// Everything an inspection refers to, checked: business, team, plan, re-inspected record, topics
// and legal references in force on the day, checklist items of the version, members of the team.
Resolved resolve_refs(soci::session& s, const InspectionInput& in, long long checklist_version_id, json& warnings) {
  const auto& f = in.f;
  insp::validate_inspection(f, Date::today_vn());
  Resolved r;
  std::string type;
  s << "SELECT name, type_code, commune_unit_id, commune_as_of FROM businesses WHERE id = :i", soci::use(in.business_id),
      soci::into(r.business_name), soci::into(type), soci::into(r.commune_unit_id), soci::into(r.commune_as_of);
  if (!s.got_data()) throw Error::Validation("businessId", "Cơ sở kinh doanh không tồn tại", "Unknown business");
  if (!team_unit(s, in.team_id)) throw Error::Validation("teamId", "Đội kiểm tra không tồn tại", "Unknown inspection team");
  if (in.plan_id && !inspection_plan_unit(s, in.plan_id)) throw Error::Validation("planId", "Kế hoạch không tồn tại", "Unknown plan");
  if (in.reinspection_of) {
    auto head = get_inspection_head(s, in.reinspection_of);
    if (!head || head->business_id != in.business_id)
      throw Error::Validation("reinspectionOf", "Biên bản được kiểm tra lại phải là của cùng cơ sở", "The re-inspected record must be of the same business");
  }
  const Date on = *f.inspected_on;
  // the checklist: the stored version, or the one in force for the type on the day
  if (checklist_version_id) {
    r.checklist_version_id = checklist_version_id;
  } else {
    std::vector<insp::ChecklistVersionRef> refs;
    for (auto& v : load_checklist_versions(s, type, true)) refs.push_back(v.ref);
    if (const auto* v = insp::checklist_in_force(refs, type, on)) r.checklist_version_id = v->id;
  }
  std::map<long long, std::string> item_topic;
  if (r.checklist_version_id) {
    long long iid = 0;
    std::string topic;
    soci::indicator it;
    soci::statement st = (s.prepare << "SELECT id, topic FROM checklist_items WHERE checklist_version_id = :v", soci::into(iid),
                          soci::into(topic, it), soci::use(r.checklist_version_id));
    st.execute();
    while (st.fetch()) item_topic[iid] = it == soci::i_ok ? topic : "";
  }
  std::set<long long> answered;
  for (size_t i = 0; i < in.answers.size(); ++i) {
    if (!item_topic.count(in.answers[i].item_id))
      throw Error::Validation("checklist[" + std::to_string(i) + "].itemId", "Mục kiểm tra không thuộc danh mục của biên bản",
                              "The item is not of the record's checklist");
    if (!answered.insert(in.answers[i].item_id).second)
      throw Error::Validation("checklist[" + std::to_string(i) + "].itemId", "Mục kiểm tra lặp lại", "Repeated checklist item");
  }
  std::set<std::string> violated;
  for (size_t i = 0; i < in.violations.size(); ++i) {
    const auto& v = in.violations[i];
    const std::string p = "violations[" + std::to_string(i) + "]";
    if (!violation_topic_exists(s, v.f.topic))
      throw Error::Validation(p + ".topic", "Loại vi phạm không có trong danh mục: " + v.f.topic, "Unknown violation kind: " + v.f.topic);
    LegalRefRow ref;
    if (v.legal_reference_id) {
      auto got = get_legal_ref(s, v.legal_reference_id);
      if (!got || got->ref.topic != v.f.topic)
        throw Error::Validation(p + ".legalReferenceId", "Căn cứ xử phạt không đúng loại vi phạm", "The legal reference is not of this kind");
      if (!got->ref.in_force(on))
        throw Error(400, "legal_reference_not_in_force",
                    "Căn cứ " + got->ref.code + " không có hiệu lực ngày " + on.vn(),
                    "Legal reference " + got->ref.code + " is not in force on " + on.iso(), p + ".legalReferenceId");
      ref = *got;
    } else {
      std::vector<insp::LegalRef> rows;
      for (auto& x : load_legal_refs(s, v.f.topic)) rows.push_back(x.ref);
      try {
        ref.ref = insp::resolve(rows, v.f.topic, on);
      } catch (const Error& e) {
        throw Error(400, "no_legal_reference", e.message_vi(), e.message_en(), p + ".topic");
      }
    }
    r.refs.push_back(ref.ref.id);
    violated.insert(v.f.topic);
    if (insp::fine_outside_range(v.f.fine_amount, ref.ref))
      warnings.push_back({{"field", p + ".fineAmount"},
                          {"message", "Số tiền phạt ngoài khung của " + ref.ref.code},
                          {"messageEn", "The fine is outside the range of " + ref.ref.code}});
  }
  for (size_t i = 0; i < in.answers.size(); ++i) {
    const auto& topic = item_topic[in.answers[i].item_id];
    if (in.answers[i].result == "fail" && !topic.empty() && !violated.count(topic))
      warnings.push_back({{"field", "checklist[" + std::to_string(i) + "].result"},
                          {"message", "Mục không đạt nhưng chưa ghi vi phạm loại " + topic},
                          {"messageEn", "A failed item without a violation of kind " + topic}});
  }
  for (size_t i = 0; i < in.members.size(); ++i) {
    const auto& m = in.members[i];
    if (m.member_id &&
        !exists(s, "SELECT COUNT(*) FROM inspection_team_members WHERE id = :i AND team_id = " + std::to_string(in.team_id), m.member_id))
      throw Error::Validation("membersPresent[" + std::to_string(i) + "].memberId", "Thành viên không thuộc đội kiểm tra",
                              "The member is not of the team");
  }
  return r;
}

void write_children(soci::session& s, long long id, const InspectionInput& in, const Resolved& r) {
  s << "DELETE FROM inspection_members_present WHERE inspection_id = :i", soci::use(id);
  s << "DELETE FROM inspection_checklist_answers WHERE inspection_id = :i", soci::use(id);
  s << "DELETE FROM inspection_violations WHERE inspection_id = :i", soci::use(id);
  long long seq = 0;
  for (const auto& m : in.members) {
    ++seq;
    long long mid = m.member_id;
    soci::indicator imid = ind(mid != 0);
    s << "INSERT INTO inspection_members_present(inspection_id, seq, member_id, full_name, position, agency_name) VALUES(:i, :s, :m, "
         ":n, :p, :a)",
        soci::use(id), soci::use(seq), soci::use(mid, imid), soci::use(m.full_name), soci::use(m.position), soci::use(m.agency_name);
  }
  for (const auto& a : in.answers)
    s << "INSERT INTO inspection_checklist_answers(inspection_id, item_id, result, note) VALUES(:i, :it, :r, :n)", soci::use(id),
        soci::use(a.item_id), soci::use(a.result), soci::use(a.note);
  seq = 0;
  for (size_t i = 0; i < in.violations.size(); ++i) {
    ++seq;
    const auto& v = in.violations[i];
    long long ref = r.refs[i], fine = v.f.fine_amount;
    s << "INSERT INTO inspection_violations(inspection_id, seq, topic, legal_reference_id, description, fine_amount, sanction_decision) "
         "VALUES(:i, :s, :t, :r, :d, :f, :sd)",
        soci::use(id), soci::use(seq), soci::use(v.f.topic), soci::use(ref), soci::use(v.f.description), soci::use(fine),
        soci::use(v.f.sanction_decision);
  }
}

long long fine_total_of(const InspectionInput& in) {
  long long t = 0;
  for (const auto& v : in.violations) t += v.f.fine_amount;
  return t;
}

json inspection_audit(const std::string& code, const InspectionInput& in, const Resolved& r, const std::string& status) {
  return {{"code", code}, {"business", r.business_name}, {"businessId", in.business_id}, {"inspectedOn", in.f.inspected_on->iso()},
          {"violations", static_cast<long long>(in.violations.size())}, {"fineTotal", fine_total_of(in)}, {"signature", in.f.signature},
          {"status", status}};
}

// The bound values of the record's own columns.
struct Cols {
  std::string on, started, ended, due;
  soci::indicator iended, idue, isd, iplan, ireof;
  long long plan, reof, unannounced, susp, susp_days, cert, police, fine;
  explicit Cols(const InspectionInput& in)
      : on(in.f.inspected_on->iso()), started(in.f.started_at), ended(in.f.ended_at),
        due(in.f.reinspection_due ? in.f.reinspection_due->iso() : ""), iended(ind(!in.f.ended_at.empty())),
        idue(ind(in.f.reinspection_due.has_value())), isd(ind(in.f.suspension_days.has_value())), iplan(ind(in.plan_id != 0)),
        ireof(ind(in.reinspection_of != 0)), plan(in.plan_id), reof(in.reinspection_of), unannounced(in.unannounced ? 1 : 0),
        susp(in.suspension ? 1 : 0), susp_days(in.f.suspension_days.value_or(0)), cert(in.cert_withdrawal ? 1 : 0),
        police(in.police_handover ? 1 : 0), fine(fine_total_of(in)) {}
};
}  // namespace

long long create_inspection(soci::session& s, const Hierarchy&, const InspectionInput& in, const Actor& actor, json& warnings) {
  bump_inspection_facts_revision(s);  // the figures' fact store reloads after this write
  if (!in.f.inspected_on) insp::validate_inspection(in.f, Date::today_vn());
  Resolved r = resolve_refs(s, in, 0, warnings);
  Cols c(in);
  const auto& f = in.f;
  const std::string now = now_iso_utc(), tmp = "tmp-" + now + "-" + std::to_string(actor.user_id) + "-" + std::to_string(in.business_id);
  long long by = actor.user_id, cl = r.checklist_version_id;
  soci::indicator iby = ind(by != 0), icl = ind(cl != 0);
  long long id = 0;
  s << "INSERT INTO inspections(code, plan_id, team_id, business_id, commune_unit_id, commune_as_of, inspected_on, started_at, ended_at, "
       "unannounced, representative_name, representative_role, checklist_version_id, findings, fine_total, measure_suspension, "
       "measure_suspension_days, measure_cert_withdrawal, measure_other, police_handover, police_handover_note, signature, "
       "refusal_reason, refusal_witness, reinspection_due, reinspection_of, outreach_informed, outreach_health_checked, "
       "outreach_referred, status, version, created_by, created_at, updated_by, updated_at) VALUES(:code, :plan, :team, :b, :u, :asof, "
       ":ondate, :st, :en, :un, :rn, :rr, :cl, :fi, :ft, :su, :sd, :ce, :mo, :po, :pn, :sg, :rs, :rw, :due, :reof, :oi, :oh, :oref, 'draft', "
       "1, :cb, :ca, :ub, :ua) RETURNING id",
      soci::use(tmp), soci::use(c.plan, c.iplan), soci::use(in.team_id), soci::use(in.business_id), soci::use(r.commune_unit_id),
      soci::use(r.commune_as_of), soci::use(c.on), soci::use(c.started), soci::use(c.ended, c.iended), soci::use(c.unannounced),
      soci::use(f.representative_name), soci::use(f.representative_role), soci::use(cl, icl), soci::use(f.findings), soci::use(c.fine),
      soci::use(c.susp), soci::use(c.susp_days, c.isd), soci::use(c.cert), soci::use(f.measure_other), soci::use(c.police),
      soci::use(f.police_handover_note), soci::use(f.signature), soci::use(f.refusal_reason), soci::use(f.refusal_witness),
      soci::use(c.due, c.idue), soci::use(c.reof, c.ireof), soci::use(f.informed), soci::use(f.health_checked), soci::use(f.referred),
      soci::use(by, iby), soci::use(now), soci::use(by, iby), soci::use(now), soci::into(id);
  std::string code = std::to_string(id);
  code = "KT-" + c.on.substr(0, 4) + "-" + std::string(code.size() < 6 ? 6 - code.size() : 0, '0') + code;
  s << "UPDATE inspections SET code = :c WHERE id = :i", soci::use(code), soci::use(id);
  write_children(s, id, in, r);
  record_audit(s, actor, {"create", "inspection", std::to_string(id), r.commune_unit_id, std::nullopt, inspection_audit(code, in, r, "draft")});
  return id;
}

void update_inspection(soci::session& s, const Hierarchy&, long long id, long long version, const InspectionInput& in,
                       const Actor& actor, json& warnings) {
  bump_inspection_facts_revision(s);  // the figures' fact store reloads after this write
  auto head = get_inspection_head(s, id);
  if (!head) throw Error::NotFound("biên bản kiểm tra", "Inspection");
  if (head->status == "final")
    throw Error(409, "inspection_final", "Biên bản đã hoàn tất, không sửa được", "The record is final and cannot be changed");
  if (head->version != version) throw Error::Conflict();
  if (in.business_id != head->business_id)
    throw Error::Validation("businessId", "Không đổi được cơ sở của biên bản", "The record's business cannot be changed");
  long long cl = 0;
  soci::indicator icl;
  s << "SELECT checklist_version_id FROM inspections WHERE id = :i", soci::use(id), soci::into(cl, icl);
  Resolved r = resolve_refs(s, in, icl == soci::i_ok ? cl : 0, warnings);
  r.commune_unit_id = head->commune_unit_id;
  Cols c(in);
  const auto& f = in.f;
  const std::string now = now_iso_utc();
  long long by = actor.user_id;
  soci::indicator iby = ind(by != 0);
  soci::statement st =
      (s.prepare << "UPDATE inspections SET plan_id = :plan, team_id = :team, inspected_on = :ondate, started_at = :st, ended_at = :en, "
                    "unannounced = :un, representative_name = :rn, representative_role = :rr, findings = :fi, fine_total = :ft, "
                    "measure_suspension = :su, measure_suspension_days = :sd, measure_cert_withdrawal = :ce, measure_other = :mo, "
                    "police_handover = :po, police_handover_note = :pn, signature = :sg, refusal_reason = :rs, refusal_witness = :rw, "
                    "reinspection_due = :due, reinspection_of = :reof, outreach_informed = :oi, outreach_health_checked = :oh, "
                    "outreach_referred = :oref, version = version + 1, updated_by = :ub, updated_at = :ua WHERE id = :i AND version = :v "
                    "AND status = 'draft'",
       soci::use(c.plan, c.iplan), soci::use(in.team_id), soci::use(c.on), soci::use(c.started), soci::use(c.ended, c.iended),
       soci::use(c.unannounced), soci::use(f.representative_name), soci::use(f.representative_role), soci::use(f.findings),
       soci::use(c.fine), soci::use(c.susp), soci::use(c.susp_days, c.isd), soci::use(c.cert), soci::use(f.measure_other),
       soci::use(c.police), soci::use(f.police_handover_note), soci::use(f.signature), soci::use(f.refusal_reason),
       soci::use(f.refusal_witness), soci::use(c.due, c.idue), soci::use(c.reof, c.ireof), soci::use(f.informed),
       soci::use(f.health_checked), soci::use(f.referred), soci::use(by, iby), soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  write_children(s, id, in, r);
  record_audit(s, actor, {"update", "inspection", std::to_string(id), head->commune_unit_id, json{{"code", head->code}, {"status", "draft"}},
                          inspection_audit(head->code, in, r, "draft")});
}

void finalise_inspection(soci::session& s, long long id, long long version, const Actor& actor) {
  bump_inspection_facts_revision(s);  // the figures' fact store reloads after this write
  auto head = get_inspection_head(s, id);
  if (!head) throw Error::NotFound("biên bản kiểm tra", "Inspection");
  if (head->status == "final")
    throw Error(409, "inspection_final", "Biên bản đã hoàn tất", "The record is already final");
  if (head->version != version) throw Error::Conflict();
  std::string signature, reason, witness;
  s << "SELECT signature, refusal_reason, refusal_witness FROM inspections WHERE id = :i", soci::use(id), soci::into(signature),
      soci::into(reason), soci::into(witness);
  insp::require_finalisable(signature, reason, witness);
  const std::string now = now_iso_utc();
  long long by = actor.user_id;
  soci::indicator iby = ind(by != 0);
  soci::statement st = (s.prepare << "UPDATE inspections SET status = 'final', finalised_at = :f, version = version + 1, updated_by = :ub, "
                                     "updated_at = :ua WHERE id = :i AND version = :v AND status = 'draft'",
                        soci::use(now), soci::use(by, iby), soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  record_audit(s, actor, {"update", "inspection", std::to_string(id), head->commune_unit_id,
                          json{{"code", head->code}, {"status", "draft"}},
                          json{{"code", head->code}, {"status", "final"}, {"signature", signature}}});
}

}  // namespace longghep
