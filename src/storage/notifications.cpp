#include "storage/notifications.hpp"

#include "storage/mail_outbox.hpp"

namespace longghep {

std::set<long long> users_acting(soci::session& s, const std::vector<NextActor>& actors) {
  std::set<long long> out;
  for (const auto& a : actors) {
    long long id = 0;
    soci::statement st = (s.prepare << "SELECT DISTINCT u.id FROM users u JOIN user_roles ur ON ur.user_id = u.id "
                                       "JOIN role_permissions rp ON rp.role_code = ur.role_code "
                                       "WHERE u.active = 1 AND u.org_unit_id = :unit AND rp.permission_code = :perm "
                                       "AND (:role = '' OR ur.role_code = :role2)",
                          soci::into(id), soci::use(a.unit_id), soci::use(a.permission), soci::use(a.role),
                          soci::use(a.role));
    st.execute();
    while (st.fetch()) out.insert(id);
  }
  return out;
}

std::set<long long> users_of_agency(soci::session& s, long long agency_id) {
  std::set<long long> out;
  long long id = 0;
  soci::statement st =
      (s.prepare << "SELECT id FROM users WHERE active = 1 AND agency_id = :a", soci::into(id), soci::use(agency_id));
  st.execute();
  while (st.fetch()) out.insert(id);
  return out;
}

int notify(soci::session& s, const std::set<long long>& recipients, const NotificationInput& n, const Actor& actor) {
  const std::string now = now_iso_utc();
  int count = 0;
  for (long long uid : recipients) {
    if (uid == actor.user_id) continue;
    long long unit = n.org_unit_id, by = actor.user_id, id = 0;
    soci::indicator iu = unit ? soci::i_ok : soci::i_null, ib = by ? soci::i_ok : soci::i_null;
    s << "INSERT INTO notifications(user_id, kind, subject_kind, subject_id, org_unit_id, title_vi, title_en, "
         "actor_user_id, created_at) VALUES (:u, :k, :sk, :sid, :ou, :tv, :te, :by, :at) RETURNING id",
        soci::use(uid), soci::use(n.kind), soci::use(n.subject_kind), soci::use(n.subject_id), soci::use(unit, iu),
        soci::use(n.title_vi), soci::use(n.title_en), soci::use(by, ib), soci::use(now), soci::into(id);
    // its e-mail, in the same transaction (storage/mail_outbox.hpp): only with SMTP configured
    queue_notification_mail(s, id, uid, n.title_vi, n.title_en);
    ++count;
  }
  return count;
}

bool notify_once(soci::session& s, long long user_id, const NotificationInput& n, const std::string& dedup_key) {
  const std::string now = now_iso_utc();
  long long unit = n.org_unit_id;
  soci::indicator iu = unit ? soci::i_ok : soci::i_null;
  soci::statement st = (s.prepare << "INSERT INTO notifications(user_id, kind, subject_kind, subject_id, org_unit_id, title_vi, title_en, "
                                     "actor_user_id, created_at, dedup_key) VALUES (:u, :k, :sk, :sid, :ou, :tv, :te, NULL, :at, :key) "
                                     "ON CONFLICT (user_id, dedup_key) DO NOTHING",
                        soci::use(user_id), soci::use(n.kind), soci::use(n.subject_kind), soci::use(n.subject_id),
                        soci::use(unit, iu), soci::use(n.title_vi), soci::use(n.title_en), soci::use(now), soci::use(dedup_key));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

bool has_notification_key(soci::session& s, long long user_id, const std::string& dedup_key) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM notifications WHERE user_id = :u AND dedup_key = :k", soci::into(n), soci::use(user_id),
      soci::use(dedup_key);
  return n > 0;
}

long long unread_count(soci::session& s, long long user_id) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM notifications WHERE user_id = :u AND read_at IS NULL", soci::into(n), soci::use(user_id);
  return n;
}

