// The response cache (http/response_cache.hpp): an answer is served only under the stamp it was
// computed at and within the TTL; memory stays under its bound, least recently used out first.
#include "http/response_cache.hpp"

#include <gtest/gtest.h>

using namespace longghep;

TEST(ResponseCache, ServesAnAnswerOnlyUnderItsStampAndWithinTheTtl) {
  ResponseCache c(1 << 20, 2000, 1 << 16);
  const CacheStamp s1{1, 1, 1};
  EXPECT_EQ(c.get("k", s1, 0), nullptr);
  c.put("k", s1, 1000, "answer");
  ASSERT_NE(c.get("k", s1, 1500), nullptr);
  EXPECT_EQ(*c.get("k", s1, 2999), "answer");
  EXPECT_EQ(c.get("k", s1, 3000), nullptr) << "expired at the TTL";
  EXPECT_EQ(c.size(), 0u) << "an expired entry is dropped";

  c.put("k", s1, 5000, "answer");
  for (CacheStamp other : {CacheStamp{2, 1, 1}, CacheStamp{1, 2, 1}, CacheStamp{1, 1, 2}}) {
    c.put("k", s1, 5000, "answer");
    EXPECT_EQ(c.get("k", other, 5001), nullptr) << "a commit, an engine change or a new hierarchy makes it stale";
  }
  EXPECT_EQ(c.hits(), 2u);
  EXPECT_EQ(c.misses(), 5u);
}

TEST(ResponseCache, AClockGoingBackNeverServesAnOldAnswer) {
  ResponseCache c(1 << 20, 2000, 1 << 16);
  c.put("k", {}, 10000, "answer");
  EXPECT_EQ(c.get("k", {}, 9000), nullptr);
}

TEST(ResponseCache, StaysWithinItsBytesLeastRecentlyUsedOutFirst) {
  const size_t body = 1000;
  ResponseCache c(4 * (body + 200), 60000, 1 << 16);
  for (int i = 0; i < 4; ++i) c.put("k" + std::to_string(i), {}, 0, std::string(body, 'x'));
  EXPECT_EQ(c.size(), 4u);
  ASSERT_NE(c.get("k0", {}, 1), nullptr);  // k0 is now the most recently used
  c.put("k4", {}, 2, std::string(body, 'y'));
  EXPECT_LE(c.bytes(), 4 * (body + 200));
  EXPECT_EQ(c.get("k1", {}, 3), nullptr) << "the least recently used went first";
  EXPECT_NE(c.get("k0", {}, 3), nullptr);
  EXPECT_NE(c.get("k4", {}, 3), nullptr);
}

TEST(ResponseCache, NeverKeepsAnAnswerOverTheEntryLimitAndReplacesOlderAnswers) {
  ResponseCache c(1 << 20, 60000, 100);
  c.put("big", {}, 0, std::string(101, 'x'));
  EXPECT_EQ(c.get("big", {}, 1), nullptr);
  c.put("k", {}, 0, "one");
  c.put("k", {}, 1, "two");
  EXPECT_EQ(c.size(), 1u);
  EXPECT_EQ(*c.get("k", {}, 2), "two");
}
