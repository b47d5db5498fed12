-- Durable background jobs (issue 13): an import (and any later background job) is a row with its
-- state, progress and outcome, so that a restart neither forgets it nor reuses its id.
-- state: validating | validated | committing | committed | failed | interrupted | discarded.
-- outcome_json: the kind's own result (for an import: counts, errors by row, preview, messages).
-- temp_path: the uploaded file while the job needs it (deleted when the job ends).
-- runner: "host:pid" of the process working on it (a restart resolves the jobs of dead runners).
-- AUTOINCREMENT: an id is never reused, even after the newest rows are deleted.
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  state TEXT NOT NULL CHECK (state IN ('validating', 'validated', 'committing', 'committed', 'failed', 'interrupted', 'discarded')),
  progress REAL NOT NULL DEFAULT 0,
  input_json TEXT NOT NULL DEFAULT '{}',
  outcome_json TEXT NOT NULL DEFAULT '{}',
  temp_path TEXT,
  runner TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE INDEX jobs_state ON jobs(state);
CREATE INDEX jobs_user ON jobs(user_id, id);

-- The job that wrote an import (in the import's own transaction): after a crash during a commit,
-- the job is "committed" exactly when this row exists.
ALTER TABLE activity_imports ADD COLUMN job_id INTEGER REFERENCES jobs(id);
CREATE UNIQUE INDEX activity_imports_job ON activity_imports(job_id);
