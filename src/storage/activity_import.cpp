#include "storage/activity_import.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

#include "domain/error.hpp"
#include "importer/sheet_reader.hpp"
#include "importer/import_columns.hpp"
#include "storage/activities.hpp"
#include "storage/agencies.hpp"
#include "storage/programmes.hpp"
#include "storage/analytics_source.hpp"
#include "storage/audit.hpp"
#include "storage/bulk_activities.hpp"
#include "storage/jobs.hpp"
#include "util/bounded.hpp"

namespace longghep {
using nlohmann::json;

namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

std::string file_sha256(const std::string& path) {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  std::ifstream in(path, std::ios::binary);
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0)
    crypto_hash_sha256_update(&st, reinterpret_cast<unsigned char*>(buf), static_cast<unsigned long long>(in.gcount()));
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, out);
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (unsigned char c : out) { s += hex[c >> 4]; s += hex[c & 15]; }
  return s;
}

json input_preview(const AssembledActivity& a) {
  json reach = json::array();
  for (const auto& r : a.in.reach)
    reach.push_back({{"targetGroup", r.target_group}, {"total", r.total},
                     {"female", r.female ? json(*r.female) : json(nullptr)}, {"male", r.male ? json(*r.male) : json(nullptr)}});
  json costs = json::array();
  for (const auto& c : a.in.costs) costs.push_back({{"fundingSource", c.funding_source}, {"amount", c.amount}});
  return {{"row", a.first_row}, {"key", a.in.key}, {"title", a.in.title}, {"interventionTypeCode", a.in.intervention_type},
          {"orgUnitCode", a.in.org_unit_code}, {"leadAgencyId", a.in.lead_agency_id}, {"startDate", a.in.start.iso()},
          {"endDate", a.in.end.iso()}, {"reach", reach}, {"costs", costs}, {"reachedTotal", a.in.reached_total()}};
}

// What one pass over the file needs of the database, loaded once.
struct Lookups {
  std::unordered_map<std::string, long long> agency_keys;  // key and decimal id → id
  ActivityRules rules;
  ImportLabels labels;    // labels or codes of the coded columns (issue 15)
  LabelIndex programmes;  // the programmes the uploader sees, by name or id
};

Lookups load_lookups(soci::session& s, const Principal& p) {
  Lookups l;
  for (const auto& [table, index] : std::vector<std::pair<std::string, LabelIndex*>>{
           {"intervention_types", &l.labels.intervention_types}, {"target_groups", &l.labels.target_groups},
           {"funding_sources", &l.labels.funding_sources}})
    for (const auto& [code, vi] : active_taxonomy_names(s, table)) index->add(code, vi);
  {
    long long aid = 0, unit = 0;
    std::string name, akey;
    soci::indicator ki;
    soci::statement st = (s.prepare << "SELECT id, name, key, org_unit_id FROM agencies", soci::into(aid), soci::into(name),
                          soci::into(akey, ki), soci::into(unit));
    st.execute();
    while (st.fetch()) {
      const std::string k = ki == soci::i_ok ? akey : std::string();
      if (!Access::can_see_unit(p, unit)) continue;  // others only by key or id (agency_keys)
      l.labels.agencies.add(std::to_string(aid), name, name + (k.empty() ? "" : " (" + k + ")"));
      if (!k.empty()) l.labels.agencies.alias(std::to_string(aid), k);
    }
  }
  for (const ProgrammeName& g : programme_names(s))
    if (Access::can_see_unit(p, g.org_unit_id)) l.programmes.add(std::to_string(g.id), g.name, g.name + " (" + std::to_string(g.id) + ")");
  long long id = 0;
  std::string key;
  soci::indicator ki;
  soci::statement st = (s.prepare << "SELECT id, key FROM agencies", soci::into(id), soci::into(key, ki));
  st.execute();
  while (st.fetch()) {
    l.agency_keys[std::to_string(id)] = id;
    if (ki == soci::i_ok && !key.empty()) l.agency_keys[key] = id;
  }
  l.rules = load_activity_rules(s);
  return l;
}

// Streams the file's rows through the assembler; `on_activity` gets each activity with the
// issues of its own rows. Throws Error invalid_file for an unreadable file or a wrong template.
//
// The header is found, not assumed (issue 15): in the first kHeaderSearch rows of each sheet, a
// row naming every required column in any accepted wording, or two rows (group headers over
// sub-headers); a sheet without one (a cover sheet) is skipped, and the sheets after the data
// sheet (the template's list of codes) are not read. Totals rows ("Tổng cộng") are skipped and
// noted in `notes`. Issues name the sheet's own column letters.
constexpr long long kHeaderSearch = 30;

