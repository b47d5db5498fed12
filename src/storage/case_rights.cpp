#include "storage/case_rights.hpp"

#include "domain/error.hpp"
#include "storage/case_groups.hpp"
#include "storage/case_services.hpp"
#include "storage/case_work.hpp"

namespace longghep {
using nlohmann::json;

// ----- export -----

const std::vector<RightsSection>& case_rights_sections() {
  static const std::vector<RightsSection> sections = {
      {"record", [](soci::session& s, const Hierarchy& h, const CaseRow& r, const security::Sealer&) { return case_json(s, h, r); }},
      {"consents", [](soci::session& s, const Hierarchy&, const CaseRow& r, const security::Sealer&) { return case_consents_json(s, r.id, Date::today_vn()); }},
      {"services", [](soci::session& s, const Hierarchy&, const CaseRow& r, const security::Sealer&) { return case_services_json(s, r.id); }},
      {"referrals",
       [](soci::session& s, const Hierarchy&, const CaseRow& r, const security::Sealer&) { return case_referrals_json(s, r.id, Date::today_vn()); }},
      {"accessLog", [](soci::session& s, const Hierarchy&, const CaseRow& r, const security::Sealer&) { return case_access_log_json(s, r.id); }},
      // case work (0025): assessments, support plans, follow-ups, outcome, closure — the notes opened
      {"caseWork", [](soci::session& s, const Hierarchy&, const CaseRow& r, const security::Sealer& sealer) {
         return case_work_json(s, r, sealer, Date::today_vn());
       }},
      // clubs and peer groups (0026): the person's memberships
      {"groups", [](soci::session& s, const Hierarchy& h, const CaseRow& r, const security::Sealer&) {
         return case_memberships_json(s, h, r.id, Date::today_vn());
       }},
  };
  return sections;
}

json case_rights_export_json(soci::session& s, const Hierarchy& h, const CaseRow& r, const security::Sealer& sealer) {
  json out = json::object();
  for (const auto& sec : case_rights_sections()) out[sec.name] = sec.read(s, h, r, sealer);
  return out;
}

void audit_rights_export(soci::session& s, const CaseRow& r, const std::vector<std::string>& sections, bool identity,
                         const std::string& format, const Actor& actor) {
  record_audit(s, actor, {"create", "case_rights_export", std::to_string(r.id), r.residence_unit_id, std::nullopt,
                          json{{"caseId", r.id}, {"code", r.code}, {"sections", sections}, {"identityIncluded", identity},
                               {"format", format}}});
}

// ----- correction -----

void audit_case_correction(soci::session& s, const CaseRow& r, const std::string& reference,
                           const std::vector<std::string>& changed_fields, const Actor& actor) {
  record_audit(s, actor, {"update", "case_correction", std::to_string(r.id), r.residence_unit_id, std::nullopt,
                          json{{"caseId", r.id}, {"code", r.code}, {"correctionRequest", reference},
                               {"changedFields", changed_fields}}});
}

// ----- anonymisation -----

void anonymise_case(soci::session& s, const CaseRow& r, const std::string& reason, const Actor& actor) {
  cases::require_not_anonymised(r.status);
  // SQLite keeps a deleted cell's bytes in the page's free space unless told to overwrite them.
  if (s.get_backend_name() == "sqlite3") s << "PRAGMA secure_delete = ON";
  const std::string now = now_iso_utc();
  soci::statement st =
      (s.prepare << "UPDATE case_records SET full_name_sealed = NULL, id_number_sealed = NULL, phone_sealed = NULL, "
                    "address_sealed = NULL, notes_sealed = NULL, name_hash = NULL, id_number_hash = NULL, "
                    "status = 'anonymised', anonymised_at = :at, version = version + 1, updated_at = :u "
                    "WHERE id = :id AND status <> 'anonymised'",
       soci::use(now), soci::use(now), soci::use(r.id));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  // free text kept beside the record, which could name the person
  s << "UPDATE case_consents SET note = '' WHERE case_id = :id", soci::use(r.id);
  s << "UPDATE case_services SET note = '' WHERE case_id = :id", soci::use(r.id);
  s << "UPDATE case_referrals SET reason = '—', status_reason = '' WHERE case_id = :id", soci::use(r.id);
  // case work (0025): every sealed note is erased, not only left unopenable; levels, statuses and
  // dates stay (they name nobody). Group memberships (0026) hold only the record's id: kept.
  s << "UPDATE case_assessment_items SET note_sealed = NULL WHERE assessment_id IN "
       "(SELECT id FROM case_assessments WHERE case_id = :id)", soci::use(r.id);
  s << "UPDATE case_plans SET return_reason_sealed = NULL WHERE case_id = :id", soci::use(r.id);
  s << "UPDATE case_plan_goals SET text_sealed = '' WHERE plan_id IN (SELECT id FROM case_plans WHERE case_id = :id)",
      soci::use(r.id);
  s << "UPDATE case_followups SET purpose_sealed = NULL, result_sealed = NULL WHERE case_id = :id", soci::use(r.id);
  s << "UPDATE case_closure_events SET note_sealed = NULL WHERE case_id = :id", soci::use(r.id);
  record_audit(s, actor, {"update", "case", std::to_string(r.id), r.residence_unit_id,
                          json{{"code", r.code}, {"status", r.status}, {"sealedFields", [&] {
                                 json a = json::array();
                                 for (const auto& f : cases::kSealedFields)
                                   if (r.sealed_present.count(f.name)) a.push_back(f.name);
                                 return a;
                               }()}},
                          json{{"code", r.code}, {"status", cases::kAnonymised}, {"sealedFields", json::array()},
                               {"anonymised", true}, {"reason", reason}}});
}

// ----- retention -----

std::string closure_date_sql() {
  // the day the supervisor approved the closure (case_records.closed_on, migration 0025): a later
  // edit of a closed record does not postpone its anonymisation
  return "closed_on";
}

std::vector<long long> retention_candidates(soci::session& s, Date cutoff) {
  std::vector<long long> out;
  const std::string day = cutoff.iso();
  long long id = 0;
  soci::statement st = (s.prepare << "SELECT id FROM case_records WHERE status = 'closed' AND " + closure_date_sql() +
                                         " < :cutoff ORDER BY id",
                        soci::into(id), soci::use(day));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

// ----- search log -----

int case_searches_last_hour(soci::session& s, long long user_id) {
  int n = 0;
  const long long since = now_unix() - 3600;
  s << "SELECT COUNT(*) FROM case_search_log WHERE user_id = :u AND at_unix > :t", soci::use(user_id), soci::use(since),
      soci::into(n);
  return n;
}

void log_case_search(soci::session& s, long long user_id, const std::string& username, long long org_unit_id,
                     const std::vector<std::string>& criteria, long long matches) {
  std::string c;
  for (const auto& x : criteria) c += (c.empty() ? "" : ",") + x;
  const std::string at = now_iso_utc();
  const long long t = now_unix();
  soci::indicator iu = org_unit_id ? soci::i_ok : soci::i_null;
  s << "INSERT INTO case_search_log(user_id, username, org_unit_id, criteria, matches, at, at_unix) "
       "VALUES(:u, :n, :o, :c, :m, :at, :t)",
      soci::use(user_id), soci::use(username), soci::use(org_unit_id, iu), soci::use(c), soci::use(matches), soci::use(at),
      soci::use(t);
}

json case_search_log_json(soci::session& s, const Scope* scope, int limit) {
  json items = json::array();
  long long id = 0, user = 0, unit = 0, matches = 0;
  std::string username, criteria, at;
  soci::indicator iunit;
  const int fetch = limit * 20;  // scope is applied in memory; the log is small per hour
  soci::statement st = (s.prepare << "SELECT id, user_id, username, org_unit_id, criteria, matches, at FROM case_search_log "
                                     "ORDER BY id DESC LIMIT :n",
                        soci::into(id), soci::into(user), soci::into(username), soci::into(unit, iunit), soci::into(criteria),
                        soci::into(matches), soci::into(at), soci::use(fetch));
  st.execute();
  while (st.fetch() && static_cast<int>(items.size()) < limit) {
    if (scope && !scope->all() && (iunit != soci::i_ok || !scope->contains(unit))) continue;
    json c = json::array();
    size_t pos = 0;
    while (!criteria.empty() && pos <= criteria.size()) {
      size_t e = criteria.find(',', pos);
      if (e == std::string::npos) e = criteria.size();
      c.push_back(criteria.substr(pos, e - pos));
      pos = e + 1;
    }
    items.push_back({{"id", id}, {"user", {{"id", user}, {"username", username}}}, {"criteria", c}, {"matches", matches},
                     {"at", at}});
  }
  return {{"items", items}};
}

}  // namespace longghep
