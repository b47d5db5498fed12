// libFuzzer target: the JSON body readers — parse_body_object (what Ctx::body() runs: depth scan,
// parse, object check) and the strict field readers over every member of the object.
#include <cstddef>
#include <cstdint>
#include <string>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "http/context.hpp"

using namespace longghep;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  nlohmann::json b;
  try {
    b = parse_body_object(body);
  } catch (const Error&) {
    return 0;
  }
  for (auto it = b.begin(); it != b.end(); ++it) {
    const std::string& key = it.key();
    try {
      const std::string s = opt_string(b, key, 255);
      if (!is_clean_utf8(s) || s.size() > 255 || to_nfc(s) != s) __builtin_trap();  // NFC, clean, bounded
    } catch (const Error&) {}
    try { (void)req_string(b, key, 64); } catch (const Error&) {}
    try { (void)opt_int(b, key); } catch (const Error&) {}
    try { (void)opt_bool(b, key, false); } catch (const Error&) {}
    try { (void)req_string_array(b, key, 20); } catch (const Error&) {}
    try { (void)opt_json_date(b, key); } catch (const Error&) {}
  }
  return 0;
}
