// Indicators as a specification: a formula's value (numerator ÷ denominator, × 100 for a
// percentage, rounded), no value instead of a division by zero, achievement against a target
// in both directions, the status colours and their per-indicator thresholds, and the formula's
// JSON form with the field named on every fault.
#include <gtest/gtest.h>

#include "domain/error.hpp"
#include "domain/indicators.hpp"

using namespace longghep;
using nlohmann::json;

namespace {
Indicator percent_of_communes() {
  Indicator i;
  i.code = "communes_communication";
  i.percent = true;
  i.numerator = parse_term(json{{"measure", "units_with_activities"}, {"unitKind", "commune"}, {"interventionGroup", "a"}}, "numerator");
  i.denominator = parse_term(json{{"measure", "units"}, {"unitKind", "commune"}}, "denominator");
  return i;
}
Indicator count_of_inspections() {
  Indicator i;
  i.code = "inspections";
  i.numerator = parse_term(json{{"measure", "activities"}, {"interventionType", "inspections"}}, "numerator");
  return i;
}
std::string field_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 400);
    return e.field().value_or("");
  }
  return "(no error)";
}
}  // namespace

TEST(IndicatorValue, PercentageIsNumeratorOverDenominatorTimesHundredRoundedToHundredths) {
  const Indicator i = percent_of_communes();
  EXPECT_DOUBLE_EQ(*indicator_value(i, 57, 60), 95);
  EXPECT_DOUBLE_EQ(*indicator_value(i, 1, 3), 33.33);
  EXPECT_DOUBLE_EQ(*indicator_value(i, 2, 3), 66.67);
  EXPECT_DOUBLE_EQ(*indicator_value(i, 60, 60), 100);
  EXPECT_DOUBLE_EQ(*indicator_value(i, 0, 60), 0);
  EXPECT_DOUBLE_EQ(*indicator_value(i, 130, 100), 130);  // person-times reached can exceed those surveyed
}

TEST(IndicatorValue, ARatioWithoutPercentAndACountWithoutDenominator) {
  Indicator ratio = percent_of_communes();
  ratio.percent = false;
  EXPECT_DOUBLE_EQ(*indicator_value(ratio, 1, 8), 0.13);  // 0.125 → half away from zero
  EXPECT_DOUBLE_EQ(*indicator_value(count_of_inspections(), 17, std::nullopt), 17);
  EXPECT_DOUBLE_EQ(*indicator_value(count_of_inspections(), 17, 0), 17);  // no denominator: 0 is ignored
}

TEST(IndicatorValue, ADenominatorOfZeroGivesNoValueNotACrash) {
  const Indicator i = percent_of_communes();
  EXPECT_FALSE(indicator_value(i, 0, 0));
  EXPECT_FALSE(indicator_value(i, 5, 0));
  EXPECT_FALSE(indicator_value(i, 5, std::nullopt));
  EXPECT_FALSE(achievement(i, indicator_value(i, 5, 0), 70));
  EXPECT_EQ(status_of(i, achievement(i, indicator_value(i, 5, 0), 70)), IndicatorStatus::grey);
}

TEST(IndicatorRounding, HalfAwayFromZeroAsWritten) {
  EXPECT_DOUBLE_EQ(round_to(2.675, 2), 2.68);  // 2.675 is 2.67499… in binary
  EXPECT_DOUBLE_EQ(round_to(2.665, 2), 2.67);
  EXPECT_DOUBLE_EQ(round_to(-1.005, 2), -1.01);
  EXPECT_DOUBLE_EQ(round_to(99.95, 1), 100.0);
  EXPECT_DOUBLE_EQ(round_to(1234567.891, 0), 1234568);
}

TEST(IndicatorAchievement, HigherIsBetterIsValueOverTarget) {
  const Indicator i = percent_of_communes();
  EXPECT_DOUBLE_EQ(*achievement(i, 56, 70), 80);
  EXPECT_DOUBLE_EQ(*achievement(i, 70, 70), 100);
  EXPECT_DOUBLE_EQ(*achievement(i, 95, 100), 95);
  EXPECT_DOUBLE_EQ(*achievement(i, 66.67, 70), 95.2);
  EXPECT_DOUBLE_EQ(*achievement(i, 0, 0), 100);  // a target of 0 is met by anything
  EXPECT_FALSE(achievement(i, std::nullopt, 70));
  EXPECT_FALSE(achievement(i, 50, std::nullopt));
}

