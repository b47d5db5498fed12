-- People supported (issue 16, items 4–5): services delivered through host programmes, and
-- referrals to receiving agencies. docs/api-cases.md "Services" and "Referrals".

-- The service catalogue of the seeds (editable taxonomy: PUT /api/taxonomies/case-services/{code}).
-- grp: health, protection, economic, social.
CREATE TABLE case_service_types (
  code TEXT PRIMARY KEY, name_vi TEXT NOT NULL, name_en TEXT NOT NULL, grp TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1);
INSERT INTO case_service_types VALUES ('sti_hiv_testing', 'Tư vấn, xét nghiệm HIV và các bệnh lây truyền qua đường tình dục', 'STI/HIV counselling and testing', 'health', 10, 1);
INSERT INTO case_service_types VALUES ('condoms', 'Cung cấp bao cao su', 'Condoms', 'health', 20, 1);
INSERT INTO case_service_types VALUES ('health_check', 'Khám sức khỏe', 'Health check', 'health', 30, 1);
INSERT INTO case_service_types VALUES ('health_insurance', 'Hỗ trợ thẻ bảo hiểm y tế', 'Health-insurance card', 'health', 40, 1);
INSERT INTO case_service_types VALUES ('psych_counselling', 'Tư vấn tâm lý', 'Psychological counselling', 'protection', 50, 1);
INSERT INTO case_service_types VALUES ('gbv_counselling', 'Tư vấn về bạo lực trên cơ sở giới', 'Gender-based-violence counselling', 'protection', 60, 1);
INSERT INTO case_service_types VALUES ('legal_aid', 'Trợ giúp pháp lý', 'Legal aid', 'protection', 70, 1);
INSERT INTO case_service_types VALUES ('shelter', 'Hỗ trợ nơi ở tạm thời', 'Shelter', 'protection', 80, 1);
INSERT INTO case_service_types VALUES ('vocational_training', 'Đào tạo nghề', 'Vocational training', 'economic', 90, 1);
INSERT INTO case_service_types VALUES ('job_placement', 'Giới thiệu việc làm', 'Job placement', 'economic', 100, 1);
INSERT INTO case_service_types VALUES ('loans', 'Hỗ trợ vay vốn', 'Loans', 'economic', 110, 1);
INSERT INTO case_service_types VALUES ('labour_contract_si', 'Hỗ trợ hợp đồng lao động, bảo hiểm xã hội', 'Labour contracts and social insurance', 'economic', 120, 1);

-- A service delivered to a person, on a date, by a host programme (programme_categories: the
-- integration-content taxonomy of programmes and plans) with a funding source. The note is plain
-- and short; identity never goes here.
CREATE TABLE case_services (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES case_records(id) ON DELETE CASCADE,
  service_code TEXT NOT NULL REFERENCES case_service_types(code),
  delivered_on TEXT NOT NULL,
  host_programme_code TEXT NOT NULL REFERENCES programme_categories(code),
  funding_source_code TEXT NOT NULL REFERENCES funding_sources(code),
  note TEXT NOT NULL DEFAULT '',
  recorded_by INTEGER REFERENCES users(id),
  recorded_at TEXT NOT NULL);
CREATE INDEX case_services_case ON case_services(case_id, delivered_on);
CREATE INDEX case_services_programme ON case_services(host_programme_code, delivered_on);

-- Referrals. shared: comma-separated names of non-identity fields (domain/cases.hpp
-- kShareableFields). status: sent, accepted, rejected, done, revoked; "overdue" is derived
-- (sent and past due_on), never stored.
CREATE TABLE case_referrals (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES case_records(id) ON DELETE CASCADE,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  reason TEXT NOT NULL,
  shared TEXT NOT NULL DEFAULT '',
  response_days INTEGER NOT NULL,
  sent_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('sent', 'accepted', 'rejected', 'done', 'revoked')),
  status_reason TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL);
CREATE INDEX case_referrals_case ON case_referrals(case_id, id);
CREATE INDEX case_referrals_agency ON case_referrals(agency_id, status);

-- The receiving agency's focal points answer referrals sent to their agency (users.agency_id):
-- a role of its own (referral_focal_point), so that granting the ordinary agency focal point
-- role needs no support permission. A support permission: behind the wall like every cases.*
-- (Access::has).
INSERT INTO roles VALUES ('referral_focal_point', 'Đầu mối tiếp nhận chuyển gửi hỗ trợ', 'Referral focal point (receiving agency)') ON CONFLICT DO NOTHING;
INSERT INTO permissions VALUES ('cases.referrals.receive', 'Tiếp nhận chuyển gửi hồ sơ hỗ trợ tới cơ quan mình', 'Receive support referrals sent to one''s agency');
INSERT INTO role_permissions VALUES ('referral_focal_point', 'hierarchy.read');
INSERT INTO role_permissions VALUES ('referral_focal_point', 'agencies.read');
INSERT INTO role_permissions VALUES ('referral_focal_point', 'cases.referrals.receive');
-- the administrator grants the role (Access::require_can_grant: only what it holds)
INSERT INTO role_permissions VALUES ('system_admin', 'cases.referrals.receive');
