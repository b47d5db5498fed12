// The demo's support around the people supported (issue 16 items 4–5), called by
// load_demo_cases once its records exist: services for the Gia Lai records through several host
// programmes (HIV, poverty reduction, vocational training, drug prevention, anti-trafficking…),
// one referral accepted and one overdue, waiting at Sở Y tế Gia Lai (tiepnhan.gialai's agency),
// and a club and a peer group with members by client code. Through the storage (consent rules,
// audit) like any client. Nothing here is identity.
#include "app/demo.hpp"
#include "domain/cases.hpp"
#include "domain/hierarchy.hpp"
#include "storage/case_groups.hpp"
#include "storage/case_services.hpp"
#include "storage/cases.hpp"
#include "storage/users.hpp"

namespace longghep {

void load_demo_case_support(soci::session& s, const Hierarchy& h, const Actor& actor) {
  // the Gia Lai records of cm.gialai, in the order demo_cases created them
  auto worker = find_user(s, "cm.gialai");
  if (!worker) return;
  std::vector<CaseRow> recs;
  {
    long long id = 0;
    std::vector<long long> ids;
    soci::statement st = (s.prepare << "SELECT id FROM case_records WHERE case_worker_id = :w ORDER BY id", soci::into(id),
                          soci::use(worker->id));
    st.execute();
    while (st.fetch()) ids.push_back(id);
    for (long long x : ids)
      if (auto r = get_case(s, x)) recs.push_back(*r);
  }
  if (recs.size() < 5) return;
  const Date today = Date::today_vn();
  auto on = [&](const CaseRow& r, int days) { return std::min(r.registered_on.add_days(days), today); };

  // services: record index, service, host programme, funding source, days after registration
  struct Svc {
    size_t rec;
    const char* service;
    const char* programme;
    const char* funding;
    int days;
  };
  const Svc services[] = {
      {0, "sti_hiv_testing", "hiv_aids", "provincial_budget", 7},
      {0, "condoms", "hiv_aids", "international", 7},
      {0, "vocational_training", "vocational_rural", "national_target_programmes", 120},
      {0, "loans", "poverty_ntp", "national_target_programmes", 200},
      {1, "sti_hiv_testing", "hiv_aids", "provincial_budget", 3},
      {1, "health_insurance", "poverty_ntp", "central_budget", 40},
      {1, "job_placement", "employment", "provincial_budget", 150},
      {2, "psych_counselling", "social_assistance", "provincial_budget", 10},
      {2, "legal_aid", "anti_trafficking", "integrated_programmes", 30},
      {3, "shelter", "anti_trafficking", "provincial_budget", 1},
      {3, "gbv_counselling", "anti_trafficking", "international", 5},
      {4, "health_check", "drug_prevention", "provincial_budget", 2},
      {4, "psych_counselling", "drug_prevention", "commune_budget", 14},
  };
  for (const auto& d : services) {
    CaseServiceInput in;
    in.service_code = d.service;
    in.host_programme_code = d.programme;
    in.funding_source_code = d.funding;
    in.delivered_on = on(recs[d.rec], d.days);
    add_case_service(s, recs[d.rec], in, actor);
  }

  // referrals to Sở Y tế Gia Lai (the agency of tiepnhan.gialai): one accepted, one overdue
  long long soyte = 0;
  std::string kind;
  s << "SELECT id, kind FROM agencies WHERE key = 'gl-soyte'", soci::into(soyte), soci::into(kind);
  if (!s.got_data()) soyte = 0;
  auto focal = find_user(s, "tiepnhan.gialai");
  if (soyte && focal) {
    const CaseRow& r = recs[1];
    const std::string purpose = "referral:" + kind;
    if (!cases::consent_holds(case_consents(s, r.id), purpose, r.registered_on))
      add_case_consent(s, r, purpose, true, r.registered_on, "", actor);
    CaseReferralInput accepted{soyte, "Điều trị ARV và theo dõi tải lượng vi rút", {"birthYear", "sex", "targetGroups"}, 7};
    const long long a = add_case_referral(s, r, accepted, std::min(*Date::parse("2026-02-10"), today), actor);  // the agency of after 07/2025
    if (auto row = get_case_referral(s, a))
      transition_case_referral(s, *row, cases::ReferralAction::accept, row->version, "", r.residence_unit_id,
                               Actor{focal->id, focal->username});
    // sent three weeks ago with a week to answer: overdue, waiting in the inbox
    CaseReferralInput waiting{soyte, "Khám sức khỏe định kỳ và tư vấn dinh dưỡng", {"sex", "residence"}, 7};
    add_case_referral(s, r, waiting, today.add_days(-21), actor);
  }

  // a club in Quy Nhơn and a peer group of the province, members by client code
  const OrgUnit* quy_nhon = h.find("21583", today);
  const OrgUnit* gia_lai = h.find("52", today);
  if (quy_nhon) {
    CaseGroupInput club{quy_nhon->id, "CLB Hoa Hướng Dương", "club", "hiv_aids", *Date::parse("2026-02-01"), true};
    const long long g = create_case_group(s, club, today, actor);
    const CaseGroupRow row = *get_case_group(s, g);
    for (size_t i : {size_t{2}, size_t{3}}) add_case_group_member(s, row, recs[i], std::max(recs[i].registered_on, row.in.founded_on).add_days(8), today, actor);
  }
  if (gia_lai) {
    CaseGroupInput peer{gia_lai->id, "Nhóm tự lực Vươn Lên", "peer_group", "", *Date::parse("2025-06-01"), true};
    const long long g = create_case_group(s, peer, today, actor);
    const CaseGroupRow row = *get_case_group(s, g);
    for (size_t i : {size_t{0}, size_t{1}, size_t{4}})
      add_case_group_member(s, row, recs[i], std::min(std::max(recs[i].registered_on, row.in.founded_on).add_days(14), today), today, actor);
  }
}

}  // namespace longghep
