// DHIS2 export as pure rules (issue 21 item 2, docs/INTEROP.md): longghep periods as DHIS2 and
// ADX periods, the code mappings resolved by date, the data values of accepted reports, and the
// two serialisations, dataValueSets JSON (idScheme CODE) and ADX XML (urn:ihe:qrph:adx:2015).
//
//   auto p = dhis2::map_period("2025-H1");                 // {"2025S1", "2025-01-01/P6M", 01/01–30/06}
//   auto x = dhis2::build_export(in);                      // values, suppressed, skipped
//   dhis2::data_value_set_json(x);  dhis2::adx_xml(x, "2026-01-05T03:00:00Z");
//
// Aggregates only: what goes out is the figures of accepted reports (numbers), never a person's
// record; the case elements counting people supported arrive here with their small cells already
// marked suppressed (analytics::suppressed_elements, by the caller), and a suppressed value is left
// out, never sent as a number.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "domain/error.hpp"

namespace longghep::dhis2 {

// A longghep reporting period as DHIS2 sees it: "2025-H1" → "2025S1" (SixMonthly), "2025-H2" →
// "2025S2", "2025" → "2025" (Yearly); ADX's ISO 8601 start/duration "2025-01-01/P6M",
// "2025-07-01/P6M", "2025-01-01/P1Y".
struct Period {
  std::string code;   // longghep's
  std::string dhis2;  // DHIS2 period id
  std::string adx;    // ADX period
  Date from = Date::min(), to = Date::min();
};
// Throws 400 period_not_exportable (field "period") for an ad-hoc period ("adhoc-12": it has no
// DHIS2 period type) and for anything that is not a half-year or a year of 2000–2100.
Period map_period(const std::string& code);

// A DHIS2 code as accepted here: 1–50 characters of A–Z a–z 0–9 _ - . (DHIS2 codes are at most 50).
bool valid_code(std::string_view code);
// A disaggregation attribute name of ADX (a category code used as an XML attribute name): an
// XML name of A–Z a–z 0–9 _ starting with a letter, at most 50, not one of ADX's own attributes.
bool valid_attribute_name(std::string_view name);

struct ElementMapping {
  long long id = 0;
  std::string form_code, element_code, data_element, category_option_combo = "default";
  std::map<std::string, std::string> attributes;  // ADX disaggregation: {"SEX": "F"}
  Validity validity;
  long long version = 1;
};
struct OrgUnitMapping {
  long long id = 0;
  std::string lg_code;
  Validity lg_validity;  // the longghep unit version(s) the row is for
  std::string dhis2_code;
  Validity validity;     // when the DHIS2 code applies
  long long version = 1;
};

// The row of (form, element) valid on `on`, or nullptr.
const ElementMapping* resolve_element(const std::vector<ElementMapping>& rows, const std::string& form,
                                      const std::string& element, Date on);
// The DHIS2 code of a longghep unit version (code, validity) on `on` (a day within the version's
// validity): the row of that code whose lg_validity and validity both contain `on`; without one,
// the unit's own code — or, for a version that ended and whose code was given to another unit later
// (`code_reused`), "<code>_<YYYYMMDD of its last day>".
std::string resolve_org_unit(const std::vector<OrgUnitMapping>& rows, const std::string& code, const Validity& unit,
                             bool code_reused, Date on);

// The problems of a mapping row among the stored ones (`others`, the row itself excluded by id):
// codes of the DHIS2 charset, from <= to, attributes valid, no overlap of validity with another row
// of the same key ((form, element) / (lg_code with overlapping lg_validity)), and, for elements, the
// same (data element, combo) not mapped twice from one form on overlapping dates. Empty when fine.
std::vector<FieldIssue> element_mapping_issues(const ElementMapping& m, const std::vector<ElementMapping>& others);
std::vector<FieldIssue> orgunit_mapping_issues(const OrgUnitMapping& m, const std::vector<OrgUnitMapping>& others);

// ----- building an export -----
struct FormElementInfo {
  std::string code, value_type;  // number | text | bool
};
// One accepted report: its unit version, when it was accepted (the last 'accept' of the chain,
// UTC "YYYY-MM-DDTHH:MM:SSZ"), its values (element code → number / text / null) and the case
// elements to leave out (small cells, suppressed by analytics::suppressed_elements).
struct SourceReport {
  std::string unit_code, unit_name;
  Validity unit_validity;
  bool code_reused = false;
  std::string accepted_at;
  nlohmann::json values = nlohmann::json::object();
  std::set<std::string> suppressed;
};
struct ExportInput {
  std::string form_code, dataset_code;
  Period period;
  std::vector<FormElementInfo> elements;  // the form's, in its order
  std::vector<ElementMapping> element_map;
  std::vector<OrgUnitMapping> orgunit_map;
  std::vector<SourceReport> reports;
};
struct DataValue {
  std::string element_code;  // longghep's
  std::string data_element, category_option_combo;
  std::map<std::string, std::string> attributes;
  long long value = 0;
};
struct Group {  // one org unit's values (ADX <group>)
  std::string unit_code, unit_name, org_unit;  // longghep code, name, DHIS2 code
  std::string complete_date;                   // YYYY-MM-DD (UTC day of the acceptance)
  std::vector<DataValue> values;
};
struct Skipped {
  std::string reason;  // unmapped_element | not_numeric
  std::string element_code;
  long long reports = 0;  // how many reports had a value for it
};
struct Export {
  std::string form_code, dataset_code;
  Period period;
  std::vector<Group> groups;  // by DHIS2 org unit code
  long long values = 0, suppressed = 0;
  std::vector<Skipped> skipped;  // by element order
};
// Throws 409 dhis2_duplicate_value when two reports (or two elements) give the same (data element,
// combo, org unit): a mapping that sends two things to one cell.
Export build_export(const ExportInput& in);

// dataValueSets JSON (idScheme CODE): {"dataSet","period", ["orgUnit","completeDate" when one
// unit], "dataValues":[{"dataElement","categoryOptionCombo","period","orgUnit","value"}]}; values as
// strings (as DHIS2 writes them).
nlohmann::json data_value_set_json(const Export& x);
// ADX: <adx xmlns="urn:ihe:qrph:adx:2015" exported="…"><group dataSet orgUnit period completeDate>
// <dataValue dataElement value [attributes]/>…</group>…</adx>; a unit without values has no group
// (the schema needs one dataValue at least). `exported`: xs:dateTime.
std::string adx_xml(const Export& x, const std::string& exported);
// {"values","suppressed","skipped":[{reason,element,reports}],"units":[{code,name,orgUnit,completeDate,values}]}
nlohmann::json export_summary_json(const Export& x);

// The import summary a DHIS2 server returned (the body of POST /api/dataValueSets; newer
// versions wrap it in {"response": …}) reduced to what is stored: {status, importCount:{imported,
// updated,ignored,deleted}, conflicts:[{object,value}] (at most 100), description}. nullopt when
// it is not one.
std::optional<nlohmann::json> read_import_summary(const nlohmann::json& body);

}  // namespace longghep::dhis2
