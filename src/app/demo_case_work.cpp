// The demo's case work (issue 16 §4–5) on the Gia Lai records supervised by gs.gialai, in the
// order of registration: (1) an assessment, an approved plan with goals, follow-ups — one done,
// one overdue, one coming; (2) an assessment and a plan submitted, waiting for gs.gialai's
// approval; (3) a closed record (goals met) with its reintegration outcome; (4) a closure request
// waiting for approval. Through the case-work storage (notes sealed, every change audited).
// Called once, right after the records are created (demo_cases.cpp).
#include "app/demo.hpp"
#include "storage/case_work.hpp"
#include "storage/users.hpp"

namespace longghep {

void load_demo_case_work(soci::session& s, const security::Sealer& sealer) {
  auto cm = find_user(s, "cm.gialai"), gs = find_user(s, "gs.gialai");
  if (!cm || !gs) return;
  const Actor worker{cm->id, cm->username}, sup{gs->id, gs->username};
  std::vector<long long> ids;
  {
    long long x = 0;
    soci::statement st = (s.prepare << "SELECT id FROM case_records WHERE supervisor_id = :s ORDER BY registered_on, id",
                          soci::into(x), soci::use(gs->id));
    st.execute();
    while (st.fetch()) ids.push_back(x);
  }
  if (ids.size() < 4) return;
  const Date today = Date::today_vn();
  auto rec = [&](long long id) { return *get_case(s, id); };
  auto plan_of = [&](long long plan_id) { return *get_case_plan(s, plan_id); };
  auto assess = [&](long long id, const char* on, std::vector<AssessmentItem> items) {
    add_case_assessment(s, rec(id), *Date::parse(on), items, sealer, worker);
  };
  auto day = [](const char* d) { return *Date::parse(d); };

  // (1) assessed twice (history), an approved plan, follow-ups
  assess(ids[0], "2024-11-12",
         {{"health", "high", "Chưa xét nghiệm HIV trong 12 tháng"}, {"safety", "medium", ""}, {"housing", "medium", "Thuê trọ ngắn ngày"},
          {"income", "high", "Không có thu nhập ổn định"}, {"legal_papers", "high", "Mất căn cước"}, {"family", "low", ""},
          {"psychosocial", "medium", ""}});
  assess(ids[0], "2026-06-15",
         {{"health", "low", "Đã xét nghiệm, điều trị ổn định"}, {"safety", "low", ""}, {"housing", "medium", ""},
          {"income", "medium", "Đang học nghề may"}, {"legal_papers", "none", "Đã làm lại căn cước"}, {"family", "low", ""},
          {"psychosocial", "low", ""}});
  {
    const CaseRow r = rec(ids[0]);
    const long long p = create_case_plan(
        s, r,
        {{"health", "Xét nghiệm HIV định kỳ 6 tháng một lần", "in_progress", day("2026-12-31")},
         {"legal_papers", "Làm lại căn cước công dân", "achieved", day("2025-06-30")},
         {"income", "Hoàn thành khóa học nghề may và có việc làm", "in_progress", day("2027-03-31")}},
        sealer, worker);
    transition_case_plan(s, r, plan_of(p), case_work::PlanAction::submit, 1, "", sealer, worker);
    transition_case_plan(s, r, plan_of(p), case_work::PlanAction::approve, 2, "", sealer, sup);
    const long long done = add_case_followup(s, r, today.add_days(-40), "Kiểm tra tiến độ học nghề", sealer, worker);
    transition_case_followup(s, r, *get_case_followup(s, done), case_work::FollowupAction::done, 1,
                             "Đã gặp, đang học tháng thứ hai", today, sealer, worker);
    add_case_followup(s, r, today.add_days(-10), "Nhắc lịch xét nghiệm định kỳ", sealer, worker);  // overdue
    add_case_followup(s, r, today.add_days(14), "Thăm hỏi tại nhà", sealer, worker);
  }
  // (2) a plan waiting for gs.gialai's approval
  assess(ids[1], "2025-03-20",
         {{"health", "high", "Điều trị ARV, cần hỗ trợ tuân thủ"}, {"safety", "high", ""}, {"housing", "low", ""},
          {"income", "medium", ""}, {"legal_papers", "low", ""}, {"family", "medium", ""}, {"psychosocial", "high", ""}});
  {
    const CaseRow r = rec(ids[1]);
    const long long p = create_case_plan(
        s, r,
        {{"health", "Duy trì điều trị ARV, tái khám hằng tháng", "in_progress", day("2026-12-31")},
         {"psychosocial", "Tham gia nhóm tự lực hằng tháng", "not_started", day("2027-01-31")}},
        sealer, worker);
    transition_case_plan(s, r, plan_of(p), case_work::PlanAction::submit, 1, "", sealer, worker);
    add_case_followup(s, r, today.add_days(7), "Tái khám tại phòng khám ngoại trú", sealer, worker);
  }
  // (3) closed: goals met, with its reintegration outcome
  {
    const CaseRow r = rec(ids[2]);
    put_case_outcome(s, r,
                     {{"job", "achieved", day("2026-05-10")}, {"housing", "achieved", day("2026-04-01")},
                      {"family", "in_progress", day("2026-05-10")}, {"health", "achieved", day("2026-03-15")},
                      {"legal_papers", "not_achieved", day("2026-05-10")}},
                     worker);
    act_case_closure(s, r, case_work::ClosureAction::request, "goals_met", "Đã có việc làm ổn định", today, sealer, worker);
    act_case_closure(s, rec(ids[2]), case_work::ClosureAction::approve, "", "", today, sealer, sup);
  }
  // (4) a closure request waiting for approval
  act_case_closure(s, rec(ids[3]), case_work::ClosureAction::request, "moved_away", "Chuyển về quê ở tỉnh khác", today, sealer,
                   worker);
}

}  // namespace longghep
