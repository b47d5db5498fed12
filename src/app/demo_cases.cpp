// The demo's people supported (issue 16): a few pseudonymous records in Gia Lai — some recorded in
// old Bình Định before the 07/2025 reform, on the commune versions of that time — and one in Đồng
// Nai, through the cases storage (sealed identities, consents). The names are invented; they are
// sealed like any other. Idempotent: nothing is added when records exist.
#include "app/demo.hpp"
#include "domain/hierarchy.hpp"
#include "storage/cases.hpp"
#include "storage/users.hpp"

namespace longghep {

int load_demo_cases(soci::session& s, const Hierarchy& h, const security::Sealer& sealer, const Actor& actor) {
  if (count_cases(s) > 0) return 0;
  struct Demo {
    const char* unit;
    const char* as_of;      // the residence's unit version on that day
    const char* registered;
    int birth_year;
    const char* sex;
    std::vector<std::string> groups;
    const char* worker;
    const char* supervisor;
    const char* name;
    const char* id_number;
    std::vector<std::string> consents;  // given on the registration day
  };
  const Demo demo[] = {
      {"21637", "2024-11-05", "2024-11-05", 1991, "female", {"sex_workers"}, "cm.gialai", "gs.gialai", "Phạm Thị Hồng Nhung",
       "052191000101", {"services", "statistics"}},
      {"21556", "2025-03-10", "2025-03-10", 1998, "female", {"sex_workers", "people_with_hiv"}, "cm.gialai", "gs.gialai",
       "Đinh Thị Thu Trang", "052198000202", {"services", "statistics", "referral:so"}},
      {"21583", "2026-01-15", "2026-01-15", 1994, "female", {"sex_workers"}, "cm.gialai", "gs.gialai", "Lê Thị Bích Vân", "",
       {"services", "statistics"}},
      {"21583", "2026-03-02", "2026-03-02", 2001, "female", {"trafficking_victims"}, "cm.gialai", "gs.gialai",
       "Hồ Thị Kim Oanh", "", {"services"}},
      {"23575", "2026-05-20", "2026-05-20", 1987, "male", {"people_who_use_drugs", "people_with_hiv"}, "cm.gialai", "",
       "Nguyễn Văn Tâm", "064187000303", {"services", "statistics"}},
      {"25210", "2026-04-08", "2026-04-08", 1996, "female", {"sex_workers"}, "cm.dongnai", "", "Vũ Thị Ngọc Hà", "",
       {"services", "statistics"}},
  };
  int n = 0;
  for (const auto& d : demo) {
    const Date as_of = *Date::parse(d.as_of);
    const OrgUnit* u = h.find(d.unit, as_of);
    auto worker = find_user(s, d.worker);
    if (!u || !worker) continue;
    CaseInput in;
    in.residence_unit_id = u->id;
    in.residence_as_of = as_of;
    in.birth_year = d.birth_year;
    in.sex = d.sex;
    in.target_groups = d.groups;
    in.case_worker_id = worker->id;
    if (*d.supervisor)
      if (auto sup = find_user(s, d.supervisor)) in.supervisor_id = sup->id;
    in.registered_on = *Date::parse(d.registered);
    CaseIdentity identity{{"fullName", d.name}};
    if (*d.id_number) identity["idNumber"] = d.id_number;
    const long long id = create_case(s, h, in, identity, sealer, actor);
    const CaseRow r = *get_case(s, id);
    for (const auto& p : d.consents) add_case_consent(s, r, p, true, in.registered_on, "", actor);
    ++n;
  }
  load_demo_case_support(s, h, actor);  // services, referrals, clubs (demo_case_support.cpp)
  load_demo_case_work(s, sealer);  // demo_case_work.cpp
  return n;
}

}  // namespace longghep
