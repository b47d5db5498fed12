#include "domain/decree30.hpp"

#include <algorithm>
#include <cctype>

#include "domain/text.hpp"

namespace longghep::decree30 {
namespace {

// Upper / lower case of the letters Vietnamese uses (precomposed).
char32_t to_upper(char32_t cp) {
  if (cp >= 'a' && cp <= 'z') return cp - 32;
  if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) return cp - 32;
  if (cp == 0x103 || cp == 0x111 || cp == 0x129 || cp == 0x169) return cp - 1;  // ă đ ĩ ũ
  if (cp == 0x1A1 || cp == 0x1B0) return cp - 1;                                 // ơ ư
  if (cp >= 0x1EA0 && cp <= 0x1EF9 && cp % 2 == 1) return cp - 1;
  return cp;
}
char32_t to_lower(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp == 0x102 || cp == 0x110 || cp == 0x128 || cp == 0x168) return cp + 1;
  if (cp == 0x1A0 || cp == 0x1AF) return cp + 1;
  if (cp >= 0x1EA0 && cp <= 0x1EF9 && cp % 2 == 0) return cp + 1;
  return cp;
}

std::string map_cps(std::string_view s, char32_t (*f)(char32_t)) {
  std::string out;
  for (size_t i = 0; i < s.size();) utf8_append(out, f(utf8_next(s, i)));
  return out;
}

std::string upper(std::string_view s) { return map_cps(s, to_upper); }

std::string lower_first(const std::string& word) {
  if (word.empty()) return word;
  size_t i = 0;
  const char32_t cp = utf8_next(word, i);
  std::string out;
  utf8_append(out, to_lower(cp));
  return out + word.substr(i);
}

std::string trim(std::string s) {
  const char* ws = " \t\n";
  s.erase(0, s.find_first_not_of(ws));
  s.erase(s.find_last_not_of(ws) + 1);
  return s;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// "Cục Bảo trợ xã hội (Bộ Y tế)" → {"Cục Bảo trợ xã hội", "Bộ Y tế"}.
std::pair<std::string, std::string> split_brackets(const std::string& name) {
  const std::string n = trim(name);
  if (!n.empty() && n.back() == ')') {
    const size_t open = n.rfind('(');
    if (open != std::string::npos && open > 0)
      return {trim(n.substr(0, open)), trim(n.substr(open + 1, n.size() - open - 2))};
  }
  return {n, ""};
}

// The unit in a sentence ("tỉnh Gia Lai"); the registered name without it when it ends with it.
std::string unit_phrase(const OrgUnit& u) { return lower_unit_types(u.full_name.empty() ? u.name : u.full_name); }

std::string without_unit(const std::string& name, const OrgUnit& u) {
  if (u.parent_code.empty()) return name;
  const std::string lowered = lower_unit_types(name, true);
  for (const std::string& tail : {" " + unit_phrase(u), " " + u.name}) {
    if (tail.size() > 1 && ends_with(lowered, tail) && lowered.size() > tail.size()) return trim(name.substr(0, name.size() - tail.size()));
  }
  return name;
}

const char* kCommittee = "Ủy ban nhân dân";

}  // namespace

std::string lower_unit_types(const std::string& text, bool at_start) {
  static const std::vector<std::string> types = {"Thành phố", "Thị xã", "Thị trấn", "Đặc khu", "Tỉnh",
                                                 "Huyện",     "Quận",   "Xã",       "Phường"};
  std::string out;
  size_t i = 0;
  bool word_start = true;
  while (i < text.size()) {
    if (word_start && !(at_start && out.find_first_not_of(" ") == std::string::npos)) {
      bool matched = false;
      for (const auto& t : types) {
        if (text.compare(i, t.size(), t) != 0) continue;
        const size_t after = i + t.size();
        // a type word is followed by a space and a name that starts with a capital or a digit
        // ("Tỉnh Gia Lai", "Phường 1"), not by a common noun ("Tỉnh đoàn", "Xã hội")
        if (after + 1 >= text.size() || text[after] != ' ') continue;
        size_t k = after + 1;
        const char32_t next = utf8_next(text, k);
        const bool capital = (next >= '0' && next <= '9') || to_lower(next) != next;
        if (!capital) continue;
        out += lower_first(t);
        i = after;
        matched = true;
        break;
      }
      if (matched) {
        word_start = false;
        continue;
      }
    }
    const char c = text[i++];
    out += c;
    word_start = c == ' ' || c == '(' || c == ',';
  }
  return out;
}

Issuer committee_of(const OrgUnit& unit) {
  Issuer is;
  is.kind = "ubnd";
  is.unit = unit;
  is.name = unit.parent_code.empty() ? "Chính phủ" : std::string(kCommittee) + " " + unit_phrase(unit);
  return is;
}

