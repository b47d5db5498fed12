#include "analytics/fact_store.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace longghep::analytics {

namespace {
template <typename V>
size_t cap_bytes(const V& v) { return v.capacity() * sizeof(typename V::value_type); }

// An unordered_map's footprint: its bucket array plus one node (value + next pointer + cached
// hash) per element, as libstdc++ lays it out.
template <typename M>
size_t map_bytes(const M& m) {
  return m.bucket_count() * sizeof(void*) + m.size() * (sizeof(typename M::value_type) + 2 * sizeof(void*));
}
}  // namespace

template <typename T>
size_t Dictionary<T>::memory_bytes() const {
  size_t n = cap_bytes(values_) + map_bytes(index_);
  if constexpr (std::is_same_v<T, std::string>)
    for (const auto& v : values_) n += v.capacity() > 15 ? 2 * (v.capacity() + 1) : 0;  // heap text, twice
  return n;
}
template class Dictionary<long long>;
template class Dictionary<std::string>;

std::optional<uint16_t> day_code(Date d) {
  const int n = d.days_since_epoch() - kEpochOffset;
  if (n < 0 || n > UINT16_MAX) return std::nullopt;
  return static_cast<uint16_t>(n);
}

uint16_t FactStore::code16(Dictionary<std::string>& d, std::string_view v) {
  const uint32_t c = d.intern(std::string(v));
  if (c >= UINT16_MAX) throw std::length_error("analytics: more than 65,535 codes in a taxonomy");
  return static_cast<uint16_t>(c);
}

std::optional<uint32_t> FactStore::row_of(long long id) const {
  if (auto it = late_.find(id); it != late_.end()) return it->second;
  auto end = ids_.begin() + static_cast<std::ptrdiff_t>(sorted_);
  auto it = std::lower_bound(ids_.begin(), end, id);
  if (it == end || *it != id) return std::nullopt;
  const auto row = static_cast<uint32_t>(it - ids_.begin());
  if (!(flags_[row] & kAlive)) return std::nullopt;
  return row;
}

void FactStore::kill(uint32_t row) {
  flags_[row] &= static_cast<uint8_t>(~kAlive);
  late_.erase(ids_[row]);
  multi_programmes_.erase(row);
  ++dead_;
  dead_lines_ += lines_[row];
}

std::optional<long long> FactStore::version_of(long long activity_id) const {
  auto row = row_of(activity_id);
  if (!row) return std::nullopt;
  return version_[*row];
}

bool FactStore::begin_activity(long long id, long long unit_id, Date day, std::string_view type, long long agency_id,
                               bool planned, long long version) {
  if (auto old = row_of(id)) kill(*old);
  auto d = day_code(day);
  if (!d) return false;
  if (ids_.size() >= UINT32_MAX) throw std::length_error("analytics: too many activity rows");
  const auto row = static_cast<uint32_t>(ids_.size());
  const bool in_order = sorted_ == ids_.size() && (ids_.empty() || ids_.back() < id);
  ids_.push_back(id);
  unit_.push_back(units_.intern(unit_id));
  day_.push_back(*d);
  type_.push_back(code16(types_, type));
  agency_.push_back(agencies_.intern(agency_id));
  flags_.push_back(static_cast<uint8_t>(kAlive | (planned ? kPlanned : 0)));
  programme_.push_back(0);
  lines_.push_back(0);
  version_.push_back(static_cast<uint32_t>(version));
  if (in_order) ++sorted_;
  else late_[id] = row;
  min_day_ = std::min(min_day_, *d);
  max_day_ = std::max(max_day_, *d);
  return true;
}

bool FactStore::add_programme(long long activity_id, long long programme_id) {
  auto row = row_of(activity_id);
  if (!row) return false;
  const uint32_t code = programmes_.intern(programme_id);
  if (programme_[*row] == 0) {
    programme_[*row] = code + 1;
    return true;
  }
  auto& all = multi_programmes_[*row];
  if (all.empty()) all.push_back(programme_[*row] - 1);
  if (std::find(all.begin(), all.end(), code) == all.end()) all.push_back(code);
  flags_[*row] |= kMultiProgramme;
  return true;
}