void stream_activities(ImportJob& job, const Lookups& l,
                       const std::function<void(AssembledActivity&&, std::vector<ImportIssue>&, const HeaderMap&)>& on_activity,
                       std::vector<ImportIssue>& file_issues, std::vector<ImportIssue>* notes = nullptr) {
  std::vector<ImportIssue> row_issues;
  std::optional<HeaderMap> header;
  auto relabel = [&](std::vector<ImportIssue>& v) {
    if (header)
      for (auto& i : v) i.column = header->sheet_letter(i.column);
  };
  ActivityRowAssembler assembler(
      l.agency_keys,
      [&](AssembledActivity&& a) {
        relabel(row_issues);  // the assembler's issues, in the sheet's letters
        on_activity(std::move(a), row_issues, *header);
        row_issues.clear();
      },
      row_issues, &l.labels);
  bool header_seen = false, data_sheet_done = false;
  std::optional<std::pair<long long, std::vector<std::string>>> prev;  // the row before, while searching
  long long sheet_rows = 0, rows = 0;
  HeaderMap best;  // the closest miss, to name the missing columns
  std::ifstream* csv = nullptr;
  auto data_row = [&](long long row, std::vector<std::string>& cells) {
    if (is_totals_row(cells)) {
      if (notes)
        notes->push_back({row, "", {"", "Dòng " + std::to_string(row) + " là dòng tổng cộng: bỏ qua, không nhập",
                                    "Row " + std::to_string(row) + " is a totals row: skipped, not imported"}});
      return;
    }
    std::vector<std::string> canon = header->canonical(cells);
    assembler.add_row(row, canon);
    if (++rows % 2000 == 0) {
      std::lock_guard<std::mutex> g(job.mu);
      job.rows_read = rows;
      if (csv) job.bytes_read = static_cast<long long>(csv->tellg());
    }
  };
  auto on_row = [&](long long row, std::vector<std::string>& cells) -> bool {
    if (!header) {
      header_seen = true;
      ++sheet_rows;
      if (prev) {
        if (auto two = match_two_row_header(prev->second, cells); two && two->complete()) {
          header = *two;
          return true;
        }
        HeaderMap one = match_header(prev->second);
        if (one.complete()) {
          header = one;
          data_row(row, cells);
          return true;
        }
        if (one.missing().size() < best.missing().size()) best = one;
      }
      if (sheet_rows > kHeaderSearch) {  // no header near the top: not the data sheet
        prev.reset();
        return false;
      }
      prev = std::make_pair(row, cells);
      return true;
    }
    data_row(row, cells);
    return true;
  };
  auto end_of_sheet = [&] {
    if (!header && prev) {
      HeaderMap one = match_header(prev->second);
      if (one.complete()) header = one;  // a header without data
      else if (one.missing().size() < best.missing().size()) best = one;
    }
    prev.reset();
    sheet_rows = 0;
    if (header) data_sheet_done = true;
  };
  if (job.format == "csv") {
    std::ifstream in(job.path, std::ios::binary);
    csv = &in;
    read_csv_rows(in, on_row);
    end_of_sheet();
  } else {
    bool first = true;
    read_xlsx_sheets(job.path, [&](const std::string&) {
      if (!first) end_of_sheet();
      first = false;
      return !data_sheet_done;
    }, on_row);
    end_of_sheet();
  }
  if (!header_seen)
    throw Error(400, "invalid_file", "Tệp không có dòng nào (cần dòng tiêu đề của mẫu nhập liệu)",
                "The file has no rows (the template's header row is required)", "file");
  if (!header) {
    const auto& names = activity_template_headers();
    std::string vi, en;
    for (int c : best.missing()) {
      vi += (vi.empty() ? "" : ", ") + column_letter(c) + " \"" + names[c] + "\"";
      en += (en.empty() ? "" : ", ") + column_letter(c) + " \"" + names[c] + "\"";
    }
    throw Error(400, "wrong_template",
                "Không tìm thấy dòng tiêu đề của mẫu nhập liệu (thiếu cột " + vi +
                    "). Hãy tải mẫu nhập liệu và dùng đúng các cột.",
                "The template's header row was not found (missing column " + en +
                    "). Download the template and keep its columns.",
                "file");
  }
  assembler.finish();
  relabel(row_issues);
  file_issues.insert(file_issues.end(), row_issues.begin(), row_issues.end());
  std::lock_guard<std::mutex> g(job.mu);
  job.rows_read = rows;
  job.bytes_read = job.bytes_total;
}

