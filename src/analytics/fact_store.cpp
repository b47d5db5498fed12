#include "analytics/fact_store.hpp"

#include <algorithm>
#include <cstring>
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
  // The sorted tail first: an id there is newer than a (dead) row of it in the clustered part.
  auto tb = ids_.begin() + static_cast<std::ptrdiff_t>(clustered_);
  auto te = tb + static_cast<std::ptrdiff_t>(tail_sorted_);
  if (auto it = std::lower_bound(tb, te, id); it != te && *it == id) {
    const auto row = static_cast<uint32_t>(it - ids_.begin());
    if (flags_[row] & kAlive) return row;
  }
  auto it = std::lower_bound(by_id_.begin(), by_id_.end(), id, [&](uint32_t r, long long v) { return ids_[r] < v; });
  if (it == by_id_.end() || ids_[*it] != id || !(flags_[*it] & kAlive)) return std::nullopt;
  return *it;
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
  const bool in_order = clustered_ + tail_sorted_ == ids_.size() && (tail_sorted_ == 0 || ids_.back() < id);
  ids_.push_back(id);
  unit_.push_back(units_.intern(unit_id));
  day_.push_back(*d);
  type_.push_back(code16(types_, type));
  agency_.push_back(agencies_.intern(agency_id));
  flags_.push_back(static_cast<uint8_t>(kAlive | (planned ? kPlanned : 0)));
  programme_.push_back(0);
  lines_.push_back(0);
  version_.push_back(static_cast<uint32_t>(version));
  if (in_order) ++tail_sorted_;
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
  maybe_cluster();
  return true;
}

void FactStore::maybe_cluster() {
  const size_t tail = ids_.size() - clustered_;
  if ((dead_ > 1024 && dead_ * 4 > ids_.size()) || (tail > 65536 && tail * 8 > ids_.size())) cluster();
}

bool FactStore::remove(long long activity_id) {
  auto row = row_of(activity_id);
  if (!row) return false;
  kill(*row);
  maybe_cluster();
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

void FactStore::cluster() {
  // Unit ranks: codes in the order of their unit version ids.
  const size_t nu = units_.size();
  {
    std::vector<uint32_t> codes(nu);
    std::iota(codes.begin(), codes.end(), 0u);
    std::sort(codes.begin(), codes.end(), [&](uint32_t a, uint32_t b) { return units_.value(a) < units_.value(b); });
    unit_rank_.assign(nu, 0);
    for (uint32_t r = 0; r < nu; ++r) unit_rank_[codes[r]] = r;
  }
  auto bucket = [&](uint16_t d) {
    const Date x = day_of(d);
    return x.year() * 4 + (x.month() - 1) / 3;
  };
  // Alive rows by (quarter, unit rank, day, id); old row → new row for the lines.
  std::vector<uint32_t> order;
  order.reserve(ids_.size() - dead_);
  for (uint32_t r = 0; r < ids_.size(); ++r)
    if (flags_[r] & kAlive) order.push_back(r);
  {
    std::vector<uint64_t> key(ids_.size());
    for (uint32_t r : order)
      key[r] = (static_cast<uint64_t>(bucket(day_[r])) << 48) | (static_cast<uint64_t>(unit_rank_[unit_[r]]) << 16) | day_[r];
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return key[a] != key[b] ? key[a] < key[b] : ids_[a] < ids_[b]; });
  }
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
  const size_t n = ids_.size();

  // Lines: dead ones go, the rest ordered by their new activity row (a stable counting sort).
  auto relayout = [&](LineIndex& ix, std::vector<uint32_t>& act, auto&... cols) {
    std::vector<uint32_t> count(n + 1, 0);
    size_t kept = 0;
    for (uint32_t a : act)
      if (new_row[a] != UINT32_MAX) ++count[new_row[a] + 1], ++kept;
    for (size_t i = 1; i <= n; ++i) count[i] += count[i - 1];
    std::vector<uint32_t> pos(act.size(), UINT32_MAX);
    for (size_t i = 0; i < act.size(); ++i)
      if (new_row[act[i]] != UINT32_MAX) pos[i] = count[new_row[act[i]]]++;
    auto place = [&](auto& col) {
      std::remove_reference_t<decltype(col)> out(kept);
      for (size_t i = 0; i < col.size(); ++i)
        if (pos[i] != UINT32_MAX) out[pos[i]] = col[i];
      col.swap(out);
    };
    (place(cols), ...);
    std::vector<uint32_t> out(kept);
    for (size_t i = 0; i < act.size(); ++i)
      if (pos[i] != UINT32_MAX) out[pos[i]] = new_row[act[i]];
    act.swap(out);
    ix.clustered = kept;
    ix.start.clear();
    const size_t nb = (n + kBlockRows - 1) / kBlockRows;
    ix.start.reserve(nb + 1);
    size_t l = 0;
    for (size_t b = 0; b <= nb; ++b) {
      const size_t first_row = std::min(n, b * kBlockRows);
      while (l < kept && act[l] < first_row) ++l;
      ix.start.push_back(static_cast<uint32_t>(l));
    }
  };
  relayout(reach_ix_, reach_.act, reach_.group, reach_.total, reach_.female, reach_.male);
  relayout(ages_ix_, ages_.act, ages_.group, ages_.band, ages_.count);
  relayout(outputs_ix_, outputs_.act, outputs_.code, outputs_.amount);
  relayout(costs_ix_, costs_.act, costs_.code, costs_.amount);

  // Blocks.
  blocks_.clear();
  blocks_.reserve((n + kBlockRows - 1) / kBlockRows);
  for (size_t b = 0; b * kBlockRows < n; ++b) {
    Block z{UINT16_MAX, 0, UINT32_MAX, 0};
    for (size_t r = b * kBlockRows; r < std::min(n, (b + 1) * kBlockRows); ++r) {
      z.day_lo = std::min(z.day_lo, day_[r]);
      z.day_hi = std::max(z.day_hi, day_[r]);
      z.rank_lo = std::min(z.rank_lo, unit_rank_[unit_[r]]);
      z.rank_hi = std::max(z.rank_hi, unit_rank_[unit_[r]]);
    }
    blocks_.push_back(z);
  }
  by_id_.resize(n);
  std::iota(by_id_.begin(), by_id_.end(), 0u);
  std::sort(by_id_.begin(), by_id_.end(), [&](uint32_t a, uint32_t b) { return ids_[a] < ids_[b]; });
  late_.clear();
  clustered_ = n;
  tail_sorted_ = 0;
  dead_ = 0;
  dead_lines_ = 0;
}

