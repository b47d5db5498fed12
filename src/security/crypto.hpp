// Password hashing (argon2id via libsodium) and random tokens.
#pragma once
#include <string>

namespace longghep::security {

void init();  // sodium_init; call once at start
// argon2id, libsodium string format. Hashes and verifies share a bound of 2 at a time; a caller
// waits at most 5 s for a turn, then gets Error 503 busy. Never call inside a write transaction:
// hash first, then write (storage/users.hpp takes a ready hash).
std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);
std::string random_token(size_t bytes = 32);  // hex
// `bytes` random bytes as base64url without padding (API tokens: 32 bytes -> 43 characters).
std::string random_token_b64url(size_t bytes = 32);
std::string sha256_hex(const std::string& data);
bool constant_time_equal(const std::string& a, const std::string& b);

}  // namespace longghep::security
