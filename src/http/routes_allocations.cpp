// Allocation decisions (issue 19, docs/api-money.md §2–3): list, read, create, edit and delete
// drafts, issue, amend an issued original, evidence files, and the over-allocation warnings of
// spending against what decisions allocated to planned activities. A decision belongs to its
// receiving unit: outside the caller's scope 404. Writes need money.allocate, reads plans.read.
// Rules: domain/money; queries: storage/allocations.
#include <algorithm>
#include <set>

#include "domain/error.hpp"
#include "domain/money.hpp"
#include "domain/text.hpp"
#include "http/app.hpp"
#include "http/render.hpp"
#include "http/uploads.hpp"
#include "storage/allocations.hpp"
#include "storage/attachments.hpp"
#include "storage/org_units.hpp"
#include "storage/plans.hpp"
#include "storage/programmes.hpp"

namespace longghep {
using nlohmann::json;

namespace {
constexpr const char* kRead = perm::kPlansRead;
constexpr const char* kWrite = perm::kMoneyAllocate;

bool may_write(Ctx& c) { return Access::has(c.me(), kWrite); }

std::string trimmed(const std::string& v) {
  size_t a = v.find_first_not_of(" \t\r\n"), b = v.find_last_not_of(" \t\r\n");
  return a == std::string::npos ? "" : v.substr(a, b - a + 1);
}

// A decision the caller may see (its receiver in scope), else 404.
AllocationHead visible(Ctx& c, soci::session& s, long long id) {
  auto h = get_allocation_head(s, id);
  if (!h || !Access::can_see_unit(c.me(), h->org_unit_id))
    throw Error::NotFound("quyết định giao kinh phí", "Allocation decision");
  return *h;
}

// Lenient readers: each fault becomes an issue, the reading goes on.
struct Reader {
  std::vector<FieldIssue> issues;
  void add(std::string f, std::string vi, std::string en) { issues.push_back({std::move(f), std::move(vi), std::move(en)}); }
  std::string str(const json& b, const std::string& key, const std::string& field, size_t max_chars) {
    if (!b.contains(key) || b[key].is_null()) return "";
    if (!b[key].is_string()) {
      add(field, "Phải là chuỗi ký tự", "Must be a string");
      return "";
    }
    std::string v = trimmed(to_nfc(b[key].get<std::string>()));
    if (!is_clean_utf8(v) || v.size() > max_chars * 4) add(field, "Chuỗi quá dài hoặc không hợp lệ", "Too long or not valid text");
    return v;
  }
  long long integer(const json& b, const std::string& key, const std::string& field, bool required, long long fallback = 0) {
    if (!b.contains(key) || b[key].is_null()) {
      if (required) add(field, "Bắt buộc nhập", "Required");
      return fallback;
    }
    if (!b[key].is_number_integer()) {
      add(field, "Phải là số nguyên", "Must be an integer");
      return fallback;
    }
    return b[key].get<long long>();
  }
};

struct Parsed {
  AllocationWrite w;
  std::string org_unit_code;
};

// The body of POST/PUT (amend = false) or of /amend (amend = true, receiver/year/plan from the
// original). Every fault listed; nothing is written.
Parsed read_decision(Ctx& c, soci::session& s, const Hierarchy& h, const json& b, const AllocationHead* original) {
  Reader r;
  Parsed p;
  money::DecisionInput& in = p.w.in;
  in.issuing_body = r.str(b, "issuingBody", "issuingBody", money::kIssuingBodyMax);
  in.number = r.str(b, "number", "number", money::kNumberMax);
  in.note = r.str(b, "note", "note", money::kNoteMax);
  if (b.contains("decisionDate") && !b["decisionDate"].is_null()) {
    in.decision_date_given = true;
    if (b["decisionDate"].is_string()) in.decision_date = Date::parse(b["decisionDate"].get<std::string>());
  }
  if (original) {
    p.w.org_unit_id = original->org_unit_id;
    p.w.agency_id = original->agency_id;
    p.w.plan_id = original->plan_id;
    p.w.amends_id = original->id;
    in.year = original->year;
    in.plan_id = original->plan_id;
  } else {
    in.year = static_cast<int>(std::clamp<long long>(r.integer(b, "year", "year", true), -1, 100000));
    p.org_unit_code = r.str(b, "orgUnitCode", "orgUnitCode", 32);
    p.w.agency_id = r.integer(b, "agencyId", "agencyId", false);
    p.w.plan_id = r.integer(b, "planId", "planId", false);
    in.plan_id = p.w.plan_id;
  }
  const json lines = b.contains("lines") && b["lines"].is_array() ? b["lines"] : json::array();
  if (b.contains("lines") && !b["lines"].is_array()) r.add("lines", "Phải là danh sách", "Must be a list");
  for (size_t i = 0; i < lines.size() && i < money::kMaxLines; ++i) {
    const std::string f = "lines[" + std::to_string(i) + "].";
    const json& l = lines[i];
    money::LineInput x;
    if (!l.is_object()) {
      r.add("lines[" + std::to_string(i) + "]", "Phải là đối tượng", "Must be an object");
      continue;
    }
    x.plan_activity_id = r.integer(l, "planActivityId", f + "planActivityId", false);
    x.funding_source = r.str(l, "fundingSource", f + "fundingSource", 64);
    x.programme_id = r.integer(l, "programmeId", f + "programmeId", false);
    x.amount = r.integer(l, "amount", f + "amount", true, 1);
    x.note = r.str(l, "note", f + "note", money::kNoteMax);
    in.lines.push_back(std::move(x));
  }
  if (lines.size() > money::kMaxLines) in.lines.resize(money::kMaxLines + 1);  // reported by check_decision
  const Date today = Date::today_vn();
  std::optional<Date> not_before;
  if (original) not_before = Date::parse(original->decision_date);
  for (auto& i : money::check_decision(in, original != nullptr, today, not_before)) r.issues.push_back(std::move(i));
  if (lines.size() > money::kMaxLines) in.lines.resize(money::kMaxLines);

  // The receiver, resolved as of the decision date, in the caller's scope.
  if (!original) {
    if (p.org_unit_code.empty()) {
      r.add("orgUnitCode", "Đơn vị nhận kinh phí là bắt buộc", "The receiving unit is required");
    } else {
      const Date on = in.decision_date.value_or(today);
      const OrgUnit* u = h.find(p.org_unit_code, on);
      if (!u || !Access::can_see_unit(c.me(), u->id))
        r.add("orgUnitCode", "Không có đơn vị mã " + p.org_unit_code + " trong phạm vi của bạn vào ngày " + on.vn(),
              "No unit " + p.org_unit_code + " in your scope on " + on.iso());
      else
        p.w.org_unit_id = u->id;
    }
    if (p.w.agency_id) {
      int n = 0;
      s << "SELECT COUNT(*) FROM agencies WHERE id = :id", soci::use(p.w.agency_id), soci::into(n);
      if (!n) r.add("agencyId", "Cơ quan không tồn tại", "Unknown agency");
    }
  }
  // The plan: visible, of the same year, its unit the receiver or above or below it.
  std::set<long long> plan_activities;
  if (p.w.plan_id && !original) {
    auto plan = get_plan_row(s, p.w.plan_id);
    bool ok = plan.has_value() && plan->year == in.year;
    if (ok && p.w.org_unit_id) {
      const OrgUnit* pu = h.by_id(plan->org_unit_id);
      const OrgUnit* ru = h.by_id(p.w.org_unit_id);
      const Date on = in.decision_date.value_or(today);
      const bool related = pu && ru &&
                           (pu->id == ru->id || h.is_within(*pu, *ru, on) || h.is_within(*ru, *pu, on) ||
                            h.is_within(*pu, *ru, Date::from_ymd(in.year, 12, 31)) ||
                            h.is_within(*ru, *pu, Date::from_ymd(in.year, 12, 31)));
      const bool seen = Access::can_see_unit(c.me(), plan->org_unit_id) || (pu && ru && h.is_within(*ru, *pu, on));
      ok = related && seen;
    } else if (ok) {
      ok = Access::can_see_unit(c.me(), plan->org_unit_id);
    }
    if (!ok)
      r.add("planId", "Không có kế hoạch mã số " + std::to_string(p.w.plan_id) + " cùng năm của đơn vị nhận hoặc cấp trên, cấp dưới",
            "No plan " + std::to_string(p.w.plan_id) + " of the same year of the receiver or a unit above or below it");
  }
  if (p.w.plan_id) {
    long long pa = 0;
    soci::statement st = (s.prepare << "SELECT id FROM plan_activities WHERE plan_id = :p", soci::into(pa), soci::use(p.w.plan_id));
    st.execute();
    while (st.fetch()) plan_activities.insert(pa);
  }
  for (size_t i = 0; i < in.lines.size(); ++i) {
    const auto& l = in.lines[i];
    const std::string f = "lines[" + std::to_string(i) + "].";
    if (!l.funding_source.empty() && !taxonomy_has(s, "funding_sources", l.funding_source))
      r.add(f + "fundingSource", "Nguồn kinh phí không tồn tại: " + l.funding_source, "Funding source unknown: " + l.funding_source);
    if (l.plan_activity_id && p.w.plan_id && !plan_activities.count(l.plan_activity_id))
      r.add(f + "planActivityId", "Hoạt động không thuộc kế hoạch đã chọn", "The activity is not one of the plan's");
    if (l.programme_id) {
      auto head = programme_head(s, l.programme_id);
      if (!head || !Access::can_see_unit(c.me(), head->org_unit_id))
        r.add(f + "programmeId", "Không có chương trình liên quan mã số " + std::to_string(l.programme_id) + " trong phạm vi của bạn",
              "No related programme " + std::to_string(l.programme_id) + " in your scope");
    }
  }
  if (!r.issues.empty()) throw Error::Invalid(std::move(r.issues));
  return p;
}

long long version_of(const json& b) {
  if (!b.contains("version") || !b["version"].is_number_integer())
    throw Error::Validation("version", "Thiếu phiên bản (version)", "The version is required");
  return b["version"].get<long long>();
}

Response list(Ctx& c) {
  HierarchyPtr h = c.app.hierarchy();
  const Principal& me = c.me();
  AllocationFilter f;
  Scope units = me.scope;
  if (const OrgUnit* u = c.unit_q(*h)) {
    if (!Access::can_see_unit(me, u->id)) throw Error::NotFound("đơn vị " + u->code, "Unit " + u->code);
    units = h->scope_of(u->id);
  } else if (me.org_unit_id && !me.scope.all()) {
    units = me.scope;
  }
  f.units = &units;
  f.year = c.int_q("year", 2000, 2100);
  if (auto p = c.id_q("planId")) f.plan_id = *p;
  f.status = c.enum_q("status", {"draft", "issued"});
  f.q = c.q("q");
  if (f.q.size() > 200) throw Error::InvalidParam("q", "tối đa 200 ký tự", "at most 200 characters");
  f.page = c.page();
  f.page_size = c.page_size();
  json out;
  c.app.db().with_session([&](soci::session& s) { out = list_allocations(s, *h, f, may_write(c)); });
  return Response::json(out);
}

Response get_one(Ctx& c) {
  const long long id = c.id_param(0);
  json out;
  c.app.db().with_session([&](soci::session& s) {
    visible(c, s, id);
    out = allocation_json(s, *c.app.hierarchy(), id, may_write(c));
  });
  return Response::json(out);
}

Response create(Ctx& c) {
  json b = c.body();
  HierarchyPtr h = c.app.hierarchy();
  json out;
  c.app.db().transact([&](soci::session& s) {
    Parsed p = read_decision(c, s, *h, b, nullptr);
    const long long id = create_allocation(s, p.w, actor_of(c));
    out = allocation_json(s, *h, id, true);
  });
  return Response::json(out, 201);
}

Response update(Ctx& c) {
  const long long id = c.id_param(0);
  json b = c.body();
  HierarchyPtr h = c.app.hierarchy();
  json out;
  c.app.db().transact([&](soci::session& s) {
    AllocationHead cur = visible(c, s, id);
    if (cur.status != "draft")
      throw Error(409, "decision_issued", "Quyết định đã ghi nhận chính thức, không sửa được; hãy lập quyết định điều chỉnh",
                  "The decision is recorded as issued and cannot be edited; record an amending decision");
    const long long version = version_of(b);
    std::optional<AllocationHead> original;
    if (cur.amends_id) original = get_allocation_head(s, cur.amends_id);
    Parsed p = read_decision(c, s, *h, b, original ? &*original : nullptr);
    update_allocation(s, id, version, p.w, actor_of(c));
    out = allocation_json(s, *h, id, true);
  });
  return Response::json(out);
}

Response remove(Ctx& c) {
  const long long id = c.id_param(0);
  c.app.db().transact([&](soci::session& s) {
    visible(c, s, id);
    delete_allocation(s, id, actor_of(c));
  });
  return Response::no_content();
}

Response issue(Ctx& c) {
  const long long id = c.id_param(0);
  json b = c.req.body.empty() ? json::object() : c.body();
  json out;
  c.app.db().transact([&](soci::session& s) {
    AllocationHead cur = visible(c, s, id);
    if (cur.status != "draft")
      throw Error(409, "invalid_transition", "Quyết định đã được ghi nhận chính thức", "The decision is already issued");
    issue_allocation(s, id, version_of(b), actor_of(c));
    out = allocation_json(s, *c.app.hierarchy(), id, true);
  });
  return Response::json(out);
}

Response amend(Ctx& c) {
  const long long id = c.id_param(0);
  json b = c.body();
  HierarchyPtr h = c.app.hierarchy();
  json out;
  c.app.db().transact([&](soci::session& s) {
    AllocationHead cur = visible(c, s, id);
    // amending an amendment amends its original
    AllocationHead orig = cur.amends_id ? *get_allocation_head(s, cur.amends_id) : cur;
    if (orig.status != "issued")
      throw Error(409, "invalid_transition", "Chỉ điều chỉnh được quyết định đã ghi nhận chính thức",
                  "Only an issued decision can be amended");
    Parsed p = read_decision(c, s, *h, b, &orig);
    const long long nid = create_allocation(s, p.w, actor_of(c));
    out = allocation_json(s, *h, nid, true);
  });
  return Response::json(out, 201);
}

Response upload_file(Ctx& c) {
  const long long id = c.id_param(0);
  UploadedFile f = uploaded_file(c);
  json out;
  c.app.db().transact([&](soci::session& s) {
    AllocationHead head = visible(c, s, id);
    const long long aid = store_attachment(s, "allocation_decision", id, head.org_unit_id, f, actor_of(c));
    out = attachment_json(*get_attachment(s, aid));
  });
  return Response::json(out, 201);
}

Response download_file(Ctx& c) {
  const long long id = c.id_param(0), aid = c.id_param(1);
  Response r;
  c.app.db().with_session([&](soci::session& s) {
    visible(c, s, id);
    auto a = get_attachment(s, aid);
    if (!a || a->owner_kind != "allocation_decision" || a->owner_id != id) throw Error::NotFound("tệp đính kèm", "Attachment");
    r.body = attachment_content(s, aid);
    r.content_type = a->content_type;
    r.headers.push_back({"Content-Disposition", content_disposition(a->filename)});
    r.headers.push_back({"X-Checksum-SHA256", a->sha256});
  });
  return r;
}

Response delete_file(Ctx& c) {
  const long long id = c.id_param(0), aid = c.id_param(1);
  c.app.db().transact([&](soci::session& s) {
    AllocationHead head = visible(c, s, id);
    if (head.status != "draft")
      throw Error(409, "decision_issued", "Quyết định đã ghi nhận chính thức, không xoá được tệp đính kèm",
                  "The decision is issued: its files cannot be removed");
    auto a = get_attachment(s, aid);
    if (!a || a->owner_kind != "allocation_decision" || a->owner_id != id) throw Error::NotFound("tệp đính kèm", "Attachment");
    s << "DELETE FROM attachments WHERE id = :i", soci::use(aid);
    record_audit(s, actor_of(c),
                 {"delete", "attachment", std::to_string(aid), head.org_unit_id,
                  json{{"name", a->filename}, {"allocationDecision", id}}, std::nullopt});
  });
  return Response::no_content();
}

Response warnings(Ctx& c) {
  HierarchyPtr h = c.app.hierarchy();
  const Principal& me = c.me();
  Scope units = me.scope;
  if (const OrgUnit* u = c.unit_q(*h)) {
    if (!Access::can_see_unit(me, u->id)) throw Error::NotFound("đơn vị " + u->code, "Unit " + u->code);
    units = h->scope_of(u->id);
  }
  auto y = c.int_q("year", 2000, 2100);
  const int year = y ? *y : Date::today_vn().year();
  json out;
  c.app.db().with_session([&](soci::session& s) {
    out = {{"year", year}, {"items", money_warnings_for(s, plan_activities_with_allocation(s, units, year))}};
  });
  return Response::json(out);
}
}  // namespace

void add_allocations_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/allocation-decisions", Auth::Session, list,
               "Allocation decisions of a unit's subtree (default the caller's scope), newest first; year, plan, status, text", kRead});
  r.push_back({"POST", "/api/allocation-decisions", Auth::Session, create,
               "Record a draft allocation decision (receiver, issuing body, number, date, lines by source/programme/plan activity)",
               kWrite});
  r.push_back({"GET", "/api/allocation-decisions/{id}", Auth::Session, get_one,
               "One allocation decision with its lines, amendments, totals and files", kRead});
  r.push_back({"PUT", "/api/allocation-decisions/{id}", Auth::Session, update,
               "Edit a draft allocation decision (version; issued → 409 decision_issued)", kWrite});
  r.push_back({"DELETE", "/api/allocation-decisions/{id}", Auth::Session, remove, "Delete a draft allocation decision", kWrite});
  r.push_back({"POST", "/api/allocation-decisions/{id}/issue", Auth::Session, issue,
               "Record a draft decision as issued (an amendment: its original issued, no total below 0)", kWrite});
  r.push_back({"POST", "/api/allocation-decisions/{id}/amend", Auth::Session, amend,
               "A draft amending decision of an issued original (signed lines)", kWrite});
  r.push_back({"POST", "/api/allocation-decisions/{id}/attachments", Auth::Session, upload_file,
               "Attach a file to an allocation decision", kWrite});
  r.push_back({"GET", "/api/allocation-decisions/{id}/attachments/{attachmentId}", Auth::Session, download_file,
               "A file of an allocation decision", kRead});
  r.push_back({"DELETE", "/api/allocation-decisions/{id}/attachments/{attachmentId}", Auth::Session, delete_file,
               "Remove a file of a draft allocation decision", kWrite});
  r.push_back({"GET", "/api/money/warnings", Auth::Session, warnings,
               "Spending over what issued decisions allocated to planned activities, of a unit's subtree and year", kRead});
}

}  // namespace longghep
