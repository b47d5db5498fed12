// A small table workbook for the money figures (issue 19 §4, GET /api/money/execution.xlsx and
// /api/money/cost-per-result.xlsx): a title line, a bold header row, then data rows; amounts as
// numbers with "#,##0", rates as numbers with "0.00%", an empty cell for an absent value.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace longghep {

struct MoneyCell {
  enum Kind { text, amount, rate, empty } kind = empty;
  std::string s;
  double v = 0;
  static MoneyCell of_text(std::string t) { return {text, std::move(t), 0}; }
  static MoneyCell of_amount(long long n) { return {amount, "", static_cast<double>(n)}; }
  static MoneyCell of_amount(std::optional<double> n) { return n ? MoneyCell{amount, "", *n} : MoneyCell{}; }
  static MoneyCell of_rate(std::optional<double> r) { return r ? MoneyCell{rate, "", *r} : MoneyCell{}; }
};

struct MoneyTable {
  std::string sheet, title;
  std::vector<std::string> header;
  std::vector<double> widths;  // per column; 0: default
  std::vector<std::vector<MoneyCell>> rows;
  std::vector<MoneyCell> total;  // bold last row; empty: none
};

// The bytes of the .xlsx.
std::string render_money_xlsx(const MoneyTable& t);

}  // namespace longghep
