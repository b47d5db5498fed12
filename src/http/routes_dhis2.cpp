// DHIS2 export (issue 21 item 2, docs/INTEROP.md): the accepted reports of a period and scope as
// DHIS2 dataValueSets JSON / ADX XML (a ministry system pulls them, with a session or an API
// token), the code mappings and the server settings (interop.configure), and the push to a DHIS2
// server: a dry run first, then the real import of the same payload, each import summary stored.
// Pure rules: domain/dhis2.hpp. Suppression of the small cells of people supported: analytics.
#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <mutex>
#include <sstream>

#include "analytics/case_stats.hpp"
#include "domain/dhis2.hpp"
#include "http/app.hpp"
#include "http/tls_client.hpp"
#include "security/crypto.hpp"
#include "storage/audit.hpp"
#include "storage/case_stats.hpp"
#include "storage/reports.hpp"

namespace longghep {
using nlohmann::json;
namespace an = analytics;

namespace {
constexpr const char* kTokenAd = "dhis2_settings:token";
constexpr size_t kMaxRows = 2000;

std::string wire(Date d, bool open_end) { return open_end && d == Date::max() ? std::string() : d.iso(); }
json bound(Date d) { return d == Date::max() || d == Date::min() ? json(nullptr) : json(d.iso()); }
Date read_to(soci::indicator ind, const std::string& s) { return ind == soci::i_ok && !s.empty() ? *Date::parse(s) : Date::max(); }

// ----- mappings: load -----
std::vector<dhis2::ElementMapping> load_element_map(soci::session& s, const std::string& form = "") {
  std::vector<dhis2::ElementMapping> out;
  dhis2::ElementMapping m;
  std::string attrs, from, to;
  soci::indicator ti;
  const std::string all = form.empty() ? "1" : "0";
  soci::statement st = (s.prepare << "SELECT id, form_code, element_code, data_element, category_option_combo, attributes, valid_from, valid_to, version "
                                     "FROM dhis2_element_map WHERE (:all = '1' OR form_code = :f) ORDER BY form_code, element_code, valid_from",
                        soci::into(m.id), soci::into(m.form_code), soci::into(m.element_code), soci::into(m.data_element),
                        soci::into(m.category_option_combo), soci::into(attrs), soci::into(from), soci::into(to, ti),
                        soci::into(m.version), soci::use(all), soci::use(form));
  st.execute();
  while (st.fetch()) {
    dhis2::ElementMapping x = m;
    x.attributes.clear();
    const json a = json::parse(attrs, nullptr, false);
    if (a.is_object())
      for (auto it = a.begin(); it != a.end(); ++it)
        if (it->is_string()) x.attributes[it.key()] = it->get<std::string>();
    x.validity = {*Date::parse(from), read_to(ti, to)};
    out.push_back(std::move(x));
  }
  return out;
}
std::vector<dhis2::OrgUnitMapping> load_orgunit_map(soci::session& s) {
  std::vector<dhis2::OrgUnitMapping> out;
  dhis2::OrgUnitMapping m;
  std::string lf, lt, f, t;
  soci::indicator lti, ti;
  soci::statement st = (s.prepare << "SELECT id, lg_code, lg_valid_from, lg_valid_to, dhis2_code, valid_from, valid_to, version "
                                     "FROM dhis2_orgunit_map ORDER BY lg_code, lg_valid_from, valid_from",
                        soci::into(m.id), soci::into(m.lg_code), soci::into(lf), soci::into(lt, lti), soci::into(m.dhis2_code),
                        soci::into(f), soci::into(t, ti), soci::into(m.version));
  st.execute();
  while (st.fetch()) {
    dhis2::OrgUnitMapping x = m;
    x.lg_validity = {*Date::parse(lf), read_to(lti, lt)};
    x.validity = {*Date::parse(f), read_to(ti, t)};
    out.push_back(std::move(x));
  }
  return out;
}
std::map<std::string, std::pair<std::string, long long>> load_datasets(soci::session& s) {
  std::map<std::string, std::pair<std::string, long long>> out;
  std::string f, d;
  long long v = 0;
  soci::statement st = (s.prepare << "SELECT form_code, dataset_code, version FROM dhis2_dataset_map ORDER BY form_code",
                        soci::into(f), soci::into(d), soci::into(v));
  st.execute();
  while (st.fetch()) out[f] = {d, v};
  return out;
}

json element_json(const dhis2::ElementMapping& m) {
  json a = json::object();
  for (const auto& [k, v] : m.attributes) a[k] = v;
  return {{"id", m.id}, {"form", m.form_code}, {"elementCode", m.element_code}, {"dataElement", m.data_element},
          {"categoryOptionCombo", m.category_option_combo}, {"attributes", a}, {"validFrom", m.validity.from.iso()},
          {"validTo", bound(m.validity.to)}, {"version", m.version}};
}
json orgunit_json(const dhis2::OrgUnitMapping& m) {
  return {{"id", m.id}, {"orgUnitCode", m.lg_code}, {"orgUnitValidFrom", m.lg_validity.from.iso()},
          {"orgUnitValidTo", bound(m.lg_validity.to)}, {"dhis2OrgUnit", m.dhis2_code}, {"validFrom", m.validity.from.iso()},
          {"validTo", bound(m.validity.to)}, {"version", m.version}};
}

void require_configure(Ctx& c) { Access::require(c.me(), perm::kInteropConfigure); }

Response get_mappings(Ctx& c) {
  json out;
  c.app.db().with_session([&](soci::session& s) {
    json ds = json::array(), els = json::array(), ous = json::array();
    for (const auto& [f, d] : load_datasets(s)) ds.push_back({{"form", f}, {"dataSet", d.first}, {"version", d.second}});
    for (const auto& m : load_element_map(s, c.q("form"))) els.push_back(element_json(m));
    for (const auto& m : load_orgunit_map(s)) ous.push_back(orgunit_json(m));
    out = {{"datasets", ds}, {"elements", els}, {"orgUnits", ous},
           {"defaultOrgUnitRule", {{"vi", "Không có dòng ánh xạ: đơn vị mang mã của chính nó; phiên bản đã kết thúc của một mã sau đó được dùng cho đơn vị khác mang mã <mã>_<YYYYMMDD ngày cuối>"},
                                   {"en", "Without a row a unit maps to its own code; an ended version whose code was later given to another unit maps to <code>_<YYYYMMDD of its last day>"}}}};
  });
  return Response::json(out);
}

Validity body_validity(const json& b, const char* from_key, const char* to_key, Date default_from) {
  Validity v;
  v.from = opt_json_date(b, from_key).value_or(default_from);
  v.to = opt_json_date(b, to_key).value_or(Date::max());
  return v;
}
std::string attrs_text(const std::map<std::string, std::string>& a) {
  json j = json::object();
  for (const auto& [k, v] : a) j[k] = v;
  return j.dump();
}

dhis2::ElementMapping element_of_body(soci::session& s, const json& b) {
  dhis2::ElementMapping m;
  m.form_code = req_string(b, "form", 64);
  m.element_code = req_string(b, "elementCode", 64);
  m.data_element = req_string(b, "dataElement", 100);
  m.category_option_combo = opt_string(b, "categoryOptionCombo", 100);
  if (m.category_option_combo.empty()) m.category_option_combo = "default";
  if (b.contains("attributes") && !b["attributes"].is_null()) {
    if (!b["attributes"].is_object())
      throw Error::Validation("attributes", "attributes phải là đối tượng {\"SEX\":\"F\"}", "attributes must be an object {\"SEX\":\"F\"}");
    for (auto it = b["attributes"].begin(); it != b["attributes"].end(); ++it) {
      if (!it->is_string()) throw Error::Validation("attributes", "Giá trị phân tổ phải là chuỗi", "Attribute values must be strings");
      m.attributes[it.key()] = it->get<std::string>();
    }
  }
  m.validity = body_validity(b, "validFrom", "validTo", Date::from_ymd(2000, 1, 1));
  auto form = load_form(s, m.form_code);
  if (!form) throw Error::Validation("form", "Không có biểu mẫu " + m.form_code, "No form " + m.form_code);
  auto e = std::find_if(form->elements.begin(), form->elements.end(), [&](const FormElement& x) { return x.code == m.element_code; });
  if (e == form->elements.end())
    throw Error::Validation("elementCode", "Biểu mẫu không có chỉ tiêu " + m.element_code, "The form has no element " + m.element_code);
  if (e->value_type != "number")
    throw Error::Validation("elementCode", "Chỉ xuất sang DHIS2 các chỉ tiêu dạng số", "Only numeric elements are exported to DHIS2");
  return m;
}

Response put_element(Ctx& c, long long id) {
  require_configure(c);
  json b = c.body();
  json out;
  const Actor actor = actor_of(c);
  c.app.db().transact([&](soci::session& s) {
    dhis2::ElementMapping m = element_of_body(s, b);
    m.id = id;
    auto rows = load_element_map(s);
    std::optional<dhis2::ElementMapping> before;
    if (id) {
      auto it = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.id == id; });
      if (it == rows.end()) throw Error::NotFound("ánh xạ chỉ tiêu", "Element mapping");
      before = *it;
      if (req_int(b, "version") != it->version)
        throw Error::Conflict();
    }
    if (auto issues = dhis2::element_mapping_issues(m, rows); !issues.empty()) throw Error::Invalid(issues);
    const std::string attrs = attrs_text(m.attributes), from = m.validity.from.iso(), now = now_iso_utc();
    std::string to = wire(m.validity.to, true);
    soci::indicator ti = to.empty() ? soci::i_null : soci::i_ok;
    if (id) {
      s << "UPDATE dhis2_element_map SET form_code = :f, element_code = :e, data_element = :d, category_option_combo = :c, attributes = :a, "
           "valid_from = :vf, valid_to = :vt, version = version + 1, updated_at = :u, updated_by = :by WHERE id = :id",
          soci::use(m.form_code), soci::use(m.element_code), soci::use(m.data_element), soci::use(m.category_option_combo),
          soci::use(attrs), soci::use(from), soci::use(to, ti), soci::use(now), soci::use(actor.username), soci::use(id);
      m.version = before->version + 1;
    } else {
      s << "INSERT INTO dhis2_element_map (form_code, element_code, data_element, category_option_combo, attributes, valid_from, valid_to, "
           "version, updated_at, updated_by) VALUES (:f, :e, :d, :c, :a, :vf, :vt, 1, :u, :by) RETURNING id",
          soci::use(m.form_code), soci::use(m.element_code), soci::use(m.data_element), soci::use(m.category_option_combo),
          soci::use(attrs), soci::use(from), soci::use(to, ti), soci::use(now), soci::use(actor.username), soci::into(m.id);
    }
    out = element_json(m);
    record_audit(s, actor, {id ? "update" : "create", "dhis2_element_map", std::to_string(m.id), c.me().org_unit_id,
                            before ? std::optional<json>(element_json(*before)) : std::nullopt, out});
  });
  return Response::json(out, id ? 200 : 201);
}
Response create_element(Ctx& c) { return put_element(c, 0); }
Response update_element(Ctx& c) { return put_element(c, c.id_param(0)); }

