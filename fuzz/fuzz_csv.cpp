// libFuzzer target: the CSV readers (streaming read_csv_rows, the unit-list parse_csv) and the
// upload format detection. Any Error is a clean refusal; anything else (a crash, a sanitizer
// report, another exception) is a finding.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "domain/error.hpp"
#include "importer/csv.hpp"
#include "importer/sheet_reader.hpp"

using namespace longghep;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)detect_sheet_format(text.substr(0, 4096), "upload.csv");
  try {
    std::istringstream in(text);
    long long last = 0;
    read_csv_rows(in, [&](long long row, std::vector<std::string>& cells) {
      if (row <= last) __builtin_trap();  // rows are reported in increasing order
      last = row;
      for (const auto& c : cells) (void)c.size();
      return true;
    });
  } catch (const Error&) {
  }
  try {
    (void)parse_csv(text);
  } catch (const Error&) {
  }
  return 0;
}
