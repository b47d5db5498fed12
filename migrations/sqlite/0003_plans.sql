-- Programme review (guidance 221 §5.1) and integration plans with approval (§5.2, resources §4.3).
-- Taxonomies are editable data; approval rules are data; amounts are integer VND.
INSERT INTO permissions VALUES ('programmes.read', 'Xem rà soát chương trình liên quan', 'Read the programme review');
INSERT INTO permissions VALUES ('programmes.manage', 'Rà soát, đánh giá chương trình liên quan', 'Manage the programme review');
INSERT INTO permissions VALUES ('plans.read', 'Xem kế hoạch lồng ghép', 'Read integration plans');
INSERT INTO permissions VALUES ('plans.edit', 'Lập, sửa, gửi kế hoạch lồng ghép', 'Draft, edit and submit integration plans');
INSERT INTO permissions VALUES ('plans.approve', 'Phê duyệt, trả lại kế hoạch lồng ghép', 'Approve or return integration plans');
INSERT INTO permissions VALUES ('plans.all_agencies', 'Xem kế hoạch, chương trình của mọi cơ quan trong phạm vi', 'See the plans and programmes of every agency in scope');
INSERT INTO permissions VALUES ('taxonomies.manage', 'Quản lý danh mục', 'Manage taxonomies');

INSERT INTO role_permissions VALUES ('system_admin', 'programmes.read');
INSERT INTO role_permissions VALUES ('system_admin', 'programmes.manage');
INSERT INTO role_permissions VALUES ('system_admin', 'plans.read');
INSERT INTO role_permissions VALUES ('system_admin', 'plans.edit');
INSERT INTO role_permissions VALUES ('system_admin', 'plans.approve');
INSERT INTO role_permissions VALUES ('system_admin', 'plans.all_agencies');
INSERT INTO role_permissions VALUES ('system_admin', 'taxonomies.manage');
INSERT INTO role_permissions VALUES ('ministry_officer', 'programmes.read');
INSERT INTO role_permissions VALUES ('ministry_officer', 'plans.read');
INSERT INTO role_permissions VALUES ('ministry_officer', 'plans.all_agencies');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'programmes.read');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'programmes.manage');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'plans.read');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'plans.edit');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'plans.approve');
INSERT INTO role_permissions VALUES ('province_lead_officer', 'plans.all_agencies');
INSERT INTO role_permissions VALUES ('agency_focal_point', 'programmes.read');
INSERT INTO role_permissions VALUES ('agency_focal_point', 'programmes.manage');
INSERT INTO role_permissions VALUES ('agency_focal_point', 'plans.read');
INSERT INTO role_permissions VALUES ('agency_focal_point', 'plans.edit');
INSERT INTO role_permissions VALUES ('commune_officer', 'programmes.read');
INSERT INTO role_permissions VALUES ('commune_officer', 'programmes.manage');
INSERT INTO role_permissions VALUES ('commune_officer', 'plans.read');
INSERT INTO role_permissions VALUES ('commune_officer', 'plans.edit');
INSERT INTO role_permissions VALUES ('commune_officer', 'plans.all_agencies');
INSERT INTO role_permissions VALUES ('viewer', 'programmes.read');
INSERT INTO role_permissions VALUES ('viewer', 'plans.read');
INSERT INTO role_permissions VALUES ('viewer', 'plans.all_agencies');

-- Taxonomies (editable defaults). `grp` groups entries on screen (e.g. 4.1 a/b, 4.2 a/b/c).
CREATE TABLE programme_categories (
  code TEXT PRIMARY KEY, name_vi TEXT NOT NULL, name_en TEXT NOT NULL, grp TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1);
