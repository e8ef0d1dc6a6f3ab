#include "tests/conformance/conformance_suite.h"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "tests/conformance/conformance_helpers.h"
#include "vfs/path.h"
#include "vfs/walk.h"

namespace conformance {

std::string TargetName(const ::testing::TestParamInfo<Target>& info) { return info.param.name; }

// ---- fixture ----------------------------------------------------------------------------------

namespace {

struct TargetState {
  absl::Mutex mu;
  std::map<std::string, std::shared_ptr<Target>> ready;  // by name, after set_up
  std::map<std::string, absl::Status> failed;
  std::vector<std::function<void()>> tear_downs;
  ~TargetState() {
    for (auto& f : tear_downs) f();
  }
};

TargetState& State() {
  static TargetState state;
  return state;
}

}  // namespace

const Target& ConformanceTest::target() const {
  TargetState& state = State();
  absl::MutexLock lock(&state.mu);
  return *state.ready.at(GetParam().name);
}

void ConformanceTest::SetUp() {
  TargetState& state = State();
  {
    absl::MutexLock lock(&state.mu);
    const std::string& name = GetParam().name;
    if (auto f = state.failed.find(name); f != state.failed.end()) {
      FAIL() << "set_up of target " << name << " failed: " << f->second;
    }
    if (!state.ready.contains(name)) {
      auto target = std::make_shared<Target>(GetParam());
      if (target->set_up) {
        absl::Status status = target->set_up(*target);
        if (!status.ok()) {
          state.failed.emplace(name, status);
          FAIL() << "set_up of target " << name << " failed: " << status;
        }
        if (target->tear_down) {
          state.tear_downs.push_back([target] { target->tear_down(*target); });
        }
      }
      state.ready.emplace(name, target);
    }
  }
  leaf_ = RandomLeaf();
  root_ = vfs::JoinPath(target().base_root, leaf_);
  vfs::NewFsResult result = NewFsAt(root_);
  ASSERT_NE(result.fs, nullptr);
  ASSERT_FALSE(result.is_file()) << "a fresh random root must not be a file";
  fs_ = result.fs;
  ASSERT_OK(fs_->Mkdir(""));
}

void ConformanceTest::TearDown() {
  if (fs_ == nullptr) return;
  if (fs_->features().purge) {
    (void)fs_->Purge("");
    return;
  }
  absl::StatusOr<vfs::DirEntries> all = vfs::Walk(*fs_, "");
  if (!all.ok()) return;
  std::vector<std::string> dirs;
  for (const vfs::DirEntry& e : *all) {
    if (e.is_object()) {
      (void)e.object()->Remove();
    } else {
      dirs.push_back(e.remote());
    }
  }
  // Deepest first.
  std::sort(dirs.begin(), dirs.end(), [](const std::string& a, const std::string& b) {
    return a.size() > b.size();
  });
  for (const std::string& d : dirs) (void)fs_->Rmdir(d);
  (void)fs_->Rmdir("");
}

vfs::NewFsResult ConformanceTest::NewFsAt(const std::string& root) {
  absl::StatusOr<vfs::NewFsResult> result = target().new_fs(root);
  EXPECT_TRUE(result.ok()) << "NewFs(" << root << "): " << result.status();
  if (!result.ok()) return {};
  return *std::move(result);
}

// The cases are in conformance_<concern>.cc, their helpers in conformance_helpers.h.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ConformanceTest);

}  // namespace conformance
