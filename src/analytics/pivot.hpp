// Pivot tables over the fact store (issue 6, docs/api-analytics.md): a query names a measure,
// 0..3 row and 0..3 column dimensions, filters and the hierarchy date `as_of`. Pure: no I/O.
//
//   PivotQuery q;  q.measure = Measure::reached;  q.rows = {Dim::province};  q.columns = {Dim::year};
//   UnitMap units(h, store.units().values(), q.as_of);    // reusable for every query on that day
//   auto groups = evaluate(store, catalog, units, q);     // one scan of the measure's lines
//   PivotTable t = assemble(q, groups, Labels{catalog, h}); // sorted keys, labels, totals, limits
//
// The SQL path (storage/analytics_sql.cpp) produces the same `Group`s from the database and goes
// through the same assemble(), so both engines answer in the same shape.
//
// Org-unit dimensions: a fact's unit version is mapped onto the version valid on `as_of`
// (UnitMap): forward through successors when as_of is after its validity, backward through
// predecessors when before. Where a unit has several candidates (a split forward, a merge
// backward) the pick is deterministic: the candidate with the same code, else a non-partial link,
// else the smallest version id. A unit with no linked version valid on as_of is represented by its
// parent (as of its own last day), mapped the same way, so a 2024 district's activity still lands
// in its province. The group key at a level is the ancestor (or self) of that kind; none → null.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analytics/fact_store.hpp"
#include "domain/hierarchy.hpp"
#include "domain/reporting.hpp"

namespace longghep::analytics {

enum class Measure { activities, reached, female, male, age, output, cost, planned, allocated };
enum class Dim {
  province, district, commune, unit, level, type, typeGroup, targetGroup, targetGroupGroup, ageBand, agency, programme,
  fundingSource, fundingGroup, outputKind, planned, year, half, quarter, month, day
};

std::optional<Measure> measure_from(const std::string& name);
std::optional<Dim> dim_from(const std::string& name);
const char* name_of(Measure m);
const char* name_of(Dim d);
bool is_org_dim(Dim d);
bool is_period_dim(Dim d);
bool people_count(Measure m);  // reached, female, male, age: small cells may be suppressed
// planned, allocated (issue 19): money lines of plans and allocation decisions, not of activities.
// They are keyed by year only (no half/quarter/month/day), have no agency, output, age or planned
// dimension, and their from/to filter keeps the years that overlap [from, to].
bool money_measure(Measure m);
// The `level` dimension's key is the kind of the unit version that holds the fact (central,
// province, district, commune), as it was, not as of asOf.
// Does the measure carry this dimension (targetGroup only on reach and age lines, ...)?
bool applies(Measure m, Dim d);

inline constexpr size_t kMaxDimsPerAxis = 3;
inline constexpr size_t kMaxCells = 20000;
// The key of an org dimension for work of units abolished by the 07/2025 reorganisation that
// cannot be placed in one of today's units of that level (UnitMap::key); never a unit code.
inline constexpr const char* kFormerUnits = "~former";

// The period key of a day: "2024", "2024-H1", "2024-Q3", "2024-07", "2024-07-15".
std::string period_key(Dim d, Date day);

// Labels and groups of the taxonomies, agencies and programmes (loaded from the database).
struct Term {
  std::string code, name_vi, name_en, group;
  int sort_order = 0;
};
struct GroupLabel { std::string name_vi, name_en; };
struct Catalog {
  std::vector<Term> types, target_groups, age_bands, output_kinds, funding_sources;
  std::map<std::string, GroupLabel> type_groups, target_group_groups, funding_groups;
  std::map<long long, std::string> agencies, programmes;

