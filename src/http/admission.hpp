// Admission control of the HTTP layer (http/server.cpp), pure and thread-safe: a token bucket,
// per-address connection and rate limits, and a bounded pool of handler workers. Times are passed
// in (milliseconds of a monotonic clock) so the rules are tested without sleeping.
#pragma once
#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace longghep {

// `rate` tokens per second up to `burst`; each request takes one.
class TokenBucket {
 public:
  TokenBucket(double rate, double burst, int64_t now_ms) : rate_(rate), burst_(burst), tokens_(burst), last_ms_(now_ms) {}

  // Takes one token if there is one.
  bool take(int64_t now_ms) {
    refill(now_ms);
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
  }
  // Whole seconds until a token is available (at least 1): the Retry-After of a refusal.
  int retry_after_s(int64_t now_ms) {
    refill(now_ms);
    if (tokens_ >= 1.0) return 1;
    return std::max(1, static_cast<int>(std::ceil((1.0 - tokens_) / rate_)));
  }
  // Full again: nothing to remember about this address.
  bool full(int64_t now_ms) {
    refill(now_ms);
    return tokens_ >= burst_;
  }

 private:
  void refill(int64_t now_ms) {
    if (now_ms > last_ms_) {
      tokens_ = std::min(burst_, tokens_ + rate_ * static_cast<double>(now_ms - last_ms_) / 1000.0);
      last_ms_ = now_ms;
    }
  }
  double rate_, burst_, tokens_;
  int64_t last_ms_;
};

// Open connections in all and per address, and the request rate per address.
class AddressLimiter {
 public:
  enum class Admit { Ok, TooManyTotal, TooManyFromAddress };

  AddressLimiter(int max_total, int max_per_address, double rate_per_address, double burst_per_address)
      : max_total_(max_total), max_per_address_(max_per_address), rate_(rate_per_address), burst_(burst_per_address) {}

  // A connection from `addr` was accepted; on Ok it counts until close(addr).
  Admit open(const std::string& addr, int64_t now_ms) {
    std::lock_guard lock(mu_);
    if (total_ >= max_total_) return Admit::TooManyTotal;
    Entry& e = entry(addr, now_ms);
    if (e.connections >= max_per_address_) return Admit::TooManyFromAddress;
    ++e.connections;
    ++total_;
    return Admit::Ok;
  }
  void close(const std::string& addr) {
    std::lock_guard lock(mu_);
    auto it = by_address_.find(addr);
    if (it == by_address_.end() || it->second.connections == 0) return;
    --it->second.connections;
    --total_;
  }
  // A request from `addr`: 0 when admitted, else the seconds to wait (Retry-After).
  int request(const std::string& addr, int64_t now_ms) {
    std::lock_guard lock(mu_);
    Entry& e = entry(addr, now_ms);
    if (e.bucket.take(now_ms)) return 0;
    return e.bucket.retry_after_s(now_ms);
  }
  // Forgets addresses with no open connection whose bucket has refilled.
  void sweep(int64_t now_ms) {
    std::lock_guard lock(mu_);
    for (auto it = by_address_.begin(); it != by_address_.end();) {
      if (it->second.connections == 0 && it->second.bucket.full(now_ms)) it = by_address_.erase(it);
      else ++it;
    }
  }
  int connections() const {
    std::lock_guard lock(mu_);
    return total_;
  }
  size_t addresses() const {
    std::lock_guard lock(mu_);
    return by_address_.size();
  }

 private:
  struct Entry {
    int connections = 0;
    TokenBucket bucket;
  };
  Entry& entry(const std::string& addr, int64_t now_ms) {
    auto it = by_address_.find(addr);
    if (it == by_address_.end()) it = by_address_.emplace(addr, Entry{0, TokenBucket(rate_, burst_, now_ms)}).first;
    return it->second;
  }

  const int max_total_, max_per_address_;
  const double rate_, burst_;
  mutable std::mutex mu_;
  int total_ = 0;
  std::unordered_map<std::string, Entry> by_address_;
};

// A fixed number of threads running jobs from a bounded queue. Submitting never waits: beyond
// `queue_limit` waiting jobs it fails (the caller answers 503 busy).
class WorkerPool {
 public:
  WorkerPool(int threads, size_t queue_limit) : queue_limit_(queue_limit) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
  }
  ~WorkerPool() { stop(); }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  bool try_submit(std::function<void()> job) {
    {
      std::lock_guard lock(mu_);
      if (stopping_ || queue_.size() >= queue_limit_) return false;
      queue_.push_back(std::move(job));
    }
    cv_.notify_one();
    return true;
  }
  // Jobs waiting plus jobs running.
  size_t pending() const {
    std::lock_guard lock(mu_);
    return queue_.size() + running_;
  }
  // True once nothing is waiting or running; false if that did not happen before `deadline`.
  bool wait_idle(std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(mu_);
    return idle_cv_.wait_until(lock, deadline, [this] { return queue_.empty() && running_ == 0; });
  }
  // Drops the jobs still waiting and joins the threads (each finishes the job it is running).
  void stop() {
    std::deque<std::function<void()>> dropped;
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
      dropped.swap(queue_);
    }
    cv_.notify_all();
    for (auto& t : threads_)
      if (t.joinable()) t.join();
    threads_.clear();
  }

 private:
  void run() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        job = std::move(queue_.front());
        queue_.pop_front();
        ++running_;
      }
      try {
        job();
      } catch (...) {  // a job reports its own errors; the worker survives anything
      }
      job = nullptr;  // release what the job held before counting it done
      {
        std::lock_guard lock(mu_);
        --running_;
        if (queue_.empty() && running_ == 0) idle_cv_.notify_all();
      }
    }
  }

  const size_t queue_limit_;
  mutable std::mutex mu_;
  std::condition_variable cv_, idle_cv_;
  std::deque<std::function<void()>> queue_;
  size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace longghep