nlohmann::json list_notifications(soci::session& s, long long user_id, bool unread_only, int page, int page_size) {
  const std::string where = std::string(" FROM notifications WHERE user_id = :u") + (unread_only ? " AND read_at IS NULL" : "");
  long long total = 0;
  s << "SELECT COUNT(*)" + where, soci::into(total), soci::use(user_id);
  long long id = 0, sid = 0, unit = 0;
  std::string kind, sk, tv, te, at, read;
  soci::indicator iu, ir;
  long long limit = page_size, offset = static_cast<long long>(page - 1) * page_size;
  soci::statement st = (s.prepare << "SELECT id, kind, subject_kind, subject_id, org_unit_id, title_vi, title_en, created_at, read_at" +
                                         where + " ORDER BY id DESC LIMIT :l OFFSET :o",
                        soci::into(id), soci::into(kind), soci::into(sk), soci::into(sid), soci::into(unit, iu),
                        soci::into(tv), soci::into(te), soci::into(at), soci::into(read, ir), soci::use(user_id),
                        soci::use(limit), soci::use(offset));
  st.execute();
  nlohmann::json items = nlohmann::json::array();
  while (st.fetch())
    items.push_back({{"id", id},
                     {"kind", kind},
                     {"subjectKind", sk},
                     {"subjectId", sid},
                     {"orgUnitId", iu == soci::i_ok ? nlohmann::json(unit) : nlohmann::json(nullptr)},
                     {"titleVi", tv},
                     {"titleEn", te},
                     {"createdAt", at},
                     {"readAt", ir == soci::i_ok ? nlohmann::json(read) : nlohmann::json(nullptr)}});
  return {{"items", items}, {"total", total}, {"unread", unread_count(s, user_id)}};
}

bool mark_read(soci::session& s, long long user_id, long long id, const Actor& actor) {
  long long found = 0, unit = 0;
  soci::indicator iu;
  std::string read;
  soci::indicator ir;
  s << "SELECT id, org_unit_id, read_at FROM notifications WHERE id = :id AND user_id = :u", soci::into(found),
      soci::into(unit, iu), soci::into(read, ir), soci::use(id), soci::use(user_id);
  if (!s.got_data() || found == 0) return false;
  if (ir == soci::i_ok) return true;
  const std::string now = now_iso_utc();
  s << "UPDATE notifications SET read_at = :at WHERE id = :id", soci::use(now), soci::use(id);
  record_audit(s, actor, {"update", "notification", std::to_string(id), iu == soci::i_ok ? unit : 0, std::nullopt,
                          nlohmann::json{{"readAt", now}}});
  return true;
}

long long mark_all_read(soci::session& s, long long user_id, const Actor& actor) {
  const std::string now = now_iso_utc();
  long long n = unread_count(s, user_id);
  if (n == 0) return 0;
  s << "UPDATE notifications SET read_at = :at WHERE user_id = :u AND read_at IS NULL", soci::use(now), soci::use(user_id);
  record_audit(s, actor, {"update", "notification", "all", 0, std::nullopt, nlohmann::json{{"readAt", now}, {"count", n}}});
  return n;
}

}  // namespace longghep

namespace longghep {
namespace {
template <class T>
std::vector<long long> ids_of(soci::session& s, const std::string& sql, const T& param) {
  std::vector<long long> out;
  long long id = 0;
  soci::statement st = (s.prepare << sql, soci::into(id), soci::use(param));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}
}  // namespace

std::vector<long long> plan_ids_submitted_by(soci::session& s, long long user_id) {
  return ids_of(s, "SELECT id FROM integration_plans WHERE submitted_by = :u ORDER BY updated_at DESC, id DESC LIMIT 100",
                user_id);
}
std::vector<long long> submitted_report_ids(soci::session& s) {
  const std::string st = "submitted";
  return ids_of(s, "SELECT id FROM reports WHERE status = :s ORDER BY id LIMIT 1000", st);
}
std::vector<long long> report_ids_submitted_by(soci::session& s, const std::string& username) {
  return ids_of(s, "SELECT id FROM reports WHERE submitted_by = :u ORDER BY updated_at DESC, id DESC LIMIT 100", username);
}
}  // namespace longghep
