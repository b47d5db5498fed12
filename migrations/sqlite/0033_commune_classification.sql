-- Commune classification (issue 18): "xã, phường lành mạnh không có tệ nạn ma túy, mại dâm".
-- Criteria sets are DATED DATA (a national editable default modelled on joint resolution
-- 01/2008/NQLT, and a province's own versions); a commune scores itself for a year with evidence
-- suggested from the registers; the province checks per criterion, returns or approves; the class is
-- locked, reopening is the approver's act. docs/api-classification.md, docs/ARCHITECTURE.md.

INSERT INTO permissions VALUES ('classification.read', 'Xem chấm điểm, phân loại xã, phường lành mạnh', 'Read commune classification');
INSERT INTO permissions VALUES ('classification.assess', 'Tự chấm điểm xã, phường lành mạnh', 'Self-assess a commune');
INSERT INTO permissions VALUES ('classification.check', 'Thẩm định, phê duyệt kết quả phân loại xã, phường', 'Check, return, approve and reopen commune assessments');
INSERT INTO permissions VALUES ('classification.criteria', 'Ban hành bộ tiêu chí chấm điểm xã, phường lành mạnh', 'Publish classification criteria sets');

INSERT INTO role_permissions VALUES ('system_admin', 'classification.read');
INSERT INTO role_permissions VALUES ('system_admin', 'classification.assess');
INSERT INTO role_permissions VALUES ('system_admin', 'classification.check');
INSERT INTO role_permissions VALUES ('system_admin', 'classification.criteria');
INSERT INTO role_permissions VALUES ('ministry_officer', 'classification.read');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'classification.read');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'classification.check');
-- The province may enter a commune's self-assessment on its behalf (a paper one), and must hold what
-- it grants to commune officers (the grant rule); it never checks one it submitted itself.
INSERT INTO role_permissions VALUES ('province_lead_officer', 'classification.assess');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'classification.criteria');
INSERT INTO role_permissions VALUES ('commune_officer', 'classification.read');
INSERT INTO role_permissions VALUES ('commune_officer', 'classification.assess');
INSERT INTO role_permissions VALUES ('viewer', 'classification.read');

