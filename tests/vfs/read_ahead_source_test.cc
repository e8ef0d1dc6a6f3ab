// ReadAheadSource (a worker reads the inner source into blocks) and the hash hand-down between
// stacked sources (each byte hashed once per chain).
#include "vfs/read_ahead_source.h"

#include <atomic>
#include <string>

#include "gtest/gtest.h"
#include "hash/whirlpool.h"
#include "vfs/hashing_source.h"

namespace vfs {
namespace {

// Counts its reads; computes no sum of its own.
class CountingSource : public StringSource {
 public:
  using StringSource::StringSource;
  // Short reads (1000 bytes at most), so that a block takes several inner reads.
  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override {
    ++reads_;
    return StringSource::Read(buffer.first(std::min<size_t>(buffer.size(), 1000)));
  }
  std::atomic<int> reads_{0};
};

// Delivers `good` bytes, then an error.
class BreakingSource : public Source {
 public:
  explicit BreakingSource(size_t good) : left_(good) {}
  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override {
    if (left_ == 0) return absl::DataLossError("disk went away");
    const size_t n = std::min(left_, buffer.size());
    std::fill_n(buffer.begin(), n, uint8_t{'x'});
    left_ -= n;
    return n;
  }

 private:
  size_t left_;
};

std::string Pattern(size_t size) {
  std::string data(size, '\0');
  for (size_t i = 0; i < size; ++i) data[i] = static_cast<char>(i * 31 + i / 7);
  return data;
}

TEST(ReadAheadSourceTest, DeliversEveryByteInOrderAcrossBlocks) {
  const std::string data = Pattern(100'003);
  CountingSource inner(data);
  ReadAheadSource ahead(inner, /*block_bytes=*/4096, /*blocks=*/3);
  EXPECT_EQ(*ReadAll(ahead), data);
  uint8_t b[8];
  EXPECT_EQ(*ahead.Read(b), 0u);  // stays at the end
}

TEST(ReadAheadSourceTest, AnErrorComesAfterTheBytesBeforeIt) {
  BreakingSource inner(10'000);
  ReadAheadSource ahead(inner, 4096, 2);
  std::string got;
  std::vector<uint8_t> buffer(3000);
  absl::Status error;
  while (true) {
    absl::StatusOr<size_t> n = ahead.Read(buffer);
    if (!n.ok()) {
      error = n.status();
      break;
    }
    ASSERT_GT(*n, 0u) << "an error must not become a clean end";
    got.append(reinterpret_cast<const char*>(buffer.data()), *n);
  }
  EXPECT_EQ(got, std::string(10'000, 'x'));
  EXPECT_EQ(error.message(), "disk went away");
}

TEST(ReadAheadSourceTest, BlocksHandedOutWholeMixWithReads) {
  const std::string data = Pattern(10'000);
  CountingSource inner(data);
  ReadAheadSource ahead(inner, /*block_bytes=*/4096, /*blocks=*/2);
  std::string got;
  uint8_t b[100];
  absl::StatusOr<size_t> n = ahead.Read(b);  // the first 100 bytes of block 1
  ASSERT_TRUE(n.ok());
  got.append(reinterpret_cast<const char*>(b), *n);
  absl::StatusOr<std::span<const uint8_t>> block = ahead.ReadBlock();  // the rest of block 1
  ASSERT_TRUE(block.ok());
  EXPECT_EQ(block->size(), 4096u - 100u);
  got.append(reinterpret_cast<const char*>(block->data()), block->size());
  n = ahead.Read(b);  // a Read after a whole block starts the next one
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 100u);
  got.append(reinterpret_cast<const char*>(b), *n);
  while (true) {
    block = ahead.ReadBlock();
    ASSERT_TRUE(block.ok()) << block.status();
    if (block->empty()) break;
    got.append(reinterpret_cast<const char*>(block->data()), block->size());
  }
  EXPECT_EQ(got, data);
  EXPECT_TRUE(ahead.ReadBlock()->empty());  // stays at the end
}

TEST(ReadAheadSourceTest, BlockErrorComesAfterTheBlocksBeforeIt) {
  BreakingSource inner(10'000);
  ReadAheadSource ahead(inner, 4096, 2);
  size_t got = 0;
  absl::StatusOr<std::span<const uint8_t>> block;
  while ((block = ahead.ReadBlock()).ok()) {
    ASSERT_FALSE(block->empty()) << "an error must not become a clean end";
    got += block->size();
  }
  EXPECT_EQ(got, 10'000u);
  EXPECT_EQ(block.status().message(), "disk went away");
}

TEST(ReadAheadSourceTest, DestroyedEarlyStopsItsWorker) {
  const std::string data = Pattern(1'000'000);
  CountingSource inner(data);
  {
    ReadAheadSource ahead(inner, 4096, 2);
    uint8_t b[10];
    ASSERT_TRUE(ahead.Read(b).ok());
  }  // joins the worker, which held at most two blocks ahead
  EXPECT_LT(inner.reads_.load(), 20);
}

TEST(ReadAheadSourceTest, NeverReadMeansNoThreadAndNoRead) {
  CountingSource inner("abc");
  { ReadAheadSource ahead(inner); }
  EXPECT_EQ(inner.reads_.load(), 0);
}

TEST(HashHandDownTest, AHashingSourceOverAnotherTakesItsSum) {
  const std::string data = Pattern(50'000);
  CountingSource raw(data);
  HashingSource below(raw);
  ReadAheadSource ahead(below, 4096, 2);
  HashingSource above(ahead);
  EXPECT_TRUE(ahead.ComputesHash(hash::HashType::kWhirlpool));
  EXPECT_EQ(*ReadAll(above), data);
  EXPECT_EQ(*above.Sum(hash::HashType::kWhirlpool), hash::WhirlpoolHex(data));
  EXPECT_EQ(above.bytes(), 50'000);
}

TEST(HashHandDownTest, NoSumBelowMeansHashingHere) {
  const std::string data = Pattern(5'000);
  CountingSource raw(data);
  EXPECT_FALSE(raw.ComputesHash(hash::HashType::kWhirlpool));
  EXPECT_EQ(raw.StreamHash(hash::HashType::kWhirlpool).status().code(),
            absl::StatusCode::kUnimplemented);
  HashingSource above(raw);
  EXPECT_EQ(*ReadAll(above), data);
  EXPECT_EQ(*above.Sum(hash::HashType::kWhirlpool), hash::WhirlpoolHex(data));
}

TEST(HashHandDownTest, SumBeforeTheEndIsRefusedAtEveryLevel) {
  CountingSource raw(Pattern(5'000));
  HashingSource below(raw);
  HashingSource above(static_cast<Source&>(below));  // wraps it, not a copy
  uint8_t b[10];
  ASSERT_TRUE(above.Read(b).ok());
  EXPECT_FALSE(above.Sum(hash::HashType::kWhirlpool).ok());
}

}  // namespace
}  // namespace vfs
