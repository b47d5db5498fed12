// Money through its stages (issue 19 §4): execution rows and rates, totals, the integrated share
// and the cost per result; null on zero denominators, exact int64 sums of large amounts, signed
// amendments.
#include "domain/money_figures.hpp"

#include <gtest/gtest.h>

#include <climits>

using namespace longghep;
using namespace longghep::money_figures;

namespace {
Line line(Stage s, const std::string& src, long long amount, long long unit = 1, long long prog = 0, long long pa = 0) {
  Line l;
  l.stage = s;
  l.unit_id = unit;
  l.funding_source = src;
  l.programme_id = prog;
  l.plan_activity_id = pa;
  l.amount = amount;
  return l;
}
}  // namespace

TEST(MoneyFigures, RatesRoundToFourDecimals) {
  EXPECT_DOUBLE_EQ(*rate(13, 16), 0.8125);
  EXPECT_DOUBLE_EQ(*rate(1, 3), 0.3333);
  EXPECT_DOUBLE_EQ(*rate(2, 3), 0.6667);
  EXPECT_DOUBLE_EQ(*rate(5, 4), 1.25);
  EXPECT_DOUBLE_EQ(*rate(0, 7), 0.0);
  EXPECT_DOUBLE_EQ(*rate(-1, 3), -0.3333);
}

TEST(MoneyFigures, ZeroDenominatorsAreNull) {
  EXPECT_FALSE(rate(5, 0).has_value());
  EXPECT_FALSE(rate(0, 0).has_value());
  Execution e;
  e.spent = 100;  // spent without plan nor allocation
  EXPECT_FALSE(e.allocated_rate());
  EXPECT_FALSE(e.spent_rate());
  EXPECT_FALSE(e.spent_of_planned());
  CostPerResult c;
  c.spent = 1000;
  EXPECT_FALSE(c.cost_per_person());
  EXPECT_FALSE(c.cost_per_output());
  EXPECT_FALSE(integrated_share({}, {"integrated_programmes"}));
  EXPECT_FALSE(integrated_share({line(Stage::planned, "integrated_programmes", 5)}, {"integrated_programmes"}));
}

