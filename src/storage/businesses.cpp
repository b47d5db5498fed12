#include "storage/inspection_fact_store.hpp"
#include "storage/businesses.hpp"

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "storage/org_units.hpp"
#include "storage/query.hpp"

namespace longghep {
using nlohmann::json;

namespace {
constexpr const char* kColumns =
    "id, type_code, name, address, commune_unit_id, commune_as_of, owner_name, antt_person, antt_cert_number, "
    "antt_cert_date, antt_cert_issuer, sector_licence, police_notified_on, workers_female, workers_male, status, "
    "status_since, version, COALESCE(created_by, 0), created_at, COALESCE(updated_by, 0), updated_at";

// One row of kColumns read into a BusinessRow.
struct RowReader {
  BusinessRow r;
  std::string as_of, cert_date, notified, since;
  soci::indicator icert = soci::i_null, inotified = soci::i_null;
  void bind(soci::statement& st) {
    auto& f = r.in.f;
    st.exchange(soci::into(r.id));
    st.exchange(soci::into(f.type_code));
    st.exchange(soci::into(f.name));
    st.exchange(soci::into(f.address));
    st.exchange(soci::into(f.commune_unit_id));
    st.exchange(soci::into(as_of));
    st.exchange(soci::into(f.owner_name));
    st.exchange(soci::into(f.antt_person));
    st.exchange(soci::into(f.antt_cert_number));
    st.exchange(soci::into(cert_date, icert));
    st.exchange(soci::into(f.antt_cert_issuer));
    st.exchange(soci::into(f.sector_licence));
    st.exchange(soci::into(notified, inotified));
    st.exchange(soci::into(f.workers_female));
    st.exchange(soci::into(f.workers_male));
    st.exchange(soci::into(r.status));
    st.exchange(soci::into(since));
    st.exchange(soci::into(r.version));
    st.exchange(soci::into(r.created_by));
    st.exchange(soci::into(r.created_at));
    st.exchange(soci::into(r.updated_by));
    st.exchange(soci::into(r.updated_at));
  }
  BusinessRow row() const {
    BusinessRow x = r;
    x.in.commune_as_of = *Date::parse(as_of);
    x.status_since = *Date::parse(since);
    x.in.f.antt_cert_date = icert == soci::i_ok ? Date::parse(cert_date) : std::nullopt;
    x.in.f.police_notified_on = inotified == soci::i_ok ? Date::parse(notified) : std::nullopt;
    return x;
  }
};

json opt_date_json(const std::optional<Date>& d) { return d ? json(d->iso()) : json(nullptr); }

json audit_json(const BusinessInput& in, const std::string& status) {
  const auto& f = in.f;
  return {{"typeCode", f.type_code},         {"name", f.name},
          {"address", f.address},            {"communeUnitId", f.commune_unit_id},
          {"communeAsOf", in.commune_as_of.iso()},
          {"ownerName", f.owner_name},       {"anttPerson", f.antt_person},
          {"anttCertNumber", f.antt_cert_number}, {"anttCertDate", opt_date_json(f.antt_cert_date)},
          {"anttCertIssuer", f.antt_cert_issuer}, {"sectorLicence", f.sector_licence},
          {"policeNotifiedOn", opt_date_json(f.police_notified_on)},
          {"workersFemale", f.workers_female}, {"workersMale", f.workers_male},
          {"status", status}};
}

void validate_input(soci::session& s, const Hierarchy& h, const BusinessInput& in) {
  businesses::validate(in.f, Date::today_vn());
  int n = 0;
  s << "SELECT COUNT(*) FROM business_types WHERE code = :c AND active = 1", soci::use(in.f.type_code), soci::into(n);
  if (!n) throw Error::Validation("typeCode", "Loại hình kinh doanh không có trong danh mục: " + in.f.type_code,
                                  "Unknown business type: " + in.f.type_code);
  const OrgUnit* u = h.by_id(in.f.commune_unit_id);
  if (!u || u->kind != "commune" || !u->valid_on(in.commune_as_of))
    throw Error::Validation("communeCode", "Địa bàn phải là một xã, phường, đặc khu có hiệu lực vào ngày đã cho",
                            "The place must be a commune valid on the given date");
}

struct Bound {
  std::string cert, notified, as_of;
  soci::indicator icert, inotified;
  explicit Bound(const BusinessInput& in)
      : cert(in.f.antt_cert_date ? in.f.antt_cert_date->iso() : ""),
        notified(in.f.police_notified_on ? in.f.police_notified_on->iso() : ""),
        as_of(in.commune_as_of.iso()),
        icert(in.f.antt_cert_date ? soci::i_ok : soci::i_null),
        inotified(in.f.police_notified_on ? soci::i_ok : soci::i_null) {}
};

soci::indicator user_ind(long long id) { return id ? soci::i_ok : soci::i_null; }

void add_history(soci::session& s, long long id, const std::string& status, Date on, const std::string& reason,
                 const Actor& actor) {
  const std::string d = on.iso(), now = now_iso_utc();
  long long by = actor.user_id;
  soci::indicator iby = user_ind(by);
  s << "INSERT INTO business_status_history(business_id, status, effective_on, reason, recorded_by, recorded_at) "
       "VALUES(:b, :s, :d, :r, :by, :at)",
      soci::use(id), soci::use(status), soci::use(d), soci::use(reason), soci::use(by, iby), soci::use(now);
}
}  // namespace

std::optional<BusinessRow> get_business(soci::session& s, long long id) {
  RowReader rd;
  soci::statement st(s);
  rd.bind(st);
  st.exchange(soci::use(id));
  st.alloc();
  st.prepare(std::string("SELECT ") + kColumns + " FROM businesses WHERE id = :id");
  st.define_and_bind();
  st.execute();
  if (!st.fetch()) return std::nullopt;
  return rd.row();
}

json business_json(soci::session&, const Hierarchy& h, const BusinessRow& r) {
  const auto& f = r.in.f;
  const OrgUnit* u = h.by_id(f.commune_unit_id);
  return {{"id", r.id},
          {"typeCode", f.type_code},
          {"name", f.name},
          {"address", f.address},
          {"commune", {{"orgUnit", u ? org_unit_ref(*u) : json(nullptr)}, {"asOf", r.in.commune_as_of.iso()}}},
          {"ownerName", f.owner_name},
          {"anttPerson", f.antt_person},
          {"anttCertNumber", f.antt_cert_number},
          {"anttCertDate", opt_date_json(f.antt_cert_date)},
          {"anttCertIssuer", f.antt_cert_issuer},
          {"sectorLicence", f.sector_licence},
          {"policeNotifiedOn", opt_date_json(f.police_notified_on)},
          {"workersFemale", f.workers_female},
          {"workersMale", f.workers_male},
          {"status", r.status},
          {"statusSince", r.status_since.iso()},
          {"version", r.version},
          {"createdAt", r.created_at},
          {"updatedAt", r.updated_at}};
}

json business_history_json(soci::session& s, long long id) {
  json items = json::array();
  long long hid = 0;
  std::string status, on, reason, at, username;
  soci::indicator iu = soci::i_null;
  soci::statement st =
      (s.prepare << "SELECT h.id, h.status, h.effective_on, h.reason, h.recorded_at, u.username FROM business_status_history h "
                    "LEFT JOIN users u ON u.id = h.recorded_by WHERE h.business_id = :b ORDER BY h.effective_on, h.id",
       soci::into(hid), soci::into(status), soci::into(on), soci::into(reason), soci::into(at), soci::into(username, iu),
       soci::use(id));
  st.execute();
  while (st.fetch())
    items.push_back({{"id", hid}, {"status", status}, {"effectiveOn", on}, {"reason", reason}, {"recordedAt", at},
                     {"recordedBy", iu == soci::i_ok ? json(username) : json(nullptr)}});
  return {{"items", items}};
}

namespace {
// From this many matching businesses the page walks the name index instead of sorting them.
constexpr long long kWalkNamesFrom = 2000;
}  // namespace

json list_businesses(soci::session& s, const Hierarchy& h, const BusinessFilter& f) {
  std::optional<Scope> eff;
  const bool caller_all = !f.scope || f.scope->all();
  if (f.within) {
    Scope w = h.scope_of(f.within->id);
    if (caller_all) eff = w;
    else if (w.all()) eff = *f.scope;
    else {
      std::vector<long long> ids;
      for (long long x : w.ids())
        if (f.scope->contains(x)) ids.push_back(x);
      eff = Scope::of(std::move(ids));
    }
  } else if (!caller_all) {
    eff = *f.scope;
  }
  const bool scoped = eff && !eff->all();
  if (scoped) load_scope_ids(s, *eff);
  // The page of a large result walks businesses_name (name order) and stops after the page; the
  // unary + and the `|| ''` keep the planner off the commune and status indexes for it, which
  // would sort the whole result first (0.4 s for 200,000 businesses, docs/BENCHMARKS.md "Service
  // businesses"); a type is read in name order from businesses_type_name. The count, and the page
  // of a small result, use the indexes.
  long long counted = -1;
  auto filtered = [&](const std::string& select) {
    Query q(select + " FROM businesses WHERE 1=1");
    const bool walk_names = counted > kWalkNamesFrom && f.sort != "updatedAt" && f.sort != "-updatedAt";
    if (scoped) q.append(walk_names ? " AND +commune_unit_id IN (SELECT id FROM scope_ids)" : " AND commune_unit_id IN (SELECT id FROM scope_ids)");
    if (!f.type.empty()) q.and_where("type_code = ?", f.type);
    if (!f.status.empty()) q.and_where(walk_names ? "(status || '') = ?" : "status = ?", f.status);
    if (!f.q.empty()) q.and_contains("dup_key", fold_for_search(f.q));
    return q;
  };
  std::string order = " ORDER BY name_folded, id";
  if (f.sort == "-name") order = " ORDER BY name_folded DESC, id DESC";
  else if (f.sort == "-updatedAt") order = " ORDER BY updated_at DESC, id DESC";
  else if (f.sort == "updatedAt") order = " ORDER BY updated_at, id";
  long long total = 0;
  filtered("SELECT COUNT(*)").run(s, soci::into(total));
  counted = total;
  std::vector<long long> ids;
  {
    Query q = filtered("SELECT id");
    q.append(order).append_bound(" LIMIT ?", f.page_size).append_bound(" OFFSET ?", (f.page - 1) * static_cast<long long>(f.page_size));
    long long id = 0;
    soci::statement st = q.prepare(s, soci::into(id));
    st.execute();
    while (st.fetch()) ids.push_back(id);
  }
  json items = json::array();
  for (long long i : ids)
    if (auto r = get_business(s, i)) items.push_back(business_json(s, h, *r));
  return {{"items", items}, {"total", total}, {"page", f.page}, {"pageSize", f.page_size}};
}

long long find_business_duplicate(soci::session& s, const std::string& dup_key, long long except) {
  long long id = 0;
  s << "SELECT id FROM businesses WHERE dup_key = :k AND id <> :e ORDER BY id LIMIT 1", soci::use(dup_key), soci::use(except),
      soci::into(id);
  return s.got_data() ? id : 0;
}

long long create_business(soci::session& s, const Hierarchy& h, const BusinessInput& in, const std::string& status,
                          Date since, const Actor& actor) {
  bump_inspection_facts_revision(s);  // the figures' fact store reloads after this write
  validate_input(s, h, in);
  if (!businesses::is_status(status))
    throw Error::Validation("status", "Trạng thái: operating, suspended hoặc closed", "status: operating, suspended or closed");
  const auto& f = in.f;
  const std::string folded = fold_for_search(f.name), key = businesses::duplicate_key(f.name, f.address, f.commune_unit_id);
  const std::string now = now_iso_utc(), since_s = since.iso();
  Bound b(in);
  long long by = actor.user_id;
  soci::indicator iby = user_ind(by);
  long long id = 0;
  s << "INSERT INTO businesses(type_code, name, name_folded, address, dup_key, commune_unit_id, commune_as_of, owner_name, "
       "antt_person, antt_cert_number, antt_cert_date, antt_cert_issuer, sector_licence, police_notified_on, workers_female, "
       "workers_male, status, status_since, version, created_by, created_at, updated_by, updated_at) VALUES(:t, :n, :nf, :a, "
       ":k, :u, :asof, :o, :p, :cn, :cd, :ci, :sl, :pn, :wf, :wm, :st, :ss, 1, :cb, :ca, :ub, :ua) RETURNING id",
      soci::use(f.type_code), soci::use(f.name), soci::use(folded), soci::use(f.address), soci::use(key),
      soci::use(f.commune_unit_id), soci::use(b.as_of), soci::use(f.owner_name), soci::use(f.antt_person),
      soci::use(f.antt_cert_number), soci::use(b.cert, b.icert), soci::use(f.antt_cert_issuer), soci::use(f.sector_licence),
      soci::use(b.notified, b.inotified), soci::use(f.workers_female), soci::use(f.workers_male), soci::use(status),
      soci::use(since_s), soci::use(by, iby), soci::use(now), soci::use(by, iby), soci::use(now), soci::into(id);
  add_history(s, id, status, since, "", actor);
  record_audit(s, actor, {"create", "business", std::to_string(id), f.commune_unit_id, std::nullopt, audit_json(in, status)});
  return id;
}

void update_business(soci::session& s, const Hierarchy& h, long long id, long long version, const BusinessInput& in,
                     const Actor& actor) {
  bump_inspection_facts_revision(s);  // the figures' fact store reloads after this write
  auto cur = get_business(s, id);
  if (!cur) throw Error::NotFound("cơ sở kinh doanh", "Business");
  if (cur->version != version) throw Error::Conflict();
  validate_input(s, h, in);
  const auto& f = in.f;
  const std::string folded = fold_for_search(f.name), key = businesses::duplicate_key(f.name, f.address, f.commune_unit_id);
  const std::string now = now_iso_utc();
  Bound b(in);
  long long by = actor.user_id;
  soci::indicator iby = user_ind(by);
  soci::statement st =
      (s.prepare << "UPDATE businesses SET type_code = :t, name = :n, name_folded = :nf, address = :a, dup_key = :k, "
                    "commune_unit_id = :u, commune_as_of = :asof, owner_name = :o, antt_person = :p, antt_cert_number = :cn, "
                    "antt_cert_date = :cd, antt_cert_issuer = :ci, sector_licence = :sl, police_notified_on = :pn, "
                    "workers_female = :wf, workers_male = :wm, version = version + 1, updated_by = :ub, updated_at = :ua "
                    "WHERE id = :id AND version = :v",
       soci::use(f.type_code), soci::use(f.name), soci::use(folded), soci::use(f.address), soci::use(key),
       soci::use(f.commune_unit_id), soci::use(b.as_of), soci::use(f.owner_name), soci::use(f.antt_person),
       soci::use(f.antt_cert_number), soci::use(b.cert, b.icert), soci::use(f.antt_cert_issuer), soci::use(f.sector_licence),
       soci::use(b.notified, b.inotified), soci::use(f.workers_female), soci::use(f.workers_male), soci::use(by, iby),
       soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  record_audit(s, actor, {"update", "business", std::to_string(id), f.commune_unit_id, audit_json(cur->in, cur->status),
                          audit_json(in, cur->status)});
}

void change_business_status(soci::session& s, long long id, long long version, const std::string& status, Date on,
                            const std::string& reason, const Actor& actor) {
  bump_inspection_facts_revision(s);  // the figures' fact store reloads after this write
  auto cur = get_business(s, id);
  if (!cur) throw Error::NotFound("cơ sở kinh doanh", "Business");
  if (cur->version != version) throw Error::Conflict();
  businesses::require_transition(cur->status, cur->status_since, status, on, reason, Date::today_vn());
  const std::string now = now_iso_utc(), d = on.iso();
  long long by = actor.user_id;
  soci::indicator iby = user_ind(by);
  soci::statement st = (s.prepare << "UPDATE businesses SET status = :s, status_since = :d, version = version + 1, "
                                     "updated_by = :ub, updated_at = :ua WHERE id = :id AND version = :v",
                        soci::use(status), soci::use(d), soci::use(by, iby), soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  add_history(s, id, status, on, reason, actor);
  record_audit(s, actor, {"update", "business_status", std::to_string(id), cur->in.f.commune_unit_id,
                          json{{"name", cur->in.f.name}, {"status", cur->status}, {"since", cur->status_since.iso()}},
                          json{{"name", cur->in.f.name}, {"status", status}, {"since", d}, {"reason", reason}}});
}

long long count_businesses(soci::session& s) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM businesses", soci::into(n);
  return n;
}

}  // namespace longghep
