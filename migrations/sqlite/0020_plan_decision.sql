-- The approval decision of an integration plan (issue 15, item 1; guidance 221 §5.2 "trình cấp có
-- thẩm quyền phê duyệt"): the approving body (e.g. "UBND tỉnh Gia Lai"), the decision's number
-- (e.g. "123/QĐ-UBND", at most 64 characters) and its date (YYYY-MM-DD). Set when a plan is
-- approved (required then), correctable afterwards by the approver; NULL on plans approved before.
ALTER TABLE integration_plans ADD COLUMN decision_body TEXT;
ALTER TABLE integration_plans ADD COLUMN decision_number TEXT;
ALTER TABLE integration_plans ADD COLUMN decision_date TEXT;