// Validation of one assembled activity against the rules, the hierarchy and the uploader's
// scope; returns the unit it is recorded on (0 when invalid) and adds the issues.
long long check_activity(AssembledActivity& a, const Lookups& l, const Hierarchy& h, const UnitFinder& units,
                         const Principal& p, const HeaderMap& header, std::vector<ImportIssue>& out) {
  std::vector<FieldIssue> issues;
  // A unit by code or by name (issue 15): a name several units bear is a fault naming them.
  if (!a.in.org_unit_code.empty() && !h.find(a.in.org_unit_code, a.in.start)) {
    LabelIndex::Found f = units.find(p.scope, a.in.org_unit_code, a.in.start);
    if (!f.code.empty()) {
      a.in.org_unit_code = f.code;
    } else if (!f.candidates.empty()) {
      std::string list;
      for (const auto& c : f.candidates) list += (list.empty() ? "" : "; ") + c;
      issues.push_back({"orgUnitCode", "Có " + std::to_string(f.candidates.size()) + " đơn vị tên \"" + a.in.org_unit_code +
                                           "\": " + list + ". Hãy ghi mã đơn vị",
                        std::to_string(f.candidates.size()) + " units are named \"" + a.in.org_unit_code + "\": " + list +
                            ". Write the unit's code"});
    }
  }
  if (!a.programme_text.empty()) {
    LabelIndex::Found f = l.programmes.find(a.programme_text);
    if (!f.code.empty()) a.in.programme_ids = {std::stoll(f.code)};
    else if (!f.candidates.empty())
      issues.push_back({"programmeIds", "\"" + a.programme_text + "\" ứng với nhiều chương trình; hãy ghi mã số chương trình",
                        "\"" + a.programme_text + "\" matches several programmes; write the programme's number"});
    else
      issues.push_back({"programmeIds", "Không có chương trình \"" + a.programme_text + "\" trong phạm vi của bạn",
                        "No programme \"" + a.programme_text + "\" within your scope"});
  }
  for (auto& f : validate_activity(a.in, l.rules)) issues.push_back(std::move(f));
  const bool unit_named = std::any_of(issues.begin(), issues.end(), [](const FieldIssue& f) { return f.field == "orgUnitCode"; });
  std::vector<FieldIssue> unit_issues;
  const OrgUnit* u = resolve_activity_unit(h, p.scope, a.in, unit_issues);
  if (!unit_named) issues.insert(issues.end(), unit_issues.begin(), unit_issues.end());
  if (auto only = Access::assignment_agency(p); only && a.in.lead_agency_id && *only != a.in.lead_agency_id)
    issues.push_back({"leadAgencyId", "Bạn chỉ được ghi nhận hoạt động do cơ quan mình chủ trì",
                      "You may only record activities led by your own agency"});
  std::set<std::pair<long long, std::string>> seen;
  for (const auto& o : out) seen.insert({o.row, o.column});
  for (const auto& f : issues) {
    ImportIssue i = locate_issue(a, f);
    i.column = header.sheet_letter(i.column);
    if (seen.insert({i.row, i.column}).second) out.push_back(std::move(i));
  }
  return (u && out.empty()) ? u->id : 0;
}

void add_issues(ImportJob& job, std::vector<ImportIssue>& issues) {
  if (issues.empty()) return;
  std::lock_guard<std::mutex> g(job.mu);
  job.error_count += static_cast<long long>(issues.size());
  for (auto& i : issues)
    if (job.errors.size() < ImportJob::kMaxReported) job.errors.push_back(std::move(i));
}

void fail(ImportJob& job, const std::string& status, const Error& e) {
  std::lock_guard<std::mutex> g(job.mu);
  job.status = status;
  job.message_vi = e.message_vi();
  job.message_en = e.message_en();
}

// The job's answer as its row's outcome, with the flag that tells an invalid file from a failure.
json outcome_of(const ImportJob& job) {
  json out = job.to_json();
  out["invalid"] = out["status"] == "invalid";
  return out;
}

