// The engine's shared pivot fixture: the reform-shaped hierarchy (lineage_fixture.hpp), a small
// catalogue, an activity builder and a Fixture that runs a pivot over a FactStore.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analytics/fact_store.hpp"
#include "analytics/pivot.hpp"
#include "lineage_fixture.hpp"

namespace longghep::test_fixture {
using namespace longghep::analytics;

inline Catalog catalog() {
  Catalog c;
  c.types = {{"media", "Truyền thông", "Media", "a"}, {"loans", "Vay vốn", "Loans", "b"},
             {"legal_aid", "Trợ giúp pháp lý", "Legal aid", "c"}};
  c.target_groups = {{"students", "Học sinh", "Students", "prevention"},
                     {"sex_workers", "Người bán dâm", "Sex workers", "harm_reduction"}};
  c.age_bands = {{"18_24", "18-24", "18-24", ""}, {"25_34", "25-34", "25-34", ""}};
  c.output_kinds = {{"sessions", "Buổi", "Sessions", "count"}};
  c.funding_sources = {{"central_budget", "NSTW", "Central", "state_budget"}, {"international", "Quốc tế", "Intl", ""}};
  c.type_groups = {{"a", {"Nhóm a", "Group a"}}, {"b", {"Nhóm b", "Group b"}}};
  c.agencies = {{100, "Sở Y tế"}, {101, "Công an tỉnh"}};
  c.programmes = {{7, "Giảm nghèo"}, {8, "Việc làm"}};
  return c;
}

inline ActivityFacts activity(long long id, long long unit, const char* day, const char* type = "media", long long reached = 10) {
  ActivityFacts a;
  a.id = id;
  a.unit_id = unit;
  a.day = D(day);
  a.type = type;
  a.agency_id = 100;
  a.reach = {{"students", reached, reached / 2, reached - reached / 2}};
  return a;
}

// A pivot as {row label path → value} over the one column, for readable expectations.
struct Fixture {
  Hierarchy h = fixture();
  Catalog cat = catalog();
  FactStore store;

  PivotTable run(PivotQuery q) {
    if (q.as_of == Date::min()) q.as_of = kToday;
    UnitMap units(h, store.units().values(), q.as_of);
    return assemble(q, evaluate(store, cat, units, q), Labels{cat, h});
  }
  std::map<std::string, long long> by_row(PivotQuery q) {
    PivotTable t = run(std::move(q));
    std::map<std::string, long long> out;
    for (size_t i = 0; i < t.row_keys.size(); ++i) {
      std::string k;
      for (const auto& x : t.row_keys[i]) k += (k.empty() ? "" : "|") + x.value_or("null");
      out[k] = t.cells[i][0].value_or(-1);
    }
    return out;
  }
};

inline PivotQuery q_of(Measure m, std::vector<Dim> rows, std::vector<Dim> cols = {}) {
  PivotQuery q;
  q.measure = m;
  q.rows = std::move(rows);
  q.columns = std::move(cols);
  return q;
}
}  // namespace longghep::test_fixture
