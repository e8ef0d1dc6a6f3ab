// The memory backend: an in-process, thread-safe remote, the reference implementation the
// conformance suite is first proven against. With allow_duplicates it also behaves like 1fichier
// in letting several objects share one name (PutUnchecked), so duplicate handling can be tested
// without the network.
#ifndef FICHIER_BACKEND_MEMORY_MEMORY_FS_H_
#define FICHIER_BACKEND_MEMORY_MEMORY_FS_H_

#include <memory>
#include <string>

#include "backend/memory/memory_store.h"
#include "vfs/fs.h"
#include "vfs/registry.h"

namespace backend::memory {

struct MemoryOptions {
  bool allow_duplicates = false;
};

class MemoryFs : public vfs::StreamingPutFs, public std::enable_shared_from_this<MemoryFs> {
 public:
  // Use Create: objects keep the Fs alive through shared_from_this.
  static std::shared_ptr<MemoryFs> Create(std::string name, std::string root,
                                          MemoryOptions options = {});
  // The registry's factory: options "allow_duplicates"; a root naming a file gives an Fs at its
  // parent plus NewFsResult::file.
  static absl::StatusOr<vfs::NewFsResult> NewFs(const vfs::FsParams& params);

  std::string ToString() const override;

  absl::StatusOr<vfs::DirEntries> List(std::string_view dir) override;
  absl::StatusOr<vfs::ObjectPtr> NewObject(std::string_view remote) override;
  absl::StatusOr<vfs::ObjectPtr> Put(vfs::Source& in, const vfs::ObjectInfo& info,
                                     const vfs::PutOptions& options) override;
  absl::Status Mkdir(std::string_view dir) override;
  absl::Status Rmdir(std::string_view dir) override;

  absl::StatusOr<vfs::ObjectPtr> PutUnchecked(vfs::Source& in, const vfs::ObjectInfo& info,
                                              const vfs::PutOptions& options) override;
  absl::StatusOr<vfs::ObjectPtr> Copy(const vfs::Object& src, std::string_view remote) override;
  absl::StatusOr<vfs::ObjectPtr> Move(const vfs::Object& src, std::string_view remote) override;
  absl::Status DirMove(vfs::Fs& src_fs, std::string_view src_remote,
                       std::string_view dst_remote) override;
  absl::Status Purge(std::string_view dir) override;
  absl::StatusOr<vfs::Usage> About() override;
  absl::Status ListR(std::string_view dir, const vfs::ListRCallback& callback) override;

  // Store path of a remote of this Fs.
  std::string Abs(std::string_view remote) const;
  // Content read from a Source, hashed on the way.
  struct Content {
    std::shared_ptr<const std::string> data;
    std::string whirlpool;
  };
  static absl::StatusOr<Content> ReadContent(vfs::Source& in, const vfs::ObjectInfo& info);

 private:
  MemoryFs(std::string name, std::string root, MemoryOptions options);

  enum class Existing { kReplace, kAddDuplicate };
  absl::StatusOr<vfs::ObjectPtr> Upload(vfs::Source& in, const vfs::ObjectInfo& info,
                                       const vfs::PutOptions& options, Existing existing);
  // Places `record` at store path `abs`, replacing the first object of that name if any (its
  // content and metadata are overwritten, so handles on it see the new data) unless
  // kAddDuplicate. Creates parent directories. Returns the record now at `abs`.
  FileRef PlaceLocked(Store& store, const std::string& abs, FileRef record, Existing existing)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(store.mu);
  vfs::ObjectPtr MakeObject(std::string remote, FileRef record);

  const MemoryOptions options_;
};

// Adds "memory" to vfs::Registry::Global() (idempotent). Linking the library also registers it
// through a static registrar; calling this makes it independent of the linker keeping that.
void Register();
// Name, description, options and factory of the memory backend.
vfs::BackendInfo MemoryBackendInfo();

}  // namespace backend::memory

#endif  // FICHIER_BACKEND_MEMORY_MEMORY_FS_H_
