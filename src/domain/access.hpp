// Who may do what, decided in one place.
//
// A Principal is the signed-in user as the request sees it: roles resolved to permissions, and
// the Scope of org-unit versions derived from the user's home unit (see Hierarchy::scope_of).
// Handlers never test roles; they ask Access. Permissions are data (table role_permissions);
// the names below are the ones the code checks.
#pragma once
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/hierarchy.hpp"

namespace longghep {

namespace perm {
// The permission catalogue: every permission the code checks, named once. Permissions are data
// (table permissions, with their Vietnamese and English names, and role_permissions: the
// migrations); a unit test checks that kAll equals the migrated table, and the web's PERM
// (web/src/api/permissions.gen.ts) is generated from kAll by `longghep permissions --ts`.
inline constexpr const char* kHierarchyRead = "hierarchy.read";
inline constexpr const char* kHierarchyManage = "hierarchy.manage";
inline constexpr const char* kAgenciesRead = "agencies.read";
inline constexpr const char* kAgenciesManage = "agencies.manage";
inline constexpr const char* kUsersRead = "users.read";
inline constexpr const char* kUsersManage = "users.manage";
inline constexpr const char* kAuditRead = "audit.read";
inline constexpr const char* kDirectivesRead = "directives.read";
inline constexpr const char* kDirectivesManage = "directives.manage";
inline constexpr const char* kTasksUpdate = "tasks.update";
inline constexpr const char* kBoundariesManage = "boundaries.manage";
inline constexpr const char* kTaxonomiesManage = "taxonomies.manage";
inline constexpr const char* kProgrammesRead = "programmes.read";
inline constexpr const char* kProgrammesManage = "programmes.manage";
inline constexpr const char* kPlansRead = "plans.read";
inline constexpr const char* kPlansEdit = "plans.edit";
inline constexpr const char* kPlansApprove = "plans.approve";
// Plans and programmes of every agency in scope (else only the caller's own agency's).
inline constexpr const char* kPlansAllAgencies = "plans.all_agencies";
inline constexpr const char* kActivitiesRead = "activities.read";
inline constexpr const char* kActivitiesRecord = "activities.record";
inline constexpr const char* kSurveysRecord = "surveys.record";
inline constexpr const char* kIndicatorsRead = "indicators.read";
inline constexpr const char* kIndicatorsManage = "indicators.manage";
inline constexpr const char* kReportsRead = "reports.read";
inline constexpr const char* kReportsSubmit = "reports.submit";
inline constexpr const char* kReportsReview = "reports.review";
// People supported (issue 16, domain/cases.hpp): the pseudonymous records, writing them and their
// consents, revealing the sealed identity of a record one is assigned to, supervising (access
// log). Behind the wall: never held by police or inspection roles (Access::has).
inline constexpr const char* kCasesRead = "cases.read";
inline constexpr const char* kCasesRecord = "cases.record";
inline constexpr const char* kCasesReveal = "cases.reveal";
inline constexpr const char* kCasesSupervise = "cases.supervise";
// A receiving agency's focal points answer the referrals sent to their agency (migration 0024).
inline constexpr const char* kCasesReferralsReceive = "cases.referrals.receive";
// The service business registry (issue 17 §1, domain/businesses.hpp): read by the officers of
// the businesses' communes and provinces, written by the inter-agency inspection team.
inline constexpr const char* kBusinessesRead = "businesses.read";
inline constexpr const char* kBusinessesWrite = "businesses.write";
// Inspections of those businesses (issue 17 §2–§6, domain/inspections.hpp): teams, plans and
// records read by the officers of their units, written by the inspection team; the dated legal
// table and the checklists managed by the administrator.
inline constexpr const char* kInspectionsRead = "inspections.read";
inline constexpr const char* kInspectionsWrite = "inspections.write";
inline constexpr const char* kLegalRefsManage = "legal_refs.manage";
// Commune classification (issue 18, domain/classification.hpp): communes self-assess, the province
// checks, returns, approves and reopens; criteria sets are published by provinces and the admin.
inline constexpr const char* kClassificationRead = "classification.read";
inline constexpr const char* kClassificationAssess = "classification.assess";
inline constexpr const char* kClassificationCheck = "classification.check";
inline constexpr const char* kClassificationCriteria = "classification.criteria";
// Money (issue 19, domain/money.hpp, docs/api-money.md): recording allocation decisions; reading
// money needs plans.read.
inline constexpr const char* kMoneyAllocate = "money.allocate";
// Creating accounts that carry approval rights, or granting such rights: held above the province.
inline constexpr const char* kUsersGrantApproval = "users.grant_approval";
// The system settings (the e-mail settings, the outbox, the test mail): system_admin (migration 0022).
inline constexpr const char* kSystemManage = "system.manage";
// API tokens (issue 21 §1, domain/api_tokens.hpp): creating one's own tokens (migration 0037:
// system_admin, ministry_officer, province_lead_officer; never a commune role).
inline constexpr const char* kTokensCreate = "tokens.create";
// DHIS2 export (issue 21 item 2, docs/INTEROP.md): pulling and pushing the accepted figures of a
// scope; configuring the mappings and the server (migration 0038).
inline constexpr const char* kInteropExport = "interop.export";
inline constexpr const char* kInteropConfigure = "interop.configure";
// The permissions of a second person's decision (the two-person rule): an account holding one of
// these is an "account with approval rights".
inline constexpr const char* kApprovalPermissions[] = {kPlansApprove, kReportsReview};
// Every name above, once.
inline constexpr const char* kAll[] = {
    kHierarchyRead,  kHierarchyManage,  kAgenciesRead,      kAgenciesManage,   kUsersRead,        kUsersManage,
    kAuditRead,      kDirectivesRead,   kDirectivesManage,  kTasksUpdate,      kBoundariesManage, kTaxonomiesManage,
    kProgrammesRead, kProgrammesManage, kPlansRead,         kPlansEdit,        kPlansApprove,     kPlansAllAgencies,
    kActivitiesRead, kActivitiesRecord, kSurveysRecord,     kIndicatorsRead,   kIndicatorsManage, kReportsRead,
    kReportsSubmit,  kReportsReview,    kUsersGrantApproval, kSystemManage,
    kCasesRead,      kCasesRecord,      kCasesReveal,       kCasesSupervise,   kCasesReferralsReceive,
    kBusinessesRead, kBusinessesWrite, kInspectionsRead, kInspectionsWrite, kLegalRefsManage,
    kClassificationRead, kClassificationAssess, kClassificationCheck, kClassificationCriteria,
    kMoneyAllocate, kTokensCreate,
    kInteropExport, kInteropConfigure};
}  // namespace perm

struct Principal {
  long long user_id = 0;
  std::string username;
  long long org_unit_id = 0;
  long long agency_id = 0;  // 0 = none
  std::set<std::string> roles;
  std::set<std::string> permissions;
  Scope scope;
  long long created_by = 0;     // the account that created this one; 0 = unknown (setup, CLI, older)
  std::string created_at;       // ISO 8601 UTC, when this account was created
  bool must_change_password = false;
  // The API token the request authenticated with (0: a cookie session). Its permissions are
  // already intersected into `permissions` (Access::restrict_to_token).
  long long token_id = 0;
};

// The two-person rule across accounts: the second person of a decision (approving or returning a
// plan, accepting or returning a report) must be independent of the first. An account created by
// the submitter, or created after the submission, is not: a submitter could otherwise create a
// second account (or have one created for the occasion) and decide on its own submission.
struct TwoPersonRule {
  // submitter_id: the user who submitted (0 = unknown); submitted_at: ISO 8601 UTC of the
  // submission (empty = unknown). Throws 403 `not_independent` (vi + en) naming the reason.
  // approver_created_by / approver_created_at: the deciding account's provenance (Principal).
  static void require_independent(long long approver_created_by, const std::string& approver_created_at,
                                  long long submitter_id, const std::string& submitted_at);
  static bool independent(long long approver_created_by, const std::string& approver_created_at, long long submitter_id,
                          const std::string& submitted_at);
};

class Access {
 public:
  // The wall between support and enforcement (issue 16): a principal holding a police or
  // inspection role never holds a cases.* permission, whatever roles or data grant it. Decided
  // here, in has(), which every permission check (require, the route table's declared
  // permission, domain rules) goes through.
  static constexpr const char* kEnforcementRoles[] = {"police_officer", "inspector", "inspection_team"};
  static bool behind_wall(const std::set<std::string>& roles);
  static bool is_support_permission(std::string_view permission);
  static bool has(const Principal& p, std::string_view permission);
  // Throws Error::Forbidden unless p holds `permission`.
  static void require(const Principal& p, std::string_view permission);
  // Throws Error::Forbidden unless p has the role (diagnostic routes for system administrators).
  static void require_role(const Principal& p, const std::string& role);
  // Record-level check: may p see a record that belongs to this org-unit version?
  static bool can_see_unit(const Principal& p, long long unit_id);
  // Throws not_found (never 403, so existence does not leak) when the record is out of scope.
  static void require_unit_visible(const Principal& p, long long unit_id, const std::string& what_vi,
                                   const std::string& what_en);
  // Assigning a record (a user, an agency) to an org unit: throws forbidden naming `field` unless
  // the unit is inside p's scope. Units are public, so 403 (not 404) hides nothing.
  static void require_unit_assignable(const Principal& p, long long unit_id, const std::string& field);
  // Records issued at one unit for the units below it (directives): the units above p's scope
  // (ancestors, over time, of the units in it) whose records p may also read. Empty for a root.
  static std::vector<long long> units_above_scope(const Principal& p, const Hierarchy& h);
  // A record issued at `issuing_unit` concerning `related_units` (e.g. its recipients' and
  // assignees' units) is visible when issued inside p's scope or above it (`above`, from
  // units_above_scope), or when it concerns a unit of p's scope.
  static bool can_see_issued(const Principal& p, long long issuing_unit, const std::vector<long long>& above,
                             const std::vector<long long>& related_units);
  // Work assigned to agencies (tasks): a principal acting for one agency (the agency focal point
  // role, without directives.manage) sees only what that agency leads or co-operates on.
  // nullopt = no such restriction; 0 = restricted without an agency (sees none).
  static std::optional<long long> assignment_agency(const Principal& p);
  // An assignment in `unit_id` to `agencies` (lead first, then co-operating ones).
  static bool can_see_assignment(const Principal& p, long long unit_id, const std::vector<long long>& agencies);
  // p may give these roles only if it holds every permission they carry.
  static void require_can_grant(const Principal& p,
                                const std::vector<std::set<std::string>>& role_permissions);