TEST(IndicatorAchievement, LowerIsBetterIsTargetOverValue) {
  Indicator i = count_of_inspections();
  i.higher_is_better = false;  // e.g. violations found
  EXPECT_DOUBLE_EQ(*achievement(i, 10, 5), 50);
  EXPECT_DOUBLE_EQ(*achievement(i, 4, 5), 125);
  EXPECT_DOUBLE_EQ(*achievement(i, 0, 5), 100);
  EXPECT_DOUBLE_EQ(*achievement(i, 3, 0), 0);
}

TEST(IndicatorStatus, GreenAtHundredAmberAtEightyRedBelowGreyWithout) {
  const Indicator i = percent_of_communes();
  EXPECT_EQ(status_of(i, 100.0), IndicatorStatus::green);
  EXPECT_EQ(status_of(i, 140.0), IndicatorStatus::green);
  EXPECT_EQ(status_of(i, 99.9), IndicatorStatus::amber);
  EXPECT_EQ(status_of(i, 80.0), IndicatorStatus::amber);
  EXPECT_EQ(status_of(i, 79.9), IndicatorStatus::red);
  EXPECT_EQ(status_of(i, 0.0), IndicatorStatus::red);
  EXPECT_EQ(status_of(i, std::nullopt), IndicatorStatus::grey);
  EXPECT_EQ(to_string(IndicatorStatus::amber), "amber");
}

TEST(IndicatorStatus, ThresholdsArePerIndicator) {
  Indicator i = percent_of_communes();
  i.green_at = 95;
  i.amber_at = 50;
  EXPECT_EQ(status_of(i, 95.0), IndicatorStatus::green);
  EXPECT_EQ(status_of(i, 94.9), IndicatorStatus::amber);
  EXPECT_EQ(status_of(i, 50.0), IndicatorStatus::amber);
  EXPECT_EQ(status_of(i, 49.9), IndicatorStatus::red);
  EXPECT_EQ(field_of([] { validate_thresholds(100, 120); }), "amberAt");
  EXPECT_EQ(field_of([] { validate_thresholds(0, 0); }), "greenAt");
  EXPECT_EQ(field_of([] { validate_thresholds(100, 80); }), "(no error)");
}

TEST(IndicatorTargets, PercentagesZeroToHundredCountsNonNegative) {
  EXPECT_EQ(field_of([] { validate_target(percent_of_communes(), 100.5); }), "target");
  EXPECT_EQ(field_of([] { validate_target(percent_of_communes(), -1); }), "target");
  EXPECT_EQ(field_of([] { validate_target(percent_of_communes(), 70); }), "(no error)");
  EXPECT_EQ(field_of([] { validate_target(count_of_inspections(), 250); }), "(no error)");
  EXPECT_EQ(field_of([] { validate_target(count_of_inspections(), 1e13); }), "target");
}

TEST(IndicatorFormula, TermsRoundTripThroughJson) {
  const json in{{"measure", "units_with_activities"}, {"unitKind", "commune"}, {"interventionGroup", "a"}, {"minCount", 2}};
  const Term t = parse_term(in, "numerator");
  EXPECT_EQ(t.measure, TermMeasure::units_with_activities);
  EXPECT_EQ(t.min_count, 2);
  EXPECT_EQ(term_json(t), in);
  const json twelve{{"measure", "constant"}, {"constant", 12.0}};
  EXPECT_EQ(term_json(parse_term(twelve, "denominator")), twelve);
  const json reached{{"measure", "reached"}, {"targetGroup", "industrial_workers"}};
  EXPECT_EQ(term_json(parse_term(reached, "numerator")), reached);
}

