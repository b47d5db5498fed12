#include "domain/reporting.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>

namespace longghep {

// ----- periods -----

namespace {
int days_in(int y, int m) {
  return m == 2 ? ((y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28) : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
}
}  // namespace

Date deadline_for(Date period_end, MonthDay md) {
  const Date earliest = period_end.add_days(-45);
  for (int y = earliest.year(); y <= earliest.year() + 1; ++y) {
    const int day = std::min(md.day, days_in(y, md.month));
    const Date d = Date::from_ymd(y, md.month, day);
    if (d >= earliest) return d;
  }
  return period_end;  // unreachable: some day of the next year is always later
}

PeriodName period_name(const std::string& key) {
  auto digits = [&](size_t from, size_t n) {
    if (key.size() < from + n) return false;
    for (size_t i = from; i < from + n; ++i)
      if (!std::isdigit(static_cast<unsigned char>(key[i]))) return false;
    return true;
  };
  if (!digits(0, 4)) return {key, key};
  const std::string y = key.substr(0, 4);
  if (key.size() == 4) return {"Năm " + y, "Year " + y};
  if (key.size() == 7 && key[4] == '-' && key[5] == 'H' && (key[6] == '1' || key[6] == '2'))
    return key[6] == '1' ? PeriodName{"6 tháng đầu năm " + y, "First half of " + y}
                         : PeriodName{"6 tháng cuối năm " + y, "Second half of " + y};
  if (key.size() == 7 && key[4] == '-' && key[5] == 'Q' && key[6] >= '1' && key[6] <= '4') {
    static const char* const kRoman[] = {"I", "II", "III", "IV"};
    return {"Quý " + std::string(kRoman[key[6] - '1']) + "/" + y, "Q" + std::string(1, key[6]) + " " + y};
  }
  if (key.size() == 7 && key[4] == '-' && digits(5, 2)) {
    const int m = std::stoi(key.substr(5, 2));
    static const char* const kMonths[] = {"January", "February", "March", "April", "May", "June", "July",
                                          "August", "September", "October", "November", "December"};
    if (m >= 1 && m <= 12) return {"Tháng " + std::to_string(m) + "/" + y, std::string(kMonths[m - 1]) + " " + y};
  }
  if (key.size() == 10 && key[4] == '-' && key[7] == '-' && digits(5, 2) && digits(8, 2)) {
    const std::string d = key.substr(8, 2) + "/" + key.substr(5, 2) + "/" + y;
    return {d, d};
  }
  return {key, key};
}

namespace {
// The period of a kind by year and half (0: the year), without its data_from.
ReportingPeriod bare_period(PeriodKind kind, int year, int half, const ReportSchedule& s) {
  const std::string y = std::to_string(year);
  ReportingPeriod p;
  std::optional<MonthDay> cut;
  if (kind == PeriodKind::year) {
    p.code = y;
    p.from = Date::from_ymd(year, 1, 1);
    p.to = Date::from_ymd(year, 12, 31);
    p.deadline = deadline_for(p.to, s.year_deadline);
    cut = s.year_cutoff;
  } else if (half == 1) {
    p.code = y + "-H1";
    p.from = Date::from_ymd(year, 1, 1);
    p.to = Date::from_ymd(year, 6, 30);
    p.deadline = deadline_for(p.to, s.h1_deadline);
    cut = s.h1_cutoff;
  } else {
    p.code = y + "-H2";
    p.from = Date::from_ymd(year, 7, 1);
    p.to = Date::from_ymd(year, 12, 31);
    p.deadline = deadline_for(p.to, s.h2_deadline);
    cut = s.h2_cutoff;
  }
  const PeriodName name = period_name(p.code);
  p.label = name.vi;
  p.label_en = name.en;
  p.cut_off = cut_off_for(p.from, p.to, p.deadline, cut);
  return p;
}
}  // namespace

Date cut_off_for(Date from, Date to, Date deadline, std::optional<MonthDay> md) {
  Date d = deadline.add_days(-1);
  if (md) {
    for (int y = deadline.year(); y >= deadline.year() - 1; --y) {
      const Date c = Date::from_ymd(y, md->month, std::min(md->day, days_in(y, md->month)));
      if (c <= deadline) { d = c; break; }
    }
  }
  return std::clamp(d, from, to);
}

std::optional<ReportingPeriod> period_for(PeriodKind kind, const std::string& code, const ReportSchedule& s) {
  if (code.size() < 4 || !std::all_of(code.begin(), code.begin() + 4, [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return std::nullopt;
  const int year = std::stoi(code.substr(0, 4));
  if (year < 2000 || year > 2100) return std::nullopt;
  const std::string y = std::to_string(year);
  int half = 0;
  if (kind == PeriodKind::year) {
    if (code.size() != 4) return std::nullopt;
  } else if (code == y + "-H1") {
    half = 1;
  } else if (code == y + "-H2") {
    half = 2;
  } else {
    return std::nullopt;
  }
  ReportingPeriod p = bare_period(kind, year, half, s);
  const ReportingPeriod prev = kind == PeriodKind::year ? bare_period(kind, year - 1, 0, s)
                               : half == 1              ? bare_period(kind, year - 1, 2, s)
                                                        : bare_period(kind, year, 1, s);
  p.data_from = prev.cut_off.add_days(1);
  return p;
}

std::vector<ReportingPeriod> periods_of_year(PeriodKind kind, int year, const ReportSchedule& s) {
  std::vector<ReportingPeriod> out;
  const std::string y = std::to_string(year);
  for (const std::string& code : kind == PeriodKind::year ? std::vector<std::string>{y} : std::vector<std::string>{y + "-H1", y + "-H2"})
    if (auto p = period_for(kind, code, s)) out.push_back(*p);
  return out;
}

ReportingPeriod current_period(PeriodKind kind, Date today, const ReportSchedule& s) {
  std::vector<ReportingPeriod> all = periods_of_year(kind, today.year() - 1, s);
  for (auto& p : periods_of_year(kind, today.year(), s)) all.push_back(p);
  for (auto& p : periods_of_year(kind, today.year() + 1, s)) all.push_back(p);
  for (const auto& p : all)
    if (p.deadline >= today && p.from <= today) return p;
  const ReportingPeriod* latest = &all.front();
  for (const auto& p : all)
    if (p.from <= today) latest = &p;
  return *latest;
}

std::string to_string(Timeliness t) {
  switch (t) {
    case Timeliness::not_due: return "not_due";
    case Timeliness::due_soon: return "due_soon";
    case Timeliness::on_time: return "on_time";
    case Timeliness::late: return "late";
    case Timeliness::missing: return "missing";
  }
  return "missing";
}

Timeliness timeliness(Date deadline, std::optional<Date> submitted, Date today, int reminder_days) {
  if (submitted) return *submitted <= deadline ? Timeliness::on_time : Timeliness::late;
  if (today > deadline) return Timeliness::missing;
  if (deadline.days_since_epoch() - today.days_since_epoch() <= reminder_days) return Timeliness::due_soon;
  return Timeliness::not_due;
}

std::optional<Date> vn_day_of(const std::string& ts) {
  if (ts.size() < 13 || ts[10] != 'T' || !std::isdigit(static_cast<unsigned char>(ts[11])) ||
      !std::isdigit(static_cast<unsigned char>(ts[12])))
    return std::nullopt;
  auto d = Date::parse(ts.substr(0, 10));
  if (!d) return std::nullopt;
  return std::stoi(ts.substr(11, 2)) >= 17 ? d->add_days(1) : *d;
}

// ----- ad-hoc requests -----

std::string adhoc_period_code(long long request_id) { return "adhoc-" + std::to_string(request_id); }

std::optional<long long> adhoc_request_id(const std::string& code) {
  const std::string head = "adhoc-";
  if (code.size() <= head.size() || code.size() > head.size() + 15 || code.compare(0, head.size(), head) != 0)
    return std::nullopt;
  const std::string digits = code.substr(head.size());
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) ||
      digits[0] == '0')
    return std::nullopt;
  return std::stoll(digits);
}

ReportingPeriod adhoc_period(long long request_id, const std::string& title, Date from, Date to, Date deadline) {
  ReportingPeriod p;
  p.code = adhoc_period_code(request_id);
  p.label = "Báo cáo đột xuất: " + title;  // the span is shown beside it (from, to)
  p.label_en = "Ad-hoc report: " + title;
  p.from = from;
  p.to = to;
  p.deadline = deadline;
  p.data_from = from;  // an ad-hoc request counts its own span
  p.cut_off = to;
  return p;
}

std::vector<FieldIssue> check_request_dates(Date from, Date to, Date deadline, Date today) {
  std::vector<FieldIssue> out;
  if (to < from)
    out.push_back({"to", "Ngày kết thúc kỳ báo cáo phải từ ngày bắt đầu trở đi", "The period must end on or after its start"});
  else if (to.days_since_epoch() - from.days_since_epoch() > kAdhocMaxSpanDays)
    out.push_back({"to", "Kỳ báo cáo đột xuất dài tối đa " + std::to_string(kAdhocMaxSpanDays) + " ngày",
                   "An ad-hoc period spans at most " + std::to_string(kAdhocMaxSpanDays) + " days"});
  if (from.year() < 2000 || to.year() > 2100)
    out.push_back({"from", "Kỳ báo cáo phải trong khoảng năm 2000–2100", "The period must lie within 2000–2100"});
  if (deadline < today)
    out.push_back({"deadline", "Hạn nộp không được trước ngày hôm nay (" + today.vn() + ")",
                   "The deadline cannot be before today (" + today.iso() + ")"});
  else if (deadline.days_since_epoch() - today.days_since_epoch() > kAdhocMaxLeadDays)
    out.push_back({"deadline", "Hạn nộp tối đa " + std::to_string(kAdhocMaxLeadDays) + " ngày kể từ hôm nay",
                   "The deadline is at most " + std::to_string(kAdhocMaxLeadDays) + " days from today"});
  return out;
}

// ----- workflow -----

std::string to_string(ReportStatus s) {
  switch (s) {
    case ReportStatus::not_started: return "not_started";
    case ReportStatus::draft: return "draft";
    case ReportStatus::submitted: return "submitted";
    case ReportStatus::returned: return "returned";
    case ReportStatus::accepted: return "accepted";
  }
  return "draft";
}

std::optional<ReportStatus> report_status_from(const std::string& s) {
  for (ReportStatus x : {ReportStatus::not_started, ReportStatus::draft, ReportStatus::submitted, ReportStatus::returned,
                         ReportStatus::accepted})
    if (to_string(x) == s) return x;
  return std::nullopt;
}

std::optional<ReportStatus> next_status(ReportStatus s, ReportAction a) {
  using S = ReportStatus;
  switch (a) {
    case ReportAction::save:
      if (s == S::not_started || s == S::draft) return S::draft;
      if (s == S::returned) return S::returned;
      return std::nullopt;
    case ReportAction::submit:
      if (s == S::not_started || s == S::draft || s == S::returned) return S::submitted;
      return std::nullopt;
    case ReportAction::accept:
      if (s == S::submitted) return S::accepted;
      return std::nullopt;
    case ReportAction::return_:
      if (s == S::submitted) return S::returned;
      return std::nullopt;
    case ReportAction::reopen:
      if (s == S::accepted) return S::returned;
      return std::nullopt;
  }
  return std::nullopt;
}

ReportStatus apply(ReportStatus s, ReportAction a) {
  if (auto n = next_status(s, a)) return *n;
  static const char* names[] = {"save", "submit", "accept", "return", "reopen"};
  static const char* names_vi[] = {"lưu", "gửi", "tiếp nhận", "trả lại", "mở lại"};
  const int i = static_cast<int>(a);
  throw Error(409, "illegal_transition",
              std::string("Không thể ") + names_vi[i] + " báo cáo đang ở trạng thái " + to_string(s),
              std::string("Cannot ") + names[i] + " a report in status " + to_string(s));
}

bool report_editable(const std::string& status) {
  return status == "not_started" || status == "draft" || status == "returned";
}

std::optional<Date> submitted_day(const std::string& status, const std::string& submitted_at,
                                  const std::string& paper_submitted_on) {
  if (status != "submitted" && status != "accepted") return std::nullopt;
  return paper_submitted_on.empty() ? vn_day_of(submitted_at) : Date::parse(paper_submitted_on);
}

void check_paper_submission(std::optional<Date> day, const std::string& reason, Date period_from, Date today) {
  if (!day) {
    if (!reason.empty())
      throw Error::Validation("paperSubmittedOn", "Lý do chỉ ghi kèm ngày gửi bản giấy",
                              "A reason goes with the date the paper report was submitted");
    return;
  }
  if (*day > today)
    throw Error::Validation("paperSubmittedOn", "Ngày gửi bản giấy không được ở tương lai",
                            "The paper submission date cannot be in the future");
  if (*day < period_from)
    throw Error::Validation("paperSubmittedOn", "Ngày gửi bản giấy không được trước ngày bắt đầu kỳ báo cáo (" + period_from.vn() + ")",
                            "The paper submission date cannot be before the period began (" + period_from.iso() + ")");
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
    throw Error::Validation("reason", "Cần ghi lý do nhập báo cáo theo ngày gửi bản giấy",
                            "A reason is required for a paper submission date");
}

// ----- expressions -----

struct Expression::Node {
  char op = 0;  // 0 number, 'v' identifier, '+', '-', '*', '/', 'n' negate, or a comparison:
                // '=' '!' '<' 'l' (<=) '>' 'g' (>=)
  double number = 0;
  std::string id;
  std::shared_ptr<const Node> a, b;
};

namespace {
using NodeP = std::shared_ptr<const Expression::Node>;

[[noreturn]] void bad(const std::string& text, size_t at, const std::string& what_vi, const std::string& what_en) {
  throw Error(400, "invalid_expression", "Biểu thức \"" + text + "\" không hợp lệ ở vị trí " + std::to_string(at + 1) + ": " + what_vi,
              "Expression \"" + text + "\" is invalid at position " + std::to_string(at + 1) + ": " + what_en, "expression");
}
}  // namespace

struct Parser {
  const std::string& t;
  size_t i = 0;
  std::vector<std::string> ids;
  using N = Expression::Node;

  void ws() { while (i < t.size() && std::isspace(static_cast<unsigned char>(t[i]))) ++i; }
  bool eat(const char* s) {
    ws();
    const size_t n = std::char_traits<char>::length(s);
    if (t.compare(i, n, s) == 0) { i += n; return true; }
    return false;
  }
  NodeP node(char op, NodeP a, NodeP b) {
    auto n = std::make_shared<N>();
    n->op = op;
    n->a = std::move(a);
    n->b = std::move(b);
    return n;
  }
  NodeP factor() {
    ws();
    if (i >= t.size()) bad(t, i, "thiếu toán hạng", "an operand is missing");
    if (eat("(")) {
      NodeP e = sum();
      if (!eat(")")) bad(t, i, "thiếu dấu )", "a ) is missing");
      return e;
    }
    if (eat("-")) return node('n', factor(), nullptr);
    const char c = t[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      size_t j = i;
      while (j < t.size() && (std::isdigit(static_cast<unsigned char>(t[j])) || t[j] == '.')) ++j;
      auto n = std::make_shared<N>();
      n->number = std::stod(t.substr(i, j - i));
      i = j;
      return n;
    }
    if (std::islower(static_cast<unsigned char>(c)) || c == '_') {
      size_t j = i;
      while (j < t.size() && (std::islower(static_cast<unsigned char>(t[j])) || std::isdigit(static_cast<unsigned char>(t[j])) || t[j] == '_')) ++j;
      auto n = std::make_shared<N>();
      n->op = 'v';
      n->id = t.substr(i, j - i);
      ids.push_back(n->id);
      i = j;
      return n;
    }
    bad(t, i, std::string("ký tự không mong đợi '") + c + "'", std::string("unexpected character '") + c + "'");
  }
  NodeP term() {
    NodeP a = factor();
    for (;;) {
      if (eat("*")) a = node('*', a, factor());
      else if (eat("/")) a = node('/', a, factor());
      else return a;
    }
  }
  NodeP sum() {
    NodeP a = term();
    for (;;) {
      if (eat("+")) a = node('+', a, term());
      else if (eat("-")) a = node('-', a, term());
      else return a;
    }
  }
  NodeP expr() {
    NodeP a = sum();
    char op = 0;
    if (eat("==") || eat("=")) op = '=';
    else if (eat("!=")) op = '!';
    else if (eat("<=")) op = 'l';
    else if (eat(">=")) op = 'g';
    else if (eat("<")) op = '<';
    else if (eat(">")) op = '>';
    if (op) a = node(op, a, sum());
    ws();
    if (i != t.size()) bad(t, i, "thừa ký tự ở cuối", "unexpected text at the end");
    return a;
  }
};

Expression Expression::parse(const std::string& text) {
  if (text.size() > 1000) bad(text.substr(0, 40), 0, "quá dài", "too long");
  Parser p{text};
  Expression e;
  e.root_ = p.expr();
  std::sort(p.ids.begin(), p.ids.end());
  p.ids.erase(std::unique(p.ids.begin(), p.ids.end()), p.ids.end());
  e.ids_ = std::move(p.ids);
  return e;
}

namespace {
std::optional<double> eval(const Expression::Node& n, const std::map<std::string, double>& v) {
  if (n.op == 0) return n.number;
  if (n.op == 'v') {
    auto it = v.find(n.id);
    if (it == v.end()) return std::nullopt;
    return it->second;
  }
  auto a = eval(*n.a, v);
  if (!a) return std::nullopt;
  if (n.op == 'n') return -*a;
  auto b = eval(*n.b, v);
  if (!b) return std::nullopt;
  switch (n.op) {
    case '+': return *a + *b;
    case '-': return *a - *b;
    case '*': return *a * *b;
    case '/': if (*b == 0) return std::nullopt; return *a / *b;
    case '=': return std::fabs(*a - *b) < 1e-9 ? 1.0 : 0.0;
    case '!': return std::fabs(*a - *b) >= 1e-9 ? 1.0 : 0.0;
    case '<': return *a < *b ? 1.0 : 0.0;
    case 'l': return *a <= *b + 1e-9 ? 1.0 : 0.0;
    case '>': return *a > *b ? 1.0 : 0.0;
    case 'g': return *a + 1e-9 >= *b ? 1.0 : 0.0;
  }
  return std::nullopt;
}
}  // namespace

std::optional<double> Expression::value(const std::map<std::string, double>& values) const { return eval(*root_, values); }

std::optional<bool> Expression::holds(const std::map<std::string, double>& values) const {
  auto v = eval(*root_, values);
  if (!v) return std::nullopt;
  return *v != 0;
}

// ----- validation rules -----

std::vector<RuleIssue> rule_issues(const std::vector<FormRule>& rules, const std::map<std::string, double>& numbers) {
  std::vector<RuleIssue> out;
  for (const auto& r : rules) {
    const auto ok = Expression::parse(r.expression).holds(numbers);
    if (ok && !*ok) out.push_back({{r.element, r.message_vi, r.message_en}, r.severity});
  }
  return out;
}

std::vector<FieldIssue> blocking_issues(const std::vector<RuleIssue>& issues) {
  std::vector<FieldIssue> out;
  for (const auto& i : issues)
    if (i.severity == "error") out.push_back(i.issue);
  return out;
}

}  // namespace longghep
