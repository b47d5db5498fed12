#include "domain/reporting_access.hpp"

#include <algorithm>

#include "domain/error.hpp"

namespace longghep {

bool AdhocRequestFacts::asks(long long unit_id) const {
  return std::find(unit_ids.begin(), unit_ids.end(), unit_id) != unit_ids.end();
}

bool ReportAccess::fills_unit_reports(const Principal& me) {
  return Access::has(me, perm::kReportsSubmit) && !Access::assignment_agency(me);
}

Access::ActingFor ReportAccess::fill_acting(const Principal& me, const Hierarchy& h, const ReportFacts& r, Date today) {
  if (r.request) return {me.org_unit_id == r.unit->id ? Access::Acting::own : Access::Acting::none, "not_successor"};
  return Access::acting_for(me, h, *r.unit, r.period.from, r.period.to, today);
}

bool ReportAccess::can_fill(const Principal& me, const Hierarchy& h, const ReportFacts& r, Date today) {
  if (!Access::has(me, perm::kReportsSubmit)) return false;
  if (r.agency_id != 0) return me.agency_id == r.agency_id;
  if (Access::assignment_agency(me)) return false;
  if (r.request && (!r.asked() || !r.request->open)) return false;
  return fill_acting(me, h, r, today).how != Access::Acting::none;
}

void ReportAccess::require_fill(const Principal& me, const Hierarchy& h, const ReportFacts& r, Date today) {
  if (r.request && !r.request->open)
    throw Error(409, "request_closed", "Yêu cầu báo cáo đột xuất đã đóng", "The ad-hoc report request is closed");
  if (can_fill(me, h, r, today)) return;
  if (r.agency_id != 0)
    throw Error(403, "forbidden", "Chỉ đầu mối của cơ quan mới lập báo cáo của cơ quan mình",
                "Only the agency's own focal point fills in the agency's report", "agencyId");
  if (fills_unit_reports(me) && fill_acting(me, h, r, today).reason == "unit_ceased")
    throw Error(409, "unit_ceased",
                r.unit->name + " không còn tồn tại từ ngày " + r.unit->validity.to.add_days(1).vn() +
                    ", không có báo cáo kỳ " + r.period.label,
                r.unit->name + " ceased to exist after " + r.unit->validity.to.iso() + "; it has no report for " +
                    r.period.label_en,
                "period");
  throw Error(403, "forbidden", "Chỉ đơn vị của bạn mới lập báo cáo của đơn vị mình",
              "Only your own unit's report can be filled in by you", "orgUnitCode");
}

const OrgUnit* ReportAccess::fill_on_behalf(const Principal& me, const Hierarchy& h, const ReportFacts& r, Date today) {
  if (r.agency_id != 0 || r.request || fill_acting(me, h, r, today).how != Access::Acting::on_behalf) return nullptr;
  return r.unit;
}

const OrgUnit* ReportAccess::review_level(const Principal& me, const Hierarchy& h, const ReportFacts& r, Date today,
                                          Access::Acting* how) {
  if (how) *how = Access::Acting::none;
  if (r.agency_id != 0 || r.request) return nullptr;
  return Access::reviewing_level(me, h, *r.unit, r.period.from, r.period.to, today, how);
}

bool ReportAccess::can_review(const Principal& me, const Hierarchy& h, const ReportFacts& r, Date today) {
  if (!Access::has(me, perm::kReportsReview) || Access::assignment_agency(me)) return false;
  if (r.agency_id != 0) return me.org_unit_id == r.unit->id;
  if (r.request) return me.org_unit_id != r.unit->id && Access::can_see_unit(me, r.unit->id);
  return Access::can_see_unit(me, r.unit->id) && review_level(me, h, r, today) != nullptr;
}

void ReportAccess::require_review(const Principal& me, const Hierarchy& h, const ReportFacts& r, Date today) {
  if (can_review(me, h, r, today)) return;
  if (r.agency_id != 0)
    throw Error(403, "forbidden", "Sở chủ trì cấp tỉnh mới tiếp nhận, trả lại hoặc mở lại báo cáo của cơ quan",
                "The province's lead department accepts, returns or reopens an agency's report");
  throw Error(403, "forbidden", "Cấp trên mới tiếp nhận, trả lại hoặc mở lại báo cáo",
              "The level above accepts, returns or reopens a report");
}

ReportAccess::Allowed ReportAccess::allowed(const Principal& me, const Hierarchy& h, const ReportFacts& r,
                                            const std::string& status, Date today) {
  Allowed a;
  a.edit = a.submit = report_editable(status) && can_fill(me, h, r, today);
  const bool reviewer = can_review(me, h, r, today);
  a.accept = a.return_ = reviewer && status == "submitted";
  a.reopen = reviewer && status == "accepted";
  return a;
}

}  // namespace longghep
