// Evidence for commune classification (issue 18 §2, docs/api-classification.md "Evidence"): what the
// registers hold about one commune (and its predecessors) in one year. One query per register
// (plans, activities, reports, groups, services, businesses, inspections), parameterised, on
// indexed columns; the rules that already exist are reused: report timeliness
// (domain/reporting.hpp), business figures (domain/inspection_figures.hpp), the case facts with
// their consent rule (storage/case_stats.hpp).
#include "storage/classification_evidence.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <set>
#include <tuple>

#include "analytics/case_stats.hpp"
#include "domain/evidence_rules.hpp"
#include "domain/inspection_figures.hpp"
#include "domain/reporting.hpp"
#include "storage/case_stats.hpp"
#include "storage/query.hpp"
#include "storage/reports.hpp"

namespace longghep {

namespace {

constexpr size_t kMaxSources = 20;

// The prostitution topics of violation_topics (migration 0030): harbouring, brokering, using the
// business to facilitate prostitution, buying sex.
const std::vector<std::string>& prostitution_topics() {
  static const std::vector<std::string> t = {"harbouring_prostitution", "brokering_prostitution",
                                             "facilitating_prostitution", "buying_sex"};
  return t;
}

// " IN (:pN, …)" over ids, bound.
void in_ids(Query& q, const std::vector<long long>& ids) {
  q.append(" IN (");
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) q.append(",");
    q.append_bound("?", ids[i]);
  }
  q.append(")");
}
void in_strings(Query& q, const std::vector<std::string>& v) {
  q.append(" IN (");
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) q.append(",");
    q.append_bound("?", v[i]);
  }
  q.append(")");
}

// The commune and its predecessors (lineage, transitively); `partial` when a partial split is among
// the links.
struct Units {
  std::vector<long long> ids;
  bool partial = false;
};
Units units_of(const Hierarchy& h, long long commune) {
  Units u;
  std::set<long long> seen{commune};
  std::deque<long long> todo{commune};
  while (!todo.empty()) {
    const long long id = todo.front();
    todo.pop_front();
    for (const LineageEvent* e : h.predecessors(id)) {
      if (e->partial) u.partial = true;
      if (seen.insert(e->from_id).second) todo.push_back(e->from_id);
    }
  }
  u.ids.assign(seen.begin(), seen.end());
  return u;
}

EvidenceValue make(const std::string& metric, std::string vi, std::string en, std::string unit_vi, std::string unit_en,
                   bool partial) {
  EvidenceValue v;
  v.metric = metric;
  v.label_vi = std::move(vi);
  v.label_en = std::move(en);
  if (partial) {
    v.label_vi += " (gồm cả dữ liệu của đơn vị tách một phần)";
    v.label_en += " (includes the data of a unit split in part)";
  }
  v.unit_vi = std::move(unit_vi);
  v.unit_en = std::move(unit_en);
  return v;
}

// Newest first (date, then id), at most kMaxSources.
void set_sources(EvidenceValue& v, std::vector<EvidenceSource> all) {
  std::stable_sort(all.begin(), all.end(), [](const EvidenceSource& a, const EvidenceSource& b) {
    return a.date != b.date ? a.date > b.date : a.id > b.id;
  });
  v.sources_total = static_cast<long long>(all.size());
  if (all.size() > kMaxSources) all.resize(kMaxSources);
  v.sources = std::move(all);
}

}  // namespace

const std::vector<std::string>& evidence_metric_codes() {
  static const std::vector<std::string> codes = {
      "approved_plan",        "comm_activities",       "people_reached", "reports_on_time_pct",
      "active_groups",        "services_delivered",    "people_supported", "businesses_operating",
      "business_coverage_pct", "violations",           "repeat_violators", "prostitution_violations"};
  return codes;
}

