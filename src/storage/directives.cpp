#include "storage/directives.hpp"

#include <algorithm>
#include <set>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "storage/agencies.hpp"
#include "storage/org_units.hpp"
#include "storage/query.hpp"

namespace longghep {
using nlohmann::json;

namespace {
// Fills a connection-local temp table (name written in this file only) with ids.
void load_ids(soci::session& s, const std::string& table, const std::vector<long long>& ids) {
  s << "CREATE TEMP TABLE IF NOT EXISTS " + table + " (id BIGINT PRIMARY KEY)";
  s << "DELETE FROM " + table;
  if (ids.empty()) return;
  std::vector<long long> v = ids;
  s << "INSERT INTO " + table + "(id) VALUES(:id)", soci::use(v);
}

std::string join_lines(const std::vector<std::string>& lines, char sep) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : std::string(1, sep)) + l;
  return out;
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  size_t start = 0;
  for (;;) {
    size_t end = text.find(sep, start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

std::optional<Date> opt_date_col(const std::string& v, soci::indicator ind) {
  if (ind != soci::i_ok || v.empty()) return std::nullopt;
  return Date::parse(v);
}

json date_or_null(const std::optional<Date>& d) { return d ? json(d->iso()) : json(nullptr); }

std::vector<long long> ids_where(soci::session& s, const std::string& sql, long long id) {
  std::vector<long long> out;
  long long x = 0;
  soci::statement st = (s.prepare << sql, soci::into(x), soci::use(id));
  st.execute();
  while (st.fetch()) out.push_back(x);
  return out;
}

bool agency_exists(soci::session& s, long long id) { return agency_unit(s, id).has_value(); }

// "IV.10" after "IV.9": compares runs of digits by value.
bool natural_less(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
      size_t i2 = i, j2 = j;
      while (i2 < a.size() && std::isdigit(static_cast<unsigned char>(a[i2]))) ++i2;
      while (j2 < b.size() && std::isdigit(static_cast<unsigned char>(b[j2]))) ++j2;
      std::string x = a.substr(i, i2 - i), y = b.substr(j, j2 - j);
      x.erase(0, std::min(x.find_first_not_of('0'), x.size()));
      y.erase(0, std::min(y.find_first_not_of('0'), y.size()));
      if (x.size() != y.size()) return x.size() < y.size();
      if (x != y) return x < y;
      i = i2;
      j = j2;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}
}  // namespace

// =============================== directives ===============================

json directive_kinds_json(soci::session& s) {
  json items = json::array();
  std::string code, vi, en;
  soci::statement st = (s.prepare << "SELECT code, name_vi, name_en FROM directive_kinds ORDER BY sort_order, code",
                        soci::into(code), soci::into(vi), soci::into(en));
  st.execute();
  while (st.fetch()) items.push_back({{"code", code}, {"nameVi", vi}, {"nameEn", en}});
  return {{"items", items}};
}

void validate_directive_input(soci::session& s, const DirectiveInput& in) {
  if (in.number.empty() || in.number.size() > 100 || !is_clean_utf8(in.number))
    throw Error::Validation("number", "Số, ký hiệu văn bản là bắt buộc (tối đa 100 ký tự)",
                            "The number/symbol is required (at most 100 characters)");
  if (in.subject.empty() || in.subject.size() > 1000 || !is_clean_utf8(in.subject))
    throw Error::Validation("subject", "Trích yếu là bắt buộc (tối đa 1000 ký tự)", "The subject is required (at most 1000 characters)");
  int n = 0;
  s << "SELECT COUNT(*) FROM directive_kinds WHERE code = :k", soci::use(in.kind), soci::into(n);
  if (!n) throw Error::Validation("kind", "Loại văn bản không tồn tại: " + in.kind, "Unknown directive kind: " + in.kind);
  if (in.issuing_agency_id && !agency_exists(s, in.issuing_agency_id))
    throw Error::Validation("issuingAgencyId", "Không có cơ quan ban hành này", "No such issuing agency");
  if (in.recipient_agency_ids.size() > 100)
    throw Error::Validation("recipientAgencyIds", "Quá nhiều cơ quan nhận", "Too many recipient agencies");
  for (long long a : in.recipient_agency_ids)
    if (!agency_exists(s, a))
      throw Error::Validation("recipientAgencyIds", "Không có cơ quan nhận mã " + std::to_string(a), "No recipient agency " + std::to_string(a));
  if (in.recipient_lines.size() > 50)
    throw Error::Validation("recipientLines", "Quá nhiều dòng nơi nhận", "Too many recipient lines");
  for (const auto& l : in.recipient_lines)
    if (l.empty() || l.size() > 255 || !is_clean_utf8(l) || l.find('\n') != std::string::npos)
      throw Error::Validation("recipientLines", "Mỗi dòng nơi nhận có 1–255 ký tự", "Each recipient line has 1–255 characters");
  if (in.implements_id) {
    s << "SELECT COUNT(*) FROM directives WHERE id = :i", soci::use(in.implements_id), soci::into(n);
    if (!n) throw Error::Validation("implementsId", "Không có văn bản được thực hiện này", "No such implemented directive");
  }
  if (in.plan_id) {
    s << "SELECT COUNT(*) FROM integration_plans WHERE id = :p", soci::use(in.plan_id), soci::into(n);
    if (!n) throw Error::Validation("planId", "Không có kế hoạch lồng ghép này", "No such integration plan");
  }
}

namespace {
json directive_input_json(const DirectiveInput& in) {
  return {{"number", in.number}, {"kind", in.kind}, {"subject", in.subject},
          {"issuingAgencyId", in.issuing_agency_id ? json(in.issuing_agency_id) : json(nullptr)},
          {"orgUnitId", in.org_unit_id}, {"issueDate", in.issue_date.iso()},
          {"recipientAgencyIds", in.recipient_agency_ids}, {"recipientLines", in.recipient_lines},
          {"implementsId", in.implements_id ? json(in.implements_id) : json(nullptr)},
          {"planId", in.plan_id ? json(in.plan_id) : json(nullptr)}};
}

void write_recipients(soci::session& s, long long id, const std::vector<long long>& agencies) {
  s << "DELETE FROM directive_recipients WHERE directive_id = :d", soci::use(id);
  std::set<long long> unique(agencies.begin(), agencies.end());
  for (long long a : unique) s << "INSERT INTO directive_recipients(directive_id, agency_id) VALUES(:d, :a)", soci::use(id), soci::use(a);
}

void check_no_cycle(soci::session& s, long long id, long long implements_id) {
  std::set<long long> seen{id};
  for (long long cur = implements_id; cur;) {
    if (!seen.insert(cur).second)
      throw Error::Validation("implementsId", "Văn bản không thể thực hiện chính nó (vòng lặp)",
                              "A directive cannot implement itself (cycle)");
    long long next = 0;
    soci::indicator ind;
    s << "SELECT implements_id FROM directives WHERE id = :i", soci::use(cur), soci::into(next, ind);
    cur = (s.got_data() && ind == soci::i_ok) ? next : 0;
  }
}
}  // namespace

std::optional<DirectiveRow> get_directive_row(soci::session& s, long long id) {
  DirectiveRow d;
  std::string issue, lines;
  long long agency = 0, impl = 0, plan = 0;
  soci::indicator ik, ia, ii, ip;
  s << "SELECT key, number, kind, issuing_agency_id, org_unit_id, issue_date, subject, recipient_lines, implements_id, "
       "plan_id, version, created_at, updated_at FROM directives WHERE id = :id",
      soci::into(d.key, ik), soci::into(d.in.number), soci::into(d.in.kind), soci::into(agency, ia),
      soci::into(d.in.org_unit_id), soci::into(issue), soci::into(d.in.subject), soci::into(lines), soci::into(impl, ii),
      soci::into(plan, ip), soci::into(d.version), soci::into(d.created_at), soci::into(d.updated_at), soci::use(id);
  if (!s.got_data()) return std::nullopt;
  d.id = id;
  if (ik != soci::i_ok) d.key.clear();
  d.in.key = d.key;
  d.in.issuing_agency_id = ia == soci::i_ok ? agency : 0;
  d.in.implements_id = ii == soci::i_ok ? impl : 0;
  d.in.plan_id = ip == soci::i_ok ? plan : 0;
  d.in.issue_date = Date::parse(issue).value_or(Date::min());
  d.in.recipient_lines = split(lines, '\n');
  d.in.recipient_agency_ids = ids_where(s, "SELECT agency_id FROM directive_recipients WHERE directive_id = :d ORDER BY agency_id", id);
  d.related_units = ids_where(s, "SELECT a.org_unit_id FROM directive_recipients r JOIN agencies a ON a.id = r.agency_id WHERE r.directive_id = :d", id);
  for (long long u : ids_where(s, "SELECT org_unit_id FROM tasks WHERE directive_id = :d", id)) d.related_units.push_back(u);
  return d;
}

long long create_directive(soci::session& s, const DirectiveInput& in, const Actor& actor) {
  validate_directive_input(s, in);
  const std::string now = now_iso_utc(), issue = in.issue_date.iso(), lines = join_lines(in.recipient_lines, '\n');
  const std::string folded = fold_for_search(in.number + " " + in.subject);
  soci::indicator ik = in.key.empty() ? soci::i_null : soci::i_ok;
  soci::indicator ia = in.issuing_agency_id ? soci::i_ok : soci::i_null;
  soci::indicator ii = in.implements_id ? soci::i_ok : soci::i_null;
  soci::indicator ip = in.plan_id ? soci::i_ok : soci::i_null;
  long long id = 0;
  s << "INSERT INTO directives(key, number, kind, issuing_agency_id, org_unit_id, issue_date, subject, recipient_lines, "
       "implements_id, plan_id, name_folded, version, created_at, updated_at) "
       "VALUES(:key, :num, :kind, :ag, :unit, :issue, :subj, :lines, :impl, :plan, :nf, 1, :c, :u) RETURNING id",
      soci::use(in.key, ik), soci::use(in.number), soci::use(in.kind), soci::use(in.issuing_agency_id, ia),
      soci::use(in.org_unit_id), soci::use(issue), soci::use(in.subject), soci::use(lines),
      soci::use(in.implements_id, ii), soci::use(in.plan_id, ip), soci::use(folded), soci::use(now), soci::use(now), soci::into(id);
  write_recipients(s, id, in.recipient_agency_ids);
  record_audit(s, actor, {"create", "directive", std::to_string(id), in.org_unit_id, std::nullopt, directive_input_json(in)});
  return id;
}

void update_directive(soci::session& s, long long id, long long version, const DirectiveInput& in, const Actor& actor) {
  validate_directive_input(s, in);
  auto before = get_directive_row(s, id);
  if (!before) throw Error::NotFound("văn bản", "Directive");
  if (before->version != version) throw Error::Conflict();
  check_no_cycle(s, id, in.implements_id);
  const std::string now = now_iso_utc(), issue = in.issue_date.iso(), lines = join_lines(in.recipient_lines, '\n');
  const std::string folded = fold_for_search(in.number + " " + in.subject);
  soci::indicator ia = in.issuing_agency_id ? soci::i_ok : soci::i_null;
  soci::indicator ii = in.implements_id ? soci::i_ok : soci::i_null;
  soci::indicator ip = in.plan_id ? soci::i_ok : soci::i_null;
  soci::statement st = (s.prepare << "UPDATE directives SET number = :num, kind = :kind, issuing_agency_id = :ag, org_unit_id = :unit, "
                                     "issue_date = :issue, subject = :subj, recipient_lines = :lines, implements_id = :impl, "
                                     "plan_id = :plan, name_folded = :nf, version = version + 1, updated_at = :u WHERE id = :id AND version = :v",
                        soci::use(in.number), soci::use(in.kind), soci::use(in.issuing_agency_id, ia), soci::use(in.org_unit_id),
                        soci::use(issue), soci::use(in.subject), soci::use(lines), soci::use(in.implements_id, ii),
                        soci::use(in.plan_id, ip), soci::use(folded), soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  write_recipients(s, id, in.recipient_agency_ids);
  record_audit(s, actor, {"update", "directive", std::to_string(id), in.org_unit_id, directive_input_json(before->in),
                          directive_input_json(in)});
}

namespace {
json agency_ref_by_id(soci::session& s, long long id) {
  std::string name, short_name;
  s << "SELECT name, short_name FROM agencies WHERE id = :id", soci::into(name), soci::into(short_name), soci::use(id);
  if (!s.got_data()) return nullptr;
  return {{"id", id}, {"name", name}, {"shortName", short_name}};
}

json directive_ref(soci::session& s, long long id) {
  std::string number, subject, issue, kind;
  s << "SELECT number, subject, issue_date, kind FROM directives WHERE id = :id", soci::into(number), soci::into(subject),
      soci::into(issue), soci::into(kind), soci::use(id);
  if (!s.got_data()) return nullptr;
  return {{"id", id}, {"number", number}, {"kind", kind}, {"subject", subject}, {"issueDate", issue}};
}

json unit_ref(const Hierarchy& h, long long id) {
  const OrgUnit* u = h.by_id(id);
  return u ? org_unit_ref(*u) : json(nullptr);
}

json plan_ref(soci::session& s, long long id) {
  std::string title, status;
  int year = 0;
  s << "SELECT title, year, status FROM integration_plans WHERE id = :id", soci::into(title), soci::into(year),
      soci::into(status), soci::use(id);
  if (!s.got_data()) return nullptr;
  return {{"id", id}, {"title", title}, {"year", year}, {"status", status}};
}
}  // namespace

json directive_json(soci::session& s, const Hierarchy& h, const DirectiveRow& d, bool full) {
  std::string kind_name;
  s << "SELECT name_vi FROM directive_kinds WHERE code = :k", soci::use(d.in.kind), soci::into(kind_name);
  json agencies = json::array();
  for (long long a : d.in.recipient_agency_ids) agencies.push_back(agency_ref_by_id(s, a));
  long long tasks = 0;
  s << "SELECT COUNT(*) FROM tasks WHERE directive_id = :d", soci::use(d.id), soci::into(tasks);
  json j = {{"id", d.id}, {"key", d.key.empty() ? json(nullptr) : json(d.key)}, {"number", d.in.number},
            {"kind", d.in.kind}, {"kindName", kind_name},
            {"issuingAgency", d.in.issuing_agency_id ? agency_ref_by_id(s, d.in.issuing_agency_id) : json(nullptr)},
            {"orgUnit", unit_ref(h, d.in.org_unit_id)}, {"issueDate", d.in.issue_date.iso()}, {"subject", d.in.subject},
            {"recipients", {{"agencies", agencies}, {"lines", d.in.recipient_lines}}},
            {"implements", d.in.implements_id ? directive_ref(s, d.in.implements_id) : json(nullptr)},
            {"plan", d.in.plan_id ? plan_ref(s, d.in.plan_id) : json(nullptr)},
            {"taskCount", tasks}, {"version", d.version}, {"createdAt", d.created_at}, {"updatedAt", d.updated_at}};
  if (full) {
    json files = json::array();
    for (const auto& a : attachments_of(s, "directive", d.id)) files.push_back(attachment_json(a));
    j["attachments"] = files;
  }
  return j;
}

namespace {
// The visibility clause for directives aliased `d` (mirrors Access::can_see_issued).
void directive_visibility(soci::session& s, const Visibility& v, Query& q) {
  if (v.p->scope.all()) return;
  load_scope_ids(s, v.p->scope);
  load_ids(s, "directive_above_ids", v.above);
  q.append(" AND (d.org_unit_id IN (SELECT id FROM scope_ids) OR d.org_unit_id IN (SELECT id FROM directive_above_ids)"
           " OR EXISTS (SELECT 1 FROM tasks t WHERE t.directive_id = d.id AND t.org_unit_id IN (SELECT id FROM scope_ids))"
           " OR EXISTS (SELECT 1 FROM directive_recipients r JOIN agencies a ON a.id = r.agency_id"
           " WHERE r.directive_id = d.id AND a.org_unit_id IN (SELECT id FROM scope_ids)))");
}
}  // namespace

json list_directives(soci::session& s, const Hierarchy& h, const Visibility& v, const DirectiveFilter& f) {
  if (f.issued_within && !f.issued_within->all()) load_ids(s, "directive_within_ids", f.issued_within->ids());
  auto filtered = [&](const std::string& select) {
    Query q(select + " FROM directives d WHERE 1=1");
    directive_visibility(s, v, q);
    if (f.issued_within && !f.issued_within->all()) q.append(" AND d.org_unit_id IN (SELECT id FROM directive_within_ids)");
    if (!f.kind.empty()) q.and_where("d.kind = ?", f.kind);
    if (f.year) {
      q.and_where("d.issue_date >= ?", Date::from_ymd(f.year, 1, 1).iso());
      q.and_where("d.issue_date <= ?", Date::from_ymd(f.year, 12, 31).iso());
    }
    if (f.implements_id) q.and_where("d.implements_id = ?", f.implements_id);
    if (f.plan_id) q.and_where("d.plan_id = ?", f.plan_id);
    if (!f.q.empty()) q.and_contains("d.name_folded", fold_for_search(f.q));
    return q;
  };
  std::string order = " ORDER BY d.issue_date DESC, d.id DESC";
  if (f.sort == "issueDate") order = " ORDER BY d.issue_date, d.id";
  else if (f.sort == "number") order = " ORDER BY d.name_folded, d.id";
  else if (f.sort == "-number") order = " ORDER BY d.name_folded DESC, d.id";
  auto [ids, total] = page_of_ids(s, filtered, "d.id", order, f.page, f.page_size);
  json items = json::array();
  for (long long i : ids)
    if (auto d = get_directive_row(s, i)) items.push_back(directive_json(s, h, *d, false));
  return {{"items", items}, {"total", total}, {"page", f.page}, {"pageSize", f.page_size}};
}

// =============================== tasks ===============================

std::vector<long long> TaskRow::agencies() const {
  std::vector<long long> out{in.lead_agency_id};
  out.insert(out.end(), in.co_agency_ids.begin(), in.co_agency_ids.end());
  return out;
}

void validate_task_input(soci::session& s, const TaskInput& in) {
  if (in.code.empty() || in.code.size() > 32 || !is_clean_utf8(in.code))
    throw Error::Validation("code", "Mã nhiệm vụ là bắt buộc (tối đa 32 ký tự, ví dụ IV.3)", "The task code is required (at most 32 characters, e.g. IV.3)");
  if (in.title.empty() || in.title.size() > 255 || !is_clean_utf8(in.title))
    throw Error::Validation("title", "Tên nhiệm vụ là bắt buộc (tối đa 255 ký tự)", "The title is required (at most 255 characters)");
  if (in.description.size() > 4000 || !is_clean_utf8(in.description))
    throw Error::Validation("description", "Nội dung tối đa 4000 ký tự", "The description has at most 4000 characters");
  if (!agency_exists(s, in.lead_agency_id))
    throw Error::Validation("leadAgencyId", "Không có cơ quan chủ trì này", "No such lead agency");
  if (in.co_agency_ids.size() > 50)
    throw Error::Validation("coAgencyIds", "Quá nhiều cơ quan phối hợp", "Too many co-operating agencies");
  for (long long a : in.co_agency_ids) {
    if (!agency_exists(s, a))
      throw Error::Validation("coAgencyIds", "Không có cơ quan phối hợp mã " + std::to_string(a), "No co-operating agency " + std::to_string(a));
    if (a == in.lead_agency_id)
      throw Error::Validation("coAgencyIds", "Cơ quan chủ trì không đồng thời là cơ quan phối hợp", "The lead agency cannot also co-operate");
  }
}

namespace {
json task_input_json(const TaskInput& in) {
  return {{"directiveId", in.directive_id}, {"code", in.code}, {"title", in.title}, {"description", in.description},
          {"leadAgencyId", in.lead_agency_id}, {"coAgencyIds", in.co_agency_ids}, {"orgUnitId", in.org_unit_id},
          {"dueDate", date_or_null(in.schedule.due_date)}, {"recurrence", to_string(in.schedule.recurrence)},
          {"dueDays", due_day_strings(in.schedule)},
          {"startsOn", in.schedule.recurring() ? json(in.schedule.starts_on.iso()) : json(nullptr)},
          {"endsOn", in.schedule.recurring() && in.schedule.ends_on != Date::max() ? json(in.schedule.ends_on.iso()) : json(nullptr)},
          {"status", to_string(in.status)}};
}

struct ScheduleCols {
  std::string due_date, recurrence, due_days, starts_on, ends_on;
  soci::indicator i_due = soci::i_null, i_start = soci::i_null, i_end = soci::i_null;
};

ScheduleCols cols_of(const Schedule& sc) {
  ScheduleCols c;
  c.recurrence = to_string(sc.recurrence);
  c.due_days = join_lines(due_day_strings(sc), ',');
  if (sc.due_date) { c.due_date = sc.due_date->iso(); c.i_due = soci::i_ok; }
  if (sc.recurring()) {
    c.starts_on = sc.starts_on.iso();
    c.i_start = soci::i_ok;
    if (sc.ends_on != Date::max()) { c.ends_on = sc.ends_on.iso(); c.i_end = soci::i_ok; }
  }
  return c;
}

void write_co_agencies(soci::session& s, long long id, const std::vector<long long>& agencies) {
  s << "DELETE FROM task_agencies WHERE task_id = :t", soci::use(id);
  std::set<long long> unique(agencies.begin(), agencies.end());
  for (long long a : unique) s << "INSERT INTO task_agencies(task_id, agency_id) VALUES(:t, :a)", soci::use(id), soci::use(a);
}

void check_code_free(soci::session& s, long long directive_id, const std::string& code, long long except_id) {
  int n = 0;
  s << "SELECT COUNT(*) FROM tasks WHERE directive_id = :d AND code = :c AND id <> :i", soci::use(directive_id),
      soci::use(code), soci::use(except_id), soci::into(n);
  if (n)
    throw Error(409, "conflict", "Văn bản đã có nhiệm vụ mã " + code, "The directive already has a task " + code, "code");
}

const char* kTaskColumns =
    "SELECT t.id, t.directive_id, t.code, t.title, t.description, t.lead_agency_id, t.org_unit_id, t.due_date, "
    "t.recurrence, t.due_days, t.starts_on, t.ends_on, t.status, t.last_update_on, t.version, t.created_at, t.updated_at";

struct TaskFetch {
  TaskRow r;
  std::string due, rec, days, start, end, status, last;
  soci::indicator i_due, i_start, i_end, i_last;

  template <typename Stmt>
  void bind(Stmt& st) {
    st.exchange(soci::into(r.id));
    st.exchange(soci::into(r.in.directive_id));
    st.exchange(soci::into(r.in.code));
    st.exchange(soci::into(r.in.title));
    st.exchange(soci::into(r.in.description));
    st.exchange(soci::into(r.in.lead_agency_id));
    st.exchange(soci::into(r.in.org_unit_id));
    st.exchange(soci::into(due, i_due));
    st.exchange(soci::into(rec));
    st.exchange(soci::into(days));
    st.exchange(soci::into(start, i_start));
    st.exchange(soci::into(end, i_end));
    st.exchange(soci::into(status));
    st.exchange(soci::into(last, i_last));
    st.exchange(soci::into(r.version));
    st.exchange(soci::into(r.created_at));
    st.exchange(soci::into(r.updated_at));
  }
  TaskRow row() const {
    TaskRow t = r;
    t.in.schedule = make_schedule(opt_date_col(due, i_due), rec, split(days, ','), opt_date_col(start, i_start),
                                  opt_date_col(end, i_end));
    t.in.status = parse_task_status(status).value_or(TaskStatus::not_started);
    t.last_update_on = opt_date_col(last, i_last);
    return t;
  }
};
}  // namespace

long long create_task(soci::session& s, const TaskInput& in, const Actor& actor) {
  validate_task_input(s, in);
  check_code_free(s, in.directive_id, in.code, 0);
  ScheduleCols c = cols_of(in.schedule);
  const std::string now = now_iso_utc(), status = to_string(in.status), folded = fold_for_search(in.code + " " + in.title);
  long long id = 0;
  s << "INSERT INTO tasks(directive_id, code, title, description, lead_agency_id, org_unit_id, due_date, recurrence, due_days, "
       "starts_on, ends_on, status, name_folded, version, created_at, updated_at) "
       "VALUES(:d, :code, :title, :descr, :lead, :unit, :due, :rec, :days, :start, :end, :status, :nf, 1, :c, :u) RETURNING id",
      soci::use(in.directive_id), soci::use(in.code), soci::use(in.title), soci::use(in.description),
      soci::use(in.lead_agency_id), soci::use(in.org_unit_id), soci::use(c.due_date, c.i_due), soci::use(c.recurrence),
      soci::use(c.due_days), soci::use(c.starts_on, c.i_start), soci::use(c.ends_on, c.i_end), soci::use(status),
      soci::use(folded), soci::use(now), soci::use(now), soci::into(id);
  write_co_agencies(s, id, in.co_agency_ids);
  record_audit(s, actor, {"create", "task", std::to_string(id), in.org_unit_id, std::nullopt, task_input_json(in)});
  return id;
}

void update_task(soci::session& s, long long id, long long version, const TaskInput& in, const Actor& actor) {
  validate_task_input(s, in);
  auto before = get_task_row(s, id);
  if (!before) throw Error::NotFound("nhiệm vụ", "Task");
  if (before->version != version) throw Error::Conflict();
  check_code_free(s, in.directive_id, in.code, id);
  ScheduleCols c = cols_of(in.schedule);
  const std::string now = now_iso_utc(), status = to_string(in.status), folded = fold_for_search(in.code + " " + in.title);
  soci::statement st = (s.prepare << "UPDATE tasks SET code = :code, title = :title, description = :descr, lead_agency_id = :lead, "
                                     "org_unit_id = :unit, due_date = :due, recurrence = :rec, due_days = :days, starts_on = :start, "
                                     "ends_on = :end, status = :status, name_folded = :nf, version = version + 1, updated_at = :u "
                                     "WHERE id = :id AND version = :v",
                        soci::use(in.code), soci::use(in.title), soci::use(in.description), soci::use(in.lead_agency_id),
                        soci::use(in.org_unit_id), soci::use(c.due_date, c.i_due), soci::use(c.recurrence), soci::use(c.due_days),
                        soci::use(c.starts_on, c.i_start), soci::use(c.ends_on, c.i_end), soci::use(status), soci::use(folded),
                        soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  write_co_agencies(s, id, in.co_agency_ids);
  record_audit(s, actor, {"update", "task", std::to_string(id), in.org_unit_id, task_input_json(before->in), task_input_json(in)});
}

std::optional<TaskRow> get_task_row(soci::session& s, long long id) {
  TaskFetch f;
  soci::statement st(s);
  f.bind(st);
  st.exchange(soci::use(id));
  st.alloc();
  st.prepare(std::string(kTaskColumns) + " FROM tasks t WHERE t.id = :id");
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  TaskRow t = f.row();
  t.in.co_agency_ids = ids_where(s, "SELECT agency_id FROM task_agencies WHERE task_id = :t ORDER BY agency_id", id);
  std::string d;
  soci::statement us = (s.prepare << "SELECT update_date FROM task_updates WHERE task_id = :t", soci::into(d), soci::use(id));
  us.execute();
  while (us.fetch())
    if (auto x = Date::parse(d)) t.update_dates.push_back(*x);
  return t;
}

std::vector<TaskRow> query_tasks(soci::session& s, const Visibility& v, const TaskFilter& f) {
  const Principal& p = *v.p;
  if (!p.scope.all()) load_scope_ids(s, p.scope);
  if (f.within && !f.within->all()) load_ids(s, "task_within_ids", f.within->ids());
  const auto only = Access::assignment_agency(p);
  auto filtered = [&](const std::string& select) {
    Query q(select + " FROM tasks t WHERE 1=1");
    if (!p.scope.all()) q.append(" AND t.org_unit_id IN (SELECT id FROM scope_ids)");
    if (only)
      q.and_where("(t.lead_agency_id = ? OR EXISTS (SELECT 1 FROM task_agencies oa WHERE oa.task_id = t.id AND oa.agency_id = ?))", *only);
    if (f.within && !f.within->all()) q.append(" AND t.org_unit_id IN (SELECT id FROM task_within_ids)");
    if (f.directive_id) q.and_where("t.directive_id = ?", f.directive_id);
    if (f.agency_id)
      q.and_where("(t.lead_agency_id = ? OR EXISTS (SELECT 1 FROM task_agencies fa WHERE fa.task_id = t.id AND fa.agency_id = ?))", f.agency_id);
    if (!f.status.empty()) q.and_where("t.status = ?", f.status);
    if (!f.q.empty()) q.and_contains("t.name_folded", fold_for_search(f.q));
    return q;
  };
  std::vector<TaskRow> rows;
  std::map<long long, size_t> index;
  {
    TaskFetch tf;
    Query q2 = filtered(kTaskColumns);
    soci::statement st2 = q2.prepare(s, soci::into(tf.r.id), soci::into(tf.r.in.directive_id), soci::into(tf.r.in.code),
                                     soci::into(tf.r.in.title), soci::into(tf.r.in.description), soci::into(tf.r.in.lead_agency_id),
                                     soci::into(tf.r.in.org_unit_id), soci::into(tf.due, tf.i_due), soci::into(tf.rec),
                                     soci::into(tf.days), soci::into(tf.start, tf.i_start), soci::into(tf.end, tf.i_end),
                                     soci::into(tf.status), soci::into(tf.last, tf.i_last), soci::into(tf.r.version),
                                     soci::into(tf.r.created_at), soci::into(tf.r.updated_at));
    st2.execute();
    while (st2.fetch()) {
      index[tf.r.id] = rows.size();
      rows.push_back(tf.row());
    }
  }
  if (rows.empty()) return rows;
  {
    long long task = 0, agency = 0;
    Query q = filtered("SELECT oa2.task_id, oa2.agency_id FROM task_agencies oa2 WHERE oa2.task_id IN (SELECT t.id");
    q.append(")");  // filtered() completes the subquery "SELECT t.id FROM tasks t WHERE …"
    soci::statement st = q.prepare(s, soci::into(task), soci::into(agency));
    st.execute();
    while (st.fetch())
      if (auto it = index.find(task); it != index.end()) rows[it->second].in.co_agency_ids.push_back(agency);
  }
  {
    long long task = 0;
    std::string d;
    Query q = filtered("SELECT u.task_id, u.update_date FROM task_updates u WHERE u.task_id IN (SELECT t.id");
    q.append(")");
    soci::statement st = q.prepare(s, soci::into(task), soci::into(d));
    st.execute();
    while (st.fetch())
      if (auto it = index.find(task); it != index.end())
        if (auto x = Date::parse(d)) rows[it->second].update_dates.push_back(*x);
  }
  std::sort(rows.begin(), rows.end(), [](const TaskRow& a, const TaskRow& b) {
    if (a.in.directive_id != b.in.directive_id) return a.in.directive_id < b.in.directive_id;
    return natural_less(a.in.code, b.in.code);
  });
  return rows;
}

long long add_progress(soci::session& s, const TaskRow& t, const ProgressInput& in, const Actor& actor) {
  if (in.note.empty() || in.note.size() > 4000 || !is_clean_utf8(in.note))
    throw Error::Validation("note", "Nội dung cập nhật là bắt buộc (tối đa 4000 ký tự)", "The note is required (at most 4000 characters)");
  const std::string now = now_iso_utc(), date = in.date.iso(), status = to_string(in.status);
  long long id = 0;
  s << "INSERT INTO task_updates(task_id, update_date, note, status, user_id, username, created_at) "
       "VALUES(:t, :d, :n, :s, :uid, :un, :c) RETURNING id",
      soci::use(t.id), soci::use(date), soci::use(in.note), soci::use(status), soci::use(actor.user_id),
      soci::use(actor.username), soci::use(now), soci::into(id);
  json after = {{"taskId", t.id}, {"date", date}, {"note", in.note}, {"status", status}, {"attachmentId", nullptr}};
  if (in.evidence) {
    long long att = store_attachment(s, "task_update", id, t.in.org_unit_id, *in.evidence, actor);
    s << "UPDATE task_updates SET attachment_id = :a WHERE id = :id", soci::use(att), soci::use(id);
    after["attachmentId"] = att;
  }
  // The task's last update is the latest dated one; its status is the one just reported.
  std::string last;
  s << "SELECT MAX(update_date) FROM task_updates WHERE task_id = :t", soci::use(t.id), soci::into(last);
  s << "UPDATE tasks SET status = :s, last_update_on = :l, version = version + 1, updated_at = :u WHERE id = :id",
      soci::use(status), soci::use(last), soci::use(now), soci::use(t.id);
  record_audit(s, actor, {"create", "task_update", std::to_string(id), t.in.org_unit_id, std::nullopt, after});
  if (to_string(t.in.status) != status)
    record_audit(s, actor, {"update", "task", std::to_string(t.id), t.in.org_unit_id,
                            json{{"status", to_string(t.in.status)}}, json{{"status", status}}});
  return id;
}

long long extend_task(soci::session& s, const TaskRow& t, long long version, const ExtensionInput& in, const Actor& actor) {
  if (t.version != version) throw Error::Conflict();
  const auto& sc = t.in.schedule;
  validate_extension(sc, in.new_due, in.reason);
  const std::string now = now_iso_utc(), prev = sc.due_date->iso(), next = in.new_due.iso();
  long long uid = actor.user_id;
  soci::indicator iu = uid ? soci::i_ok : soci::i_null;
  long long id = 0;
  s << "INSERT INTO task_extensions(task_id, previous_due, new_due, reason, user_id, username, created_at) "
       "VALUES(:t, :p, :n, :r, :u, :un, :c) RETURNING id",
      soci::use(t.id), soci::use(prev), soci::use(next), soci::use(in.reason), soci::use(uid, iu), soci::use(actor.username),
      soci::use(now), soci::into(id);
  soci::statement st = (s.prepare << "UPDATE tasks SET due_date = :d, version = version + 1, updated_at = :u WHERE id = :id AND version = :v",
                        soci::use(next), soci::use(now), soci::use(t.id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  record_audit(s, actor, {"create", "task_extension", std::to_string(id), t.in.org_unit_id, json{{"taskId", t.id}, {"dueDate", prev}},
                          json{{"taskId", t.id}, {"dueDate", next}, {"reason", in.reason}}});
  return id;
}

json task_extensions_json(soci::session& s, long long task_id) {
  json out = json::array();
  long long id = 0;
  std::string prev, next, reason, username, created;
  soci::statement st = (s.prepare << "SELECT id, previous_due, new_due, reason, username, created_at FROM task_extensions "
                                     "WHERE task_id = :t ORDER BY id",
                        soci::into(id), soci::into(prev), soci::into(next), soci::into(reason), soci::into(username),
                        soci::into(created), soci::use(task_id));
  st.execute();
  while (st.fetch())
    out.push_back({{"id", id}, {"previousDue", prev}, {"newDue", next}, {"reason", reason}, {"username", username}, {"createdAt", created}});
  return out;
}

// =============================== rendering ===============================

TaskState TaskRenderer::state(const TaskRow& t) const {
  return evaluate_task(t.in.schedule, t.in.status, t.update_dates, today_);
}

json TaskRenderer::agency_ref(long long id) {
  auto it = agencies_.find(id);
  if (it != agencies_.end()) return it->second;
  return agencies_[id] = agency_ref_by_id(s_, id);
}

json TaskRenderer::render(const TaskRow& t, bool full) {
  auto dit = directives_.find(t.in.directive_id);
  if (dit == directives_.end()) dit = directives_.emplace(t.in.directive_id, directive_ref(s_, t.in.directive_id)).first;
  nlohmann::json co = nlohmann::json::array();
  for (long long a : t.in.co_agency_ids) co.push_back(agency_ref(a));
  const Schedule& sc = t.in.schedule;
  TaskState st = state(t);
  nlohmann::json j = {
      {"id", t.id}, {"directive", dit->second}, {"code", t.in.code}, {"title", t.in.title},
      {"description", t.in.description}, {"leadAgency", agency_ref(t.in.lead_agency_id)}, {"coAgencies", co},
      {"orgUnit", unit_ref(h_, t.in.org_unit_id)},
      {"deadline", {{"dueDate", date_or_null(sc.due_date)}, {"recurrence", to_string(sc.recurrence)},
                    {"dueDays", due_day_strings(sc)},
                    {"startsOn", sc.recurring() ? nlohmann::json(sc.starts_on.iso()) : nlohmann::json(nullptr)},
                    {"endsOn", sc.recurring() && sc.ends_on != Date::max() ? nlohmann::json(sc.ends_on.iso()) : nlohmann::json(nullptr)}}},
      {"status", to_string(t.in.status)}, {"lastUpdateOn", date_or_null(t.last_update_on)},
      {"currentDue", date_or_null(st.current_due)}, {"overdue", st.overdue}, {"daysOverdue", st.days_overdue},
      {"version", t.version}, {"createdAt", t.created_at}, {"updatedAt", t.updated_at}};
  if (full) {
    nlohmann::json updates = nlohmann::json::array();
    long long id = 0, att = 0;
    std::string date, note, status, username, created;
    soci::indicator ia;
    soci::statement us = (s_.prepare << "SELECT id, update_date, note, status, attachment_id, username, created_at "
                                        "FROM task_updates WHERE task_id = :t ORDER BY update_date DESC, id DESC",
                          soci::into(id), soci::into(date), soci::into(note), soci::into(status), soci::into(att, ia),
                          soci::into(username), soci::into(created), soci::use(t.id));
    us.execute();
    std::vector<std::pair<size_t, long long>> evidence;
    while (us.fetch()) {
      updates.push_back({{"id", id}, {"date", date}, {"note", note}, {"status", status}, {"evidence", nullptr},
                         {"username", username}, {"createdAt", created}});
      if (ia == soci::i_ok) evidence.push_back({updates.size() - 1, att});
    }
    for (auto [i, a] : evidence)
      if (auto m = get_attachment(s_, a)) updates[i]["evidence"] = attachment_json(*m);
    j["updates"] = updates;
    j["extensions"] = task_extensions_json(s_, t.id);
  }
  return j;
}

std::optional<long long> directive_id_by_key(soci::session& s, const std::string& key) {
  long long id = 0;
  s << "SELECT id FROM directives WHERE key = :k", soci::use(key), soci::into(id);
  if (!s.got_data()) return std::nullopt;
  return id;
}

std::optional<long long> task_of_update(soci::session& s, long long update_id) {
  long long task = 0;
  s << "SELECT task_id FROM task_updates WHERE id = :u", soci::use(update_id), soci::into(task);
  if (!s.got_data()) return std::nullopt;
  return task;
}

}  // namespace longghep
