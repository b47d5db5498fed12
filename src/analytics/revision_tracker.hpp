// Which activities_revision the in-memory fact store is current with (storage/analytics_source).
//
// Every transaction that writes activities takes the next revision (meta.activities_revision);
// revisions commit in order. The store is "at" revision N when every write ≤ N is applied.
// This process applies its own writes right after they commit (own_applied), possibly out of
// order (two requests commit 7 then 8, the refresh of 8 finishes first): the tracker advances
// only over a contiguous run, so a gap — a write of another process, or an own write whose
// refresh never ran — stays visible as "behind" until a catch-up reads everything above N.
//
// Pure and not thread-safe: the caller holds its own lock.
#pragma once
#include <set>

namespace longghep::analytics {

class RevisionTracker {
 public:
  // Every revision ≤ applied() is in the store.
  long long applied() const { return applied_; }
  // The database is at `db_revision`: is there anything the store has not applied?
  bool behind(long long db_revision) const { return db_revision > applied_; }

  // After a full load that read the database at revision r.
  void reset(long long r) {
    applied_ = r;
    pending_.clear();
  }
  // This process applied its own write of revision r.
  void own_applied(long long r) {
    if (r <= applied_) return;
    if (pending_.size() >= kMaxPending) return;  // a catch-up will cover it; memory stays bounded
    pending_.insert(r);
    advance();
  }
  // A catch-up applied every write ≤ r.
  void caught_up_to(long long r) {
    if (r > applied_) applied_ = r;
    advance();
  }
  size_t pending() const { return pending_.size(); }

  static constexpr size_t kMaxPending = 100000;

 private:
  void advance() {
    while (!pending_.empty() && *pending_.begin() <= applied_ + 1) {
      if (*pending_.begin() == applied_ + 1) ++applied_;
      pending_.erase(pending_.begin());
    }
  }
  long long applied_ = -1;
  std::set<long long> pending_;  // own revisions applied above applied_ + 1
};

}  // namespace longghep::analytics
