// The crypt format pieces against rclone 1.60's own output: names encrypted by `rclone
// cryptdecode --reverse` (password "correct horse", salt "pepper" unless said), EME properties,
// name decoding errors with rclone's wording, and the data format (sizes, nonces, blocks).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "backend/crypt/data_format.h"
#include "backend/crypt/eme.h"
#include "backend/crypt/keys.h"
#include "backend/crypt/name_cipher.h"
#include "backend/crypt/name_encoding.h"

namespace backend::crypt {
namespace {

using ::testing::HasSubstr;

const CryptKeys& Keys(const std::string& salt = "pepper") {
  static const CryptKeys with_salt = *DeriveKeys("correct horse", "pepper");
  static const CryptKeys no_salt = *DeriveKeys("correct horse", "");
  return salt.empty() ? no_salt : with_salt;
}

NameCipher Cipher(NameCipherOptions options, const std::string& salt = "pepper") {
  return NameCipher(Keys(salt), std::move(options));
}

struct Vector {
  std::string plain;
  std::string encrypted;
};

void ExpectBothWays(const NameCipher& cipher, const std::vector<Vector>& vectors) {
  for (const Vector& v : vectors) {
    EXPECT_EQ(*cipher.EncryptFileName(v.plain), v.encrypted) << v.plain;
    EXPECT_EQ(*cipher.DecryptFileName(v.encrypted), v.plain) << v.encrypted;
  }
}

TEST(CryptNames, StandardBase32MatchesRclone) {
  ExpectBothWays(Cipher({}), {
      {"a", "3hflivsp5o4j04u2hjq9bm46o4"},
      {"hello.txt", "4hrmdtcnuaar0qsm377neub2t0"},
      {"dir/sub/file name.txt", "76d6qtflgselnosl3jcjm69ft4/7odcaos3a2ilase113vs45n1g4/"
                                "bluciep0sceuuj8loadvfi921c"},
      {"exactly16bytes!!", "csi813ou19duq6seak4avina4ons4ah1kas0v4rfr0phmre1m30g"},
      {"ünïcödé 日本語.txt", "cm4f0n5le8chanqcv7qoq7h606pe73u93jhq197f0pb6gk5ok0n0"},
      {"Quote!Me 123", "mj9gnc2mp4apdvcr8r9snaa1g8"},
  });
}

TEST(CryptNames, DefaultSaltWhenPassword2IsEmpty) {
  ExpectBothWays(Cipher({}, ""), {
      {"a", "fcmjloo1ik3urf9lft8giujiss"},
      {"hello.txt", "csqompq3f0md781c3ngsvbh2ko"},
  });
}

TEST(CryptNames, LongNameSpansManyEmeBlocks) {
  ExpectBothWays(Cipher({}), {{std::string(200, 'n'),
      "3eonoqsod5bui0l91s5lsedsh51rqutjqjue13lkamuf8pvvaf6hejks27fb7d9vhgtskaoare4jrvq40pml99etq"
      "15902g28mqo0paponrr32creqk8o95kekakhlikdhc539qe9bflnomnjak4ol1cfqcrhtu5sl8rgh1d9k64mbgtcc9"
      "a9i2qqm0r42f6b3bqcq3muve27j4fq7hjsq64elk1op0iq4buebk25cg9g6cdc65nm4f9en1fbp3k29u3f1u1rog0"
      "5nfo7o7guv6orois1omrfafv0fnujijlsbinv2ismt1s2l2ls4u3q76fg19dq61ma"}});
}

TEST(CryptNames, Base64MatchesRclone) {
  ExpectBothWays(Cipher({.encoding = NameEncoding::kBase64}), {
      {"a", "HF9Zf5kuCTATwoz0ldiGwQ"},
      {"dir/sub/file name.txt", "OZptdfWHHVvjlRzZOxkv6Q/PhrFY4NQpVVxwQj_whbhgQ/XXzJOyDjHe9NFcKb98kiCw"},
      {"exactly16bytes!!", "ZySAjx4KW-0bjlUIr8rqJi_CKiGiuA-Tb9gzG23BsME"},
  });
}

TEST(CryptNames, ObfuscateMatchesRclone) {
  ExpectBothWays(Cipher({.mode = NameMode::kObfuscate}), {
      {"a", "97.d"},
      {"hello.txt", "162.zwDDG.LPL"},
      {"dir/sub/file name.txt", "63.wBK/74.xzg/239.zCFy HuGy.NRN"},
      {"exactly16bytes!!", "202.mFikBtG27jGBmA!!!!"},
      {"ünïcödé 日本語.txt", "92.ÛKÎzÕAÈ 改枀諲.QUQ"},
      {"Quote!Me 123", "151.XBvAl!!Tl 567"},
      {"bad\xffutf8", "!.bad\xffutf8"},
  });
}

TEST(CryptNames, DirectoryNamesCanStayPlain) {
  NameCipher cipher = Cipher({.encrypt_dir_names = false});
  ExpectBothWays(cipher, {{"dir/sub/file name.txt", "dir/sub/bluciep0sceuuj8loadvfi921c"}});
  EXPECT_EQ(*cipher.EncryptDirName("dir/sub"), "dir/sub");
}

TEST(CryptNames, OffAddsTheSuffixOnly) {
  NameCipher cipher = Cipher({.mode = NameMode::kOff});
  ExpectBothWays(cipher, {{"dir/sub/file name.txt", "dir/sub/file name.txt.bin"}});
  EXPECT_EQ(*cipher.EncryptDirName("dir/sub"), "dir/sub");
  EXPECT_EQ(cipher.DecryptFileName("plain.txt").status().message(),
            "not an encrypted file - no \".bin\" suffix");
  EXPECT_FALSE(cipher.DecryptFileName(".bin").ok());
  NameCipher custom = Cipher({.mode = NameMode::kOff, .suffix = ".crypt"});
  EXPECT_EQ(*custom.EncryptFileName("x"), "x.crypt");
  NameCipher none = Cipher({.mode = NameMode::kOff, .suffix = ""});
  EXPECT_EQ(*none.EncryptFileName("x"), "x");
}

TEST(CryptNames, UndecryptableNamesGiveRclonesReasons) {
  NameCipher cipher = Cipher({});
  // Texts checked against `rclone ls -vv` on the same names.
  EXPECT_EQ(cipher.DecryptFileName("baddir").status().message(),
            "illegal base32 data at input byte 6");
  EXPECT_EQ(cipher.DecryptFileName("badname").status().message(), "not a multiple of blocksize");
  EXPECT_EQ(cipher.DecryptFileName("abc=").status().message(), "bad base32 filename encoding");
  // Like Go's decoder, bits past the last whole byte are ignored; a changed byte is not.
  EXPECT_EQ(*cipher.DecryptFileName("3hflivsp5o4j04u2hjq9bm46o5"), "a");
  EXPECT_FALSE(cipher.DecryptFileName("3hflivsp5o4j04u2hjq9bm46p4").ok());
  EXPECT_THAT(std::string(Cipher({}, "").DecryptFileName("3hflivsp5o4j04u2hjq9bm46o4")
                              .status().message()),
              HasSubstr("PKCS#7"));  // another key: the padding does not check out
  EXPECT_EQ(Cipher({.mode = NameMode::kObfuscate}).DecryptFileName("noprefix").status().message(),
            "not an encrypted file - no \".bin\" suffix");
}

TEST(CryptNames, NameTooLongToEncryptIsAClearError) {
  NameCipher cipher = Cipher({});
  EXPECT_TRUE(cipher.EncryptFileName(std::string(2047, 'x')).ok());
  absl::StatusOr<std::string> too_long = cipher.EncryptFileName("dir/" + std::string(2048, 'x'));
  ASSERT_FALSE(too_long.ok());
  EXPECT_THAT(std::string(too_long.status().message()), HasSubstr("file name too long"));
  EXPECT_THAT(std::string(too_long.status().message()), HasSubstr("2048 bytes"));
}

TEST(CryptNames, EncodingsRoundTripEveryLength) {
  for (NameEncoding e : {NameEncoding::kBase32, NameEncoding::kBase64}) {
    std::string bytes;
    for (int n = 0; n < 40; ++n) {
      EXPECT_EQ(*DecodeName(e, EncodeName(e, bytes)), bytes) << n;
      bytes.push_back(static_cast<char>(n * 37 + 11));
    }
  }
  EXPECT_EQ(*DecodeName(NameEncoding::kBase32, "3HFLIVSP5O4J04U2HJQ9BM46O4"),
            *DecodeName(NameEncoding::kBase32, "3hflivsp5o4j04u2hjq9bm46o4"));  // either case
  EXPECT_FALSE(DecodeName(NameEncoding::kBase32, "abc").ok());  // 3 chars: not a whole byte
  EXPECT_FALSE(ParseNameEncoding("base32768").ok());
}

TEST(Eme, RoundTripsAndSpreadsEveryChange) {
  const CryptKeys& k = Keys();
  for (size_t blocks : {1u, 2u, 3u, 16u, 128u}) {
    std::string plain(blocks * 16, '\0');
    for (size_t i = 0; i < plain.size(); ++i) plain[i] = static_cast<char>(i * 7);
    std::string sealed = *EmeTransform(k.name_key, k.name_tweak, plain, EmeDirection::kEncrypt);
    EXPECT_NE(sealed, plain);
    EXPECT_EQ(*EmeTransform(k.name_key, k.name_tweak, sealed, EmeDirection::kDecrypt), plain);
    // A wide block: one changed input byte changes every output block.
    std::string changed = plain;
    changed.back() ^= 1;
    std::string other = *EmeTransform(k.name_key, k.name_tweak, changed, EmeDirection::kEncrypt);
    for (size_t b = 0; b < blocks; ++b) EXPECT_NE(other.substr(b * 16, 16), sealed.substr(b * 16, 16));
  }
  EXPECT_FALSE(EmeTransform(k.name_key, k.name_tweak, "", EmeDirection::kEncrypt).ok());
  EXPECT_FALSE(EmeTransform(k.name_key, k.name_tweak, std::string(15, 'x'), EmeDirection::kEncrypt).ok());
  EXPECT_FALSE(EmeTransform(k.name_key, k.name_tweak, std::string(129 * 16, 'x'), EmeDirection::kEncrypt).ok());
}

TEST(CryptKeys, SaltAndPasswordChangeEveryKey) {
  CryptKeys a = *DeriveKeys("correct horse", "pepper");
  CryptKeys b = *DeriveKeys("correct horse", "");
  CryptKeys c = *DeriveKeys("correct horsf", "pepper");
  EXPECT_NE(a.data_key, b.data_key);
  EXPECT_NE(a.name_key, c.name_key);
  EXPECT_NE(a.name_tweak, c.name_tweak);
  EXPECT_EQ(*DeriveKeys("correct horse", "pepper"), a);  // cached, same answer
}

TEST(CryptData, SizesAsRcloneComputesThem) {
  EXPECT_EQ(EncryptedSize(0), 32);
  EXPECT_EQ(EncryptedSize(1), 32 + 16 + 1);
  EXPECT_EQ(EncryptedSize(65536), 32 + 16 + 65536);
  EXPECT_EQ(EncryptedSize(65537), 32 + 32 + 65537);
  EXPECT_EQ(EncryptedSize(-1), -1);
  for (int64_t n : {0, 1, 65535, 65536, 65537, 200000, 3 * 65536}) {
    EXPECT_EQ(*DecryptedSize(EncryptedSize(n)), n) << n;
  }
  EXPECT_EQ(DecryptedSize(31).status().message(), "file is too short to be encrypted");
  EXPECT_EQ(DecryptedSize(32 + 16).status().message(), "file has truncated block header");
}

TEST(CryptData, NonceAddCarriesAcrossBytes) {
  Nonce n{};
  n[0] = 0xff;
  n[1] = 0xff;
  Nonce plus = AddToNonce(n, 1);
  EXPECT_EQ(plus[0], 0);
  EXPECT_EQ(plus[1], 0);
  EXPECT_EQ(plus[2], 1);
  Nonce all{};
  all.fill(0xff);
  Nonce wrapped = AddToNonce(all, 2);
  EXPECT_EQ(wrapped[0], 1);
  for (size_t i = 1; i < wrapped.size(); ++i) EXPECT_EQ(wrapped[i], 0) << i;
  EXPECT_EQ(AddToNonce(Nonce{}, 0x0102)[1], 1);
}

std::string Encrypt(const std::string& plain, const Nonce& nonce) {
  vfs::SpanSource in(plain);
  EncryptingSource enc(in, Keys().data_key, nonce);
  return *vfs::ReadAll(enc);
}

absl::StatusOr<std::string> Decrypt(const std::string& sealed, int64_t skip = 0,
                                    int64_t limit = -1) {
  absl::StatusOr<Nonce> nonce = ParseHeader(sealed.substr(0, 32), "f.txt");
  if (!nonce.ok()) return nonce.status();
  DecryptingSource dec(std::make_unique<vfs::StringSource>(sealed.substr(32)), Keys().data_key,
                       *nonce, skip, limit, "f.txt");
  return vfs::ReadAll(dec);
}

TEST(CryptData, EncryptedLayoutAndRoundTrip) {
  Nonce nonce = RandomNonce();
  for (size_t n : {0u, 1u, 65535u, 65536u, 65537u, 200000u}) {
    std::string plain(n, '\0');
    for (size_t i = 0; i < n; ++i) plain[i] = static_cast<char>(i % 251);
    std::string sealed = Encrypt(plain, nonce);
    EXPECT_EQ(static_cast<int64_t>(sealed.size()), EncryptedSize(n));
    EXPECT_EQ(sealed.substr(0, 8), std::string("RCLONE\0\0", 8));
    EXPECT_EQ(sealed.substr(8, 24), std::string(nonce.begin(), nonce.end()));
    EXPECT_EQ(*Decrypt(sealed), plain) << n;
  }
}

TEST(CryptData, BadDataIsDataLossNamingTheFile) {
  std::string sealed = Encrypt(std::string(70000, 'z'), RandomNonce());
  std::string flipped = sealed;
  flipped[32 + 65552 + 20] ^= 1;  // inside the second block
  absl::StatusOr<std::string> bad = Decrypt(flipped);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(bad.status().message(), "f.txt: failed to authenticate decrypted block - bad password?");
  std::string magic = sealed;
  magic[0] = 'X';
  EXPECT_EQ(Decrypt(magic).status().message(), "f.txt: not an encrypted file - bad magic string");
  EXPECT_EQ(Decrypt(sealed.substr(0, 20)).status().message(),
            "f.txt: file is too short to be encrypted");
  EXPECT_EQ(Decrypt(sealed.substr(0, 32 + 65552 + 10)).status().message(),
            "f.txt: file has truncated block header");
  EXPECT_EQ(Decrypt(sealed.substr(0, sealed.size() - 1)).status().code(),
            absl::StatusCode::kDataLoss);  // last block cut short: fails authentication
}

TEST(CryptData, SkipAndLimitWithinBlocks) {
  std::string plain(200000, '\0');
  for (size_t i = 0; i < plain.size(); ++i) plain[i] = static_cast<char>(i * 13);
  std::string sealed = Encrypt(plain, RandomNonce());
  EXPECT_EQ(*Decrypt(sealed, 10, 5), plain.substr(10, 5));
  EXPECT_EQ(*Decrypt(sealed, 65530, 20), plain.substr(65530, 20));
  EXPECT_EQ(*Decrypt(sealed, 199990), plain.substr(199990));
}

}  // namespace
}  // namespace backend::crypt
