// Bulk import of activities from a spreadsheet (CSV or XLSX in the template of
// docs/api-activities.md), as a background job: validate (stream the file, report every fault by
// row and column, count new and already-imported rows), then on request commit (stream it again,
// write every activity in ONE transaction: all or nothing).
//
// The file is never held whole: rows are streamed from disk, activities are assembled, validated
// and dropped one at a time. Jobs live in this process (ImportJobs) and run on a fixed worker
// queue with per-user and global bounds. Every job is also a row of `jobs` (storage/jobs.hpp): the
// id comes from the database (never reused), the state and outcome are written at each step and
// the commit records its job on the import (activity_imports.job_id) in its own transaction, so
// after a restart the job reads as committed or "interrupted — nothing written" (recover()). The
// file is deleted when the job ends (committed, invalid, failed, interrupted, discarded) or is
// refused. Only its creator may see a job.
#pragma once
#include <functional>
#include <atomic>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analytics/fact_store.hpp"
#include "domain/access.hpp"
#include "domain/error.hpp"
#include "domain/hierarchy.hpp"
#include "importer/activity_rows.hpp"
#include "storage/database.hpp"

namespace longghep {

struct ImportJob {
  long long id = 0, user_id = 0;
  std::string username, filename, path, format, created_at;
  Principal principal;  // as it was when the file was uploaded

  mutable std::mutex mu;  // guards everything below
  std::string status = "validating";  // validating | ready | invalid | committing | committed | failed
  long long rows_read = 0, rows_total = -1, new_rows = 0, duplicate_rows = 0, error_count = 0, committed = 0;
  long long bytes_read = 0, bytes_total = 0;
  std::vector<ImportIssue> errors;  // the first kMaxReported
  std::vector<ImportIssue> notes;   // rows skipped on purpose (totals rows), the first kMaxReported
  nlohmann::json preview = nlohmann::json::array();
  std::string message_vi, message_en;

  static constexpr size_t kMaxReported = 200;
  nlohmann::json to_json() const;
  // The job's state in `jobs` for its status: ready → validated, invalid → failed, others alike.
  static std::string state_of(const std::string& status);
};

class ImportJobs {
 public:
  static ImportJobs& instance();
  // Registers a job for the uploaded file at `path` (taken over) and queues its validation; 429
  // too_many_requests with Retry-After (and the file deleted) when the user already has
  // kPerUser jobs queued or running, or the process kQueued.
  std::shared_ptr<ImportJob> start(Database& db, HierarchyPtr h, const Principal& p, const std::string& filename,
                                   const std::string& path);
  // The job's answer (GET /api/activity-imports/{id}): from this process while it works on the
  // job, else from its row. 404 unless `user_id` created it.
  nlohmann::json status(Database& db, long long id, long long user_id);
  // 409 import_not_ready unless the job is `ready` (also after a restart: its row is validated
  // and its file still there); then queues its commit (429 as for start; the job stays `ready`).
  // `me` is the requester (the job's creator, checked). `on_committed(import_id, facts, revision)`
  // runs after the transaction committed and before the job reads as committed: `facts` holds the
  // written activities' facts (from the parsed rows, in id order) and `revision` the transaction's
  // activities_revision — the analytics engine appends them there (AnalyticsIndex::append_import).
  // Returns the job's answer.
  using OnCommitted = std::function<void(long long import_id, const analytics::FactStore& facts, long long revision)>;
  nlohmann::json commit(Database& db, HierarchyPtr h, long long id, const Principal& me, OnCommitted on_committed = {});
  // On start-up (before serving): resolves the import jobs a dead process left running, from
  // the database (committed when its import row exists, else interrupted), discards expired
  // validations and deletes stray job files (jobs::recover).
  void recover(Database& db);

 private:
  std::mutex mu_;
  std::vector<std::shared_ptr<ImportJob>> jobs_;  // the newest kKeep
  static constexpr size_t kKeep = 50;
  // Validation and commit run on kWorkers threads; jobs queued or running: at most kQueued in all,
  // kPerUser for one user. A status poll only takes a job's own mutex for a copy, never waits on work.
  static constexpr size_t kWorkers = 2, kQueued = 16, kPerUser = 2;

 public:
  // The one bounded import queue, shared with the other imports (past reports,
  // http/routes_report_imports.cpp): 0 taken, 1 the user's limit, 2 full.
  int submit(long long user_id, std::function<void()> work);
  // 429 too_many_requests for a refusal of submit().
  static Error refusal(int why);

 private:
  void forget(const std::shared_ptr<ImportJob>& job);
  std::shared_ptr<ImportJob> get(long long id);
};

}  // namespace longghep
