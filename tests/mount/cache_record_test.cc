// The record beside a sparse copy: what is written reads back, and anything else is refused.
#include "mount/cache_record.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mount {
namespace {

TEST(CacheRecordTest, RoundTrips) {
  CacheRecord record{1000, absl::FromUnixNanos(1577934245123456789), {{0, 10}, {20, 1000}}};
  std::optional<CacheRecord> back = DecodeCacheRecord(EncodeCacheRecord(record));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->size, 1000);
  EXPECT_EQ(back->mod_time, record.mod_time);
  EXPECT_EQ(back->ranges, record.ranges);
  EXPECT_FALSE(back->pending);
  CacheRecord pending{0, absl::UnixEpoch(), {}, /*pending=*/true};
  back = DecodeCacheRecord(EncodeCacheRecord(pending));
  ASSERT_TRUE(back.has_value());
  EXPECT_TRUE(back->pending);
}

TEST(CacheRecordTest, RefusesWhatIsNotAWholeConsistentRecord) {
  const std::string good = EncodeCacheRecord({100, absl::FromUnixSeconds(5), {{0, 10}}});
  ASSERT_TRUE(DecodeCacheRecord(good).has_value());
  for (const std::string& bad : std::vector<std::string>{
           std::string(""),
           good.substr(0, good.size() - 4),  // cut short: no "end"
           good + "extra\n",
           "fclone-vfs-cache 2\nsize 100\nmtime 5\nranges 0-10\nstate copy\nend\n",
           "fclone-vfs-cache 1\nsize 100\nmtime 5\nranges 0-10\nend\n",  // no state
           "fclone-vfs-cache 1\nsize 100\nmtime 5\nranges 0-10\nstate odd\nend\n",
           "fclone-vfs-cache 1\nsize -1\nmtime 5\nranges\nstate copy\nend\n",
           "fclone-vfs-cache 1\nsize 100\nmtime x\nranges\nstate copy\nend\n",
           "fclone-vfs-cache 1\nsize 100\nmtime 5\nranges 0-101\nstate copy\nend\n",   // past the size
           "fclone-vfs-cache 1\nsize 100\nmtime 5\nranges 10-5\nstate copy\nend\n",    // backwards
           "fclone-vfs-cache 1\nsize 100\nmtime 5\nranges 0-10 5-20\nstate copy\nend\n",  // overlapping
           "fclone-vfs-cache 1\nsize 100\nmtime 5\nranges 0-10 10-20\nstate copy\nend\n", // not merged
           "fclone-vfs-cache 1\nsize 100\nmtime 5\nranges 0_10\nstate copy\nend\n",
       }) {
    EXPECT_FALSE(DecodeCacheRecord(bad).has_value()) << bad;
  }
}

TEST(CacheRecordTest, RecordsLiveInATreeBesideTheCopies) {
  EXPECT_EQ(CacheRecordRoot("/home/u/.cache/fclone/vfs/myf"), "/home/u/.cache/fclone/vfsMeta/myf");
  EXPECT_EQ(CacheRecordRoot("/tmp/cache"), "/tmp/cache.meta");
}

}  // namespace
}  // namespace mount
