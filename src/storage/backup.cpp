#include "storage/backup.hpp"

#include <soci/soci.h>
#include <sqlite3.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>
#include <vector>

#include "domain/error.hpp"
#include "storage/database.hpp"

namespace longghep {
namespace {

const std::string kSqlite = "sqlite://";

bool is_sqlite(const std::string& url) { return url.rfind(kSqlite, 0) == 0; }
bool is_pg(const std::string& url) { return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0; }

Error bad_url() {
  return Error::BadRequest("Địa chỉ CSDL không hợp lệ: cần sqlite:///… hoặc postgresql://…",
                           "Unsupported database URL: expected sqlite:///… or postgresql://…", "db");
}

Error failed(const std::string& vi, const std::string& en) { return Error(500, "backup_failed", vi, en); }

struct Sqlite {
  sqlite3* db = nullptr;
  Sqlite(const std::string& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
      const std::string m = db ? sqlite3_errmsg(db) : "out of memory";
      sqlite3_close(db);
      db = nullptr;
      throw failed("Không mở được CSDL SQLite " + path + ": " + m, "Cannot open the SQLite database " + path + ": " + m);
    }
    sqlite3_busy_timeout(db, 10000);
  }
  ~Sqlite() { sqlite3_close(db); }
  long long count(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    long long n = -1;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
      n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
  }
  std::string text(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(st, 0);
      if (t) out = reinterpret_cast<const char*>(t);
    }
    sqlite3_finalize(st);
    return out;
  }
};

// Copies `from` into `to` with the online backup API: 512 pages at a time, waiting while the
// source is locked; a write to the source restarts the copy of the remaining pages.
void sqlite_copy(Sqlite& from, Sqlite& to) {
  sqlite3_backup* b = sqlite3_backup_init(to.db, "main", from.db, "main");
  if (!b) throw failed(std::string("Không sao lưu được: ") + sqlite3_errmsg(to.db), std::string("Backup failed: ") + sqlite3_errmsg(to.db));
  int rc;
  do {
    rc = sqlite3_backup_step(b, 512);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE)
    throw failed(std::string("Sao lưu bị lỗi: ") + sqlite3_errstr(rc), std::string("Backup failed: ") + sqlite3_errstr(rc));
}

void check_sqlite_file(Sqlite& db, const std::string& path) {
  const std::string ok = db.text("PRAGMA quick_check");
  if (ok != "ok")
    throw Error(400, "invalid_backup", "Tệp " + path + " không phải bản sao lưu SQLite hợp lệ (" + ok + ")",
                "File " + path + " is not a valid SQLite backup (" + ok + ")", "in");
  if (db.count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") != 1)
    throw Error(400, "invalid_backup", "Tệp " + path + " không phải bản sao lưu của longghep",
                "File " + path + " is not a longghep backup", "in");
}

// Runs argv[0] (looked up in PATH) without a shell; throws when it is missing or fails.
void run_tool(const std::vector<std::string>& args, bool quiet = false) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  int fds[2];
  if (pipe(fds) != 0) throw failed("Không chạy được " + args[0], "Cannot run " + args[0]);
  const pid_t pid = fork();
  if (pid < 0) throw failed("Không chạy được " + args[0], "Cannot run " + args[0]);
  if (pid == 0) {
    close(fds[0]);
    if (quiet) {
      const int null = open("/dev/null", O_WRONLY);
      if (null >= 0) dup2(null, 1);
    }
    execvp(argv[0], argv.data());
    const int e = errno;
    [[maybe_unused]] auto w = write(fds[1], &e, sizeof e);
    _exit(127);
  }
  close(fds[1]);
  int exec_errno = 0;
  const bool exec_failed = read(fds[0], &exec_errno, sizeof exec_errno) == static_cast<ssize_t>(sizeof exec_errno);
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  if (exec_failed) {
    if (exec_errno == ENOENT)
      throw Error(500, "tool_missing",
                  "Không tìm thấy " + args[0] + ": hãy cài gói postgresql-client (Debian: apt-get install postgresql-client) cùng phiên bản với máy chủ PostgreSQL",
                  args[0] + " was not found: install postgresql-client (Debian: apt-get install postgresql-client) of the PostgreSQL server's version");
    throw failed("Không chạy được " + args[0], "Cannot run " + args[0] + ": " + std::strerror(exec_errno));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw failed(args[0] + " thất bại (mã " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + "); xem thông báo ở trên",
                 args[0] + " failed (exit " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + "); see its message above");
}

Error not_empty(const std::string& what) {
  return Error(409, "database_not_empty",
               "CSDL đích " + what + " đã có dữ liệu; không ghi đè. Dùng --force để thay toàn bộ nội dung của nó bằng bản sao lưu",
               "The target database " + what + " is not empty; nothing was overwritten. Use --force to replace all of its content with the backup",
               "db");
}

}  // namespace

