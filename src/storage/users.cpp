#include "storage/users.hpp"

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "security/crypto.hpp"
#include "storage/id_tables.hpp"
#include "storage/query.hpp"

namespace longghep {
using nlohmann::json;

namespace {
std::set<std::string> roles_of(soci::session& s, long long id) {
  std::set<std::string> out;
  std::string r;
  soci::statement st = (s.prepare << "SELECT role_code FROM user_roles WHERE user_id = :id", soci::into(r), soci::use(id));
  st.execute();
  while (st.fetch()) out.insert(r);
  return out;
}

std::optional<UserRow> load_user(soci::session& s, const std::string& where, const std::string& sval, long long ival) {
  UserRow u;
  int active = 0, must = 0;
  long long agency = 0, created_by = 0;
  soci::indicator ia, icb;
  Query q("SELECT id, username, full_name, email, password_hash, org_unit_id, agency_id, active, must_change_password, version, created_at, updated_at, created_by FROM users WHERE 1=1");
  if (where == "username") q.and_where("username = ?", sval);
  else q.and_where("id = ?", ival);
  if (!q.run(s, soci::into(u.id), soci::into(u.username), soci::into(u.full_name), soci::into(u.email),
             soci::into(u.password_hash), soci::into(u.org_unit_id), soci::into(agency, ia), soci::into(active),
             soci::into(must), soci::into(u.version), soci::into(u.created_at), soci::into(u.updated_at), soci::into(created_by, icb)))
    return std::nullopt;
  u.created_by = icb == soci::i_ok ? created_by : 0;
  u.agency_id = ia == soci::i_ok ? agency : 0;
  u.active = active != 0;
  u.must_change_password = must != 0;
  u.roles = roles_of(s, u.id);
  return u;
}

json user_audit_json(const UserInput& in) {
  return {{"username", in.username}, {"fullName", in.full_name}, {"email", in.email}, {"orgUnitId", in.org_unit_id},
          {"agencyId", in.agency_id ? json(in.agency_id) : json(nullptr)}, {"roles", in.roles}, {"active", in.active}};
}

void validate_user_input(soci::session& s, const UserInput& in) {
  validate_username(in.username);
  if (in.full_name.empty() || in.full_name.size() > 255 || !is_clean_utf8(in.full_name))
    throw Error::Validation("fullName", "Họ tên là bắt buộc (tối đa 255 ký tự)", "Full name is required (at most 255 characters)");
  if (in.email.size() > 255 || (!in.email.empty() && in.email.find('@') == std::string::npos))
    throw Error::Validation("email", "Thư điện tử không hợp lệ", "Invalid e-mail address");
  if (in.roles.empty()) throw Error::Validation("roles", "Cần ít nhất một vai trò", "At least one role is required");
  role_permissions(s, in.roles);  // throws on unknown roles
}

void write_roles(soci::session& s, long long id, const std::set<std::string>& roles) {
  s << "DELETE FROM user_roles WHERE user_id = :id", soci::use(id);
  for (const auto& r : roles) s << "INSERT INTO user_roles(user_id, role_code) VALUES(:id, :r)", soci::use(id), soci::use(r);
}
}  // namespace

std::optional<UserRow> find_user(soci::session& s, const std::string& username) { return load_user(s, "username", username, 0); }
std::optional<UserRow> get_user(soci::session& s, long long id) { return load_user(s, "id", "", id); }

void lock_users(soci::session& s) {
  if (s.get_backend_name() == "postgresql") s << "LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE";
}

void lock_login_attempts(soci::session& s) {
  if (s.get_backend_name() == "postgresql") s << "LOCK TABLE login_attempts IN SHARE ROW EXCLUSIVE MODE";
}

long long count_users(soci::session& s) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM users", soci::into(n);
  return n;
}

std::set<std::string> permissions_of(soci::session& s, const std::set<std::string>& roles) {
  std::set<std::string> out;
  for (const auto& r : roles) {
    std::string p;
    soci::statement st = (s.prepare << "SELECT permission_code FROM role_permissions WHERE role_code = :r", soci::into(p), soci::use(r));
    st.execute();
    while (st.fetch()) out.insert(p);
  }
  return out;
}

std::vector<std::set<std::string>> role_permissions(soci::session& s, const std::set<std::string>& roles) {
  std::vector<std::set<std::string>> out;
  for (const auto& r : roles) {
    int n = 0;
    s << "SELECT COUNT(*) FROM roles WHERE code = :r", soci::use(r), soci::into(n);
    if (!n) throw Error::Validation("roles", "Vai trò không tồn tại: " + r, "Unknown role: " + r);
    out.push_back(permissions_of(s, {r}));
  }
  return out;
}

json list_roles(soci::session& s) {
  json items = json::array();
  std::string code, vi, en;
  std::vector<json> rows;
  soci::statement st = (s.prepare << "SELECT code, name_vi, name_en FROM roles ORDER BY code", soci::into(code), soci::into(vi), soci::into(en));
  st.execute();
  while (st.fetch()) rows.push_back({{"code", code}, {"nameVi", vi}, {"nameEn", en}});
  for (auto& r : rows) {
    r["permissions"] = permissions_of(s, {r["code"].get<std::string>()});
    items.push_back(r);
  }
  return {{"items", items}};
}

