// The service business registry (issue 17 §1, §6; docs/api-businesses.md): list with filters,
// one business with its status history, create (409 duplicate unless force), update (version),
// dated status changes, the business types. A business belongs to its commune: out of the
// caller's scope it answers 404. Read: businesses.read (commune, province, ministry officers and
// the inspection team); write: businesses.write (the inspection team, the administrator).
#include "domain/businesses.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"
#include "http/app.hpp"
#include "http/render.hpp"
#include "http/uploads.hpp"
#include "importer/sheet_reader.hpp"
#include "storage/businesses.hpp"
#include "storage/programmes.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace longghep {
using nlohmann::json;

namespace {
BusinessRow visible_business(Ctx& c, soci::session& s, long long id) {
  auto r = get_business(s, id);
  if (!r || !Access::can_see_unit(c.me(), r->in.f.commune_unit_id)) throw Error::NotFound("cơ sở kinh doanh", "Business");
  return *r;
}

std::optional<Date> opt_date_field(const json& b, const std::string& field) {
  if (!b.contains(field) || b[field].is_null()) return std::nullopt;
  return opt_json_date(b, field);
}

BusinessInput read_input(Ctx& c, const json& b, const BusinessRow* keep) {
  HierarchyPtr h = c.app.hierarchy();
  BusinessInput in;
  auto& f = in.f;
  f.type_code = req_string(b, "typeCode", 64);
  f.name = req_string(b, "name", businesses::kNameMax * 4);
  f.address = opt_string(b, "address", businesses::kAddressMax * 4);
  const std::string code = req_string(b, "communeCode", 32);
  const std::optional<Date> as_of = opt_json_date(b, "communeAsOf");
  const OrgUnit* k = keep ? h->by_id(keep->in.f.commune_unit_id) : nullptr;
  const OrgUnit& u = resolve_unit_code(*h, code, as_of, "communeCode", "communeAsOf", k);
  Access::require_unit_assignable(c.me(), u.id, "communeCode");
  f.commune_unit_id = u.id;
  in.commune_as_of = as_of ? *as_of : (keep && k == &u ? keep->in.commune_as_of : std::min(Date::today_vn(), u.validity.to));
  f.owner_name = opt_string(b, "ownerName", businesses::kTextMax * 4);
  f.antt_person = opt_string(b, "anttPerson", businesses::kTextMax * 4);
  f.antt_cert_number = opt_string(b, "anttCertNumber", businesses::kTextMax * 4);
  f.antt_cert_date = opt_date_field(b, "anttCertDate");
  f.antt_cert_issuer = opt_string(b, "anttCertIssuer", businesses::kTextMax * 4);
  f.sector_licence = opt_string(b, "sectorLicence", businesses::kTextMax * 4);
  f.police_notified_on = opt_date_field(b, "policeNotifiedOn");
  f.workers_female = opt_int(b, "workersFemale").value_or(0);
  f.workers_male = opt_int(b, "workersMale").value_or(0);
  return in;
}

Error duplicate_error(long long existing) {
  return Error(409, "duplicate_business",
               "Đã có cơ sở cùng tên, địa chỉ và xã, phường (mã " + std::to_string(existing) + "); gửi force: true để vẫn tạo",
               "A business with the same name, address and commune exists (id " + std::to_string(existing) +
                   "); send force: true to create anyway")
      .with_extra_json("{\"existingId\":" + std::to_string(existing) + "}");
}

Response list(Ctx& c) {
  HierarchyPtr h = c.app.hierarchy();
  BusinessFilter f;
  f.scope = &c.me().scope;
  f.within = c.unit_q(*h);
  if (f.within) Access::require_unit_visible(c.me(), f.within->id, "đơn vị " + f.within->code, "Org unit " + f.within->code);
  f.type = c.q("type");
  f.status = c.enum_q("status", {"operating", "suspended", "closed"});
  f.q = c.q("q");
  f.sort = c.sort({"name", "-name", "updatedAt", "-updatedAt"});
  f.page = c.page();
  f.page_size = c.page_size();
  json out;
  c.app.db().with_session([&](soci::session& s) { out = list_businesses(s, *h, f); });
  return Response::json(out);
}

Response get(Ctx& c) {
  const long long id = c.id_param(0);
  json out;
  c.app.db().with_session([&](soci::session& s) {
    out = business_json(s, *c.app.hierarchy(), visible_business(c, s, id));
    out["statusHistory"] = business_history_json(s, id)["items"];
  });
  return Response::json(out);
}

json full_json(soci::session& s, const Hierarchy& h, long long id) {
  json out = business_json(s, h, *get_business(s, id));
  out["statusHistory"] = business_history_json(s, id)["items"];
  return out;
}

Response create(Ctx& c) {
  json b = c.body();
  BusinessInput in = read_input(c, b, nullptr);
  const bool force = opt_bool(b, "force", false);
  const std::string status = b.contains("status") ? req_string(b, "status", 16) : "operating";
  const Date since = opt_json_date(b, "statusSince").value_or(Date::today_vn());
  if (since > Date::today_vn())
    throw Error::Validation("statusSince", "Ngày của trạng thái không được ở tương lai", "The status date cannot be in the future");
  HierarchyPtr h = c.app.hierarchy();
  json out;
  c.app.db().transact([&](soci::session& s) {
    if (!force)
      if (long long dup = find_business_duplicate(s, businesses::duplicate_key(in.f.name, in.f.address, in.f.commune_unit_id)))
        throw duplicate_error(dup);
    const long long id = create_business(s, *h, in, status, since, actor_of(c));
    out = full_json(s, *h, id);
  });
  return Response::json(out, 201);
}

Response update(Ctx& c) {
  const long long id = c.id_param(0);
  json b = c.body();
  const long long version = req_int(b, "version");
  const bool force = opt_bool(b, "force", false);
  HierarchyPtr h = c.app.hierarchy();
  json out;
  c.app.db().transact([&](soci::session& s) {
    BusinessRow r = visible_business(c, s, id);
    BusinessInput in = read_input(c, b, &r);
    if (!force)
      if (long long dup = find_business_duplicate(s, businesses::duplicate_key(in.f.name, in.f.address, in.f.commune_unit_id), id))
        throw duplicate_error(dup);
    update_business(s, *h, id, version, in, actor_of(c));
    out = full_json(s, *h, id);
  });
  return Response::json(out);
}

Response change_status(Ctx& c) {
  const long long id = c.id_param(0);
  json b = c.body();
  const long long version = req_int(b, "version");
  const std::string status = req_string(b, "status", 16);
  const Date on = opt_json_date(b, "effectiveOn").value_or(Date::today_vn());
  const std::string reason = opt_string(b, "reason", businesses::kReasonMax * 4);
  HierarchyPtr h = c.app.hierarchy();
  json out;
  c.app.db().transact([&](soci::session& s) {
    visible_business(c, s, id);
    change_business_status(s, id, version, status, on, reason, actor_of(c));
    out = full_json(s, *h, id);
  });
  return Response::json(out);
}

Response types(Ctx& c) {
  json out;
  c.app.db().with_session([&](soci::session& s) { out = list_taxonomy(s, "business_types"); });
  return Response::json(out);
}

// ----- import (.csv / .xlsx): validate, then commit all-or-nothing -----
// Columns by position (the header row is skipped): typeCode, name, address, communeCode,
// communeAsOf, ownerName, anttPerson, anttCertNumber, anttCertDate, anttCertIssuer, sectorLicence,
// policeNotifiedOn, workersFemale, workersMale. Dates dd/mm/yyyy or YYYY-MM-DD.
constexpr const char* kImportColumns[] = {"typeCode",       "name",           "address",          "communeCode",
                                          "communeAsOf",    "ownerName",      "anttPerson",       "anttCertNumber",
                                          "anttCertDate",   "anttCertIssuer", "sectorLicence",    "policeNotifiedOn",
                                          "workersFemale",  "workersMale"};
constexpr long long kImportMaxRows = 5000;

struct Rollback {};

std::optional<Date> cell_date(const std::string& v, const std::string& field) { return sheet_cell_date(v, field); }

long long cell_count(const std::string& v, const std::string& field) {
  if (v.empty()) return 0;
  if (auto n = parse_digits(v, 9)) return *n;
  throw Error::Validation(field, "Phải là số nguyên không âm: " + v, "Must be a non-negative whole number: " + v);
}

Response import_businesses(Ctx& c) {
  UploadedFile f = uploaded_file(c);
  const bool commit = c.q("commit") == "true";
  auto rows = uploaded_sheet_rows(c, f, kImportMaxRows);
  HierarchyPtr h = c.app.hierarchy();
  json errors = json::array();
  long long created = 0;
  std::set<std::string> keys;
  auto run = [&](soci::session& s) {
    for (auto& [row, cells] : rows) {
      auto cell = [&](size_t i) { return i < cells.size() ? std::string(cells[i]) : std::string(); };
      auto trim = [](std::string v) {
        const auto b = v.find_first_not_of(" \t"), e = v.find_last_not_of(" \t");
        return b == std::string::npos ? std::string() : v.substr(b, e - b + 1);
      };
      try {
        BusinessInput in;
        auto& b = in.f;
        b.type_code = trim(cell(0));
        b.name = trim(cell(1));
        b.address = trim(cell(2));
        const std::string code = trim(cell(3));
        if (code.empty()) throw Error::Validation("communeCode", "Xã, phường là bắt buộc", "The commune is required");
        const auto as_of = cell_date(trim(cell(4)), "communeAsOf");
        const OrgUnit& u = resolve_unit_code(*h, code, as_of, "communeCode", "communeAsOf");
        Access::require_unit_assignable(c.me(), u.id, "communeCode");
        b.commune_unit_id = u.id;
        in.commune_as_of = as_of ? *as_of : std::min(Date::today_vn(), u.validity.to);
        b.owner_name = trim(cell(5));
        b.antt_person = trim(cell(6));
        b.antt_cert_number = trim(cell(7));
        b.antt_cert_date = cell_date(trim(cell(8)), "anttCertDate");
        b.antt_cert_issuer = trim(cell(9));
        b.sector_licence = trim(cell(10));
        b.police_notified_on = cell_date(trim(cell(11)), "policeNotifiedOn");
        b.workers_female = cell_count(trim(cell(12)), "workersFemale");
        b.workers_male = cell_count(trim(cell(13)), "workersMale");
        const std::string key = businesses::duplicate_key(b.name, b.address, b.commune_unit_id);
        if (!keys.insert(key).second)
          throw Error(409, "duplicate_business", "Trùng với một dòng khác của tệp", "Duplicates another row of the file", "name");
        if (long long dup = find_business_duplicate(s, key)) throw duplicate_error(dup);
        create_business(s, *h, in, "operating", in.commune_as_of, actor_of(c));
        ++created;
      } catch (const Error& e) {
        auto add = [&](const std::string& field, const std::string& vi, const std::string& en) {
          errors.push_back({{"row", row}, {"field", field}, {"code", e.code()}, {"message", vi}, {"messageEn", en}});
        };
        if (!e.details().empty())
          for (const auto& d : e.details()) add(d.field, d.message_vi, d.message_en);
        else
          add(e.field().value_or(""), e.message_vi(), e.message_en());
      }
    }
    if (!commit || !errors.empty()) throw Rollback{};  // nothing half-written
  };
  try {
    c.app.db().transact(run);
  } catch (const Rollback&) {
  }
  const bool committed = commit && errors.empty();
  json out = {{"rows", static_cast<long long>(rows.size())}, {"valid", static_cast<long long>(rows.size()) - (errors.empty() ? 0 : 0)},
              {"errors", errors}, {"committed", committed}, {"created", committed ? created : 0}};
  std::set<long long> bad;
  for (const auto& e : errors) bad.insert(e["row"].get<long long>());
  out["valid"] = static_cast<long long>(rows.size() - bad.size());
  return Response::json(out, committed ? 201 : (errors.empty() ? 200 : 422));
}
}  // namespace

