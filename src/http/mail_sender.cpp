#include "http/mail_sender.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SecureSMTPClientSession.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>
#include <Poco/Timestamp.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <memory>
#include <mutex>
#include <sstream>
#include <vector>

#include "domain/error.hpp"
#include "http/tls_client.hpp"
#include "storage/mail_outbox.hpp"

namespace longghep {
namespace {

Poco::Timespan span_ms(long long ms) { return Poco::Timespan(ms * 1000); }

// The message: UTF-8 plain text, quoted-printable body, RFC 2047 subject.
void build_message(Poco::Net::MailMessage& msg, const MailOptions& o, const std::string& to, const MailText& m) {
  msg.setSender(o.from);
  msg.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, to));
  msg.setSubject(Poco::Net::MailMessage::encodeWord(m.subject, "UTF-8"));
  msg.setContentType("text/plain; charset=UTF-8");
  msg.setContent(m.body, Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
  msg.setDate(Poco::Timestamp());
}


// One SMTP connection: connected (with the connect timeout), greeted, secured (STARTTLS) and
// authenticated in the constructor; closed (QUIT) in the destructor.
class SmtpConnection {
 public:
  explicit SmtpConnection(const MailOptions& o) {
    Poco::Net::StreamSocket socket;
    socket.connect(Poco::Net::SocketAddress(o.host, static_cast<Poco::UInt16>(o.port)), span_ms(o.connect_timeout_ms));
    socket.setReceiveTimeout(span_ms(o.timeout_ms));
    socket.setSendTimeout(span_ms(o.timeout_ms));
    if (o.security == "starttls") {
      auto secure = std::make_unique<Poco::Net::SecureSMTPClientSession>(socket);
      secure->setTimeout(span_ms(o.timeout_ms));
      secure->login();  // EHLO
      Poco::Net::Context::Ptr ctx = tls_client_context();
      if (!secure->startTLS(ctx))
        throw Poco::Net::SMTPException("the server does not offer STARTTLS (smtp_security = starttls)");
      session_ = std::move(secure);
    } else {
      session_ = std::make_unique<Poco::Net::SMTPClientSession>(socket);
      session_->setTimeout(span_ms(o.timeout_ms));
    }
    if (o.user.empty()) session_->login();
    else session_->login(Poco::Net::SMTPClientSession::AUTH_LOGIN, o.user, o.password);
  }
  ~SmtpConnection() {
    try {
      session_->close();
    } catch (...) {
    }
  }
  void send(const MailOptions& o, const std::string& to, const MailText& m) {
    Poco::Net::MailMessage msg;
    build_message(msg, o, to, m);
    session_->sendMessage(msg);
  }

 private:
  std::unique_ptr<Poco::Net::SMTPClientSession> session_;
};

std::string reason_of(const std::exception& e, const MailOptions& o) {
  if (const auto* pe = dynamic_cast<const Poco::Exception*>(&e)) return sanitize_mail_error(pe->displayText(), o.password);
  return sanitize_mail_error(e.what(), o.password);
}

struct Outcome {
  long long id = 0;
  int attempts = 0;
  bool sent = false, tried = false;
  std::string error;
};
}  // namespace

bool mail_starttls_supported() { return true; }

std::string mail_message_text(const MailOptions& o, const std::string& to, const MailText& m) {
  Poco::Net::MailMessage msg;
  build_message(msg, o, to, m);
  std::ostringstream out;
  msg.write(out);
  return out.str();
}

std::string send_mail_now(const MailOptions& o, const std::string& to, const MailText& m) {
  try {
    SmtpConnection conn(o);
    conn.send(o, to, m);
    return "";
  } catch (const std::exception& e) {
    return reason_of(e, o);
  }
}

MailSender::MailSender(Database& db, MailOptions opt) : db_(db), opt_(std::move(opt)) {}
MailSender::~MailSender() { stop(); }

void MailSender::start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { run(); });
}

void MailSender::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    stop_flag_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void MailSender::run() {
  // The signals are the main thread's (run_server waits for them); never this thread's.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  spdlog::info("mail sender started: smtp {}:{} security={} auth={}", opt_.host, opt_.port, opt_.security,
               opt_.user.empty() ? "none" : "login");
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, std::chrono::milliseconds(opt_.poll_ms), [&] { return stopping_; });
      if (stopping_) break;
    }
    try {
      round();
    } catch (const std::exception& e) {
      spdlog::warn("mail sender: round failed: {}", sanitize_mail_error(e.what(), opt_.password));
    }
  }
  spdlog::info("mail sender stopped");
}

int MailSender::round() {
  // Long enough for the whole batch to be tried; a crash in the middle leaves the mails due again then.
  const long long lease_ms = static_cast<long long>(opt_.batch) * (opt_.connect_timeout_ms + 2 * opt_.timeout_ms) + 60000;
  std::vector<OutboxMail> batch;
  db_.transact([&](soci::session& s) { batch = claim_due_mail(s, opt_.batch, lease_ms); });
  if (batch.empty()) return 0;
  // The SMTP dialogue, with no database connection held.
  std::vector<Outcome> done;
  std::unique_ptr<SmtpConnection> conn;
  std::string connect_error;  // the server cannot be reached: the rest of the batch waits with this reason
  for (const auto& m : batch) {
    Outcome r{m.id, m.attempts, false, false, ""};
    if (stop_flag_) {
      done.push_back(r);  // not tried: given back
      continue;
    }
    r.tried = true;
    if (!connect_error.empty()) {
      r.error = connect_error;
      done.push_back(r);
      continue;
    }
    try {
      if (!conn) {
        try {
          conn = std::make_unique<SmtpConnection>(opt_);
        } catch (const std::exception& e) {
          connect_error = reason_of(e, opt_);
          throw;
        }
      }
      conn->send(opt_, m.recipient, {m.subject, m.body});
      r.sent = true;
    } catch (const std::exception& e) {
      r.error = reason_of(e, opt_);
      conn.reset();  // a fresh connection for the next mail
    }
    done.push_back(r);
  }
  conn.reset();
  int sent = 0, failed = 0;
  std::string last_error;
  db_.transact([&](soci::session& s) {
    for (const auto& r : done) {
      if (!r.tried) {
        release_mail(s, r.id);
      } else if (r.sent) {
        record_mail_sent(s, r.id);
        ++sent;
      } else {
        const bool final = r.attempts >= opt_.max_attempts;
        record_mail_failure(s, r.id, r.error, final,
                            final ? 0 : mail_backoff_ms(r.attempts, opt_.retry_base_ms, opt_.retry_max_ms));
        ++failed;
        last_error = r.error;
      }
    }
  });
  if (sent) spdlog::info("mail sender: {} mail(s) sent", sent);
  if (failed) spdlog::warn("mail sender: {} mail(s) not sent: {}", failed, last_error);
  return static_cast<int>(batch.size());
}

}  // namespace longghep
