// Loads the memory backend from its shared object and uses it through the registry; checks the
// errors for files that are not usable plugins. This binary does not link the memory backend, so
// "memory" can only come from the plugin.
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "vfs/errors.h"
#include "vfs/log.h"
#include "vfs/object_info.h"
#include "vfs/registry.h"
#include "vfs/source.h"

namespace {

bool Contains(absl::string_view haystack, const std::string& needle) {
  return std::string(haystack).find(needle) != std::string::npos;
}

TEST(PluginTest, MemoryBackendFromSharedObject) {
  vfs::Registry registry;
  EXPECT_FALSE(registry.Find("memory").ok());
  absl::StatusOr<std::vector<std::string>> names = registry.LoadPlugin(MEMORY_PLUGIN_PATH);
  ASSERT_TRUE(names.ok()) << names.status();
  EXPECT_EQ(*names, std::vector<std::string>{"memory"});
  auto info = registry.Find("memory");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ((*info)->origin, MEMORY_PLUGIN_PATH);
  ASSERT_NE((*info)->FindOption("allow_duplicates"), nullptr);

  // Use it: objects and errors created in the plugin's code work on this side.
  absl::StatusOr<vfs::NewFsResult> made = registry.NewFs("memory", ":memory", "plugin-test");
  ASSERT_TRUE(made.ok()) << made.status();
  vfs::Fs& fs = *made->fs;
  vfs::StringSource source("hello from a plugin");
  auto put = fs.Put(source, vfs::StaticObjectInfo("dir/hello.txt", 19, absl::UnixEpoch()));
  ASSERT_TRUE(put.ok()) << put.status();
  auto listed = fs.List("dir");
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].remote(), "dir/hello.txt");
  auto opened = (*put)->Open();
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*vfs::ReadAll(**opened), "hello from a plugin");
  // Error kinds survive the boundary (payloads are plain data).
  EXPECT_TRUE(vfs::IsObjectNotFound(fs.NewObject("missing").status()));
  EXPECT_TRUE(vfs::IsDirNotFound(fs.List("missing").status()));

  // Loading it a second time is refused: the name is taken.
  absl::StatusOr<std::vector<std::string>> again = registry.LoadPlugin(MEMORY_PLUGIN_PATH);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kAlreadyExists) << again.status();
}

TEST(PluginTest, PluginLogsReachTheProgramSink) {
  vfs::Registry registry;
  ASSERT_TRUE(registry.LoadPlugin(MEMORY_PLUGIN_PATH).ok());
  std::vector<std::string> lines;
  vfs::LogSink previous = vfs::SetLogSink(
      [&lines](vfs::LogLevel, std::string_view subject, std::string_view message) {
        lines.push_back(std::string(subject) + ": " + std::string(message));
      });
  auto made = registry.NewFs("memory", ":memory", "plugin-log", {{"allow_duplicates", "true"}});
  ASSERT_TRUE(made.ok()) << made.status();
  for (int i = 0; i < 2; ++i) {
    vfs::StringSource source("x");
    ASSERT_TRUE(
        made->fs->PutUnchecked(source, vfs::StaticObjectInfo("d.txt", 1, absl::UnixEpoch())).ok());
  }
  ASSERT_TRUE(made->fs->NewObject("d.txt").ok());  // logs that duplicates exist
  vfs::SetLogSink(previous);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(Contains(lines[0], "d.txt: 2 objects have this name")) << lines[0];
}

// The plugin is unloaded on this refusal (first load in this process): what it handed over must
// be destroyed before, or the program crashes running unloaded code.
TEST(PluginTest, NameTakenByTheProgramIsRefusedWithoutCrash) {
  vfs::Registry registry;
  vfs::BackendInfo linked_in;
  linked_in.name = "memory";
  linked_in.factory = [](const vfs::FsParams&) -> absl::StatusOr<vfs::NewFsResult> {
    return absl::UnimplementedError("linked-in stand-in");
  };
  ASSERT_TRUE(registry.Register(linked_in).ok());
  auto r = registry.LoadPlugin(MEMORY_PLUGIN_PATH);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kAlreadyExists) << r.status();
  EXPECT_TRUE(Contains(r.status().message(), "\"memory\" is already registered")) << r.status();
  ASSERT_EQ(registry.List().size(), 1u);
  EXPECT_EQ(registry.List()[0]->origin, "");
}

TEST(PluginTest, WrongAbiVersionIsRefused) {
  vfs::Registry registry;
  auto r = registry.LoadPlugin(WRONG_ABI_PLUGIN_PATH);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition) << r.status();
  EXPECT_TRUE(Contains(r.status().message(), "ABI version 99")) << r.status();
  EXPECT_TRUE(Contains(r.status().message(), WRONG_ABI_PLUGIN_PATH));
  EXPECT_TRUE(registry.List().empty());
}

TEST(PluginTest, WrongCompilerIsRefused) {
  vfs::Registry registry;
  auto r = registry.LoadPlugin(WRONG_BUILD_PLUGIN_PATH);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition) << r.status();
  EXPECT_TRUE(Contains(r.status().message(), "some other compiler")) << r.status();
}

TEST(PluginTest, MissingEntryPointIsRefused) {
  vfs::Registry registry;
  auto r = registry.LoadPlugin(NO_ENTRY_PLUGIN_PATH);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << r.status();
  EXPECT_TRUE(Contains(r.status().message(), "fichier_vfs_plugin_entry")) << r.status();
}

TEST(PluginTest, NotASharedObjectIsRefused) {
  vfs::Registry registry;
  // A file that exists and is no shared object.
  const std::string path = ::testing::TempDir() + "/not-a-plugin.so";
  std::ofstream(path) << "// a C++ source file, not an ELF object\n";
  auto r = registry.LoadPlugin(path);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << r.status();
  EXPECT_TRUE(Contains(r.status().message(), "cannot be loaded")) << r.status();
}

TEST(PluginTest, MissingFileIsNotFound) {
  vfs::Registry registry;
  auto r = registry.LoadPlugin("/no/such/plugin.so");
  EXPECT_EQ(r.status().code(), absl::StatusCode::kNotFound) << r.status();
}

}  // namespace
