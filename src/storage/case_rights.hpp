// The person's rights over a support record (issue 16 §6; docs/api-cases.md "The person's
// rights"): the export of one person's data, anonymisation (erasure of the identity, keeping the
// pseudonymous statistics fields), retention, and the duplicate-search log. The rules are in
// domain/case_rights.hpp; who may call what in http/routes_case_rights.cpp.
#pragma once
#include <soci/soci.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/case_rights.hpp"
#include "domain/hierarchy.hpp"
#include "storage/audit.hpp"
#include "storage/cases.hpp"

namespace longghep::security { class Sealer; }

namespace longghep {

// ----- export (POST /api/cases/{id}/rights-export) -----
// One section of the export: a name (the JSON key, and the xlsx "section" column) and the function
// that reads it. The identity is not a section: it is opened only as an audited reveal by the
// route. A table added later (assessments, plans, follow-ups, groups) adds one entry to
// case_rights_sections() — nothing else changes.
struct RightsSection {
  const char* name;
  std::function<nlohmann::json(soci::session&, const Hierarchy&, const CaseRow&, const security::Sealer&)> read;
};
const std::vector<RightsSection>& case_rights_sections();
// The sections of the export, in order: {"record": …, "consents": …, …}.
nlohmann::json case_rights_export_json(soci::session& s, const Hierarchy& h, const CaseRow& r,
                                       const security::Sealer& sealer);
// Audits the export itself (entity case_rights_export: the code, the sections, whether the
// identity was included — never values).
void audit_rights_export(soci::session& s, const CaseRow& r, const std::vector<std::string>& sections, bool identity,
                         const std::string& format, const Actor& actor);

// ----- correction (PUT /api/cases/{id}/identity with correctionRequest) -----
// Audits a correction made on the person's request (entity case_correction): the reference and
// the changed field names, never values. Called in the transaction of the identity update.
void audit_case_correction(soci::session& s, const CaseRow& r, const std::string& reference,
                           const std::vector<std::string>& changed_fields, const Actor& actor);

// ----- anonymisation -----
// Wipes the record's identity for good, in the caller's transaction: the sealed columns and the
// search hashes become NULL (nothing is left to decrypt or to match), the free text kept beside
// the record is emptied (consent notes, service notes, referral reasons), status becomes
// 'anonymised'. Kept: the code, birth year, sex, residence, target groups, registration date,
// consents (purposes and dates), services (codes and dates), referrals (agency, dates, statuses)
// — the pseudonymous statistics fields. The access log is kept (who saw the record, and why: the
// accountability of past reveals). Audited (action anonymise, entity case) with the reason; the
// actor is the system for retention. 409 case_anonymised when already anonymised.
void anonymise_case(soci::session& s, const CaseRow& r, const std::string& reason, const Actor& actor);

// ----- retention (`longghep retention run`) -----
// The SQL expression of a record's closure day (YYYY-MM-DD text) in case_records. Until migration
// 0025 (closed_on) is merged: the day of updated_at of a closed record. Switch here, once.
std::string closure_date_sql();
// The ids of closed records whose closure day is before `cutoff` (domain retention_cutoff).
std::vector<long long> retention_candidates(soci::session& s, Date cutoff);

// ----- duplicate-search log -----
// This user's searches since an hour ago (the rate limit).
int case_searches_last_hour(soci::session& s, long long user_id);
// Logs a search: who, when, the kinds of criteria ("name", "idNumber"), the number of matches.
void log_case_search(soci::session& s, long long user_id, const std::string& username, long long org_unit_id,
                     const std::vector<std::string>& criteria, long long matches);
// GET /api/case-search-log: the searches of users whose home unit is in `scope` (nullptr: all),
// newest first, at most `limit`.
nlohmann::json case_search_log_json(soci::session& s, const Scope* scope, int limit);

}  // namespace longghep
