-- The in-memory analytics engine (issue 6, docs/api-analytics.md): every transaction that writes
-- activities bumps activities_revision, so a server sees another process's writes cheaply; the
-- catch-up re-reads the activities updated since its last look through activities_updated.
INSERT INTO meta(key, value) VALUES ('activities_revision', '0');
CREATE INDEX IF NOT EXISTS activities_updated ON activities(updated_at);
