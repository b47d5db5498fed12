// The one path to the database. Wraps a SOCI connection pool for SQLite (embedded default) or
// PostgreSQL, applies versioned migrations, and runs work in transactions.
//
// SQL is written once with `:name` placeholders and runs unchanged on both backends; the few
// places that differ ask backend(). Dates are stored as 'YYYY-MM-DD' text with open validity
// ends stored as '0001-01-01' / '9999-12-31', so range predicates are plain comparisons.
#pragma once
#include <soci/soci.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace longghep {

enum class Backend { sqlite, postgresql };

class Database {
 public:
  // url: sqlite:///abs/path.db, sqlite://relative/path.db, or postgresql://… (libpq URI).
  // pool_size connections are opened at once; a caller waits at most lease_timeout_ms for a free
  // one, then gets Error 503 `busy` with Retry-After (never an unbounded wait).
  static std::unique_ptr<Database> open(const std::string& url, size_t pool_size = 8, long long lease_timeout_ms = 3000);
  ~Database();

  Backend backend() const { return backend_; }
  size_t pool_size() const { return pool_size_; }
  // Opens a connection of its own, outside the pool, configured like the pooled ones (for a
  // long-lived background task that must never compete with requests for a pooled one).
  std::unique_ptr<soci::session> open_dedicated();
  const std::string& url_for_logs() const { return redacted_url_; }

  // Runs fn(session) on a pooled connection (no transaction).
  void with_session(const std::function<void(soci::session&)>& fn);
  // Runs fn(session) in a transaction: committed when fn returns, rolled back when it throws.
  // On SQLite the transaction takes the write lock up front (BEGIN IMMEDIATE).
  void transact(const std::function<void(soci::session&)>& fn);

  // Registers fn to run on the transaction's session just before its COMMIT — called from inside
  // the fn of a transact() on this thread; false (nothing registered) outside one. Used to take
  // a revision as late as possible, so a row lock taken for it is held only to the commit.
  static bool before_commit(std::function<void(soci::session&)> fn);
  // Transactions committed through transact() by this process since it opened the database (a
  // stamp for caches of answers computed from the data: http/response_cache.hpp).
  uint64_t commits() const { return commits_.load(std::memory_order_acquire); }

  // Applies pending migrations, each in its own transaction; returns how many ran.
  int migrate();
  int schema_version();
  bool ping();

 private:
  Database(Backend b, std::string url, size_t pool_size, long long lease_timeout_ms);
  class Lease;
  Backend backend_;
  std::string url_;
  std::string redacted_url_;
  size_t pool_size_;
  long long lease_timeout_ms_;
  std::unique_ptr<soci::connection_pool> pool_;
  std::atomic<uint64_t> commits_{0};
};

// Splits a migration script into statements at ';' outside quotes and comments.
std::vector<std::string> split_sql_script(const std::string& script);

// "(:p0,:p1,…)" for n values, for IN lists built from a Scope; binds via bind_ids().
std::string in_placeholders(size_t n, const std::string& prefix = "p");

}  // namespace longghep
