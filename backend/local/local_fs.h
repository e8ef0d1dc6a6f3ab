// The local backend: the disk, the default source of copy and sync.
//
// - Writes go to a hidden temporary name in the destination directory and are renamed into
//   place, so a failed or interrupted transfer never leaves a half file under the real name.
// - Modification times are kept (nanoseconds) and Whirlpool is computed on demand.
// - Names are converted with the `encoding` option (rclone's local default on Linux: Slash,Dot).
// - Symlinks as in rclone (links.h): skipped in listings with a NOTICE (skip_links: silently),
//   followed with copy_links (a directory loop is an error naming the path), or stored as
//   `<name>.rclonelink` files holding the target with links. A path given directly that goes
//   out of the root through a symlink is refused unless copy_links. Special files (fifo, socket,
//   device) are skipped with a NOTICE.
// - A file read for a transfer is checked for changes (size, mod time) at every read, unless
//   no_check_updated.
#ifndef FICHIER_BACKEND_LOCAL_LOCAL_FS_H_
#define FICHIER_BACKEND_LOCAL_LOCAL_FS_H_

#include <sys/stat.h>

#include <memory>
#include <string>

#include "encoding/multi_encoder.h"
#include "vfs/fs.h"
#include "vfs/registry.h"

namespace backend::local {

struct LocalOptions {
  encoding::MultiEncoder encoder{encoding::kLocalLinuxDefaultMask};
  bool copy_links = false;        // -L: follow symlinks (with a loop check)
  bool links = false;             // -l: symlinks <-> `.rclonelink` files
  bool skip_links = false;        // no NOTICE for skipped symlinks
  bool no_check_updated = false;  // don't fail a transfer whose source changes under it
  bool one_file_system = false;   // -x: listings leave out directories on other devices
};

class LocalFs : public vfs::StreamingPutFs, public std::enable_shared_from_this<LocalFs> {
 public:
  // `root` is an absolute path in standard form, without trailing '/' (except "/" itself).
  static std::shared_ptr<LocalFs> Create(std::string name, std::string root, LocalOptions options);
  // The registry's factory: options "encoding", "copy_links", "links", "skip_links",
  // "no_check_updated", "one_file_system"; a root naming a file gives an Fs at its parent plus
  // NewFsResult::file; a root naming a special file is refused, saying what it is.
  static absl::StatusOr<vfs::NewFsResult> NewFs(const vfs::FsParams& params);

  std::string ToString() const override { return "Local file system at " + root_; }

  absl::StatusOr<vfs::DirEntries> List(std::string_view dir) override;
  absl::StatusOr<vfs::ObjectPtr> NewObject(std::string_view remote) override;
  // With links: "x.rclonelink" whose "x" is a symlink; else nullptr (not a link object).
  absl::StatusOr<vfs::ObjectPtr> NewLinkObject(std::string_view remote);
  absl::StatusOr<vfs::ObjectPtr> Put(vfs::Source& in, const vfs::ObjectInfo& info,
                                     const vfs::PutOptions& options) override;
  absl::Status Mkdir(std::string_view dir) override;
  absl::Status Rmdir(std::string_view dir) override;

  absl::StatusOr<vfs::ObjectPtr> Move(const vfs::Object& src, std::string_view remote) override;
  absl::Status DirMove(vfs::Fs& src_fs, std::string_view src_remote,
                       std::string_view dst_remote) override;
  absl::Status Purge(std::string_view dir) override;
  absl::StatusOr<vfs::Usage> About() override;

  // OS path of a remote (each segment encoded); refuses ".." segments.
  absl::StatusOr<std::string> OsPath(std::string_view remote) const;
  // Refuses paths whose resolution leaves the root through a symlink (unless copy_links).
  absl::Status CheckConfined(const std::string& os_path, std::string_view remote) const;
  // stat() or lstat() according to the symlink policy; errno-style status on failure.
  absl::Status StatFollowing(const std::string& os_path, std::string_view remote,
                             struct stat* st) const;
  // Where an object described by `info` is written: its clean remote, its OS path, and whether
  // it is a `.rclonelink` file (with links). Refuses an empty name (`operation` says who asks).
  struct WriteTarget {
    std::string remote;
    std::string os_path;
    bool link = false;
  };
  absl::StatusOr<WriteTarget> TargetOf(const vfs::ObjectInfo& info,
                                       std::string_view operation) const;
  // A hidden temporary file next to `os_path` (parents made), open for reading and writing.
  struct TempFile {
    int fd = -1;
    std::string path;  // "" once renamed into place
  };
  absl::StatusOr<TempFile> CreateTemp(const std::string& os_path, std::string_view remote) const;
  // Sets the mod time, closes and renames the temporary file to `os_path`.
  absl::Status FinishTemp(TempFile& temp, absl::Time mod_time, const std::string& os_path,
                          std::string_view remote) const;
  // Closes and removes what is left of a temporary file.
  static void DropTemp(TempFile& temp);
  // Writes at offsets into a temporary file renamed into place on Commit (local_writer_at.h).
  absl::StatusOr<std::unique_ptr<vfs::WriterAt>> OpenWriterAt(const vfs::ObjectInfo& info) override;
  // Streams `in` into a temporary file next to `os_path`, sets the mod time, renames it into
  // place. Returns the whirlpool of what was written.
  absl::StatusOr<std::string> WriteFile(vfs::Source& in, const vfs::ObjectInfo& info,
                                        const std::string& os_path, std::string_view remote);
  // With links, a `.rclonelink` upload: makes a symlink (at `os_path` without the suffix) to
  // the text read from `in`, replacing what was there. Returns the Whirlpool of that text.
  absl::StatusOr<std::string> WriteLink(vfs::Source& in, const vfs::ObjectInfo& info,
                                        const std::string& os_path, std::string_view remote);
  // Creates `os_dir` and its missing parents.
  absl::Status MakeDirs(const std::string& os_dir, std::string_view remote) const;
  vfs::ObjectPtr MakeObject(std::string remote, const struct stat& st, std::string whirlpool = "");
  // A symlink seen as its `.rclonelink` file (`remote` has the suffix; `st` from lstat).
  vfs::ObjectPtr MakeLinkObject(std::string remote, const struct stat& st);
  const LocalOptions& options() const { return options_; }

  // Names of in-progress uploads, hidden from listings.
  static bool IsTempName(std::string_view leaf);

 private:
  LocalFs(std::string name, std::string root, LocalOptions options);

  const std::string os_root_;  // encoded, what the OS sees
  const LocalOptions options_;
};

void Register();
vfs::BackendInfo LocalBackendInfo();

}  // namespace backend::local

#endif  // FICHIER_BACKEND_LOCAL_LOCAL_FS_H_
