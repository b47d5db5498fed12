#include "analytics/pivot.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "domain/error.hpp"

namespace longghep::analytics {

namespace {
struct DimName { Dim d; const char* name; };
constexpr std::array<DimName, 21> kDims = {{
    {Dim::province, "province"}, {Dim::district, "district"}, {Dim::commune, "commune"}, {Dim::unit, "unit"},
    {Dim::level, "level"},
    {Dim::type, "type"}, {Dim::typeGroup, "typeGroup"}, {Dim::targetGroup, "targetGroup"},
    {Dim::targetGroupGroup, "targetGroupGroup"}, {Dim::ageBand, "ageBand"}, {Dim::agency, "agency"},
    {Dim::programme, "programme"}, {Dim::fundingSource, "fundingSource"}, {Dim::fundingGroup, "fundingGroup"},
    {Dim::outputKind, "outputKind"}, {Dim::planned, "planned"}, {Dim::year, "year"}, {Dim::half, "half"},
    {Dim::quarter, "quarter"}, {Dim::month, "month"}, {Dim::day, "day"}}};
struct MeasureName { Measure m; const char* name; };
constexpr std::array<MeasureName, 9> kMeasures = {{{Measure::activities, "activities"}, {Measure::reached, "reached"},
                                                   {Measure::female, "female"}, {Measure::male, "male"},
                                                   {Measure::age, "age"}, {Measure::output, "output"},
                                                   {Measure::cost, "cost"}, {Measure::planned, "planned"},
                                                   {Measure::allocated, "allocated"}}};

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }
}  // namespace

std::optional<Measure> measure_from(const std::string& name) {
  for (const auto& m : kMeasures)
    if (name == m.name) return m.m;
  return std::nullopt;
}
std::optional<Dim> dim_from(const std::string& name) {
  for (const auto& d : kDims)
    if (name == d.name) return d.d;
  return std::nullopt;
}
const char* name_of(Measure m) {
  for (const auto& x : kMeasures)
    if (x.m == m) return x.name;
  return "";
}
const char* name_of(Dim d) {
  for (const auto& x : kDims)
    if (x.d == d) return x.name;
  return "";
}
bool is_org_dim(Dim d) { return d == Dim::province || d == Dim::district || d == Dim::commune || d == Dim::unit; }
bool is_period_dim(Dim d) {
  return d == Dim::year || d == Dim::half || d == Dim::quarter || d == Dim::month || d == Dim::day;
}
bool people_count(Measure m) {
  return m == Measure::reached || m == Measure::female || m == Measure::male || m == Measure::age;
}
bool money_measure(Measure m) { return m == Measure::planned || m == Measure::allocated; }
bool applies(Measure m, Dim d) {
  if (money_measure(m)) {
    switch (d) {
      case Dim::province: case Dim::district: case Dim::commune: case Dim::unit: case Dim::level:
      case Dim::type: case Dim::typeGroup: case Dim::targetGroup: case Dim::targetGroupGroup:
      case Dim::programme: case Dim::fundingSource: case Dim::fundingGroup: case Dim::year:
        return true;
      default: return false;
    }
  }
  switch (d) {
    case Dim::targetGroup:
    case Dim::targetGroupGroup:
      return m == Measure::reached || m == Measure::female || m == Measure::male || m == Measure::age;
    case Dim::ageBand: return m == Measure::age;
    case Dim::outputKind: return m == Measure::output;
    case Dim::fundingSource:
    case Dim::fundingGroup: return m == Measure::cost;
    default: return true;
  }
}

std::string period_key(Dim d, Date day) {
  const std::string y = std::to_string(day.year());
  switch (d) {
    case Dim::year: return y;
    case Dim::half: return y + (day.month() <= 6 ? "-H1" : "-H2");
    case Dim::quarter: return y + "-Q" + std::to_string((day.month() - 1) / 3 + 1);
    case Dim::month: return y + "-" + two(day.month());
    default: return day.iso();
  }
}

const Term* Catalog::find(Dim d, const std::string& code) const {
  const std::vector<Term>* list = nullptr;
  switch (d) {
    case Dim::type: case Dim::typeGroup: list = &types; break;
    case Dim::targetGroup: case Dim::targetGroupGroup: list = &target_groups; break;
    case Dim::ageBand: list = &age_bands; break;
    case Dim::outputKind: list = &output_kinds; break;
    case Dim::fundingSource: case Dim::fundingGroup: list = &funding_sources; break;
    default: return nullptr;
  }
  for (const auto& t : *list)
    if (t.code == code) return &t;
  return nullptr;
}

