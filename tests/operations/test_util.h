// Helpers for the operations tests: memory remotes with known content, a fault-injecting Fs
// wrapper, and a log capture.
#ifndef FICHIER_TESTS_OPERATIONS_TEST_UTIL_H_
#define FICHIER_TESTS_OPERATIONS_TEST_UTIL_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "backend/memory/memory_fs.h"
#include "gtest/gtest.h"
#include "vfs/fs.h"
#include "vfs/log.h"
#include "vfs/operations/context.h"
#include "vfs/operations/sync.h"

namespace optest {

// A memory Fs on a root unique to this process and call (the store is shared process-wide).
std::shared_ptr<backend::memory::MemoryFs> NewMemory(bool duplicates = false,
                                                     std::string name = "mem");

// Puts `content` at `remote` with mod time `t` (default: a fixed 2020 time).
vfs::ObjectPtr Put(vfs::Fs& fs, const std::string& remote, const std::string& content,
                   absl::Time t = absl::FromUnixSeconds(1577934245));
// Puts each (remote, content) of `files` in order, with the default mod time.
void PutAll(vfs::Fs& fs, const std::vector<std::pair<std::string, std::string>>& files);
// Adds another object with the same name (the Fs must allow duplicates).
vfs::ObjectPtr PutDuplicate(vfs::Fs& fs, const std::string& remote, const std::string& content,
                            absl::Time t = absl::FromUnixSeconds(1577934245));

// Puts `contents[0]` at `remote`, then each further content as another object of that name.
void PutCopies(vfs::Fs& fs, const std::string& remote, const std::vector<std::string>& contents);

// Every object below the root: remote -> content (the first of duplicates wins; see Count).
std::map<std::string, std::string> Tree(vfs::Fs& fs);
// Every object: remote -> how many objects have that name.
std::map<std::string, int> Count(vfs::Fs& fs);

// Collects vfs log lines ("LEVEL subject: message") while alive.
class LogCapture {
 public:
  LogCapture();
  ~LogCapture();
  std::vector<std::string> Lines() const;
  bool Contains(const std::string& fragment) const;

 private:
  mutable absl::Mutex mu_;
  std::vector<std::string> lines_;
  vfs::LogSink previous_;
};

// Wraps an Fs under another name (so nothing is server-side) and fails Put/Update of chosen
// remotes: `failures` times with `error`, then passes through.
class FaultyFs : public vfs::Fs {
 public:
  explicit FaultyFs(vfs::FsPtr inner);
  void FailPut(const std::string& remote, absl::Status error, int failures = 1 << 30);
  int put_calls(const std::string& remote) const;

  std::string Name() const override { return "faulty"; }
  std::string Root() const override { return inner_->Root(); }
  std::string ToString() const override { return "Faulty " + inner_->ToString(); }
  const vfs::Features& features() const override { return features_; }
  absl::StatusOr<vfs::DirEntries> List(std::string_view dir) override { return inner_->List(dir); }
  absl::StatusOr<vfs::ObjectPtr> NewObject(std::string_view remote) override {
    return inner_->NewObject(remote);
  }
  absl::StatusOr<vfs::ObjectPtr> Put(vfs::Source& in, const vfs::ObjectInfo& info,
                                     const vfs::PutOptions& options) override;
  absl::Status Mkdir(std::string_view dir) override { return inner_->Mkdir(dir); }
  absl::Status Rmdir(std::string_view dir) override { return inner_->Rmdir(dir); }

 private:
  vfs::FsPtr inner_;
  vfs::Features features_;
  mutable absl::Mutex mu_;
  std::map<std::string, std::pair<absl::Status, int>> failures_;
  std::map<std::string, int> calls_;
};

// Records which directories are listed (to show what filters save).
class CountingFs : public FaultyFs {
 public:
  using FaultyFs::FaultyFs;
  absl::StatusOr<vfs::DirEntries> List(std::string_view dir) override;
  // Sorted.
  std::vector<std::string> listed() const;

 private:
  mutable absl::Mutex count_mu_;
  std::vector<std::string> listed_;
};

// A context with fresh stats and default options.
struct TestContext {
  TestContext() { ctx.stats = &stats; }
  vfs::operations::Stats stats;
  vfs::operations::Context ctx;
};

// A source and a destination memory remote (a test may replace either) and a fresh context,
// for the copy/sync/move tests.
class SyncPairTest : public ::testing::Test {
 protected:
  absl::Status Run(vfs::operations::SyncMode mode, std::string_view file = "") {
    return vfs::operations::Sync(t_.ctx, *src_, *dst_, mode, file);
  }
  // Makes the destination fail the puts of `remote` as FaultyFs::FailPut does: dst_ becomes a
  // FaultyFs (faulty_) over what it was (stored_, where the files land).
  void FailPuts(const std::string& remote, absl::Status error, int failures = 1 << 30) {
    if (faulty_ == nullptr) {
      faulty_ = std::make_shared<FaultyFs>(dst_);
      dst_ = faulty_;
    }
    faulty_->FailPut(remote, std::move(error), failures);
  }

  vfs::FsPtr src_ = NewMemory();
  vfs::FsPtr dst_ = NewMemory();
  vfs::FsPtr stored_ = dst_;
  std::shared_ptr<FaultyFs> faulty_;
  TestContext t_;
};

}  // namespace optest

#endif  // FICHIER_TESTS_OPERATIONS_TEST_UTIL_H_
