-- Offline entry for communes (issue 21): the per-session secret the web app derives the key of
-- its encrypted local store from (HKDF, docs/ARCHITECTURE.md "Offline"), and the idempotency keys
-- of POST requests, so that a create sent again after a lost answer is not made twice.
ALTER TABLE sessions ADD COLUMN offline_secret TEXT NOT NULL DEFAULT '';
CREATE TABLE idempotency_keys (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  idem_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL DEFAULT 0,
  content_type TEXT NOT NULL DEFAULT '',
  response TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, idem_key));
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