std::vector<Dim> PivotQuery::dims() const {
  std::vector<Dim> out = rows;
  out.insert(out.end(), columns.begin(), columns.end());
  return out;
}
bool PivotQuery::uses(Dim d) const {
  return std::find(rows.begin(), rows.end(), d) != rows.end() ||
         std::find(columns.begin(), columns.end(), d) != columns.end();
}

// ----- units as of a day -----

const OrgUnit* UnitMap::resolve(const Hierarchy& h, const OrgUnit* u, Date on) {
  for (int step = 0; u && step < 32; ++step) {
    if (u->valid_on(on)) return u;
    const bool forward = on > u->validity.to;
    const OrgUnit* best = nullptr;
    bool best_partial = true;
    for (const LineageEvent* e : forward ? h.successors(u->id) : h.predecessors(u->id)) {
      const OrgUnit* c = h.by_id(forward ? e->to_id : e->from_id);
      if (!c) continue;
      auto rank = [&](const OrgUnit* x, bool partial) { return std::make_tuple(x->code != u->code, partial, x->id); };
      if (!best || rank(c, e->partial) < rank(best, best_partial)) {
        best = c;
        best_partial = e->partial;
      }
    }
    if (best) {
      u = best;
      continue;
    }
    // No linked version: the parent as of the unit's own edge day stands for it.
    u = h.parent(*u, forward ? u->validity.to : u->validity.from);
  }
  return nullptr;
}

UnitMap::UnitMap(const Hierarchy& h, const std::vector<long long>& unit_ids, Date as_of) : h_(h), as_of_(as_of) {
  mapped_.reserve(unit_ids.size());
  chains_.reserve(unit_ids.size());
  std::unordered_map<const OrgUnit*, size_t> done;  // chains shared by units mapped onto one version
  former_.reserve(unit_ids.size());
  for (long long id : unit_ids) {
    const OrgUnit* original = h.by_id(id);
    const OrgUnit* m = resolve(h, original, as_of);
    mapped_.push_back(m);
    // A version that no longer exists on as_of and was not a commune-level unit mapped onto one.
    former_.push_back(original && m && !original->valid_on(as_of) && original->validity.to < as_of);
    if (!m) {
      chains_.emplace_back();
      continue;
    }
    if (auto it = done.find(m); it != done.end()) {
      chains_.push_back(chains_[it->second]);
      continue;
    }
    auto chain = h.ancestors(*m, as_of);
    chain.push_back(m);
    done[m] = chains_.size();
    chains_.push_back(std::move(chain));
  }
}

std::optional<std::string> UnitMap::key(size_t i, Dim d, const OrgUnit* parent) const {
  if (const OrgUnit* u = key_unit(i, d, parent)) return u->code;
  if (former_[i] && d != Dim::province) return std::string(kFormerUnits);
  return std::nullopt;
}

const OrgUnit* UnitMap::key_unit(size_t i, Dim d, const OrgUnit* parent) const {
  const auto& chain = chains_[i];
  if (d == Dim::unit) {
    if (!parent) return chain.size() > 1 ? chain[1] : nullptr;  // no orgUnit: the roots' children
    for (size_t k = 0; k + 1 < chain.size(); ++k)
      if (chain[k]->id == parent->id) return chain[k + 1];
    return nullptr;
  }
  const char* kind = d == Dim::province ? "province" : d == Dim::district ? "district" : "commune";
  for (const OrgUnit* u : chain)
    if (u->kind == kind) return u;
  return nullptr;
}

// ----- evaluation -----

namespace {
enum class Col { unit, level, day, type, agency, planned, programme, target_group, age_band, output_kind, funding_source };

Col col_of(Dim d) {
  switch (d) {
    case Dim::province: case Dim::district: case Dim::commune: case Dim::unit: return Col::unit;
    case Dim::level: return Col::level;
    case Dim::type: case Dim::typeGroup: return Col::type;
    case Dim::targetGroup: case Dim::targetGroupGroup: return Col::target_group;
    case Dim::ageBand: return Col::age_band;
    case Dim::agency: return Col::agency;
    case Dim::programme: return Col::programme;
    case Dim::fundingSource: case Dim::fundingGroup: return Col::funding_source;
    case Dim::outputKind: return Col::output_kind;
    case Dim::planned: return Col::planned;
    default: return Col::day;
  }
}

// Members of one dimension: index 0 is the null key; lookup maps a column code onto a member.
struct DimPlan {
  Dim dim;
  Col col;
  std::vector<uint32_t> lookup;
  std::vector<std::optional<std::string>> members{std::nullopt};
  std::unordered_map<std::string, uint32_t> index;
  uint64_t stride = 1;