bool FactStore::add_reach(long long activity_id, std::string_view target_group, long long total,
                          std::optional<long long> female, std::optional<long long> male) {
  auto row = row_of(activity_id);
  if (!row) return false;
  reach_.act.push_back(*row);
  reach_.group.push_back(code16(target_groups_, target_group));
  reach_.total.push_back(total);
  reach_.female.push_back(female.value_or(kNull));
  reach_.male.push_back(male.value_or(kNull));
  ++lines_[*row];
  return true;
}

bool FactStore::add_age(long long activity_id, std::string_view target_group, std::string_view band, long long count) {
  auto row = row_of(activity_id);
  if (!row) return false;
  ages_.act.push_back(*row);
  ages_.group.push_back(code16(target_groups_, target_group));
  ages_.band.push_back(code16(age_bands_, band));
  ages_.count.push_back(count);
  ++lines_[*row];
  return true;
}

bool FactStore::add_output(long long activity_id, std::string_view kind, long long quantity) {
  auto row = row_of(activity_id);
  if (!row) return false;
  outputs_.act.push_back(*row);
  outputs_.code.push_back(code16(output_kinds_, kind));
  outputs_.amount.push_back(quantity);
  ++lines_[*row];
  return true;
}

bool FactStore::add_cost(long long activity_id, std::string_view funding_source, long long amount) {
  auto row = row_of(activity_id);
  if (!row) return false;
  costs_.act.push_back(*row);
  costs_.code.push_back(code16(funding_sources_, funding_source));
  costs_.amount.push_back(amount);
  ++lines_[*row];
  return true;
}

bool FactStore::put(const ActivityFacts& a) {
  if (!begin_activity(a.id, a.unit_id, a.day, a.type, a.agency_id, a.planned, a.version)) return false;
  for (long long p : a.programmes) add_programme(a.id, p);
  for (const auto& r : a.reach) add_reach(a.id, r.target_group, r.total, r.female, r.male);
  for (const auto& g : a.ages) add_age(a.id, g.target_group, g.band, g.count);
  for (const auto& o : a.outputs) add_output(a.id, o.code, o.amount);
  for (const auto& c : a.costs) add_cost(a.id, c.code, c.amount);
  if (dead_ > 1024 && dead_ * 4 > ids_.size()) compact();
  return true;
}

bool FactStore::remove(long long activity_id) {
  auto row = row_of(activity_id);
  if (!row) return false;
  kill(*row);
  if (dead_ > 1024 && dead_ * 4 > ids_.size()) compact();
  return true;
}

size_t FactStore::fact_count() const {
  return activity_count() + reach_.act.size() + ages_.act.size() + outputs_.act.size() + costs_.act.size() - dead_lines_ +
         planned_.size() + allocated_.size();
}

void FactStore::set_money(const std::vector<MoneyFact>& planned, const std::vector<MoneyFact>& allocated) {
  auto fill = [&](MoneyLines& l, const std::vector<MoneyFact>& facts) {
    l = MoneyLines{};
    for (auto* v : {&l.unit, &l.agency, &l.programme}) v->reserve(facts.size());
    for (auto* v : {&l.year, &l.type, &l.group, &l.source}) v->reserve(facts.size());
    l.amount.reserve(facts.size());
    for (const auto& f : facts) {
      if (f.year < 0 || f.year > UINT16_MAX) continue;
      l.unit.push_back(units_.intern(f.unit_id));
      l.agency.push_back(f.agency_id ? agencies_.intern(f.agency_id) + 1 : 0);
      l.programme.push_back(f.programme_id ? programmes_.intern(f.programme_id) + 1 : 0);
      l.year.push_back(static_cast<uint16_t>(f.year));
      l.type.push_back(f.type.empty() ? kNoCode : code16(types_, f.type));
      l.group.push_back(f.target_group.empty() ? kNoCode : code16(target_groups_, f.target_group));
      l.source.push_back(code16(funding_sources_, f.funding_source));
      l.amount.push_back(f.amount);
    }
  };
  fill(planned_, planned);
  fill(allocated_, allocated);
}

