#include "security/sealing.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace longghep::security {

namespace {
std::string to_base64(const unsigned char* p, size_t n) {
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), p, n, sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::optional<std::vector<unsigned char>> from_base64(std::string_view text) {
  std::vector<unsigned char> out(text.size() / 4 * 3 + 3);
  size_t len = 0;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(len);
  return out;
}

constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == SecretKey::kBytes);

std::string encrypt(const SecretKey& key, std::string_view plaintext, std::string_view ad) {
  std::vector<unsigned char> out(kNonce + plaintext.size() + kTag);
  randombytes_buf(out.data(), kNonce);
  unsigned long long clen = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + kNonce, &clen,
                                             reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                                             reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr,
                                             out.data(), key.data());
  std::string b64 = to_base64(out.data(), kNonce + clen);
  sodium_memzero(out.data(), out.size());
  return b64;
}

std::optional<std::string> decrypt(const SecretKey& key, std::string_view sealed, std::string_view ad) {
  auto bin = from_base64(sealed);
  if (!bin || bin->size() < kNonce + kTag) return std::nullopt;
  std::string plain(bin->size() - kNonce - kTag, '\0');
  unsigned long long plen = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &plen, nullptr,
                                                 bin->data() + kNonce, bin->size() - kNonce,
                                                 reinterpret_cast<const unsigned char*>(ad.data()), ad.size(),
                                                 bin->data(), key.data()) != 0)
    return std::nullopt;
  plain.resize(plen);
  return plain;
}
}  // namespace

SecretKey::SecretKey() = default;
SecretKey::SecretKey(const SecretKey& o) : b_(o.b_) {}
SecretKey& SecretKey::operator=(const SecretKey& o) {
  b_ = o.b_;
  return *this;
}
SecretKey::~SecretKey() { sodium_memzero(b_.data(), b_.size()); }

SecretKey SecretKey::random() {
  SecretKey k;
  randombytes_buf(k.b_.data(), k.b_.size());
  return k;
}

std::optional<SecretKey> SecretKey::from_hex(std::string_view hex) {
  while (!hex.empty() && (hex.front() == ' ' || hex.front() == '\t' || hex.front() == '\r' || hex.front() == '\n'))
    hex.remove_prefix(1);
  while (!hex.empty() && (hex.back() == ' ' || hex.back() == '\t' || hex.back() == '\r' || hex.back() == '\n'))
    hex.remove_suffix(1);
  if (hex.size() != 2 * kBytes) return std::nullopt;
  SecretKey k;
  size_t len = 0;
  if (sodium_hex2bin(k.b_.data(), k.b_.size(), hex.data(), hex.size(), nullptr, &len, nullptr) != 0 || len != kBytes)
    return std::nullopt;
  return k;
}

std::string SecretKey::hex() const {
  std::string out(2 * kBytes + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), b_.data(), b_.size());
  out.pop_back();
  return out;
}

std::string master_key_id(const SecretKey& key) {
  static const char kContext[] = "longghep case master key id v1";
  unsigned char h[8];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(kContext), sizeof kContext - 1, key.data(),
                     SecretKey::kBytes);
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

MasterKey make_master(const SecretKey& key) { return {master_key_id(key), key}; }

std::vector<MasterKey> parse_master_keys(const std::string& text) {
  std::vector<MasterKey> out;
  size_t pos = 0, line = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view l(text.data() + pos, end - pos);
    pos = end + 1;
    ++line;
    const size_t a = l.find_first_not_of(" \t\r");
    if (a == std::string_view::npos || l[a] == '#') continue;
    auto k = SecretKey::from_hex(l);
    if (!k) throw std::runtime_error("key file line " + std::to_string(line) + " is not a key of 64 hex digits");
    out.push_back(make_master(*k));
  }
  return out;
}

std::string master_key_file_text(const std::vector<MasterKey>& keys) {
  std::string out =
      "# longghep case master keys (the first is current). Keep this file outside the repository and the\n"
      "# database backups; without it no sealed identity can be read. Rotate: longghep keys rotate.\n";
  for (const auto& k : keys) out += k.key.hex() + "\n";
  return out;
}

std::string wrap_key(const SecretKey& master, const SecretKey& data_key, std::string_view context) {
  return encrypt(master, std::string_view(reinterpret_cast<const char*>(data_key.data()), SecretKey::kBytes), context);
}

std::optional<SecretKey> unwrap_key(const SecretKey& master, std::string_view wrapped, std::string_view context) {
  auto plain = decrypt(master, wrapped, context);
  if (!plain || plain->size() != SecretKey::kBytes) return std::nullopt;
  SecretKey k;
  std::copy(plain->begin(), plain->end(), k.data());
  sodium_memzero(plain->data(), plain->size());
  return k;
}

Sealer::Sealer(std::map<long long, SecretKey> seal_keys, long long current, SecretKey index_key)
    : seal_keys_(std::move(seal_keys)), current_(current), index_key_(std::move(index_key)) {
  if (!seal_keys_.count(current_)) throw std::logic_error("Sealer: the current seal key is not among the keys");
}

std::string Sealer::seal(std::string_view plaintext, std::string_view ad) const {
  return encrypt(seal_keys_.at(current_), plaintext, ad);
}

std::optional<std::string> Sealer::open(long long key_id, std::string_view sealed, std::string_view ad) const {
  auto it = seal_keys_.find(key_id);
  if (it == seal_keys_.end()) return std::nullopt;
  return decrypt(it->second, sealed, ad);
}

std::string Sealer::keyed_hash(std::string_view context, std::string_view value) const {
  crypto_generichash_state st;
  crypto_generichash_init(&st, index_key_.data(), SecretKey::kBytes, 32);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(context.data()), context.size());
  const unsigned char zero = 0;
  crypto_generichash_update(&st, &zero, 1);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(value.data()), value.size());
  unsigned char h[32];
  crypto_generichash_final(&st, h, sizeof h);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

}  // namespace longghep::security