  uint32_t member(const std::optional<std::string>& key) {
    if (!key) return 0;
    auto [it, fresh] = index.try_emplace(*key, static_cast<uint32_t>(members.size()));
    if (fresh) members.push_back(*key);
    return it->second;
  }
};

// A filter over a dictionary's codes: empty = everything passes.
std::vector<uint8_t> allow_strings(const Dictionary<std::string>& dict, const std::vector<std::string>& wanted) {
  if (wanted.empty()) return {};
  std::vector<uint8_t> ok(dict.size(), 0);
  for (const auto& w : wanted)
    if (auto c = dict.find(w)) ok[*c] = 1;
  return ok;
}
// Intersects `ok` (empty = all) with the codes whose catalog group is one of `groups`.
void allow_groups(std::vector<uint8_t>& ok, const Dictionary<std::string>& dict, const Catalog& cat, Dim d,
                  const std::vector<std::string>& groups) {
  if (groups.empty()) return;
  if (ok.empty()) ok.assign(dict.size(), 1);
  for (uint32_t c = 0; c < dict.size(); ++c) {
    const Term* t = cat.find(d, dict.value(c));
    if (!t || std::find(groups.begin(), groups.end(), t->group) == groups.end()) ok[c] = 0;
  }
}
bool passes(const std::vector<uint8_t>& ok, uint32_t code) { return ok.empty() || ok[code]; }

std::optional<std::string> group_of(const Catalog& cat, Dim d, const std::string& code) {
  const Term* t = cat.find(d, code);
  if (!t || t->group.empty()) return std::nullopt;
  return t->group;
}

struct Accumulator {
  bool dense = false;
  std::vector<int64_t> sum;
  std::vector<uint32_t> count;
  std::unordered_map<uint64_t, std::pair<int64_t, int64_t>> sparse;
  static constexpr uint64_t kDenseLimit = uint64_t{1} << 20;
  static constexpr size_t kSparseLimit = 2'000'000;

  explicit Accumulator(uint64_t space) : dense(space <= kDenseLimit) {
    if (dense) {
      sum.assign(space, 0);
      count.assign(space, 0);
    }
  }
  void add(uint64_t key, int64_t v) {
    if (dense) {
      sum[key] += v;
      ++count[key];
      return;
    }
    auto& cell = sparse[key];
    cell.first += v;
    ++cell.second;
  }
  size_t groups() const { return dense ? 0 : sparse.size(); }
};

Error too_many(const PivotQuery& q, const std::string& detail_vi, const std::string& detail_en) {
  std::string dims;
  for (Dim d : q.dims()) dims += (dims.empty() ? "" : ", ") + std::string(name_of(d));
  return Error(400, "too_many_cells",
               "Bảng quá lớn (" + detail_vi + ") với các chiều " + dims + "; hãy bớt chiều hoặc thu hẹp bộ lọc",
               "The table is too large (" + detail_en + ") with the dimensions " + dims +
                   "; remove a dimension or narrow the filters",
               "rows");
}
}  // namespace

