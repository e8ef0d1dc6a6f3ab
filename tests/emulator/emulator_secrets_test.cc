// Keys and the admin token given to the real binary without argv: --key-file, --free-key-file,
// --admin-token-file and the FICHIER_EMULATOR_* environment variables; bad files are refused
// with a clear message and a non-zero exit.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/emulator/emulator_test_util.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

#ifndef FICHIER_EMULATOR_BINARY
#error "FICHIER_EMULATOR_BINARY must name the fichier-emulator binary"
#endif

namespace emulator::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kFileKey1[] = "fileKeyAAAA0123456789abcdefABCDE";
constexpr char kFileKey2[] = "fileKeyBBBB0123456789abcdefABCDE";
constexpr char kFileFreeKey[] = "fileFreeKeyC0123456789abcdefABCD";
constexpr char kFileToken[] = "token-from-a-file";

// A private scratch directory (test_support::TempDir), removed with its files.
class SecretsDir : public test_support::TempDir {
 public:
  SecretsDir() : test_support::TempDir("emu-secrets") {}
  // Writes `text` to a new file created 0600; returns its path.
  std::string Write(const std::string& name, const std::string& text) {
    const std::string file = path() + "/" + name;
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    EXPECT_GE(fd, 0) << file;
    if (fd >= 0) {
      EXPECT_EQ(::write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
      ::close(fd);
    }
    return file;
  }
};

// The emulator binary as a child with pipes on stdout and stderr, started with `args` (after
// --listen 127.0.0.1:0) and extra environment entries. SIGTERM and reaped when it goes away.
class Child {
 public:
  explicit Child(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
    test_support::SpawnOptions o;
    o.argv = {FICHIER_EMULATOR_BINARY, "--listen", "127.0.0.1:0"};
    o.argv.insert(o.argv.end(), args.begin(), args.end());
    o.set_env = env;
    process_ = test_support::Process::Spawn(o);
  }
  pid_t pid() const { return process_ != nullptr ? process_->pid() : -1; }
  const std::string& out() const { return process_->out(); }
  const std::string& err() const { return process_->err(); }

  // Reads output until `done` holds or the child closed both pipes (at most 10 s).
  template <class Done>
  void ReadUntil(Done done) {
    if (process_ != nullptr) process_->ReadUntil(done, std::chrono::seconds(10));
  }
  // The base URL once the emulator listens; "" when it exited (or took over 10 s).
  std::string Url() {
    ReadUntil([this] { return out().find('\n') != std::string::npos; });
    const std::string prefix = "listening on ";
    if (out().rfind(prefix, 0) != 0 || out().find('\n') == std::string::npos) return "";
    return out().substr(prefix.size(), out().find('\n') - prefix.size());
  }
  // Waits for the exit (pipes read to their end first); the exit code, 128+N for signal N.
  int Wait() {
    if (process_ == nullptr) return -1;
    std::optional<int> code;
    while (!code.has_value()) code = process_->WaitFor(std::chrono::hours(24));
    return *code;
  }

 private:
  std::unique_ptr<test_support::Process> process_;
};

// The command line of a running process, NULs shown as spaces (what ps shows).
std::string CommandLine(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/cmdline"), std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (char& c : text) {
    if (c == '\0') c = ' ';
  }
  return text;
}

httplib::Client ClientFor(const std::string& url) {
  httplib::Client c(url);
  c.set_connection_timeout(5);
  c.set_read_timeout(20);
  return c;
}

// user/info.cgi with `key`: the HTTP status, and the "offer" field ("1": premium) when 200, the
// error message otherwise (a free key is known but refused: API use needs a customer account).
std::pair<int, std::string> UserInfo(const std::string& url, const std::string& key) {
  auto res = ClientFor(url).Post("/v1/user/info.cgi", {{"Authorization", "Bearer " + key}}, "{}",
                                 "application/json");
  if (!res) return {0, ""};
  Json j(res->body);
  if (!j.ok()) return {res->status, res->body};
  return {res->status, Str(j[res->status == 200 ? "offer" : "message"])};
}
constexpr char kFreeRefusal[] = "Must be a customer (Premium, Access) #200";

int AdminStatus(const std::string& url, const std::string& token) {
  httplib::Headers h;
  if (!token.empty()) h.emplace("X-Admin-Token", token);
  auto res = ClientFor(url).Get("/_emulator/stats", h);
  return res ? res->status : 0;
}

using Answer = std::pair<int, std::string>;

TEST(SecretsTest, KeysAndTokenFromFilesWorkAndStayOutOfArgv) {
  SecretsDir dir;
  ASSERT_FALSE(dir.path().empty());
  const std::string keys = dir.Write(
      "keys", absl::StrCat("# premium keys\n\n  ", kFileKey1, "  \r\n#", kFileFreeKey, "\n",
                           kFileKey2));  // CRLF line, indented key, no final newline
  const std::string free_keys = dir.Write("free", absl::StrCat(kFileFreeKey, "\n"));
  const std::string token = dir.Write("token", absl::StrCat("# admin\n", kFileToken, "\n"));
  Child emu({"--key-file", keys, "--free-key-file", free_keys, "--admin-token-file", token});
  const std::string url = emu.Url();
  ASSERT_FALSE(url.empty()) << emu.err();
  EXPECT_THAT(emu.err(), Not(HasSubstr("warning")));  // 0600 files

  EXPECT_EQ(UserInfo(url, kFileKey1), Answer(200, "1"));
  EXPECT_EQ(UserInfo(url, kFileKey2), Answer(200, "1"));
  EXPECT_EQ(UserInfo(url, kFileFreeKey), Answer(403, kFreeRefusal));  // commented out as premium
  EXPECT_EQ(UserInfo(url, "fileKeyAAAA0123456789abcdefABCDX").first, 401);
  EXPECT_EQ(UserInfo(url, kPremiumKey).first, 401);  // no default keys

  EXPECT_EQ(AdminStatus(url, kFileToken), 200);
  EXPECT_EQ(AdminStatus(url, ""), 401);
  EXPECT_EQ(AdminStatus(url, "# admin"), 401);

  const std::string cmdline = CommandLine(emu.pid());
  EXPECT_THAT(cmdline, HasSubstr("--key-file " + keys));
  for (const char* secret : {kFileKey1, kFileKey2, kFileFreeKey, kFileToken}) {
    EXPECT_THAT(cmdline, Not(HasSubstr(secret)));
  }
}

