// base's small text helpers: Go's UTF-8 rules, hex digits, MIME types by extension.
#include <gtest/gtest.h>

#include <array>

#include "base/hex.h"
#include "base/mime_type.h"
#include "base/utf8.h"

namespace base {
namespace {

TEST(Utf8Test, RuneLengthFollowsGo) {
  EXPECT_EQ(utf8::RuneLength("a", 0), 1u);
  EXPECT_EQ(utf8::RuneLength("\xC3\xA9", 0), 2u);
  EXPECT_EQ(utf8::RuneLength("\xE2\x82\xAC", 0), 3u);
  EXPECT_EQ(utf8::RuneLength("\xF0\x9F\x98\x80", 0), 4u);
  EXPECT_EQ(utf8::RuneLength("\xC0\xAF", 0), 0u) << "overlong";
  EXPECT_EQ(utf8::RuneLength("\xE0\x80\xAF", 0), 0u) << "overlong";
  EXPECT_EQ(utf8::RuneLength("\xED\xA0\x80", 0), 0u) << "surrogate";
  EXPECT_EQ(utf8::RuneLength("\xF4\x90\x80\x80", 0), 0u) << "above U+10FFFF";
  EXPECT_EQ(utf8::RuneLength("\xE2\x82", 0), 0u) << "cut short";
  EXPECT_EQ(utf8::RuneLength("\x80", 0), 0u) << "lone continuation";
}

TEST(Utf8Test, DecodeAndEncode) {
  EXPECT_EQ(utf8::DecodeRune("\xE2\x82\xAC", 0).value, U'\u20AC');
  EXPECT_EQ(utf8::DecodeRune("\xF0\x9F\x98\x80", 0).value, U'\U0001F600');
  utf8::Rune bad = utf8::DecodeRune("\xFFx", 0);
  EXPECT_EQ(bad.value, utf8::kReplacement);
  EXPECT_EQ(bad.size, 1u);
  std::string out;
  for (char32_t r : {U'a', U'\u00E9', U'\u20AC', U'\U0001F600'}) utf8::AppendRune(out, r);
  EXPECT_EQ(out, "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
}

TEST(Utf8Test, ValidityCountsAndReplacement) {
  EXPECT_TRUE(utf8::IsValid("h\xC3\xA9"));
  EXPECT_FALSE(utf8::IsValid("h\xC3"));
  EXPECT_EQ(utf8::FirstInvalid("ab\xFF" "c"), 2u);
  EXPECT_EQ(utf8::UnitCount("h\xC3\xA9\xFF\xFE"), 4u);
  EXPECT_EQ(utf8::ReplaceInvalid("a\xFF\xE2\x82" "b"), "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "b");
}

TEST(HexTest, Digits) {
  const std::array<uint8_t, 4> bytes = {0x00, 0x0f, 0xa0, 0xff};
  EXPECT_EQ(HexLower(bytes), "000fa0ff");
  EXPECT_EQ(HexLower(std::string_view("\x01\xfe", 2)), "01fe");
  std::string out;
  AppendHexByte(out, 0xab, HexCase::kUpper);
  EXPECT_EQ(out, "AB");
}

TEST(MimeTypeTest, RclonesTable) {
  EXPECT_EQ(MimeTypeFromName("a/file1.txt"), "text/plain; charset=utf-8");
  EXPECT_EQ(MimeTypeFromName("PHOTO.JPG"), "image/jpeg") << "extension case does not matter";
  EXPECT_EQ(MimeTypeFromName("x.mkv"), "video/x-matroska");
  EXPECT_EQ(MimeTypeFromName("x.csv"), "text/csv; charset=utf-8");
  EXPECT_EQ(MimeTypeFromName("x.unknown"), "application/octet-stream");
  EXPECT_EQ(MimeTypeFromName("noext"), "application/octet-stream");
  EXPECT_EQ(MimeTypeFromName("dir.jpg/noext"), "application/octet-stream");
  EXPECT_EQ(MimeTypeFromName("trailing."), "application/octet-stream");
}

}  // namespace
}  // namespace base
