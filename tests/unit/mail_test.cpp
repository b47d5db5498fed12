// E-mail of the notifications (issue 15): the pure parts — settings checks, retry schedule, the
// text of a mail in the user's language, error sanitising — the message as Poco writes it, and
// the SMTP settings read from the configuration.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "app/config.hpp"
#include "domain/error.hpp"
#include "domain/mail.hpp"
#include "http/mail_sender.hpp"

using namespace longghep;

TEST(Mail, BackoffDoublesUpToTheMaximum) {
  EXPECT_EQ(mail_backoff_ms(1, 60000, 3600000), 60000);
  EXPECT_EQ(mail_backoff_ms(2, 60000, 3600000), 120000);
  EXPECT_EQ(mail_backoff_ms(3, 60000, 3600000), 240000);
  EXPECT_EQ(mail_backoff_ms(7, 60000, 3600000), 3600000);  // 3 840 000 capped
  EXPECT_EQ(mail_backoff_ms(60, 60000, 3600000), 3600000); // no overflow
  EXPECT_EQ(mail_backoff_ms(0, 300, 600), 300);
}

TEST(Mail, PlausibleAddresses) {
  EXPECT_TRUE(plausible_mail_address("lan.tran@gialai.gov.vn"));
  EXPECT_FALSE(plausible_mail_address(""));
  EXPECT_FALSE(plausible_mail_address("không phải địa chỉ"));
  EXPECT_FALSE(plausible_mail_address("a@b@c"));
  EXPECT_FALSE(plausible_mail_address("@gialai.gov.vn"));
  EXPECT_FALSE(plausible_mail_address("a@"));
  EXPECT_FALSE(plausible_mail_address("a@b.vn\r\nRCPT TO:<x@y>"));
  EXPECT_FALSE(plausible_mail_address("<a@b.vn>"));
}

TEST(Mail, OptionsAreChecked) {
  MailOptions o;
  EXPECT_NO_THROW(validate_mail_options(o));  // off: nothing to check
  o.host = "smtp.example.vn";
  EXPECT_THROW(validate_mail_options(o), Error);  // no sender
  o.from = "longghep@example.vn";
  EXPECT_NO_THROW(validate_mail_options(o));
  o.security = "ssl";
  EXPECT_THROW(validate_mail_options(o), Error);
  o.security = "starttls";
  o.user = "mailer";
  try {
    validate_mail_options(o);
    FAIL() << "a user without a password";
  } catch (const Error& e) {
    EXPECT_EQ(e.field().value_or(""), "smtp_user");
    EXPECT_NE(e.message_vi().find("mật khẩu"), std::string::npos);
  }
  o.password = "x";
  EXPECT_NO_THROW(validate_mail_options(o));
}

TEST(Mail, NotificationMailInTheUsersLanguage) {
  const MailText vi = notification_mail("", "Trần Thị Lan", "Kế hoạch chờ phê duyệt: KH 2026 (Gia Lai)",
                                        "Plan awaiting approval: KH 2026 (Gia Lai)", "https://lg.example.vn/");
  EXPECT_EQ(vi.subject, "[longghep] Kế hoạch chờ phê duyệt: KH 2026 (Gia Lai)");
  EXPECT_EQ(vi.body.rfind("Kính gửi Trần Thị Lan,\r\n", 0), 0u);
  EXPECT_NE(vi.body.find("https://lg.example.vn/my-work"), std::string::npos);
  EXPECT_NE(vi.body.find("tắt thông báo qua thư điện tử"), std::string::npos);
  EXPECT_EQ(notification_mail("vi", "A", "T", "E", "").subject, "[longghep] T");
  const MailText en = notification_mail("en", "Tran Thi Lan", "Kế hoạch", "Plan awaiting approval: X", "");
  EXPECT_EQ(en.subject, "[longghep] Plan awaiting approval: X");
  EXPECT_EQ(en.body.rfind("Dear Tran Thi Lan,", 0), 0u);
  EXPECT_EQ(en.body.find("http"), std::string::npos) << "no link without a public URL";
}

