#include "storage/programmes.hpp"

#include <map>

#include "domain/error.hpp"
#include "domain/plan_workflow.hpp"
#include "domain/text.hpp"
#include "storage/org_units.hpp"
#include "storage/query.hpp"

namespace longghep {
using nlohmann::json;

// ----- taxonomies -----

std::optional<std::string> taxonomy_table(const std::string& kind) {
  static const std::map<std::string, std::string> tables = {
      {"programme-categories", "programme_categories"}, {"target-groups", "target_groups"},
      {"intervention-types", "intervention_types"}, {"funding-sources", "funding_sources"},
      {"age-bands", "age_bands"}, {"output-kinds", "output_kinds"},
      {"case-services", "case_service_types"},  // issue 16: services delivered (migration 0024)
      {"business-types", "business_types"}};    // issue 17: service business types (migration 0029)
  auto it = tables.find(kind);
  if (it == tables.end()) return std::nullopt;
  return it->second;
}

// `table` is always one of the literal names above, never input.
bool taxonomy_has(soci::session& s, const std::string& table, const std::string& code) {
  int n = 0;
  s << "SELECT COUNT(*) FROM " + table + " WHERE code = :c AND active = 1", soci::use(code), soci::into(n);
  return n > 0;
}

json list_taxonomy(soci::session& s, const std::string& table) {
  json items = json::array();
  std::string code, vi, en, grp;
  long long order = 0, active = 0;
  soci::statement st = (s.prepare << "SELECT code, name_vi, name_en, grp, sort_order, active FROM " + table +
                                         " ORDER BY sort_order, code",
                        soci::into(code), soci::into(vi), soci::into(en), soci::into(grp), soci::into(order),
                        soci::into(active));
  st.execute();
  while (st.fetch())
    items.push_back({{"code", code}, {"nameVi", vi}, {"nameEn", en}, {"group", grp}, {"sortOrder", order},
                     {"active", active != 0}});
  return {{"items", items}};
}

std::vector<std::pair<std::string, std::string>> active_taxonomy_names(soci::session& s, const std::string& table) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string code, vi;
  soci::statement st = (s.prepare << "SELECT code, name_vi FROM " + table + " WHERE active = 1 ORDER BY sort_order",
                        soci::into(code), soci::into(vi));
  st.execute();
  while (st.fetch()) out.emplace_back(code, vi);
  return out;
}

std::vector<ProgrammeName> programme_names(soci::session& s) {
  std::vector<ProgrammeName> out;
  ProgrammeName p;
  soci::statement st = (s.prepare << "SELECT id, name, org_unit_id FROM programmes ORDER BY year DESC, name, id",
                        soci::into(p.id), soci::into(p.name), soci::into(p.org_unit_id));
  st.execute();
  while (st.fetch()) out.push_back(p);
  return out;
}

void upsert_taxonomy(soci::session& s, const std::string& table, const TaxonomyEntry& e, const Actor& actor) {
  int exists = 0;
  s << "SELECT COUNT(*) FROM " + table + " WHERE code = :c", soci::use(e.code), soci::into(exists);
  int active = e.active ? 1 : 0;
  if (exists)
    s << "UPDATE " + table + " SET name_vi = :vi, name_en = :en, grp = :g, sort_order = :o, active = :a WHERE code = :c",
        soci::use(e.name_vi), soci::use(e.name_en), soci::use(e.group), soci::use(e.sort_order), soci::use(active),
        soci::use(e.code);
  else
    s << "INSERT INTO " + table + "(code, name_vi, name_en, grp, sort_order, active) VALUES(:c, :vi, :en, :g, :o, :a)",
        soci::use(e.code), soci::use(e.name_vi), soci::use(e.name_en), soci::use(e.group), soci::use(e.sort_order),
        soci::use(active);
  record_audit(s, actor, {exists ? "update" : "create", table, e.code, 0, std::nullopt,
                          json{{"nameVi", e.name_vi}, {"nameEn", e.name_en}, {"group", e.group},
                               {"sortOrder", e.sort_order}, {"active", e.active}}});
}

// ----- programmes -----