// Writes the job's state and outcome to its row; a job that ended loses its file here.
void persist(soci::session& s, ImportJob& job) {
  const json out = outcome_of(job);
  const std::string state = ImportJob::state_of(out["status"].get<std::string>());
  std::optional<std::string> path;
  if (jobs::is_running(state) || state == "validated") path = job.path;
  jobs::update(s, job.id, state, out["progress"].get<double>(), out, path);
  if (!path) jobs::remove_file(job.path);
}

void persist(Database& db, ImportJob& job) {
  try {
    db.with_session([&](soci::session& s) { persist(s, job); });
  } catch (const std::exception& e) {
    spdlog::error("import {}: its state could not be saved: {}", job.id, e.what());
  }
}

void validate_job(Database& db, HierarchyPtr h, std::shared_ptr<ImportJob> job) {
  try {
    db.with_session([&](soci::session& s) {
      const Lookups l = load_lookups(s, job->principal);
      const UnitFinder units(*h);
      std::vector<ImportIssue> notes;
      std::string key;
      long long n = 0;
      soci::statement exists = (s.prepare << "SELECT COUNT(*) FROM activities WHERE key = :k", soci::use(key), soci::into(n));
      std::vector<ImportIssue> file_issues;
      long long preview_count = 0;
      stream_activities(*job, l, [&](AssembledActivity&& a, std::vector<ImportIssue>& row_issues, const HeaderMap& hm) {
        check_activity(a, l, *h, units, job->principal, hm, row_issues);
        key = a.in.key;
        exists.execute(true);
        std::lock_guard<std::mutex> g(job->mu);
        (n > 0 ? job->duplicate_rows : job->new_rows) += static_cast<long long>(a.rows.size());
        if (preview_count++ < 20) job->preview.push_back(input_preview(a));
        job->error_count += static_cast<long long>(row_issues.size());
        for (auto& i : row_issues)
          if (job->errors.size() < ImportJob::kMaxReported) job->errors.push_back(std::move(i));
      }, file_issues, &notes);
      add_issues(*job, file_issues);
      std::lock_guard<std::mutex> g(job->mu);
      for (auto& n : notes)
        if (job->notes.size() < ImportJob::kMaxReported) job->notes.push_back(std::move(n));
    });
    std::lock_guard<std::mutex> g(job->mu);
    job->rows_total = job->rows_read;
    if (job->rows_read == 0) {
      job->status = "invalid";
      job->message_vi = "Tệp chỉ có dòng tiêu đề, không có dữ liệu";
      job->message_en = "The file holds the header row only, no data";
    } else if (job->error_count > 0) {
      job->status = "invalid";
      job->message_vi = "Tệp có " + std::to_string(job->error_count) + " lỗi; chưa ghi dữ liệu nào. Sửa các dòng được nêu rồi tải lên lại.";
      job->message_en = "The file has " + std::to_string(job->error_count) + " errors; nothing was written. Fix the rows listed and upload again.";
    } else {
      job->status = "ready";
    }
  } catch (const Error& e) {
    fail(*job, "invalid", e);
  } catch (const std::exception& e) {
    spdlog::error("import {} validation failed: {}", job->id, e.what());
    fail(*job, "failed", Error(500, "internal", "Lỗi hệ thống khi kiểm tra tệp", std::string("Internal error while checking the file")));
  }
  persist(db, *job);
}

