// What the report-request routes (routes_report_requests.cpp) borrow from the report routes
// (routes_reports.cpp).
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "domain/hierarchy.hpp"
#include "http/app.hpp"
#include "storage/reports.hpp"

namespace longghep {

// The asked units of an ad-hoc request with their report's status and timeliness against the
// request's deadline, and the completeness: {"period","units":[…],"completeness":{…}} — the
// compilation at the issuer (GET /api/reports/compile?period=adhoc-<id>) without the figures.
// REQUIRES: the caller may see the issuer's unit.
nlohmann::json request_progress(Ctx& c, soci::session& s, const Hierarchy& h, const ReportRequest& rq);

// The caller's own reports due soon or overdue (GET /api/reports/reminders), for my work.
nlohmann::json report_reminders_json(Ctx& c);
}  // namespace longghep
