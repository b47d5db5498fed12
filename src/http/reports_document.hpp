// A periodic report as the official document an officer signs (Decree 30/2020/NĐ-CP): which
// figures and tables go in, worded in Vietnamese. The layout itself is export/official_document.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/decree30.hpp"
#include "domain/hierarchy.hpp"
#include "domain/programme_roles.hpp"
#include "http/context.hpp"
#include "storage/reports.hpp"

namespace longghep {

struct ReportDocumentInput {
  ReportForm form;
  ReportingPeriod period;
  OrgUnit unit;
  std::vector<OrgUnit> ancestors;  // root first, as of the period
  nlohmann::json values;           // the unit's own report values
  nlohmann::json compiled;         // the compilation (docs/api-reports.md) of the units below
  decree30::Issuer issuer;              // who issues it (an agency of the unit, or its committee)
  std::vector<std::string> recipients;  // "Kính gửi", as written; also the first lines of "Nơi nhận"
  std::string signer_title;             // "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" (empty: by the issuer's kind)
  std::string signer_name;              // may be empty: the space to sign stays
};

// The signer of a document: the query's signerTitle / signerName when given (checked: at most 3
// lines of 60 characters / 100 characters, no control characters; 400 validation_failed naming
// the parameter), else the user's profile (users.signer_title / signer_name), else the title by
// the issuer's kind and the user's full name without what is in brackets.
struct Signer {
  std::string title, name;
};
Signer signer_of(const std::string& query_title, const std::string& query_name, const std::string& profile_title,
                 const std::string& profile_name, const std::string& user_full_name, const decree30::Issuer& issuer);
// The issuer's data of an agency (name, kind, abbreviation, seat, its unit); nullopt when absent.
std::optional<decree30::Issuer> agency_issuer(soci::session& s, const Hierarchy& h, long long agency_id);
// The issuer of a unit's document on `day`: the agency `preferred` when it is one of the unit's
// (the caller's own department), else the unit's lead agency of the programme, else the unit's
// People's Committee as registered, else the committee named from the unit.
decree30::Issuer unit_issuer(soci::session& s, const Hierarchy& h, const ProgrammeRoles& roles, const OrgUnit& unit,
                             Date day, long long preferred);
// Who a unit's document goes to ("Kính gửi"): the lead agency of `to` on `day` (a ministry's
// department as "Bộ Y tế (Cục Bảo trợ xã hội)"), else the People's Committee of `to`.
std::string recipient_of(soci::session& s, const Hierarchy& h, const ProgrammeRoles& roles, const OrgUnit& to, Date day,
                         long long except_agency = 0);
// The signer for a download: the query parameters signerTitle / signerName over the profile.
Signer signer_for_request(Ctx& c, soci::session& s, const decree30::Issuer& issuer);

// The signer fields checked as signer_of does (the profile's PUT /api/me/signer uses them too).
std::string checked_signer_title(const std::string& v);
std::string checked_signer_name(const std::string& v);
// A "Kính gửi" given on the query (recipient): at most 200 characters, one line; 400 otherwise.
std::string checked_recipient(const std::string& q);

// The document built from the report (pure), and the HTTP answer in a format: docx | xlsx | pdf.
struct OfficialDocument;
// The Decree 30 head of a report by `issuer` to `recipients`, dated today (VN): governing and
// issuing body, "Số: …/BC-<abbreviation>", the issuer's seat, "BÁO CÁO" and the subject.
OfficialDocument report_head(const decree30::Issuer& issuer, const std::vector<std::string>& recipients,
                             const std::string& subject);
OfficialDocument build_report_document(const ReportDocumentInput& in);
Response report_document_response(const ReportDocumentInput& in, const std::string& format);
// Any official document as the HTTP answer in `format`: the .docx, its PDF (LibreOffice), or the
// annex tables as .xlsx ("<base>-phu-luc.xlsx"); file names "<base>.<ext>". Shared by every
// document route (reports, the yearly evaluation).
Response official_document_response(const OfficialDocument& d, const std::string& base, const std::string& format);

// Bounds on document rendering, held by a route for the time it builds and renders a document:
// at most 2 PDF conversions (LibreOffice headless, hundreds of MiB each) and 4 .docx/.xlsx
// renders at once in the process; a caller waits at most 10 s (PDF) / 5 s for a turn, then gets
// 503 busy; one user has at most 2 renders under way, beyond that 429. Both carry Retry-After.
class RenderPermit {
 public:
  RenderPermit(const std::string& format, long long user_id);
  ~RenderPermit();
  RenderPermit(const RenderPermit&) = delete;
  RenderPermit& operator=(const RenderPermit&) = delete;

 private:
  bool pdf_;
  long long user_id_;
};

// 1234567 → "1.234.567"
std::string vn_number(long long n);

}  // namespace longghep
