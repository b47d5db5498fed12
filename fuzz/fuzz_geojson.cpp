// libFuzzer target: the GeoJSON boundary reader (POST /api/boundaries), both levels.
#include <cstddef>
#include <cstdint>
#include <string>

#include "domain/boundary.hpp"
#include "domain/error.hpp"

using namespace longghep;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (auto level : {BoundaryLevel::province, BoundaryLevel::commune}) {
    try {
      (void)parse_boundary_features(text, level);
    } catch (const Error&) {
    }
  }
  return 0;
}
