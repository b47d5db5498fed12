// The mail outbox (migration 0022): mails of the notifications, queued in the transaction of the
// notification, claimed and recorded by the background sender (http/mail_sender.hpp), summed up
// for the system administrators. And the users' e-mail preferences.
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "storage/audit.hpp"

namespace longghep {

// Whether notifications are mailed (SMTP configured) and the link the mails carry: set once at
// start by the server (App), read by notify(). Default: off.
void set_mail_queueing(bool enabled, const std::string& public_url);
bool mail_queueing_enabled();

// Queues the mail of notification `notification_id` for `user_id` when queueing is on and the
// user is active, has an e-mail address and did not switch e-mail off; in the user's language.
// Returns whether a row was written.
bool queue_notification_mail(soci::session& s, long long notification_id, long long user_id, const std::string& title_vi,
                             const std::string& title_en);

// UTC now as "YYYY-MM-DDTHH:MM:SS.mmmZ" (+ offset_ms): the outbox's clock (ordered as text).
std::string outbox_time(long long offset_ms = 0);

struct OutboxMail {
  long long id = 0;
  std::string recipient, subject, body;
  int attempts = 0;  // after this claim
};
// Claims at most `limit` due queued mails (next_attempt_at <= now): each is moved `lease_ms` into
// the future and its attempts counted, by a conditional update, so that another server on the same
// database (or a crash in the middle) neither sends it twice at once nor loses it.
std::vector<OutboxMail> claim_due_mail(soci::session& s, int limit, long long lease_ms);
// A claimed mail that was not tried (the server stops): due again now, the attempt not counted.
void release_mail(soci::session& s, long long id);
void record_mail_sent(soci::session& s, long long id);
// A failed attempt: queued again at next_attempt_at, or failed when `final`.
void record_mail_failure(soci::session& s, long long id, const std::string& error, bool final, long long retry_in_ms);

// {queued, sent, failed, dueNow, oldestQueuedAt, recent:[{id, notificationId, recipient, subject,
// status, attempts, nextAttemptAt, lastError, createdAt, sentAt}]} (recent: the latest 20).
nlohmann::json outbox_summary(soci::session& s);

struct MailPreference {
  std::string email;
  bool email_notifications = true;
  std::string language;  // '', 'vi' or 'en'
};
MailPreference mail_preference(soci::session& s, long long user_id);
void set_mail_preference(soci::session& s, long long user_id, bool email_notifications, const std::string& language,
                         const Actor& actor);

}  // namespace longghep
