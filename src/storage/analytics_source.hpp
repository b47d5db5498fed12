// The live analytics engine of a server process (issue 6, docs/api-analytics.md): the fact store
// loaded from the database at start and kept current by revision (issue 11).
//
// Consistency with the database:
//  - at start, rebuild() reads every activity with bulk fetches (chunks of activity ids) and the
//    revision it read at;
//  - every transaction that writes activities takes the next meta.activities_revision first and
//    stamps the rows it writes (a delete leaves a tombstone) — ActivityWriter, delete_activity;
//  - a write in this process calls refresh(ids, revision) after its transaction committed: those
//    activities are re-read (a deleted one is removed) and the revision is marked applied, so a
//    process's own writes never trigger a catch-up;
//  - catch_up(session), run by the App's background watcher every kCheckMs on a connection of its
//    own, compares the database's revision with the one applied; when behind (another process
//    wrote, or an own refresh failed), it re-reads only the activities with revision > applied,
//    in chunks — never a full rebuild because of a race. Only a bulk load elsewhere (more than
//    kRebuildAbove changed activities) is read whole, off the lock, and swapped in.
//
// Snapshot (issue 20, docs/OPERATIONS.md "Analytics snapshot"): after a full load, every
// kSnapshotEveryMs while the store moved (from the watcher's catch_up) and at destruction, the
// store is written to a snapshot file (format version, database id, the revision it reflects, a
// checksum; temp file + fsync + rename). rebuild() starts from it plus the activities changed
// since its revision, and falls back to the full load when it is missing, of another format or
// database, damaged, ahead of the database, too far behind, or disagrees with the database's
// activity count after the delta. Where: LONGGHEP_ANALYTICS_SNAPSHOT_DIR, else (SQLite) next to
// the database file as <file>.analytics; none for PostgreSQL without that setting; "off" disables.
//
// Lock order (docs/ARCHITECTURE.md "Concurrency"): a database connection is always obtained
// before apply_mu_, apply_mu_ before mu_; a holder of apply_mu_ or mu_ never waits for a
// connection. Readers take mu_ shared for a scan and never touch the database.
#pragma once
#include <soci/soci.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

#include "analytics/fact_store.hpp"
#include "analytics/pivot.hpp"
#include "analytics/revision_tracker.hpp"
#include "storage/database.hpp"

namespace longghep {

// ----- loading (one session) -----
analytics::Catalog load_analytics_catalog(soci::session& s);
// Reads every activity into `store` (which should be empty). Returns the number of activities.
// With `stop`, it stops (std::runtime_error) between chunks once *stop is set.
size_t load_all_facts(soci::session& s, analytics::FactStore& store, const std::atomic<bool>* stop = nullptr);
long long activities_revision(soci::session& s);
// Takes the next activities_revision for this transaction and returns it (once per transaction;
// first, so the row lock on meta orders writers by revision).
long long bump_activities_revision(soci::session& s);
// The ids of activities written or deleted with a revision above `after`.
std::vector<long long> activities_changed_since(soci::session& s, long long after);

// ----- money (issue 19, docs/api-money.md §4) -----
// The planned lines (plan_activity_budget of approved plans: status 'approved' is the approved
// latest version) and the allocated lines (allocation_lines of issued decisions and issued
// amendments, signed) into `store`, replacing the money it held.
void load_money_facts(soci::session& s, analytics::FactStore& store);
// What the money lines depend on, in one cheap statement: the set of approved plans and of issued
// decisions (count and two sums of their ids). Approved plans and issued decisions are never
// edited (a change is a new version / an amending decision, which changes the set), so equal
// fingerprints mean equal money lines. No trigger, no counter to bump in the writers.
struct MoneyFingerprint {
  long long plans = -1, plan_sum = 0, plan_sq = 0, decisions = 0, decision_sum = 0, decision_sq = 0;
  bool operator==(const MoneyFingerprint&) const = default;
};
MoneyFingerprint money_fingerprint(soci::session& s);

class AnalyticsIndex {
 public:
  static constexpr long long kCheckMs = 1000;
  static constexpr size_t kRebuildAbove = 200000;  // changed activities beyond which a catch-up reads all
  static constexpr size_t kApplyChunk = 2000;      // activities read and applied under the lock at once
  static constexpr size_t kAppendChunk = 20000;    // activities of an import appended under the lock at once

  static constexpr long long kSnapshotEveryMs = 300000;

  explicit AnalyticsIndex(Database& db);
  ~AnalyticsIndex();  // writes the snapshot when the store moved since the last one

  // Full load on a pooled connection (at start, before serving).
  void rebuild();
  // After a committed write of this process that took `revision` (0: unknown; a catch-up then
  // re-reads it): re-reads these activities on a pooled connection.
  void refresh(const std::vector<long long>& activity_ids, long long revision = 0);
  // After an import committed (one transaction that took `revision`): appends the facts of its
  // activities as they were parsed (`facts`: a fresh store, rows in id order, built by the bulk
  // writer) instead of re-reading them; in chunks, each under the lock for a short time. An
  // activity the store already holds (a catch-up read it first) is left as it is; activities
  // changed or deleted since `revision` are then re-read, so a write racing the append wins.
  void append_import(const analytics::FactStore& facts, long long revision);
  // Another process's writes: called by the watcher thread with its own connection. Returns
  // true when it applied something. `stop` is polled between chunks of a long load.
  bool catch_up(soci::session& s, const std::atomic<bool>& stop);
  // Labels of agencies and programmes (created or renamed meanwhile).
  void reload_catalog(soci::session& s);
  // The money lines (measures planned, allocated): re-read when the money fingerprint moved. Run
  // before a money pivot (a write of this process, just committed, is seen by the next pivot) and
  // by the watcher (another process's writes). Returns true when it re-read them.
  bool refresh_money();
  bool refresh_money(soci::session& s);

  struct Stats { size_t activities = 0, facts = 0, bytes = 0; double load_ms = 0; long long revision = 0; };
  Stats stats();
  // Bumped whenever the store or catalog may change (each exclusive lock): a stamp for caches of
  // answers computed from the engine (http/response_cache.hpp).
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  // Runs fn on the current store and catalog under a shared lock.
  void read(const std::function<void(const analytics::FactStore&, const analytics::Catalog&)>& fn);

  // The snapshot file ("" none). write_snapshot() returns false when there is none or it failed
  // (logged; the server goes on without it).
  const std::string& snapshot_path() const { return snapshot_path_; }
  bool write_snapshot();
  // How the last rebuild() started: "snapshot" or "full" (and why), for the logs and tests.
  std::string last_start() { std::shared_lock l(mu_); return last_start_; }

 private:
  void load_whole(soci::session& s, const std::atomic<bool>* stop);
  // Starts from the snapshot plus the delta; false (nothing installed) when it cannot be used.
  bool load_snapshot(soci::session& s);
  std::string database_id(soci::session& s);
  std::string snapshot_path_, db_id_;
  long long snapshot_rev_ = -1;       // revision of the snapshot file on disk (guarded by apply_mu_)
  long long snapshot_at_ms_ = 0;
  std::string last_start_;
  Database& db_;
  std::mutex apply_mu_;   // one read-and-apply at a time (two refreshes of one activity stay ordered)
  std::shared_mutex mu_;  // guards store_, catalog_, tracker_, load_ms_
  analytics::FactStore store_;
  analytics::Catalog catalog_;
  analytics::RevisionTracker tracker_;
  MoneyFingerprint money_fp_;  // of the money lines in store_ (guarded by mu_)
  double load_ms_ = 0;
  std::atomic<uint64_t> generation_{0};
};

}  // namespace longghep
