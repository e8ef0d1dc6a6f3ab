// NewFs glue: spec parsing, backend lookup, option precedence and the factory, end to end with
// the memory and local backends.
#include "vfs/new_fs.h"

#include <filesystem>
#include <fstream>
#include <optional>

#include "backend/local/local_fs.h"
#include "backend/memory/memory_fs.h"
#include "gtest/gtest.h"
#include "vfs/config/config_file.h"
#include "vfs/config/environment.h"
#include "vfs/errors.h"
#include "vfs/features.h"
#include "vfs/global_options.h"
#include "vfs/object_info.h"
#include "vfs/source.h"

namespace vfs {
namespace {

class NewFsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    backend::memory::Register();
    backend::local::Register();
    auto parsed = ConfigFile::Parse(
        "[mem]\ntype = memory\n\n[dups]\ntype = memory\nallow_duplicates = true\n\n"
        "[ghost]\ntype = nosuchbackend\n",
        "/test/rclone.conf");
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    file_ = *std::move(parsed);
    sources_.file = &file_;
    sources_.env = &env_;
  }

  // NewFs(spec), which must succeed; nullopt (the test has failed) if it did not.
  std::optional<OpenedFs> Open(std::string_view spec) {
    absl::StatusOr<OpenedFs> opened = NewFs(spec, sources_);
    EXPECT_TRUE(opened.ok()) << spec << ": " << opened.status();
    if (!opened.ok()) return std::nullopt;
    return *std::move(opened);
  }

  // Opens `spec` and checks the name, root and duplicate_files feature of the Fs it gives.
  void ExpectFs(std::string_view spec, std::string_view name, std::string_view root,
                bool duplicate_files) {
    std::optional<OpenedFs> opened = Open(spec);
    ASSERT_TRUE(opened);
    EXPECT_EQ(opened->fs->Name(), name) << spec;
    EXPECT_EQ(opened->fs->Root(), root) << spec;
    EXPECT_EQ(opened->fs->features().duplicate_files, duplicate_files) << spec;
  }

  ConfigFile file_ = ConfigFile::InMemory();
  Environment env_;
  ConfigSources sources_;
};

TEST_F(NewFsTest, NamedRemoteFromTheConfigFile) {
  ExpectFs("mem:some/dir", "mem", "some/dir", /*duplicate_files=*/false);
  auto dups = Open("dups:");
  ASSERT_TRUE(dups);
  EXPECT_TRUE(dups->fs->features().duplicate_files);
  EXPECT_EQ(dups->options.Origin("allow_duplicates")->source, OptionSource::kConfigFile);
}

TEST_F(NewFsTest, ConnectionStringBeatsFileAndEnvironment) {
  env_ = Environment{{"RCLONE_CONFIG_DUPS_ALLOW_DUPLICATES", "false"}};
  auto from_env = Open("dups:");
  ASSERT_TRUE(from_env);
  EXPECT_FALSE(from_env->fs->features().duplicate_files);
  auto overridden = Open("dups,allow_duplicates=true:");
  ASSERT_TRUE(overridden);
  EXPECT_TRUE(overridden->fs->features().duplicate_files);
}

TEST_F(NewFsTest, OnTheFlyRemote) {
  ExpectFs(":memory,allow_duplicates:x/y", ":memory", "x/y", /*duplicate_files=*/true);
}

TEST_F(NewFsTest, LocalPathAndFileTarget) {
  std::string dir = (std::filesystem::temp_directory_path() / "fichier-newfs-test").string();
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/f.txt") << "hello";
  auto opened = Open(dir + "/f.txt");
  ASSERT_TRUE(opened);
  EXPECT_TRUE(opened->is_file());
  EXPECT_EQ(opened->file, "f.txt");
  EXPECT_EQ(opened->fs->Root(), dir);
  EXPECT_TRUE(opened->fs->features().is_local);
  std::filesystem::remove_all(dir);
}

TEST_F(NewFsTest, Errors) {
  auto unknown_remote = NewFs("nope:x", sources_);
  EXPECT_TRUE(absl::IsNotFound(unknown_remote.status())) << unknown_remote.status();
  EXPECT_NE(std::string(unknown_remote.status().message()).find("didn't find section"),
            std::string::npos)
      << unknown_remote.status();
  auto unknown_type = NewFs("ghost:", sources_);
  EXPECT_TRUE(absl::IsNotFound(unknown_type.status())) << unknown_type.status();
  EXPECT_NE(std::string(unknown_type.status().message()).find("nosuchbackend"), std::string::npos)
      << unknown_type.status();
  auto bad_option = NewFs(":memory,allow_duplicates=perhaps:", sources_);
  EXPECT_FALSE(bad_option.ok());
  auto bad_syntax = NewFs(":memory,=x:", sources_);
  EXPECT_EQ(bad_syntax.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(NewFsTest, TwoSpecsSeeTheSameMemoryStore) {
  auto a = NewFs("mem:newfs-shared", sources_);
  auto b = NewFs(":memory:newfs-shared", sources_);
  ASSERT_TRUE(a.ok() && b.ok());
  StringSource s("abc");
  ASSERT_TRUE(a->fs->Put(s, StaticObjectInfo("f", 3, absl::Now())).ok());
  EXPECT_TRUE(b->fs->NewObject("f").ok());
}

// --disable (GlobalOptions::disabled_features): every Fs NewFs makes has those features off,
// whatever their case; names rclone has that no backend here has are accepted, unknown ones
// change nothing.
TEST_F(NewFsTest, DisabledFeaturesAreOffInEveryFsMade) {
  const GlobalOptions before = GetGlobalOptions();
  GlobalOptions options = before;
  options.disabled_features = {"copy", "LISTR", "ChangeNotify", "nonsense"};
  SetGlobalOptions(options);
  std::optional<OpenedFs> mem = Open("mem:");
  std::optional<OpenedFs> dups = Open("dups:");
  SetGlobalOptions(before);
  ASSERT_TRUE(mem && dups);
  for (const OpenedFs* opened : {&*mem, &*dups}) {
    EXPECT_FALSE(opened->fs->features().copy);
    EXPECT_FALSE(opened->fs->features().list_r);
    EXPECT_TRUE(opened->fs->features().move) << "not named: unchanged";
  }
  std::optional<OpenedFs> after = Open("mem:");
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->fs->features().copy) << "the list is read when an Fs is made";
}

TEST(FeaturesTest, DisableKnowsRclonesNames) {
  Features f;
  f.copy = f.move = f.put_stream = f.can_have_empty_dirs = true;
  EXPECT_TRUE(f.Disable("Copy"));
  EXPECT_FALSE(f.copy);
  EXPECT_TRUE(f.Disable("putstream"));
  EXPECT_FALSE(f.put_stream);
  EXPECT_TRUE(f.Disable("CANHAVEEMPTYDIRECTORIES"));
  EXPECT_FALSE(f.can_have_empty_dirs);
  EXPECT_TRUE(f.Disable("SetTier"));  // rclone's, never ours
  EXPECT_FALSE(f.Disable("CopyUrl")) << "not an rclone feature name";
  EXPECT_FALSE(f.Disable(" Move")) << "the host trims, not this";
  EXPECT_TRUE(f.move);
  EXPECT_EQ(Features().ByRcloneName().size(), 38u);
}

}  // namespace
}  // namespace vfs