namespace {
// Which unit codes of the store pass the scope and the orgUnit subtree.
std::vector<uint8_t> units_allowed(const FactStore& st, const UnitMap& units, const PivotQuery& q) {
  std::vector<uint8_t> unit_ok(st.units().size(), 1);
  const bool subtree = q.org_unit && !q.org_unit->parent_code.empty();
  for (uint32_t i = 0; i < st.units().size(); ++i) {
    bool ok = !q.scope || q.scope->all() || q.scope->contains(st.units().value(i));
    if (ok && subtree) {
      ok = false;
      for (const OrgUnit* u : units.chain(i))
        if (u->id == q.org_unit->id) ok = true;
    }
    unit_ok[i] = ok;
  }
  return unit_ok;
}

// The `level` key of each unit code: the kind of that unit version itself.
void level_lookup(DimPlan& p, const FactStore& st, const UnitMap& units) {
  p.lookup.resize(st.units().size());
  for (uint32_t i = 0; i < st.units().size(); ++i) {
    const OrgUnit* u = units.hierarchy().by_id(st.units().value(i));
    p.lookup[i] = p.member(u ? std::optional<std::string>(u->kind) : std::nullopt);
  }
}

// A lookup over a taxonomy dictionary, plus one last entry (the dictionary's size) for kNoCode.
void taxonomy_lookup(DimPlan& p, const Dictionary<std::string>& dict, const Catalog& cat, bool grouped) {
  for (const auto& code : dict.values())
    p.lookup.push_back(p.member(grouped ? group_of(cat, p.dim, code) : std::optional<std::string>(code)));
  p.lookup.push_back(p.member(std::nullopt));
}

// planned / allocated: one scan of the money lines (docs/api-money.md §4).
std::vector<Group> evaluate_money(const FactStore& st, const Catalog& cat, const UnitMap& units, const PivotQuery& q) {
  const FactStore::MoneyLines& l = q.measure == Measure::planned ? st.planned_lines() : st.allocated_lines();
  const std::vector<uint8_t> unit_ok = units_allowed(st, units, q);
  const int from_year = q.from.year(), to_year = q.to.year();
  std::vector<uint8_t> type_ok = allow_strings(st.types(), q.types);
  allow_groups(type_ok, st.types(), cat, Dim::type, q.type_groups);
  std::vector<uint8_t> tg_ok = allow_strings(st.target_groups(), q.target_groups);
  allow_groups(tg_ok, st.target_groups(), cat, Dim::targetGroup, q.target_group_groups);
  const std::vector<uint8_t> fs_ok = allow_strings(st.funding_sources(), q.funding_sources);
  std::vector<uint8_t> prog_ok;  // over programme values (0 none, code + 1)
  if (!q.programmes.empty()) {
    prog_ok.assign(st.programmes().size() + 1, 0);
    for (uint32_t c = 0; c < st.programmes().size(); ++c)
      prog_ok[c + 1] = std::find(q.programmes.begin(), q.programmes.end(), st.programmes().value(c)) != q.programmes.end();
  }
  // An agency focal point sees the money of its agency's plans and decisions only.
  std::vector<uint8_t> agency_ok;  // over agency values (0 none, code + 1)
  if (q.only_agency) {
    agency_ok.assign(st.agencies().size() + 1, 0);
    for (uint32_t c = 0; c < st.agencies().size(); ++c) agency_ok[c + 1] = st.agencies().value(c) == *q.only_agency;
  }
  int ylo = UINT16_MAX, yhi = 0;
  for (uint16_t y : l.year) {
    ylo = std::min<int>(ylo, y);
    yhi = std::max<int>(yhi, y);
  }
  std::vector<DimPlan> plans;
  for (Dim d : q.dims()) {
    DimPlan p{d, col_of(d), {}};
    switch (p.col) {
      case Col::unit:
        p.lookup.resize(st.units().size());
        for (uint32_t i = 0; i < st.units().size(); ++i) p.lookup[i] = p.member(units.key(i, d, q.org_unit));
        break;
      case Col::level: level_lookup(p, st, units); break;
      case Col::day:
        for (int y = ylo; y <= yhi; ++y) p.lookup.push_back(p.member(std::to_string(y)));
        break;
      case Col::programme:
        p.lookup.push_back(p.member(std::nullopt));
        for (long long id : st.programmes().values()) p.lookup.push_back(p.member(std::to_string(id)));
        break;
      case Col::type: taxonomy_lookup(p, st.types(), cat, d == Dim::typeGroup); break;
      case Col::target_group: taxonomy_lookup(p, st.target_groups(), cat, d == Dim::targetGroupGroup); break;
      case Col::funding_source: taxonomy_lookup(p, st.funding_sources(), cat, d == Dim::fundingGroup); break;
      default: p.lookup.push_back(p.member(std::nullopt));  // not a money dimension (refused before)
    }
    plans.push_back(std::move(p));
  }
  uint64_t space = 1;
  for (auto it = plans.rbegin(); it != plans.rend(); ++it) {
    it->stride = space;
    const uint64_t card = it->members.size();
    if (space > (uint64_t{1} << 62) / card) throw too_many(q, "quá nhiều tổ hợp khóa", "too many key combinations");
    space *= card;
  }
  Accumulator acc(space);
  const uint32_t no_type = static_cast<uint32_t>(st.types().size()), no_group = static_cast<uint32_t>(st.target_groups().size());
  for (size_t i = 0; i < l.size(); ++i) {
    if (!unit_ok[l.unit[i]]) continue;
    if (l.year[i] < from_year || l.year[i] > to_year) continue;
    const uint32_t type = l.type[i] == FactStore::kNoCode ? no_type : l.type[i];
    const uint32_t group = l.group[i] == FactStore::kNoCode ? no_group : l.group[i];
    if (!type_ok.empty() && (type == no_type || !type_ok[type])) continue;
    if (!tg_ok.empty() && (group == no_group || !tg_ok[group])) continue;
    if (!passes(fs_ok, l.source[i]) || !passes(prog_ok, l.programme[i]) || !passes(agency_ok, l.agency[i])) continue;
    uint64_t key = 0;
    for (const auto& p : plans) {
      uint32_t code = 0;
      switch (p.col) {
        case Col::unit: case Col::level: code = l.unit[i]; break;
        case Col::day: code = static_cast<uint32_t>(l.year[i] - ylo); break;
        case Col::programme: code = l.programme[i]; break;
        case Col::type: code = type; break;
        case Col::target_group: code = group; break;
        case Col::funding_source: code = l.source[i]; break;
        default: code = 0;
      }
      key += p.lookup[code] * p.stride;
    }
    acc.add(key, l.amount[i]);
    if (acc.groups() > Accumulator::kSparseLimit) throw too_many(q, "quá nhiều nhóm", "too many groups");
  }
  std::vector<Group> out;
  auto emit = [&](uint64_t key, int64_t sum, int64_t count) {
    Group g;
    g.keys.reserve(plans.size());
    for (const auto& p : plans) g.keys.push_back(p.members[(key / p.stride) % p.members.size()]);
    g.value = sum;
    g.facts = count;
    out.push_back(std::move(g));
  };
  if (acc.dense) {
    for (uint64_t k = 0; k < acc.sum.size(); ++k)
      if (acc.count[k]) emit(k, acc.sum[k], acc.count[k]);
  } else {
    for (const auto& [k, cell] : acc.sparse) emit(k, cell.first, cell.second);
  }
  return out;
}
}  // namespace

