#include "storage/classification_figures.hpp"

#include <algorithm>
#include <set>

namespace longghep {
namespace cf = classification_figures;
using nlohmann::json;

std::vector<cf::Commune> classification_communes(const Hierarchy& h, const Scope& scope, Date on) {
  std::vector<const OrgUnit*> us;
  for (const auto& u : h.units())
    if (u.kind == "commune" && u.valid_on(on) && scope.contains(u.id)) us.push_back(&u);
  std::sort(us.begin(), us.end(), [](const OrgUnit* a, const OrgUnit* b) {
    return a->sort_key != b->sort_key ? a->sort_key < b->sort_key : a->code < b->code;
  });
  std::vector<cf::Commune> out;
  out.reserve(us.size());
  for (const OrgUnit* u : us) {
    cf::Commune c{u->id, u->code, u->name, u->kind, ""};
    for (const OrgUnit* a : h.ancestors(*u, on))
      if (a->kind == "province") c.province_code = a->code;
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<cf::AssessmentFact> load_assessment_facts(soci::session& s, int year) {
  std::vector<cf::AssessmentFact> out;
  long long id = 0, set_id = 0, unit = 0, self_total = 0, check_total = 0;
  std::string code, status, final_class;
  soci::indicator ind_final = soci::i_ok, ind_check = soci::i_ok;
  soci::statement st = (s.prepare << "SELECT id, set_id, commune_unit_id, commune_code, status, final_class, self_total, "
                                     "check_total FROM commune_assessments WHERE year = :y ORDER BY id",
                        soci::into(id), soci::into(set_id), soci::into(unit), soci::into(code), soci::into(status),
                        soci::into(final_class, ind_final), soci::into(self_total), soci::into(check_total, ind_check),
                        soci::use(year));
  st.execute();
  while (st.fetch()) {
    cf::AssessmentFact a;
    a.id = id;
    a.set_id = set_id;
    a.commune_unit_id = unit;
    a.commune_code = code;
    a.status = status;
    if (ind_final == soci::i_ok && !final_class.empty()) a.final_class = final_class;
    a.self_total = self_total;
    if (ind_check == soci::i_ok) a.check_total = check_total;
    out.push_back(std::move(a));
  }
  return out;
}

std::map<long long, std::vector<cf::ClassDef>> load_set_classes(soci::session& s,
                                                               const std::vector<cf::AssessmentFact>& assessments) {
  std::set<long long> wanted;
  for (const auto& a : assessments) wanted.insert(a.set_id);
  std::map<long long, std::vector<cf::ClassDef>> out;
  long long id = 0;
  int is_default = 0;
  std::string status, definition;
  soci::indicator ind_owner = soci::i_ok;
  long long owner = 0;
  soci::statement st = (s.prepare << "SELECT id, owner_unit_id, is_default, status, definition_json FROM classification_sets ORDER BY id",
                        soci::into(id), soci::into(owner, ind_owner), soci::into(is_default), soci::into(status),
                        soci::into(definition));
  st.execute();
  while (st.fetch()) {
    const bool national_default = ind_owner == soci::i_null && is_default != 0 && status == "published";
    if (!wanted.count(id) && !national_default) continue;
    try {
      out[id] = cf::classes_of(json::parse(definition));
    } catch (const json::exception&) {
      out[id] = {};
    }
  }
  return out;
}

long long count_communes_classified_healthy(soci::session& s, const Hierarchy& h, const Scope& scope, int year, Date on) {
  const auto communes = classification_communes(h, scope, on);
  if (communes.empty()) return 0;
  const auto as = load_assessment_facts(s, year);
  return cf::healthy_count(communes, as, load_set_classes(s, as));
}

}  // namespace longghep
