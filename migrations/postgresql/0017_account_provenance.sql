-- The two-person rule across accounts (issue 13): who created each account, and the permission to
-- create or grant accounts that carry approval rights (plans.approve, reports.review), held only
-- above the province. A province may still create accounts without approval rights in its scope.
-- created_at already records when; created_by is NULL for accounts created before this migration,
-- by first-run setup or by the command line.
ALTER TABLE users ADD COLUMN created_by BIGINT REFERENCES users(id);
INSERT INTO permissions VALUES ('users.grant_approval', 'Tạo, cấp tài khoản có quyền phê duyệt, tiếp nhận', 'Create or grant accounts with approval rights');
INSERT INTO role_permissions VALUES ('system_admin', 'users.grant_approval');
INSERT INTO role_permissions VALUES ('ministry_officer', 'users.grant_approval');
