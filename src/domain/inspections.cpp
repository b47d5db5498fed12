#include "domain/inspections.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "domain/text.hpp"

namespace longghep::inspections {
namespace {
size_t chars_of(const std::string& s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    utf8_next(s, i);
    ++n;
  }
  return n;
}
bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }
template <size_t N>
bool one_of(const std::string& s, const char* const (&list)[N]) {
  for (const char* x : list)
    if (s == x) return true;
  return false;
}
struct Issues {
  std::vector<FieldIssue> v;
  void add(const std::string& field, const std::string& vi, const std::string& en) { v.push_back({field, vi, en}); }
  void too_long(const std::string& s, size_t max, const std::string& field) {
    if (chars_of(s) > max)
      add(field, "Quá dài (tối đa " + std::to_string(max) + " ký tự)", "Too long (at most " + std::to_string(max) + " characters)");
  }
  void count(long long n, const std::string& field) {
    if (n < 0 || n > kCountMax)
      add(field, "Phải là số từ 0 đến " + std::to_string(kCountMax), "Must be a number from 0 to " + std::to_string(kCountMax));
  }
  void raise() {
    if (!v.empty()) throw Error::Invalid(std::move(v));
  }
};
// "YYYY-MM-DDTHH:MM": the day and the minutes since midnight.
std::optional<std::pair<Date, int>> parse_local_time(const std::string& s) {
  if (s.size() != 16 || s[10] != 'T' || s[13] != ':') return std::nullopt;
  auto d = Date::parse(s.substr(0, 10));
  if (!d) return std::nullopt;
  auto digit2 = [&](size_t i) -> int {
    if (s[i] < '0' || s[i] > '9' || s[i + 1] < '0' || s[i + 1] > '9') return -1;
    return (s[i] - '0') * 10 + (s[i + 1] - '0');
  };
  const int h = digit2(11), m = digit2(14);
  if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  return std::pair{*d, h * 60 + m};
}
}  // namespace

const LegalRef& resolve(const std::vector<LegalRef>& rows, const std::string& topic, Date on) {
  const LegalRef* best = nullptr;
  for (const auto& r : rows) {
    if (r.topic != topic || !r.in_force(on)) continue;
    if (!best || r.valid_from > best->valid_from || (r.valid_from == best->valid_from && r.code < best->code)) best = &r;
  }
  if (!best)
    throw Error(404, "no_legal_reference",
                "Không có căn cứ xử phạt cho loại vi phạm " + topic + " có hiệu lực ngày " + on.vn(),
                "No legal reference for violation kind " + topic + " in force on " + on.iso(), "topic");
  return *best;
}

const ChecklistVersionRef* checklist_in_force(const std::vector<ChecklistVersionRef>& versions, const std::string& type,
                                              Date on) {
  auto pick = [&](bool specific) {
    const ChecklistVersionRef* best = nullptr;
    for (const auto& v : versions) {
      if (specific ? v.type_code != type : v.type_code.has_value()) continue;
      if (v.valid_from > on) continue;
      if (!best || v.valid_from > best->valid_from || (v.valid_from == best->valid_from && v.version > best->version)) best = &v;
    }
    return best;
  };
  if (const auto* s = pick(true)) return s;
  return pick(false);
}

int next_checklist_version(const std::vector<ChecklistVersionRef>& versions, const std::optional<std::string>& type) {
  int n = 0;
  for (const auto& v : versions)
    if (v.type_code == type) n = std::max(n, v.version);
  return n + 1;
}