TEST(Mail, ErrorsAreSanitised) {
  EXPECT_EQ(sanitize_mail_error("535 auth failed for pw S3cret S3cret", "S3cret"), "535 auth failed for pw *** ***");
  EXPECT_EQ(sanitize_mail_error("line\r\nnext", ""), "line  next");
  const std::string long_vi(400, 'a');
  const std::string cut = sanitize_mail_error(long_vi + "ếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếếế", "");
  EXPECT_LE(cut.size(), 500u);
  EXPECT_EQ((static_cast<unsigned char>(cut.back()) & 0xC0) == 0xC0, false) << "never ends inside a UTF-8 sequence";
}

TEST(Mail, MessageIsUtf8QuotedPrintableWithAnEncodedSubject) {
  MailOptions o;
  o.host = "localhost";
  o.from = "longghep@example.vn";
  const std::string text =
      mail_message_text(o, "lan@example.vn", {"[longghep] Kế hoạch chờ phê duyệt", "Kính gửi bà Lan,\r\n.\r\nHết."});
  EXPECT_NE(text.find("From: longghep@example.vn"), std::string::npos) << text;
  EXPECT_NE(text.find("To: <lan@example.vn>"), std::string::npos) << text;
  EXPECT_NE(text.find("Subject: =?UTF-8?"), std::string::npos) << text;
  EXPECT_EQ(text.find("Kế hoạch"), std::string::npos) << "no raw 8-bit subject";
  EXPECT_NE(text.find("Content-Type: text/plain; charset=UTF-8"), std::string::npos) << text;
  EXPECT_NE(text.find("Content-Transfer-Encoding: quoted-printable"), std::string::npos) << text;
  EXPECT_NE(text.find("K=C3=ADnh g=E1=BB=ADi b=C3=A0 Lan,"), std::string::npos) << text;
}

TEST(Mail, SettingsFromTheConfiguration) {
  Config cfg;
  EXPECT_FALSE(cfg.mail.enabled());
  apply_config(cfg, {{"smtp_host", "smtp.example.vn"}, {"smtp_port", "587"}, {"smtp_from", "longghep@example.vn"},
                     {"smtp_user", "mailer"}, {"smtp_security", "starttls"}, {"smtp_timeout_ms", "5000"},
                     {"mail_max_attempts", "5"}, {"mail_retry_base_ms", "1000"}, {"mail_batch", "10"}});
  EXPECT_TRUE(cfg.mail.enabled());
  EXPECT_EQ(cfg.mail.port, 587);
  EXPECT_EQ(cfg.mail.security, "starttls");
  EXPECT_EQ(cfg.mail.max_attempts, 5);
  EXPECT_EQ(cfg.mail.batch, 10);
  EXPECT_THROW(apply_config(cfg, {{"smtp_port", "0"}}), Error);
  EXPECT_THROW(apply_config(cfg, {{"smtp_password", "x"}}), Error) << "no password in the config file";
  // the password from a file (first line), the environment winning
  const std::string path = testing::TempDir() + "lg-smtp-password";
  {
    std::ofstream f(path);
    f << "Pw-From-File\n";
  }
  ::unsetenv("LONGGHEP_SMTP_PASSWORD");
  apply_config(cfg, {{"smtp_password_file", path}});
  finish_mail_config(cfg);
  EXPECT_EQ(cfg.mail.password, "Pw-From-File");
  ::setenv("LONGGHEP_SMTP_PASSWORD", "Pw-From-Env", 1);
  finish_mail_config(cfg);
  EXPECT_EQ(cfg.mail.password, "Pw-From-Env");
  ::unsetenv("LONGGHEP_SMTP_PASSWORD");
  std::remove(path.c_str());
  apply_config(cfg, {{"smtp_password_file", path + ".missing"}});
  cfg.mail.password.clear();
  EXPECT_THROW(finish_mail_config(cfg), Error);
}
