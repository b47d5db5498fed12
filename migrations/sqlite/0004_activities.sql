-- Activities and people reached (guidance 221 §5.3), target-group surveys, bulk imports.
-- Age bands and output kinds are editable taxonomies like the others; amounts are integer VND.
INSERT INTO permissions VALUES ('activities.read', 'Xem hoạt động', 'Read activities');
INSERT INTO permissions VALUES ('activities.record', 'Ghi nhận, nhập hoạt động', 'Record and import activities');
INSERT INTO permissions VALUES ('surveys.record', 'Ghi nhận rà soát đối tượng', 'Record target-group surveys');
INSERT INTO role_permissions VALUES ('system_admin', 'activities.read');
INSERT INTO role_permissions VALUES ('system_admin', 'activities.record');
INSERT INTO role_permissions VALUES ('system_admin', 'surveys.record');
INSERT INTO role_permissions VALUES ('ministry_officer', 'activities.read');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'activities.read');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'activities.record');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'surveys.record');
INSERT INTO role_permissions VALUES ('agency_focal_point', 'activities.read');
INSERT INTO role_permissions VALUES ('agency_focal_point', 'activities.record');
INSERT INTO role_permissions VALUES ('commune_officer', 'activities.read');
INSERT INTO role_permissions VALUES ('commune_officer', 'activities.record');
INSERT INTO role_permissions VALUES ('commune_officer', 'surveys.record');
INSERT INTO role_permissions VALUES ('viewer', 'activities.read');

CREATE TABLE age_bands (
  code TEXT PRIMARY KEY, name_vi TEXT NOT NULL, name_en TEXT NOT NULL, grp TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1);
INSERT INTO age_bands VALUES ('under_16', 'Dưới 16 tuổi', 'Under 16', '', 10, 1);
INSERT INTO age_bands VALUES ('16_17', 'Từ 16 đến 17 tuổi', '16 to 17', '', 20, 1);
INSERT INTO age_bands VALUES ('18_24', 'Từ 18 đến 24 tuổi', '18 to 24', '', 30, 1);
INSERT INTO age_bands VALUES ('25_34', 'Từ 25 đến 34 tuổi', '25 to 34', '', 40, 1);
INSERT INTO age_bands VALUES ('35_49', 'Từ 35 đến 49 tuổi', '35 to 49', '', 50, 1);
INSERT INTO age_bands VALUES ('50_plus', 'Từ 50 tuổi trở lên', '50 and over', '', 60, 1);

CREATE TABLE output_kinds (
  code TEXT PRIMARY KEY, name_vi TEXT NOT NULL, name_en TEXT NOT NULL, grp TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1);
INSERT INTO output_kinds VALUES ('sessions', 'Số buổi tuyên truyền, sinh hoạt', 'Sessions', 'count', 10, 1);
INSERT INTO output_kinds VALUES ('participants', 'Số lượt người tham dự', 'Participants', 'count', 20, 1);
INSERT INTO output_kinds VALUES ('press_articles', 'Số tin, bài trên báo chí', 'Press articles', 'count', 30, 1);
INSERT INTO output_kinds VALUES ('broadcasts', 'Số buổi phát thanh, truyền hình', 'Radio and TV broadcasts', 'count', 40, 1);
INSERT INTO output_kinds VALUES ('leaflets', 'Số tờ rơi, tài liệu phát hành', 'Leaflets and materials', 'count', 50, 1);
INSERT INTO output_kinds VALUES ('condoms', 'Số bao cao su cấp phát', 'Condoms distributed', 'count', 60, 1);
INSERT INTO output_kinds VALUES ('trainees', 'Số người được đào tạo nghề, tập huấn', 'Trainees', 'count', 70, 1);
INSERT INTO output_kinds VALUES ('jobs_found', 'Số người có việc làm', 'Jobs found', 'count', 80, 1);
INSERT INTO output_kinds VALUES ('loans', 'Số lượt vay vốn', 'Loans', 'count', 90, 1);
INSERT INTO output_kinds VALUES ('loan_amount', 'Số tiền cho vay (đồng)', 'Amount lent (VND)', 'vnd', 100, 1);
INSERT INTO output_kinds VALUES ('health_checks', 'Số lượt khám sức khỏe', 'Health checks', 'count', 110, 1);
INSERT INTO output_kinds VALUES ('counselling_sessions', 'Số lượt tư vấn', 'Counselling sessions', 'count', 120, 1);
INSERT INTO output_kinds VALUES ('legal_aid_cases', 'Số vụ việc trợ giúp pháp lý', 'Legal-aid cases', 'count', 130, 1);