void validate_team(const std::string& name, const std::string& decision_ref, const std::vector<TeamMember>& members) {
  Issues is;
  if (blank(name)) is.add("name", "Tên đội là bắt buộc", "The team name is required");
  is.too_long(name, kNameMax, "name");
  is.too_long(decision_ref, kTextMax, "decisionRef");
  if (members.size() > kMembersMax)
    is.add("members", "Tối đa " + std::to_string(kMembersMax) + " thành viên", "At most " + std::to_string(kMembersMax) + " members");
  for (size_t i = 0; i < members.size(); ++i) {
    const std::string f = "members[" + std::to_string(i) + "]";
    if (blank(members[i].full_name)) is.add(f + ".fullName", "Họ tên thành viên là bắt buộc", "The member's name is required");
    is.too_long(members[i].full_name, kTextMax, f + ".fullName");
    is.too_long(members[i].position, kTextMax, f + ".position");
  }
  is.raise();
}

void validate_plan(const PlanFields& f, Date today) {
  Issues is;
  if (f.year < 2000 || f.year > 2100) is.add("year", "Năm phải từ 2000 đến 2100", "The year must be 2000 to 2100");
  if (blank(f.title)) is.add("title", "Tên kế hoạch là bắt buộc", "The plan title is required");
  is.too_long(f.title, kNameMax, "title");
  if (blank(f.legal_basis)) is.add("legalBasis", "Căn cứ (số kế hoạch, quyết định) là bắt buộc", "The legal basis is required");
  is.too_long(f.legal_basis, kNameMax, "legalBasis");
  is.too_long(f.note, kNoteMax, "note");
  if (!one_of(f.mode, kModes))
    is.add("mode", "Hình thức: announced, unannounced hoặc mixed", "mode: announced, unannounced or mixed");
  if (f.coverage_target_pct && (*f.coverage_target_pct < 0 || *f.coverage_target_pct > 100))
    is.add("coverageTargetPct", "Tỷ lệ bao phủ mục tiêu phải từ 0 đến 100", "The coverage target must be 0 to 100");
  if (f.unannounced_target) is.count(*f.unannounced_target, "unannouncedTarget");
  if (f.legal_basis_date && *f.legal_basis_date > today)
    is.add("legalBasisDate", "Ngày ban hành không được ở tương lai", "The date of the basis cannot be in the future");
  is.raise();
}

void require_plan_transition(const std::string& from, const std::string& to) {
  if (!one_of(to, kPlanStatuses))
    throw Error::Validation("status", "Trạng thái: draft, active hoặc closed", "status: draft, active or closed");
  if ((from == "draft" && to == "active") || (from == "active" && to == "closed")) return;
  throw Error(409, "invalid_transition", "Không thể chuyển kế hoạch từ " + from + " sang " + to,
              "A plan cannot move from " + from + " to " + to, "status");
}

std::optional<double> coverage_pct(long long inspected, long long in_scope) {
  if (in_scope <= 0) return std::nullopt;
  return std::round(1000.0 * static_cast<double>(inspected) / static_cast<double>(in_scope)) / 10.0;
}