void commit_job(Database& db, HierarchyPtr h, std::shared_ptr<ImportJob> job, const ImportJobs::OnCommitted& on_committed) {
  try {
    long long inserted = 0, import_id = 0, revision = 0;
    analytics::FactStore facts;  // the written activities, for the analytics engine
    const auto t_start = std::chrono::steady_clock::now();
    double ms_stream = 0, ms_keys = 0, ms_ids = 0, ms_write = 0, ms_commit = 0;
    db.transact([&](soci::session& s) {
      // One transaction of up to millions of rows: on SQLite a page cache large enough for the
      // indexes being written keeps dirty pages from spilling to the WAL again and again.
      const bool sqlite = s.get_backend_name() == "sqlite3";
      if (sqlite) s << "PRAGMA cache_size = -262144";  // 256 MiB
      struct Restore {
        soci::session& s;
        bool on;
        ~Restore() {
          try { if (on) s << "PRAGMA cache_size = -2000"; } catch (...) {}
        }
      } restore{s, sqlite};
      const Lookups l = load_lookups(s, job->principal);
      const UnitFinder units(*h);
      const std::string now = now_iso_utc(), sha = file_sha256(job->path);
      s << "INSERT INTO activity_imports(user_id, org_unit_id, filename, format, sha256, rows_total, committed_count, "
           "created_at, job_id) VALUES(:u, :o, :f, :fm, :s, :r, 0, :c, :j) RETURNING id",
          soci::use(job->user_id), soci::use(job->principal.org_unit_id), soci::use(job->filename), soci::use(job->format),
          soci::use(sha), soci::use(job->rows_total), soci::use(now), soci::use(job->id), soci::into(import_id);
      // The transaction's revision up front: every row is written with it (no stamping of every
      // row before COMMIT). SQLite holds the write lock from BEGIN IMMEDIATE anyway; on PostgreSQL
      // other writers of activities wait for this commit at their own (revisions commit in order).
      facts = analytics::FactStore();
      revision = bump_activities_revision(s);
      BulkActivityWriter writer(s, import_id, job->username, revision, &facts);
      std::vector<ImportIssue> file_issues;
      {
        std::lock_guard<std::mutex> g(job->mu);
        job->rows_read = 0;
      }
      stream_activities(*job, l, [&](AssembledActivity&& a, std::vector<ImportIssue>& row_issues, const HeaderMap& hm) {
        const long long unit = check_activity(a, l, *h, units, job->principal, hm, row_issues);
        if (!row_issues.empty()) {
          const auto& i = row_issues.front();
          throw Error(409, "import_changed",
                      "Dữ liệu đã thay đổi từ khi kiểm tra (dòng " + std::to_string(i.row) + ": " + i.issue.message_vi +
                          "); chưa ghi gì, hãy tải tệp lên lại",
                      "The data changed since the check (row " + std::to_string(i.row) + ": " + i.issue.message_en +
                          "); nothing was written, upload the file again");
        }
        writer.add(a.in, unit);
      }, file_issues);
      if (!file_issues.empty())
        throw Error(409, "import_changed", "Tệp có lỗi; chưa ghi gì", "The file has errors; nothing was written");
      writer.flush();
      inserted = writer.inserted();
      ms_keys = writer.ms_keys;
      ms_ids = writer.ms_ids;
      ms_write = writer.ms_write;
      ms_stream = ms_since(t_start) - ms_keys - ms_ids - ms_write;
      s << "UPDATE activity_imports SET committed_count = :n WHERE id = :id", soci::use(inserted), soci::use(import_id);
      record_audit(s, Actor{job->user_id, job->username, job->principal.token_id},
                   {"create", "activity_import", std::to_string(import_id), job->principal.org_unit_id, std::nullopt,
                    json{{"filename", job->filename}, {"format", job->format}, {"sha256", sha},
                         {"rows", job->rows_total}, {"inserted", inserted}}});
      // The job reads as committed in the same transaction as its rows (all or nothing).
      json out = outcome_of(*job);
      out["status"] = "committed";
      out["state"] = "committed";
      out["progress"] = 1.0;
      out["committedCount"] = inserted;
      out["message"] = "Đã ghi " + std::to_string(inserted) + " hoạt động";
      out["messageEn"] = std::to_string(inserted) + " activities written";
      jobs::update(s, job->id, "committed", 1.0, out, std::nullopt);
      ms_commit = ms_since(t_start);
    });
    ms_commit = ms_since(t_start) - ms_commit;
    jobs::remove_file(job->path);
    const auto t_engine = std::chrono::steady_clock::now();
    if (on_committed) {
      try {
        on_committed(import_id, facts, revision);
      } catch (const std::exception& e) {
        spdlog::error("import {} committed, but its follow-up failed: {}", job->id, e.what());
      }
    }
    spdlog::info("import {}: {} activities committed in {:.0f} ms (read+check {:.0f}, key look-up {:.0f}, ids {:.0f}, "
                 "write {:.0f}, COMMIT {:.0f}), engine append {:.0f} ms",
                 job->id, inserted, ms_since(t_start), ms_stream, ms_keys, ms_ids, ms_write, ms_commit, ms_since(t_engine));
    std::lock_guard<std::mutex> g(job->mu);
    job->committed = inserted;
    job->status = "committed";
    job->message_vi = "Đã ghi " + std::to_string(inserted) + " hoạt động";
    job->message_en = std::to_string(inserted) + " activities written";
  } catch (const Error& e) {
    fail(*job, "failed", e);
    persist(db, *job);
  } catch (const std::exception& e) {
    spdlog::error("import {} commit failed: {}", job->id, e.what());
    fail(*job, "failed", Error(500, "internal", "Lỗi hệ thống khi ghi dữ liệu; chưa ghi gì",
                               "Internal error while writing; nothing was written"));
    persist(db, *job);
  }
}

}  // namespace

