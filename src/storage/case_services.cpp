#include "storage/case_services.hpp"

#include <sstream>

#include "domain/case_work.hpp"
#include "domain/error.hpp"
#include "storage/org_units.hpp"
#include "storage/programmes.hpp"

namespace longghep {
using nlohmann::json;

namespace {
json names_of(soci::session& s, const std::string& table) {  // table: a literal below, never input
  json out = json::array();
  std::string code, vi, en, grp;
  soci::statement st = (s.prepare << "SELECT code, name_vi, name_en, grp FROM " + table +
                                         " WHERE active = 1 ORDER BY sort_order, code",
                        soci::into(code), soci::into(vi), soci::into(en), soci::into(grp));
  st.execute();
  while (st.fetch()) out.push_back({{"code", code}, {"nameVi", vi}, {"nameEn", en}, {"group", grp}});
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ",") + x;
  return out;
}
std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string x;
  while (std::getline(ss, x, ','))
    if (!x.empty()) out.push_back(x);
  return out;
}

void require_consent(soci::session& s, long long case_id, const std::string& purpose, Date on, const std::string& what_vi,
                     const std::string& what_en) {
  if (!cases::consent_holds(case_consents(s, case_id), purpose, on))
    throw Error(409, "consent_required",
                "Người được hỗ trợ chưa đồng ý " + what_vi + " vào ngày " + on.iso() + " (mục đích " + purpose + ")",
                "The person has not consented to " + what_en + " on " + on.iso() + " (purpose " + purpose + ")");
}

}  // namespace

json case_service_catalogue_json(soci::session& s) {
  return {{"services", names_of(s, "case_service_types")},
          {"hostProgrammes", names_of(s, "programme_categories")},
          {"fundingSources", names_of(s, "funding_sources")}};
}

json case_services_json(soci::session& s, long long case_id) {
  json items = json::array();
  long long id = 0;
  std::string sc, sv, se, on, hc, hv, he, fc, fv, fe, note, by, at;
  soci::statement st =
      (s.prepare << "SELECT cs.id, cs.service_code, t.name_vi, t.name_en, cs.delivered_on, cs.host_programme_code, "
                    "p.name_vi, p.name_en, cs.funding_source_code, f.name_vi, f.name_en, cs.note, "
                    "COALESCE(u.username, ''), cs.recorded_at "
                    "FROM case_services cs JOIN case_service_types t ON t.code = cs.service_code "
                    "JOIN programme_categories p ON p.code = cs.host_programme_code "
                    "JOIN funding_sources f ON f.code = cs.funding_source_code "
                    "LEFT JOIN users u ON u.id = cs.recorded_by WHERE cs.case_id = :c ORDER BY cs.delivered_on DESC, cs.id DESC",
       soci::into(id), soci::into(sc), soci::into(sv), soci::into(se), soci::into(on), soci::into(hc), soci::into(hv),
       soci::into(he), soci::into(fc), soci::into(fv), soci::into(fe), soci::into(note), soci::into(by), soci::into(at),
       soci::use(case_id));
  st.execute();
  auto ref = [](const std::string& c, const std::string& v, const std::string& e) {
    return json{{"code", c}, {"nameVi", v}, {"nameEn", e}};
  };
  while (st.fetch())
    items.push_back({{"id", id},
                     {"service", ref(sc, sv, se)},
                     {"deliveredOn", on},
                     {"hostProgramme", ref(hc, hv, he)},
                     {"fundingSource", ref(fc, fv, fe)},
                     {"note", note},
                     {"recordedBy", by},
                     {"recordedAt", at}});
  return {{"items", items}};
}

long long add_case_service(soci::session& s, const CaseRow& r, const CaseServiceInput& in, const Actor& actor) {
  if (!taxonomy_has(s, "case_service_types", in.service_code))
    throw Error::Validation("serviceCode", "Dịch vụ không có trong danh mục", "Unknown service");
  if (!taxonomy_has(s, "programme_categories", in.host_programme_code))
    throw Error::Validation("hostProgrammeCode", "Chương trình chủ trì không có trong danh mục",
                            "Unknown host programme");
  if (!taxonomy_has(s, "funding_sources", in.funding_source_code))
    throw Error::Validation("fundingSourceCode", "Nguồn kinh phí không có trong danh mục", "Unknown funding source");
  if (in.delivered_on < r.registered_on)
    throw Error::Validation("deliveredOn", "Ngày cung cấp trước ngày đăng ký hồ sơ", "The date is before the record's registration");
  case_work::require_open(r.status);  // 409 case_closed
  require_consent(s, r.id, "services", in.delivered_on, "nhận dịch vụ", "receiving services");
  const std::string day = in.delivered_on.iso(), now = now_iso_utc();
  long long by = actor.user_id;
  soci::indicator iby = by ? soci::i_ok : soci::i_null;
  long long id = 0;
  s << "INSERT INTO case_services(case_id, service_code, delivered_on, host_programme_code, funding_source_code, note, "
       "recorded_by, recorded_at) VALUES(:c, :sv, :d, :hp, :fs, :n, :by, :at) RETURNING id",
      soci::use(r.id), soci::use(in.service_code), soci::use(day), soci::use(in.host_programme_code),
      soci::use(in.funding_source_code), soci::use(in.note), soci::use(by, iby), soci::use(now), soci::into(id);
  // codes only: the note stays out of the audit (it is free text next to a person)
  record_audit(s, actor, {"create", "case_service", std::to_string(id), r.residence_unit_id, std::nullopt,
                          json{{"caseId", r.id}, {"code", r.code}, {"service", in.service_code}, {"deliveredOn", day},
                               {"hostProgramme", in.host_programme_code}, {"fundingSource", in.funding_source_code}}});
  return id;
}

