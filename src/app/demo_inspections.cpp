// The demo's inspections (issue 17 §2–§6): the inter-agency teams of Gia Lai and Đồng Nai, their
// 2025 and 2026 plans with coverage and unannounced targets, and about 25 inspection records over
// the demo businesses: some before 07/2025 on the old Bình Định communes, violations under Decree
// 144/2021 (before 15/12/2025) and Decree 282/2025 (after), fines, a refused signature, re-
// inspections (one done, one overdue) and outreach counts. Through the inspections storage
// (audited). Names are invented. Idempotent: nothing is added when teams exist.
#include <map>

#include "app/demo.hpp"
#include "domain/hierarchy.hpp"
#include "storage/agencies.hpp"
#include "storage/inspections.hpp"

namespace longghep {
namespace {
long long business_id(soci::session& s, const std::string& name) {
  long long id = 0;
  s << "SELECT id FROM businesses WHERE name = :n ORDER BY id LIMIT 1", soci::use(name), soci::into(id);
  return s.got_data() ? id : 0;
}
long long agency(soci::session& s, const char* key) { return agency_id_by_key(s, key).value_or(0); }
}  // namespace

int load_demo_inspections(soci::session& s, const Hierarchy& h, const Actor& actor) {
  long long teams = 0;
  s << "SELECT COUNT(*) FROM inspection_teams", soci::into(teams);
  if (teams > 0) return 0;
  const Date today = Date::today_vn();
  const OrgUnit* gl = h.find("52", today);
  const OrgUnit* dn = h.find("75", today);
  if (!gl || !dn) return 0;

  TeamInput glt;
  glt.org_unit_id = gl->id;
  glt.name = "Đội kiểm tra liên ngành 178 tỉnh Gia Lai";
  glt.decision_ref = "Quyết định 215/QĐ-UBND ngày 10/01/2025";
  glt.lead_agency_id = agency(s, "gl-congan");
  for (const char* k : {"gl-congan", "gl-soyte", "gl-snoivu", "gl-hlhpn"})
    if (long long a = agency(s, k)) glt.agency_ids.push_back(a);
  glt.members = {{0, "Lương Văn Kiên", "Đội trưởng", agency(s, "gl-congan"), true},
                 {0, "Nguyễn Thị Mỹ", "Thành viên", agency(s, "gl-soyte"), false},
                 {0, "Rơ Mah Thuận", "Thành viên", agency(s, "gl-snoivu"), false},
                 {0, "Trần Thị Bích", "Thành viên", agency(s, "gl-hlhpn"), false}};
  const long long gl_team = create_team(s, glt, actor);
  TeamInput dnt;
  dnt.org_unit_id = dn->id;
  dnt.name = "Đội kiểm tra liên ngành 178 tỉnh Đồng Nai";
  dnt.decision_ref = "Quyết định 88/QĐ-UBND ngày 20/02/2026";
  dnt.lead_agency_id = agency(s, "dn-congan");
  for (const char* k : {"dn-congan", "dn-soyte", "dn-snoivu"})
    if (long long a = agency(s, k)) dnt.agency_ids.push_back(a);
  dnt.members = {{0, "Phan Văn Toàn", "Đội trưởng", agency(s, "dn-congan"), true},
                 {0, "Lê Thị Ngọc Anh", "Thành viên", agency(s, "dn-soyte"), false},
                 {0, "Vũ Đức Minh", "Thành viên", agency(s, "dn-snoivu"), false}};
  const long long dn_team = create_team(s, dnt, actor);

  auto plan = [&](long long team, long long unit, int year, const char* title, const char* basis, const char* basis_date, long long cov,
                  long long unann, const char* mode, std::vector<std::string> types, const char* status) {
    InspectionPlanInput p;
    p.team_id = team;
    p.org_unit_id = unit;
    p.f.year = year;
    p.f.title = title;
    p.f.legal_basis = basis;
    p.f.legal_basis_date = Date::parse(basis_date);
    p.f.coverage_target_pct = cov;
    p.f.unannounced_target = unann;
    p.f.mode = mode;
    p.type_codes = std::move(types);
    const long long id = create_inspection_plan(s, p, actor);
    long long version = 1;
    if (std::string(status) != "draft") change_inspection_plan_status(s, id, version++, "active", actor);
    if (std::string(status) == "closed") change_inspection_plan_status(s, id, version, "closed", actor);
    return id;
  };
  const long long gl25 = plan(gl_team, gl->id, 2025, "Kế hoạch kiểm tra cơ sở kinh doanh dịch vụ nhạy cảm năm 2025",
                              "Kế hoạch 35/KH-ĐKTLN", "2025-01-15", 60, 2, "mixed", {}, "closed");
  const long long gl26 = plan(gl_team, gl->id, 2026, "Kế hoạch kiểm tra cơ sở kinh doanh dịch vụ nhạy cảm năm 2026",
                              "Kế hoạch 12/KH-ĐKTLN", "2026-01-20", 60, 4, "mixed", {}, "active");
  const long long dn26 = plan(dn_team, dn->id, 2026, "Kế hoạch kiểm tra karaoke, khách sạn, quán bar năm 2026",
                              "Kế hoạch 47/KH-ĐKTLN", "2026-03-02", 60, 2, "mixed", {"karaoke", "hotel", "bar", "dim_cafe"}, "active");

  struct V { const char* topic; long long fine; const char* decision; };
  struct Demo {
    const char* business;
    const char* on;
    char team;        // 'g' Gia Lai, 'd' Đồng Nai
    bool unannounced;
    std::vector<V> violations;
    const char* signature;  // signed | refused
    const char* reinspection_due;  // "" = none
    int informed, health, referred;
    bool final_record;
    const char* reinspection_of;  // the date of the record re-inspected ("" = none)
  };
  const std::vector<Demo> demo = {
      // old Bình Định communes, before 07/2025: Decree 144/2021
      {"Karaoke Ánh Dương", "2025-03-20", 'g', true, {{"antt_no_responsible_person", 4000000, "QĐ 101/QĐ-XPHC"}}, "signed", "", 6, 2, 0, true, ""},
      {"Khách sạn Biển Xanh", "2025-04-08", 'g', false, {}, "signed", "", 4, 0, 0, true, ""},
      {"Massage Thư Giãn Hồng Phát", "2025-05-14", 'g', true, {{"facilitating_prostitution", 25000000, "QĐ 132/QĐ-XPHC"}}, "refused", "2025-08-14", 5, 3, 1, true, ""},
      {"Nhà nghỉ Hoa Sen", "2025-06-10", 'g', false, {{"no_guest_register", 800000, "QĐ 145/QĐ-XPHC"}}, "signed", "", 2, 0, 0, true, ""},
      // after 07/2025, before 15/12/2025: Decree 144/2021 still
      {"Massage Thư Giãn Hồng Phát", "2025-08-12", 'g', false, {}, "signed", "", 5, 1, 0, true, "2025-05-14"},
      {"Xông hơi Sen Vàng", "2025-10-22", 'g', true, {{"no_worker_records", 2000000, "QĐ 210/QĐ-XPHC"}}, "signed", "", 4, 2, 0, true, ""},
      {"Karaoke Ngôi Sao", "2025-12-10", 'g', true, {{"antt_conditions_not_met", 8000000, "QĐ 245/QĐ-XPHC"}}, "signed", "", 7, 0, 0, true, ""},
      {"Khách sạn Sông Đồng", "2025-11-05", 'd', false, {}, "signed", "", 6, 0, 0, true, ""},
      {"Bar Ánh Trăng", "2025-12-05", 'd', true, {{"police_not_notified", 2000000, "QĐ 77/QĐ-XPHC"}}, "signed", "", 8, 2, 0, true, ""},
      // from 15/12/2025: Decree 282/2025
      {"Karaoke Ngôi Sao", "2025-12-20", 'g', false, {{"buying_sex", 1500000, "QĐ 251/QĐ-XPHC"}}, "signed", "", 7, 1, 1, true, ""},
      {"Bar Đêm Trắng", "2026-02-26", 'g', true, {}, "signed", "", 10, 3, 0, true, ""},
      {"Cà phê Góc Nhỏ", "2026-03-12", 'g', true, {{"antt_conditions_not_met", 7000000, "QĐ 31/QĐ-XPHC"}, {"no_worker_records", 1500000, ""}}, "signed", "2026-06-12", 4, 1, 0, true, ""},
      {"Karaoke Ánh Dương", "2026-04-02", 'g', false, {}, "signed", "", 5, 0, 0, true, ""},
      {"Massage Cao Nguyên", "2026-04-16", 'g', true, {{"harbouring_prostitution", 30000000, "QĐ 58/QĐ-XPHC"}}, "refused", "2026-07-16", 5, 4, 2, true, ""},
      {"Cà phê Góc Nhỏ", "2026-06-10", 'g', false, {}, "signed", "", 4, 0, 0, true, "2026-03-12"},
      {"Nhà nghỉ Phố Núi", "2026-06-24", 'g', false, {{"no_guest_register", 700000, "QĐ 90/QĐ-XPHC"}}, "signed", "2026-12-18", 3, 0, 0, true, ""},
      {"Khách sạn Biển Xanh", "2026-08-19", 'g', true, {}, "signed", "", 8, 2, 0, true, ""},
      {"Nhà nghỉ Hoa Sen", "2026-09-09", 'g', false, {}, "signed", "", 2, 0, 0, true, ""},
      {"Bar Đêm Trắng", "2026-11-20", 'g', true, {{"brokering_prostitution", 15000000, ""}}, "signed", "", 9, 2, 1, false, ""},
      {"Karaoke Hoàng Kim Đồng Nai", "2026-05-07", 'd', true, {{"antt_no_responsible_person", 4000000, "QĐ 19/QĐ-XPHC"}}, "signed", "", 9, 3, 0, true, ""},
      {"Khách sạn Sông Đồng", "2026-06-18", 'd', false, {}, "signed", "", 10, 0, 0, true, ""},
      {"Cà phê Mây Chiều", "2026-07-08", 'd', true, {{"facilitating_prostitution", 20000000, "QĐ 44/QĐ-XPHC"}}, "signed", "", 3, 2, 1, true, ""},
      {"Tiệm gội đầu thư giãn Hải Yến", "2026-09-23", 'd', true, {}, "signed", "", 4, 1, 0, true, ""},
      {"Bar Ánh Trăng", "2026-03-18", 'd', false, {{"antt_conditions_not_met", 9000000, "QĐ 25/QĐ-XPHC"}}, "signed", "", 8, 0, 0, true, ""},
      {"Karaoke Hoàng Kim Đồng Nai", "2026-11-25", 'd', false, {}, "signed", "", 9, 0, 0, false, ""},
  };
  std::map<std::string, long long> made;  // business|date → id
  int n = 0;
  for (const auto& d : demo) {
    const Date on = *Date::parse(d.on);
    if (on > today) continue;
    const long long bid = business_id(s, d.business);
    if (!bid) continue;
    InspectionInput in;
    in.business_id = bid;
    const bool gl_side = d.team == 'g';
    in.team_id = gl_side ? gl_team : dn_team;
    if (on.year() == 2025 && gl_side) in.plan_id = gl25;
    else if (on.year() == 2026) in.plan_id = gl_side ? gl26 : dn26;
    if (*d.reinspection_of) {
      auto it = made.find(std::string(d.business) + "|" + d.reinspection_of);
      if (it != made.end()) in.reinspection_of = it->second;
    }
    in.unannounced = d.unannounced;
    auto& f = in.f;
    f.inspected_on = on;
    f.started_at = on.iso() + (d.unannounced ? "T21:30" : "T09:00");
    f.ended_at = on.iso() + (d.unannounced ? "T23:10" : "T10:45");
    f.representative_name = "Người đại diện cơ sở";
    f.representative_role = "Chủ cơ sở";
    f.findings = d.violations.empty() ? "Cơ sở chấp hành đúng các quy định được kiểm tra."
                                      : "Đoàn phát hiện vi phạm, đã lập biên bản và đề xuất xử phạt theo quy định.";
    f.signature = d.signature;
    if (std::string(d.signature) == "refused") {
      f.refusal_reason = "Người đại diện không đồng ý với kết luận của đoàn";
      f.refusal_witness = "Ông Nguyễn Văn Bình, tổ trưởng tổ dân phố";
    }
    if (*d.reinspection_due) f.reinspection_due = Date::parse(d.reinspection_due);
    f.informed = d.informed;
    f.health_checked = d.health;
    f.referred = d.referred;
    for (const auto& v : d.violations) {
      ViolationInput vi;
      vi.f.topic = v.topic;
      vi.f.fine_amount = v.fine;
      vi.f.sanction_decision = v.decision;
      vi.f.description = "Ghi nhận tại thời điểm kiểm tra";
      in.violations.push_back(vi);
      f.violations.push_back(vi.f);
    }
    if (std::string(d.business).find("Massage Cao") != std::string::npos) {
      in.suspension = true;
      f.suspension_days = 90;
      in.police_handover = true;
      f.police_handover_note = "Chuyển Công an xã xác minh dấu hiệu chứa mại dâm";
    }
    const auto& team = gl_side ? glt : dnt;
    for (size_t i = 0; i < team.members.size() && i < 3; ++i)
      in.members.push_back({0, team.members[i].full_name, team.members[i].position, ""});
    for (const auto& m : in.members) f.members_present.push_back({m.full_name, m.position});
    // the checklist: every item passes except those of the violations' kinds
    {
      std::string type;
      s << "SELECT type_code FROM businesses WHERE id = :i", soci::use(bid), soci::into(type);
      std::vector<inspections::ChecklistVersionRef> refs;
      for (auto& v : load_checklist_versions(s, type, true)) refs.push_back(v.ref);
      if (const auto* v = inspections::checklist_in_force(refs, type, on)) {
        long long iid = 0;
        std::string topic;
        soci::indicator it;
        std::vector<std::pair<long long, std::string>> items;
        soci::statement st = (s.prepare << "SELECT id, topic FROM checklist_items WHERE checklist_version_id = :v ORDER BY sort_order",
                              soci::into(iid), soci::into(topic, it), soci::use(v->id));
        st.execute();
        while (st.fetch()) items.emplace_back(iid, it == soci::i_ok ? topic : "");
        for (auto& [item, t] : items) {
          bool fail = false;
          for (const auto& x : d.violations) fail = fail || t == x.topic;
          in.answers.push_back({item, fail ? "fail" : "pass", ""});
          f.answers.push_back({fail ? "fail" : "pass", ""});
        }
      }
    }
    nlohmann::json warnings = nlohmann::json::array();
    const long long id = create_inspection(s, h, in, actor, warnings);
    if (d.final_record) finalise_inspection(s, id, 1, actor);
    made[std::string(d.business) + "|" + d.on] = id;
    ++n;
  }
  return n;
}

}  // namespace longghep
