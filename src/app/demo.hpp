// The demo dataset (demo/*.csv, demo/*.json, embedded in the binary): the hierarchy with the
// four seed provinces before and after 07/2025, their agencies and lead roles, and demo users
// (password Demo@2026), and the province boundaries of ../shared/data when present. Loading it
// twice changes nothing.
#pragma once
#include "storage/database.hpp"
#include "security/sealing.hpp"
#include "storage/audit.hpp"

namespace longghep {

struct DemoSummary { int units_created = 0, events = 0, agencies = 0, roles = 0, users = 0, boundaries = 0, cases = 0; long long activities = 0; };
// `sealer`: the open case keys (app/case_keys.hpp); without them no support record is created.
DemoSummary load_demo(Database& db, const security::Sealer* sealer = nullptr);
// The pseudonymous support records of issue 16 (demo_cases.cpp); 0 when records exist.
int load_demo_cases(soci::session& s, const class Hierarchy& h, const security::Sealer& sealer, const struct Actor& actor);
// The case work of the Gia Lai demo records (demo_case_work.cpp): assessments, plans, follow-ups, closures.
void load_demo_case_work(soci::session& s, const security::Sealer& sealer);
// Services, referrals, a club and a peer group for the demo records (demo_case_support.cpp).
void load_demo_case_support(soci::session& s, const class Hierarchy& h, const struct Actor& actor);
// Generated activities 2021..today and target-group surveys (demo_activities.cpp); returns how
// many activities were added (0 when run again on the same day).
long long load_demo_activities(soci::session& s, const class Hierarchy& h, const struct Actor& actor);
// The programme review and integration plans of demo/plans.json, through the plans and
// programmes storage (demo_plans.cpp); idempotent by stable keys.
void load_demo_plans(soci::session& s, const class Hierarchy& h, const struct Actor& actor);
// The seed documents and tasks of demo/directives.json, through the directives storage
// (demo_directives.cpp); idempotent by stable keys.
void load_demo_directives(soci::session& s, const class Hierarchy& h, const struct Actor& actor);
// The service businesses of issue 17 in Gia Lai and Đồng Nai (demo_businesses.cpp); 0 when any exist.
int load_demo_businesses(soci::session& s, const class Hierarchy& h, const struct Actor& actor);
// The inspection teams, plans and records (issue 17 §2–§6), over the demo businesses: demo_inspections.cpp.
int load_demo_inspections(soci::session& s, const class Hierarchy& h, const struct Actor& actor);
// Gia Lai's commune classification (issue 18): 2024 on the old communes, 2025 approved, 2026 started
// (demo_classification.cpp); 0 when Gia Lai has assessments.
int load_demo_classification(soci::session& s, const class Hierarchy& h, const struct Actor& actor);
// Money (issue 19): activity budgets on Gia Lai's demo plans, issued allocation decisions (old Bình
// Định 2024, Gia Lai 2026 with a cut, Đồng Nai 2026), one plan activity over-spending
// (demo_money.cpp); 0 when any decision exists.
int load_demo_money(soci::session& s, const class Hierarchy& h, const struct Actor& actor);
// An embedded file of demo/ (demo/plans.json …); throws when absent.
const std::string& demo_resource(const std::string& name);

}  // namespace longghep