INSERT INTO programme_categories VALUES ('socio_economic', 'Phát triển kinh tế - xã hội', 'Socio-economic development', '', 10, 1);
INSERT INTO programme_categories VALUES ('poverty_ntp', 'Chương trình MTQG giảm nghèo bền vững', 'National target programme on sustainable poverty reduction', 'social_security', 20, 1);
INSERT INTO programme_categories VALUES ('vocational_rural', 'Đào tạo nghề cho lao động nông thôn', 'Vocational training for rural workers', 'social_security', 30, 1);
INSERT INTO programme_categories VALUES ('employment', 'Việc làm', 'Employment', 'social_security', 40, 1);
INSERT INTO programme_categories VALUES ('loans', 'Cho vay vốn, tín dụng chính sách', 'Loans and policy credit', 'social_security', 50, 1);
INSERT INTO programme_categories VALUES ('social_assistance', 'An sinh xã hội, trợ giúp xã hội', 'Social security and social assistance', 'social_security', 60, 1);
INSERT INTO programme_categories VALUES ('drug_prevention', 'Phòng, chống ma túy', 'Drug prevention', '', 70, 1);
INSERT INTO programme_categories VALUES ('anti_trafficking', 'Phòng, chống mua bán người', 'Anti-human-trafficking', '', 80, 1);
INSERT INTO programme_categories VALUES ('hiv_aids', 'Phòng, chống HIV/AIDS', 'HIV/AIDS prevention', '', 90, 1);
INSERT INTO programme_categories VALUES ('campaign', 'Cuộc vận động, phong trào', 'Campaigns', '', 100, 1);

CREATE TABLE target_groups (
  code TEXT PRIMARY KEY, name_vi TEXT NOT NULL, name_en TEXT NOT NULL, grp TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1);
INSERT INTO target_groups VALUES ('unemployed_youth', 'Thanh niên chưa có việc làm', 'Unemployed youth', 'prevention', 10, 1);
INSERT INTO target_groups VALUES ('service_workers', 'Người lao động trong các cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm', 'Workers in service businesses prone to prostitution', 'prevention', 20, 1);
INSERT INTO target_groups VALUES ('industrial_workers', 'Người lao động trong các khu công nghiệp, khu chế xuất', 'Workers in industrial and export-processing zones', 'prevention', 30, 1);
INSERT INTO target_groups VALUES ('migrant_workers', 'Lao động di cư', 'Migrant workers', 'prevention', 40, 1);
INSERT INTO target_groups VALUES ('rural_workers', 'Lao động nông thôn', 'Rural workers', 'prevention', 50, 1);
INSERT INTO target_groups VALUES ('gbv_victims', 'Nạn nhân bị bạo lực trên cơ sở giới', 'Victims of gender-based violence', 'prevention', 60, 1);
INSERT INTO target_groups VALUES ('poor_youth', 'Thanh niên thuộc hộ nghèo, cận nghèo', 'Youth of poor and near-poor households', 'prevention', 70, 1);
INSERT INTO target_groups VALUES ('students', 'Học sinh, sinh viên', 'Pupils and students', 'prevention', 80, 1);
INSERT INTO target_groups VALUES ('women_job_seekers', 'Phụ nữ có nhu cầu tìm việc làm', 'Women seeking jobs', 'prevention', 90, 1);
INSERT INTO target_groups VALUES ('other_high_risk', 'Các đối tượng có nguy cơ cao khác', 'Other high-risk groups', 'prevention', 100, 1);
INSERT INTO target_groups VALUES ('sex_workers', 'Người bán dâm', 'People who sell sex', 'harm_reduction', 110, 1);
INSERT INTO target_groups VALUES ('people_with_hiv', 'Người nhiễm HIV/AIDS', 'People living with HIV', 'harm_reduction', 120, 1);
INSERT INTO target_groups VALUES ('people_who_use_drugs', 'Người nghiện, sử dụng ma túy', 'People who use drugs', 'harm_reduction', 130, 1);
INSERT INTO target_groups VALUES ('trafficking_victims', 'Nạn nhân bị mua bán', 'Trafficking victims', 'harm_reduction', 140, 1);
INSERT INTO target_groups VALUES ('abuse_victims', 'Nạn nhân bị bạo hành, bạo lực', 'Victims of abuse and violence', 'harm_reduction', 150, 1);
INSERT INTO target_groups VALUES ('former_sex_workers', 'Người bán dâm hoàn lương có khó khăn về tài chính', 'Former sex workers with financial difficulty', 'harm_reduction', 160, 1);