  // ----- acting for a unit in a reporting period (history through the successors) -----
  // Who may fill, submit, accept, return and reopen the reports of `u` for a period [from, to]
  // seen on `today` (the caller checks the permission, reports.submit or reports.review):
  //  - own: u is p's home unit;
  //  - on_behalf: u no longer exists (it ended before `today`), existed during the period, and
  //    either was merged into p's home unit (u is a predecessor of the home unit through lineage
  //    events, transitively over several reorganisations), or p is a province-level officer
  //    (home unit of kind "province", holding reports.review) and u is in p's scope;
  //  - none otherwise. `reason` says why not: "unit_ceased" (the period began after u ended),
  //    "not_successor" (u was never merged into p's unit and is not in a province officer's care).
  enum class Acting { none, own, on_behalf };
  struct ActingFor {
    Acting how = Acting::none;
    std::string reason;  // empty unless none
  };
  static ActingFor acting_for(const Principal& p, const Hierarchy& h, const OrgUnit& u, Date from, Date to, Date today);
  // True when `unit_id` is p's home unit or a predecessor of it (lineage, transitively).
  static bool is_predecessor_of_home(const Principal& p, const Hierarchy& h, long long unit_id);
  // Reviewing u's report is acting for a level above u: the nearest ancestor of u (as of the
  // period's end, or u's last day when it ended before) that p acts for; nullptr when none.
  // `how` says whether p acts for it as its own unit or on behalf.
  static const OrgUnit* reviewing_level(const Principal& p, const Hierarchy& h, const OrgUnit& u, Date from, Date to,
                                        Date today, Acting* how = nullptr);
  // Whether a set of permissions carries approval rights (perm::kApprovalPermissions).
  static bool carries_approval(const std::set<std::string>& permissions);
  // Creating an account with `granted` permissions (roles' union) that had `before` (empty for a
  // new account): adding approval rights it did not have needs users.grant_approval, else 403.
  static void require_can_grant_approval(const Principal& p, const std::set<std::string>& before,
                                         const std::set<std::string>& granted);
  // The routes a session whose password must be changed may still call.
  static bool allowed_while_password_change_required(const std::string& method, const std::string& path);

