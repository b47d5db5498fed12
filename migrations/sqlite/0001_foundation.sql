-- Foundation schema: hierarchy over time, agencies, users, sessions, audit.
-- Dates are 'YYYY-MM-DD' text; open validity ends are '0001-01-01' / '9999-12-31'.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta(key, value) VALUES ('hierarchy_revision', '0');

CREATE TABLE org_unit_kinds (
  code TEXT PRIMARY KEY, name_vi TEXT NOT NULL, name_en TEXT NOT NULL, level INTEGER NOT NULL);
INSERT INTO org_unit_kinds VALUES ('central', 'Trung ương', 'Central', 0);
INSERT INTO org_unit_kinds VALUES ('province', 'Tỉnh, thành phố', 'Province', 1);
INSERT INTO org_unit_kinds VALUES ('district', 'Huyện (trước 07/2025)', 'District (before 07/2025)', 2);
INSERT INTO org_unit_kinds VALUES ('commune', 'Xã, phường, đặc khu', 'Commune', 3);

CREATE TABLE org_units (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  full_name TEXT NOT NULL,
  kind TEXT NOT NULL REFERENCES org_unit_kinds(code),
  type_label TEXT NOT NULL DEFAULT '',
  parent_code TEXT NOT NULL DEFAULT '',
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL,
  name_folded TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (code, valid_from),
  CHECK (valid_from <= valid_to));
CREATE INDEX org_units_parent ON org_units(parent_code, valid_from, valid_to);
CREATE INDEX org_units_validity ON org_units(valid_from, valid_to);

CREATE TABLE lineage_events (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('merge', 'split', 'rename', 'reparent')),
  event_date TEXT NOT NULL,
  from_id INTEGER NOT NULL REFERENCES org_units(id),
  to_id INTEGER NOT NULL REFERENCES org_units(id),
  partial INTEGER NOT NULL DEFAULT 0,
  UNIQUE (from_id, to_id));
CREATE INDEX lineage_to ON lineage_events(to_id);

CREATE TABLE agency_kinds (code TEXT PRIMARY KEY, name_vi TEXT NOT NULL, name_en TEXT NOT NULL);
INSERT INTO agency_kinds VALUES ('bo', 'Bộ, cơ quan ngang bộ', 'Ministry');
INSERT INTO agency_kinds VALUES ('cuc', 'Cục, vụ', 'Department of a ministry');
INSERT INTO agency_kinds VALUES ('so', 'Sở', 'Provincial department');
INSERT INTO agency_kinds VALUES ('ban', 'Ban', 'Board, committee');
INSERT INTO agency_kinds VALUES ('nganh', 'Ngành', 'Sector body');
INSERT INTO agency_kinds VALUES ('doan_the', 'Đoàn thể', 'Mass organisation');
INSERT INTO agency_kinds VALUES ('ubnd', 'Ủy ban nhân dân', 'People''s Committee');
INSERT INTO agency_kinds VALUES ('bao_chi', 'Báo chí, phát thanh, truyền hình', 'Press, radio and TV');

CREATE TABLE agencies (
  id INTEGER PRIMARY KEY,
  key TEXT UNIQUE,
  name TEXT NOT NULL,
  short_name TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL REFERENCES agency_kinds(code),
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL,
  name_folded TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (valid_from <= valid_to));
CREATE INDEX agencies_unit ON agencies(org_unit_id);

CREATE TABLE programme_roles (code TEXT PRIMARY KEY, name_vi TEXT NOT NULL, name_en TEXT NOT NULL);
INSERT INTO programme_roles VALUES ('lead', 'Cơ quan chủ trì, đầu mối', 'Lead (focal) agency');

CREATE TABLE agency_roles (
  id INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  role TEXT NOT NULL REFERENCES programme_roles(code),
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL,
  UNIQUE (agency_id, role, org_unit_id, valid_from));
