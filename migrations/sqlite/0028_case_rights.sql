-- The person's rights (issue 16 §6, docs/api-cases.md "The person's rights"): anonymised records,
-- the log of duplicate searches, and the indexes of the record list (bench/cases_bench.cpp).

-- When a record was anonymised (status 'anonymised'; its sealed columns and hashes are NULL).
ALTER TABLE case_records ADD COLUMN anonymised_at TEXT;

-- Each duplicate search (POST /api/cases/duplicates): who, when, what kind of criteria, how many
-- matches — never the searched name, birth year or number. Read by supervisors
-- (GET /api/case-search-log); rows of the last hour rate-limit the searcher.
CREATE TABLE case_search_log (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  username TEXT NOT NULL,
  org_unit_id INTEGER REFERENCES org_units(id),
  criteria TEXT NOT NULL,
  matches INTEGER NOT NULL,
  at TEXT NOT NULL,
  at_unix INTEGER NOT NULL);
CREATE INDEX case_search_log_user ON case_search_log(user_id, at_unix);
CREATE INDEX case_search_log_at ON case_search_log(at_unix);

-- The record list filtered by status (bench/cases, docs/BENCHMARKS.md "People supported"): the
-- count reads the index alone (the scope test needs residence_unit_id), the page walks it in code
-- order and stops after one page.
CREATE INDEX case_records_status_code ON case_records(status, code, residence_unit_id);
-- The first page in the caller's scope: the count reads this index alone; ORDER BY code walks
-- the code index.
CREATE INDEX case_records_unit_code ON case_records(residence_unit_id, code);
