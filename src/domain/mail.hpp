// E-mail of the notifications (issue 15, item 2): the settings and the pure parts — the text of a
// mail in the recipient's language, the retry schedule, checks of an address. No I/O here: the
// outbox is storage/mail_outbox.*, the SMTP client and the background sender http/mail_sender.*.
#pragma once
#include <string>

namespace longghep {

// The SMTP settings (app/config: config file, LONGGHEP_SMTP_* environment, flags). No host = no
// e-mail at all: nothing is queued, nothing is sent, nothing else changes.
struct MailOptions {
  std::string host;                     // smtp_host; empty: e-mail off
  int port = 25;                        // smtp_port
  std::string from;                     // smtp_from: the sender address (required with a host)
  std::string user;                     // smtp_user: empty = no AUTH
  std::string password;                 // from $LONGGHEP_SMTP_PASSWORD or smtp_password_file; never logged, never answered
  std::string password_file;            // smtp_password_file (the path is shown, not its content)
  std::string security = "none";        // smtp_security: none | starttls
  long long connect_timeout_ms = 10000; // smtp_connect_timeout_ms
  long long timeout_ms = 30000;         // smtp_timeout_ms: each read/write of the SMTP dialogue
  int max_attempts = 8;                 // mail_max_attempts: then the mail is "failed"
  long long retry_base_ms = 60000;      // mail_retry_base_ms: the first retry, doubled each time …
  long long retry_max_ms = 6LL * 3600 * 1000;  // mail_retry_max_ms: … up to this
  int batch = 20;                       // mail_batch: mails claimed per round
  long long poll_ms = 5000;             // mail_poll_ms: the sender looks for due mail this often
  std::string public_url;               // mail_public_url: the link in the mails (e.g. https://longghep.example.vn)
  bool enabled() const { return !host.empty(); }
};

// Throws Error (vi + en) when the settings cannot work: a host without a sender address, a bad
// address, an unknown security mode, a user without a password.
void validate_mail_options(const MailOptions& o);

// A plausible single address: one '@', no spaces, no control characters or angle brackets, at
// most 254 bytes. (The SMTP server has the last word.)
bool plausible_mail_address(const std::string& a);

// The milliseconds to wait after the n-th failed attempt (n >= 1): base · 2^(n-1), at most max_ms.
long long mail_backoff_ms(int attempts, long long base_ms, long long max_ms);

struct MailText {
  std::string subject, body;
};
// The mail of a notification in the recipient's language ("en", else Vietnamese): the subject is
// the notification's title; the body greets the user by name, repeats the title, points to "Việc
// của tôi" (with the link when public_url is set) and says how to stop these mails.
MailText notification_mail(const std::string& language, const std::string& full_name, const std::string& title_vi,
                           const std::string& title_en, const std::string& public_url);
// The test mail of the settings page, in both languages.
MailText test_mail(const std::string& sent_by);

// An SMTP error message as it may be stored and shown: at most 500 bytes, control characters
// replaced, and every occurrence of `secret` (the SMTP password) masked.
std::string sanitize_mail_error(const std::string& message, const std::string& secret);

}  // namespace longghep
