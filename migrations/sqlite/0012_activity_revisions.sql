-- Deadline day (issue 11): the analytics engine catches up by revision, never by timestamps.
-- Every transaction that writes activities takes the next activities_revision first (the row lock
-- on meta orders writers, so revisions commit in order) and stamps the rows it writes with it;
-- a delete leaves a tombstone with its revision. A server that has applied revision N reads
-- "revision > N" from both tables and re-reads only those activities.
ALTER TABLE activities ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
CREATE INDEX activities_revision ON activities(revision);
CREATE TABLE activity_tombstones (
  activity_id INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  deleted_at TEXT NOT NULL);
CREATE INDEX activity_tombstones_revision ON activity_tombstones(revision);