std::map<std::string, EvidenceValue> classification_evidence(soci::session& s, const Hierarchy& h, long long commune_unit_id,
                                                             int year) {
  const Units units = units_of(h, commune_unit_id);
  const bool partial = units.partial;
  const Date lo = Date::from_ymd(year, 1, 1), hi = Date::from_ymd(year, 12, 31);
  const std::string lo_s = lo.iso(), hi_s = hi.iso();
  std::map<std::string, EvidenceValue> out;

  // ----- approved_plan -----
  {
    EvidenceValue v = make("approved_plan", "Kế hoạch lồng ghép năm " + std::to_string(year) + " đã được phê duyệt",
                           "Integration plans of " + std::to_string(year) + " approved", "kế hoạch", "plans", partial);
    long long id = 0;
    std::string title, updated;
    Query q("SELECT id, title, updated_at FROM integration_plans WHERE org_unit_id");
    in_ids(q, units.ids);
    q.and_where("year = ?", static_cast<long long>(year)).append(" AND status = 'approved'");
    soci::statement st = q.prepare(s, soci::into(id), soci::into(title), soci::into(updated));
    std::vector<EvidenceSource> src;
    if (st.execute(true)) do {
        src.push_back({"plan", id, "", title, updated.substr(0, 10)});
      } while (st.fetch());
    v.value = static_cast<double>(src.size());
    set_sources(v, std::move(src));
    out[v.metric] = std::move(v);
  }

  // ----- comm_activities, people_reached: one read of the year's activities -----
  {
    EvidenceValue comm = make("comm_activities", "Hoạt động truyền thông (nhóm a) bắt đầu trong năm",
                              "Communication activities (group a) starting in the year", "hoạt động", "activities", partial);
    EvidenceValue reached = make("people_reached", "Tổng số lượt người được tiếp cận của các hoạt động bắt đầu trong năm",
                                 "People reached by the activities starting in the year", "lượt người", "people", partial);
    long long id = 0, n = 0;
    std::string title, start, grp;
    Query q("SELECT a.id, a.title, a.start_date, t.grp, a.reached_total FROM activities a "
            "JOIN intervention_types t ON t.code = a.intervention_type_code WHERE a.org_unit_id");
    in_ids(q, units.ids);
    q.and_where("a.start_date >= ?", lo_s).and_where("a.start_date <= ?", hi_s);
    soci::statement st = q.prepare(s, soci::into(id), soci::into(title), soci::into(start), soci::into(grp), soci::into(n));
    std::vector<EvidenceSource> comm_src, reach_src;
    long long total = 0;
    if (st.execute(true)) do {
        EvidenceSource x{"activity", id, "", title, start};
        if (grp == "a") comm_src.push_back(x);
        total += n;
        if (n > 0) reach_src.push_back(x);
      } while (st.fetch());
    comm.value = static_cast<double>(comm_src.size());
    reached.value = static_cast<double>(total);
    set_sources(comm, std::move(comm_src));
    set_sources(reached, std::move(reach_src));
    out[comm.metric] = std::move(comm);
    out[reached.metric] = std::move(reached);
  }

  // ----- reports_on_time_pct -----
  // Due: every periodic form (active) × period of the year × unit of the commune valid on the
  // period's last day, whose deadline has passed or whose report is submitted. On time: submitted
  // (paper day for a back-filled one) on or before the deadline — domain/reporting.hpp.
  {
    EvidenceValue v = make("reports_on_time_pct", "Tỷ lệ báo cáo định kỳ của năm nộp đúng hạn",
                           "Periodic reports of the year submitted on time", "%", "%", partial);
    struct Row {
      long long id;
      std::string form, period, status, submitted_at, paper;
    };
    std::map<std::tuple<std::string, std::string, long long>, Row> rows;
    {
      long long id = 0, unit = 0;
      std::string form, period, status, submitted_at, paper;
      soci::indicator si = soci::i_ok, pi = soci::i_ok;
      const std::string y = std::to_string(year);
      Query q("SELECT id, form_code, period_code, org_unit_id, status, submitted_at, paper_submitted_on FROM reports "
              "WHERE agency_id IS NULL AND org_unit_id");
      in_ids(q, units.ids);
      q.append(" AND period_code");
      in_strings(q, {y, y + "-H1", y + "-H2"});
      soci::statement st = q.prepare(s, soci::into(id), soci::into(form), soci::into(period), soci::into(unit),
                                     soci::into(status), soci::into(submitted_at, si), soci::into(paper, pi));
      if (st.execute(true)) do {
          rows[{form, period, unit}] = {id, form, period, status, si == soci::i_ok ? submitted_at : "",
                                        pi == soci::i_ok ? paper : ""};
        } while (st.fetch());
    }
    const Date today = Date::today_vn();
    long long due = 0, on_time = 0;
    std::vector<EvidenceSource> src;
    struct Form {
      std::string code, name_vi;
      PeriodKind kind;
    };
    std::vector<Form> forms;  // the active periodic forms (their elements are not needed here)
    {
      std::string code, name, kind;
      soci::statement st = read_once(s, "SELECT code, name_vi, period_kind FROM report_forms WHERE active = 1 ORDER BY code",
                                     soci::into(code), soci::into(name), soci::into(kind));
      st.execute();
      while (st.fetch()) forms.push_back({code, name, kind == "year" ? PeriodKind::year : PeriodKind::half_year});
    }
    for (const Form& f : forms) {
      for (long long uid : units.ids) {
        const OrgUnit* u = h.by_id(uid);
        if (!u) continue;
        const ReportSchedule sched = schedule_for(s, f.code, h, *u, std::min(hi, u->validity.to));
        for (const ReportingPeriod& p : periods_of_year(f.kind, year, sched)) {
          if (!u->valid_on(p.to)) continue;
          auto it = rows.find({f.code, p.code, uid});
          const std::optional<Date> sub =
              it == rows.end() ? std::nullopt : submitted_day(it->second.status, it->second.submitted_at, it->second.paper);
          if (!evidence::report_due(p.deadline, sub, today)) continue;
          ++due;
          if (evidence::report_on_time(p.deadline, sub)) ++on_time;
          if (it != rows.end() && sub)
            src.push_back({"report", it->second.id, f.code + "/" + p.code, f.name_vi + " — " + p.label + " (" + u->name + ")",
                           sub->iso()});
        }
      }
    }
    v.value = evidence::on_time_pct(on_time, due);
    set_sources(v, std::move(src));
    out[v.metric] = std::move(v);
  }

  // ----- active_groups -----
  // Founded on or before 31/12 and active now, or deactivated during or after the year (its last
  // change on or after 01/01).
  {
    EvidenceValue v = make("active_groups", "Câu lạc bộ, nhóm đồng đẳng hoạt động trong năm",
                           "Clubs and peer groups active in the year", "nhóm", "groups", partial);
    long long id = 0;
    std::string name, founded;
    Query q("SELECT id, name, founded_on FROM case_groups WHERE org_unit_id");
    in_ids(q, units.ids);
    q.and_where("founded_on <= ?", hi_s).and_where("(active = 1 OR updated_at >= ?)", lo_s);
    soci::statement st = q.prepare(s, soci::into(id), soci::into(name), soci::into(founded));
    std::vector<EvidenceSource> src;
    if (st.execute(true)) do {
        src.push_back({"group", id, "", name, founded});
      } while (st.fetch());
    v.value = static_cast<double>(src.size());
    set_sources(v, std::move(src));
    out[v.metric] = std::move(v);
  }

  // ----- services_delivered, people_supported: counts only, never a person -----
  {
    EvidenceValue sv = make("services_delivered", "Dịch vụ đã cung cấp trong năm cho người được hỗ trợ cư trú tại xã",
                            "Services delivered in the year to people supported residing in the commune", "lượt dịch vụ",
                            "services", partial);
    EvidenceValue pv = make("people_supported", "Người được hỗ trợ cư trú tại xã có ít nhất 1 dịch vụ trong năm",
                            "People supported residing in the commune with at least 1 service in the year", "người", "people",
                            partial);
    const auto facts = load_case_facts(s, analytics::CaseMeasure::services, Scope::of(units.ids), lo, hi, Date::today_vn());
    std::set<long long> people;
    for (const auto& f : facts) people.insert(f.case_id);
    pv.value = static_cast<double>(people.size());
    if (!people.empty()) sv.value = static_cast<double>(facts.size());
    out[sv.metric] = std::move(sv);
    out[pv.metric] = std::move(pv);
  }

  // ----- businesses and inspections: the rules of domain/inspection_figures.hpp -----
  {
    EvidenceValue op = make("businesses_operating", "Cơ sở kinh doanh dịch vụ hoạt động trong năm (đến 31/12 hoặc đến khi ngừng)",
                            "Service businesses operating in the year (on 31/12 or until they closed)", "cơ sở", "businesses", partial);
    EvidenceValue cov = make("business_coverage_pct", "Tỷ lệ cơ sở đang hoạt động được kiểm tra trong năm",
                             "Operating businesses inspected in the year", "%", "%", partial);
    EvidenceValue vio = make("violations", "Vi phạm phát hiện qua kiểm tra trong năm", "Violations found by inspections in the year",
                             "vi phạm", "violations", partial);
    EvidenceValue rep = make("repeat_violators", "Cơ sở vi phạm trong từ 2 lần kiểm tra trở lên trong năm",
                             "Businesses with violations in 2 or more inspections of the year", "cơ sở", "businesses", partial);
    EvidenceValue pro = make("prostitution_violations", "Vi phạm liên quan đến mại dâm (chứa, môi giới, tạo điều kiện, mua dâm)",
                             "Violations about prostitution (harbouring, brokering, facilitating, buying sex)", "vi phạm",
                             "violations", partial);
    // A business counts as operating for the year when its status on 31/12 (its status history up
    // to that day) is operating, or when it closed during the year after operating in it; a business
    // registered after the year is not counted. The facts then go through the figures' rules with
    // that status.
    std::vector<inspection_figures::BusinessFact> businesses;
    {
      long long id = 0, unit = 0;
      std::string type, status, name, on;
      Query q("SELECT b.id, b.commune_unit_id, b.type_code, b.name, h.status, h.effective_on FROM businesses b "
              "JOIN business_status_history h ON h.business_id = b.id WHERE b.commune_unit_id");
      in_ids(q, units.ids);
      q.and_where("h.effective_on <= ?", hi_s).append(" ORDER BY b.id, h.effective_on, h.id");
      soci::statement st =
          q.prepare(s, soci::into(id), soci::into(unit), soci::into(type), soci::into(name), soci::into(status), soci::into(on));
      struct Acc {
        long long unit = 0;
        std::string type, status;
        std::vector<evidence::StatusChange> history;
      };
      std::map<long long, Acc> acc;
      if (st.execute(true)) do {
          Acc& a = acc[id];
          a.unit = unit;
          a.type = type;
          a.status = status;
          a.history.push_back({status, Date::parse(on).value_or(Date::min())});
        } while (st.fetch());
      for (auto& [bid, a] : acc)
        businesses.push_back({bid, a.unit, a.type, evidence::operating_in_year(a.history, year) ? "operating" : a.status});
    }
    struct Insp {
      EvidenceSource src;
      long long business = 0, violations = 0, prostitution = 0;
    };
    std::vector<inspection_figures::InspectionFact> facts;
    std::vector<Insp> finals;
    {
      long long id = 0, business = 0, unit = 0, unannounced = 0, n = 0, np = 0, fines = 0;
      std::string code, day, status, bname;
      Query q("SELECT i.id, i.code, i.business_id, i.commune_unit_id, i.inspected_on, i.status, i.unannounced, i.fine_total, "
              "b.name, (SELECT COUNT(*) FROM inspection_violations v WHERE v.inspection_id = i.id), "
              "(SELECT COUNT(*) FROM inspection_violations v WHERE v.inspection_id = i.id AND v.topic");
      in_strings(q, prostitution_topics());
      q.append(") FROM inspections i JOIN businesses b ON b.id = i.business_id WHERE i.commune_unit_id");
      in_ids(q, units.ids);
      q.and_where("i.inspected_on >= ?", lo_s).and_where("i.inspected_on <= ?", hi_s);
      soci::statement st = q.prepare(s, soci::into(id), soci::into(code), soci::into(business), soci::into(unit), soci::into(day),
                                     soci::into(status), soci::into(unannounced), soci::into(fines), soci::into(bname),
                                     soci::into(n), soci::into(np));
      if (st.execute(true)) do {
          inspection_figures::InspectionFact f;
          f.id = id;
          f.business_id = business;
          f.unit_id = unit;
          f.day = Date::parse(day).value_or(Date::min());
          f.final = status == "final";
          f.unannounced = unannounced != 0;
          f.violations = n;
          f.fines = fines;
          facts.push_back(f);
          if (f.final) finals.push_back({{"inspection", id, code, bname, day}, business, n, np});
        } while (st.fetch());
    }
    const inspection_figures::Figures fig = inspection_figures::compute_figures(businesses, facts, year);
    op.value = static_cast<double>(fig.operating);
    cov.value = fig.coverage_pct;
    vio.value = static_cast<double>(fig.violations);
    if (!businesses.empty()) rep.value = static_cast<double>(fig.repeat_violators);
    // the businesses that are repeat violators (same rule: violations in ≥ 2 final inspections)
    std::map<long long, int> with_violations;
    for (const auto& i : finals)
      if (i.violations > 0) ++with_violations[i.business];
    std::set<long long> operating;  // as counted for the year
    for (const auto& b : businesses)
      if (b.status == "operating") operating.insert(b.id);
    long long prostitution = 0;
    std::vector<EvidenceSource> cov_src, vio_src, rep_src, pro_src;
    for (const auto& i : finals) {
      if (operating.count(i.business)) cov_src.push_back(i.src);
      if (i.violations > 0) vio_src.push_back(i.src);
      if (i.violations > 0 && with_violations[i.business] >= 2) rep_src.push_back(i.src);
      if (i.prostitution > 0) pro_src.push_back(i.src);
      prostitution += i.prostitution;
    }
    pro.value = static_cast<double>(prostitution);
    set_sources(cov, std::move(cov_src));
    set_sources(vio, std::move(vio_src));
    set_sources(rep, std::move(rep_src));
    set_sources(pro, std::move(pro_src));
    for (EvidenceValue* v : {&op, &cov, &vio, &rep, &pro}) out[v->metric] = std::move(*v);
  }
  return out;
}

nlohmann::json evidence_json(const EvidenceValue& v) {
  nlohmann::json sources = nlohmann::json::array();
  for (const auto& x : v.sources)
    sources.push_back({{"kind", x.kind}, {"id", x.id}, {"code", x.code}, {"title", x.title}, {"date", x.date}});
  return {{"metric", v.metric},
          {"value", v.value ? nlohmann::json(*v.value) : nlohmann::json(nullptr)},
          {"labelVi", v.label_vi},
          {"labelEn", v.label_en},
          {"unitVi", v.unit_vi},
          {"unitEn", v.unit_en},
          {"sources", sources},
          {"sourcesTotal", v.sources_total}};
}

}  // namespace longghep
