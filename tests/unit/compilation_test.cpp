// A level's report is its compilation (issue 12): compiled = Σ accepted reports below, total =
// compiled + own, and the live figure's difference explained unit by unit. Examples, then a
// property test over random trees and random report histories (seeded, reproducible).
#include <gtest/gtest.h>

#include <random>

#include "domain/compilation.hpp"

using namespace longghep;

namespace {
BelowReport below(std::string code, std::string status, Figures reported, Figures live, bool compiles = false) {
  BelowReport b;
  b.code = code;
  b.name = "Xã " + code;
  b.status = std::move(status);
  b.reported = std::move(reported);
  b.live = std::move(live);
  b.compiles = compiles;
  return b;
}
}  // namespace

TEST(Compilation, OnlyAcceptedReportsCountAndTotalIsItsTwoParts) {
  const std::vector<BelowReport> b = {
      below("1", "accepted", {{"reached", 40}, {"budget", 100}}, {{"reached", 40}}),
      below("2", "submitted", {{"reached", 999}}, {{"reached", 30}}),  // not accepted: not counted
      below("3", "returned", {{"reached", 999}}, {{"reached", 5}}),
      below("4", "not_started", {}, {{"reached", 7}}),
      below("5", "accepted", {{"reached", 12}}, {{"reached", 12}}),
  };
  const Compilation c = compile_level({"reached", "budget"}, b, {{"reached", 3}});
  EXPECT_EQ(c.compiled.at("reached"), 52);
  EXPECT_EQ(c.compiled.at("budget"), 100);
  EXPECT_EQ(c.own.at("reached"), 3);
  EXPECT_FALSE(c.own.count("budget"));  // a hand-entered element not entered has no own part
  EXPECT_EQ(c.total.at("reached"), 55);
  EXPECT_EQ(c.total.at("budget"), 100);
  const auto m = missing(b);
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0]->code, "2");
  EXPECT_EQ(m[2]->code, "4");
}

TEST(Compilation, TheDifferenceIsExplainedPerUnit) {
  auto g = explain(below("1", "accepted", {{"reached", 40}}, {{"reached", 40}}));
  EXPECT_EQ(g.reason, GapReason::none);
  EXPECT_EQ(g.difference.at("reached"), 0);
  EXPECT_TRUE(g.vi.empty());
  g = explain(below("1", "accepted", {{"reached", 40}}, {{"reached", 55}}));
  EXPECT_EQ(to_string(g.reason), "recorded_after_acceptance");
  EXPECT_EQ(g.difference.at("reached"), 15);
  EXPECT_EQ(g.vi, "Hoạt động ghi nhận sau khi báo cáo được tiếp nhận");
  EXPECT_EQ(g.en, "Activities recorded after the report was accepted");
  g = explain(below("1", "accepted", {{"reached", 40}}, {{"reached", 55}}, true));  // a district: its own gaps too
  EXPECT_EQ(g.reason, GapReason::recorded_after_acceptance);
  EXPECT_NE(g.en.find("units below"), std::string::npos);
  g = explain(below("2", "returned", {{"reached", 9}}, {{"reached", 5}}));
  EXPECT_EQ(to_string(g.reason), "returned");
  EXPECT_EQ(g.difference.at("reached"), 5);  // nothing of it counted: the whole live figure
  EXPECT_EQ(g.vi, "Báo cáo bị trả lại, chưa tính vào tổng hợp");
  g = explain(below("3", "draft", {}, {{"reached", 7}}));
  EXPECT_EQ(to_string(g.reason), "not_reported");
  EXPECT_EQ(g.vi, "Chưa báo cáo");
  EXPECT_EQ(g.en, "Not yet reported");
  EXPECT_EQ(to_string(explain(below("4", "not_started", {}, {})).reason), "not_reported");
  EXPECT_EQ(to_string(explain(below("5", "submitted", {{"reached", 1}}, {{"reached", 1}})).reason), "not_accepted");
}

// ----- property: random trees, random report histories -----

namespace {
const std::vector<std::string> kElements = {"reached", "sessions", "cost", "budget"};  // budget: hand-entered

struct Node {
  int parent = -1;
  std::vector<int> children;
  Figures recorded;                  // activities recorded on the node itself (grow over time)
  Figures typed;                     // its hand-entered own figure
  std::string status = "not_started";
  Figures values, compiled_part, own_part;  // frozen at its last submit
  std::vector<std::string> missing_at_submit;
};

struct World {
  std::vector<Node> n;
  std::mt19937_64 rng;
  explicit World(uint64_t seed) : rng(seed) {}
  long long rnd(long long lo, long long hi) { return std::uniform_int_distribution<long long>(lo, hi)(rng); }

