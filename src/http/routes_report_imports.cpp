// Import of past reports (issue 12, history through the successors): an .xlsx with one sheet per
// unit and period, each sheet a list of rows "code | value | label": the keys orgUnit, form,
// period, paperSubmittedOn, reason, status, then the form's elements by code. Like the activity
// import it is a background job on the one bounded import queue (storage/activity_import.hpp):
// validate (every fault by sheet, row and column, in Vietnamese and English), then on request
// commit every sheet in ONE transaction (all or nothing). Only for units the user may act for
// (Access::acting_for); the reports land as submitted — or accepted when the importer reviews at
// the level above and the sheet says so — with the paper submission date of the sheet, marked on
// behalf of a unit that no longer exists. docs/api-reports.md.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <tuple>
#include <map>
#include <mutex>
#include <set>
#include <spdlog/spdlog.h>

#include "domain/error.hpp"
#include "domain/reporting.hpp"
#include "domain/reporting_access.hpp"
#include "domain/text.hpp"
#include "export/sheet_writer.hpp"
#include "http/app.hpp"
#include "importer/sheet_reader.hpp"
#include "security/crypto.hpp"
#include "storage/money_figures.hpp"
#include "storage/activity_import.hpp"
#include "storage/attachments.hpp"
#include "storage/org_units.hpp"
#include "storage/reports.hpp"