namespace {
json input_json(const ProgrammeInput& in) {
  json budget = json::array();
  for (const auto& b : in.budget) budget.push_back({{"fundingSource", b.funding_source}, {"year", b.year}, {"amount", b.amount}});
  auto pot = [](const Potential& p) { return json{{"assessment", p.assessment}, {"note", p.note}}; };
  return {{"orgUnitId", in.org_unit_id}, {"year", in.year}, {"name", in.name}, {"categoryCode", in.category_code},
          {"leadAgencyId", in.lead_agency_id}, {"targetGroups", in.target_groups},
          {"interventionTypes", in.intervention_types}, {"interventionsNote", in.interventions_note},
          {"budget", budget},
          {"potential", {{"beneficiaries", pot(in.beneficiaries)}, {"interventions", pot(in.interventions)},
                         {"resources", pot(in.resources)}}},
          {"note", in.note}};
}

void write_children(soci::session& s, long long id, const ProgrammeInput& in) {
  s << "DELETE FROM programme_target_groups WHERE programme_id = :id", soci::use(id);
  s << "DELETE FROM programme_interventions WHERE programme_id = :id", soci::use(id);
  s << "DELETE FROM programme_budget WHERE programme_id = :id", soci::use(id);
  for (const auto& g : in.target_groups)
    s << "INSERT INTO programme_target_groups(programme_id, target_group_code) VALUES(:p, :g)", soci::use(id), soci::use(g);
  for (const auto& t : in.intervention_types)
    s << "INSERT INTO programme_interventions(programme_id, intervention_type_code) VALUES(:p, :t)", soci::use(id), soci::use(t);
  for (const auto& b : in.budget)
    s << "INSERT INTO programme_budget(programme_id, funding_source_code, year, amount) VALUES(:p, :f, :y, :a)",
        soci::use(id), soci::use(b.funding_source), soci::use(b.year), soci::use(b.amount);
}

template <typename T>
bool has_duplicates(std::vector<T> v) {
  std::sort(v.begin(), v.end());
  return std::adjacent_find(v.begin(), v.end()) != v.end();
}
}  // namespace

json agency_ref_by_id(soci::session& s, long long id) {
  if (!id) return nullptr;
  std::string name, short_name;
  s << "SELECT name, short_name FROM agencies WHERE id = :id", soci::into(name), soci::into(short_name), soci::use(id);
  if (!s.got_data()) return nullptr;
  return {{"id", id}, {"name", name}, {"shortName", short_name}};
}

void validate_programme(soci::session& s, const ProgrammeInput& in) {
  if (in.year < 2000 || in.year > 2100)
    throw Error::Validation("year", "Năm phải trong khoảng 2000–2100", "Year must be between 2000 and 2100");
  if (in.name.empty() || in.name.size() > 255 || !is_clean_utf8(in.name))
    throw Error::Validation("name", "Tên chương trình là bắt buộc (tối đa 255 ký tự)", "Programme name is required (at most 255 characters)");
  if (!taxonomy_has(s, "programme_categories", in.category_code))
    throw Error::Validation("categoryCode", "Nhóm chương trình không tồn tại: " + in.category_code,
                            "Unknown programme category: " + in.category_code);
  for (const auto& g : in.target_groups)
    if (!taxonomy_has(s, "target_groups", g))
      throw Error::Validation("targetGroups", "Nhóm đối tượng không tồn tại: " + g, "Unknown target group: " + g);
  if (has_duplicates(in.target_groups))
    throw Error::Validation("targetGroups", "Nhóm đối tượng bị lặp", "Duplicate target group");
  for (const auto& t : in.intervention_types)
    if (!taxonomy_has(s, "intervention_types", t))
      throw Error::Validation("interventionTypes", "Loại can thiệp không tồn tại: " + t, "Unknown intervention type: " + t);
  if (has_duplicates(in.intervention_types))
    throw Error::Validation("interventionTypes", "Loại can thiệp bị lặp", "Duplicate intervention type");
  for (size_t i = 0; i < in.budget.size(); ++i) {
    const auto& b = in.budget[i];
    const std::string f = "budget[" + std::to_string(i) + "].";
    if (!taxonomy_has(s, "funding_sources", b.funding_source))
      throw Error::Validation(f + "fundingSource", "Nguồn kinh phí không tồn tại: " + b.funding_source,
                              "Unknown funding source: " + b.funding_source);
    if (b.year < 2000 || b.year > 2100)
      throw Error::Validation(f + "year", "Năm phải trong khoảng 2000–2100", "Year must be between 2000 and 2100");
    if (b.amount < 0)
      throw Error::Validation(f + "amount", "Kinh phí không được âm", "The amount cannot be negative");
  }
  for (const auto* p : {&in.beneficiaries, &in.interventions, &in.resources})
    if (!is_potential(p->assessment))
      throw Error::Validation("potential", "Đánh giá khả năng lồng ghép phải là high, medium, low hoặc none",
                              "An integration assessment is one of high, medium, low, none");
}

