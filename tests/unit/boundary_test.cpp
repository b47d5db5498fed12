// Boundaries for maps: simplification keeps shapes recognisable with far fewer points, and each
// GeoJSON feature is matched to the unit of its official code valid on the day.
#include "domain/boundary.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "domain/error.hpp"
#include "domain/text.hpp"

using namespace longghep;
using nlohmann::json;

namespace {
Date D(const char* s) { return *Date::parse(s); }

OrgUnit unit(long long id, std::string code, std::string name, std::string kind, std::string parent, Validity v) {
  OrgUnit u;
  u.id = id;
  u.code = std::move(code);
  u.name = name;
  u.full_name = name;
  u.kind = std::move(kind);
  u.parent_code = std::move(parent);
  u.validity = v;
  u.name_folded = fold_for_search(name);
  return u;
}

Hierarchy fixture() {
  const Validity before{Date::min(), D("2025-06-30")}, after{D("2025-07-01"), Date::max()};
  return Hierarchy({unit(1, "VN", "Việt Nam", "central", "", {}), unit(2, "52", "Bình Định", "province", "VN", before),
                    unit(3, "64", "Gia Lai", "province", "VN", before), unit(4, "52", "Gia Lai", "province", "VN", after),
                    unit(5, "21583", "Quy Nhơn", "commune", "52", after)},
                   {});
}

// A circle of n points (closed: the first repeated at the end).
json circle(int n, double r = 1.0) {
  json ring = json::array();
  for (int i = 0; i < n; ++i) {
    const double a = 2 * M_PI * i / n;
    ring.push_back({108 + r * std::cos(a), 14 + r * std::sin(a)});
  }
  ring.push_back(ring[0]);
  return ring;
}

// (a vector, not a json: a braced json of one element would be that element, not a list of it)
std::string collection(const std::vector<json>& features) {
  json list = json::array();
  for (const auto& f : features) list.push_back(f);
  return json{{"type", "FeatureCollection"}, {"features", list}}.dump();
}
json feature(const json& props, const json& geometry) { return {{"type", "Feature"}, {"properties", props}, {"geometry", geometry}}; }
json square() { return {{"type", "Polygon"}, {"coordinates", {{{108, 14}, {109, 14}, {109, 15}, {108, 15}, {108, 14}}}}}; }
}  // namespace

TEST(BoundarySimplify, PointsOnAStraightLineCollapseToItsEnds) {
  std::vector<Point> line{{0, 0}, {1, 0.00001}, {2, 0}, {3, -0.00001}, {4, 0}};
  auto out = simplify_line(line, 0.001);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out.front().x, 0);
  EXPECT_EQ(out.back().x, 4);
}

TEST(BoundarySimplify, APointFartherThanTheToleranceIsKept) {
  std::vector<Point> line{{0, 0}, {1, 0.5}, {2, 0}};
  EXPECT_EQ(simplify_line(line, 0.1).size(), 3u);
  EXPECT_EQ(simplify_line(line, 1.0).size(), 2u);
  EXPECT_EQ(simplify_line(line, 0).size(), 3u) << "tolerance 0 keeps everything";
}

TEST(BoundarySimplify, AClosedRingStaysClosedWithFewerPoints) {
  json g = {{"type", "Polygon"}, {"coordinates", {circle(2000)}}};
  json s = simplify_geometry(g, 0.005, 4);
  const json& ring = s["coordinates"][0];
  EXPECT_LT(ring.size(), 200u);
  EXPECT_GE(ring.size(), 4u);
  EXPECT_EQ(ring.front(), ring.back());
  // Every kept position is on the circle (rounded to 4 decimals, so within ~1e-4).
  for (const auto& p : ring)
    EXPECT_NEAR(std::hypot(p[0].get<double>() - 108, p[1].get<double>() - 14), 1.0, 1e-3);
}

TEST(BoundarySimplify, CoordinatesAreRoundedToTheGivenDecimals) {
  json g = {{"type", "Polygon"},
            {"coordinates", {{{108.123456, 14.987654}, {109.000049, 14.0}, {109.0, 15.0}, {108.123456, 14.987654}}}}};
  json s = simplify_geometry(g, 0, 4);
  EXPECT_DOUBLE_EQ(s["coordinates"][0][0][0].get<double>(), 108.1235);
  EXPECT_DOUBLE_EQ(s["coordinates"][0][0][1].get<double>(), 14.9877);
  EXPECT_DOUBLE_EQ(s["coordinates"][0][1][0].get<double>(), 109.0);
}

