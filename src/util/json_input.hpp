// Parsing untrusted JSON with limits checked before anything is allocated. A hostile document
// (20 MB of "[[[[…" nested arrays) would otherwise build millions of nested values — hundreds of
// MiB — before being refused. json_nesting_depth() is a cheap byte scan (strings skipped) that
// stops as soon as the depth exceeds the limit; parse_json_limited() refuses such a document
// with 413 before calling the parser (whose own work is then bounded by the depth and the size).
#pragma once
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>

namespace longghep {

// Deepest nesting of arrays/objects in `text` (strings and their escapes skipped), scanning at
// most until the depth exceeds `stop_above` (then returns stop_above + 1). Not a validator.
size_t json_nesting_depth(std::string_view text, size_t stop_above);

// JSON bodies of the API nest a few levels; GeoJSON MultiPolygon coordinates nest 4 levels inside
// geometry/feature/collection (7–8); unit lists 4–5.
inline constexpr size_t kMaxJsonDepth = 64;

// Error 413 "json_too_deep" (field `field`) when `text` nests deeper than max_depth.
void check_json_depth(std::string_view text, const char* field = "body", size_t max_depth = kMaxJsonDepth);

// Parses `text`: Error 413 "json_too_deep" (field `field`) when nested deeper than max_depth,
// Error 400 "invalid_json" (field `field`) when not JSON, naming the byte offset.
nlohmann::json parse_json_limited(std::string_view text, const char* field = "body", size_t max_depth = kMaxJsonDepth);

}  // namespace longghep
