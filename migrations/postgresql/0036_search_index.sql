-- Text search by index (issue 20): the activity list's `q` matches the folded title
-- (fold_for_search) as a substring, `title_folded LIKE '%q%'`. A trigram GIN index over the same
-- column serves that LIKE directly (PostgreSQL rechecks every candidate, so the answer is the
-- LIKE's); pg_trgm is a trusted extension since PostgreSQL 13.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX activities_title_trgm ON activities USING gin (title_folded gin_trgm_ops);
