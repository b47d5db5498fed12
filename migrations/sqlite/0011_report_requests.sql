-- Ad-hoc report requests (báo cáo đột xuất) and agency reports (§5.4, docs/api-reports.md).
-- A level (reports.review) asks the units directly below it (all or a chosen subset) for a report
-- on a form over a from–to span by a deadline; each asked unit reports for period "adhoc-<id>".
-- A province agency (agency focal point) reports for a period to its province: reports.agency_id.
INSERT INTO role_permissions VALUES ('agency_focal_point', 'reports.submit');

CREATE TABLE report_requests (
  id INTEGER PRIMARY KEY,
  form_code TEXT NOT NULL REFERENCES report_forms(code),
  title TEXT NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  deadline TEXT NOT NULL,
  issuer_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_at TEXT,
  CHECK (period_from <= period_to));
CREATE INDEX report_requests_issuer ON report_requests(issuer_unit_id);

CREATE TABLE report_request_units (
  request_id INTEGER NOT NULL REFERENCES report_requests(id) ON DELETE CASCADE,
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  PRIMARY KEY (request_id, org_unit_id));
CREATE INDEX report_request_units_unit ON report_request_units(org_unit_id);

-- reports gains agency_id (NULL: the unit's own report) and own_values_json (an agency report:
-- the part of its values recorded on its own unit, counted in the province total). SQLite cannot
-- drop a UNIQUE constraint: rebuild reports and report_transitions (transitions first, so the
-- ON DELETE CASCADE of the old table deletes nothing).
CREATE TABLE reports_new (
  id INTEGER PRIMARY KEY,
  form_code TEXT NOT NULL REFERENCES report_forms(code),
  period_code TEXT NOT NULL,
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  agency_id INTEGER REFERENCES agencies(id),
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
  values_json TEXT NOT NULL,
  own_values_json TEXT,
  submitted_at TEXT,
  submitted_by TEXT,
  return_comment TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);
INSERT INTO reports_new SELECT id, form_code, period_code, org_unit_id, NULL, status, values_json, NULL, submitted_at,
  submitted_by, return_comment, version, created_at, updated_at FROM reports;
CREATE TABLE report_transitions_new (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports_new(id) ON DELETE CASCADE,
  action TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  username TEXT NOT NULL,
  at TEXT NOT NULL);
INSERT INTO report_transitions_new SELECT id, report_id, action, comment, username, at FROM report_transitions;
DROP TABLE report_transitions;
DROP TABLE reports;
ALTER TABLE reports_new RENAME TO reports;
ALTER TABLE report_transitions_new RENAME TO report_transitions;
CREATE UNIQUE INDEX reports_unit_unique ON reports(form_code, period_code, org_unit_id) WHERE agency_id IS NULL;
CREATE UNIQUE INDEX reports_agency_unique ON reports(form_code, period_code, org_unit_id, agency_id) WHERE agency_id IS NOT NULL;
CREATE INDEX reports_period ON reports(form_code, period_code);
CREATE INDEX report_transitions_report ON report_transitions(report_id);
