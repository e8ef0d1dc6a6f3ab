#include "backend/crypt/keys.h"

#include <sodium.h>

#include <cstdlib>
#include <map>
#include <mutex>
#include <string>

#include "absl/synchronization/mutex.h"

namespace backend::crypt {
namespace {

// rclone's defaultSalt, used when password2 is empty.
constexpr uint8_t kDefaultSalt[16] = {0xA8, 0x0D, 0xF4, 0x3A, 0x8F, 0xBD, 0x03, 0x08,
                                      0xA7, 0xCA, 0xB8, 0x3E, 0x58, 0x1F, 0x86, 0xB1};
constexpr uint64_t kScryptN = 16384;
constexpr uint32_t kScryptR = 8;
constexpr uint32_t kScryptP = 1;

// Cache key: SHA-256 over length-prefixed password and salt (never the password itself).
std::string CacheKey(std::string_view password, std::string_view salt) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  for (std::string_view part : {password, salt}) {
    uint64_t size = part.size();
    crypto_hash_sha256_update(&state, reinterpret_cast<const uint8_t*>(&size), sizeof size);
    crypto_hash_sha256_update(&state, reinterpret_cast<const uint8_t*>(part.data()), part.size());
  }
  std::string out(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256_final(&state, reinterpret_cast<uint8_t*>(out.data()));
  return out;
}

absl::Mutex cache_mu;
std::map<std::string, CryptKeys>& Cache() {
  static auto* cache = new std::map<std::string, CryptKeys>;
  return *cache;
}

}  // namespace

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no usable random source: nothing safe to do
  });
}

absl::StatusOr<CryptKeys> DeriveKeys(std::string_view password, std::string_view salt) {
  EnsureSodium();
  CryptKeys keys;
  if (password.empty()) return keys;
  std::string cache_key = CacheKey(password, salt);
  {
    absl::MutexLock lock(&cache_mu);
    auto it = Cache().find(cache_key);
    if (it != Cache().end()) return it->second;
  }
  uint8_t derived[80];
  const uint8_t* salt_bytes = salt.empty() ? kDefaultSalt : reinterpret_cast<const uint8_t*>(salt.data());
  size_t salt_size = salt.empty() ? sizeof kDefaultSalt : salt.size();
  if (crypto_pwhash_scryptsalsa208sha256_ll(reinterpret_cast<const uint8_t*>(password.data()),
                                            password.size(), salt_bytes, salt_size, kScryptN,
                                            kScryptR, kScryptP, derived, sizeof derived) != 0) {
    return absl::ResourceExhaustedError("crypt: scrypt key derivation failed (out of memory?)");
  }
  std::copy(derived, derived + 32, keys.data_key.begin());
  std::copy(derived + 32, derived + 64, keys.name_key.begin());
  std::copy(derived + 64, derived + 80, keys.name_tweak.begin());
  sodium_memzero(derived, sizeof derived);
  absl::MutexLock lock(&cache_mu);
  Cache().emplace(std::move(cache_key), keys);
  return keys;
}

}  // namespace backend::crypt
