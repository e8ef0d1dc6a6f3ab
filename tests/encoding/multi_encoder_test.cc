// Behaviour beyond the vector file: layers, paths, the scratch API, Raw, constants.
#include "encoding/multi_encoder.h"

#include "gtest/gtest.h"

namespace encoding {
namespace {

TEST(MultiEncoder, CommonPathReturnsTheInputItself) {
  std::string scratch;
  const std::string_view name = "holiday photo 2024 (1).jpg";
  EXPECT_EQ(kFichierDefault.Encode(name, &scratch).data(), name.data());
  EXPECT_EQ(kFichierDefault.Decode(name, &scratch).data(), name.data());
  EXPECT_EQ(kFichierDefault.EncodeBare(name, &scratch).data(), name.data());
  EXPECT_EQ(kFichierDefault.DecodeBare(name, &scratch).data(), name.data());
  EXPECT_TRUE(scratch.empty());
  const std::string_view unicode = "日本語 café 😀.txt";
  EXPECT_EQ(kFichierDefault.Encode(unicode, &scratch).data(), unicode.data());
  EXPECT_EQ(kFichierDefault.Decode(unicode, &scratch).data(), unicode.data());
}

TEST(MultiEncoder, ChangedNamesGoToScratch) {
  std::string scratch = "previous contents that are longer than the result";
  const std::string_view out = kFichierDefault.Encode("a<b", &scratch);
  EXPECT_EQ(out, "a＜b");
  EXPECT_EQ(out.data(), scratch.data());
  EXPECT_EQ(kFichierDefault.Decode("a＜b", &scratch), "a<b");
}

TEST(MultiEncoder, InputMayLiveInScratch) {
  std::string scratch = "<x> ";
  std::string_view out = kFichierDefault.EncodeBare(scratch, &scratch);
  EXPECT_EQ(out, "＜x＞␠");
  out = kFichierDefault.DecodeBare(out, &scratch);
  EXPECT_EQ(out, "<x> ");
  out = kFichierDefault.Encode(out, &scratch);
  EXPECT_EQ(out, "＜x＞␠");
  out = kFichierDefault.Decode(out, &scratch);
  EXPECT_EQ(out, "<x> ");
}

TEST(MultiEncoder, StandardMaskIsIdentityInTheStandardLayer) {
  // rclone short-circuits FromStandardName/ToStandardName when the mask is Standard, so even
  // non-canonical names pass untouched.
  for (std::string_view name : {"a␀b", "‛", "x\x01y", "．", "‛ZZ", "a／b"}) {
    EXPECT_EQ(kStandard.Encode(name), name);
    EXPECT_EQ(kStandard.Decode(name), name);
  }
  EXPECT_EQ(kStandard.EncodeBare("‛"), "‛‛");  // the bare layer is not the identity
}

TEST(MultiEncoder, RawIsTheIdentityAndNoneIsNot) {
  const MultiEncoder raw(kRaw);
  const std::string nasty = std::string("a\0b‛␀\xff", 10);
  EXPECT_EQ(raw.EncodeBare(nasty), nasty);
  EXPECT_EQ(raw.DecodeBare("‛‛␀"), "‛‛␀");
  const MultiEncoder none(kNone);
  EXPECT_EQ(none.EncodeBare(std::string("a\0b", 3)), "a␀b");
  EXPECT_EQ(none.EncodeBare("‛"), "‛‛");
  EXPECT_EQ(none.DecodeBare("a␀b"), std::string("a\0b", 3));
  // Raw combined with another flag has no effect of its own.
  EXPECT_EQ(MultiEncoder(kRaw | kLtGt).EncodeBare("‛<"), "‛‛＜");
}

TEST(MultiEncoder, ExclamationFromRcloneHead) {
  const MultiEncoder enc(kExclamation);
  EXPECT_EQ(enc.EncodeBare("hi!"), "hi！");
  EXPECT_EQ(enc.EncodeBare("hi！"), "hi‛！");
  EXPECT_EQ(enc.DecodeBare("hi！"), "hi!");
  EXPECT_EQ(kFichierDefault.EncodeBare("hi!"), "hi!");
}

TEST(MultiEncoder, EdgeRulesFireOnceAtEachEnd) {
  const MultiEncoder enc(kLeftSpace | kRightSpace | kLeftPeriod | kRightPeriod | kLeftTilde |
                         kLeftCrLfHtVt | kRightCrLfHtVt);
  EXPECT_EQ(enc.EncodeBare("   "), "␠ ␠");
  EXPECT_EQ(enc.EncodeBare(".x."), "．x．");
  EXPECT_EQ(enc.EncodeBare("~x~"), "～x~");
  EXPECT_EQ(enc.EncodeBare("\tx\r"), "␉x␍");
  EXPECT_EQ(enc.EncodeBare("\fx\f"), "\fx\f");  // FF is not in CrLfHtVt
  EXPECT_EQ(enc.EncodeBare("\tx\n"), "␉x␊");
  EXPECT_EQ(enc.EncodeBare("a\tb"), "a\tb");  // only at the edges
  for (std::string_view real : {"   ", ".x.", "~x~", "\tx\r", "␠", "．．", " ‛ ", "‛‛.", "‛\r"}) {
    EXPECT_EQ(enc.DecodeBare(enc.EncodeBare(real)), real);
  }
}

TEST(MultiEncoder, QuoteBeforeTrailingEdgeRoundTrips) {
  // The rclone defect (§1.6): rclone decodes "x‛‛␠" to "x‛␠"; the true inverse is "x‛ ".
  EXPECT_EQ(kFichierDefault.EncodeBare("x‛ "), "x‛‛␠");
  EXPECT_EQ(kFichierDefault.DecodeBare("x‛‛␠"), "x‛ ");
  EXPECT_EQ(kFichierDefault.DecodeBareRclone("x‛‛␠"), "x‛␠");
  EXPECT_EQ(kFichierDefault.EncodeBare("x‛␠"), "x‛‛‛␠");
  EXPECT_EQ(kFichierDefault.DecodeBare("x‛‛‛␠"), "x‛␠");
  EXPECT_EQ(kFichierDefault.DecodeBareRclone("x‛‛‛␠"), "x‛␠");
  EXPECT_EQ(kFichierDefault.EncodeBare("‛‛ "), "‛‛‛‛␠");
  EXPECT_EQ(kFichierDefault.DecodeBare("‛‛‛‛␠"), "‛‛ ");
  // Standard layer: rclone lists it as "x‛‛␠", we as "x‛‛ " (standard form of "x‛ ").
  EXPECT_EQ(kFichierDefault.Decode("x‛‛␠"), "x‛‛ ");
  EXPECT_EQ(kFichierDefault.DecodeRclone("x‛‛␠"), "x‛‛␠");
  EXPECT_EQ(kFichierDefault.Encode("x‛‛ "), "x‛‛␠");
}

TEST(MultiEncoder, PathsConvertEachSegment) {
  EXPECT_EQ(kFichierDefault.EncodePath("dir <1>/sub dir /file\"s.txt"),
            "dir ＜1＞/sub dir␠/file＂s.txt");
  EXPECT_EQ(kFichierDefault.DecodePath("dir ＜1＞/sub dir␠/file＂s.txt"),
            "dir <1>/sub dir /file\"s.txt");
  EXPECT_EQ(kFichierDefault.EncodePath("a/./b/../c"), "a/．/b/．．/c");
  EXPECT_EQ(kFichierDefault.EncodePath("/a//b/"), "/a//b/");
  EXPECT_EQ(kFichierDefault.EncodePath(""), "");
  EXPECT_EQ(kFichierDefault.EncodePath("plain/path/name.txt"), "plain/path/name.txt");
  // A standard ／ is a real '/' inside a name; it stays one segment and reaches the server as ／.
  EXPECT_EQ(kFichierDefault.EncodePath("a／b/c"), "a／b/c");
  EXPECT_EQ(MultiEncoder(kLtGt).EncodePath("a／b/<c>"), "a/b/＜c＞");
}

TEST(MultiEncoder, ConstantsAreUsableAtCompileTime) {
  static_assert(kFichierDefault.mask() == 0x323A07E);
  static_assert(kLocalLinuxDefault.mask() == (kSlash | kDot));
  static_assert(kStandard.Has(kCtl | kDel));
  static_assert(!kFichierDefault.Has(kColon));
  SUCCEED();
}

}  // namespace
}  // namespace encoding
