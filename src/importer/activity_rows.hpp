// Rows of the activity import template (docs/api-activities.md, columns A–O) → ActivityInput.
// Pure: the caller streams rows in (from a CSV or XLSX reader) and receives whole activities out,
// each with the spreadsheet rows it came from, so every fault names a row and a column.
//
// Rows sharing a key (column A) in consecutive rows are one activity: the first row gives the
// title, type, unit, agency and dates; each row adds a target group (H–K) and a cost (M–N); the
// sessions (L) add up. A row without a key is an activity of its own, keyed by a hash of its cells
// so that re-importing the same file finds it again.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/activity.hpp"
#include "importer/import_columns.hpp"

namespace longghep {

struct ImportIssue {
  long long row = 0;    // spreadsheet row (header = 1)
  std::string column;   // "A".."O", or "" for the whole row / file
  FieldIssue issue;
};

struct AssembledActivity {
  ActivityInput in;
  long long first_row = 0;
  std::vector<long long> rows;                   // every row of the activity
  std::vector<long long> reach_rows, cost_rows;  // the row that gave reach[i], costs[i]
  std::string programme_text;                    // column P as written (resolved by the importer)
};

// The labels a clerk may write instead of codes (issue 15): each kind's codes with their
// Vietnamese names; agencies by key, id or name (the code of an agency entry is its decimal id).
struct ImportLabels {
  LabelIndex intervention_types, target_groups, funding_sources, agencies;
};

// The template's column headers (Vietnamese), A..P (P, the programme, is optional), and their count.
inline constexpr size_t kImportColumns = 16;
const std::vector<std::string>& activity_template_headers();
// "reach[1].female" → "J"; "" when the field has no column.
std::string column_of_field(const std::string& field);
// Parses an integer cell: "1234", "1.234", "1,234,567", "-5"; nullopt when not an integer.
std::optional<long long> parse_count_cell(const std::string& cell);
// Parses a date cell: "31/12/2024", "2024-12-31", or an Excel serial day; nullopt otherwise.
std::optional<Date> parse_date_cell(const std::string& cell);

// A validation issue of an assembled activity, placed on the row and column it came from.
ImportIssue locate_issue(const AssembledActivity& a, const FieldIssue& f);

class ActivityRowAssembler {
 public:
  using Emit = std::function<void(AssembledActivity&&)>;
  // agency_keys: agency key (and decimal id) → id. Issues of parsing go to `issues`.
  // labels (optional): labels or codes in columns C, E, H and N, folded (see LabelIndex).
  ActivityRowAssembler(const std::unordered_map<std::string, long long>& agency_keys, Emit emit,
                       std::vector<ImportIssue>& issues, const ImportLabels* labels = nullptr);
  // The header row: false (and an issue) unless it is the template's.
  bool check_header(long long row, const std::vector<std::string>& cells);
  // A data row in template order (A..O, and P the programme when present).
  void add_row(long long row, std::vector<std::string>& cells);
  // Emits the last activity; adds issues for keys repeated in rows that are not consecutive.
  void finish();
  long long data_rows() const { return data_rows_; }

 private:
  void flush();
  const std::unordered_map<std::string, long long>& agency_keys_;
  const ImportLabels* labels_ = nullptr;
  Emit emit_;
  std::vector<ImportIssue>& issues_;
  std::optional<AssembledActivity> current_;
  std::vector<std::string> first_cells_;  // B–G of the current activity's first row
  bool current_bad_ = false;
  std::vector<std::pair<uint64_t, long long>> keys_seen_;  // hash of key, first row
  long long data_rows_ = 0;
};

}  // namespace longghep
