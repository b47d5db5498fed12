#include "domain/activity.hpp"

#include "domain/text.hpp"

namespace longghep {
namespace {

void add(std::vector<FieldIssue>& out, std::string field, std::string vi, std::string en) {
  out.push_back({std::move(field), std::move(vi), std::move(en)});
}

void check_count(std::vector<FieldIssue>& out, const std::string& field, long long v, const char* what_vi,
                 const char* what_en) {
  if (v < 0)
    add(out, field, std::string(what_vi) + " không được âm", std::string(what_en) + " cannot be negative");
  else if (v > kMaxCount)
    add(out, field, std::string(what_vi) + " quá lớn", std::string(what_en) + " is too large");
}

std::string idx(const char* list, size_t i) { return std::string(list) + "[" + std::to_string(i) + "]"; }

}  // namespace

long long ActivityInput::reached_total() const {
  long long n = 0;
  for (const auto& r : reach) n += r.total;
  return n;
}

long long ActivityInput::cost_total() const {
  long long n = 0;
  for (const auto& c : costs) n += c.amount;
  return n;
}

void check_sex_split(const std::string& prefix, long long total, std::optional<long long> female,
                     std::optional<long long> male, std::vector<FieldIssue>& out) {
  const std::string p = prefix.empty() ? "" : prefix + ".";
  check_count(out, p + "total", total, "Tổng số người", "The total");
  if (female) check_count(out, p + "female", *female, "Số nữ", "The number of women");
  if (male) check_count(out, p + "male", *male, "Số nam", "The number of men");
  if (total < 0 || (female && *female < 0) || (male && *male < 0)) return;
  if (female && male) {
    if (*female + *male != total)
      add(out, p + "female",
          "Nữ (" + std::to_string(*female) + ") + nam (" + std::to_string(*male) + ") phải bằng tổng số (" +
              std::to_string(total) + ")",
          "Women (" + std::to_string(*female) + ") + men (" + std::to_string(*male) + ") must equal the total (" +
              std::to_string(total) + ")");
  } else if (female && *female > total) {
    add(out, p + "female", "Số nữ vượt quá tổng số người", "Women exceed the total");
  } else if (male && *male > total) {
    add(out, p + "male", "Số nam vượt quá tổng số người", "Men exceed the total");
  }
}

std::vector<FieldIssue> validate_activity(const ActivityInput& in, const ActivityRules& r) {
  std::vector<FieldIssue> out;
  if (in.title.empty() || in.title.size() > 255 || !is_clean_utf8(in.title))
    add(out, "title", "Tên hoạt động là bắt buộc (tối đa 255 ký tự)", "A title is required (at most 255 characters)");
  if (in.note.size() > 4000 || !is_clean_utf8(in.note))
    add(out, "note", "Ghi chú tối đa 4.000 ký tự", "The note is at most 4,000 characters");
  if (in.intervention_type.empty())
    add(out, "interventionTypeCode", "Chưa chọn loại can thiệp", "Choose an intervention type");
  else if (!r.intervention_types.count(in.intervention_type))
    add(out, "interventionTypeCode", "Loại can thiệp không tồn tại: " + in.intervention_type,
        "Unknown intervention type: " + in.intervention_type);
  if (in.lead_agency_id <= 0) add(out, "leadAgencyId", "Chưa chọn cơ quan chủ trì", "Choose the lead agency");

  if (in.start < r.earliest)
    add(out, "startDate", "Ngày bắt đầu không được trước " + r.earliest.vn(),
        "The start date cannot be before " + r.earliest.iso());
  if (in.end < in.start)
    add(out, "endDate", "Ngày kết thúc phải từ ngày bắt đầu trở đi", "The end date cannot be before the start date");
  if (in.end > r.today)
    add(out, "endDate", "Ngày kết thúc không được sau hôm nay (" + r.today.vn() + ")",
        "The end date cannot be after today (" + r.today.iso() + ")");

  std::set<std::string> seen;
  for (size_t i = 0; i < in.reach.size(); ++i) {
    const ReachRow& row = in.reach[i];
    const std::string p = idx("reach", i);
    if (!r.target_groups.count(row.target_group))
      add(out, p + ".targetGroup", "Nhóm đối tượng không tồn tại: " + row.target_group,
          "Unknown target group: " + row.target_group);
    else if (!seen.insert(row.target_group).second)
      add(out, p + ".targetGroup", "Nhóm đối tượng bị lặp: " + row.target_group,
          "Target group given twice: " + row.target_group);
    check_sex_split(p, row.total, row.female, row.male, out);
    if (!row.ages.empty()) {
      long long sum = 0;
      bool ok = true;
      for (const auto& [band, n] : row.ages) {
        if (!r.age_bands.count(band)) {
          add(out, p + ".ages", "Nhóm tuổi không tồn tại: " + band, "Unknown age band: " + band);
          ok = false;
        } else if (n < 0 || n > kMaxCount) {
          check_count(out, p + ".ages." + band, n, "Số người theo nhóm tuổi", "The number in an age band");
          ok = false;
        }
        sum += ok ? n : 0;
      }
      if (ok && row.total >= 0 && sum != row.total)
        add(out, p + ".ages",
            "Tổng theo nhóm tuổi (" + std::to_string(sum) + ") phải bằng tổng số (" + std::to_string(row.total) + ")",
            "The age bands (" + std::to_string(sum) + ") must add up to the total (" + std::to_string(row.total) + ")");
    }
  }

  seen.clear();
  for (size_t i = 0; i < in.outputs.size(); ++i) {
    const std::string p = idx("outputs", i);
    const OutputRow& o = in.outputs[i];
    if (!r.output_kinds.count(o.kind))
      add(out, p + ".kind", "Loại kết quả không tồn tại: " + o.kind, "Unknown output kind: " + o.kind);
    else if (!seen.insert(o.kind).second)
      add(out, p + ".kind", "Loại kết quả bị lặp: " + o.kind, "Output kind given twice: " + o.kind);
    check_count(out, p + ".quantity", o.quantity, "Số lượng", "The quantity");
  }

  seen.clear();
  for (size_t i = 0; i < in.costs.size(); ++i) {
    const std::string p = idx("costs", i);
    const CostRow& c = in.costs[i];
    if (!r.funding_sources.count(c.funding_source))
      add(out, p + ".fundingSource", "Nguồn kinh phí không tồn tại: " + c.funding_source,
          "Unknown funding source: " + c.funding_source);
    else if (!seen.insert(c.funding_source).second)
      add(out, p + ".fundingSource", "Nguồn kinh phí bị lặp: " + c.funding_source,
          "Funding source given twice: " + c.funding_source);
    check_count(out, p + ".amount", c.amount, "Kinh phí", "The amount");
  }

  std::set<long long> partners;
  for (long long a : in.partner_agency_ids)
    if (a == in.lead_agency_id || !partners.insert(a).second) {
      add(out, "partnerAgencyIds", "Cơ quan phối hợp bị lặp hoặc trùng cơ quan chủ trì",
          "A partner agency is repeated or is the lead agency");
      break;
    }
  std::set<long long> progs(in.programme_ids.begin(), in.programme_ids.end());
  if (progs.size() != in.programme_ids.size())
    add(out, "programmeIds", "Chương trình bị lặp", "A programme is given twice");
  return out;
}

const OrgUnit* resolve_activity_unit(const Hierarchy& h, const Scope& scope, const ActivityInput& in,
                                     std::vector<FieldIssue>& out) {
  if (in.org_unit_code.empty()) {
    add(out, "orgUnitCode", "Chưa chọn đơn vị hành chính", "Choose the org unit");
    return nullptr;
  }
  const OrgUnit* u = h.find(in.org_unit_code, in.start);
  if (!u) {
    add(out, "orgUnitCode", "Không có đơn vị hành chính mã " + in.org_unit_code + " vào ngày " + in.start.vn(),
        "No org unit with code " + in.org_unit_code + " on " + in.start.iso());
    return nullptr;
  }
  if (!scope.contains(u->id)) {
    add(out, "orgUnitCode", "Đơn vị " + u->name + " nằm ngoài phạm vi của bạn", "The unit " + u->name + " is outside your scope");
    return nullptr;
  }
  if (in.end >= in.start && !u->valid_on(in.end)) {
    add(out, "orgUnitCode",
        "Đơn vị " + u->name + " chỉ tồn tại đến " + u->validity.to.vn() + ", trước ngày kết thúc " + in.end.vn(),
        "The unit " + u->name + " existed only until " + u->validity.to.iso() + ", before the end date " + in.end.iso());
    return nullptr;
  }
  return u;
}

void check_plan_year(const ActivityInput& in, int plan_year, std::vector<FieldIssue>& out) {
  if (in.start.year() != plan_year)
    add(out, "startDate", "Ngày bắt đầu ngoài năm kế hoạch " + std::to_string(plan_year),
        "The start date is outside the plan year " + std::to_string(plan_year));
  if (in.end.year() != plan_year)
    add(out, "endDate", "Ngày kết thúc ngoài năm kế hoạch " + std::to_string(plan_year),
        "The end date is outside the plan year " + std::to_string(plan_year));
}

bool plan_unit_covers(const Hierarchy& h, const OrgUnit& activity_unit, long long plan_unit_id, Date on) {
  if (activity_unit.id == plan_unit_id) return true;
  for (const OrgUnit* a : h.ancestors(activity_unit, on))
    if (a->id == plan_unit_id) return true;
  return false;
}

}  // namespace longghep
