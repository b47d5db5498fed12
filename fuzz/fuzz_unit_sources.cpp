// libFuzzer target: the official unit-list readers (POST /api/org-units/import): format
// detection, then every format (vn2025, vnpre2025, vnmerges, csv, lineagecsv) on the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "domain/error.hpp"
#include "importer/unit_sources.hpp"

using namespace longghep;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)detect_unit_format(text);
  } catch (const Error&) {
  }
  for (const char* format : {"vn2025", "vnpre2025", "vnmerges", "csv", "lineagecsv"}) {
    try {
      (void)read_units(text, format);
    } catch (const Error&) {
    }
  }
  return 0;
}
