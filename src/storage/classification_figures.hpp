// Reading the facts of the commune classification figures (issue 18 §5,
// docs/api-classification.md "Figures and documents"): the communes of a scope valid on a day
// (with their province), the assessments of a year and the classes of the criteria sets they were
// made with. The counting rules are pure: domain/classification_figures.hpp.
#pragma once
#include <soci/soci.h>

#include <map>
#include <string>
#include <vector>

#include "domain/classification_figures.hpp"
#include "domain/hierarchy.hpp"

namespace longghep {

// The communes (kind "commune") valid on `on` whose version id is in `scope`, in name order, each
// with the code of the province it lies in that day.
std::vector<classification_figures::Commune> classification_communes(const Hierarchy& h, const Scope& scope, Date on);

// Every assessment of `year` (any status).
std::vector<classification_figures::AssessmentFact> load_assessment_facts(soci::session& s, int year);

// The classes of the sets named by `assessments`, and of the national published default(s) (so an
// empty year still has its legend), by set id.
std::map<long long, std::vector<classification_figures::ClassDef>> load_set_classes(
    soci::session& s, const std::vector<classification_figures::AssessmentFact>& assessments);

// Communes of `unit`'s subtree valid on `on` with an approved healthy class in `year` (the
// indicator communes_healthy_pct's numerator).
long long count_communes_classified_healthy(soci::session& s, const Hierarchy& h, const Scope& scope, int year, Date on);

}  // namespace longghep
