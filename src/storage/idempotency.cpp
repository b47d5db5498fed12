#include "storage/idempotency.hpp"

#include "storage/audit.hpp"

namespace longghep {

bool Idempotency::valid_key(const std::string& key) {
  if (key.empty() || key.size() > kMaxKeyLength) return false;
  for (unsigned char ch : key)
    if (ch <= 0x20 || ch >= 0x7f) return false;
  return true;
}

bool claim_idempotency_key(soci::session& s, long long user_id, const std::string& key, const std::string& request_hash,
                           std::optional<IdempotencyRecord>& existing) {
  existing.reset();
  const long long now = now_unix();
  const long long cutoff = now - Idempotency::kTtlSeconds;
  s << "DELETE FROM idempotency_keys WHERE created_at < :c", soci::use(cutoff);
  soci::statement st = (s.prepare << "INSERT INTO idempotency_keys(user_id, idem_key, request_hash, status, created_at) "
                                     "VALUES(:u, :k, :h, 0, :n) ON CONFLICT (user_id, idem_key) DO NOTHING",
                        soci::use(user_id), soci::use(key), soci::use(request_hash), soci::use(now));
  st.execute(true);
  if (st.get_affected_rows() > 0) return true;
  IdempotencyRecord r;
  s << "SELECT request_hash, status, content_type, response FROM idempotency_keys WHERE user_id = :u AND idem_key = :k",
      soci::into(r.request_hash), soci::into(r.status), soci::into(r.content_type), soci::into(r.response),
      soci::use(user_id), soci::use(key);
  if (s.got_data()) existing = r;
  return false;
}

void complete_idempotency_key(soci::session& s, long long user_id, const std::string& key, int status,
                              const std::string& content_type, const std::string& response) {
  s << "UPDATE idempotency_keys SET status = :s, content_type = :c, response = :r WHERE user_id = :u AND idem_key = :k",
      soci::use(status), soci::use(content_type), soci::use(response), soci::use(user_id), soci::use(key);
}

void release_idempotency_key(soci::session& s, long long user_id, const std::string& key) {
  s << "DELETE FROM idempotency_keys WHERE user_id = :u AND idem_key = :k", soci::use(user_id), soci::use(key);
}

}  // namespace longghep