TEST(MoneyFigures, ExecutionRowsAndTotal) {
  const std::vector<Line> lines = {
      line(Stage::planned, "central_budget", 16'000'000), line(Stage::planned, "integrated_programmes", 4'000'000),
      line(Stage::allocated, "central_budget", 13'000'000), line(Stage::allocated, "integrated_programmes", 4'000'000),
      line(Stage::spent, "central_budget", 6'500'000), line(Stage::spent, "integrated_programmes", 3'000'000),
      line(Stage::spent, "socialisation", 500'000)};
  const auto rows = group(lines, [](const Line& l) { return std::optional<std::string>(l.funding_source); });
  ASSERT_EQ(rows.size(), 3u);
  const auto& c = rows.at("central_budget");
  EXPECT_EQ(c.planned, 16'000'000);
  EXPECT_EQ(c.allocated, 13'000'000);
  EXPECT_EQ(c.spent, 6'500'000);
  EXPECT_DOUBLE_EQ(*c.allocated_rate(), 0.8125);
  EXPECT_DOUBLE_EQ(*c.spent_rate(), 0.5);
  EXPECT_DOUBLE_EQ(*c.spent_of_planned(), 0.4063);  // 0.40625 rounds half away from zero
  const auto& s = rows.at("socialisation");
  EXPECT_FALSE(s.allocated_rate());
  EXPECT_FALSE(s.spent_rate());
  const Execution t = total(rows);
  EXPECT_EQ(t.planned, 20'000'000);
  EXPECT_EQ(t.allocated, 17'000'000);
  EXPECT_EQ(t.spent, 10'000'000);
  EXPECT_EQ(total(lines).spent, t.spent);
  EXPECT_DOUBLE_EQ(*t.allocated_rate(), 0.85);
  EXPECT_DOUBLE_EQ(*t.spent_rate(), 0.5882);
  EXPECT_DOUBLE_EQ(*t.spent_of_planned(), 0.5);
  EXPECT_DOUBLE_EQ(*integrated_share(lines, {"national_target_programmes", "integrated_programmes"}), 0.3);
}

TEST(MoneyFigures, NullKeysDropLines) {
  const std::vector<Line> lines = {line(Stage::spent, "central_budget", 10, 1, 0, 7),
                                   line(Stage::spent, "central_budget", 5, 1, 0, 0)};
  const auto rows = group(lines, [](const Line& l) {
    return l.plan_activity_id ? std::optional<std::string>(std::to_string(l.plan_activity_id)) : std::nullopt;
  });
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(total(rows).spent, 10);
}

TEST(MoneyFigures, NegativeAmendmentsCut) {
  // an original decision of 30.000.000 and an issued amendment of -12.000.000
  const std::vector<Line> lines = {line(Stage::planned, "commune_budget", 24'000'000),
                                   line(Stage::allocated, "commune_budget", 30'000'000),
                                   line(Stage::allocated, "commune_budget", -12'000'000),
                                   line(Stage::spent, "commune_budget", 9'000'000)};
  const Execution t = total(lines);
  EXPECT_EQ(t.allocated, 18'000'000);
  EXPECT_DOUBLE_EQ(*t.allocated_rate(), 0.75);
  EXPECT_DOUBLE_EQ(*t.spent_rate(), 0.5);
  // a cut to nothing: the spent rate has no denominator
  const Execution z = total({line(Stage::allocated, "x", 5), line(Stage::allocated, "x", -5), line(Stage::spent, "x", 1)});
  EXPECT_EQ(z.allocated, 0);
  EXPECT_FALSE(z.spent_rate());
}

TEST(MoneyFigures, LargeAmountsSumExactly) {
  // 10^15 VND lines (the contract's bound), thousands of them: beyond 2^53, exact in int64
  std::vector<Line> lines;
  for (int i = 0; i < 5000; ++i) lines.push_back(line(Stage::planned, "central_budget", 1'000'000'000'000'000LL + i));
  lines.push_back(line(Stage::allocated, "central_budget", 4'000'000'000'000'000'001LL));
  const Execution t = total(lines);
  EXPECT_EQ(t.planned, 5'000'000'000'000'000'000LL + 5000LL * 4999 / 2);
  EXPECT_EQ(t.allocated, 4'000'000'000'000'000'001LL);
  EXPECT_DOUBLE_EQ(*t.allocated_rate(), 0.8);
  EXPECT_GT(t.planned, 1LL << 53);
  EXPECT_LT(t.planned, LLONG_MAX);
}

TEST(MoneyFigures, CostPerResult) {
  CostPerResult a{9'000'000, 120, 30, 2}, b{1'000'000, 0, 0, 1};
  EXPECT_DOUBLE_EQ(*a.cost_per_person(), 75000.0);
  EXPECT_DOUBLE_EQ(*a.cost_per_output(), 300000.0);
  EXPECT_FALSE(b.cost_per_person());
  CostPerResult t;
  t += a;
  t += b;
  EXPECT_EQ(t.spent, 10'000'000);
  EXPECT_EQ(t.activities, 3);
  EXPECT_DOUBLE_EQ(*t.cost_per_person(), 83333.33);
  EXPECT_DOUBLE_EQ(*per(10, 3), 3.33);
  EXPECT_DOUBLE_EQ(*per(20, 3), 6.67);
}

TEST(MoneyFigures, SplitInProportionSumsExactly) {
  EXPECT_EQ(split(10'000'000, {30, 10}), (std::vector<long long>{7'500'000, 2'500'000}));
  EXPECT_EQ(split(100, {1, 1, 1}), (std::vector<long long>{34, 33, 33}));
  EXPECT_EQ(split(5, {0, 0}), (std::vector<long long>{5, 0}));
  EXPECT_TRUE(split(5, {}).empty());
  const auto big = split(1'000'000'000'000'000LL, {3, 7, 11});
  EXPECT_EQ(big[0] + big[1] + big[2], 1'000'000'000'000'000LL);
  EXPECT_EQ(big[1], 333'333'333'333'333LL);
}
