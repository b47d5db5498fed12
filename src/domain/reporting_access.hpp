// Who may do what with a periodic or ad-hoc report (§5.4, docs/api-reports.md), decided in one
// place as pure logic over plain data: the caller (Principal), the hierarchy snapshot and the
// report's facts — its unit, period, agency and request. The report routes load the facts and ask
// here, as the plan routes ask PlanAccess (domain/plan_workflow.hpp); whether an action is legal
// in the report's status is the workflow's (domain/reporting.hpp: next_status).
//
//   ReportFacts r{.unit = h.by_id(41), .period = *period_for(PeriodKind::half_year, "2023-H1", {})};
//   ReportAccess::can_fill(me, h, r, today);      // its own officers, or on behalf of a ceased unit
//   ReportAccess::review_level(me, h, r, today);  // the level above that me acts for, or nullptr
//   ReportAccess::require_fill(me, h, r, today);  // else 403 forbidden / 409 unit_ceased, request_closed
//
// Whose report is it:
//  - a unit's periodic report is filled and submitted by the unit's own officers, or on behalf of a
//    unit that no longer exists by its successors (Access::acting_for); it is accepted, returned
//    and reopened by the nearest level above that the caller acts for (Access::reviewing_level);
//  - an agency's report (a province's agency) is filled by that agency's focal point and reviewed
//    by the province's own officers;
//  - an ad-hoc request's report is filled by the officers of a unit it asks, while it is open, and
//    reviewed by an officer above who sees the unit;
//  - an agency focal point (Access::assignment_agency) fills only its agency's reports and reviews
//    none.
#pragma once
#include <optional>
#include <vector>

#include "domain/access.hpp"
#include "domain/reporting.hpp"

namespace longghep {

// An ad-hoc request (báo cáo đột xuất) as the decisions see it (stored: storage ReportRequest).
struct AdhocRequestFacts {
  long long issuer_unit_id = 0;
  std::vector<long long> unit_ids;  // the units it asks
  bool open = true;                 // status "open" (else closed: nothing more is filled)
  bool asks(long long unit_id) const;
};

// One report: the unit it belongs to (an agency's report: the agency's province), its period, and
// whose it is.
struct ReportFacts {
  const OrgUnit* unit = nullptr;  // required
  ReportingPeriod period;         // from, to and labels (for the messages)
  long long agency_id = 0;        // an agency's report; 0: the unit's own
  std::optional<AdhocRequestFacts> request;  // the report answers an ad-hoc request
  // The request asks the unit (false for its issuer, who compiles it, and for a periodic report).
  bool asked() const { return request && request->asks(unit->id); }
};

class ReportAccess {
 public:
  // The caller fills some unit's report at all: it holds reports.submit and is not an agency
  // focal point (who fills only its agency's reports).
  static bool fills_unit_reports(const Principal& me);
  // How the caller would act for the report's unit when filling it (not checking permissions):
  // a periodic report, Access::acting_for over the period; an ad-hoc one, own when the unit is
  // the caller's home unit, else none ("not_successor").
  static Access::ActingFor fill_acting(const Principal& me, const Hierarchy& h, const ReportFacts& r, Date today);
  // May fill (save) and submit: see the header. An ad-hoc report only while the request is open
  // and asks the unit.
  static bool can_fill(const Principal& me, const Hierarchy& h, const ReportFacts& r, Date today);
  // can_fill, or throws why not: 409 request_closed (a closed request), 403 forbidden (field
  // agencyId for an agency's report, else orgUnitCode), 409 unit_ceased (field period: the unit
  // ended before the period began, so it has no report for it).
  static void require_fill(const Principal& me, const Hierarchy& h, const ReportFacts& r, Date today);
  // The unit the caller fills the report for on behalf (a unit that no longer exists), or nullptr
  // when it acts as the unit itself — always for an agency's or an ad-hoc report.
  static const OrgUnit* fill_on_behalf(const Principal& me, const Hierarchy& h, const ReportFacts& r, Date today);
  // A unit's periodic report: the level above the unit that the caller reviews it for
  // (Access::reviewing_level; `how` says own or on behalf). nullptr for an agency's or an ad-hoc
  // report, and when the caller acts for no level above.
  static const OrgUnit* review_level(const Principal& me, const Hierarchy& h, const ReportFacts& r, Date today,
                                     Access::Acting* how = nullptr);
  // May accept, return and reopen: holds reports.review, is not an agency focal point, and is the
  // province's officer (an agency's report), an officer of another unit who sees it (ad-hoc), or
  // acts for a level above a unit it sees (periodic).
  static bool can_review(const Principal& me, const Hierarchy& h, const ReportFacts& r, Date today);
  // can_review, or 403 forbidden saying who does.
  static void require_review(const Principal& me, const Hierarchy& h, const ReportFacts& r, Date today);

  // What the caller may do now with a report in `status` (a ReportStatus name): edit and submit
  // while it is editable and the caller fills it; accept and return a submitted one, reopen an
  // accepted one, when the caller reviews it.
  struct Allowed {
    bool edit = false, submit = false, accept = false, return_ = false, reopen = false;
  };
  static Allowed allowed(const Principal& me, const Hierarchy& h, const ReportFacts& r, const std::string& status, Date today);
};

}  // namespace longghep