TEST(IndicatorFormula, FaultsNameTheField) {
  EXPECT_EQ(field_of([] { parse_term(json{{"measure", "nope"}}, "numerator"); }), "numerator.measure");
  EXPECT_EQ(field_of([] { parse_term(json::array(), "numerator"); }), "numerator");
  EXPECT_EQ(field_of([] { parse_term(json{{"measure", "units"}}, "denominator"); }), "denominator.unitKind");
  EXPECT_EQ(field_of([] { parse_term(json{{"measure", "output"}}, "numerator"); }), "numerator.outputKind");
  EXPECT_EQ(field_of([] { parse_term(json{{"measure", "report_element"}, {"form", "bc_nam"}}, "numerator"); }),
            "numerator.element");
  EXPECT_EQ(field_of([] { parse_term(json{{"measure", "activities"}, {"colour", "red"}}, "numerator"); }), "numerator.colour");
  EXPECT_EQ(field_of([] { parse_term(json{{"measure", "activities"}, {"interventionType", "DROP TABLE"}}, "numerator"); }),
            "numerator.interventionType");
  EXPECT_EQ(field_of([] { parse_term(json{{"measure", "months_with"}, {"minCount", 0}}, "numerator"); }), "numerator.minCount");
  EXPECT_EQ(field_of([] { parse_term(json{{"measure", "constant"}, {"constant", -1}}, "denominator"); }), "denominator.constant");
}

TEST(IndicatorFormula, RecordedByLevelAndAgencyKind) {
  // the seed's "provincial press publishes at least monthly": articles recorded by province-level
  // units or by press agencies only
  const json press{{"measure", "months_with"}, {"outputKind", "press_articles"}, {"minCount", 1},
                   {"recordedBy", {{"levels", {"province"}}, {"agencyKinds", {"bao_chi"}}}}};
  const Term t = parse_term(press, "numerator");
  EXPECT_EQ(t.levels, std::vector<std::string>{"province"});
  EXPECT_EQ(t.agency_kinds, std::vector<std::string>{"bao_chi"});
  EXPECT_EQ(term_json(t), press);
  const json only_kinds{{"measure", "activities"}, {"recordedBy", {{"agencyKinds", {"bao_chi", "so"}}}}};
  EXPECT_EQ(parse_term(only_kinds, "numerator").agency_kinds, (std::vector<std::string>{"bao_chi", "so"}));
  EXPECT_TRUE(parse_term(only_kinds, "numerator").levels.empty());
  EXPECT_FALSE(term_json(parse_term(json{{"measure", "activities"}}, "numerator")).contains("recordedBy"));
}

TEST(IndicatorFormula, RecordedByFaultsNameTheField) {
  auto with = [](json rb, const char* measure = "activities") {
    return [rb, measure] { parse_term(json{{"measure", measure}, {"recordedBy", rb}}, "numerator"); };
  };
  EXPECT_EQ(field_of(with(json{{"levels", {"county"}}})), "numerator.recordedBy.levels");
  EXPECT_EQ(field_of(with(json{{"levels", "province"}})), "numerator.recordedBy.levels");
  EXPECT_EQ(field_of(with(json{{"agencyKinds", {"newspaper"}}})), "numerator.recordedBy.agencyKinds");
  EXPECT_EQ(field_of(with(json{{"agencyKinds", {1}}})), "numerator.recordedBy.agencyKinds");
  EXPECT_EQ(field_of(with(json{{"unitKinds", {"province"}}})), "numerator.recordedBy.unitKinds");
  EXPECT_EQ(field_of(with(json::array())), "numerator.recordedBy");
  // who recorded an activity means nothing for units, surveys, agencies or a constant
  EXPECT_EQ(field_of([] { parse_term(json{{"measure", "surveyed"}, {"recordedBy", {{"levels", {"province"}}}}}, "denominator"); }),
            "denominator.recordedBy");
  EXPECT_EQ(field_of(with(json{{"levels", {"province", "commune"}}, {"agencyKinds", {"bao_chi"}}})), "(no error)");
  // the message names the unknown value and the choices, in both languages
  try {
    parse_term(json{{"measure", "activities"}, {"recordedBy", {{"levels", {"county"}}}}}, "numerator");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_NE(e.message_vi().find("county"), std::string::npos);
    EXPECT_NE(e.message_en().find("one of: central, province, district, commune"), std::string::npos);
  }
}
