// The inspection measures of the analytics engine (issue 17 §5, docs/api-inspection-figures.md
// "Pivot"): a pivot of the figures of service businesses and their final inspections by business
// type, status, unit and period, as pure rules — no I/O (the facts are read by
// storage/inspection_figures.hpp).
//
//   InspQuery q{.measure = "coverage_pct", .rows = {InspDim::commune}, .columns = {InspDim::type}};
//   InspTable t = insp_pivot(businesses, inspections, q, h, label);
//
// Every cell, total and grand total is the figure (domain/inspection_figures.hpp figure_value)
// computed over the facts of that cell — so a ratio's total is the ratio of the totals, never a
// sum of ratios. A business has no day: on a period dimension it stands in every period (its
// coverage is "inspected within that period"), so the measures that count businesses only
// (businesses, businesses_operating) refuse period dimensions.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/hierarchy.hpp"
#include "domain/inspection_figures.hpp"

namespace longghep::analytics {

enum class InspDim { type, status, province, commune, year, quarter, month };

std::optional<InspDim> insp_dim_from(const std::string& name);
const char* name_of(InspDim d);
bool is_period(InspDim d);
// Whether `measure` (a figure name) may be split by `d`: period dimensions only for the measures
// over inspections.
bool insp_applies(const std::string& measure, InspDim d);

struct InspQuery {
  std::string measure = "inspections";  // a name of inspection_figures::figure_names()
  std::vector<InspDim> rows, columns;   // at most 2 each, each once
  Date from = Date::min(), to = Date::max();  // on the inspection's day, inclusive
  Date as_of = Date::min();                   // the hierarchy's day for unit dimensions
  const OrgUnit* org_unit = nullptr;          // the subtree (as of as_of); nullptr: no restriction
  std::vector<std::string> types, statuses;   // filters on the business; empty: any
};

struct InspLabel { std::string vi, en, sort; };
using InspLabeler = std::function<InspLabel(InspDim, const std::optional<std::string>&)>;

struct InspTable {
  std::vector<std::vector<std::optional<std::string>>> row_keys, column_keys;
  std::vector<std::vector<std::string>> row_labels, column_labels, row_labels_en, column_labels_en;
  std::vector<std::vector<std::optional<double>>> cells;
  std::vector<std::optional<double>> row_totals, column_totals;
  std::optional<double> total;
  long long facts = 0;  // businesses + inspections counted (after filters)
};

// Throws Error 400 for an unknown measure, a dimension that does not apply, or more than 20,000 cells.
InspTable insp_pivot(const std::vector<inspection_figures::BusinessFact>& businesses,
                     const std::vector<inspection_figures::InspectionFact>& inspections, const InspQuery& q,
                     const Hierarchy& h, const InspLabeler& label);

}  // namespace longghep::analytics
