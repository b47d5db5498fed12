-- Sorting the activity list by people reached or by cost walks an index and stops at a page
-- (docs/BENCHMARKS.md: 3.0 s at 10,000,000 activities without them).
CREATE INDEX IF NOT EXISTS activities_reached ON activities(reached_total, id);
CREATE INDEX IF NOT EXISTS activities_cost ON activities(cost_total, id);
