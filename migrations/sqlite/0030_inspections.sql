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

-- ----- Seed data: the kinds of violation, the dated legal table, the checklists -----
-- The legal rows are data: the next decree is an import (POST /api/legal-references/import).
-- source_note says how far each row was checked. Only "Nghị định 282/2025 Điều 32 = mua dâm" was
-- given by the project; every other article/clause/fine range below is from memory of the
-- decrees and is marked "chưa đối chiếu văn bản gốc / not verified against the official text":
-- check and correct them by an import before relying on them.
INSERT INTO violation_topics VALUES ('antt_no_responsible_person', 'Không có người chịu trách nhiệm về an ninh, trật tự', 'No person responsible for security and order', 10, 1);
INSERT INTO violation_topics VALUES ('antt_conditions_not_met', 'Không có giấy chứng nhận hoặc không bảo đảm điều kiện về an ninh, trật tự', 'No security certificate, or the security conditions are not met', 20, 1);
INSERT INTO violation_topics VALUES ('police_not_notified', 'Không thông báo cho cơ quan Công an trước khi hoạt động', 'The police were not notified before operating', 30, 1);
INSERT INTO violation_topics VALUES ('no_guest_register', 'Không thông báo lưu trú, không có sổ theo dõi khách', 'No guest register / residence notification', 40, 1);
INSERT INTO violation_topics VALUES ('no_worker_records', 'Không lập danh sách, hợp đồng người lao động', 'No list of workers / no labour contracts', 50, 1);
INSERT INTO violation_topics VALUES ('harbouring_prostitution', 'Chứa mại dâm', 'Harbouring prostitution', 60, 1);
INSERT INTO violation_topics VALUES ('brokering_prostitution', 'Môi giới mại dâm', 'Brokering prostitution', 70, 1);
INSERT INTO violation_topics VALUES ('facilitating_prostitution', 'Lợi dụng kinh doanh dịch vụ, tạo điều kiện cho hoạt động mại dâm', 'Using the business to facilitate or allow soliciting for prostitution', 80, 1);
INSERT INTO violation_topics VALUES ('buying_sex', 'Mua dâm', 'Buying sex', 90, 1);
INSERT INTO violation_topics VALUES ('other', 'Vi phạm khác', 'Other violation', 99, 1);