void validate_inspection(const InspectionFields& f, Date today) {
  Issues is;
  if (!f.inspected_on) is.add("inspectedOn", "Ngày kiểm tra là bắt buộc", "The inspection date is required");
  else if (*f.inspected_on > today) is.add("inspectedOn", "Ngày kiểm tra không được ở tương lai", "The inspection date cannot be in the future");
  const auto start = parse_local_time(f.started_at);
  if (!start) is.add("startedAt", "Giờ bắt đầu phải có dạng YYYY-MM-DDTHH:MM", "startedAt must be YYYY-MM-DDTHH:MM");
  else if (f.inspected_on && start->first != *f.inspected_on)
    is.add("startedAt", "Giờ bắt đầu phải vào ngày kiểm tra", "The start must be on the inspection date");
  if (!f.ended_at.empty()) {
    const auto end = parse_local_time(f.ended_at);
    if (!end) is.add("endedAt", "Giờ kết thúc phải có dạng YYYY-MM-DDTHH:MM", "endedAt must be YYYY-MM-DDTHH:MM");
    else if (start && *end <= *start) is.add("endedAt", "Giờ kết thúc phải sau giờ bắt đầu", "The end must be after the start");
  }
  is.too_long(f.representative_name, kTextMax, "representativeName");
  is.too_long(f.representative_role, kTextMax, "representativeRole");
  is.too_long(f.findings, kFindingsMax, "findings");
  is.too_long(f.measure_other, kNoteMax, "measures.other");
  is.too_long(f.police_handover_note, kNoteMax, "policeHandoverNote");
  is.too_long(f.refusal_reason, kNoteMax, "refusalReason");
  is.too_long(f.refusal_witness, kTextMax, "refusalWitness");
  if (!one_of(f.signature, kSignatures)) is.add("signature", "Chữ ký: pending, signed hoặc refused", "signature: pending, signed or refused");
  if (f.suspension_days) is.count(*f.suspension_days, "measures.suspensionDays");
  is.count(f.informed, "outreach.informed");
  is.count(f.health_checked, "outreach.healthChecked");
  is.count(f.referred, "outreach.referred");
  if (f.reinspection_due && f.inspected_on && *f.reinspection_due <= *f.inspected_on)
    is.add("reinspectionDue", "Hạn kiểm tra lại phải sau ngày kiểm tra", "The re-inspection date must be after the inspection date");
  if (f.violations.size() > kViolationsMax)
    is.add("violations", "Tối đa " + std::to_string(kViolationsMax) + " vi phạm", "At most " + std::to_string(kViolationsMax) + " violations");
  for (size_t i = 0; i < f.violations.size(); ++i) {
    const auto& v = f.violations[i];
    const std::string p = "violations[" + std::to_string(i) + "]";
    if (blank(v.topic)) is.add(p + ".topic", "Loại vi phạm là bắt buộc", "The kind of violation is required");
    is.too_long(v.description, kNoteMax, p + ".description");
    is.too_long(v.sanction_decision, kTextMax, p + ".sanctionDecision");
    if (v.fine_amount < 0 || v.fine_amount > kFineMax)
      is.add(p + ".fineAmount", "Số tiền phạt phải từ 0 đến 10.000.000.000 đồng", "The fine must be 0 to 10,000,000,000 VND");
  }
  if (f.answers.size() > kItemsMax) is.add("checklist", "Quá nhiều mục kiểm tra", "Too many checklist answers");
  for (size_t i = 0; i < f.answers.size(); ++i) {
    const std::string p = "checklist[" + std::to_string(i) + "]";
    if (!one_of(f.answers[i].first, kResults)) is.add(p + ".result", "Kết quả: pass, fail hoặc na", "result: pass, fail or na");
    is.too_long(f.answers[i].second, kNoteMax, p + ".note");
  }
  if (f.members_present.size() > kMembersMax) is.add("membersPresent", "Quá nhiều thành viên", "Too many members");
  for (size_t i = 0; i < f.members_present.size(); ++i) {
    const std::string p = "membersPresent[" + std::to_string(i) + "]";
    if (blank(f.members_present[i].full_name)) is.add(p + ".fullName", "Họ tên là bắt buộc", "The name is required");
    is.too_long(f.members_present[i].full_name, kTextMax, p + ".fullName");
    is.too_long(f.members_present[i].position, kTextMax, p + ".position");
  }
  is.raise();
}

void require_finalisable(const std::string& signature, const std::string& refusal_reason, const std::string& refusal_witness) {
  if (signature == "signed") return;
  if (signature == "refused") {
    Issues is;
    if (blank(refusal_reason))
      is.add("refusalReason", "Cần ghi lý do người đại diện từ chối ký", "The reason the representative refused to sign is required");
    if (blank(refusal_witness))
      is.add("refusalWitness", "Cần ghi người chứng kiến việc từ chối ký", "A witness of the refusal is required");
    is.raise();
    return;
  }
  throw Error::Validation("signature", "Biên bản chỉ được hoàn tất khi đã ký hoặc ghi nhận từ chối ký",
                          "A record is finalised only once signed or with the refusal recorded");
}

