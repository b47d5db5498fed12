-- Periodic reports (guidance 221 §5.4): forms with computed and hand-entered elements, validation
-- rules, schedules (deadlines per form and issuing level), reports and their history.
INSERT INTO permissions VALUES ('reports.read', 'Xem báo cáo định kỳ', 'Read periodic reports');
INSERT INTO permissions VALUES ('reports.submit', 'Lập và gửi báo cáo của đơn vị mình', 'Fill in and submit the own unit''s report');
INSERT INTO permissions VALUES ('reports.review', 'Tiếp nhận, trả lại, mở lại báo cáo cấp dưới', 'Accept, return and reopen the reports of units below');
INSERT INTO role_permissions VALUES ('system_admin', 'reports.read');
INSERT INTO role_permissions VALUES ('system_admin', 'reports.submit');
INSERT INTO role_permissions VALUES ('system_admin', 'reports.review');
INSERT INTO role_permissions VALUES ('ministry_officer', 'reports.read');
INSERT INTO role_permissions VALUES ('ministry_officer', 'reports.review');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'reports.read');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'reports.submit');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'reports.review');
INSERT INTO role_permissions VALUES ('agency_focal_point', 'reports.read');
INSERT INTO role_permissions VALUES ('commune_officer', 'reports.read');
INSERT INTO role_permissions VALUES ('commune_officer', 'reports.submit');
INSERT INTO role_permissions VALUES ('viewer', 'reports.read');

CREATE TABLE report_forms (
  code TEXT PRIMARY KEY, name_vi TEXT NOT NULL, name_en TEXT NOT NULL,
  period_kind TEXT NOT NULL CHECK (period_kind IN ('half_year', 'year')),
  doc_subject TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1);
INSERT INTO report_forms VALUES ('bc_6thang', 'Báo cáo 6 tháng công tác lồng ghép phòng, chống mại dâm',
  'Six-monthly report on mainstreaming prostitution prevention', 'half_year',
  'Kết quả công tác lồng ghép phòng, chống mại dâm', 1);
INSERT INTO report_forms VALUES ('bc_nam', 'Báo cáo năm công tác lồng ghép phòng, chống mại dâm',
  'Annual report on mainstreaming prostitution prevention', 'year',
  'Kết quả công tác lồng ghép phòng, chống mại dâm', 1);

-- An element is computed from recorded activities (measure + filters) or entered by hand.
-- measure: activities | reached | female | male | output | cost. Filters (empty = any):
-- intervention group (§4.2 a/b/c/other) or type, target-group group (prevention/harm_reduction),
-- output kind, funding-source group or code.
CREATE TABLE report_elements (
  form_code TEXT NOT NULL REFERENCES report_forms(code),
  code TEXT NOT NULL,
  position INTEGER NOT NULL,
  section TEXT NOT NULL,
  label_vi TEXT NOT NULL, label_en TEXT NOT NULL,
  value_type TEXT NOT NULL CHECK (value_type IN ('number', 'text', 'bool')),
  source TEXT NOT NULL CHECK (source IN ('computed', 'manual')),
  measure TEXT NOT NULL DEFAULT '',
  intervention_group TEXT NOT NULL DEFAULT '', intervention_type TEXT NOT NULL DEFAULT '',
  target_group_group TEXT NOT NULL DEFAULT '', output_kind TEXT NOT NULL DEFAULT '',
  funding_group TEXT NOT NULL DEFAULT '', funding_source TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (form_code, code));

CREATE TABLE report_rules (
  form_code TEXT NOT NULL REFERENCES report_forms(code),
  position INTEGER NOT NULL,
  expression TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
  element TEXT NOT NULL,
  message_vi TEXT NOT NULL, message_en TEXT NOT NULL,
  PRIMARY KEY (form_code, position));

