// An object of the memory backend: a handle on a FileRecord of the store.
#ifndef FICHIER_BACKEND_MEMORY_MEMORY_OBJECT_H_
#define FICHIER_BACKEND_MEMORY_MEMORY_OBJECT_H_

#include <memory>
#include <string>

#include "backend/memory/memory_store.h"
#include "vfs/object.h"

namespace backend::memory {

class MemoryFs;

class MemoryObject : public vfs::Object {
 public:
  MemoryObject(std::shared_ptr<MemoryFs> fs, std::string remote, FileRef record)
      : fs_(std::move(fs)), remote_(std::move(remote)), record_(std::move(record)) {}

  std::string remote() const override { return remote_; }
  int64_t size() const override;
  absl::Time mod_time() const override;
  absl::StatusOr<std::string> Hash(hash::HashType type) const override;
  std::string mime_type() const override;
  const vfs::Fs* fs() const override;
  std::string id() const override { return record_->id; }

  absl::StatusOr<std::unique_ptr<vfs::Source>> Open(const vfs::OpenOptions& options) override;
  absl::Status Update(vfs::Source& in, const vfs::ObjectInfo& info,
                      const vfs::PutOptions& options) override;
  absl::Status Remove() override;
  absl::Status SetModTime(absl::Time t) override;

  const FileRef& record() const { return record_; }
  const std::shared_ptr<MemoryFs>& memory_fs() const { return fs_; }

 private:
  // Whether this object's record is still stored under its name (not removed or replaced).
  bool StoredLocked(Store& store) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(store.mu);

  std::shared_ptr<MemoryFs> fs_;
  std::string remote_;
  FileRef record_;
};

}  // namespace backend::memory

#endif  // FICHIER_BACKEND_MEMORY_MEMORY_OBJECT_H_
