// Whirlpool against the ISO/NESSIE vectors, chunking invariance, and two independent
// implementations (librhash and OpenSSL's legacy provider) on random inputs. Every test runs
// for every compression path this CPU has, so the vector path is checked on its own.
#include "hash/whirlpool.h"

#include <openssl/evp.h>
#include <openssl/provider.h>
#include <rhash.h>

#include <random>
#include <string>
#include <vector>

#include "base/hex.h"
#include "gtest/gtest.h"

namespace hash {

// Names the path in test output instead of dumping the struct's bytes.
void PrintTo(const WhirlpoolImplementation& impl, std::ostream* os) { *os << impl.name; }

namespace {

class WhirlpoolTest : public ::testing::TestWithParam<WhirlpoolImplementation> {
 protected:
  std::string HexOf(std::string_view data) {
    Whirlpool hasher(GetParam().compress);
    hasher.Update(data);
    return base::HexLower(hasher.Finalize());
  }
};

struct Vector {
  std::string input;
  const char* digest;
};

TEST_P(WhirlpoolTest, IsoVectors) {
  const Vector vectors[] = {
      {"", "19fa61d75522a4669b44e39c1d2e1726c530232130d407f89afee0964997f7a73e83be698b288febcf88e3e03c4f0757ea8964e59b63d93708b138cc42a66eb3"},
      {"a", "8aca2602792aec6f11a67206531fb7d7f0dff59413145e6973c45001d0087b42d11bc645413aeff63a42391a39145a591a92200d560195e53b478584fdae231a"},
      {"abc", "4e2448a4c6f486bb16b6562c73b4020bf3043e3a731bce721ae1b303d97e6d4c7181eebdb6c57e277d0e34957114cbd6c797fc9d95d8b582d225292076d4eef5"},
      {"message digest", "378c84a4126e2dc6e56dcc7458377aac838d00032230f53ce1f5700c0ffb4d3b8421557659ef55c106b4b52ac5a4aaa692ed920052838f3362e86dbd37a8903e"},
      {"abcdefghijklmnopqrstuvwxyz", "f1d754662636ffe92c82ebb9212a484a8d38631ead4238f5442ee13b8054e41b08bf2a9251c30b6a0b8aae86177ab4a6f68f673e7207865d5d9819a3dba4eb3b"},
      {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "dc37e008cf9ee69bf11f00ed9aba26901dd7c28cdec066cc6af42e40f82f3a1e08eba26629129d8fb7cb57211b9281a65517cc879d7b962142c65f5a7af01467"},
      {std::string(80, ' ').replace(0, 80, "12345678901234567890123456789012345678901234567890123456789012345678901234567890"), "466ef18babb0154d25b9d38a6414f5c08784372bccb204d6549c4afadb6014294d5bd8df2a6c44e538cd047b2681a51a2c60481e88c5a20b2c2a80cf3a9a083b"},
      {std::string(1000000, 'a'), "0c99005beb57eff50a7cf005560ddf5d29057fd86b20bfd62deca0f1ccea4af51fc15490eddc47af32bb2b66c34ff9ad8c6008ad677f77126953b226e4ed8b01"},
  };
  for (const Vector& v : vectors) {
    EXPECT_EQ(HexOf(v.input), v.digest) << "input of " << v.input.size() << " bytes";
  }
}

std::string RandomBytes(std::mt19937_64& rng, size_t size) {
  std::string data(size, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  return data;
}

TEST_P(WhirlpoolTest, AnyChunkingGivesTheSameDigest) {
  std::mt19937_64 rng(42);
  for (size_t size : {0, 1, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1000, 70000}) {
    std::string data = RandomBytes(rng, size);
    const std::string whole = HexOf(data);
    for (int trial = 0; trial < 20; ++trial) {
      Whirlpool hasher(GetParam().compress);
      size_t pos = 0;
      while (pos < data.size()) {
        size_t chunk = std::min<size_t>(data.size() - pos, rng() % 200);
        hasher.Update(std::string_view(data).substr(pos, chunk));
        pos += chunk;
      }
      ASSERT_EQ(base::HexLower(hasher.Finalize()), whole) << "size " << size << " trial " << trial;
    }
  }
}

TEST_P(WhirlpoolTest, ResetStartsOver) {
  Whirlpool hasher(GetParam().compress);
  hasher.Update("something else");
  hasher.Finalize();
  hasher.Reset();
  hasher.Update("abc");
  EXPECT_EQ(base::HexLower(hasher.Finalize()), HexOf("abc"));
}

std::string RhashHex(std::string_view data) {
  unsigned char digest[64];
  EXPECT_EQ(rhash_msg(RHASH_WHIRLPOOL, data.data(), data.size(), digest), 0);
  return base::HexLower(digest);
}

// Lengths cluster around block and padding boundaries as well as spreading up to 1 MiB.
size_t RandomLength(std::mt19937_64& rng) {
  switch (rng() % 3) {
    case 0:
      return rng() % 300;
    case 1:
      return 64 * (rng() % 1000) + 32 + (rng() % 3) - 1;
    default:
      return rng() % ((1 << 20) + 1);
  }
}

TEST_P(WhirlpoolTest, MatchesLibrhashOnRandomInputs) {
  rhash_library_init();
  std::mt19937_64 rng(20261123);
  for (int i = 0; i < 1000; ++i) {
    std::string data = RandomBytes(rng, RandomLength(rng));
    ASSERT_EQ(HexOf(data), RhashHex(data)) << "input " << i << " of " << data.size() << " bytes";
  }
}

TEST_P(WhirlpoolTest, MatchesOpenSslLegacyProvider) {
  OSSL_PROVIDER* legacy = OSSL_PROVIDER_load(nullptr, "legacy");
  if (legacy == nullptr) GTEST_SKIP() << "OpenSSL legacy provider (whirlpool) not installed";
  EVP_MD* md = EVP_MD_fetch(nullptr, "WHIRLPOOL", "provider=legacy");
  ASSERT_NE(md, nullptr);
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200; ++i) {
    std::string data = RandomBytes(rng, RandomLength(rng));
    unsigned char digest[64];
    unsigned int length = 0;
    ASSERT_EQ(EVP_Digest(data.data(), data.size(), digest, &length, md, nullptr), 1);
    ASSERT_EQ(length, 64u);
    ASSERT_EQ(HexOf(data), base::HexLower(digest)) << "input " << i;
  }
  EVP_MD_free(md);
  OSSL_PROVIDER_unload(legacy);
}

INSTANTIATE_TEST_SUITE_P(AllPaths, WhirlpoolTest,
                         ::testing::ValuesIn(AvailableWhirlpoolImplementations().begin(),
                                             AvailableWhirlpoolImplementations().end()),
                         [](const auto& info) {
                           std::string name(info.param.name);
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(WhirlpoolDefault, OneShotHelpersAgree) {
  EXPECT_EQ(WhirlpoolHex("abc"), base::HexLower(WhirlpoolDigest("abc")));
  EXPECT_EQ(WhirlpoolHex("abc").size(), 128u);
}

TEST(WhirlpoolDefault, PortablePathIsAlwaysAvailable) {
  auto all = AvailableWhirlpoolImplementations();
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.front().name, "portable");
}

}  // namespace
}  // namespace hash
