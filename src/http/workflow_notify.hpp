// The notifications of the workflow events (issue 15): called by the plan, report and task routes
// inside the transaction of the event, so a rolled-back event notifies nobody. Recipients come
// from data: who acts next (domain/next_actor.hpp over the approval rules and the hierarchy), or
// whose record it is (the submitter; a task's agencies).
#pragma once
#include <soci/soci.h>

#include <string>

#include <nlohmann/json.hpp>
#include <vector>

#include "domain/hierarchy.hpp"
#include "domain/next_actor.hpp"
#include "domain/plan_workflow.hpp"
#include "storage/audit.hpp"
#include "storage/directives.hpp"
#include "storage/plans.hpp"

namespace longghep {

// After a plan transition: submit → its approvers; approve / return → its submitter.
// `p`: the plan after the transition; `submitted_by`: the submitter's user id (before a decision).
void notify_plan_event(soci::session& s, const Hierarchy& h, const PlanRow& p, PlanAction action, long long submitted_by,
                       const Actor& actor);
// After a report transition (`action`: submit, accept, return): submit → its reviewers;
// accept / return → its submitter (`submitter_username`). `title_vi/en` name the report.
void notify_report_event(soci::session& s, const Hierarchy& h, long long report_id, const OrgUnit& unit,
                         long long agency_id, long long issuer_unit_id, const std::string& action,
                         const std::string& submitter_username, const std::string& title_vi, const std::string& title_en,
                         const Actor& actor);
// Who acts next, for the answers: [{unit:{id,code,name}|null, role:{code,nameVi,nameEn}|null,
// permission, action}] (the role names from the roles table).
nlohmann::json next_actors_json(soci::session& s, const Hierarchy& h, const std::vector<NextActor>& next);
// A task assigned (created) or extended (its deadline moved later): the users of its agencies.
void notify_task_event(soci::session& s, const TaskRow& t, bool extended, const Actor& actor);

}  // namespace longghep
