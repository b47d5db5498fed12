-- Directives and tasks from the screen (issue 15, item 1).
-- A task's deadline extended with a reason: the history of extensions. POST /api/tasks/{id}/extensions
-- writes a row and moves tasks.due_date to the new date in the same transaction, so the current
-- due date (and `overdue`, derived from it) is the latest extension's; `previous_due` keeps the
-- date it replaced (the first row's is the original deadline). One-off deadlines only.
CREATE TABLE task_extensions (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  previous_due TEXT NOT NULL,
  new_due TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (length(reason) > 0),
  user_id INTEGER REFERENCES users(id),
  username TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (new_due > previous_due));
CREATE INDEX task_extensions_task ON task_extensions(task_id, id);

-- The inter-agency coordination plan of guidance 221 §5.2 ("Ủy ban nhân dân các cấp ban hành kế
-- hoạch phối hợp giữa các cơ quan, đơn vị về thực hiện lồng ghép"): a directive of this kind,
-- linked to the integration plan it coordinates (plan_id, nullable; any directive may name one).
INSERT INTO directive_kinds VALUES ('coordination_plan', 'Kế hoạch phối hợp', 'Coordination plan', 6);
ALTER TABLE directives ADD COLUMN plan_id INTEGER REFERENCES integration_plans(id);
CREATE INDEX directives_plan ON directives(plan_id);

-- Notifications that must be written once only (an overdue task: once per task, due date and
-- user), created when the user's notifications or "my work" are read: the key makes the insert
-- idempotent, so two concurrent reads cannot write it twice.
ALTER TABLE notifications ADD COLUMN dedup_key TEXT;
CREATE UNIQUE INDEX notifications_dedup ON notifications(user_id, dedup_key);