namespace longghep {
using nlohmann::json;

namespace {

constexpr size_t kMaxSheets = 500, kMaxRowsPerSheet = 500, kMaxReported = 300;

struct SheetIssue {
  std::string sheet;
  long long row = 0;    // 0: the sheet as a whole
  std::string column;   // "A", "B" or ""
  FieldIssue issue;
};

struct Cell2 {
  std::string value;
  long long row = 0;
};

// One sheet as read: its key rows and its element rows, by code.
struct RawSheet {
  std::string name;
  std::map<std::string, Cell2> meta;
  std::vector<std::pair<std::string, Cell2>> elements;
  std::vector<SheetIssue> issues;
  long long rows = 0;
};

// One sheet checked: what commit writes.
struct PastReport {
  std::string sheet;
  const OrgUnit* unit = nullptr;
  ReportForm form;
  ReportingPeriod period;
  std::string status;  // submitted | accepted
  json values = json::object();
  std::string paper_on, reason;
  long long on_behalf_unit = 0;    // the unit filled on behalf (0: the importer's own)
  const OrgUnit* review_level = nullptr;
  bool review_on_behalf = false;
  std::optional<ReportRow> existing;
};

struct ReportImportJob {
  long long id = 0, user_id = 0;
  std::string username, filename, path, created_at;
  Principal principal;
  mutable std::mutex mu;
  std::string status = "validating";  // validating | ready | invalid | committing | committed | failed
  long long sheets_total = -1, sheets_read = 0, committed = 0, error_count = 0;
  std::vector<SheetIssue> errors;
  json preview = json::array();
  std::string message_vi, message_en;
  ~ReportImportJob() {
    if (!path.empty()) std::remove(path.c_str());
  }
  json to_json() const {
    std::lock_guard<std::mutex> g(mu);
    json errs = json::array();
    for (const auto& e : errors)
      errs.push_back({{"sheet", e.sheet}, {"row", e.row == 0 ? json(nullptr) : json(e.row)}, {"column", e.column},
                      {"field", e.issue.field}, {"message", e.issue.message_vi}, {"messageEn", e.issue.message_en}});
    double progress = 0;
    if (status == "ready" || status == "committed" || status == "invalid" || status == "failed") progress = 1;
    else if (sheets_total > 0) progress = static_cast<double>(sheets_read) / static_cast<double>(sheets_total);
    return {{"id", id}, {"filename", filename}, {"status", status}, {"progress", std::min(progress, 1.0)},
            {"sheetsTotal", sheets_total < 0 ? json(nullptr) : json(sheets_total)}, {"sheetsRead", sheets_read},
            {"errorCount", error_count}, {"errors", errs}, {"preview", preview}, {"message", message_vi},
            {"messageEn", message_en}, {"createdAt", created_at}, {"committedCount", committed}};
  }
};

std::mutex g_jobs_mu;
std::vector<std::shared_ptr<ReportImportJob>> g_jobs;  // the newest 50
long long g_next_id = 1;

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

const std::set<std::string>& meta_keys() {
  static const std::set<std::string> k = {"orgUnit", "form", "period", "paperSubmittedOn", "reason", "status"};
  return k;
}

// Reads every sheet of the workbook (at most kMaxSheets, kMaxRowsPerSheet rows each).
std::vector<RawSheet> read_sheets(ReportImportJob& job) {
  std::vector<RawSheet> out;
  read_xlsx_sheets(
      job.path,
      [&](const std::string& name) {
        out.push_back(RawSheet{});
        out.back().name = name.empty() ? "Sheet" + std::to_string(out.size()) : name;
        return true;
      },
      [&](long long row, std::vector<std::string>& cells) {
        RawSheet& sh = out.back();
        if (++sh.rows > static_cast<long long>(kMaxRowsPerSheet)) {
          if (sh.rows == static_cast<long long>(kMaxRowsPerSheet) + 1)
            sh.issues.push_back({sh.name, row, "", {"file", "Trang tính có quá " + std::to_string(kMaxRowsPerSheet) + " dòng",
                                                    "The sheet has more than " + std::to_string(kMaxRowsPerSheet) + " rows"}});
          return true;
        }
        if (row == 1) return true;  // the template's header
        const std::string key = cells.empty() ? "" : trim(cells[0]);
        const std::string value = cells.size() > 1 ? trim(cells[1]) : "";
        if (key.empty()) return true;
        if (meta_keys().count(key)) {
          if (sh.meta.count(key))
            sh.issues.push_back({sh.name, row, "A", {key, "Khóa \"" + key + "\" ghi hai lần", "The key \"" + key + "\" is given twice"}});
          sh.meta[key] = {value, row};
        } else {
          sh.elements.push_back({key, {value, row}});
        }
        return true;
      },
      kMaxSheets);
  return out;
}

std::optional<Date> parse_day(const std::string& v) {
  if (auto d = Date::parse(v)) return d;
  if (auto iso = excel_serial_to_iso(v)) return Date::parse(*iso);
  // dd/mm/yyyy as typed in Vietnam
  if (v.size() == 10 && v[2] == '/' && v[5] == '/')
    return Date::parse(v.substr(6, 4) + "-" + v.substr(3, 2) + "-" + v.substr(0, 2));
  return std::nullopt;
}

// Checks one sheet against the forms, the hierarchy, the importer's rights and the stored reports;
// adds its faults to `issues` and returns what commit writes.
PastReport check_sheet(soci::session& s, const Hierarchy& h, const Principal& p, const RawSheet& sh,
                       std::map<std::string, ReportForm>& forms, std::vector<SheetIssue>& issues) {
  PastReport r;
  r.sheet = sh.name;
  auto issue = [&](long long row, const std::string& col, const std::string& field, const std::string& vi, const std::string& en) {
    issues.push_back({sh.name, row, col, {field, vi, en}});
  };
  for (const auto& i : sh.issues) issues.push_back(i);
  auto meta = [&](const std::string& k) -> const Cell2* {
    auto it = sh.meta.find(k);
    return it == sh.meta.end() || it->second.value.empty() ? nullptr : &it->second;
  };
  for (const char* k : {"orgUnit", "period", "paperSubmittedOn", "reason"})
    if (!meta(k))
      issue(0, "", k, std::string("Thiếu dòng \"") + k + "\" (cột A) và giá trị của nó (cột B)",
            std::string("The row \"") + k + "\" (column A) with its value (column B) is missing");
  // the form
  const std::string form_code = meta("form") ? meta("form")->value : "bc_6thang";
  if (!forms.count(form_code))
    if (auto f = load_form(s, form_code)) forms[form_code] = *f;
  if (!forms.count(form_code)) {
    issue(meta("form") ? meta("form")->row : 0, "B", "form", "Không có biểu mẫu báo cáo \"" + form_code + "\"",
          "No report form \"" + form_code + "\"");
    return r;
  }
  r.form = forms[form_code];
  if (!meta("period") || !meta("orgUnit")) return r;
  auto bare = period_for(r.form.kind, meta("period")->value, ReportSchedule{});
  if (!bare) {
    issue(meta("period")->row, "B", "period", "Kỳ báo cáo không hợp lệ: \"" + meta("period")->value + "\" (ví dụ 2023-H1 hoặc 2023)",
          "Not a reporting period: \"" + meta("period")->value + "\" (e.g. 2023-H1 or 2023)");
    return r;
  }
  const Date today = Date::today_vn();
  // The unit of the code on the period's last day (never today's unit of a reused code).
  const std::string code = meta("orgUnit")->value;
  const long long unit_row = meta("orgUnit")->row;
  const OrgUnit* u = h.find(code, std::min(bare->to, today));
  if (!u) u = h.find(code, bare->from);
  if (!u || !Access::can_see_unit(p, u->id)) {
    issue(unit_row, "B", "orgUnit",
          "Không có đơn vị mã " + code + " trong kỳ " + bare->label + " thuộc phạm vi của bạn",
          "No unit with code " + code + " in " + bare->label_en + " within your scope");
    return r;
  }
  r.unit = u;
  {
    const Date sched_day = u->valid_on(bare->to) ? bare->to : std::min(u->validity.to, today);
    r.period = *period_for(r.form.kind, bare->code, schedule_for(s, r.form.code, h, *u, sched_day));
  }
  // who may act for it: the same decisions as the report screen (domain/reporting_access)
  const ReportFacts facts{.unit = u, .period = r.period};
  if (!ReportAccess::can_fill(p, h, facts, today)) {
    if (ReportAccess::fill_acting(p, h, facts, today).reason == "unit_ceased")
      issue(unit_row, "B", "orgUnit",
            u->name + " không còn tồn tại từ ngày " + u->validity.to.add_days(1).vn() + ", không có báo cáo kỳ " + r.period.label,
            u->name + " ceased to exist after " + u->validity.to.iso() + "; it has no report for " + r.period.label_en);
    else
      issue(unit_row, "B", "orgUnit",
            "Bạn không được lập báo cáo thay cho " + u->name + " (đơn vị này không sáp nhập vào đơn vị của bạn)",
            "You may not report on behalf of " + u->name + " (it was never merged into your unit)");
  }
  if (const OrgUnit* behalf = ReportAccess::fill_on_behalf(p, h, facts, today)) r.on_behalf_unit = behalf->id;
  // the status it lands in
  r.status = meta("status") ? meta("status")->value : "submitted";
  if (r.status != "submitted" && r.status != "accepted") {
    issue(meta("status")->row, "B", "status", "Trạng thái là submitted (đã gửi) hoặc accepted (đã tiếp nhận)",
          "The status is submitted or accepted");
  } else if (r.status == "accepted") {
    Access::Acting how = Access::Acting::none;
    r.review_level = ReportAccess::can_review(p, h, facts, today) ? ReportAccess::review_level(p, h, facts, today, &how) : nullptr;
    r.review_on_behalf = how == Access::Acting::on_behalf;
    if (!r.review_level)
      issue(meta("status")->row, "B", "status", "Chỉ cấp trên của " + u->name + " mới nhập báo cáo ở trạng thái đã tiếp nhận",
            "Only the level above " + u->name + " may import its report as accepted");
  }
  // the paper submission
  if (const Cell2* c = meta("paperSubmittedOn")) {
    auto d = parse_day(c->value);
    if (!d)
      issue(c->row, "B", "paperSubmittedOn", "Ngày gửi bản giấy phải là ngày (dd/mm/yyyy hoặc YYYY-MM-DD)",
            "The paper submission date must be a date (dd/mm/yyyy or YYYY-MM-DD)");
    else if (*d > today)
      issue(c->row, "B", "paperSubmittedOn", "Ngày gửi bản giấy không được ở tương lai", "The paper submission date cannot be in the future");
    else if (*d < r.period.from)
      issue(c->row, "B", "paperSubmittedOn", "Ngày gửi bản giấy không được trước ngày bắt đầu kỳ báo cáo (" + r.period.from.vn() + ")",
            "The paper submission date cannot be before the period began (" + r.period.from.iso() + ")");
    else
      r.paper_on = d->iso();
  }
  if (const Cell2* c = meta("reason")) {
    if (c->value.size() > 2000)
      issue(c->row, "B", "reason", "Lý do tối đa 2.000 ký tự", "The reason is at most 2,000 characters");
    r.reason = c->value;
  }
  // the stored report, if any, must still be open
  r.existing = find_report(s, r.form.code, r.period.code, u->id);
  if (r.existing && r.existing->status != "draft" && r.existing->status != "returned")
    issue(unit_row, "B", "orgUnit", "Báo cáo kỳ " + r.period.label + " của " + u->name + " đã được gửi hoặc tiếp nhận",
          "The report of " + u->name + " for " + r.period.label_en + " was already submitted or accepted");
  // the elements
  std::set<std::string> given;
  std::map<std::string, long long> row_of;
  for (const auto& [k, c] : sh.elements) {
    const FormElement* e = nullptr;
    for (const auto& x : r.form.elements)
      if (x.code == k) e = &x;
    if (!e) {
      issue(c.row, "A", k, "Biểu mẫu không có chỉ tiêu \"" + k + "\"", "The form has no element \"" + k + "\"");
      continue;
    }
    if (!given.insert(k).second) {
      issue(c.row, "A", k, "Chỉ tiêu \"" + k + "\" ghi hai lần", "The element \"" + k + "\" is given twice");
      continue;
    }
    row_of[k] = c.row;
    if (c.value.empty()) { r.values[k] = nullptr; continue; }
    if (e->value_type == "number") {
      if (auto n = parse_digits(c.value, 15))
        r.values[k] = *n;
      else
        issue(c.row, "B", k, "\"" + e->label_vi + "\" phải là số nguyên không âm", "\"" + e->label_en + "\" must be a non-negative integer");
    } else if (e->value_type == "bool") {
      static const std::map<std::string, bool> b = {{"có", true}, {"không", false}, {"TRUE", true}, {"FALSE", false},
                                                   {"true", true}, {"false", false}, {"1", true}, {"0", false}};
      if (!b.count(c.value))
        issue(c.row, "B", k, "\"" + e->label_vi + "\" phải là có/không", "\"" + e->label_en + "\" must be yes/no");
      else
        r.values[k] = b.at(c.value);
    } else {
      if (c.value.size() > 20000)
        issue(c.row, "B", k, "\"" + e->label_vi + "\" tối đa 20.000 ký tự", "\"" + e->label_en + "\" is at most 20,000 characters");
      else
        r.values[k] = c.value;
    }
  }
  // computed elements not on the sheet: from the unit's recorded activities; the rest null
  bool need_computed = false;
  for (const auto& e : r.form.elements)
    if (!given.count(e.code)) {
      if (e.source == "computed") need_computed = true;
      else r.values[e.code] = nullptr;
    }
  if (need_computed) {
    const Scope units = h.scope_of(u->id);
    for (const auto& [k, v] : compute_values(s, r.form, units, r.period.from, r.period.to))
      if (!given.count(k)) r.values[k] = v;
    for (const auto& [k, v] : compute_allocated_values(s, r.form, units, r.period.from, r.period.to))
      if (!given.count(k)) r.values[k] = v;
  }
  // the form's error rules
  std::map<std::string, double> nums;
  for (auto it = r.values.begin(); it != r.values.end(); ++it)
    if (it->is_number()) nums[it.key()] = it->get<double>();
  for (const auto& rule : r.form.rules) {
    if (rule.severity != "error") continue;
    auto ok = Expression::parse(rule.expression).holds(nums);
    if (ok && !*ok) issue(row_of.count(rule.element) ? row_of[rule.element] : 0, "B", rule.element, rule.message_vi, rule.message_en);
  }
  return r;
}

// Checks every sheet; the reports to write, in sheet order.
std::vector<PastReport> check_all(soci::session& s, const Hierarchy& h, const Principal& p, const std::vector<RawSheet>& sheets,
                                  std::vector<SheetIssue>& issues, ReportImportJob* job) {
  std::vector<PastReport> out;
  std::map<std::string, ReportForm> forms;
  std::map<std::tuple<std::string, std::string, long long>, std::string> seen;
  for (const auto& sh : sheets) {
    PastReport r = check_sheet(s, h, p, sh, forms, issues);
    if (r.unit && !r.period.code.empty()) {
      auto key = std::make_tuple(r.form.code, r.period.code, r.unit->id);
      if (auto it = seen.find(key); it != seen.end())
        issues.push_back({sh.name, 0, "", {"orgUnit", "Trùng đơn vị và kỳ với trang \"" + it->second + "\"",
                                           "Same unit and period as the sheet \"" + it->second + "\""}});
      else
        seen[key] = sh.name;
    }
    out.push_back(std::move(r));
    if (job) {
      std::lock_guard<std::mutex> g(job->mu);
      ++job->sheets_read;
    }
  }
  return out;
}

json preview_of(const PastReport& r, const std::string& username) {
  json ob = nullptr;
  if (r.on_behalf_unit)
    ob = {{"label", on_behalf_label_vi(r.unit->name, username)}, {"labelEn", on_behalf_label_en(r.unit->name, username)}};
  return {{"sheet", r.sheet}, {"orgUnit", r.unit ? org_unit_ref(*r.unit) : json(nullptr)}, {"form", r.form.code},
          {"period", r.period.code}, {"status", r.status}, {"paperSubmittedOn", r.paper_on}, {"onBehalf", ob}};
}

void fail(ReportImportJob& job, const std::string& status, const std::string& vi, const std::string& en) {
  std::lock_guard<std::mutex> g(job.mu);
  job.status = status;
  job.message_vi = vi;
  job.message_en = en;
}

void validate_job(Database& db, HierarchyPtr h, std::shared_ptr<ReportImportJob> job) {
  try {
    std::vector<RawSheet> sheets = read_sheets(*job);
    {
      std::lock_guard<std::mutex> g(job->mu);
      job->sheets_total = static_cast<long long>(sheets.size());
    }
    std::vector<SheetIssue> issues;
    std::vector<PastReport> reports;
    db.with_session([&](soci::session& s) { reports = check_all(s, *h, job->principal, sheets, issues, job.get()); });
    std::lock_guard<std::mutex> g(job->mu);
    for (const auto& r : reports) job->preview.push_back(preview_of(r, job->username));
    job->error_count = static_cast<long long>(issues.size());
    for (auto& i : issues)
      if (job->errors.size() < kMaxReported) job->errors.push_back(std::move(i));
    if (sheets.empty()) {
      job->status = "invalid";
      job->message_vi = "Tệp không có trang tính nào";
      job->message_en = "The file has no worksheet";
    } else if (!issues.empty()) {
      job->status = "invalid";
      job->message_vi = "Tệp có " + std::to_string(issues.size()) + " lỗi; chưa ghi báo cáo nào. Sửa các trang, dòng được nêu rồi tải lên lại.";
      job->message_en = "The file has " + std::to_string(issues.size()) + " errors; no report was written. Fix the sheets and rows listed and upload again.";
    } else {
      job->status = "ready";
      job->message_vi = "Kiểm tra xong " + std::to_string(reports.size()) + " báo cáo, không có lỗi";
      job->message_en = std::to_string(reports.size()) + " reports checked, no errors";
    }
  } catch (const Error& e) {
    fail(*job, "invalid", e.message_vi(), e.message_en());
  } catch (const std::exception& e) {
    spdlog::error("report import {} validation failed: {}", job->id, e.what());
    fail(*job, "failed", "Lỗi hệ thống khi kiểm tra tệp", "Internal error while checking the file");
  }
}

void commit_job(Database& db, HierarchyPtr h, std::shared_ptr<ReportImportJob> job) {
  try {
    std::vector<RawSheet> sheets = read_sheets(*job);
    long long written = 0;
    db.transact([&](soci::session& s) {
      std::vector<SheetIssue> issues;
      auto reports = check_all(s, *h, job->principal, sheets, issues, nullptr);
      if (!issues.empty()) {
        const auto& i = issues.front();
        throw Error(409, "import_changed",
                    "Dữ liệu đã thay đổi từ khi kiểm tra (trang " + i.sheet + ": " + i.issue.message_vi + "); chưa ghi gì, hãy tải tệp lên lại",
                    "The data changed since the check (sheet " + i.sheet + ": " + i.issue.message_en + "); nothing was written, upload the file again");
      }
      const Actor actor{job->user_id, job->username, job->principal.token_id};
      const std::string now = now_iso_utc();
      for (auto& pr : reports) {
        ReportRow r = pr.existing.value_or(ReportRow{});
        r.form_code = pr.form.code;
        r.period_code = pr.period.code;
        r.org_unit_id = pr.unit->id;
        r.agency_id = 0;
        r.values = pr.values;
        r.status = "submitted";
        r.submitted_at = now;
        r.submitted_by = job->username;
        r.return_comment.clear();
        r.paper_submitted_on = pr.paper_on;
        r.paper_reason = pr.reason;
        r.on_behalf_unit_id = pr.on_behalf_unit;
        r.on_behalf_by = pr.on_behalf_unit ? job->username : "";
        r.acting_for_unit_id = pr.on_behalf_unit;
        r.acting_label = pr.on_behalf_unit ? on_behalf_label_vi(pr.unit->name, job->username) : "";
        if (!save_report(s, r, actor, "import")) throw Error::Conflict();
        const std::string note = "Nhập từ tệp " + job->filename + " (trang " + pr.sheet + ")";
        add_report_transition(s, r.id, "import", note, job->username, pr.on_behalf_unit);
        add_report_transition(s, r.id, "submit", "", job->username, pr.on_behalf_unit);
        if (pr.status == "accepted") {
          r.status = "accepted";
          const long long behalf = pr.review_on_behalf ? pr.review_level->id : 0;
          r.acting_for_unit_id = behalf;
          r.acting_label = behalf ? on_behalf_label_vi(pr.review_level->name, job->username) : "";
          if (!save_report(s, r, actor, "accept")) throw Error::Conflict();
          add_report_transition(s, r.id, "accept", "", job->username, behalf);
        }
        ++written;
      }
      record_audit(s, actor, {"create", "report_import", std::to_string(job->id), job->principal.org_unit_id, std::nullopt,
                              json{{"filename", job->filename}, {"sheets", sheets.size()}, {"reports", written}}});
    });
    std::lock_guard<std::mutex> g(job->mu);
    job->committed = written;
    job->status = "committed";
    job->message_vi = "Đã ghi " + std::to_string(written) + " báo cáo";
    job->message_en = std::to_string(written) + " reports written";
  } catch (const Error& e) {
    fail(*job, "failed", e.message_vi(), e.message_en());
  } catch (const std::exception& e) {
    spdlog::error("report import {} commit failed: {}", job->id, e.what());
    fail(*job, "failed", "Lỗi hệ thống khi ghi dữ liệu; chưa ghi gì", "Internal error while writing; nothing was written");
  }
}

// An agency focal point reports for its agency only (Access::assignment_agency): no past reports
// of units to import.
void require_importer(Ctx& c) {
  Access::require(c.me(), perm::kReportsSubmit);
  if (Access::assignment_agency(c.me())) throw Error::Forbidden();
}

std::shared_ptr<ReportImportJob> own_job(Ctx& c) {
  const long long id = c.id_param(0);
  std::lock_guard<std::mutex> g(g_jobs_mu);
  for (const auto& j : g_jobs)
    if (j->id == id && j->user_id == c.me().user_id) return j;
  throw Error::NotFound("lượt nhập báo cáo", "Report import");
}

Response start_import(Ctx& c) {
  require_importer(c);
  if (c.req.body_file.empty()) throw Error::Validation("file", "Không có tệp", "No file was sent");
  std::string filename = c.q("filename", "bao-cao-cu.xlsx");
  if (filename.size() > 255) filename = filename.substr(0, 255);
  auto job = std::make_shared<ReportImportJob>();
  job->path = c.req.body_file + ".reports";
  std::filesystem::rename(c.req.body_file, job->path);
  job->user_id = c.me().user_id;
  job->username = c.me().username;
  job->principal = c.me();
  job->filename = filename;
  job->created_at = now_iso_utc();
  std::string head(8, '\0');
  {
    std::ifstream in(job->path, std::ios::binary);
    in.read(head.data(), 8);
    head.resize(static_cast<size_t>(in.gcount()));
  }
  {
    std::lock_guard<std::mutex> g(g_jobs_mu);
    job->id = g_next_id++;
    g_jobs.push_back(job);
    if (g_jobs.size() > 50) g_jobs.erase(g_jobs.begin());
  }
  if (head.empty() || detect_sheet_format(head, filename) != SheetFormat::xlsx) {
    fail(*job, "invalid", "Tệp phải là bảng tính .xlsx (mỗi trang tính một báo cáo)",
         "The file must be an .xlsx workbook (one sheet per report)");
    return Response::json(job->to_json(), 202);
  }
  Database* db = &c.app.db();
  HierarchyPtr h = c.app.hierarchy();
  const int taken = ImportJobs::instance().submit(job->user_id, [db, h, job] { validate_job(*db, h, job); });
  if (taken != 0) {
    std::lock_guard<std::mutex> g(g_jobs_mu);
    g_jobs.erase(std::remove(g_jobs.begin(), g_jobs.end(), job), g_jobs.end());
    throw ImportJobs::refusal(taken);
  }
  return Response::json(job->to_json(), 202);
}

Response get_import(Ctx& c) {
  require_importer(c);
  return Response::json(own_job(c)->to_json());
}

Response commit_import(Ctx& c) {
  require_importer(c);
  auto job = own_job(c);
  {
    std::lock_guard<std::mutex> g(job->mu);
    if (job->status != "ready")
      throw Error(409, "import_not_ready", "Chỉ ghi được tệp đã kiểm tra xong và không có lỗi (trạng thái: " + job->status + ")",
                  "Only a checked file without errors can be written (status: " + job->status + ")");
    job->status = "committing";
  }
  Database* db = &c.app.db();
  HierarchyPtr h = c.app.hierarchy();
  const int taken = ImportJobs::instance().submit(job->user_id, [db, h, job] { commit_job(*db, h, job); });
  if (taken != 0) {
    std::lock_guard<std::mutex> g(job->mu);
    job->status = "ready";
    throw ImportJobs::refusal(taken);
  }
  return Response::json(job->to_json(), 202);
}

// The template: one sheet for one report of a form (copy it for each unit and period), the keys
// and the form's elements with their labels, and a sheet of instructions.
Response import_template(Ctx& c) {
  Access::require(c.me(), perm::kReportsRead);
  std::optional<ReportForm> form;
  c.app.db().with_session([&](soci::session& s) { form = load_form(s, c.q("form", "bc_6thang")); });
  if (!form) throw Error::Validation("form", "Không có biểu mẫu báo cáo \"" + c.q("form") + "\"", "No report form \"" + c.q("form") + "\"");
  const std::string path =
      (std::filesystem::temp_directory_path() / ("longghep-report-template-" + security::random_token(8))).string();
  {
    XlsxSheetWriter w(path, "Báo cáo 1");
    w.add_reference_sheet("Hướng dẫn", {"Hướng dẫn", "Instructions"},
                          {{"Mỗi trang tính là báo cáo của một đơn vị cho một kỳ; sao chép trang \"Báo cáo 1\" cho mỗi báo cáo.",
                            "Each worksheet is one unit's report for one period; copy the sheet \"Báo cáo 1\" for each report."},
                           {"Cột A là mã (không sửa), cột B là giá trị, cột C là diễn giải.",
                            "Column A is the code (do not change it), column B the value, column C the label."},
                           {"orgUnit: mã đơn vị cũ (như trong kỳ báo cáo); period: 2023-H1, 2023-H2 hoặc 2023.",
                            "orgUnit: the old unit's code (as in the period); period: 2023-H1, 2023-H2 or 2023."},
                           {"paperSubmittedOn: ngày gửi bản giấy (dd/mm/yyyy); reason: lý do nhập bổ sung (bắt buộc).",
                            "paperSubmittedOn: the day the paper report was submitted (dd/mm/yyyy); reason: why it is entered late (required)."},
                           {"status: submitted (đã gửi) hoặc accepted (đã tiếp nhận — chỉ khi bạn là cấp trên của đơn vị).",
                            "status: submitted or accepted (only when you review at the level above the unit)."},
                           {"Chỉ tiêu tính từ hoạt động bỏ trống thì lấy từ hoạt động đã ghi nhận.",
                            "A computed element left empty is taken from the recorded activities."}});
    w.header({"Mã (code)", "Giá trị (value)", "Diễn giải (label)"});
    w.row({Cell{std::string("orgUnit")}, Cell{}, Cell{std::string("Mã đơn vị / Unit code")}});
    w.row({Cell{std::string("form")}, Cell{form->code}, Cell{std::string("Biểu mẫu / Form: ") + form->name_vi}});
    w.row({Cell{std::string("period")}, Cell{}, Cell{std::string("Kỳ báo cáo / Period (2023-H1, 2023)")}});
    w.row({Cell{std::string("paperSubmittedOn")}, Cell{}, Cell{std::string("Ngày gửi bản giấy / Paper submitted on (dd/mm/yyyy)")}});
    w.row({Cell{std::string("reason")}, Cell{}, Cell{std::string("Lý do nhập bổ sung / Reason")}});
    w.row({Cell{std::string("status")}, Cell{std::string("submitted")}, Cell{std::string("submitted | accepted")}});
    for (const auto& e : form->elements)
      w.row({Cell{e.code}, Cell{}, Cell{e.label_vi + " / " + e.label_en + (e.source == "computed" ? " (tính từ hoạt động nếu bỏ trống)" : "")}});
    w.finish();
  }
  Response r;
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.headers.push_back({"Content-Disposition", content_disposition("mau-nhap-bao-cao-cu-" + form->code + ".xlsx")});
  r.stream = [path](std::ostream& os) {
    {
      std::ifstream in(path, std::ios::binary);
      os << in.rdbuf();
    }
    std::remove(path.c_str());
  };
  return r;
}

}  // namespace

void add_report_imports_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/report-imports/template", Auth::Session, import_template, "The template for importing past reports (.xlsx, one sheet per unit and period)", perm::kReportsRead});
  r.push_back({"POST", "/api/report-imports", Auth::Session, start_import, "Upload past reports (.xlsx, raw body, ?filename=) to check them in the background"});
  r.push_back({"GET", "/api/report-imports/{id}", Auth::Session, get_import, "Progress and the faults by sheet, row and column of an import of past reports"});
  r.push_back({"POST", "/api/report-imports/{id}/commit", Auth::Session, commit_import, "Write a checked import of past reports in one transaction (all or nothing)"});
}

}  // namespace longghep
