// The hierarchy over time, on a small fixture shaped like the 2025 reform:
// old Bình Định (52) and old Gia Lai (64) end 30/06/2025 and merge into new Gia Lai (52).
#include "domain/hierarchy.hpp"

#include <gtest/gtest.h>

#include "domain/text.hpp"

using namespace longghep;

namespace {
Date D(const char* s) { return *Date::parse(s); }
const Date kEnd = D("2025-06-30");
const Date kStart = D("2025-07-01");

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

std::vector<OrgUnit> fixture() {
  const Validity before{Date::min(), kEnd}, after{kStart, Date::max()};
  return {
      unit(1, "VN", "Việt Nam", "central", "", {}),
      unit(2, "52", "Bình Định", "province", "VN", before),
      unit(3, "64", "Gia Lai", "province", "VN", before),
      unit(4, "540", "Quy Nhơn", "district", "52", before),
      unit(5, "21550", "Phường Lê Lợi", "commune", "540", before),
      unit(6, "622", "Pleiku", "district", "64", before),
      unit(7, "23500", "Phường Hoa Lư", "commune", "622", before),
      unit(8, "52", "Gia Lai", "province", "VN", after),
      unit(9, "21583", "Phường Quy Nhơn", "commune", "52", after),
      unit(10, "75", "Đồng Nai", "province", "VN", after),
      unit(11, "26041", "Phường Trấn Biên", "commune", "75", after),
  };
}

std::vector<LineageEvent> events() {
  return {{1, "merge", kStart, 2, 8, false}, {2, "merge", kStart, 3, 8, false}, {3, "merge", kStart, 5, 9, false}};
}
}  // namespace

TEST(Hierarchy, ACodeMeansDifferentUnitsOnDifferentDays) {
  Hierarchy h(fixture(), events());
  EXPECT_EQ(h.find("52", D("2024-06-30"))->name, "Bình Định");
  EXPECT_EQ(h.find("52", kEnd)->name, "Bình Định");
  EXPECT_EQ(h.find("52", kStart)->name, "Gia Lai");
  EXPECT_EQ(h.find("64", kStart), nullptr);
  EXPECT_EQ(h.find("21583", D("2024-01-01")), nullptr);
}

TEST(Hierarchy, ChildrenAndAncestorsAreAnsweredAsOfADate) {
  Hierarchy h(fixture(), events());
  auto old52 = h.find("52", D("2024-01-01"));
  auto kids = h.children(*old52, D("2024-01-01"));
  ASSERT_EQ(kids.size(), 1u);
  EXPECT_EQ(kids[0]->code, "540");
  auto new52 = h.find("52", D("2026-01-01"));
  auto now_kids = h.children(*new52, D("2026-01-01"));
  ASSERT_EQ(now_kids.size(), 1u);
  EXPECT_EQ(now_kids[0]->code, "21583");
  EXPECT_EQ(h.child_count(*new52, D("2026-01-01")), 1u);

  auto path = h.ancestors(*h.find("21550", D("2024-01-01")), D("2024-01-01"));
  ASSERT_EQ(path.size(), 3u);
  EXPECT_EQ(path[0]->code, "VN");
  EXPECT_EQ(path[1]->name, "Bình Định");
  EXPECT_EQ(path[2]->code, "540");
  ASSERT_EQ(h.roots(D("2024-01-01")).size(), 1u);
}

TEST(Hierarchy, SearchIgnoresDiacriticsAndRespectsTheDate) {
  Hierarchy h(fixture(), events());
  auto hits = h.search(fold_for_search("dong nai"), D("2026-01-01"), nullptr);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0]->code, "75");
  EXPECT_TRUE(h.search("dong nai", D("2024-01-01"), nullptr).empty());
  EXPECT_EQ(h.search("quy nhon", D("2024-01-01"), nullptr).size(), 1u);  // the district
  auto within = h.search("phuong", D("2026-01-01"), h.find("52", D("2026-01-01")));
  ASSERT_EQ(within.size(), 1u);
  EXPECT_EQ(within[0]->code, "21583");
}

TEST(Hierarchy, ListsSortByFoldedShortNameThenFullName) {
  auto units = fixture();
  units.push_back(unit(30, "21553", "Quy Nhơn Bắc", "commune", "52", {kStart, Date::max()}));
  units.push_back(unit(31, "21500", "An Nhơn", "commune", "52", {kStart, Date::max()}));
  units.back().full_name = "Phường An Nhơn";
  units[8].name = "Quy Nhơn";  // 21583, full name "Phường Quy Nhơn"
  Hierarchy h(units, events());
  auto kids = h.children(*h.find("52", kStart), kStart);
  ASSERT_EQ(kids.size(), 3u);
  EXPECT_EQ(kids[0]->code, "21500");
  EXPECT_EQ(kids[1]->code, "21583");  // "quy nhon" before "quy nhon bac"
  EXPECT_EQ(kids[2]->code, "21553");
}