CREATE TABLE intervention_types (
  code TEXT PRIMARY KEY, name_vi TEXT NOT NULL, name_en TEXT NOT NULL, grp TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1);
INSERT INTO intervention_types VALUES ('media', 'Truyền thông trên phương tiện thông tin đại chúng', 'Mass-media communication', 'a', 10, 1);
INSERT INTO intervention_types VALUES ('community_sessions', 'Tuyên truyền tại cộng đồng', 'Community communication sessions', 'a', 20, 1);
INSERT INTO intervention_types VALUES ('talks_zones_schools', 'Nói chuyện chuyên đề tại khu công nghiệp, trường học', 'Talks in industrial zones and schools', 'a', 30, 1);
INSERT INTO intervention_types VALUES ('contests', 'Hội thi, cuộc thi tìm hiểu', 'Contests', 'a', 40, 1);
INSERT INTO intervention_types VALUES ('print_materials', 'Tờ rơi, pano, băng rôn, loa truyền thanh', 'Leaflets, banners, loudspeakers', 'a', 50, 1);
INSERT INTO intervention_types VALUES ('school_curricula', 'Lồng ghép vào chương trình giáo dục', 'School curricula', 'a', 60, 1);
INSERT INTO intervention_types VALUES ('vocational_training', 'Đào tạo nghề', 'Vocational training', 'b', 70, 1);
INSERT INTO intervention_types VALUES ('job_placement', 'Giới thiệu, tạo việc làm', 'Job placement and creation', 'b', 80, 1);
INSERT INTO intervention_types VALUES ('loans', 'Hỗ trợ vay vốn', 'Loans', 'b', 90, 1);
INSERT INTO intervention_types VALUES ('agri_extension', 'Khuyến nông, khuyến lâm, khuyến ngư', 'Agricultural extension', 'b', 100, 1);
INSERT INTO intervention_types VALUES ('labour_export', 'Xuất khẩu lao động cho hộ nghèo', 'Labour export for poor households', 'b', 110, 1);
INSERT INTO intervention_types VALUES ('sti_counselling', 'Tư vấn, khám chữa bệnh lây truyền qua đường tình dục', 'STI counselling and treatment', 'c', 120, 1);
INSERT INTO intervention_types VALUES ('hiv_prevention', 'Phòng, chống HIV/AIDS', 'HIV prevention', 'c', 130, 1);
INSERT INTO intervention_types VALUES ('condoms', 'Cấp phát bao cao su', 'Condom distribution', 'c', 140, 1);
INSERT INTO intervention_types VALUES ('gbv_counselling', 'Tư vấn phòng, chống bạo lực trên cơ sở giới', 'Gender-based-violence counselling', 'c', 150, 1);
INSERT INTO intervention_types VALUES ('legal_aid', 'Trợ giúp pháp lý', 'Legal aid', 'c', 160, 1);
INSERT INTO intervention_types VALUES ('psych_counselling', 'Tư vấn tâm lý', 'Psychological counselling', 'c', 170, 1);
INSERT INTO intervention_types VALUES ('health_checks', 'Khám sức khỏe', 'Health checks', 'c', 180, 1);
INSERT INTO intervention_types VALUES ('health_insurance', 'Hỗ trợ thẻ bảo hiểm y tế', 'Health-insurance cards', 'c', 190, 1);
INSERT INTO intervention_types VALUES ('labour_contracts', 'Hợp đồng lao động, bảo hiểm xã hội', 'Labour contracts and social insurance', 'c', 200, 1);
INSERT INTO intervention_types VALUES ('staff_training', 'Tập huấn cán bộ', 'Staff training', 'other', 210, 1);
INSERT INTO intervention_types VALUES ('inspections', 'Kiểm tra liên ngành', 'Inter-agency inspections', 'other', 220, 1);
INSERT INTO intervention_types VALUES ('pilot_models', 'Xây dựng mô hình thí điểm', 'Pilot models', 'other', 230, 1);
INSERT INTO intervention_types VALUES ('clubs_peer_groups', 'Câu lạc bộ, nhóm đồng đẳng, tự lực', 'Clubs, peer and self-help groups', 'other', 240, 1);