dhis2::OrgUnitMapping orgunit_of_body(const json& b) {
  dhis2::OrgUnitMapping m;
  m.lg_code = req_string(b, "orgUnitCode", 32);
  m.dhis2_code = req_string(b, "dhis2OrgUnit", 100);
  m.lg_validity = body_validity(b, "orgUnitValidFrom", "orgUnitValidTo", Date::min());
  m.validity = body_validity(b, "validFrom", "validTo", Date::min());
  return m;
}

Response put_orgunit(Ctx& c, long long id) {
  require_configure(c);
  json b = c.body();
  json out;
  const Actor actor = actor_of(c);
  auto h = c.app.hierarchy();
  c.app.db().transact([&](soci::session& s) {
    dhis2::OrgUnitMapping m = orgunit_of_body(b);
    m.id = id;
    if (h->versions(m.lg_code).empty())
      throw Error(400, "org_unit_not_found", "Không có đơn vị mang mã " + m.lg_code, "No org unit has code " + m.lg_code, "orgUnitCode");
    auto rows = load_orgunit_map(s);
    std::optional<dhis2::OrgUnitMapping> before;
    if (id) {
      auto it = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.id == id; });
      if (it == rows.end()) throw Error::NotFound("ánh xạ đơn vị", "Org unit mapping");
      before = *it;
      if (req_int(b, "version") != it->version)
        throw Error::Conflict();
    }
    if (auto issues = dhis2::orgunit_mapping_issues(m, rows); !issues.empty()) throw Error::Invalid(issues);
    const std::string lf = m.lg_validity.from.iso(), f = m.validity.from.iso(), now = now_iso_utc();
    std::string lt = wire(m.lg_validity.to, true), t = wire(m.validity.to, true);
    soci::indicator lti = lt.empty() ? soci::i_null : soci::i_ok, ti = t.empty() ? soci::i_null : soci::i_ok;
    if (id) {
      s << "UPDATE dhis2_orgunit_map SET lg_code = :c, lg_valid_from = :lf, lg_valid_to = :lt, dhis2_code = :d, valid_from = :f, "
           "valid_to = :t, version = version + 1, updated_at = :u, updated_by = :by WHERE id = :id",
          soci::use(m.lg_code), soci::use(lf), soci::use(lt, lti), soci::use(m.dhis2_code), soci::use(f), soci::use(t, ti),
          soci::use(now), soci::use(actor.username), soci::use(id);
      m.version = before->version + 1;
    } else {
      s << "INSERT INTO dhis2_orgunit_map (lg_code, lg_valid_from, lg_valid_to, dhis2_code, valid_from, valid_to, version, updated_at, "
           "updated_by) VALUES (:c, :lf, :lt, :d, :f, :t, 1, :u, :by) RETURNING id",
          soci::use(m.lg_code), soci::use(lf), soci::use(lt, lti), soci::use(m.dhis2_code), soci::use(f), soci::use(t, ti),
          soci::use(now), soci::use(actor.username), soci::into(m.id);
    }
    out = orgunit_json(m);
    record_audit(s, actor, {id ? "update" : "create", "dhis2_orgunit_map", std::to_string(m.id), c.me().org_unit_id,
                            before ? std::optional<json>(orgunit_json(*before)) : std::nullopt, out});
  });
  return Response::json(out, id ? 200 : 201);
}
Response create_orgunit(Ctx& c) { return put_orgunit(c, 0); }
Response update_orgunit(Ctx& c) { return put_orgunit(c, c.id_param(0)); }

