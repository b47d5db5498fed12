// API tokens (issue 21 §1): the pure rules — the token's format, its address ranges (CIDR), its
// methods and its lifetime. No I/O; storage/api_tokens.hpp stores them, App::dispatch checks them.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <vector>

namespace longghep::api_tokens {

// "lg_" + 43 characters of base64url (32 random bytes, no padding).
inline constexpr const char* kPrefix = "lg_";
inline constexpr size_t kSecretChars = 43;
inline constexpr size_t kTokenChars = 3 + kSecretChars;
inline constexpr size_t kShownPrefixChars = 8;  // the part after lg_ shown in lists
inline constexpr long long kMaxLifetimeSeconds = 365LL * 86400;
inline constexpr size_t kMaxRanges = 20;
inline constexpr size_t kMaxActivePerUser = 50;
inline constexpr size_t kUsesKept = 1000;  // per token
inline constexpr const char* kMethods[] = {"GET", "POST", "PUT", "DELETE"};

// Whether `token` has the shape of a token (lg_ + 43 base64url characters).
bool well_formed(const std::string& token);
// The part shown in lists: the first kShownPrefixChars after lg_. REQUIRES well_formed(token).
std::string shown_prefix(const std::string& token);

// An address range: IPv4 or IPv6 network and prefix length.
struct Cidr {
  bool v6 = false;
  std::array<unsigned char, 16> addr{};  // v4: the first 4 bytes
  int bits = 0;
  std::string text() const;  // canonical "a.b.c.d/n" or IPv6 "x:…/n"
};
// An IP address (v4 dotted or v6 text; "::ffff:a.b.c.d" is taken as IPv4): nullopt if not one.
std::optional<Cidr> parse_ip(const std::string& s);
// "a.b.c.d/n", "x::y/n" or a bare address (/32, /128); host bits must be zero. nullopt if invalid.
std::optional<Cidr> parse_cidr(const std::string& s);
// Whether `ip` (an address as parse_ip reads it) lies in `range`.
bool contains(const Cidr& range, const std::string& ip);
// Whether `ip` lies in one of `ranges` (texts parse_cidr accepts); an empty list allows any address.
bool address_allowed(const std::vector<std::string>& ranges, const std::string& ip);

// One of kMethods.
bool known_method(const std::string& m);
// Whether a call of `method` is allowed by a token of `methods`. HEAD counts as GET; PATCH as PUT.
bool method_allowed(const std::vector<std::string>& methods, const std::string& method);

}  // namespace longghep::api_tokens
