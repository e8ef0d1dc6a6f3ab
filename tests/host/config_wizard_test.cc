// `fclone config` driven as a person (through a pseudo-terminal) and as a script (through a
// pipe) would: rclone 1.60's prompts in its order, the file rclone writes for the same answers,
// no echo of passwords on a terminal, and the file left alone when the answers stop mid-dialog.
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/host/fclone_config_env.h"
#include "vfs/config/obscure.h"

namespace fclone {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Each of `parts` appears in `text`.
void ExpectAll(const std::string& text, const std::vector<std::string>& parts) {
  for (const std::string& part : parts) EXPECT_THAT(text, HasSubstr(part));
}

// What rclone 1.60 prints for `n`, `remote`, `fichier`, `example_key`, `n`, `y`, `q` (recorded
// from the binary through a terminal; the storage list is checked apart since the backends
// differ, and piped answers are not echoed).
constexpr char kNewRemoteHead[] =
    "No remotes found, make a new one?\n"
    "n) New remote\n"
    "s) Set configuration password\n"
    "q) Quit config\n"
    "n/s/q> \n"
    "Enter name for new remote.\n"
    "name> \n"
    "Option Storage.\n"
    "Type of storage to configure.\n"
    "Choose a number from below, or type in your own value.\n"
    " 1 / 1Fichier\n"
    "   \\ (fichier)\n";
constexpr char kNewRemoteTail[] =
    "Storage> \n"
    "Option api_key.\n"
    "Your API Key, get it from https://1fichier.com/console/params.pl.\n"
    "Enter a value. Press Enter to leave empty.\n"
    "api_key> \n"
    "Edit advanced config?\n"
    "y) Yes\n"
    "n) No (default)\n"
    "y/n> \n"
    "Configuration complete.\n"
    "Options:\n"
    "- type: fichier\n"
    "- api_key: example_key\n"
    "Keep this \"remote\" remote?\n"
    "y) Yes this is OK (default)\n"
    "e) Edit this remote\n"
    "d) Delete this remote\n"
    "y/e/d> \n"
    "Current remotes:\n"
    "\n"
    "Name                 Type\n"
    "====                 ====\n"
    "remote               fichier\n"
    "\n"
    "e) Edit existing remote\n"
    "n) New remote\n"
    "d) Delete remote\n"
    "r) Rename remote\n"
    "c) Copy remote\n"
    "s) Set configuration password\n"
    "q) Quit config\n"
    "e/n/d/r/c/s/q> ";
constexpr char kRemoteSection[] = "[remote]\ntype = fichier\napi_key = example_key\n\n";

// Pipes `answers` into `fclone config` on a config holding `initial` ("" = none); what it
// printed. The dialog must end well.
std::string Wizard(FcloneConfigEnv& env, const std::string& initial, const std::string& answers) {
  if (!initial.empty()) env.WriteConfig(initial);
  RunResult r = env.Run({"config"}, answers);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

TEST(ConfigWizardTest, PipedAnswersGiveRclonesDialogAndFile) {
  FcloneConfigEnv env;
  RunResult r = env.Run({"config"}, "n\nremote\nfichier\nexample_key\nn\ny\nq\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with(kNewRemoteHead)) << r.out;
  EXPECT_TRUE(r.out.ends_with(kNewRemoteTail)) << r.out;
  EXPECT_THAT(r.out, HasSubstr("   \\ (local)\n"));
  EXPECT_EQ(env.ReadConfig(), kRemoteSection);
  EXPECT_EQ(env.ConfigMode(), 0600);
}

// Piped dialogs: what rclone says to each wrong answer, and the file each leaves.
struct DialogCase {
  std::string what;
  std::string initial;  // the config before ("" = none)
  std::string answers;
  std::vector<std::string> shown;  // parts of the output
  std::string after;               // the config after
};

TEST(ConfigWizardTest, DialogsAnswerAsRcloneDoes) {
  const std::vector<DialogCase> cases = {
      {"storage by number, unknown names",
       "",
       "n\nremote\nnosuch\n99\n1\nexample_key\nn\ny\nq\n",
       {"Storage> Bad remote \"nosuch\": didn't find backend called \"nosuch\"\nOption Storage.\n",
        "Storage> No choices with this number.\nStorage> \n"},
       kRemoteSection},
      {"remote names",
       kRemoteSection,
       "n\n\nremote\n-x\nbad:name\nok name\nlocal\nn\ny\nq\n",
       {"name> Can't use empty name.\n", "name> Remote \"remote\" already exists.\n",
        "name> Can't use \"-x\" as config name starts with `-`.\n",
        "name> Can't use \"bad:name\" as config name contains invalid characters - may only "
        "contain `0-9`, `A-Z`, `a-z`, `_`, `-`, `.` and space.\n"},
       std::string(kRemoteSection) + "[ok name]\ntype = local\n\n"},
      {"edit (new key, advanced cdn), rename, copy, delete",
       kRemoteSection,
       "e\n1\nnew_key\ny\n\nn\nn\n1\n\n\nn\ny\nr\nremote\nrenamed\nc\n1\ncopy\nd\n1\nq\n",
       {"Editing existing \"remote\" remote with options:\n- type: fichier\n- api_key: "
        "example_key\n",
        "Enter a string value. Press Enter for the default (example_key).\napi_key> ",
        "Enter new name for \"remote\" remote.\nEnter name for new remote.",
        "Enter name for copy of \"renamed\" remote.\n"},
       "[copy]\ntype = fichier\napi_key = new_key\ncdn = true\n\n"},
      {"menu answers",
       kRemoteSection,
       "x\nquit\nd\n\nnosuch\n7\n1\nq\n",
       {"e/n/d/r/c/s/q> This value must be one of the following characters: e, n, d, r, c, s, "
        "q.\n",
        "e/n/d/r/c/s/q> This value must be a single character, one of the following: e, n, d, r, "
        "c, s, q.\n",
        "remote> This value is required and it has no default.\n",
        "remote> This value must match an existing value.\n",
        "remote> No choices with this number.\n"},
       ""},
  };
  for (const DialogCase& c : cases) {
    SCOPED_TRACE(c.what);
    FcloneConfigEnv env;
    ExpectAll(Wizard(env, c.initial, c.answers), c.shown);
    EXPECT_EQ(env.ReadConfig(), c.after);
  }
}

// The advanced path: a typed password stored obscured, a boolean checked then stored.
TEST(ConfigWizardTest, PipedAdvancedPathStoresObscuredPasswordAndCdn) {
  FcloneConfigEnv env;
  RunResult r = env.Run(
      {"config"},
      "n\nremote\nfichier\nexample_key\ny\n\ny\nfile-pw\nother\nfile-pw\nfile-pw\nn\nmaybe\n"
      "true\n\n\nn\ny\nq\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectAll(r.out, {
                       "y/g/n> Enter the password:\npassword:Confirm the password:\n"
                       "password:Passwords do not match!\n",
                       "cdn> Failed to parse \"maybe\": parsing \"maybe\" as bool "
                       "failed: expected newline\n",
                       "- file_password: *** ENCRYPTED ***\n- cdn: true\n",
                   });
  EXPECT_THAT(r.out, Not(HasSubstr("file-pw")));
  std::string conf = env.ReadConfig();
  EXPECT_THAT(conf, HasSubstr("\ncdn = true\n"));
  std::optional<std::string> stored = ValueOf(conf, "file_password");
  ASSERT_TRUE(stored.has_value()) << conf;
  EXPECT_EQ(vfs::Reveal(*stored).value_or(""), "file-pw");
}

TEST(ConfigWizardTest, GeneratedPasswordIsShownOnceAndStoredObscured) {
  FcloneConfigEnv env;
  RunResult r = env.Run({"config"}, "n\nremote\nfichier\n\ny\n\ng\n12\n64\ny\nn\n\n\n\nn\ny\nq\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Bits> Error: password strength must be between 64 and 1024 bits"));
  size_t at = r.out.find("Your password is: ");
  ASSERT_NE(at, std::string::npos) << r.out;
  std::string generated = r.out.substr(at + 18, r.out.find('\n', at) - at - 18);
  EXPECT_EQ(generated.size(), 11u) << "64 bits as unpadded base64";
  std::optional<std::string> stored = ValueOf(env.ReadConfig(), "file_password");
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(vfs::Reveal(*stored).value_or(""), generated);
}

TEST(ConfigWizardTest, EndOfInputMidDialogIsAnErrorAndLeavesTheFile) {
  FcloneConfigEnv env;
  env.WriteConfig(kRemoteSection);
  for (const char* answers : {"n\nnew\nfichier\nsecret_key\n", "e\n1\n", "s\na\npw\n", ""}) {
    RunResult r = env.Run({"config"}, answers);
    EXPECT_EQ(r.exit_code, 1) << answers;
    EXPECT_THAT(r.err, HasSubstr("end of input while waiting for the answer to")) << answers;
    EXPECT_EQ(env.ReadConfig(), kRemoteSection) << answers;
  }
}

TEST(ConfigWizardTest, PasswordMenuEncryptsAndDecrypts) {
  FcloneConfigEnv env;
  const std::string out = Wizard(env, kRemoteSection, "s\na\nconf-pw\nconf-pw\nq\nq\n");
  EXPECT_THAT(out, HasSubstr("Your configuration is not encrypted.\nIf you add a password, you "
                             "will protect your login information to cloud services.\na) Add "
                             "Password\nq) Quit to main menu\na/q> Enter NEW configuration "
                             "password:\npassword:Confirm NEW configuration password:\n"
                             "password:Password set\nYour configuration is encrypted.\n"
                             "c) Change Password\nu) Unencrypt configuration\n"));
  std::string conf = env.ReadConfig();
  EXPECT_TRUE(conf.starts_with("# Encrypted rclone configuration File\n\nRCLONE_ENCRYPT_V0:\n"));
  EXPECT_THAT(conf, Not(HasSubstr("example_key")));
  EXPECT_EQ(env.ConfigMode(), 0600);

  RunResult listed = env.Run({"listremotes"}, "", {"RCLONE_CONFIG_PASS=conf-pw"});
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.out, "remote:\n");
  // u) removes the password: the file is plain again.
  RunResult u = env.Run({"config"}, "s\nu\nq\nq\n", {"RCLONE_CONFIG_PASS=conf-pw"});
  ASSERT_EQ(u.exit_code, 0) << u.err;
  EXPECT_EQ(env.ReadConfig(), kRemoteSection);
}