Response delete_mapping(Ctx& c, const std::string& table, const std::string& entity) {
  require_configure(c);
  const long long id = c.id_param(0), version = c.version_q();
  const Actor actor = actor_of(c);
  c.app.db().transact([&](soci::session& s) {
    long long v = 0;
    soci::indicator vi;
    s << "SELECT version FROM " + table + " WHERE id = :id", soci::into(v, vi), soci::use(id);
    if (!s.got_data() || vi != soci::i_ok) throw Error::NotFound("ánh xạ", "Mapping");
    if (v != version) throw Error::Conflict();
    s << "DELETE FROM " + table + " WHERE id = :id", soci::use(id);
    record_audit(s, actor, {"delete", entity, std::to_string(id), c.me().org_unit_id, json{{"version", v}}, std::nullopt});
  });
  return Response::no_content();
}
Response delete_element(Ctx& c) { return delete_mapping(c, "dhis2_element_map", "dhis2_element_map"); }
Response delete_orgunit(Ctx& c) { return delete_mapping(c, "dhis2_orgunit_map", "dhis2_orgunit_map"); }

Response put_dataset(Ctx& c) {
  require_configure(c);
  const std::string form = c.param(0);
  json b = c.body();
  const std::string code = req_string(b, "dataSet", 100);
  const long long version = req_int(b, "version");
  if (!dhis2::valid_code(code))
    throw Error::Validation("dataSet", "Mã bộ dữ liệu DHIS2 gồm 1–50 ký tự A–Z, a–z, 0–9, _ - .", "A DHIS2 data set code is 1–50 characters of A–Z, a–z, 0–9, _ - .");
  json out;
  const Actor actor = actor_of(c);
  c.app.db().transact([&](soci::session& s) {
    if (!load_form(s, form)) throw Error::NotFound("biểu mẫu", "Form");
    auto ds = load_datasets(s);
    auto it = ds.find(form);
    if (it == ds.end()) {
      if (version != 0) throw Error::Conflict();
      s << "INSERT INTO dhis2_dataset_map (form_code, dataset_code, version) VALUES (:f, :d, 1)", soci::use(form), soci::use(code);
      out = {{"form", form}, {"dataSet", code}, {"version", 1}};
    } else {
      if (version != it->second.second) throw Error::Conflict();
      s << "UPDATE dhis2_dataset_map SET dataset_code = :d, version = version + 1 WHERE form_code = :f", soci::use(code), soci::use(form);
      out = {{"form", form}, {"dataSet", code}, {"version", version + 1}};
    }
    record_audit(s, actor, {"update", "dhis2_dataset_map", form, c.me().org_unit_id,
                            it == ds.end() ? std::nullopt : std::optional<json>(json{{"dataSet", it->second.first}}), out});
  });
  return Response::json(out);
}

