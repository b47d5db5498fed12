// Vietnamese text folding for search: one function, used for what is stored (name_folded
// columns, in both databases) and for what is searched, so "dong nai" finds "Đồng Nai".
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace longghep {

// Lower-cases, removes diacritics (NFD, drops combining marks), maps đ/Đ to d, and collapses
// runs of white space to one space. Invalid UTF-8 is replaced, never passed through.
std::string fold_for_search(std::string_view utf8);

// Unicode Normalization Form C of valid UTF-8 text: Vietnamese typed in decomposed form
// ("e" + U+0302 + U+0301) becomes the precomposed "ế" that every other input uses. ASCII and
// text already in NFC are returned unchanged without a copy through ICU. Every text input is
// stored as NFC: the strict field readers (http/context) and the importers' cell readers call it.
std::string to_nfc(std::string_view utf8);

// True if `text` is valid UTF-8 without control characters other than tab/newline.
bool is_clean_utf8(std::string_view text);

// `text` as a non-negative decimal integer written with 1 to `max_digits` ASCII digits (no sign,
// no space, leading zeros allowed); nullopt for anything else. REQUIRES: max_digits <= 18.
std::optional<long long> parse_digits(std::string_view text, size_t max_digits = 18);

// One code point of UTF-8 at s[i] (U+FFFD for an invalid, overlong or surrogate sequence, then
// i advances one byte), i moved past it; and its encoding appended to out.
char32_t utf8_next(std::string_view s, size_t& i);
void utf8_append(std::string& out, char32_t cp);

}  // namespace longghep
