// People supported (issue 16 items 4–5): services delivered through host programmes and
// referrals to receiving agencies. Nothing here touches the sealed identity; the audit holds
// codes only. The rules are in domain/cases.hpp; who may call what in http/routes_case_services.cpp.
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/cases.hpp"
#include "domain/hierarchy.hpp"
#include "storage/audit.hpp"
#include "storage/cases.hpp"

namespace longghep {

// GET /api/case-services: the service taxonomy, with the host programmes (programme_categories)
// and funding sources a service may name (active entries).
nlohmann::json case_service_catalogue_json(soci::session& s);

struct CaseServiceInput {
  std::string service_code, host_programme_code, funding_source_code, note;
  Date delivered_on = Date::min();
};
nlohmann::json case_services_json(soci::session& s, long long case_id);
// Validates the codes (active), the date (not before registration) and consent to services on
// that date (409 consent_required); inserts and audits; returns the id.
long long add_case_service(soci::session& s, const CaseRow& r, const CaseServiceInput& in, const Actor& actor);

struct CaseReferralInput {
  long long agency_id = 0;
  std::string reason;
  std::vector<std::string> shared;  // cases::kShareableFields
  int response_days = 0;
};
struct CaseReferralRow {
  long long id = 0, case_id = 0, agency_id = 0, version = 0;
  std::string status;
};
std::optional<CaseReferralRow> get_case_referral(soci::session& s, long long id);
nlohmann::json case_referrals_json(soci::session& s, long long case_id, Date today);
nlohmann::json case_referral_json(soci::session& s, long long id, Date today);
// Consent to referral for the agency's kind must hold today (409 consent_required).
long long add_case_referral(soci::session& s, const CaseRow& r, const CaseReferralInput& in, Date today, const Actor& actor);
// The receiving agency's view: client code, the shared fields, reason, due date, status.
nlohmann::json referral_inbox_json(soci::session& s, const Hierarchy& h, long long agency_id, Date today);
nlohmann::json referral_inbox_item(soci::session& s, const Hierarchy& h, long long referral_id, Date today);
// Applies a state-machine action with optimistic concurrency (409 on a stale version).
void transition_case_referral(soci::session& s, const CaseReferralRow& r, cases::ReferralAction a, long long version,
                              const std::string& reason, long long residence_unit_id, const Actor& actor);

}  // namespace longghep
