// Conformance cases: names that need encoding, and unicode names, come back exactly.
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/conformance/conformance_helpers.h"

namespace conformance {
namespace {

// rclone's Standard encoding of a real name (Slash, Ctl, Del, Dot and NUL), for the FsEncoding
// names; kept independent from encoding/ on purpose.
std::string StandardEncode(std::string_view real) {
  if (real == ".") return "\xef\xbc\x8e";
  if (real == "..") return "\xef\xbc\x8e\xef\xbc\x8e";
  std::string out;
  for (char c : real) {
    auto b = static_cast<unsigned char>(c);
    if (b < 0x20) {
      out += "\xe2\x90";
      out.push_back(static_cast<char>(0x80 + b));
    } else if (b == 0x7f) {
      out += "\xe2\x90\xa1";
    } else if (b == '/') {
      out += "\xef\xbc\x8f";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

// ---- names --------------------------------------------------------------------------------------

TEST_P(ConformanceTest, FsEncoding) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"control chars", std::string("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d"
                                    "\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b"
                                    "\x1c\x1d\x1e\x1f\x7f",
                                    33)},
      {"dot", "."},
      {"dot dot", ".."},
      {"punctuation", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"},
      {"leading space", " leading space"},
      {"leading tilde", "~leading tilde"},
      {"leading CR", "\rleading CR"},
      {"leading LF", "\nleading LF"},
      {"leading HT", "\tleading HT"},
      {"leading VT", "\vleading VT"},
      {"leading dot", ".leading dot"},
      {"trailing space", "trailing space "},
      {"trailing CR", "trailing CR\r"},
      {"trailing LF", "trailing LF\n"},
      {"trailing HT", "trailing HT\t"},
      {"trailing VT", "trailing VT\v"},
      {"trailing dot", "trailing dot."},
      {"invalid UTF-8", "invalid utf-8\xfe"},
      {"URL encoding", "test%46.txt"},
  };
  for (const auto& [label, real] : cases) {
    SCOPED_TRACE(label);
    if (label == "invalid UTF-8" && target().skip_invalid_utf8) continue;
    std::string name = StandardEncode(real);
    std::string file = name + "/" + name;
    ASSERT_OK(fs_->Mkdir(name));
    std::string content = RandomContent(100);
    ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, PutString(*fs_, file, content, kTime1));
    EXPECT_EQ(o->remote(), file);
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> all, WalkDescribe(*fs_, ""));
    EXPECT_EQ(all, Expected(*fs_, {{file, 100}}, {name}));
    ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr found, fs_->NewObject(file));
    EXPECT_EQ(*ReadObject(*found), content);
    ASSERT_OK(found->Remove());
    ASSERT_OK(fs_->Rmdir(name));
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> after, WalkDescribe(*fs_, ""));
    EXPECT_TRUE(after.empty());
  }
}

// Names with the characters backends commonly have to encode (1fichier's mask and Windows'), in
// canonical standard form: each must come back exactly.
TEST_P(ConformanceTest, EncodedAndUnicodeNames) {
  const std::vector<std::string> names = {
      "a<b>c\"d'e`f$g\\h|i*j?k:l#m%n[o]p;q!r&s~t+u",
      " lead and trail ",
      "\xef\xbc\x9c fullwidth \xef\xbc\x9e",  // ＜ fullwidth ＞ (real fullwidth characters)
      "quote \xe2\x80\x9b\xe2\x80\x9b char",   // a real U+201B, which standard form doubles
      "\xe2\x90\xa0 symbol space",            // ␠ as a real character
      "日本語 😀 café",
      "cafe\xcc\x81 nfd",
      "~tilde.",
  };
  std::map<std::string, int64_t> want;
  for (size_t i = 0; i < names.size(); ++i) {
    SCOPED_TRACE(names[i]);
    std::string remote = "names/" + names[i];
    std::string content = RandomContent(i + 1);
    ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, PutString(*fs_, remote, content, kTime1));
    EXPECT_EQ(o->remote(), remote);
    EXPECT_EQ(ContentAt(*fs_, remote), content);
    want[remote] = static_cast<int64_t>(content.size());
  }
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries entries, fs_->List("names"));
  EXPECT_EQ(Describe(entries), Expected(*fs_, want, {}));
}

}  // namespace conformance