  int add(int parent) {
    n.push_back({});
    const int id = static_cast<int>(n.size()) - 1;
    n[id].parent = parent;
    if (parent >= 0) n[parent].children.push_back(id);
    return id;
  }
  // a tree of 1–4 levels below a root, 0–5 children per node
  void grow(int node, int depth) {
    if (depth == 0) return;
    const long long k = rnd(0, 5);
    for (long long i = 0; i < k; ++i) grow(add(node), depth - 1);
  }
  void record(int node) {
    for (const auto& e : {"reached", "sessions", "cost"}) n[node].recorded[e] += rnd(0, 50);
  }
  Figures live(int node) const {  // the node's subtree, all activities
    Figures f = n[node].recorded;
    for (int c : n[node].children)
      for (const auto& [k, v] : live(c)) f[k] += v;
    return f;
  }
  std::vector<BelowReport> below_of(int node) const {
    std::vector<BelowReport> out;
    for (int c : n[node].children) {
      BelowReport b;
      b.code = std::to_string(c);
      b.name = "u" + b.code;
      b.status = n[c].status;
      if (b.status == "accepted") b.reported = n[c].values;
      b.live = live(c);
      b.compiles = !n[c].children.empty();
      out.push_back(b);
    }
    return out;
  }
  Figures own_of(int node) const {
    Figures own = n[node].recorded;
    for (const auto& [k, v] : n[node].typed) own[k] = v;
    return own;
  }
  // submit as the route does: a level freezes its compilation, a unit with nothing below its live figures
  void submit(int node) {
    Node& x = n[node];
    if (x.children.empty()) {
      x.values = live(node);
      for (const auto& [k, v] : x.typed) x.values[k] = v;
      x.compiled_part.clear();
      x.own_part = x.values;
      x.missing_at_submit.clear();
    } else {
      const auto below = below_of(node);
      const Compilation c = compile_level(kElements, below, own_of(node));
      x.values = c.total;
      x.compiled_part = c.compiled;
      x.own_part = c.own;
      x.missing_at_submit.clear();
      for (const BelowReport* m : missing(below)) x.missing_at_submit.push_back(m->code);
    }
    x.status = "submitted";
  }
};
}  // namespace

TEST(CompilationProperty, EveryLevelSubmitsSumOfAcceptedBelowPlusOwnAndEveryTotalIsItsParts) {
  int levels_checked = 0, with_missing = 0, explained = 0;
  for (uint64_t seed = 1; seed <= 400; ++seed) {
    World w(seed);
    w.grow(w.add(-1), static_cast<int>(w.rnd(1, 4)));
    for (size_t i = 0; i < w.n.size(); ++i) {
      w.record(static_cast<int>(i));
      if (w.rnd(0, 2) == 0) w.n[i].typed["budget"] = w.rnd(0, 1000000);
    }
    // a random history: units submit (as compiled at that moment), levels above accept, return or
    // reopen, activities keep being recorded
    const int steps = static_cast<int>(w.rnd(0, 12 * static_cast<long long>(w.n.size())));
    for (int step = 0; step < steps; ++step) {
      const int u = static_cast<int>(w.rnd(0, static_cast<long long>(w.n.size()) - 1));
      Node& x = w.n[u];
      const long long what = w.rnd(0, 9);
      if (what <= 1) {
        w.record(u);
      } else if (x.status == "not_started" || x.status == "draft" || x.status == "returned") {
        if (what <= 5) {
          w.submit(u);
          // the invariant at the moment of submission, summed independently of compile_level()
          if (!x.children.empty()) {
            ++levels_checked;
            for (const auto& e : kElements) {
              long long sum = 0;
              for (int c : x.children)
                if (w.n[c].status == "accepted" && w.n[c].values.count(e)) sum += w.n[c].values.at(e);
              long long own = x.recorded.count(e) ? x.recorded.at(e) : 0;
              if (x.typed.count(e)) own = x.typed.at(e);
              if (e == "budget" && !x.typed.count(e)) own = 0;
              ASSERT_EQ(x.values.at(e), sum + own) << "seed " << seed << " node " << u << " " << e;
            }
            int not_accepted = 0;
            for (int c : x.children) not_accepted += w.n[c].status != "accepted";
            ASSERT_EQ(static_cast<int>(x.missing_at_submit.size()), not_accepted) << "seed " << seed;
            with_missing += not_accepted > 0;
          }
        } else {
          x.status = "draft";
        }
      } else if (x.status == "submitted") {
        x.status = what <= 6 ? "accepted" : "returned";
      } else if (x.status == "accepted" && what == 9) {
        x.status = "returned";  // reopened by the level above
      }
    }
    // at the end: every frozen report's total is its two parts, element by element
    for (size_t i = 0; i < w.n.size(); ++i) {
      const Node& x = w.n[i];
      if (x.values.empty() || x.children.empty()) continue;
      for (const auto& e : kElements) {
        const long long own = x.own_part.count(e) ? x.own_part.at(e) : 0;
        ASSERT_EQ(x.values.at(e), x.compiled_part.at(e) + own) << "seed " << seed << " node " << i << " " << e;
      }
    }
    // and the live cross-check: for every level, what the compilation counts now plus the
    // differences explained unit by unit is the live figure of the units below
    for (size_t i = 0; i < w.n.size(); ++i) {
      if (w.n[i].children.empty()) continue;
      const auto below = w.below_of(static_cast<int>(i));
      const Compilation now = compile_level(kElements, below, w.own_of(static_cast<int>(i)));
      Figures explained_sum;
      for (BelowReport b : below) {
        b.reported.erase("budget");  // as the route: hand-entered numbers have no live figure
        const Gap g = explain(b);
        for (const auto& [k, v] : g.difference) explained_sum[k] += v;
        if (!counted(b)) ASSERT_NE(g.reason, GapReason::none);
        if (counted(b) && g.reason == GapReason::none)
          for (const auto& [k, v] : g.difference) ASSERT_EQ(v, 0);
        explained += g.reason != GapReason::none;
      }
      Figures live_below;
      for (int c : w.n[i].children)
        for (const auto& [k, v] : w.live(c)) live_below[k] += v;
      for (const auto& e : {"reached", "sessions", "cost"})
        ASSERT_EQ(now.compiled.at(e) + explained_sum[e], live_below[e]) << "seed " << seed << " node " << i << " " << e;
    }
  }
  // the random histories reach the interesting cases
  EXPECT_GT(levels_checked, 500);
  EXPECT_GT(with_missing, 100);
  EXPECT_GT(explained, 500);
}
