-- Issue 12 (items 1, 3, 4): a level's report is its compilation, periods have a data cut-off,
-- indicator terms filter by the level and agency kind that recorded an activity.

-- The data cut-off (chốt số liệu, "MM-DD") of each period of a schedule: the last such day on or
-- before the deadline. NULL: the day before the deadline (Decree 09/2019/NĐ-CP art. 12: figures to
-- 14/6 for a report due 15/6). The Ninh Thuận / Khánh Hòa regime (due 31/5 and 30/11) counts
-- figures to the 15th of the month.
ALTER TABLE report_schedules ADD COLUMN h1_cutoff TEXT;
ALTER TABLE report_schedules ADD COLUMN h2_cutoff TEXT;
ALTER TABLE report_schedules ADD COLUMN year_cutoff TEXT;
UPDATE report_schedules SET h1_cutoff = '05-15', h2_cutoff = '11-15', year_cutoff = '11-15' WHERE unit_code IN ('56', '58');

-- The two parts of a level's submitted report (values = compiled + own per element) and the units
-- below that had no accepted report when it was submitted (confirmed by the submitter):
-- {"compiled":{…},"own":{…},"missingUnits":[{"code","name","status","kind"}]}.
CREATE TABLE report_compilations (
  report_id INTEGER PRIMARY KEY REFERENCES reports(id),
  compilation_json TEXT NOT NULL);

-- "đăng tải trên cơ quan báo chí cấp tỉnh ít nhất một tháng một lần" (Kế hoạch Hải Dương 2021): only the
-- articles recorded by province-level units or by press agencies count.
UPDATE indicators SET numerator_json =
  '{"measure":"months_with","outputKind":"press_articles","minCount":1,"recordedBy":{"levels":["province"],"agencyKinds":["bao_chi"]}}'
  WHERE code = 'press_monthly';