CREATE INDEX agency_roles_unit ON agency_roles(org_unit_id, role);

CREATE TABLE permissions (code TEXT PRIMARY KEY, name_vi TEXT NOT NULL, name_en TEXT NOT NULL);
INSERT INTO permissions VALUES ('hierarchy.read', 'Xem đơn vị hành chính', 'Read the hierarchy');
INSERT INTO permissions VALUES ('hierarchy.manage', 'Nhập, sửa đơn vị hành chính', 'Import and edit the hierarchy');
INSERT INTO permissions VALUES ('agencies.read', 'Xem cơ quan, đơn vị', 'Read agencies');
INSERT INTO permissions VALUES ('agencies.manage', 'Quản lý cơ quan, đơn vị', 'Manage agencies');
INSERT INTO permissions VALUES ('users.read', 'Xem người dùng', 'Read users');
INSERT INTO permissions VALUES ('users.manage', 'Quản lý người dùng', 'Manage users');
INSERT INTO permissions VALUES ('audit.read', 'Xem nhật ký thay đổi', 'Read the audit log');

CREATE TABLE roles (code TEXT PRIMARY KEY, name_vi TEXT NOT NULL, name_en TEXT NOT NULL);
INSERT INTO roles VALUES ('system_admin', 'Quản trị hệ thống', 'System administrator');
INSERT INTO roles VALUES ('ministry_officer', 'Cán bộ Bộ', 'Ministry officer');
INSERT INTO roles VALUES ('province_lead_officer', 'Cán bộ cơ quan đầu mối tỉnh', 'Province lead officer');
INSERT INTO roles VALUES ('agency_focal_point', 'Đầu mối cơ quan, đơn vị', 'Agency focal point');
INSERT INTO roles VALUES ('commune_officer', 'Cán bộ cấp xã', 'Commune officer');
INSERT INTO roles VALUES ('viewer', 'Người xem', 'Viewer');

CREATE TABLE role_permissions (
  role_code TEXT NOT NULL REFERENCES roles(code),
  permission_code TEXT NOT NULL REFERENCES permissions(code),
  PRIMARY KEY (role_code, permission_code));
INSERT INTO role_permissions SELECT 'system_admin', code FROM permissions;
INSERT INTO role_permissions VALUES ('ministry_officer', 'hierarchy.read');
INSERT INTO role_permissions VALUES ('ministry_officer', 'agencies.read');
INSERT INTO role_permissions VALUES ('ministry_officer', 'users.read');
INSERT INTO role_permissions VALUES ('ministry_officer', 'audit.read');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'hierarchy.read');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'agencies.read');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'agencies.manage');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'users.read');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'users.manage');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'audit.read');
INSERT INTO role_permissions VALUES ('agency_focal_point', 'hierarchy.read');
INSERT INTO role_permissions VALUES ('agency_focal_point', 'agencies.read');
INSERT INTO role_permissions VALUES ('commune_officer', 'hierarchy.read');
INSERT INTO role_permissions VALUES ('commune_officer', 'agencies.read');
INSERT INTO role_permissions VALUES ('viewer', 'hierarchy.read');
INSERT INTO role_permissions VALUES ('viewer', 'agencies.read');

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  full_name TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  agency_id INTEGER REFERENCES agencies(id),
  active INTEGER NOT NULL DEFAULT 1,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  name_folded TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE INDEX users_unit ON users(org_unit_id);

CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role_code TEXT NOT NULL REFERENCES roles(code),
  PRIMARY KEY (user_id, role_code));

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_attempts (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL,
  ip TEXT NOT NULL,
  at INTEGER NOT NULL,
  success INTEGER NOT NULL);
CREATE INDEX login_attempts_user ON login_attempts(username, at);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_id INTEGER,
  username TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  org_unit_id INTEGER,
  before_json TEXT,
  after_json TEXT);
CREATE INDEX audit_at ON audit_log(at);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_unit ON audit_log(org_unit_id);
