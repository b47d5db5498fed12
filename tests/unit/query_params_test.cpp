// The query-parameter readers every handler uses (http/context.hpp QueryParams) and the Error
// factories they throw: what each kind accepts, and the status, code and field of a refusal.
#include <gtest/gtest.h>

#include "domain/error.hpp"
#include "domain/hierarchy.hpp"
#include "domain/text.hpp"
#include "http/context.hpp"

using namespace longghep;

namespace {
using Query = std::map<std::string, std::string>;

// Runs f, which must throw an Error; returns it.
template <typename F>
Error thrown(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no Error thrown";
  return Error(0, "", "", "");
}

void expect_invalid(const Error& e, const std::string& field) {
  EXPECT_EQ(e.status(), 400);
  EXPECT_EQ(e.code(), "validation_failed");
  EXPECT_EQ(e.field(), field);
  EXPECT_FALSE(e.message_vi().empty());
  EXPECT_FALSE(e.message_en().empty());
  EXPECT_NE(e.message_vi(), e.message_en());
}

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

// Province 52 is Bình Định until 30/06/2025 and the new Gia Lai from 01/07/2025; 64 ends then.
Hierarchy fixture() {
  const Validity before{Date::min(), D("2025-06-30")}, after{D("2025-07-01"), Date::max()};
  return Hierarchy({unit(1, "VN", "Việt Nam", "central", "", {}), unit(2, "52", "Bình Định", "province", "VN", before),
                    unit(3, "64", "Gia Lai", "province", "VN", before), unit(8, "52", "Gia Lai", "province", "VN", after)},
                   {});
}
}  // namespace

TEST(ParseDigits, OnlyUnsignedDecimalDigitsWithinTheLength) {
  EXPECT_EQ(parse_digits("0"), 0);
  EXPECT_EQ(parse_digits("0042"), 42);
  EXPECT_EQ(parse_digits("999999999999999999"), 999999999999999999LL);
  EXPECT_EQ(parse_digits("1234", 4), 1234);
  EXPECT_EQ(parse_digits("12345", 4), std::nullopt);
  EXPECT_EQ(parse_digits("1000000000000000000"), std::nullopt);  // 19 digits
  for (const char* bad : {"", "-1", "+1", " 1", "1 ", "1.0", "1e3", "0x1", "١", "12a"})
    EXPECT_EQ(parse_digits(bad), std::nullopt) << bad;
}

TEST(QueryParams, AbsentOrEmptyMeansNotGiven) {
  Query q{{"agencyId", ""}, {"year", ""}};
  QueryParams p(q);
  EXPECT_EQ(p.id_q("agencyId"), std::nullopt);
  EXPECT_EQ(p.id_q("programmeId"), std::nullopt);
  EXPECT_EQ(p.int_q("year", 2000, 2100), std::nullopt);
  EXPECT_EQ(p.bool_q("planned"), std::nullopt);
  EXPECT_EQ(p.enum_q("format", {"xlsx", "csv"}, "xlsx"), "xlsx");
  EXPECT_EQ(p.q("q", "x"), "x");
  EXPECT_EQ(p.opt_date("from"), std::nullopt);
  EXPECT_EQ(p.page(), 1);
  EXPECT_EQ(p.page_size(), 50);
}

TEST(QueryParams, IdIsAPositiveInteger) {
  Query q{{"a", "17"}, {"zero", "0"}, {"neg", "-3"}, {"text", "abc"}, {"long", "1234567890123456789"}};
  QueryParams p(q);
  EXPECT_EQ(p.id_q("a"), 17);
  for (const char* key : {"zero", "neg", "text", "long"}) expect_invalid(thrown([&] { p.id_q(key); }), key);
}

TEST(QueryParams, IntegerInARange) {
  Query q{{"year", "2026"}, {"low", "1999"}, {"high", "2101"}, {"half", "0"}, {"frac", "20.5"}, {"huge", "99999999999"}};
  QueryParams p(q);
  EXPECT_EQ(p.int_q("year", 2000, 2100), 2026);
  EXPECT_EQ(p.int_q("half", 0, 2), 0);
  for (const char* key : {"low", "high", "frac", "huge"}) expect_invalid(thrown([&] { p.int_q(key, 2000, 2100); }), key);
  const Error e = thrown([&] { p.int_q("low", 2000, 2100); });
  EXPECT_NE(e.message_en().find("2000"), std::string::npos);
  EXPECT_NE(e.message_en().find("2100"), std::string::npos);
}

TEST(QueryParams, PageAndPageSizeWithinTheirBounds) {
  Query ok{{"page", "3"}, {"pageSize", "500"}};
  EXPECT_EQ(QueryParams(ok).page(), 3);
  EXPECT_EQ(QueryParams(ok).page_size(), 500);
  Query bad{{"page", "0"}, {"pageSize", "501"}};
  expect_invalid(thrown([&] { QueryParams(bad).page(); }), "page");
  expect_invalid(thrown([&] { QueryParams(bad).page_size(); }), "pageSize");
}

