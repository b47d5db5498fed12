// The yearly evaluation of an approved integration plan (guidance 221 §5.4): planned against
// achieved per activity, people reached per target group, budget by source, cost per person,
// the activities outside the plan, and the narrative of effectiveness — as JSON and as the
// official document. Permissions are the plan's: reading needs what reading the plan needs
// (plans.read, the plan's unit in scope, the own agency for focal points; else 404); writing the
// narrative needs plans.edit on such a plan, which must be the approved version.
#include "domain/error.hpp"
#include "domain/evaluation.hpp"
#include "http/app.hpp"
#include "storage/indicators.hpp"
#include "http/evaluation_document.hpp"
#include "http/reports_document.hpp"
#include "storage/evaluations.hpp"
#include "storage/plans.hpp"
#include "storage/programmes.hpp"

namespace longghep {
using nlohmann::json;

namespace {
constexpr size_t kMaxNarrativeBytes = 20000;  // each part; about 6,000 Vietnamese letters

// Only an approved plan (or an approved one since superseded, for the record) is evaluated.
void require_evaluable(const PlanRow& p) {
  if (p.status != PlanStatus::approved && p.status != PlanStatus::superseded)
    throw Error(409, "plan_not_approved",
                "Chỉ đánh giá được kế hoạch đã phê duyệt (kế hoạch đang ở trạng thái " + status_name_vi(p.status) + ")",
                "Only an approved plan can be evaluated (the plan is " + to_string(p.status) + ")");
}

json evaluation_for(Ctx& c, soci::session& s, const Hierarchy& h, const PlanRow& p) {
  const EvaluationData d = load_evaluation_data(s, h, p);
  json out = evaluation_json(h, d, evaluate_plan(d.input));
  // The indicator results of the plan's unit for the plan year (storage/indicators.hpp).
  const OrgUnit* unit = h.by_id(p.org_unit_id);
  out["indicators"] = unit ? evaluate_indicators(s, h, *unit, p.year) : json::array();
  out["narrative"] = narrative_json(load_narrative(s, p.id));
  out["can"] = {{"editNarrative", Access::has(c.me(), perm::kPlansEdit) && p.status == PlanStatus::approved}};
  return out;
}

Response get_evaluation(Ctx& c) {
  Access::require(c.me(), perm::kPlansRead);
  const long long id = c.id_param(0);
  HierarchyPtr h = c.app.hierarchy();
  json out;
  c.app.db().with_session([&](soci::session& s) {
    const PlanRow p = readable_plan(c, s, id);
    require_evaluable(p);
    out = evaluation_for(c, s, *h, p);
  });
  return Response::json(out);
}

EvaluationNarrative read_narrative(const json& b) {
  EvaluationNarrative n;
  std::vector<FieldIssue> issues;
  auto part = [&](const char* field, std::string& into) {
    try {
      into = opt_string(b, field, kMaxNarrativeBytes);
    } catch (const Error& e) {
      if (e.field() && e.message_en().find("too long") != std::string::npos)
        issues.push_back({field, "Trường \"" + std::string(field) + "\" dài quá " + std::to_string(kMaxNarrativeBytes) + " byte",
                          "Field \"" + std::string(field) + "\" is longer than " + std::to_string(kMaxNarrativeBytes) + " bytes"});
      else
        issues.push_back({field, e.message_vi(), e.message_en()});
    }
  };
  part("results", n.results);
  part("limitations", n.limitations);
  part("causes", n.causes);
  part("lessons", n.lessons);
  part("proposals", n.proposals);
  if (!issues.empty()) throw Error::Invalid(issues);
  return n;
}

Response put_evaluation(Ctx& c) {
  Access::require(c.me(), perm::kPlansEdit);
  const long long id = c.id_param(0);
  const json b = c.body();
  const long long version = req_int(b, "version");
  if (version < 0) throw Error::Validation("version", "Phiên bản không được âm", "The version cannot be negative");
  const EvaluationNarrative text = read_narrative(b);
  json out;
  c.app.db().transact([&](soci::session& s) {
    const PlanRow p = readable_plan(c, s, id);
    require_evaluable(p);
    if (p.status != PlanStatus::approved)
      throw Error(409, "plan_superseded", "Kế hoạch đã có phiên bản mới được phê duyệt: hãy đánh giá phiên bản mới",
                  "A newer version of the plan was approved: evaluate that version");
    out = narrative_json(save_narrative(s, p, text, version, actor_of(c)));
  });
  return Response::json(out);
}

Response document(Ctx& c) {
  Access::require(c.me(), perm::kPlansRead);
  const long long id = c.id_param(0);
  const std::string format = c.enum_q("format", {"docx", "xlsx", "pdf"}, "docx");
  HierarchyPtr h = c.app.hierarchy();
  EvaluationDocumentInput in;
  c.app.db().with_session([&](soci::session& s) {
    const PlanRow p = readable_plan(c, s, id);
    require_evaluable(p);
    in.evaluation = evaluation_for(c, s, *h, p);
    const OrgUnit* u = h->by_id(p.org_unit_id);
    if (!u) throw Error::NotFound("đơn vị hành chính của kế hoạch", "The plan's org unit");
    in.unit = *u;
    const Date end_of_year = Date::from_ymd(p.year, 12, 31);
    for (const OrgUnit* a : h->ancestors(*u, std::min(end_of_year, u->validity.to))) in.ancestors.push_back(*a);
    // Decree 30: the plan's agency issues it (else the unit's), to the lead agency (else the
    // People's Committee) of its unit, or of the unit above when the committee issues it
    const Date day = std::min({end_of_year, u->validity.to, Date::today_vn()});
    const ProgrammeRolesPtr roles = c.app.programme_roles();
    std::optional<decree30::Issuer> plan_agency;
    if (in.evaluation["plan"]["agency"].is_object() && in.evaluation["plan"]["agency"]["id"].is_number_integer())
      plan_agency = agency_issuer(s, *h, in.evaluation["plan"]["agency"]["id"].get<long long>());
    in.issuer = plan_agency ? *plan_agency : unit_issuer(s, *h, *roles, *u, day, c.me().agency_id);
    if (const std::string r = checked_recipient(c.q("recipient")); !r.empty()) in.recipients.push_back(r);
    else if (in.issuer.kind != "ubnd" && !u->parent_code.empty())
      in.recipients.push_back(recipient_of(s, *h, *roles, *u, day, in.issuer.agency_id));
    else if (!in.ancestors.empty()) in.recipients.push_back(recipient_of(s, *h, *roles, in.ancestors.back(), day));
    const Signer signer = signer_for_request(c, s, in.issuer);
    in.signer_title = signer.title;
    in.signer_name = signer.name;
    for (const char* t : {"target_groups", "intervention_types", "funding_sources"}) {
      const json entries = list_taxonomy(s, t);  // kept: a range over a temporary's member would dangle
      for (const auto& e : entries["items"]) in.names[t][e["code"].get<std::string>()] = e["nameVi"].get<std::string>();
    }
  });
  RenderPermit permit(format, c.me().user_id);  // bounded renders: 503 busy / 429 beyond them
  return evaluation_document_response(in, format);
}
}  // namespace

void add_evaluations_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/plans/{id}/evaluation", Auth::Session, get_evaluation,
               "Yearly evaluation of an approved plan (§5.4): planned vs achieved, budget by source, cost per person", perm::kPlansRead});
  r.push_back({"PUT", "/api/plans/{id}/evaluation", Auth::Session, put_evaluation,
               "Save the evaluation's narrative of effectiveness (optimistic concurrency on version)", perm::kPlansEdit});
  r.push_back({"GET", "/api/plans/{id}/evaluation/document", Auth::Session, document,
               "The evaluation as an official document: docx (Decree 30), xlsx annex or pdf", perm::kPlansRead});
}

}  // namespace longghep
