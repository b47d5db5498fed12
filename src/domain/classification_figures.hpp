// Figures of the commune classification (issue 18 §5, docs/api-classification.md "Figures and
// documents"), as pure rules. No I/O: storage/classification_figures.hpp reads the communes of a
// scope valid on 31/12 of the year and the assessments of that year.
//
//   auto f = compute(communes, assessments, classes_by_set);
//   f.classes;      // one row per class code (labels from the sets' definitions), with its count
//   f.healthy_pct;  // 25 (1 of 4 communes has an approved healthy class); nullopt without communes
//
// Rules:
//  - the communes are those of the scope valid on 31/12 of the year; an assessment counts for the
//    commune it was made on (same unit version id, else the same code);
//  - `assessed` = communes with an assessment of the year in any status; `approved` = approved ones;
//  - a class is counted from APPROVED assessments only (their final class); classes of different
//    sets with the same code are one row (label and rank of the first set that names it: the
//    lowest set id), ordered by rank then code;
//  - healthy % = communes with an approved class marked `healthy` ÷ communes × 100, rounded half
//    away from zero to 0.01 (like the indicators); no commune: no value.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace longghep::classification_figures {

struct ClassDef {
  std::string code, label_vi, label_en;
  int rank = 0;
  bool healthy = false;
};

// The classes of a criteria set's definition (definition_json "classes"); malformed entries are
// skipped (a stored definition was validated when it was saved).
std::vector<ClassDef> classes_of(const nlohmann::json& definition);

struct Commune {
  long long unit_id = 0;
  std::string code, name, kind;
  std::string province_code;  // the province it lies in on 31/12
};

struct AssessmentFact {
  long long id = 0, set_id = 0, commune_unit_id = 0;
  std::string commune_code, status;  // draft | submitted | returned | approved
  std::optional<std::string> final_class;
  std::optional<long long> self_total, check_total;
};

struct ClassCount {
  ClassDef def;
  long long communes = 0;
};

struct UnitRow {
  const Commune* commune = nullptr;
  std::string status;  // not_started | draft | submitted | returned | approved
  std::optional<ClassDef> final_class;
  std::optional<long long> self_total, check_total;
  std::optional<long long> assessment_id;
};

struct ProvinceRow {
  std::string province_code;
  long long communes = 0, assessed = 0, approved = 0, healthy = 0;
  std::optional<double> healthy_pct;
};

struct Figures {
  std::vector<ClassCount> classes;
  long long communes = 0, assessed = 0, approved = 0, healthy = 0;
  std::optional<double> healthy_pct;
  std::vector<UnitRow> units;           // in the communes' order
  std::vector<ProvinceRow> by_province;  // by province code order of first appearance
};

// healthy ÷ communes × 100 to 0.01; nullopt when communes is 0.
std::optional<double> healthy_pct(long long healthy, long long communes);

// The class definition of a final class code in a set (nullopt when the set does not name it).
std::optional<ClassDef> class_in(const std::map<long long, std::vector<ClassDef>>& classes_by_set, long long set_id,
                                 const std::string& code);

// The merged class rows of the sets (same code → one row; label of the lowest set id), by rank.
std::vector<ClassDef> merged_classes(const std::map<long long, std::vector<ClassDef>>& classes_by_set);

Figures compute(const std::vector<Commune>& communes, const std::vector<AssessmentFact>& assessments,
                const std::map<long long, std::vector<ClassDef>>& classes_by_set);

// Communes with an approved healthy class (the indicator's numerator), by the same rules.
long long healthy_count(const std::vector<Commune>& communes, const std::vector<AssessmentFact>& assessments,
                        const std::map<long long, std::vector<ClassDef>>& classes_by_set);

}  // namespace longghep::classification_figures
