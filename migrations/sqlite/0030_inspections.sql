-- Inspections of service businesses (issue 17 §2-§6): inter-agency teams, yearly inspection plans,
-- the inspection record (biên bản kiểm tra) with a versioned checklist per business type,
-- violations coded to a DATED legal reference table, measures, re-inspections and outreach counts.
-- No worker identity is ever stored here: outreach is counts only.
-- docs/api-inspections.md, docs/ARCHITECTURE.md "Inspections".

INSERT INTO permissions VALUES ('inspections.read', 'Xem kế hoạch, biên bản kiểm tra cơ sở kinh doanh dịch vụ', 'Read inspection teams, plans and records');
INSERT INTO permissions VALUES ('inspections.write', 'Lập đội, kế hoạch và biên bản kiểm tra cơ sở kinh doanh dịch vụ', 'Create and update inspection teams, plans and records');
INSERT INTO permissions VALUES ('legal_refs.manage', 'Quản lý bảng căn cứ xử phạt và danh mục kiểm tra', 'Manage the legal reference table and the inspection checklists');

INSERT INTO role_permissions VALUES ('inspection_team', 'inspections.read');
INSERT INTO role_permissions VALUES ('inspection_team', 'inspections.write');
INSERT INTO role_permissions VALUES ('system_admin', 'inspections.read');
INSERT INTO role_permissions VALUES ('system_admin', 'inspections.write');
INSERT INTO role_permissions VALUES ('system_admin', 'legal_refs.manage');
INSERT INTO role_permissions VALUES ('ministry_officer', 'inspections.read');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'inspections.read');
INSERT INTO role_permissions VALUES ('commune_officer', 'inspections.read');

-- Kinds of violation, stable across decrees ("no ANTT-responsible person", "harbouring
-- prostitution"...). The inspector picks the kind; the article is resolved from the date.
CREATE TABLE violation_topics (
  code TEXT PRIMARY KEY,
  name_vi TEXT NOT NULL,
  name_en TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1);

-- The dated legal reference table: one row per article/clause/point of a sanctioning decree, valid
-- [valid_from, valid_to] (inclusive; valid_to NULL = open). Decree 144/2021 until 14/12/2025,
-- Decree 282/2025 from 15/12/2025. Data, importable: the next decree is an import, not code.
CREATE TABLE legal_references (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  instrument TEXT NOT NULL,
  article TEXT NOT NULL,
  clause TEXT NOT NULL DEFAULT '',
  point TEXT NOT NULL DEFAULT '',
  topic TEXT NOT NULL REFERENCES violation_topics(code),
  title_vi TEXT NOT NULL,
  title_en TEXT NOT NULL DEFAULT '',
  fine_min INTEGER CHECK (fine_min IS NULL OR fine_min >= 0),
  fine_max INTEGER CHECK (fine_max IS NULL OR fine_max >= 0),
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  source_note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CHECK (fine_min IS NULL OR fine_max IS NULL OR fine_max >= fine_min));
CREATE INDEX legal_references_topic ON legal_references(topic, valid_from);

-- Checklists of conditions, versioned per business type (type_code NULL = every type). The version
-- in force on the inspection date is the one used; an inspection keeps the version it was made with.
CREATE TABLE checklist_versions (
  id INTEGER PRIMARY KEY,
  type_code TEXT REFERENCES business_types(code),
  version INTEGER NOT NULL CHECK (version >= 1),
  valid_from TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  UNIQUE (type_code, version));
CREATE TABLE checklist_items (
  id INTEGER PRIMARY KEY,
  checklist_version_id INTEGER NOT NULL REFERENCES checklist_versions(id) ON DELETE CASCADE,
  item_key TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  text_vi TEXT NOT NULL,
  text_en TEXT NOT NULL DEFAULT '',
  topic TEXT REFERENCES violation_topics(code),
  UNIQUE (checklist_version_id, item_key));

-- Inter-agency teams (Đội kiểm tra liên ngành), of a province or a commune.
CREATE TABLE inspection_teams (
  id INTEGER PRIMARY KEY,
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  name TEXT NOT NULL,
  lead_agency_id INTEGER REFERENCES agencies(id),
  decision_ref TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL);
CREATE INDEX inspection_teams_unit ON inspection_teams(org_unit_id);
CREATE TABLE inspection_team_agencies (
  team_id INTEGER NOT NULL REFERENCES inspection_teams(id) ON DELETE CASCADE,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  PRIMARY KEY (team_id, agency_id));
CREATE TABLE inspection_team_members (
  id INTEGER PRIMARY KEY,
  team_id INTEGER NOT NULL REFERENCES inspection_teams(id) ON DELETE CASCADE,
  full_name TEXT NOT NULL,
  position TEXT NOT NULL DEFAULT '',
  agency_id INTEGER REFERENCES agencies(id),
  is_lead INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1);
CREATE INDEX inspection_team_members_team ON inspection_team_members(team_id);

-- Yearly inspection plans: the team, the legal basis (plan number and date), coverage targets,
-- what to check (types and/or named businesses), announced / unannounced.
CREATE TABLE inspection_plans (
  id INTEGER PRIMARY KEY,
  team_id INTEGER NOT NULL REFERENCES inspection_teams(id),
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  legal_basis_date TEXT,
  coverage_target_pct INTEGER CHECK (coverage_target_pct IS NULL OR coverage_target_pct BETWEEN 0 AND 100),
  unannounced_target INTEGER CHECK (unannounced_target IS NULL OR unannounced_target >= 0),
  mode TEXT NOT NULL CHECK (mode IN ('announced', 'unannounced', 'mixed')),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'closed')),
  note TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL);
