// The yearly evaluation of a plan (§5.4) as the official document an officer signs (Decree
// 30/2020/NĐ-CP): "Báo cáo đánh giá kết quả thực hiện kế hoạch lồng ghép … năm N", with the
// tables of planned against achieved, people reached, budget by source, the activities outside
// the plan, and the narrative. The layout itself is export/official_document.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/hierarchy.hpp"
#include "domain/decree30.hpp"
#include "http/context.hpp"

namespace longghep {

struct OfficialDocument;

struct EvaluationDocumentInput {
  nlohmann::json evaluation;  // the API shape of GET /api/plans/{id}/evaluation, with "narrative"
  OrgUnit unit;               // the plan's unit
  std::vector<OrgUnit> ancestors;  // root first, as of the end of the plan's year
  // taxonomy table (target_groups, intervention_types, funding_sources) → code → Vietnamese name
  std::map<std::string, std::map<std::string, std::string>> names;
  decree30::Issuer issuer;              // the plan's agency, else the unit's (reports_document: unit_issuer)
  std::vector<std::string> recipients;  // "Kính gửi", and the first lines of "Nơi nhận"
  std::string signer_title, signer_name;
};

// "85,5%" for 85.5, "" for null.
std::string vn_percent(const nlohmann::json& v);
OfficialDocument build_evaluation_document(const EvaluationDocumentInput& in);
// The HTTP answer in a format: docx | xlsx | pdf.
Response evaluation_document_response(const EvaluationDocumentInput& in, const std::string& format);

}  // namespace longghep