std::string ImportJob::state_of(const std::string& status) {
  if (status == "ready") return "validated";
  if (status == "invalid") return "failed";
  return status;
}

json ImportJob::to_json() const {
  std::lock_guard<std::mutex> g(mu);
  json errs = json::array();
  for (const auto& e : errors)
    errs.push_back({{"row", e.row}, {"column", e.column}, {"field", e.issue.field}, {"message", e.issue.message_vi},
                    {"messageEn", e.issue.message_en}});
  json notes_json = json::array();
  for (const auto& n : notes)
    notes_json.push_back({{"row", n.row}, {"message", n.issue.message_vi}, {"messageEn", n.issue.message_en}});
  double progress = 0;
  if (status == "ready" || status == "committed" || status == "invalid") progress = 1;
  else if (status == "committing" && rows_total > 0) progress = static_cast<double>(rows_read) / static_cast<double>(rows_total);
  else if (bytes_total > 0) progress = static_cast<double>(bytes_read) / static_cast<double>(bytes_total);
  return {{"id", id}, {"filename", filename}, {"format", format}, {"status", status}, {"state", state_of(status)},
          {"rowsRead", rows_read},
          {"rowsTotal", rows_total < 0 ? json(nullptr) : json(rows_total)}, {"progress", std::min(progress, 1.0)},
          {"newRows", new_rows}, {"duplicateRows", duplicate_rows}, {"errorCount", error_count}, {"errors", errs},
          {"preview", preview}, {"message", message_vi}, {"messageEn", message_en}, {"createdAt", created_at},
          {"committedCount", committed}, {"notes", notes_json}};
}

ImportJobs& ImportJobs::instance() {
  static ImportJobs jobs;
  return jobs;
}

std::shared_ptr<ImportJob> ImportJobs::start(Database& db, HierarchyPtr h, const Principal& p, const std::string& filename,
                                             const std::string& path) {
  auto job = std::make_shared<ImportJob>();
  job->user_id = p.user_id;
  job->username = p.username;
  job->principal = p;
  job->filename = filename;
  job->created_at = now_iso_utc();
  std::error_code ec;
  job->bytes_total = static_cast<long long>(std::filesystem::file_size(path, ec));
  std::string head;
  {
    std::ifstream in(path, std::ios::binary);
    head.resize(4096);
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
  }
  auto fmt = head.empty() ? std::nullopt : detect_sheet_format(head, filename);
  if (fmt) job->format = *fmt == SheetFormat::xlsx ? "xlsx" : "csv";
  // The row first (its id names the file), then the file moved to the job's name.
  try {
    jobs::discard_expired(db);
    db.with_session([&](soci::session& s) {
      job->id = jobs::create(s, "activity_import", p.user_id, "validating",
                             json{{"filename", filename}, {"format", job->format}, {"orgUnitId", p.org_unit_id},
                                  {"bytes", job->bytes_total}});
    });
    job->path = jobs::file_path(db, job->id);
    std::filesystem::rename(path, job->path, ec);
    if (ec) {  // another file system: copy, then drop the upload
      std::filesystem::copy_file(path, job->path, std::filesystem::copy_options::overwrite_existing);
      std::filesystem::remove(path, ec);
    }
    db.with_session([&](soci::session& s) { persist(s, *job); });
  } catch (...) {
    std::filesystem::remove(path, ec);
    if (!job->path.empty()) std::filesystem::remove(job->path, ec);
    throw;
  }
  {
    std::lock_guard<std::mutex> g(mu_);
    jobs_.push_back(job);
    if (jobs_.size() > kKeep) jobs_.erase(jobs_.begin());
  }
  if (head.empty() || !fmt) {
    job->status = "invalid";
    job->message_vi = head.empty() ? "Tệp rỗng" : "Tệp không phải bảng tính .xlsx hoặc .csv (có thể là PDF, ảnh hoặc tệp .xls cũ)";
    job->message_en = head.empty() ? "The file is empty"
                                   : "The file is not an .xlsx or .csv spreadsheet (it may be a PDF, an image or an old .xls)";
    persist(db, *job);
    return job;
  }
  const int taken = submit(job->user_id, [&db, h, job] { validate_job(db, h, job); });
  if (taken != 0) {
    forget(job);
    jobs::remove_file(job->path);
    try {
      db.with_session([&](soci::session& s) { jobs::remove(s, job->id); });  // refused: no job (its id is not reused)
    } catch (const std::exception& e) {
      spdlog::error("import {}: refused job row not removed: {}", job->id, e.what());
    }
    throw refusal(taken);
  }
  return job;
}

