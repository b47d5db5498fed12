// Directives (văn bản chỉ đạo), the tasks they assign (nhiệm vụ) and progress updates.
// Who may see what is decided by Access (can_see_issued, can_see_assignment); the list queries
// below apply the same rules in SQL.
#pragma once
#include <soci/soci.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "domain/access.hpp"
#include "domain/hierarchy.hpp"
#include "domain/task_schedule.hpp"
#include "storage/attachments.hpp"
#include "storage/audit.hpp"

namespace longghep {

// ----- directives -----
struct DirectiveInput {
  std::string key;  // stable slug (demo); empty otherwise
  std::string number, kind, subject;
  long long issuing_agency_id = 0;  // 0 = none
  long long org_unit_id = 0;
  Date issue_date = Date::min();
  std::vector<long long> recipient_agency_ids;
  std::vector<std::string> recipient_lines;
  long long implements_id = 0;  // 0 = none
  long long plan_id = 0;        // the integration plan a coordination plan coordinates; 0 = none
};

struct DirectiveRow {
  long long id = 0;
  std::string key;
  DirectiveInput in;
  long long version = 1;
  std::string created_at, updated_at;
  std::vector<long long> related_units;  // recipients' and tasks' units (for Access::can_see_issued)
};

// The caller's visibility, as Access decides it, for list queries.
struct Visibility {
  const Principal* p = nullptr;
  std::vector<long long> above;  // Access::units_above_scope
};

struct DirectiveFilter {
  std::string q, kind;
  int year = 0;
  std::optional<Scope> issued_within;  // issuing unit in this scope closure
  long long implements_id = 0;
  long long plan_id = 0;  // linked to this integration plan
  std::string sort = "-issueDate";
  int page = 1, page_size = 50;
};

void validate_directive_input(soci::session& s, const DirectiveInput& in);
std::optional<DirectiveRow> get_directive_row(soci::session& s, long long id);
// Throws Error::Validation(implementsId) when the chain would loop.
long long create_directive(soci::session& s, const DirectiveInput& in, const Actor& actor);
void update_directive(soci::session& s, long long id, long long version, const DirectiveInput& in, const Actor& actor);
nlohmann::json directive_json(soci::session& s, const Hierarchy& h, const DirectiveRow& d, bool full);
nlohmann::json list_directives(soci::session& s, const Hierarchy& h, const Visibility& v, const DirectiveFilter& f);
nlohmann::json directive_kinds_json(soci::session& s);

// ----- tasks -----
struct TaskInput {
  long long directive_id = 0;
  std::string code, title, description;
  long long lead_agency_id = 0;
  std::vector<long long> co_agency_ids;
  long long org_unit_id = 0;
  Schedule schedule;
  TaskStatus status = TaskStatus::not_started;
};

struct TaskRow {
  long long id = 0;
  TaskInput in;
  std::optional<Date> last_update_on;
  std::vector<Date> update_dates;
  long long version = 1;
  std::string created_at, updated_at;
  std::vector<long long> agencies() const;  // lead first, then co-operating
};

struct TaskFilter {
  long long directive_id = 0, agency_id = 0;  // agency: lead or co-operating
  std::optional<Scope> within;                // task unit in this scope closure
  std::string status, q;
};

// Tasks visible to v.p matching f (no paging: `overdue` is derived, so callers filter and page
// after evaluating).
std::vector<TaskRow> query_tasks(soci::session& s, const Visibility& v, const TaskFilter& f);
std::optional<TaskRow> get_task_row(soci::session& s, long long id);
void validate_task_input(soci::session& s, const TaskInput& in);
long long create_task(soci::session& s, const TaskInput& in, const Actor& actor);
void update_task(soci::session& s, long long id, long long version, const TaskInput& in, const Actor& actor);

struct ProgressInput {
  Date date = Date::min();
  std::string note;
  TaskStatus status = TaskStatus::not_started;
  std::optional<UploadedFile> evidence;
};
// Appends a progress update (and its evidence file), sets the task's status; audited.
long long add_progress(soci::session& s, const TaskRow& t, const ProgressInput& in, const Actor& actor);

// Renders tasks; caches agency names across calls.
class TaskRenderer {
 public:
  TaskRenderer(soci::session& s, const Hierarchy& h, Date today) : s_(s), h_(h), today_(today) {}
  TaskState state(const TaskRow& t) const;
  nlohmann::json render(const TaskRow& t, bool full = false);
  nlohmann::json agency_ref(long long id);

 private:
  soci::session& s_;
  const Hierarchy& h_;
  Date today_;
  std::map<long long, nlohmann::json> agencies_;
  std::map<long long, nlohmann::json> directives_;
};

// ----- deadline extensions (migration 0019) -----
struct ExtensionInput {
  Date new_due = Date::min();
  std::string reason;  // 1..1000 characters
};
// Extends a one-off deadline: records previous and new due dates with the reason and moves
// tasks.due_date (version + 1); audited. Throws Validation (newDueDate, reason) or Conflict.
long long extend_task(soci::session& s, const TaskRow& t, long long version, const ExtensionInput& in, const Actor& actor);
// [{id, previousDue, newDue, reason, username, createdAt}] oldest first.
nlohmann::json task_extensions_json(soci::session& s, long long task_id);

// The task a progress update belongs to; nullopt when there is no such update.
std::optional<long long> task_of_update(soci::session& s, long long update_id);
// The directive of a stable key (the demo's), if any.
std::optional<long long> directive_id_by_key(soci::session& s, const std::string& key);

}  // namespace longghep