std::vector<FactStore::Range> FactStore::candidate_ranges(Table table, const std::vector<uint8_t>& unit_ok, int day_lo,
                                                           int day_hi) const {
  const LineIndex* ix = table == Table::reach     ? &reach_ix_
                        : table == Table::ages    ? &ages_ix_
                        : table == Table::outputs ? &outputs_ix_
                        : table == Table::costs   ? &costs_ix_
                                                  : nullptr;
  const size_t size = table == Table::activities ? ids_.size()
                      : table == Table::reach    ? reach_.act.size()
                      : table == Table::ages     ? ages_.act.size()
                      : table == Table::outputs  ? outputs_.act.size()
                                                 : costs_.act.size();
  std::vector<Range> out;
  if (day_lo > day_hi) return out;
  // Allowed ranks as a prefix count: a block may match when its rank range holds an allowed one.
  std::vector<uint32_t> prefix;
  if (!unit_ok.empty()) {
    prefix.assign(unit_rank_.size() + 1, 0);
    for (uint32_t c = 0; c < unit_rank_.size(); ++c)
      if (c < unit_ok.size() && unit_ok[c]) prefix[unit_rank_[c] + 1] = 1;
    for (size_t i = 1; i < prefix.size(); ++i) prefix[i] += prefix[i - 1];
  }
  auto add = [&](size_t b, size_t e) {
    if (b >= e) return;
    if (!out.empty() && out.back().end == b) out.back().end = e;
    else out.push_back({b, e});
  };
  for (size_t b = 0; b < blocks_.size(); ++b) {
    const Block& z = blocks_[b];
    if (z.day_hi < day_lo || z.day_lo > day_hi) continue;
    if (!prefix.empty() && prefix[z.rank_hi + 1] == prefix[z.rank_lo]) continue;
    if (ix) add(ix->start[b], ix->start[b + 1]);
    else add(b * kBlockRows, std::min(clustered_, (b + 1) * kBlockRows));
  }
  add(ix ? ix->clustered : clustered_, size);
  return out;
}

// ----- snapshot -----

