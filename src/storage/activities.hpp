// Activities and people reached (§5.3) and target-group surveys: the queries. Validation rules
// are pure (domain/activity.hpp); this file loads what they need, writes in the caller's
// transaction with audit, and reads lists with the filters of the activity list.
#pragma once
#include <soci/soci.h>

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/activity.hpp"
#include "domain/hierarchy.hpp"
#include "storage/audit.hpp"

namespace longghep {

// Active taxonomy codes and today (VN).
ActivityRules load_activity_rules(soci::session& s);

// Writes activities with statements prepared once: the form, the demo and a million-row import
// share it. Not thread-safe; lives inside one transaction.
class ActivityWriter {
 public:
  explicit ActivityWriter(soci::session& s);
  ~ActivityWriter();
  // Inserts `in` (already validated) on `org_unit_id`; nullopt when in.key is set and an activity
  // with that key exists (nothing written). No audit here: callers audit one record or one import.
  std::optional<long long> insert(const ActivityInput& in, long long org_unit_id, const std::string& source,
                                  long long import_id, const std::string& created_by);
  // Replaces content and children of `id` when its version matches; false when stale.
  bool update(long long id, long long version, const ActivityInput& in, long long org_unit_id);
  // The activities_revision of this transaction, known once it committed (taken just before
  // COMMIT): read it after Database::transact returned, for AnalyticsIndex::refresh.
  std::shared_ptr<const long long> revision() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct ActivityHead {
  long long id = 0, org_unit_id = 0, lead_agency_id = 0, version = 0;
  std::vector<long long> partner_agency_ids;
  std::string created_by;
};
std::optional<ActivityHead> activity_head(soci::session& s, long long id);
// Deletes with a tombstone; returns the activities_revision the transaction took.
long long delete_activity(soci::session& s, long long id, long long version, const Actor& actor);

// The plan activity's plan (for linking): org unit and year; nullopt when unknown.
struct PlanActivityRef {
  long long id = 0, plan_id = 0, org_unit_id = 0;
  int year = 0;
  std::string status;  // of the plan version: only an approved plan's activities can be carried out
};
std::optional<PlanActivityRef> plan_activity_ref(soci::session& s, long long plan_activity_id);
// The org unit of a programme; nullopt when unknown.
std::optional<long long> programme_unit(soci::session& s, long long programme_id);

// Full JSON (API shape, docs/api-activities.md); `with_attachments` for the single read.
std::optional<nlohmann::json> activity_json(soci::session& s, const Hierarchy& h, long long id, bool with_attachments);
// The input shape of an activity (for "copy a previous activity").
nlohmann::json activity_input_json(soci::session& s, const Hierarchy& h, long long id);

struct ActivityFilter {
  const Scope* scope = nullptr;  // the units to search in (caller's scope ∩ orgUnit subtree)
  long long only_agency = 0;     // non-zero: lead or partner must be this agency
  std::optional<Date> from, to;  // the start date within [from, to]
  std::string intervention_type, target_group, funding_source, q, created_by;
  long long agency_id = 0, programme_id = 0;
  std::optional<bool> planned;
  std::string sort = "-startDate";
  int page = 1, page_size = 50;
};
inline constexpr long long kActivityCountCap = 10000;
// {items, total (≤ cap), totalCapped, page, pageSize}
nlohmann::json list_activities(soci::session& s, const Hierarchy& h, const ActivityFilter& f);
// Every matching activity in list order, one row of the import template's columns per reach row.
void for_each_activity_row(soci::session& s, const Hierarchy& h, const ActivityFilter& f,
                           const std::function<void(const std::vector<std::string>& cells)>& on_row);

// ----- target-group surveys -----
struct SurveyInput {
  long long org_unit_id = 0;
  int year = 0, half = 0;
  std::string target_group, note;
  long long count = 0;
  std::optional<long long> female, male;
  Date survey_date = Date::min();
  std::optional<long long> version;  // for a replace
};
// Creates or replaces the survey of (unit, year, half, target group); 409 on a stale version.
nlohmann::json put_survey(soci::session& s, const Hierarchy& h, const SurveyInput& in, const Actor& actor);
struct SurveyFilter {
  const Scope* scope = nullptr;
  int year = 0, half = -1;
  std::string target_group;
  int page = 1, page_size = 50;
};
nlohmann::json list_surveys(soci::session& s, const Hierarchy& h, const SurveyFilter& f);
std::optional<long long> survey_unit(soci::session& s, long long id);
void delete_survey(soci::session& s, long long id, long long version, const Actor& actor);

}  // namespace longghep
