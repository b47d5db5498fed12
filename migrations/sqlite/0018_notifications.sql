-- "Việc của tôi" and in-app notifications (issue 15, item 2).
-- A notification is written in the same transaction as the workflow event it tells of (a plan
-- submitted / returned / approved, a report submitted / returned / accepted, a task assigned /
-- extended), to each user who acts next or whose record it is. Overdue tasks are derived when
-- listing (never stored). kind: plan_submitted, plan_returned, plan_approved, report_submitted,
-- report_returned, report_accepted, task_assigned, task_extended. subject_kind: plan, report, task.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('plan', 'report', 'task')),
  subject_id INTEGER NOT NULL,
  org_unit_id INTEGER REFERENCES org_units(id),
  title_vi TEXT NOT NULL,
  title_en TEXT NOT NULL,
  actor_user_id INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  read_at TEXT);
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_unread ON notifications(user_id, read_at);

-- Approval routing is data: the ministry approves the plans of provinces (guidance 221 §5.2:
-- "trình cấp có thẩm quyền phê duyệt"), so its officers see them waiting in "my work".
INSERT INTO role_permissions VALUES ('ministry_officer', 'plans.approve');
INSERT INTO approval_rules(plan_unit_kind, approver_role, approver_unit_kind) VALUES ('province', 'ministry_officer', 'central');