int ImportJobs::submit(long long user_id, std::function<void()> work) {
  // One queue for the process, never destroyed (a job running at exit is left to the OS, as a
  // detached thread was): kWorkers threads, at most kQueued jobs queued or running, kPerUser of
  // them for one user.
  static WorkQueue* queue = new WorkQueue(kWorkers, kQueued, kPerUser);
  switch (queue->submit(user_id, std::move(work))) {
    case WorkQueue::Submit::accepted: return 0;
    case WorkQueue::Submit::key_limit: return 1;
    case WorkQueue::Submit::full: return 2;
  }
  return 2;
}

Error ImportJobs::refusal(int why) {
  return why == 1 ? Error::TooMany("nhập dữ liệu của bạn", "imports of yours", 10)
                  : Error::TooMany("nhập dữ liệu trên hệ thống", "imports on the server", 10);
}

void ImportJobs::forget(const std::shared_ptr<ImportJob>& job) {
  std::lock_guard<std::mutex> g(mu_);
  jobs_.erase(std::remove(jobs_.begin(), jobs_.end(), job), jobs_.end());
}

std::shared_ptr<ImportJob> ImportJobs::get(long long id) {
  std::lock_guard<std::mutex> g(mu_);
  for (const auto& j : jobs_)
    if (j->id == id) return j;
  return nullptr;
}

namespace {
// The answer of a job from its row (a job this process is not working on).
json answer_of(const jobs::JobRow& j) {
  json out = j.outcome.is_object() ? j.outcome : json::object();
  std::string status = j.state;
  if (j.state == "validated") status = "ready";
  else if (j.state == "failed" && out.value("invalid", false)) status = "invalid";
  out.erase("invalid");
  out["id"] = j.id;
  out["status"] = status;
  out["state"] = j.state;
  out["progress"] = j.progress;
  if (!out.contains("createdAt")) out["createdAt"] = j.created_at;
  for (const char* k : {"filename", "format"})
    if (!out.contains(k)) out[k] = j.input.value(k, "");
  for (const char* k : {"rowsRead", "newRows", "duplicateRows", "errorCount", "committedCount"})
    if (!out.contains(k)) out[k] = 0;
  if (!out.contains("rowsTotal")) out["rowsTotal"] = nullptr;
  for (const char* k : {"errors", "preview", "notes"})
    if (!out.contains(k)) out[k] = json::array();
  return out;
}

std::optional<jobs::JobRow> own_row(Database& db, long long id, long long user_id) {
  std::optional<jobs::JobRow> j;
  db.with_session([&](soci::session& s) { j = jobs::load(s, id); });
  if (!j || j->kind != "activity_import" || j->user_id != user_id) throw Error::NotFound("lượt nhập dữ liệu", "Import");
  return j;
}
}  // namespace

json ImportJobs::status(Database& db, long long id, long long user_id) {
  if (auto job = get(id)) {
    if (job->user_id != user_id) throw Error::NotFound("lượt nhập dữ liệu", "Import");
    return job->to_json();
  }
  return answer_of(*own_row(db, id, user_id));
}

