// Figures of the commune classification (issue 18 §5): counts per class (approved only, same code
// across sets counted together), assessed/approved, healthy % and the rows per province.
#include "domain/classification_figures.hpp"

#include <gtest/gtest.h>

using namespace longghep;
using namespace longghep::classification_figures;
using nlohmann::json;

namespace {
std::map<long long, std::vector<ClassDef>> sets() {
  const json national = {{"classes",
                          {{{"code", "healthy"}, {"rank", 1}, {"healthy", true}, {"labelVi", "Lành mạnh"}, {"labelEn", "Healthy"}},
                           {{"code", "basic"}, {"rank", 2}, {"healthy", false}, {"labelVi", "Cơ bản"}, {"labelEn", "Basic"}},
                           {{"code", "focus"}, {"rank", 3}, {"healthy", false}, {"labelVi", "Chưa"}, {"labelEn", "Focus"}}}}};
  const json province = {{"classes",
                          {{{"code", "healthy"}, {"rank", 1}, {"healthy", true}, {"labelVi", "Đạt"}, {"labelEn", "Passed"}},
                           {{"code", "weak"}, {"rank", 2}, {"healthy", false}, {"labelVi", "Yếu"}, {"labelEn", "Weak"}}}}};
  return {{1, classes_of(national)}, {7, classes_of(province)}};
}
Commune commune(long long id, const char* code, const char* province = "64") { return {id, code, code, "commune", province}; }
AssessmentFact assessment(long long id, long long set, long long unit, const char* code, const char* status,
                          std::optional<std::string> cls = std::nullopt) {
  AssessmentFact a;
  a.id = id;
  a.set_id = set;
  a.commune_unit_id = unit;
  a.commune_code = code;
  a.status = status;
  a.final_class = cls;
  a.check_total = 90;
  return a;
}
}  // namespace

TEST(ClassificationFigures, ClassesOfADefinition) {
  auto c = sets().at(1);
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].code, "healthy");
  EXPECT_TRUE(c[0].healthy);
  EXPECT_EQ(c[1].label_en, "Basic");
  EXPECT_EQ(c[2].rank, 3);
  EXPECT_TRUE(classes_of(json::object()).empty());
  EXPECT_TRUE(classes_of(json{{"classes", {{{"rank", 1}}, 5}}}).empty());  // malformed entries skipped
}

TEST(ClassificationFigures, HealthyPctToTwoDecimalsAndNoneWithoutCommunes) {
  EXPECT_EQ(healthy_pct(1, 4), 25.0);
  EXPECT_EQ(healthy_pct(1, 3), 33.33);
  EXPECT_EQ(healthy_pct(2, 3), 66.67);
  EXPECT_EQ(healthy_pct(0, 5), 0.0);
  EXPECT_FALSE(healthy_pct(0, 0).has_value());
}

TEST(ClassificationFigures, SameCodeOfDifferentSetsIsOneRowLabelledByTheLowestSet) {
  auto m = merged_classes(sets());
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(m[0].code, "healthy");
  EXPECT_EQ(m[0].label_vi, "Lành mạnh");
  EXPECT_EQ(m[1].code, "basic");  // rank 2, code order
  EXPECT_EQ(m[2].code, "weak");
  EXPECT_EQ(m[3].code, "focus");
}

TEST(ClassificationFigures, CountsApprovedClassesOnlyAndHealthyPct) {
  std::vector<Commune> cs{commune(10, "A"), commune(11, "B"), commune(12, "C"), commune(13, "D"), commune(14, "E", "66")};
  std::vector<AssessmentFact> as{
      assessment(1, 1, 10, "A", "approved", "healthy"),
      assessment(2, 7, 11, "B", "approved", "healthy"),   // another set, same code: counted together
      assessment(3, 1, 12, "C", "approved", "focus"),
      assessment(4, 1, 13, "D", "submitted"),               // not approved: no class
      assessment(5, 1, 99, "Z", "approved", "healthy"),   // not a commune of the scope
  };
  const auto f = compute(cs, as, sets());
  EXPECT_EQ(f.communes, 5);
  EXPECT_EQ(f.assessed, 4);
  EXPECT_EQ(f.approved, 3);
  EXPECT_EQ(f.healthy, 2);
  EXPECT_EQ(f.healthy_pct, 40.0);
  ASSERT_EQ(f.classes.size(), 4u);
  EXPECT_EQ(f.classes[0].def.code, "healthy");
  EXPECT_EQ(f.classes[0].communes, 2);
  EXPECT_EQ(f.classes[1].communes, 0);  // basic
  EXPECT_EQ(f.classes[3].def.code, "focus");
  EXPECT_EQ(f.classes[3].communes, 1);
  ASSERT_EQ(f.units.size(), 5u);
  EXPECT_EQ(f.units[0].status, "approved");
  EXPECT_EQ(f.units[1].final_class->label_vi, "Đạt");  // the label of its own set on the map
  EXPECT_EQ(f.units[3].status, "submitted");
  EXPECT_FALSE(f.units[3].final_class.has_value());
  EXPECT_EQ(f.units[4].status, "not_started");
  EXPECT_EQ(healthy_count(cs, as, sets()), 2);
  ASSERT_EQ(f.by_province.size(), 2u);
  EXPECT_EQ(f.by_province[0].province_code, "64");
  EXPECT_EQ(f.by_province[0].communes, 4);
  EXPECT_EQ(f.by_province[0].approved, 3);
  EXPECT_EQ(f.by_province[0].healthy_pct, 50.0);
  EXPECT_EQ(f.by_province[1].communes, 1);
  EXPECT_EQ(f.by_province[1].healthy_pct, 0.0);
}

TEST(ClassificationFigures, MatchesByCodeWhenTheUnitVersionDiffers) {
  std::vector<Commune> cs{commune(20, "A")};
  std::vector<AssessmentFact> as{assessment(1, 1, 10, "A", "approved", "basic")};
  const auto f = compute(cs, as, sets());
  EXPECT_EQ(f.approved, 1);
  EXPECT_EQ(f.units[0].final_class->code, "basic");
  EXPECT_EQ(f.healthy_pct, 0.0);
}

TEST(ClassificationFigures, NoCommunesNoValue) {
  const auto f = compute({}, {}, sets());
  EXPECT_EQ(f.communes, 0);
  EXPECT_FALSE(f.healthy_pct.has_value());
  EXPECT_EQ(f.classes.size(), 4u);
}
