#include "vfs/registry.h"

#include "gtest/gtest.h"
#include "vfs/errors.h"

namespace vfs {
namespace {

// The smallest Fs: enough to see what the factory received.
class ParamsFs : public Fs {
 public:
  explicit ParamsFs(FsParams params) : params_(std::move(params)) {}
  std::string Name() const override { return params_.name; }
  std::string Root() const override { return params_.root; }
  std::string ToString() const override { return "params"; }
  const Features& features() const override { return features_; }
  absl::StatusOr<DirEntries> List(std::string_view) override { return DirEntries{}; }
  absl::StatusOr<ObjectPtr> NewObject(std::string_view r) override { return ObjectNotFound(r); }
  absl::StatusOr<ObjectPtr> Put(Source&, const ObjectInfo&, const PutOptions&) override {
    return NotImplemented("Put");
  }
  absl::Status Mkdir(std::string_view) override { return absl::OkStatus(); }
  absl::Status Rmdir(std::string_view) override { return absl::OkStatus(); }
  const FsParams& params() const { return params_; }

 private:
  FsParams params_;
  Features features_;
};

BackendInfo TestBackend(std::string name) {
  BackendInfo info;
  info.name = std::move(name);
  info.description = "test";
  info.options = {Option{.name = "colour", .help = "a colour", .default_value = "blue"},
                  Option{.name = "key", .help = "needed", .default_value = "", .required = true},
                  Option{.name = "flag", .help = "bool", .default_value = ""}};
  info.factory = [](const FsParams& p) -> absl::StatusOr<NewFsResult> {
    return NewFsResult{std::make_shared<ParamsFs>(p), /*file=*/""};
  };
  return info;
}

TEST(RegistryTest, RegisterFindList) {
  Registry r;
  ASSERT_TRUE(r.Register(TestBackend("b")).ok());
  ASSERT_TRUE(r.Register(TestBackend("a")).ok());
  EXPECT_EQ(r.Register(TestBackend("a")).code(), absl::StatusCode::kAlreadyExists);
  auto found = r.Find("a");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ((*found)->name, "a");
  ASSERT_NE((*found)->FindOption("colour"), nullptr);
  EXPECT_EQ((*found)->FindOption("nope"), nullptr);
  absl::Status missing = r.Find("zzz").status();
  EXPECT_EQ(missing.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(missing.message(), "didn't find backend called \"zzz\"");
  auto all = r.List();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]->name, "a");
  EXPECT_EQ(all[1]->name, "b");
}

TEST(RegistryTest, RefusesIncompleteInfo) {
  Registry r;
  BackendInfo no_factory;
  no_factory.name = "x";
  EXPECT_EQ(r.Register(no_factory).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(r.Register(BackendInfo{}).code(), absl::StatusCode::kInvalidArgument);
}

TEST(RegistryTest, NewFsFillsDefaultsAndChecksRequired) {
  Registry r;
  ASSERT_TRUE(r.Register(TestBackend("t")).ok());
  EXPECT_EQ(r.NewFs("t", ":t", "x").status().code(), absl::StatusCode::kInvalidArgument);
  auto result = r.NewFs("t", ":t", "/a//b/", {{"key", "k"}, {"flag", "true"}});
  ASSERT_TRUE(result.ok()) << result.status();
  auto* fs = dynamic_cast<ParamsFs*>(result->fs.get());
  ASSERT_NE(fs, nullptr);
  EXPECT_EQ(fs->Root(), "/a//b/");  // the backend interprets its root
  EXPECT_EQ(fs->Name(), ":t");
  EXPECT_EQ(fs->params().Get("colour"), "blue");
  EXPECT_EQ(*fs->params().GetBool("flag"), true);
  EXPECT_FALSE(result->is_file());
}

TEST(RegistryTest, TypedOptionAccess) {
  FsParams p{"n", "", {{"b1", "T"}, {"b0", "False"}, {"bad", "yes"}, {"i", "42"}, {"x", "4x"}}};
  EXPECT_TRUE(*p.GetBool("b1"));
  EXPECT_FALSE(*p.GetBool("b0"));
  EXPECT_FALSE(*p.GetBool("unset"));
  EXPECT_FALSE(p.GetBool("bad").ok());
  EXPECT_EQ(*p.GetInt("i"), 42);
  EXPECT_FALSE(p.GetInt("x").ok());
}

TEST(RegistryTest, StaticRegistrarRegistersIntoGlobal) {
  static BackendRegistrar registrar(TestBackend("registry-test-static"));
  EXPECT_TRUE(Registry::Global().Find("registry-test-static").ok());
  // A second registration of the same name is ignored, not fatal.
  BackendRegistrar again(TestBackend("registry-test-static"));
  EXPECT_TRUE(Registry::Global().Find("registry-test-static").ok());
}

TEST(RegistryTest, LoadPluginMissingFile) {
  Registry r;
  auto result = r.LoadPlugin("/nonexistent/dir/libnothing.so");
  EXPECT_EQ(result.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(std::string(result.status().message()).find("/nonexistent/dir/libnothing.so"),
            std::string::npos);
}

}  // namespace
}  // namespace vfs
