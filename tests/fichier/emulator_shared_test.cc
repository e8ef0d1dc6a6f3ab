// shared_folder mode against fichier-emulator: a public shared folder (with and without its
// password) is listed and its files downloaded; every change is refused.
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "tests/fichier/emulator_env.h"
#include "vfs/errors.h"
#include "vfs/object_info.h"
#include "vfs/source.h"

namespace fichier_test {
namespace {

class SharedFolderTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    if (HasFatalFailure()) return;
    auto fs = NewEmulatorFs("pub");
    ASSERT_TRUE(fs.ok());
    for (const auto& [name, data] : {std::pair<std::string, std::string>{"a.txt", "alpha"},
                                     {"b c.bin", "bravo charlie"}}) {
      vfs::StringSource in(data);
      ASSERT_TRUE(fs->fs->Put(in, vfs::StaticObjectInfo(name, data.size(), absl::Now())).ok());
    }
    auto root = NewEmulatorFs("");
    auto list = root->fs->List("");
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->size(), 1u);
    folder_id_ = list->front().directory().id;
  }
  // Shares the folder; returns the share id.
  std::string Share(const std::string& password) {
    httplib::Client client("127.0.0.1", emu_->port());
    std::string body = absl::StrCat("{\"folder_id\":", folder_id_, ",\"share\":1");
    if (!password.empty()) absl::StrAppend(&body, ",\"pass\":\"", password, "\"");
    body += "}";
    auto res = client.Post("/v1/folder/share.cgi",
                           {{"Authorization", std::string("Bearer ") +
                                                  emulator::testing::kPremiumKey}},
                           body, "application/json");
    EXPECT_TRUE(res && res->status == 200);
    if (!res) return "";
    size_t at = res->body.find("/dir/");
    return res->body.substr(at + 5, 8);
  }
  vfs::ConfigMap SharedConfig(const std::string& id, const std::string& password) {
    vfs::ConfigMap c = EmulatorConfig();
    c["shared_folder"] = id;
    if (!password.empty()) c["folder_password"] = password;  // FsParams carry revealed values
    return c;
  }

  std::string folder_id_;
};

TEST_F(SharedFolderTest, ListAndDownloadReadOnly) {
  const std::string id = Share("");
  auto fs = NewEmulatorFs("", SharedConfig(id, ""));
  ASSERT_TRUE(fs.ok()) << fs.status();
  auto list = fs->fs->List("");
  ASSERT_TRUE(list.ok()) << list.status();
  std::vector<std::string> names;
  for (const auto& e : *list) names.push_back(e.remote());
  EXPECT_THAT(names, ::testing::ElementsAre("a.txt", "b c.bin"));
  auto object = fs->fs->NewObject("b c.bin");
  ASSERT_TRUE(object.ok()) << object.status();
  EXPECT_EQ((*object)->size(), 13);
  auto in = (*object)->Open();
  ASSERT_TRUE(in.ok()) << in.status();
  EXPECT_EQ(*vfs::ReadAll(**in), "bravo charlie");
  // Read-only.
  vfs::StringSource data("x");
  EXPECT_TRUE(absl::IsPermissionDenied(
      fs->fs->Put(data, vfs::StaticObjectInfo("new.txt", 1, absl::Now())).status()));
  EXPECT_TRUE(absl::IsPermissionDenied(fs->fs->Mkdir("d")));
  EXPECT_TRUE(absl::IsPermissionDenied((*object)->Remove()));
  EXPECT_TRUE(vfs::IsDirNotFound(fs->fs->List("sub").status()));
  // A root naming one file of the share.
  auto file = NewEmulatorFs("a.txt", SharedConfig(id, ""));
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ(file->file, "a.txt");
}

TEST_F(SharedFolderTest, PasswordIsRevealedAndRequired) {
  const std::string id = Share("p@ss w0rd");
  auto good = NewEmulatorFs("", SharedConfig(id, "p@ss w0rd"));
  ASSERT_TRUE(good.ok());
  auto list = good->fs->List("");
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->size(), 2u);
  auto bad = NewEmulatorFs("", SharedConfig(id, "wrong"));
  ASSERT_TRUE(bad.ok());
  absl::Status st = bad->fs->List("").status();
  EXPECT_FALSE(st.ok());
  EXPECT_THAT(std::string(st.message()), ::testing::Not(::testing::HasSubstr("wrong")));
}

}  // namespace
}  // namespace fichier_test