INSERT INTO legal_references(code, instrument, article, clause, point, topic, title_vi, title_en, fine_min, fine_max, valid_from, valid_to, source_note, created_at) VALUES
 ('144-2021-D12-K2-A', '144/2021/NĐ-CP', '12', '2', 'a', 'antt_no_responsible_person', 'Không bảo đảm người chịu trách nhiệm về an ninh, trật tự của cơ sở kinh doanh', 'No person responsible for security and order at the business', 3000000, 5000000, '2022-01-01', '2025-12-14', 'chưa đối chiếu văn bản gốc / not verified against the official text', '2026-12-01T00:00:00Z'),
 ('144-2021-D12-K3-A', '144/2021/NĐ-CP', '12', '3', 'a', 'antt_conditions_not_met', 'Kinh doanh ngành, nghề có điều kiện về an ninh, trật tự khi chưa có giấy chứng nhận đủ điều kiện hoặc không bảo đảm điều kiện', 'Operating a security-conditioned business without the certificate or without meeting the conditions', 5000000, 10000000, '2022-01-01', '2025-12-14', 'chưa đối chiếu văn bản gốc / not verified against the official text', '2026-12-01T00:00:00Z'),
 ('144-2021-D12-K1-B', '144/2021/NĐ-CP', '12', '1', 'b', 'police_not_notified', 'Không thông báo bằng văn bản cho cơ quan Công an trước khi hoạt động', 'No written notice to the police before starting operation', 1000000, 3000000, '2022-01-01', '2025-12-14', 'chưa đối chiếu văn bản gốc / not verified against the official text', '2026-12-01T00:00:00Z'),
 ('144-2021-D9-K1-A', '144/2021/NĐ-CP', '9', '1', 'a', 'no_guest_register', 'Không thông báo lưu trú, không ghi sổ theo dõi khách lưu trú', 'No residence notification / guest register', 500000, 1000000, '2022-01-01', '2025-12-14', 'chưa đối chiếu văn bản gốc / not verified against the official text', '2026-12-01T00:00:00Z'),
 ('144-2021-D12-K1-C', '144/2021/NĐ-CP', '12', '1', 'c', 'no_worker_records', 'Không lập hồ sơ, danh sách người làm việc tại cơ sở kinh doanh', 'No records / list of the people working at the business', 1000000, 3000000, '2022-01-01', '2025-12-14', 'chưa đối chiếu văn bản gốc / not verified against the official text', '2026-12-01T00:00:00Z'),
 ('144-2021-D26', '144/2021/NĐ-CP', '26', '', '', 'harbouring_prostitution', 'Hành vi chứa mại dâm', 'Harbouring prostitution', 20000000, 40000000, '2022-01-01', '2025-12-14', 'chưa đối chiếu văn bản gốc / not verified against the official text', '2026-12-01T00:00:00Z'),
 ('144-2021-D27', '144/2021/NĐ-CP', '27', '', '', 'brokering_prostitution', 'Hành vi môi giới mại dâm', 'Brokering prostitution', 10000000, 20000000, '2022-01-01', '2025-12-14', 'chưa đối chiếu văn bản gốc / not verified against the official text', '2026-12-01T00:00:00Z'),
 ('144-2021-D28', '144/2021/NĐ-CP', '28', '', '', 'facilitating_prostitution', 'Lợi dụng kinh doanh dịch vụ để hoạt động mại dâm, tạo điều kiện cho hoạt động mại dâm', 'Using a business to facilitate prostitution', 15000000, 30000000, '2022-01-01', '2025-12-14', 'chưa đối chiếu văn bản gốc / not verified against the official text', '2026-12-01T00:00:00Z'),
 ('144-2021-D24', '144/2021/NĐ-CP', '24', '', '', 'buying_sex', 'Hành vi mua dâm', 'Buying sex', 1000000, 2000000, '2022-01-01', '2025-12-14', 'chưa đối chiếu văn bản gốc / not verified against the official text', '2026-12-01T00:00:00Z'),
 ('144-2021-OTHER', '144/2021/NĐ-CP', '', '', '', 'other', 'Vi phạm khác theo Nghị định 144/2021/NĐ-CP (ghi rõ điều khoản trong mô tả)', 'Other violation under Decree 144/2021 (name the article in the description)', NULL, NULL, '2022-01-01', '2025-12-14', 'dòng chung, không gắn điều khoản / a catch-all row, no article', '2026-12-01T00:00:00Z'),
 ('282-2025-D12-K2-A', '282/2025/NĐ-CP', '12', '2', 'a', 'antt_no_responsible_person', 'Không bảo đảm người chịu trách nhiệm về an ninh, trật tự của cơ sở kinh doanh', 'No person responsible for security and order at the business', 3000000, 5000000, '2025-12-15', NULL, 'chưa đối chiếu văn bản gốc / not verified against the official text', '2026-12-01T00:00:00Z'),
 ('282-2025-D12-K3-A', '282/2025/NĐ-CP', '12', '3', 'a', 'antt_conditions_not_met', 'Kinh doanh ngành, nghề có điều kiện về an ninh, trật tự khi chưa có giấy chứng nhận đủ điều kiện hoặc không bảo đảm điều kiện', 'Operating a security-conditioned business without the certificate or without meeting the conditions', 5000000, 10000000, '2025-12-15', NULL, 'chưa đối chiếu văn bản gốc / not verified against the official text', '2026-12-01T00:00:00Z'),
 ('282-2025-D12-K1-B', '282/2025/NĐ-CP', '12', '1', 'b', 'police_not_notified', 'Không thông báo bằng văn bản cho cơ quan Công an trước khi hoạt động', 'No written notice to the police before starting operation', 1000000, 3000000, '2025-12-15', NULL, 'chưa đối chiếu văn bản gốc / not verified against the official text', '2026-12-01T00:00:00Z'),
 ('282-2025-D9-K1-A', '282/2025/NĐ-CP', '9', '1', 'a', 'no_guest_register', 'Không thông báo lưu trú, không ghi sổ theo dõi khách lưu trú', 'No residence notification / guest register', 500000, 1000000, '2025-12-15', NULL, 'chưa đối chiếu văn bản gốc / not verified against the official text', '2026-12-01T00:00:00Z'),
 ('282-2025-D12-K1-C', '282/2025/NĐ-CP', '12', '1', 'c', 'no_worker_records', 'Không lập hồ sơ, danh sách người làm việc tại cơ sở kinh doanh', 'No records / list of the people working at the business', 1000000, 3000000, '2025-12-15', NULL, 'chưa đối chiếu văn bản gốc / not verified against the official text', '2026-12-01T00:00:00Z'),
 ('282-2025-D34', '282/2025/NĐ-CP', '34', '', '', 'harbouring_prostitution', 'Hành vi chứa mại dâm', 'Harbouring prostitution', 20000000, 40000000, '2025-12-15', NULL, 'chưa đối chiếu văn bản gốc / not verified against the official text', '2026-12-01T00:00:00Z'),
 ('282-2025-D35', '282/2025/NĐ-CP', '35', '', '', 'brokering_prostitution', 'Hành vi môi giới mại dâm', 'Brokering prostitution', 10000000, 20000000, '2025-12-15', NULL, 'chưa đối chiếu văn bản gốc / not verified against the official text', '2026-12-01T00:00:00Z'),
 ('282-2025-D36', '282/2025/NĐ-CP', '36', '', '', 'facilitating_prostitution', 'Lợi dụng kinh doanh dịch vụ để hoạt động mại dâm, tạo điều kiện cho hoạt động mại dâm', 'Using a business to facilitate prostitution', 15000000, 30000000, '2025-12-15', NULL, 'chưa đối chiếu văn bản gốc / not verified against the official text', '2026-12-01T00:00:00Z'),
 ('282-2025-D32', '282/2025/NĐ-CP', '32', '', '', 'buying_sex', 'Hành vi mua dâm', 'Buying sex', 1000000, 2000000, '2025-12-15', NULL, 'Điều 32 = mua dâm theo dự án; mức phạt chưa đối chiếu văn bản gốc / article per the project, fine range not verified against the official text', '2026-12-01T00:00:00Z'),
 ('282-2025-OTHER', '282/2025/NĐ-CP', '', '', '', 'other', 'Vi phạm khác theo Nghị định 282/2025/NĐ-CP (ghi rõ điều khoản trong mô tả)', 'Other violation under Decree 282/2025 (name the article in the description)', NULL, NULL, '2025-12-15', NULL, 'dòng chung, không gắn điều khoản / a catch-all row, no article', '2026-12-01T00:00:00Z');

