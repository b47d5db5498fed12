// Issue 13: JSON inputs are refused by nesting depth before the parser allocates anything.
#include "util/json_input.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "domain/error.hpp"

using namespace longghep;

TEST(JsonInput, DepthScanSkipsStringsAndStopsEarly) {
  EXPECT_EQ(json_nesting_depth(R"({"a":[1,{"b":[]}]})", 64), 4u);
  EXPECT_EQ(json_nesting_depth(R"({"a":"[[[[[[\"[[["})", 64), 1u);
  EXPECT_EQ(json_nesting_depth("", 64), 0u);
  EXPECT_EQ(json_nesting_depth(std::string(1000, '['), 10), 11u);
}

TEST(JsonInput, DeepDocumentIs413BeforeParsing) {
  const std::string deep = std::string(10'000'000, '[') + std::string(10'000'000, ']');  // 20 MB
  const auto t0 = std::chrono::steady_clock::now();
  try {
    parse_json_limited(deep, "file");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 413);
    EXPECT_EQ(e.code(), "json_too_deep");
    EXPECT_EQ(e.field(), "file");
    EXPECT_NE(e.message_vi().find("lồng nhau quá sâu"), std::string::npos);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(200));
  EXPECT_NO_THROW(parse_json_limited(std::string(64, '[') + std::string(64, ']')));
  EXPECT_THROW(parse_json_limited(std::string(65, '[') + std::string(65, ']')), Error);
}

TEST(JsonInput, MalformedIs400NamingTheByte) {
  try {
    parse_json_limited("{\"a\":", "body");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.code(), "invalid_json");
  }
}
