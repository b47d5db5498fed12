// E-mail of the notifications (issue 15, item 2): the settings and the outbox as the system
// administrator sees them (never the password), the test mail, and each user's own preference.
#include <spdlog/spdlog.h>

#include "domain/error.hpp"
#include "domain/mail.hpp"
#include "http/app.hpp"
#include "http/mail_sender.hpp"
#include "storage/mail_outbox.hpp"

namespace longghep {
using nlohmann::json;

namespace {
json settings_json(const MailOptions& o) {
  return {{"configured", o.enabled()},
          {"host", o.host},
          {"port", o.port},
          {"from", o.from},
          {"user", o.user},
          {"passwordSet", !o.password.empty()},
          {"passwordFile", o.password_file},
          {"security", o.security},
          {"starttlsSupported", mail_starttls_supported()},
          {"connectTimeoutMs", o.connect_timeout_ms},
          {"timeoutMs", o.timeout_ms},
          {"maxAttempts", o.max_attempts},
          {"retryBaseMs", o.retry_base_ms},
          {"retryMaxMs", o.retry_max_ms},
          {"batch", o.batch},
          {"pollMs", o.poll_ms},
          {"publicUrl", o.public_url}};
}

Response get_mail(Ctx& c) {
  json outbox;
  c.app.db().with_session([&](soci::session& s) { outbox = outbox_summary(s); });
  return Response::json({{"settings", settings_json(c.app.options().mail)}, {"outbox", outbox}});
}

// Sends the test mail now (synchronously, bounded by the SMTP timeouts), to `to` or to the
// administrator's own address; audited with its outcome.
Response test_mail_route(Ctx& c) {
  const MailOptions& o = c.app.options().mail;
  json b = c.body();
  std::string to = opt_string(b, "to", 254);
  if (!o.enabled())
    throw Error(409, "conflict", "Chưa cấu hình máy chủ thư (smtp_host); hệ thống không gửi thư",
                "No SMTP server is configured (smtp_host); the system sends no e-mail");
  if (to.empty()) c.app.db().with_session([&](soci::session& s) { to = mail_preference(s, c.me().user_id).email; });
  if (to.empty())
    throw Error::Validation("to", "Hãy nhập địa chỉ nhận thư thử (tài khoản của bạn chưa có thư điện tử)",
                            "Give an address for the test e-mail (your account has no e-mail address)");
  if (!plausible_mail_address(to))
    throw Error::Validation("to", "Địa chỉ thư điện tử không hợp lệ", "Invalid e-mail address");
  const std::string error = send_mail_now(o, to, test_mail(c.me().username));  // no database connection held meanwhile
  const Actor actor = actor_of(c);
  c.app.db().transact([&](soci::session& s) {
    record_audit(s, actor, {"create", "mail_test", to, c.me().org_unit_id, std::nullopt,
                            json{{"to", to}, {"sent", error.empty()}, {"error", error}}});
  });
  if (!error.empty()) {
    spdlog::warn("test e-mail by {} not sent: {}", c.me().username, error);
    throw Error(502, "smtp_failed", "Không gửi được thư thử: " + error, "The test e-mail could not be sent: " + error);
  }
  return Response::json({{"sent", true}, {"to", to}});
}

json preference_json(const App& app, const MailPreference& p) {
  return {{"email", p.email},
          {"emailNotifications", p.email_notifications},
          {"language", p.language.empty() ? "vi" : p.language},
          {"mailConfigured", app.options().mail.enabled()}};
}

Response get_my_mail(Ctx& c) {
  MailPreference p;
  c.app.db().with_session([&](soci::session& s) { p = mail_preference(s, c.me().user_id); });
  return Response::json(preference_json(c.app, p));
}

Response put_my_mail(Ctx& c) {
  json b = c.body();
  for (auto it = b.begin(); it != b.end(); ++it)
    if (it.key() != "emailNotifications" && it.key() != "language")
      throw Error::Validation(it.key(), "Trường không được hỗ trợ: " + it.key(), "Unsupported field: " + it.key());
  if (!b.contains("emailNotifications") || !b["emailNotifications"].is_boolean())
    throw Error::Validation("emailNotifications", "emailNotifications phải là true hoặc false",
                            "emailNotifications must be true or false");
  const bool on = b["emailNotifications"].get<bool>();
  std::string language = "vi";
  if (b.contains("language") && !b["language"].is_null()) {
    if (!b["language"].is_string() || (b["language"] != "vi" && b["language"] != "en"))
      throw Error::Validation("language", "Ngôn ngữ phải là vi hoặc en", "language must be vi or en");
    language = b["language"].get<std::string>();
  }
  MailPreference p;
  const Actor actor = actor_of(c);
  c.app.db().transact([&](soci::session& s) {
    set_mail_preference(s, c.me().user_id, on, language, actor);
    p = mail_preference(s, c.me().user_id);
  });
  return Response::json(preference_json(c.app, p));
}
}  // namespace

void add_mail_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/system/mail", Auth::Session, get_mail,
               "E-mail settings (never the password) and the outbox summary (system.manage: system_admin)", perm::kSystemManage});
  r.push_back({"POST", "/api/system/mail/test", Auth::Session, test_mail_route,
               "Send a test e-mail now with the configured SMTP settings (system.manage: system_admin)", perm::kSystemManage});
  r.push_back({"GET", "/api/me/mail", Auth::Session, get_my_mail, "Own e-mail notification preference"});
  r.push_back({"PUT", "/api/me/mail", Auth::Session, put_my_mail, "Switch own e-mail notifications on or off; their language"});
}

}  // namespace longghep