-- Checklists: version 1 for every type, a karaoke-specific version 1, and version 2 for every
-- type from 01/01/2026 (adds the prevention signage), so an inspection keeps the version of its day.
INSERT INTO checklist_versions(type_code, version, valid_from, note, created_at) VALUES
 (NULL, 1, '2021-01-01', 'Danh mục chung (mọi loại hình) / General checklist (every type)', '2026-12-01T00:00:00Z'),
 ('karaoke', 1, '2021-01-01', 'Danh mục karaoke / Karaoke checklist', '2026-12-01T00:00:00Z'),
 (NULL, 2, '2026-01-01', 'Danh mục chung, bổ sung biển tuyên truyền phòng, chống mại dâm, HIV / adds the prevention signage', '2026-12-01T00:00:00Z');
INSERT INTO checklist_items(checklist_version_id, item_key, sort_order, text_vi, text_en, topic) VALUES
 ((SELECT id FROM checklist_versions WHERE type_code IS NULL AND version = 1), 'antt_cert', 10, 'Giấy chứng nhận đủ điều kiện về ANTT còn hiệu lực, niêm yết tại cơ sở', 'Valid security (ANTT) certificate displayed', 'antt_conditions_not_met'),
 ((SELECT id FROM checklist_versions WHERE type_code IS NULL AND version = 1), 'responsible_person', 20, 'Người chịu trách nhiệm về ANTT có mặt, đúng người đã đăng ký', 'The registered person responsible for security is present', 'antt_no_responsible_person'),
 ((SELECT id FROM checklist_versions WHERE type_code IS NULL AND version = 1), 'police_notified', 30, 'Đã thông báo cho Công an xã trước khi hoạt động', 'The commune police were notified before operating', 'police_not_notified'),
 ((SELECT id FROM checklist_versions WHERE type_code IS NULL AND version = 1), 'guest_register', 40, 'Sổ theo dõi khách / thông báo lưu trú đầy đủ', 'Guest register / residence notifications kept', 'no_guest_register'),
 ((SELECT id FROM checklist_versions WHERE type_code IS NULL AND version = 1), 'worker_list', 50, 'Danh sách, hợp đồng lao động của người làm việc tại cơ sở', 'List and labour contracts of the people working there', 'no_worker_records'),
 ((SELECT id FROM checklist_versions WHERE type_code IS NULL AND version = 1), 'no_prostitution', 60, 'Không có dấu hiệu chứa, môi giới, tạo điều kiện cho hoạt động mại dâm', 'No sign of harbouring, brokering or facilitating prostitution', 'facilitating_prostitution'),
 ((SELECT id FROM checklist_versions WHERE type_code IS NULL AND version = 1), 'lighting', 70, 'Ánh sáng, cửa phòng bảo đảm quy định (không che kín, đủ ánh sáng)', 'Lighting and doors as required (not covered, enough light)', 'antt_conditions_not_met'),
 ((SELECT id FROM checklist_versions WHERE type_code IS NULL AND version = 1), 'fire_safety', 80, 'Điều kiện phòng cháy, chữa cháy cơ bản', 'Basic fire safety', 'other'),
 ((SELECT id FROM checklist_versions WHERE type_code = 'karaoke' AND version = 1), 'antt_cert', 10, 'Giấy chứng nhận đủ điều kiện về ANTT còn hiệu lực, niêm yết tại cơ sở', 'Valid security (ANTT) certificate displayed', 'antt_conditions_not_met'),
 ((SELECT id FROM checklist_versions WHERE type_code = 'karaoke' AND version = 1), 'responsible_person', 20, 'Người chịu trách nhiệm về ANTT có mặt, đúng người đã đăng ký', 'The registered person responsible for security is present', 'antt_no_responsible_person'),
 ((SELECT id FROM checklist_versions WHERE type_code = 'karaoke' AND version = 1), 'police_notified', 30, 'Đã thông báo cho Công an xã trước khi hoạt động', 'The commune police were notified before operating', 'police_not_notified'),
 ((SELECT id FROM checklist_versions WHERE type_code = 'karaoke' AND version = 1), 'guest_register', 40, 'Sổ theo dõi khách / thông báo lưu trú đầy đủ', 'Guest register / residence notifications kept', 'no_guest_register'),
 ((SELECT id FROM checklist_versions WHERE type_code = 'karaoke' AND version = 1), 'worker_list', 50, 'Danh sách, hợp đồng lao động của người làm việc tại cơ sở', 'List and labour contracts of the people working there', 'no_worker_records'),
 ((SELECT id FROM checklist_versions WHERE type_code = 'karaoke' AND version = 1), 'no_prostitution', 60, 'Không có dấu hiệu chứa, môi giới, tạo điều kiện cho hoạt động mại dâm', 'No sign of harbouring, brokering or facilitating prostitution', 'facilitating_prostitution'),
 ((SELECT id FROM checklist_versions WHERE type_code = 'karaoke' AND version = 1), 'lighting', 70, 'Ánh sáng, cửa phòng bảo đảm quy định (không che kín, đủ ánh sáng)', 'Lighting and doors as required (not covered, enough light)', 'antt_conditions_not_met'),
 ((SELECT id FROM checklist_versions WHERE type_code = 'karaoke' AND version = 1), 'fire_safety', 80, 'Điều kiện phòng cháy, chữa cháy cơ bản', 'Basic fire safety', 'other'),
 ((SELECT id FROM checklist_versions WHERE type_code = 'karaoke' AND version = 1), 'no_locks', 90, 'Phòng hát không khóa, chốt trong; cửa có ô kính nhìn rõ từ ngoài', 'Rooms have no inside locks; doors with a clear glass panel', 'antt_conditions_not_met'),
 ((SELECT id FROM checklist_versions WHERE type_code = 'karaoke' AND version = 1), 'closing_hours', 100, 'Không hoạt động quá giờ quy định (0 giờ đến 8 giờ)', 'Not open during the prohibited hours (0:00 to 8:00)', 'other'),
 ((SELECT id FROM checklist_versions WHERE type_code IS NULL AND version = 2), 'antt_cert', 10, 'Giấy chứng nhận đủ điều kiện về ANTT còn hiệu lực, niêm yết tại cơ sở', 'Valid security (ANTT) certificate displayed', 'antt_conditions_not_met'),
 ((SELECT id FROM checklist_versions WHERE type_code IS NULL AND version = 2), 'responsible_person', 20, 'Người chịu trách nhiệm về ANTT có mặt, đúng người đã đăng ký', 'The registered person responsible for security is present', 'antt_no_responsible_person'),
 ((SELECT id FROM checklist_versions WHERE type_code IS NULL AND version = 2), 'police_notified', 30, 'Đã thông báo cho Công an xã trước khi hoạt động', 'The commune police were notified before operating', 'police_not_notified'),
 ((SELECT id FROM checklist_versions WHERE type_code IS NULL AND version = 2), 'guest_register', 40, 'Sổ theo dõi khách / thông báo lưu trú đầy đủ', 'Guest register / residence notifications kept', 'no_guest_register'),
 ((SELECT id FROM checklist_versions WHERE type_code IS NULL AND version = 2), 'worker_list', 50, 'Danh sách, hợp đồng lao động của người làm việc tại cơ sở', 'List and labour contracts of the people working there', 'no_worker_records'),
 ((SELECT id FROM checklist_versions WHERE type_code IS NULL AND version = 2), 'no_prostitution', 60, 'Không có dấu hiệu chứa, môi giới, tạo điều kiện cho hoạt động mại dâm', 'No sign of harbouring, brokering or facilitating prostitution', 'facilitating_prostitution'),
 ((SELECT id FROM checklist_versions WHERE type_code IS NULL AND version = 2), 'lighting', 70, 'Ánh sáng, cửa phòng bảo đảm quy định (không che kín, đủ ánh sáng)', 'Lighting and doors as required (not covered, enough light)', 'antt_conditions_not_met'),
 ((SELECT id FROM checklist_versions WHERE type_code IS NULL AND version = 2), 'fire_safety', 80, 'Điều kiện phòng cháy, chữa cháy cơ bản', 'Basic fire safety', 'other'),
 ((SELECT id FROM checklist_versions WHERE type_code IS NULL AND version = 2), 'prevention_signage', 90, 'Niêm yết biển tuyên truyền phòng, chống mại dâm, HIV/AIDS', 'Prevention signage on prostitution and HIV/AIDS displayed', 'other');