// ----- settings -----
struct Settings {
  std::string base_url, token_sealed;
  long long key_id = 0, timeout_ms = 15000, version = 1;
  std::string updated_at, updated_by;
};
Settings load_settings(soci::session& s) {
  Settings x;
  s << "SELECT base_url, token_sealed, token_key_id, timeout_ms, version, updated_at, updated_by FROM dhis2_settings WHERE id = 1",
      soci::into(x.base_url), soci::into(x.token_sealed), soci::into(x.key_id), soci::into(x.timeout_ms), soci::into(x.version),
      soci::into(x.updated_at), soci::into(x.updated_by);
  return x;
}
json settings_json(const Settings& x) {
  return {{"baseUrl", x.base_url}, {"tokenSet", !x.token_sealed.empty()}, {"token", x.token_sealed.empty() ? "" : "••••••••"},
          {"timeoutMs", x.timeout_ms}, {"version", x.version}, {"updatedAt", x.updated_at}, {"updatedBy", x.updated_by},
          {"httpsSupported", true}};
}
Response get_settings(Ctx& c) {
  require_configure(c);
  Settings x;
  c.app.db().with_session([&](soci::session& s) { x = load_settings(s); });
  return Response::json(settings_json(x));
}
Response put_settings(Ctx& c) {
  require_configure(c);
  json b = c.body();
  for (auto it = b.begin(); it != b.end(); ++it)
    if (it.key() != "baseUrl" && it.key() != "token" && it.key() != "timeoutMs" && it.key() != "version" && it.key() != "clearToken")
      throw Error::Validation(it.key(), "Trường không được hỗ trợ: " + it.key(), "Unsupported field: " + it.key());
  const long long version = req_int(b, "version");
  std::string url = opt_string(b, "baseUrl", 300);
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (!url.empty()) {
    Poco::URI u;
    try { u = Poco::URI(url); } catch (const Poco::Exception&) {}
    if ((u.getScheme() != "http" && u.getScheme() != "https") || u.getHost().empty() || !u.getQuery().empty() || !u.getFragment().empty())
      throw Error::Validation("baseUrl", "Địa chỉ máy chủ DHIS2 phải có dạng http(s)://máy-chủ[:cổng][/đường-dẫn]",
                              "The DHIS2 base URL must look like http(s)://host[:port][/path]");
  }
  const std::string token = opt_string(b, "token", 500);
  const bool clear = opt_bool(b, "clearToken", false);
  const long long timeout = opt_int(b, "timeoutMs").value_or(15000);
  if (timeout < 1000 || timeout > 120000)
    throw Error::Validation("timeoutMs", "Thời gian chờ từ 1000 đến 120000 ms", "timeoutMs must be 1000–120000");
  std::string sealed;
  long long key_id = 0;
  if (!token.empty()) {
    auto sealer = c.app.sealer();  // 503 when no key is configured: a token is never stored in clear
    sealed = sealer->seal(token, kTokenAd);
    key_id = sealer->current_key_id();
  }
  Settings x;
  const Actor actor = actor_of(c);
  c.app.db().transact([&](soci::session& s) {
    Settings before = load_settings(s);
    if (before.version != version)
      throw Error::Conflict();
    const std::string now = now_iso_utc();
    if (token.empty() && !clear) {
      sealed = before.token_sealed;
      key_id = before.key_id;
    }
    s << "UPDATE dhis2_settings SET base_url = :b, token_sealed = :t, token_key_id = :k, timeout_ms = :tm, version = version + 1, "
         "updated_at = :u, updated_by = :by WHERE id = 1",
        soci::use(url), soci::use(sealed), soci::use(key_id), soci::use(timeout), soci::use(now), soci::use(actor.username);
    x = load_settings(s);
    json bj = settings_json(before), aj = settings_json(x);
    aj["tokenChanged"] = !token.empty() || clear;
    record_audit(s, actor, {"update", "dhis2_settings", "1", c.me().org_unit_id, bj, aj});
  });
  return Response::json(settings_json(x));
}

