-- Money through its stages (issue 19, Guidance 221 §4.3): budget per planned activity by funding
-- source and host programme (the plan's totals are derived from it), allocation decisions (dự toán
-- được giao / quyết định cấp kinh phí) with dated amendments, spending stays on activities
-- (activity_costs). docs/api-money.md, docs/ARCHITECTURE.md "Money". Amounts are integer VND.

INSERT INTO permissions VALUES ('money.allocate', 'Ghi nhận quyết định giao, cấp kinh phí', 'Record budget allocation decisions');
INSERT INTO role_permissions VALUES ('system_admin', 'money.allocate');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'money.allocate');
INSERT INTO role_permissions VALUES ('commune_officer', 'money.allocate');

-- The budget of one planned activity, by funding source and by the host programme whose budget is
-- integrated in (NULL = not from another programme). One row per (activity, source, programme).
CREATE TABLE plan_activity_budget (
  id INTEGER PRIMARY KEY,
  plan_activity_id INTEGER NOT NULL REFERENCES plan_activities(id) ON DELETE CASCADE,
  position INTEGER NOT NULL DEFAULT 0,
  funding_source_code TEXT NOT NULL REFERENCES funding_sources(code),
  programme_id INTEGER REFERENCES programmes(id),
  amount INTEGER NOT NULL CHECK (amount >= 0));
CREATE UNIQUE INDEX plan_activity_budget_key ON plan_activity_budget(plan_activity_id, funding_source_code, COALESCE(programme_id, 0));

-- An allocation decision: who granted how much to which unit (or agency) for which year, by source
-- and programme, optionally for a plan and its activities. 'draft' while being typed in, 'issued'
-- once recorded as final: never edited or deleted after. A correction is a NEW decision amending
-- it (amends_id), dated, with signed line amounts (a cut is negative).
CREATE TABLE allocation_decisions (
  id INTEGER PRIMARY KEY,
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  agency_id INTEGER REFERENCES agencies(id),
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  issuing_body TEXT NOT NULL,
  number TEXT NOT NULL,
  decision_date TEXT NOT NULL,
  plan_id INTEGER REFERENCES integration_plans(id),
  amends_id INTEGER REFERENCES allocation_decisions(id),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),
  note TEXT NOT NULL DEFAULT '',
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  issued_by INTEGER REFERENCES users(id),
  issued_at TEXT,
  version INTEGER NOT NULL DEFAULT 1);
CREATE INDEX allocation_decisions_unit_year ON allocation_decisions(org_unit_id, year);
CREATE INDEX allocation_decisions_plan ON allocation_decisions(plan_id);
CREATE INDEX allocation_decisions_amends ON allocation_decisions(amends_id);
CREATE UNIQUE INDEX allocation_decisions_number ON allocation_decisions(issuing_body, number, decision_date);

CREATE TABLE allocation_lines (
  id INTEGER PRIMARY KEY,
  decision_id INTEGER NOT NULL REFERENCES allocation_decisions(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  plan_activity_id INTEGER REFERENCES plan_activities(id),
  funding_source_code TEXT NOT NULL REFERENCES funding_sources(code),
  programme_id INTEGER REFERENCES programmes(id),
  amount INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '');
CREATE INDEX allocation_lines_decision ON allocation_lines(decision_id);
CREATE INDEX allocation_lines_plan_activity ON allocation_lines(plan_activity_id);

-- The two sources whose money comes from other programmes form the group 'integrated' (the share of
-- prevention money that came from other programmes is mainstreaming's own measure).
UPDATE funding_sources SET grp = 'integrated' WHERE code IN ('national_target_programmes', 'integrated_programmes');

-- Report rows of money are computed: "Kinh phí được giao" from issued decisions (measure
-- 'allocated'), by source group beside it. Reports already submitted keep their frozen values.
UPDATE report_elements SET source = 'computed', measure = 'allocated'
  WHERE form_code IN ('bc_6thang', 'bc_nam') AND code = 'budget_allocated';
INSERT INTO report_elements (form_code, code, position, section, label_vi, label_en, value_type, source, measure, intervention_group, intervention_type, target_group_group, output_kind, funding_group, funding_source, section_en) VALUES ('bc_6thang', 'budget_allocated_state', 241, '5. Kinh phí', '- Trong đó: ngân sách nhà nước (đồng)', '- of which: state budget (VND)', 'number', 'computed', 'allocated', '', '', '', '', 'state_budget', '', '5. Funding');
INSERT INTO report_elements (form_code, code, position, section, label_vi, label_en, value_type, source, measure, intervention_group, intervention_type, target_group_group, output_kind, funding_group, funding_source, section_en) VALUES ('bc_6thang', 'budget_allocated_integrated', 242, '5. Kinh phí', '- Trong đó: lồng ghép từ chương trình khác, CTMTQG (đồng)', '- of which: integrated from other programmes and national target programmes (VND)', 'number', 'computed', 'allocated', '', '', '', '', 'integrated', '', '5. Funding');
INSERT INTO report_elements (form_code, code, position, section, label_vi, label_en, value_type, source, measure, intervention_group, intervention_type, target_group_group, output_kind, funding_group, funding_source, section_en) VALUES ('bc_nam', 'budget_allocated_state', 241, '5. Kinh phí', '- Trong đó: ngân sách nhà nước (đồng)', '- of which: state budget (VND)', 'number', 'computed', 'allocated', '', '', '', '', 'state_budget', '', '5. Funding');
INSERT INTO report_elements (form_code, code, position, section, label_vi, label_en, value_type, source, measure, intervention_group, intervention_type, target_group_group, output_kind, funding_group, funding_source, section_en) VALUES ('bc_nam', 'budget_allocated_integrated', 242, '5. Kinh phí', '- Trong đó: lồng ghép từ chương trình khác, CTMTQG (đồng)', '- of which: integrated from other programmes and national target programmes (VND)', 'number', 'computed', 'allocated', '', '', '', '', 'integrated', '', '5. Funding');

-- Evidence files of a decision are attachments with owner_kind 'allocation_decision'.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE attachments_new (
  id INTEGER PRIMARY KEY,
  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('directive', 'task_update', 'activity', 'inspection', 'assessment_item', 'allocation_decision')),
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