namespace {
struct Writer {
  std::string out;
  template <typename T>
  void pod(const T& v) { out.append(reinterpret_cast<const char*>(&v), sizeof(T)); }
  template <typename T>
  void vec(const std::vector<T>& v) {
    pod<uint64_t>(v.size());
    if (!v.empty()) out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void str(const std::string& s) {
    pod<uint32_t>(static_cast<uint32_t>(s.size()));
    out.append(s);
  }
};
struct Reader {
  std::string_view in;
  size_t at = 0;
  void need(size_t n) {
    if (in.size() - at < n) throw std::runtime_error("analytics snapshot: truncated");
  }
  template <typename T>
  T pod() {
    need(sizeof(T));
    T v;
    std::memcpy(&v, in.data() + at, sizeof(T));
    at += sizeof(T);
    return v;
  }
  template <typename T>
  void vec(std::vector<T>& v) {
    const auto n = pod<uint64_t>();
    if (n > (in.size() - at) / sizeof(T)) throw std::runtime_error("analytics snapshot: truncated");
    v.resize(n);
    if (n != 0) std::memcpy(v.data(), in.data() + at, n * sizeof(T));  // an empty vector's data() may be null
    at += n * sizeof(T);
  }
  std::string str() {
    const auto n = pod<uint32_t>();
    need(n);
    std::string s(in.substr(at, n));
    at += n;
    return s;
  }
};
template <typename T>
void write_dict(Writer& w, const Dictionary<T>& d) {
  if constexpr (std::is_same_v<T, std::string>) {
    w.pod<uint64_t>(d.size());
    for (const auto& v : d.values()) w.str(v);
  } else {
    w.vec(d.values());
  }
}
template <typename T>
void read_dict(Reader& r, Dictionary<T>& d) {
  d = Dictionary<T>{};
  if constexpr (std::is_same_v<T, std::string>) {
    const auto n = r.pod<uint64_t>();
    for (uint64_t i = 0; i < n; ++i)
      if (d.intern(r.str()) != i) throw std::runtime_error("analytics snapshot: duplicate code");
  } else {
    std::vector<T> v;
    r.vec(v);
    for (size_t i = 0; i < v.size(); ++i)
      if (d.intern(v[i]) != i) throw std::runtime_error("analytics snapshot: duplicate code");
  }
}
void check(bool ok) {
  if (!ok) throw std::runtime_error("analytics snapshot: inconsistent");
}
template <typename V>
bool below(const V& v, size_t n) {
  for (auto x : v)
    if (static_cast<size_t>(x) >= n) return false;
  return true;
}
}  // namespace

std::string FactStore::write_snapshot() const {
  Writer w;
  w.out.reserve(memory_bytes());
  w.vec(ids_); w.vec(unit_); w.vec(agency_); w.vec(programme_); w.vec(day_); w.vec(type_); w.vec(flags_);
  w.vec(lines_); w.vec(version_);
  w.pod<uint64_t>(multi_programmes_.size());
  for (const auto& [row, codes] : multi_programmes_) {
    w.pod<uint32_t>(row);
    w.vec(codes);
  }
  w.vec(reach_.act); w.vec(reach_.group); w.vec(reach_.total); w.vec(reach_.female); w.vec(reach_.male);
  w.vec(ages_.act); w.vec(ages_.group); w.vec(ages_.band); w.vec(ages_.count);
  for (const auto* c : {&outputs_, &costs_}) {
    w.vec(c->act); w.vec(c->code); w.vec(c->amount);
  }
  w.pod<uint64_t>(clustered_); w.pod<uint64_t>(tail_sorted_);
  w.vec(by_id_); w.vec(blocks_); w.vec(unit_rank_);
  for (const auto* ix : {&reach_ix_, &ages_ix_, &outputs_ix_, &costs_ix_}) {
    w.pod<uint64_t>(ix->clustered);
    w.vec(ix->start);
  }
  w.pod<uint64_t>(dead_); w.pod<uint64_t>(dead_lines_); w.pod(min_day_); w.pod(max_day_);
  write_dict(w, units_); write_dict(w, agencies_); write_dict(w, programmes_);
  write_dict(w, types_); write_dict(w, target_groups_); write_dict(w, age_bands_); write_dict(w, output_kinds_);
  write_dict(w, funding_sources_);
  return std::move(w.out);
}

void FactStore::read_snapshot(std::string_view bytes) {
  *this = FactStore{};
  Reader r{bytes};
  r.vec(ids_); r.vec(unit_); r.vec(agency_); r.vec(programme_); r.vec(day_); r.vec(type_); r.vec(flags_);
  r.vec(lines_); r.vec(version_);
  const size_t n = ids_.size();
  for (size_t k : {unit_.size(), agency_.size(), programme_.size(), day_.size(), type_.size(), flags_.size(),
                   lines_.size(), version_.size()})
    check(k == n);
  const auto nm = r.pod<uint64_t>();
  check(nm <= n);
  for (uint64_t i = 0; i < nm; ++i) {
    const auto row = r.pod<uint32_t>();
    check(row < n);
    r.vec(multi_programmes_[row]);
  }
  r.vec(reach_.act); r.vec(reach_.group); r.vec(reach_.total); r.vec(reach_.female); r.vec(reach_.male);
  r.vec(ages_.act); r.vec(ages_.group); r.vec(ages_.band); r.vec(ages_.count);
  for (auto* c : {&outputs_, &costs_}) {
    r.vec(c->act); r.vec(c->code); r.vec(c->amount);
  }
  clustered_ = r.pod<uint64_t>();
  tail_sorted_ = r.pod<uint64_t>();
  r.vec(by_id_); r.vec(blocks_); r.vec(unit_rank_);
  for (auto* ix : {&reach_ix_, &ages_ix_, &outputs_ix_, &costs_ix_}) {
    ix->clustered = r.pod<uint64_t>();
    r.vec(ix->start);
  }
  dead_ = r.pod<uint64_t>();
  dead_lines_ = r.pod<uint64_t>();
  min_day_ = r.pod<uint16_t>();
  max_day_ = r.pod<uint16_t>();
  read_dict(r, units_); read_dict(r, agencies_); read_dict(r, programmes_);
  read_dict(r, types_); read_dict(r, target_groups_); read_dict(r, age_bands_); read_dict(r, output_kinds_);
  read_dict(r, funding_sources_);
  check(r.at == bytes.size());
  // Every index in range, so a damaged (or foreign) snapshot can never make a scan read out of bounds.
  check(clustered_ <= n && tail_sorted_ <= n - clustered_ && by_id_.size() <= clustered_ && below(by_id_, clustered_));
  check(blocks_.size() == (clustered_ + kBlockRows - 1) / kBlockRows);
  check(below(unit_, units_.size()) && below(agency_, agencies_.size()) && below(type_, types_.size()));
  for (uint32_t p : programme_) check(p <= programmes_.size());
  for (const auto& [row, codes] : multi_programmes_) check(below(codes, programmes_.size()));
  check(unit_rank_.size() <= units_.size() && below(unit_rank_, unit_rank_.size()));
  for (const auto& b : blocks_) check(b.rank_lo <= b.rank_hi && (b.rank_hi < unit_rank_.size()));
  const size_t nr = reach_.act.size(), na = ages_.act.size();
  check(reach_.group.size() == nr && reach_.total.size() == nr && reach_.female.size() == nr && reach_.male.size() == nr);
  check(ages_.group.size() == na && ages_.band.size() == na && ages_.count.size() == na);
  check(below(reach_.act, n) && below(ages_.act, n) && below(reach_.group, target_groups_.size()) &&
        below(ages_.group, target_groups_.size()) && below(ages_.band, age_bands_.size()));
  check(outputs_.code.size() == outputs_.act.size() && outputs_.amount.size() == outputs_.act.size());
  check(costs_.code.size() == costs_.act.size() && costs_.amount.size() == costs_.act.size());
  check(below(outputs_.act, n) && below(costs_.act, n) && below(outputs_.code, output_kinds_.size()) &&
        below(costs_.code, funding_sources_.size()));
  const std::pair<const LineIndex*, size_t> ixs[] = {
      {&reach_ix_, nr}, {&ages_ix_, na}, {&outputs_ix_, outputs_.act.size()}, {&costs_ix_, costs_.act.size()}};
  for (const auto& [ix, size] : ixs) {
    check(ix->clustered <= size && ix->start.size() == blocks_.size() + 1);
    for (size_t b = 0; b < ix->start.size(); ++b)
      check(ix->start[b] <= ix->clustered && (b == 0 || ix->start[b - 1] <= ix->start[b]));
  }
  for (size_t row = clustered_ + tail_sorted_; row < n; ++row)
    if (flags_[row] & kAlive) late_[ids_[row]] = static_cast<uint32_t>(row);
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
  n += map_bytes(late_) + cap_bytes(by_id_) + cap_bytes(blocks_) + cap_bytes(unit_rank_);
  for (const auto* ix : {&reach_ix_, &ages_ix_, &outputs_ix_, &costs_ix_}) n += cap_bytes(ix->start);
  n += units_.memory_bytes() + agencies_.memory_bytes() + programmes_.memory_bytes() + types_.memory_bytes() +
       target_groups_.memory_bytes() + age_bands_.memory_bytes() + output_kinds_.memory_bytes() +
       funding_sources_.memory_bytes();
  return n;
}

}  // namespace longghep::analytics
