#include "domain/classification_figures.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

namespace longghep::classification_figures {
using nlohmann::json;

std::vector<ClassDef> classes_of(const json& definition) {
  std::vector<ClassDef> out;
  if (!definition.is_object()) return out;
  auto it = definition.find("classes");
  if (it == definition.end() || !it->is_array()) return out;
  for (const auto& c : *it) {
    if (!c.is_object() || !c.contains("code") || !c["code"].is_string()) continue;
    ClassDef d;
    d.code = c["code"].get<std::string>();
    d.label_vi = c.value("labelVi", d.code);
    d.label_en = c.value("labelEn", d.label_vi);
    d.rank = c.contains("rank") && c["rank"].is_number_integer() ? c["rank"].get<int>() : 0;
    d.healthy = c.contains("healthy") && c["healthy"].is_boolean() && c["healthy"].get<bool>();
    out.push_back(std::move(d));
  }
  return out;
}

std::optional<double> healthy_pct(long long healthy, long long communes) {
  if (communes <= 0) return std::nullopt;
  const double x = static_cast<double>(healthy) * 100.0 / static_cast<double>(communes);
  return std::round(x * 100.0) / 100.0;
}

std::optional<ClassDef> class_in(const std::map<long long, std::vector<ClassDef>>& classes_by_set, long long set_id,
                                 const std::string& code) {
  auto it = classes_by_set.find(set_id);
  if (it == classes_by_set.end()) return std::nullopt;
  for (const auto& c : it->second)
    if (c.code == code) return c;
  return std::nullopt;
}

std::vector<ClassDef> merged_classes(const std::map<long long, std::vector<ClassDef>>& classes_by_set) {
  std::vector<ClassDef> out;
  std::set<std::string> seen;
  for (const auto& [_, defs] : classes_by_set)  // map: lowest set id first
    for (const auto& c : defs)
      if (seen.insert(c.code).second) out.push_back(c);
  std::stable_sort(out.begin(), out.end(), [](const ClassDef& a, const ClassDef& b) {
    return a.rank != b.rank ? a.rank < b.rank : a.code < b.code;
  });
  return out;
}

namespace {
// The assessment of each commune (index into `communes`), by unit id, else by code.
std::vector<const AssessmentFact*> match(const std::vector<Commune>& communes, const std::vector<AssessmentFact>& as) {
  std::unordered_map<long long, const AssessmentFact*> by_id;
  std::unordered_map<std::string, const AssessmentFact*> by_code;
  for (const auto& a : as) {
    by_id.emplace(a.commune_unit_id, &a);
    by_code.emplace(a.commune_code, &a);
  }
  std::vector<const AssessmentFact*> out(communes.size(), nullptr);
  for (size_t i = 0; i < communes.size(); ++i) {
    if (auto it = by_id.find(communes[i].unit_id); it != by_id.end()) out[i] = it->second;
    else if (auto jt = by_code.find(communes[i].code); jt != by_code.end()) out[i] = jt->second;
  }
  return out;
}

bool is_healthy(const AssessmentFact* a, const std::map<long long, std::vector<ClassDef>>& classes_by_set) {
  if (!a || a->status != "approved" || !a->final_class) return false;
  auto c = class_in(classes_by_set, a->set_id, *a->final_class);
  return c && c->healthy;
}
}  // namespace

long long healthy_count(const std::vector<Commune>& communes, const std::vector<AssessmentFact>& assessments,
                        const std::map<long long, std::vector<ClassDef>>& classes_by_set) {
  long long n = 0;
  for (const AssessmentFact* a : match(communes, assessments))
    if (is_healthy(a, classes_by_set)) ++n;
  return n;
}

Figures compute(const std::vector<Commune>& communes, const std::vector<AssessmentFact>& assessments,
                const std::map<long long, std::vector<ClassDef>>& classes_by_set) {
  Figures f;
  for (const auto& c : merged_classes(classes_by_set)) f.classes.push_back({c, 0});
  std::map<std::string, size_t> class_row;
  for (size_t i = 0; i < f.classes.size(); ++i) class_row[f.classes[i].def.code] = i;

  std::map<std::string, size_t> province_row;
  const auto matched = match(communes, assessments);
  f.communes = static_cast<long long>(communes.size());
  for (size_t i = 0; i < communes.size(); ++i) {
    const Commune& c = communes[i];
    const AssessmentFact* a = matched[i];
    UnitRow row;
    row.commune = &c;
    row.status = a ? a->status : "not_started";
    auto pit = province_row.find(c.province_code);
    if (pit == province_row.end()) {
      pit = province_row.emplace(c.province_code, f.by_province.size()).first;
      f.by_province.push_back({c.province_code});
    }
    ProvinceRow& p = f.by_province[pit->second];
    ++p.communes;
    if (a) {
      row.assessment_id = a->id;
      row.self_total = a->self_total;
      row.check_total = a->check_total;
      ++f.assessed;
      ++p.assessed;
      if (a->status == "approved") {
        ++f.approved;
        ++p.approved;
        if (a->final_class) {
          auto def = class_in(classes_by_set, a->set_id, *a->final_class);
          if (!def) def = ClassDef{*a->final_class, *a->final_class, *a->final_class, 1 << 20, false};
          row.final_class = def;
          auto r = class_row.find(def->code);
          if (r == class_row.end()) {
            r = class_row.emplace(def->code, f.classes.size()).first;
            f.classes.push_back({*def, 0});
          }
          ++f.classes[r->second].communes;
          if (def->healthy) {
            ++f.healthy;
            ++p.healthy;
          }
        }
      }
    }
    f.units.push_back(std::move(row));
  }
  f.healthy_pct = healthy_pct(f.healthy, f.communes);
  for (auto& p : f.by_province) p.healthy_pct = healthy_pct(p.healthy, p.communes);
  return f;
}

}  // namespace longghep::classification_figures
