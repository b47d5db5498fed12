// The e-mail of the notifications, sent (issue 15, item 2): one background thread per server,
// started with it when SMTP is configured (MailOptions::enabled()) and stopped with it.
//
// Each round (every mail_poll_ms) it claims a bounded batch of due mails from the outbox in one
// short transaction, gives the connection back, talks to the SMTP server (Poco SMTPClientSession,
// connect and read timeouts, STARTTLS with Poco SecureSMTPClientSession when smtp_security is
// starttls), then records each result in a second short transaction: sent, or the error and the
// next attempt after a backoff (domain/mail.hpp), failed after mail_max_attempts. No database
// connection is held while the SMTP server is spoken to. The password is never logged.
#pragma once
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "domain/mail.hpp"
#include "storage/database.hpp"

namespace longghep {

// Sends one mail now over a connection of its own: "" when sent, else the server's or the
// network's reason (the password masked).
std::string send_mail_now(const MailOptions& o, const std::string& to, const MailText& m);

// The message as it goes over the wire (headers and quoted-printable body), for the unit tests.
std::string mail_message_text(const MailOptions& o, const std::string& to, const MailText& m);

// Whether this build can speak STARTTLS (Poco NetSSL linked): always true in this build.
bool mail_starttls_supported();

class MailSender {
 public:
  MailSender(Database& db, MailOptions opt);
  ~MailSender();
  MailSender(const MailSender&) = delete;
  MailSender& operator=(const MailSender&) = delete;
  void start();
  // Bounded: the current SMTP exchange ends within its timeouts; mails claimed but not yet tried
  // are given back to the queue.
  void stop();
  // One round now (also what the thread does every poll_ms): how many mails were claimed.
  int round();

 private:
  void run();
  Database& db_;
  MailOptions opt_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // guarded by mu_
  std::atomic<bool> stop_flag_{false};
  std::thread thread_;
};

}  // namespace longghep