  const Term* find(Dim d, const std::string& code) const;  // type, targetGroup, ageBand, outputKind, fundingSource
};

struct PivotQuery {
  Measure measure = Measure::activities;
  std::vector<Dim> rows, columns;
  Date from = Date::min(), to = Date::max();  // on the activity's start day, inclusive
  Date as_of = Date::min();
  // The subtree (as of as_of) of this unit; nullptr: no subtree restriction.
  const OrgUnit* org_unit = nullptr;
  // The caller's visible unit versions; nullptr: everything.
  const Scope* scope = nullptr;
  std::optional<long long> only_agency;  // an agency focal point sees its agency's activities
  std::vector<std::string> types, type_groups, target_groups, target_group_groups, funding_sources, output_kinds,
      age_bands;
  std::vector<long long> agencies, programmes;
  std::optional<bool> planned;
  long long suppress_below = 0;

  std::vector<Dim> dims() const;  // rows then columns
  bool uses(Dim d) const;
};

// For every unit version id of a list: the version valid on `as_of` that represents it, and
// that version's chain (root first, itself last). Immutable; depends only on (hierarchy, as_of).
class UnitMap {
 public:
  UnitMap(const Hierarchy& h, const std::vector<long long>& unit_ids, Date as_of);
  Date as_of() const { return as_of_; }
  const Hierarchy& hierarchy() const { return h_; }
  size_t size() const { return mapped_.size(); }
  // nullptr when the unit cannot be placed on as_of.
  const OrgUnit* mapped(size_t i) const { return mapped_[i]; }
  const std::vector<const OrgUnit*>& chain(size_t i) const { return chains_[i]; }
  // The group unit of dimension d (an org dim) for entry i; `parent` is the orgUnit of `unit`.
  const OrgUnit* key_unit(size_t i, Dim d, const OrgUnit* parent) const;
  // The key of entry i for org dim d: key_unit's code; kFormerUnits when there is none and the
  // entry's own version ended before as_of (an area abolished by the 07/2025 reorganisation, e.g.
  // a district, whose work cannot be placed in one of today's units of that level); else nullopt
  // (a unit above the level, e.g. the province's own activities on the commune dimension).
  std::optional<std::string> key(size_t i, Dim d, const OrgUnit* parent) const;

  static const OrgUnit* resolve(const Hierarchy& h, const OrgUnit* u, Date as_of);

 private:
  const Hierarchy& h_;
  Date as_of_;
  std::vector<const OrgUnit*> mapped_;
  std::vector<bool> former_;
  std::vector<std::vector<const OrgUnit*>> chains_;
};

// One non-empty group: keys of the query's dims (rows then columns), null = no key.
struct Group {
  std::vector<std::optional<std::string>> keys;
  long long value = 0;
  long long facts = 0;
};

// REQUIRES: `units` built from store.units().values() (same order) and q.as_of; q validated.
// Throws Error 400 too_many_cells when the groups cannot be counted in memory.
std::vector<Group> evaluate(const FactStore& store, const Catalog& catalog, const UnitMap& units, const PivotQuery& q);

// Per-dimension labels and sort order of a key.
struct Labels {
  const Catalog& catalog;
  const Hierarchy& hierarchy;
  // Money measures name a null intervention type / target group "unspecified" (a decision line
  // that names no plan activity), not "other".
  Measure measure = Measure::activities;
  // `en`: the English label (period names by domain/reporting period_name, taxonomies' name_en).
  std::string label(Dim d, const std::optional<std::string>& key, Date as_of, bool en = false) const;
  std::string sort_key(Dim d, const std::optional<std::string>& key, Date as_of) const;
};

struct PivotTable {
  std::vector<std::vector<std::optional<std::string>>> row_keys, column_keys;
  std::vector<std::vector<std::string>> row_labels, column_labels;
  std::vector<std::vector<std::string>> row_labels_en, column_labels_en;
  std::vector<std::vector<std::optional<long long>>> cells;  // nullopt: suppressed
  std::vector<std::optional<long long>> row_totals, column_totals;
  std::optional<long long> total;
  bool suppressed = false;
  long long facts = 0;
};

// Sorts the distinct row and column keys, fills cells (0 where no group), totals, suppression.
// An axis without dimensions has the one empty key. Throws Error 400 too_many_cells past kMaxCells.
PivotTable assemble(const PivotQuery& q, const std::vector<Group>& groups, const Labels& labels);

}  // namespace longghep::analytics