std::vector<Group> evaluate(const FactStore& st, const Catalog& cat, const UnitMap& units, const PivotQuery& q) {
  if (money_measure(q.measure)) return evaluate_money(st, cat, units, q);
  // Filters as arrays over codes.
  const std::vector<uint8_t> unit_ok = units_allowed(st, units, q);
  int lo = 0, hi = -1;
  if (st.activity_rows() > 0) {
    lo = st.min_day();
    hi = st.max_day();
    const int from = q.from.days_since_epoch() - kEpochOffset, to = q.to.days_since_epoch() - kEpochOffset;
    lo = std::max(lo, from);
    hi = std::min(hi, to);
  }
  std::vector<uint8_t> type_ok = allow_strings(st.types(), q.types);
  allow_groups(type_ok, st.types(), cat, Dim::type, q.type_groups);
  std::vector<uint8_t> tg_ok = allow_strings(st.target_groups(), q.target_groups);
  allow_groups(tg_ok, st.target_groups(), cat, Dim::targetGroup, q.target_group_groups);
  const std::vector<uint8_t> band_ok = allow_strings(st.age_bands(), q.age_bands);
  const std::vector<uint8_t> kind_ok = allow_strings(st.output_kinds(), q.output_kinds);
  const std::vector<uint8_t> fs_ok = allow_strings(st.funding_sources(), q.funding_sources);
  std::vector<uint8_t> agency_ok;
  if (!q.agencies.empty() || q.only_agency) {
    agency_ok.assign(st.agencies().size(), 0);
    for (uint32_t c = 0; c < st.agencies().size(); ++c) {
      const long long id = st.agencies().value(c);
      agency_ok[c] = (q.agencies.empty() || std::find(q.agencies.begin(), q.agencies.end(), id) != q.agencies.end()) &&
                     (!q.only_agency || *q.only_agency == id);
    }
  }
  std::vector<uint8_t> prog_ok;  // over programme values (0 none, code + 1)
  if (!q.programmes.empty()) {
    prog_ok.assign(st.programmes().size() + 1, 0);
    for (uint32_t c = 0; c < st.programmes().size(); ++c)
      prog_ok[c + 1] = std::find(q.programmes.begin(), q.programmes.end(), st.programmes().value(c)) != q.programmes.end();
  }

  // Dimension plans.
  std::vector<DimPlan> plans;
  for (Dim d : q.dims()) {
    DimPlan p{d, col_of(d), {}};
    switch (p.col) {
      case Col::unit:
        p.lookup.resize(st.units().size());
        for (uint32_t i = 0; i < st.units().size(); ++i) {
          p.lookup[i] = p.member(units.key(i, d, q.org_unit));
        }
        break;
      case Col::level: level_lookup(p, st, units); break;
      case Col::day:
        for (int day = lo; day <= hi; ++day) p.lookup.push_back(p.member(period_key(d, day_of(static_cast<uint16_t>(day)))));
        break;
      case Col::agency:
        for (long long id : st.agencies().values()) p.lookup.push_back(p.member(std::to_string(id)));
        break;
      case Col::programme:
        p.lookup.push_back(0);
        for (long long id : st.programmes().values()) p.lookup.push_back(p.member(std::to_string(id)));
        break;
      case Col::planned:
        p.lookup = {p.member("false"), p.member("true")};
        break;
      default: {
        const Dictionary<std::string>& dict = p.col == Col::type           ? st.types()
                                              : p.col == Col::target_group ? st.target_groups()
                                              : p.col == Col::age_band     ? st.age_bands()
                                              : p.col == Col::output_kind  ? st.output_kinds()
                                                                           : st.funding_sources();
        const bool grouped = d == Dim::typeGroup || d == Dim::targetGroupGroup || d == Dim::fundingGroup;
        for (const auto& code : dict.values())
          p.lookup.push_back(p.member(grouped ? group_of(cat, d, code) : std::optional<std::string>(code)));
      }
    }
    plans.push_back(std::move(p));
  }
  uint64_t space = 1;
  for (auto it = plans.rbegin(); it != plans.rend(); ++it) {
    it->stride = space;
    const uint64_t card = it->members.size();
    if (space > (uint64_t{1} << 62) / card) throw too_many(q, "quá nhiều tổ hợp khóa", "too many key combinations");
    space *= card;
  }
  const DimPlan* prog_plan = nullptr;
  for (const auto& p : plans)
    if (p.col == Col::programme) prog_plan = &p;

  Accumulator acc(space);
  const auto& unit = st.unit();
  const auto& day = st.day();
  const auto& type = st.type();
  const auto& agency = st.agency();
  const auto& flags = st.flags();
  const auto& programme = st.programme();
  const bool planned_filter = q.planned.has_value();
  const bool want_planned = q.planned.value_or(false);

  // The zone map: only the ranges of the table whose blocks may hold an allowed unit and day.
  const bool every_unit = std::all_of(unit_ok.begin(), unit_ok.end(), [](uint8_t x) { return x != 0; });
  const std::vector<uint8_t> no_units;
  // One scan over the candidate lines of `table`; line i belongs to activity row act(i), passes
  // line_ok(i), has value value(i) (negative: not recorded, skipped) and line-level columns
  // line_col(col, i).
  auto scan = [&](FactStore::Table table, auto act, auto line_ok, auto value, auto line_col) {
    for (const FactStore::Range range : st.candidate_ranges(table, every_unit ? no_units : unit_ok, lo, hi))
    for (size_t i = range.begin; i < range.end; ++i) {
      const uint32_t a = act(i);
      if (!(flags[a] & FactStore::kAlive) || !unit_ok[unit[a]]) continue;
      const int d = day[a];
      if (d < lo || d > hi) continue;
      if (!passes(type_ok, type[a]) || !passes(agency_ok, agency[a])) continue;
      if (planned_filter && bool(flags[a] & FactStore::kPlanned) != want_planned) continue;
      if (!line_ok(i)) continue;
      const int64_t v = value(i);
      if (v < 0) continue;
      uint64_t key = 0;
      for (const auto& p : plans) {
        uint32_t code = 0;
        switch (p.col) {
          case Col::unit: case Col::level: code = unit[a]; break;
          case Col::day: code = static_cast<uint32_t>(d - lo); break;
          case Col::type: code = type[a]; break;
          case Col::agency: code = agency[a]; break;
          case Col::planned: code = (flags[a] & FactStore::kPlanned) ? 1 : 0; break;
          case Col::programme: continue;  // added per programme below
          default: code = line_col(p.col, i);
        }
        key += p.lookup[code] * p.stride;
      }
      if (!(flags[a] & FactStore::kMultiProgramme)) {
        const uint32_t pv = programme[a];
        if (!prog_ok.empty() && !prog_ok[pv]) continue;
        acc.add(prog_plan ? key + prog_plan->lookup[pv] * prog_plan->stride : key, v);
      } else {
        const auto& all = st.programmes_of(a);
        if (prog_plan) {
          for (uint32_t c : all)
            if (prog_ok.empty() || prog_ok[c + 1]) acc.add(key + prog_plan->lookup[c + 1] * prog_plan->stride, v);
        } else {
          bool any = prog_ok.empty();
          for (uint32_t c : all) any = any || prog_ok[c + 1];
          if (any) acc.add(key, v);
        }
      }
      if (acc.groups() > Accumulator::kSparseLimit) throw too_many(q, "quá nhiều nhóm", "too many groups");
    }
  };
  auto no_line_filter = [](size_t) { return true; };
  auto no_line_col = [](Col, size_t) -> uint32_t { return 0; };
  switch (q.measure) {
    case Measure::activities:
      scan(FactStore::Table::activities, [](size_t i) { return static_cast<uint32_t>(i); }, no_line_filter,
           [](size_t) -> int64_t { return 1; }, no_line_col);
      break;
    case Measure::reached:
    case Measure::female:
    case Measure::male: {
      const auto& r = st.reach();
      const auto& vals = q.measure == Measure::reached ? r.total : q.measure == Measure::female ? r.female : r.male;
      scan(FactStore::Table::reach, [&](size_t i) { return r.act[i]; }, [&](size_t i) { return passes(tg_ok, r.group[i]); },
           [&](size_t i) { return vals[i]; }, [&](Col, size_t i) -> uint32_t { return r.group[i]; });
      break;
    }
    case Measure::age: {
      const auto& g = st.ages();
      scan(FactStore::Table::ages, [&](size_t i) { return g.act[i]; },
           [&](size_t i) { return passes(tg_ok, g.group[i]) && passes(band_ok, g.band[i]); },
           [&](size_t i) { return g.count[i]; },
           [&](Col c, size_t i) -> uint32_t { return c == Col::age_band ? g.band[i] : g.group[i]; });
      break;
    }
    case Measure::output:
    case Measure::cost: {
      const auto& l = q.measure == Measure::output ? st.outputs() : st.costs();
      const auto& ok = q.measure == Measure::output ? kind_ok : fs_ok;
      scan(q.measure == Measure::output ? FactStore::Table::outputs : FactStore::Table::costs,
           [&](size_t i) { return l.act[i]; }, [&](size_t i) { return passes(ok, l.code[i]); },
           [&](size_t i) { return l.amount[i]; }, [&](Col, size_t i) -> uint32_t { return l.code[i]; });
      break;
    }
    case Measure::planned:
    case Measure::allocated: break;  // evaluate_money
  }

  // Keys back to strings.
  std::vector<Group> out;
  auto emit = [&](uint64_t key, int64_t sum, int64_t count) {
    Group g;
    g.keys.reserve(plans.size());
    for (const auto& p : plans) g.keys.push_back(p.members[(key / p.stride) % p.members.size()]);
    g.value = sum;
    g.facts = count;
    out.push_back(std::move(g));
  };
  if (acc.dense) {
    for (uint64_t k = 0; k < acc.sum.size(); ++k)
      if (acc.count[k]) emit(k, acc.sum[k], acc.count[k]);
  } else {
    for (const auto& [k, cell] : acc.sparse) emit(k, cell.first, cell.second);
  }
  return out;
}

