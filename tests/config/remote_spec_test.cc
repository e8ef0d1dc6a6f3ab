#include "vfs/config/remote_spec.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace vfs {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;
using Kind = RemoteSpec::Kind;

RemoteSpec MustParse(std::string_view arg) {
  absl::StatusOr<RemoteSpec> s = ParseRemoteSpec(arg);
  EXPECT_TRUE(s.ok()) << arg << ": " << s.status();
  return s.ok() ? *s : RemoteSpec{};
}

// The local/remote split of each argument was checked with rclone 1.60 (`rclone lsf ARG`).
TEST(RemoteSpecTest, LocalPaths) {
  for (std::string_view arg :
       {"/abs/path", "relative/dir", "s", "", "x/y:z", "bad/name:", "s,a=b", "/abs:x", "./a:b"}) {
    RemoteSpec s = MustParse(arg);
    EXPECT_EQ(s.kind, Kind::kLocal) << arg;
    EXPECT_EQ(s.path, arg);
    EXPECT_EQ(s.ConfigName(), "local");
    EXPECT_TRUE(s.parameters.empty());
  }
}

TEST(RemoteSpecTest, NamedRemotes) {
  RemoteSpec s = MustParse("myf:some/dir");
  EXPECT_EQ(s.kind, Kind::kNamed);
  EXPECT_EQ(s.name, "myf");
  EXPECT_EQ(s.path, "some/dir");
  EXPECT_EQ(s.ConfigName(), "myf");

  s = MustParse("myf:");
  EXPECT_EQ(s.name, "myf");
  EXPECT_EQ(s.path, "");

  s = MustParse("myf:/rooted");  // the leading '/' is kept for the backend
  EXPECT_EQ(s.path, "/rooted");

  s = MustParse("a b.c-d_e:p:q");  // spaces, dots and dashes allowed; later colons are path
  EXPECT_EQ(s.name, "a b.c-d_e");
  EXPECT_EQ(s.path, "p:q");

  // On Linux rclone treats a one-letter name as a remote, not a drive letter.
  s = MustParse("c:/tmp");
  EXPECT_EQ(s.kind, Kind::kNamed);
  EXPECT_EQ(s.name, "c");
}

TEST(RemoteSpecTest, OnTheFlyRemotesAndParameters) {
  RemoteSpec s = MustParse(":fichier,api_key='AbC:d,e':some/dir");
  EXPECT_EQ(s.kind, Kind::kOnTheFly);
  EXPECT_EQ(s.name, "fichier");
  EXPECT_EQ(s.ConfigName(), ":fichier");
  EXPECT_THAT(s.parameters, ElementsAre(Pair("api_key", "AbC:d,e")));
  EXPECT_EQ(s.path, "some/dir");

  s = MustParse(":local,encoding='Slash,Dollar':/path");
  EXPECT_THAT(s.parameters, ElementsAre(Pair("encoding", "Slash,Dollar")));
  EXPECT_EQ(s.path, "/path");

  s = MustParse(":local:");
  EXPECT_EQ(s.name, "local");
  EXPECT_TRUE(s.parameters.empty());

  s = MustParse("remote,flag,a=1,b=\"c\"\"d\",c='it''s',d=,e=x'y,f=\"\":p");
  EXPECT_EQ(s.kind, Kind::kNamed);
  EXPECT_THAT(s.parameters,
              ElementsAre(Pair("flag", "true"), Pair("a", "1"), Pair("b", "c\"d"),
                          Pair("c", "it's"), Pair("d", ""), Pair("e", "x'y"), Pair("f", "")));
  EXPECT_EQ(s.path, "p");

  s = MustParse("s,a:/x");  // a bare parameter ending the config part
  EXPECT_THAT(s.parameters, ElementsAre(Pair("a", "true")));
  EXPECT_EQ(s.path, "/x");
}

// Messages are rclone 1.60's for the same arguments.
TEST(RemoteSpecTest, SyntaxErrors) {
  struct Case {
    std::string arg;
    std::string message;
  };
  const std::vector<Case> cases = {
      {":local", "config name needs a trailing `:`"},
      {":", "config name needs a trailing `:`"},
      {"::", "config name can't be empty"},
      {":,a=b:", "config name can't be empty"},
      {",a=b:x", "config name can't be empty"},
      {":bad/x:", "config name contains invalid characters"},
      {"a*:x", "config name contains invalid characters"},
      {"s,:x", "config parameters can't be empty"},
      {"s,a=1,:x", "config parameters can't be empty"},
      {":local,=v:x", "config parameters can't be empty"},
      {":local,a\"=b:x", "config parameters may only contain `0-9`, `A-Z`, `a-z` and `_`"},
      {":local,a b=1:x", "config parameters may only contain"},
      {":local,a", "config parameter must end with `,` or `:`"},
      {":local,a=b,", "config parameter must end with `,` or `:`"},
      {":local,a=b", "unquoted config value must end with `,` or `:`"},
      {":local,a='x:/tmp", "unterminated quoted config value"},
      {":local,a='x''", "unterminated quoted config value"},
      {":local,a='x'y:/tmp", "expecting `:` or `,` or another quote after a quote"},
      {":local,a='x'", "expecting `:` or `,` or another quote after a quote"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<RemoteSpec> s = ParseRemoteSpec(c.arg);
    ASSERT_FALSE(s.ok()) << c.arg;
    EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(s.status().message(), HasSubstr(c.message)) << c.arg;
  }
}

TEST(RemoteSpecTest, ErrorsDoNotRepeatTheArgument) {
  absl::StatusOr<RemoteSpec> s = ParseRemoteSpec(":fichier,api_key='TOPSECRETKEY:dir");
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.status().message(), ::testing::Not(HasSubstr("TOPSECRETKEY")));
  EXPECT_THAT(s.status().message(), HasSubstr("at byte 17"));  // the opening quote
}

TEST(RemoteSpecTest, FormatRoundTrips) {
  for (std::string_view arg :
       {":fichier,api_key='AbC:d,e':some/dir", "remote,flag,a=1,b=\"c\"\"d\",c='it''s',d=:p",
        "myf:", "myf:/x/y", "/local/path", ":local,a='''lead':x", "s,e=x'y:"}) {
    RemoteSpec s = MustParse(arg);
    std::string text = FormatRemoteSpec(s);
    RemoteSpec back = MustParse(text);
    EXPECT_EQ(back.kind, s.kind) << arg << " -> " << text;
    EXPECT_EQ(back.name, s.name) << text;
    EXPECT_EQ(back.parameters, s.parameters) << text;
    EXPECT_EQ(back.path, s.path) << text;
  }
  EXPECT_EQ(FormatRemoteSpec(MustParse(":fichier,api_key='AbC:d,e':dir")),
            ":fichier,api_key='AbC:d,e':dir");
  RemoteSpec local;
  local.path = "a:b";  // would read as remote "a": rclone's advice is "./"
  EXPECT_EQ(FormatRemoteSpec(local), "./a:b");
}

}  // namespace
}  // namespace vfs