long long create_user(soci::session& s, const UserInput& in, bool must_change, const Actor& actor) {
  validate_user_input(s, in);
  validate_password(in.password);
  const Error taken(409, "conflict", "Tên đăng nhập đã tồn tại", "Username already exists", "username");
  if (find_user(s, in.username)) throw taken;
  const std::string hash = in.password_hash.empty() ? security::hash_password(in.password) : in.password_hash;
  const std::string now = now_iso_utc();
  const std::string folded = fold_for_search(in.username + " " + in.full_name + " " + in.email);
  long long agency = in.agency_id;
  soci::indicator ia = in.agency_id ? soci::i_ok : soci::i_null;
  int active = in.active ? 1 : 0, must = must_change ? 1 : 0;
  long long id = 0, creator = actor.user_id;
  soci::indicator ic = actor.user_id ? soci::i_ok : soci::i_null;
  s << "INSERT INTO users(username, full_name, email, password_hash, org_unit_id, agency_id, active, must_change_password, name_folded, version, created_at, updated_at, created_by) "
       "VALUES(:u, :f, :e, :h, :o, :a, :act, :m, :nf, 1, :c, :up, :cb) ON CONFLICT (username) DO NOTHING RETURNING id",
      soci::use(in.username), soci::use(in.full_name), soci::use(in.email), soci::use(hash), soci::use(in.org_unit_id),
      soci::use(agency, ia), soci::use(active), soci::use(must), soci::use(folded), soci::use(now), soci::use(now),
      soci::use(creator, ic), soci::into(id);
  if (!s.got_data()) throw taken;  // created meanwhile by a concurrent request
  write_roles(s, id, in.roles);
  record_audit(s, actor, {"create", "user", std::to_string(id), in.org_unit_id, std::nullopt, user_audit_json(in)});
  return id;
}

