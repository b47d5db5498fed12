#include "security/crypto.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

#include "domain/error.hpp"
#include "util/bounded.hpp"

namespace longghep::security {

namespace {
// argon2id takes 64 MiB and ~0.1 s of one core per hash or verify: at most kHashers run at once,
// a caller waits at most kHashWait for a turn, then gets 503 busy (never an unbounded pile-up:
// 32 parallel failed logins stay at 2 × 64 MiB, docs/BENCHMARKS.md).
constexpr int kHashers = 2;
constexpr std::chrono::milliseconds kHashWait{5000};
Semaphore& hashers() {
  static Semaphore s(kHashers);
  return s;
}
}  // namespace

void init() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string hash_password(const std::string& password) {
  Permit turn(hashers(), kHashWait);
  if (!turn.held()) throw Error::Busy(2);
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  Permit turn(hashers(), kHashWait);
  if (!turn.held()) throw Error::Busy(2);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_token(size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), buf.data(), buf.size());
  hex.pop_back();
  return hex;
}

std::string random_token_b64url(size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_encoded_len(bytes, variant), '\0');
  sodium_bin2base64(out.data(), out.size(), buf.data(), buf.size(), variant);
  out.resize(std::char_traits<char>::length(out.c_str()));
  sodium_memzero(buf.data(), buf.size());
  return out;
}

std::string sha256_hex(const std::string& data) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  std::string hex(sizeof h * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), h, sizeof h);
  hex.pop_back();
  return hex;
}

bool constant_time_equal(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace longghep::security