BackupSummary backup_database(const std::string& url, const std::string& out) {
  if (out.empty()) throw Error::Validation("out", "Cần tệp đích (--out)", "The output file (--out) is required");
  const std::string partial = out + ".partial";
  std::error_code ec;
  std::filesystem::remove(partial, ec);
  BackupSummary r;
  if (is_sqlite(url)) {
    const std::string path = url.substr(kSqlite.size());
    if (!std::filesystem::exists(path, ec))
      throw Error::NotFound("CSDL " + path, "Database " + path);
    {
      Sqlite from(path, SQLITE_OPEN_READONLY);
      Sqlite to(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      sqlite_copy(from, to);
      // A single file, whatever the source's journal: no -wal to carry along.
      sqlite3_exec(to.db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
      check_sqlite_file(to, partial);
    }
    r.method = "sqlite3_backup";
  } else if (is_pg(url)) {
    run_tool({"pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file=" + partial, "--dbname=" + url});
    r.method = "pg_dump";
  } else {
    throw bad_url();
  }
  std::filesystem::rename(partial, out);
  r.bytes = static_cast<long long>(std::filesystem::file_size(out));
  return r;
}

void restore_database(const std::string& url, const std::string& in, bool force) {
  std::error_code ec;
  if (in.empty() || !std::filesystem::is_regular_file(in, ec))
    throw Error::Validation("in", "Không có tệp sao lưu " + in, "No backup file " + in);
  if (is_sqlite(url)) {
    const std::string path = url.substr(kSqlite.size());
    Sqlite from(in, SQLITE_OPEN_READONLY);
    check_sqlite_file(from, in);
    std::filesystem::path p(path);
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
    Sqlite to(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (to.count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'") > 0 && !force) throw not_empty(path);
    sqlite_copy(from, to);
    sqlite3_exec(to.db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
    const std::string ok = to.text("PRAGMA integrity_check");
    if (ok != "ok") throw failed("CSDL sau khi khôi phục bị lỗi: " + ok, "The restored database fails its integrity check: " + ok);
  } else if (is_pg(url)) {
    // The file is read before the database is touched: a file that is no dump changes nothing.
    try {
      run_tool({"pg_restore", "--list", in}, true);
    } catch (const Error& e) {
      if (e.code() == "tool_missing") throw;
      throw Error(400, "invalid_backup", "Tệp " + in + " không phải bản sao lưu pg_dump hợp lệ",
                  "File " + in + " is not a valid pg_dump backup", "in");
    }
    {
      auto db = Database::open(url, 1);
      db->with_session([&](soci::session& s) {
        long long n = 0;
        s << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'", soci::into(n);
        if (n > 0) {
          if (!force) throw not_empty(db->url_for_logs());
          s << "DROP SCHEMA public CASCADE";
          s << "CREATE SCHEMA public";
        }
      });
    }
    run_tool({"pg_restore", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname=" + url, in});
  } else {
    throw bad_url();
  }
}

}  // namespace longghep
