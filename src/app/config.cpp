#include "app/config.hpp"

#include <cstdlib>
#include <fstream>

#include "domain/error.hpp"

namespace longghep {
namespace {
const char* kKeys[] = {"db", "port", "bind", "web_root", "threads", "max_body_bytes", "session_ttl_seconds",
                       "cookie_secure", "log_level", "log_json", "io_threads", "max_connections",
                       "max_connections_per_ip", "rate_per_ip", "rate_burst_per_ip", "queue_limit",
                       "header_timeout_ms", "body_timeout_ms", "idle_timeout_ms", "write_timeout_ms", "reuse_port",
                       "db_pool", "db_lease_timeout_ms", "response_cache_mb", "bench_routes",
                       // e-mail (domain/mail.hpp); the password only from LONGGHEP_SMTP_PASSWORD or smtp_password_file
                       "smtp_host", "smtp_port", "smtp_from", "smtp_user", "smtp_password_file", "smtp_security",
                       "smtp_connect_timeout_ms", "smtp_timeout_ms", "mail_max_attempts", "mail_retry_base_ms",
                       "mail_retry_max_ms", "mail_batch", "mail_poll_ms", "mail_public_url",
                       // people supported: the master key file (security/sealing.hpp)
                       "case_key_file", "case_retention_years"};

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r"), b = s.find_last_not_of(" \t\r");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

long long to_int(const std::string& key, const std::string& v, long long lo, long long hi) {
  try {
    size_t pos = 0;
    long long n = std::stoll(v, &pos);
    if (pos == v.size() && n >= lo && n <= hi) return n;
  } catch (const std::exception&) {
  }
  throw Error::Validation(key, "Cấu hình " + key + " không hợp lệ: " + v, "Invalid config value for " + key + ": " + v);
}

bool to_bool(const std::string& key, const std::string& v) {
  if (v == "true" || v == "1" || v == "yes") return true;
  if (v == "false" || v == "0" || v == "no") return false;
  throw Error::Validation(key, "Cấu hình " + key + " phải là true/false", "Config " + key + " must be true or false");
}
}  // namespace

std::map<std::string, std::string> parse_config_text(const std::string& text) {
  std::map<std::string, std::string> kv;
  size_t line_no = 0, pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = trim(text.substr(pos, end - pos));
    ++line_no;
    pos = end + 1;
    if (line.empty() || line[0] == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string::npos)
      throw Error::Validation("config", "Dòng cấu hình " + std::to_string(line_no) + " thiếu dấu '='",
                              "Config line " + std::to_string(line_no) + " has no '='");
    kv[trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
  }
  return kv;
}

void apply_config(Config& cfg, const std::map<std::string, std::string>& kv) {
  for (const auto& [k, v] : kv) {
    if (k == "db") cfg.db_url = v;
    else if (k == "port") cfg.port = static_cast<int>(to_int(k, v, 1, 65535));
    else if (k == "bind") cfg.bind = v;
    else if (k == "web_root") cfg.web_root = v;
    else if (k == "threads") cfg.threads = static_cast<int>(to_int(k, v, 1, 256));
    else if (k == "max_body_bytes") cfg.max_body_bytes = static_cast<size_t>(to_int(k, v, 1024, 1 << 30));
    else if (k == "session_ttl_seconds") cfg.session_ttl_seconds = to_int(k, v, 60, 30LL * 24 * 3600);
    else if (k == "cookie_secure") cfg.cookie_secure = to_bool(k, v);
    else if (k == "log_level") cfg.log_level = v;
    else if (k == "log_json") cfg.log_json = to_bool(k, v);
    else if (k == "bench_routes") cfg.bench_routes = to_bool(k, v);
    else if (k == "case_key_file") cfg.case_key_file = v;
    else if (k == "case_retention_years") cfg.case_retention_years = static_cast<int>(to_int(k, v, 1, 100));
    else if (k == "io_threads") cfg.io_threads = static_cast<int>(to_int(k, v, 1, 64));
    else if (k == "max_connections") cfg.max_connections = static_cast<int>(to_int(k, v, 16, 1000000));
    else if (k == "max_connections_per_ip") cfg.max_connections_per_ip = static_cast<int>(to_int(k, v, 1, 1000000));
    else if (k == "rate_per_ip") cfg.rate_per_ip = static_cast<int>(to_int(k, v, 1, 1000000));
    else if (k == "rate_burst_per_ip") cfg.rate_burst_per_ip = static_cast<int>(to_int(k, v, 1, 1000000));
    else if (k == "queue_limit") cfg.queue_limit = static_cast<int>(to_int(k, v, 1, 1000000));
    else if (k == "header_timeout_ms") cfg.header_timeout_ms = to_int(k, v, 100, 600000);
    else if (k == "body_timeout_ms") cfg.body_timeout_ms = to_int(k, v, 100, 600000);
    else if (k == "idle_timeout_ms") cfg.idle_timeout_ms = to_int(k, v, 100, 3600000);
    else if (k == "write_timeout_ms") cfg.write_timeout_ms = to_int(k, v, 100, 600000);
    else if (k == "reuse_port") cfg.reuse_port = to_bool(k, v);
    else if (k == "db_pool") cfg.db_pool = static_cast<int>(to_int(k, v, 1, 256));
    else if (k == "db_lease_timeout_ms") cfg.db_lease_timeout_ms = to_int(k, v, 10, 600000);
    else if (k == "response_cache_mb") cfg.response_cache_mb = static_cast<int>(to_int(k, v, 0, 4096));
    else if (k == "smtp_host") cfg.mail.host = v;
    else if (k == "smtp_port") cfg.mail.port = static_cast<int>(to_int(k, v, 1, 65535));
    else if (k == "smtp_from") cfg.mail.from = v;
    else if (k == "smtp_user") cfg.mail.user = v;
    else if (k == "smtp_password_file") cfg.mail.password_file = v;
    else if (k == "smtp_security") cfg.mail.security = v;
    else if (k == "smtp_connect_timeout_ms") cfg.mail.connect_timeout_ms = to_int(k, v, 100, 600000);
    else if (k == "smtp_timeout_ms") cfg.mail.timeout_ms = to_int(k, v, 100, 600000);
    else if (k == "mail_max_attempts") cfg.mail.max_attempts = static_cast<int>(to_int(k, v, 1, 100));
    else if (k == "mail_retry_base_ms") cfg.mail.retry_base_ms = to_int(k, v, 10, 24LL * 3600 * 1000);
    else if (k == "mail_retry_max_ms") cfg.mail.retry_max_ms = to_int(k, v, 10, 7LL * 24 * 3600 * 1000);
    else if (k == "mail_batch") cfg.mail.batch = static_cast<int>(to_int(k, v, 1, 1000));
    else if (k == "mail_poll_ms") cfg.mail.poll_ms = to_int(k, v, 50, 3600000);
    else if (k == "mail_public_url") cfg.mail.public_url = v;
    else throw Error::Validation(k, "Khóa cấu hình không tồn tại: " + k, "Unknown config key: " + k);
  }
}

void finish_mail_config(Config& cfg) {
  MailOptions& m = cfg.mail;
  if (!m.enabled()) return;
  if (const char* p = std::getenv("LONGGHEP_SMTP_PASSWORD"); p && *p) {
    m.password = p;
  } else if (!m.password_file.empty()) {
    std::ifstream in(m.password_file, std::ios::binary);
    if (!in)
      throw Error::Validation("smtp_password_file", "Không đọc được tệp mật khẩu SMTP: " + m.password_file,
                              "Cannot read the SMTP password file: " + m.password_file);
    std::getline(in, m.password);
    while (!m.password.empty() && (m.password.back() == '\r' || m.password.back() == '\n')) m.password.pop_back();
  }
  validate_mail_options(m);
}

std::map<std::string, std::string> config_from_env() {
  std::map<std::string, std::string> kv;
  for (const char* key : kKeys) {
    std::string env = "LONGGHEP_";
    for (const char* p = key; *p; ++p) env += static_cast<char>(std::toupper(static_cast<unsigned char>(*p)));
    if (const char* v = std::getenv(env.c_str())) kv[key] = v;
  }
  return kv;
}

}  // namespace longghep
