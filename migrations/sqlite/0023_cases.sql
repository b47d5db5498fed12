-- People supported (hồ sơ hỗ trợ), the core of issue 16: pseudonymous records, consent per
-- purpose, the reveal log; the wrapped data keys of the sealed identity fields.
-- docs/ARCHITECTURE.md "Sealed fields and the wall", docs/api-cases.md.

-- Roles. The police and inspection roles exist for the wall: Access refuses them every cases.*
-- permission whatever the data says (domain/access.cpp).
INSERT INTO roles VALUES ('case_worker', 'Cán bộ quản lý trường hợp', 'Case worker') ON CONFLICT DO NOTHING;
INSERT INTO roles VALUES ('case_supervisor', 'Cán bộ giám sát quản lý trường hợp', 'Case supervisor') ON CONFLICT DO NOTHING;
INSERT INTO roles VALUES ('police_officer', 'Cán bộ công an', 'Police officer') ON CONFLICT DO NOTHING;
INSERT INTO roles VALUES ('inspector', 'Thanh tra, kiểm tra liên ngành', 'Inspector') ON CONFLICT DO NOTHING;

INSERT INTO permissions VALUES ('cases.read', 'Xem hồ sơ hỗ trợ (mã, không danh tính)', 'Read support records (codes, no identity)');
INSERT INTO permissions VALUES ('cases.record', 'Tạo, cập nhật hồ sơ hỗ trợ và sự đồng ý', 'Create and update support records and consents');
INSERT INTO permissions VALUES ('cases.reveal', 'Xem danh tính của hồ sơ được phân công (có lý do, được ghi nhật ký)', 'Reveal the identity of assigned records (with a reason, logged)');
INSERT INTO permissions VALUES ('cases.supervise', 'Giám sát hồ sơ hỗ trợ, xem nhật ký truy cập', 'Supervise support records, read their access log');

INSERT INTO role_permissions VALUES ('case_worker', 'hierarchy.read');
INSERT INTO role_permissions VALUES ('case_worker', 'agencies.read');
INSERT INTO role_permissions VALUES ('case_worker', 'cases.read');
INSERT INTO role_permissions VALUES ('case_worker', 'cases.record');
INSERT INTO role_permissions VALUES ('case_worker', 'cases.reveal');
INSERT INTO role_permissions VALUES ('case_supervisor', 'hierarchy.read');
INSERT INTO role_permissions VALUES ('case_supervisor', 'agencies.read');
INSERT INTO role_permissions VALUES ('case_supervisor', 'cases.read');
INSERT INTO role_permissions VALUES ('case_supervisor', 'cases.record');
INSERT INTO role_permissions VALUES ('case_supervisor', 'cases.reveal');
INSERT INTO role_permissions VALUES ('case_supervisor', 'cases.supervise');
-- the administrator grants these roles (Access::require_can_grant: only what it holds); it still
-- reveals nothing, since a reveal needs the record's assignment (domain/cases.cpp)
INSERT INTO role_permissions VALUES ('system_admin', 'cases.read');
INSERT INTO role_permissions VALUES ('system_admin', 'cases.record');
INSERT INTO role_permissions VALUES ('system_admin', 'cases.reveal');
INSERT INTO role_permissions VALUES ('system_admin', 'cases.supervise');
INSERT INTO role_permissions VALUES ('police_officer', 'hierarchy.read') ON CONFLICT DO NOTHING;
INSERT INTO role_permissions VALUES ('police_officer', 'agencies.read') ON CONFLICT DO NOTHING;
INSERT INTO role_permissions VALUES ('inspector', 'hierarchy.read') ON CONFLICT DO NOTHING;
INSERT INTO role_permissions VALUES ('inspector', 'agencies.read') ON CONFLICT DO NOTHING;

-- The data keys, only ever wrapped by a master key (security/sealing.hpp): purpose 'seal' (the
-- fields) or 'index' (the duplicate-search hashes); generation counts data-key replacements;
-- master_key_id names the master key that wrapped it (a fingerprint, not the key).
CREATE TABLE case_keys (
  id INTEGER PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('seal', 'index')),
  generation INTEGER NOT NULL,
  master_key_id TEXT NOT NULL,
  wrapped TEXT NOT NULL,
  created_at TEXT NOT NULL,
  rewrapped_at TEXT,
  UNIQUE (purpose, generation));

-- Client codes: <province code>-<year>-<6-digit sequence>, the sequence per province and year
-- taken by one UPDATE … RETURNING in the creating transaction (race-free on both databases).
CREATE TABLE case_code_sequences (
  province_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY (province_code, year));

-- A person supported. Nothing here names the person: the identity fields are sealed
-- (*_sealed: base64 of nonce ‖ ciphertext under the case_keys row key_id, the code and field
-- name as associated data), and the search columns are keyed hashes (name_hash: folded name +
-- birth year; id_number_hash: the CCCD's digits).
CREATE TABLE case_records (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  province_code TEXT NOT NULL,
  code_year INTEGER NOT NULL,
  code_seq INTEGER NOT NULL,
  residence_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  residence_as_of TEXT NOT NULL,
  birth_year INTEGER,
  sex TEXT NOT NULL,
  status TEXT NOT NULL,
  case_worker_id INTEGER NOT NULL REFERENCES users(id),
  supervisor_id INTEGER REFERENCES users(id),
  registered_on TEXT NOT NULL,
  key_id INTEGER NOT NULL REFERENCES case_keys(id),
  full_name_sealed TEXT,
  id_number_sealed TEXT,
  phone_sealed TEXT,
  address_sealed TEXT,
  notes_sealed TEXT,
  name_hash TEXT,
  id_number_hash TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (province_code, code_year, code_seq));
CREATE INDEX case_records_unit ON case_records(residence_unit_id);
CREATE INDEX case_records_status ON case_records(status);
CREATE INDEX case_records_worker ON case_records(case_worker_id);
CREATE INDEX case_records_name_hash ON case_records(name_hash);
CREATE INDEX case_records_id_hash ON case_records(id_number_hash);

-- Target groups of guidance 221 §4.1 (target_groups of grp 'harm_reduction') a person belongs to.
CREATE TABLE case_target_groups (
  case_id INTEGER NOT NULL REFERENCES case_records(id) ON DELETE CASCADE,
  code TEXT NOT NULL REFERENCES target_groups(code),
  PRIMARY KEY (case_id, code));
CREATE INDEX case_target_groups_code ON case_target_groups(code, case_id);

-- Consent per purpose, append-only: 'services', 'statistics' or 'referral:<agency kind>'; each
-- row gives or withdraws it from effective_on; version counts the rows of one case and purpose.
-- No row: no consent (never by default).
CREATE TABLE case_consents (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES case_records(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('given', 'withdrawn')),
  effective_on TEXT NOT NULL,
  version INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  recorded_by INTEGER REFERENCES users(id),
  recorded_at TEXT NOT NULL,
  UNIQUE (case_id, purpose, version));

-- Who saw what: every reveal of sealed fields (who, when, which fields, why).
CREATE TABLE case_access_log (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES case_records(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  username TEXT NOT NULL,
  action TEXT NOT NULL,
  fields TEXT NOT NULL,
  reason TEXT NOT NULL,
  at TEXT NOT NULL,
  at_unix INTEGER NOT NULL);
CREATE INDEX case_access_log_case ON case_access_log(case_id, id);
CREATE INDEX case_access_log_user ON case_access_log(user_id, at_unix);
