#include "backend/memory/memory_object.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "backend/memory/memory_fs.h"
#include "hash/multi_hasher.h"
#include "vfs/errors.h"

namespace backend::memory {
namespace {

// Serves a window of immutable shared content without copying it.
class SharedContentSource : public vfs::Source {
 public:
  SharedContentSource(std::shared_ptr<const std::string> data, size_t offset, size_t length)
      : data_(std::move(data)), position_(offset), end_(offset + length) {}

  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override {
    size_t n = std::min(buffer.size(), end_ - position_);
    if (n > 0) std::memcpy(buffer.data(), data_->data() + position_, n);
    position_ += n;
    return n;
  }

 private:
  std::shared_ptr<const std::string> data_;
  size_t position_;
  size_t end_;
};

}  // namespace

int64_t MemoryObject::size() const {
  absl::MutexLock lock(&record_->mu);
  return static_cast<int64_t>(record_->data->size());
}

absl::Time MemoryObject::mod_time() const {
  absl::MutexLock lock(&record_->mu);
  return record_->mod_time;
}

absl::StatusOr<std::string> MemoryObject::Hash(hash::HashType type) const {
  if (!hash::kSupportedHashes.Contains(type)) {
    return vfs::HashUnsupported(hash::HashTypeName(type));
  }
  std::shared_ptr<const std::string> data;
  {
    absl::MutexLock lock(&record_->mu);
    if (type == hash::HashType::kWhirlpool) return record_->whirlpool;
    data = record_->data;
  }
  // Other types are computed from the bytes on request (they are in memory already).
  return hash::HexSum(type, *data);
}

std::string MemoryObject::mime_type() const {
  absl::MutexLock lock(&record_->mu);
  return record_->mime_type;
}

const vfs::Fs* MemoryObject::fs() const { return fs_.get(); }

bool MemoryObject::StoredLocked(Store& store) const {
  auto it = store.files.find(fs_->Abs(remote_));
  return it != store.files.end() &&
         std::find(it->second.begin(), it->second.end(), record_) != it->second.end();
}

absl::StatusOr<std::unique_ptr<vfs::Source>> MemoryObject::Open(
    const vfs::OpenOptions& options) {
  std::shared_ptr<const std::string> data;
  {
    Store& store = Store::Global();
    absl::MutexLock store_lock(&store.mu);
    if (!StoredLocked(store)) return vfs::ObjectNotFound(remote_);
    absl::MutexLock lock(&record_->mu);
    data = record_->data;
  }
  vfs::ResolvedRange range = options.Resolve(static_cast<int64_t>(data->size()));
  return std::make_unique<SharedContentSource>(std::move(data), range.offset, range.length);
}

absl::Status MemoryObject::Update(vfs::Source& in, const vfs::ObjectInfo& info,
                                  const vfs::PutOptions& options) {
  absl::StatusOr<MemoryFs::Content> content = MemoryFs::ReadContent(in, info);
  if (!content.ok()) return content.status();
  Store& store = Store::Global();
  absl::MutexLock store_lock(&store.mu);
  if (!StoredLocked(store)) return vfs::ObjectNotFound(remote_);
  absl::MutexLock lock(&record_->mu);
  record_->data = content->data;
  record_->whirlpool = content->whirlpool;
  record_->mod_time = info.mod_time();
  if (!options.mime_type.empty()) {
    record_->mime_type = options.mime_type;
  } else if (!info.mime_type().empty()) {
    record_->mime_type = info.mime_type();
  }
  return absl::OkStatus();
}

absl::Status MemoryObject::Remove() {
  Store& store = Store::Global();
  absl::MutexLock lock(&store.mu);
  auto it = store.files.find(fs_->Abs(remote_));
  if (it == store.files.end()) return vfs::ObjectNotFound(remote_);
  auto pos = std::find(it->second.begin(), it->second.end(), record_);
  if (pos == it->second.end()) return vfs::ObjectNotFound(remote_);
  it->second.erase(pos);
  if (it->second.empty()) store.files.erase(it);
  return absl::OkStatus();
}

absl::Status MemoryObject::SetModTime(absl::Time t) {
  absl::MutexLock lock(&record_->mu);
  record_->mod_time = t;
  return absl::OkStatus();
}

}  // namespace backend::memory
