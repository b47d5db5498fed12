#include "domain/money.hpp"

#include <set>

namespace longghep::money {

std::string format_vnd(long long amount) {
  const bool neg = amount < 0;
  unsigned long long v = neg ? 0ULL - static_cast<unsigned long long>(amount) : static_cast<unsigned long long>(amount);
  std::string digits = std::to_string(v), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
  return neg ? "-" + out : out;
}

namespace {
std::string line_field(size_t i, const char* f) { return "lines[" + std::to_string(i) + "]." + f; }
}  // namespace

std::vector<FieldIssue> check_decision(const DecisionInput& d, bool amendment, Date today, std::optional<Date> not_before) {
  std::vector<FieldIssue> out;
  auto add = [&](std::string f, std::string vi, std::string en) { out.push_back({std::move(f), std::move(vi), std::move(en)}); };
  if (d.year < 2000 || d.year > 2100) add("year", "Năm phải trong khoảng 2000–2100", "Year must be between 2000 and 2100");
  if (d.issuing_body.empty() || d.issuing_body.size() > kIssuingBodyMax)
    add("issuingBody", "Cơ quan ban hành là bắt buộc (tối đa 255 ký tự)", "The issuing body is required (at most 255 characters)");
  if (d.number.empty() || d.number.size() > kNumberMax)
    add("number", "Số quyết định là bắt buộc (tối đa 64 ký tự)", "The decision number is required (at most 64 characters)");
  if (d.note.size() > kNoteMax) add("note", "Ghi chú tối đa 2000 ký tự", "The note is at most 2000 characters");
  if (!d.decision_date) {
    if (d.decision_date_given)
      add("decisionDate", "Ngày quyết định không hợp lệ (YYYY-MM-DD)", "The decision date is not a date (YYYY-MM-DD)");
    else
      add("decisionDate", "Ngày quyết định là bắt buộc", "The decision date is required");
  } else {
    const Date dd = *d.decision_date;
    if (dd > today)
      add("decisionDate", "Ngày quyết định không được sau hôm nay", "The decision date cannot be after today");
    else if (d.year >= 2000 && d.year <= 2100 && (dd.year() < d.year - 1 || dd.year() > d.year + 1))
      add("decisionDate", "Ngày quyết định phải trong khoảng năm " + std::to_string(d.year - 1) + "–" + std::to_string(d.year + 1),
          "The decision date must be within " + std::to_string(d.year - 1) + "–" + std::to_string(d.year + 1));
    else if (not_before && dd < *not_before)
      add("decisionDate", "Ngày quyết định điều chỉnh không được trước ngày " + not_before->vn() + " của quyết định được điều chỉnh",
          "An amending decision cannot be dated before the amended decision's " + not_before->iso());
  }
  if (d.lines.empty() || d.lines.size() > kMaxLines)
    add("lines", "Quyết định phải có từ 1 đến 200 dòng kinh phí", "A decision has 1 to 200 lines");
  std::set<LineKey> seen;
  for (size_t i = 0; i < d.lines.size() && i < kMaxLines; ++i) {
    const LineInput& l = d.lines[i];
    if (l.funding_source.empty()) add(line_field(i, "fundingSource"), "Nguồn kinh phí là bắt buộc", "The funding source is required");
    if (amendment) {
      if (l.amount == 0)
        add(line_field(i, "amount"), "Số điều chỉnh phải khác 0 (giảm ghi số âm)", "An amendment amount cannot be 0 (a cut is negative)");
    } else if (l.amount <= 0) {
      add(line_field(i, "amount"), "Kinh phí được giao phải lớn hơn 0", "The allocated amount must be greater than 0");
    }
    if (l.amount > kMaxAmount || l.amount < -kMaxAmount)
      add(line_field(i, "amount"), "Số tiền vượt giới hạn 10^15 đồng", "The amount exceeds 10^15 VND");
    if (l.plan_activity_id && !d.plan_id)
      add(line_field(i, "planActivityId"), "Dòng gắn với hoạt động kế hoạch cần chọn kế hoạch (planId)",
          "A line naming a plan activity needs the decision's plan (planId)");
    if (l.note.size() > kNoteMax) add(line_field(i, "note"), "Ghi chú tối đa 2000 ký tự", "The note is at most 2000 characters");
    if (!l.funding_source.empty() && !seen.insert(key_of(l)).second)
      add(line_field(i, "fundingSource"), "Trùng dòng kinh phí (cùng hoạt động, nguồn và chương trình)",
          "A duplicate line (same plan activity, source and programme)");
  }
  return out;
}

std::vector<FieldIssue> check_amendment_totals(const std::map<LineKey, long long>& current, const std::vector<LineInput>& amendment) {
  std::map<LineKey, long long> after = current;
  for (const auto& l : amendment) after[key_of(l)] += l.amount;
  std::vector<FieldIssue> out;
  for (size_t i = 0; i < amendment.size(); ++i) {
    const LineInput& l = amendment[i];
    if (l.amount >= 0 || after[key_of(l)] >= 0) continue;
    auto it = current.find(key_of(l));
    const long long had = it == current.end() ? 0 : it->second;
    out.push_back({line_field(i, "amount"),
                   "Điều chỉnh giảm " + format_vnd(-l.amount) + " đồng vượt số đã giao " + format_vnd(had) + " đồng",
                   "A cut of " + format_vnd(-l.amount) + " VND exceeds the " + format_vnd(had) + " VND allocated"});
  }
  return out;
}

bool counts_as_allocated(const LineFact& f) {
  if (f.status != "issued") return false;
  return f.original_status.empty() || f.original_status == "issued";
}

std::map<LineKey, long long> allocated_by_key(const std::vector<LineFact>& facts) {
  std::map<LineKey, long long> out;
  for (const auto& f : facts)
    if (counts_as_allocated(f)) out[f.key] += f.amount;
  return out;
}

std::vector<Warning> over_allocation(const SourceMap& planned, const SourceMap& allocated, const SourceMap& spent) {
  std::map<long long, std::set<std::string>> sources;  // plan activities with allocation lines → sources seen
  for (const auto& [k, v] : allocated) sources[k.first].insert(k.second);
  for (const auto& [k, v] : spent)
    if (sources.count(k.first)) sources[k.first].insert(k.second);
  auto get = [](const SourceMap& m, long long pa, const std::string& src) {
    auto it = m.find({pa, src});
    return it == m.end() ? 0LL : it->second;
  };
  auto sum = [](const SourceMap& m, long long pa) {
    long long t = 0;
    for (auto it = m.lower_bound({pa, std::string()}); it != m.end() && it->first.first == pa; ++it) t += it->second;
    return t;
  };
  auto make = [](long long pa, std::optional<std::string> src, long long p, long long a, long long s) {
    Warning w{pa, std::move(src), p, a, s, "", ""};
    w.message_vi = "Chi " + format_vnd(s) + " đồng vượt kinh phí được giao " + format_vnd(a) + " đồng (kế hoạch " + format_vnd(p) +
                   " đồng)";
    w.message_en = "Spent " + format_vnd(s) + " VND exceeds the " + format_vnd(a) + " VND allocated (planned " + format_vnd(p) +
                   " VND)";
    return w;
  };
  std::vector<Warning> out;
  for (const auto& [pa, srcs] : sources) {
    for (const auto& src : srcs) {
      const long long s = get(spent, pa, src), a = get(allocated, pa, src);
      if (s > a) out.push_back(make(pa, src, get(planned, pa, src), a, s));
    }
    const long long s = sum(spent, pa), a = sum(allocated, pa);
    if (s > a) out.push_back(make(pa, std::nullopt, sum(planned, pa), a, s));
  }
  return out;
}

}  // namespace longghep::money