TEST(Hierarchy, LineageLinksOldAndNewVersions) {
  Hierarchy h(fixture(), events());
  auto preds = h.predecessors(8);
  ASSERT_EQ(preds.size(), 2u);
  EXPECT_EQ(h.successors(2).at(0)->to_id, 8);
}

TEST(Hierarchy, ScopeOfNewProvinceIncludesWhatWasMergedIntoIt) {
  Hierarchy h(fixture(), events());
  Scope s = h.scope_of(8);  // new Gia Lai
  for (long long id : {8, 9, 2, 3, 4, 5, 6, 7}) EXPECT_TRUE(s.contains(id)) << id;
  for (long long id : {1, 10, 11}) EXPECT_FALSE(s.contains(id)) << id;
}

TEST(Hierarchy, ScopeOfCommuneIncludesItsPredecessorsOnly) {
  Hierarchy h(fixture(), events());
  Scope s = h.scope_of(9);
  EXPECT_TRUE(s.contains(9));
  EXPECT_TRUE(s.contains(5));
  EXPECT_FALSE(s.contains(8));
  EXPECT_FALSE(s.contains(7));
}

TEST(Hierarchy, ScopeOfOldProvinceDoesNotReachTheNewOneSharingItsCode) {
  Hierarchy h(fixture(), events());
  Scope s = h.scope_of(2);
  EXPECT_TRUE(s.contains(4));
  EXPECT_TRUE(s.contains(5));
  EXPECT_FALSE(s.contains(8));
  EXPECT_FALSE(s.contains(9));
}

TEST(Hierarchy, RootSeesEverything) {
  Hierarchy h(fixture(), events());
  EXPECT_TRUE(h.scope_of(1).all());
  EXPECT_TRUE(h.scope_of(1).contains(11));
  EXPECT_FALSE(h.scope_of(999).contains(1));
}

TEST(HierarchyValidate, RejectsOverlappingVersionsOfOneCode) {
  auto units = fixture();
  units.push_back(unit(20, "52", "Bình Định bis", "province", "VN", {D("2025-01-01"), Date::max()}));
  auto problems = Hierarchy::validate(units);
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems[0].find("code 52"), std::string::npos);
}

TEST(HierarchyValidate, RejectsAChildOutlivingItsParent) {
  auto units = fixture();
  units.push_back(unit(21, "99999", "Xã lạc", "commune", "540", {D("2020-01-01"), D("2026-01-01")}));
  auto problems = Hierarchy::validate(units);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("2025-07-01"), std::string::npos);
}

TEST(HierarchyValidate, RejectsUnknownParentAndAcceptsTheFixture) {
  EXPECT_TRUE(Hierarchy::validate(fixture()).empty());
  auto units = fixture();
  units.push_back(unit(22, "1", "X", "commune", "nope", {}));
  EXPECT_EQ(Hierarchy::validate(units).size(), 1u);
}

TEST(Scope, NarrowScopeIsTheCallersScopeWithinTheFilterSubtree) {
  const Scope all = Scope::everything();
  const Scope mine = Scope::of({2, 3, 5});
  const Scope subtree = Scope::of({3, 4, 5, 6});
  EXPECT_FALSE(narrow_scope(nullptr, nullptr).has_value());  // everything
  EXPECT_FALSE(narrow_scope(&all, nullptr).has_value());
  EXPECT_FALSE(narrow_scope(&all, &all).has_value());
  EXPECT_EQ(narrow_scope(&mine, nullptr)->ids(), (std::vector<long long>{2, 3, 5}));
  EXPECT_EQ(narrow_scope(&all, &subtree)->ids(), (std::vector<long long>{3, 4, 5, 6}));
  EXPECT_EQ(narrow_scope(&mine, &all)->ids(), (std::vector<long long>{2, 3, 5}));
  EXPECT_EQ(narrow_scope(&mine, &subtree)->ids(), (std::vector<long long>{3, 5}));
  const Scope elsewhere = Scope::of({7, 8});
  auto none = narrow_scope(&mine, &elsewhere);
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->ids().empty());
  EXPECT_FALSE(none->all());
}
