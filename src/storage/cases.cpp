#include "storage/cases.hpp"

#include <algorithm>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "storage/org_units.hpp"
#include "storage/query.hpp"
#include "storage/users.hpp"

namespace longghep {
using nlohmann::json;

namespace {
constexpr const char* kNameHashContext = "case name+birth year";
constexpr const char* kIdHashContext = "case id number";

std::string ad_of(const std::string& code, const std::string& field) { return code + ":" + field; }

json sealed_names(const std::set<std::string>& present) {
  json a = json::array();
  for (const auto& f : cases::kSealedFields)
    if (present.count(f.name)) a.push_back(f.name);
  return a;
}

// What the audit holds of a record: the non-sealed fields and the names of the sealed ones.
json audit_json(const std::string& code, const CaseInput& in, const std::set<std::string>& sealed) {
  return {{"code", code},
          {"residenceUnitId", in.residence_unit_id},
          {"residenceAsOf", in.residence_as_of.iso()},
          {"birthYear", in.birth_year ? json(*in.birth_year) : json(nullptr)},
          {"sex", in.sex},
          {"status", in.status},
          {"targetGroups", in.target_groups},
          {"caseWorkerId", in.case_worker_id},
          {"supervisorId", in.supervisor_id ? json(in.supervisor_id) : json(nullptr)},
          {"registeredOn", in.registered_on.iso()},
          {"sealedFields", sealed_names(sealed)}};
}

CaseInput input_of(const CaseRow& r) {
  CaseInput in;
  in.residence_unit_id = r.residence_unit_id;
  in.residence_as_of = r.residence_as_of;
  in.birth_year = r.birth_year;
  in.sex = r.sex;
  in.status = r.status;
  in.target_groups = r.target_groups;
  in.case_worker_id = r.case_worker_id;
  in.supervisor_id = r.supervisor_id;
  in.registered_on = r.registered_on;
  return in;
}

void validate_input(soci::session& s, const Hierarchy& h, const CaseInput& in) {
  const OrgUnit* u = h.by_id(in.residence_unit_id);
  if (!u || u->kind != "commune" || !u->valid_on(in.residence_as_of))
    throw Error::Validation("residenceUnitCode", "Nơi cư trú phải là một xã, phường, đặc khu có hiệu lực vào ngày đã cho",
                            "The residence must be a commune valid on the given date");
  if (!cases::is_sex(in.sex))
    throw Error::Validation("sex", "Giới tính: female, male, other hoặc unknown", "sex: female, male, other or unknown");
  if (!cases::is_status(in.status))
    throw Error::Validation("status", "Trạng thái: open hoặc closed", "status: open or closed");
  if (in.birth_year) cases::validate_birth_year(*in.birth_year, in.registered_on.year());
  if (in.target_groups.empty() || in.target_groups.size() > 10)
    throw Error::Validation("targetGroups", "Chọn 1–10 nhóm đối tượng", "Choose 1 to 10 target groups");
  for (const auto& g : in.target_groups) {
    int n = 0;
    s << "SELECT COUNT(*) FROM target_groups WHERE code = :c AND grp = 'harm_reduction' AND active = 1", soci::use(g),
        soci::into(n);
    if (!n)
      throw Error::Validation("targetGroups", "Nhóm đối tượng không thuộc nhóm giảm hại (hướng dẫn 221 mục 4.1): " + g,
                              "Not a harm-reduction target group (guidance 221 §4.1): " + g);
  }
  // the assignees: the right role, active, not behind the wall, and able to see the record
  for (auto [id, field] : {std::pair{in.case_worker_id, "caseWorkerId"}, std::pair{in.supervisor_id, "supervisorId"}}) {
    if (!id && std::string(field) == "supervisorId") continue;
    auto user = get_user(s, id);
    if (!user) throw Error::Validation(field, "Không có tài khoản này", "No such account");
    cases::require_assignable(user->roles, user->active, field);
    if (!h.scope_of(user->org_unit_id).contains(in.residence_unit_id))
      throw Error::Validation(field, "Nơi cư trú của hồ sơ nằm ngoài phạm vi của người được phân công",
                              "The record's residence is outside the assignee's scope");
  }
}

std::string province_code_of(const Hierarchy& h, const OrgUnit& u, Date on) {
  for (const OrgUnit* a : h.ancestors(u, on))
    if (a->kind == "province") return a->code;
  throw Error::Validation("residenceUnitCode", "Không xác định được tỉnh của nơi cư trú", "The residence's province is unknown");
}

void write_target_groups(soci::session& s, long long id, const std::vector<std::string>& groups) {
  s << "DELETE FROM case_target_groups WHERE case_id = :id", soci::use(id);
  std::set<std::string> seen;
  for (const auto& g : groups)
    if (seen.insert(g).second) s << "INSERT INTO case_target_groups(case_id, code) VALUES(:id, :c)", soci::use(id), soci::use(g);
}

// The sealed columns as (column, value-or-null) with values sealed under the current key.
struct SealedColumns {
  std::map<std::string, std::optional<std::string>> by_column;  // column stem → sealed text / null
};

std::string user_label_sql() { return "SELECT username, full_name FROM users WHERE id = :id"; }

json user_ref(soci::session& s, long long id) {
  if (!id) return nullptr;
  std::string username, full;
  s << user_label_sql(), soci::into(username), soci::into(full), soci::use(id);
  if (!s.got_data()) return nullptr;
  return {{"id", id}, {"username", username}, {"fullName", full}};
}

std::optional<std::string> open_field(const CaseRow& r, soci::session& s, const security::Sealer& sealer,
                                      const cases::SealedField& f) {
  std::string v;
  soci::indicator ind = soci::i_null;
  s << "SELECT " + std::string(f.column) + "_sealed FROM case_records WHERE id = :id", soci::into(v, ind), soci::use(r.id);
  if (ind != soci::i_ok) return std::nullopt;
  auto plain = sealer.open(r.key_id, v, ad_of(r.code, f.name));
  if (!plain)
    throw Error(500, "sealed_unreadable", "Dữ liệu danh tính đã mã hóa của hồ sơ không mở được (có thể đã bị sửa đổi)",
                "The sealed identity of the record cannot be opened (it may have been altered)");
  return plain;
}

// The name hash of a record (name + birth year), or null when either is missing.
std::optional<std::string> name_hash_of(const security::Sealer& sealer, const std::string& name, std::optional<int> birth_year) {
  if (name.empty() || !birth_year) return std::nullopt;
  const std::string key = cases::name_search_key(name, *birth_year);
  if (key.empty()) return std::nullopt;
  return sealer.keyed_hash(kNameHashContext, key);
}

void check_identity(const CaseIdentity& identity) {
  for (const auto& [name, value] : identity) {
    const cases::SealedField* f = cases::sealed_field(name);
    if (!f) throw Error::Validation(name, "Trường danh tính không tồn tại", "Unknown identity field");
    size_t chars = 0;
    for (size_t i = 0; i < value.size();) {
      utf8_next(value, i);
      ++chars;
    }
    if (chars > f->max_chars)
      throw Error::Validation(name, "Giá trị quá dài (tối đa " + std::to_string(f->max_chars) + " ký tự)",
                              "Too long (at most " + std::to_string(f->max_chars) + " characters)");
  }
}
}  // namespace

std::optional<CaseRow> get_case(soci::session& s, long long id) {
  CaseRow r;
  std::string as_of, registered, fn, idn, ph, ad, no;
  int by = 0;
  soci::indicator iby, ifn, iidn, iph, iad, ino;
  s << "SELECT code, province_code, residence_unit_id, residence_as_of, birth_year, sex, status, case_worker_id, "
       "COALESCE(supervisor_id, 0), registered_on, version, key_id, full_name_sealed, id_number_sealed, phone_sealed, "
       "address_sealed, notes_sealed, created_at, updated_at FROM case_records WHERE id = :id",
      soci::into(r.code), soci::into(r.province_code), soci::into(r.residence_unit_id), soci::into(as_of), soci::into(by, iby),
      soci::into(r.sex), soci::into(r.status), soci::into(r.case_worker_id), soci::into(r.supervisor_id),
      soci::into(registered), soci::into(r.version), soci::into(r.key_id), soci::into(fn, ifn), soci::into(idn, iidn),
      soci::into(ph, iph), soci::into(ad, iad), soci::into(no, ino), soci::into(r.created_at), soci::into(r.updated_at),
      soci::use(id);
  if (!s.got_data()) return std::nullopt;
  r.id = id;
  r.residence_as_of = *Date::parse(as_of);
  r.registered_on = *Date::parse(registered);
  if (iby == soci::i_ok) r.birth_year = by;
  const soci::indicator inds[] = {ifn, iidn, iph, iad, ino};
  for (size_t i = 0; i < std::size(cases::kSealedFields); ++i)
    if (inds[i] == soci::i_ok) r.sealed_present.insert(cases::kSealedFields[i].name);
  std::string g;
  soci::statement st = (s.prepare << "SELECT code FROM case_target_groups WHERE case_id = :id ORDER BY code", soci::into(g),
                        soci::use(id));
  st.execute();
  while (st.fetch()) r.target_groups.push_back(g);
  return r;
}

namespace {
// case_json with the user references of a page read once per user.
json case_json_cached(soci::session& s, const Hierarchy& h, const CaseRow& r, std::map<long long, json>& users) {
  auto ref = [&](long long id) {
    auto it = users.find(id);
    if (it == users.end()) it = users.emplace(id, user_ref(s, id)).first;
    return it->second;
  };
  const OrgUnit* u = h.by_id(r.residence_unit_id);
  return {{"id", r.id},
          {"code", r.code},
          {"residence", {{"orgUnit", u ? org_unit_ref(*u) : json(nullptr)}, {"asOf", r.residence_as_of.iso()}}},
          {"birthYear", r.birth_year ? json(*r.birth_year) : json(nullptr)},
          {"sex", r.sex},
          {"status", r.status},
          {"targetGroups", r.target_groups},
          {"caseWorker", ref(r.case_worker_id)},
          {"supervisor", ref(r.supervisor_id)},
          {"registeredOn", r.registered_on.iso()},
          {"sealedFields", sealed_names(r.sealed_present)},
          {"version", r.version},
          {"createdAt", r.created_at},
          {"updatedAt", r.updated_at}};
}

// The records of one list page in two queries (rows, then their target groups), by id.
std::map<long long, CaseRow> cases_by_ids(soci::session& s, const std::vector<long long>& ids) {
  std::map<long long, CaseRow> out;
  if (ids.empty()) return out;
  std::string in;
  for (long long i : ids) in += (in.empty() ? "" : ",") + std::to_string(i);  // integers: no injection
  CaseRow r;
  long long id = 0;
  std::string as_of, registered;
  int by = 0;
  soci::indicator iby, ifn, iidn, iph, iad, ino;
  std::string fn, idn, ph, ad, no;
  soci::statement st =
      (s.prepare << "SELECT id, code, province_code, residence_unit_id, residence_as_of, birth_year, sex, status, "
                    "case_worker_id, COALESCE(supervisor_id, 0), registered_on, version, key_id, "
                    "CASE WHEN full_name_sealed IS NULL THEN NULL ELSE '1' END, CASE WHEN id_number_sealed IS NULL THEN NULL ELSE '1' END, "
                    "CASE WHEN phone_sealed IS NULL THEN NULL ELSE '1' END, CASE WHEN address_sealed IS NULL THEN NULL ELSE '1' END, "
                    "CASE WHEN notes_sealed IS NULL THEN NULL ELSE '1' END, created_at, updated_at FROM case_records "
                    "WHERE id IN (" + in + ")",
       soci::into(id), soci::into(r.code), soci::into(r.province_code), soci::into(r.residence_unit_id), soci::into(as_of),
       soci::into(by, iby), soci::into(r.sex), soci::into(r.status), soci::into(r.case_worker_id), soci::into(r.supervisor_id),
       soci::into(registered), soci::into(r.version), soci::into(r.key_id), soci::into(fn, ifn), soci::into(idn, iidn),
       soci::into(ph, iph), soci::into(ad, iad), soci::into(no, ino), soci::into(r.created_at), soci::into(r.updated_at));
  st.execute();
  while (st.fetch()) {
    CaseRow x = r;
    x.id = id;
    x.residence_as_of = *Date::parse(as_of);
    x.registered_on = *Date::parse(registered);
    x.birth_year = iby == soci::i_ok ? std::optional<int>(by) : std::nullopt;
    x.sealed_present.clear();
    x.target_groups.clear();
    const soci::indicator inds[] = {ifn, iidn, iph, iad, ino};
    for (size_t i = 0; i < std::size(cases::kSealedFields); ++i)
      if (inds[i] == soci::i_ok) x.sealed_present.insert(cases::kSealedFields[i].name);
    out.emplace(id, std::move(x));
  }
  std::string g;
  soci::statement gs = (s.prepare << "SELECT case_id, code FROM case_target_groups WHERE case_id IN (" + in + ") ORDER BY case_id, code",
                        soci::into(id), soci::into(g));
  gs.execute();
  while (gs.fetch())
    if (auto it = out.find(id); it != out.end()) it->second.target_groups.push_back(g);
  return out;
}
}  // namespace

json case_json(soci::session& s, const Hierarchy& h, const CaseRow& r) {
  std::map<long long, json> users;
  return case_json_cached(s, h, r, users);
}

json list_cases(soci::session& s, const Hierarchy& h, const CaseFilter& f) {
  // the caller's scope, narrowed to the orgUnit filter's subtree when given
  const std::optional<Scope> w = f.within ? std::optional<Scope>(h.scope_of(f.within->id)) : std::nullopt;
  const std::optional<Scope> eff = narrow_scope(f.scope, w ? &*w : nullptr);
  const bool scoped = eff && !eff->all();
  if (scoped) load_scope_ids(s, *eff);
  auto filtered = [&](const std::string& select) {
    Query q(select + " FROM case_records WHERE 1=1");
    if (scoped) q.append(" AND residence_unit_id IN (SELECT id FROM scope_ids)");
    if (!f.status.empty()) q.and_where("status = ?", f.status);
    // The count starts from the group's members (IN); the page walks the code index and probes
    // each record (EXISTS), stopping after one page instead of sorting every member of the group.
    // docs/BENCHMARKS.md "People supported".
    if (!f.target_group.empty()) {
      if (select.rfind("SELECT COUNT", 0) == 0)
        q.and_where("id IN (SELECT case_id FROM case_target_groups WHERE code = ?)", f.target_group);
      else
        q.and_where("EXISTS (SELECT 1 FROM case_target_groups t WHERE t.case_id = case_records.id AND t.code = ?)",
                    f.target_group);
    }
    return q;
  };
  std::string order = " ORDER BY code DESC, id DESC";
  if (f.sort == "code") order = " ORDER BY code, id";
  else if (f.sort == "registeredOn") order = " ORDER BY registered_on, id";
  else if (f.sort == "-registeredOn") order = " ORDER BY registered_on DESC, id DESC";
  auto [ids, total] = page_of_ids(s, filtered, "id", order, f.page, f.page_size);
  json items = json::array();
  // one page: two queries for the records, one per distinct assignee (not a query per record)
  const auto rows = cases_by_ids(s, ids);
  std::map<long long, json> users;
  for (long long i : ids)
    if (auto it = rows.find(i); it != rows.end()) items.push_back(case_json_cached(s, h, it->second, users));
  return {{"items", items}, {"total", total}, {"page", f.page}, {"pageSize", f.page_size}};
}

long long create_case(soci::session& s, const Hierarchy& h, const CaseInput& in, const CaseIdentity& identity,
                      const security::Sealer& sealer, const Actor& actor) {
  validate_input(s, h, in);
  check_identity(identity);
  const OrgUnit* u = h.by_id(in.residence_unit_id);
  const std::string province = province_code_of(h, *u, in.residence_as_of);
  const int year = in.registered_on.year();
  // the next sequence of this province and year: the row's lock (PostgreSQL) or the write lock
  // (SQLite, BEGIN IMMEDIATE) makes concurrent creators take different numbers
  s << "INSERT INTO case_code_sequences(province_code, year, last_seq) VALUES(:p, :y, 0) ON CONFLICT DO NOTHING",
      soci::use(province), soci::use(year);
  long long seq = 0;
  s << "UPDATE case_code_sequences SET last_seq = last_seq + 1 WHERE province_code = :p AND year = :y RETURNING last_seq",
      soci::use(province), soci::use(year), soci::into(seq);
  const std::string code = cases::client_code(province, year, seq);

  std::map<std::string, std::optional<std::string>> sealed;  // column stem → sealed text
  std::set<std::string> present;
  std::string name;
  std::optional<std::string> id_hash;
  for (const auto& f : cases::kSealedFields) {
    auto it = identity.find(f.name);
    if (it == identity.end() || it->second.empty()) {
      sealed[f.column] = std::nullopt;
      continue;
    }
    std::string value = it->second;
    if (std::string(f.name) == "idNumber") {
      value = cases::normalise_id_number(value);
      id_hash = sealer.keyed_hash(kIdHashContext, value);
    }
    if (std::string(f.name) == "fullName") name = value;
    sealed[f.column] = sealer.seal(value, ad_of(code, f.name));
    present.insert(f.name);
  }
  const std::optional<std::string> nhash = name_hash_of(sealer, name, in.birth_year);
  const std::string now = now_iso_utc(), as_of = in.residence_as_of.iso(), reg = in.registered_on.iso();
  const long long key_id = sealer.current_key_id();
  const int by = in.birth_year.value_or(0);
  soci::indicator iby = in.birth_year ? soci::i_ok : soci::i_null;
  long long sup = in.supervisor_id;
  soci::indicator isup = sup ? soci::i_ok : soci::i_null;
  std::string v[5];
  soci::indicator iv[5];
  for (size_t i = 0; i < 5; ++i) {
    const auto& col = sealed[cases::kSealedFields[i].column];
    v[i] = col.value_or("");
    iv[i] = col ? soci::i_ok : soci::i_null;
  }
  std::string nh = nhash.value_or(""), ih = id_hash.value_or("");
  soci::indicator inh = nhash ? soci::i_ok : soci::i_null, iih = id_hash ? soci::i_ok : soci::i_null;
  long long creator = actor.user_id;
  soci::indicator icreator = creator ? soci::i_ok : soci::i_null;
  long long id = 0;
  s << "INSERT INTO case_records(code, province_code, code_year, code_seq, residence_unit_id, residence_as_of, birth_year, "
       "sex, status, case_worker_id, supervisor_id, registered_on, key_id, full_name_sealed, id_number_sealed, phone_sealed, "
       "address_sealed, notes_sealed, name_hash, id_number_hash, version, created_by, created_at, updated_at) "
       "VALUES(:code, :prov, :y, :seq, :unit, :asof, :by, :sex, :status, :cw, :sup, :reg, :key, :fn, :idn, :ph, :ad, :no, "
       ":nh, :ih, 1, :cb, :c, :u) RETURNING id",
      soci::use(code), soci::use(province), soci::use(year), soci::use(seq), soci::use(in.residence_unit_id),
      soci::use(as_of), soci::use(by, iby), soci::use(in.sex), soci::use(in.status), soci::use(in.case_worker_id),
      soci::use(sup, isup), soci::use(reg), soci::use(key_id), soci::use(v[0], iv[0]), soci::use(v[1], iv[1]),
      soci::use(v[2], iv[2]), soci::use(v[3], iv[3]), soci::use(v[4], iv[4]), soci::use(nh, inh), soci::use(ih, iih),
      soci::use(creator, icreator), soci::use(now), soci::use(now), soci::into(id);
  write_target_groups(s, id, in.target_groups);
  record_audit(s, actor, {"create", "case", std::to_string(id), in.residence_unit_id, std::nullopt, audit_json(code, in, present)});
  return id;
}

void update_case(soci::session& s, const Hierarchy& h, long long id, long long version, const CaseInput& in,
                 const security::Sealer& sealer, const Actor& actor) {
  auto cur = get_case(s, id);
  if (!cur) throw Error::NotFound("hồ sơ hỗ trợ", "Support record");
  if (cur->version != version) throw Error::Conflict();
  validate_input(s, h, in);
  if (in.birth_year) cases::validate_birth_year(*in.birth_year, cur->registered_on.year());
  // the name hash covers the birth year: re-computed (inside the server, never returned) when it changes
  std::optional<std::string> nhash;
  bool rehash = in.birth_year != cur->birth_year;
  if (rehash && cur->sealed_present.count("fullName")) {
    auto name = open_field(*cur, s, sealer, *cases::sealed_field("fullName"));
    nhash = name_hash_of(sealer, name.value_or(""), in.birth_year);
  }
  const std::string now = now_iso_utc(), as_of = in.residence_as_of.iso();
  const int by = in.birth_year.value_or(0);
  soci::indicator iby = in.birth_year ? soci::i_ok : soci::i_null;
  long long sup = in.supervisor_id;
  soci::indicator isup = sup ? soci::i_ok : soci::i_null;
  soci::statement st = (s.prepare << "UPDATE case_records SET residence_unit_id = :unit, residence_as_of = :asof, birth_year = :by, "
                                     "sex = :sex, status = :status, case_worker_id = :cw, supervisor_id = :sup, "
                                     "version = version + 1, updated_at = :u WHERE id = :id AND version = :v",
                        soci::use(in.residence_unit_id), soci::use(as_of), soci::use(by, iby), soci::use(in.sex),
                        soci::use(in.status), soci::use(in.case_worker_id), soci::use(sup, isup), soci::use(now),
                        soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  if (rehash) {
    std::string nh = nhash.value_or("");
    soci::indicator inh = nhash ? soci::i_ok : soci::i_null;
    s << "UPDATE case_records SET name_hash = :h WHERE id = :id", soci::use(nh, inh), soci::use(id);
  }
  write_target_groups(s, id, in.target_groups);
  CaseInput after = in;
  after.registered_on = cur->registered_on;
  record_audit(s, actor, {"update", "case", std::to_string(id), in.residence_unit_id,
                          audit_json(cur->code, input_of(*cur), cur->sealed_present),
                          audit_json(cur->code, after, cur->sealed_present)});
}

void update_case_identity(soci::session& s, long long id, long long version, const CaseIdentity& identity,
                          const security::Sealer& sealer, const Actor& actor) {
  auto cur = get_case(s, id);
  if (!cur) throw Error::NotFound("hồ sơ hỗ trợ", "Support record");
  if (cur->version != version) throw Error::Conflict();
  check_identity(identity);
  if (identity.empty()) throw Error::Validation("fullName", "Không có trường danh tính nào để cập nhật", "No identity field to update");
  // Values are re-sealed under the current key; the fields not given keep their sealed text,
  // which stays under its own key: a record sealed under an older key is re-sealed whole.
  const bool reseal_all = cur->key_id != sealer.current_key_id();
  std::map<std::string, std::string> plain;
  if (reseal_all)
    for (const auto& f : cases::kSealedFields)
      if (!identity.count(f.name) && cur->sealed_present.count(f.name)) plain[f.name] = *open_field(*cur, s, sealer, f);
  for (const auto& [k, val] : identity) plain[k] = val;
  std::set<std::string> present = cur->sealed_present;
  std::vector<std::string> changed;
  for (const auto& [k, raw] : plain) {
    const cases::SealedField* f = cases::sealed_field(k);
    std::string value = raw;
    std::optional<std::string> sealed;
    if (!value.empty()) {
      if (k == "idNumber") value = cases::normalise_id_number(value);
      sealed = sealer.seal(value, ad_of(cur->code, k));
      present.insert(k);
    } else {
      present.erase(k);
    }
    std::string sv = sealed.value_or("");
    soci::indicator is = sealed ? soci::i_ok : soci::i_null;
    s << "UPDATE case_records SET " + std::string(f->column) + "_sealed = :v WHERE id = :id", soci::use(sv, is), soci::use(id);
    if (k == "idNumber") {
      std::string h = value.empty() ? "" : sealer.keyed_hash(kIdHashContext, value);
      soci::indicator ih = value.empty() ? soci::i_null : soci::i_ok;
      s << "UPDATE case_records SET id_number_hash = :h WHERE id = :id", soci::use(h, ih), soci::use(id);
    }
    if (k == "fullName") {
      auto nh = name_hash_of(sealer, value, cur->birth_year);
      std::string h = nh.value_or("");
      soci::indicator ih = nh ? soci::i_ok : soci::i_null;
      s << "UPDATE case_records SET name_hash = :h WHERE id = :id", soci::use(h, ih), soci::use(id);
    }
    if (identity.count(k)) changed.push_back(k);
  }
  const std::string now = now_iso_utc();
  const long long key = sealer.current_key_id();
  soci::statement st = (s.prepare << "UPDATE case_records SET version = version + 1, updated_at = :u, key_id = "
                                     "CASE WHEN :all = 1 THEN :k ELSE key_id END WHERE id = :id AND version = :v",
                        soci::use(now), soci::use(static_cast<int>(reseal_all)), soci::use(key), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  // the audit names the fields, never their values
  record_audit(s, actor, {"update", "case_identity", std::to_string(id), cur->residence_unit_id,
                          json{{"code", cur->code}, {"sealedFields", sealed_names(cur->sealed_present)}},
                          json{{"code", cur->code}, {"sealedFields", sealed_names(present)}, {"changedFields", changed}}});
}

std::vector<DuplicateMatch> find_case_duplicates(soci::session& s, const security::Sealer& sealer,
                                                 const std::optional<std::string>& full_name, std::optional<int> birth_year,
                                                 const std::optional<std::string>& id_number) {
  std::map<long long, DuplicateMatch> found;
  auto search = [&](const char* column, const std::string& hash, const char* what) {
    long long id = 0, unit = 0;
    std::string code;
    soci::statement st = (s.prepare << "SELECT id, code, residence_unit_id FROM case_records WHERE " + std::string(column) +
                                           " = :h ORDER BY id LIMIT 50",
                          soci::into(id), soci::into(code), soci::into(unit), soci::use(hash));
    st.execute();
    while (st.fetch()) {
      auto& m = found[id];
      m.id = id;
      m.code = code;
      m.residence_unit_id = unit;
      m.matched_on.push_back(what);
    }
  };
  if (full_name && birth_year)
    if (auto h = name_hash_of(sealer, *full_name, birth_year)) search("name_hash", *h, "name");
  if (id_number) search("id_number_hash", sealer.keyed_hash(kIdHashContext, cases::normalise_id_number(*id_number)), "idNumber");
  std::vector<DuplicateMatch> out;
  for (auto& [id, m] : found) out.push_back(std::move(m));
  return out;
}

CaseIdentity reveal_case(soci::session& s, const CaseRow& r, const std::vector<std::string>& fields,
                         const std::string& reason, const security::Sealer& sealer, const Actor& actor) {
  const long long now = now_unix();
  const long long since = now - 3600;
  int recent = 0;
  s << "SELECT COUNT(*) FROM case_access_log WHERE user_id = :u AND action = 'reveal' AND at_unix > :t", soci::use(actor.user_id),
      soci::use(since), soci::into(recent);
  cases::require_reveal_allowed(recent);
  std::string list;
  for (const auto& f : fields) list += (list.empty() ? "" : ",") + f;
  const std::string at = now_iso_utc();
  long long log_id = 0;
  s << "INSERT INTO case_access_log(case_id, user_id, username, action, fields, reason, at, at_unix) "
       "VALUES(:c, :u, :n, 'reveal', :f, :r, :at, :t) RETURNING id",
      soci::use(r.id), soci::use(actor.user_id), soci::use(actor.username), soci::use(list), soci::use(reason), soci::use(at),
      soci::use(now), soci::into(log_id);
  record_audit(s, actor, {"create", "case_reveal", std::to_string(log_id), r.residence_unit_id, std::nullopt,
                          json{{"caseId", r.id}, {"code", r.code}, {"fields", fields}, {"reason", reason}}});
  CaseIdentity out;
  for (const auto& name : fields) {
    const cases::SealedField* f = cases::sealed_field(name);
    auto v = open_field(r, s, sealer, *f);
    out[name] = v.value_or("");
  }
  return out;
}

json case_access_log_json(soci::session& s, long long case_id) {
  json items = json::array();
  long long id = 0, user = 0;
  std::string username, action, fields, reason, at;
  soci::statement st = (s.prepare << "SELECT id, user_id, username, action, fields, reason, at FROM case_access_log "
                                     "WHERE case_id = :c ORDER BY id DESC LIMIT 500",
                        soci::into(id), soci::into(user), soci::into(username), soci::into(action), soci::into(fields),
                        soci::into(reason), soci::into(at), soci::use(case_id));
  st.execute();
  while (st.fetch()) {
    json f = json::array();
    size_t pos = 0;
    while (pos <= fields.size() && !fields.empty()) {
      size_t e = fields.find(',', pos);
      if (e == std::string::npos) e = fields.size();
      f.push_back(fields.substr(pos, e - pos));
      pos = e + 1;
    }
    items.push_back({{"id", id}, {"user", {{"id", user}, {"username", username}}}, {"action", action}, {"fields", f},
                     {"reason", reason}, {"at", at}});
  }
  return {{"items", items}};
}

std::vector<cases::ConsentEvent> case_consents(soci::session& s, long long case_id) {
  std::vector<cases::ConsentEvent> out;
  cases::ConsentEvent e;
  std::string action, on;
  soci::statement st = (s.prepare << "SELECT id, purpose, action, effective_on, version FROM case_consents WHERE case_id = :c "
                                     "ORDER BY purpose, version",
                        soci::into(e.id), soci::into(e.purpose), soci::into(action), soci::into(on), soci::into(e.version),
                        soci::use(case_id));
  st.execute();
  while (st.fetch()) {
    e.given = action == "given";
    e.effective_on = *Date::parse(on);
    out.push_back(e);
  }
  return out;
}

json case_consents_json(soci::session& s, long long case_id, Date today) {
  json items = json::array();
  long long id = 0;
  int version = 0;
  std::string purpose, action, on, note, at, username;
  soci::indicator iu;
  soci::statement st = (s.prepare << "SELECT c.id, c.purpose, c.action, c.effective_on, c.version, c.note, c.recorded_at, "
                                     "u.username FROM case_consents c LEFT JOIN users u ON u.id = c.recorded_by "
                                     "WHERE c.case_id = :c ORDER BY c.purpose, c.version",
                        soci::into(id), soci::into(purpose), soci::into(action), soci::into(on), soci::into(version),
                        soci::into(note), soci::into(at), soci::into(username, iu), soci::use(case_id));
  st.execute();
  while (st.fetch())
    items.push_back({{"id", id}, {"purpose", purpose}, {"action", action}, {"effectiveOn", on}, {"version", version},
                     {"note", note}, {"recordedAt", at}, {"recordedBy", iu == soci::i_ok ? json(username) : json(nullptr)}});
  // the consent in force today, per purpose that has any history
  const auto events = case_consents(s, case_id);
  json current = json::object();
  std::set<std::string> purposes;
  for (const auto& e : events) purposes.insert(e.purpose);
  for (const auto& p : purposes) current[p] = cases::consent_holds(events, p, today);
  return {{"items", items}, {"current", current}};
}

long long add_case_consent(soci::session& s, const CaseRow& r, const std::string& purpose, bool given, Date on,
                           const std::string& note, const Actor& actor) {
  if (!cases::is_consent_purpose(purpose))
    throw Error::Validation("purpose", "Mục đích: services, statistics hoặc referral:<loại cơ quan>",
                            "purpose: services, statistics or referral:<agency kind>");
  const std::string kind = cases::referral_kind(purpose);
  if (!kind.empty()) {
    int n = 0;
    s << "SELECT COUNT(*) FROM agency_kinds WHERE code = :k", soci::use(kind), soci::into(n);
    if (!n) throw Error::Validation("purpose", "Loại cơ quan tiếp nhận không tồn tại", "Unknown receiving agency kind");
  }
  if (on < r.registered_on)
    throw Error::Validation("effectiveOn", "Ngày hiệu lực trước ngày đăng ký hồ sơ", "The date is before the record's registration");
  const auto events = case_consents(s, r.id);
  cases::check_consent_event(events, purpose, given, on);
  int version = 0;
  for (const auto& e : events)
    if (e.purpose == purpose) version = std::max(version, e.version);
  ++version;
  const std::string action = given ? "given" : "withdrawn", day = on.iso(), now = now_iso_utc();
  long long by = actor.user_id;
  soci::indicator iby = by ? soci::i_ok : soci::i_null;
  long long id = 0;
  s << "INSERT INTO case_consents(case_id, purpose, action, effective_on, version, note, recorded_by, recorded_at) "
       "VALUES(:c, :p, :a, :d, :v, :n, :by, :at) RETURNING id",
      soci::use(r.id), soci::use(purpose), soci::use(action), soci::use(day), soci::use(version), soci::use(note),
      soci::use(by, iby), soci::use(now), soci::into(id);
  record_audit(s, actor, {"create", "case_consent", std::to_string(id), r.residence_unit_id, std::nullopt,
                          json{{"caseId", r.id}, {"code", r.code}, {"purpose", purpose}, {"action", action},
                               {"effectiveOn", day}, {"version", version}}});
  return id;
}

std::optional<std::string> case_consent_purpose(soci::session& s, long long case_id, long long consent_id) {
  std::string p;
  s << "SELECT purpose FROM case_consents WHERE id = :id AND case_id = :c", soci::into(p), soci::use(consent_id),
      soci::use(case_id);
  if (!s.got_data()) return std::nullopt;
  return p;
}

long long count_cases(soci::session& s) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM case_records", soci::into(n);
  return n;
}

}  // namespace longghep
