// Ad-hoc report requests (báo cáo đột xuất, §5.4, docs/api-reports.md): a level with
// reports.review asks the units directly below it (all, or a chosen subset) for a report on a
// form over a from–to span by a deadline. Each asked unit fills and submits it as the report of
// period "adhoc-<id>" (routes_reports.cpp), through the same chain; the issuer compiles it.
#include <algorithm>
#include <set>

#include "domain/error.hpp"
#include "domain/reporting.hpp"
#include "http/app.hpp"
#include "http/reports_common.hpp"
#include "storage/org_units.hpp"
#include "storage/reports.hpp"

namespace longghep {
using nlohmann::json;

namespace {

inline constexpr size_t kMaxUnits = 500;
inline constexpr size_t kMaxTitle = 300;

Date req_date(const json& b, const std::string& field) {
  const std::string v = req_string(b, field, 10);
  auto d = Date::parse(v);
  if (!d) throw Error::Validation(field, "Ngày không hợp lệ (YYYY-MM-DD): " + v, "Not a date (YYYY-MM-DD): " + v);
  return *d;
}

// Visible to a caller who sees the issuing unit, or whose home unit the request asks.
bool can_see(const Principal& me, const ReportRequest& rq) {
  return Access::can_see_unit(me, rq.issuer_unit_id) ||
         std::find(rq.unit_ids.begin(), rq.unit_ids.end(), me.org_unit_id) != rq.unit_ids.end();
}

json request_json(Ctx& c, soci::session& s, const Hierarchy& h, const ReportRequest& rq, bool with_units) {
  const Principal& me = c.me();
  const OrgUnit* issuer = h.by_id(rq.issuer_unit_id);
  const bool issuer_side = Access::can_see_unit(me, rq.issuer_unit_id);
  json out = {{"id", rq.id}, {"form", rq.form_code}, {"title", rq.title}, {"from", rq.from.iso()}, {"to", rq.to.iso()},
              {"deadline", rq.deadline.iso()}, {"period", adhoc_period_code(rq.id)},
              {"issuer", issuer ? org_unit_ref(*issuer) : json(nullptr)}, {"createdBy", rq.created_by},
              {"createdAt", rq.created_at}, {"status", rq.status},
              {"closedAt", rq.closed_at.empty() ? json(nullptr) : json(rq.closed_at)},
              {"unitCount", rq.unit_ids.size()},
              {"asked", std::find(rq.unit_ids.begin(), rq.unit_ids.end(), me.org_unit_id) != rq.unit_ids.end()},
              {"can", {{"close", issuer_side && rq.status == "open" && me.org_unit_id == rq.issuer_unit_id &&
                                     Access::has(me, perm::kReportsReview) && !Access::assignment_agency(me)}}}};
  if (issuer_side) {
    json progress = request_progress(c, s, h, rq);
    out["completeness"] = progress["completeness"];
    if (with_units) out["units"] = progress["units"];
  } else {
    // an asked unit sees its own report's state, not the others'
    auto row = find_report(s, rq.form_code, adhoc_period_code(rq.id), me.org_unit_id);
    std::optional<Date> submitted;
    if (row && (row->status == "submitted" || row->status == "accepted")) submitted = vn_day_of(row->submitted_at);
    out["myReport"] = {{"reportId", row ? json(row->id) : json(nullptr)}, {"status", row ? row->status : "not_started"},
                       {"timeliness", to_string(timeliness(rq.deadline, submitted, Date::today_vn()))}};
  }
  return out;
}

Response create(Ctx& c) {
  Access::require(c.me(), perm::kReportsReview);
  const Principal& me = c.me();
  if (Access::assignment_agency(me)) throw Error::Forbidden();
  const json b = c.body();
  auto h = c.app.hierarchy();
  const Date today = Date::today_vn();
  const OrgUnit* issuer = h->by_id(me.org_unit_id);
  if (!issuer || !issuer->valid_on(today))
    throw Error(400, "validation_failed", "Đơn vị của bạn không còn hiệu lực", "Your unit is no longer valid", "orgUnit");
  ReportRequest rq;
  rq.form_code = req_string(b, "form", 64);
  rq.title = req_string(b, "title", kMaxTitle);
  if (rq.title.find_first_not_of(" \t\r\n") == std::string::npos)
    throw Error::Validation("title", "Cần nêu nội dung yêu cầu báo cáo", "A title is required");
  rq.from = req_date(b, "from");
  rq.to = req_date(b, "to");
  rq.deadline = req_date(b, "deadline");
  if (auto issues = check_request_dates(rq.from, rq.to, rq.deadline, today); !issues.empty()) throw Error::Invalid(issues);
  // the units asked: the units directly below the issuer today, all or the chosen ones
  const std::vector<const OrgUnit*> below = h->children(*issuer, today);
  std::vector<std::string> codes;
  if (auto it = b.find("unitCodes"); it != b.end() && !it->is_null()) codes = req_string_array(b, "unitCodes", kMaxUnits);
  std::set<long long> ids;
  for (const auto& code : codes) {
    auto u = std::find_if(below.begin(), below.end(), [&](const OrgUnit* x) { return x->code == code; });
    if (u == below.end())
      throw Error::Validation("unitCodes", "Đơn vị " + code + " không trực thuộc " + issuer->name,
                              "Unit " + code + " is not directly below " + issuer->name);
    ids.insert((*u)->id);
  }
  if (codes.empty())
    for (const OrgUnit* u : below) ids.insert(u->id);
  if (ids.empty())
    throw Error::Validation("unitCodes", "Không có đơn vị cấp dưới để yêu cầu báo cáo", "There are no units below to ask");
  if (ids.size() > kMaxUnits)
    throw Error::Validation("unitCodes", "Tối đa " + std::to_string(kMaxUnits) + " đơn vị", "At most 500 units");
  rq.unit_ids.assign(ids.begin(), ids.end());
  rq.issuer_unit_id = issuer->id;
  rq.created_by = me.username;
  json out;
  c.app.db().transact([&](soci::session& s) {
    if (!load_form(s, rq.form_code))
      throw Error::Validation("form", "Không có biểu mẫu báo cáo \"" + rq.form_code + "\"", "No report form \"" + rq.form_code + "\"");
    if (open_request_count(s, rq.issuer_unit_id) >= 200)
      throw Error(409, "too_many_requests_open", "Đơn vị đã có 200 yêu cầu báo cáo đột xuất đang mở; hãy đóng bớt",
                  "Your unit has 200 open ad-hoc requests; close some first");
    insert_request(s, rq, actor_of(c));
    out = request_json(c, s, *h, rq, true);
  });
  return Response::json(out, 201);
}

Response list(Ctx& c) {
  Access::require(c.me(), perm::kReportsRead);
  const std::string status = c.enum_q("status", {"open", "closed"});
  auto h = c.app.hierarchy();
  json items = json::array();
  c.app.db().with_session([&](soci::session& s) {
    for (const auto& rq : list_requests(s, &c.me().scope, c.me().org_unit_id, status, 200))
      if (can_see(c.me(), rq)) items.push_back(request_json(c, s, *h, rq, false));
  });
  return Response::json({{"items", items}});
}

Response get_one(Ctx& c) {
  Access::require(c.me(), perm::kReportsRead);
  const long long id = c.id_param(0);
  auto h = c.app.hierarchy();
  json out;
  c.app.db().with_session([&](soci::session& s) {
    auto rq = get_request(s, id);
    if (!rq || !can_see(c.me(), *rq)) throw Error::NotFound("yêu cầu báo cáo đột xuất", "Report request");
    out = request_json(c, s, *h, *rq, true);
  });
  return Response::json(out);
}

Response close(Ctx& c) {
  Access::require(c.me(), perm::kReportsReview);
  const long long id = c.id_param(0);
  auto h = c.app.hierarchy();
  json out;
  c.app.db().transact([&](soci::session& s) {
    auto rq = get_request(s, id);
    if (!rq || !can_see(c.me(), *rq)) throw Error::NotFound("yêu cầu báo cáo đột xuất", "Report request");
    if (rq->issuer_unit_id != c.me().org_unit_id || Access::assignment_agency(c.me()))
      throw Error(403, "forbidden", "Chỉ đơn vị ra yêu cầu mới đóng được yêu cầu", "Only the issuing unit closes a request");
    if (!close_request(s, id, actor_of(c)))
      throw Error(409, "illegal_transition", "Yêu cầu đã đóng", "The request is already closed");
    out = request_json(c, s, *h, *get_request(s, id), true);
  });
  return Response::json(out);
}

}  // namespace

void add_report_requests_routes(std::vector<Route>& r) {
  r.push_back({"POST", "/api/report-requests", Auth::Session, create, "Issue an ad-hoc report request to units directly below (reports.review)", perm::kReportsReview});
  r.push_back({"GET", "/api/report-requests", Auth::Session, list, "Ad-hoc requests issued in my scope or addressed to my unit, with completeness", perm::kReportsRead});
  r.push_back({"GET", "/api/report-requests/{id}", Auth::Session, get_one, "One ad-hoc request with its asked units' status and timeliness", perm::kReportsRead});
  r.push_back({"POST", "/api/report-requests/{id}/close", Auth::Session, close, "Close an ad-hoc request (the issuing unit): no more filling in", perm::kReportsReview});
}

}  // namespace longghep
