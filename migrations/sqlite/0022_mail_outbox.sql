-- E-mail of the notifications (issue 15, item 2), optional: only when SMTP is configured.
-- A user may switch e-mail off (email_notifications = 0) and choose the language of the mails
-- (language: '' or 'vi' = Vietnamese, 'en' = English).
ALTER TABLE users ADD COLUMN email_notifications INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT '';

-- The durable outbox: a row is written in the same transaction as its notification (so a
-- rolled-back event mails nobody) and sent later by the one background sender of the server,
-- which claims due rows (moving next_attempt_at past a lease), sends them without holding a
-- database connection, then records sent / the error and the next attempt (backoff), until
-- mail_max_attempts makes it failed. notification_id is null for other mails (none yet).
CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY,
  notification_id INTEGER REFERENCES notifications(id),
  user_id INTEGER REFERENCES users(id),
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sent_at TEXT);
CREATE INDEX mail_outbox_due ON mail_outbox(status, next_attempt_at);
CREATE INDEX mail_outbox_notification ON mail_outbox(notification_id);

-- The e-mail settings and the outbox are the system administrator's (GET /api/system/mail,
-- POST /api/system/mail/test).
INSERT INTO permissions VALUES ('system.manage', 'Cấu hình hệ thống (thư điện tử)', 'System settings (e-mail)');
INSERT INTO role_permissions VALUES ('system_admin', 'system.manage');
