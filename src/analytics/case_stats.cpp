#include "analytics/case_stats.hpp"

#include <algorithm>
#include <set>

#include "domain/error.hpp"

namespace longghep::analytics {

namespace {
struct Named { const char* name; CaseDim d; };
constexpr Named kDims[] = {{"hostProgramme", CaseDim::hostProgramme}, {"service", CaseDim::service},
                           {"targetGroup", CaseDim::targetGroup},     {"sex", CaseDim::sex},
                           {"province", CaseDim::province},           {"commune", CaseDim::commune},
                           {"year", CaseDim::year},                   {"half", CaseDim::half},
                           {"quarter", CaseDim::quarter},             {"month", CaseDim::month}};
std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }
bool small(long long v) { return v > 0 && v < cases::kSmallCell; }
}  // namespace

std::optional<CaseMeasure> case_measure_from(const std::string& name) {
  if (name == "casePeople") return CaseMeasure::people;
  if (name == "caseServices") return CaseMeasure::services;
  if (name == "caseReferrals") return CaseMeasure::referrals;
  return std::nullopt;
}
std::optional<CaseDim> case_dim_from(const std::string& name) {
  for (const auto& x : kDims)
    if (name == x.name) return x.d;
  return std::nullopt;
}
const char* name_of(CaseMeasure m) {
  switch (m) {
    case CaseMeasure::people: return "casePeople";
    case CaseMeasure::services: return "caseServices";
    case CaseMeasure::referrals: return "caseReferrals";
  }
  return "";
}
const char* name_of(CaseDim d) {
  for (const auto& x : kDims)
    if (x.d == d) return x.name;
  return "";
}
bool applies(CaseMeasure m, CaseDim d) {
  return m != CaseMeasure::referrals || (d != CaseDim::hostProgramme && d != CaseDim::service);
}

bool counts_in_statistics(const std::vector<cases::ConsentEvent>& consents, Date on) {
  return cases::consent_holds(consents, "statistics", on);
}

bool SuppressedTable::any() const {
  if (total.suppressed) return true;
  for (const auto& r : cells)
    for (const auto& c : r)
      if (c.suppressed) return true;
  for (const auto& c : row_totals)
    if (c.suppressed) return true;
  for (const auto& c : column_totals)
    if (c.suppressed) return true;
  return false;
}

SuppressedTable suppress_table(const std::vector<std::vector<long long>>& cells, const std::vector<long long>& row_totals,
                               const std::vector<long long>& column_totals, long long total) {
  SuppressedTable t;
  auto mk = [](long long v) { return SCell{v, small(v)}; };
  for (const auto& r : cells) {
    std::vector<SCell> row;
    for (long long v : r) row.push_back(mk(v));
    t.cells.push_back(std::move(row));
  }
  for (long long v : row_totals) t.row_totals.push_back(mk(v));
  for (long long v : column_totals) t.column_totals.push_back(mk(v));
  t.total = mk(total);
  // secondary: a row (column) with exactly one suppressed cell hides its total
  for (size_t i = 0; i < t.cells.size() && i < t.row_totals.size(); ++i) {
    size_t n = 0;
    for (const auto& c : t.cells[i]) n += c.suppressed;
    if (n == 1 && t.row_totals[i].raw != 0) t.row_totals[i].suppressed = true;
  }
  for (size_t j = 0; j < t.column_totals.size(); ++j) {
    size_t n = 0;
    for (const auto& r : t.cells)
      if (j < r.size()) n += r[j].suppressed;
    if (n == 1 && t.column_totals[j].raw != 0) t.column_totals[j].suppressed = true;
  }
  size_t rs = 0, cs = 0;
  for (const auto& c : t.row_totals) rs += c.suppressed;
  for (const auto& c : t.column_totals) cs += c.suppressed;
  if ((rs == 1 || cs == 1) && t.total.raw != 0) t.total.suppressed = true;
  return t;
}

