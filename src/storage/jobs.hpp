// Durable background jobs (issue 13): a job is a row of `jobs` (migration 0016) with its kind,
// owner, state, progress and outcome (JSON of the kind's own), so that a restart neither forgets
// a job nor reuses its id (the database hands out ids).
//
// States: validating → validated → committing → committed, or failed / interrupted / discarded.
// `validating` and `committing` are running states, worked on by one process, its `runner`
// ("host:pid:start-time"). A job's file (an upload) lives in the temporary directory as
// longghep-job-<database tag>-<id>.upload while the job needs it, and is deleted when the job
// ends (committed, failed, interrupted, discarded).
//
// On start-up, recover() resolves the running jobs of runners that no longer exist from the
// database's truth: a kind registers a probe that says whether the job's commit is in the
// database (then "committed", with the probe's outcome), else the job is "interrupted — nothing
// written"; it discards validations left uncommitted for longer than the TTL and deletes every
// stray job file of this database.
#pragma once
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "storage/database.hpp"

namespace longghep::jobs {

struct JobRow {
  long long id = 0, user_id = 0;
  std::string kind, state, runner, created_at, updated_at;
  double progress = 0;
  nlohmann::json input = nlohmann::json::object(), outcome = nlohmann::json::object();
  std::optional<std::string> temp_path;
};

// Validations not committed within this many seconds are discarded (their file deleted).
inline constexpr long long kValidatedTtlSeconds = 24 * 3600;

bool is_running(const std::string& state);  // validating | committing
// This process as a runner: "host:pid:start-time" (start time from /proc, so a reused pid is not
// mistaken for the process that died).
const std::string& this_runner();
bool runner_alive(const std::string& runner);

// Inserts a job in `state` owned by `user_id`, run by this process; returns its id.
long long create(soci::session& s, const std::string& kind, long long user_id, const std::string& state,
                 const nlohmann::json& input);
// Sets state, progress, outcome and the file (nullopt: none) of job `id`.
void update(soci::session& s, long long id, const std::string& state, double progress, const nlohmann::json& outcome,
            const std::optional<std::string>& temp_path);
// Moves job `id` from state `from` to `to` (taken by this process); false when it was not in `from`.
bool claim(soci::session& s, long long id, const std::string& from, const std::string& to);
std::optional<JobRow> load(soci::session& s, long long id);
// Deletes a job row (a job refused before it started: the id is still never reused).
void remove(soci::session& s, long long id);

// Where job `id`'s file lives: <temp dir>/longghep-job-<tag of this database>-<id>.upload.
std::string file_path(const Database& db, long long id);
void remove_file(const std::optional<std::string>& path);

// Probe of a kind: in session s, is job `id`'s commit in the database? Its outcome if so.
using CommitProbe = std::function<std::optional<nlohmann::json>(soci::session& s, const JobRow& job)>;
struct Recovered {
  int committed = 0, interrupted = 0, discarded = 0, files_removed = 0;
};
// Resolves interrupted jobs, discards expired validations, sweeps stray files (see above).
Recovered recover(Database& db, const std::map<std::string, CommitProbe>& probes);
// Discards validations older than the TTL (also run when a new job starts).
int discard_expired(Database& db);

}  // namespace longghep::jobs
