#include "storage/mail_outbox.hpp"

#include <atomic>
#include <chrono>
#include <ctime>
#include <mutex>

#include "domain/mail.hpp"

namespace longghep {
namespace {
std::atomic<bool> g_queueing{false};
std::mutex g_mu;
std::string g_public_url;  // guarded by g_mu
}  // namespace

void set_mail_queueing(bool enabled, const std::string& public_url) {
  std::lock_guard lock(g_mu);
  g_public_url = public_url;
  g_queueing = enabled;
}
bool mail_queueing_enabled() { return g_queueing; }

std::string outbox_time(long long offset_ms) {
  using namespace std::chrono;
  const long long ms = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() + offset_ms;
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03lldZ", buf, ms % 1000);
  return out;
}

bool queue_notification_mail(soci::session& s, long long notification_id, long long user_id, const std::string& title_vi,
                             const std::string& title_en) {
  if (!g_queueing) return false;
  std::string url;
  {
    std::lock_guard lock(g_mu);
    url = g_public_url;
  }
  std::string email, full_name, language;
  int on = 0, active = 0;
  s << "SELECT email, full_name, language, email_notifications, active FROM users WHERE id = :id", soci::into(email),
      soci::into(full_name), soci::into(language), soci::into(on), soci::into(active), soci::use(user_id);
  if (!s.got_data() || !active || !on || !plausible_mail_address(email)) return false;
  const MailText m = notification_mail(language, full_name, title_vi, title_en, url);
  const std::string now = outbox_time();
  const std::string queued = "queued";
  s << "INSERT INTO mail_outbox(notification_id, user_id, recipient, subject, body, status, attempts, next_attempt_at, "
       "last_error, created_at, updated_at) VALUES (:n, :u, :r, :s, :b, :st, 0, :na, '', :c, :up)",
      soci::use(notification_id), soci::use(user_id), soci::use(email), soci::use(m.subject), soci::use(m.body),
      soci::use(queued), soci::use(now), soci::use(now), soci::use(now);
  return true;
}

std::vector<OutboxMail> claim_due_mail(soci::session& s, int limit, long long lease_ms) {
  const std::string now = outbox_time(), lease = outbox_time(lease_ms), queued = "queued";
  std::vector<std::pair<OutboxMail, std::string>> due;
  {
    OutboxMail m;
    std::string next;
    long long lim = limit;
    soci::statement st = (s.prepare << "SELECT id, recipient, subject, body, attempts, next_attempt_at FROM mail_outbox "
                                       "WHERE status = :st AND next_attempt_at <= :now ORDER BY next_attempt_at, id LIMIT :l",
                          soci::into(m.id), soci::into(m.recipient), soci::into(m.subject), soci::into(m.body),
                          soci::into(m.attempts), soci::into(next), soci::use(queued), soci::use(now), soci::use(lim));
    st.execute();
    while (st.fetch()) due.emplace_back(m, next);
  }
  std::vector<OutboxMail> out;
  for (auto& [m, next] : due) {
    soci::statement up = (s.prepare << "UPDATE mail_outbox SET next_attempt_at = :lease, attempts = attempts + 1, updated_at = :now "
                                       "WHERE id = :id AND status = :st AND next_attempt_at = :old",
                          soci::use(lease), soci::use(now), soci::use(m.id), soci::use(queued), soci::use(next));
    up.execute(true);
    if (up.get_affected_rows() != 1) continue;  // claimed by another sender meanwhile
    m.attempts += 1;
    out.push_back(m);
  }
  return out;
}

void release_mail(soci::session& s, long long id) {
  const std::string now = outbox_time();
  s << "UPDATE mail_outbox SET next_attempt_at = :na, attempts = attempts - 1, updated_at = :up WHERE id = :id AND attempts > 0",
      soci::use(now), soci::use(now), soci::use(id);
}

void record_mail_sent(soci::session& s, long long id) {
  const std::string now = outbox_time(), sent = "sent";
  s << "UPDATE mail_outbox SET status = :st, sent_at = :at, updated_at = :up, last_error = '' WHERE id = :id", soci::use(sent),
      soci::use(now), soci::use(now), soci::use(id);
}

void record_mail_failure(soci::session& s, long long id, const std::string& error, bool final, long long retry_in_ms) {
  const std::string now = outbox_time(), next = outbox_time(retry_in_ms), status = final ? "failed" : "queued";
  s << "UPDATE mail_outbox SET status = :st, next_attempt_at = :na, last_error = :e, updated_at = :up WHERE id = :id",
      soci::use(status), soci::use(next), soci::use(error), soci::use(now), soci::use(id);
}

nlohmann::json outbox_summary(soci::session& s) {
  using nlohmann::json;
  json out = {{"queued", 0}, {"sent", 0}, {"failed", 0}};
  {
    std::string status;
    long long n = 0;
    soci::statement st = (s.prepare << "SELECT status, COUNT(*) FROM mail_outbox GROUP BY status", soci::into(status), soci::into(n));
    st.execute();
    while (st.fetch()) out[status] = n;
  }
  const std::string now = outbox_time(), queued = "queued";
  long long due = 0;
  s << "SELECT COUNT(*) FROM mail_outbox WHERE status = :st AND next_attempt_at <= :now", soci::into(due), soci::use(queued),
      soci::use(now);
  out["dueNow"] = due;
  std::string oldest;
  soci::indicator io = soci::i_null;
  s << "SELECT MIN(created_at) FROM mail_outbox WHERE status = :st", soci::into(oldest, io), soci::use(queued);
  out["oldestQueuedAt"] = io == soci::i_ok ? json(oldest) : json(nullptr);
  json recent = json::array();
  long long id = 0, nid = 0;
  int attempts = 0;
  std::string rcpt, subject, status, next, err, created, sent;
  soci::indicator in = soci::i_null, is = soci::i_null;
  soci::statement st = (s.prepare << "SELECT id, notification_id, recipient, subject, status, attempts, next_attempt_at, last_error, "
                                     "created_at, sent_at FROM mail_outbox ORDER BY id DESC LIMIT 20",
                        soci::into(id), soci::into(nid, in), soci::into(rcpt), soci::into(subject), soci::into(status),
                        soci::into(attempts), soci::into(next), soci::into(err), soci::into(created), soci::into(sent, is));
  st.execute();
  while (st.fetch())
    recent.push_back({{"id", id},
                      {"notificationId", in == soci::i_ok ? json(nid) : json(nullptr)},
                      {"recipient", rcpt},
                      {"subject", subject},
                      {"status", status},
                      {"attempts", attempts},
                      {"nextAttemptAt", status == "queued" ? json(next) : json(nullptr)},
                      {"lastError", err},
                      {"createdAt", created},
                      {"sentAt", is == soci::i_ok ? json(sent) : json(nullptr)}});
  out["recent"] = recent;
  return out;
}

MailPreference mail_preference(soci::session& s, long long user_id) {
  MailPreference p;
  int on = 1;
  s << "SELECT email, email_notifications, language FROM users WHERE id = :id", soci::into(p.email), soci::into(on),
      soci::into(p.language), soci::use(user_id);
  p.email_notifications = on != 0;
  return p;
}

void set_mail_preference(soci::session& s, long long user_id, bool email_notifications, const std::string& language,
                         const Actor& actor) {
  const MailPreference old = mail_preference(s, user_id);
  long long unit = 0;
  s << "SELECT org_unit_id FROM users WHERE id = :id", soci::into(unit), soci::use(user_id);
  int on = email_notifications ? 1 : 0;
  const std::string now = now_iso_utc();
  s << "UPDATE users SET email_notifications = :on, language = :l, updated_at = :u WHERE id = :id", soci::use(on),
      soci::use(language), soci::use(now), soci::use(user_id);
  record_audit(s, actor, {"update", "user", std::to_string(user_id), unit,
                          nlohmann::json{{"emailNotifications", old.email_notifications}, {"language", old.language}},
                          nlohmann::json{{"emailNotifications", email_notifications}, {"language", language}}});
}

}  // namespace longghep