TEST(SecretsTest, KeysAndTokenFromTheEnvironment) {
  Child emu({"--free-key", "flagFreeKey0123456789abcdefABCDE"},
            {absl::StrCat("FICHIER_EMULATOR_KEYS= ", kFileKey1, ",,", kFileKey2, " "),
             absl::StrCat("FICHIER_EMULATOR_FREE_KEYS=", kFileFreeKey),
             absl::StrCat("FICHIER_EMULATOR_ADMIN_TOKEN=", kFileToken)});
  const std::string url = emu.Url();
  ASSERT_FALSE(url.empty()) << emu.err();
  // Keys from the environment add to the flags'.
  EXPECT_EQ(UserInfo(url, kFileKey1), Answer(200, "1"));
  EXPECT_EQ(UserInfo(url, kFileKey2), Answer(200, "1"));
  EXPECT_EQ(UserInfo(url, kFileFreeKey), Answer(403, kFreeRefusal));
  EXPECT_EQ(UserInfo(url, "flagFreeKey0123456789abcdefABCDE"), Answer(403, kFreeRefusal));
  EXPECT_EQ(UserInfo(url, kPremiumKey).first, 401);
  EXPECT_EQ(AdminStatus(url, kFileToken), 200);
  EXPECT_EQ(AdminStatus(url, ""), 401);
}

TEST(SecretsTest, AdminTokenFlagWinsOverTheEnvironment) {
  Child emu({"--key", kPremiumKey, "--admin-token", "flag-token"},
            {absl::StrCat("FICHIER_EMULATOR_ADMIN_TOKEN=", kFileToken)});
  const std::string url = emu.Url();
  ASSERT_FALSE(url.empty()) << emu.err();
  EXPECT_EQ(AdminStatus(url, "flag-token"), 200);
  EXPECT_EQ(AdminStatus(url, kFileToken), 401);
}

TEST(SecretsTest, BadSecretsFilesAreClearErrors) {
  SecretsDir dir;
  ASSERT_FALSE(dir.path().empty());
  const std::string missing = dir.path() + "/no-such-file";
  const std::string empty = dir.Write("empty", "# only a comment\n\n   \n");
  const std::string two_tokens = dir.Write("two", "one\ntwo\n");
  const std::string good = dir.Write("good", absl::StrCat(kFileKey1, "\n"));
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  for (const Case& k : std::vector<Case>{
           {{"--key-file", missing}, "--key-file " + missing + ": cannot read: No such file"},
           {{"--free-key-file", missing}, "--free-key-file " + missing + ": cannot read"},
           {{"--admin-token-file", missing}, "--admin-token-file " + missing + ": cannot read"},
           {{"--key-file", dir.path()}, "--key-file " + dir.path() + ": cannot read: Is a dir"},
           {{"--key-file", empty}, "--key-file " + empty + ": no entry"},
           {{"--admin-token-file", two_tokens}, ": more than one token"},
           {{"--admin-token", "t", "--admin-token-file", good}, "not both"},
           {{"--key-file", good, "--free-key-file", good}, "both as premium and as free"},
       }) {
    Child emu(k.args);
    EXPECT_EQ(emu.Wait(), 2) << k.message << "\n" << emu.err();
    EXPECT_THAT(emu.err(), HasSubstr(k.message));
    EXPECT_THAT(emu.out(), Not(HasSubstr("listening on")));
  }
}

TEST(SecretsTest, FilesOthersCanReadAreWarnedAbout) {
  SecretsDir dir;
  const std::string keys = dir.Write("keys", absl::StrCat(kFileKey1, "\n"));
  ASSERT_EQ(::chmod(keys.c_str(), 0644), 0);
  Child emu({"--key-file", keys});
  const std::string url = emu.Url();
  ASSERT_FALSE(url.empty()) << emu.err();
  emu.ReadUntil([&] { return emu.err().find("chmod 600") != std::string::npos; });
  EXPECT_THAT(emu.err(), HasSubstr("--key-file " + keys + " is open to other users"));
  EXPECT_EQ(UserInfo(url, kFileKey1).first, 200);  // a warning, not a refusal
}

TEST(SecretsTest, HelpSaysArgvSecretsShowInPs) {
  Child help({"--help"});
  EXPECT_EQ(help.Wait(), 0);
  EXPECT_THAT(help.out(), HasSubstr("--key-file"));
  EXPECT_THAT(help.out(), HasSubstr("--free-key-file"));
  EXPECT_THAT(help.out(), HasSubstr("--admin-token-file"));
  EXPECT_THAT(help.out(), HasSubstr("visible to other users in ps"));
  EXPECT_THAT(help.out(), HasSubstr("FICHIER_EMULATOR_KEYS"));
}

}  // namespace
}  // namespace emulator::testing