// ----- referrals -----

std::optional<CaseReferralRow> get_case_referral(soci::session& s, long long id) {
  CaseReferralRow r;
  s << "SELECT id, case_id, agency_id, version, status FROM case_referrals WHERE id = :id", soci::into(r.id),
      soci::into(r.case_id), soci::into(r.agency_id), soci::into(r.version), soci::into(r.status), soci::use(id);
  if (!s.got_data()) return std::nullopt;
  return r;
}

namespace {
const char* kReferralSelect =
    "SELECT cr.id, cr.case_id, c.code, cr.agency_id, a.name, a.kind, cr.reason, cr.shared, cr.response_days, cr.sent_on, "
    "cr.due_on, cr.status, cr.status_reason, cr.version, COALESCE(u.username, ''), cr.created_at, cr.updated_at "
    "FROM case_referrals cr JOIN case_records c ON c.id = cr.case_id JOIN agencies a ON a.id = cr.agency_id "
    "LEFT JOIN users u ON u.id = cr.created_by ";

// The referrals of one case (by_case) or the one referral `id`.
json referrals_where(soci::session& s, bool by_case, long long key, Date today) {
  long long id = 0, case_id = 0, agency = 0, days = 0, version = 0;
  std::string code, aname, kind, reason, shared, sent, due, status, sreason, by, created, updated;
  soci::statement st = (s.prepare << std::string(kReferralSelect) +
                                         (by_case ? "WHERE cr.case_id = :k ORDER BY cr.id DESC" : "WHERE cr.id = :k"),
                        soci::into(id), soci::into(case_id), soci::into(code), soci::into(agency), soci::into(aname),
                        soci::into(kind), soci::into(reason), soci::into(shared), soci::into(days), soci::into(sent),
                        soci::into(due), soci::into(status), soci::into(sreason), soci::into(version), soci::into(by),
                        soci::into(created), soci::into(updated), soci::use(key));
  st.execute();
  json items = json::array();
  while (st.fetch()) {
    json sh = json::array();
    for (const auto& f : split(shared)) sh.push_back(f);
    items.push_back({{"id", id},
                     {"caseId", case_id},
                     {"code", code},
                     {"agency", {{"id", agency}, {"name", aname}, {"kind", kind}}},
                     {"reason", reason},
                     {"shared", sh},
                     {"responseDays", days},
                     {"sentOn", sent},
                     {"dueOn", due},
                     {"status", status},
                     {"statusReason", sreason},
                     {"overdue", cases::referral_overdue(status, *Date::parse(due), today)},
                     {"version", version},
                     {"sentBy", by},
                     {"createdAt", created},
                     {"updatedAt", updated}});
  }
  return items;
}
}  // namespace

json case_referrals_json(soci::session& s, long long case_id, Date today) {
  return {{"items", referrals_where(s, true, case_id, today)}};
}

json case_referral_json(soci::session& s, long long id, Date today) {
  json items = referrals_where(s, false, id, today);
  if (items.empty()) throw Error::NotFound("chuyển gửi", "Referral");
  return items[0];
}

