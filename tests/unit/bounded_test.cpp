#include "util/bounded.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

using namespace longghep;
using namespace std::chrono_literals;

TEST(Semaphore, GivesAtMostItsPermitsAndWaitsABoundedTime) {
  Semaphore s(2);
  EXPECT_TRUE(s.try_acquire_for(0ms));
  EXPECT_TRUE(s.try_acquire_for(0ms));
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_FALSE(s.try_acquire_for(50ms));
  EXPECT_GE(std::chrono::steady_clock::now() - t0, 45ms);
  s.release();
  EXPECT_TRUE(s.try_acquire_for(0ms));
  EXPECT_EQ(s.available(), 0);
}

TEST(Semaphore, AWaiterGetsAReleasedPermit) {
  Semaphore s(1);
  ASSERT_TRUE(s.try_acquire_for(0ms));
  auto waiter = std::async(std::launch::async, [&] { return s.try_acquire_for(5s); });
  std::this_thread::sleep_for(20ms);
  s.release();
  EXPECT_TRUE(waiter.get());
}

TEST(Semaphore, PermitReleasesOnScopeExitOnlyWhenHeld) {
  Semaphore s(1);
  {
    Permit a(s, 0ms);
    EXPECT_TRUE(a.held());
    Permit b(s, 10ms);
    EXPECT_FALSE(b.held());
  }
  EXPECT_EQ(s.available(), 1);
}

TEST(Semaphore, ManyThreadsNeverExceedThePermits) {
  Semaphore s(2);
  std::atomic<int> inside{0}, peak{0}, refused{0};
  std::vector<std::thread> ts;
  for (int i = 0; i < 16; ++i)
    ts.emplace_back([&] {
      Permit p(s, 20ms);
      if (!p.held()) { ++refused; return; }
      int now = ++inside;
      int old = peak.load();
      while (now > old && !peak.compare_exchange_weak(old, now)) {}
      std::this_thread::sleep_for(10ms);
      --inside;
    });
  for (auto& t : ts) t.join();
  EXPECT_LE(peak.load(), 2);
  EXPECT_EQ(s.available(), 2);
}

TEST(KeyedCounter, BoundsEachKeyAlone) {
  KeyedCounter c(2);
  EXPECT_TRUE(c.try_add(7));
  EXPECT_TRUE(c.try_add(7));
  EXPECT_FALSE(c.try_add(7));
  EXPECT_TRUE(c.try_add(8));
  EXPECT_EQ(c.count(7), 2);
  c.remove(7);
  EXPECT_TRUE(c.try_add(7));
  {
    KeyedSlot a(c, 9), b(c, 9), d(c, 9);
    EXPECT_TRUE(a.held());
    EXPECT_TRUE(b.held());
    EXPECT_FALSE(d.held());
  }
  EXPECT_EQ(c.count(9), 0);
}

TEST(WorkQueue, RefusesBeyondThePerKeyLimitAndTheCapacity) {
  std::promise<void> gate;
  std::shared_future<void> open = gate.get_future().share();
  std::atomic<int> ran{0};
  {
    WorkQueue q(1, 3, 2);
    auto task = [&] { open.wait(); ++ran; };
    EXPECT_EQ(q.submit(1, task), WorkQueue::Submit::accepted);
    EXPECT_EQ(q.submit(1, task), WorkQueue::Submit::accepted);
    EXPECT_EQ(q.submit(1, task), WorkQueue::Submit::key_limit);  // user 1 has 2 under way
    EXPECT_EQ(q.in_flight(1), 2u);
    EXPECT_EQ(q.submit(2, task), WorkQueue::Submit::accepted);
    EXPECT_EQ(q.submit(3, task), WorkQueue::Submit::full);  // 3 in all
    EXPECT_EQ(q.in_flight(), 3u);
    gate.set_value();
    for (int i = 0; i < 200 && q.in_flight() > 0; ++i) std::this_thread::sleep_for(5ms);
    EXPECT_EQ(q.in_flight(), 0u);
    EXPECT_EQ(q.in_flight(1), 0u);
    EXPECT_EQ(q.submit(1, task), WorkQueue::Submit::accepted);  // room again
  }
  EXPECT_GE(ran.load(), 3);
}

TEST(WorkQueue, RunsOnAFixedNumberOfWorkers) {
  std::atomic<int> inside{0}, peak{0}, done{0};
  {
    WorkQueue q(2, 64, 64);
    for (int i = 0; i < 12; ++i)
      ASSERT_EQ(q.submit(i % 3, [&] {
        int now = ++inside;
        int old = peak.load();
        while (now > old && !peak.compare_exchange_weak(old, now)) {}
        std::this_thread::sleep_for(5ms);
        --inside;
        ++done;
      }), WorkQueue::Submit::accepted);
    for (int i = 0; i < 400 && q.in_flight() > 0; ++i) std::this_thread::sleep_for(5ms);
  }
  EXPECT_EQ(done.load(), 12);
  EXPECT_LE(peak.load(), 2);
}

TEST(WorkQueue, ATaskThatThrowsFreesItsPlace) {
  WorkQueue q(1, 1, 1);
  EXPECT_EQ(q.submit(1, [] { throw std::runtime_error("boom"); }), WorkQueue::Submit::accepted);
  for (int i = 0; i < 200 && q.in_flight() > 0; ++i) std::this_thread::sleep_for(5ms);
  EXPECT_EQ(q.in_flight(), 0u);
  std::atomic<bool> ran{false};
  EXPECT_EQ(q.submit(1, [&] { ran = true; }), WorkQueue::Submit::accepted);
  for (int i = 0; i < 200 && !ran; ++i) std::this_thread::sleep_for(5ms);
  EXPECT_TRUE(ran.load());
}

TEST(WorkQueue, ARefusedTaskIsDestroyedUnrun) {
  WorkQueue q(0, 0, 1);  // no room at all
  auto token = std::make_shared<int>(1);
  std::weak_ptr<int> watch = token;
  EXPECT_EQ(q.submit(1, [t = std::move(token)] {}), WorkQueue::Submit::full);
  EXPECT_TRUE(watch.expired());  // e.g. an import job's file is removed at once
}