// Through a terminal: the dialog of a person, passwords typed without echo.
TEST(ConfigWizardTest, TerminalDialogDoesNotEchoPasswords) {
  FcloneConfigEnv env;
  std::unique_ptr<test_support::Process> p = env.StartOnTerminal({"config"});
  ASSERT_NE(p, nullptr);
  const std::vector<std::pair<std::string, std::string>> dialog = {{"n/s/q> ", "n"},
                                                                   {"name> ", "remote"},
                                                                   {"Storage> ", "fichier"},
                                                                   {"api_key> ", "example_key"},
                                                                   {"y/n> ", "y"},
                                                                   {"shared_folder> ", ""},
                                                                   {"y/g/n> ", "y"},
                                                                   {"\npassword:", "typed-secret"},
                                                                   {"\npassword:", "typed-secret"},
                                                                   {"y/g/n> ", "n"},
                                                                   {"cdn> ", "true"},
                                                                   {"encoding> ", ""},
                                                                   {"download_verify> ", ""},
                                                                   {"y/n> ", "n"},
                                                                   {"y/e/d> ", "y"},
                                                                   {"e/n/d/r/c/s/q> ", "q"}};
  size_t seen = 0;
  for (const auto& [prompt, answer] : dialog) {
    ASSERT_TRUE(p->ReadUntil([&] { return p->out().find(prompt, seen) != std::string::npos; },
                             std::chrono::seconds(30)))
        << "no " << prompt << " after: " << p->out().substr(seen);
    seen = p->out().find(prompt, seen) + prompt.size();
    p->Type(answer + "\n");
  }
  std::optional<int> code = p->WaitFor(std::chrono::seconds(30));
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0) << p->out();
  EXPECT_THAT(p->out(), HasSubstr("api_key> example_key\r\n")) << "answers are echoed";
  EXPECT_THAT(p->out(), Not(HasSubstr("typed-secret"))) << "passwords are not";
  std::string conf = env.ReadConfig();
  EXPECT_TRUE(conf.starts_with("[remote]\ntype = fichier\napi_key = example_key\n")) << conf;
  EXPECT_THAT(conf, HasSubstr("\ncdn = true\n"));
  EXPECT_EQ(vfs::Reveal(ValueOf(conf, "file_password").value_or("")).value_or(""), "typed-secret");
}

