// Indicators and targets (issue 5 item 5, docs/api-indicators.md): the definitions, a unit's
// results for a year against its targets, the scorecard of the units directly below it, and the
// targets themselves (indicators.manage, for units in the caller's scope). Reads need
// indicators.read and the unit in scope (else 404, so existence does not leak).
#include <cmath>

#include "domain/compilation.hpp"  // units_below: the units that answer to a level
#include "domain/error.hpp"
#include "domain/indicators.hpp"
#include "http/app.hpp"
#include "storage/indicators.hpp"
#include "storage/org_units.hpp"

namespace longghep {
using nlohmann::json;

namespace {

Error year_error() {
  return Error::Validation("year", "Năm phải là số nguyên trong khoảng 2000–2100", "Year must be an integer between 2000 and 2100");
}

int year_of_query(Ctx& c) { return c.int_q("year", 2000, 2100).value_or(Date::today_vn().year()); }

int year_of_body(const json& b) {
  auto it = b.find("year");
  if (it == b.end() || !it->is_number_integer() || it->get<long long>() < 2000 || it->get<long long>() > 2100) throw year_error();
  return static_cast<int>(it->get<long long>());
}

// The version of unit `code` a year is evaluated on: the one valid at the year's end, else at its
// start (a unit that ended within the year), else today's (a unit created since: its scope holds
// the units merged into it); nullptr when there is none.
// `as_of` picks the version valid on that day instead (today's Hải Phòng for 2021).
const OrgUnit* find_for_year(const Hierarchy& h, const std::string& code, int year, std::optional<Date> as_of) {
  if (as_of) return h.find(code, *as_of);
  const OrgUnit* u = h.find(code, Date::from_ymd(year, 12, 31));
  if (!u) u = h.find(code, Date::from_ymd(year, 1, 1));
  if (!u) u = h.find(code, Date::today_vn());
  return u;
}

// The unit of body field `field` for `year` (find_for_year): 400 org_unit_not_found naming the
// field when there is none; 404 when out of scope.
const OrgUnit& unit_for_year(Ctx& c, const Hierarchy& h, const std::string& code, int year, const std::string& field) {
  const OrgUnit* u = find_for_year(h, code, year, std::nullopt);
  if (!u) throw Error::OrgUnitFieldNotFound(code, field, year);
  Access::require_unit_visible(c.me(), u->id, "đơn vị", "Org unit");
  return *u;
}

// The unit of ?orgUnit= (default: the caller's home) for `year`, or as of ?asOf=: 404
// org_unit_not_found when the code names none, 404 not_found when out of scope.
const OrgUnit& unit_of_query(Ctx& c, const Hierarchy& h, int year) {
  std::string code = c.q("orgUnit");
  if (code.empty()) {
    const OrgUnit* home = h.by_id(c.me().org_unit_id);
    if (!home) throw Error::Validation("orgUnit", "Chưa chọn đơn vị", "Choose an org unit");
    code = home->code;
  }
  if (code.size() > 32) throw Error::Validation("orgUnit", "Mã đơn vị quá dài", "The org unit code is too long");
  const std::optional<Date> as_of = c.opt_date("asOf");
  const OrgUnit* u = find_for_year(h, code, year, as_of);
  if (!u) throw as_of ? Error::OrgUnitNotFound(code, "orgUnit", *as_of) : Error::OrgUnitNotFound(code, "orgUnit", year);
  Access::require_unit_visible(c.me(), u->id, "đơn vị", "Org unit");
  return *u;
}

// Terms over activities are counted by the analytics engine, all rows in one pass; ?via=sql counts
// every term by SQL, row by row (the reference the tests compare with, and the bench's old path).
AnalyticsIndex* engine_of(Ctx& c) { return c.q("via") == "sql" ? nullptr : &c.app.analytics(); }

Indicator indicator_named(soci::session& s, const std::string& code) {
  auto i = load_indicator(s, code);
  if (!i) throw Error::Validation("indicator", "Không có chỉ số \"" + code + "\"", "No indicator \"" + code + "\"");
  return *i;
}

Response list_indicators(Ctx& c) {
  Access::require(c.me(), perm::kIndicatorsRead);
  json items = json::array();
  c.app.db().with_session([&](soci::session& s) {
    for (const auto& i : load_indicators(s)) items.push_back(indicator_json(i));
  });
  return Response::json({{"items", items}});
}

Response results(Ctx& c) {
  Access::require(c.me(), perm::kIndicatorsRead);
  auto h = c.app.hierarchy();
  const int year = year_of_query(c);
  json out;
  c.app.db().with_session([&](soci::session& s) {
    const OrgUnit& u = unit_of_query(c, *h, year);
    out = {{"orgUnit", org_unit_ref(u)}, {"year", year}, {"referenceDay", indicator_reference_day(u, year).iso()},
           {"items", evaluate_indicators_many(s, *h, {&u}, year, engine_of(c))[0]}};
  });
  return Response::json(out);
}

// A formula tried on a unit and year without saving anything: the terms as an indicator would
// hold them (validated: 400 naming the field, e.g. numerator.recordedBy.levels) and their counts.
Response preview(Ctx& c) {
  Access::require(c.me(), perm::kIndicatorsRead);
  const json b = c.body();
  const int year = year_of_body(b);
  const std::string unit_code = req_string(b, "orgUnitCode", 32);
  Indicator i;
  i.percent = b.contains("percent") && b["percent"].is_boolean() && b["percent"].get<bool>();
  if (!b.contains("numerator")) throw Error::Validation("numerator", "Cần có tử số", "numerator is required");
  i.numerator = parse_term(b["numerator"], "numerator");
  if (b.contains("denominator") && !b["denominator"].is_null()) i.denominator = parse_term(b["denominator"], "denominator");
  auto h = c.app.hierarchy();
  json out;
  c.app.db().with_session([&](soci::session& s) {
    const OrgUnit& u = unit_for_year(c, *h, unit_code, year, "orgUnitCode");
    const double num = count_indicator_term(s, *h, u, year, i.numerator);
    std::optional<double> den;
    if (i.denominator) den = count_indicator_term(s, *h, u, year, *i.denominator);
    // small counts of support records: neither the count nor a value from it is shown
    const bool suppressed = term_suppressed(i.numerator, num) || (i.denominator && den && term_suppressed(*i.denominator, *den));
    const auto value = suppressed ? std::nullopt : indicator_value(i, num, den);
    out = {{"orgUnit", org_unit_ref(u)}, {"year", year}, {"numerator", term_json(i.numerator)},
           {"denominator", i.denominator ? term_json(*i.denominator) : json(nullptr)},
           {"counts", {{"numerator", suppressed ? json(nullptr) : json(num)},
                       {"denominator", suppressed || !den ? json(nullptr) : json(*den)}}},
           {"value", value ? json(*value) : json(nullptr)}, {"suppressed", suppressed}};
  });
  return Response::json(out);
}

Response scorecard(Ctx& c) {
  Access::require(c.me(), perm::kIndicatorsRead);
  auto h = c.app.hierarchy();
  const int year = year_of_query(c);
  json out;
  c.app.db().with_session([&](soci::session& s) {
    const OrgUnit& u = unit_of_query(c, *h, year);
    const Date ref = indicator_reference_day(u, year);
    json defs = json::array();
    for (const auto& i : load_indicators(s)) defs.push_back(indicator_json(i));
    // every row's terms over activities in one pass of the engine (the total's row last)
    std::vector<const OrgUnit*> rows = units_below(*h, u, ref);
    rows.push_back(&u);
    const std::vector<json> results = evaluate_indicators_many(s, *h, rows, year, engine_of(c));
    auto row = [&](size_t k) {
      json cells = json::array();
      for (const auto& r : results[k])
        cells.push_back({{"code", r["code"]}, {"value", r["value"]}, {"target", r["target"]}, {"achievement", r["achievement"]},
                         {"status", r["status"]}});
      return json{{"orgUnit", org_unit_ref(*rows[k])}, {"results", cells}};
    };
    json units = json::array();
    for (size_t k = 0; k + 1 < rows.size(); ++k) units.push_back(row(k));
    out = {{"orgUnit", org_unit_ref(u)}, {"year", year}, {"referenceDay", ref.iso()}, {"indicators", defs},
           {"total", row(rows.size() - 1)}, {"units", units}};
  });
  return Response::json(out);
}

Response list_targets(Ctx& c) {
  Access::require(c.me(), perm::kIndicatorsRead);
  auto h = c.app.hierarchy();
  const bool all_years = c.q("year").empty();
  const int year = all_years ? Date::today_vn().year() : year_of_query(c);
  json items = json::array();
  c.app.db().with_session([&](soci::session& s) {
    const OrgUnit& u = unit_of_query(c, *h, year);
    for (const auto& t : targets_of(s, u.id, all_years ? 0 : year)) items.push_back(target_json(t, *h));
  });
  return Response::json({{"items", items}});
}

Response put_target(Ctx& c) {
  Access::require(c.me(), perm::kIndicatorsManage);
  const json b = c.body();
  const std::string code = req_string(b, "indicator", 64);
  const std::string unit_code = req_string(b, "orgUnitCode", 32);
  const int year = year_of_body(b);
  auto it = b.find("target");
  if (it == b.end() || !it->is_number() || !std::isfinite(it->get<double>()))
    throw Error::Validation("target", "Chỉ tiêu phải là một số", "The target must be a number");
  const double target = it->get<double>();
  auto h = c.app.hierarchy();
  json out;
  c.app.db().transact([&](soci::session& s) {
    const Indicator i = indicator_named(s, code);
    const OrgUnit& u = unit_for_year(c, *h, unit_code, year, "orgUnitCode");
    validate_target(i, target);
    out = target_json(set_target(s, i.code, u.id, year, target, actor_of(c)), *h);
  });
  return Response::json(out);
}

Response delete_target_route(Ctx& c) {
  Access::require(c.me(), perm::kIndicatorsManage);
  auto h = c.app.hierarchy();
  const int year = year_of_query(c);
  const std::string code = c.q("indicator");
  if (code.empty() || code.size() > 64) throw Error::Validation("indicator", "Cần chọn chỉ số", "indicator is required");
  if (c.q("orgUnit").empty()) throw Error::Validation("orgUnit", "Cần chọn đơn vị", "orgUnit is required");
  c.app.db().transact([&](soci::session& s) {
    const Indicator i = indicator_named(s, code);
    const OrgUnit& u = unit_of_query(c, *h, year);
    if (!delete_target(s, i.code, u.id, year, actor_of(c))) throw Error::NotFound("chỉ tiêu", "Target");
  });
  return Response::no_content();
}

}  // namespace

void add_indicators_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/indicators", Auth::Session, list_indicators, "Indicator definitions: formula, unit of measure, direction, thresholds", perm::kIndicatorsRead});
  r.push_back({"GET", "/api/indicators/results", Auth::Session, results, "A unit's indicator results for a year against its targets, with achievement and status colour", perm::kIndicatorsRead});
  r.push_back({"POST", "/api/indicators/preview", Auth::Session, preview, "Count a formula (numerator, denominator: terms as in an indicator) for a unit and year, without saving", perm::kIndicatorsRead});
  r.push_back({"GET", "/api/indicators/scorecard", Auth::Session, scorecard, "The indicators × the units directly below a unit for a year, with status colours", perm::kIndicatorsRead});
  r.push_back({"GET", "/api/indicator-targets", Auth::Session, list_targets, "The targets set at a unit (for a year, or every year)", perm::kIndicatorsRead});
  r.push_back({"PUT", "/api/indicator-targets", Auth::Session, put_target, "Set the target of an indicator for a unit in scope and a year (audited)", perm::kIndicatorsManage});
  r.push_back({"DELETE", "/api/indicator-targets", Auth::Session, delete_target_route, "Remove the target of an indicator for a unit and a year (audited)", perm::kIndicatorsManage});
}

}  // namespace longghep