std::string sentence_name(const Issuer& is) {
  std::string base = split_brackets(is.name).first;
  return lower_unit_types(base, true);
}

HeaderLines header_lines(const Issuer& is) {
  auto [base, governing] = split_brackets(is.name);
  HeaderLines h;
  if (is.kind == "ubnd" && base.rfind(kCommittee, 0) == 0) {
    const std::string rest = trim(base.substr(std::string(kCommittee).size()));
    h.issuing = upper(kCommittee) + (rest.empty() ? "" : "\n" + upper(rest));
    return h;
  }
  if (!governing.empty()) {  // a ministry's department: the ministry above, printed once
    h.governing = upper(governing);
    h.issuing = upper(base);
    return h;
  }
  if ((is.kind == "so" || is.kind == "ban") && !is.unit.parent_code.empty()) {  // under the unit's committee
    h.governing = "UBND " + upper(unit_phrase(is.unit));
    h.issuing = upper(without_unit(base, is.unit));
    return h;
  }
  h.issuing = upper(base);
  return h;
}

std::string default_abbreviation(const Issuer& is) {
  if (is.kind == "ubnd") return "UBND";
  std::string base = without_unit(split_brackets(is.name).first, is.unit);
  std::string out;
  size_t i = 0;
  bool start = true;
  while (i < base.size()) {
    const size_t at = i;
    const char32_t cp = utf8_next(base, i);
    const bool letter = cp > 0x7F || std::isalnum(static_cast<int>(cp));
    if (!letter) {
      start = true;
      continue;
    }
    if (!start) continue;
    start = false;
    // "và" joins names and is not part of a symbol
    size_t end = base.find_first_of(" ,-&", at);
    const std::string word = base.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (word == "và") continue;
    if (cp == 0x110 || cp == 0x111) {
      out += "Đ";
    } else {
      std::string letter_s;
      utf8_append(letter_s, cp);
      const std::string folded = fold_for_search(letter_s);
      if (!folded.empty()) out += static_cast<char>(std::toupper(static_cast<unsigned char>(folded[0])));
    }
  }
  return out.empty() ? "UBND" : out;
}

std::string abbreviation(const Issuer& is) {
  const std::string a = trim(is.abbreviation);
  return a.empty() ? default_abbreviation(is) : a;
}

std::string default_seat(const OrgUnit& unit) {
  if (unit.parent_code.empty()) return "Hà Nội";  // the capital: the seat of central bodies
  const std::string name = trim(unit.name);
  const bool numbered = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
  return numbered || name.empty() ? trim(unit.full_name) : name;
}

std::string seat(const Issuer& is) {
  const std::string s = trim(is.seat);
  return s.empty() ? default_seat(is.unit) : s;
}

std::string number_symbol(const std::string& doc_code, const std::string& abbreviation, const std::string& number) {
  return "Số: " + (number.empty() ? std::string("      ") : number) + "/" + doc_code + "-" + abbreviation;
}

std::string recipient_name(const std::string& name, const std::string& kind) {
  auto [base, governing] = split_brackets(name);
  if (kind == "cuc" && !governing.empty()) return governing + " (" + base + ")";
  return lower_unit_types(trim(name), true);
}

std::vector<std::string> noi_nhan(const std::vector<std::string>& recipients, const std::string& abbreviation) {
  std::vector<std::string> out;
  for (const auto& r : recipients) {
    std::string s = trim(r);
    while (!s.empty() && (s.back() == ';' || s.back() == '.')) s.pop_back();
    if (!s.empty()) out.push_back("- " + s + ";");
  }
  out.push_back("- Lưu: VT" + (abbreviation.empty() ? std::string() : ", " + abbreviation) + ".");
  return out;
}

std::string default_signer_title(const Issuer& is) {
  if (is.kind == "ubnd") return is.unit.parent_code.empty() ? "TM. CHÍNH PHỦ\nTHỦ TƯỚNG" : "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH";
  if (is.kind == "bo") return "BỘ TRƯỞNG";
  if (is.kind == "cuc") return "CỤC TRƯỞNG";
  if (is.kind == "ban") return "TRƯỞNG BAN";
  if (is.kind == "doan_the") return "CHỦ TỊCH";
  if (is.kind == "bao_chi") return "TỔNG BIÊN TẬP";
  return "GIÁM ĐỐC";  // a Sở, the provincial police…
}

std::string sentence_case(const std::string& text) {
  const std::string lower = map_cps(text, to_lower);
  size_t i = 0;
  if (lower.empty()) return lower;
  const char32_t first = utf8_next(lower, i);
  std::string out;
  utf8_append(out, to_upper(first));
  return out + lower.substr(i);
}

std::string signer_name_from(const std::string& full_name) { return split_brackets(full_name).first; }

}  // namespace longghep::decree30
