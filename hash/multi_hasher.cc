#include "hash/multi_hasher.h"

#include <openssl/evp.h>
#include <zlib.h>

#include <optional>
#include <vector>

#include "base/hex.h"
#include "hash/whirlpool.h"

namespace hash {
namespace {

const EVP_MD* DigestOf(HashType type) {
  switch (type) {
    case HashType::kMd5:
      return EVP_md5();
    case HashType::kSha1:
      return EVP_sha1();
    case HashType::kSha256:
      return EVP_sha256();
    default:
      return nullptr;
  }
}

struct EvpDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

}  // namespace

struct MultiHasher::State {
  std::vector<std::pair<HashType, std::unique_ptr<EVP_MD_CTX, EvpDeleter>>> evp;
  std::optional<Whirlpool> whirlpool;
  std::optional<uLong> crc;
};

MultiHasher::MultiHasher(HashSet types) : types_(types), state_(std::make_unique<State>()) {
  for (HashType t : types.Types()) {
    if (const EVP_MD* md = DigestOf(t)) {
      std::unique_ptr<EVP_MD_CTX, EvpDeleter> ctx(EVP_MD_CTX_new());
      // Only allocation can fail here; a hasher without that context would be silently wrong.
      if (ctx == nullptr || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1) std::abort();
      state_->evp.emplace_back(t, std::move(ctx));
    } else if (t == HashType::kWhirlpool) {
      state_->whirlpool.emplace();
    } else if (t == HashType::kCrc32) {
      state_->crc = crc32(0L, Z_NULL, 0);
    }
  }
}

MultiHasher::~MultiHasher() = default;

void MultiHasher::Update(std::span<const uint8_t> data) {
  for (auto& [type, ctx] : state_->evp) EVP_DigestUpdate(ctx.get(), data.data(), data.size());
  if (state_->whirlpool) state_->whirlpool->Update(data);
  if (state_->crc) {
    // zlib takes uInt lengths: feed in pieces that fit.
    for (size_t done = 0; done < data.size();) {
      uInt n = static_cast<uInt>(std::min<size_t>(data.size() - done, 1u << 30));
      *state_->crc = crc32(*state_->crc, data.data() + done, n);
      done += n;
    }
  }
}

std::map<HashType, std::string> MultiHasher::Finalize() {
  std::map<HashType, std::string> sums;
  for (auto& [type, ctx] : state_->evp) {
    uint8_t digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_DigestFinal_ex(ctx.get(), digest, &size);
    sums[type] = base::HexLower(std::span<const uint8_t>(digest, size));
  }
  if (state_->whirlpool) sums[HashType::kWhirlpool] = base::HexLower(state_->whirlpool->Finalize());
  if (state_->crc) {
    uint32_t c = static_cast<uint32_t>(*state_->crc);
    const uint8_t be[4] = {static_cast<uint8_t>(c >> 24), static_cast<uint8_t>(c >> 16),
                           static_cast<uint8_t>(c >> 8), static_cast<uint8_t>(c)};
    sums[HashType::kCrc32] = base::HexLower(std::span<const uint8_t>(be, 4));
  }
  return sums;
}

std::string HexSum(HashType type, std::string_view data) {
  MultiHasher hasher(HashSet{type});
  hasher.Update(data);
  return hasher.Finalize()[type];
}

}  // namespace hash
