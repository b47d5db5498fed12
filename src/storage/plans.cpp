#include "storage/plans.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "storage/id_tables.hpp"
#include "storage/org_units.hpp"
#include "storage/programmes.hpp"
#include "storage/query.hpp"

namespace longghep {
using nlohmann::json;

namespace {
bool agency_exists(soci::session& s, long long id) {
  int n = 0;
  s << "SELECT COUNT(*) FROM agencies WHERE id = :id", soci::use(id), soci::into(n);
  return n > 0;
}

void require_programme(soci::session& s, long long id, const Scope& scope, const std::string& field) {
  auto head = programme_head(s, id);
  if (!head || !scope.contains(head->org_unit_id))
    throw Error::Validation(field, "Không có chương trình liên quan mã số " + std::to_string(id) + " trong phạm vi của bạn",
                            "No related programme " + std::to_string(id) + " in your scope");
}

void require_code(soci::session& s, const char* table, const std::string& code, const std::string& field,
                  const char* what_vi, const char* what_en) {
  if (!taxonomy_has(s, table, code))
    throw Error::Validation(field, std::string(what_vi) + " không tồn tại: " + code, std::string(what_en) + " unknown: " + code);
}

std::string idx(const char* section, size_t i, const char* field) {
  return std::string(section) + "[" + std::to_string(i) + "]." + field;
}

json content_json(const PlanContent& c) {
  json b = json::array(), a = json::array(), r = json::array();
  for (const auto& x : c.beneficiaries)
    b.push_back({{"targetGroup", x.target_group}, {"programmeId", x.programme_id},
                 {"plannedCount", x.planned_count ? json(*x.planned_count) : json(nullptr)}, {"note", x.note}});
  for (const auto& x : c.activities)
    a.push_back({{"id", x.id}, {"interventionType", x.intervention_type}, {"targetGroup", x.target_group}, {"programmeId", x.programme_id},
                 {"description", x.description},
                 {"plannedQuantity", x.planned_quantity ? json(*x.planned_quantity) : json(nullptr)},
                 {"quantityUnit", x.quantity_unit}, {"startDate", x.start ? json(x.start->iso()) : json(nullptr)},
                 {"endDate", x.end ? json(x.end->iso()) : json(nullptr)}, {"locationUnitId", x.location_unit_id},
                 {"leadAgencyId", x.lead_agency_id}, {"partnerAgencyIds", x.partner_agency_ids}});
  for (size_t i = 0; i < c.activities.size(); ++i) {
    if (c.activities[i].budget.empty()) continue;
    json lines = json::array();
    for (const auto& l : c.activities[i].budget)
      lines.push_back({{"fundingSource", l.funding_source}, {"programmeId", l.programme_id}, {"amount", l.amount}});
    a[i]["budget"] = lines;
  }
  for (const auto& x : c.budget)
    r.push_back({{"fundingSource", x.funding_source}, {"year", x.year}, {"amount", x.amount},
                 {"programmeId", x.programme_id}, {"note", x.note}});
  return {{"title", c.title}, {"note", c.note}, {"beneficiaries", b}, {"activities", a}, {"budget", r}};
}

void write_content(soci::session& s, long long plan_id, const PlanContent& c) {
  s << "DELETE FROM plan_activity_partners WHERE activity_id IN (SELECT id FROM plan_activities WHERE plan_id = :p)",
      soci::use(plan_id);
  s << "DELETE FROM plan_activities WHERE plan_id = :p", soci::use(plan_id);
  s << "DELETE FROM plan_beneficiaries WHERE plan_id = :p", soci::use(plan_id);
  s << "DELETE FROM plan_budget_lines WHERE plan_id = :p", soci::use(plan_id);
  for (size_t i = 0; i < c.beneficiaries.size(); ++i) {
    const auto& x = c.beneficiaries[i];
    long long pos = static_cast<long long>(i), count = x.planned_count.value_or(0);
    soci::indicator ic = x.planned_count ? soci::i_ok : soci::i_null;
    s << "INSERT INTO plan_beneficiaries(plan_id, position, target_group_code, programme_id, planned_count, note) "
         "VALUES(:p, :pos, :g, :prog, :n, :note)",
        soci::use(plan_id), soci::use(pos), soci::use(x.target_group), soci::use(x.programme_id), soci::use(count, ic),
        soci::use(x.note);
  }
  for (size_t i = 0; i < c.activities.size(); ++i) {
    const auto& x = c.activities[i];
    long long pos = static_cast<long long>(i), qty = x.planned_quantity.value_or(0), prog = x.programme_id,
              loc = x.location_unit_id;
    std::string start = x.start ? x.start->iso() : "", end = x.end ? x.end->iso() : "";
    soci::indicator iq = x.planned_quantity ? soci::i_ok : soci::i_null, ip = prog ? soci::i_ok : soci::i_null,
                    il = loc ? soci::i_ok : soci::i_null, is = x.start ? soci::i_ok : soci::i_null,
                    ie = x.end ? soci::i_ok : soci::i_null, ig = x.target_group.empty() ? soci::i_null : soci::i_ok;
    long long id = 0;
    s << "INSERT INTO plan_activities(plan_id, position, intervention_type_code, target_group_code, programme_id, description, "
         "planned_quantity, quantity_unit, start_date, end_date, location_unit_id, lead_agency_id) "
         "VALUES(:p, :pos, :t, :g, :prog, :d, :q, :qu, :sd, :ed, :loc, :lead) RETURNING id",
        soci::use(plan_id), soci::use(pos), soci::use(x.intervention_type), soci::use(x.target_group, ig),
        soci::use(prog, ip), soci::use(x.description), soci::use(qty, iq), soci::use(x.quantity_unit),
        soci::use(start, is), soci::use(end, ie), soci::use(loc, il), soci::use(x.lead_agency_id), soci::into(id);
    for (long long a : x.partner_agency_ids)
      s << "INSERT INTO plan_activity_partners(activity_id, agency_id) VALUES(:a, :g)", soci::use(id), soci::use(a);
    for (size_t j = 0; j < x.budget.size(); ++j) {
      const auto& l = x.budget[j];
      long long bpos = static_cast<long long>(j), bprog = l.programme_id, bamount = l.amount;
      soci::indicator ibp = bprog ? soci::i_ok : soci::i_null;
      s << "INSERT INTO plan_activity_budget(plan_activity_id, position, funding_source_code, programme_id, amount) "
           "VALUES(:a, :pos, :f, :prog, :amount)",
          soci::use(id), soci::use(bpos), soci::use(l.funding_source), soci::use(bprog, ibp), soci::use(bamount);
    }
  }
  for (size_t i = 0; i < c.budget.size(); ++i) {
    const auto& x = c.budget[i];
    long long pos = static_cast<long long>(i), prog = x.programme_id;
    soci::indicator ip = prog ? soci::i_ok : soci::i_null;
    s << "INSERT INTO plan_budget_lines(plan_id, position, funding_source_code, year, amount, programme_id, note) "
         "VALUES(:p, :pos, :f, :y, :a, :prog, :note)",
        soci::use(plan_id), soci::use(pos), soci::use(x.funding_source), soci::use(x.year), soci::use(x.amount),
        soci::use(prog, ip), soci::use(x.note);
  }
}

PlanContent load_content(soci::session& s, const PlanRow& p) {
  PlanContent c;
  c.title = p.title;
  c.note = p.note;
  {
    PlanBeneficiary b;
    long long count = 0;
    soci::indicator ic;
    soci::statement st = (s.prepare << "SELECT target_group_code, programme_id, planned_count, note FROM plan_beneficiaries "
                                       "WHERE plan_id = :p ORDER BY position",
                          soci::into(b.target_group), soci::into(b.programme_id), soci::into(count, ic), soci::into(b.note),
                          soci::use(p.id));
    st.execute();
    while (st.fetch()) {
      b.planned_count = ic == soci::i_ok ? std::optional<long long>(count) : std::nullopt;
      c.beneficiaries.push_back(b);
    }
  }
  std::vector<long long> activity_ids;
  {
    long long id = 0, prog = 0, qty = 0, loc = 0, lead = 0;
    std::string type, group, desc, unit, start, end;
    soci::indicator ig, ip, iq, is, ie, il;
    soci::statement st = (s.prepare << "SELECT id, intervention_type_code, target_group_code, programme_id, description, "
                                       "planned_quantity, quantity_unit, start_date, end_date, location_unit_id, lead_agency_id "
                                       "FROM plan_activities WHERE plan_id = :p ORDER BY position",
                          soci::into(id), soci::into(type), soci::into(group, ig), soci::into(prog, ip), soci::into(desc),
                          soci::into(qty, iq), soci::into(unit), soci::into(start, is), soci::into(end, ie),
                          soci::into(loc, il), soci::into(lead), soci::use(p.id));
    st.execute();
    while (st.fetch()) {
      PlanActivity a;
      a.id = id;
      activity_ids.push_back(id);
      a.intervention_type = type;
      if (ig == soci::i_ok) a.target_group = group;
      if (ip == soci::i_ok) a.programme_id = prog;
      a.description = desc;
      if (iq == soci::i_ok) a.planned_quantity = qty;
      a.quantity_unit = unit;
      if (is == soci::i_ok) a.start = Date::parse(start);
      if (ie == soci::i_ok) a.end = Date::parse(end);
      if (il == soci::i_ok) a.location_unit_id = loc;
      a.lead_agency_id = lead;
      c.activities.push_back(std::move(a));
    }
  }
  for (size_t i = 0; i < activity_ids.size(); ++i) {
    long long agency = 0;
    soci::statement st = (s.prepare << "SELECT agency_id FROM plan_activity_partners WHERE activity_id = :a ORDER BY agency_id",
                          soci::into(agency), soci::use(activity_ids[i]));
    st.execute();
    while (st.fetch()) c.activities[i].partner_agency_ids.push_back(agency);
    ActivityBudgetLine l;
    long long bprog = 0;
    soci::indicator ibp = soci::i_null;
    soci::statement sb = (s.prepare << "SELECT funding_source_code, programme_id, amount FROM plan_activity_budget "
                                       "WHERE plan_activity_id = :a ORDER BY position, id",
                          soci::into(l.funding_source), soci::into(bprog, ibp), soci::into(l.amount), soci::use(activity_ids[i]));
    sb.execute();
    while (sb.fetch()) {
      l.programme_id = ibp == soci::i_ok ? bprog : 0;
      c.activities[i].budget.push_back(l);
    }
  }
  {
    PlanBudgetLine b;
    long long prog = 0;
    soci::indicator ip;
    soci::statement st = (s.prepare << "SELECT funding_source_code, year, amount, programme_id, note FROM plan_budget_lines "
                                       "WHERE plan_id = :p ORDER BY position",
                          soci::into(b.funding_source), soci::into(b.year), soci::into(b.amount), soci::into(prog, ip),
                          soci::into(b.note), soci::use(p.id));
    st.execute();
    while (st.fetch()) {
      b.programme_id = ip == soci::i_ok ? prog : 0;
      c.budget.push_back(b);
    }
  }
  return c;
}

json programme_ref(soci::session& s, long long id) {
  if (!id) return nullptr;
  std::string name;
  s << "SELECT name FROM programmes WHERE id = :id", soci::into(name), soci::use(id);
  if (!s.got_data()) return nullptr;
  return {{"id", id}, {"name", name}};
}

void record_transition(soci::session& s, long long plan_id, const std::string& action, std::optional<PlanStatus> from,
                       PlanStatus to, const Actor& actor, const std::string& comment) {
  const std::string at = now_iso_utc(), to_s = to_string(to), from_s = from ? to_string(*from) : "";
  soci::indicator iff = from ? soci::i_ok : soci::i_null, iu = actor.user_id ? soci::i_ok : soci::i_null;
  long long uid = actor.user_id;
  s << "INSERT INTO plan_transitions(plan_id, action, from_status, to_status, user_id, username, at, comment) "
       "VALUES(:p, :a, :f, :t, :u, :n, :at, :c)",
      soci::use(plan_id), soci::use(action), soci::use(from_s, iff), soci::use(to_s), soci::use(uid, iu),
      soci::use(actor.username), soci::use(at), soci::use(comment);
}

}  // namespace

// ----- validation -----

void validate_plan_content(soci::session& s, const PlanContent& c, const Scope& scope) {
  if (c.title.empty() || c.title.size() > 255 || !is_clean_utf8(c.title))
    throw Error::Validation("title", "Tên kế hoạch là bắt buộc (tối đa 255 ký tự)", "The plan title is required (at most 255 characters)");
  for (size_t i = 0; i < c.beneficiaries.size(); ++i) {
    const auto& x = c.beneficiaries[i];
    require_code(s, "target_groups", x.target_group, idx("beneficiaries", i, "targetGroup"), "Nhóm đối tượng", "Target group");
    require_programme(s, x.programme_id, scope, idx("beneficiaries", i, "programmeId"));
    if (x.planned_count && *x.planned_count < 0)
      throw Error::Validation(idx("beneficiaries", i, "plannedCount"), "Số đối tượng không được âm", "The planned count cannot be negative");
  }
  for (size_t i = 0; i < c.activities.size(); ++i) {
    const auto& x = c.activities[i];
    require_code(s, "intervention_types", x.intervention_type, idx("activities", i, "interventionType"), "Loại can thiệp", "Intervention type");
    if (!x.target_group.empty())
      require_code(s, "target_groups", x.target_group, idx("activities", i, "targetGroup"), "Nhóm đối tượng", "Target group");
    if (x.programme_id) require_programme(s, x.programme_id, scope, idx("activities", i, "programmeId"));
    if (x.description.empty())
      throw Error::Validation(idx("activities", i, "description"), "Nội dung hoạt động là bắt buộc", "The activity description is required");
    if (x.planned_quantity && *x.planned_quantity < 0)
      throw Error::Validation(idx("activities", i, "plannedQuantity"), "Số lượng dự kiến không được âm", "The planned quantity cannot be negative");
    if (x.start && x.end && *x.end < *x.start)
      throw Error::Validation(idx("activities", i, "endDate"), "Ngày kết thúc trước ngày bắt đầu", "The end date is before the start date");
    if (!agency_exists(s, x.lead_agency_id))
      throw Error::Validation(idx("activities", i, "leadAgencyId"), "Cơ quan chủ trì không tồn tại", "Unknown lead agency");
    for (long long a : x.partner_agency_ids)
      if (!agency_exists(s, a))
        throw Error::Validation(idx("activities", i, "partnerAgencyIds"), "Cơ quan phối hợp không tồn tại: " + std::to_string(a),
                                "Unknown partner agency: " + std::to_string(a));
  }
  // Budgets per activity (issue 19): every fault listed.
  if (budget_by_activity(c) && !c.budget.empty())
    throw Error::Validation("budget",
                            "Kinh phí đã lập theo từng hoạt động; tổng kinh phí của kế hoạch được tính từ các hoạt động, không nhập lại",
                            "The budget is planned per activity; the plan's total is computed from its activities, not typed again");
  std::vector<FieldIssue> issues;
  for (size_t i = 0; i < c.activities.size(); ++i) {
    const auto& lines = c.activities[i].budget;
    const std::string base = "activities[" + std::to_string(i) + "].budget";
    if (lines.size() > 20)
      issues.push_back({base, "Tối đa 20 dòng kinh phí cho một hoạt động", "At most 20 budget lines per activity"});
    std::set<std::pair<std::string, long long>> seen;
    for (size_t j = 0; j < lines.size() && j < 20; ++j) {
      const auto& l = lines[j];
      const std::string f = base + "[" + std::to_string(j) + "].";
      if (!taxonomy_has(s, "funding_sources", l.funding_source))
        issues.push_back({f + "fundingSource", "Nguồn kinh phí không tồn tại: " + l.funding_source, "Funding source unknown: " + l.funding_source});
      else if (!seen.insert({l.funding_source, l.programme_id}).second)
        issues.push_back({f + "fundingSource", "Trùng dòng kinh phí (cùng nguồn và chương trình)",
                          "A duplicate budget line (same source and programme)"});
      if (l.amount < 0 || l.amount > 1'000'000'000'000'000LL)
        issues.push_back({f + "amount", "Kinh phí phải từ 0 đến 10^15 đồng", "The amount must be between 0 and 10^15 VND"});
      if (l.programme_id) {
        auto head = programme_head(s, l.programme_id);
        if (!head || !scope.contains(head->org_unit_id))
          issues.push_back({f + "programmeId", "Không có chương trình liên quan mã số " + std::to_string(l.programme_id) + " trong phạm vi của bạn",
                            "No related programme " + std::to_string(l.programme_id) + " in your scope"});
      }
    }
  }
  if (!issues.empty()) throw Error::Invalid(std::move(issues));
  for (size_t i = 0; i < c.budget.size(); ++i) {
    const auto& x = c.budget[i];
    require_code(s, "funding_sources", x.funding_source, idx("budget", i, "fundingSource"), "Nguồn kinh phí", "Funding source");
    if (x.year < 2000 || x.year > 2100)
      throw Error::Validation(idx("budget", i, "year"), "Năm phải trong khoảng 2000–2100", "Year must be between 2000 and 2100");
    if (x.amount < 0)
      throw Error::Validation(idx("budget", i, "amount"), "Kinh phí không được âm", "The amount cannot be negative");
    if (x.programme_id) require_programme(s, x.programme_id, scope, idx("budget", i, "programmeId"));
  }
}

bool budget_by_activity(const PlanContent& c) {
  for (const auto& a : c.activities)
    if (!a.budget.empty()) return true;
  return false;
}

std::vector<PlanBudgetLine> derived_budget(const PlanContent& c, int year) {
  std::vector<PlanBudgetLine> out;
  std::map<std::pair<std::string, long long>, size_t> at;
  for (const auto& a : c.activities)
    for (const auto& l : a.budget) {
      auto [it, fresh] = at.try_emplace({l.funding_source, l.programme_id}, out.size());
      if (fresh) out.push_back(PlanBudgetLine{l.funding_source, year, 0, l.programme_id, ""});
      out[it->second].amount += l.amount;
    }
  return out;
}

// ----- writes -----

long long create_plan(soci::session& s, long long org_unit_id, long long agency_id, int year, const PlanContent& c,
                      const Actor& actor, const std::string& key) {
  if (year < 2000 || year > 2100)
    throw Error::Validation("year", "Năm phải trong khoảng 2000–2100", "Year must be between 2000 and 2100");
  int taken = 0;
  s << "SELECT COUNT(*) FROM integration_plans WHERE org_unit_id = :u AND agency_id = :a AND year = :y",
      soci::use(org_unit_id), soci::use(agency_id), soci::use(year), soci::into(taken);
  if (taken)
    throw Error(409, "conflict", "Cơ quan này đã có kế hoạch lồng ghép năm " + std::to_string(year) + " cho đơn vị này",
                "This agency already has an integration plan for this unit and year " + std::to_string(year), "year");
  const std::string now = now_iso_utc(), folded = fold_for_search(c.title), draft = to_string(PlanStatus::draft);
  soci::indicator ik = key.empty() ? soci::i_null : soci::i_ok;
  long long id = 0;
  s << "INSERT INTO integration_plans(key, plan_version, org_unit_id, agency_id, year, title, title_folded, note, status, "
       "version, created_at, updated_at) VALUES(:k, 1, :u, :a, :y, :t, :tf, :n, :st, 1, :c, :up) RETURNING id",
      soci::use(key, ik), soci::use(org_unit_id), soci::use(agency_id), soci::use(year), soci::use(c.title),
      soci::use(folded), soci::use(c.note), soci::use(draft), soci::use(now), soci::use(now), soci::into(id);
  s << "UPDATE integration_plans SET root_id = :id WHERE id = :id2", soci::use(id), soci::use(id);
  if (budget_by_activity(c)) {
    PlanContent d = c;
    d.budget = derived_budget(c, year);
    write_content(s, id, d);
  } else {
    write_content(s, id, c);
  }
  record_transition(s, id, "create", std::nullopt, PlanStatus::draft, actor, "");
  json after = content_json(c);
  after["orgUnitId"] = org_unit_id;
  after["agencyId"] = agency_id;
  after["year"] = year;
  after["status"] = draft;
  record_audit(s, actor, {"create", "integration_plan", std::to_string(id), org_unit_id, std::nullopt, after});
  return id;
}

void update_plan(soci::session& s, long long id, long long version, const PlanContent& c, const Actor& actor) {
  auto p = get_plan_row(s, id);
  if (!p) throw Error::NotFound("kế hoạch", "Plan");
  PlanWorkflow::apply(p->status, PlanAction::edit);
  if (p->version != version) throw Error::Conflict();
  json before = content_json(load_content(s, *p));
  const std::string now = now_iso_utc(), folded = fold_for_search(c.title), status = to_string(p->status);
  soci::statement st = (s.prepare << "UPDATE integration_plans SET title = :t, title_folded = :tf, note = :n, version = version + 1, "
                                     "updated_at = :u WHERE id = :id AND version = :v AND status = :s",
                        soci::use(c.title), soci::use(folded), soci::use(c.note), soci::use(now), soci::use(id),
                        soci::use(version), soci::use(status));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  if (budget_by_activity(c)) {
    PlanContent d = c;
    d.budget = derived_budget(c, p->year);
    write_content(s, id, d);
  } else {
    write_content(s, id, c);
  }
  record_audit(s, actor, {"update", "integration_plan", std::to_string(id), p->org_unit_id, before, content_json(c)});
}

namespace {
void set_status(soci::session& s, const PlanRow& p, PlanStatus to, const std::string& history_action, const Actor& actor,
                const std::string& comment, bool record_submitter, const PlanDecision* decision = nullptr) {
  const std::string now = now_iso_utc(), from_s = to_string(p.status), to_s = to_string(to);
  long long submitter = actor.user_id;
  soci::indicator is = submitter ? soci::i_ok : soci::i_null;
  soci::statement st(s);
  if (record_submitter)
    st = (s.prepare << "UPDATE integration_plans SET status = :to, submitted_by = :sb, version = version + 1, updated_at = :u "
                       "WHERE id = :id AND status = :from",
          soci::use(to_s), soci::use(submitter, is), soci::use(now), soci::use(p.id), soci::use(from_s));
  else
    st = (s.prepare << "UPDATE integration_plans SET status = :to, version = version + 1, updated_at = :u "
                       "WHERE id = :id AND status = :from",
          soci::use(to_s), soci::use(now), soci::use(p.id), soci::use(from_s));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  json after{{"status", to_s}, {"action", history_action}, {"comment", comment}};
  if (decision) {
    const std::string date = decision->date ? decision->date->iso() : "";
    soci::indicator id = decision->date ? soci::i_ok : soci::i_null;
    s << "UPDATE integration_plans SET decision_body = :b, decision_number = :n, decision_date = :d WHERE id = :id",
        soci::use(decision->body), soci::use(decision->number), soci::use(date, id), soci::use(p.id);
    after["decision"] = decision_json(*decision);
  }
  record_transition(s, p.id, history_action, p.status, to, actor, comment);
  record_audit(s, actor, {"update", "integration_plan", std::to_string(p.id), p.org_unit_id, json{{"status", from_s}}, after});
}
}  // namespace

PlanStatus transition_plan(soci::session& s, long long id, PlanAction action, const std::string& comment,
                           const Actor& actor, const PlanDecision* decision) {
  auto p = get_plan_row(s, id);
  if (!p) throw Error::NotFound("kế hoạch", "Plan");
  PlanStatus to = PlanWorkflow::apply(p->status, action);
  PlanWorkflow::require_comment(action, comment);
  set_status(s, *p, to, PlanWorkflow::history_action(p->status, action), actor, comment, action == PlanAction::submit,
             action == PlanAction::approve ? decision : nullptr);
  if (action == PlanAction::approve) {
    // The older approved versions of the same plan are superseded by this one.
    std::vector<long long> older;
    long long oid = 0;
    const std::string approved = to_string(PlanStatus::approved);
    soci::statement st = (s.prepare << "SELECT id FROM integration_plans WHERE root_id = :r AND id <> :id AND status = :s",
                          soci::into(oid), soci::use(p->root_id), soci::use(p->id), soci::use(approved));
    st.execute();
    while (st.fetch()) older.push_back(oid);
    for (long long o : older) {
      auto op = get_plan_row(s, o);
      PlanStatus next = PlanWorkflow::apply(op->status, PlanAction::supersede);
      set_status(s, *op, next, "supersede", actor,
                 "Được thay thế bởi phiên bản " + std::to_string(p->plan_version) + " / superseded by version " +
                     std::to_string(p->plan_version),
                 false);
    }
  }
  return to;
}

json decision_json(const PlanDecision& d) {
  if (d.body.empty() && d.number.empty() && !d.date) return nullptr;
  return {{"body", d.body}, {"number", d.number}, {"date", d.date ? json(d.date->iso()) : json(nullptr)}};
}

void update_plan_decision(soci::session& s, long long id, long long version, const PlanDecision& d, const Actor& actor) {
  auto p = get_plan_row(s, id);
  if (!p) throw Error::NotFound("kế hoạch", "Plan");
  if (p->status != PlanStatus::approved)
    throw Error(409, "invalid_transition", "Chỉ sửa được quyết định phê duyệt của kế hoạch đang ở trạng thái đã phê duyệt",
                "Only the decision of a plan in status approved can be corrected");
  if (p->version != version) throw Error::Conflict();
  const std::string now = now_iso_utc(), approved = to_string(PlanStatus::approved), date = d.date ? d.date->iso() : "";
  soci::indicator idate = d.date ? soci::i_ok : soci::i_null;
  soci::statement st = (s.prepare << "UPDATE integration_plans SET decision_body = :b, decision_number = :n, decision_date = :d, "
                                     "version = version + 1, updated_at = :u WHERE id = :id AND version = :v AND status = :s",
                        soci::use(d.body), soci::use(d.number), soci::use(date, idate), soci::use(now), soci::use(id),
                        soci::use(version), soci::use(approved));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  const json before = decision_json(p->decision), after = decision_json(d);
  std::string comment = "Sửa quyết định phê duyệt: " + d.number + " ngày " + (d.date ? d.date->vn() : "") + " của " + d.body;
  record_transition(s, id, "decision", PlanStatus::approved, PlanStatus::approved, actor, comment);
  record_audit(s, actor, {"update", "integration_plan", std::to_string(id), p->org_unit_id, json{{"decision", before}},
                          json{{"decision", after}}});
}

long long new_plan_version(soci::session& s, long long id, const Actor& actor) {
  auto p = get_plan_row(s, id);
  if (!p) throw Error::NotFound("kế hoạch", "Plan");
  PlanWorkflow::apply(p->status, PlanAction::new_version);
  if (!is_latest_version(s, *p))
    throw Error(409, "conflict", "Kế hoạch đã có phiên bản mới hơn; hãy sửa phiên bản đó",
                "The plan already has a newer version; edit that one");
  PlanContent c = load_content(s, *p);
  const std::string now = now_iso_utc(), folded = fold_for_search(c.title), draft = to_string(PlanStatus::draft);
  const int next = p->plan_version + 1;
  long long nid = 0;
  s << "INSERT INTO integration_plans(root_id, plan_version, org_unit_id, agency_id, year, title, title_folded, note, status, "
       "version, created_at, updated_at) VALUES(:r, :pv, :u, :a, :y, :t, :tf, :n, :st, 1, :c, :up) RETURNING id",
      soci::use(p->root_id), soci::use(next), soci::use(p->org_unit_id), soci::use(p->agency_id), soci::use(p->year),
      soci::use(c.title), soci::use(folded), soci::use(c.note), soci::use(draft), soci::use(now), soci::use(now),
      soci::into(nid);
  write_content(s, nid, c);
  record_transition(s, nid, "new_version", std::nullopt, PlanStatus::draft, actor,
                    "Tạo từ phiên bản " + std::to_string(p->plan_version) + " / created from version " +
                        std::to_string(p->plan_version));
  json after = content_json(c);
  after["fromPlanId"] = p->id;
  after["planVersion"] = next;
  record_audit(s, actor, {"create", "integration_plan", std::to_string(nid), p->org_unit_id, std::nullopt, after});
  return nid;
}

// ----- reads -----

std::string plan_submitted_at(soci::session& s, long long plan_id) {
  std::string at;
  soci::indicator ind = soci::i_null;
  s << "SELECT MAX(at) FROM plan_transitions WHERE plan_id = :id AND to_status = 'submitted'", soci::into(at, ind),
      soci::use(plan_id);
  return ind == soci::i_ok ? at : std::string();
}

namespace {
constexpr const char* kPlanColumns =
    "SELECT id, root_id, plan_version, org_unit_id, agency_id, year, title, note, status, submitted_by, version, "
    "created_at, updated_at, decision_body, decision_number, decision_date FROM integration_plans";
}  // namespace

std::vector<PlanRow> plan_rows(soci::session& s, const std::vector<long long>& ids) {
  if (ids.empty()) return {};
  PlanRow p;
  std::string status, dbody, dnumber, ddate;
  long long root = 0, submitted = 0;
  soci::indicator ir = soci::i_ok, is = soci::i_ok, idb = soci::i_ok, idn = soci::i_ok, idd = soci::i_ok;
  const std::string arr = id_array(s, ids);
  soci::statement st = read_once(
      s, std::string(kPlanColumns) + " WHERE id" + id_in(s, "ids"), soci::into(p.id), soci::into(root, ir),
      soci::into(p.plan_version), soci::into(p.org_unit_id), soci::into(p.agency_id), soci::into(p.year),
      soci::into(p.title), soci::into(p.note), soci::into(status), soci::into(submitted, is), soci::into(p.version),
      soci::into(p.created_at), soci::into(p.updated_at), soci::into(dbody, idb), soci::into(dnumber, idn),
      soci::into(ddate, idd), soci::use(arr, "ids"));
  st.execute();
  std::unordered_map<long long, PlanRow> found;
  while (st.fetch()) {
    p.root_id = ir == soci::i_ok ? root : p.id;
    p.submitted_by = is == soci::i_ok ? submitted : 0;
    p.status = parse_plan_status(status).value_or(PlanStatus::draft);
    p.decision = PlanDecision{idb == soci::i_ok ? dbody : "", idn == soci::i_ok ? dnumber : "",
                              idd == soci::i_ok ? Date::parse(ddate) : std::nullopt};
    found[p.id] = p;
  }
  std::vector<PlanRow> out;
  out.reserve(found.size());
  for (long long id : ids)
    if (auto it = found.find(id); it != found.end()) out.push_back(it->second);
  return out;
}

std::optional<PlanRow> get_plan_row(soci::session& s, long long id) {
  auto rows = plan_rows(s, {id});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

bool is_latest_version(soci::session& s, const PlanRow& p) {
  int newer = 0;
  s << "SELECT COUNT(*) FROM integration_plans WHERE root_id = :r AND plan_version > :v", soci::use(p.root_id),
      soci::use(p.plan_version), soci::into(newer);
  return newer == 0;
}

std::vector<json> plan_summaries(soci::session& s, const Hierarchy& h, const std::vector<PlanRow>& rows) {
  if (rows.empty()) return {};
  // Per plan, in one statement: its budget total, whether a later version exists, its agency.
  struct Extra {
    long long total = 0;
    bool latest = true;
    json agency = nullptr;
  };
  std::vector<long long> ids;
  for (const auto& p : rows) ids.push_back(p.id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  const std::string arr = id_array(s, ids);
  long long id = 0, total = 0, newer = 0, agency = 0;
  std::string name, short_name;
  soci::indicator in = soci::i_ok, isn = soci::i_ok;
  soci::statement st = read_once(
      s,
      "SELECT p.id, CAST(COALESCE((SELECT SUM(b.amount) FROM plan_budget_lines b WHERE b.plan_id = p.id), 0) AS BIGINT), "
      "(SELECT COUNT(*) FROM integration_plans n WHERE n.root_id = COALESCE(p.root_id, p.id) AND n.plan_version > "
      "p.plan_version), p.agency_id, ag.name, ag.short_name FROM integration_plans p LEFT JOIN agencies ag ON ag.id = "
      "p.agency_id WHERE p.id" + id_in(s, "ids"),
      soci::into(id), soci::into(total), soci::into(newer), soci::into(agency), soci::into(name, in),
      soci::into(short_name, isn), soci::use(arr, "ids"));
  st.execute();
  std::unordered_map<long long, Extra> extra;
  while (st.fetch()) {
    Extra& e = extra[id];
    e.total = total;
    e.latest = newer == 0;
    if (in == soci::i_ok) e.agency = {{"id", agency}, {"name", name}, {"shortName", isn == soci::i_ok ? short_name : ""}};
  }
  std::vector<json> out;
  out.reserve(rows.size());
  for (const auto& p : rows) {
    const OrgUnit* u = h.by_id(p.org_unit_id);
    const Extra& e = extra[p.id];
    out.push_back({{"id", p.id}, {"rootId", p.root_id}, {"planVersion", p.plan_version}, {"latest", e.latest},
                   {"orgUnit", u ? org_unit_ref(*u) : json(nullptr)}, {"agency", e.agency}, {"year", p.year},
                   {"title", p.title}, {"status", to_string(p.status)}, {"budgetTotal", e.total},
                   {"decision", decision_json(p.decision)},
                   {"version", p.version}, {"createdAt", p.created_at}, {"updatedAt", p.updated_at}});
  }
  return out;
}

json plan_summary_json(soci::session& s, const Hierarchy& h, const PlanRow& p) {
  return plan_summaries(s, h, {p}).front();
}

json plan_json(soci::session& s, const Hierarchy& h, const PlanRow& p) {
  json out = plan_summary_json(s, h, p);
  PlanContent c = load_content(s, p);
  out["note"] = c.note;
  std::string submitter;
  if (p.submitted_by) {
    s << "SELECT username FROM users WHERE id = :id", soci::into(submitter), soci::use(p.submitted_by);
  }
  out["submittedBy"] = submitter.empty() ? json(nullptr) : json(submitter);
  json b = json::array(), a = json::array(), r = json::array();
  for (const auto& x : c.beneficiaries)
    b.push_back({{"targetGroup", x.target_group}, {"programme", programme_ref(s, x.programme_id)},
                 {"plannedCount", x.planned_count ? json(*x.planned_count) : json(nullptr)}, {"note", x.note}});
  for (const auto& x : c.activities) {
    json partners = json::array();
    for (long long id : x.partner_agency_ids) partners.push_back(agency_ref_by_id(s, id));
    const OrgUnit* loc = x.location_unit_id ? h.by_id(x.location_unit_id) : nullptr;
    a.push_back({{"id", x.id}, {"interventionType", x.intervention_type},
                 {"targetGroup", x.target_group.empty() ? json(nullptr) : json(x.target_group)},
                 {"programme", programme_ref(s, x.programme_id)}, {"description", x.description},
                 {"plannedQuantity", x.planned_quantity ? json(*x.planned_quantity) : json(nullptr)},
                 {"quantityUnit", x.quantity_unit}, {"startDate", x.start ? json(x.start->iso()) : json(nullptr)},
                 {"endDate", x.end ? json(x.end->iso()) : json(nullptr)},
                 {"location", loc ? org_unit_ref(*loc) : json(nullptr)},
                 {"leadAgency", agency_ref_by_id(s, x.lead_agency_id)}, {"partners", partners}});
    json lines = json::array();
    long long total = 0;
    for (const auto& l : x.budget) {
      lines.push_back({{"fundingSource", l.funding_source}, {"programme", programme_ref(s, l.programme_id)}, {"amount", l.amount}});
      total += l.amount;
    }
    a.back()["budget"] = lines;
    a.back()["budgetTotal"] = total;
  }
  for (const auto& x : c.budget)
    r.push_back({{"fundingSource", x.funding_source}, {"year", x.year}, {"amount", x.amount},
                 {"programme", programme_ref(s, x.programme_id)}, {"note", x.note}});
  out["beneficiaries"] = b;
  out["activities"] = a;
  out["budget"] = r;
  out["budgetBasis"] = budget_by_activity(c) ? "activities" : (c.budget.empty() ? "none" : "plan");
  return out;
}

json plan_history(soci::session& s, long long root_id) {
  json items = json::array();
  long long id = 0, plan_id = 0;
  int plan_version = 0;
  std::string action, from, to, username, at, comment;
  soci::indicator ifr;
  soci::statement st = (s.prepare << "SELECT t.id, t.plan_id, p.plan_version, t.action, t.from_status, t.to_status, "
                                     "t.username, t.at, t.comment FROM plan_transitions t "
                                     "JOIN integration_plans p ON p.id = t.plan_id WHERE p.root_id = :r ORDER BY t.id",
                        soci::into(id), soci::into(plan_id), soci::into(plan_version), soci::into(action),
                        soci::into(from, ifr), soci::into(to), soci::into(username), soci::into(at), soci::into(comment),
                        soci::use(root_id));
  st.execute();
  while (st.fetch())
    items.push_back({{"id", id}, {"planId", plan_id}, {"planVersion", plan_version}, {"action", action},
                     {"fromStatus", ifr == soci::i_ok ? json(from) : json(nullptr)}, {"toStatus", to},
                     {"username", username}, {"at", at}, {"comment", comment}});
  return {{"items", items}};
}

json plan_versions(soci::session& s, const Hierarchy& h, long long root_id) {
  std::vector<long long> ids;
  long long id = 0;
  soci::statement st = (s.prepare << "SELECT id FROM integration_plans WHERE root_id = :r ORDER BY plan_version",
                        soci::into(id), soci::use(root_id));
  st.execute();
  while (st.fetch()) ids.push_back(id);
  json items = json::array();
  for (auto& j : plan_summaries(s, h, plan_rows(s, ids))) items.push_back(std::move(j));
  return {{"items", items}};
}

json list_plans(soci::session& s, const Hierarchy& h, const PlanFilter& f) {
  const bool scoped = !f.scope->all();
  if (scoped) load_scope_ids(s, *f.scope);
  auto filtered = [&](const std::string& select) {
    Query q(select + " FROM integration_plans p WHERE 1=1");
    if (scoped) q.append(" AND p.org_unit_id IN (SELECT id FROM scope_ids)");
    if (f.latest_only)
      q.append(" AND NOT EXISTS (SELECT 1 FROM integration_plans n WHERE n.root_id = p.root_id AND n.plan_version > p.plan_version)");
    if (f.only_agency) q.and_where("p.agency_id = ?", f.only_agency);
    if (f.org_unit_id) q.and_where("p.org_unit_id = ?", f.org_unit_id);
    if (f.agency_id) q.and_where("p.agency_id = ?", f.agency_id);
    if (f.year) q.and_where("p.year = ?", static_cast<long long>(f.year));
    if (!f.status.empty()) q.and_where("p.status = ?", f.status);
    if (!f.q.empty()) q.and_contains("p.title_folded", fold_for_search(f.q));
    return q;
  };
  std::string order = " ORDER BY p.year DESC, p.title_folded, p.id";
  if (f.sort == "year") order = " ORDER BY p.year, p.title_folded, p.id";
  else if (f.sort == "title") order = " ORDER BY p.title_folded, p.id";
  else if (f.sort == "-title") order = " ORDER BY p.title_folded DESC, p.id";
  else if (f.sort == "updatedAt") order = " ORDER BY p.updated_at, p.id";
  else if (f.sort == "-updatedAt") order = " ORDER BY p.updated_at DESC, p.id";
  auto [ids, total] = page_of_ids(s, filtered, "p.id", order, f.page, f.page_size);
  json items = json::array();
  for (auto& j : plan_summaries(s, h, plan_rows(s, ids))) items.push_back(std::move(j));
  return {{"items", items}, {"total", total}, {"page", f.page}, {"pageSize", f.page_size}};
}

std::vector<PlanRow> submitted_plans(soci::session& s, const Scope& scope) {
  std::vector<long long> ids;
  long long id = 0;
  const std::string submitted = to_string(PlanStatus::submitted);
  Query q("SELECT id FROM integration_plans WHERE 1=1");
  if (!scope.all()) {
    load_scope_ids(s, scope);
    q.append(" AND org_unit_id IN (SELECT id FROM scope_ids)");
  }
  q.and_where("status = ?", submitted).append(" ORDER BY updated_at, id");
  soci::statement st = q.prepare(s, soci::into(id));
  st.execute();
  while (st.fetch()) ids.push_back(id);
  return plan_rows(s, ids);
}

std::vector<PlanRow> approved_plans_of(soci::session& s, const std::vector<long long>& unit_ids, int year) {
  std::vector<long long> ids;
  const std::string approved = to_string(PlanStatus::approved);
  for (long long unit : unit_ids) {
    long long id = 0;
    soci::statement st = (s.prepare << "SELECT id FROM integration_plans WHERE org_unit_id = :u AND year = :y AND status = :s "
                                       "ORDER BY id",
                          soci::into(id), soci::use(unit), soci::use(year), soci::use(approved));
    st.execute();
    while (st.fetch()) ids.push_back(id);
  }
  return plan_rows(s, ids);
}

std::vector<ApprovalRule> load_approval_rules(soci::session& s) {
  std::vector<ApprovalRule> out;
  ApprovalRule r;
  soci::statement st = (s.prepare << "SELECT plan_unit_kind, approver_role, approver_unit_kind FROM approval_rules ORDER BY id",
                        soci::into(r.plan_unit_kind), soci::into(r.approver_role), soci::into(r.approver_unit_kind));
  st.execute();
  while (st.fetch()) out.push_back(r);
  return out;
}

std::optional<long long> plan_id_by_key(soci::session& s, const std::string& key) {
  long long id = 0;
  s << "SELECT id FROM integration_plans WHERE key = :k", soci::use(key), soci::into(id);
  if (!s.got_data()) return std::nullopt;
  return id;
}

}  // namespace longghep