// ----- the export -----
struct Built {
  dhis2::Export x;
  const OrgUnit* unit = nullptr;
};

Built build(Ctx& c, soci::session& s, const Hierarchy& h, const std::string& form_code, const std::string& period_code,
            const std::string& unit_code) {
  if (form_code.empty()) throw Error::Validation("form", "Hãy chọn biểu mẫu", "Choose a form");
  if (period_code.empty()) throw Error::Validation("period", "Hãy chọn kỳ báo cáo", "Choose a period");
  const dhis2::Period period = dhis2::map_period(period_code);
  auto form = load_form(s, form_code);
  if (!form) throw Error::NotFound("biểu mẫu", "Form");
  if ((form->kind == PeriodKind::year) != (period_code.size() == 4))
    throw Error::Validation("period", "Kỳ không thuộc loại kỳ của biểu mẫu", "The period is not of the form's kind");
  std::string code = unit_code;
  if (code.empty()) {
    const OrgUnit* home = h.by_id(c.me().org_unit_id);
    if (!home) throw Error::Validation("orgUnit", "Chưa chọn đơn vị", "Choose an org unit");
    code = home->code;
  }
  const Date on = c.opt_date("asOf").value_or(std::min(period.to, Date::today_vn()));
  const OrgUnit* unit = h.find(code, on);
  if (!unit) unit = h.find(code, Date::today_vn());
  if (!unit) throw Error::OrgUnitNotFound(code, "orgUnit", on);
  Access::require_unit_visible(c.me(), unit->id, "đơn vị", "Org unit");
  // the unit and every unit version below it (lineage included), within the caller's scope
  const Scope sub = h.scope_of(unit->id);
  std::vector<long long> ids;
  for (const auto& u : h.units())
    if ((sub.all() || sub.contains(u.id)) && Access::can_see_unit(c.me(), u.id)) ids.push_back(u.id);
  std::sort(ids.begin(), ids.end());
  auto reports = find_reports(s, form->code, period_code, ids);
  std::string dataset;
  {
    soci::indicator di;
    s << "SELECT dataset_code FROM dhis2_dataset_map WHERE form_code = :f", soci::into(dataset, di), soci::use(form->code);
    if (!s.got_data() || di != soci::i_ok || dataset.empty())
      throw Error(409, "dhis2_dataset_unmapped", "Biểu mẫu " + form->code + " chưa được ánh xạ tới bộ dữ liệu DHIS2",
                  "Form " + form->code + " is not mapped to a DHIS2 data set");
  }
  dhis2::ExportInput in;
  in.form_code = form->code;
  in.dataset_code = dataset;
  in.period = period;
  for (const auto& e : form->elements) in.elements.push_back({e.code, e.value_type});
  in.element_map = load_element_map(s, form->code);
  in.orgunit_map = load_orgunit_map(s);
  const auto case_els = case_elements(*form);
  auto numbers = [](const json& v) {
    std::map<std::string, long long> out;
    if (v.is_object())
      for (auto it = v.begin(); it != v.end(); ++it)
        if (it->is_number_integer()) out[it.key()] = it->get<long long>();
    return out;
  };
  std::vector<const OrgUnit*> units;
  for (auto& [uid, r] : reports) {
    if (r.status != "accepted") continue;
    const OrgUnit* u = h.by_id(uid);
    if (!u) continue;
    dhis2::SourceReport src;
    src.unit_code = u->code;
    src.unit_name = u->name;
    src.unit_validity = u->validity;
    src.code_reused = h.code_is_ambiguous(u->code);
    std::string at;
    soci::indicator ai;
    s << "SELECT MAX(at) FROM report_transitions WHERE report_id = :r AND action = 'accept'", soci::into(at, ai), soci::use(r.id);
    src.accepted_at = ai == soci::i_ok ? at : r.updated_at;
    src.values = r.values;
    if (!case_els.empty()) {
      src.suppressed = an::suppressed_elements(case_els, numbers(r.values));
      const json parts = load_report_compilation(s, r.id);
      if (parts.is_object() && parts.contains("compiled") && parts.contains("own"))
        for (const auto& e : an::suppressed_in_compilation(case_els, numbers(parts["compiled"]), numbers(parts["own"]), numbers(r.values)))
          src.suppressed.insert(e);
    }
    in.reports.push_back(std::move(src));
    units.push_back(u);
  }
  // A total must not give back a small cell hidden below it: a case element suppressed in a unit's
  // report is suppressed in the reports of every unit above it in the same export.
  for (size_t i = 0; i < units.size(); ++i)
    for (size_t j = 0; j < units.size(); ++j) {
      if (i == j || in.reports[i].suppressed.empty()) continue;
      const Date d = std::min({period.to, units[i]->validity.to, units[j]->validity.to});
      if (units[j]->valid_on(d) && units[i]->valid_on(d) && h.is_within(*units[i], *units[j], d))
        for (const auto& e : in.reports[i].suppressed) in.reports[j].suppressed.insert(e);
    }
  Built b;
  b.x = dhis2::build_export(in);
  b.unit = unit;
  return b;
}

