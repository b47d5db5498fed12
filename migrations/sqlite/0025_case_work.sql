-- People supported (issue 16 §4–5, the case work): needs assessment, support plan with goals and
-- the supervisor's approval, follow-ups, reintegration outcome, closure with the supervisor's
-- approval and reopen. docs/api-cases.md "Case work". Free text that may hold a name (assessment
-- notes, goal text, follow-up notes, closure/return/reopen notes) is sealed like the identity
-- (security/sealing.hpp: the data key generation in key_id, the record's code + field as
-- associated data); nothing here is in the clear but codes, levels, statuses and dates.

-- closed_on: the day the supervisor approved the closure (retention counts from it); NULL when open.
ALTER TABLE case_records ADD COLUMN closed_on TEXT;

-- A needs assessment: one row per assessment, one item per domain (health, safety, housing,
-- income, legal_papers, family, psychosocial). History is kept; the latest is shown first.
CREATE TABLE case_assessments (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES case_records(id) ON DELETE CASCADE,
  assessed_on TEXT NOT NULL,
  key_id INTEGER NOT NULL REFERENCES case_keys(id),
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL);
CREATE INDEX case_assessments_case ON case_assessments(case_id, assessed_on);
CREATE TABLE case_assessment_items (
  assessment_id INTEGER NOT NULL REFERENCES case_assessments(id) ON DELETE CASCADE,
  domain TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('none', 'low', 'medium', 'high')),
  note_sealed TEXT,
  PRIMARY KEY (assessment_id, domain));

-- Support plans: plan_no counts the versions of one case (1, 2, …). status: draft, submitted,
-- approved, returned, superseded (an approved plan replaced by a newer approved version).
CREATE TABLE case_plans (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES case_records(id) ON DELETE CASCADE,
  plan_no INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'returned', 'superseded')),
  key_id INTEGER NOT NULL REFERENCES case_keys(id),
  return_reason_sealed TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  submitted_by INTEGER REFERENCES users(id),
  submitted_at TEXT,
  decided_by INTEGER REFERENCES users(id),
  decided_at TEXT,
  updated_at TEXT NOT NULL,
  UNIQUE (case_id, plan_no));
CREATE TABLE case_plan_goals (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES case_plans(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  domain TEXT NOT NULL,
  text_sealed TEXT NOT NULL,
  target_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'achieved', 'dropped')));
CREATE INDEX case_plan_goals_plan ON case_plan_goals(plan_id, position);

-- Follow-ups: planned → done (with a note) | cancelled. "Overdue" is derived (planned and past
-- due_on), never stored.
CREATE TABLE case_followups (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES case_records(id) ON DELETE CASCADE,
  due_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('planned', 'done', 'cancelled')),
  key_id INTEGER NOT NULL REFERENCES case_keys(id),
  purpose_sealed TEXT,
  result_sealed TEXT,
  done_on TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL);
CREATE INDEX case_followups_case ON case_followups(case_id, due_on);

-- Reintegration outcome, one row per area (job, housing, family, health, legal_papers).
CREATE TABLE case_outcomes (
  case_id INTEGER NOT NULL REFERENCES case_records(id) ON DELETE CASCADE,
  area TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('achieved', 'in_progress', 'not_achieved')),
  as_of TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (case_id, area));

-- Closure and reopen, append-only: request (reason code + note) → approve | reject (note);
-- reopen (note). A request is pending while it is the latest event of the case.
CREATE TABLE case_closure_events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES case_records(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('request', 'approve', 'reject', 'reopen')),
  reason_code TEXT NOT NULL DEFAULT '',
  key_id INTEGER NOT NULL REFERENCES case_keys(id),
  note_sealed TEXT,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL);
CREATE INDEX case_closure_events_case ON case_closure_events(case_id, id);
