// People supported (issue 16 items 4–5; docs/api-cases.md "Services" and "Referrals"): services
// delivered through host programmes and referrals to receiving agencies. A record outside the
// caller's scope answers 404; the wall (police and inspection roles) is Access::has, since every
// permission here is a cases.* one. A service needs consent to services on its date, a referral
// consent to referral for the agency's kind today (409 consent_required). The receiving agency
// sees only what a referral shares (GET /api/referrals/inbox).
#include "domain/case_rights.hpp"
#include "domain/cases.hpp"
#include "domain/error.hpp"
#include <algorithm>

#include "http/app.hpp"
#include "http/case_access.hpp"
#include "http/render.hpp"
#include "storage/case_services.hpp"
#include "storage/cases.hpp"

namespace longghep {
using nlohmann::json;

namespace {
std::string trimmed(const std::string& v) {
  const auto b = v.find_first_not_of(" \t\r\n"), e = v.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : v.substr(b, e - b + 1);
}

// Characters (code points) of clean UTF-8: the bytes that do not continue a sequence.
size_t utf8_length(const std::string& v) {
  size_t n = 0;
  for (unsigned char ch : v) n += (ch & 0xC0) != 0x80;
  return n;
}

Response catalogue(Ctx& c) {
  json out;
  c.app.db().with_session([&](soci::session& s) { out = case_service_catalogue_json(s); });
  return Response::json(out);
}

Response list_services(Ctx& c) {
  const long long id = c.id_param(0);
  json out;
  c.app.db().with_session([&](soci::session& s) {
    visible_case(c, s, id);
    out = case_services_json(s, id);
  });
  return Response::json(out);
}

Response add_service(Ctx& c) {
  const long long id = c.id_param(0);
  json b = c.body();
  CaseServiceInput in;
  in.service_code = req_string(b, "serviceCode", 64);
  in.host_programme_code = req_string(b, "hostProgrammeCode", 64);
  in.funding_source_code = req_string(b, "fundingSourceCode", 64);
  in.delivered_on = opt_json_date(b, "deliveredOn").value_or(Date::today_vn());
  if (in.delivered_on > Date::today_vn())
    throw Error::Validation("deliveredOn", "Ngày cung cấp không được ở tương lai", "The date cannot be in the future");
  in.note = trimmed(opt_string(b, "note", 500));
  json out;
  c.app.db().transact([&](soci::session& s) {
    CaseRow r = visible_case(c, s, id);
    cases::require_not_anonymised(r.status);
    add_case_service(s, r, in, actor_of(c));
    out = case_services_json(s, id);
  });
  return Response::json(out, 201);
}

Response list_referrals(Ctx& c) {
  const long long id = c.id_param(0);
  json out;
  c.app.db().with_session([&](soci::session& s) {
    visible_case(c, s, id);
    out = case_referrals_json(s, id, Date::today_vn());
  });
  return Response::json(out);
}

Response add_referral(Ctx& c) {
  const long long id = c.id_param(0);
  json b = c.body();
  CaseReferralInput in;
  in.agency_id = req_int(b, "agencyId");
  in.reason = trimmed(req_string(b, "reason", 1000));
  if (in.reason.empty() || utf8_length(in.reason) > 500)
    throw Error::Validation("reason", "Lý do chuyển gửi: 1 đến 500 ký tự", "The reason: 1 to 500 characters");
  in.shared = b.contains("shared") ? req_string_array(b, "shared", std::size(cases::kShareableFields)) : std::vector<std::string>{};
  for (const auto& f : in.shared)
    if (!cases::is_shareable_field(f))
      throw Error::Validation("shared", "Chỉ chia sẻ được: birthYear, sex, targetGroups, residence (không bao giờ danh tính)",
                              "Only birthYear, sex, targetGroups, residence may be shared (never identity)");
  std::sort(in.shared.begin(), in.shared.end());
  in.shared.erase(std::unique(in.shared.begin(), in.shared.end()), in.shared.end());
  const long long days = req_int(b, "responseDays");
  if (days < 1 || days > cases::kResponseDaysMax)
    throw Error::Validation("responseDays", "Thời hạn phản hồi: 1 đến 90 ngày", "The response time: 1 to 90 days");
  in.response_days = static_cast<int>(days);
  const Date today = Date::today_vn();
  json out;
  c.app.db().transact([&](soci::session& s) {
    CaseRow r = visible_case(c, s, id);
    cases::require_not_anonymised(r.status);
    const long long rid = add_case_referral(s, r, in, today, actor_of(c));
    out = case_referral_json(s, rid, today);
  });
  return Response::json(out, 201);
}

Response inbox(Ctx& c) {
  const long long agency = c.me().agency_id;
  json out = {{"items", json::array()}};
  if (agency)
    c.app.db().with_session([&](soci::session& s) { out = referral_inbox_json(s, *c.app.hierarchy(), agency, Date::today_vn()); });
  return Response::json(out);
}

// accept, reject, done: the receiving agency's focal points (the referral is sent to their
// agency, else 404); revoke: the referring side (the record in scope, else 404).
Response act(Ctx& c, cases::ReferralAction a) {
  const long long id = c.id_param(0);
  json b = c.body();
  const long long version = req_int(b, "version");
  std::string reason;
  if (a != cases::ReferralAction::accept) {  // reject: required; revoke, done (the outcome note): optional
    reason = trimmed(b.contains("reason") ? req_string(b, "reason", 1000) : "");
    if ((a == cases::ReferralAction::reject && reason.empty()) || utf8_length(reason) > 500)
      throw Error::Validation("reason", "Lý do: 1 đến 500 ký tự", "The reason: 1 to 500 characters");
  }
  const Date today = Date::today_vn();
  json out;
  c.app.db().transact([&](soci::session& s) {
    auto r = get_case_referral(s, id);
    if (!r) throw Error::NotFound("chuyển gửi", "Referral");
    auto rec = get_case(s, r->case_id);
    if (!rec) throw Error::NotFound("chuyển gửi", "Referral");
    if (a == cases::ReferralAction::revoke) {
      if (!Access::can_see_unit(c.me(), rec->residence_unit_id)) throw Error::NotFound("chuyển gửi", "Referral");
    } else if (!c.me().agency_id || c.me().agency_id != r->agency_id) {
      throw Error::NotFound("chuyển gửi", "Referral");
    }
    transition_case_referral(s, *r, a, version, reason, rec->residence_unit_id, actor_of(c));
    out = a == cases::ReferralAction::revoke ? case_referral_json(s, id, today)
                                             : referral_inbox_item(s, *c.app.hierarchy(), id, today);
  });
  return Response::json(out);
}
Response accept(Ctx& c) { return act(c, cases::ReferralAction::accept); }
Response reject(Ctx& c) { return act(c, cases::ReferralAction::reject); }
Response done(Ctx& c) { return act(c, cases::ReferralAction::done); }
Response revoke(Ctx& c) { return act(c, cases::ReferralAction::revoke); }
}  // namespace

void add_case_services_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/case-services", Auth::Session, catalogue,
               "The service taxonomy, with the host programmes and funding sources a service names", perm::kCasesRead});
  r.push_back({"GET", "/api/cases/{id}/services", Auth::Session, list_services, "Services delivered to a person", perm::kCasesRead});
  r.push_back({"POST", "/api/cases/{id}/services", Auth::Session, add_service,
               "Record a service delivered through a host programme (consent to services on the date required)",
               perm::kCasesRecord});
  r.push_back({"GET", "/api/cases/{id}/referrals", Auth::Session, list_referrals, "Referrals of a person", perm::kCasesRead});
  r.push_back({"POST", "/api/cases/{id}/referrals", Auth::Session, add_referral,
               "Refer a person to a receiving agency (consent to referral for the agency's kind required)", perm::kCasesRecord});
  r.push_back({"GET", "/api/referrals/inbox", Auth::Session, inbox,
               "Referrals sent to the caller's agency: client code, the shared fields, reason, due date",
               perm::kCasesReferralsReceive});
  r.push_back({"POST", "/api/referrals/{id}/accept", Auth::Session, accept, "Accept a referral (the receiving agency)",
               perm::kCasesReferralsReceive});
  r.push_back({"POST", "/api/referrals/{id}/reject", Auth::Session, reject, "Reject a referral with a reason (the receiving agency)",
               perm::kCasesReferralsReceive});
  r.push_back({"POST", "/api/referrals/{id}/done", Auth::Session, done, "Mark an accepted referral done (the receiving agency)",
               perm::kCasesReferralsReceive});
  r.push_back({"POST", "/api/referrals/{id}/revoke", Auth::Session, revoke, "Revoke a referral (the referring side)",
               perm::kCasesRecord});
}

}  // namespace longghep