void FactStore::compact() {
  // Alive rows in id order; old row → new row for the lines.
  std::vector<uint32_t> order;
  order.reserve(ids_.size() - dead_);
  for (uint32_t r = 0; r < ids_.size(); ++r)
    if (flags_[r] & kAlive) order.push_back(r);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return ids_[a] < ids_[b]; });
  std::vector<uint32_t> new_row(ids_.size(), UINT32_MAX);
  for (uint32_t i = 0; i < order.size(); ++i) new_row[order[i]] = i;

  auto permute = [&](auto& col) {
    std::remove_reference_t<decltype(col)> out;
    out.reserve(order.size());
    for (uint32_t r : order) out.push_back(col[r]);
    col.swap(out);
  };
  std::unordered_map<uint32_t, std::vector<uint32_t>> multi;
  for (auto& [r, v] : multi_programmes_) multi[new_row[r]] = std::move(v);
  multi_programmes_.swap(multi);
  permute(ids_); permute(unit_); permute(agency_); permute(programme_); permute(day_); permute(type_);
  permute(flags_); permute(lines_); permute(version_);

  // Lines keep their order; dead ones go.
  auto keep = [&](std::vector<uint32_t>& act, auto&... cols) {
    size_t w = 0;
    for (size_t i = 0; i < act.size(); ++i) {
      if (new_row[act[i]] == UINT32_MAX) continue;
      act[w] = new_row[act[i]];
      ((cols[w] = cols[i]), ...);
      ++w;
    }
    act.resize(w);
    act.shrink_to_fit();
    ((cols.resize(w), cols.shrink_to_fit()), ...);
  };
  keep(reach_.act, reach_.group, reach_.total, reach_.female, reach_.male);
  keep(ages_.act, ages_.group, ages_.band, ages_.count);
  keep(outputs_.act, outputs_.code, outputs_.amount);
  keep(costs_.act, costs_.code, costs_.amount);
  late_.clear();
  sorted_ = ids_.size();
  dead_ = 0;
  dead_lines_ = 0;
}

size_t FactStore::memory_bytes() const {
  size_t n = cap_bytes(ids_) + cap_bytes(unit_) + cap_bytes(agency_) + cap_bytes(programme_) + cap_bytes(day_) +
             cap_bytes(type_) + cap_bytes(flags_) + cap_bytes(lines_) + cap_bytes(version_);
  n += map_bytes(multi_programmes_);
  for (const auto& [r, v] : multi_programmes_) n += cap_bytes(v);
  n += cap_bytes(reach_.act) + cap_bytes(reach_.group) + cap_bytes(reach_.total) + cap_bytes(reach_.female) +
       cap_bytes(reach_.male);
  n += cap_bytes(ages_.act) + cap_bytes(ages_.group) + cap_bytes(ages_.band) + cap_bytes(ages_.count);
  for (const auto* c : {&outputs_, &costs_}) n += cap_bytes(c->act) + cap_bytes(c->code) + cap_bytes(c->amount);
  for (const auto* l : {&planned_, &allocated_})
    n += cap_bytes(l->unit) + cap_bytes(l->agency) + cap_bytes(l->programme) + cap_bytes(l->year) + cap_bytes(l->type) +
         cap_bytes(l->group) + cap_bytes(l->source) + cap_bytes(l->amount);
  n += map_bytes(late_);
  n += units_.memory_bytes() + agencies_.memory_bytes() + programmes_.memory_bytes() + types_.memory_bytes() +
       target_groups_.memory_bytes() + age_bands_.memory_bytes() + output_kinds_.memory_bytes() +
       funding_sources_.memory_bytes();
  return n;
}

}  // namespace longghep::analytics
