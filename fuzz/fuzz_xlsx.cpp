// libFuzzer target: the .xlsx sheet reader (zip + workbook/rels/shared strings/sheet XML). The
// reader takes a path, so each input is written to a per-process temporary file.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>

#include "domain/error.hpp"
#include "importer/sheet_reader.hpp"

using namespace longghep;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/longghep-fuzz-xlsx-" + std::to_string(::getpid()) + ".xlsx";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    read_xlsx_rows(path, [](long long, std::vector<std::string>& cells) {
      for (const auto& c : cells) (void)excel_serial_to_iso(c);
      return true;
    });
  } catch (const Error&) {
  }
  return 0;
}
