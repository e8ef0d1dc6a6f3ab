#include "vfs/config/control_chars.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace vfs {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(ControlCharsTest, CheckNamesTheOptionNeverTheValue) {
  EXPECT_TRUE(CheckNoControlChars("api_key", "AbC-123_=.~").ok());
  EXPECT_TRUE(CheckNoControlChars("api_key", "caf\xC3\xA9").ok());
  for (const std::string& value :
       {std::string("a\rX-Injected: 1"), std::string("a\nb"), std::string("a\tb"),
        std::string("a\x1b[2J"), std::string("a\x7f"), std::string("a\0b", 3)}) {
    absl::Status s = CheckNoControlChars("api_key", value);
    ASSERT_FALSE(s.ok()) << value;
    EXPECT_THAT(std::string(s.message()), HasSubstr("\"api_key\""));
    EXPECT_THAT(std::string(s.message()), Not(HasSubstr("Injected")));
  }
}

TEST(ControlCharsTest, EscapeLeavesNoControlCharacter) {
  EXPECT_EQ(EscapeControlChars("plain text, caf\xC3\xA9"), "plain text, caf\xC3\xA9");
  EXPECT_EQ(EscapeControlChars("\x1b[31mred\r\nNOTICE: x\x7f"),
            "\\x1b[31mred\\x0d\\x0aNOTICE: x\\x7f");
  EXPECT_EQ(EscapeControlChars("a\xC2\x85" "b\xC2\xA0"), "a\\u0085b\xC2\xA0");  // NEL escaped, NBSP kept
  EXPECT_FALSE(HasControlChars(EscapeControlChars(std::string("\0\x01\x1f", 3))));
}

}  // namespace
}  // namespace vfs
