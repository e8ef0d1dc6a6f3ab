#include "vfs/source.h"

#include <string>

#include "gtest/gtest.h"
#include "hash/whirlpool.h"
#include "vfs/hashing_source.h"
#include "vfs/open_options.h"

namespace vfs {
namespace {

// Returns at most 3 bytes per call, to prove callers handle short reads.
class TrickleSource : public Source {
 public:
  explicit TrickleSource(std::string data) : inner_(std::move(data)) {}
  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override {
    return inner_.Read(buffer.first(std::min<size_t>(buffer.size(), 3)));
  }

 private:
  StringSource inner_;
};

class FailingSource : public Source {
 public:
  absl::StatusOr<size_t> Read(std::span<uint8_t>) override {
    return absl::DataLossError("potato");
  }
};

TEST(SourceTest, ReadAllAcrossShortReads) {
  TrickleSource s("hello, world");
  EXPECT_EQ(*ReadAll(s), "hello, world");
  uint8_t b[4];
  EXPECT_EQ(*s.Read(b), 0u);  // stays at the end
}

TEST(SourceTest, ReadAllLimit) {
  StringSource s(std::string(100, 'x'));
  EXPECT_EQ(ReadAll(s, 99).status().code(), absl::StatusCode::kResourceExhausted);
}

TEST(SourceTest, DrainPropagatesErrors) {
  FailingSource f;
  EXPECT_EQ(Drain(f, [](auto) { return absl::OkStatus(); }).status().message(), "potato");
  StringSource s("abc");
  EXPECT_EQ(Drain(s, [](auto) { return absl::InternalError("sink"); }).status().message(),
            "sink");
}

TEST(SourceTest, LimitedSource) {
  LimitedSource l(std::make_unique<StringSource>("0123456789"), 4);
  EXPECT_EQ(*ReadAll(l), "0123");
  LimitedSource zero(std::make_unique<StringSource>("0123456789"), 0);
  EXPECT_EQ(*ReadAll(zero), "");
}

TEST(HashingSourceTest, HashesWhatPassesThrough) {
  std::string data(100000, '\0');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 7);
  TrickleSource inner(data);
  HashingSource h(inner);
  EXPECT_FALSE(h.Sum(hash::HashType::kWhirlpool).ok());  // not at the end yet
  std::string got = *ReadAll(h);
  EXPECT_EQ(got, data);
  EXPECT_TRUE(h.finished());
  EXPECT_EQ(h.bytes(), 100000);
  EXPECT_EQ(*h.Sum(hash::HashType::kWhirlpool), hash::WhirlpoolHex(data));
}

TEST(HashingSourceTest, EmptyInputHasTheEmptyDigest) {
  StringSource inner("");
  HashingSource h(inner);
  EXPECT_EQ(*ReadAll(h), "");
  // Whirlpool of "" (ISO test vector) begins 19fa61d7.
  EXPECT_EQ(h.Sum(hash::HashType::kWhirlpool)->substr(0, 8), "19fa61d7");
}

TEST(HashingSourceTest, UnrequestedTypeIsUnsupported) {
  StringSource inner("abc");
  HashingSource h(inner, hash::HashSet{});
  EXPECT_EQ(*ReadAll(h), "abc");
  EXPECT_EQ(h.Sum(hash::HashType::kWhirlpool).status().code(), absl::StatusCode::kUnimplemented);
}

TEST(OpenOptionsTest, RclonesRangeExamplesOn100Bytes) {
  EXPECT_EQ(OpenOptions{}.Resolve(100), (ResolvedRange{0, 100}));
  EXPECT_EQ(OpenOptions::Range(5, 15).Resolve(100), (ResolvedRange{5, 11}));
  EXPECT_EQ(OpenOptions::Range(80, -1).Resolve(100), (ResolvedRange{80, 20}));
  EXPECT_EQ(OpenOptions::Range(81, 100000).Resolve(100), (ResolvedRange{81, 19}));
  EXPECT_EQ(OpenOptions::Range(-1, 20).Resolve(100), (ResolvedRange{80, 20}));
  EXPECT_EQ(OpenOptions::Seek(50).Resolve(100), (ResolvedRange{50, 50}));
  EXPECT_EQ(OpenOptions::Range(0, 99).Resolve(100), (ResolvedRange{0, 100}));
}

TEST(OpenOptionsTest, EdgeCases) {
  EXPECT_EQ(OpenOptions::Range(200, -1).Resolve(100), (ResolvedRange{100, 0}));
  EXPECT_EQ(OpenOptions::Range(-1, 500).Resolve(100), (ResolvedRange{0, 100}));
  EXPECT_EQ(OpenOptions::Range(10, 19).Resolve(-1), (ResolvedRange{10, 10}));
  EXPECT_EQ(OpenOptions::Range(-1, 20).Resolve(-1), (ResolvedRange{0, -1}));
  EXPECT_EQ(OpenOptions::Range(5, 2).Resolve(100), (ResolvedRange{5, 0}));
}

}  // namespace
}  // namespace vfs