long long create_programme(soci::session& s, const ProgrammeInput& in, const Actor& actor) {
  validate_programme(s, in);
  const std::string now = now_iso_utc(), folded = fold_for_search(in.name);
  soci::indicator ik = in.key.empty() ? soci::i_null : soci::i_ok;
  long long id = 0;
  s << "INSERT INTO programmes(key, org_unit_id, year, name, name_folded, category_code, lead_agency_id, interventions_note, "
       "beneficiaries_potential, beneficiaries_note, interventions_potential, interventions_potential_note, "
       "resources_potential, resources_note, note, version, created_at, updated_at) "
       "VALUES(:k, :u, :y, :n, :nf, :c, :a, :inote, :bp, :bn, :ip, :ipn, :rp, :rn, :note, 1, :ca, :ua) RETURNING id",
      soci::use(in.key, ik), soci::use(in.org_unit_id), soci::use(in.year), soci::use(in.name), soci::use(folded),
      soci::use(in.category_code), soci::use(in.lead_agency_id), soci::use(in.interventions_note),
      soci::use(in.beneficiaries.assessment), soci::use(in.beneficiaries.note), soci::use(in.interventions.assessment),
      soci::use(in.interventions.note), soci::use(in.resources.assessment), soci::use(in.resources.note),
      soci::use(in.note), soci::use(now), soci::use(now), soci::into(id);
  write_children(s, id, in);
  record_audit(s, actor, {"create", "programme", std::to_string(id), in.org_unit_id, std::nullopt, input_json(in)});
  return id;
}

void update_programme(soci::session& s, long long id, long long version, const ProgrammeInput& in, const Actor& actor) {
  validate_programme(s, in);
  auto head = programme_head(s, id);
  if (!head) throw Error::NotFound("chương trình", "Programme");
  const std::string now = now_iso_utc(), folded = fold_for_search(in.name);
  soci::statement st = (s.prepare << "UPDATE programmes SET org_unit_id = :u, year = :y, name = :n, name_folded = :nf, "
                                     "category_code = :c, lead_agency_id = :a, interventions_note = :inote, "
                                     "beneficiaries_potential = :bp, beneficiaries_note = :bn, interventions_potential = :ip, "
                                     "interventions_potential_note = :ipn, resources_potential = :rp, resources_note = :rn, "
                                     "note = :note, version = version + 1, updated_at = :ua WHERE id = :id AND version = :v",
                        soci::use(in.org_unit_id), soci::use(in.year), soci::use(in.name), soci::use(folded),
                        soci::use(in.category_code), soci::use(in.lead_agency_id), soci::use(in.interventions_note),
                        soci::use(in.beneficiaries.assessment), soci::use(in.beneficiaries.note),
                        soci::use(in.interventions.assessment), soci::use(in.interventions.note),
                        soci::use(in.resources.assessment), soci::use(in.resources.note), soci::use(in.note),
                        soci::use(now), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) throw Error::Conflict();
  write_children(s, id, in);
  record_audit(s, actor, {"update", "programme", std::to_string(id), in.org_unit_id, std::nullopt, input_json(in)});
}

std::optional<ProgrammeHead> programme_head(soci::session& s, long long id) {
  ProgrammeHead h;
  s << "SELECT id, org_unit_id, lead_agency_id, year FROM programmes WHERE id = :id", soci::into(h.id),
      soci::into(h.org_unit_id), soci::into(h.lead_agency_id), soci::into(h.year), soci::use(id);
  if (!s.got_data()) return std::nullopt;
  return h;
}

std::optional<long long> programme_id_by_key(soci::session& s, const std::string& key) {
  long long id = 0;
  s << "SELECT id FROM programmes WHERE key = :k", soci::into(id), soci::use(key);
  if (!s.got_data()) return std::nullopt;
  return id;
}