json ImportJobs::commit(Database& db, HierarchyPtr h, long long id, const Principal& me, OnCommitted on_committed) {
  auto job = get(id);
  if (job && job->user_id != me.user_id) throw Error::NotFound("lượt nhập dữ liệu", "Import");
  if (!job) {
    // After a restart (or from another process): a validated job whose file is still here.
    const auto row = own_row(db, id, me.user_id);
    std::error_code ec;
    if (row->state == "validated" && (!row->temp_path || !std::filesystem::exists(*row->temp_path, ec))) {
      json out = row->outcome;
      out["message"] = "Tệp tải lên không còn trên máy chủ; chưa ghi gì, hãy tải tệp lên lại";
      out["messageEn"] = "The uploaded file is no longer on the server; nothing was written, upload the file again";
      db.with_session([&](soci::session& s) { jobs::update(s, id, "failed", row->progress, out, std::nullopt); });
      throw Error(409, "import_not_ready", out["message"].get<std::string>(), out["messageEn"].get<std::string>());
    }
    if (row->state != "validated") {
      const std::string st = answer_of(*row)["status"];
      throw Error(409, "import_not_ready", "Chỉ ghi được tệp đã kiểm tra xong và không có lỗi (trạng thái: " + st + ")",
                  "Only a checked file without errors can be written (status: " + st + ")");
    }
    job = std::make_shared<ImportJob>();
    const json& o = row->outcome;
    job->id = id;
    job->user_id = me.user_id;
    job->username = me.username;
    job->principal = me;  // as it is now: the commit checks every row again against it
    job->filename = row->input.value("filename", "");
    job->format = row->input.value("format", "");
    job->path = *row->temp_path;
    job->created_at = row->created_at;
    job->status = "ready";
    job->rows_read = job->rows_total = o.value("rowsRead", 0LL);
    job->new_rows = o.value("newRows", 0LL);
    job->duplicate_rows = o.value("duplicateRows", 0LL);
    job->bytes_total = job->bytes_read = row->input.value("bytes", 0LL);
    if (o.contains("preview") && o["preview"].is_array()) job->preview = o["preview"];
    if (o.contains("notes") && o["notes"].is_array())
      for (const auto& n : o["notes"])
        job->notes.push_back({n.value("row", 0LL), "", {"", n.value("message", ""), n.value("messageEn", "")}});
    std::lock_guard<std::mutex> g(mu_);
    jobs_.push_back(job);
    if (jobs_.size() > kKeep) jobs_.erase(jobs_.begin());
  }
  {
    std::lock_guard<std::mutex> g(job->mu);
    if (job->status != "ready")
      throw Error(409, "import_not_ready", "Chỉ ghi được tệp đã kiểm tra xong và không có lỗi (trạng thái: " + job->status + ")",
                  "Only a checked file without errors can be written (status: " + job->status + ")");
    job->status = "committing";
  }
  bool claimed = false;
  try {
    // The validation shows "ready" in memory just before its own write of the row's "validated"
    // lands (validate_job: the status, then persist): a commit sent in that gap finds the row still
    // "validating". Wait for that write, a bounded while (40 × 25 ms), holding no lock and no
    // connection between the tries.
    for (int attempt = 0;; ++attempt) {
      std::string state;
      db.with_session([&](soci::session& s) {
        claimed = jobs::claim(s, id, "validated", "committing");
        if (!claimed) {
          const auto row = jobs::load(s, id);
          state = row ? row->state : "";
        }
      });
      if (claimed || state != "validating" || attempt >= 40) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
  } catch (...) {
    std::lock_guard<std::mutex> g(job->mu);
    job->status = "ready";
    throw;
  }
  if (!claimed) {  // another request (or process) took it first
    forget(job);
    return answer_of(*own_row(db, id, me.user_id));
  }
  const int taken = submit(job->user_id, [&db, h, job, on_committed] { commit_job(db, h, job, on_committed); });
  if (taken != 0) {
    {
      std::lock_guard<std::mutex> g(job->mu);
      job->status = "ready";  // still ready: the user may try again
    }
    db.with_session([&](soci::session& s) { jobs::claim(s, id, "committing", "validated"); });
    throw refusal(taken);
  }
  return job->to_json();
}

void ImportJobs::recover(Database& db) {
  const auto r = jobs::recover(db, {{"activity_import", [](soci::session& s, const jobs::JobRow& j) -> std::optional<json> {
    long long import_id = 0, n = 0;
    s << "SELECT id, committed_count FROM activity_imports WHERE job_id = :j", soci::use(j.id), soci::into(import_id),
        soci::into(n);
    if (!s.got_data()) return std::nullopt;
    json out = j.outcome.is_object() ? j.outcome : json::object();
    out["status"] = "committed";
    out["committedCount"] = n;
    out["message"] = "Đã ghi " + std::to_string(n) + " hoạt động";
    out["messageEn"] = std::to_string(n) + " activities written";
    return out;
  }}});
  if (r.committed || r.interrupted || r.discarded || r.files_removed)
    spdlog::warn("jobs at start-up: {} committed, {} interrupted (nothing written), {} discarded, {} stray file(s) deleted",
                 r.committed, r.interrupted, r.discarded, r.files_removed);
}

}  // namespace longghep