CREATE INDEX inspection_plans_unit_year ON inspection_plans(org_unit_id, year);
CREATE TABLE inspection_plan_types (
  plan_id INTEGER NOT NULL REFERENCES inspection_plans(id) ON DELETE CASCADE,
  type_code TEXT NOT NULL REFERENCES business_types(code),
  PRIMARY KEY (plan_id, type_code));
CREATE TABLE inspection_plan_businesses (
  plan_id INTEGER NOT NULL REFERENCES inspection_plans(id) ON DELETE CASCADE,
  business_id INTEGER NOT NULL REFERENCES businesses(id),
  PRIMARY KEY (plan_id, business_id));

-- The inspection record (biên bản kiểm tra). Scope follows the business's commune (copied at
-- creation: unit version + as-of, so merges carry it like the registry). A record is a draft
-- until finalised (signed, or refusal recorded); a final record is never edited.
-- fine_total = sum of the violations' fines (kept in step on every write, for the figures).
-- reinspection_due: overdue is derived when read (due < today and no later inspection of the
-- business), never stored.
CREATE TABLE inspections (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  plan_id INTEGER REFERENCES inspection_plans(id),
  team_id INTEGER NOT NULL REFERENCES inspection_teams(id),
  business_id INTEGER NOT NULL REFERENCES businesses(id),
  commune_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  commune_as_of TEXT NOT NULL,
  inspected_on TEXT NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  unannounced INTEGER NOT NULL DEFAULT 0,
  representative_name TEXT NOT NULL DEFAULT '',
  representative_role TEXT NOT NULL DEFAULT '',
  checklist_version_id INTEGER REFERENCES checklist_versions(id),
  findings TEXT NOT NULL DEFAULT '',
  fine_total INTEGER NOT NULL DEFAULT 0 CHECK (fine_total >= 0),
  measure_suspension INTEGER NOT NULL DEFAULT 0,
  measure_suspension_days INTEGER CHECK (measure_suspension_days IS NULL OR measure_suspension_days >= 0),
  measure_cert_withdrawal INTEGER NOT NULL DEFAULT 0,
  measure_other TEXT NOT NULL DEFAULT '',
  police_handover INTEGER NOT NULL DEFAULT 0,
  police_handover_note TEXT NOT NULL DEFAULT '',
  signature TEXT NOT NULL DEFAULT 'pending' CHECK (signature IN ('pending', 'signed', 'refused')),
  refusal_reason TEXT NOT NULL DEFAULT '',
  refusal_witness TEXT NOT NULL DEFAULT '',
  reinspection_due TEXT,
  reinspection_of INTEGER REFERENCES inspections(id),
  outreach_informed INTEGER NOT NULL DEFAULT 0 CHECK (outreach_informed >= 0),
  outreach_health_checked INTEGER NOT NULL DEFAULT 0 CHECK (outreach_health_checked >= 0),
  outreach_referred INTEGER NOT NULL DEFAULT 0 CHECK (outreach_referred >= 0),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
  finalised_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL);
CREATE INDEX inspections_business ON inspections(business_id, inspected_on);
CREATE INDEX inspections_unit_date ON inspections(commune_unit_id, inspected_on);
CREATE INDEX inspections_plan ON inspections(plan_id);
CREATE INDEX inspections_due ON inspections(reinspection_due);

CREATE TABLE inspection_members_present (
  inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  member_id INTEGER REFERENCES inspection_team_members(id),
  full_name TEXT NOT NULL,
  position TEXT NOT NULL DEFAULT '',
  agency_name TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (inspection_id, seq));

CREATE TABLE inspection_checklist_answers (
  inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL REFERENCES checklist_items(id),
  result TEXT NOT NULL CHECK (result IN ('pass', 'fail', 'na')),
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (inspection_id, item_id));

-- A violation: its kind, the legal reference in force on the inspection date (resolved by the
-- server from topic + date unless given), the fine and the sanction decision number when issued.
CREATE TABLE inspection_violations (
  id INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  topic TEXT NOT NULL REFERENCES violation_topics(code),
  legal_reference_id INTEGER NOT NULL REFERENCES legal_references(id),
  description TEXT NOT NULL DEFAULT '',
  fine_amount INTEGER NOT NULL DEFAULT 0 CHECK (fine_amount >= 0),
  sanction_decision TEXT NOT NULL DEFAULT '',
  UNIQUE (inspection_id, seq));
CREATE INDEX inspection_violations_ref ON inspection_violations(legal_reference_id);

-- Evidence files of an inspection are attachments with owner_kind 'inspection'.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE attachments_new (
  id INTEGER PRIMARY KEY,
  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('directive', 'task_update', 'activity', 'inspection')),
  owner_id INTEGER NOT NULL,
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  content_b64 TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL);
INSERT INTO attachments_new SELECT id, owner_kind, owner_id, org_unit_id, filename, content_type, size_bytes, sha256,
  content_b64, created_by, created_at FROM attachments;
DROP TABLE attachments;
ALTER TABLE attachments_new RENAME TO attachments;
CREATE INDEX attachments_owner ON attachments(owner_kind, owner_id);
