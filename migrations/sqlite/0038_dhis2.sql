-- DHIS2 export (issue 21 item 2, docs/INTEROP.md): the accepted reports of a period and scope as
-- DHIS2 dataValueSets JSON and ADX XML, and an optional push to a configured DHIS2 server. The
-- mapping is data: report-form elements (and their disaggregations) to DHIS2 data element and
-- category option combo codes, and longghep org unit versions to DHIS2 org unit codes, each with a
-- validity so that a report of a unit merged away still resolves. Pure rules: domain/dhis2.hpp.
INSERT INTO permissions VALUES ('interop.export', 'Xuất số liệu báo cáo đã tiếp nhận sang DHIS2 (dataValueSets, ADX)', 'Export accepted report figures to DHIS2 (dataValueSets, ADX)');
INSERT INTO permissions VALUES ('interop.configure', 'Cấu hình liên thông DHIS2 (ánh xạ mã, máy chủ, khóa truy cập)', 'Configure the DHIS2 interoperability (code mappings, server, token)');
INSERT INTO role_permissions VALUES ('system_admin', 'interop.export');
INSERT INTO role_permissions VALUES ('system_admin', 'interop.configure');
INSERT INTO role_permissions VALUES ('ministry_officer', 'interop.export');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'interop.export');

-- One DHIS2 dataSet per report form.
CREATE TABLE dhis2_dataset_map (
  form_code TEXT PRIMARY KEY REFERENCES report_forms(code),
  dataset_code TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1);
INSERT INTO dhis2_dataset_map VALUES ('bc_6thang', 'LG_BC_6THANG', 1);
INSERT INTO dhis2_dataset_map VALUES ('bc_nam', 'LG_BC_NAM', 1);

-- A numeric element of a form → a DHIS2 data element + category option combo (both by code), and
-- the ADX disaggregation attributes of that combo ({"SEX":"F"}; {} for the default combo). Two
-- longghep elements may be the two combos of one DHIS2 element (reached_female / reached_male →
-- LG_REACHED_SEX with F / M). Valid over [valid_from, valid_to] (NULL: open) by the period's end
-- day; no two rows of one (form, element) overlap (checked by the API).
CREATE TABLE dhis2_element_map (
  id INTEGER PRIMARY KEY,
  form_code TEXT NOT NULL REFERENCES report_forms(code),
  element_code TEXT NOT NULL,
  data_element TEXT NOT NULL,
  category_option_combo TEXT NOT NULL DEFAULT 'default',
  attributes TEXT NOT NULL DEFAULT '{}',
  valid_from TEXT NOT NULL DEFAULT '2000-01-01',
  valid_to TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '');
CREATE INDEX dhis2_element_map_key ON dhis2_element_map(form_code, element_code);
INSERT INTO dhis2_element_map (form_code, element_code, data_element, category_option_combo, attributes)
  SELECT form_code, code, 'LG_' || upper(code), 'default', '{}' FROM report_elements
  WHERE form_code IN ('bc_6thang', 'bc_nam') AND value_type = 'number' AND code NOT IN ('reached_female', 'reached_male');
INSERT INTO dhis2_element_map (form_code, element_code, data_element, category_option_combo, attributes)
  SELECT form_code, code, 'LG_REACHED_SEX', CASE code WHEN 'reached_female' THEN 'LG_SEX_F' ELSE 'LG_SEX_M' END,
         CASE code WHEN 'reached_female' THEN '{"SEX":"F"}' ELSE '{"SEX":"M"}' END
  FROM report_elements WHERE form_code IN ('bc_6thang', 'bc_nam') AND code IN ('reached_female', 'reached_male');

-- A longghep org unit version (its code and the validity of that version, lg_valid_*) → a DHIS2 org
-- unit code, itself valid over [valid_from, valid_to]. Without a row a unit maps to its own code,
-- except a version that ended and whose code was later given to another unit (province 52: Bình
-- Định until 30/06/2025, Gia Lai after): it maps to "<code>_<YYYYMMDD of its last day>" (52_20250630)
-- so that the two never share a DHIS2 org unit (docs/INTEROP.md "Org units").
CREATE TABLE dhis2_orgunit_map (
  id INTEGER PRIMARY KEY,
  lg_code TEXT NOT NULL,
  lg_valid_from TEXT NOT NULL DEFAULT '0001-01-01',
  lg_valid_to TEXT,
  dhis2_code TEXT NOT NULL,
  valid_from TEXT NOT NULL DEFAULT '0001-01-01',
  valid_to TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '');
CREATE INDEX dhis2_orgunit_map_code ON dhis2_orgunit_map(lg_code);

-- The DHIS2 server to push to (one row): its base URL and its personal access token, sealed
-- (security/sealing.hpp, key id with it); the token is never returned.
CREATE TABLE dhis2_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  base_url TEXT NOT NULL DEFAULT '',
  token_sealed TEXT NOT NULL DEFAULT '',
  token_key_id INTEGER NOT NULL DEFAULT 0,
  timeout_ms INTEGER NOT NULL DEFAULT 15000,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '');
INSERT INTO dhis2_settings (id) VALUES (1);

-- Every export built for a push (dry run or real): who, when, what, the counts, the payload's
-- SHA-256 (a real push needs an earlier successful dry run of the same payload) and the import
-- summary DHIS2 returned.
CREATE TABLE dhis2_exports (
  id INTEGER PRIMARY KEY,
  user_id INTEGER REFERENCES users(id),
  username TEXT NOT NULL,
  at TEXT NOT NULL,
  form_code TEXT NOT NULL,
  period_code TEXT NOT NULL,
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  format TEXT NOT NULL DEFAULT 'json',
  values_count INTEGER NOT NULL DEFAULT 0,
  suppressed_count INTEGER NOT NULL DEFAULT 0,
  skipped_count INTEGER NOT NULL DEFAULT 0,
  dry_run INTEGER NOT NULL,
  pushed INTEGER NOT NULL DEFAULT 0,
  payload_sha256 TEXT NOT NULL,
  status TEXT NOT NULL,
  http_status INTEGER NOT NULL DEFAULT 0,
  summary TEXT NOT NULL DEFAULT '{}',
  error TEXT NOT NULL DEFAULT '');
CREATE INDEX dhis2_exports_at ON dhis2_exports(at);