TEST(QueryParams, VersionIsRequiredAndANonNegativeInteger) {
  Query q{{"version", "0"}};
  EXPECT_EQ(QueryParams(q).version_q(), 0);
  q["version"] = "12";
  EXPECT_EQ(QueryParams(q).version_q(), 12);
  Query none;
  expect_invalid(thrown([&] { QueryParams(none).version_q(); }), "version");
  for (const char* bad : {"", "v1", "-1", "1.5"}) {
    Query b{{"version", bad}};
    expect_invalid(thrown([&] { QueryParams(b).version_q(); }), "version");
  }
}

TEST(QueryParams, EnumAndBoolean) {
  Query q{{"versions", "all"}, {"format", "pdf"}, {"planned", "false"}, {"active", "yes"}};
  QueryParams p(q);
  EXPECT_EQ(p.enum_q("versions", {"latest", "all"}, "latest"), "all");
  const Error e = thrown([&] { p.enum_q("format", {"xlsx", "csv"}); });
  expect_invalid(e, "format");
  EXPECT_NE(e.message_en().find("xlsx, csv"), std::string::npos);
  EXPECT_EQ(p.bool_q("planned"), false);
  expect_invalid(thrown([&] { p.bool_q("active"); }), "active");
}

TEST(QueryParams, DatesAreIsoDaysOf1900To2200) {
  Query q{{"asOf", "2024-06-30"}, {"from", "30/06/2024"}, {"to", "2025-02-30"}, {"today", "2201-01-01"}};
  QueryParams p(q);
  EXPECT_EQ(p.as_of(), D("2024-06-30"));
  for (const char* key : {"from", "to", "today"}) expect_invalid(thrown([&] { p.opt_date(key); }), key);
  EXPECT_EQ(QueryParams(Query{}).as_of(), Date::today_vn());
}

TEST(QueryParams, UnitIsTheCodesUnitOnTheDayElse404) {
  const Hierarchy h = fixture();
  Query q{{"orgUnit", "52"}, {"asOf", "2024-06-30"}, {"within", "64"}};
  QueryParams p(q);
  EXPECT_EQ(p.unit_q(h)->name, "Bình Định");                         // as of ?asOf=
  EXPECT_EQ(p.unit_q(h, "orgUnit", D("2026-01-01"))->name, "Gia Lai");  // as of a given day
  EXPECT_EQ(p.unit_q(h, "parent"), nullptr);                           // absent
  EXPECT_EQ(p.unit_q(h, "within")->id, 3);
  const Error e = thrown([&] { p.unit_q(h, "within", D("2025-07-01")); });  // 64 ended on 30/06/2025
  EXPECT_EQ(e.status(), 404);
  EXPECT_EQ(e.code(), "org_unit_not_found");
  EXPECT_EQ(e.field(), "within");
  EXPECT_EQ(e.message_vi(), "Không có đơn vị hành chính mã 64 vào ngày 01/07/2025");
  EXPECT_EQ(e.message_en(), "No org unit with code 64 on 2025-07-01");
  Query unknown{{"orgUnit", "99999"}};
  EXPECT_EQ(thrown([&] { QueryParams(unknown).unit_q(h); }).status(), 404);
}

TEST(QueryParams, RawValuesAreBoundedCleanUtf8) {
  Query q{{"q", std::string(501, 'a')}, {"kind", "\xff"}, {"ok", "Gia Lai"}};
  QueryParams p(q);
  EXPECT_EQ(p.q("ok"), "Gia Lai");
  expect_invalid(thrown([&] { p.q("q"); }), "q");
  expect_invalid(thrown([&] { p.q("kind"); }), "kind");
}

TEST(ErrorFactories, UnknownOrgUnitIs404AsAParameterAnd400AsABodyField) {
  const Error param = Error::OrgUnitNotFound("540", "orgUnit", D("2026-01-01"));
  EXPECT_EQ(param.status(), 404);
  EXPECT_EQ(param.code(), "org_unit_not_found");
  EXPECT_EQ(param.field(), "orgUnit");
  const Error field = Error::OrgUnitFieldNotFound("540", "orgUnitCode", 2026);
  EXPECT_EQ(field.status(), 400);
  EXPECT_EQ(field.code(), "org_unit_not_found");
  EXPECT_EQ(field.field(), "orgUnitCode");
  EXPECT_EQ(field.message_vi(), "Không có đơn vị hành chính mã 540 trong năm 2026");
  EXPECT_EQ(field.message_en(), "No org unit with code 540 in 2026");
  const Error missing = Error::MissingParam("version", "phiên bản của bản ghi", "record's version");
  expect_invalid(missing, "version");
  expect_invalid(Error::InvalidParam("year", "phải là số", "must be a number"), "year");
}
