#include "storage/api_tokens.hpp"

#include <ctime>

#include "domain/api_tokens.hpp"

namespace longghep {
using nlohmann::json;

namespace {
std::vector<std::string> strings_of(const std::string& text) {
  std::vector<std::string> out;
  json j = json::parse(text, nullptr, false);
  if (j.is_array())
    for (const auto& x : j)
      if (x.is_string()) out.push_back(x.get<std::string>());
  return out;
}

constexpr const char* kColumns =
    "t.id, t.user_id, t.name, t.prefix, t.permissions, t.methods, t.address_ranges, t.expires_at, t.created_at, "
    "t.created_by, t.last_used_at, t.last_used_ip, t.revoked_at, t.revoked_by, t.version";

struct Reader {
  ApiTokenRow r;
  std::string perms, methods, ranges;
  soci::indicator icb = soci::i_null, ilu = soci::i_null, ilip = soci::i_null, ira = soci::i_null, irb = soci::i_null;
  void bind(soci::statement& st) {
    st.exchange(soci::into(r.id));
    st.exchange(soci::into(r.user_id));
    st.exchange(soci::into(r.name));
    st.exchange(soci::into(r.prefix));
    st.exchange(soci::into(perms));
    st.exchange(soci::into(methods));
    st.exchange(soci::into(ranges));
    st.exchange(soci::into(r.expires_at));
    st.exchange(soci::into(r.created_at));
    st.exchange(soci::into(r.created_by, icb));
    st.exchange(soci::into(r.last_used_at, ilu));
    st.exchange(soci::into(r.last_used_ip, ilip));
    st.exchange(soci::into(r.revoked_at, ira));
    st.exchange(soci::into(r.revoked_by, irb));
    st.exchange(soci::into(r.version));
  }
  ApiTokenRow row() const {
    ApiTokenRow out = r;
    out.permissions = strings_of(perms);
    out.methods = strings_of(methods);
    out.address_ranges = strings_of(ranges);
    if (icb != soci::i_ok) out.created_by = 0;
    if (ilu != soci::i_ok) out.last_used_at.clear();
    if (ilip != soci::i_ok) out.last_used_ip.clear();
    if (ira != soci::i_ok) out.revoked_at.clear();
    if (irb != soci::i_ok) out.revoked_by = 0;
    return out;
  }
};

json audit_json(const ApiTokenRow& t) {
  return {{"name", t.name}, {"prefix", t.prefix}, {"userId", t.user_id}, {"permissions", t.permissions},
          {"methods", t.methods}, {"addressRanges", t.address_ranges}, {"expiresAt", iso_of_unix(t.expires_at)},
          {"revokedAt", t.revoked_at.empty() ? json(nullptr) : json(t.revoked_at)}};
}
}  // namespace

std::string iso_of_unix(long long t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

long long create_api_token(soci::session& s, const ApiTokenInput& in, const Actor& actor) {
  const std::string perms = json(in.permissions).dump(), methods = json(in.methods).dump(),
                    ranges = json(in.address_ranges).dump(), now = now_iso_utc();
  long long id = 0, creator = actor.user_id;
  soci::indicator ic = actor.user_id ? soci::i_ok : soci::i_null;
  s << "INSERT INTO api_tokens(user_id, name, prefix, secret_hash, permissions, methods, address_ranges, expires_at, "
       "created_at, created_by, version) VALUES(:u, :n, :p, :h, :pe, :m, :r, :e, :c, :cb, 1) RETURNING id",
      soci::use(in.user_id), soci::use(in.name), soci::use(in.prefix), soci::use(in.secret_hash), soci::use(perms),
      soci::use(methods), soci::use(ranges), soci::use(in.expires_at), soci::use(now), soci::use(creator, ic),
      soci::into(id);
  ApiTokenRow row = *get_api_token(s, id);
  record_audit(s, actor, {"create", "api_token", std::to_string(id), in.owner_unit_id, std::nullopt, audit_json(row)});
  return id;
}

std::optional<ApiTokenRow> get_api_token(soci::session& s, long long id) {
  Reader rd;
  soci::statement st(s);
  rd.bind(st);
  st.exchange(soci::use(id));
  st.alloc();
  st.prepare(std::string("SELECT ") + kColumns + " FROM api_tokens t WHERE t.id = :id");
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  return rd.row();
}

std::optional<ApiTokenAuth> find_api_token(soci::session& s, const std::string& secret_hash) {
  Reader rd;
  ApiTokenAuth out;
  int active = 0, must = 0;
  std::string stored;
  soci::statement st(s);
  rd.bind(st);
  st.exchange(soci::into(out.user_version));
  st.exchange(soci::into(active));
  st.exchange(soci::into(must));
  st.exchange(soci::into(stored));
  st.exchange(soci::use(secret_hash));
  st.alloc();
  st.prepare(std::string("SELECT ") + kColumns +
             ", u.version, u.active, u.must_change_password, t.secret_hash FROM api_tokens t JOIN users u ON u.id = t.user_id "
             "WHERE t.secret_hash = :h");
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  out.token = rd.row();
  out.user_active = active != 0;
  out.user_must_change_password = must != 0;
  return out;
}

std::vector<ApiTokenRow> list_api_tokens(soci::session& s, long long user_id) {
  Reader rd;
  std::vector<ApiTokenRow> out;
  soci::statement st(s);
  rd.bind(st);
  st.exchange(soci::use(user_id));
  st.alloc();
  st.prepare(std::string("SELECT ") + kColumns + " FROM api_tokens t WHERE t.user_id = :u ORDER BY t.id DESC");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) out.push_back(rd.row());
  return out;
}

long long count_live_api_tokens(soci::session& s, long long user_id, long long now) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM api_tokens WHERE user_id = :u AND revoked_at IS NULL AND expires_at > :n", soci::use(user_id),
      soci::use(now), soci::into(n);
  return n;
}