TEST(BoundarySimplify, IsletsSmallerThanTheToleranceAreDroppedButNotTheWholeUnit) {
  json islet = circle(8, 0.0001);
  json g = {{"type", "MultiPolygon"}, {"coordinates", {{circle(500)}, {islet}}}};
  json s = simplify_geometry(g, 0.005, 4);
  EXPECT_EQ(s["coordinates"].size(), 1u) << "the islet collapsed";
  json only_islets = {{"type", "MultiPolygon"}, {"coordinates", {{islet}}}};
  EXPECT_EQ(simplify_geometry(only_islets, 0.005, 4)["coordinates"].size(), 1u) << "a unit never disappears";
}

TEST(BoundaryParse, TheCodeIsTakenFromPropertiesThenTheIdWithLeadingZeros) {
  EXPECT_EQ(feature_code(json{{"properties", {{"code", "01"}}}, {"id", "99"}}, 2), "01");
  EXPECT_EQ(feature_code(json{{"properties", {{"ma", 1}}}}, 2), "01");
  EXPECT_EQ(feature_code(json{{"id", 4}}, 5), "00004");
  EXPECT_EQ(feature_code(json{{"id", "10507"}, {"properties", json::object()}}, 5), "10507");
  EXPECT_EQ(feature_code(json{{"properties", {{"name", "x"}}}}, 2), "");
}

TEST(BoundaryParse, BadInputIsRejectedNamingTheFault) {
  auto field_of = [](const std::string& text) {
    try {
      parse_boundary_features(text, BoundaryLevel::province);
    } catch (const Error& e) {
      EXPECT_EQ(e.status(), 400);
      return e.field().value_or("");
    }
    return std::string("(accepted)");
  };
  EXPECT_EQ(field_of("{\"type\": \"FeatureCollection\", \"features\": ["), "file");
  EXPECT_EQ(field_of("[]"), "type");
  EXPECT_EQ(field_of(collection({})), "features");
  EXPECT_EQ(field_of(collection({feature({{"code", "52"}}, square()), feature({{"code", "64"}}, {{"type", "Point"}, {"coordinates", {1, 2}}})})),
            "features[1].geometry.type");
  EXPECT_EQ(field_of(collection({feature({{"code", "52"}}, {{"type", "Polygon"}, {"coordinates", {{{1, 2}, {3, 4}}}}})})),
            "features[0].geometry.coordinates[0]");
  EXPECT_EQ(field_of(collection({feature({{"code", "52"}}, {{"type", "Polygon"}, {"coordinates", {{{1, 2}, {300, 4}, {3, 5}, {1, 2}}}}})})),
            "features[0].geometry.coordinates[0]");
  EXPECT_EQ(field_of(collection({json{{"type", "Feature"}, {"properties", {{"code", "52"}}}}})), "features[0].geometry");
}

TEST(BoundaryMatch, FeaturesMatchTheUnitOfTheirCodeAndLevelOnTheDay) {
  Hierarchy h = fixture();
  auto fs = parse_boundary_features(
      collection({feature({{"code", "52"}}, square()), feature({{"code", "64"}}, square()), feature({{"code", "21583"}}, square()),
                  feature({{"name", "no code"}}, square()), feature({{"code", "52"}}, square())}),
      BoundaryLevel::province);
  auto m = match_boundaries(fs, BoundaryLevel::province, h, D("2026-01-01"));
  ASSERT_EQ(m.matched.size(), 1u);
  EXPECT_EQ(m.matched[0].unit->id, 4) << "52 on 2026-01-01 is the new Gia Lai";
  ASSERT_EQ(m.unmatched.size(), 4u);
  EXPECT_EQ(m.unmatched[0].code, "64") << "old Gia Lai ended on 30/06/2025";
  EXPECT_EQ(m.unmatched[1].code, "21583") << "a commune is not a province";
  EXPECT_EQ(m.unmatched[2].code, "") << "no code";
  EXPECT_EQ(m.unmatched[3].index, 4u) << "duplicate 52";

  auto old = match_boundaries(fs, BoundaryLevel::province, h, D("2024-01-01"));
  EXPECT_EQ(old.matched.size(), 2u) << "52 Bình Định and 64 Gia Lai existed in 2024";
}