  // ----- API tokens (issue 21 §1) -----
  // A token acts as its owner with the permissions both hold: those chosen at the token's creation
  // and the owner's current ones (a permission the owner lost is lost by the token). The scope
  // stays the owner's: a token never widens anything.
  static void restrict_to_token(Principal& owner, const std::set<std::string>& token_permissions, long long token_id);
  // Routes a token may never call (403 token_not_allowed), so a leaked token cannot mint more
  // tokens, change passwords or open sessions: /api/tokens…, /api/auth/…, /api/setup,
  // /api/me/password, /api/users/{id}/reset-password.
  static bool allowed_with_token(const std::string& method, const std::string& pattern);
  // Creating a token for `owner` (the caller itself, or another user when the caller holds
  // users.manage and sees the owner's unit, checked by the caller): the caller holds tokens.create;
  // every requested permission is held by the owner (else 400 naming the ones not held, field
  // "permissions") and by the caller (else 403: one cannot hand on what one does not hold).
  static void require_can_create_token(const Principal& caller, const Principal& owner,
                                       const std::vector<std::string>& permissions);
};

// Login throttling: at most kMaxFailures failed attempts per username within kWindowSeconds.
struct LoginThrottle {
  static constexpr int kMaxFailures = 5;
  static constexpr long long kWindowSeconds = 15 * 60;
  // `failures` = number of failures for this username since now - kWindowSeconds.
  static bool allowed(int failures) { return failures < kMaxFailures; }
};

// Input rules shared by the API and the CLI; each throws Error::Validation naming `field`.
void validate_password(const std::string& password, const std::string& field = "password");
void validate_username(const std::string& username);

}  // namespace longghep
