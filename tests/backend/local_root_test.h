// A fixture for the local backend tests: a fresh temporary folder (base_) holding the remote's
// root (root_), removed after the test, and Open() to reach it through the registry.
#ifndef FICHIER_TESTS_BACKEND_LOCAL_ROOT_TEST_H_
#define FICHIER_TESTS_BACKEND_LOCAL_ROOT_TEST_H_

#include <filesystem>
#include <string>
#include <utility>

#include "backend/local/local_fs.h"
#include "gtest/gtest.h"
#include "tests/support/temp_dir.h"
#include "vfs/registry.h"

namespace local_test {

class LocalRootTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(base_.empty());
    std::filesystem::create_directory(root_);
  }

  // The local remote at `root` (default: root_) with `options`.
  vfs::FsPtr Open(vfs::ConfigMap options = {}, std::string root = "") {
    backend::local::Register();
    auto r = vfs::Registry::Global().NewFs("local", ":local", root.empty() ? root_ : root,
                                           std::move(options));
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->fs : nullptr;
  }

  test_support::TempDir temp_{"fichier-local"};
  const std::string base_ = temp_.path();
  const std::string root_ = base_ + "/root";
};

}  // namespace local_test

#endif  // FICHIER_TESTS_BACKEND_LOCAL_ROOT_TEST_H_
