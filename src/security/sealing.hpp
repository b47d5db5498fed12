// Sealed identities of the people supported (issue 16; docs/ARCHITECTURE.md "Sealed fields and
// the wall").
//
// Three levels of keys, none of them in the repository or in the clear in the database:
//  - master keys: 32 random bytes, read from a key file (config case_key_file, one hex key per
//    line, the first one current) or from the environment (LONGGHEP_CASE_MASTER_KEY, hex);
//    identified by a short fingerprint (master_key_id), never stored themselves;
//  - data keys: random, one to seal the fields ("seal") and one to compute the duplicate-search
//    hashes ("index"); stored in the database only wrapped (XChaCha20-Poly1305) by a master key,
//    with that master key's id, so that rotating the master key re-wraps two rows and never
//    re-encrypts a record;
//  - every sealed value: XChaCha20-Poly1305 (crypto_aead_xchacha20poly1305_ietf) under a data key,
//    a fresh random 24-byte nonce per value, the record's code and field name as associated data
//    (a value copied to another record or field no longer opens).
// The duplicate-search hashes are keyed BLAKE2b (crypto_generichash) under the index key: equal
// inputs give equal hashes, and without the key a hash cannot be tested against guesses.
#pragma once
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace longghep::security {

// 32 secret bytes, wiped when destroyed.
class SecretKey {
 public:
  static constexpr size_t kBytes = 32;
  SecretKey();
  SecretKey(const SecretKey&);
  SecretKey& operator=(const SecretKey&);
  ~SecretKey();
  static SecretKey random();
  // 64 hex digits (surrounding blanks ignored); nullopt otherwise.
  static std::optional<SecretKey> from_hex(std::string_view hex);
  std::string hex() const;
  const unsigned char* data() const { return b_.data(); }
  unsigned char* data() { return b_.data(); }

 private:
  std::array<unsigned char, kBytes> b_{};
};

// A master key and its id: 16 hex digits of a BLAKE2b fingerprint (personalised, so it reveals
// nothing of the key and is not a hash of anything else).
struct MasterKey {
  std::string id;
  SecretKey key;
};
std::string master_key_id(const SecretKey& key);
MasterKey make_master(const SecretKey& key);

// The master keys in a key file's text: one 64-hex-digit key per line ('#' comments and blank
// lines ignored), the first one current. Throws std::runtime_error (no key bytes in its message)
// on a malformed line.
std::vector<MasterKey> parse_master_keys(const std::string& text);
// The text of a key file holding these keys, the first current.
std::string master_key_file_text(const std::vector<MasterKey>& keys);

// Wrapping a data key under a master key: base64 of nonce ‖ ciphertext, `context` bound as
// associated data (the data key's purpose and generation). unwrap_key: nullopt when the master
// key is not the one that wrapped it, or the wrapped text or context was altered.
std::string wrap_key(const SecretKey& master, const SecretKey& data_key, std::string_view context);
std::optional<SecretKey> unwrap_key(const SecretKey& master, std::string_view wrapped, std::string_view context);

// The open data keys of a running server: seal and open field values, compute search hashes.
class Sealer {
 public:
  // seal_keys: every generation of the seal key by id (records name the id that sealed them);
  // current: the id new values are sealed with (must be in seal_keys).
  Sealer(std::map<long long, SecretKey> seal_keys, long long current, SecretKey index_key);
  long long current_key_id() const { return current_; }
  // base64(nonce ‖ ciphertext ‖ tag) of `plaintext` under the current key, `ad` authenticated.
  std::string seal(std::string_view plaintext, std::string_view ad) const;
  // The plaintext, or nullopt when the key is unknown, the value was altered, or `ad` differs.
  std::optional<std::string> open(long long key_id, std::string_view sealed, std::string_view ad) const;
  // 64 hex digits: keyed BLAKE2b-256 of context ‖ 0x00 ‖ value under the index key.
  std::string keyed_hash(std::string_view context, std::string_view value) const;

 private:
  std::map<long long, SecretKey> seal_keys_;
  long long current_ = 0;
  SecretKey index_key_;
};

}  // namespace longghep::security
