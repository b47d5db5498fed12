// RevisionTracker (analytics/revision_tracker.hpp): the engine's revision advances over its own
// writes applied in any order, never over a gap; a catch-up closes gaps; a full load resets.
#include <gtest/gtest.h>

#include "analytics/revision_tracker.hpp"

using longghep::analytics::RevisionTracker;

TEST(RevisionTracker, OwnWritesInOrderAdvanceWithoutCatchUp) {
  RevisionTracker t;
  t.reset(10);
  t.own_applied(11);
  t.own_applied(12);
  EXPECT_EQ(t.applied(), 12);
  EXPECT_FALSE(t.behind(12));
  EXPECT_EQ(t.pending(), 0u);
}

TEST(RevisionTracker, OwnWritesOutOfOrderAdvanceOnceContiguous) {
  RevisionTracker t;
  t.reset(10);
  t.own_applied(12);  // the refresh of 12 finished before that of 11
  EXPECT_EQ(t.applied(), 10);
  EXPECT_TRUE(t.behind(12));
  t.own_applied(11);
  EXPECT_EQ(t.applied(), 12);
  EXPECT_FALSE(t.behind(12));
}

TEST(RevisionTracker, AnotherProcessesWriteLeavesAGapUntilCaughtUp) {
  RevisionTracker t;
  t.reset(10);
  // 11 was written by another process; 12 and 13 are ours
  t.own_applied(12);
  t.own_applied(13);
  EXPECT_EQ(t.applied(), 10);
  EXPECT_TRUE(t.behind(13));
  t.caught_up_to(11);  // the catch-up read everything above 10 up to the database's 11
  EXPECT_EQ(t.applied(), 13) << "the pending own writes join the run once the gap is closed";
  EXPECT_EQ(t.pending(), 0u);
}

TEST(RevisionTracker, StaleAndRepeatedRevisionsAreIgnored) {
  RevisionTracker t;
  t.reset(20);
  t.own_applied(5);
  t.own_applied(20);
  EXPECT_EQ(t.applied(), 20);
  EXPECT_EQ(t.pending(), 0u);
  t.caught_up_to(15);  // an older catch-up never moves it back
  EXPECT_EQ(t.applied(), 20);
}

TEST(RevisionTracker, ResetForgetsOwnWritesAppliedToTheOldStore) {
  RevisionTracker t;
  t.reset(10);
  t.own_applied(12);
  t.reset(11);  // a full load read the database at 11; 12 went to the store that was replaced
  EXPECT_EQ(t.pending(), 0u);
  EXPECT_EQ(t.applied(), 11);
  EXPECT_TRUE(t.behind(12)) << "so a catch-up reads 12 again";
}

TEST(RevisionTracker, PendingIsBounded) {
  RevisionTracker t;
  t.reset(0);
  for (long long r = 2; r < 2 + static_cast<long long>(RevisionTracker::kMaxPending) + 50; ++r) t.own_applied(r);
  EXPECT_EQ(t.pending(), RevisionTracker::kMaxPending);
  EXPECT_EQ(t.applied(), 0);
  t.caught_up_to(1);
  EXPECT_EQ(t.applied(), static_cast<long long>(RevisionTracker::kMaxPending) + 1);
}
