#include "vfs/config/obscure.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

#include "absl/status/status.h"
#include "vfs/config/str_util.h"

namespace vfs {
namespace {

using config_internal::Cat;

// rclone's fixed key (fs/config/obscure). Public by design: obscuring is not encryption.
constexpr std::array<uint8_t, 32> kKey = {
    0x9c, 0x93, 0x5b, 0x48, 0x73, 0x0a, 0x55, 0x4d, 0x6b, 0xfd, 0x7c, 0x63, 0xc8, 0x86, 0xa9, 0x2b,
    0xd3, 0x90, 0x19, 0x8e, 0xb8, 0x12, 0x8a, 0xfb, 0xf4, 0xde, 0x16, 0x2b, 0x8b, 0x95, 0xf6, 0x38};

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Go's base64.RawURLEncoding: URL alphabet, no padding. Written here rather than taken from
// absl because rclone rejects padding and the standard alphabet, and we must reject them too.
std::string RawUrlBase64Encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() * 4 + 2) / 3);
  size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  size_t rest = in.size() - i;
  if (rest > 0) {
    uint32_t v = uint8_t(in[i]) << 16;
    if (rest == 2) v |= uint8_t(in[i + 1]) << 8;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    if (rest == 2) out.push_back(kAlphabet[(v >> 6) & 63]);
  }
  return out;
}

int DecodeChar(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

// The error text follows rclone's so users can search for it; it gives the offset of the bad
// byte but never the input itself.
absl::StatusOr<std::string> RawUrlBase64Decode(std::string_view in) {
  auto illegal = [](size_t at) {
    return absl::InvalidArgumentError(
        Cat("base64 decode failed when revealing password - is it obscured?: illegal base64 data "
            "at input byte ",
            at));
  };
  std::string out;
  out.reserve(in.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    int d = DecodeChar(in[i]);
    if (d < 0) return illegal(i);
    acc = (acc << 6) | uint32_t(d);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(char((acc >> bits) & 0xff));
    }
  }
  // A final group of a single character carries fewer than 8 bits: not valid base64.
  if (in.size() % 4 == 1) return illegal(in.size() - 1);
  return out;
}

struct CipherCtxDeleter {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};

// AES-256-CTR with the IV as the initial 128-bit big-endian counter, as Go's cipher.NewCTR.
// Encrypting and decrypting are the same keystream XOR.
std::string Crypt(std::string_view in, const uint8_t* iv) {
  std::string out(in.size(), '\0');
  if (in.empty()) return out;
  std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter> ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  // These calls fail only on allocation failure or a broken OpenSSL; treat that as fatal rather
  // than return a half-obscured secret.
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_ctr(), nullptr, kKey.data(), iv) != 1 ||
      EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len,
                        reinterpret_cast<const unsigned char*>(in.data()),
                        static_cast<int>(in.size())) != 1 ||
      static_cast<size_t>(len) != in.size()) {
    abort();
  }
  return out;
}

}  // namespace

std::string ObscureWithIv(std::string_view plain, const std::array<uint8_t, kObscureIvSize>& iv) {
  std::string raw(reinterpret_cast<const char*>(iv.data()), iv.size());
  raw += Crypt(plain, iv.data());
  return RawUrlBase64Encode(raw);
}

absl::StatusOr<std::string> Obscure(std::string_view plain) {
  std::array<uint8_t, kObscureIvSize> iv;
  if (RAND_bytes(iv.data(), static_cast<int>(iv.size())) != 1) {
    return absl::InternalError("failed to read random bytes for obscuring a password");
  }
  return ObscureWithIv(plain, iv);
}

absl::StatusOr<std::string> Reveal(std::string_view obscured) {
  absl::StatusOr<std::string> raw = RawUrlBase64Decode(obscured);
  if (!raw.ok()) return raw.status();
  if (raw->size() < kObscureIvSize) {
    return absl::InvalidArgumentError("input too short when revealing password - is it obscured?");
  }
  std::string_view body = std::string_view(*raw).substr(kObscureIvSize);
  return Crypt(body, reinterpret_cast<const uint8_t*>(raw->data()));
}

bool IsObscured(std::string_view value) { return Reveal(value).ok(); }

absl::StatusOr<std::string> ObscureForStorage(std::string_view value, ObscureMode mode) {
  switch (mode) {
    case ObscureMode::kForce:
      return Obscure(value);
    case ObscureMode::kNever:
      if (absl::StatusOr<std::string> r = Reveal(value); !r.ok()) return r.status();
      return std::string(value);
    case ObscureMode::kAuto:
      if (IsObscured(value)) return std::string(value);
      return Obscure(value);
  }
  return Obscure(value);
}

}  // namespace vfs
