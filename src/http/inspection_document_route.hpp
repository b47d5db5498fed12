// GET /api/inspections/{id}/document?format=docx|pdf — the biên bản kiểm tra as the Decree 30
// document (export/inspection_document lays it out with the official document writer; the PDF
// through LibreOffice). Not registered here: the inspections routes call this once they have
// read the record, its business, its team and its plan (docs/api-inspections.md):
//
//   Access::require(c.me(), perm::kInspectionsRead);
//   const std::string format = c.enum_q("format", {"docx", "pdf"}, "docx");
//   json inspection, business, team, plan;  // the API shapes, read in scope (404 outside)
//   std::string type_name;                  // business_types.name_vi of business.typeCode
//   ... with_session: read them as GET /api/inspections/{id} etc. do ...
//   RenderPermit permit(format, c.me().user_id);  // http/reports_document.hpp: bounded renders
//   return inspection_document_response(*c.app.hierarchy(), inspection, business, team, plan, type_name, format);
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "domain/hierarchy.hpp"
#include "http/context.hpp"

namespace longghep {

// Adds what the JSON shapes leave out and the document prints: `fullName` on the team's and the
// business's OrgUnitRefs (from `h`: "Tỉnh Gia Lai", "Phường Pleiku") and `typeName` on the
// business (when not empty). Then the answer: the .docx or the PDF, named
// "bien-ban-kiem-tra-<code>.<ext>", Cache-Control no-store. `plan` may be null.
// Throws Error(503, pdf_unavailable) when LibreOffice cannot convert.
Response inspection_document_response(const Hierarchy& h, nlohmann::json inspection, nlohmann::json business,
                                      nlohmann::json team, const nlohmann::json& plan, const std::string& type_name,
                                      const std::string& format);

// "KT-2026/0012" → "bien-ban-kiem-tra-KT-2026-0012": ASCII letters, digits and '-' only.
std::string inspection_document_basename(const std::string& code);

}  // namespace longghep
