-- Administrative boundaries for maps (issue 6): one simplified GeoJSON geometry per unit code and
-- level, replaced by each import. Keyed by the official code (not a unit version): a map draws
-- the units valid on the day it shows, and a code is never reused for another place.
INSERT INTO permissions VALUES ('boundaries.manage', 'Nhập ranh giới hành chính (bản đồ)', 'Import administrative boundaries (maps)');
INSERT INTO role_permissions VALUES ('system_admin', 'boundaries.manage');

CREATE TABLE boundaries (
  org_unit_code TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('province', 'commune')),
  name TEXT NOT NULL,
  geometry TEXT NOT NULL,
  positions INTEGER NOT NULL,
  source TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  PRIMARY KEY (level, org_unit_code));
