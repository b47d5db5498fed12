#include "storage/jobs.hpp"

#include <signal.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "storage/audit.hpp"

namespace longghep::jobs {
using nlohmann::json;

namespace {

std::string iso_utc(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Field 22 of /proc/<pid>/stat (start time in clock ticks since boot); empty when unreadable.
std::string start_time_of(long long pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return {};
  const auto close = line.rfind(')');
  if (close == std::string::npos) return {};
  std::istringstream rest(line.substr(close + 2));  // fields 3…
  std::string f;
  for (int field = 3; field <= 22 && (rest >> f); ++field)
    if (field == 22) return f;
  return {};
}

std::string host_name() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "?";
  return buf;
}

const std::string kNothingVi = "Bị gián đoạn khi máy chủ dừng đột ngột — chưa ghi dữ liệu nào; hãy tải tệp lên lại";
const std::string kNothingEn = "Interrupted when the server stopped abruptly — nothing was written; upload the file again";

}  // namespace

bool is_running(const std::string& state) { return state == "validating" || state == "committing"; }

const std::string& this_runner() {
  static const std::string r = host_name() + ":" + std::to_string(getpid()) + ":" + start_time_of(getpid());
  return r;
}

bool runner_alive(const std::string& runner) {
  if (runner == this_runner()) return true;
  // host:pid:start
  const auto b = runner.rfind(':');
  if (b == std::string::npos || b == 0) return false;
  const auto a = runner.rfind(':', b - 1);
  if (a == std::string::npos) return false;
  const std::string host = runner.substr(0, a), start = runner.substr(b + 1);
  long long pid = 0;
  try { pid = std::stoll(runner.substr(a + 1, b - a - 1)); } catch (...) { return false; }
  if (host != host_name()) return true;  // another machine's process: not ours to judge
  if (pid <= 0 || pid == getpid()) return false;  // our pid, but not us: a previous life of this pid
  if (kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) return false;
  const std::string now = start_time_of(pid);
  return now.empty() || start.empty() || now == start;  // same pid, other process: dead
}

long long create(soci::session& s, const std::string& kind, long long user_id, const std::string& state,
                 const json& input) {
  const std::string now = now_iso_utc(), in = input.dump();
  long long id = 0;
  s << "INSERT INTO jobs(kind, user_id, state, progress, input_json, outcome_json, runner, created_at, updated_at) "
       "VALUES(:k, :u, :s, 0, :i, '{}', :r, :c, :c2) RETURNING id",
      soci::use(kind), soci::use(user_id), soci::use(state), soci::use(in), soci::use(this_runner()), soci::use(now),
      soci::use(now), soci::into(id);
  return id;
}

void update(soci::session& s, long long id, const std::string& state, double progress, const json& outcome,
            const std::optional<std::string>& temp_path) {
  const std::string now = now_iso_utc(), out = outcome.dump();
  const std::string path = temp_path.value_or("");
  soci::indicator pi = temp_path ? soci::i_ok : soci::i_null;
  s << "UPDATE jobs SET state = :s, progress = :p, outcome_json = :o, temp_path = :t, updated_at = :u WHERE id = :id",
      soci::use(state), soci::use(progress), soci::use(out), soci::use(path, pi), soci::use(now), soci::use(id);
}

bool claim(soci::session& s, long long id, const std::string& from, const std::string& to) {
  const std::string now = now_iso_utc();
  soci::statement st = (s.prepare << "UPDATE jobs SET state = :t, runner = :r, updated_at = :u WHERE id = :id AND state = :f",
                        soci::use(to), soci::use(this_runner()), soci::use(now), soci::use(id), soci::use(from));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::optional<JobRow> load(soci::session& s, long long id) {
  JobRow j;
  std::string input, outcome, path, runner;
  soci::indicator pi = soci::i_null, ri = soci::i_null;
  s << "SELECT id, kind, user_id, state, progress, input_json, outcome_json, temp_path, runner, created_at, updated_at "
       "FROM jobs WHERE id = :id",
      soci::use(id), soci::into(j.id), soci::into(j.kind), soci::into(j.user_id), soci::into(j.state),
      soci::into(j.progress), soci::into(input), soci::into(outcome), soci::into(path, pi), soci::into(runner, ri),
      soci::into(j.created_at), soci::into(j.updated_at);
  if (!s.got_data()) return std::nullopt;
  j.input = json::parse(input, nullptr, false);
  j.outcome = json::parse(outcome, nullptr, false);
  if (j.input.is_discarded()) j.input = json::object();
  if (j.outcome.is_discarded()) j.outcome = json::object();
  if (pi == soci::i_ok && !path.empty()) j.temp_path = path;
  if (ri == soci::i_ok) j.runner = runner;
  return j;
}

void remove(soci::session& s, long long id) { s << "DELETE FROM jobs WHERE id = :id", soci::use(id); }

namespace {
std::string db_tag(const Database& db) {
  const std::string& u = db.url_for_logs();
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(u.data()), u.size());
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 6; ++i) { s += hex[h[i] >> 4]; s += hex[h[i] & 15]; }
  return s;
}
std::string file_prefix(const Database& db) { return "longghep-job-" + db_tag(db) + "-"; }
}  // namespace

