-- Indicators (chỉ số) with a formula over recorded data, and targets (chỉ tiêu) per indicator,
-- unit and year (issue 5 item 5; DOMAIN.md §5). A formula is numerator ÷ denominator (× 100 for
-- a percentage), each a term in JSON (domain/indicators.hpp: parse_term); an empty denominator
-- makes the numerator the value (a count).
INSERT INTO permissions VALUES ('indicators.read', 'Xem chỉ số, chỉ tiêu và kết quả', 'Read indicators, targets and results');
INSERT INTO permissions VALUES ('indicators.manage', 'Giao chỉ tiêu cho đơn vị trong phạm vi', 'Set targets for units in scope');
INSERT INTO role_permissions VALUES ('system_admin', 'indicators.read');
INSERT INTO role_permissions VALUES ('system_admin', 'indicators.manage');
INSERT INTO role_permissions VALUES ('ministry_officer', 'indicators.read');
INSERT INTO role_permissions VALUES ('ministry_officer', 'indicators.manage');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'indicators.read');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'indicators.manage');
INSERT INTO role_permissions VALUES ('agency_focal_point', 'indicators.read');
INSERT INTO role_permissions VALUES ('commune_officer', 'indicators.read');
INSERT INTO role_permissions VALUES ('viewer', 'indicators.read');

CREATE TABLE indicators (
  code TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name_vi TEXT NOT NULL, name_en TEXT NOT NULL,
  unit_label TEXT NOT NULL,
  percent INTEGER NOT NULL DEFAULT 0 CHECK (percent IN (0, 1)),
  numerator_json TEXT NOT NULL,
  denominator_json TEXT NOT NULL DEFAULT '',
  higher_is_better INTEGER NOT NULL DEFAULT 1 CHECK (higher_is_better IN (0, 1)),
  green_at REAL NOT NULL DEFAULT 100,
  amber_at REAL NOT NULL DEFAULT 80,
  source TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  CHECK (amber_at >= 0 AND amber_at <= green_at));

-- A target of an indicator for one unit version in one year. A unit without its own target for
-- the year is held to the nearest one set above it (the national target for every province).
CREATE TABLE indicator_targets (
  id INTEGER PRIMARY KEY,
  indicator_code TEXT NOT NULL REFERENCES indicators(code),
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  target REAL NOT NULL CHECK (target >= 0),
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (indicator_code, org_unit_id, year));
CREATE INDEX indicator_targets_unit_year ON indicator_targets(org_unit_id, year);

-- The targets the seeds set, by unit code (resolved on 31/12 of the year, else 01/01): applied
-- to indicator_targets when the units exist (below for a database that has them, and by the
-- demo after it loads its units).
CREATE TABLE indicator_default_targets (
  indicator_code TEXT NOT NULL REFERENCES indicators(code),
  unit_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  target REAL NOT NULL,
  PRIMARY KEY (indicator_code, unit_code, year));

-- Kế hoạch Hải Dương 2021 (seed 004) and the national programme 2021–2025 (Decision 1629/QĐ-TTg).
INSERT INTO indicators VALUES ('communes_communication', 10,
  'Tỷ lệ xã, phường, thị trấn tổ chức ít nhất một hình thức tuyên truyền phòng, chống mại dâm',
  'Communes running at least one form of prevention communication', '%', 1,
  '{"measure":"units_with_activities","unitKind":"commune","interventionGroup":"a","minCount":1}',
  '{"measure":"units","unitKind":"commune"}', 1, 100, 80,
  'Kế hoạch Hải Dương 2021 (100%); Chương trình 2021–2025 (70% xã, phường, thị trấn tuyên truyền nâng cao nhận thức)', 1);
INSERT INTO indicators VALUES ('press_monthly', 20,
  'Tỷ lệ số tháng có tin, bài về phòng, chống mại dâm trên báo chí (ít nhất một tháng một lần)',
  'Months with at least one press article on prevention', '%', 1,
  '{"measure":"months_with","outputKind":"press_articles","minCount":1}',
  '{"measure":"constant","constant":12}', 1, 100, 80, 'Kế hoạch Hải Dương 2021', 1);
