-- Service businesses "prone to prostitution" (issue 17 §1, §6): the registry the inspections
-- build on. Aggregate worker counts only: no worker identity is ever stored here.
-- docs/api-businesses.md, docs/ARCHITECTURE.md "Business registry".

-- The inter-agency inspection team (Đội kiểm tra liên ngành): reads and writes the registry of
-- its scope; behind the wall like police and inspectors (Access::kEnforcementRoles).
INSERT INTO roles VALUES ('inspection_team', 'Đội kiểm tra liên ngành', 'Inter-agency inspection team') ON CONFLICT DO NOTHING;

INSERT INTO permissions VALUES ('businesses.read', 'Xem danh sách cơ sở kinh doanh dịch vụ', 'Read the service business registry');
INSERT INTO permissions VALUES ('businesses.write', 'Thêm, sửa cơ sở kinh doanh dịch vụ và trạng thái', 'Create and update service businesses and their status');

INSERT INTO role_permissions VALUES ('inspection_team', 'hierarchy.read') ON CONFLICT DO NOTHING;
INSERT INTO role_permissions VALUES ('inspection_team', 'agencies.read') ON CONFLICT DO NOTHING;
INSERT INTO role_permissions VALUES ('inspection_team', 'businesses.read');
INSERT INTO role_permissions VALUES ('inspection_team', 'businesses.write');
INSERT INTO role_permissions VALUES ('system_admin', 'businesses.read');
INSERT INTO role_permissions VALUES ('system_admin', 'businesses.write');
INSERT INTO role_permissions VALUES ('ministry_officer', 'businesses.read');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'businesses.read');
INSERT INTO role_permissions VALUES ('commune_officer', 'businesses.read');

-- Business types: an editable taxonomy (PUT /api/taxonomies/business-types/{code}).
CREATE TABLE business_types (
  code TEXT PRIMARY KEY, name_vi TEXT NOT NULL, name_en TEXT NOT NULL, grp TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1);
INSERT INTO business_types VALUES ('karaoke', 'Karaoke', 'Karaoke', '', 10, 1);
INSERT INTO business_types VALUES ('massage', 'Xoa bóp (massage)', 'Massage', '', 20, 1);
INSERT INTO business_types VALUES ('hotel', 'Khách sạn', 'Hotel', 'lodging', 30, 1);
INSERT INTO business_types VALUES ('guest_house', 'Nhà nghỉ, nhà trọ', 'Guest house', 'lodging', 40, 1);
INSERT INTO business_types VALUES ('bar', 'Quán bar, vũ trường', 'Bar, discotheque', '', 50, 1);
INSERT INTO business_types VALUES ('sauna', 'Xông hơi (sauna)', 'Sauna', '', 60, 1);
INSERT INTO business_types VALUES ('dim_cafe', 'Cà phê đèn mờ', 'Dim-light café', '', 70, 1);
INSERT INTO business_types VALUES ('other', 'Loại hình khác', 'Other', '', 90, 1);

-- A business belongs to its commune (unit + the date the unit was named at, so merges carry it:
-- the hierarchy's lineage maps an old commune into its successor's scope).
-- dup_key: folded name | folded address | commune id (domain/businesses.hpp duplicate_key).
CREATE TABLE businesses (
  id INTEGER PRIMARY KEY,
  type_code TEXT NOT NULL REFERENCES business_types(code),
  name TEXT NOT NULL,
  name_folded TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  dup_key TEXT NOT NULL,
  commune_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  commune_as_of TEXT NOT NULL,
  owner_name TEXT NOT NULL DEFAULT '',
  antt_person TEXT NOT NULL DEFAULT '',
  antt_cert_number TEXT NOT NULL DEFAULT '',
  antt_cert_date TEXT,
  antt_cert_issuer TEXT NOT NULL DEFAULT '',
  sector_licence TEXT NOT NULL DEFAULT '',
  police_notified_on TEXT,
  workers_female INTEGER NOT NULL DEFAULT 0 CHECK (workers_female >= 0),
  workers_male INTEGER NOT NULL DEFAULT 0 CHECK (workers_male >= 0),
  status TEXT NOT NULL CHECK (status IN ('operating', 'suspended', 'closed')),
  status_since TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL);
CREATE INDEX businesses_unit ON businesses(commune_unit_id);
CREATE INDEX businesses_dup ON businesses(dup_key);
CREATE INDEX businesses_type_status ON businesses(type_code, status);

-- Dated status changes: the first row is the status at registration.
CREATE TABLE business_status_history (
  id INTEGER PRIMARY KEY,
  business_id INTEGER NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('operating', 'suspended', 'closed')),
  effective_on TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  recorded_by INTEGER REFERENCES users(id),
  recorded_at TEXT NOT NULL);
CREATE INDEX business_status_history_business ON business_status_history(business_id, effective_on);