std::string skipped_header(const dhis2::Export& x) {
  std::string out;
  for (const auto& s : x.skipped) {
    if (!out.empty()) out += ",";
    out += s.element_code + ";reason=" + s.reason + ";reports=" + std::to_string(s.reports);
  }
  return out;
}

Response data_value_sets(Ctx& c) {
  const std::string format = c.enum_q("format", {"json", "adx"}, "json");
  auto h = c.app.hierarchy();
  Built b;
  c.app.db().with_session([&](soci::session& s) { b = build(c, s, *h, c.q("form"), c.q("period"), c.q("orgUnit")); });
  Response r;
  if (format == "adx") {
    r.content_type = "application/adx+xml; charset=utf-8";
    r.body = dhis2::adx_xml(b.x, now_iso_utc());
  } else {
    r.body = dhis2::data_value_set_json(b.x).dump();
  }
  r.headers.push_back({"X-DHIS2-Values", std::to_string(b.x.values)});
  r.headers.push_back({"X-DHIS2-Suppressed", std::to_string(b.x.suppressed)});
  r.headers.push_back({"X-DHIS2-Skipped", skipped_header(b.x)});
  const std::string name = "dhis2-" + b.x.form_code + "-" + b.x.period.dhis2 + "-" + b.unit->code + (format == "adx" ? ".adx.xml" : ".json");
  r.headers.push_back({"Content-Disposition", "attachment; filename=\"" + name + "\""});
  return r;
}

Response preview(Ctx& c) {
  auto h = c.app.hierarchy();
  Built b;
  c.app.db().with_session([&](soci::session& s) { b = build(c, s, *h, c.q("form"), c.q("period"), c.q("orgUnit")); });
  json out = dhis2::export_summary_json(b.x);
  out["orgUnit"] = {{"code", b.unit->code}, {"name", b.unit->name}};
  return Response::json(out);
}

// ----- push -----

struct PushResult {
  int http_status = 0;
  std::string body, error;
};
PushResult http_post(const std::string& base, const std::string& token, long long timeout_ms, bool dry_run, const std::string& payload) {
  PushResult out;
  try {
    Poco::URI u(base + "/api/dataValueSets");
    u.addQueryParameter("dryRun", dry_run ? "true" : "false");
    u.addQueryParameter("idScheme", "CODE");
    u.addQueryParameter("dataElementIdScheme", "CODE");
    u.addQueryParameter("orgUnitIdScheme", "CODE");
    u.addQueryParameter("importStrategy", "CREATE_AND_UPDATE");
    u.addQueryParameter("async", "false");
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (u.getScheme() == "https") session = std::make_unique<Poco::Net::HTTPSClientSession>(u.getHost(), u.getPort(), tls_client_context());
    else session = std::make_unique<Poco::Net::HTTPClientSession>(u.getHost(), u.getPort());
    const Poco::Timespan t(static_cast<long>(timeout_ms / 1000), static_cast<long>((timeout_ms % 1000) * 1000));
    session->setTimeout(t, t, t);
    Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, u.getPathAndQuery(), Poco::Net::HTTPMessage::HTTP_1_1);
    req.setContentType("application/json");
    req.set("Accept", "application/json");
    req.set("Authorization", "ApiToken " + token);
    req.setContentLength(static_cast<std::streamsize>(payload.size()));
    session->sendRequest(req) << payload;
    Poco::Net::HTTPResponse res;
    std::istream& in = session->receiveResponse(res);
    out.http_status = static_cast<int>(res.getStatus());
    std::string body;
    char buf[8192];
    while (in && body.size() < (size_t{4} << 20)) {
      in.read(buf, sizeof buf);
      body.append(buf, static_cast<size_t>(in.gcount()));
    }
    out.body = std::move(body);
  } catch (const Poco::Exception& e) {
    out.error = e.displayText();
  } catch (const std::exception& e) {
    out.error = e.what();
  }
  return out;
}


