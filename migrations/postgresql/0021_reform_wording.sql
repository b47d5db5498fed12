-- Issue 15: wording after the 2025 reorganisation of administrative units, and English section
-- headings of the report forms.
--
-- Since 01/07/2025 there are no district-level units and no "thị trấn" (townships): the commune
-- level is "xã, phường, đặc khu". The shipped indicator is renamed only where its row still holds
-- the original wording, so a name or source a user has edited stays as it is.
UPDATE indicators
   SET name_vi = 'Tỷ lệ xã, phường, đặc khu tổ chức ít nhất một hình thức tuyên truyền phòng, chống mại dâm'
 WHERE code = 'communes_communication'
   AND name_vi = 'Tỷ lệ xã, phường, thị trấn tổ chức ít nhất một hình thức tuyên truyền phòng, chống mại dâm';
UPDATE indicators
   SET source = 'Kế hoạch Hải Dương 2021 (100%); Chương trình 2021–2025 (70% đơn vị cấp xã tuyên truyền nâng cao nhận thức)'
 WHERE code = 'communes_communication'
   AND source = 'Kế hoạch Hải Dương 2021 (100%); Chương trình 2021–2025 (70% xã, phường, thị trấn tuyên truyền nâng cao nhận thức)';

-- The English heading of each section of a report form (shown in English mode; '' = none).
ALTER TABLE report_elements ADD COLUMN section_en TEXT NOT NULL DEFAULT '';
UPDATE report_elements SET section_en = '1. Information, communication and education' WHERE section = '1. Thông tin, truyền thông, giáo dục';
UPDATE report_elements SET section_en = '2. People reached' WHERE section = '2. Người được tiếp cận';
UPDATE report_elements SET section_en = '3. Livelihood support and harm reduction' WHERE section = '3. Hỗ trợ sinh kế, giảm hại';
UPDATE report_elements SET section_en = '4. Inter-agency inspections and training' WHERE section = '4. Kiểm tra liên ngành, tập huấn';
UPDATE report_elements SET section_en = '5. Funding' WHERE section = '5. Kinh phí';
UPDATE report_elements SET section_en = '6. Assessment' WHERE section = '6. Đánh giá';