std::optional<std::string> case_org_key(const Hierarchy& h, long long unit_id, CaseDim d, Date as_of) {
  const OrgUnit* u = h.by_id(unit_id);
  if (!u) return std::nullopt;
  if (!u->valid_on(as_of)) {
    // the version valid on as_of through the lineage (a commune merged since lands in its successor)
    std::set<long long> seen;
    while (u && !u->valid_on(as_of) && seen.insert(u->id).second) {
      const OrgUnit* next = nullptr;
      const auto links = as_of < u->validity.from ? h.predecessors(u->id) : h.successors(u->id);
      for (const LineageEvent* e : links) {
        const OrgUnit* c = h.by_id(as_of < u->validity.from ? e->from_id : e->to_id);
        if (!c) continue;
        if (!next || c->code == u->code || (!e->partial && next->code != u->code)) next = c;
      }
      u = next;
    }
    if (!u || !u->valid_on(as_of)) return std::nullopt;
  }
  const std::string kind = d == CaseDim::province ? "province" : "commune";
  if (u->kind == kind) return u->code;
  for (const OrgUnit* a : h.ancestors(*u, as_of))
    if (a->kind == kind) return a->code;
  return std::nullopt;
}

namespace {
using Key = std::vector<std::optional<std::string>>;

// Every key combination of a fact along `dims` (a fact of several target groups has several).
void keys_of(const CaseFact& f, const std::vector<CaseDim>& dims, const Hierarchy& h, Date as_of, std::vector<Key>& out) {
  out.assign(1, Key{});
  for (CaseDim d : dims) {
    std::vector<std::optional<std::string>> vals;
    switch (d) {
      case CaseDim::hostProgramme: vals = {f.host_programme}; break;
      case CaseDim::service: vals = {f.service}; break;
      case CaseDim::sex: vals = {f.sex}; break;
      case CaseDim::targetGroup:
        for (const auto& g : f.target_groups) vals.push_back(g);
        if (vals.empty()) vals.push_back(std::nullopt);
        break;
      case CaseDim::province: case CaseDim::commune: vals = {case_org_key(h, f.unit_id, d, as_of)}; break;
      case CaseDim::year: vals = {std::to_string(f.day.year())}; break;
      case CaseDim::half: vals = {std::to_string(f.day.year()) + (f.day.month() <= 6 ? "-H1" : "-H2")}; break;
      case CaseDim::quarter: vals = {std::to_string(f.day.year()) + "-Q" + std::to_string((f.day.month() - 1) / 3 + 1)}; break;
      case CaseDim::month: vals = {std::to_string(f.day.year()) + "-" + two(f.day.month())}; break;
    }
    std::vector<Key> next;
    for (const auto& k : out)
      for (const auto& v : vals) {
        Key n = k;
        n.push_back(v);
        next.push_back(std::move(n));
      }
    out = std::move(next);
  }
}

bool in_filter(const std::vector<std::string>& filter, const std::string& v) {
  return filter.empty() || std::find(filter.begin(), filter.end(), v) != filter.end();
}

const OrgUnit* placed(const Hierarchy& h, long long unit_id, Date as_of) {
  // the version of the fact's unit valid on as_of (as case_org_key) for the subtree test
  const OrgUnit* u = h.by_id(unit_id);
  if (!u || u->valid_on(as_of)) return u;
  auto code = case_org_key(h, unit_id, CaseDim::commune, as_of);
  if (code) return h.find(*code, as_of);
  auto prov = case_org_key(h, unit_id, CaseDim::province, as_of);
  return prov ? h.find(*prov, as_of) : nullptr;
}
}  // namespace

