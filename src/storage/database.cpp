#include "storage/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <map>
#include <regex>

#include "domain/error.hpp"

namespace longghep {
namespace resources { const std::map<std::string, std::string>& all(); }

namespace {
const char* kSqliteSentinel = "sqlite://";
}

std::unique_ptr<Database> Database::open(const std::string& url, size_t pool_size, long long lease_timeout_ms) {
  if (url.rfind(kSqliteSentinel, 0) == 0)
    return std::unique_ptr<Database>(new Database(Backend::sqlite, url, pool_size, lease_timeout_ms));
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
    return std::unique_ptr<Database>(new Database(Backend::postgresql, url, pool_size, lease_timeout_ms));
  throw Error::BadRequest("Địa chỉ CSDL không hợp lệ: cần sqlite:///… hoặc postgresql://…",
                          "Unsupported database URL: expected sqlite:///… or postgresql://…", "db");
}

namespace {
void open_session(soci::session& s, Backend b, const std::string& url) {
  if (b == Backend::sqlite) {
    std::string path = url.substr(std::string(kSqliteSentinel).size());
    s.open(soci::sqlite3, "db=" + path + " timeout=10");
    s << "PRAGMA journal_mode=WAL";
    s << "PRAGMA foreign_keys=ON";
    s << "PRAGMA busy_timeout=10000";
    s << "PRAGMA synchronous=NORMAL";
  } else {
    s.open(soci::postgresql, url);
    s << "SET client_min_messages TO WARNING";
  }
}
}  // namespace

Database::Database(Backend b, std::string url, size_t pool_size, long long lease_timeout_ms)
    : backend_(b), url_(url), pool_size_(pool_size), lease_timeout_ms_(lease_timeout_ms),
      pool_(std::make_unique<soci::connection_pool>(pool_size)) {
  redacted_url_ = std::regex_replace(url, std::regex(":[^:@/]*@"), ":***@");
  for (size_t i = 0; i < pool_size; ++i) open_session(pool_->at(i), b, url);
}

std::unique_ptr<soci::session> Database::open_dedicated() {
  auto s = std::make_unique<soci::session>();
  open_session(*s, backend_, url_);
  return s;
}

// Connections this thread holds from the pool. A thread that asks for a second one while holding
// one is the deadlock of issue 11 in waiting (every worker holding one, all waiting for a second):
// it is logged as an error, and tests/chaos fails on that line.
thread_local int t_leases_held = 0;
// The before-commit hooks of the transaction open on this thread (null outside transact).
thread_local std::vector<std::function<void(soci::session&)>>* t_before_commit = nullptr;

// A pooled connection for the duration of one with_session/transact, leased with a timeout.
class Database::Lease {
 public:
  explicit Lease(Database& db) : pool_(*db.pool_) {
    if (t_leases_held > 0)
      spdlog::error("nested database lease: this thread already holds a pooled connection (lock order, docs/ARCHITECTURE.md)");
    if (!pool_.try_lease(pos_, static_cast<int>(db.lease_timeout_ms_))) {
      spdlog::warn("no database connection free within {} ms ({} in the pool): answering busy", db.lease_timeout_ms_,
                   db.pool_size_);
      throw Error::Busy(2);
    }
    ++t_leases_held;
  }
  ~Lease() {
    --t_leases_held;
    pool_.give_back(pos_);
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  soci::session& session() { return pool_.at(pos_); }

 private:
  soci::connection_pool& pool_;
  size_t pos_ = 0;
};

Database::~Database() = default;

namespace {
// A pooled PostgreSQL connection that the server dropped (restart, failover, idle timeout) stays
// broken. Reopens it; true when the failure was the connection's, so the work may run again on
// the new one. Throws not_ready while the database cannot be reached.
bool reopened(soci::session& s) {
  if (s.is_connected()) return false;  // the SQL failed, not the connection
  spdlog::warn("database connection lost; reconnecting");
  try {
    s.reconnect();
    s << "SET client_min_messages TO WARNING";
  } catch (const std::exception& e) {
    spdlog::error("database reconnect failed: {}", e.what());
    throw Error(503, "not_ready", "Cơ sở dữ liệu chưa sẵn sàng", "The database is not reachable");
  }
  return true;
}
}  // namespace

void Database::with_session(const std::function<void(soci::session&)>& fn) {
  Lease lease(*this);
  soci::session& s = lease.session();
  try {
    fn(s);
  } catch (const soci::soci_error&) {
    if (backend_ != Backend::postgresql || !reopened(s)) throw;
    fn(s);
  }
}

void Database::transact(const std::function<void(soci::session&)>& fn) {
  Lease lease(*this);
  soci::session& s = lease.session();
  auto run = [&] {
    s << (backend_ == Backend::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    std::vector<std::function<void(soci::session&)>> hooks;
    struct Scope {
      std::vector<std::function<void(soci::session&)>>* saved;
      explicit Scope(std::vector<std::function<void(soci::session&)>>* h) : saved(t_before_commit) { t_before_commit = h; }
      ~Scope() { t_before_commit = saved; }
    } scope(&hooks);
    try {
      fn(s);
      for (size_t i = 0; i < hooks.size(); ++i) hooks[i](s);  // a hook may add hooks
      s << "COMMIT";
      commits_.fetch_add(1, std::memory_order_acq_rel);
    } catch (...) {
      try { s << "ROLLBACK"; } catch (const std::exception& e) { spdlog::error("rollback failed: {}", e.what()); }
      throw;
    }
  };
  try {
    run();
  } catch (const soci::soci_error&) {
    // A transaction cut off with its connection was rolled back by the server: run it again.
    if (backend_ != Backend::postgresql || !reopened(s)) throw;
    run();
  }
}

bool Database::before_commit(std::function<void(soci::session&)> fn) {
  if (!t_before_commit) return false;
  t_before_commit->push_back(std::move(fn));
  return true;
}

namespace {
// True while `stmt` (the text so far, before a ';') is a CREATE TRIGGER whose last word is not END.
bool in_trigger_body(const std::string& stmt) {
  std::string up;
  for (char c : stmt) up += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const size_t start = up.find_first_not_of(" \t\r\n");
  if (start == std::string::npos || up.compare(start, 14, "CREATE TRIGGER") != 0) return false;
  const size_t last = up.find_last_not_of(" \t\r\n");
  return !(last >= 2 && up.compare(last - 2, 3, "END") == 0 &&
           (last < 3 || !std::isalnum(static_cast<unsigned char>(up[last - 3])) && up[last - 3] != '_'));
}
}  // namespace

std::vector<std::string> split_sql_script(const std::string& script) {
  std::vector<std::string> out;
  std::string cur;
  bool quote = false;
  for (size_t i = 0; i < script.size(); ++i) {
    char c = script[i];
    if (!quote && c == '-' && i + 1 < script.size() && script[i + 1] == '-') {
      while (i < script.size() && script[i] != '\n') ++i;
      cur += '\n';
      continue;
    }
    if (c == '\'') quote = !quote;
    if (c == ';' && !quote) {
      // A trigger's body (CREATE TRIGGER … BEGIN stmt; stmt; END) ends only at its END.
      if (in_trigger_body(cur)) {
        cur += c;
        continue;
      }
      if (cur.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(cur);
      cur.clear();
      continue;
    }
    cur += c;
  }
  if (cur.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(cur);
  return out;
}

int Database::schema_version() {
  int v = 0;
  with_session([&](soci::session& s) {
    s << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
    soci::indicator ind;
    s << "SELECT MAX(version) FROM schema_migrations", soci::into(v, ind);
    if (ind == soci::i_null) v = 0;
  });
  return v;
}

int Database::migrate() {
  const std::string dir = backend_ == Backend::sqlite ? "migrations/sqlite/" : "migrations/postgresql/";
  int current = schema_version();
  int ran = 0;
  for (const auto& [path, sql] : resources::all()) {
    if (path.rfind(dir, 0) != 0) continue;
    const std::string name = path.substr(dir.size());
    const int version = std::stoi(name.substr(0, name.find('_')));
    if (version <= current) continue;
    transact([&](soci::session& s) {
      for (const auto& stmt : split_sql_script(sql)) s << stmt;
      std::string now = std::to_string(std::time(nullptr));
      s << "INSERT INTO schema_migrations(version, name, applied_at) VALUES(:v, :n, :t)",
          soci::use(version), soci::use(name), soci::use(now);
    });
    spdlog::info("applied migration {}", name);
    ++ran;
  }
  return ran;
}

bool Database::ping() {
  try {
    int one = 0;
    with_session([&](soci::session& s) { s << "SELECT 1", soci::into(one); });
    return one == 1;
  } catch (const std::exception&) {
    return false;
  }
}

std::string in_placeholders(size_t n, const std::string& prefix) {
  std::string out = "(";
  for (size_t i = 0; i < n; ++i) {
    if (i) out += ',';
    out += ":" + prefix + std::to_string(i);
  }
  return out + ")";
}

}  // namespace longghep
