#include "storage/org_units.hpp"

#include <map>

#include "domain/error.hpp"
#include "domain/text.hpp"

namespace longghep {
using nlohmann::json;

namespace {
std::string date_col(Date d) { return d.iso(); }
Date col_date(const std::string& s) { return Date::parse(s).value_or(Date::min()); }

std::vector<OrgUnit> load_units(soci::session& s) {
  std::vector<OrgUnit> out;
  OrgUnit u;
  std::string from, to;
  soci::statement st = (s.prepare << "SELECT id, code, name, full_name, kind, type_label, parent_code, valid_from, valid_to, name_folded, version FROM org_units",
                        soci::into(u.id), soci::into(u.code), soci::into(u.name), soci::into(u.full_name),
                        soci::into(u.kind), soci::into(u.type_label), soci::into(u.parent_code),
                        soci::into(from), soci::into(to), soci::into(u.name_folded), soci::into(u.version));
  st.execute();
  while (st.fetch()) {
    u.validity = {col_date(from), col_date(to)};
    out.push_back(u);
  }
  return out;
}

std::vector<LineageEvent> load_events(soci::session& s) {
  std::vector<LineageEvent> out;
  LineageEvent e;
  std::string date;
  int partial = 0;
  soci::statement st = (s.prepare << "SELECT id, type, event_date, from_id, to_id, partial FROM lineage_events",
                        soci::into(e.id), soci::into(e.type), soci::into(date), soci::into(e.from_id),
                        soci::into(e.to_id), soci::into(partial));
  st.execute();
  while (st.fetch()) {
    e.date = col_date(date);
    e.partial = partial != 0;
    out.push_back(e);
  }
  return out;
}

std::string fold_unit(const UnitRecord& r) { return fold_for_search(r.name + " " + r.full_name); }

json record_json(const UnitRecord& r) {
  return {{"code", r.code}, {"name", r.name}, {"fullName", r.full_name}, {"kind", r.kind},
          {"typeLabel", r.type_label}, {"parentCode", r.parent_code},
          {"validFrom", bound_json(r.validity.from)}, {"validTo", bound_json(r.validity.to)}};
}

void check_record(const UnitRecord& r) {
  auto bad = [&](const char* field, const std::string& vi, const std::string& en) {
    throw Error::Validation(field, "Đơn vị " + r.code + ": " + vi, "Unit " + r.code + ": " + en);
  };
  if (r.code.empty() || r.code.size() > 32) bad("code", "mã không hợp lệ", "invalid code");
  if (r.name.empty() || r.name.size() > 255 || r.full_name.size() > 255) bad("name", "tên không hợp lệ", "invalid name");
  if (!is_clean_utf8(r.name) || !is_clean_utf8(r.full_name) || !is_clean_utf8(r.code)) bad("name", "ký tự không hợp lệ", "invalid characters");
  if (r.validity.to < r.validity.from) bad("valid_to", "ngày hết hiệu lực trước ngày bắt đầu", "valid_to is before valid_from");
}
}  // namespace

std::shared_ptr<Hierarchy> load_hierarchy(soci::session& s) {
  return std::make_shared<Hierarchy>(load_units(s), load_events(s));
}

long long hierarchy_revision(soci::session& s) {
  std::string v;
  s << "SELECT value FROM meta WHERE key = 'hierarchy_revision'", soci::into(v);
  return v.empty() ? 0 : std::stoll(v);
}

json org_unit_ref(const OrgUnit& u) {
  return {{"id", u.id}, {"code", u.code}, {"name", u.name}, {"kind", u.kind},
          {"validFrom", bound_json(u.validity.from)}, {"validTo", bound_json(u.validity.to)}};
}

json org_unit_kinds_json(soci::session& s) {
  json items = json::array();
  std::string code, vi, en;
  int level = 0;
  soci::statement st = (s.prepare << "SELECT code, name_vi, name_en, level FROM org_unit_kinds ORDER BY level",
                        soci::into(code), soci::into(vi), soci::into(en), soci::into(level));
  st.execute();
  while (st.fetch()) items.push_back({{"code", code}, {"nameVi", vi}, {"nameEn", en}, {"level", level}});
  return items;
}

json org_unit_json(const OrgUnit& u) {
  json j = org_unit_ref(u);
  j["fullName"] = u.full_name;
  j["typeLabel"] = u.type_label;
  j["parentCode"] = u.parent_code.empty() ? json(nullptr) : json(u.parent_code);
  j["version"] = u.version;
  return j;
}

ImportResult apply_unit_batch(soci::session& s, const UnitBatch& batch, const Actor& actor, LinkPolicy policy) {
  ImportResult result;
  std::map<std::string, std::string> kinds;
  {
    std::string code;
    soci::statement st = (s.prepare << "SELECT code FROM org_unit_kinds", soci::into(code));
    st.execute();
    while (st.fetch()) kinds[code] = code;
  }
  std::map<std::pair<std::string, std::string>, OrgUnit> existing;
  for (auto& u : load_units(s)) existing[{u.code, date_col(u.validity.from)}] = u;

  const std::string now = now_iso_utc();
  for (const auto& r : batch.units) {
    check_record(r);
    if (!kinds.count(r.kind))
      throw Error::Validation("kind", "Đơn vị " + r.code + ": loại đơn vị không tồn tại \"" + r.kind + "\"",
                              "Unit " + r.code + ": unknown kind \"" + r.kind + "\"");
    std::string from = date_col(r.validity.from), to = date_col(r.validity.to), folded = fold_unit(r);
    auto it = existing.find({r.code, from});
    if (it == existing.end()) {
      long long id = 0;
      s << "INSERT INTO org_units(code, name, full_name, kind, type_label, parent_code, valid_from, valid_to, name_folded, version, created_at, updated_at) "
           "VALUES(:code, :name, :full, :kind, :tl, :pc, :vf, :vt, :nf, 1, :c, :u) RETURNING id",
          soci::use(r.code), soci::use(r.name), soci::use(r.full_name), soci::use(r.kind),
          soci::use(r.type_label), soci::use(r.parent_code), soci::use(from), soci::use(to),
          soci::use(folded), soci::use(now), soci::use(now), soci::into(id);
      OrgUnit u{id, r.code, r.name, r.full_name, r.kind, r.type_label, r.parent_code, r.validity, folded, 1};
      existing[{r.code, from}] = u;
      record_audit(s, actor, {"create", "org_unit", std::to_string(id), id, std::nullopt, record_json(r)});
      ++result.created;
      continue;
    }
    OrgUnit& u = it->second;
    UnitRecord before{u.code, u.name, u.full_name, u.kind, u.type_label, u.parent_code, u.validity};
    if (before.name == r.name && before.full_name == r.full_name && before.kind == r.kind &&
        before.type_label == r.type_label && before.parent_code == r.parent_code && before.validity.to == r.validity.to) {
      ++result.unchanged;
      continue;
    }
    s << "UPDATE org_units SET name = :name, full_name = :full, kind = :kind, type_label = :tl, parent_code = :pc, "
         "valid_to = :vt, name_folded = :nf, version = version + 1, updated_at = :u WHERE id = :id",
        soci::use(r.name), soci::use(r.full_name), soci::use(r.kind), soci::use(r.type_label),
        soci::use(r.parent_code), soci::use(to), soci::use(folded), soci::use(now), soci::use(u.id);
    record_audit(s, actor, {"update", "org_unit", std::to_string(u.id), u.id, record_json(before), record_json(r)});
    u.name = r.name; u.full_name = r.full_name; u.kind = r.kind; u.type_label = r.type_label;
    u.parent_code = r.parent_code; u.validity.to = r.validity.to; u.name_folded = folded;
    ++result.updated;
  }

  std::vector<OrgUnit> all;
  for (auto& [k, u] : existing) all.push_back(u);
  auto problems = Hierarchy::validate(all);
  if (!problems.empty()) {
    std::string list;
    for (size_t i = 0; i < problems.size() && i < 5; ++i) list += (i ? "; " : "") + problems[i];
    if (problems.size() > 5) list += "; … (" + std::to_string(problems.size()) + ")";
    throw Error(400, "invalid_hierarchy", "Danh mục không nhất quán, không có gì được ghi: " + list,
                "The unit list is inconsistent; nothing was written: " + list, "file");
  }

  if (!batch.links.empty()) {
    Hierarchy h(all, load_events(s));
    std::map<std::pair<long long, long long>, bool> have;
    for (const auto& e : h.events()) have[{e.from_id, e.to_id}] = true;
    for (const auto& l : batch.links) {
      const OrgUnit* from = h.find(l.from_code, l.date.add_days(-1));
      const OrgUnit* to = h.find(l.to_code, l.date);
      if (!from || !to) {
        const std::string& missing = from ? l.to_code : l.from_code;
        if (policy == LinkPolicy::ReportUnresolved) {
          result.unresolved.push_back(l.from_code + "->" + l.to_code + " (" + missing + " not found)");
          continue;
        }
        throw Error(400, "org_unit_not_found",
                    "Sự kiện " + l.type + " " + l.from_code + "→" + l.to_code + ": không có đơn vị mã " + missing +
                        " vào ngày đó (hãy nhập danh mục đơn vị trước)",
                    "Lineage " + l.type + " " + l.from_code + "→" + l.to_code + ": no unit with code " + missing +
                        " on that date (import the unit lists first)", "file");
      }
      if (have.count({from->id, to->id})) { ++result.events_unchanged; continue; }
      long long id = 0;
      std::string date = l.date.iso();
      int partial = l.partial ? 1 : 0;
      s << "INSERT INTO lineage_events(type, event_date, from_id, to_id, partial) VALUES(:t, :d, :f, :to, :p) RETURNING id",
          soci::use(l.type), soci::use(date), soci::use(from->id), soci::use(to->id), soci::use(partial), soci::into(id);
      have[{from->id, to->id}] = true;
      record_audit(s, actor, {"create", "lineage_event", std::to_string(id), to->id, std::nullopt,
                              json{{"type", l.type}, {"date", date}, {"from", l.from_code}, {"to", l.to_code}, {"partial", l.partial}}});
      ++result.events;
    }
  }
  if (result.created || result.updated || result.events)
    s << "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'hierarchy_revision'";
  return result;
}

}  // namespace longghep
