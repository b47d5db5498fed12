#include "analytics/inspection_stats.hpp"

#include <algorithm>
#include <map>
#include <set>

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
  std::map<long long, const fig::BusinessFact*> by_id;
  for (const auto& b : businesses) by_id[b.id] = &b;
  // one key per axis: a business's period parts are kAnyPeriod
  auto key_of = [&](const std::vector<InspDim>& dims, const fig::BusinessFact* b, long long unit_id,
                    const std::optional<Date>& day) {
    Key k;
    for (InspDim d : dims) switch (d) {
        case InspDim::type: k.push_back(b ? std::optional<std::string>(b->type_code) : std::nullopt); break;
        case InspDim::status: k.push_back(b ? std::optional<std::string>(b->status) : std::nullopt); break;
        case InspDim::province: case InspDim::commune: k.push_back(org_key(h, unit_id, d, q.as_of)); break;
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
  for (const auto& b : businesses) {
    if (!in_filter(q.types, b.type_code) || !in_filter(q.statuses, b.status) || !in_place(b.unit_id)) continue;
    ++t.facts;
    BKey k{key_of(q.rows, &b, b.unit_id, std::nullopt), key_of(q.columns, &b, b.unit_id, std::nullopt)};
    if (!has_any(k.r)) rows.insert(k.r);
    if (!has_any(k.c)) cols.insert(k.c);
    bbuckets[k].push_back(b);
  }
  for (const auto& i : inspections) {
    if (!i.final || i.day < q.from || q.to < i.day) continue;
    auto it = by_id.find(i.business_id);
    const fig::BusinessFact* b = it == by_id.end() ? nullptr : it->second;
    if ((!q.types.empty() || !q.statuses.empty()) && (!b || !in_filter(q.types, b->type_code) || !in_filter(q.statuses, b->status)))
      continue;
    if (!in_place(i.unit_id)) continue;
    ++t.facts;
    BKey k{key_of(q.rows, b, i.unit_id, i.day), key_of(q.columns, b, i.unit_id, i.day)};
    rows.insert(k.r);
    cols.insert(k.c);
    ibuckets[k].push_back(i);
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
  // the figure over the facts whose row key matches r and column key matches c (nullopt: any)
  auto value = [&](const std::optional<Key>& r, const std::optional<Key>& c) {
    std::vector<fig::BusinessFact> bs;
    std::vector<fig::InspectionFact> is;
    for (const auto& [k, v] : bbuckets)
      if ((!r || matches(k.r, *r)) && (!c || matches(k.c, *c))) bs.insert(bs.end(), v.begin(), v.end());
    for (const auto& [k, v] : ibuckets)
      if ((!r || k.r == *r) && (!c || k.c == *c)) is.insert(is.end(), v.begin(), v.end());
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
    t.cells.push_back(row);
    t.row_totals.push_back(value(r, std::nullopt));
  }
  for (const auto& c : t.column_keys) {
    std::vector<std::string> vi, en;
    labels(c, q.columns, vi, en);
    t.column_labels.push_back(vi);
    t.column_labels_en.push_back(en);
    t.column_totals.push_back(value(std::nullopt, c));
  }
  t.total = value(std::nullopt, std::nullopt);
  return t;
}

}  // namespace longghep::analytics
