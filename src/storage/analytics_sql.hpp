// The pivot computed by SQL on the database (`?via=sql`, docs/api-analytics.md): the reference
// the in-memory engine is tested against, and the baseline of the benchmark. One SQL text for
// SQLite and PostgreSQL: a GROUP BY over the activity tables joined to a connection-local
// temporary table `analytics_units` (unit version id → its keys at each org-unit level as of
// asOf), which holds only the units the query may see (scope ∩ orgUnit subtree).
#pragma once
#include <soci/soci.h>

#include <vector>

#include "analytics/pivot.hpp"

namespace longghep {

// `units` maps every unit version of the hierarchy (h.units() order) as of q.as_of.
std::vector<analytics::Group> pivot_by_sql(soci::session& s, const analytics::PivotQuery& q,
                                           const analytics::UnitMap& units);

}  // namespace longghep
