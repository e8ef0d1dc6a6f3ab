// The 1fichier remote (rclone's backend/fichier Fs) on top of the Api interface: paths map to
// folder ids through the account's DirCache, names are encoded with the remote's MultiEncoder
// on every call that sends one (rename/move/copy targets included, unlike rclone), listings
// come from one folder/ls.cgi call (files:1) and are kept current from our own changes.
//
// Several files may share a name in one folder: List returns them all in a stable order
// (name, upload date, URL; oldest first) and NewObject returns the newest, logging that others
// exist. Put replaces that one (upload the new file, then remove the old); PutUnchecked adds.
#ifndef FICHIER_BACKEND_FICHIER_FICHIER_FS_H_
#define FICHIER_BACKEND_FICHIER_FICHIER_FS_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/synchronization/mutex.h"
#include "backend/fichier/account.h"
#include "backend/fichier/fichier_options.h"
#include "vfs/fs.h"
#include "vfs/registry.h"

namespace backend::fichier {

class FichierObject;

// rclone refuses files above this ("File too big, cant upload").
inline constexpr int64_t kMaxFileSize = 300'000'000'000;

class FichierFs : public vfs::BasicFs, public std::enable_shared_from_this<FichierFs> {
 public:
  // `root` must be clean (vfs::CleanPath).
  static std::shared_ptr<FichierFs> Create(std::string name, std::string root,
                                           FichierOptions options,
                                           std::shared_ptr<Account> account);
  // The registry's factory.
  static absl::StatusOr<vfs::NewFsResult> NewFs(const vfs::FsParams& params);

  std::string ToString() const override { return "1Fichier root '" + root_ + "'"; }

  absl::StatusOr<vfs::DirEntries> List(std::string_view dir) override;
  // The folder's kept listing (kept for the whole run otherwise) is dropped.
  void ExpireListing(std::string_view dir) override;
  absl::StatusOr<vfs::ObjectPtr> NewObject(std::string_view remote) override;
  absl::StatusOr<vfs::ObjectPtr> Put(vfs::Source& in, const vfs::ObjectInfo& info,
                                     const vfs::PutOptions& options = {}) override;
  // 1fichier needs the size before the body (upload.cgi requires Content-Length; a chunked
  // body is not accepted): the stream is spooled to an unlinked file under the cache dir, then
  // uploaded and verified like any Put. An error while spooling uploads nothing.
  absl::StatusOr<vfs::ObjectPtr> PutStream(vfs::Source& in, const vfs::ObjectInfo& info,
                                           const vfs::PutOptions& options = {}) override;
  absl::Status Mkdir(std::string_view dir) override;
  absl::Status Rmdir(std::string_view dir) override;

  absl::StatusOr<vfs::ObjectPtr> PutUnchecked(vfs::Source& in, const vfs::ObjectInfo& info,
                                              const vfs::PutOptions& options = {}) override;
  absl::StatusOr<vfs::ObjectPtr> Copy(const vfs::Object& src, std::string_view remote) override;
  absl::StatusOr<vfs::ObjectPtr> Move(const vfs::Object& src, std::string_view remote) override;
  absl::Status DirMove(vfs::Fs& src_fs, std::string_view src_remote,
                       std::string_view dst_remote) override;
  absl::Status Purge(std::string_view dir) override;
  absl::StatusOr<std::string> PublicLink(std::string_view remote, absl::Duration expire,
                                         bool unlink) override;
  absl::StatusOr<vfs::Usage> About() override;

  // Remote upload (spec section 10, copy_url.cc): asks the service to fetch `url` itself into
  // `remote` (remote/request.cgi), follows the job with bounded polling, names the stored file
  // as asked and replaces an existing file of that name, like Put. Nothing passes through this
  // machine. Errors: the job's own message when the service could not fetch the URL.
  absl::StatusOr<vfs::ObjectPtr> CopyUrl(std::string_view url, std::string_view remote) override;

  // For FichierObject.
  Account& account() { return *account_; }
  const FichierOptions& options() const { return options_; }
  std::string Abs(std::string_view remote) const;
  // Uploads into folder `folder_id` as `leaf` and records the file in the cached listing.
  absl::StatusOr<CachedFile> UploadFile(int64_t folder_id, std::string_view leaf,
                                        vfs::Source& in, int64_t size,
                                        const std::string& remote);
  // file/rm.cgi of one URL, then drops it from the cached listing.
  absl::Status RemoveFileUrl(int64_t folder_id, const std::string& url,
                             const std::string& remote);
  std::shared_ptr<FichierObject> MakeObject(std::string remote, int64_t folder_id,
                                            const CachedFile& file);

 private:
  FichierFs(std::string name, std::string root, FichierOptions options,
            std::shared_ptr<Account> account);

  // shared_folder mode (read-only): the public folder's files, listed once per Fs.
  bool shared() const { return !options_.shared_folder.empty(); }
  absl::StatusOr<std::vector<CachedFile>> SharedFiles();
  absl::Status ReadOnly(std::string_view what) const;

  enum class Existing { kReplace, kAddDuplicate };
  absl::StatusOr<vfs::ObjectPtr> Upload(vfs::Source& in, const vfs::ObjectInfo& info,
                                        Existing existing);
  // The newest file named `leaf` in folder `folder_id` (the deterministic pick), if any;
  // `others` gets how many more share the name.
  absl::StatusOr<std::optional<CachedFile>> FindFile(int64_t folder_id, std::string_view dir_path,
                                                     std::string_view leaf, size_t* others);
  // The source object as one of ours on the same account, or nullptr.
  const FichierObject* SameAccount(const vfs::Object& src) const;
  // Removes every file named `leaf` in `folder_id` except `keep_url` (after a server-side
  // move/copy onto an existing name: replace, as Put does).
  absl::Status RemoveOthers(int64_t folder_id, std::string_view dir_path, std::string_view leaf,
                            const std::string& keep_url);
  // A server-side copy or move of `src` to `remote`: the source on this account (nullptr, and
  // nothing else set, when it cannot be done server-side) and where it lands: the folder
  // (created if missing, its listing loaded) and the encoded name.
  struct Target {
    const FichierObject* from = nullptr;
    std::string parent;
    std::string leaf;
    int64_t folder = 0;
    std::string wire;
  };
  absl::StatusOr<Target> TargetOf(const vfs::Object& src, std::string_view remote);
  // Records `file` as now in `folder_id` (at `dir_path`/`leaf`, the remote `remote`), removes
  // the other files of that name, and returns its object.
  absl::StatusOr<vfs::ObjectPtr> Placed(int64_t folder_id, std::string_view dir_path,
                                        std::string_view leaf, std::string_view remote,
                                        const CachedFile& file);
  absl::Status PurgeFolder(int64_t folder_id, const std::string& path);

  const FichierOptions options_;
  std::shared_ptr<Account> account_;
  absl::Mutex shared_mu_;
  std::optional<std::vector<CachedFile>> shared_files_ ABSL_GUARDED_BY(shared_mu_);
};

// Adds "fichier" to vfs::Registry::Global() (idempotent).
void Register();
vfs::BackendInfo FichierBackendInfo();

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_FICHIER_FS_H_
