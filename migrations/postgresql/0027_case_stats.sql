-- Statistics of people supported (issue 16 §3–4, docs/api-cases.md "Statistics"): computed report
-- elements over the support records (consenting to statistics only; small cells suppressed when
-- shown) and an indicator of the people supported through mainstreaming.

-- A computed element of measure case_people / case_services may count one host programme
-- (programme_categories code; '' = all).
ALTER TABLE report_elements ADD COLUMN host_programme TEXT NOT NULL DEFAULT '';

-- Section 7 of the six-monthly and annual reports: people supported (distinct records with at
-- least one service in the period's data span), of whom through each host programme (a person
-- served by two programmes counts in both, once in the total), and services delivered.
INSERT INTO report_elements (form_code, code, position, section, label_vi, label_en, value_type, source, measure, section_en)
  SELECT f.code, 'case_people', 300, '7. Người được hỗ trợ thông qua lồng ghép',
         'Số người được hỗ trợ thông qua lồng ghép', 'People supported through mainstreaming', 'number', 'computed',
         'case_people', '7. People supported through mainstreaming'
  FROM report_forms f WHERE f.code IN ('bc_6thang', 'bc_nam');
INSERT INTO report_elements (form_code, code, position, section, label_vi, label_en, value_type, source, measure, section_en, host_programme)
  SELECT f.code, 'case_people_' || p.code, 300 + p.sort_order, '7. Người được hỗ trợ thông qua lồng ghép',
         'Trong đó: qua ' || p.name_vi, 'of whom through ' || p.name_en, 'number', 'computed',
         'case_people', '7. People supported through mainstreaming', p.code
  FROM report_forms f, programme_categories p WHERE f.code IN ('bc_6thang', 'bc_nam');
INSERT INTO report_elements (form_code, code, position, section, label_vi, label_en, value_type, source, measure, section_en)
  SELECT f.code, 'case_services', 500, '7. Người được hỗ trợ thông qua lồng ghép',
         'Số lượt dịch vụ được cung cấp', 'Services delivered', 'number', 'computed',
         'case_services', '7. People supported through mainstreaming'
  FROM report_forms f WHERE f.code IN ('bc_6thang', 'bc_nam');

-- The indicator of people supported through mainstreaming (distinct support records consenting to
-- statistics with a service in the year; a count of 1..4 is suppressed: no value, grey). A term
-- may name one host programme ({"measure":"case_people","hostProgramme":"hiv_aids"}) to make one
-- per programme.
INSERT INTO indicators VALUES ('case_people_supported', 70,
  'Số người được hỗ trợ thông qua lồng ghép',
  'People supported through mainstreaming', 'người', 0,
  '{"measure":"case_people"}', '', 1, 100, 80, 'Đề án hỗ trợ người bán dâm, người nhiễm HIV (hồ sơ hỗ trợ)', 1);
