// An integration plan as an Excel workbook (.xlsx, via libxlsxwriter): one sheet per section of
// guidance 221 §5.2 — "Đối tượng" (beneficiaries), "Hoạt động" (activities: the inter-agency
// coordination plan), "Nguồn lực" (resources) — with Vietnamese headers, dates as dd/mm/yyyy and
// amounts in VND with thousands separators. Pure adapter: JSON in, bytes out; no database.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace longghep {

// Vietnamese names of taxonomy codes, by taxonomy: "target_groups", "intervention_types",
// "funding_sources" → code → name. Codes without a name are written as they are.
using TaxonomyNames = std::map<std::string, std::map<std::string, std::string>>;

// `plan` is the JSON of GET /api/plans/{id}. Returns the .xlsx bytes; throws on I/O failure.
std::string render_plan_xlsx(const nlohmann::json& plan, const TaxonomyNames& names);

// An ASCII file name for Content-Disposition, e.g. "ke-hoach-long-ghep-52-2026-v2.xlsx".
std::string plan_xlsx_filename(const nlohmann::json& plan);

}  // namespace longghep
