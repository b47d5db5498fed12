// The live analytics engine of a server process (issue 6, docs/api-analytics.md): the fact store
// loaded from the database at start and kept current.
//
// Consistency with the database:
//  - at start, rebuild() reads every activity with bulk fetches (chunks of activity ids);
//  - a write in this process calls refresh(ids) after its transaction committed: those
//    activities are re-read (a deleted one is removed), so the next pivot shows them;
//  - every transaction that writes activities bumps meta.activities_revision (ActivityWriter,
//    delete_activity). maybe_catch_up() (called by readers, at most every kCheckMs) compares it with
//    the revision seen last; on a change it re-reads the activities updated since the last
//    watermark (updated_at minus a slack) and, if the number of activities then differs from the
//    database's (a delete, or a long transaction of another process), rebuilds everything.
//    Another process's writes (the demo loader, a bulk loader) are thus seen within kCheckMs.
//  - a rebuild builds a new store off the lock and swaps it in; activities refreshed meanwhile
//    are re-read into the new store before the swap.
//
// Thread-safety: readers take a shared lock for the duration of a scan (read()); writers
// (refresh, catch-up, swap) take it exclusively for the short time of applying.
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
#include "storage/database.hpp"

namespace longghep {

// ----- loading (one session) -----
analytics::Catalog load_analytics_catalog(soci::session& s);
// Reads every activity into `store` (which should be empty). Returns the number of activities.
size_t load_all_facts(soci::session& s, analytics::FactStore& store);
// Re-reads these activities: stored again with their current content, removed when gone.
void reload_facts(soci::session& s, analytics::FactStore& store, const std::vector<long long>& ids);
long long activities_revision(soci::session& s);
// Marks the transaction as one that writes activities (once per transaction is enough).
void bump_activities_revision(soci::session& s);

class AnalyticsIndex {
 public:
  static constexpr long long kCheckMs = 1000;

  explicit AnalyticsIndex(Database& db) : db_(db) {}

  void rebuild();                                // from the database, swapping when done
  void refresh(const std::vector<long long>& activity_ids);  // after a committed write
  void refresh_import(long long import_id);      // after an import committed
  void maybe_catch_up();                         // another process's writes (cheap when none)

  struct Stats { size_t activities = 0, facts = 0, bytes = 0; double load_ms = 0; };
  Stats stats();
  // Runs fn on the current store and catalog under a shared lock.
  void read(const std::function<void(const analytics::FactStore&, const analytics::Catalog&)>& fn);

 private:
  void catch_up();
  Database& db_;
  std::shared_mutex mu_;  // guards store_, catalog_, watermark_, refreshed_during_rebuild_
  analytics::FactStore store_;
  analytics::Catalog catalog_;
  std::string watermark_;              // max(updated_at) seen by the last full or partial read
  std::atomic<long long> revision_{-1};
  std::atomic<long long> last_check_ms_{0};
  std::mutex rebuild_mu_;              // one rebuild or catch-up at a time
  bool rebuilding_ = false;
  std::vector<long long> refreshed_during_rebuild_;
  double load_ms_ = 0;
};

}  // namespace longghep
