// Password hashing (argon2id via libsodium) and random tokens.
#pragma once
#include <string>

namespace longghep::security {

void init();  // sodium_init; call once at start
std::string hash_password(const std::string& password);  // argon2id, libsodium string format
bool verify_password(const std::string& hash, const std::string& password);
std::string random_token(size_t bytes = 32);  // hex
std::string sha256_hex(const std::string& data);
bool constant_time_equal(const std::string& a, const std::string& b);

}  // namespace longghep::security