// An encrypted config asks its password on the terminal, without echo, when none is given.
TEST(ConfigWizardTest, TerminalPromptsForTheConfigPassword) {
  FcloneConfigEnv env;
  env.WriteConfig(kRemoteSection);
  ASSERT_EQ(env.Run({"config"}, "s\na\nconf-pw\nconf-pw\nq\nq\n").exit_code, 0);
  std::unique_ptr<test_support::Process> p = env.StartOnTerminal({"listremotes"});
  ASSERT_NE(p, nullptr);
  // The prompt goes to stderr (a pipe here); the answer is read from the terminal.
  auto prompts = [&] {
    size_t n = 0;
    for (size_t at = p->err().find("\npassword:"); at != std::string::npos;
         at = p->err().find("\npassword:", at + 1)) {
      ++n;
    }
    return n;
  };
  ASSERT_TRUE(p->ReadUntil([&] { return prompts() == 1; }, std::chrono::seconds(30)));
  p->Type("wrong\n");
  ASSERT_TRUE(p->ReadUntil([&] { return prompts() == 2; }, std::chrono::seconds(30))) << p->err();
  p->Type("conf-pw\n");
  std::optional<int> code = p->WaitFor(std::chrono::seconds(30));
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0) << p->out() << p->err();
  EXPECT_THAT(p->out(), HasSubstr("remote:\r\n"));
  EXPECT_THAT(p->out() + p->err(), Not(HasSubstr("conf-pw")));
  EXPECT_THAT(p->err(), HasSubstr("Couldn't decrypt configuration, most likely wrong password."));
}

}  // namespace
}  // namespace fclone