-- A criteria set: sections, criteria (points with max/partial, or pass/fail), evidence rules and
-- class rules (point thresholds and "k of n"), all in definition_json (validated by the pure
-- domain/classification.hpp before it is stored). owner_unit_id NULL = the national set; else the
-- province that published it. Versions are numbered per owner; a published set is never edited
-- (a new version is); assessments keep the set they were made with. Valid [valid_from, valid_to].
CREATE TABLE classification_sets (
  id INTEGER PRIMARY KEY,
  owner_unit_id INTEGER REFERENCES org_units(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  title TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  is_default INTEGER NOT NULL DEFAULT 0,
  source_note TEXT NOT NULL DEFAULT '',
  definition_json TEXT NOT NULL,
  published_at TEXT,
  published_by INTEGER REFERENCES users(id),
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 1,
  CHECK (valid_to IS NULL OR valid_to >= valid_from));
CREATE UNIQUE INDEX classification_sets_owner_version ON classification_sets(COALESCE(owner_unit_id, 0), version);

-- One assessment per commune and year. The commune is the unit version valid on 31/12 of the year
-- (commune_unit_id; commune_code kept for lookups across versions). Totals and classes are derived
-- by the pure rules on every write and stored for the figures; final_class is set on approval only.
CREATE TABLE commune_assessments (
  id INTEGER PRIMARY KEY,
  set_id INTEGER NOT NULL REFERENCES classification_sets(id),
  commune_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  commune_code TEXT NOT NULL,
  province_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
  self_total INTEGER NOT NULL DEFAULT 0,
  self_class TEXT,
  check_total INTEGER,
  check_class TEXT,
  final_class TEXT,
  summary TEXT NOT NULL DEFAULT '',
  return_comment TEXT NOT NULL DEFAULT '',
  decision_number TEXT NOT NULL DEFAULT '',
  decision_date TEXT,
  submitted_at TEXT,
  submitted_by INTEGER REFERENCES users(id),
  approved_at TEXT,
  approved_by INTEGER REFERENCES users(id),
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  UNIQUE (commune_unit_id, year));
CREATE INDEX commune_assessments_province_year ON commune_assessments(province_unit_id, year, status);
CREATE INDEX commune_assessments_code_year ON commune_assessments(commune_code, year);

-- Per criterion: the suggestion the system made from the registers (score + evidence JSON, kept as
-- shown when the officer confirmed), the self score (points, or 1/0 for pass/fail) with a note
-- (required when it differs from the suggestion), and the province's check score and comment.
CREATE TABLE commune_assessment_items (
  id INTEGER PRIMARY KEY,
  assessment_id INTEGER NOT NULL REFERENCES commune_assessments(id) ON DELETE CASCADE,
  criterion_key TEXT NOT NULL,
  suggested_score INTEGER,
  evidence_json TEXT NOT NULL DEFAULT '{}',
  self_score INTEGER,
  self_note TEXT NOT NULL DEFAULT '',
  check_score INTEGER,
  check_comment TEXT NOT NULL DEFAULT '',
  UNIQUE (assessment_id, criterion_key));

-- The history of an assessment: created, saved, submitted, returned, checked, approved, reopened.
CREATE TABLE commune_assessment_transitions (
  id INTEGER PRIMARY KEY,
  assessment_id INTEGER NOT NULL REFERENCES commune_assessments(id) ON DELETE CASCADE,
  action TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  user_id INTEGER REFERENCES users(id),
  at TEXT NOT NULL);
CREATE INDEX commune_assessment_transitions_a ON commune_assessment_transitions(assessment_id);

-- Evidence files of a criterion are attachments with owner_kind 'assessment_item' (owner_id =
-- commune_assessment_items.id).
PRAGMA defer_foreign_keys = ON;
CREATE TABLE attachments_new (
  id INTEGER PRIMARY KEY,
  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('directive', 'task_update', 'activity', 'inspection', 'assessment_item')),
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

-- The national editable default (published): 13 criteria in 5 sections, 100 points, three classes.
INSERT INTO classification_sets (owner_unit_id, version, title, valid_from, valid_to, status, is_default, source_note,
  definition_json, published_at, created_at, updated_at)
VALUES (NULL, 1, 'Bộ tiêu chí xã, phường lành mạnh không có tệ nạn ma túy, mại dâm (mặc định)', '2021-01-01', NULL,
  'published', 1, 'Bộ tiêu chí mặc định, có thể chỉnh sửa: mô phỏng cấu trúc Nghị quyết liên tịch 01/2008/NQLT-BLĐTBXH-BCA-BVHTTDL-UBTƯMTTQVN (chấm điểm, thang 100) và quy tắc k trên n về ma túy (Quyết định 28/2025/QĐ-TTg); tiêu chí, điểm và ngưỡng chưa đối chiếu văn bản gốc / an editable default modelled on the structure of joint resolution 01/2008 (100-point scale) and the k-of-n drug rule of Decision 28/2025; criteria, points and thresholds not verified against the official texts',
  '{"sections":[{"key":"A","titleVi":"Lãnh đạo, chỉ đạo và tổ chức thực hiện","titleEn":"Leadership, planning and reporting"},{"key":"B","titleVi":"Thông tin, tuyên truyền, giáo dục","titleEn":"Information, communication and education"},{"key":"C","titleVi":"Hỗ trợ, giảm hại và hòa nhập cộng đồng","titleEn":"Support, harm reduction and reintegration"},{"key":"D","titleVi":"Quản lý địa bàn và cơ sở kinh doanh dịch vụ","titleEn":"The area and its service businesses"},{"key":"E","titleVi":"Phòng, chống ma túy (quy tắc k trên n)","titleEn":"Drug prevention (k-of-n rule)"}],"criteria":[{"key":"A1","section":"A","kind":"points","maxPoints":10,"partial":true,"textVi":"Có kế hoạch phòng, chống mại dâm, ma túy của xã được phê duyệt và triển khai","textEn":"The commune has an approved and implemented prevention plan","evidence":{"metric":"approved_plan","fullAt":1,"ifNoData":"zero"}},{"key":"A2","section":"A","kind":"points","maxPoints":10,"partial":true,"textVi":"Báo cáo định kỳ đầy đủ, đúng hạn","textEn":"Periodic reports complete and on time","evidence":{"metric":"reports_on_time_pct","fullAt":100,"partialAt":50,"ifNoData":"none"}},{"key":"B1","section":"B","kind":"points","maxPoints":15,"partial":true,"textVi":"Tổ chức các hoạt động thông tin, tuyên truyền, giáo dục phòng, chống mại dâm","textEn":"Communication and education activities held","evidence":{"metric":"comm_activities","fullAt":4,"partialAt":2,"ifNoData":"zero"}},{"key":"B2","section":"B","kind":"points","maxPoints":10,"partial":true,"textVi":"Số lượt người được tiếp cận thông tin phòng, chống mại dâm","textEn":"People reached by prevention activities","evidence":{"metric":"people_reached","fullAt":500,"partialAt":200,"ifNoData":"zero"}},{"key":"C1","section":"C","kind":"points","maxPoints":10,"partial":true,"textVi":"Có câu lạc bộ, nhóm đồng đẳng, nhóm tự lực hoạt động","textEn":"Clubs and peer groups active","evidence":{"metric":"active_groups","fullAt":1,"ifNoData":"zero"}},{"key":"C2","section":"C","kind":"points","maxPoints":10,"partial":true,"textVi":"Người bán dâm, người có nguy cơ được tư vấn, hỗ trợ dịch vụ và hòa nhập cộng đồng","textEn":"People supported with services and reintegration","evidence":{"metric":"services_delivered","fullAt":5,"partialAt":1,"ifNoData":"none"}},{"key":"D1","section":"D","kind":"points","maxPoints":20,"partial":true,"textVi":"Kiểm tra các cơ sở kinh doanh dịch vụ dễ bị lợi dụng hoạt động mại dâm trên địa bàn","textEn":"Service businesses in the area inspected","evidence":{"metric":"business_coverage_pct","fullAt":60,"partialAt":30,"ifNoData":"full"}},{"key":"D2","section":"D","kind":"points","maxPoints":15,"partial":true,"textVi":"Cơ sở kinh doanh dịch vụ chấp hành quy định, không tái phạm","textEn":"Businesses comply and do not re-offend","evidence":{"metric":"repeat_violators","fullAtMost":0,"partialAtMost":1,"ifNoData":"full"}},{"key":"D3","section":"D","kind":"pass_fail","textVi":"Không phát sinh tụ điểm, hành vi mua bán dâm, chứa mại dâm trên địa bàn","textEn":"No prostitution venue or activity found in the area","evidence":{"metric":"prostitution_violations","passAtMost":0,"ifNoData":"pass"}},{"key":"E1","section":"E","kind":"pass_fail","textVi":"Không phát sinh người nghiện ma túy mới","textEn":"No new drug users"},{"key":"E2","section":"E","kind":"pass_fail","textVi":"Không có điểm, tụ điểm phức tạp về ma túy","textEn":"No drug hotspot"},{"key":"E3","section":"E","kind":"pass_fail","textVi":"Không có tội phạm mua bán, tổ chức sử dụng trái phép chất ma túy","textEn":"No drug-trafficking crime"},{"key":"E4","section":"E","kind":"pass_fail","textVi":"Người sử dụng, người sau cai nghiện được quản lý, hỗ trợ","textEn":"People who use drugs and after treatment are managed and supported"}],"classes":[{"code":"healthy","rank":1,"healthy":true,"labelVi":"Lành mạnh không có tệ nạn ma túy, mại dâm","labelEn":"Healthy, free of drugs and prostitution","minPoints":90,"mustPass":["D3"],"kOfN":[{"criteria":["E1","E2","E3","E4"],"k":3}]},{"code":"basic","rank":2,"healthy":false,"labelVi":"Cơ bản lành mạnh, cần củng cố","labelEn":"Mostly healthy, to be strengthened","minPoints":70,"mustPass":[],"kOfN":[{"criteria":["E1","E2","E3","E4"],"k":2}]},{"code":"focus","rank":3,"healthy":false,"labelVi":"Chưa lành mạnh, cần tập trung chỉ đạo","labelEn":"Not yet healthy, needs focused direction","mustPass":[],"kOfN":[]}],"mergeRule":"lowest"}', '2026-12-04T00:00:00Z', '2026-12-04T00:00:00Z', '2026-12-04T00:00:00Z');

-- The share of communes classified healthy in the year (approved assessments only) ÷ the communes of
-- the scope valid on 31/12 of the year (domain/indicators: measure communes_classified_healthy).
INSERT INTO indicators VALUES ('communes_healthy_pct', 90,
  'Tỷ lệ xã, phường được công nhận lành mạnh không có tệ nạn ma túy, mại dâm',
  'Communes classified healthy, free of drugs and prostitution', '%', 1,
  '{"measure":"communes_classified_healthy"}', '{"measure":"units","unitKind":"commune"}', 1, 100, 80,
  'Kế hoạch Hải Dương 2021; Đồng Nai (mục VI.8c); Nghị quyết liên tịch 01/2008/NQLT', 1);
