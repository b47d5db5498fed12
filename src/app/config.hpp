// Configuration: defaults < config file (key = value) < environment (LONGGHEP_*) < flags.
// Config is the whole of it; the HTTP layer is handed only its part, HttpOptions (http/app.hpp),
// so src/http never depends on src/app.
#pragma once
#include <map>
#include <string>

#include "http/app.hpp"

namespace longghep {

struct Config : HttpOptions {
  std::string db_url = "sqlite://data/longghep.db";
  // Database (storage/database.hpp): pooled connections and the longest wait for one (then 503).
  int db_pool = 16;
  long long db_lease_timeout_ms = 3000;
  std::string log_level = "info";
  // The master key(s) of the sealed identities (security/sealing.hpp, issue 16): a file of hex
  // keys, the first current (`longghep keys init` writes one). LONGGHEP_CASE_MASTER_KEY (hex) is
  // used when no file is configured. Neither may be in the repository or the database.
  std::string case_key_file;
  // Retention (issue 16 §6, `longghep retention run`): closed records are anonymised this many
  // years after their closure.
  int case_retention_years = 5;
  bool log_json = true;
  // The part the HTTP layer is given (App's constructor).
  const HttpOptions& http() const { return *this; }
};

// Parses "key = value" lines ('#' comments). Throws Error naming the line on bad syntax.
std::map<std::string, std::string> parse_config_text(const std::string& text);
// Applies known keys (db, port, bind, web_root, threads, max_body_bytes, session_ttl_seconds,
// cookie_secure, log_level, log_json, case_key_file, bench_routes, the HTTP limits and timeouts of HttpOptions, db_pool,
// db_lease_timeout_ms); throws on unknown keys or bad values.
void apply_config(Config& cfg, const std::map<std::string, std::string>& kv);
// E-mail: reads the SMTP password (LONGGHEP_SMTP_PASSWORD, else the first line of smtp_password_file)
// and checks the mail settings (validate_mail_options). Nothing to do without smtp_host.
void finish_mail_config(Config& cfg);
// Reads LONGGHEP_DB, LONGGHEP_PORT, … from the environment.
std::map<std::string, std::string> config_from_env();

}  // namespace longghep
