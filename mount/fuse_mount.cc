// FUSE_USE_VERSION 31: the API of every libfuse3 Debian ships (3.10 and later).
#define FUSE_USE_VERSION 31
#include "mount/fuse_mount.h"

#include <fcntl.h>
#include <fuse3/fuse.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/string_views.h"
#include "vfs/log.h"

extern char** environ;

namespace mount {
namespace {

const FuseContext& TheContext() {
  return *static_cast<const FuseContext*>(fuse_get_context()->private_data);
}
Vfs& TheVfs() { return *TheContext().vfs; }

// "/a/b" (FUSE) -> "a/b" (VFS).
std::string_view Rel(const char* path) {
  std::string_view p(path);
  while (!p.empty() && p.front() == '/') p.remove_prefix(1);
  return p;
}

// 0 on success, else -errno; errors other than "not found" are logged (the mount's user sees
// only the errno).
int Answer(const absl::Status& st, std::string_view what, std::string_view path) {
  if (st.ok()) return 0;
  int err = ErrnoFor(st);
  if (err != ENOENT && err != EEXIST) {
    vfs::Log(vfs::LogLevel::kError, path,
             absl::StrCat(base::ToAbsl(what), " failed: ", st.message()));
  }
  return -err;
}

void Fill(const Vfs& vfs, const Attr& attr, struct stat* st) {
  const VfsOptions& o = vfs.options();
  std::memset(st, 0, sizeof(*st));
  st->st_mode =
      attr.is_dir ? (S_IFDIR | (o.dir_perms & ~o.umask)) : (S_IFREG | (o.file_perms & ~o.umask));
  st->st_nlink = attr.is_dir ? 2 : 1;
  st->st_uid = o.uid;
  st->st_gid = o.gid;
  st->st_size = attr.is_dir ? 0 : attr.size;
  st->st_blksize = 4096;
  st->st_blocks = (st->st_size + 511) / 512;
  st->st_mtim = absl::ToTimespec(attr.mod_time);
  st->st_atim = st->st_mtim;
  st->st_ctim = st->st_mtim;
}

void* OpInit(struct fuse_conn_info* conn, struct fuse_config* cfg) {
  Vfs& vfs = TheVfs();
  const double attr = absl::ToDoubleSeconds(vfs.options().attr_timeout);
  cfg->attr_timeout = attr;
  cfg->entry_timeout = attr;
  cfg->negative_timeout = 0;
  cfg->use_ino = 0;
  const FuseOptions& o = TheContext().options;
  // The kernel may read ahead a little; the VFS does the real read-ahead (--buffer-size).
  conn->max_readahead =
      static_cast<unsigned>(std::clamp<int64_t>(o.max_read_ahead, 4096, int64_t{1} << 30));
  if (!o.async_read) conn->want &= ~FUSE_CAP_ASYNC_READ;
  if (o.write_back_cache && (conn->capable & FUSE_CAP_WRITEBACK_CACHE)) {
    conn->want |= FUSE_CAP_WRITEBACK_CACHE;
  }
  return fuse_get_context()->private_data;
}

int OpGetattr(const char* path, struct stat* st, struct fuse_file_info*) {
  Vfs& vfs = TheVfs();
  absl::StatusOr<Attr> attr = vfs.Stat(Rel(path));
  if (!attr.ok()) return Answer(attr.status(), "getattr", Rel(path));
  Fill(vfs, *attr, st);
  return 0;
}

int OpReaddir(const char* path, void* buf, fuse_fill_dir_t filler, off_t, struct fuse_file_info*,
              enum fuse_readdir_flags) {
  Vfs& vfs = TheVfs();
  auto entries = vfs.ReadDir(Rel(path));
  if (!entries.ok()) return Answer(entries.status(), "readdir", Rel(path));
  filler(buf, ".", nullptr, 0, static_cast<fuse_fill_dir_flags>(0));
  filler(buf, "..", nullptr, 0, static_cast<fuse_fill_dir_flags>(0));
  for (const auto& [name, attr] : *entries) {
    struct stat st;
    Fill(vfs, attr, &st);
    if (filler(buf, name.c_str(), &st, 0, static_cast<fuse_fill_dir_flags>(0)) != 0) break;
  }
  return 0;
}

int OpenWith(const char* path, struct fuse_file_info* fi, bool create) {
  absl::StatusOr<Handle> h = TheVfs().Open(Rel(path), fi->flags, create);
  if (!h.ok()) return Answer(h.status(), "open", Rel(path));
  fi->fh = *h;
  return 0;
}

int OpOpen(const char* path, struct fuse_file_info* fi) { return OpenWith(path, fi, false); }
int OpCreate(const char* path, mode_t, struct fuse_file_info* fi) {
  return OpenWith(path, fi, true);
}

int OpRead(const char* path, char* buf, size_t size, off_t offset, struct fuse_file_info* fi) {
  absl::StatusOr<size_t> n =
      TheVfs().Read(fi->fh, offset, std::span<uint8_t>(reinterpret_cast<uint8_t*>(buf), size));
  if (!n.ok()) return Answer(n.status(), "read", Rel(path));
  return static_cast<int>(*n);
}

int OpWrite(const char* path, const char* buf, size_t size, off_t offset,
            struct fuse_file_info* fi) {
  absl::StatusOr<size_t> n = TheVfs().Write(
      fi->fh, offset, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(buf), size));
  if (!n.ok()) return Answer(n.status(), "write", Rel(path));
  return static_cast<int>(*n);
}

int OpRelease(const char* path, struct fuse_file_info* fi) {
  return Answer(TheVfs().Release(fi->fh), "close", Rel(path));
}

int OpFlush(const char* path, struct fuse_file_info* fi) {
  return Answer(TheVfs().Flush(fi->fh), "flush", Rel(path));
}

int OpTruncate(const char* path, off_t size, struct fuse_file_info* fi) {
  return Answer(TheVfs().Truncate(Rel(path), size, fi != nullptr ? fi->fh : 0), "truncate",
                Rel(path));
}

int OpMkdir(const char* path, mode_t) {
  return Answer(TheVfs().Mkdir(Rel(path)), "mkdir", Rel(path));
}
int OpRmdir(const char* path) { return Answer(TheVfs().Rmdir(Rel(path)), "rmdir", Rel(path)); }
int OpUnlink(const char* path) { return Answer(TheVfs().Unlink(Rel(path)), "remove", Rel(path)); }

int OpRename(const char* from, const char* to, unsigned int flags) {
  if (flags & RENAME_EXCHANGE) return -EINVAL;
  if ((flags & RENAME_NOREPLACE) && TheVfs().Stat(Rel(to)).ok()) return -EEXIST;
  return Answer(TheVfs().Rename(Rel(from), Rel(to)), "rename", Rel(from));
}

// Times, modes and owners are not stored by every remote: accepted and ignored, as rclone's
// mount does, so cp -p, touch and editors work.
int OpUtimens(const char*, const struct timespec[2], struct fuse_file_info*) { return 0; }
int OpChmod(const char*, mode_t, struct fuse_file_info*) { return 0; }
int OpChown(const char*, uid_t, gid_t, struct fuse_file_info*) { return 0; }
int OpFsync(const char*, int, struct fuse_file_info*) { return 0; }

int OpStatfs(const char*, struct statvfs* st) {
  // What the remote does not say is shown as 1 PiB, as rclone does.
  constexpr int64_t kBlock = 4096;
  constexpr fsblkcnt_t kUnknown = (int64_t{1} << 50) / kBlock;
  const vfs::Usage usage = TheVfs().Statfs();
  std::memset(st, 0, sizeof(*st));
  st->f_bsize = kBlock;
  st->f_frsize = kBlock;
  st->f_blocks = usage.total ? *usage.total / kBlock : kUnknown;
  st->f_bfree = usage.free ? *usage.free / kBlock : kUnknown;
  st->f_bavail = st->f_bfree;
  st->f_files = 1'000'000'000;
  st->f_ffree = st->f_files;
  st->f_namemax = 255;
  return 0;
}

struct fuse_operations MakeOperations() {
  struct fuse_operations ops {};
  ops.init = OpInit;
  ops.getattr = OpGetattr;
  ops.readdir = OpReaddir;
  ops.open = OpOpen;
  ops.create = OpCreate;
  ops.read = OpRead;
  ops.write = OpWrite;
  ops.release = OpRelease;
  ops.flush = OpFlush;
  ops.truncate = OpTruncate;
  ops.mkdir = OpMkdir;
  ops.rmdir = OpRmdir;
  ops.unlink = OpUnlink;
  ops.rename = OpRename;
  ops.utimens = OpUtimens;
  ops.chmod = OpChmod;
  ops.chown = OpChown;
  ops.fsync = OpFsync;
  ops.statfs = OpStatfs;
  return ops;
}

// Commas separate mount options: they may not appear inside one.
std::string OptionValue(std::string_view text) {
  std::string out;
  for (char c : text) out += (c == ',' || c == '\\') ? '_' : c;
  return out;
}

}  // namespace

