#include "storage/allocations.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "storage/attachments.hpp"
#include "storage/org_units.hpp"
#include "storage/programmes.hpp"

namespace longghep {
using nlohmann::json;

namespace {
constexpr const char* kHeadColumns =
    "SELECT id, org_unit_id, agency_id, plan_id, amends_id, version, year, status, issuing_body, number, decision_date, note "
    "FROM allocation_decisions";

struct HeadReader {
  AllocationHead h;
  long long agency = 0, plan = 0, amends = 0;
  soci::indicator ia = soci::i_null, ip = soci::i_null, im = soci::i_null;
  AllocationHead get() const {
    AllocationHead out = h;
    out.agency_id = ia == soci::i_ok ? agency : 0;
    out.plan_id = ip == soci::i_ok ? plan : 0;
    out.amends_id = im == soci::i_ok ? amends : 0;
    return out;
  }
};

std::string username_of(soci::session& s, long long id, soci::indicator ind) {
  if (ind != soci::i_ok || !id) return "";
  std::string name;
  s << "SELECT username FROM users WHERE id = :id", soci::into(name), soci::use(id);
  return name;
}

json programme_ref(soci::session& s, long long id) {
  if (!id) return nullptr;
  std::string name;
  s << "SELECT name FROM programmes WHERE id = :id", soci::into(name), soci::use(id);
  if (!s.got_data()) return nullptr;
  return {{"id", id}, {"name", name}};
}

json lines_json_of(const std::vector<money::LineInput>& lines) {
  json out = json::array();
  for (const auto& l : lines)
    out.push_back({{"planActivityId", l.plan_activity_id ? json(l.plan_activity_id) : json(nullptr)},
                   {"fundingSource", l.funding_source},
                   {"programmeId", l.programme_id ? json(l.programme_id) : json(nullptr)},
                   {"amount", l.amount},
                   {"note", l.note}});
  return out;
}

json audit_json(const AllocationHead& h, const std::vector<money::LineInput>& lines) {
  return {{"orgUnitId", h.org_unit_id}, {"agencyId", h.agency_id ? json(h.agency_id) : json(nullptr)},
          {"year", h.year}, {"issuingBody", h.issuing_body}, {"number", h.number}, {"decisionDate", h.decision_date},
          {"planId", h.plan_id ? json(h.plan_id) : json(nullptr)}, {"amendsId", h.amends_id ? json(h.amends_id) : json(nullptr)},
          {"status", h.status}, {"note", h.note}, {"lines", lines_json_of(lines)}};
}

void require_number_free(soci::session& s, const AllocationWrite& w, long long except) {
  const std::string date = w.in.decision_date ? w.in.decision_date->iso() : "";
  long long other = 0;
  s << "SELECT id FROM allocation_decisions WHERE issuing_body = :b AND number = :n AND decision_date = :d AND id <> :x",
      soci::use(w.in.issuing_body), soci::use(w.in.number), soci::use(date), soci::use(except), soci::into(other);
  if (s.got_data())
    throw Error(409, "conflict",
                "Đã có quyết định số " + w.in.number + " ngày " + w.in.decision_date->vn() + " của " + w.in.issuing_body,
                "A decision " + w.in.number + " of " + w.in.decision_date->iso() + " by " + w.in.issuing_body + " already exists",
                "number");
}

void write_lines(soci::session& s, long long id, const std::vector<money::LineInput>& lines) {
  s << "DELETE FROM allocation_lines WHERE decision_id = :d", soci::use(id);
  for (size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    long long pos = static_cast<long long>(i), pa = l.plan_activity_id, prog = l.programme_id, amount = l.amount;
    soci::indicator ipa = pa ? soci::i_ok : soci::i_null, ipr = prog ? soci::i_ok : soci::i_null;
    s << "INSERT INTO allocation_lines(decision_id, position, plan_activity_id, funding_source_code, programme_id, amount, note) "
         "VALUES(:d, :p, :pa, :f, :pr, :a, :n)",
        soci::use(id), soci::use(pos), soci::use(pa, ipa), soci::use(l.funding_source), soci::use(prog, ipr), soci::use(amount),
        soci::use(l.note);
  }
}
}  // namespace

std::optional<AllocationHead> get_allocation_head(soci::session& s, long long id) {
  HeadReader r;
  s << std::string(kHeadColumns) + " WHERE id = :id", soci::into(r.h.id), soci::into(r.h.org_unit_id), soci::into(r.agency, r.ia),
      soci::into(r.plan, r.ip), soci::into(r.amends, r.im), soci::into(r.h.version), soci::into(r.h.year), soci::into(r.h.status),
      soci::into(r.h.issuing_body), soci::into(r.h.number), soci::into(r.h.decision_date), soci::into(r.h.note), soci::use(id);
  if (!s.got_data()) return std::nullopt;
  return r.get();
}

std::vector<money::LineInput> allocation_lines_of(soci::session& s, long long decision_id) {
  std::vector<money::LineInput> out;
  money::LineInput l;
  long long pa = 0, prog = 0;
  soci::indicator ipa = soci::i_null, ipr = soci::i_null;
  soci::statement st = (s.prepare << "SELECT plan_activity_id, funding_source_code, programme_id, amount, note FROM allocation_lines "
                                     "WHERE decision_id = :d ORDER BY position",
                        soci::into(pa, ipa), soci::into(l.funding_source), soci::into(prog, ipr), soci::into(l.amount),
                        soci::into(l.note), soci::use(decision_id));
  st.execute();
  while (st.fetch()) {
    l.plan_activity_id = ipa == soci::i_ok ? pa : 0;
    l.programme_id = ipr == soci::i_ok ? prog : 0;
    out.push_back(l);
  }
  return out;
}

std::map<money::LineKey, long long> allocation_current_totals(soci::session& s, long long original_id, long long except) {
  std::map<money::LineKey, long long> out;
  for (const auto& l : allocation_lines_of(s, original_id)) out[money::key_of(l)] += l.amount;
  std::vector<long long> ams;
  long long aid = 0;
  const std::string issued = "issued";
  soci::statement st = (s.prepare << "SELECT id FROM allocation_decisions WHERE amends_id = :o AND status = :s AND id <> :x",
                        soci::into(aid), soci::use(original_id), soci::use(issued), soci::use(except));
  st.execute();
  while (st.fetch()) ams.push_back(aid);
  for (long long a : ams)
    for (const auto& l : allocation_lines_of(s, a)) out[money::key_of(l)] += l.amount;
  return out;
}

long long create_allocation(soci::session& s, const AllocationWrite& w, const Actor& actor) {
  require_number_free(s, w, 0);
  const std::string now = now_iso_utc(), date = w.in.decision_date->iso();
  long long agency = w.agency_id, plan = w.plan_id, amends = w.amends_id, uid = actor.user_id, id = 0;
  soci::indicator ia = agency ? soci::i_ok : soci::i_null, ip = plan ? soci::i_ok : soci::i_null,
                  im = amends ? soci::i_ok : soci::i_null, iu = uid ? soci::i_ok : soci::i_null;
  s << "INSERT INTO allocation_decisions(org_unit_id, agency_id, year, issuing_body, number, decision_date, plan_id, amends_id, "
       "status, note, created_by, created_at, updated_at, version) "
       "VALUES(:u, :a, :y, :b, :n, :d, :p, :m, 'draft', :note, :cb, :c, :up, 1) RETURNING id",
      soci::use(w.org_unit_id), soci::use(agency, ia), soci::use(w.in.year), soci::use(w.in.issuing_body), soci::use(w.in.number),
      soci::use(date), soci::use(plan, ip), soci::use(amends, im), soci::use(w.in.note), soci::use(uid, iu), soci::use(now),
      soci::use(now), soci::into(id);
  write_lines(s, id, w.in.lines);
  record_audit(s, actor, {"create", "allocation_decision", std::to_string(id), w.org_unit_id, std::nullopt,
                          audit_json(*get_allocation_head(s, id), w.in.lines)});
  return id;
}

namespace {
AllocationHead draft_head(soci::session& s, long long id) {
  auto h = get_allocation_head(s, id);
  if (!h) throw Error::NotFound("quyết định giao kinh phí", "Allocation decision");
  if (h->status != "draft")
    throw Error(409, "decision_issued",
                "Quyết định đã ghi nhận chính thức, không sửa được; hãy lập quyết định điều chỉnh",
                "The decision is recorded as issued and cannot be edited; record an amending decision");
  return *h;
}
}  // namespace

void update_allocation(soci::session& s, long long id, long long version, const AllocationWrite& w, const Actor& actor) {
  AllocationHead cur = draft_head(s, id);
  if (cur.version != version) throw Error::Conflict();
  require_number_free(s, w, id);
  const json before = audit_json(cur, allocation_lines_of(s, id));
  const std::string now = now_iso_utc(), date = w.in.decision_date->iso();
  long long agency = w.agency_id, plan = w.plan_id;
  soci::indicator ia = agency ? soci::i_ok : soci::i_null, ip = plan ? soci::i_ok : soci::i_null;
  soci::statement st =
      (s.prepare << "UPDATE allocation_decisions SET org_unit_id = :u, agency_id = :a, year = :y, issuing_body = :b, number = :n, "
                    "decision_date = :d, plan_id = :p, note = :note, updated_at = :up, version = version + 1 "
                    "WHERE id = :id AND version = :v AND status = 'draft'",
       soci::use(w.org_unit_id), soci::use(agency, ia), soci::use(w.in.year), soci::use(w.in.issuing_body), soci::use(w.in.number),
       soci::use(date), soci::use(plan, ip), soci::use(w.in.note), soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  write_lines(s, id, w.in.lines);
  record_audit(s, actor, {"update", "allocation_decision", std::to_string(id), w.org_unit_id, before,
                          audit_json(*get_allocation_head(s, id), w.in.lines)});
}

void delete_allocation(soci::session& s, long long id, const Actor& actor) {
  AllocationHead cur = draft_head(s, id);
  const json before = audit_json(cur, allocation_lines_of(s, id));
  const std::string kind = "allocation_decision";
  s << "DELETE FROM attachments WHERE owner_kind = :k AND owner_id = :id", soci::use(kind), soci::use(id);
  s << "DELETE FROM allocation_lines WHERE decision_id = :id", soci::use(id);
  s << "DELETE FROM allocation_decisions WHERE id = :id", soci::use(id);
  record_audit(s, actor, {"delete", "allocation_decision", std::to_string(id), cur.org_unit_id, before, std::nullopt});
}

void issue_allocation(soci::session& s, long long id, long long version, const Actor& actor) {
  auto cur = get_allocation_head(s, id);
  if (!cur) throw Error::NotFound("quyết định giao kinh phí", "Allocation decision");
  if (cur->status != "draft")
    throw Error(409, "invalid_transition", "Quyết định đã được ghi nhận chính thức", "The decision is already issued");
  if (cur->version != version) throw Error::Conflict();
  if (cur->amends_id) {
    auto orig = get_allocation_head(s, cur->amends_id);
    if (!orig || orig->status != "issued")
      throw Error(409, "invalid_transition", "Quyết định được điều chỉnh chưa được ghi nhận chính thức",
                  "The amended decision is not issued");
    auto issues = money::check_amendment_totals(allocation_current_totals(s, cur->amends_id, id), allocation_lines_of(s, id));
    if (!issues.empty()) throw Error::Invalid(std::move(issues));
  }
  const std::string now = now_iso_utc();
  long long uid = actor.user_id;
  soci::indicator iu = uid ? soci::i_ok : soci::i_null;
  soci::statement st = (s.prepare << "UPDATE allocation_decisions SET status = 'issued', issued_by = :u, issued_at = :at, "
                                     "updated_at = :up, version = version + 1 WHERE id = :id AND version = :v AND status = 'draft'",
                        soci::use(uid, iu), soci::use(now), soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  record_audit(s, actor, {"update", "allocation_decision", std::to_string(id), cur->org_unit_id, json{{"status", "draft"}},
                          json{{"status", "issued"}, {"issuedAt", now}}});
}

json allocation_json(soci::session& s, const Hierarchy& h, long long id, bool may_write, bool with_lines) {
  auto head = get_allocation_head(s, id);
  if (!head) throw Error::NotFound("quyết định giao kinh phí", "Allocation decision");
  const AllocationHead& d = *head;
  long long created_by = 0, issued_by = 0;
  std::string created_at, updated_at, issued_at;
  soci::indicator icb = soci::i_null, iib = soci::i_null, iia = soci::i_null;
  s << "SELECT created_by, created_at, updated_at, issued_by, issued_at FROM allocation_decisions WHERE id = :id",
      soci::into(created_by, icb), soci::into(created_at), soci::into(updated_at), soci::into(issued_by, iib),
      soci::into(issued_at, iia), soci::use(id);
  const OrgUnit* u = h.by_id(d.org_unit_id);
  json plan = nullptr;
  if (d.plan_id) {
    std::string title;
    int pv = 0;
    s << "SELECT title, plan_version FROM integration_plans WHERE id = :id", soci::into(title), soci::into(pv), soci::use(d.plan_id);
    plan = {{"id", d.plan_id}, {"title", title}, {"planVersion", pv}};
  }
  json amends = nullptr;
  if (d.amends_id)
    if (auto o = get_allocation_head(s, d.amends_id))
      amends = {{"id", o->id}, {"number", o->number}, {"decisionDate", o->decision_date}, {"issuingBody", o->issuing_body}};
  json amended_by = json::array();
  long long effective_extra = 0;
  {
    long long aid = 0;
    std::string num, date, status;
    soci::statement st = (s.prepare << "SELECT id, number, decision_date, status FROM allocation_decisions WHERE amends_id = :id "
                                       "ORDER BY decision_date, id",
                          soci::into(aid), soci::into(num), soci::into(date), soci::into(status), soci::use(id));
    st.execute();
    std::vector<long long> issued_ids;
    while (st.fetch()) {
      amended_by.push_back({{"id", aid}, {"number", num}, {"decisionDate", date}, {"status", status}});
      if (status == "issued") issued_ids.push_back(aid);
    }
    for (long long a : issued_ids)
      for (const auto& l : allocation_lines_of(s, a)) effective_extra += l.amount;
  }
  json lines = json::array();
  long long total = 0;
  {
    long long lid = 0, pos = 0, pa = 0, prog = 0, amount = 0;
    std::string src, note, desc;
    soci::indicator ipa = soci::i_null, ipr = soci::i_null, ids = soci::i_null;
    soci::statement st = (s.prepare << "SELECT l.id, l.position, l.plan_activity_id, pa.description, l.funding_source_code, "
                                       "l.programme_id, l.amount, l.note FROM allocation_lines l "
                                       "LEFT JOIN plan_activities pa ON pa.id = l.plan_activity_id "
                                       "WHERE l.decision_id = :d ORDER BY l.position",
                          soci::into(lid), soci::into(pos), soci::into(pa, ipa), soci::into(desc, ids), soci::into(src),
                          soci::into(prog, ipr), soci::into(amount), soci::into(note), soci::use(id));
    st.execute();
    std::vector<std::pair<json, long long>> raw;
    while (st.fetch()) {
      total += amount;
      raw.push_back({json{{"id", lid}, {"position", pos},
                          {"planActivity", ipa == soci::i_ok ? json{{"id", pa}, {"description", ids == soci::i_ok ? desc : ""}} : json(nullptr)},
                          {"fundingSource", src}, {"amount", amount}, {"note", note}},
                     ipr == soci::i_ok ? prog : 0});
    }
    if (with_lines)
      for (auto& [l, p] : raw) {
        l["programme"] = programme_ref(s, p);
        lines.push_back(std::move(l));
      }
  }
  const bool draft = d.status == "draft";
  json out = {{"id", d.id}, {"status", d.status}, {"orgUnit", u ? org_unit_ref(*u) : json(nullptr)},
              {"agency", d.agency_id ? agency_ref_by_id(s, d.agency_id) : json(nullptr)}, {"year", d.year},
              {"issuingBody", d.issuing_body}, {"number", d.number}, {"decisionDate", d.decision_date}, {"note", d.note},
              {"plan", plan}, {"amends", amends}, {"amendedBy", amended_by}, {"total", total},
              {"effectiveTotal", total + (d.amends_id ? 0 : effective_extra)},
              {"createdBy", username_of(s, created_by, icb)}, {"createdAt", created_at}, {"updatedAt", updated_at},
              {"issuedBy", iib == soci::i_ok ? json(username_of(s, issued_by, iib)) : json(nullptr)},
              {"issuedAt", iia == soci::i_ok ? json(issued_at) : json(nullptr)}, {"version", d.version},
              {"can", {{"edit", may_write && draft}, {"issue", may_write && draft}, {"amend", may_write && !draft && !d.amends_id},
                       {"delete", may_write && draft}, {"attach", may_write}}}};
  if (with_lines) {
    out["lines"] = lines;
    json att = json::array();
    for (const auto& a : attachments_of(s, "allocation_decision", id)) att.push_back(attachment_json(a));
    out["attachments"] = att;
  }
  return out;
}

json list_allocations(soci::session& s, const Hierarchy& h, const AllocationFilter& f, bool may_write) {
  std::vector<std::pair<std::string, long long>> found;  // (decision date, id)
  {
    HeadReader r;
    soci::statement st = (s.prepare << std::string(kHeadColumns),
                          soci::into(r.h.id), soci::into(r.h.org_unit_id), soci::into(r.agency, r.ia), soci::into(r.plan, r.ip),
                          soci::into(r.amends, r.im), soci::into(r.h.version), soci::into(r.h.year), soci::into(r.h.status),
                          soci::into(r.h.issuing_body), soci::into(r.h.number), soci::into(r.h.decision_date), soci::into(r.h.note));
    st.execute();
    const std::string q = fold_for_search(f.q);
    while (st.fetch()) {
      const AllocationHead d = r.get();
      if (f.units && !f.units->all() && !f.units->contains(d.org_unit_id)) continue;
      if (f.year && d.year != *f.year) continue;
      if (f.plan_id && d.plan_id != f.plan_id) continue;
      if (!f.status.empty() && d.status != f.status) continue;
      if (!q.empty()) {
        const std::string hay = fold_for_search(d.number + " " + d.issuing_body + " " + d.note);
        if (hay.find(q) == std::string::npos) continue;
      }
      found.push_back({d.decision_date, d.id});
    }
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second > b.second;
  });
  json items = json::array();
  const size_t from = static_cast<size_t>(f.page - 1) * static_cast<size_t>(f.page_size);
  for (size_t i = from; i < found.size() && i < from + static_cast<size_t>(f.page_size); ++i)
    items.push_back(allocation_json(s, h, found[i].second, may_write, false));
  return {{"items", items}, {"total", found.size()}, {"page", f.page}, {"pageSize", f.page_size}};
}

// ----- spending against allocation -----

json money_warnings_for(soci::session& s, const std::vector<long long>& plan_activity_ids) {
  money::SourceMap planned, allocated, spent;
  std::set<long long> ids(plan_activity_ids.begin(), plan_activity_ids.end());
  for (long long pa : ids) {
    {
      std::string src;
      long long amount = 0;
      soci::statement st = (s.prepare << "SELECT funding_source_code, amount FROM plan_activity_budget WHERE plan_activity_id = :p",
                            soci::into(src), soci::into(amount), soci::use(pa));
      st.execute();
      while (st.fetch()) planned[{pa, src}] += amount;
    }
    {
      std::string src, status, ostatus;
      long long amount = 0;
      soci::indicator io = soci::i_null;
      soci::statement st = (s.prepare << "SELECT l.funding_source_code, l.amount, d.status, o.status FROM allocation_lines l "
                                         "JOIN allocation_decisions d ON d.id = l.decision_id "
                                         "LEFT JOIN allocation_decisions o ON o.id = d.amends_id WHERE l.plan_activity_id = :p",
                            soci::into(src), soci::into(amount), soci::into(status), soci::into(ostatus, io), soci::use(pa));
      st.execute();
      while (st.fetch()) {
        money::LineFact fact{status, io == soci::i_ok ? ostatus : "", {pa, src, 0}, amount};
        if (money::counts_as_allocated(fact)) allocated[{pa, src}] += amount;
      }
    }
    {
      std::string src;
      long long amount = 0;
      soci::statement st = (s.prepare << "SELECT c.funding_source_code, c.amount FROM activity_costs c "
                                         "JOIN activities a ON a.id = c.activity_id WHERE a.plan_activity_id = :p",
                            soci::into(src), soci::into(amount), soci::use(pa));
      st.execute();
      while (st.fetch()) spent[{pa, src}] += amount;
    }
  }
  // A plan activity named by a counted line only (a line netted to zero still names it).
  money::SourceMap named = allocated;
  json out = json::array();
  for (const auto& w : money::over_allocation(planned, named, spent))
    out.push_back({{"code", "over_allocation"}, {"planActivityId", w.plan_activity_id},
                   {"fundingSource", w.funding_source ? json(*w.funding_source) : json(nullptr)}, {"planned", w.planned},
                   {"allocated", w.allocated}, {"spent", w.spent}, {"message", w.message_vi}, {"messageEn", w.message_en}});
  return out;
}

std::vector<long long> plan_activities_with_allocation(soci::session& s, const Scope& units, int year) {
  std::vector<long long> out;
  long long pa = 0, unit = 0;
  soci::statement st = (s.prepare << "SELECT DISTINCT l.plan_activity_id, d.org_unit_id FROM allocation_lines l "
                                     "JOIN allocation_decisions d ON d.id = l.decision_id "
                                     "WHERE l.plan_activity_id IS NOT NULL AND d.year = :y AND d.status = 'issued'",
                        soci::into(pa), soci::into(unit), soci::use(year));
  st.execute();
  std::set<long long> seen;
  while (st.fetch())
    if ((units.all() || units.contains(unit)) && seen.insert(pa).second) out.push_back(pa);
  return out;
}

}  // namespace longghep