std::optional<json> get_programme(soci::session& s, const Hierarchy& h, long long id) {
  std::string name, cat, inote, bp, bn, ip, ipn, rp, rn, note, created, updated, cat_vi, cat_en;
  long long unit = 0, agency = 0, version = 0;
  int year = 0;
  s << "SELECT p.name, p.category_code, c.name_vi, c.name_en, p.interventions_note, p.beneficiaries_potential, "
       "p.beneficiaries_note, p.interventions_potential, p.interventions_potential_note, p.resources_potential, "
       "p.resources_note, p.note, p.org_unit_id, p.lead_agency_id, p.year, p.version, p.created_at, p.updated_at "
       "FROM programmes p JOIN programme_categories c ON c.code = p.category_code WHERE p.id = :id",
      soci::into(name), soci::into(cat), soci::into(cat_vi), soci::into(cat_en), soci::into(inote), soci::into(bp),
      soci::into(bn), soci::into(ip), soci::into(ipn), soci::into(rp), soci::into(rn), soci::into(note),
      soci::into(unit), soci::into(agency), soci::into(year), soci::into(version), soci::into(created),
      soci::into(updated), soci::use(id);
  if (!s.got_data()) return std::nullopt;
  json groups = json::array(), types = json::array(), budget = json::array();
  std::string code;
  {
    soci::statement st = (s.prepare << "SELECT target_group_code FROM programme_target_groups WHERE programme_id = :id ORDER BY target_group_code",
                          soci::into(code), soci::use(id));
    st.execute();
    while (st.fetch()) groups.push_back(code);
  }
  {
    soci::statement st = (s.prepare << "SELECT intervention_type_code FROM programme_interventions WHERE programme_id = :id ORDER BY intervention_type_code",
                          soci::into(code), soci::use(id));
    st.execute();
    while (st.fetch()) types.push_back(code);
  }
  long long total = 0;
  {
    long long amount = 0;
    int byear = 0;
    soci::statement st = (s.prepare << "SELECT funding_source_code, year, amount FROM programme_budget WHERE programme_id = :id ORDER BY id",
                          soci::into(code), soci::into(byear), soci::into(amount), soci::use(id));
    st.execute();
    while (st.fetch()) {
      budget.push_back({{"fundingSource", code}, {"year", byear}, {"amount", amount}});
      total += amount;
    }
  }
  const OrgUnit* u = h.by_id(unit);
  return json{{"id", id}, {"orgUnit", u ? org_unit_ref(*u) : json(nullptr)}, {"year", year}, {"name", name},
              {"category", {{"code", cat}, {"nameVi", cat_vi}, {"nameEn", cat_en}}},
              {"leadAgency", agency_ref_by_id(s, agency)}, {"targetGroups", groups}, {"interventionTypes", types},
              {"interventionsNote", inote}, {"budget", budget}, {"budgetTotal", total},
              {"potential", {{"beneficiaries", {{"assessment", bp}, {"note", bn}}},
                             {"interventions", {{"assessment", ip}, {"note", ipn}}},
                             {"resources", {{"assessment", rp}, {"note", rn}}}}},
              {"note", note}, {"version", version}, {"createdAt", created}, {"updatedAt", updated}};
}

json list_programmes(soci::session& s, const Hierarchy& h, const ProgrammeFilter& f) {
  const bool scoped = !f.scope->all();
  if (scoped) load_scope_ids(s, *f.scope);
  auto filtered = [&](const std::string& select) {
    Query q(select + " FROM programmes WHERE 1=1");
    if (scoped) q.append(" AND org_unit_id IN (SELECT id FROM scope_ids)");
    if (f.only_agency) q.and_where("lead_agency_id = ?", f.only_agency);
    if (f.org_unit_id) q.and_where("org_unit_id = ?", f.org_unit_id);
    if (f.year) q.and_where("year = ?", static_cast<long long>(f.year));
    if (!f.category.empty()) q.and_where("category_code = ?", f.category);
    if (!f.q.empty()) q.and_contains("name_folded", fold_for_search(f.q));
    return q;
  };
  std::string order = " ORDER BY name_folded, id";
  if (f.sort == "-name") order = " ORDER BY name_folded DESC, id";
  else if (f.sort == "year") order = " ORDER BY year, name_folded, id";
  else if (f.sort == "-year") order = " ORDER BY year DESC, name_folded, id";
  auto [ids, total] = page_of_ids(s, filtered, "id", order, f.page, f.page_size);
  json items = json::array();
  for (long long i : ids)
    if (auto p = get_programme(s, h, i)) items.push_back(*p);
  return {{"items", items}, {"total", total}, {"page", f.page}, {"pageSize", f.page_size}};
}

}  // namespace longghep