absl::Status CheckMountpoint(const FuseOptions& options) {
  std::error_code ec;
  const std::filesystem::path mp(options.mountpoint);
  auto st = std::filesystem::status(mp, ec);
  if (ec || !std::filesystem::exists(st)) {
    return absl::NotFoundError(
        absl::StrCat("mountpoint ", options.mountpoint, " does not exist: make it first"));
  }
  if (!std::filesystem::is_directory(st)) {
    return absl::FailedPreconditionError(
        absl::StrCat("mountpoint ", options.mountpoint, " is not a directory"));
  }
  if (!options.allow_non_empty) {
    std::filesystem::directory_iterator it(mp, ec);
    if (!ec && it != std::filesystem::directory_iterator()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "directory is not empty: ", options.mountpoint,
          " (use --allow-non-empty to mount over it; its content is hidden while mounted)"));
    }
  }
  int fd = open("/dev/fuse", O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "can't open /dev/fuse (", strerror(errno),
        "): FUSE is not available here (load the fuse module, or give a container /dev/fuse)"));
  }
  close(fd);
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<FuseMount>> FuseMount::Mount(Vfs* vfs, const FuseOptions& options) {
  if (absl::Status st = CheckMountpoint(options); !st.ok()) return st;
  std::string opts = absl::StrCat("fsname=", OptionValue(options.fs_name), ",subtype=fclone");
  if (options.allow_other) opts += ",allow_other";
  if (options.allow_root) opts += ",allow_root";
  if (options.default_permissions) opts += ",default_permissions";
  if (vfs->options().read_only) opts += ",ro";
  std::vector<std::string> argv = {"fclone", "-o", opts};
  for (const std::string& o : options.options) {
    argv.push_back("-o");
    argv.push_back(o);
  }
  for (const std::string& f : options.fuse_flags) argv.push_back(f);
  if (options.debug) argv.push_back("-d");
  std::vector<char*> cargv;
  for (std::string& a : argv) cargv.push_back(a.data());
  struct fuse_args args = FUSE_ARGS_INIT(static_cast<int>(cargv.size()), cargv.data());
  static const struct fuse_operations kOps = MakeOperations();
  std::unique_ptr<FuseMount> m(new FuseMount());
  m->context_.reset(new FuseContext{vfs, options});
  m->fuse_ = fuse_new(&args, &kOps, sizeof(kOps), m->context_.get());
  fuse_opt_free_args(&args);
  if (m->fuse_ == nullptr) return absl::InternalError("fuse_new failed (bad mount options)");
  if (fuse_mount(m->fuse_, options.mountpoint.c_str()) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("failed to mount FUSE fs at ", options.mountpoint,
                     " (is fusermount3 installed? --allow-other needs user_allow_other in "
                     "/etc/fuse.conf for non-root users)"));
  }
  m->mountpoint_ = options.mountpoint;
  m->mounted_ = true;
  return m;
}