void add_businesses_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/business-types", Auth::Session, types,
               "The business types (editable: PUT /api/taxonomies/business-types/{code})", perm::kBusinessesRead});
  r.push_back({"GET", "/api/businesses", Auth::Session, list,
               "Service businesses in scope, by type, status, org unit subtree and text (diacritics ignored)",
               perm::kBusinessesRead});
  r.push_back({"POST", "/api/businesses", Auth::Session, create,
               "Register a service business (409 duplicate_business with existingId unless force)", perm::kBusinessesWrite});
  r.push_back({"GET", "/api/businesses/{id}", Auth::Session, get, "One service business with its status history",
               perm::kBusinessesRead});
  r.push_back({"PUT", "/api/businesses/{id}", Auth::Session, update,
               "Update a service business (optimistic concurrency on version)", perm::kBusinessesWrite});
  r.push_back({"POST", "/api/businesses/{id}/status", Auth::Session, change_status,
               "A dated status change with its reason (operating, suspended, closed)", perm::kBusinessesWrite});
  r.push_back({"POST", "/api/businesses/import", Auth::Session, import_businesses,
               "Import businesses from .xlsx or CSV: validate (default) or ?commit=true, all or nothing, errors per row (vi + en)",
               perm::kBusinessesWrite});
}

}  // namespace longghep
