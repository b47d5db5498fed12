// Answers of costly reads (the activity list, dashboard pivots) kept for identical requests that
// follow, for as long as nothing they were computed from can have changed.
//
// An entry is valid while the data stamp it was computed at is still the current one and it is
// younger than the TTL:
//  - `commits`   : transactions committed by this process (Database::commits()) — every write
//                  here, whatever table it touched;
//  - `analytics` : changes applied to the analytics engine (own writes and another process's
//                  activities, seen by the watcher within AnalyticsIndex::kCheckMs);
//  - `hierarchy` : hierarchy snapshots installed (units, agencies, roles; also another process's);
//  - the TTL (2 s) bounds what nothing above sees: another process's write to a table other than
//    activities (a programme renamed by a second server on the same PostgreSQL).
// The stamp is read BEFORE the answer is computed, so an answer that raced a write is stored under
// the stamp that write has already made stale, and is never served.
//
// The key is the whole request as the handler sees it, with the signed-in user: whom it is for
// (scope, roles and agency follow from the user; a change to them is a commit), method, path,
// query, body and the day (defaults such as "as of today"). Only 200 answers without extra headers
// are kept. Memory is bounded (least recently used first out); one answer over max_entry_bytes is
// never kept.
#pragma once
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace longghep {

struct CacheStamp {
  uint64_t commits = 0, analytics = 0, hierarchy = 0;
  bool operator==(const CacheStamp&) const = default;
};

class ResponseCache {
 public:
  ResponseCache(size_t max_bytes, long long ttl_ms, size_t max_entry_bytes)
      : max_bytes_(max_bytes), ttl_ms_(ttl_ms), max_entry_bytes_(max_entry_bytes) {}

  // The body kept under `key` when it was computed at `stamp` less than the TTL before `now_ms`;
  // else nullptr (a stale entry is dropped).
  std::shared_ptr<const std::string> get(const std::string& key, const CacheStamp& stamp, long long now_ms);
  // Keeps `body` (replacing an older answer for the key), evicting the least recently used
  // entries beyond max_bytes.
  void put(const std::string& key, const CacheStamp& stamp, long long now_ms, std::string body);

  size_t bytes() const;
  size_t size() const;
  uint64_t hits() const;
  uint64_t misses() const;

 private:
  struct Entry {
    std::string key;
    CacheStamp stamp;
    long long at_ms = 0;
    std::shared_ptr<const std::string> body;
  };
  void erase(std::list<Entry>::iterator it);  // REQUIRES: mu_ held

  const size_t max_bytes_;
  const long long ttl_ms_;
  const size_t max_entry_bytes_;
  mutable std::mutex mu_;  // guards everything below; never held while computing an answer
  std::list<Entry> lru_;   // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t bytes_ = 0;
  uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace longghep