CREATE TABLE funding_sources (
  code TEXT PRIMARY KEY, name_vi TEXT NOT NULL, name_en TEXT NOT NULL, grp TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1);
INSERT INTO funding_sources VALUES ('central_budget', 'Ngân sách trung ương', 'Central budget', 'state_budget', 10, 1);
INSERT INTO funding_sources VALUES ('provincial_budget', 'Ngân sách tỉnh', 'Provincial budget', 'state_budget', 20, 1);
INSERT INTO funding_sources VALUES ('commune_budget', 'Ngân sách xã', 'Commune budget', 'state_budget', 30, 1);
INSERT INTO funding_sources VALUES ('national_target_programmes', 'Chương trình mục tiêu quốc gia', 'National target programmes', '', 40, 1);
INSERT INTO funding_sources VALUES ('integrated_programmes', 'Kinh phí lồng ghép từ chương trình khác', 'Other programmes'' funds integrated', '', 50, 1);
INSERT INTO funding_sources VALUES ('socialisation', 'Xã hội hóa', 'Socialisation (private contributions)', '', 60, 1);
INSERT INTO funding_sources VALUES ('international', 'Dự án quốc tế', 'International projects', '', 70, 1);

-- Related programmes under review (§5.1), per org unit and year.
CREATE TABLE programmes (
  id INTEGER PRIMARY KEY,
  key TEXT UNIQUE,
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  year INTEGER NOT NULL,
  name TEXT NOT NULL,
  name_folded TEXT NOT NULL,
  category_code TEXT NOT NULL REFERENCES programme_categories(code),
  lead_agency_id INTEGER NOT NULL REFERENCES agencies(id),
  interventions_note TEXT NOT NULL DEFAULT '',
  beneficiaries_potential TEXT NOT NULL DEFAULT 'none' CHECK (beneficiaries_potential IN ('high', 'medium', 'low', 'none')),
  beneficiaries_note TEXT NOT NULL DEFAULT '',
  interventions_potential TEXT NOT NULL DEFAULT 'none' CHECK (interventions_potential IN ('high', 'medium', 'low', 'none')),
  interventions_potential_note TEXT NOT NULL DEFAULT '',
  resources_potential TEXT NOT NULL DEFAULT 'none' CHECK (resources_potential IN ('high', 'medium', 'low', 'none')),
  resources_note TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE INDEX programmes_unit_year ON programmes(org_unit_id, year);

CREATE TABLE programme_target_groups (
  programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  target_group_code TEXT NOT NULL REFERENCES target_groups(code),
  PRIMARY KEY (programme_id, target_group_code));

CREATE TABLE programme_interventions (
  programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  intervention_type_code TEXT NOT NULL REFERENCES intervention_types(code),
  PRIMARY KEY (programme_id, intervention_type_code));

CREATE TABLE programme_budget (
  id INTEGER PRIMARY KEY,
  programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  funding_source_code TEXT NOT NULL REFERENCES funding_sources(code),
  year INTEGER NOT NULL,
  amount INTEGER NOT NULL CHECK (amount >= 0));
CREATE INDEX programme_budget_programme ON programme_budget(programme_id);

-- Who approves the plans of a kind of unit: a holder of approver_role whose home unit has kind
-- approver_unit_kind and whose scope holds the plan's unit (the same unit or an ancestor).
CREATE TABLE approval_rules (
  id INTEGER PRIMARY KEY,
  plan_unit_kind TEXT NOT NULL REFERENCES org_unit_kinds(code),
  approver_role TEXT NOT NULL REFERENCES roles(code),
  approver_unit_kind TEXT NOT NULL REFERENCES org_unit_kinds(code),
  UNIQUE (plan_unit_kind, approver_role, approver_unit_kind));
INSERT INTO approval_rules(plan_unit_kind, approver_role, approver_unit_kind) VALUES ('province', 'province_lead_officer', 'province');
INSERT INTO approval_rules(plan_unit_kind, approver_role, approver_unit_kind) VALUES ('district', 'province_lead_officer', 'province');
INSERT INTO approval_rules(plan_unit_kind, approver_role, approver_unit_kind) VALUES ('commune', 'province_lead_officer', 'province');
INSERT INTO approval_rules(plan_unit_kind, approver_role, approver_unit_kind) VALUES ('province', 'system_admin', 'central');
INSERT INTO approval_rules(plan_unit_kind, approver_role, approver_unit_kind) VALUES ('district', 'system_admin', 'central');
INSERT INTO approval_rules(plan_unit_kind, approver_role, approver_unit_kind) VALUES ('commune', 'system_admin', 'central');

-- Integration plans (§5.2): one row per version; versions of one plan share root_id.
CREATE TABLE integration_plans (
  id INTEGER PRIMARY KEY,
  key TEXT UNIQUE,
  root_id INTEGER REFERENCES integration_plans(id),
  plan_version INTEGER NOT NULL DEFAULT 1,
  org_unit_id INTEGER NOT NULL REFERENCES org_units(id),
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  year INTEGER NOT NULL,
  title TEXT NOT NULL,
  title_folded TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'superseded')),
  submitted_by INTEGER REFERENCES users(id),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (org_unit_id, agency_id, year, plan_version));
