-- People supported (issue 16, item 5): clubs and peer groups (câu lạc bộ, nhóm tự lực) with
-- members by client code. docs/api-cases.md "Clubs and peer groups".

-- A group belongs to an administrative unit (usually a commune; the version of its founding day),
-- which decides who sees it (scope). kind: club | peer_group. host_programme_code: the programme
-- category that hosts it (optional). The name names the group, never a person.
CREATE TABLE case_groups (
  id INTEGER PRIMARY KEY,
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('club', 'peer_group')),
  host_programme_code TEXT REFERENCES programme_categories(code),
  founded_on TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE INDEX case_groups_unit ON case_groups(org_unit_id);

-- A membership: a record (by client code on the wire) in a group from joined_on to left_on
-- (NULL: still a member). At most one open membership per record and group.
CREATE TABLE case_group_members (
  id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES case_groups(id) ON DELETE CASCADE,
  case_id INTEGER NOT NULL REFERENCES case_records(id) ON DELETE CASCADE,
  joined_on TEXT NOT NULL,
  left_on TEXT,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL);
CREATE INDEX case_group_members_group ON case_group_members(group_id);
CREATE INDEX case_group_members_case ON case_group_members(case_id);
CREATE UNIQUE INDEX case_group_members_open ON case_group_members(group_id, case_id) WHERE left_on IS NULL;