void update_user(soci::session& s, long long id, long long version, const UserInput& in, const Actor& actor) {
  auto before = get_user(s, id);
  if (!before) throw Error::NotFound("người dùng", "User");
  UserInput merged = in;
  merged.username = before->username;  // usernames never change
  validate_user_input(s, merged);
  const std::string now = now_iso_utc();
  const std::string folded = fold_for_search(merged.username + " " + in.full_name + " " + in.email);
  long long agency = in.agency_id;
  soci::indicator ia = in.agency_id ? soci::i_ok : soci::i_null;
  int active = in.active ? 1 : 0;
  soci::statement st = (s.prepare << "UPDATE users SET full_name = :f, email = :e, org_unit_id = :o, agency_id = :a, active = :act, "
                                     "name_folded = :nf, version = version + 1, updated_at = :u WHERE id = :id AND version = :v",
                        soci::use(in.full_name), soci::use(in.email), soci::use(in.org_unit_id), soci::use(agency, ia),
                        soci::use(active), soci::use(folded), soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  write_roles(s, id, in.roles);
  if (!in.active) delete_user_sessions(s, id);
  UserInput b{before->username, before->full_name, before->email, "", before->org_unit_id, before->agency_id, before->roles, before->active};
  record_audit(s, actor, {"update", "user", std::to_string(id), in.org_unit_id, user_audit_json(b), user_audit_json(merged)});
}

void set_password(soci::session& s, long long id, const std::string& password, bool must_change, const Actor& actor) {
  validate_password(password, must_change ? "newPassword" : "newPassword");
  set_password_hash(s, id, security::hash_password(password), must_change, actor);
}

void set_password_hash(soci::session& s, long long id, const std::string& hash, bool must_change, const Actor& actor) {
  auto u = get_user(s, id);
  if (!u) throw Error::NotFound("người dùng", "User");
  const std::string now = now_iso_utc();
  int must = must_change ? 1 : 0;
  s << "UPDATE users SET password_hash = :h, must_change_password = :m, version = version + 1, updated_at = :u WHERE id = :id",
      soci::use(hash), soci::use(must), soci::use(now), soci::use(id);
  // The hash itself is never written to the audit trail.
  record_audit(s, actor, {"update", "user", std::to_string(id), u->org_unit_id, json{{"password", "***"}},
                          json{{"password", "*** (changed)"}, {"mustChangePassword", must_change}}});
}

std::pair<std::vector<long long>, long long> list_user_ids(soci::session& s, const Scope& scope, const Scope* within,
                                                           const UserFilter& f) {
  if (!scope.all()) load_scope_ids(s, scope);
  auto filtered = [&](const std::string& select) {
    Query q(select + " FROM users WHERE 1=1");
    // Both the caller's scope and an optional org-unit filter must hold.
    if (!scope.all()) q.append(" AND org_unit_id IN (SELECT id FROM scope_ids)");
    if (within && !within->all()) q.append(" AND org_unit_id IN (SELECT id FROM scope_ids_filter)");
    if (!f.q.empty()) q.and_contains("name_folded", fold_for_search(f.q));
    if (!f.role.empty()) q.and_where("id IN (SELECT user_id FROM user_roles WHERE role_code = ?)", f.role);
    if (f.active) q.and_where("active = ?", static_cast<long long>(*f.active ? 1 : 0));
    return q;
  };
  if (within && !within->all()) {
    load_id_table(s, "scope_ids_filter", within->ids());
  }
  std::string order = " ORDER BY username";
  if (f.sort == "-username") order = " ORDER BY username DESC";
  else if (f.sort == "fullName") order = " ORDER BY full_name, username";
  else if (f.sort == "-fullName") order = " ORDER BY full_name DESC, username";
  else if (f.sort == "createdAt") order = " ORDER BY created_at, id";
  else if (f.sort == "-createdAt") order = " ORDER BY created_at DESC, id";
  auto [ids, total] = page_of_ids(s, filtered, "id", order, f.page, f.page_size);
  return {ids, total};
}

std::pair<std::string, std::string> create_session(soci::session& s, long long user_id, long long ttl) {
  std::string token = security::random_token(32), csrf = security::random_token(24);
  std::string offline = security::random_token(32);
  std::string hash = security::sha256_hex(token);
  long long now = now_unix(), exp = now + ttl;
  s << "DELETE FROM sessions WHERE expires_at < :n", soci::use(now);
  s << "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, expires_at, offline_secret) "
       "VALUES(:h, :u, :c, :n, :e, :o)",
      soci::use(hash), soci::use(user_id), soci::use(csrf), soci::use(now), soci::use(exp), soci::use(offline);
  return {token, csrf};
}

std::optional<SessionRow> find_session(soci::session& s, const std::string& token) {
  SessionRow r;
  std::string hash = security::sha256_hex(token);
  long long now = now_unix();
  int active = 0;
  s << "SELECT se.user_id, se.csrf_token, se.expires_at, u.version, u.active, se.offline_secret FROM sessions se JOIN users u "
       "ON u.id = se.user_id WHERE se.token_hash = :h AND se.expires_at > :n",
      soci::into(r.user_id), soci::into(r.csrf_token), soci::into(r.expires_at), soci::into(r.user_version),
      soci::into(active), soci::into(r.offline_secret), soci::use(hash), soci::use(now);
  if (!s.got_data()) return std::nullopt;
  r.user_active = active != 0;
  return r;
}

void delete_session(soci::session& s, const std::string& token) {
  std::string hash = security::sha256_hex(token);
  s << "DELETE FROM sessions WHERE token_hash = :h", soci::use(hash);
}

void delete_user_sessions(soci::session& s, long long user_id) {
  s << "DELETE FROM sessions WHERE user_id = :u", soci::use(user_id);
}

void delete_other_sessions(soci::session& s, long long user_id, const std::string& keep_token) {
  std::string hash = security::sha256_hex(keep_token);
  s << "DELETE FROM sessions WHERE user_id = :u AND token_hash <> :h", soci::use(user_id), soci::use(hash);
}

int recent_login_failures(soci::session& s, const std::string& username, long long since) {
  int n = 0;
  s << "SELECT COUNT(*) FROM login_attempts WHERE username = :u AND at >= :s AND success = 0",
      soci::use(username), soci::use(since), soci::into(n);
  return n;
}

void record_login_attempt(soci::session& s, const std::string& username, const std::string& ip, bool success) {
  long long now = now_unix();
  int ok = success ? 1 : 0;
  s << "INSERT INTO login_attempts(username, ip, at, success) VALUES(:u, :ip, :at, :s)",
      soci::use(username), soci::use(ip), soci::use(now), soci::use(ok);
  if (success) {
    // A successful login clears the failure window for this username.
    s << "DELETE FROM login_attempts WHERE username = :u AND success = 0", soci::use(username);
  }
}

SignerProfile signer_profile(soci::session& s, long long user_id) {
  SignerProfile p;
  s << "SELECT signer_title, signer_name, full_name FROM users WHERE id = :id", soci::into(p.title), soci::into(p.name),
      soci::into(p.full_name), soci::use(user_id);
  return p;
}

std::optional<std::string> username_of(soci::session& s, long long user_id) {
  std::string name;
  s << "SELECT username FROM users WHERE id = :id", soci::into(name), soci::use(user_id);
  if (!s.got_data()) return std::nullopt;
  return name;
}

void set_signer(soci::session& s, long long id, const std::string& title, const std::string& name, const Actor& actor) {
  std::string old_title, old_name;
  long long unit = 0;
  s << "SELECT signer_title, signer_name, org_unit_id FROM users WHERE id = :id", soci::into(old_title), soci::into(old_name),
      soci::into(unit), soci::use(id);
  if (!s.got_data()) throw Error::NotFound("người dùng", "User");
  const std::string now = now_iso_utc();
  s << "UPDATE users SET signer_title = :t, signer_name = :n, updated_at = :u WHERE id = :id", soci::use(title), soci::use(name),
      soci::use(now), soci::use(id);
  record_audit(s, actor, {"update", "user", std::to_string(id), unit, nlohmann::json{{"signerTitle", old_title}, {"signerName", old_name}},
                          nlohmann::json{{"signerTitle", title}, {"signerName", name}}});
}

}  // namespace longghep