CREATE INDEX integration_plans_root ON integration_plans(root_id);
CREATE INDEX integration_plans_status ON integration_plans(status);

CREATE TABLE plan_beneficiaries (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES integration_plans(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  target_group_code TEXT NOT NULL REFERENCES target_groups(code),
  programme_id INTEGER NOT NULL REFERENCES programmes(id),
  planned_count INTEGER CHECK (planned_count >= 0),
  note TEXT NOT NULL DEFAULT '');
CREATE INDEX plan_beneficiaries_plan ON plan_beneficiaries(plan_id);

CREATE TABLE plan_activities (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES integration_plans(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  intervention_type_code TEXT NOT NULL REFERENCES intervention_types(code),
  target_group_code TEXT REFERENCES target_groups(code),
  programme_id INTEGER REFERENCES programmes(id),
  description TEXT NOT NULL,
  planned_quantity INTEGER CHECK (planned_quantity >= 0),
  quantity_unit TEXT NOT NULL DEFAULT '',
  start_date TEXT,
  end_date TEXT,
  location_unit_id INTEGER REFERENCES org_units(id),
  lead_agency_id INTEGER NOT NULL REFERENCES agencies(id));
CREATE INDEX plan_activities_plan ON plan_activities(plan_id);

CREATE TABLE plan_activity_partners (
  activity_id INTEGER NOT NULL REFERENCES plan_activities(id) ON DELETE CASCADE,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  PRIMARY KEY (activity_id, agency_id));

CREATE TABLE plan_budget_lines (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES integration_plans(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  funding_source_code TEXT NOT NULL REFERENCES funding_sources(code),
  year INTEGER NOT NULL,
  amount INTEGER NOT NULL CHECK (amount >= 0),
  programme_id INTEGER REFERENCES programmes(id),
  note TEXT NOT NULL DEFAULT '');
CREATE INDEX plan_budget_lines_plan ON plan_budget_lines(plan_id);

-- The workflow history: every transition with who, when and the comment.
CREATE TABLE plan_transitions (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES integration_plans(id) ON DELETE CASCADE,
  action TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  username TEXT NOT NULL,
  at TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '');
CREATE INDEX plan_transitions_plan ON plan_transitions(plan_id);