long long add_case_referral(soci::session& s, const CaseRow& r, const CaseReferralInput& in, Date today, const Actor& actor) {
  std::string kind, from, to;
  s << "SELECT kind, valid_from, valid_to FROM agencies WHERE id = :id", soci::into(kind), soci::into(from), soci::into(to),
      soci::use(in.agency_id);
  if (!s.got_data() || today.iso() < from || today.iso() > to)
    throw Error::Validation("agencyId", "Cơ quan tiếp nhận không tồn tại hoặc không còn hoạt động",
                            "The receiving agency does not exist or is no longer active");
  if (r.status != "open")
    throw Error(409, "case_closed", "Hồ sơ đã đóng, không thể chuyển gửi", "The record is closed; it cannot be referred");
  require_consent(s, r.id, "referral:" + kind, today, "được chuyển gửi tới loại cơ quan này",
                  "referral to this kind of agency");
  const std::string sent = today.iso(), due = today.add_days(in.response_days).iso(), now = now_iso_utc(),
                    shared = join(in.shared), status = "sent";
  long long by = actor.user_id;
  soci::indicator iby = by ? soci::i_ok : soci::i_null;
  long long id = 0;
  s << "INSERT INTO case_referrals(case_id, agency_id, reason, shared, response_days, sent_on, due_on, status, "
       "created_by, created_at, updated_by, updated_at) VALUES(:c, :a, :r, :sh, :d, :s, :due, :st, :by, :at, :by2, :at2) "
       "RETURNING id",
      soci::use(r.id), soci::use(in.agency_id), soci::use(in.reason), soci::use(shared), soci::use(in.response_days),
      soci::use(sent), soci::use(due), soci::use(status), soci::use(by, iby), soci::use(now), soci::use(by, iby),
      soci::use(now), soci::into(id);
  record_audit(s, actor, {"create", "case_referral", std::to_string(id), r.residence_unit_id, std::nullopt,
                          json{{"caseId", r.id}, {"code", r.code}, {"agencyId", in.agency_id}, {"shared", in.shared},
                               {"responseDays", in.response_days}, {"status", status}}});
  return id;
}

json referral_inbox_item(soci::session& s, const Hierarchy& h, long long referral_id, Date today) {
  long long id = 0, unit = 0, by_v = 0;
  std::string code, reason, shared, sent, due, status, status_reason, sex;
  long long version = 0;
  soci::indicator iby = soci::i_null;
  s << "SELECT cr.id, c.code, cr.reason, cr.shared, cr.sent_on, cr.due_on, cr.status, cr.status_reason, cr.version, "
       "c.residence_unit_id, c.birth_year, c.sex FROM case_referrals cr JOIN case_records c ON c.id = cr.case_id "
       "WHERE cr.id = :id",
      soci::into(id), soci::into(code), soci::into(reason), soci::into(shared), soci::into(sent), soci::into(due),
      soci::into(status), soci::into(status_reason), soci::into(version), soci::into(unit), soci::into(by_v, iby),
      soci::into(sex), soci::use(referral_id);
  if (!s.got_data()) throw Error::NotFound("chuyển gửi", "Referral");
  json fields = json::object();
  const auto list = split(shared);
  for (const auto& f : list) {
    if (f == "birthYear") fields["birthYear"] = iby == soci::i_ok ? json(by_v) : json(nullptr);
    else if (f == "sex") fields["sex"] = sex;
    else if (f == "residence") {
      const OrgUnit* u = h.by_id(unit);
      fields["residence"] = u ? org_unit_ref(*u) : json(nullptr);
    } else if (f == "targetGroups") {
      json tg = json::array();
      std::string x;
      soci::statement st = (s.prepare << "SELECT code FROM case_target_groups WHERE case_id = "
                                         "(SELECT case_id FROM case_referrals WHERE id = :id) ORDER BY code",
                            soci::into(x), soci::use(referral_id));
      st.execute();
      while (st.fetch()) tg.push_back(x);
      fields["targetGroups"] = tg;
    }
  }
  return {{"id", id},           {"code", code},     {"reason", reason},
          {"shared", fields},   {"sentOn", sent},   {"dueOn", due},
          {"status", status},   {"statusReason", status_reason},
          {"overdue", cases::referral_overdue(status, *Date::parse(due), today)},
          {"version", version}};
}

json referral_inbox_json(soci::session& s, const Hierarchy& h, long long agency_id, Date today) {
  std::vector<long long> ids;
  {
    long long x = 0;
    soci::statement st = (s.prepare << "SELECT id FROM case_referrals WHERE agency_id = :a AND status <> 'revoked' "
                                       "ORDER BY due_on, id",
                          soci::into(x), soci::use(agency_id));
    st.execute();
    while (st.fetch()) ids.push_back(x);
  }
  json items = json::array();
  for (long long x : ids) items.push_back(referral_inbox_item(s, h, x, today));
  return {{"items", items}};
}

void transition_case_referral(soci::session& s, const CaseReferralRow& r, cases::ReferralAction a, long long version,
                              const std::string& reason, long long residence_unit_id, const Actor& actor) {
  const std::string next = cases::referral_next(r.status, a);
  if (version != r.version) throw Error::Conflict();
  const std::string now = now_iso_utc();
  long long by = actor.user_id;
  soci::indicator iby = by ? soci::i_ok : soci::i_null;
  soci::statement st = (s.prepare << "UPDATE case_referrals SET status = :st, status_reason = :sr, version = version + 1, "
                                     "updated_by = :by, updated_at = :at WHERE id = :id AND version = :v",
                        soci::use(next), soci::use(reason), soci::use(by, iby), soci::use(now), soci::use(r.id),
                        soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  record_audit(s, actor, {"update", "case_referral", std::to_string(r.id), residence_unit_id,
                          json{{"status", r.status}, {"version", r.version}},
                          json{{"status", next}, {"version", r.version + 1}}});
}

}  // namespace longghep
