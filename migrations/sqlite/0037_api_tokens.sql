-- API tokens (issue 21 §1): machine access for other systems (a ministry system pulling figures)
-- without a clerk's password. A token acts as its owner, with at most the permissions chosen at
-- creation (intersected with the owner's current ones on every call), only the HTTP methods chosen,
-- optionally only from some address ranges, until it expires (at most 365 days) or is revoked.
-- Only the SHA-256 of the secret is stored; the secret is shown once. docs/ARCHITECTURE.md
-- "Authentication: cookie sessions and API tokens".

INSERT INTO permissions VALUES ('tokens.create', 'Tạo mã truy cập API', 'Create API tokens');
INSERT INTO role_permissions VALUES ('system_admin', 'tokens.create');
INSERT INTO role_permissions VALUES ('ministry_officer', 'tokens.create');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'tokens.create');

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,
  permissions TEXT NOT NULL,          -- JSON array of permission codes
  methods TEXT NOT NULL,              -- JSON array of GET, POST, PUT, DELETE
  address_ranges TEXT NOT NULL DEFAULT '[]',  -- JSON array of CIDR ranges; empty = any address
  expires_at INTEGER NOT NULL,        -- unix seconds
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  last_used_at TEXT,
  last_used_ip TEXT,
  revoked_at TEXT,
  revoked_by INTEGER REFERENCES users(id),
  version INTEGER NOT NULL DEFAULT 1);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- Every call made with a token (also the refused ones of a known token): the last 1000 per token
-- are kept (storage/api_tokens.cpp).
CREATE TABLE api_token_uses (
  id INTEGER PRIMARY KEY,
  token_id INTEGER NOT NULL REFERENCES api_tokens(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  status INTEGER NOT NULL,
  ip TEXT NOT NULL);
CREATE INDEX api_token_uses_token ON api_token_uses(token_id, id);

-- A change made with a token is the owner's, marked with the token.
ALTER TABLE audit_log ADD COLUMN token_id INTEGER;
