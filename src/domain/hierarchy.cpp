#include "domain/hierarchy.hpp"

#include <algorithm>
#include <deque>
#include <set>

#include "domain/text.hpp"

namespace longghep {

bool Scope::contains(long long unit_id) const {
  return all_ || (ids_ && std::binary_search(ids_->begin(), ids_->end(), unit_id));
}

const std::vector<long long>& Scope::ids() const {
  static const std::vector<long long> empty;
  return ids_ ? *ids_ : empty;
}

std::optional<Scope> narrow_scope(const Scope* caller, const Scope* within) {
  const bool caller_all = !caller || caller->all();
  if (!within) return caller_all ? std::nullopt : std::optional<Scope>(*caller);
  if (caller_all) return within->all() ? std::nullopt : std::optional<Scope>(*within);
  if (within->all()) return *caller;
  std::vector<long long> ids;
  for (long long x : within->ids())
    if (caller->contains(x)) ids.push_back(x);
  return Scope::of(std::move(ids));
}

Hierarchy::Hierarchy(std::vector<OrgUnit> units, std::vector<LineageEvent> events)
    : units_(std::move(units)), events_(std::move(events)) {
  for (size_t i = 0; i < units_.size(); ++i) {
    units_[i].sort_key = fold_for_search(units_[i].name);
    by_id_[units_[i].id] = i;
    by_code_[units_[i].code].push_back(i);
    if (!units_[i].parent_code.empty()) by_parent_[units_[i].parent_code].push_back(i);
  }
  for (auto& [code, idx] : by_code_)
    std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
      return units_[a].validity.from < units_[b].validity.from;
    });
  for (size_t i = 0; i < events_.size(); ++i) {
    preds_[events_[i].to_id].push_back(i);
    succs_[events_[i].from_id].push_back(i);
  }
}

std::vector<std::string> Hierarchy::validate(const std::vector<OrgUnit>& units) {
  std::vector<std::string> problems;
  std::map<std::string, std::vector<const OrgUnit*>> by_code;
  for (const auto& u : units) {
    if (u.validity.to < u.validity.from)
      problems.push_back("unit " + u.code + ": valid_to is before valid_from");
    by_code[u.code].push_back(&u);
  }
  for (auto& [code, list] : by_code) {
    std::sort(list.begin(), list.end(), [](auto* a, auto* b) { return a->validity.from < b->validity.from; });
    for (size_t i = 1; i < list.size(); ++i)
      if (list[i - 1]->validity.overlaps(list[i]->validity))
        problems.push_back("code " + code + " has two versions valid on " + list[i]->validity.from.iso());
  }
  for (const auto& u : units) {
    if (u.parent_code.empty()) continue;
    auto it = by_code.find(u.parent_code);
    if (it == by_code.end()) {
      problems.push_back("unit " + u.code + ": parent " + u.parent_code + " does not exist");
      continue;
    }
    // The parent's versions must cover the child's validity without a gap.
    Date cursor = u.validity.from;
    for (auto* p : it->second) {
      if (p->validity.contains(cursor)) {
        if (p->validity.to >= u.validity.to) { cursor = Date::max(); break; }
        cursor = p->validity.to.add_days(1);
      }
    }
    if (cursor != Date::max())
      problems.push_back("unit " + u.code + " (" + u.name + "): parent " + u.parent_code +
                         " is not valid on " + cursor.iso());
  }
  return problems;
}

const OrgUnit* Hierarchy::find(std::string_view code, Date as_of) const {
  auto it = by_code_.find(std::string(code));
  if (it == by_code_.end()) return nullptr;
  for (size_t i : it->second)
    if (units_[i].valid_on(as_of)) return &units_[i];
  return nullptr;
}

std::vector<const OrgUnit*> Hierarchy::versions(std::string_view code) const {
  std::vector<const OrgUnit*> out;
  auto it = by_code_.find(std::string(code));
  if (it == by_code_.end()) return out;
  for (size_t i : it->second) out.push_back(&units_[i]);
  return out;
}

bool Hierarchy::code_is_ambiguous(std::string_view code) const {
  const auto vs = versions(code);
  for (size_t i = 1; i < vs.size(); ++i) {
    bool same = vs[i - 1]->name == vs[i]->name, linked = false;
    for (const LineageEvent* e : successors(vs[i - 1]->id)) {
      if (e->to_id != vs[i]->id) continue;
      linked = true;
      same = e->type == "rename" || e->type == "reparent";
      if (!same) break;
    }
    (void)linked;
    if (!same) return true;
  }
  return false;
}