CaseTable case_pivot(const std::vector<CaseFact>& facts, const CaseQuery& q, const Hierarchy& h, const CaseLabeler& label) {
  for (CaseDim d : q.rows)
    if (!applies(q.measure, d)) throw Error::Validation("rows", "Chiều không áp dụng cho chỉ tiêu", "The dimension does not apply to the measure");
  for (CaseDim d : q.columns)
    if (!applies(q.measure, d)) throw Error::Validation("columns", "Chiều không áp dụng cho chỉ tiêu", "The dimension does not apply to the measure");
  std::map<Key, std::map<Key, std::set<long long>>> cells;
  std::map<Key, std::set<long long>> rows, cols;
  std::set<long long> all;
  CaseTable t;
  std::vector<Key> rk, ck;
  for (const CaseFact& f : facts) {
    if (f.day < q.from || q.to < f.day) continue;
    if (q.measure != CaseMeasure::referrals &&
        (!in_filter(q.host_programmes, f.host_programme) || !in_filter(q.services, f.service)))
      continue;
    if (q.org_unit) {
      const OrgUnit* u = placed(h, f.unit_id, q.as_of);
      if (!u || !(u->id == q.org_unit->id || h.is_within(*u, *q.org_unit, q.as_of))) continue;
    }
    ++t.facts;
    const long long id = q.measure == CaseMeasure::people ? f.case_id : f.item_id;
    keys_of(f, q.rows, h, q.as_of, rk);
    keys_of(f, q.columns, h, q.as_of, ck);
    for (const auto& r : rk) {
      rows[r].insert(id);
      for (const auto& c : ck) cells[r][c].insert(id);
    }
    for (const auto& c : ck) cols[c].insert(id);
    all.insert(id);
  }
  if (q.rows.empty()) rows.try_emplace(Key{});
  if (q.columns.empty()) cols.try_emplace(Key{});
  auto ordered = [&](const std::map<Key, std::set<long long>>& m, const std::vector<CaseDim>& dims) {
    std::vector<std::pair<std::vector<std::string>, Key>> v;
    for (const auto& [k, _] : m) {
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
  auto labels = [&](const Key& k, const std::vector<CaseDim>& dims, std::vector<std::string>& vi, std::vector<std::string>& en) {
    for (size_t i = 0; i < k.size(); ++i) {
      CaseLabel l = label(dims[i], k[i]);
      vi.push_back(l.vi);
      en.push_back(l.en);
    }
  };
  std::vector<std::vector<long long>> raw;
  std::vector<long long> rt, ct;
  for (const auto& r : t.row_keys) {
    std::vector<std::string> vi, en;
    labels(r, q.rows, vi, en);
    t.row_labels.push_back(vi);
    t.row_labels_en.push_back(en);
    std::vector<long long> row;
    for (const auto& c : t.column_keys) {
      auto ri = cells.find(r);
      long long n = 0;
      if (ri != cells.end())
        if (auto ci = ri->second.find(c); ci != ri->second.end()) n = static_cast<long long>(ci->second.size());
      row.push_back(n);
    }
    raw.push_back(row);
    rt.push_back(static_cast<long long>(rows[r].size()));
  }
  for (const auto& c : t.column_keys) {
    std::vector<std::string> vi, en;
    labels(c, q.columns, vi, en);
    t.column_labels.push_back(vi);
    t.column_labels_en.push_back(en);
    ct.push_back(static_cast<long long>(cols[c].size()));
  }
  t.table = suppress_table(raw, rt, ct, static_cast<long long>(all.size()));
  return t;
}

long long count_people(const std::vector<CaseFact>& facts, const std::string& host_programme) {
  std::set<long long> ids;
  for (const auto& f : facts)
    if (host_programme.empty() || f.host_programme == host_programme) ids.insert(f.case_id);
  return static_cast<long long>(ids.size());
}
long long count_services(const std::vector<CaseFact>& facts, const std::string& host_programme) {
  std::set<long long> ids;
  for (const auto& f : facts)
    if (host_programme.empty() || f.host_programme == host_programme) ids.insert(f.item_id);
  return static_cast<long long>(ids.size());
}

bool is_case_measure(const std::string& measure) { return measure == "case_people" || measure == "case_services"; }

std::set<std::string> suppressed_elements(const std::vector<CaseElement>& elements,
                                          const std::map<std::string, long long>& values) {
  std::set<std::string> out;
  auto value = [&](const std::string& code) {
    auto it = values.find(code);
    return it == values.end() ? 0LL : it->second;
  };
  for (bool people : {true, false}) {
    std::vector<const CaseElement*> parts;
    const CaseElement* total = nullptr;
    for (const auto& e : elements) {
      if (e.people != people) continue;
      if (e.host_programme.empty()) total = &e;
      else parts.push_back(&e);
    }
    std::vector<long long> row;
    for (const auto* e : parts) row.push_back(value(e->code));
    const long long t = total ? value(total->code) : 0;
    SuppressedTable st = suppress_table({row}, {t}, row, t);
    for (size_t i = 0; i < parts.size(); ++i)
      if (st.cells[0][i].suppressed) out.insert(parts[i]->code);
    if (total && (st.row_totals[0].suppressed || st.total.suppressed)) out.insert(total->code);
  }
  return out;
}

std::set<std::string> suppressed_in_compilation(const std::vector<CaseElement>& elements,
                                                const std::map<std::string, long long>& compiled,
                                                const std::map<std::string, long long>& own,
                                                const std::map<std::string, long long>& total) {
  std::set<std::string> out = suppressed_elements(elements, compiled);
  for (const auto& x : suppressed_elements(elements, own)) out.insert(x);
  for (const auto& x : suppressed_elements(elements, total)) out.insert(x);
  return out;
}

}  // namespace longghep::analytics
