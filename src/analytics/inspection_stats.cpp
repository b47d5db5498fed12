#include "analytics/inspection_stats.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "analytics/case_stats.hpp"
#include "domain/error.hpp"

namespace longghep::analytics {
namespace fig = inspection_figures;

namespace {
struct Named { const char* name; InspDim d; };
constexpr Named kDims[] = {{"type", InspDim::type},         {"status", InspDim::status}, {"province", InspDim::province},
                           {"commune", InspDim::commune},   {"year", InspDim::year},     {"quarter", InspDim::quarter},
                           {"month", InspDim::month}};
std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

using Key = std::vector<std::optional<std::string>>;
// A business's key part on a period dimension: it stands in every period
const std::optional<std::string> kAnyPeriod = std::string("\x01*");

bool matches(const Key& pattern, const Key& k) {
  for (size_t i = 0; i < k.size(); ++i)
    if (pattern[i] != kAnyPeriod && pattern[i] != k[i]) return false;
  return true;
}

bool in_filter(const std::vector<std::string>& filter, const std::string& v) {
  return filter.empty() || std::find(filter.begin(), filter.end(), v) != filter.end();
}

std::optional<std::string> org_key(const Hierarchy& h, long long unit_id, InspDim d, Date as_of) {
  return case_org_key(h, unit_id, d == InspDim::province ? CaseDim::province : CaseDim::commune, as_of);
}

const OrgUnit* placed(const Hierarchy& h, long long unit_id, Date as_of) {
  const OrgUnit* u = h.by_id(unit_id);
  if (!u || u->valid_on(as_of)) return u;
  if (auto c = case_org_key(h, unit_id, CaseDim::commune, as_of)) return h.find(*c, as_of);
  auto p = case_org_key(h, unit_id, CaseDim::province, as_of);
  return p ? h.find(*p, as_of) : nullptr;
}
}  // namespace

std::optional<InspDim> insp_dim_from(const std::string& name) {
  for (const auto& x : kDims)
    if (name == x.name) return x.d;
  return std::nullopt;
}
const char* name_of(InspDim d) {
  for (const auto& x : kDims)
    if (x.d == d) return x.name;
  return "";
}
bool is_period(InspDim d) { return d == InspDim::year || d == InspDim::quarter || d == InspDim::month; }
bool insp_applies(const std::string& measure, InspDim d) {
  return !is_period(d) || (measure != "businesses" && measure != "businesses_operating");
}

InspTable insp_pivot(const std::vector<fig::BusinessFact>& businesses, const std::vector<fig::InspectionFact>& inspections,
                     const InspQuery& q, const Hierarchy& h, const InspLabeler& label) {
  const auto& names = fig::figure_names();
  if (std::find(names.begin(), names.end(), q.measure) == names.end())
    throw Error::Validation("measure", "Chỉ tiêu không hợp lệ", "Unknown measure");
  for (const auto* axis : {&q.rows, &q.columns})
    for (InspDim d : *axis)
      if (!insp_applies(q.measure, d))
        throw Error::Validation(axis == &q.rows ? "rows" : "columns", "Chiều thời gian không áp dụng cho số cơ sở",
                                "A period dimension does not apply to a count of businesses");
  auto in_place = [&](long long unit_id) {
    if (!q.org_unit) return true;
    const OrgUnit* u = placed(h, unit_id, q.as_of);
    return u && (u->id == q.org_unit->id || h.is_within(*u, *q.org_unit, q.as_of));
  };
  // the unit key of a unit version, once per (dimension, unit): the hierarchy walk is the costly part
  std::map<std::pair<int, long long>, std::optional<std::string>> org_keys;
  auto org_key_of = [&](long long unit_id, InspDim d) -> const std::optional<std::string>& {
    auto k = std::make_pair(static_cast<int>(d), unit_id);
    auto it = org_keys.find(k);
    if (it == org_keys.end()) it = org_keys.emplace(k, org_key(h, unit_id, d, q.as_of)).first;
    return it->second;
  };
  std::unordered_map<long long, bool> in_place_memo;
  auto in_place_of = [&](long long unit_id) {
    auto it = in_place_memo.find(unit_id);
    if (it == in_place_memo.end()) it = in_place_memo.emplace(unit_id, in_place(unit_id)).first;
    return it->second;
  };
  std::unordered_map<long long, const fig::BusinessFact*> by_id;
  for (const auto& b : businesses) by_id[b.id] = &b;
  // one key per axis: a business's period parts are kAnyPeriod
  auto key_of = [&](const std::vector<InspDim>& dims, const fig::BusinessFact* b, long long unit_id,
                    const std::optional<Date>& day) {
    Key k;
    for (InspDim d : dims) switch (d) {
        case InspDim::type: k.push_back(b ? std::optional<std::string>(b->type_code) : std::nullopt); break;
        case InspDim::status: k.push_back(b ? std::optional<std::string>(b->status) : std::nullopt); break;
        case InspDim::province: case InspDim::commune: k.push_back(org_key_of(unit_id, d)); break;
        case InspDim::year: k.push_back(day ? std::optional<std::string>(std::to_string(day->year())) : kAnyPeriod); break;
        case InspDim::quarter:
          k.push_back(day ? std::optional<std::string>(std::to_string(day->year()) + "-Q" + std::to_string((day->month() - 1) / 3 + 1))
                          : kAnyPeriod);
          break;
        case InspDim::month:
          k.push_back(day ? std::optional<std::string>(std::to_string(day->year()) + "-" + two(day->month())) : kAnyPeriod);
          break;
      }
    return k;
  };
  struct BKey { Key r, c; bool operator<(const BKey& o) const { return std::tie(r, c) < std::tie(o.r, o.c); } };
  std::map<BKey, std::vector<fig::BusinessFact>> bbuckets;
  std::map<BKey, std::vector<fig::InspectionFact>> ibuckets;
  std::set<Key> rows, cols;
  InspTable t;
  auto has_any = [](const Key& k) { return std::find(k.begin(), k.end(), kAnyPeriod) != k.end(); };
  // A fact's keys depend only on a few of its parts (those of the dimensions asked for): the
  // bucket of each combination of parts is found once, then by a hash of the parts — the keys
  // (strings) are not rebuilt per fact.
  bool need_unit = false, need_type = false, need_status = false, need_month = false;
  for (const auto* axis : {&q.rows, &q.columns})
    for (InspDim d : *axis) {
      need_unit |= d == InspDim::province || d == InspDim::commune;
      need_type |= d == InspDim::type;
      need_status |= d == InspDim::status;
      need_month |= is_period(d);
    }
  std::vector<const std::string*> interned;  // type and status codes seen (a handful)
  auto intern = [&](const std::string& v) -> long long {
    for (size_t i = 0; i < interned.size(); ++i)
      if (*interned[i] == v) return static_cast<long long>(i);
    interned.push_back(&v);
    return static_cast<long long>(interned.size() - 1);
  };
  struct Sig {
    long long unit, type, status, month;
    bool operator==(const Sig& o) const { return unit == o.unit && type == o.type && status == o.status && month == o.month; }
  };
  struct SigHash {
    size_t operator()(const Sig& x) const {
      return std::hash<long long>()(x.unit * 1000003 ^ x.type * 10007 ^ x.status * 101 ^ x.month * 7919);
    }
  };
  auto sig_of = [&](const fig::BusinessFact* b, long long unit_id, const std::optional<Date>& day) {
    return Sig{need_unit ? unit_id : -2, need_type ? (b ? intern(b->type_code) : -1) : -2,
               need_status ? (b ? intern(b->status) : -1) : -2,
               need_month && day ? static_cast<long long>(day->year()) * 12 + day->month() : -2};
  };
  std::unordered_map<Sig, std::vector<fig::BusinessFact>*, SigHash> bsig;
  std::unordered_map<Sig, std::vector<fig::InspectionFact>*, SigHash> isig;
  for (const auto& b : businesses) {
    if (!in_filter(q.types, b.type_code) || !in_filter(q.statuses, b.status) || !in_place_of(b.unit_id)) continue;
    ++t.facts;
    const Sig sg = sig_of(&b, b.unit_id, std::nullopt);
    auto it = bsig.find(sg);
    if (it == bsig.end()) {
      BKey k{key_of(q.rows, &b, b.unit_id, std::nullopt), key_of(q.columns, &b, b.unit_id, std::nullopt)};
      if (!has_any(k.r)) rows.insert(k.r);
      if (!has_any(k.c)) cols.insert(k.c);
      it = bsig.emplace(sg, &bbuckets[k]).first;
    }
    it->second->push_back(b);
  }
  for (const auto& i : inspections) {
    if (!i.final || i.day < q.from || q.to < i.day) continue;
    auto bit = by_id.find(i.business_id);
    const fig::BusinessFact* b = bit == by_id.end() ? nullptr : bit->second;
    if ((!q.types.empty() || !q.statuses.empty()) && (!b || !in_filter(q.types, b->type_code) || !in_filter(q.statuses, b->status)))
      continue;
    if (!in_place_of(i.unit_id)) continue;
    ++t.facts;
    const Sig sg = sig_of(b, i.unit_id, i.day);
    auto it = isig.find(sg);
    if (it == isig.end()) {
      BKey k{key_of(q.rows, b, i.unit_id, i.day), key_of(q.columns, b, i.unit_id, i.day)};
      rows.insert(k.r);
      cols.insert(k.c);
      it = isig.emplace(sg, &ibuckets[k]).first;
    }
    it->second->push_back(i);
  }
  if (q.rows.empty()) rows.insert(Key{});
  if (q.columns.empty()) cols.insert(Key{});
  auto ordered = [&](const std::set<Key>& keys, const std::vector<InspDim>& dims) {
    std::vector<std::pair<std::vector<std::string>, Key>> v;
    for (const auto& k : keys) {
      std::vector<std::string> s;
      for (size_t i = 0; i < k.size(); ++i) s.push_back(label(dims[i], k[i]).sort);
      v.push_back({s, k});
    }
    std::sort(v.begin(), v.end());
    std::vector<Key> out;
    for (auto& x : v) out.push_back(x.second);
    return out;
  };
  t.row_keys = ordered(rows, q.rows);
  t.column_keys = ordered(cols, q.columns);
  if (t.row_keys.size() * t.column_keys.size() > 20000)
    throw Error(400, "too_many_cells", "Bảng quá lớn; hãy bớt chiều hoặc thêm bộ lọc", "Too many cells; use fewer dimensions or more filters");
  // the buckets of each row key and of each column key (a business bucket with a period part
  // matches every period), so a cell reads only the buckets of its row
  using BB = const std::pair<const BKey, std::vector<fig::BusinessFact>>*;
  using IB = const std::pair<const BKey, std::vector<fig::InspectionFact>>*;
  auto index = [&](const std::vector<Key>& keys, bool row) {
    std::map<Key, std::pair<std::vector<BB>, std::vector<IB>>> out;
    for (const auto& k : keys) out[k];
    for (const auto& e : bbuckets) {
      const Key& p = row ? e.first.r : e.first.c;
      if (!has_any(p)) {
        if (auto it = out.find(p); it != out.end()) it->second.first.push_back(&e);
        continue;
      }
      for (auto& [k, v] : out)
        if (matches(p, k)) v.first.push_back(&e);
    }
    for (const auto& e : ibuckets)
      if (auto it = out.find(row ? e.first.r : e.first.c); it != out.end()) it->second.second.push_back(&e);
    return out;
  };
  const auto by_row = index(t.row_keys, true);
  const auto by_col = index(t.column_keys, false);
  // the figure over the facts whose row key matches r and column key matches c (nullopt: any)
  static const std::vector<fig::BusinessFact> kNoBusinesses;
  static const std::vector<fig::InspectionFact> kNoInspections;
  const bool unfiltered = q.types.empty() && q.statuses.empty() && !q.org_unit;
  auto value = [&](const std::optional<Key>& r, const std::optional<Key>& c) {
    // the whole input when nothing is filtered out (compute_figures counts only final
    // inspections within [from, to], as the buckets do)
    if (!r && !c && unfiltered) return fig::figure_value(fig::compute_figures(businesses, inspections, q.from, q.to), q.measure);
    std::vector<fig::BusinessFact> bs;
    std::vector<fig::InspectionFact> is;
    if (r) {
      const auto& [bl, il] = by_row.at(*r);
      // a cell of one bucket of each kind (no period wildcard): counted in place, not copied
      std::vector<BB> bsel;
      std::vector<IB> isel;
      for (BB e : bl)
        if (!c || matches(e->first.c, *c)) bsel.push_back(e);
      for (IB e : il)
        if (!c || e->first.c == *c) isel.push_back(e);
      if (bsel.size() <= 1 && isel.size() <= 1)
        return fig::figure_value(fig::compute_figures(bsel.empty() ? kNoBusinesses : bsel.front()->second,
                                                      isel.empty() ? kNoInspections : isel.front()->second, q.from, q.to),
                                 q.measure);
      for (BB e : bl)
        if (!c || matches(e->first.c, *c)) bs.insert(bs.end(), e->second.begin(), e->second.end());
      for (IB e : il)
        if (!c || e->first.c == *c) is.insert(is.end(), e->second.begin(), e->second.end());
    } else if (c) {
      const auto& [bl, il] = by_col.at(*c);
      for (BB e : bl) bs.insert(bs.end(), e->second.begin(), e->second.end());
      for (IB e : il) is.insert(is.end(), e->second.begin(), e->second.end());
    } else {
      for (const auto& [k, v] : bbuckets) bs.insert(bs.end(), v.begin(), v.end());
      for (const auto& [k, v] : ibuckets) is.insert(is.end(), v.begin(), v.end());
    }
    return fig::figure_value(fig::compute_figures(bs, is, q.from, q.to), q.measure);
  };
  auto labels = [&](const Key& k, const std::vector<InspDim>& dims, std::vector<std::string>& vi, std::vector<std::string>& en) {
    for (size_t i = 0; i < k.size(); ++i) {
      InspLabel l = label(dims[i], k[i]);
      vi.push_back(l.vi);
      en.push_back(l.en);
    }
  };
  for (const auto& r : t.row_keys) {
    std::vector<std::string> vi, en;
    labels(r, q.rows, vi, en);
    t.row_labels.push_back(vi);
    t.row_labels_en.push_back(en);
    std::vector<std::optional<double>> row;
    for (const auto& c : t.column_keys) row.push_back(value(r, c));
    // without columns the one cell of a row is its total
    t.row_totals.push_back(q.columns.empty() ? row.front() : value(r, std::nullopt));
    t.cells.push_back(row);
  }
  for (const auto& c : t.column_keys) {
    std::vector<std::string> vi, en;
    labels(c, q.columns, vi, en);
    t.column_labels.push_back(vi);
    t.column_labels_en.push_back(en);
    // without rows the one row is the column totals
    t.column_totals.push_back(q.rows.empty() ? t.cells.front()[t.column_totals.size()] : value(std::nullopt, c));
  }
  // without columns the one column's total is the grand total
  t.total = q.columns.empty() ? t.column_totals.front() : value(std::nullopt, std::nullopt);
  return t;
}

}  // namespace longghep::analytics