Response create_export(Ctx& c) {
  json b = c.body();
  for (auto it = b.begin(); it != b.end(); ++it)
    if (it.key() != "form" && it.key() != "period" && it.key() != "orgUnit" && it.key() != "dryRun")
      throw Error::Validation(it.key(), "Trường không được hỗ trợ: " + it.key(), "Unsupported field: " + it.key());
  const std::string form = req_string(b, "form", 64), period = req_string(b, "period", 32), unit = opt_string(b, "orgUnit", 32);
  if (!b.contains("dryRun") || !b["dryRun"].is_boolean())
    throw Error::Validation("dryRun", "dryRun phải là true hoặc false", "dryRun must be true or false");
  const bool dry_run = b["dryRun"].get<bool>();
  auto h = c.app.hierarchy();
  Built built;
  Settings settings;
  std::string payload, hash;
  c.app.db().with_session([&](soci::session& s) {
    built = build(c, s, *h, form, period, unit);
    settings = load_settings(s);
    payload = dhis2::data_value_set_json(built.x).dump();
    hash = security::sha256_hex(payload);
    if (settings.base_url.empty() || settings.token_sealed.empty())
      throw Error(409, "dhis2_not_configured", "Chưa cấu hình máy chủ DHIS2 (địa chỉ và khóa truy cập)",
                  "No DHIS2 server is configured (base URL and token)");
    if (built.x.values == 0)
      throw Error(409, "dhis2_nothing_to_push", "Không có số liệu nào để gửi (chưa có báo cáo được tiếp nhận, hoặc chưa ánh xạ)",
                  "Nothing to push (no accepted report, or nothing mapped)");
    if (!dry_run) {
      long long n = 0;
      s << "SELECT COUNT(*) FROM dhis2_exports WHERE payload_sha256 = :h AND dry_run = 1 AND pushed = 1 AND status IN ('SUCCESS', 'WARNING')",
          soci::into(n), soci::use(hash);
      if (n == 0)
        throw Error(409, "dhis2_dry_run_required",
                    "Hãy chạy thử (dry run) đúng gói số liệu này và xem kết quả trước khi gửi thật",
                    "Run a dry run of this same payload and check its result before the real push");
    }
  });
  auto token = c.app.sealer()->open(settings.key_id, settings.token_sealed, kTokenAd);
  if (!token)
    throw Error(409, "dhis2_token_unreadable", "Không mở được khóa truy cập DHIS2 đã lưu; hãy nhập lại",
                "The stored DHIS2 token cannot be opened; enter it again");
  const PushResult res = http_post(settings.base_url, *token, settings.timeout_ms, dry_run, payload);  // no DB connection held
  json summary = json::object();
  std::string status = "FAILED", error = res.error;
  const bool reached = res.error.empty() && res.http_status > 0;
  if (reached) {
    const json body = json::parse(res.body, nullptr, false);
    if (auto sum = dhis2::read_import_summary(body)) {
      summary = *sum;
      status = summary["status"].get<std::string>();
    } else {
      error = "HTTP " + std::to_string(res.http_status) + ": " + res.body.substr(0, 300);
    }
  }
  long long id = 0;
  const Actor actor = actor_of(c);
  const std::string now = now_iso_utc(), summary_text = summary.dump(), uc = built.unit->code;
  const long long uid = built.unit->id, values = built.x.values, suppressed = built.x.suppressed,
                  skipped = static_cast<long long>(built.x.skipped.size());
  const int dry = dry_run ? 1 : 0, pushed = reached && !summary.empty() ? 1 : 0, hs = res.http_status;
  const long long me_id = c.me().user_id;
  c.app.db().transact([&](soci::session& s) {
    s << "INSERT INTO dhis2_exports (user_id, username, at, form_code, period_code, org_unit_id, format, values_count, suppressed_count, "
         "skipped_count, dry_run, pushed, payload_sha256, status, http_status, summary, error) VALUES (:u, :n, :at, :f, :p, :o, 'json', "
         ":v, :s, :k, :d, :pu, :h, :st, :hs, :su, :e) RETURNING id",
        soci::use(me_id), soci::use(actor.username), soci::use(now), soci::use(built.x.form_code), soci::use(built.x.period.code),
        soci::use(uid), soci::use(values), soci::use(suppressed), soci::use(skipped), soci::use(dry), soci::use(pushed),
        soci::use(hash), soci::use(status), soci::use(hs), soci::use(summary_text), soci::use(error), soci::into(id);
    record_audit(s, actor, {"create", "dhis2_export", std::to_string(id), uid, std::nullopt,
                            json{{"form", built.x.form_code}, {"period", built.x.period.code}, {"orgUnit", uc}, {"dryRun", dry_run},
                                 {"values", values}, {"status", status}, {"httpStatus", hs}, {"error", error}}});
  });
  if (!error.empty()) spdlog::warn("DHIS2 push {} by {} failed: {}", id, actor.username, error);
  json out = {{"id", id}, {"at", now}, {"form", built.x.form_code}, {"period", built.x.period.code},
              {"orgUnit", {{"code", uc}, {"name", built.unit->name}}}, {"dryRun", dry_run}, {"pushed", pushed == 1},
              {"values", values}, {"suppressed", suppressed}, {"skipped", skipped}, {"status", status}, {"httpStatus", hs},
              {"importSummary", summary.empty() ? json(nullptr) : summary}, {"error", error}, {"payloadSha256", hash},
              {"username", actor.username}};
  return Response::json(out, 201);
}