FuseMount::~FuseMount() {
  if (fuse_ == nullptr) return;
  if (mounted_) fuse_unmount(fuse_);
  fuse_destroy(fuse_);
}

absl::Status FuseMount::Serve() {
  serving_.store(true);
  int rc = fuse_loop_mt(fuse_, 0);
  serving_.store(false);
  // The kernel side is gone (unmounted); release libfuse's end of it.
  fuse_unmount(fuse_);
  mounted_ = false;
  if (rc != 0) return absl::InternalError(absl::StrCat("FUSE loop ended with error ", rc));
  return absl::OkStatus();
}

void FuseMount::Unmount() {
  // fusermount3 -u -z: a lazy unmount, so a busy mountpoint (a shell inside it) still lets the
  // loop end; works for root and for users alike.
  if (!serving_.load()) return;
  pid_t pid = -1;
  std::string mp = mountpoint_;
  char arg0[] = "fusermount3";
  char arg1[] = "-u";
  char arg2[] = "-z";
  char* argv[] = {arg0, arg1, arg2, mp.data(), nullptr};
  if (posix_spawnp(&pid, "fusermount3", nullptr, nullptr, argv, environ) != 0) {
    vfs::Log(vfs::LogLevel::kError, "", "can't run fusermount3 to unmount");
    fuse_exit(fuse_);
    return;
  }
  int status = 0;
  waitpid(pid, &status, 0);
}

}  // namespace mount