// ----- labels and the table -----

namespace {
const char* kOtherVi = "Khác";
std::string pad_number(const std::string& s) { return std::string(s.size() < 20 ? 20 - s.size() : 0, '0') + s; }
}  // namespace

namespace {
struct LevelName { const char* code; const char* vi; const char* en; };
constexpr LevelName kLevels[] = {{"central", "Trung ương", "Central"},
                                 {"province", "Cấp tỉnh", "Province level"},
                                 {"district", "Cấp huyện (trước 07/2025)", "District level (before 07/2025)"},
                                 {"commune", "Cấp xã", "Commune level"}};
}  // namespace

std::string Labels::label(Dim d, const std::optional<std::string>& key, Date as_of, bool en) const {
  if (!key) {
    if (d == Dim::programme) return en ? "No programme" : "Không thuộc chương trình";
    if (money_measure(measure) &&
        (d == Dim::type || d == Dim::typeGroup || d == Dim::targetGroup || d == Dim::targetGroupGroup))
      return en ? "Unspecified" : "Không xác định";
    return en ? "Other" : kOtherVi;
  }
  const std::string& k = *key;
  if (d == Dim::level) {
    for (const auto& l : kLevels)
      if (k == l.code) return en ? l.en : l.vi;
    return k;
  }
  if (is_org_dim(d)) {
    if (k == kFormerUnits) return en ? "Units before the 07/2025 reorganisation" : "Đơn vị trước sắp xếp (07/2025)";
    const OrgUnit* u = hierarchy.find(k, as_of);
    return u ? u->name : k;
  }
  if (is_period_dim(d)) {
    const PeriodName n = period_name(k);
    return en ? n.en : n.vi;
  }
  switch (d) {
    case Dim::type: case Dim::targetGroup: case Dim::ageBand: case Dim::outputKind: case Dim::fundingSource: {
      const Term* t = catalog.find(d, k);
      return t ? (en && !t->name_en.empty() ? t->name_en : t->name_vi) : k;
    }
    case Dim::typeGroup: case Dim::targetGroupGroup: case Dim::fundingGroup: {
      const auto& m = d == Dim::typeGroup ? catalog.type_groups : d == Dim::targetGroupGroup ? catalog.target_group_groups
                                                                                            : catalog.funding_groups;
      auto it = m.find(k);
      return it == m.end() ? k : en && !it->second.name_en.empty() ? it->second.name_en : it->second.name_vi;
    }
    case Dim::agency: case Dim::programme: {
      const auto& m = d == Dim::agency ? catalog.agencies : catalog.programmes;
      auto it = m.find(std::stoll(k));
      return it == m.end() ? k : it->second;
    }
    case Dim::planned: return k == "true" ? (en ? "Planned" : "Theo kế hoạch") : (en ? "Not planned" : "Ngoài kế hoạch");
    default: return k;
  }
}

