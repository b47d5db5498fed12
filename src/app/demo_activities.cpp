// The demo's activities and target-group surveys: generated, not stored, so that reports and
// charts from 2021 to today have something true-looking to show. Deterministic: the same
// hierarchy and the same day give the same rows (a PRNG seeded by unit code and month), and
// every activity has a stable key, so running the demo again adds only the months since.
//
// Activities sit on the communes and districts valid in their month — old districts and
// communes before 07/2025, today's communes after — led by an agency of the unit itself or of
// its province on that day.
#include <map>

#include "app/demo.hpp"
#include "domain/activity.hpp"
#include "domain/text.hpp"
#include "storage/activities.hpp"
#include "storage/audit.hpp"

namespace longghep {
namespace {

struct Rng {  // splitmix64
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  long long between(long long lo, long long hi) { return lo + static_cast<long long>(next() % static_cast<uint64_t>(hi - lo + 1)); }
  template <typename T>
  const T& pick(const std::vector<T>& v) { return v[next() % v.size()]; }
};

uint64_t seed_of(const std::string& code, int month_index) {
  return stable_hash64(code) ^ (static_cast<uint64_t>(month_index) * 0x9E3779B97F4A7C15ULL);
}

struct Kind {
  const char* type;
  const char* title;
  std::vector<std::string> groups;
  const char* output;
  long long out_lo, out_hi;
};

const std::vector<Kind>& kinds() {
  static const std::vector<Kind> k = {
      {"community_sessions", "Tuyên truyền phòng, chống mại dâm tại cộng đồng dân cư", {"rural_workers", "unemployed_youth", "migrant_workers"}, "sessions", 1, 3},
      {"talks_zones_schools", "Nói chuyện chuyên đề phòng, chống mại dâm tại trường học", {"students"}, "sessions", 1, 2},
      {"talks_zones_schools", "Tuyên truyền cho công nhân khu công nghiệp", {"industrial_workers", "migrant_workers"}, "sessions", 1, 2},
      {"print_materials", "Phát tờ rơi, treo băng rôn tuyên truyền", {"service_workers", "rural_workers"}, "leaflets", 200, 2000},
      {"media", "Đăng tin, bài về phòng, chống mại dâm trên đài truyền thanh", {"rural_workers"}, "broadcasts", 2, 8},
      {"vocational_training", "Lớp đào tạo nghề cho lao động nông thôn, thanh niên", {"unemployed_youth", "poor_youth", "women_job_seekers"}, "trainees", 15, 40},
      {"job_placement", "Tư vấn, giới thiệu việc làm", {"unemployed_youth", "women_job_seekers"}, "jobs_found", 3, 25},
      {"loans", "Hỗ trợ vay vốn tạo việc làm qua Ngân hàng Chính sách xã hội", {"poor_youth", "former_sex_workers"}, "loans", 2, 10},
      {"condoms", "Cấp phát bao cao su, tư vấn phòng lây nhiễm HIV", {"sex_workers", "service_workers"}, "condoms", 300, 3000},
      {"health_checks", "Khám sức khỏe cho người lao động tại cơ sở kinh doanh dịch vụ", {"service_workers"}, "health_checks", 10, 60},
      {"inspections", "Kiểm tra liên ngành các cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm", {"service_workers"}, "sessions", 1, 4},
      {"staff_training", "Tập huấn nghiệp vụ phòng, chống mại dâm cho cán bộ cơ sở", {"other_high_risk"}, "trainees", 20, 60},
      {"legal_aid", "Trợ giúp pháp lý cho nạn nhân bị mua bán, bạo lực", {"trafficking_victims", "gbv_victims"}, "legal_aid_cases", 1, 6},
  };
  return k;
}

struct AgencyRow {
  long long id = 0, unit = 0;
  Date from = Date::min(), to = Date::max();
};

// An activity of an approved plan, which the generated activities of its units implement.
struct PlannedRow {
  long long id = 0, plan_unit = 0, location = 0;
  int year = 0;
  std::string type;
  Date from = Date::min(), to = Date::max();
};

std::vector<PlannedRow> approved_plan_activities(soci::session& s) {
  std::vector<PlannedRow> out;
  PlannedRow r;
  std::string start, end;
  long long loc = 0;
  soci::indicator is = soci::i_ok, ie = soci::i_ok, il = soci::i_ok;
  soci::statement st = (s.prepare << "SELECT pa.id, p.org_unit_id, p.year, pa.intervention_type_code, pa.start_date, pa.end_date, "
                                     "pa.location_unit_id FROM plan_activities pa JOIN integration_plans p ON p.id = pa.plan_id "
                                     "WHERE p.status = 'approved' ORDER BY pa.id",
                        soci::into(r.id), soci::into(r.plan_unit), soci::into(r.year), soci::into(r.type), soci::into(start, is),
                        soci::into(end, ie), soci::into(loc, il));
  st.execute();
  while (st.fetch()) {
    r.from = is == soci::i_ok ? Date::parse(start).value_or(Date::min()) : Date::min();
    r.to = ie == soci::i_ok ? Date::parse(end).value_or(Date::max()) : Date::max();
    r.location = il == soci::i_ok ? loc : 0;
    out.push_back(r);
  }
  return out;
}

}  // namespace

long long load_demo_activities(soci::session& s, const Hierarchy& h, const Actor& actor) {
  std::vector<AgencyRow> agencies;
  {
    AgencyRow a;
    std::string from, to;
    soci::statement st = (s.prepare << "SELECT id, org_unit_id, valid_from, valid_to FROM agencies ORDER BY id",
                          soci::into(a.id), soci::into(a.unit), soci::into(from), soci::into(to));
    st.execute();
    while (st.fetch()) {
      a.from = Date::parse(from).value_or(Date::min());
      a.to = Date::parse(to).value_or(Date::max());
      agencies.push_back(a);
    }
  }
  auto agencies_on = [&](long long unit, Date d) {
    std::vector<long long> out;
    for (const auto& a : agencies)
      if (a.unit == unit && a.from <= d && d <= a.to) out.push_back(a.id);
    return out;
  };
  // Where an approved plan covers a unit and month, most generated activities implement one of its
  // activities (same type, inside its dates and location) and are linked to it, as quick entry does.
  const std::vector<PlannedRow> planned = approved_plan_activities(s);
  auto planned_for = [&](const OrgUnit& u, Date from, Date to) {
    std::vector<const PlannedRow*> out;
    for (const auto& p : planned)
      if (p.year == from.year() && p.from <= from && to <= p.to && plan_unit_covers(h, u, p.plan_unit, from) &&
          (!p.location || plan_unit_covers(h, u, p.location, from)))
        out.push_back(&p);
    return out;
  };
  const Date today = Date::today_vn();
  ActivityWriter writer(s);
  long long written = 0;
  int month_index = 0;
  for (int y = 2021; y <= today.year(); ++y)
    for (int m = 1; m <= 12; ++m, ++month_index) {
      const Date first = Date::from_ymd(y, m, 1);
      if (first > today) break;
      for (const OrgUnit& u : h.units()) {
        if ((u.kind != "commune" && u.kind != "district") || !u.valid_on(first)) continue;
        Rng rng{seed_of(u.code, month_index)};
        const int n = static_cast<int>(rng.next() % 100 < 45 ? 1 : 0) + static_cast<int>(rng.next() % 100 < 10 ? 1 : 0);
        if (n == 0) continue;
        // Lead agency: the unit's own (its People's Committee) or one of its province's.
        std::vector<long long> leads = agencies_on(u.id, first);
        std::vector<const OrgUnit*> up = h.ancestors(u, first);
        for (const OrgUnit* a : up)
          if (a->kind == "province")
            for (long long id : agencies_on(a->id, first)) leads.push_back(id);
        if (leads.empty()) continue;
        for (int i = 0; i < n; ++i) {
          const Kind* kp = &rng.pick(kinds());
          const Date month_end = Date::from_ymd(y, m, 28);
          const std::vector<const PlannedRow*> plan_here = planned_for(u, first, month_end);
          if (!plan_here.empty() && rng.next() % 100 < 80) {  // the plan's kinds, most of the time
            std::vector<const Kind*> fit;
            for (const Kind& k : kinds())
              for (const PlannedRow* p : plan_here)
                if (p->type == k.type) fit.push_back(&k);
            if (!fit.empty()) kp = fit[rng.next() % fit.size()];
          }
          const Kind& k = *kp;
          ActivityInput in;
          in.key = "demo-" + u.code + "-" + first.iso().substr(0, 7) + "-" + std::to_string(i);
          in.title = std::string(k.title) + " (" + u.type_label + " " + u.name + ")";
          in.intervention_type = k.type;
          in.org_unit_code = u.code;
          in.lead_agency_id = rng.pick(leads);
          const int day = static_cast<int>(rng.between(1, 26));
          in.start = Date::from_ymd(y, m, day);
          in.end = in.start.add_days(static_cast<int>(rng.between(0, 2)));
          if (in.end > today || in.start > today) continue;
          if (!u.valid_on(in.end)) in.end = in.start;
          for (const PlannedRow* p : planned_for(u, in.start, in.end))
            if (p->type == k.type) {
              in.plan_activity_id = p->id;
              break;
            }
          const std::string& g = rng.pick(k.groups);
          ReachRow r;
          r.target_group = g;
          r.total = rng.between(12, 180);
          if (rng.next() % 100 < 70) {
            r.female = rng.between(r.total / 4, r.total * 3 / 4);
            r.male = r.total - *r.female;
          }
          in.reach.push_back(r);
          in.outputs.push_back({k.output, rng.between(k.out_lo, k.out_hi)});
          if (std::string(k.type) == "loans") in.outputs.push_back({"loan_amount", rng.between(2, 10) * 10'000'000});
          const char* source = rng.next() % 100 < 60 ? "commune_budget" : (rng.next() % 2 ? "provincial_budget" : "integrated_programmes");
          in.costs.push_back({source, rng.between(5, 200) * 100'000});
          if (rng.next() % 100 < 15) in.costs.push_back({"socialisation", rng.between(5, 50) * 100'000});
          if (writer.insert(in, u.id, "demo", 0, "demo")) ++written;
        }
      }
    }
  if (written > 0)
    record_audit(s, actor, {"create", "demo_activities", "demo", 0, std::nullopt, nlohmann::json{{"activities", written}}});

  // Target-group surveys of today's communes: the denominators coverage indicators need.
  std::vector<std::string> groups = {"service_workers", "unemployed_youth", "migrant_workers", "students"};
  for (const OrgUnit& u : h.units()) {
    if (u.kind != "commune" || !u.valid_on(today)) continue;
    for (const auto& [year, half] : std::vector<std::pair<int, int>>{{2025, 0}, {2026, 1}}) {
      for (const auto& g : groups) {
        Rng rng{seed_of(u.code + g, year * 10 + half)};
        long long n = 0;
        s << "SELECT COUNT(*) FROM target_group_surveys WHERE org_unit_id = :u AND year = :y AND half = :h AND "
             "target_group_code = :g",
            soci::use(u.id), soci::use(year), soci::use(half), soci::use(g), soci::into(n);
        if (n) continue;
        const long long count = rng.between(40, 900);
        const long long female = rng.between(count / 3, count * 2 / 3);
        const std::string now = now_iso_utc(), date = year == 2025 ? "2025-12-15" : "2026-06-20";
        s << "INSERT INTO target_group_surveys(org_unit_id, year, half, target_group_code, count, female, male, "
             "survey_date, note, version, created_at, updated_at) VALUES(:u, :y, :h, :g, :c, :f, :m, :d, '', 1, :ca, :ua)",
            soci::use(u.id), soci::use(year), soci::use(half), soci::use(g), soci::use(count), soci::use(female),
            soci::use(count - female), soci::use(date), soci::use(now), soci::use(now);
      }
    }
  }
  return written;
}

}  // namespace longghep
