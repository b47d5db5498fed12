// The administrative hierarchy over time, as pure data (no I/O).
//
// An OrgUnit row is one *version* of a unit: fixed code, name, kind and parent code over a
// validity range. A rename or re-parent closes one version and opens another, linked by a
// LineageEvent; merges and splits link versions of different units the same way.
//
// Invariants (checked by validate()):
//  - a code has at most one version valid on any day (codes are reused across reforms:
//    province 52 is Bình Định until 2025-06-30 and Gia Lai from 2025-07-01);
//  - a unit's parent is addressed by code and resolved on the same day, and must exist on
//    every day the child is valid.
// Hierarchy is immutable after construction and safe to share between threads.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/date.hpp"

namespace longghep {

struct OrgUnit {
  long long id = 0;
  std::string code;
  std::string name;
  std::string full_name;
  std::string kind;        // data: central, province, district, commune, ...
  std::string type_label;  // e.g. "Phường", "Huyện"
  std::string parent_code; // empty for a root
  Validity validity;
  std::string name_folded; // fold_for_search(name + " " + full_name): what search matches
  long long version = 1;
  std::string sort_key;    // fold_for_search(name), filled by Hierarchy: what lists sort by

  bool valid_on(Date d) const { return validity.contains(d); }
};

struct LineageEvent {
  long long id = 0;
  std::string type;  // merge, split, rename, reparent
  Date date = Date::min();
  long long from_id = 0;  // the version that ended the day before `date`
  long long to_id = 0;    // the version that began on `date`
  bool partial = false;
};

// The set of unit versions whose data a user with a given home unit may see.
// Cheap to copy: the id list is shared and immutable.
class Scope {
 public:
  static Scope everything() { Scope s; s.all_ = true; return s; }
  static Scope of(std::vector<long long> sorted_ids) {
    Scope s;
    s.ids_ = std::make_shared<const std::vector<long long>>(std::move(sorted_ids));
    return s;
  }
  bool all() const { return all_; }
  bool contains(long long unit_id) const;
  const std::vector<long long>& ids() const;  // empty when all()

 private:
  bool all_ = false;
  std::shared_ptr<const std::vector<long long>> ids_;
};

// The scope a list reads: the caller's scope (nullptr or all(): everything) narrowed to the subtree
// of a filter unit (nullptr: no filter). nullopt means everything.
std::optional<Scope> narrow_scope(const Scope* caller, const Scope* within);

class Hierarchy {
 public:
  Hierarchy(std::vector<OrgUnit> units, std::vector<LineageEvent> events);

  // Human-readable problems that break the invariants above; empty when consistent.
  static std::vector<std::string> validate(const std::vector<OrgUnit>& units);

  const OrgUnit* find(std::string_view code, Date as_of) const;
  const OrgUnit* by_id(long long id) const;
  // Every version of `code`, oldest first.
  std::vector<const OrgUnit*> versions(std::string_view code) const;
  // True when `code` names different units on different dates (codes reused across reforms:
  // province 52 is Bình Định, then Gia Lai). Two consecutive versions are one unit when a rename
  // or reparent links them, or no lineage event links them and they carry the same name; a merge
  // or split between them (52 → 52 in 07/2025) makes them different units.
  bool code_is_ambiguous(std::string_view code) const;
  const OrgUnit* parent(const OrgUnit& u, Date as_of) const;
  std::vector<const OrgUnit*> roots(Date as_of) const;
  std::vector<const OrgUnit*> children(const OrgUnit& u, Date as_of) const;
  size_t child_count(const OrgUnit& u, Date as_of) const;
  std::vector<const OrgUnit*> ancestors(const OrgUnit& u, Date as_of) const;  // root first
  bool is_within(const OrgUnit& u, const OrgUnit& ancestor, Date as_of) const;
  // Units valid on as_of whose folded name contains `query` (folded) or whose code starts with
  // it; restricted to `within`'s subtree when given. Sorted by kind level then name.
  std::vector<const OrgUnit*> search(std::string_view folded_query, Date as_of,
                                     const OrgUnit* within) const;
  std::vector<const LineageEvent*> predecessors(long long unit_id) const;
  std::vector<const LineageEvent*> successors(long long unit_id) const;

  // Everything visible from `home`: its children at any time within its validity, and every
  // version linked into the scope by a lineage event, transitively; roots see everything.
  Scope scope_of(long long home_id) const;

  const std::vector<OrgUnit>& units() const { return units_; }
  const std::vector<LineageEvent>& events() const { return events_; }

 private:
  std::vector<OrgUnit> units_;
  std::vector<LineageEvent> events_;
  std::unordered_map<long long, size_t> by_id_;
  std::unordered_map<std::string, std::vector<size_t>> by_code_;    // sorted by validity.from
  std::unordered_map<std::string, std::vector<size_t>> by_parent_;  // parent_code -> children
  std::unordered_map<long long, std::vector<size_t>> preds_;        // to_id -> events
  std::unordered_map<long long, std::vector<size_t>> succs_;        // from_id -> events
};

using HierarchyPtr = std::shared_ptr<const Hierarchy>;

}  // namespace longghep
