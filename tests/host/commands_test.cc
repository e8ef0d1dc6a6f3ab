// Commands own their flag values: one process parses two commands (two sets, and two commands
// of one set) and runs them, and neither sees the other's flags.
#include <sstream>
#include <string>
#include <vector>

#include "backend/memory/memory_fs.h"
#include "gtest/gtest.h"
#include "host/command.h"
#include "host/command_docs.h"
#include "host/flags.h"
#include "host/remote.h"
#include "vfs/config/config_file.h"
#include "vfs/config/config_location.h"
#include "vfs/config/environment.h"
#include "vfs/object_info.h"
#include "vfs/operations/context.h"
#include "vfs/registry.h"
#include "vfs/source.h"

namespace fclone {
namespace {

// One parsed command ready to run: its flag set and its arguments.
struct Parsed {
  const Command* command;
  std::vector<std::string> args;
};

Parsed Parse(const Commands& commands, const std::string& name,
             const std::vector<std::string>& argv) {
  const Command* command = FindCommand(commands, name);
  EXPECT_NE(command, nullptr) << name;
  FlagSet flags;
  command->add_flags(flags);
  absl::StatusOr<std::vector<std::string>> args = flags.Parse(argv);
  EXPECT_TRUE(args.ok()) << args.status();
  return Parsed{command, args.ok() ? *args : std::vector<std::string>{}};
}

class CommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    backend::memory::Register();
    auto fs = vfs::Registry::Global().NewFs("memory", ":memory", "commands_test");
    ASSERT_TRUE(fs.ok()) << fs.status();
    for (const char* remote : {"top.txt", "sub/deep.txt"}) {
      vfs::StringSource in("content");
      ASSERT_TRUE(fs->fs->Put(in, vfs::StaticObjectInfo(remote, 7, absl::FromUnixSeconds(0))).ok());
    }
  }

  // Runs a parsed command as the host does, with default global flags; its output.
  std::string Run(const Commands& commands, const Parsed& parsed) {
    GlobalFlags globals;
    vfs::operations::Stats stats;
    vfs::operations::Context ctx;
    ctx.options = globals.ops;
    ctx.stats = &stats;
    vfs::ConfigFile config = vfs::ConfigFile::InMemory();
    vfs::ConfigLocation location;
    location.in_memory = true;
    RemoteOpener opener(&config, vfs::Environment{}, {});
    std::ostringstream out;
    CommandEnv env{
        parsed.command->name, parsed.args, globals, ctx, opener, config, location, out, commands};
    absl::Status status = parsed.command->run(env);
    EXPECT_TRUE(status.ok()) << status;
    return out.str();
  }
};

TEST_F(CommandsTest, TwoSetsParsedThenRunKeepTheirOwnFlags) {
  const Commands first = MakeCommands();
  const Commands second = MakeCommands();
  // Both parsed before either runs: shared flag storage would make both recursive with sizes.
  Parsed recursive = Parse(first, "lsf", {"-R", "--format", "sp", ":memory:commands_test"});
  Parsed flat = Parse(second, "lsf", {":memory:commands_test"});
  EXPECT_EQ(Run(first, recursive), "-1;sub/\n7;sub/deep.txt\n7;top.txt\n");
  EXPECT_EQ(Run(second, flat), "sub/\ntop.txt\n");
}

TEST_F(CommandsTest, CommandsOfOneSetShareNoFlags) {
  const Commands commands = MakeCommands();
  Parsed lsf = Parse(commands, "lsf", {"-R", ":memory:commands_test"});
  Parsed lsjson = Parse(commands, "lsjson", {"--files-only", ":memory:commands_test"});
  // lsjson's own -R was not given: one level, files only.
  std::string json = Run(commands, lsjson);
  EXPECT_NE(json.find("\"Path\":\"top.txt\""), std::string::npos) << json;
  EXPECT_EQ(json.find("deep.txt"), std::string::npos) << json;
  EXPECT_EQ(Run(commands, lsf), "sub/\nsub/deep.txt\ntop.txt\n");
}

// Help text lives in command_docs.cc, apart from the commands: none may lack one, and no entry
// may be left behind by a command renamed or removed.
TEST(CommandDocsTest, EveryCommandHasHelpAndEveryEntryACommand) {
  const Commands commands = MakeCommands();
  for (const Command& c : commands) {
    EXPECT_FALSE(c.short_help.empty()) << c.name << " has no help";
  }
  for (std::string_view name : {"check", "copy", "mount", "rmdirs", "version"}) {
    const CommandDoc* doc = FindCommandDoc(name);
    ASSERT_NE(doc, nullptr) << name;
    EXPECT_EQ(doc->name, name);
    const Command* command = FindCommand(commands, name);
    ASSERT_NE(command, nullptr) << name;
    EXPECT_EQ(command->short_help, doc->short_help);
  }
  EXPECT_EQ(FindCommandDoc("no-such-command"), nullptr);
  EXPECT_EQ(FindCommandDoc(""), nullptr);
  EXPECT_EQ(FindCommandDoc("zzz"), nullptr);
  for (const CommandDoc& doc : AllCommandDocs()) {
    EXPECT_NE(FindCommand(commands, doc.name), nullptr) << doc.name << " names no command";
  }
}

}  // namespace
}  // namespace fclone
