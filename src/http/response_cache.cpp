#include "http/response_cache.hpp"

namespace longghep {

namespace {
size_t cost_of(const std::string& key, const std::string& body) { return key.size() + body.size() + 128; }
}  // namespace

void ResponseCache::erase(std::list<Entry>::iterator it) {
  bytes_ -= cost_of(it->key, *it->body);
  index_.erase(it->key);
  lru_.erase(it);
}

std::shared_ptr<const std::string> ResponseCache::get(const std::string& key, const CacheStamp& stamp, long long now_ms) {
  std::lock_guard l(mu_);
  auto found = index_.find(key);
  if (found == index_.end()) {
    ++misses_;
    return nullptr;
  }
  auto it = found->second;
  if (!(it->stamp == stamp) || now_ms - it->at_ms >= ttl_ms_ || now_ms < it->at_ms) {
    erase(it);
    ++misses_;
    return nullptr;
  }
  lru_.splice(lru_.begin(), lru_, it);
  ++hits_;
  return it->body;
}

void ResponseCache::put(const std::string& key, const CacheStamp& stamp, long long now_ms, std::string body) {
  const size_t cost = cost_of(key, body);
  if (body.size() > max_entry_bytes_ || cost > max_bytes_) return;
  auto shared = std::make_shared<const std::string>(std::move(body));
  std::lock_guard l(mu_);
  if (auto found = index_.find(key); found != index_.end()) erase(found->second);
  lru_.push_front(Entry{key, stamp, now_ms, std::move(shared)});
  index_[key] = lru_.begin();
  bytes_ += cost;
  while (bytes_ > max_bytes_ && !lru_.empty()) erase(std::prev(lru_.end()));
}

size_t ResponseCache::bytes() const {
  std::lock_guard l(mu_);
  return bytes_;
}
size_t ResponseCache::size() const {
  std::lock_guard l(mu_);
  return lru_.size();
}
uint64_t ResponseCache::hits() const {
  std::lock_guard l(mu_);
  return hits_;
}
uint64_t ResponseCache::misses() const {
  std::lock_guard l(mu_);
  return misses_;
}

}  // namespace longghep
