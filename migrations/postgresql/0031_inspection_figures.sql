-- Figures of service businesses and their inspections (issue 17 §5, docs/api-inspections.md
-- "Figures"): computed report elements and an indicator. The rules are pure
-- (domain/inspection_figures.hpp): only final inspection records count; coverage = operating
-- businesses with ≥ 1 final inspection ÷ operating businesses.

-- Section 8 of the six-monthly and annual reports: computed elements of measure insp_<figure>
-- over the businesses of the unit's scope and their final inspections in the period's data span.
-- Counts only (compilation adds them up); coverage is businesses inspected ÷ operating.
INSERT INTO report_elements (form_code, code, position, section, label_vi, label_en, value_type, source, measure, section_en)
  SELECT f.code, x.code, x.pos, '8. Kiểm tra cơ sở kinh doanh dịch vụ', x.vi, x.en, 'number', 'computed', x.measure,
         '8. Inspections of service businesses'
  FROM report_forms f,
       (SELECT 'insp_businesses_operating' AS code, 600 AS pos, 'Số cơ sở kinh doanh dịch vụ đang hoạt động' AS vi, 'Operating service businesses' AS en, 'insp_businesses_operating' AS measure
        UNION ALL SELECT 'insp_businesses_inspected', 610, 'Số cơ sở được kiểm tra', 'Businesses inspected', 'insp_businesses_inspected'
        UNION ALL SELECT 'insp_inspections', 620, 'Số cuộc kiểm tra cơ sở kinh doanh dịch vụ', 'Inspections of service businesses', 'insp_inspections'
        UNION ALL SELECT 'insp_inspections_unannounced', 630, 'Trong đó: kiểm tra đột xuất', 'of which unannounced', 'insp_inspections_unannounced'
        UNION ALL SELECT 'insp_violations', 640, 'Số vi phạm phát hiện', 'Violations found', 'insp_violations'
        UNION ALL SELECT 'insp_fines', 650, 'Tổng số tiền phạt (đồng)', 'Fines (VND)', 'insp_fines') x
  WHERE f.code IN ('bc_6thang', 'bc_nam');

-- Coverage of the inspections: operating businesses inspected in the year ÷ operating businesses.
INSERT INTO indicators VALUES ('business_inspection_coverage', 80,
  'Tỷ lệ cơ sở kinh doanh dịch vụ được kiểm tra trong năm',
  'Service businesses inspected in the year', '%', 1,
  '{"measure":"businesses_inspected"}', '{"measure":"businesses","businessStatus":"operating"}', 1, 100, 80,
  'Nghị định 96/2016/NĐ-CP; kế hoạch kiểm tra liên ngành hằng năm', 1);

-- The registry's list walks businesses in name order (first page of 200,000 without a sort), and
-- the figures read a year of inspections by date.
CREATE INDEX businesses_name ON businesses(name_folded, id);
CREATE INDEX inspections_date ON inspections(inspected_on);
-- Counts of a status or a type within a scope read these alone (200,000 businesses: 0.4 s → 1 ms);
-- the page of a type reads its businesses in name order (names follow the type: "Karaoke …",
-- so walking all names in order would pass every other type first).
CREATE INDEX businesses_status_unit ON businesses(status, commune_unit_id);
CREATE INDEX businesses_type_unit ON businesses(type_code, commune_unit_id);
CREATE INDEX businesses_type_name ON businesses(type_code, name_folded, id);