CREATE TABLE activity_imports (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  filename TEXT NOT NULL,
  format TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  rows_total INTEGER NOT NULL DEFAULT 0,
  committed_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL);

-- One activity. key: a stable identity (an import's column A or row hash, the demo's keys), so
-- that re-importing the same rows writes nothing. reached_total and cost_total are the sums of
-- its reach and cost rows, kept for sorting and lists.
CREATE TABLE activities (
  id INTEGER PRIMARY KEY,
  key TEXT UNIQUE,
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  title TEXT NOT NULL,
  title_folded TEXT NOT NULL,
  intervention_type_code TEXT NOT NULL REFERENCES intervention_types(code),
  lead_agency_id INTEGER NOT NULL REFERENCES agencies(id),
  plan_activity_id INTEGER REFERENCES plan_activities(id),
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  reached_total INTEGER NOT NULL DEFAULT 0,
  cost_total INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT 'form',
  import_id INTEGER REFERENCES activity_imports(id),
  created_by TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (start_date <= end_date));
CREATE INDEX activities_start ON activities(start_date, id);
CREATE INDEX activities_unit_start ON activities(org_unit_id, start_date);
CREATE INDEX activities_type_start ON activities(intervention_type_code, start_date);
CREATE INDEX activities_agency ON activities(lead_agency_id, start_date);
CREATE INDEX activities_creator ON activities(created_by, id);

CREATE TABLE activity_partners (
  activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  PRIMARY KEY (activity_id, agency_id));
CREATE INDEX activity_partners_agency ON activity_partners(agency_id);
CREATE TABLE activity_programmes (
  activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  programme_id INTEGER NOT NULL REFERENCES programmes(id),
  PRIMARY KEY (activity_id, programme_id));
CREATE INDEX activity_programmes_programme ON activity_programmes(programme_id);
CREATE TABLE activity_reach (
  activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  target_group_code TEXT NOT NULL REFERENCES target_groups(code),
  total INTEGER NOT NULL CHECK (total >= 0),
  female INTEGER CHECK (female >= 0),
  male INTEGER CHECK (male >= 0),
  PRIMARY KEY (activity_id, target_group_code));
CREATE INDEX activity_reach_group ON activity_reach(target_group_code);
CREATE TABLE activity_reach_ages (
  activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  target_group_code TEXT NOT NULL,
  age_band_code TEXT NOT NULL REFERENCES age_bands(code),
  count INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (activity_id, target_group_code, age_band_code));
CREATE TABLE activity_outputs (
  activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  output_kind_code TEXT NOT NULL REFERENCES output_kinds(code),
  quantity INTEGER NOT NULL CHECK (quantity >= 0),
  PRIMARY KEY (activity_id, output_kind_code));
CREATE TABLE activity_costs (
  activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  funding_source_code TEXT NOT NULL REFERENCES funding_sources(code),
  amount INTEGER NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (activity_id, funding_source_code));
CREATE INDEX activity_costs_source ON activity_costs(funding_source_code);

-- Target-group surveys: the denominators of coverage indicators. half 0 = the whole year.
CREATE TABLE target_group_surveys (
  id INTEGER PRIMARY KEY,
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  half INTEGER NOT NULL CHECK (half IN (0, 1, 2)),
  target_group_code TEXT NOT NULL REFERENCES target_groups(code),
  count INTEGER NOT NULL CHECK (count >= 0),
  female INTEGER CHECK (female >= 0),
  male INTEGER CHECK (male >= 0),
  survey_date TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (org_unit_id, year, half, target_group_code));

-- Attachments may now also belong to an activity (evidence files): SQLite cannot alter a CHECK,
-- so the table is rebuilt with the same rows (task_updates refer to it: checks wait for the commit).
PRAGMA defer_foreign_keys = ON;
CREATE TABLE attachments_new (
  id INTEGER PRIMARY KEY,
  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('directive', 'task_update', 'activity')),
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