bool revoke_api_token(soci::session& s, long long id, long long owner_unit_id, const Actor& actor) {
  auto before = get_api_token(s, id);
  if (!before || !before->revoked_at.empty()) return false;
  const std::string now = now_iso_utc();
  long long by = actor.user_id;
  soci::indicator ib = actor.user_id ? soci::i_ok : soci::i_null;
  soci::statement st = (s.prepare << "UPDATE api_tokens SET revoked_at = :a, revoked_by = :b, version = version + 1 "
                                     "WHERE id = :id AND revoked_at IS NULL",
                        soci::use(now), soci::use(by, ib), soci::use(id));
  st.execute(true);
  if (st.get_affected_rows() != 1) return false;  // revoked meanwhile by a concurrent request
  ApiTokenRow after = *get_api_token(s, id);
  record_audit(s, actor, {"update", "api_token", std::to_string(id), owner_unit_id, audit_json(*before), audit_json(after)});
  return true;
}

void record_api_token_use(soci::session& s, long long token_id, const std::string& method, const std::string& path,
                          int status, const std::string& ip) {
  const std::string at = now_iso_utc();
  const std::string p = path.substr(0, 500), m = method.substr(0, 10), addr = ip.substr(0, 64);
  s << "INSERT INTO api_token_uses(token_id, at, method, path, status, ip) VALUES(:t, :a, :m, :p, :s, :i)", soci::use(token_id),
      soci::use(at), soci::use(m), soci::use(p), soci::use(status), soci::use(addr);
  s << "UPDATE api_tokens SET last_used_at = :a, last_used_ip = :i WHERE id = :t", soci::use(at), soci::use(addr),
      soci::use(token_id);
  const long long keep = static_cast<long long>(api_tokens::kUsesKept);
  s << "DELETE FROM api_token_uses WHERE token_id = :t AND id <= (SELECT id FROM api_token_uses WHERE token_id = :t2 "
       "ORDER BY id DESC LIMIT 1 OFFSET :k)",
      soci::use(token_id), soci::use(token_id), soci::use(keep);
}

std::vector<ApiTokenUse> list_api_token_uses(soci::session& s, long long token_id, int limit) {
  std::vector<ApiTokenUse> out;
  ApiTokenUse u;
  long long lim = limit;
  soci::statement st = (s.prepare << "SELECT at, method, path, status, ip FROM api_token_uses WHERE token_id = :t "
                                     "ORDER BY id DESC LIMIT :l",
                        soci::into(u.at), soci::into(u.method), soci::into(u.path), soci::into(u.status), soci::into(u.ip),
                        soci::use(token_id), soci::use(lim));
  st.execute();
  while (st.fetch()) out.push_back(u);
  return out;
}

}  // namespace longghep
