// Randomised checks: whatever Set() accepts survives Serialize() -> Parse(), and neither parser
// crashes or loops on arbitrary bytes. Seeds are fixed so a failure reproduces.
#include <random>
#include <string>

#include "gtest/gtest.h"
#include "vfs/config/config_file.h"
#include "vfs/config/remote_spec.h"

namespace vfs {
namespace {

std::string RandomString(std::mt19937& rng, std::string_view alphabet, size_t max_len) {
  std::uniform_int_distribution<size_t> len(0, max_len);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::string s;
  for (size_t n = len(rng); n > 0; --n) s.push_back(alphabet[pick(rng)]);
  return s;
}

constexpr std::string_view kNasty = "ab =:;#[]\"'`\t\\,.-_\xc3\xa9\x01";

TEST(ConfigRoundTripTest, AcceptedValuesSurviveSerializeAndParse) {
  std::mt19937 rng(1234);
  int accepted = 0;
  for (int round = 0; round < 300; ++round) {
    ConfigFile c = ConfigFile::InMemory();
    ConfigFile expected = ConfigFile::InMemory();  // only what Set accepted
    for (int i = 0; i < 8; ++i) {
      std::string remote = RandomString(rng, "ab -._", 4);
      std::string key = RandomString(rng, kNasty, 6);
      std::string value = RandomString(rng, kNasty, 12);
      if (c.Set(remote, key, value).ok()) {
        ASSERT_TRUE(expected.Set(remote, key, value).ok());
        ++accepted;
      }
    }
    std::string text = c.Serialize();
    absl::StatusOr<ConfigFile> back = ConfigFile::Parse(text, "");
    ASSERT_TRUE(back.ok()) << back.status() << "\n" << text;
    ASSERT_EQ(back->Remotes(), expected.Remotes()) << text;
    for (const std::string& r : expected.Remotes()) {
      ASSERT_EQ(back->Keys(r), expected.Keys(r)) << text;
      for (const std::string& k : expected.Keys(r)) {
        EXPECT_EQ(back->Get(r, k), expected.Get(r, k)) << "[" << r << "] " << k << "\n" << text;
      }
    }
    EXPECT_EQ(back->Serialize(), text);
  }
  EXPECT_GT(accepted, 300);  // most random entries must be storable, or this tests nothing
}

TEST(ConfigRoundTripTest, ParsersSurviveArbitraryInput) {
  std::mt19937 rng(99);
  int parsed = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = RandomString(rng, "ab=:[]#;\n\r \"'`,", 40);
    absl::StatusOr<ConfigFile> c = ConfigFile::Parse(text, "f");
    if (c.ok()) {
      ++parsed;
      // What parses serializes to something that parses to the same thing.
      absl::StatusOr<ConfigFile> again = ConfigFile::Parse(c->Serialize(), "f");
      ASSERT_TRUE(again.ok()) << again.status();
      EXPECT_EQ(again->Serialize(), c->Serialize());
    }
    absl::StatusOr<RemoteSpec> s = ParseRemoteSpec(text);
    if (s.ok() && s->kind != RemoteSpec::Kind::kLocal) {
      absl::StatusOr<RemoteSpec> back = ParseRemoteSpec(FormatRemoteSpec(*s));
      ASSERT_TRUE(back.ok()) << FormatRemoteSpec(*s);
      EXPECT_EQ(back->parameters, s->parameters);
      EXPECT_EQ(back->path, s->path);
    }
  }
  EXPECT_GT(parsed, 100);  // the generator must reach the success paths, not only errors
}

}  // namespace
}  // namespace vfs
