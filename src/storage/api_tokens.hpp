// API tokens (issue 21 §1; domain/api_tokens.hpp): stored by the SHA-256 of their secret (never
// the secret), with the permissions, methods and address ranges chosen at creation, and a bounded
// log of their uses (the last api_tokens::kUsesKept per token).
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "storage/audit.hpp"

namespace longghep {

struct ApiTokenRow {
  long long id = 0, user_id = 0;
  std::string name, prefix;
  std::vector<std::string> permissions, methods, address_ranges;
  long long expires_at = 0;  // unix seconds
  std::string created_at;
  long long created_by = 0;
  std::string last_used_at, last_used_ip;  // empty: never used
  std::string revoked_at;                  // empty: not revoked
  long long revoked_by = 0;
  long long version = 1;
};

// A token as authentication needs it: the row with its owner's state.
struct ApiTokenAuth {
  ApiTokenRow token;
  long long user_version = 0;
  bool user_active = false, user_must_change_password = false;
};

struct ApiTokenInput {
  long long user_id = 0;
  long long owner_unit_id = 0;  // the owner's home unit: decides who reads the audit entry
  std::string name, prefix, secret_hash;
  std::vector<std::string> permissions, methods, address_ranges;
  long long expires_at = 0;
};

// Inserts and audits (entity api_token; never the secret). Returns the id.
long long create_api_token(soci::session& s, const ApiTokenInput& in, const Actor& actor);
std::optional<ApiTokenRow> get_api_token(soci::session& s, long long id);
std::optional<ApiTokenAuth> find_api_token(soci::session& s, const std::string& secret_hash);
// The user's tokens, newest first.
std::vector<ApiTokenRow> list_api_tokens(soci::session& s, long long user_id);
// Tokens of the user neither revoked nor expired at `now` (unix seconds).
long long count_live_api_tokens(soci::session& s, long long user_id, long long now);
// Marks revoked (audited as an update with `owner_unit_id`; after.revokedAt set); false when it already was (nothing written).
bool revoke_api_token(soci::session& s, long long id, long long owner_unit_id, const Actor& actor);
// One use: appended to the log (older than the last kUsesKept of this token dropped) and kept as
// the token's last use.
void record_api_token_use(soci::session& s, long long token_id, const std::string& method, const std::string& path,
                          int status, const std::string& ip);
struct ApiTokenUse {
  std::string at, method, path, ip;
  int status = 0;
};
std::vector<ApiTokenUse> list_api_token_uses(soci::session& s, long long token_id, int limit);

std::string iso_of_unix(long long t);  // 2026-11-23T18:00:00Z

}  // namespace longghep
