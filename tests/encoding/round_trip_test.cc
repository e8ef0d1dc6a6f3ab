// Decode(Encode(x)) == x on many random awkward names, for every mask of the vector file and a
// few more; and the allocation-free fast paths agree with the full algorithm.
#include <set>
#include <string>

#include "encoding/multi_encoder.h"
#include "gtest/gtest.h"
#include "tests/encoding/rclone_quirks.h"
#include "tests/encoding/test_util.h"

namespace encoding {

class MultiEncoderPeer {
 public:
  static std::string FullEncode(const MultiEncoder& enc, std::string_view in) {
    std::string out;
    enc.EncodeBareInto(in, &out);
    return out;
  }
  static std::string FullDecode(const MultiEncoder& enc, std::string_view in) {
    std::string out;
    enc.DecodeBareInto(in, &out, MultiEncoder::DecodeMode::kInverse);
    return out;
  }
};

namespace {

using testing::NameGenerator;

constexpr int kNamesPerMask = 100'000;

std::vector<Mask> MasksUnderTest() {
  std::set<Mask> masks;
  std::string error;
  for (const testing::VectorRow& row : testing::LoadVectors(FICHIER_ENCODER_VECTORS, &error)) {
    absl::StatusOr<Mask> mask = ParseMask(row.mask);
    EXPECT_TRUE(mask.ok()) << row.mask;
    if (mask.ok()) masks.insert(*mask);
  }
  EXPECT_EQ(error, "");
  EXPECT_GE(masks.size(), 25u);  // every mask used by a vector row
  masks.insert(kStandardMask);
  masks.insert(kLocalLinuxDefaultMask);
  masks.insert(kRaw);
  masks.insert(0x1FFFFFFE);  // every flag at once
  masks.insert(kLeftSpace | kLeftPeriod | kLeftTilde | kLeftCrLfHtVt | kRightSpace | kRightPeriod |
               kRightCrLfHtVt | kDot);  // every edge rule
  return {masks.begin(), masks.end()};
}

class RoundTrip : public ::testing::TestWithParam<Mask> {};

TEST_P(RoundTrip, BareDecodeInvertsEncode) {
  const MultiEncoder enc(GetParam());
  NameGenerator gen(0xF1C41E5 ^ GetParam());
  std::string scratch;
  int failures = 0;
  int changed = 0;
  int collisions = 0;
  for (int i = 0; i < kNamesPerMask && failures < 10; ++i) {
    const std::string real = gen.Next();
    const std::string wire = enc.EncodeBare(real);
    changed += wire != real;
    const std::string back = enc.DecodeBare(wire);
    if (testing::IsRcloneDotCollision(GetParam(), real)) {
      ++collisions;
      EXPECT_EQ(wire, enc.EncodeBare(".."));  // rclone's collision, reproduced byte for byte
      EXPECT_EQ(back, "..");
    } else if (back != real) {
      ++failures;
      ADD_FAILURE() << "mask " << enc.ToString() << " real " << base::HexLower(real) << " wire "
                    << base::HexLower(wire) << " decoded " << base::HexLower(back);
    }
    // The scratch forms and the full algorithm agree with the convenience forms.
    EXPECT_EQ(enc.EncodeBare(real, &scratch), wire);
    EXPECT_EQ(MultiEncoderPeer::FullEncode(enc, real), wire) << base::HexLower(real);
    EXPECT_EQ(enc.EncodeBareChanges(real), wire != real) << base::HexLower(real);
    EXPECT_EQ(MultiEncoderPeer::FullDecode(enc, wire), back) << base::HexLower(wire);
  }
  if (GetParam() != kRaw) {
    EXPECT_GT(changed, kNamesPerMask / 10);  // the generator is awkward
  }
  // The generator must reach the collision where it exists, or this test proves nothing there.
  if (testing::IsRcloneDotCollision(GetParam(), "．.") ||
      testing::IsRcloneDotCollision(GetParam(), ".．")) {
    EXPECT_GT(collisions, 0);
  }
}

TEST_P(RoundTrip, StandardLayerDecodeInvertsEncode) {
  // Names reaching a backend are standard names, i.e. Standard.Encode of a real name.
  const MultiEncoder enc(GetParam());
  NameGenerator gen(0x5EED ^ GetParam());
  std::string scratch;
  int failures = 0;
  for (int i = 0; i < kNamesPerMask && failures < 10; ++i) {
    const std::string real = gen.Next();
    if (testing::IsRcloneDotCollision(GetParam(), real)) continue;  // see the bare test
    const std::string name = kStandard.EncodeBare(real);
    const std::string wire = enc.Encode(name);
    const std::string back = enc.Decode(wire);
    if (back != name) {
      ++failures;
      ADD_FAILURE() << "mask " << enc.ToString() << " name " << base::HexLower(name) << " wire "
                    << base::HexLower(wire) << " decoded " << base::HexLower(back);
    }
    EXPECT_EQ(enc.Encode(name, &scratch), wire);
    EXPECT_EQ(enc.Decode(wire, &scratch), back);
  }
}

TEST_P(RoundTrip, DecodeMatchesRcloneOutsideTheDefect) {
  // On arbitrary server names (canonical or not) our decode equals rclone's, except where rclone
  // misreads a quote before a trailing edge symbol; there ours is the one that re-encodes.
  const MultiEncoder enc(GetParam());
  NameGenerator gen(0xDEC0DE ^ GetParam());
  int differ = 0;
  for (int i = 0; i < kNamesPerMask / 4; ++i) {
    const std::string wire = i % 2 ? gen.Next() : enc.EncodeBare(gen.Next());
    const std::string ours = enc.DecodeBare(wire);
    const std::string rclone = enc.DecodeBareRclone(wire);
    if (ours == rclone) continue;
    ++differ;
    EXPECT_TRUE(enc.Has(kRightSpace) || enc.Has(kRightPeriod) || enc.Has(kRightCrLfHtVt));
    EXPECT_EQ(enc.EncodeBare(ours), enc.EncodeBare(enc.DecodeBare(wire)));
    if (enc.EncodeBare(rclone) == wire) {
      ADD_FAILURE() << "rclone's decode was right and ours differs: " << base::HexLower(wire);
    }
  }
  if (!enc.Has(kRightSpace) && !enc.Has(kRightPeriod) && !enc.Has(kRightCrLfHtVt)) {
    EXPECT_EQ(differ, 0);
  } else if (GetParam() != kRaw) {
    EXPECT_GT(differ, 0);  // the generator reaches the defect
  }
}

INSTANTIATE_TEST_SUITE_P(AllMasks, RoundTrip, ::testing::ValuesIn(MasksUnderTest()),
                         testing::MaskTestName);

}  // namespace
}  // namespace encoding
