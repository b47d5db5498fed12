// Bounds on costly work (issue 11, part 4): no I/O, no knowledge of HTTP or the database.
//
//   Semaphore        at most N holders; acquire waits a bounded time, then says no.
//   KeyedCounter     at most N under way per key (a user), e.g. renders or import jobs.
//   WorkQueue        a fixed number of worker threads over a bounded queue with a per-key limit:
//                    submit() answers at once whether the task was taken (never blocks).
//
// Callers turn a "no" into 503 busy (a global bound) or 429 too_many_requests (a per-user bound),
// both with Retry-After (domain/error.hpp).
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace longghep {

class Semaphore {
 public:
  explicit Semaphore(int permits) : free_(permits), permits_(permits) {}
  Semaphore(const Semaphore&) = delete;
  Semaphore& operator=(const Semaphore&) = delete;

  // Takes a permit, waiting at most `wait`; false when none came free in time.
  bool try_acquire_for(std::chrono::milliseconds wait) {
    std::unique_lock<std::mutex> g(mu_);
    if (!cv_.wait_for(g, wait, [&] { return free_ > 0; })) return false;
    --free_;
    return true;
  }
  void release() {
    {
      std::lock_guard<std::mutex> g(mu_);
      ++free_;
    }
    cv_.notify_one();
  }
  int available() const {
    std::lock_guard<std::mutex> g(mu_);
    return free_;
  }
  int permits() const { return permits_; }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  int free_;
  const int permits_;
};

// Holds one permit of a Semaphore for its lifetime (when it got one: check held()).
class Permit {
 public:
  Permit(Semaphore& s, std::chrono::milliseconds wait) : s_(&s), held_(s.try_acquire_for(wait)) {}
  Permit(const Permit&) = delete;
  Permit& operator=(const Permit&) = delete;
  ~Permit() {
    if (held_) s_->release();
  }
  bool held() const { return held_; }

 private:
  Semaphore* s_;
  bool held_;
};

class KeyedCounter {
 public:
  explicit KeyedCounter(int per_key) : per_key_(per_key) {}
  KeyedCounter(const KeyedCounter&) = delete;
  KeyedCounter& operator=(const KeyedCounter&) = delete;

  // Counts one more for `key`; false (and counts nothing) when it already has per_key.
  bool try_add(long long key) {
    std::lock_guard<std::mutex> g(mu_);
    int& n = counts_[key];
    if (n >= per_key_) return false;
    ++n;
    return true;
  }
  void remove(long long key) {
    std::lock_guard<std::mutex> g(mu_);
    auto it = counts_.find(key);
    if (it == counts_.end()) return;
    if (--it->second <= 0) counts_.erase(it);
  }
  int count(long long key) const {
    std::lock_guard<std::mutex> g(mu_);
    auto it = counts_.find(key);
    return it == counts_.end() ? 0 : it->second;
  }

 private:
  mutable std::mutex mu_;
  std::map<long long, int> counts_;
  const int per_key_;
};

// Counts one for `key` in a KeyedCounter for its lifetime (when it could: check held()).
class KeyedSlot {
 public:
  KeyedSlot(KeyedCounter& c, long long key) : c_(&c), key_(key), held_(c.try_add(key)) {}
  KeyedSlot(const KeyedSlot&) = delete;
  KeyedSlot& operator=(const KeyedSlot&) = delete;
  ~KeyedSlot() {
    if (held_) c_->remove(key_);
  }
  bool held() const { return held_; }

 private:
  KeyedCounter* c_;
  long long key_;
  bool held_;
};

class WorkQueue {
 public:
  enum class Submit { accepted, key_limit, full };

  // `workers` threads; at most `capacity` tasks queued or running in all, at most `per_key` of
  // them for one key.
  WorkQueue(size_t workers, size_t capacity, size_t per_key) : capacity_(capacity), per_key_(per_key) {
    for (size_t i = 0; i < workers; ++i) threads_.emplace_back([this] { run(); });
  }
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;
  // Lets the running tasks finish, drops the queued ones (destroying them unrun), joins.
  ~WorkQueue() {
    std::deque<Task> dropped;
    {
      std::lock_guard<std::mutex> g(mu_);
      stop_ = true;
      dropped.swap(queue_);
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }

  // Never blocks. A task that is not accepted is destroyed unrun before submit returns.
  Submit submit(long long key, std::function<void()> fn) {
    {
      std::lock_guard<std::mutex> g(mu_);
      if (stop_ || in_flight_ >= capacity_) return Submit::full;
      size_t& n = per_key_count_[key];
      if (n >= per_key_) {
        if (n == 0) per_key_count_.erase(key);
        return Submit::key_limit;
      }
      ++n;
      ++in_flight_;
      queue_.push_back({key, std::move(fn)});
    }
    cv_.notify_one();
    return Submit::accepted;
  }

  size_t in_flight() const {  // queued + running
    std::lock_guard<std::mutex> g(mu_);
    return in_flight_;
  }
  size_t in_flight(long long key) const {
    std::lock_guard<std::mutex> g(mu_);
    auto it = per_key_count_.find(key);
    return it == per_key_count_.end() ? 0 : it->second;
  }

 private:
  struct Task {
    long long key;
    std::function<void()> fn;
  };

  void run() {
    for (;;) {
      Task t;
      {
        std::unique_lock<std::mutex> g(mu_);
        cv_.wait(g, [&] { return stop_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping
        t = std::move(queue_.front());
        queue_.pop_front();
      }
      try {
        t.fn();
      } catch (...) {
        // a task reports its own failures; the worker stays
      }
      t.fn = nullptr;  // release what the task captured before it stops counting
      std::lock_guard<std::mutex> g(mu_);
      --in_flight_;
      auto it = per_key_count_.find(t.key);
      if (it != per_key_count_.end() && --it->second == 0) per_key_count_.erase(it);
    }
  }

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Task> queue_;
  std::map<long long, size_t> per_key_count_;
  size_t in_flight_ = 0;
  const size_t capacity_, per_key_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace longghep