-- Deadlines per form and issuing level: the unit (by code) whose subtree reports on this
-- schedule; the nearest such unit at or above a reporting unit wins; 'VN' is the default.
CREATE TABLE report_schedules (
  form_code TEXT NOT NULL REFERENCES report_forms(code),
  unit_code TEXT NOT NULL,
  h1_deadline TEXT NOT NULL, h2_deadline TEXT NOT NULL, year_deadline TEXT NOT NULL,
  reminder_days INTEGER NOT NULL DEFAULT 7,
  PRIMARY KEY (form_code, unit_code));

CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  form_code TEXT NOT NULL REFERENCES report_forms(code),
  period_code TEXT NOT NULL,
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
  values_json TEXT NOT NULL,
  submitted_at TEXT,
  submitted_by TEXT,
  return_comment TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (form_code, period_code, org_unit_id));
CREATE INDEX reports_period ON reports(form_code, period_code);

CREATE TABLE report_transitions (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  action TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  username TEXT NOT NULL,
  at TEXT NOT NULL);
CREATE INDEX report_transitions_report ON report_transitions(report_id);

-- The default six-monthly and annual forms (guidance 221; the seeds' report outlines).
INSERT INTO report_elements VALUES ('bc_6thang', 'comm_activities', 10, '1. Thông tin, truyền thông, giáo dục', 'Số hoạt động thông tin, truyền thông, giáo dục', 'Communication and education activities', 'number', 'computed', 'activities', 'a', '', '', '', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'comm_sessions', 20, '1. Thông tin, truyền thông, giáo dục', 'Số buổi tuyên truyền, sinh hoạt chuyên đề', 'Communication sessions', 'number', 'computed', 'output', '', '', '', 'sessions', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'press_articles', 30, '1. Thông tin, truyền thông, giáo dục', 'Số tin, bài trên báo chí', 'Press articles', 'number', 'computed', 'output', '', '', '', 'press_articles', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'broadcasts', 40, '1. Thông tin, truyền thông, giáo dục', 'Số buổi phát thanh, truyền hình', 'Radio and TV broadcasts', 'number', 'computed', 'output', '', '', '', 'broadcasts', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'leaflets', 50, '1. Thông tin, truyền thông, giáo dục', 'Số tờ rơi, tài liệu phát hành', 'Leaflets and materials', 'number', 'computed', 'output', '', '', '', 'leaflets', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'reached_total', 60, '2. Người được tiếp cận', 'Tổng số lượt người được tiếp cận', 'People reached', 'number', 'computed', 'reached', '', '', '', '', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'reached_female', 70, '2. Người được tiếp cận', 'Trong đó: nữ', 'of whom women', 'number', 'computed', 'female', '', '', '', '', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'reached_male', 80, '2. Người được tiếp cận', 'Trong đó: nam', 'of whom men', 'number', 'computed', 'male', '', '', '', '', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'reached_prevention', 90, '2. Người được tiếp cận', 'Nhóm đối tượng phòng ngừa (mục 4.1.a)', 'Prevention target groups (4.1 a)', 'number', 'computed', 'reached', '', '', 'prevention', '', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'reached_harm_reduction', 100, '2. Người được tiếp cận', 'Nhóm giảm hại, hỗ trợ xã hội (mục 4.1.b)', 'Harm reduction and social support groups (4.1 b)', 'number', 'computed', 'reached', '', '', 'harm_reduction', '', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'trainees', 110, '3. Hỗ trợ sinh kế, giảm hại', 'Số người được đào tạo nghề, tập huấn', 'Trainees', 'number', 'computed', 'output', '', '', '', 'trainees', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'jobs_found', 120, '3. Hỗ trợ sinh kế, giảm hại', 'Số người được giới thiệu, tạo việc làm', 'Jobs found', 'number', 'computed', 'output', '', '', '', 'jobs_found', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'loans', 130, '3. Hỗ trợ sinh kế, giảm hại', 'Số lượt được vay vốn', 'Loans', 'number', 'computed', 'output', '', '', '', 'loans', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'loan_amount', 140, '3. Hỗ trợ sinh kế, giảm hại', 'Số tiền cho vay (đồng)', 'Amount lent (VND)', 'number', 'computed', 'output', '', '', '', 'loan_amount', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'condoms', 150, '3. Hỗ trợ sinh kế, giảm hại', 'Số bao cao su cấp phát', 'Condoms distributed', 'number', 'computed', 'output', '', '', '', 'condoms', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'health_checks', 160, '3. Hỗ trợ sinh kế, giảm hại', 'Số lượt khám sức khỏe', 'Health checks', 'number', 'computed', 'output', '', '', '', 'health_checks', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'legal_aid_cases', 170, '3. Hỗ trợ sinh kế, giảm hại', 'Số vụ việc trợ giúp pháp lý', 'Legal-aid cases', 'number', 'computed', 'output', '', '', '', 'legal_aid_cases', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'inspections', 180, '4. Kiểm tra liên ngành, tập huấn', 'Số cuộc kiểm tra liên ngành', 'Inter-agency inspections', 'number', 'computed', 'activities', '', 'inspections', '', '', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'staff_trainings', 190, '4. Kiểm tra liên ngành, tập huấn', 'Số lớp tập huấn cán bộ', 'Staff training courses', 'number', 'computed', 'activities', '', 'staff_training', '', '', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'cost_total', 200, '5. Kinh phí', 'Tổng kinh phí thực hiện (đồng)', 'Total spent (VND)', 'number', 'computed', 'cost', '', '', '', '', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'cost_state_budget', 210, '5. Kinh phí', 'Trong đó: ngân sách nhà nước (đồng)', 'of which state budget (VND)', 'number', 'computed', 'cost', '', '', '', '', 'state_budget', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'cost_integrated', 220, '5. Kinh phí', 'Trong đó: lồng ghép từ chương trình khác (đồng)', 'of which other programmes'' funds (VND)', 'number', 'computed', 'cost', '', '', '', '', '', 'integrated_programmes');
INSERT INTO report_elements VALUES ('bc_6thang', 'cost_socialisation', 230, '5. Kinh phí', 'Trong đó: xã hội hóa (đồng)', 'of which socialisation (VND)', 'number', 'computed', 'cost', '', '', '', '', '', 'socialisation');
INSERT INTO report_elements VALUES ('bc_6thang', 'budget_allocated', 240, '5. Kinh phí', 'Kinh phí được giao trong kỳ (đồng)', 'Budget allocated for the period (VND)', 'number', 'manual', '', '', '', '', '', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'results', 250, '6. Đánh giá', 'Kết quả đạt được', 'Results', 'text', 'manual', '', '', '', '', '', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'difficulties', 260, '6. Đánh giá', 'Khó khăn, vướng mắc', 'Difficulties', 'text', 'manual', '', '', '', '', '', '', '');
INSERT INTO report_elements VALUES ('bc_6thang', 'proposals', 270, '6. Đánh giá', 'Đề xuất, kiến nghị', 'Proposals', 'text', 'manual', '', '', '', '', '', '', '');
INSERT INTO report_rules VALUES ('bc_6thang', 10, 'reached_female + reached_male <= reached_total', 'error', 'reached_female', 'Số nữ cộng số nam không được vượt tổng số người được tiếp cận', 'Women plus men cannot exceed the people reached');
INSERT INTO report_rules VALUES ('bc_6thang', 20, 'cost_state_budget + cost_integrated + cost_socialisation <= cost_total', 'error', 'cost_total', 'Các nguồn kinh phí thành phần không được vượt tổng kinh phí', 'The parts cannot exceed the total spent');
INSERT INTO report_rules VALUES ('bc_6thang', 30, 'cost_total <= budget_allocated', 'warning', 'budget_allocated', 'Kinh phí thực hiện vượt kinh phí được giao', 'Spending exceeds the budget allocated');
INSERT INTO report_schedules VALUES ('bc_6thang', 'VN', '06-15', '12-15', '12-15', 7);
INSERT INTO report_schedules VALUES ('bc_6thang', '56', '05-31', '11-30', '11-30', 7);
INSERT INTO report_schedules VALUES ('bc_6thang', '58', '05-31', '11-30', '11-30', 7);
INSERT INTO report_schedules VALUES ('bc_6thang', '75', '06-15', '12-15', '12-15', 7);
INSERT INTO report_elements VALUES ('bc_nam', 'comm_activities', 10, '1. Thông tin, truyền thông, giáo dục', 'Số hoạt động thông tin, truyền thông, giáo dục', 'Communication and education activities', 'number', 'computed', 'activities', 'a', '', '', '', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'comm_sessions', 20, '1. Thông tin, truyền thông, giáo dục', 'Số buổi tuyên truyền, sinh hoạt chuyên đề', 'Communication sessions', 'number', 'computed', 'output', '', '', '', 'sessions', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'press_articles', 30, '1. Thông tin, truyền thông, giáo dục', 'Số tin, bài trên báo chí', 'Press articles', 'number', 'computed', 'output', '', '', '', 'press_articles', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'broadcasts', 40, '1. Thông tin, truyền thông, giáo dục', 'Số buổi phát thanh, truyền hình', 'Radio and TV broadcasts', 'number', 'computed', 'output', '', '', '', 'broadcasts', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'leaflets', 50, '1. Thông tin, truyền thông, giáo dục', 'Số tờ rơi, tài liệu phát hành', 'Leaflets and materials', 'number', 'computed', 'output', '', '', '', 'leaflets', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'reached_total', 60, '2. Người được tiếp cận', 'Tổng số lượt người được tiếp cận', 'People reached', 'number', 'computed', 'reached', '', '', '', '', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'reached_female', 70, '2. Người được tiếp cận', 'Trong đó: nữ', 'of whom women', 'number', 'computed', 'female', '', '', '', '', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'reached_male', 80, '2. Người được tiếp cận', 'Trong đó: nam', 'of whom men', 'number', 'computed', 'male', '', '', '', '', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'reached_prevention', 90, '2. Người được tiếp cận', 'Nhóm đối tượng phòng ngừa (mục 4.1.a)', 'Prevention target groups (4.1 a)', 'number', 'computed', 'reached', '', '', 'prevention', '', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'reached_harm_reduction', 100, '2. Người được tiếp cận', 'Nhóm giảm hại, hỗ trợ xã hội (mục 4.1.b)', 'Harm reduction and social support groups (4.1 b)', 'number', 'computed', 'reached', '', '', 'harm_reduction', '', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'trainees', 110, '3. Hỗ trợ sinh kế, giảm hại', 'Số người được đào tạo nghề, tập huấn', 'Trainees', 'number', 'computed', 'output', '', '', '', 'trainees', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'jobs_found', 120, '3. Hỗ trợ sinh kế, giảm hại', 'Số người được giới thiệu, tạo việc làm', 'Jobs found', 'number', 'computed', 'output', '', '', '', 'jobs_found', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'loans', 130, '3. Hỗ trợ sinh kế, giảm hại', 'Số lượt được vay vốn', 'Loans', 'number', 'computed', 'output', '', '', '', 'loans', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'loan_amount', 140, '3. Hỗ trợ sinh kế, giảm hại', 'Số tiền cho vay (đồng)', 'Amount lent (VND)', 'number', 'computed', 'output', '', '', '', 'loan_amount', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'condoms', 150, '3. Hỗ trợ sinh kế, giảm hại', 'Số bao cao su cấp phát', 'Condoms distributed', 'number', 'computed', 'output', '', '', '', 'condoms', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'health_checks', 160, '3. Hỗ trợ sinh kế, giảm hại', 'Số lượt khám sức khỏe', 'Health checks', 'number', 'computed', 'output', '', '', '', 'health_checks', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'legal_aid_cases', 170, '3. Hỗ trợ sinh kế, giảm hại', 'Số vụ việc trợ giúp pháp lý', 'Legal-aid cases', 'number', 'computed', 'output', '', '', '', 'legal_aid_cases', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'inspections', 180, '4. Kiểm tra liên ngành, tập huấn', 'Số cuộc kiểm tra liên ngành', 'Inter-agency inspections', 'number', 'computed', 'activities', '', 'inspections', '', '', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'staff_trainings', 190, '4. Kiểm tra liên ngành, tập huấn', 'Số lớp tập huấn cán bộ', 'Staff training courses', 'number', 'computed', 'activities', '', 'staff_training', '', '', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'cost_total', 200, '5. Kinh phí', 'Tổng kinh phí thực hiện (đồng)', 'Total spent (VND)', 'number', 'computed', 'cost', '', '', '', '', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'cost_state_budget', 210, '5. Kinh phí', 'Trong đó: ngân sách nhà nước (đồng)', 'of which state budget (VND)', 'number', 'computed', 'cost', '', '', '', '', 'state_budget', '');
INSERT INTO report_elements VALUES ('bc_nam', 'cost_integrated', 220, '5. Kinh phí', 'Trong đó: lồng ghép từ chương trình khác (đồng)', 'of which other programmes'' funds (VND)', 'number', 'computed', 'cost', '', '', '', '', '', 'integrated_programmes');
INSERT INTO report_elements VALUES ('bc_nam', 'cost_socialisation', 230, '5. Kinh phí', 'Trong đó: xã hội hóa (đồng)', 'of which socialisation (VND)', 'number', 'computed', 'cost', '', '', '', '', '', 'socialisation');
INSERT INTO report_elements VALUES ('bc_nam', 'budget_allocated', 240, '5. Kinh phí', 'Kinh phí được giao trong kỳ (đồng)', 'Budget allocated for the period (VND)', 'number', 'manual', '', '', '', '', '', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'results', 250, '6. Đánh giá', 'Kết quả đạt được', 'Results', 'text', 'manual', '', '', '', '', '', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'difficulties', 260, '6. Đánh giá', 'Khó khăn, vướng mắc', 'Difficulties', 'text', 'manual', '', '', '', '', '', '', '');
INSERT INTO report_elements VALUES ('bc_nam', 'proposals', 270, '6. Đánh giá', 'Đề xuất, kiến nghị', 'Proposals', 'text', 'manual', '', '', '', '', '', '', '');
INSERT INTO report_rules VALUES ('bc_nam', 10, 'reached_female + reached_male <= reached_total', 'error', 'reached_female', 'Số nữ cộng số nam không được vượt tổng số người được tiếp cận', 'Women plus men cannot exceed the people reached');
INSERT INTO report_rules VALUES ('bc_nam', 20, 'cost_state_budget + cost_integrated + cost_socialisation <= cost_total', 'error', 'cost_total', 'Các nguồn kinh phí thành phần không được vượt tổng kinh phí', 'The parts cannot exceed the total spent');
INSERT INTO report_rules VALUES ('bc_nam', 30, 'cost_total <= budget_allocated', 'warning', 'budget_allocated', 'Kinh phí thực hiện vượt kinh phí được giao', 'Spending exceeds the budget allocated');
INSERT INTO report_schedules VALUES ('bc_nam', 'VN', '06-15', '12-15', '12-15', 7);
INSERT INTO report_schedules VALUES ('bc_nam', '56', '05-31', '11-30', '11-30', 7);
INSERT INTO report_schedules VALUES ('bc_nam', '58', '05-31', '11-30', '11-30', 7);
INSERT INTO report_schedules VALUES ('bc_nam', '75', '06-15', '12-15', '12-15', 7);
