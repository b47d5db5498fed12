// Vietnamese text folding for search: one function, used for what is stored (name_folded columns,
// both databases) and what is searched ("dong nai" finds "Đồng Nai"); NFC, UTF-8, case, a hash.
#pragma once
#include <cstdint>
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

// Upper and lower case of UTF-8 text by Unicode's full case mapping for Vietnamese (ICU, locale
// "vi"), in NFC: "ư" → "Ư", "đ" → "Đ", "ạ" → "Ạ"; a letter typed decomposed ("u" + U+031B + U+0323)
// comes out precomposed ("Ự"). Invalid UTF-8 is replaced (U+FFFD), never passed through.
std::string to_upper_vi(std::string_view utf8);
std::string to_lower_vi(std::string_view utf8);

// A 64-bit hash of the bytes of `s`, stable across runs, builds and platforms (the demo's seeds,
// the importer's repeated keys); not cryptographic. FNV-1a's steps (xor a byte, multiply by the
// 64-bit FNV prime 1099511628211) from the basis 1469598103934665603 — not FNV's published offset
// basis 14695981039346656037, whose last digit the first copy lost. Kept as it is: the demo data
// are generated from it, so another basis would change every demo figure.
std::uint64_t stable_hash64(std::string_view s);

// `s` as XML text or attribute value: & < > " ' written as entities, every other byte as it is
// (the .docx documents, the ADX export). REQUIRES: clean UTF-8 (is_clean_utf8).
std::string xml_escape(std::string_view s);

}  // namespace longghep
