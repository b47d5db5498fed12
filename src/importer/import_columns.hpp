// Tolerant reading of a clerk's activity sheet (issue 15): which row is the header (also a header
// over two rows, a group header above sub-headers), which sheet column is which template column
// whatever its wording, which rows are totals, and which code a Vietnamese label stands for.
// Pure: no I/O; the importer (storage/activity_import) streams rows through it.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/date.hpp"
#include "domain/hierarchy.hpp"

namespace longghep {

// The template's columns A..O (activity_template_headers) and the optional programme column P.
inline constexpr int kColProgramme = 15;
inline constexpr int kCanonicalColumns = 16;

// Header text folded for matching: no diacritics, lower case, what stands in parentheses or
// brackets dropped ("Tổng số người (người)" → "tong so nguoi"), punctuation and '*' as spaces,
// spaces collapsed and trimmed.
std::string header_fold(std::string_view text);

// The template column (0..15) a header cell names, by the template's wording or a synonym
// ("Nội dung hoạt động" → title, "Từ ngày" → start, "Số nữ" → female…); -1 when none.
int column_of_header(std::string_view text);

// A matched header: for each template column, the sheet column (0-based) that holds it, or -1.
struct HeaderMap {
  std::vector<int> sheet_col = std::vector<int>(kCanonicalColumns, -1);
  int rows = 1;  // 1 or 2 header rows
  bool complete() const;                 // every required column found
  std::vector<int> missing() const;      // the required template columns not found
  // The row's cells in template order (A..P), empty where the sheet has no such column.
  std::vector<std::string> canonical(std::vector<std::string>& sheet_cells) const;
  // The sheet column letter of a template column letter ("H" → "J"), the letter itself when unmapped.
  std::string sheet_letter(const std::string& template_letter) const;
};

// One header row; the map may be incomplete (check complete()).
HeaderMap match_header(const std::vector<std::string>& row);
// A header over two rows: `top` holds group headers (a merged cell's text in its first column
// only), `sub` the sub-headers; a column whose sub-header is empty is named by `top` alone.
// nullopt unless every non-empty cell of `sub` is a header (so a data row is never taken for one).
std::optional<HeaderMap> match_two_row_header(const std::vector<std::string>& top, const std::vector<std::string>& sub);

// True for a totals row: its first non-empty cell reads "Tổng cộng", "Cộng", "Tổng", "Tổng số"
// or "Total" (any case, with or without diacritics, a trailing ':' ignored).
bool is_totals_row(const std::vector<std::string>& cells);

// "A", "B", … "Z", "AA"… of a 0-based column index.
std::string column_letter(int index);

// Codes and their labels; finds the code a cell means, by code or label, folded (diacritics and
// case ignored).
class LabelIndex {
 public:
  // `display` names the entry in an ambiguity message (default: label (code)).
  void add(const std::string& code, const std::string& label, const std::string& display = "");
  // Another label (an alias) for a code.
  void alias(const std::string& code, const std::string& label);
  struct Found {
    std::string code;                     // set when exactly one entry matches
    std::vector<std::string> candidates;  // the displays, when several match
  };
  Found find(std::string_view text) const;

 private:
  std::vector<std::string> codes_, displays_;
  std::unordered_map<std::string, size_t> by_code_;                // folded code → entry
  std::unordered_map<std::string, std::vector<size_t>> by_label_;  // folded label → entries
};

// The unit a cell names on `day`: its code, or its name with or without the type ("Quy Nhơn",
// "Phường Quy Nhơn", "phuong quy nhon"), among the units valid that day inside `scope`.
// Found.code empty and candidates empty: no such unit; several candidates: ambiguous (each
// "Type Name (code, parent name)"). Built once per import (an index of every unit's names).
class UnitFinder {
 public:
  explicit UnitFinder(const Hierarchy& h);
  LabelIndex::Found find(const Scope& scope, std::string_view text, Date day) const;

 private:
  const Hierarchy& h_;
  std::unordered_map<std::string, std::vector<const OrgUnit*>> by_name_;  // folded name → versions
};

}  // namespace longghep
