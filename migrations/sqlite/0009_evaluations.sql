-- The yearly evaluation of an approved integration plan (guidance 221 §5.4). The figures (planned
-- against achieved, budget execution, cost per person) are computed from the plan and the
-- recorded activities and never stored; what is stored is the narrative of effectiveness, one per
-- plan version. Permissions are those of the plan: reading needs plans.read, writing plans.edit
-- on a plan the caller may see (scope, own agency for focal points).
CREATE TABLE plan_evaluations (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL UNIQUE REFERENCES integration_plans(id) ON DELETE CASCADE,
  results TEXT NOT NULL DEFAULT '',
  limitations TEXT NOT NULL DEFAULT '',
  causes TEXT NOT NULL DEFAULT '',
  lessons TEXT NOT NULL DEFAULT '',
  proposals TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);
-- The evaluation reads every activity linked to the plan's activities.
CREATE INDEX activities_plan_activity ON activities(plan_activity_id);
