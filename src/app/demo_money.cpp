// The demo's money through its stages (issue 19, docs/api-money.md): budgets per planned activity
// on the demo plans of Gia Lai (the Sở Y tế 2026 plan, the Công an 2026 draft, old Bình Định's
// 2024 plan) — each whole-plan line given to one activity, so the plans' totals by source stay
// what they were — and issued allocation decisions: old Bình Định 2024 (the unit before 07/2025),
// the merged Gia Lai 2026 for the Sở Y tế plan with one amendment (a cut), Đồng Nai 2026 at unit
// level (Đồng Nai has no demo plan). The plan activity whose linked demo activities spent the most
// is allocated half of it, so the warnings show one over-spending. Through the allocations storage
// (audited). Idempotent: nothing is added when any decision exists.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "app/demo.hpp"
#include "domain/hierarchy.hpp"
#include "domain/money.hpp"
#include "storage/allocations.hpp"
#include "storage/plans.hpp"
#include "storage/programmes.hpp"

namespace longghep {
using nlohmann::json;

namespace {
Actor user_actor(soci::session& s, const char* username, const Actor& fallback) {
  long long id = 0;
  const std::string name(username);  // a named string, never a temporary bound to soci::use
  s << "SELECT id FROM users WHERE username = :u", soci::use(name), soci::into(id);
  if (!s.got_data()) return fallback;
  return Actor{id, name};
}

struct PlanLine {
  std::string source;
  long long programme = 0, amount = 0;
};

std::vector<long long> activities_of(soci::session& s, long long plan_id) {
  std::vector<long long> out;
  long long id = 0;
  soci::statement st = (s.prepare << "SELECT id FROM plan_activities WHERE plan_id = :p ORDER BY position, id", soci::into(id),
                        soci::use(plan_id));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

// Gives each whole-plan budget line of the plan to one activity (the first split between the
// first two): the derived totals by (source, programme) are the plan's lines. Returns per plan
// activity its lines.
std::map<long long, std::vector<PlanLine>> budget_by_activity(soci::session& s, long long plan_id, const Actor& actor) {
  std::map<long long, std::vector<PlanLine>> out;
  const std::vector<long long> acts = activities_of(s, plan_id);
  if (acts.empty()) return out;
  {  // already broken down (a restart after the decisions were removed): keep what is there
    long long pa = 0, prog = 0;
    PlanLine l;
    soci::indicator ip = soci::i_null;
    soci::statement st = (s.prepare << "SELECT b.plan_activity_id, b.funding_source_code, b.programme_id, b.amount "
                                       "FROM plan_activity_budget b JOIN plan_activities a ON a.id = b.plan_activity_id "
                                       "WHERE a.plan_id = :p ORDER BY a.position, b.position",
                          soci::into(pa), soci::into(l.source), soci::into(prog, ip), soci::into(l.amount), soci::use(plan_id));
    st.execute();
    while (st.fetch()) {
      l.programme = ip == soci::i_ok ? prog : 0;
      out[pa].push_back(l);
    }
    if (!out.empty()) return out;
  }
  std::vector<PlanLine> lines;
  {
    PlanLine l;
    long long prog = 0;
    soci::indicator ip = soci::i_null;
    soci::statement st = (s.prepare << "SELECT funding_source_code, programme_id, amount FROM plan_budget_lines WHERE plan_id = :p "
                                       "ORDER BY position",
                          soci::into(l.source), soci::into(prog, ip), soci::into(l.amount), soci::use(plan_id));
    st.execute();
    while (st.fetch()) {
      l.programme = ip == soci::i_ok ? prog : 0;
      lines.push_back(l);
    }
  }
  size_t next = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const PlanLine& l = lines[i];
    if (i == 0 && acts.size() >= 2 && l.amount >= 2) {
      const long long first = l.amount / 9 * 4;
      out[acts[0]].push_back({l.source, l.programme, first});
      out[acts[1]].push_back({l.source, l.programme, l.amount - first});
      next = 2;
      continue;
    }
    out[acts[next % acts.size()]].push_back(l);
    ++next;
  }
  json after = json::array();
  for (const auto& [pa, ls] : out)
    for (size_t j = 0; j < ls.size(); ++j) {
      long long pos = static_cast<long long>(j), prog = ls[j].programme, amount = ls[j].amount, id = pa;
      soci::indicator ip = prog ? soci::i_ok : soci::i_null;
      s << "INSERT INTO plan_activity_budget(plan_activity_id, position, funding_source_code, programme_id, amount) "
           "VALUES(:a, :p, :f, :prog, :amount)",
          soci::use(id), soci::use(pos), soci::use(ls[j].source), soci::use(prog, ip), soci::use(amount);
      after.push_back({{"planActivityId", pa}, {"fundingSource", ls[j].source}, {"amount", amount}});
    }
  if (auto p = get_plan_row(s, plan_id))
    record_audit(s, actor, {"update", "integration_plan", std::to_string(plan_id), p->org_unit_id, std::nullopt,
                            json{{"activityBudgets", after}}});
  return out;
}

// Per plan activity and source: what its linked activities spent.
std::map<std::pair<long long, std::string>, long long> spent_of(soci::session& s, long long plan_id) {
  std::map<std::pair<long long, std::string>, long long> out;
  long long pa = 0, amount = 0;
  std::string src;
  soci::statement st = (s.prepare << "SELECT a.plan_activity_id, c.funding_source_code, c.amount FROM activity_costs c "
                                     "JOIN activities a ON a.id = c.activity_id "
                                     "JOIN plan_activities p ON p.id = a.plan_activity_id WHERE p.plan_id = :p",
                        soci::into(pa), soci::into(src), soci::into(amount), soci::use(plan_id));
  st.execute();
  while (st.fetch()) out[{pa, src}] += amount;
  return out;
}

Date not_after_today(Date d) { return std::min(d, Date::today_vn()); }

long long issue(soci::session& s, const AllocationWrite& w, const Actor& actor) {
  const long long id = create_allocation(s, w, actor);
  issue_allocation(s, id, 1, actor);
  return id;
}
}  // namespace

int load_demo_money(soci::session& s, const Hierarchy& h, const Actor& actor) {
  int n = 0;
  s << "SELECT COUNT(*) FROM allocation_decisions", soci::into(n);
  if (n > 0) return 0;
  const Actor gl = user_actor(s, "tinh.gialai", actor), dn = user_actor(s, "tinh.dongnai", actor);
  int written = 0;

  // Old Bình Định (52 until 30/06/2025): its 2024 plan.
  if (auto bd = plan_id_by_key(s, "bd-2024-sldtbxh")) {
    auto lines = budget_by_activity(s, *bd, gl);
    const Date day = not_after_today(Date::from_ymd(2024, 3, 15));
    if (const OrgUnit* u = h.find("52", day); u && !lines.empty()) {
      AllocationWrite w;
      w.org_unit_id = u->id;
      w.plan_id = *bd;
      w.in.year = 2024;
      w.in.issuing_body = "UBND tỉnh Bình Định";
      w.in.number = "245/QĐ-UBND";
      w.in.decision_date = day;
      w.in.plan_id = *bd;
      w.in.note = "Giao dự toán kinh phí thực hiện kế hoạch lồng ghép năm 2024";
      for (const auto& [pa, ls] : lines)
        for (const auto& l : ls)
          w.in.lines.push_back({pa, l.source, l.programme, l.amount * 4 / 5, "80% kế hoạch"});
      issue(s, w, gl);
      ++written;
    }
  }
  if (auto cg = plan_id_by_key(s, "gl-2026-congan")) budget_by_activity(s, *cg, gl);

  // The merged Gia Lai: the Sở Y tế 2026 plan, one plan activity over-spending, then a cut.
  if (auto soyte = plan_id_by_key(s, "gl-2026-soyte")) {
    auto lines = budget_by_activity(s, *soyte, gl);
    const auto spent = spent_of(s, *soyte);
    std::pair<long long, std::string> most{0, ""};
    long long most_spent = 0;
    for (const auto& [k, v] : spent)
      if (v > most_spent) {
        most = k;
        most_spent = v;
      }
    const Date day = not_after_today(Date::from_ymd(2026, 1, 20));
    if (const OrgUnit* u = h.find("52", day)) {
      AllocationWrite w;
      w.org_unit_id = u->id;
      w.plan_id = *soyte;
      w.in.year = 2026;
      w.in.issuing_body = "UBND tỉnh Gia Lai";
      w.in.number = "112/QĐ-UBND";
      w.in.decision_date = day;
      w.in.plan_id = *soyte;
      w.in.note = "Giao dự toán kinh phí phòng, chống mại dâm năm 2026 (Sở Y tế chủ trì)";
      bool most_done = false;
      long long cut_pa = 0;
      std::string cut_src;
      long long cut_prog = 0;
      for (const auto& [pa, ls] : lines)
        for (const auto& l : ls) {
          long long amount = l.amount;
          if (pa == most.first && l.source == most.second) {
            amount = std::max<long long>(100'000, most_spent / 2 / 100'000 * 100'000);
            most_done = true;
          } else if (!cut_pa && amount >= 100'000'000) {
            cut_pa = pa;
            cut_src = l.source;
            cut_prog = l.programme;
          }
          w.in.lines.push_back({pa, l.source, l.programme, amount, ""});
        }
      if (!most_done && most.first && most_spent > 0)
        w.in.lines.push_back({most.first, most.second, 0, std::max<long long>(100'000, most_spent / 2 / 100'000 * 100'000), ""});
      if (!w.in.lines.empty()) {
        const long long original = issue(s, w, gl);
        ++written;
        if (cut_pa) {
          AllocationWrite a;
          a.org_unit_id = u->id;
          a.plan_id = *soyte;
          a.amends_id = original;
          a.in.year = 2026;
          a.in.issuing_body = "UBND tỉnh Gia Lai";
          a.in.number = "689/QĐ-UBND";
          a.in.decision_date = std::max(day, not_after_today(Date::from_ymd(2026, 7, 15)));
          a.in.plan_id = *soyte;
          a.in.note = "Điều chỉnh giảm dự toán do cắt giảm chi thường xuyên";
          a.in.lines.push_back({cut_pa, cut_src, cut_prog, -50'000'000, "Cắt giảm"});
          issue(s, a, gl);
          ++written;
        }
      }
    }
  }

  // Đồng Nai 2026: at unit level (no plan).
  {
    const Date day = not_after_today(Date::from_ymd(2026, 2, 10));
    if (const OrgUnit* u = h.find("75", day)) {
      AllocationWrite w;
      w.org_unit_id = u->id;
      w.in.year = 2026;
      w.in.issuing_body = "UBND tỉnh Đồng Nai";
      w.in.number = "301/QĐ-UBND";
      w.in.decision_date = day;
      w.in.note = "Giao dự toán kinh phí phòng, chống mại dâm năm 2026";
      w.in.lines.push_back({0, "provincial_budget", 0, 600'000'000, ""});
      w.in.lines.push_back({0, "integrated_programmes", 0, 150'000'000, "Lồng ghép chương trình giảm nghèo"});
      issue(s, w, dn);
      ++written;
    }
  }
  return written;
}

}  // namespace longghep
