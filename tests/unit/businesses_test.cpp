// The service business registry (issue 17 §1, §6): validation, the duplicate key, status
// transitions, and the wall for the inspection team.
#include "domain/businesses.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "domain/access.hpp"
#include "domain/error.hpp"

using namespace longghep;
using namespace longghep::businesses;

namespace {
Date d(const char* s) { return *Date::parse(s); }

int status_of(const std::function<void()>& f, std::string* code = nullptr, std::vector<FieldIssue>* details = nullptr) {
  try {
    f();
  } catch (const Error& e) {
    if (code) *code = e.code();
    if (details) *details = e.details();
    return e.status();
  }
  return 0;
}

BusinessFields valid() {
  BusinessFields f;
  f.type_code = "karaoke";
  f.name = "Karaoke Hoàng Gia";
  f.address = "12 Trần Hưng Đạo";
  f.commune_unit_id = 42;
  f.workers_female = 6;
  f.workers_male = 2;
  f.antt_cert_date = d("2024-05-01");
  return f;
}
}  // namespace

TEST(Businesses, ValidInputPasses) { EXPECT_EQ(status_of([] { validate(valid(), d("2026-12-04")); }), 0); }

TEST(Businesses, ValidationNamesEveryFaultInBothLanguages) {
  BusinessFields f = valid();
  f.name = "  ";
  f.type_code = "";
  f.commune_unit_id = 0;
  f.workers_female = -1;
  f.antt_cert_date = d("2026-12-05");
  f.police_notified_on = d("2027-01-01");
  std::vector<FieldIssue> issues;
  EXPECT_EQ(status_of([&] { validate(f, d("2026-12-04")); }, nullptr, &issues), 400);
  std::set<std::string> fields;
  for (const auto& i : issues) {
    fields.insert(i.field);
    EXPECT_FALSE(i.message_vi.empty());
    EXPECT_FALSE(i.message_en.empty());
  }
  EXPECT_EQ(fields, (std::set<std::string>{"name", "typeCode", "communeCode", "workersFemale", "anttCertDate", "policeNotifiedOn"}));
  f = valid();
  f.workers_male = kWorkersMax + 1;
  EXPECT_EQ(status_of([&] { validate(f, d("2026-12-04")); }), 400);
  f = valid();
  f.name = std::string(kNameMax + 1, 'a');
  EXPECT_EQ(status_of([&] { validate(f, d("2026-12-04")); }), 400);
}

TEST(Businesses, DuplicateKeyIgnoresCaseDiacriticsAndSpacing) {
  EXPECT_EQ(duplicate_key("Karaoke Hoàng Gia", "12 Trần Hưng Đạo", 42), duplicate_key("  karaoke   HOANG gia ", "12 tran hung dao", 42));
  EXPECT_EQ(duplicate_key("Karaoke Hoàng Gia", "12 Trần Hưng Đạo", 42), "karaoke hoang gia|12 tran hung dao|42");
  EXPECT_NE(duplicate_key("Karaoke Hoàng Gia", "12 Trần Hưng Đạo", 42), duplicate_key("Karaoke Hoàng Gia", "12 Trần Hưng Đạo", 43));
  EXPECT_NE(duplicate_key("Karaoke Hoàng Gia", "12 Trần Hưng Đạo", 42), duplicate_key("Karaoke Hoàng Gia", "14 Trần Hưng Đạo", 42));
}

TEST(Businesses, StatusTransitions) {
  const Date today = d("2026-12-04"), since = d("2025-01-01");
  std::string code;
  EXPECT_EQ(status_of([&] { require_transition("operating", since, "suspended", d("2026-11-01"), "Vi phạm", today); }), 0);
  EXPECT_EQ(status_of([&] { require_transition("suspended", since, "operating", today, "Khắc phục xong", today); }), 0);
  EXPECT_EQ(status_of([&] { require_transition("suspended", since, "closed", today, "Ngừng", today); }), 0);
  EXPECT_EQ(status_of([&] { require_transition("operating", since, "operating", today, "x", today); }, &code), 409);
  EXPECT_EQ(code, "same_status");
  EXPECT_EQ(status_of([&] { require_transition("closed", since, "operating", today, "x", today); }, &code), 409);
  EXPECT_EQ(code, "business_closed");
  EXPECT_EQ(status_of([&] { require_transition("operating", since, "open", today, "x", today); }), 400);
  EXPECT_EQ(status_of([&] { require_transition("operating", since, "closed", today, " ", today); }), 400);
  EXPECT_EQ(status_of([&] { require_transition("operating", since, "closed", d("2026-12-05"), "x", today); }), 400);
  EXPECT_EQ(status_of([&] { require_transition("operating", since, "closed", d("2024-12-31"), "x", today); }), 400);
}

TEST(Businesses, InspectionTeamIsBehindTheWall) {
  Principal p;
  p.roles = {"inspection_team"};
  p.permissions = {perm::kBusinessesRead, perm::kBusinessesWrite, perm::kCasesRead, perm::kCasesRecord};
  EXPECT_TRUE(Access::has(p, perm::kBusinessesWrite));
  EXPECT_FALSE(Access::has(p, perm::kCasesRead));
  EXPECT_FALSE(Access::has(p, perm::kCasesRecord));
  EXPECT_TRUE(Access::behind_wall({"inspection_team"}));
}
