#include "backend/local/local_fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <system_error>
#include <vector>

#include "absl/strings/str_cat.h"
#include "backend/local/links.h"
#include "backend/local/local_object.h"
#include "backend/local/os_error.h"
#include "base/hex.h"
#include "base/string_views.h"
#include "vfs/errors.h"
#include "vfs/hashing_source.h"
#include "vfs/log.h"
#include "vfs/path.h"

namespace backend::local {
namespace {

constexpr std::string_view kTempPrefix = ".fichier-partial-";

std::string TempName() {
  static std::atomic<uint64_t> counter{std::random_device{}()};
  uint64_t v = counter.fetch_add(0x9e3779b97f4a7c15ULL) ^ static_cast<uint64_t>(::getpid());
  std::string out(kTempPrefix);
  for (int i = 0; i < 16; ++i) out.push_back(base::HexDigit(static_cast<unsigned>(v >> (i * 4))));
  return out;
}

std::string OsParent(const std::string& os_path) {
  size_t slash = os_path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return os_path.substr(0, slash);
}

// realpath() as a string; "" when it fails (errno kept).
std::string RealPath(const std::string& path) {
  char* real = ::realpath(path.c_str(), nullptr);
  if (real == nullptr) return "";
  std::string out(real);
  std::free(real);
  return out;
}

bool Inside(const std::string& real, const std::string& root_real) {
  if (root_real == "/") return true;
  return vfs::IsUnder(real, root_real);
}

absl::Status WriteAll(int fd, const uint8_t* data, size_t size, const std::string& path,
                      std::string_view remote) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return OsError(errno, "write", path, remote);
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

}  // namespace

std::shared_ptr<LocalFs> LocalFs::Create(std::string name, std::string root,
                                         LocalOptions options) {
  return std::shared_ptr<LocalFs>(new LocalFs(std::move(name), std::move(root), options));
}

LocalFs::LocalFs(std::string name, std::string root, LocalOptions options)
    : StreamingPutFs(std::move(name), std::move(root)),
      os_root_(options.encoder.EncodePath(root_)),
      options_(options) {
  features_.can_have_empty_dirs = true;
  features_.is_local = true;
  features_.slow_hash = true;
  features_.hashes = hash::kSupportedHashes;
  features_.precision = absl::Nanoseconds(1);
  features_.move = true;
  features_.dir_move = true;
  features_.purge = true;
  features_.about = true;
  features_.open_writer_at = true;
}

absl::StatusOr<vfs::NewFsResult> LocalFs::NewFs(const vfs::FsParams& params) {
  LocalOptions options;
  std::string mask = params.Get("encoding");
  if (!mask.empty()) {
    absl::StatusOr<encoding::MultiEncoder> encoder = encoding::MultiEncoder::Parse(mask);
    if (!encoder.ok()) return vfs::WithContext(encoder.status(), "local: option encoding");
    options.encoder = *encoder;
  }
  for (auto [name, field] : {std::pair{"copy_links", &LocalOptions::copy_links},
                              std::pair{"links", &LocalOptions::links},
                              std::pair{"skip_links", &LocalOptions::skip_links},
                              std::pair{"no_check_updated", &LocalOptions::no_check_updated},
                              std::pair{"one_file_system", &LocalOptions::one_file_system}}) {
    absl::StatusOr<bool> value = params.GetBool(name);
    if (!value.ok()) return value.status();
    options.*field = *value;
  }
  if (options.copy_links && options.links) {
    return vfs::BadInput("local", "can't use -l/--links with -L/--copy-links");
  }

  std::error_code ec;
  std::filesystem::path abs =
      std::filesystem::absolute(params.root.empty() ? "." : params.root, ec);
  if (ec) return vfs::BadInput(params.root, ec.message());
  std::string root = abs.lexically_normal().string();
  while (root.size() > 1 && root.back() == '/') root.pop_back();

  // A root naming a file: rclone's ErrorIsFile, an Fs on the parent that acts on that file.
  struct stat st;
  std::string os_root = options.encoder.EncodePath(root);
  bool exists = root != "/" && ::stat(os_root.c_str(), &st) == 0;
  if (exists && *SpecialFileKind(st.st_mode) != 0) {
    // Reading a device or a fifo could block or never end: say what it is rather than guess.
    return vfs::BadInput(root, absl::StrCat("a ", SpecialFileKind(st.st_mode),
                                            ", not a file or directory: can't transfer it"));
  }
  if (exists && S_ISREG(st.st_mode)) {
    std::string parent(vfs::ParentDir(root));
    if (parent.empty()) parent = "/";
    std::string leaf(vfs::Leaf(root));
    return vfs::NewFsResult{Create(params.name, parent, options), leaf};
  }
  return vfs::NewFsResult{Create(params.name, root, options), ""};
}

bool LocalFs::IsTempName(std::string_view leaf) {
  return leaf.substr(0, kTempPrefix.size()) == kTempPrefix;
}

absl::StatusOr<std::string> LocalFs::OsPath(std::string_view remote) const {
  absl::StatusOr<std::string> clean = vfs::CleanPath(remote);
  if (!clean.ok()) return clean.status();
  if (clean->empty()) return os_root_;
  std::string out = os_root_;
  if (out != "/") out.push_back('/');
  out.append(options_.encoder.EncodePath(*clean));
  return out;
}

absl::Status LocalFs::CheckConfined(const std::string& os_path, std::string_view remote) const {
  if (options_.copy_links) return absl::OkStatus();
  std::string root_real = RealPath(os_root_);
  if (root_real.empty()) return absl::OkStatus();  // no root yet: nothing below it either
  // The deepest existing ancestor decides where the path really goes.
  std::string probe = os_path;
  std::string real;
  while (true) {
    real = RealPath(probe);
    if (!real.empty()) break;
    if (errno != ENOENT && errno != ENOTDIR) return absl::OkStatus();  // reported by the caller
    if (probe.size() <= os_root_.size()) return absl::OkStatus();
    probe = OsParent(probe);
  }
  if (!Inside(real, root_real)) {
    return vfs::PermissionDenied(
        os_path, absl::StrCat("a symlink leads out of the root to ", real,
                              " (set copy_links to follow it)"));
  }
  (void)remote;
  return absl::OkStatus();
}

absl::Status LocalFs::StatFollowing(const std::string& os_path, std::string_view remote,
                                    struct stat* st) const {
  if (::lstat(os_path.c_str(), st) != 0) return OsError(errno, "stat", os_path, remote);
  if (S_ISLNK(st->st_mode)) {
    absl::Status confined = CheckConfined(os_path, remote);
    if (!confined.ok()) return confined;
    if (::stat(os_path.c_str(), st) != 0) return OsError(errno, "stat", os_path, remote);
  }
  return absl::OkStatus();
}

vfs::ObjectPtr LocalFs::MakeObject(std::string remote, const struct stat& st,
                                   std::string whirlpool) {
  return std::make_shared<LocalObject>(shared_from_this(), std::move(remote),
                                       static_cast<int64_t>(st.st_size),
                                       absl::TimeFromTimespec(st.st_mtim), std::move(whirlpool));
}

vfs::ObjectPtr LocalFs::MakeLinkObject(std::string remote, const struct stat& st) {
  // lstat's size of a symlink is the length of its target: the `.rclonelink` file's size.
  auto object = std::make_shared<LocalObject>(shared_from_this(), std::move(remote),
                                              static_cast<int64_t>(st.st_size),
                                              absl::TimeFromTimespec(st.st_mtim), "");
  object->set_is_link();
  return object;
}

absl::StatusOr<vfs::DirEntries> LocalFs::List(std::string_view dir) {
  absl::StatusOr<std::string> os_dir = OsPath(dir);
  if (!os_dir.ok()) return os_dir.status();
  absl::Status confined = CheckConfined(*os_dir, dir);
  if (!confined.ok()) return confined;
  if (options_.copy_links && !dir.empty()) {
    absl::Status loop = CheckNoDirectoryLoop(os_root_, *os_dir);
    if (!loop.ok()) return loop;
  }
  // -x: the root's device; directories elsewhere (mounts below the root) are left out, as rclone
  // does, without a message.
  std::optional<dev_t> root_device;
  if (options_.one_file_system) {
    struct stat root_st;
    if (::stat(os_root_.c_str(), &root_st) == 0) root_device = root_st.st_dev;
  }
  DIR* d = ::opendir(os_dir->c_str());
  if (d == nullptr) return OsError(errno, "open directory", *os_dir, dir, Subject::kDir);
  vfs::DirEntries out;
  int read_errno = 0;
  while (true) {
    errno = 0;  // readdir reports errors only through errno
    struct dirent* e = ::readdir(d);
    if (e == nullptr) {
      read_errno = errno;
      break;
    }
    std::string_view leaf(e->d_name);
    if (leaf == "." || leaf == ".." || IsTempName(leaf)) continue;
    std::string child = *os_dir;
    if (child != "/") child.push_back('/');
    child.append(leaf);
    std::string remote = vfs::JoinPath(dir, options_.encoder.Decode(leaf));
    struct stat st;
    if (::lstat(child.c_str(), &st) != 0) continue;  // vanished since readdir
    if (S_ISLNK(st.st_mode)) {
      if (options_.links) {
        out.push_back(MakeLinkObject(remote + std::string(kLinkSuffix), st));
        continue;
      }
      if (!options_.copy_links) {
        if (!options_.skip_links) vfs::Log(vfs::LogLevel::kNotice, remote, kSymlinkNotice);
        continue;
      }
      if (::stat(child.c_str(), &st) != 0) {
        vfs::Log(vfs::LogLevel::kError, remote,
                 absl::StrCat("Listing error: symlink: stat ", child, ": ", std::strerror(errno)));
        continue;
      }
    }
    if (S_ISDIR(st.st_mode)) {
      if (root_device && st.st_dev != *root_device) continue;
      out.push_back(vfs::Directory{.remote = remote, .mod_time = absl::TimeFromTimespec(st.st_mtim)});
    } else if (S_ISREG(st.st_mode)) {
      out.push_back(MakeObject(std::move(remote), st));
    } else {
      vfs::Log(vfs::LogLevel::kNotice, remote, kSpecialNotice);
    }
  }
  ::closedir(d);
  if (read_errno != 0) return OsError(read_errno, "read directory", *os_dir, dir, Subject::kDir);
  return out;
}

absl::StatusOr<vfs::ObjectPtr> LocalFs::NewLinkObject(std::string_view remote) {
  if (!options_.links || !HasLinkSuffix(remote)) return nullptr;
  absl::StatusOr<std::string> os_path = OsPath(remote.substr(0, remote.size() - kLinkSuffix.size()));
  if (!os_path.ok()) return os_path.status();
  struct stat st;
  if (::lstat(os_path->c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return nullptr;
  return MakeLinkObject(std::string(remote), st);
}

absl::StatusOr<vfs::ObjectPtr> LocalFs::NewObject(std::string_view remote) {
  absl::StatusOr<vfs::ObjectPtr> link = NewLinkObject(remote);
  if (!link.ok() || *link != nullptr) return link;
  absl::StatusOr<std::string> os_path = OsPath(remote);
  if (!os_path.ok()) return os_path.status();
  absl::Status confined = CheckConfined(*os_path, remote);
  if (!confined.ok()) return confined;
  struct stat st;
  absl::Status status = StatFollowing(*os_path, remote, &st);
  if (!status.ok()) return status;
  if (S_ISDIR(st.st_mode)) return vfs::IsDirError(remote);
  if (!S_ISREG(st.st_mode)) {
    return vfs::NotAFile(absl::StrCat(base::ToAbsl(remote), " (a ", SpecialFileKind(st.st_mode), ")"));
  }
  return MakeObject(std::string(remote), st);
}

absl::Status LocalFs::MakeDirs(const std::string& os_dir, std::string_view remote) const {
  struct stat st;
  if (::stat(os_dir.c_str(), &st) == 0) {
    return S_ISDIR(st.st_mode) ? absl::OkStatus() : vfs::IsFileError(remote);
  }
  if (errno != ENOENT) return OsError(errno, "stat", os_dir, remote, Subject::kDir);
  std::string parent = OsParent(os_dir);
  if (parent != os_dir) {
    absl::Status up = MakeDirs(parent, vfs::ParentDir(remote));
    if (!up.ok()) return up;
  }
  if (::mkdir(os_dir.c_str(), 0777) != 0 && errno != EEXIST) {
    return OsError(errno, "mkdir", os_dir, remote, Subject::kDir);
  }
  return absl::OkStatus();
}

absl::StatusOr<LocalFs::TempFile> LocalFs::CreateTemp(const std::string& os_path,
                                                      std::string_view remote) const {
  std::string dir = OsParent(os_path);
  absl::Status status = MakeDirs(dir, vfs::ParentDir(remote));
  if (!status.ok()) return status;
  status = CheckConfined(dir, remote);
  if (!status.ok()) return status;
  TempFile temp{-1, dir + "/" + TempName()};
  temp.fd = ::open(temp.path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (temp.fd < 0) return OsError(errno, "create", temp.path, remote);
  return temp;
}

absl::Status LocalFs::FinishTemp(TempFile& temp, absl::Time mod_time, const std::string& os_path,
                                 std::string_view remote) const {
  struct timespec times[2];
  times[0] = times[1] = absl::ToTimespec(mod_time);
  if (::futimens(temp.fd, times) != 0) return OsError(errno, "set time of", temp.path, remote);
  int closed = ::close(temp.fd);
  temp.fd = -1;
  if (closed != 0) return OsError(errno, "close", temp.path, remote);
  if (::rename(temp.path.c_str(), os_path.c_str()) != 0) {
    return OsError(errno, "rename into", os_path, remote);
  }
  temp.path.clear();  // it is the real file now
  return absl::OkStatus();
}

void LocalFs::DropTemp(TempFile& temp) {
  if (temp.fd >= 0) ::close(temp.fd);
  temp.fd = -1;
  if (!temp.path.empty()) ::unlink(temp.path.c_str());
  temp.path.clear();
}

absl::StatusOr<std::string> LocalFs::WriteFile(vfs::Source& in, const vfs::ObjectInfo& info,
                                               const std::string& os_path,
                                               std::string_view remote) {
  absl::StatusOr<TempFile> temp = CreateTemp(os_path, remote);
  if (!temp.ok()) return temp.status();
  auto abandon = [&](absl::Status why) {
    DropTemp(*temp);
    return why;
  };
  vfs::HashingSource hashing(in);
  std::vector<uint8_t> buffer(256 * 1024);
  while (true) {
    absl::StatusOr<size_t> n = hashing.Read(buffer);
    if (!n.ok()) return abandon(vfs::WithContext(n.status(), absl::StrCat("reading ", std::string(remote))));
    if (*n == 0) break;
    absl::Status status = WriteAll(temp->fd, buffer.data(), *n, temp->path, remote);
    if (!status.ok()) return abandon(status);
  }
  if (info.size() >= 0 && hashing.bytes() != info.size()) {
    return abandon(vfs::DataCorruption(
        remote, absl::StrCat("source gave ", hashing.bytes(), " bytes, expected ", info.size())));
  }
  absl::Status finished = FinishTemp(*temp, info.mod_time(), os_path, remote);
  if (!finished.ok()) return abandon(finished);
  return hashing.Sum(hash::HashType::kWhirlpool);
}

absl::StatusOr<std::string> LocalFs::WriteLink(vfs::Source& in, const vfs::ObjectInfo& info,
                                               const std::string& os_path,
                                               std::string_view remote) {
  std::string link = os_path.substr(0, os_path.size() - kLinkSuffix.size());
  std::string dir = OsParent(link);
  absl::Status status = MakeDirs(dir, vfs::ParentDir(remote));
  if (!status.ok()) return status;
  status = CheckConfined(dir, remote);
  if (!status.ok()) return status;
  vfs::HashingSource hashing(in);
  std::string target;
  std::vector<uint8_t> buffer(kMaxLinkTarget + 1);
  while (true) {
    absl::StatusOr<size_t> n = hashing.Read(std::span(buffer).first(kMaxLinkTarget + 1 - target.size()));
    if (!n.ok()) return vfs::WithContext(n.status(), absl::StrCat("reading ", base::ToAbsl(remote)));
    if (*n == 0) break;
    target.append(reinterpret_cast<const char*>(buffer.data()), *n);
    if (target.size() > kMaxLinkTarget) return vfs::BadInput(remote, "symlink target too long");
  }
  if (target.empty() || target.find('\0') != std::string::npos) {
    return vfs::BadInput(remote, "not a symlink target (empty or holds a NUL byte)");
  }
  // A new link under a temporary name renamed over the old one: never a moment without either.
  std::string temp = dir + "/" + TempName();
  if (::symlink(target.c_str(), temp.c_str()) != 0) return OsError(errno, "symlink", temp, remote);
  struct timespec times[2];
  times[0] = times[1] = absl::ToTimespec(info.mod_time());
  (void)::utimensat(AT_FDCWD, temp.c_str(), times, AT_SYMLINK_NOFOLLOW);  // best effort, as rclone
  if (::rename(temp.c_str(), link.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    return OsError(err, "rename into", link, remote);
  }
  return hashing.Sum(hash::HashType::kWhirlpool);
}

absl::StatusOr<LocalFs::WriteTarget> LocalFs::TargetOf(const vfs::ObjectInfo& info,
                                                       std::string_view operation) const {
  absl::StatusOr<std::string> remote = vfs::CleanPath(info.remote());
  if (!remote.ok()) return remote.status();
  if (remote->empty()) return vfs::BadInput(operation, "empty object name");
  absl::StatusOr<std::string> os_path = OsPath(*remote);
  if (!os_path.ok()) return os_path.status();
  const bool link = options_.links && HasLinkSuffix(*remote);
  return WriteTarget{*std::move(remote), *std::move(os_path), link};
}

absl::StatusOr<vfs::ObjectPtr> LocalFs::Put(vfs::Source& in, const vfs::ObjectInfo& info,
                                            const vfs::PutOptions& /*options*/) {
  absl::StatusOr<WriteTarget> target = TargetOf(info, "Put");
  if (!target.ok()) return target.status();
  std::string* remote = &target->remote;
  std::string* os_path = &target->os_path;
  struct stat st;
  if (target->link) {
    absl::StatusOr<std::string> sum = WriteLink(in, info, *os_path, *remote);
    if (!sum.ok()) return sum.status();
    return NewObject(*remote);
  }
  if (::stat(os_path->c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return vfs::IsDirError(*remote);
  absl::StatusOr<std::string> sum = WriteFile(in, info, *os_path, *remote);
  if (!sum.ok()) return sum.status();
  if (::stat(os_path->c_str(), &st) != 0) return OsError(errno, "stat", *os_path, *remote);
  return MakeObject(*std::move(remote), st, *std::move(sum));
}

absl::Status LocalFs::Mkdir(std::string_view dir) {
  absl::StatusOr<std::string> os_dir = OsPath(dir);
  if (!os_dir.ok()) return os_dir.status();
  absl::Status status = CheckConfined(*os_dir, dir);
  if (!status.ok()) return status;
  return MakeDirs(*os_dir, dir);
}

absl::Status LocalFs::Rmdir(std::string_view dir) {
  absl::StatusOr<std::string> os_dir = OsPath(dir);
  if (!os_dir.ok()) return os_dir.status();
  absl::Status status = CheckConfined(*os_dir, dir);
  if (!status.ok()) return status;
  if (::rmdir(os_dir->c_str()) != 0) return OsError(errno, "rmdir", *os_dir, dir, Subject::kDir);
  return absl::OkStatus();
}

absl::StatusOr<vfs::ObjectPtr> LocalFs::Move(const vfs::Object& src, std::string_view remote) {
  const auto* source = dynamic_cast<const LocalObject*>(&src);
  if (source == nullptr) return vfs::CantMove(src.remote());
  absl::StatusOr<std::string> clean = vfs::CleanPath(remote);
  if (!clean.ok()) return clean.status();
  absl::StatusOr<std::string> to = OsPath(*clean);
  if (!to.ok()) return to.status();
  std::string from = source->os_path();
  struct stat st;
  if (::stat(to->c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return vfs::IsDirError(*clean);
  absl::Status status = MakeDirs(OsParent(*to), vfs::ParentDir(*clean));
  if (!status.ok()) return status;
  status = CheckConfined(OsParent(*to), *clean);
  if (!status.ok()) return status;
  if (::rename(from.c_str(), to->c_str()) != 0) {
    if (errno == EXDEV) return vfs::CantMove(src.remote());
    return OsError(errno, "rename", from, src.remote());
  }
  if (::stat(to->c_str(), &st) != 0) return OsError(errno, "stat", *to, *clean);
  return MakeObject(*std::move(clean), st);
}

absl::Status LocalFs::DirMove(vfs::Fs& src_fs, std::string_view src_remote,
                              std::string_view dst_remote) {
  auto* source = dynamic_cast<LocalFs*>(&src_fs);
  if (source == nullptr) return vfs::CantDirMove(src_remote);
  absl::StatusOr<std::string> from = source->OsPath(src_remote);
  if (!from.ok()) return from.status();
  absl::StatusOr<std::string> to = OsPath(dst_remote);
  if (!to.ok()) return to.status();
  struct stat st;
  if (::lstat(to->c_str(), &st) == 0) return vfs::DirExists(dst_remote);
  if (::lstat(from->c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return vfs::DirNotFound(src_remote);
  }
  absl::Status status = MakeDirs(OsParent(*to), vfs::ParentDir(dst_remote));
  if (!status.ok()) return status;
  if (::rename(from->c_str(), to->c_str()) != 0) {
    if (errno == EXDEV) return vfs::CantDirMove(src_remote);
    if (errno == EINVAL) return vfs::BadInput(dst_remote, "cannot move a directory into itself");
    return OsError(errno, "rename", *from, src_remote, Subject::kDir);
  }
  return absl::OkStatus();
}

absl::Status LocalFs::Purge(std::string_view dir) {
  absl::StatusOr<std::string> os_dir = OsPath(dir);
  if (!os_dir.ok()) return os_dir.status();
  struct stat st;
  if (::lstat(os_dir->c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return vfs::DirNotFound(dir);
  absl::Status status = CheckConfined(*os_dir, dir);
  if (!status.ok()) return status;
  std::error_code ec;
  // remove_all removes symlinks themselves, never what they point to.
  std::filesystem::remove_all(*os_dir, ec);
  if (ec) return OsError(ec.value(), "remove", *os_dir, dir, Subject::kDir);
  return absl::OkStatus();
}

absl::StatusOr<vfs::Usage> LocalFs::About() {
  std::string probe = os_root_;
  struct statvfs sv;
  while (::statvfs(probe.c_str(), &sv) != 0) {
    if (errno != ENOENT || probe == "/") return OsError(errno, "statvfs", probe, "");
    probe = OsParent(probe);
  }
  vfs::Usage usage;
  int64_t unit = static_cast<int64_t>(sv.f_frsize);
  usage.total = static_cast<int64_t>(sv.f_blocks) * unit;
  usage.free = static_cast<int64_t>(sv.f_bavail) * unit;
  usage.used = static_cast<int64_t>(sv.f_blocks - sv.f_bfree) * unit;
  return usage;
}

}  // namespace backend::local