bool reinspection_overdue(const std::optional<Date>& due, Date today, const std::optional<Date>& latest_final_after) {
  return due && *due < today && !latest_final_after;
}

bool fine_outside_range(long long fine, const LegalRef& ref) {
  if (fine == 0) return false;
  if (ref.fine_min && fine < *ref.fine_min) return true;
  if (ref.fine_max && fine > *ref.fine_max * 2) return true;
  return false;
}

std::vector<RowIssue> check_legal_import(const std::vector<LegalRow>& rows, const std::vector<LegalRef>& existing,
                                         const std::set<std::string>& topics) {
  std::vector<RowIssue> out;
  auto add = [&](long long row, const std::string& field, const std::string& code, const std::string& vi, const std::string& en) {
    out.push_back({row, field, code, vi, en});
  };
  std::map<std::string, long long> codes;
  for (const auto& r : rows) {
    const auto& x = r.ref;
    if (blank(x.code)) add(r.row, "code", "validation_failed", "Mã dòng là bắt buộc", "The code is required");
    else if (!codes.emplace(x.code, r.row).second)
      add(r.row, "code", "duplicate_code", "Mã " + x.code + " lặp lại dòng " + std::to_string(codes[x.code]),
          "Code " + x.code + " repeats row " + std::to_string(codes[x.code]));
    if (chars_of(x.code) > 64) add(r.row, "code", "validation_failed", "Mã quá dài (tối đa 64)", "The code is too long (at most 64)");
    if (blank(x.instrument)) add(r.row, "instrument", "validation_failed", "Văn bản là bắt buộc", "The instrument is required");
    if (blank(r.title_vi)) add(r.row, "titleVi", "validation_failed", "Tên hành vi (tiếng Việt) là bắt buộc", "titleVi is required");
    if (!topics.count(x.topic))
      add(r.row, "topic", "unknown_topic", "Loại vi phạm không có trong danh mục: " + x.topic, "Unknown violation kind: " + x.topic);
    if (x.fine_min && x.fine_max && *x.fine_max < *x.fine_min)
      add(r.row, "fineMax", "validation_failed", "Mức phạt tối đa nhỏ hơn mức tối thiểu", "fineMax is below fineMin");
    if (x.valid_to && *x.valid_to < x.valid_from)
      add(r.row, "validTo", "validation_failed", "Ngày hết hiệu lực trước ngày có hiệu lực", "validTo is before validFrom");
  }
  // The table after the import: existing rows not replaced, then the file's rows.
  struct Entry { const LegalRef* ref; long long row; };  // row 0 = existing
  std::vector<Entry> all;
  for (const auto& e : existing)
    if (!codes.count(e.code)) all.push_back({&e, 0});
  for (const auto& r : rows) all.push_back({&r.ref, r.row});
  auto to_of = [](const LegalRef& x) { return x.valid_to.value_or(Date::max()); };
  for (size_t i = 0; i < all.size(); ++i)
    for (size_t j = i + 1; j < all.size(); ++j) {
      const LegalRef &a = *all[i].ref, &b = *all[j].ref;
      if (all[j].row == 0) continue;  // existing rows are checked only against the file's
      if (a.topic != b.topic || a.article != b.article || a.clause != b.clause || a.point != b.point) continue;
      if (!(a.valid_from <= to_of(b) && b.valid_from <= to_of(a))) continue;
      const std::string where = all[i].row ? "dòng " + std::to_string(all[i].row) : "mã " + a.code;
      const std::string where_en = all[i].row ? "row " + std::to_string(all[i].row) : "code " + a.code;
      add(all[j].row, "validFrom", "overlapping_validity",
          "Thời gian hiệu lực trùng với " + where + " (cùng loại vi phạm, điều, khoản, điểm)",
          "The validity overlaps " + where_en + " (same kind, article, clause, point)");
    }
  std::stable_sort(out.begin(), out.end(), [](const RowIssue& a, const RowIssue& b) { return a.row < b.row; });
  return out;
}

}  // namespace longghep::inspections
