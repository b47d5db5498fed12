#include "storage/activities.hpp"

#include <algorithm>
#include <unordered_map>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "storage/analytics_source.hpp"
#include "storage/attachments.hpp"
#include "storage/id_tables.hpp"
#include "storage/org_units.hpp"
#include "storage/programmes.hpp"
#include "storage/query.hpp"
#include "storage/text_search.hpp"

namespace longghep {
using nlohmann::json;

namespace {
std::set<std::string> active_codes(soci::session& s, const std::string& table) {
  std::set<std::string> out;
  std::string code;
  // `table` is one of the literal names below, never input.
  soci::statement st = (s.prepare << "SELECT code FROM " + table + " WHERE active = 1", soci::into(code));
  st.execute();
  while (st.fetch()) out.insert(code);
  return out;
}

json opt_json(const std::optional<long long>& v) { return v ? json(*v) : json(nullptr); }
}  // namespace

ActivityRules load_activity_rules(soci::session& s) {
  ActivityRules r;
  r.intervention_types = active_codes(s, "intervention_types");
  r.target_groups = active_codes(s, "target_groups");
  r.age_bands = active_codes(s, "age_bands");
  r.output_kinds = active_codes(s, "output_kinds");
  r.funding_sources = active_codes(s, "funding_sources");
  r.today = Date::today_vn();
  return r;
}

// ----- writing -----

struct ActivityWriter::Impl {
  soci::session& s;
  // Bound values: statements are prepared once over these members and re-executed.
  std::string key, title, folded, type, start, end, note, source, created_by, now, tg, band, code;
  soci::indicator key_ind = soci::i_null, plan_ind = soci::i_null, import_ind = soci::i_null, f_ind = soci::i_null,
                  m_ind = soci::i_null;
  long long unit = 0, lead = 0, plan_activity = 0, reached = 0, cost = 0, import_id = 0, id = 0, version = 0;
  long long other = 0, n = 0, female = 0, male = 0;
  // This transaction's activities_revision and the rows to stamp with it. Shared with the
  // before-commit hook, which takes the revision and stamps them (the writer may be gone by then).
  std::shared_ptr<std::vector<long long>> stamp_ids = std::make_shared<std::vector<long long>>();
  std::shared_ptr<long long> revision_out = std::make_shared<long long>(0);
  long long revision = 0;  // bound: 0 until the hook stamps the rows (or the revision, when no hook)
  // Each prepared only once used more than twice (RepeatedStatement): a writer of one activity
  // costs one round trip per statement on PostgreSQL, an import prepares each once.
  RepeatedStatement ins, upd, partner, programme, reach, age, output, costst, del_partner, del_programme, del_reach,
      del_age, del_output, del_cost;

  explicit Impl(soci::session& session)
      : s(session),
        ins([this](soci::details::statement_type t) {
          return statement_of(
              s, t,
              "INSERT INTO activities(key, org_unit_id, title, title_folded, intervention_type_code, "
              "lead_agency_id, plan_activity_id, start_date, end_date, reached_total, cost_total, note, source, "
              "import_id, created_by, version, created_at, updated_at, revision) VALUES(:k, :u, :t, :tf, :ty, :la, "
              ":pa, :sd, :ed, :rt, :ct, :no, :so, :im, :cb, 1, :ca, :ua, :rev) ON CONFLICT (key) DO NOTHING "
              "RETURNING id",
              soci::use(key, key_ind), soci::use(unit), soci::use(title), soci::use(folded), soci::use(type),
              soci::use(lead), soci::use(plan_activity, plan_ind), soci::use(start), soci::use(end), soci::use(reached),
              soci::use(cost), soci::use(note), soci::use(source), soci::use(import_id, import_ind),
              soci::use(created_by), soci::use(now), soci::use(now), soci::use(revision), soci::into(id));
        }),
        upd([this](soci::details::statement_type t) {
          return statement_of(
              s, t,
              "UPDATE activities SET org_unit_id = :u, title = :t, title_folded = :tf, "
              "intervention_type_code = :ty, lead_agency_id = :la, plan_activity_id = :pa, start_date = :sd, "
              "end_date = :ed, reached_total = :rt, cost_total = :ct, note = :no, version = version + 1, "
              "updated_at = :ua, revision = :rev WHERE id = :id AND version = :v",
              soci::use(unit), soci::use(title), soci::use(folded), soci::use(type), soci::use(lead),
              soci::use(plan_activity, plan_ind), soci::use(start), soci::use(end), soci::use(reached), soci::use(cost),
              soci::use(note), soci::use(now), soci::use(revision), soci::use(id), soci::use(version));
        }),
        partner([this](soci::details::statement_type t) {
          return statement_of(s, t, "INSERT INTO activity_partners(activity_id, agency_id) VALUES(:a, :b)",
                              soci::use(id), soci::use(other));
        }),
        programme([this](soci::details::statement_type t) {
          return statement_of(s, t, "INSERT INTO activity_programmes(activity_id, programme_id) VALUES(:a, :b)",
                              soci::use(id), soci::use(other));
        }),
        reach([this](soci::details::statement_type t) {
          return statement_of(s, t,
                              "INSERT INTO activity_reach(activity_id, target_group_code, total, female, male) "
                              "VALUES(:a, :g, :t, :f, :m)",
                              soci::use(id), soci::use(tg), soci::use(n), soci::use(female, f_ind),
                              soci::use(male, m_ind));
        }),
        age([this](soci::details::statement_type t) {
          return statement_of(s, t,
                              "INSERT INTO activity_reach_ages(activity_id, target_group_code, age_band_code, count) "
                              "VALUES(:a, :g, :b, :n)",
                              soci::use(id), soci::use(tg), soci::use(band), soci::use(n));
        }),
        output([this](soci::details::statement_type t) {
          return statement_of(
              s, t, "INSERT INTO activity_outputs(activity_id, output_kind_code, quantity) VALUES(:a, :k, :n)",
              soci::use(id), soci::use(code), soci::use(n));
        }),
        costst([this](soci::details::statement_type t) {
          return statement_of(s, t,
                              "INSERT INTO activity_costs(activity_id, funding_source_code, amount) VALUES(:a, :k, :n)",
                              soci::use(id), soci::use(code), soci::use(n));
        }),
        del_partner([this](soci::details::statement_type t) {
          return statement_of(s, t, "DELETE FROM activity_partners WHERE activity_id = :a", soci::use(id));
        }),
        del_programme([this](soci::details::statement_type t) {
          return statement_of(s, t, "DELETE FROM activity_programmes WHERE activity_id = :a", soci::use(id));
        }),
        del_reach([this](soci::details::statement_type t) {
          return statement_of(s, t, "DELETE FROM activity_reach WHERE activity_id = :a", soci::use(id));
        }),
        del_age([this](soci::details::statement_type t) {
          return statement_of(s, t, "DELETE FROM activity_reach_ages WHERE activity_id = :a", soci::use(id));
        }),
        del_output([this](soci::details::statement_type t) {
          return statement_of(s, t, "DELETE FROM activity_outputs WHERE activity_id = :a", soci::use(id));
        }),
        del_cost([this](soci::details::statement_type t) {
          return statement_of(s, t, "DELETE FROM activity_costs WHERE activity_id = :a", soci::use(id));
        }) {}