const OrgUnit* Hierarchy::by_id(long long id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &units_[it->second];
}

const OrgUnit* Hierarchy::parent(const OrgUnit& u, Date as_of) const {
  return u.parent_code.empty() ? nullptr : find(u.parent_code, as_of);
}

namespace {
void sort_by_name(std::vector<const OrgUnit*>& v) {
  std::sort(v.begin(), v.end(), [](auto* a, auto* b) {
    if (a->sort_key != b->sort_key) return a->sort_key < b->sort_key;
    return a->full_name != b->full_name ? a->full_name < b->full_name : a->code < b->code;
  });
}
}  // namespace

std::vector<const OrgUnit*> Hierarchy::roots(Date as_of) const {
  std::vector<const OrgUnit*> out;
  for (const auto& u : units_)
    if (u.parent_code.empty() && u.valid_on(as_of)) out.push_back(&u);
  sort_by_name(out);
  return out;
}

std::vector<const OrgUnit*> Hierarchy::children(const OrgUnit& u, Date as_of) const {
  std::vector<const OrgUnit*> out;
  if (!u.valid_on(as_of)) return out;
  auto it = by_parent_.find(u.code);
  if (it == by_parent_.end()) return out;
  for (size_t i : it->second)
    if (units_[i].valid_on(as_of)) out.push_back(&units_[i]);
  sort_by_name(out);
  return out;
}

size_t Hierarchy::child_count(const OrgUnit& u, Date as_of) const {
  if (!u.valid_on(as_of)) return 0;
  auto it = by_parent_.find(u.code);
  if (it == by_parent_.end()) return 0;
  return static_cast<size_t>(std::count_if(it->second.begin(), it->second.end(),
                                           [&](size_t i) { return units_[i].valid_on(as_of); }));
}

std::vector<const OrgUnit*> Hierarchy::ancestors(const OrgUnit& u, Date as_of) const {
  std::vector<const OrgUnit*> out;
  const OrgUnit* p = parent(u, as_of);
  while (p && out.size() < 32) {  // bound guards against a cycle in bad data
    out.push_back(p);
    p = parent(*p, as_of);
  }
  std::reverse(out.begin(), out.end());
  return out;
}

bool Hierarchy::is_within(const OrgUnit& u, const OrgUnit& ancestor, Date as_of) const {
  if (u.id == ancestor.id) return true;
  for (auto* a : ancestors(u, as_of))
    if (a->id == ancestor.id) return true;
  return false;
}

std::vector<const OrgUnit*> Hierarchy::search(std::string_view q, Date as_of,
                                              const OrgUnit* within) const {
  std::vector<const OrgUnit*> out;
  for (const auto& u : units_) {
    if (!u.valid_on(as_of)) continue;
    bool hit = q.empty() || u.name_folded.find(q) != std::string::npos ||
               u.code.rfind(std::string(q), 0) == 0;
    if (!hit) continue;
    if (within && !is_within(u, *within, as_of)) continue;
    out.push_back(&u);
  }
  sort_by_name(out);
  return out;
}

std::vector<const LineageEvent*> Hierarchy::predecessors(long long unit_id) const {
  std::vector<const LineageEvent*> out;
  if (auto it = preds_.find(unit_id); it != preds_.end())
    for (size_t i : it->second) out.push_back(&events_[i]);
  return out;
}

std::vector<const LineageEvent*> Hierarchy::successors(long long unit_id) const {
  std::vector<const LineageEvent*> out;
  if (auto it = succs_.find(unit_id); it != succs_.end())
    for (size_t i : it->second) out.push_back(&events_[i]);
  return out;
}

Scope Hierarchy::scope_of(long long home_id) const {
  const OrgUnit* home = by_id(home_id);
  if (!home) return Scope::of({});
  if (home->parent_code.empty()) return Scope::everything();
  std::set<long long> seen{home_id};
  std::deque<const OrgUnit*> queue{home};
  while (!queue.empty()) {
    const OrgUnit* x = queue.front();
    queue.pop_front();
    auto visit = [&](const OrgUnit* u) {
      if (u && seen.insert(u->id).second) queue.push_back(u);
    };
    if (auto it = by_parent_.find(x->code); it != by_parent_.end())
      for (size_t i : it->second)
        if (units_[i].validity.overlaps(x->validity)) visit(&units_[i]);
    for (auto* e : predecessors(x->id)) visit(by_id(e->from_id));
  }
  return Scope::of(std::vector<long long>(seen.begin(), seen.end()));
}

}  // namespace longghep
