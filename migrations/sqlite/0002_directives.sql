-- Directives (văn bản chỉ đạo), their attachments, and the tasks they assign with progress updates.
-- A task's `overdue` is derived on read from its deadline, status and updates; never stored.
CREATE TABLE directive_kinds (
  code TEXT PRIMARY KEY, name_vi TEXT NOT NULL, name_en TEXT NOT NULL, sort_order INTEGER NOT NULL);
INSERT INTO directive_kinds VALUES ('cong_van', 'Công văn', 'Official letter', 1);
INSERT INTO directive_kinds VALUES ('ke_hoach', 'Kế hoạch', 'Plan', 2);
INSERT INTO directive_kinds VALUES ('quyet_dinh', 'Quyết định', 'Decision', 3);
INSERT INTO directive_kinds VALUES ('chi_thi', 'Chỉ thị', 'Directive', 4);
INSERT INTO directive_kinds VALUES ('thong_bao', 'Thông báo', 'Notice', 5);

CREATE TABLE directives (
  id INTEGER PRIMARY KEY,
  key TEXT UNIQUE,
  number TEXT NOT NULL,
  kind TEXT NOT NULL REFERENCES directive_kinds(code),
  issuing_agency_id INTEGER REFERENCES agencies(id),
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  issue_date TEXT NOT NULL,
  subject TEXT NOT NULL,
  recipient_lines TEXT NOT NULL DEFAULT '',
  implements_id INTEGER REFERENCES directives(id),
  name_folded TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE INDEX directives_unit ON directives(org_unit_id);
CREATE INDEX directives_date ON directives(issue_date);
CREATE INDEX directives_implements ON directives(implements_id);

CREATE TABLE directive_recipients (
  directive_id INTEGER NOT NULL REFERENCES directives(id) ON DELETE CASCADE,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  PRIMARY KEY (directive_id, agency_id));

-- Uploaded files (PDF, DOCX) of a directive or a progress update. The content is kept in the
-- database, base64 in a TEXT column (storage/attachments.cpp explains why).
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('directive', 'task_update')),
  owner_id INTEGER NOT NULL,
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  content_b64 TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL);
CREATE INDEX attachments_owner ON attachments(owner_kind, owner_id);

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  directive_id INTEGER NOT NULL REFERENCES directives(id),
  code TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  lead_agency_id INTEGER NOT NULL REFERENCES agencies(id),
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  due_date TEXT,
  recurrence TEXT NOT NULL DEFAULT 'none' CHECK (recurrence IN ('none', 'monthly', 'quarterly', 'semiannual', 'annual')),
  due_days TEXT NOT NULL DEFAULT '',
  starts_on TEXT,
  ends_on TEXT,
  status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done')),
  last_update_on TEXT,
  name_folded TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (directive_id, code));
CREATE INDEX tasks_unit ON tasks(org_unit_id);
CREATE INDEX tasks_lead ON tasks(lead_agency_id);

CREATE TABLE task_agencies (
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  PRIMARY KEY (task_id, agency_id));
CREATE INDEX task_agencies_agency ON task_agencies(agency_id);

CREATE TABLE task_updates (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  update_date TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done')),
  attachment_id INTEGER REFERENCES attachments(id),
  user_id INTEGER,
  username TEXT NOT NULL,
  created_at TEXT NOT NULL);
CREATE INDEX task_updates_task ON task_updates(task_id, update_date);

INSERT INTO permissions VALUES ('directives.read', 'Xem văn bản chỉ đạo, nhiệm vụ', 'Read directives and tasks');
INSERT INTO permissions VALUES ('directives.manage', 'Quản lý văn bản chỉ đạo, giao nhiệm vụ', 'Manage directives and assign tasks');
INSERT INTO permissions VALUES ('tasks.update', 'Cập nhật tiến độ nhiệm vụ', 'Report progress on tasks');
INSERT INTO role_permissions VALUES ('system_admin', 'directives.read');
INSERT INTO role_permissions VALUES ('system_admin', 'directives.manage');
INSERT INTO role_permissions VALUES ('system_admin', 'tasks.update');
INSERT INTO role_permissions VALUES ('ministry_officer', 'directives.read');
INSERT INTO role_permissions VALUES ('ministry_officer', 'directives.manage');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'directives.read');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'directives.manage');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'tasks.update');
INSERT INTO role_permissions VALUES ('agency_focal_point', 'directives.read');
INSERT INTO role_permissions VALUES ('agency_focal_point', 'tasks.update');
INSERT INTO role_permissions VALUES ('commune_officer', 'directives.read');
INSERT INTO role_permissions VALUES ('commune_officer', 'tasks.update');
INSERT INTO role_permissions VALUES ('viewer', 'directives.read');