Response list_exports(Ctx& c) {
  auto h = c.app.hierarchy();
  const int limit = c.page_size();
  json items = json::array();
  c.app.db().with_session([&](soci::session& s) {
    long long id = 0, uid = 0, values = 0, sup = 0, skip = 0;
    int dry = 0, pushed = 0, hs = 0;
    std::string username, at, form, period, hash, status, summary, error;
    soci::statement st = (s.prepare << "SELECT id, username, at, form_code, period_code, org_unit_id, values_count, suppressed_count, skipped_count, "
                                       "dry_run, pushed, payload_sha256, status, http_status, summary, error FROM dhis2_exports ORDER BY id DESC",
                          soci::into(id), soci::into(username), soci::into(at), soci::into(form), soci::into(period), soci::into(uid),
                          soci::into(values), soci::into(sup), soci::into(skip), soci::into(dry), soci::into(pushed), soci::into(hash),
                          soci::into(status), soci::into(hs), soci::into(summary), soci::into(error));
    st.execute();
    while (st.fetch() && static_cast<int>(items.size()) < limit) {
      if (!Access::can_see_unit(c.me(), uid)) continue;
      const OrgUnit* u = h->by_id(uid);
      const json sj = json::parse(summary, nullptr, false);
      items.push_back({{"id", id}, {"at", at}, {"username", username}, {"form", form}, {"period", period},
                       {"orgUnit", {{"code", u ? u->code : ""}, {"name", u ? u->name : ""}}}, {"dryRun", dry == 1},
                       {"pushed", pushed == 1}, {"values", values}, {"suppressed", sup}, {"skipped", skip}, {"status", status},
                       {"httpStatus", hs}, {"importSummary", sj.is_object() && !sj.empty() ? sj : json(nullptr)}, {"error", error},
                       {"payloadSha256", hash}});
    }
  });
  return Response::json({{"items", items}});
}
}  // namespace

void add_dhis2_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/interop/dhis2/dataValueSets", Auth::Session, data_value_sets,
               "The accepted reports of a period for a unit and every unit below it, as DHIS2 dataValueSets JSON (idScheme CODE) or ADX XML (?format=adx)",
               perm::kInteropExport});
  r.push_back({"GET", "/api/interop/dhis2/preview", Auth::Session, preview,
               "What a DHIS2 export of a period and unit holds: values, suppressed small cells, unmapped elements, units", perm::kInteropExport});
  r.push_back({"POST", "/api/interop/dhis2/exports", Auth::Session, create_export,
               "Push an export to the configured DHIS2 server (dry run first; the import summary stored)", perm::kInteropExport});
  r.push_back({"GET", "/api/interop/dhis2/exports", Auth::Session, list_exports, "History of DHIS2 pushes in scope", perm::kInteropExport});
  r.push_back({"GET", "/api/interop/dhis2/mappings", Auth::Session, get_mappings,
               "DHIS2 code mappings: data sets, elements (with disaggregations), org units", perm::kInteropExport});
  r.push_back({"POST", "/api/interop/dhis2/mappings/elements", Auth::Session, create_element, "Add an element mapping (interop.configure)", perm::kInteropConfigure});
  r.push_back({"PUT", "/api/interop/dhis2/mappings/elements/{id}", Auth::Session, update_element, "Change an element mapping (interop.configure)", perm::kInteropConfigure});
  r.push_back({"DELETE", "/api/interop/dhis2/mappings/elements/{id}", Auth::Session, delete_element, "Remove an element mapping (interop.configure)", perm::kInteropConfigure});
  r.push_back({"POST", "/api/interop/dhis2/mappings/org-units", Auth::Session, create_orgunit, "Add an org unit mapping (interop.configure)", perm::kInteropConfigure});
  r.push_back({"PUT", "/api/interop/dhis2/mappings/org-units/{id}", Auth::Session, update_orgunit, "Change an org unit mapping (interop.configure)", perm::kInteropConfigure});
  r.push_back({"DELETE", "/api/interop/dhis2/mappings/org-units/{id}", Auth::Session, delete_orgunit, "Remove an org unit mapping (interop.configure)", perm::kInteropConfigure});
  r.push_back({"PUT", "/api/interop/dhis2/mappings/datasets/{form}", Auth::Session, put_dataset, "Set the DHIS2 data set of a form (interop.configure)", perm::kInteropConfigure});
  r.push_back({"GET", "/api/interop/dhis2/settings", Auth::Session, get_settings, "DHIS2 server settings (the token never in clear)", perm::kInteropConfigure});
  r.push_back({"PUT", "/api/interop/dhis2/settings", Auth::Session, put_settings, "Change the DHIS2 server settings; the token is sealed (audited)", perm::kInteropConfigure});
}

}  // namespace longghep
