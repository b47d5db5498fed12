// Readers for the shapes in which official unit lists arrive. Pure: text in, records out.
//
//   vn2025     – the current two-tier list (provinces with their `Wards`), vn-units-2025.json
//   vnpre2025  – the three-tier list before 07/2025 (level1 → level2s → level3s)
//   vnmerges   – new unit → the old units it was formed from, vn-units-2025-merges.json
//   csv        – units: code,name,full_name,kind,type_label,parent_code,valid_from,valid_to
//   lineagecsv – links: type,date,from_code,to_code,partial
// Every format yields the central root "VN" too, so a list imports into an empty database.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"

namespace longghep {

struct UnitRecord {
  std::string code, name, full_name, kind, type_label, parent_code;
  Validity validity;
};

struct LinkRecord {
  std::string type;  // merge | split | rename | reparent
  Date date = Date::min();
  std::string from_code;  // resolved as of date - 1
  std::string to_code;    // resolved as of date
  bool partial = false;
};

struct UnitBatch {
  std::vector<UnitRecord> units;
  std::vector<LinkRecord> links;
};

struct ImportOptions {
  Date reform_date = Date::from_ymd(2025, 7, 1);  // first day of the 2025 two-tier hierarchy
};

UnitRecord central_root();
// Guesses the format from the content; throws Error(400) when it is none of the above.
std::string detect_unit_format(std::string_view text);
UnitBatch read_units(std::string_view text, const std::string& format, const ImportOptions& opt = {});

}  // namespace longghep
