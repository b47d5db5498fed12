// Users, their roles, sessions and login attempts.
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "domain/access.hpp"
#include "storage/audit.hpp"

namespace longghep {

struct UserRow {
  long long id = 0;
  std::string username, full_name, email, password_hash;
  long long org_unit_id = 0, agency_id = 0;
  bool active = true, must_change_password = false;
  long long version = 1;
  std::string created_at, updated_at;
  std::set<std::string> roles;
  long long created_by = 0;  // the account that created this one (0: setup, CLI, before migration 0017)
};

struct UserInput {
  std::string username, full_name, email, password;
  long long org_unit_id = 0, agency_id = 0;
  std::set<std::string> roles;
  bool active = true;
  // The argon2id hash of `password`, computed before the transaction (hashing takes ~0.1 s and
  // 64 MiB; inside BEGIN IMMEDIATE it held SQLite's write lock). Empty: create_user hashes.
  std::string password_hash;
};

std::optional<UserRow> find_user(soci::session& s, const std::string& username);
std::optional<UserRow> get_user(soci::session& s, long long id);
long long count_users(soci::session& s);
// Inside a transaction, makes writers that decide on the whole users table (first-run setup) run
// one after another: PostgreSQL locks the table until commit; a SQLite transaction already holds
// the database write lock (BEGIN IMMEDIATE).
void lock_users(soci::session& s);
void lock_login_attempts(soci::session& s);  // the same, for the login throttle
std::set<std::string> permissions_of(soci::session& s, const std::set<std::string>& roles);
// role code -> its permissions, for every role that exists; throws validation_failed on unknown roles.
std::vector<std::set<std::string>> role_permissions(soci::session& s, const std::set<std::string>& roles);
nlohmann::json list_roles(soci::session& s);

// Records actor.user_id (when not 0) as created_by.
long long create_user(soci::session& s, const UserInput& in, bool must_change_password, const Actor& actor);
void update_user(soci::session& s, long long id, long long version, const UserInput& in, const Actor& actor);
// Validates and hashes inside: for the CLI. Request handlers hash first (security::hash_password
// after validate_password) and call set_password_hash in the transaction.
void set_password(soci::session& s, long long id, const std::string& password, bool must_change, const Actor& actor);
void set_password_hash(soci::session& s, long long id, const std::string& hash, bool must_change, const Actor& actor);

// The signer's title and name the official documents print for this user (Decree 30 signature
// block); empty: by the issuer's kind and the user's full name. Audited; the user's version is
// not moved (sessions stay valid).
void set_signer(soci::session& s, long long id, const std::string& title, const std::string& name, const Actor& actor);
// The user's stored signer title and name (empty when unset, or no such user) and full name.
struct SignerProfile {
  std::string title, name, full_name;
};
SignerProfile signer_profile(soci::session& s, long long user_id);
// The username of a user id; nullopt when there is none.
std::optional<std::string> username_of(soci::session& s, long long user_id);

struct UserFilter {
  std::string q, role;
  std::optional<bool> active;
  int page = 1, page_size = 50;
  std::string sort = "username";
};
// {items:[user ids], total}; the caller renders each user.
std::pair<std::vector<long long>, long long> list_user_ids(soci::session& s, const Scope& scope,
                                                           const Scope* within, const UserFilter& f);

// Sessions: the cookie carries a random token; only its SHA-256 is stored.
// A live session with its user's version and state (a change to the user — roles, unit, agency,
// active, password — moves the version, so a cached principal of an older version is stale).
struct SessionRow {
  long long user_id = 0;
  std::string csrf_token;
  long long expires_at = 0;
  long long user_version = 0;
  bool user_active = false;
  std::string offline_secret;  // hex of 32 random bytes: the key material of the web app's local store
};
std::pair<std::string, std::string> create_session(soci::session& s, long long user_id, long long ttl_seconds);  // token, csrf
std::optional<SessionRow> find_session(soci::session& s, const std::string& token);
void delete_session(soci::session& s, const std::string& token);
void delete_user_sessions(soci::session& s, long long user_id);
// Ends every session of the user but the one with this token (a password change keeps its own).
void delete_other_sessions(soci::session& s, long long user_id, const std::string& keep_token);

int recent_login_failures(soci::session& s, const std::string& username, long long since);
void record_login_attempt(soci::session& s, const std::string& username, const std::string& ip, bool success);

}  // namespace longghep
