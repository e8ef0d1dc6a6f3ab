#include "tests/operations/test_util.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "vfs/source.h"
#include "vfs/walk.h"

namespace optest {
namespace {

// Listings and logs are compared with fixed times: print them in UTC.
const bool kUtc = [] {
  setenv("TZ", "UTC", 1);
  return true;
}();

const char* LevelName(vfs::LogLevel level) {
  switch (level) {
    case vfs::LogLevel::kError:
      return "ERROR";
    case vfs::LogLevel::kNotice:
      return "NOTICE";
    case vfs::LogLevel::kInfo:
      return "INFO";
    case vfs::LogLevel::kDebug:
      return "DEBUG";
  }
  return "?";
}

}  // namespace

std::shared_ptr<backend::memory::MemoryFs> NewMemory(bool duplicates, std::string name) {
  static std::atomic<int> counter{0};
  (void)kUtc;
  backend::memory::MemoryOptions options;
  options.allow_duplicates = duplicates;
  return backend::memory::MemoryFs::Create(
      std::move(name), absl::StrCat("optest", getpid(), "-", counter.fetch_add(1)), options);
}

namespace {

// Put refuses a second object of a name that PutUnchecked adds; a failure ends the test run.
vfs::ObjectPtr PutObject(vfs::Fs& fs, const std::string& remote, const std::string& content,
                         absl::Time t, bool unchecked) {
  vfs::StringSource in(content);
  vfs::StaticObjectInfo info(remote, static_cast<int64_t>(content.size()), t);
  absl::StatusOr<vfs::ObjectPtr> o = unchecked ? fs.PutUnchecked(in, info) : fs.Put(in, info);
  if (!o.ok()) std::abort();
  return *o;
}

}  // namespace

vfs::ObjectPtr Put(vfs::Fs& fs, const std::string& remote, const std::string& content,
                   absl::Time t) {
  return PutObject(fs, remote, content, t, /*unchecked=*/false);
}

vfs::ObjectPtr PutDuplicate(vfs::Fs& fs, const std::string& remote, const std::string& content,
                            absl::Time t) {
  return PutObject(fs, remote, content, t, /*unchecked=*/true);
}

void PutCopies(vfs::Fs& fs, const std::string& remote, const std::vector<std::string>& contents) {
  for (size_t i = 0; i < contents.size(); ++i) {
    PutObject(fs, remote, contents[i], absl::FromUnixSeconds(1577934245), /*unchecked=*/i > 0);
  }
}

void PutAll(vfs::Fs& fs, const std::vector<std::pair<std::string, std::string>>& files) {
  for (const auto& [remote, content] : files) Put(fs, remote, content);
}

std::map<std::string, std::string> Tree(vfs::Fs& fs) {
  std::map<std::string, std::string> out;
  absl::StatusOr<vfs::DirEntries> entries = vfs::Walk(fs, "");
  if (!entries.ok()) return out;
  for (const vfs::DirEntry& e : *entries) {
    if (!e.is_object() || out.count(e.remote())) continue;
    absl::StatusOr<std::unique_ptr<vfs::Source>> r = e.object()->Open();
    if (!r.ok()) continue;
    absl::StatusOr<std::string> data = vfs::ReadAll(**r);
    out[e.remote()] = data.ok() ? *data : "<error>";
  }
  return out;
}

std::map<std::string, int> Count(vfs::Fs& fs) {
  std::map<std::string, int> out;
  absl::StatusOr<vfs::DirEntries> entries = vfs::Walk(fs, "");
  if (!entries.ok()) return out;
  for (const vfs::DirEntry& e : *entries) {
    if (e.is_object()) ++out[e.remote()];
  }
  return out;
}

LogCapture::LogCapture() {
  previous_ = vfs::SetLogSink(
      [this](vfs::LogLevel level, std::string_view subject, std::string_view message) {
        absl::MutexLock lock(&mu_);
        lines_.push_back(
            absl::StrCat(LevelName(level), " ", std::string(subject), ": ", std::string(message)));
      });
}

LogCapture::~LogCapture() { vfs::SetLogSink(previous_); }

std::vector<std::string> LogCapture::Lines() const {
  absl::MutexLock lock(&mu_);
  return lines_;
}

bool LogCapture::Contains(const std::string& fragment) const {
  for (const std::string& line : Lines()) {
    if (absl::StrContains(line, fragment)) return true;
  }
  return false;
}

FaultyFs::FaultyFs(vfs::FsPtr inner) : inner_(std::move(inner)) {
  features_ = inner_->features();
  features_.copy = features_.move = features_.dir_move = features_.purge = false;
  features_.put_unchecked = false;
  features_.put_stream = false;  // a backend that needs sizes: rcat spools for it
  features_.list_r = false;
}

void FaultyFs::FailPut(const std::string& remote, absl::Status error, int failures) {
  absl::MutexLock lock(&mu_);
  failures_[remote] = {std::move(error), failures};
}

int FaultyFs::put_calls(const std::string& remote) const {
  absl::MutexLock lock(&mu_);
  auto it = calls_.find(remote);
  return it == calls_.end() ? 0 : it->second;
}

absl::StatusOr<vfs::ObjectPtr> FaultyFs::Put(vfs::Source& in, const vfs::ObjectInfo& info,
                                             const vfs::PutOptions& options) {
  {
    absl::MutexLock lock(&mu_);
    ++calls_[info.remote()];
    auto it = failures_.find(info.remote());
    if (it != failures_.end() && it->second.second > 0) {
      --it->second.second;
      // Read a little first, as a real upload that breaks mid-way would.
      uint8_t buf[4];
      (void)in.Read(buf);
      return it->second.first;
    }
  }
  return inner_->Put(in, info, options);
}

absl::StatusOr<vfs::DirEntries> CountingFs::List(std::string_view dir) {
  {
    absl::MutexLock lock(&count_mu_);
    listed_.emplace_back(dir);
  }
  return FaultyFs::List(dir);
}

std::vector<std::string> CountingFs::listed() const {
  absl::MutexLock lock(&count_mu_);
  std::vector<std::string> out = listed_;
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace optest