std::string file_path(const Database& db, long long id) {
  return (std::filesystem::temp_directory_path() / (file_prefix(db) + std::to_string(id) + ".upload")).string();
}

void remove_file(const std::optional<std::string>& path) {
  if (!path || path->empty()) return;
  std::error_code ec;
  std::filesystem::remove(*path, ec);
}

int discard_expired(Database& db) {
  const std::string cutoff = iso_utc(std::time(nullptr) - kValidatedTtlSeconds);
  std::vector<long long> ids;
  db.with_session([&](soci::session& s) {
    long long id = 0;
    soci::statement st = (s.prepare << "SELECT id FROM jobs WHERE state = 'validated' AND updated_at < :c",
                          soci::use(cutoff), soci::into(id));
    st.execute();
    while (st.fetch()) ids.push_back(id);
  });
  int n = 0;
  for (long long id : ids) {
    db.transact([&](soci::session& s) {
      auto j = load(s, id);
      if (!j || j->state != "validated") return;
      json out = j->outcome;
      out["message"] = "Đã hủy: tệp đã kiểm tra nhưng không được ghi trong " + std::to_string(kValidatedTtlSeconds / 3600) +
                       " giờ; chưa ghi dữ liệu nào";
      out["messageEn"] = "Discarded: the checked file was not written within " +
                         std::to_string(kValidatedTtlSeconds / 3600) + " hours; nothing was written";
      update(s, id, "discarded", j->progress, out, std::nullopt);
      remove_file(j->temp_path);
      ++n;
    });
  }
  return n;
}

Recovered recover(Database& db, const std::map<std::string, CommitProbe>& probes) {
  Recovered r;
  std::vector<long long> running;
  db.with_session([&](soci::session& s) {
    long long id = 0;
    soci::statement st = (s.prepare << "SELECT id FROM jobs WHERE state IN ('validating', 'committing') ORDER BY id",
                          soci::into(id));
    st.execute();
    while (st.fetch()) running.push_back(id);
  });
  for (long long id : running) {
    db.transact([&](soci::session& s) {
      auto j = load(s, id);
      if (!j || !is_running(j->state) || runner_alive(j->runner)) return;
      std::optional<json> done;
      if (j->state == "committing")
        if (auto p = probes.find(j->kind); p != probes.end()) done = p->second(s, *j);
      json out = done ? *done : j->outcome;
      if (!done) {
        out["message"] = kNothingVi;
        out["messageEn"] = kNothingEn;
      }
      update(s, id, done ? "committed" : "interrupted", done ? 1.0 : j->progress, out, std::nullopt);
      remove_file(j->temp_path);
      ++(done ? r.committed : r.interrupted);
      spdlog::warn("job {} ({}) left {} by {}: now {}", id, j->kind, j->state, j->runner,
                   done ? "committed" : "interrupted");
    });
  }
  r.discarded = discard_expired(db);
  // Stray files of this database: a job file whose job no longer needs it.
  const std::string prefix = file_prefix(db);
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::temp_directory_path(), ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    long long id = 0;
    try { id = std::stoll(name.substr(prefix.size())); } catch (...) { continue; }
    bool needed = false;
    db.with_session([&](soci::session& s) {
      auto j = load(s, id);
      needed = j && (is_running(j->state) || j->state == "validated") && j->temp_path == e.path().string();
    });
    if (!needed) {
      std::error_code rec;
      if (std::filesystem::remove(e.path(), rec)) ++r.files_removed;
    }
  }
  return r;
}

}  // namespace longghep::jobs
