// A remote rooted at a path (rclone's fs.Fs). Paths passed to every method are relative to the
// root, clean and in standard encoding ("" = the root). Every method is safe to call from several
// threads at once. Optional capabilities return an Unimplemented error unless the backend
// overrides them and advertises them in features().
#ifndef FICHIER_VFS_FS_H_
#define FICHIER_VFS_FS_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "vfs/dir_entry.h"
#include "vfs/errors.h"
#include "vfs/features.h"
#include "vfs/object.h"
#include "vfs/object_info.h"
#include "vfs/open_options.h"
#include "vfs/source.h"
#include "vfs/writer_at.h"

namespace vfs {

// rclone's fs.Usage; unset = unknown.
struct Usage {
  std::optional<int64_t> total;
  std::optional<int64_t> used;
  std::optional<int64_t> trashed;
  std::optional<int64_t> other;
  std::optional<int64_t> free;
  std::optional<int64_t> objects;
};

// ListR delivers entries in batches; returning an error stops the listing with that error.
using ListRCallback = std::function<absl::Status(DirEntries batch)>;

class Fs {
 public:
  virtual ~Fs() = default;

  // The remote's name as given to NewFs (":memory" for an on-the-fly remote).
  virtual std::string Name() const = 0;
  // The root as given to NewFs, without leading/trailing '/'.
  virtual std::string Root() const = 0;
  // Human description, the subject of log lines ("Local file system at /x").
  virtual std::string ToString() const = 0;
  virtual const Features& features() const = 0;
  // rclone's --disable: turns the named features off (vfs::NewFs applies the global list to
  // every Fs it makes), logging "Reset feature" for each name rclone knows.
  virtual void DisableFeatures(const std::vector<std::string>& /*names*/) {}

  // The whole content of one directory, objects and directories; dir-not-found if it does not
  // exist. Entry remotes are JoinPath(dir, leaf). Duplicates (same name) are all returned, in a
  // deterministic order.
  virtual absl::StatusOr<DirEntries> List(std::string_view dir) = 0;
  // The caller's own copy of `dir`'s listing expired (a mount's --dir-cache-time, SIGHUP): a
  // backend that keeps listings lists `dir` again at its next List, to see changes made
  // elsewhere. Nothing to do for a backend that lists afresh each time.
  virtual void ExpireListing(std::string_view /*dir*/) {}
  // The object at `remote`: object-not-found when missing (also when a parent is missing),
  // is-a-directory or object-not-found when it names a directory.
  virtual absl::StatusOr<ObjectPtr> NewObject(std::string_view remote) = 0;
  // Uploads `in` as info.remote(), replacing an existing object of that name (never adding a
  // duplicate). Creates missing parent directories. If `in` fails, no object is left behind.
  virtual absl::StatusOr<ObjectPtr> Put(Source& in, const ObjectInfo& info,
                                        const PutOptions& options = {}) = 0;
  // Creates dir and missing parents; an existing dir is not an error.
  virtual absl::Status Mkdir(std::string_view dir) = 0;
  // Removes an empty dir: dir-not-found / dir-not-empty otherwise.
  virtual absl::Status Rmdir(std::string_view dir) = 0;

  // Optional capabilities (see Features).
  // Uploads without looking for an existing object: may create a duplicate.
  virtual absl::StatusOr<ObjectPtr> PutUnchecked(Source& /*in*/, const ObjectInfo& /*info*/,
                                                 const PutOptions& /*options*/ = {}) {
    return NotImplemented("PutUnchecked");
  }
  // Uploads a stream of unknown length (rclone's PutStream; info.size() is -1): replaces an
  // existing object like Put. If `in` fails, no object is left behind.
  virtual absl::StatusOr<ObjectPtr> PutStream(Source& /*in*/, const ObjectInfo& /*info*/,
                                              const PutOptions& /*options*/ = {}) {
    return NotImplemented("PutStream");
  }
  // Server-side copy of `src` (an object of a compatible Fs) to `remote`; cant-copy if not
  // possible for this pair.
  virtual absl::StatusOr<ObjectPtr> Copy(const Object& /*src*/, std::string_view /*remote*/) {
    return CantCopy();
  }
  // Server-side move/rename; cant-move if not possible for this pair.
  virtual absl::StatusOr<ObjectPtr> Move(const Object& /*src*/, std::string_view /*remote*/) {
    return CantMove();
  }
  // Moves src_fs's directory src_remote to dst_remote of this Fs; dir-exists when the
  // destination exists; cant-dir-move if not possible.
  virtual absl::Status DirMove(Fs& /*src_fs*/, std::string_view /*src_remote*/,
                               std::string_view /*dst_remote*/) {
    return CantDirMove();
  }
  // Deletes dir and everything below it; dir-not-found when missing.
  virtual absl::Status Purge(std::string_view /*dir*/) { return CantPurge(); }
  virtual absl::StatusOr<std::string> PublicLink(std::string_view /*remote*/,
                                                 absl::Duration /*expire*/, bool /*unlink*/) {
    return NotImplemented("PublicLink");
  }
  virtual absl::StatusOr<Usage> About() { return NotImplemented("About"); }
  // Server-side fetch: the service itself downloads `url` and stores it as `remote`, replacing
  // an existing object of that name like Put. Nothing passes through this machine.
  virtual absl::StatusOr<ObjectPtr> CopyUrl(std::string_view /*url*/,
                                            std::string_view /*remote*/) {
    return NotImplemented("CopyUrl");
  }
  // A file of info.size() bytes written at offsets, named info.remote() once committed
  // (replacing an existing object, creating missing parents); see vfs/writer_at.h.
  virtual absl::StatusOr<std::unique_ptr<WriterAt>> OpenWriterAt(const ObjectInfo& /*info*/) {
    return NotImplemented("OpenWriterAt");
  }
  // Every entry below dir, recursively, in batches; dir-not-found when missing.
  virtual absl::Status ListR(std::string_view /*dir*/, const ListRCallback& /*callback*/) {
    return NotImplemented("ListR");
  }
};

// What every backend's Fs holds alike: the name and root it was made with, and the features its
// constructor sets.
class BasicFs : public Fs {
 public:
  std::string Name() const override { return name_; }
  std::string Root() const override { return root_; }
  const Features& features() const override { return features_; }
  void DisableFeatures(const std::vector<std::string>& names) override;

 protected:
  BasicFs(std::string name, std::string root) : name_(std::move(name)), root_(std::move(root)) {}

  const std::string name_;
  const std::string root_;  // standard form, what Root() reports
  Features features_;
};

// A BasicFs whose Put already writes a stream of any length as it comes (local, memory): its
// PutStream is Put (info.size() -1 is fine), and its features say so.
class StreamingPutFs : public BasicFs {
 public:
  absl::StatusOr<ObjectPtr> PutStream(Source& in, const ObjectInfo& info,
                                      const PutOptions& options = {}) override {
    return Put(in, info, options);
  }

 protected:
  StreamingPutFs(std::string name, std::string root)
      : BasicFs(std::move(name), std::move(root)) {
    features_.put_stream = true;
  }
};

using FsPtr = std::shared_ptr<Fs>;

}  // namespace vfs

#endif  // FICHIER_VFS_FS_H_
