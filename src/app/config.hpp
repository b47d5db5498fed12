// Configuration: defaults < config file (key = value) < environment (LONGGHEP_*) < flags.
#pragma once
#include <map>
#include <string>

#include "http/app.hpp"

namespace longghep {

// Parses "key = value" lines ('#' comments). Throws Error naming the line on bad syntax.
std::map<std::string, std::string> parse_config_text(const std::string& text);
// Applies known keys (db, port, bind, web_root, threads, max_body_bytes, session_ttl_seconds,
// cookie_secure, log_level, log_json, bench_routes, the HTTP limits and timeouts of Config, db_pool,
// db_lease_timeout_ms); throws on unknown keys or bad values.
void apply_config(Config& cfg, const std::map<std::string, std::string>& kv);
// Reads LONGGHEP_DB, LONGGHEP_PORT, … from the environment.
std::map<std::string, std::string> config_from_env();

}  // namespace longghep
