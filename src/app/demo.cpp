#include "app/demo.hpp"

#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "app/geo_import.hpp"
#include "domain/error.hpp"
#include "security/crypto.hpp"
#include "storage/agencies.hpp"
#include "storage/directives.hpp"
#include "storage/indicators.hpp"
#include "storage/org_units.hpp"
#include "storage/plans.hpp"
#include "storage/users.hpp"

namespace longghep {
namespace demo_resources { const std::map<std::string, std::string>& all(); }  // generated (cmake/embed.cmake)
using nlohmann::json;

const std::string& demo_resource(const std::string& name) {
  auto it = demo_resources::all().find(name);
  if (it == demo_resources::all().end()) throw std::runtime_error("missing embedded resource " + name);
  return it->second;
}

namespace {
const std::string& resource(const std::string& name) { return demo_resource(name); }

Validity validity_of(const json& j) {
  auto d = [&](const char* k, Date open) {
    return j.contains(k) && j[k].is_string() ? Date::parse_or_throw(j[k].get<std::string>(), k) : open;
  };
  return {d("validFrom", Date::min()), d("validTo", Date::max())};
}

struct DemoUser { const char* username; const char* full_name; const char* unit; const char* role; const char* agency_key; };
const DemoUser kUsers[] = {
    {"admin", "Quản trị hệ thống", "VN", "system_admin", nullptr},
    {"bo", "Nguyễn Văn Bộ (Cục Bảo trợ xã hội)", "VN", "ministry_officer", "cuc-btxh"},
    {"tinh.gialai", "Trần Thị Lan (Sở Y tế Gia Lai)", "52", "province_lead_officer", "gl-soyte"},
    {"xa.gialai", "Lê Văn Hùng (UBND phường Quy Nhơn)", "21583", "commune_officer", "gl-ubnd-quynhon"},
    {"tinh.dongnai", "Phạm Thị Hoa (Sở Y tế Đồng Nai)", "75", "province_lead_officer", "dn-soyte"},
    {"coquan.gialai", "Võ Minh Tuấn (đầu mối Sở Y tế Gia Lai)", "52", "agency_focal_point", "gl-soyte"},
    {"xem.gialai", "Đặng Thu Hà (người xem)", "52", "viewer", nullptr},
    // people supported (issue 16): case workers, a supervisor, and police and inspection accounts
    // that the wall keeps out of the support records
    {"cm.gialai", "Trịnh Thị Thanh (cán bộ quản lý trường hợp)", "52", "case_worker", nullptr},
    {"gs.gialai", "Mai Văn Sơn (giám sát quản lý trường hợp)", "52", "case_supervisor", nullptr},
    {"cm.dongnai", "Lý Thị Hạnh (cán bộ quản lý trường hợp Đồng Nai)", "75", "case_worker", nullptr},
    {"congan.gialai", "Đỗ Văn Cường (Công an tỉnh Gia Lai)", "52", "police_officer", nullptr},
    {"thanhtra.gialai", "Bùi Thị Lan (thanh tra liên ngành)", "52", "inspector", nullptr},
    // the receiving side of referrals (issue 16 item 5): a focal point of Sở Y tế Gia Lai
    {"tiepnhan.gialai", "Hồ Thị Ngọc (đầu mối tiếp nhận chuyển gửi, Sở Y tế Gia Lai)", "52", "referral_focal_point", "gl-soyte"},
    // the inter-agency inspection team of Gia Lai (issue 17): the business registry, never the support records
    {"doikiemtra.gialai", "Lương Văn Kiên (Đội kiểm tra liên ngành Gia Lai)", "52", "inspection_team", nullptr},
    {"doikiemtra.dongnai", "Phan Văn Toàn (Đội kiểm tra liên ngành Đồng Nai)", "75", "inspection_team", nullptr},
};
// The province boundaries of the reference data (shared/data/geo/provinces-2025), when that folder
// is there: $LONGGHEP_SHARED_DATA, else ../shared/data beside the working directory. The demo
// works without it (the dashboard's map then says it has no boundaries).
int load_demo_boundaries(Database& db, const Actor& actor) {
  const char* env = std::getenv("LONGGHEP_SHARED_DATA");
  const std::filesystem::path dir = std::filesystem::path(env && *env ? env : "../shared/data") / "geo" / "provinces-2025";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return 0;
  long long have = 0;
  db.with_session([&](soci::session& s) { have = boundary_count(s, BoundaryLevel::province); });
  if (have > 0) return 0;  // loading the demo twice changes nothing
  BoundaryImportOptions opt;
  opt.level = BoundaryLevel::province;
  opt.as_of = Date::from_ymd(2025, 7, 1);
  return static_cast<int>(import_boundary_files(db, boundary_files(dir.string()), opt, actor).matched.size());
}
}  // namespace

DemoSummary load_demo(Database& db, const security::Sealer* sealer) {
  DemoSummary sum;
  const Actor actor{0, "demo"};
  // Every demo user has the demo password: one hash, computed before the transaction.
  const std::string demo_hash = security::hash_password("Demo@2026");
  db.transact([&](soci::session& s) {
    UnitBatch batch = read_units(resource("demo/units.csv"), "csv");
    UnitBatch links = read_units(resource("demo/lineage.csv"), "lineagecsv");
    batch.links = std::move(links.links);
    ImportResult r = apply_unit_batch(s, batch, actor);
    sum.units_created = r.created;
    sum.events = r.events;
    auto h = load_hierarchy(s);
    auto unit = [&](const json& j, const char* code_key, const char* asof_key) {
      std::string code = j.at(code_key).get<std::string>();
      Date d = Date::parse_or_throw(j.value(asof_key, std::string("2025-07-01")), asof_key);
      const OrgUnit* u = h->find(code, d);
      if (!u) throw std::runtime_error("demo agency refers to unknown unit " + code + " on " + d.iso());
      return u->id;
    };
    for (const auto& a : json::parse(resource("demo/agencies.json"))) {
      const std::string key = a.at("key").get<std::string>();
      if (agency_id_by_key(s, key)) continue;
      AgencyInput in{key, a.at("name").get<std::string>(), a.value("shortName", ""), a.at("kind").get<std::string>(),
                     unit(a, "orgUnitCode", "orgUnitAsOf"), validity_of(a)};
      long long id = create_agency(s, in, actor);
      ++sum.agencies;
      for (const auto& r : a.value("roles", json::array())) {
        add_agency_role(s, id, r.at("role").get<std::string>(), unit(r, "orgUnitCode", "orgUnitAsOf"), validity_of(r), actor);
        ++sum.roles;
      }
    }
    const Date today = Date::today_vn();
    for (const auto& u : kUsers) {
      if (find_user(s, u.username)) continue;
      const OrgUnit* home = h->find(u.unit, today);
      if (!home) throw std::runtime_error(std::string("demo user unit missing: ") + u.unit);
      UserInput in{u.username, u.full_name, std::string(u.username) + "@demo.longghep.vn", "Demo@2026",
                   home->id, 0, {u.role}, true, demo_hash};
      if (u.agency_key)
        if (auto id = agency_id_by_key(s, u.agency_key)) in.agency_id = *id;
      create_user(s, in, false, actor);
      ++sum.users;
    }
    load_demo_plans(s, *h, actor);
    load_demo_directives(s, *h, actor);
    sum.activities = load_demo_activities(s, *h, actor);
    apply_default_targets(s, *h, actor);  // the seeds' national and Hải Dương targets
    if (sealer) sum.cases = load_demo_cases(s, *h, *sealer, actor);
    load_demo_businesses(s, *h, actor);  // issue 17
    load_demo_inspections(s, *h, actor);  // issue 17 §2–§6
    load_demo_classification(s, *h, actor);  // issue 18
    load_demo_money(s, *h, actor);  // issue 19
  });
  sum.boundaries = load_demo_boundaries(db, actor);
  return sum;
}

}  // namespace longghep
