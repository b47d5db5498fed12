#include "http/inspection_document_route.hpp"

#include "export/inspection_document.hpp"
#include "export/official_document.hpp"
#include "http/reports_document.hpp"

namespace longghep {
using nlohmann::json;

namespace {
// Sets ref.fullName from the hierarchy when the ref names a unit it holds.
void add_full_name(const Hierarchy& h, json& ref) {
  if (!ref.is_object() || !ref.contains("id") || !ref["id"].is_number_integer()) return;
  if (const OrgUnit* u = h.by_id(ref["id"].get<long long>()); u && !u->full_name.empty()) ref["fullName"] = u->full_name;
}
}  // namespace

std::string inspection_document_basename(const std::string& code) {
  std::string out = "bien-ban-kiem-tra";
  std::string part;
  for (char c : code) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (keep) part += c;
    else if (!part.empty() && part.back() != '-') part += '-';
  }
  while (!part.empty() && part.back() == '-') part.pop_back();
  if (part.size() > 60) part.resize(60);
  return part.empty() ? out : out + "-" + part;
}

Response inspection_document_response(const Hierarchy& h, json inspection, json business, json team, const json& plan,
                                      const std::string& type_name, const std::string& format) {
  if (team.is_object() && team.contains("orgUnit")) add_full_name(h, team["orgUnit"]);
  if (business.is_object() && business.contains("commune") && business["commune"].is_object() &&
      business["commune"].contains("orgUnit"))
    add_full_name(h, business["commune"]["orgUnit"]);
  if (inspection.is_object() && inspection.contains("commune") && inspection["commune"].is_object() &&
      inspection["commune"].contains("orgUnit"))
    add_full_name(h, inspection["commune"]["orgUnit"]);
  if (business.is_object() && !type_name.empty()) business["typeName"] = type_name;

  const InspectionDocument d = inspection_document_from_json(inspection, business, team, plan);
  const std::string code = inspection.is_object() && inspection.contains("code") && inspection["code"].is_string()
                               ? inspection["code"].get<std::string>()
                               : "";
  Response r = official_document_response(build_inspection_document(d), inspection_document_basename(code),
                                           format == "pdf" ? "pdf" : "docx");
  r.headers.push_back({"Cache-Control", "no-store"});
  return r;
}

}  // namespace longghep
