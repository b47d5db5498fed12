#include "util/json_input.hpp"

#include <string>

#include "domain/error.hpp"

namespace longghep {

size_t json_nesting_depth(std::string_view text, size_t stop_above) {
  size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;  // skip the escaped character (a \uXXXX's digits are harmless)
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > stop_above) return deepest;
      }
    } else if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return deepest;
}

namespace {
Error too_deep(const char* field, size_t max_depth) {
  const std::string n = std::to_string(max_depth);
  return Error(413, "json_too_deep", "Dữ liệu JSON lồng nhau quá sâu (tối đa " + n + " cấp)",
               "The JSON document is nested too deeply (at most " + n + " levels)", field);
}
}  // namespace

void check_json_depth(std::string_view text, const char* field, size_t max_depth) {
  if (json_nesting_depth(text, max_depth) > max_depth) throw too_deep(field, max_depth);
}

nlohmann::json parse_json_limited(std::string_view text, const char* field, size_t max_depth) {
  check_json_depth(text, field, max_depth);
  using json = nlohmann::json;
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    throw Error(400, "invalid_json", "Dữ liệu không phải JSON hợp lệ (vị trí byte " + std::to_string(e.byte) + ")",
                "The data is not valid JSON (at byte " + std::to_string(e.byte) + ")", field);
  } catch (const json::exception&) {  // out_of_range 406: a number beyond double (1e9999)
    throw Error(400, "invalid_json", "Dữ liệu JSON có số quá lớn", "The JSON data holds a number out of range", field);
  }
}

}  // namespace longghep
