// The inspection record (biên bản kiểm tra) of a service business as an official document in the
// format of Decree 30/2020/NĐ-CP: the team as issuing body, "Số: …/BB-…", place and date, the
// title, the legal basis, who was present, the business, the checklist results, findings,
// violations with their legal reference (point, clause, article, instrument) and fine, measures,
// the handover to the police, outreach counts, re-inspection and the signatures of both parties
// (or the representative's refusal, with its reason and witness).
//
// Pure adapter like export/official_document, whose writer lays it out (no second writer):
//   InspectionDocument d = inspection_document_from_json(inspection, business, team, plan);
//   std::string docx = inspection_docx(d);        // or inspection_pdf(d) (LibreOffice)
// The JSON shapes are those of docs/api-inspections.md (Inspection, Team, Plan) and
// docs/api-businesses.md (Business). Dates print dd/mm/yyyy, money 1.234.567 đồng.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"

namespace longghep {

struct OfficialDocument;

struct InspectionDocument {
  // The header: the governing body ("UBND TỈNH GIA LAI", may be empty) and the issuing body, the
  // team ("ĐỘI KIỂM TRA LIÊN NGÀNH 178"; '\n' splits a long name), both upper case as printed.
  std::string governing_body, issuing_body;
  std::string team_name;      // in a sentence: "Đội kiểm tra liên ngành 178 tỉnh Gia Lai"
  std::string number_symbol;  // "Số: KT-2026-0012/BB-ĐKTLN"
  std::string place;          // địa danh: "Gia Lai"
  Date date = Date::today_vn();  // the inspection date
  std::string started_at, ended_at;  // "HH:MM"; ended_at may be empty (not recorded)
  std::optional<Date> ended_on;      // the day it ended when not `date`
  bool unannounced = false;
  bool draft = false;  // not finalised: "(Dự thảo)" under the title

  // The legal basis: the team's founding decision, the plan (number and date) and its title.
  std::string team_decision;  // "Quyết định số 45/QĐ-UBND ngày 10/01/2025 của UBND tỉnh Gia Lai"
  std::string plan_basis;     // "Kế hoạch số 12/KH-ĐKTLN"
  std::optional<Date> plan_date;
  std::string plan_title;

  struct Member {
    std::string name, position, agency;
  };
  std::vector<Member> members;  // present at the inspection, in order
  std::string team_lead;        // the team's signer (lead present, else the first present)

  struct Business {
    std::string name, type, address, commune, owner, antt_person;
    std::string cert_number, cert_issuer;
    std::optional<Date> cert_date;
  } business;
  std::string representative_name, representative_role;

  enum class Result { pass, fail, na };
  struct ChecklistItem {
    std::string text;
    Result result = Result::na;
    std::string note;
  };
  std::vector<ChecklistItem> checklist;
  std::string findings;

  struct LegalReference {
    std::string instrument, article, clause, point, title;
  };
  struct Violation {
    std::string description;
    LegalReference reference;
    long long fine = 0;
    std::string sanction_decision;
  };
  std::vector<Violation> violations;

  bool suspension = false;
  std::optional<int> suspension_days;
  bool cert_withdrawal = false;
  std::string other_measures;
  bool police_handover = false;
  std::string police_handover_note;

  long long informed = 0, health_checked = 0, referred = 0;

  enum class Signature { pending, signed_, refused };
  Signature signature = Signature::pending;
  std::string refusal_reason, refusal_witness;
  std::optional<Date> reinspection_due;
};

// "Đạt", "Không đạt", "Không áp dụng".
std::string result_vi(InspectionDocument::Result r);
// "điểm a khoản 2 Điều 7 Nghị định số 144/2021/NĐ-CP": the parts present, each with its word
// unless it already has it ("7" and "Điều 7" both give "Điều 7").
std::string legal_citation(const InspectionDocument::LegalReference& r);
// 1234567 → "1.234.567 đồng".
std::string vnd(long long amount);

// The record as the Decree 30 document (export/official_document lays it out).
OfficialDocument build_inspection_document(const InspectionDocument& d);
// The .docx bytes; the PDF bytes through LibreOffice (docx_to_pdf: Error 503 pdf_unavailable
// when it cannot run).
std::string inspection_docx(const InspectionDocument& d);
std::string inspection_pdf(const InspectionDocument& d);

// The struct from the API's JSON: `inspection` (Inspection), `business` (Business), `team` (Team),
// `plan` (Plan, or null when the inspection has none). Missing or null fields print as blanks;
// nothing here throws on a partial object. Optional extras the route may add, used when present:
// `fullName` on an OrgUnitRef ("Tỉnh Gia Lai", "Phường Pleiku"; else the name, a province as
// "Tỉnh <name>"), `typeName` on the business (else its typeCode), `governingBody` on the team
// (else "UBND <its unit>").
InspectionDocument inspection_document_from_json(const nlohmann::json& inspection, const nlohmann::json& business,
                                                 const nlohmann::json& team, const nlohmann::json& plan_or_null);

}  // namespace longghep
