// Idempotency keys of POST requests (issue 21, migration 0039, docs/ARCHITECTURE.md "Offline").
// A client that may send a create twice (the offline queue of the web app, whose answer may be
// lost with the network) names the request with an `Idempotency-Key` header. The first request
// with a key claims it (status 0, in progress); its successful answer is stored with it; the same
// key again from the same user with the same request gets the stored answer back and nothing is
// done twice. Keys are per user, kept kTtlSeconds, pruned as new ones are claimed.
#pragma once
#include <optional>
#include <string>

#include <soci/soci.h>

namespace longghep {

struct IdempotencyRecord {
  std::string request_hash;
  int status = 0;  // 0: the first request is still being handled
  std::string content_type;
  std::string response;
};

struct Idempotency {
  static constexpr long long kTtlSeconds = 24 * 3600;
  static constexpr size_t kMaxKeyLength = 128;
  // A key is 1–128 printable ASCII characters without spaces.
  static bool valid_key(const std::string& key);
};

// Deletes the keys older than kTtlSeconds (every user's), then claims (user, key) for a request
// with this hash: true when claimed now; false when the key is already held — then `existing`
// holds what is stored.
bool claim_idempotency_key(soci::session& s, long long user_id, const std::string& key, const std::string& request_hash,
                           std::optional<IdempotencyRecord>& existing);
// Stores the answer of the request that claimed the key.
void complete_idempotency_key(soci::session& s, long long user_id, const std::string& key, int status,
                              const std::string& content_type, const std::string& response);
// Releases a claim whose request failed (nothing was done: the same request may be sent again).
void release_idempotency_key(soci::session& s, long long user_id, const std::string& key);

}  // namespace longghep