  void set_content(const ActivityInput& in, long long org_unit_id) {
    unit = org_unit_id;
    title = in.title;
    folded = fold_for_search(in.title);
    type = in.intervention_type;
    lead = in.lead_agency_id;
    plan_ind = in.plan_activity_id ? soci::i_ok : soci::i_null;
    plan_activity = in.plan_activity_id.value_or(0);
    start = in.start.iso();
    end = in.end.iso();
    reached = in.reached_total();
    cost = in.cost_total();
    note = in.note;
    now = now_iso_utc();
  }

  void write_children(const ActivityInput& in) {
    for (long long a : in.partner_agency_ids) { other = a; partner.execute(); }
    for (long long p : in.programme_ids) { other = p; programme.execute(); }
    for (const auto& r : in.reach) {
      tg = r.target_group;
      n = r.total;
      f_ind = r.female ? soci::i_ok : soci::i_null;
      female = r.female.value_or(0);
      m_ind = r.male ? soci::i_ok : soci::i_null;
      male = r.male.value_or(0);
      reach.execute();
      for (const auto& [b, count] : r.ages) { band = b; n = count; age.execute(); }
    }
    for (const auto& o : in.outputs) { code = o.kind; n = o.quantity; output.execute(); }
    for (const auto& c : in.costs) { code = c.funding_source; n = c.amount; costst.execute(); }
  }
};

// A writer exists only inside a transaction that writes activities: the revision read by the
// analytics engine (storage/analytics_source.hpp) moves once per such transaction.
// The revision is taken just before COMMIT (Database::before_commit), so the row lock on meta
// that orders writers is held only for the stamping and the commit, not the whole transaction.
// Outside Database::transact (a bare session) it is taken at once.
ActivityWriter::ActivityWriter(soci::session& s) : impl_(std::make_unique<Impl>(s)) {
  auto ids = impl_->stamp_ids;
  auto out = impl_->revision_out;
  const bool late = Database::before_commit([ids, out](soci::session& tx) {
    const long long r = bump_activities_revision(tx);
    constexpr size_t kChunk = 20000;
    for (size_t i = 0; i < ids->size(); i += kChunk) {
      const std::string list =
          id_array(tx, std::vector<long long>(ids->begin() + static_cast<long>(i),
                                              ids->begin() + static_cast<long>(std::min(ids->size(), i + kChunk))));
      tx << "UPDATE activities SET revision = :r WHERE id" + id_in(tx, "ids"), soci::use(r, "r"), soci::use(list, "ids");
    }
    *out = r;
  });
  if (!late) {
    impl_->revision = bump_activities_revision(s);
    *impl_->revision_out = impl_->revision;
  }
}
std::shared_ptr<const long long> ActivityWriter::revision() const { return impl_->revision_out; }
ActivityWriter::~ActivityWriter() = default;

std::optional<long long> ActivityWriter::insert(const ActivityInput& in, long long org_unit_id, const std::string& source,
                                                long long import_id, const std::string& created_by) {
  Impl& w = *impl_;
  w.set_content(in, org_unit_id);
  w.key = in.key;
  w.key_ind = in.key.empty() ? soci::i_null : soci::i_ok;
  w.source = source;
  w.import_id = import_id;
  w.import_ind = import_id ? soci::i_ok : soci::i_null;
  w.created_by = created_by;
  w.id = 0;
  if (!w.ins.execute() || w.id == 0) return std::nullopt;  // the key exists
  w.write_children(in);
  if (w.revision == 0) w.stamp_ids->push_back(w.id);
  return w.id;
}

bool ActivityWriter::update(long long id, long long version, const ActivityInput& in, long long org_unit_id) {
  Impl& w = *impl_;
  w.set_content(in, org_unit_id);
  w.id = id;
  w.version = version;
  w.upd.execute();
  if (w.upd.affected_rows() != 1) return false;
  if (w.revision == 0) w.stamp_ids->push_back(id);
  for (auto* st : {&w.del_partner, &w.del_programme, &w.del_age, &w.del_reach, &w.del_output, &w.del_cost})
    st->execute();
  w.write_children(in);
  return true;
}

std::optional<ActivityHead> activity_head(soci::session& s, long long id) {
  ActivityHead h;
  s << "SELECT id, org_unit_id, lead_agency_id, version, created_by FROM activities WHERE id = :id", soci::into(h.id),
      soci::into(h.org_unit_id), soci::into(h.lead_agency_id), soci::into(h.version), soci::into(h.created_by),
      soci::use(id);
  if (!s.got_data()) return std::nullopt;
  long long a = 0;
  soci::statement st = (s.prepare << "SELECT agency_id FROM activity_partners WHERE activity_id = :id", soci::into(a),
                        soci::use(id));
  st.execute();
  while (st.fetch()) h.partner_agency_ids.push_back(a);
  return h;
}

long long delete_activity(soci::session& s, long long id, long long version, const Actor& actor) {
  auto head = activity_head(s, id);
  if (!head) throw Error::NotFound("hoạt động", "Activity");
  if (head->version != version) throw Error::Conflict();
  s << "DELETE FROM attachments WHERE owner_kind = 'activity' AND owner_id = :id", soci::use(id);
  for (const char* t : {"activity_partners", "activity_programmes", "activity_reach_ages", "activity_reach",
                        "activity_outputs", "activity_costs"})
    s << std::string("DELETE FROM ") + t + " WHERE activity_id = :id", soci::use(id);
  s << "DELETE FROM activities WHERE id = :id", soci::use(id);
  // The revision last: the row lock on meta is then held only for the tombstone, audit and commit.
  const long long revision = bump_activities_revision(s);
  const std::string now = now_iso_utc();
  s << "INSERT INTO activity_tombstones(activity_id, revision, deleted_at) VALUES(:a, :r, :t)", soci::use(id),
      soci::use(revision), soci::use(now);
  record_audit(s, actor, {"delete", "activity", std::to_string(id), head->org_unit_id, json{{"version", version}}, std::nullopt});
  return revision;
}

std::optional<PlanActivityRef> plan_activity_ref(soci::session& s, long long plan_activity_id) {
  PlanActivityRef r;
  s << "SELECT pa.id, pa.plan_id, p.org_unit_id, p.year, p.status FROM plan_activities pa JOIN integration_plans p "
       "ON p.id = pa.plan_id WHERE pa.id = :id",
      soci::into(r.id), soci::into(r.plan_id), soci::into(r.org_unit_id), soci::into(r.year), soci::into(r.status),
      soci::use(plan_activity_id);
  if (!s.got_data()) return std::nullopt;
  return r;
}

std::optional<long long> programme_unit(soci::session& s, long long programme_id) {
  long long u = 0;
  s << "SELECT org_unit_id FROM programmes WHERE id = :id", soci::into(u), soci::use(programme_id);
  if (!s.got_data()) return std::nullopt;
  return u;
}

// ----- reading -----

namespace {

// Reads activities set-wise — a page of a list, or one activity: the rows, then every child table
// in one UNION query for the whole set (ids bound as one array, storage/id_tables.hpp), then the
// plan references; the JSON of each in the order of `ids` (ids that no longer exist are skipped).
std::vector<json> read_activities(soci::session& s, const Hierarchy& h, const std::vector<long long>& ids) {
  std::vector<json> out;
  if (ids.empty()) return out;
  const std::string arr = id_array(s, ids);
  struct Row {
    json head;  // fields before the children, in order
    std::string key, title, type, type_vi, type_en, agency_name, agency_short, agency_key, start, end, note, source,
        created_by, created_at, updated_at;
    bool has_key = false, has_akey = false, has_plan = false;
    long long unit = 0, lead = 0, plan_activity = 0, reached = 0, cost = 0, version = 0;
    json partners = json::array(), programmes = json::array(), reach = json::array(), outputs = json::array(),
         costs = json::array();
    std::map<std::string, json> ages;
  };
  std::unordered_map<long long, Row> rows;
  rows.reserve(ids.size());
  {
    long long id = 0;
    Row r;
    soci::indicator key_ind = soci::i_ok, plan_ind = soci::i_ok, akey_ind = soci::i_ok;
    soci::statement st = read_once(
        s, "SELECT a.id, a.key, a.org_unit_id, a.title, a.intervention_type_code, t.name_vi, t.name_en, "
                      "a.lead_agency_id, ag.name, ag.short_name, ag.key, a.plan_activity_id, a.start_date, a.end_date, "
                      "a.reached_total, a.cost_total, a.note, a.source, a.created_by, a.version, a.created_at, "
                      "a.updated_at FROM activities a JOIN intervention_types t ON t.code = a.intervention_type_code "
                      "JOIN agencies ag ON ag.id = a.lead_agency_id WHERE a.id" + id_in(s, "ids"),
         soci::into(id), soci::into(r.key, key_ind), soci::into(r.unit), soci::into(r.title), soci::into(r.type),
         soci::into(r.type_vi), soci::into(r.type_en), soci::into(r.lead), soci::into(r.agency_name),
         soci::into(r.agency_short), soci::into(r.agency_key, akey_ind), soci::into(r.plan_activity, plan_ind),
         soci::into(r.start), soci::into(r.end), soci::into(r.reached), soci::into(r.cost), soci::into(r.note),
         soci::into(r.source), soci::into(r.created_by), soci::into(r.version), soci::into(r.created_at),
         soci::into(r.updated_at), soci::use(arr));
    st.execute();
    while (st.fetch()) {
      r.has_key = key_ind == soci::i_ok;
      r.has_akey = akey_ind == soci::i_ok;
      r.has_plan = plan_ind == soci::i_ok;
      rows[id] = r;
    }
  }
  if (rows.empty()) return out;
  long long aid = 0, n1 = 0, n2 = 0, n3 = 0, kind = 0, sort_n = 0;
  std::string c1, c2, sort_t;
  soci::indicator i2 = soci::i_ok, i3 = soci::i_ok, ic2 = soci::i_ok;
  {
    // Every child table of the page in one round trip: ages first (a reach row carries its ages),
    // then partners and programmes by name, reach by target group, outputs and costs by the
    // sort order of their code — the order the API has always given.
    // SOCI binds a name once: each part of the union has its own (ids1 … ids6), all the same list.
    int part = 0;
    auto in_next = [&] { return id_in(s, "ids" + std::to_string(++part)); };
    const std::string nb = "CAST(NULL AS BIGINT)", nt = "CAST(NULL AS TEXT)";
    const std::string sql =
        "SELECT 1 AS k, activity_id, count, " + nb + ", " + nb + ", target_group_code, age_band_code, CAST(0 AS BIGINT), "
        "CAST('' AS TEXT) FROM activity_reach_ages WHERE activity_id" + in_next() +
        " UNION ALL SELECT 2, p.activity_id, p.agency_id, " + nb + ", " + nb + ", ag.name, ag.short_name, 0, ag.name "
        "FROM activity_partners p JOIN agencies ag ON ag.id = p.agency_id WHERE p.activity_id" + in_next() +
        " UNION ALL SELECT 3, ap.activity_id, ap.programme_id, " + nb + ", " + nb + ", pr.name, " + nt + ", 0, pr.name "
        "FROM activity_programmes ap JOIN programmes pr ON pr.id = ap.programme_id WHERE ap.activity_id" + in_next() +
        " UNION ALL SELECT 4, activity_id, total, female, male, target_group_code, " + nt + ", 0, target_group_code "
        "FROM activity_reach WHERE activity_id" + in_next() +
        " UNION ALL SELECT 5, o.activity_id, o.quantity, " + nb + ", " + nb + ", o.output_kind_code, " + nt + ", "
        "CAST(k.sort_order AS BIGINT), '' FROM activity_outputs o JOIN output_kinds k ON k.code = o.output_kind_code "
        "WHERE o.activity_id" + in_next() +
        " UNION ALL SELECT 6, c.activity_id, c.amount, " + nb + ", " + nb + ", c.funding_source_code, " + nt + ", "
        "CAST(f.sort_order AS BIGINT), '' FROM activity_costs c JOIN funding_sources f ON f.code = c.funding_source_code "
        "WHERE c.activity_id" + in_next() +
        " ORDER BY 1, 2, 8, 9";
    soci::statement st = read_once(s, sql, soci::into(kind), soci::into(aid), soci::into(n1), soci::into(n2, i2),
                          soci::into(n3, i3), soci::into(c1), soci::into(c2, ic2), soci::into(sort_n), soci::into(sort_t),
                          soci::use(arr, "ids1"), soci::use(arr, "ids2"), soci::use(arr, "ids3"), soci::use(arr, "ids4"),
                          soci::use(arr, "ids5"), soci::use(arr, "ids6"));
    st.execute();
    while (st.fetch()) {
      auto it = rows.find(aid);
      if (it == rows.end()) continue;
      Row& r = it->second;
      const std::string second = ic2 == soci::i_ok ? c2 : std::string();
      switch (kind) {
        case 1: r.ages[c1][second] = n1; break;
        case 2: r.partners.push_back({{"id", n1}, {"name", c1}, {"shortName", second}}); break;
        case 3: r.programmes.push_back({{"id", n1}, {"name", c1}}); break;
        case 4: {
          auto a = r.ages.find(c1);
          r.reach.push_back({{"targetGroup", c1}, {"total", n1}, {"female", i2 == soci::i_ok ? json(n2) : json(nullptr)},
                             {"male", i3 == soci::i_ok ? json(n3) : json(nullptr)},
                             {"ages", a != r.ages.end() ? a->second : json::object()}});
          break;
        }
        case 5: r.outputs.push_back({{"kind", c1}, {"quantity", n1}}); break;
        case 6: r.costs.push_back({{"fundingSource", c1}, {"amount", n1}}); break;
        default: break;
      }
    }
  }
  std::unordered_map<long long, json> plans;
  {
    std::vector<long long> pas;
    for (const auto& [id, r] : rows)
      if (r.has_plan) pas.push_back(r.plan_activity);
    if (!pas.empty()) {
      std::sort(pas.begin(), pas.end());
      pas.erase(std::unique(pas.begin(), pas.end()), pas.end());
      const std::string parr = id_array(s, pas);
      long long pa = 0;
      soci::statement st = read_once(s, "SELECT pa.id, pa.plan_id, p.title, pa.description FROM plan_activities pa "
                                        "JOIN integration_plans p ON p.id = pa.plan_id WHERE pa.id" + id_in(s, "ids"),
                                     soci::into(pa), soci::into(n1), soci::into(c1), soci::into(c2), soci::use(parr));
      st.execute();
      while (st.fetch()) plans[pa] = {{"id", pa}, {"planId", n1}, {"planTitle", c1}, {"description", c2}};
    }
  }
  out.reserve(rows.size());
  for (long long id : ids) {
    auto it = rows.find(id);
    if (it == rows.end()) continue;
    Row& r = it->second;
    json plan_ref = nullptr;
    if (r.has_plan) {
      auto p = plans.find(r.plan_activity);
      if (p != plans.end()) plan_ref = p->second;
    }
    const OrgUnit* u = h.by_id(r.unit);
    const Date sd = *Date::parse(r.start);
    out.push_back(json{{"id", id}, {"key", r.has_key ? json(r.key) : json(nullptr)}, {"title", r.title},
                       {"interventionType", {{"code", r.type}, {"nameVi", r.type_vi}, {"nameEn", r.type_en}}},
                       {"orgUnit", u ? org_unit_ref(*u) : json(nullptr)},
                       {"leadAgency", {{"id", r.lead}, {"name", r.agency_name}, {"shortName", r.agency_short},
                                       {"key", r.has_akey ? json(r.agency_key) : json(nullptr)}}},
                       {"partners", r.partners}, {"programmes", r.programmes}, {"planActivity", plan_ref},
                       {"planned", !plan_ref.is_null()}, {"startDate", r.start}, {"endDate", r.end}, {"year", sd.year()},
                       {"reach", r.reach}, {"reachedTotal", r.reached}, {"outputs", r.outputs}, {"costs", r.costs},
                       {"costTotal", r.cost}, {"note", r.note}, {"source", r.source}, {"createdBy", r.created_by},
                       {"version", r.version}, {"createdAt", r.created_at}, {"updatedAt", r.updated_at}});
  }
  return out;
}

std::string order_by(const std::string& sort) {
  if (sort == "startDate") return " ORDER BY a.start_date, a.id";
  if (sort == "-createdAt") return " ORDER BY a.id DESC";
  if (sort == "title") return " ORDER BY a.title_folded, a.id";
  if (sort == "-title") return " ORDER BY a.title_folded DESC, a.id DESC";
  if (sort == "reachedTotal") return " ORDER BY a.reached_total, a.id";
  if (sort == "-reachedTotal") return " ORDER BY a.reached_total DESC, a.id DESC";
  if (sort == "costTotal") return " ORDER BY a.cost_total, a.id";
  if (sort == "-costTotal") return " ORDER BY a.cost_total DESC, a.id DESC";
  return " ORDER BY a.start_date DESC, a.id DESC";
}

// How the list reads its rows (issue 20), decided by list_activities from cheap probes:
// search: the text search (the trigram index's whole match set when it was small enough);
// walk_sort: the filters match more than the count cap, so walking the sort order's index and
// testing each row finds a page sooner than collecting every match and sorting it (SQLite: the
// filter columns are written +col so that it does not pick their indexes; PostgreSQL plans alone).
struct ListPlan {
  TextSearch search;
  bool walk_sort = false;
};

// `head` is literal SQL ending in "FROM activities a"; every filter value is bound.
Query filtered(const std::string& head, const ActivityFilter& f, const ListPlan& plan, bool postgres) {
  Query q(head + " WHERE 1=1");
  const bool plus = plan.walk_sort && !postgres;
  // A scope of many units (a province and what merged into it) is better served by walking the
  // start-date index and stopping at a page than by collecting every match of the unit index and
  // sorting it; the unary + keeps SQLite from choosing the unit index there. A few units (a
  // commune) keep the unit index. (PostgreSQL ignores the +.)
  const bool wide = f.scope->ids().size() > 20 && (f.sort == "-startDate" || f.sort == "startDate");
  if (!f.scope->all())
    q.append(wide || plus ? " AND +a.org_unit_id IN (SELECT id FROM scope_ids)" : " AND a.org_unit_id IN (SELECT id FROM scope_ids)");
  const std::string agency_clause =
      "(a.lead_agency_id = ? OR EXISTS (SELECT 1 FROM activity_partners p WHERE p.activity_id = a.id AND p.agency_id = ?))";
  if (f.only_agency) q.and_where(agency_clause, f.only_agency);
  if (f.agency_id) q.and_where(agency_clause, f.agency_id);
  // An activity belongs to the period it starts in, as in the reports (an overlap test would scan
  // every earlier activity: there is no bound on how long one lasts).
  if (f.from) q.and_where(plus ? "+a.start_date >= ?" : "a.start_date >= ?", f.from->iso());
  if (f.to) q.and_where(plus ? "+a.start_date <= ?" : "a.start_date <= ?", f.to->iso());
  if (!f.intervention_type.empty())
    q.and_where(plus ? "+a.intervention_type_code = ?" : "a.intervention_type_code = ?", f.intervention_type);
  if (!f.target_group.empty())
    q.and_where("EXISTS (SELECT 1 FROM activity_reach r WHERE r.activity_id = a.id AND r.target_group_code = ?)", f.target_group);
  if (!f.funding_source.empty())
    q.and_where("EXISTS (SELECT 1 FROM activity_costs c WHERE c.activity_id = a.id AND c.funding_source_code = ?)", f.funding_source);
  if (f.programme_id)
    q.and_where("EXISTS (SELECT 1 FROM activity_programmes ap WHERE ap.activity_id = a.id AND ap.programme_id = ?)", f.programme_id);
  if (f.planned) q.append(*f.planned ? " AND a.plan_activity_id IS NOT NULL" : " AND a.plan_activity_id IS NULL");
  if (!f.created_by.empty()) q.and_where("a.created_by = ?", f.created_by);
  add_search_clause(q, plan.search, "a.id", "a.title_folded", postgres);
  return q;
}

// True when no filter but the target group narrows the list (everything in scope, all dates…).
bool only_target_group(const ActivityFilter& f, const ListPlan& plan) {
  return !f.target_group.empty() && f.scope->all() && !f.only_agency && !f.agency_id && !f.from && !f.to &&
         f.intervention_type.empty() && f.funding_source.empty() && !f.programme_id && !f.planned &&
         f.created_by.empty() && plan.search.folded.empty();
}

// True when the search is the only filter.
bool only_search(const ActivityFilter& f, const ListPlan& plan) {
  return !plan.search.folded.empty() && f.target_group.empty() && f.scope->all() && !f.only_agency &&
         !f.agency_id && !f.from && !f.to && f.intervention_type.empty() && f.funding_source.empty() &&
         !f.programme_id && !f.planned && f.created_by.empty();
}

}  // namespace

std::optional<json> activity_json(soci::session& s, const Hierarchy& h, long long id, bool with_attachments) {
  auto found = read_activities(s, h, {id});
  if (found.empty()) return std::nullopt;
  std::optional<json> j = std::move(found.front());
  if (with_attachments) {
    json files = json::array();
    for (const auto& a : attachments_of(s, "activity", id)) files.push_back(attachment_json(a));
    (*j)["attachments"] = files;
  }
  return j;
}

json activity_input_json(soci::session& s, const Hierarchy& h, long long id) {
  auto j = activity_json(s, h, id, false);
  if (!j) throw Error::NotFound("hoạt động", "Activity");
  json partners = json::array(), programmes = json::array(), reach = json::array();
  for (const auto& p : (*j)["partners"]) partners.push_back(p["id"]);
  for (const auto& p : (*j)["programmes"]) programmes.push_back(p["id"]);
  for (const auto& r : (*j)["reach"]) {
    json row = {{"targetGroup", r["targetGroup"]}, {"total", r["total"]}};
    if (!r["female"].is_null()) row["female"] = r["female"];
    if (!r["male"].is_null()) row["male"] = r["male"];
    if (!r["ages"].empty()) row["ages"] = r["ages"];
    reach.push_back(row);
  }
  return {{"id", id}, {"title", (*j)["title"]}, {"interventionTypeCode", (*j)["interventionType"]["code"]},
          {"orgUnitCode", (*j)["orgUnit"].is_null() ? json(nullptr) : (*j)["orgUnit"]["code"]},
          {"orgUnit", (*j)["orgUnit"]}, {"leadAgencyId", (*j)["leadAgency"]["id"]}, {"leadAgency", (*j)["leadAgency"]},
          {"partnerAgencyIds", partners}, {"programmeIds", programmes},
          {"planActivityId", (*j)["planActivity"].is_null() ? json(nullptr) : (*j)["planActivity"]["id"]},
          {"startDate", (*j)["startDate"]}, {"endDate", (*j)["endDate"]}, {"reach", reach},
          {"outputs", (*j)["outputs"]}, {"costs", (*j)["costs"]}, {"note", (*j)["note"]}};
}

json list_activities(soci::session& s, const Hierarchy& h, const ActivityFilter& f) {
  if (!f.scope->all()) load_scope_ids(s, *f.scope);
  const bool postgres = s.get_backend_name() == "postgresql";
  ListPlan plan;
  if (!f.q.empty()) plan.search = probe_search(s, "activities_search", f.q, kActivityCountCap);
  long long total = 0;
  if (only_search(f, plan) && (plan.search.over_limit || plan.search.complete)) {
    // The search is the only filter and the index found its matches (an exact trigram phrase is
    // exactly the substring: migration 0036, case_sensitive): their number, or the cap when more.
    total = plan.search.over_limit ? kActivityCountCap + 1 : static_cast<long long>(plan.search.ids.size());
  } else if (only_target_group(f, plan)) {
    // The target group's reach rows in their own index (one per activity and group) instead of
    // an EXISTS per activity walked.
    Query c("SELECT COUNT(*) FROM (SELECT 1 AS one FROM activity_reach r WHERE 1=1");
    c.and_where("r.target_group_code = ?", f.target_group).append_bound(" LIMIT ?) c", kActivityCountCap + 1);
    c.run(s, soci::into(total));
  } else {
    filtered("SELECT COUNT(*) FROM (SELECT 1 AS one FROM activities a", f, plan, postgres)
        .append_bound(" LIMIT ?) c", kActivityCountCap + 1)
        .run(s, soci::into(total));
  }
  const bool capped = total > kActivityCountCap;
  // Sorted by people reached or cost with more matches than the cap: walk that sort's index.
  const bool value_sort = f.sort == "reachedTotal" || f.sort == "-reachedTotal" || f.sort == "costTotal" ||
                          f.sort == "-costTotal";
  // Walking visits about (offset + page) × rows / matches rows; collecting visits every match and
  // sorts them: walk when more match than the cap, or when the walk is the shorter of the two.
  if (value_sort && !plan.search.complete && !postgres) {
    long long rows = 0;
    if (!capped) s << "SELECT COALESCE(MAX(id), 0) FROM activities", soci::into(rows);
    const long long reach = (static_cast<long long>(f.page) * f.page_size);
    plan.walk_sort = capped || (total > 0 && reach * rows < total * total);
  }
  std::vector<long long> ids;
  {
    // PostgreSQL with a search matching at most the cap: its planner would walk the sort's index
    // with the LIKE as a filter (it assumes the matches spread evenly; a place's name clusters in
    // time: 7.4 s at 1 M), so the matches are collected first by the trigram index (OFFSET 0
    // keeps the subquery planned alone) and only they are sorted.
    const bool collect = postgres && !plan.search.folded.empty() && !capped;
    Query q = collect ? filtered("SELECT a.id FROM (SELECT a.id, a.start_date, a.title_folded, a.reached_total, "
                                 "a.cost_total FROM activities a", f, plan, postgres)
                      : filtered("SELECT a.id FROM activities a", f, plan, postgres);
    if (collect) q.append(" OFFSET 0) a");
    q.append(order_by(f.sort))
        .append_bound(" LIMIT ?", f.page_size)
        .append_bound(" OFFSET ?", (f.page - 1) * static_cast<long long>(f.page_size));
    long long id = 0;
    soci::statement st = q.prepare(s, soci::into(id));
    st.execute();
    while (st.fetch()) ids.push_back(id);
  }
  json items = json::array();
  for (auto& j : read_activities(s, h, ids)) items.push_back(std::move(j));
  return {{"items", items}, {"total", capped ? kActivityCountCap : total}, {"totalCapped", capped},
          {"page", f.page}, {"pageSize", f.page_size}};
}

void for_each_activity_row(soci::session& s, const Hierarchy& h, const ActivityFilter& f,
                           const std::function<void(const std::vector<std::string>&)>& on_row) {
  if (!f.scope->all()) load_scope_ids(s, *f.scope);
  const bool postgres = s.get_backend_name() == "postgresql";
  ListPlan plan;
  // An export reads every match: the index's set when it is small, else the LIKE over all rows.
  if (!f.q.empty()) plan.search = probe_search(s, "activities_search", f.q, kActivityCountCap);
  std::vector<long long> ids;
  {
    Query q = filtered("SELECT a.id FROM activities a", f, plan, postgres);
    q.append(order_by(f.sort));
    long long id = 0;
    soci::statement st = q.prepare(s, soci::into(id));
    st.execute();
    while (st.fetch()) ids.push_back(id);
  }
  auto num = [](const json& v) { return v.is_null() ? std::string() : std::to_string(v.get<long long>()); };
  // Set-wise reads in chunks: a bounded number of statements per chunk, bounded memory per chunk.
  constexpr size_t kChunk = 500;
  for (size_t from = 0; from < ids.size(); from += kChunk) {
    const std::vector<long long> chunk(ids.begin() + from, ids.begin() + std::min(ids.size(), from + kChunk));
    for (const json& a : read_activities(s, h, chunk)) {
      const long long id = a["id"].get<long long>();
      const std::string key = a["key"].is_null() ? "lg-" + std::to_string(id) : a["key"].get<std::string>();
      std::string sessions;
      for (const auto& o : a["outputs"])
        if (o["kind"] == "sessions") sessions = num(o["quantity"]);
      const size_t rows = std::max<size_t>({a["reach"].size(), a["costs"].size(), 1});
      for (size_t i = 0; i < rows; ++i) {
        std::vector<std::string> cells(15);
        cells[0] = key;
        cells[1] = a["title"];
        cells[2] = a["interventionType"]["code"];
        cells[3] = a["orgUnit"].is_null() ? "" : a["orgUnit"]["code"].get<std::string>();
        const json& ak = a["leadAgency"]["key"];
        cells[4] = ak.is_null() ? std::to_string(a["leadAgency"]["id"].get<long long>()) : ak.get<std::string>();
        cells[5] = Date::parse(a["startDate"].get<std::string>())->vn();
        cells[6] = Date::parse(a["endDate"].get<std::string>())->vn();
        if (i < a["reach"].size()) {
          const json& rr = a["reach"][i];
          cells[7] = rr["targetGroup"];
          cells[8] = num(rr["total"]);
          cells[9] = num(rr["female"]);
          cells[10] = num(rr["male"]);
        }
        if (i == 0) cells[11] = sessions;
        if (i < a["costs"].size()) {
          cells[12] = num(a["costs"][i]["amount"]);
          cells[13] = a["costs"][i]["fundingSource"];
        }
        if (i == 0) cells[14] = a["note"];
        on_row(cells);
      }
    }
  }
}

// ----- surveys -----

namespace {
json survey_json(soci::session& s, const Hierarchy& h, long long id) {
  long long unit = 0, count = 0, female = 0, male = 0, version = 0;
  int year = 0, half = 0;
  std::string tg, date, note, updated;
  soci::indicator fi, mi;
  s << "SELECT org_unit_id, year, half, target_group_code, count, female, male, survey_date, note, version, updated_at "
       "FROM target_group_surveys WHERE id = :id",
      soci::into(unit), soci::into(year), soci::into(half), soci::into(tg), soci::into(count), soci::into(female, fi),
      soci::into(male, mi), soci::into(date), soci::into(note), soci::into(version), soci::into(updated), soci::use(id);
  if (!s.got_data()) throw Error::NotFound("phiếu rà soát", "Survey");
  const OrgUnit* u = h.by_id(unit);
  const std::string period = std::to_string(year) + (half ? "-H" + std::to_string(half) : "");
  return {{"id", id}, {"orgUnit", u ? org_unit_ref(*u) : json(nullptr)}, {"year", year}, {"half", half},
          {"period", period}, {"targetGroup", tg}, {"count", count},
          {"female", fi == soci::i_ok ? json(female) : json(nullptr)},
          {"male", mi == soci::i_ok ? json(male) : json(nullptr)}, {"surveyDate", date}, {"note", note},
          {"version", version}, {"updatedAt", updated}};
}
}  // namespace

json put_survey(soci::session& s, const Hierarchy& h, const SurveyInput& in, const Actor& actor) {
  std::vector<FieldIssue> issues;
  if (in.year < 2000 || in.year > 2100)
    issues.push_back({"year", "Năm phải trong khoảng 2000–2100", "Year must be between 2000 and 2100"});
  if (in.half < 0 || in.half > 2)
    issues.push_back({"half", "Kỳ phải là 0 (cả năm), 1 hoặc 2 (6 tháng)", "half is 0 (whole year), 1 or 2"});
  if (!taxonomy_has(s, "target_groups", in.target_group))
    issues.push_back({"targetGroup", "Nhóm đối tượng không tồn tại: " + in.target_group, "Unknown target group: " + in.target_group});
  check_sex_split("", in.count, in.female, in.male, issues);
  for (auto& i : issues)
    if (i.field == "total") i.field = "count";
  if (in.note.size() > 2000 || !is_clean_utf8(in.note))
    issues.push_back({"note", "Ghi chú tối đa 2.000 ký tự", "The note is at most 2,000 characters"});
  if (in.survey_date > Date::today_vn())
    issues.push_back({"surveyDate", "Ngày rà soát không được sau hôm nay", "The survey date cannot be after today"});
  if (!issues.empty()) throw Error::Invalid(issues);

  long long id = 0, version = 0;
  s << "SELECT id, version FROM target_group_surveys WHERE org_unit_id = :u AND year = :y AND half = :h AND "
       "target_group_code = :g",
      soci::into(id), soci::into(version), soci::use(in.org_unit_id), soci::use(in.year), soci::use(in.half),
      soci::use(in.target_group);
  const bool exists = s.got_data();
  if (exists && in.version && *in.version != version) throw Error::Conflict();
  if (!exists && in.version) throw Error::Conflict();
  const std::string now = now_iso_utc(), date = in.survey_date.iso();
  soci::indicator fi = in.female ? soci::i_ok : soci::i_null, mi = in.male ? soci::i_ok : soci::i_null;
  long long female = in.female.value_or(0), male = in.male.value_or(0);
  json after = {{"orgUnitId", in.org_unit_id}, {"year", in.year}, {"half", in.half}, {"targetGroup", in.target_group},
                {"count", in.count}, {"female", opt_json(in.female)}, {"male", opt_json(in.male)},
                {"surveyDate", date}, {"note", in.note}};
  if (exists) {
    s << "UPDATE target_group_surveys SET count = :c, female = :f, male = :m, survey_date = :d, note = :n, "
         "version = version + 1, updated_at = :ua WHERE id = :id",
        soci::use(in.count), soci::use(female, fi), soci::use(male, mi), soci::use(date), soci::use(in.note),
        soci::use(now), soci::use(id);
  } else {
    s << "INSERT INTO target_group_surveys(org_unit_id, year, half, target_group_code, count, female, male, survey_date, "
         "note, version, created_at, updated_at) VALUES(:u, :y, :h, :g, :c, :f, :m, :d, :n, 1, :ca, :ua) RETURNING id",
        soci::use(in.org_unit_id), soci::use(in.year), soci::use(in.half), soci::use(in.target_group), soci::use(in.count),
        soci::use(female, fi), soci::use(male, mi), soci::use(date), soci::use(in.note), soci::use(now), soci::use(now),
        soci::into(id);
  }
  record_audit(s, actor, {exists ? "update" : "create", "survey", std::to_string(id), in.org_unit_id, std::nullopt, after});
  return survey_json(s, h, id);
}

json list_surveys(soci::session& s, const Hierarchy& h, const SurveyFilter& f) {
  if (!f.scope->all()) load_scope_ids(s, *f.scope);
  auto build = [&](const std::string& select) {
    Query q(select + " FROM target_group_surveys v JOIN target_groups g ON g.code = v.target_group_code WHERE 1=1");
    if (!f.scope->all()) q.append(" AND v.org_unit_id IN (SELECT id FROM scope_ids)");
    if (f.year) q.and_where("v.year = ?", static_cast<long long>(f.year));
    if (f.half >= 0) q.and_where("v.half = ?", static_cast<long long>(f.half));
    if (!f.target_group.empty()) q.and_where("v.target_group_code = ?", f.target_group);
    return q;
  };
  auto [ids, total] =
      page_of_ids(s, build, "v.id", " ORDER BY v.year DESC, v.half DESC, v.org_unit_id, g.sort_order", f.page, f.page_size);
  json items = json::array();
  for (long long i : ids) items.push_back(survey_json(s, h, i));
  return {{"items", items}, {"total", total}, {"page", f.page}, {"pageSize", f.page_size}};
}

std::optional<long long> survey_unit(soci::session& s, long long id) {
  long long u = 0;
  s << "SELECT org_unit_id FROM target_group_surveys WHERE id = :id", soci::into(u), soci::use(id);
  if (!s.got_data()) return std::nullopt;
  return u;
}

void delete_survey(soci::session& s, long long id, long long version, const Actor& actor) {
  long long unit = 0, v = 0;
  s << "SELECT org_unit_id, version FROM target_group_surveys WHERE id = :id", soci::into(unit), soci::into(v), soci::use(id);
  if (!s.got_data()) throw Error::NotFound("phiếu rà soát", "Survey");
  if (v != version) throw Error::Conflict();
  s << "DELETE FROM target_group_surveys WHERE id = :id", soci::use(id);
  record_audit(s, actor, {"delete", "survey", std::to_string(id), unit, json{{"version", version}}, std::nullopt});
}

}  // namespace longghep
