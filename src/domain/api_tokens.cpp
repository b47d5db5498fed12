#include "domain/api_tokens.hpp"

#include <algorithm>
#include <cstdio>

namespace longghep::api_tokens {

namespace {
bool b64url(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

std::optional<std::array<unsigned char, 4>> parse_v4(const std::string& s) {
  std::array<unsigned char, 4> out{};
  size_t i = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (i >= s.size() || s[i] != '.') return std::nullopt;
      ++i;
    }
    size_t start = i;
    int v = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 3) v = v * 10 + (s[i++] - '0');
    if (i == start || v > 255 || (i - start > 1 && s[start] == '0')) return std::nullopt;
    out[part] = static_cast<unsigned char>(v);
  }
  if (i != s.size()) return std::nullopt;
  return out;
}

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::array<unsigned char, 16>> parse_v6(const std::string& s) {
  if (s.empty() || s.size() > 45) return std::nullopt;
  std::vector<unsigned> head, tail;
  bool gap = false;
  std::vector<unsigned>* cur = &head;
  size_t i = 0;
  if (s.rfind("::", 0) == 0) {
    gap = true;
    cur = &tail;
    i = 2;
    if (i == s.size()) return std::array<unsigned char, 16>{};
  }
  std::optional<std::array<unsigned char, 4>> v4;
  while (i < s.size()) {
    size_t start = i;
    unsigned v = 0;
    while (i < s.size() && hexval(s[i]) >= 0 && i - start < 4) v = v * 16 + hexval(s[i++]);
    if (i < s.size() && s[i] == '.') {  // an embedded IPv4 tail
      v4 = parse_v4(s.substr(start));
      if (!v4) return std::nullopt;
      i = s.size();
      break;
    }
    if (i == start) return std::nullopt;
    cur->push_back(v);
    if (i == s.size()) break;
    if (s[i] != ':') return std::nullopt;
    ++i;
    if (i < s.size() && s[i] == ':') {
      if (gap) return std::nullopt;
      gap = true;
      cur = &tail;
      ++i;
      if (i == s.size()) break;
    } else if (i == s.size()) {
      return std::nullopt;
    }
  }
  const size_t groups = head.size() + tail.size() + (v4 ? 2 : 0);
  if (groups > 8 || (!gap && groups != 8) || (gap && groups == 8)) return std::nullopt;
  std::vector<unsigned> all = head;
  all.resize(8 - tail.size() - (v4 ? 2 : 0), 0);
  all.insert(all.end(), tail.begin(), tail.end());
  std::array<unsigned char, 16> out{};
  for (size_t g = 0; g < all.size(); ++g) {
    out[2 * g] = static_cast<unsigned char>(all[g] >> 8);
    out[2 * g + 1] = static_cast<unsigned char>(all[g] & 0xff);
  }
  if (v4) std::copy(v4->begin(), v4->end(), out.begin() + 12);
  return out;
}
}  // namespace

bool well_formed(const std::string& token) {
  if (token.size() != kTokenChars || token.rfind(kPrefix, 0) != 0) return false;
  return std::all_of(token.begin() + 3, token.end(), b64url);
}

std::string shown_prefix(const std::string& token) { return token.substr(3, kShownPrefixChars); }

std::string Cidr::text() const {
  char buf[64];
  if (!v6) {
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u/%d", addr[0], addr[1], addr[2], addr[3], bits);
    return buf;
  }
  std::string out;
  for (int g = 0; g < 8; ++g) {
    std::snprintf(buf, sizeof buf, "%s%x", g ? ":" : "", (addr[2 * g] << 8) | addr[2 * g + 1]);
    out += buf;
  }
  return out + "/" + std::to_string(bits);
}

std::optional<Cidr> parse_ip(const std::string& s) {
  Cidr c;
  if (auto v4 = parse_v4(s)) {
    std::copy(v4->begin(), v4->end(), c.addr.begin());
    c.bits = 32;
    return c;
  }
  auto v6 = parse_v6(s);
  if (!v6) return std::nullopt;
  // An IPv4-mapped address (::ffff:a.b.c.d) is the IPv4 address.
  static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::equal(mapped, mapped + 12, v6->begin())) {
    std::copy(v6->begin() + 12, v6->end(), c.addr.begin());
    c.bits = 32;
    return c;
  }
  c.v6 = true;
  c.addr = *v6;
  c.bits = 128;
  return c;
}

std::optional<Cidr> parse_cidr(const std::string& s) {
  if (s.empty() || s.size() > 64) return std::nullopt;
  const size_t slash = s.find('/');
  const std::string host = s.substr(0, slash);
  auto c = parse_ip(host);
  if (!c) return std::nullopt;
  if (c->v6 == false && host.find(':') != std::string::npos) return std::nullopt;  // ::ffff:… as a range: ambiguous
  const int max = c->v6 ? 128 : 32;
  if (slash != std::string::npos) {
    const std::string b = s.substr(slash + 1);
    if (b.empty() || b.size() > 3 || !std::all_of(b.begin(), b.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
      return std::nullopt;
    const int bits = std::stoi(b);
    if (bits > max || (b.size() > 1 && b[0] == '0')) return std::nullopt;
    c->bits = bits;
  }
  // host bits must be zero
  for (int i = c->bits; i < max; ++i)
    if (c->addr[i / 8] & (0x80 >> (i % 8))) return std::nullopt;
  return c;
}

bool contains(const Cidr& range, const std::string& ip) {
  auto a = parse_ip(ip);
  if (!a || a->v6 != range.v6) return false;
  for (int i = 0; i < range.bits; ++i) {
    const unsigned char m = static_cast<unsigned char>(0x80 >> (i % 8));
    if ((a->addr[i / 8] & m) != (range.addr[i / 8] & m)) return false;
  }
  return true;
}

bool address_allowed(const std::vector<std::string>& ranges, const std::string& ip) {
  if (ranges.empty()) return true;
  for (const auto& r : ranges)
    if (auto c = parse_cidr(r); c && contains(*c, ip)) return true;
  return false;
}

bool known_method(const std::string& m) {
  return std::any_of(std::begin(kMethods), std::end(kMethods), [&](const char* k) { return m == k; });
}

bool method_allowed(const std::vector<std::string>& methods, const std::string& method) {
  const std::string m = method == "HEAD" ? "GET" : method == "PATCH" ? "PUT" : method;
  return std::find(methods.begin(), methods.end(), m) != methods.end();
}

}  // namespace longghep::api_tokens
