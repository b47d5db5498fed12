#include "domain/mail.hpp"

#include "domain/error.hpp"

namespace longghep {

bool plausible_mail_address(const std::string& a) {
  if (a.empty() || a.size() > 254) return false;
  size_t at = a.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= a.size() || a.find('@', at + 1) != std::string::npos) return false;
  for (unsigned char ch : a)
    if (ch <= 0x20 || ch == 0x7f || ch == '<' || ch == '>' || ch == ',' || ch == ';' || ch == '"') return false;
  return true;
}

void validate_mail_options(const MailOptions& o) {
  if (!o.enabled()) return;
  if (o.from.empty())
    throw Error::Validation("smtp_from", "Cần địa chỉ người gửi (smtp_from) khi đã cấu hình máy chủ thư",
                            "smtp_from (the sender address) is required with smtp_host");
  if (!plausible_mail_address(o.from))
    throw Error::Validation("smtp_from", "Địa chỉ người gửi không hợp lệ: " + o.from, "Invalid sender address: " + o.from);
  if (o.security != "none" && o.security != "starttls")
    throw Error::Validation("smtp_security", "smtp_security phải là none hoặc starttls", "smtp_security must be none or starttls");
  if (!o.user.empty() && o.password.empty())
    throw Error::Validation("smtp_user",
                            "Đã có smtp_user nhưng thiếu mật khẩu (biến môi trường LONGGHEP_SMTP_PASSWORD hoặc smtp_password_file)",
                            "smtp_user is set but there is no password (LONGGHEP_SMTP_PASSWORD or smtp_password_file)");
  if (o.retry_max_ms < o.retry_base_ms)
    throw Error::Validation("mail_retry_max_ms", "mail_retry_max_ms phải lớn hơn hoặc bằng mail_retry_base_ms",
                            "mail_retry_max_ms must be at least mail_retry_base_ms");
}

long long mail_backoff_ms(int attempts, long long base_ms, long long max_ms) {
  if (attempts < 1) attempts = 1;
  long long d = base_ms < 1 ? 1 : base_ms;
  for (int i = 1; i < attempts && d < max_ms; ++i) d *= 2;
  return d > max_ms ? max_ms : d;
}

namespace {
std::string link_to_my_work(const std::string& public_url) {
  if (public_url.empty()) return "";
  std::string u = public_url;
  while (!u.empty() && u.back() == '/') u.pop_back();
  return u + "/my-work";
}
}  // namespace

MailText notification_mail(const std::string& language, const std::string& full_name, const std::string& title_vi,
                           const std::string& title_en, const std::string& public_url) {
  const std::string link = link_to_my_work(public_url);
  MailText m;
  if (language == "en") {
    m.subject = "[longghep] " + title_en;
    m.body = "Dear " + full_name + ",\r\n\r\n" + title_en + "\r\n\r\n" +
             (link.empty() ? "Open \"My work\" in the longghep system to see it."
                           : "Open \"My work\" to see it: " + link) +
             "\r\n\r\n--\r\nThis message was sent automatically by the longghep system; please do not reply.\r\n"
             "To stop these e-mails, switch e-mail notifications off on your profile page.\r\n";
  } else {
    m.subject = "[longghep] " + title_vi;
    m.body = "Kính gửi " + full_name + ",\r\n\r\n" + title_vi + "\r\n\r\n" +
             (link.empty() ? "Vui lòng mở mục \"Việc của tôi\" trong hệ thống longghep để xem."
                           : "Vui lòng mở mục \"Việc của tôi\" để xem: " + link) +
             "\r\n\r\n--\r\nThư này được hệ thống longghep gửi tự động, vui lòng không trả lời.\r\n"
             "Để không nhận thư này nữa, hãy tắt thông báo qua thư điện tử trong trang Hồ sơ của bạn.\r\n";
  }
  return m;
}

MailText test_mail(const std::string& sent_by) {
  return {"[longghep] Thư thử / Test e-mail",
          "Đây là thư thử của hệ thống longghep, do " + sent_by +
              " gửi từ trang cấu hình thư điện tử. Nếu bạn nhận được thư này, cấu hình SMTP hoạt động.\r\n\r\n"
              "This is a test e-mail of the longghep system, sent by " + sent_by +
              " from the e-mail settings page. If you received it, the SMTP settings work.\r\n"};
}

std::string sanitize_mail_error(const std::string& message, const std::string& secret) {
  std::string m = message;
  if (!secret.empty())
    for (size_t p = m.find(secret); p != std::string::npos; p = m.find(secret, p)) m.replace(p, secret.size(), "***");
  for (char& ch : m)
    if (static_cast<unsigned char>(ch) < 0x20) ch = ' ';
  if (m.size() > 500) {
    size_t cut = 500;
    while (cut > 0 && (static_cast<unsigned char>(m[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
    m.resize(cut);
  }
  return m;
}

}  // namespace longghep
