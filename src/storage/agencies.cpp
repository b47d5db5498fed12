#include "storage/agencies.hpp"

#include "domain/decree30.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"
#include "storage/org_units.hpp"
#include "storage/query.hpp"

namespace longghep {
using nlohmann::json;

namespace {
json input_json(const AgencyInput& in) {
  json j = {{"name", in.name}, {"shortName", in.short_name}, {"kind", in.kind}, {"orgUnitId", in.org_unit_id},
            {"validFrom", bound_json(in.validity.from)}, {"validTo", bound_json(in.validity.to)}};
  if (in.abbreviation) j["abbreviation"] = *in.abbreviation;
  if (in.seat) j["seat"] = *in.seat;
  return j;
}

json roles_of(soci::session& s, const Hierarchy& h, long long agency_id) {
  json out = json::array();
  std::string role, from, to;
  long long unit = 0;
  soci::statement st = (s.prepare << "SELECT role, org_unit_id, valid_from, valid_to FROM agency_roles WHERE agency_id = :a ORDER BY valid_from",
                        soci::into(role), soci::into(unit), soci::into(from), soci::into(to), soci::use(agency_id));
  st.execute();
  while (st.fetch()) {
    const OrgUnit* u = h.by_id(unit);
    out.push_back({{"role", role}, {"orgUnit", u ? org_unit_ref(*u) : json(nullptr)},
                   {"validFrom", bound_json(*Date::parse(from))}, {"validTo", bound_json(*Date::parse(to))}});
  }
  return out;
}
}  // namespace

void validate_agency_input(soci::session& s, const AgencyInput& in) {
  if (in.name.empty() || in.name.size() > 255 || !is_clean_utf8(in.name))
    throw Error::Validation("name", "Tên cơ quan là bắt buộc (tối đa 255 ký tự)", "Agency name is required (at most 255 characters)");
  if (in.short_name.size() > 255 || !is_clean_utf8(in.short_name))
    throw Error::Validation("shortName", "Tên viết tắt không hợp lệ", "Invalid short name");
  if (in.validity.to < in.validity.from)
    throw Error::Validation("validTo", "Ngày hết hiệu lực trước ngày bắt đầu", "validTo is before validFrom");
  if (in.abbreviation) {
    const std::string& a = *in.abbreviation;
    const bool ok = a.size() <= 40 && is_clean_utf8(a) && a.find_first_of(" \t\n/") == std::string::npos &&
                    fold_for_search(a).size() <= 20;
    if (!ok)
      throw Error::Validation("abbreviation", "Ký hiệu viết tắt của cơ quan tối đa 20 ký tự, không có dấu cách hay dấu /",
                              "The agency's abbreviation has at most 20 characters, no spaces and no /");
  }
  if (in.seat && (in.seat->size() > 200 || !is_clean_utf8(*in.seat) || in.seat->find_first_of("\t\n") != std::string::npos))
    throw Error::Validation("seat", "Địa danh (nơi đóng trụ sở) tối đa 200 ký tự, trên một dòng",
                            "The seat (place name) has at most 200 characters on one line");
  int n = 0;
  s << "SELECT COUNT(*) FROM agency_kinds WHERE code = :k", soci::use(in.kind), soci::into(n);
  if (!n) throw Error::Validation("kind", "Loại cơ quan không tồn tại: " + in.kind, "Unknown agency kind: " + in.kind);
}

json list_agencies(soci::session& s, const Hierarchy& h, const AgencyFilter& f) {
  const bool scoped = f.within && !f.within->parent_code.empty();  // a root's scope is everything
  if (scoped) load_scope_ids(s, h.scope_of(f.within->id));
  auto filtered = [&](const std::string& select) {
    Query q(select + " FROM agencies WHERE 1=1");
    if (scoped) q.append(" AND org_unit_id IN (SELECT id FROM scope_ids)");
    if (f.as_of) {
      q.and_where("valid_from <= ?", f.as_of->iso());
      q.and_where("valid_to >= ?", f.as_of->iso());
    }
    if (!f.kind.empty()) q.and_where("kind = ?", f.kind);
    if (!f.q.empty()) q.and_contains("name_folded", fold_for_search(f.q));
    return q;
  };
  std::string order = " ORDER BY name_folded, id";
  if (f.sort == "-name") order = " ORDER BY name_folded DESC, id";
  else if (f.sort == "validFrom") order = " ORDER BY valid_from, id";
  else if (f.sort == "-validFrom") order = " ORDER BY valid_from DESC, id";
  auto [ids, total] = page_of_ids(s, filtered, "id", order, f.page, f.page_size);
  json items = json::array();
  for (long long i : ids)
    if (auto a = get_agency(s, h, i)) items.push_back(*a);
  return {{"items", items}, {"total", total}, {"page", f.page}, {"pageSize", f.page_size}};
}

std::optional<json> get_agency(soci::session& s, const Hierarchy& h, long long id) {
  std::string key, name, short_name, kind, from, to, abbreviation, seat;
  long long unit = 0, version = 0;
  soci::indicator ik;
  s << "SELECT key, name, short_name, kind, org_unit_id, valid_from, valid_to, version, abbreviation, seat FROM agencies "
       "WHERE id = :id",
      soci::into(key, ik), soci::into(name), soci::into(short_name), soci::into(kind), soci::into(unit),
      soci::into(from), soci::into(to), soci::into(version), soci::into(abbreviation), soci::into(seat), soci::use(id);
  if (!s.got_data()) return std::nullopt;
  const OrgUnit* u = h.by_id(unit);
  json j{{"id", id}, {"key", ik == soci::i_ok ? json(key) : json(nullptr)}, {"name", name},
         {"shortName", short_name}, {"kind", kind}, {"orgUnit", u ? org_unit_ref(*u) : json(nullptr)},
         {"validFrom", bound_json(*Date::parse(from))}, {"validTo", bound_json(*Date::parse(to))},
         {"version", version}, {"roles", roles_of(s, h, id)}, {"abbreviation", abbreviation}, {"seat", seat}};
  // what the official documents print: the stored values, else the derived ones
  if (u) {
    const decree30::Issuer is{name, kind, abbreviation, seat, *u, id};
    j["document"] = {{"abbreviation", decree30::abbreviation(is)}, {"seat", decree30::seat(is)}};
  }
  return j;
}

std::optional<long long> agency_unit(soci::session& s, long long agency_id) {
  long long u = 0;
  s << "SELECT org_unit_id FROM agencies WHERE id = :id", soci::into(u), soci::use(agency_id);
  if (!s.got_data()) return std::nullopt;
  return u;
}

std::optional<AgencyHead> agency_head(soci::session& s, long long agency_id) {
  AgencyHead a;
  s << "SELECT name, short_name, kind, abbreviation, seat, org_unit_id FROM agencies WHERE id = :id", soci::into(a.name),
      soci::into(a.short_name), soci::into(a.kind), soci::into(a.abbreviation), soci::into(a.seat), soci::into(a.org_unit_id),
      soci::use(agency_id);
  if (!s.got_data()) return std::nullopt;
  a.id = agency_id;
  return a;
}

long long committee_agency(soci::session& s, long long unit_id, Date day) {
  long long id = 0;
  const std::string d = day.iso();
  soci::indicator ind = soci::i_ok;
  s << "SELECT MIN(id) FROM agencies WHERE org_unit_id = :u AND kind = 'ubnd' AND valid_from <= :d1 AND valid_to >= :d2",
      soci::into(id, ind), soci::use(unit_id), soci::use(d), soci::use(d);
  return ind == soci::i_null ? 0 : id;
}

json agency_kinds_json(soci::session& s) {
  json items = json::array();
  std::string code, vi, en;
  soci::statement st = (s.prepare << "SELECT code, name_vi, name_en FROM agency_kinds ORDER BY code", soci::into(code),
                        soci::into(vi), soci::into(en));
  st.execute();
  while (st.fetch()) items.push_back({{"code", code}, {"nameVi", vi}, {"nameEn", en}});
  return items;
}

std::vector<AgencyKey> agency_keys(soci::session& s) {
  std::vector<AgencyKey> out;
  std::string key, name;
  long long unit = 0;
  soci::indicator ki;
  soci::statement st = (s.prepare << "SELECT key, name, org_unit_id FROM agencies ORDER BY name", soci::into(key, ki),
                        soci::into(name), soci::into(unit));
  st.execute();
  while (st.fetch())
    if (ki == soci::i_ok) out.push_back({key, name, unit});
  return out;
}

std::optional<long long> agency_id_by_key(soci::session& s, const std::string& key) {
  long long id = 0;
  s << "SELECT id FROM agencies WHERE key = :k", soci::into(id), soci::use(key);
  if (!s.got_data()) return std::nullopt;
  return id;
}

long long create_agency(soci::session& s, const AgencyInput& in, const Actor& actor) {
  validate_agency_input(s, in);
  const std::string now = now_iso_utc(), from = in.validity.from.iso(), to = in.validity.to.iso();
  const std::string folded = fold_for_search(in.name + " " + in.short_name);
  soci::indicator ik = in.key.empty() ? soci::i_null : soci::i_ok;
  long long id = 0;
  const std::string abbreviation = in.abbreviation.value_or(""), seat = in.seat.value_or("");
  s << "INSERT INTO agencies(key, name, short_name, kind, org_unit_id, valid_from, valid_to, name_folded, version, created_at, "
       "updated_at, abbreviation, seat) "
       "VALUES(:key, :name, :sn, :kind, :unit, :vf, :vt, :nf, 1, :c, :u, :ab, :seat) RETURNING id",
      soci::use(in.key, ik), soci::use(in.name), soci::use(in.short_name), soci::use(in.kind),
      soci::use(in.org_unit_id), soci::use(from), soci::use(to), soci::use(folded), soci::use(now), soci::use(now),
      soci::use(abbreviation), soci::use(seat), soci::into(id);
  record_audit(s, actor, {"create", "agency", std::to_string(id), in.org_unit_id, std::nullopt, input_json(in)});
  bump_reference_revision(s);
  return id;
}

void update_agency(soci::session& s, long long id, long long version, const AgencyInput& in, const Actor& actor) {
  validate_agency_input(s, in);
  std::string name, short_name, kind, from, to, old_abbreviation, old_seat;
  long long unit = 0, current = 0;
  s << "SELECT name, short_name, kind, org_unit_id, valid_from, valid_to, version, abbreviation, seat FROM agencies WHERE id = :id",
      soci::into(name), soci::into(short_name), soci::into(kind), soci::into(unit), soci::into(from),
      soci::into(to), soci::into(current), soci::into(old_abbreviation), soci::into(old_seat), soci::use(id);
  if (!s.got_data()) throw Error::NotFound("cơ quan", "Agency");
  if (current != version) throw Error::Conflict();
  AgencyInput before{"", name, short_name, kind, unit, {*Date::parse(from), *Date::parse(to)}, old_abbreviation, old_seat};
  const std::string abbreviation = in.abbreviation.value_or(old_abbreviation), seat = in.seat.value_or(old_seat);
  const std::string now = now_iso_utc(), nf = in.validity.from.iso(), nt = in.validity.to.iso();
  const std::string folded = fold_for_search(in.name + " " + in.short_name);
  // The version predicate makes the check and the write one atomic step.
  soci::statement st = (s.prepare << "UPDATE agencies SET name = :name, short_name = :sn, kind = :kind, org_unit_id = :unit, "
                                     "valid_from = :vf, valid_to = :vt, name_folded = :nf, version = version + 1, updated_at = :u, "
                                     "abbreviation = :ab, seat = :seat WHERE id = :id AND version = :v",
                        soci::use(in.name), soci::use(in.short_name), soci::use(in.kind), soci::use(in.org_unit_id),
                        soci::use(nf), soci::use(nt), soci::use(folded), soci::use(now), soci::use(abbreviation),
                        soci::use(seat), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  record_audit(s, actor, {"update", "agency", std::to_string(id), in.org_unit_id, input_json(before), input_json(in)});
  bump_reference_revision(s);
}

void add_agency_role(soci::session& s, long long agency_id, const std::string& role, long long org_unit_id,
                     Validity v, const Actor& actor) {
  const std::string from = v.from.iso(), to = v.to.iso();
  int overlapping = 0;
  s << "SELECT COUNT(*) FROM agency_roles WHERE role = :r AND org_unit_id = :u AND valid_from <= :t AND valid_to >= :f",
      soci::use(role), soci::use(org_unit_id), soci::use(to), soci::use(from), soci::into(overlapping);
  if (overlapping)
    throw Error(409, "conflict", "Đơn vị đã có cơ quan giữ vai trò này trong khoảng thời gian đó",
                "Another agency holds this role for the unit in that period", "validFrom");
  long long id = 0;
  s << "INSERT INTO agency_roles(agency_id, role, org_unit_id, valid_from, valid_to) VALUES(:a, :r, :u, :f, :t) RETURNING id",
      soci::use(agency_id), soci::use(role), soci::use(org_unit_id), soci::use(from), soci::use(to), soci::into(id);
  record_audit(s, actor, {"create", "agency_role", std::to_string(id), org_unit_id, std::nullopt,
                          json{{"agencyId", agency_id}, {"role", role}, {"orgUnitId", org_unit_id},
                               {"validFrom", bound_json(v.from)}, {"validTo", bound_json(v.to)}}});
  bump_reference_revision(s);
}

std::shared_ptr<ProgrammeRoles> load_programme_roles(soci::session& s) {
  std::vector<ProgrammeRole> out;
  ProgrammeRole r;
  std::string from, to;
  soci::statement st = (s.prepare << "SELECT r.org_unit_id, r.role, r.valid_from, r.valid_to, a.id, a.name, a.short_name "
                                     "FROM agency_roles r JOIN agencies a ON a.id = r.agency_id",
                        soci::into(r.org_unit_id), soci::into(r.role), soci::into(from), soci::into(to),
                        soci::into(r.agency_id), soci::into(r.agency_name), soci::into(r.agency_short_name));
  st.execute();
  while (st.fetch()) {
    r.validity = {Date::parse(from).value_or(Date::min()), Date::parse(to).value_or(Date::max())};
    out.push_back(r);
  }
  return std::make_shared<ProgrammeRoles>(std::move(out));
}

json agency_ref_json(const ProgrammeRole* holder) {
  if (!holder) return nullptr;
  return {{"id", holder->agency_id}, {"name", holder->agency_name}, {"shortName", holder->agency_short_name}};
}

void bump_reference_revision(soci::session& s) {
  s << "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'hierarchy_revision'";
}

}  // namespace longghep
