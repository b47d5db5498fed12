// A periodic report as the official document an officer signs (Decree 30/2020/NĐ-CP): which
// figures and tables go in, worded in Vietnamese. The layout itself is export/official_document.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/hierarchy.hpp"
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
  long long issuing_agency = 0;
  std::string issuing_agency_name;
};

// The document built from the report (pure), and the HTTP answer in a format: docx | xlsx | pdf.
struct OfficialDocument;
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
// Upper case of a short Vietnamese name ("Sở Y tế" → "SỞ Y TẾ"), for the issuing body.
std::string upper_vi(const std::string& s);

}  // namespace longghep