INSERT INTO indicators VALUES ('agencies_integration_plan', 30,
  'Tỷ lệ cơ quan, ban, ngành, đoàn thể có kế hoạch lồng ghép được phê duyệt',
  'Agencies with an approved integration plan', '%', 1,
  '{"measure":"agencies_with_plan"}', '{"measure":"agencies"}', 1, 100, 80, 'Kế hoạch Hải Dương 2021', 1);
INSERT INTO indicators VALUES ('inspections', 40,
  'Số cuộc kiểm tra liên ngành phát hiện, xử lý vi phạm',
  'Inter-agency inspections (violations detected and handled)', 'cuộc', 0,
  '{"measure":"activities","interventionType":"inspections"}', '', 1, 100, 80, 'Kế hoạch Hải Dương 2021', 1);
INSERT INTO indicators VALUES ('industrial_workers_reached', 50,
  'Tỷ lệ người lao động tại khu công nghiệp, khu chế xuất được tiếp cận thông tin phòng ngừa',
  'Industrial-zone workers reached', '%', 1,
  '{"measure":"reached","targetGroup":"industrial_workers"}',
  '{"measure":"surveyed","targetGroup":"industrial_workers"}', 1, 100, 80, 'Chương trình 2021–2025 (60%)', 1);
INSERT INTO indicators VALUES ('students_reached', 60,
  'Tỷ lệ học sinh, sinh viên được tiếp cận thông tin phòng ngừa',
  'Pupils and students reached', '%', 1,
  '{"measure":"reached","targetGroup":"students"}',
  '{"measure":"surveyed","targetGroup":"students"}', 1, 100, 80, 'Chương trình 2021–2025 (70%)', 1);

INSERT INTO indicator_default_targets VALUES ('communes_communication', 'VN', 2021, 70);
INSERT INTO indicator_default_targets VALUES ('communes_communication', 'VN', 2022, 70);
INSERT INTO indicator_default_targets VALUES ('communes_communication', 'VN', 2023, 70);
INSERT INTO indicator_default_targets VALUES ('communes_communication', 'VN', 2024, 70);
INSERT INTO indicator_default_targets VALUES ('communes_communication', 'VN', 2025, 70);
INSERT INTO indicator_default_targets VALUES ('industrial_workers_reached', 'VN', 2021, 60);
INSERT INTO indicator_default_targets VALUES ('industrial_workers_reached', 'VN', 2022, 60);
INSERT INTO indicator_default_targets VALUES ('industrial_workers_reached', 'VN', 2023, 60);
INSERT INTO indicator_default_targets VALUES ('industrial_workers_reached', 'VN', 2024, 60);
INSERT INTO indicator_default_targets VALUES ('industrial_workers_reached', 'VN', 2025, 60);
INSERT INTO indicator_default_targets VALUES ('students_reached', 'VN', 2021, 70);
INSERT INTO indicator_default_targets VALUES ('students_reached', 'VN', 2022, 70);
INSERT INTO indicator_default_targets VALUES ('students_reached', 'VN', 2023, 70);
INSERT INTO indicator_default_targets VALUES ('students_reached', 'VN', 2024, 70);
INSERT INTO indicator_default_targets VALUES ('students_reached', 'VN', 2025, 70);
INSERT INTO indicator_default_targets VALUES ('communes_communication', '30', 2021, 100);
INSERT INTO indicator_default_targets VALUES ('press_monthly', '30', 2021, 100);
INSERT INTO indicator_default_targets VALUES ('agencies_integration_plan', '30', 2021, 100);

INSERT INTO indicator_targets(indicator_code, org_unit_id, year, target, updated_by, updated_at)
  SELECT d.indicator_code, u.id, d.year, d.target, 'system', '2026-01-01T00:00:00Z'
  FROM indicator_default_targets d JOIN org_units u ON u.code = d.unit_code
   AND u.valid_from <= CAST(d.year AS TEXT) || '-12-31' AND u.valid_to >= CAST(d.year AS TEXT) || '-12-31';