std::string Labels::sort_key(Dim d, const std::optional<std::string>& key, Date as_of) const {
  if (!key) return "\x7f\x7f";  // null keys last
  if (is_org_dim(d) && *key == kFormerUnits) return "\x7f\x01";  // just before them
  if (is_org_dim(d)) {
    const OrgUnit* u = hierarchy.find(*key, as_of);
    return (u ? u->sort_key : std::string()) + '\x01' + *key;
  }
  if (d == Dim::agency || d == Dim::programme) return pad_number(*key);
  if (d == Dim::level) {
    for (size_t i = 0; i < std::size(kLevels); ++i)
      if (*key == kLevels[i].code) return std::to_string(i);
  }
  return *key;
}

PivotTable assemble(const PivotQuery& q, const std::vector<Group>& groups, const Labels& labels) {
  using Key = std::vector<std::optional<std::string>>;
  const size_t nr = q.rows.size();
  const std::vector<Dim> dims = q.dims();
  // Sort strings per distinct key tuple.
  auto sorted_axis = [&](size_t begin, size_t end) {
    std::map<Key, std::vector<std::string>> seen;
    for (const auto& g : groups) {
      Key k(g.keys.begin() + static_cast<std::ptrdiff_t>(begin), g.keys.begin() + static_cast<std::ptrdiff_t>(end));
      if (seen.count(k)) continue;
      std::vector<std::string> s;
      for (size_t i = begin; i < end; ++i) s.push_back(labels.sort_key(dims[i], g.keys[i], q.as_of));
      seen.emplace(std::move(k), std::move(s));
    }
    std::vector<std::pair<std::vector<std::string>, Key>> v;
    for (auto& [k, s] : seen) v.push_back({s, k});
    std::sort(v.begin(), v.end());
    std::vector<Key> out;
    for (auto& [s, k] : v) out.push_back(std::move(k));
    if (begin == end) out.assign(1, Key{});  // an axis without dimensions: one empty key
    return out;
  };
  PivotTable t;
  t.row_keys = sorted_axis(0, nr);
  t.column_keys = sorted_axis(nr, dims.size());
  const size_t cells = t.row_keys.size() * t.column_keys.size();
  if (cells > kMaxCells)
    throw too_many(q, std::to_string(t.row_keys.size()) + " dòng × " + std::to_string(t.column_keys.size()) + " cột",
                   std::to_string(t.row_keys.size()) + " rows × " + std::to_string(t.column_keys.size()) + " columns");
  std::map<Key, size_t> row_at, col_at;
  for (size_t i = 0; i < t.row_keys.size(); ++i) row_at[t.row_keys[i]] = i;
  for (size_t i = 0; i < t.column_keys.size(); ++i) col_at[t.column_keys[i]] = i;
  std::vector<std::vector<long long>> raw(t.row_keys.size(), std::vector<long long>(t.column_keys.size(), 0));
  std::vector<long long> rt(t.row_keys.size(), 0), ct(t.column_keys.size(), 0);
  long long total = 0;
  for (const auto& g : groups) {
    Key rk(g.keys.begin(), g.keys.begin() + static_cast<std::ptrdiff_t>(nr));
    Key ck(g.keys.begin() + static_cast<std::ptrdiff_t>(nr), g.keys.end());
    const size_t r = row_at.at(rk), c = col_at.at(ck);
    raw[r][c] += g.value;
    rt[r] += g.value;
    ct[c] += g.value;
    total += g.value;
    t.facts += g.facts;
  }
  const long long n = people_count(q.measure) ? q.suppress_below : 0;
  auto shown = [&](long long v) -> std::optional<long long> {
    if (n > 1 && v >= 1 && v < n) {
      t.suppressed = true;
      return std::nullopt;
    }
    return v;
  };
  for (auto& row : raw) {
    std::vector<std::optional<long long>> out;
    for (long long v : row) out.push_back(shown(v));
    t.cells.push_back(std::move(out));
  }
  for (long long v : rt) t.row_totals.push_back(shown(v));
  for (long long v : ct) t.column_totals.push_back(shown(v));
  t.total = shown(total);
  bool en = false;
  auto label_axis = [&](const std::vector<Key>& keys, size_t begin) {
    std::vector<std::vector<std::string>> out;
    for (const auto& k : keys) {
      std::vector<std::string> l;
      for (size_t i = 0; i < k.size(); ++i) l.push_back(labels.label(dims[begin + i], k[i], q.as_of, en));
      out.push_back(std::move(l));
    }
    return out;
  };
  t.row_labels = label_axis(t.row_keys, 0);
  t.column_labels = label_axis(t.column_keys, nr);
  en = true;
  t.row_labels_en = label_axis(t.row_keys, 0);
  t.column_labels_en = label_axis(t.column_keys, nr);
  return t;
}

}  // namespace longghep::analytics
