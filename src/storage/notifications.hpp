// In-app notifications (issue 15, migration 0018): written in the same transaction as the
// workflow event they tell of, read by their recipient only.
#pragma once
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "domain/next_actor.hpp"
#include "storage/audit.hpp"

namespace longghep {

struct NotificationInput {
  std::string kind;          // plan_submitted, plan_returned, plan_approved, report_submitted, …
  std::string subject_kind;  // plan, report, task
  long long subject_id = 0;
  long long org_unit_id = 0;  // the unit the record belongs to (0: none)
  std::string title_vi, title_en;
};

// The active users who are one of `actors` (home unit, role, permission through their roles).
std::set<long long> users_acting(soci::session& s, const std::vector<NextActor>& actors);
// The active users of an agency (lead or co-operating agency of a task).
std::set<long long> users_of_agency(soci::session& s, long long agency_id);
// Writes one notification to each recipient but the actor itself; returns how many.
int notify(soci::session& s, const std::set<long long>& recipients, const NotificationInput& n, const Actor& actor);

// Writes one notification to `user_id` unless it already has one with `dedup_key` (an overdue
// task: "task_overdue:<task>:<due date>"); INSERT … ON CONFLICT DO NOTHING on the unique
// (user_id, dedup_key), so concurrent callers write it once. No actor (the system tells).
// Returns true when written.
bool notify_once(soci::session& s, long long user_id, const NotificationInput& n, const std::string& dedup_key);
// Whether `user_id` already has the notification of that key (read-only, so callers need not
// open a transaction when there is nothing to write).
bool has_notification_key(soci::session& s, long long user_id, const std::string& dedup_key);

// {items:[{id, kind, subjectKind, subjectId, orgUnitId, titleVi, titleEn, createdAt, readAt}], total, unread}
nlohmann::json list_notifications(soci::session& s, long long user_id, bool unread_only, int page, int page_size);
long long unread_count(soci::session& s, long long user_id);
// false when the user has no such notification. Idempotent (read_at kept).
bool mark_read(soci::session& s, long long user_id, long long id, const Actor& actor);
long long mark_all_read(soci::session& s, long long user_id, const Actor& actor);

}  // namespace longghep

namespace longghep {
// For "my work": the latest 100 plan versions the user submitted; the ids of submitted reports
// (at most 1000, oldest first); the latest 100 reports the user (username) submitted.
std::vector<long long> plan_ids_submitted_by(soci::session& s, long long user_id);
std::vector<long long> submitted_report_ids(soci::session& s);
std::vector<long long> report_ids_submitted_by(soci::session& s, const std::string& username);
}  // namespace longghep
