// fichier: rclone-style remotes (1fichier, local disk, memory, crypt, alias and plugins) for C++20
// programs. This is the one header to start from; it wraps the vfs and operations layers, whose
// headers it includes, and nothing here duplicates their logic.
//
//   #include <fichier/fichier.h>
//   fichier::RegisterBuiltinBackends();
//   absl::StatusOr<fichier::Remote> remote = fichier::Open(":memory:");   // or "myf:photos"
//   absl::StatusOr<fichier::ObjectPtr> put = fichier::PutBytes(*remote->fs, "a.txt", "hello");
//   absl::StatusOr<std::string> back = fichier::GetBytes(*remote->fs, "a.txt");
//
// Errors: every call returns absl::Status / absl::StatusOr; no exception leaves the library.
// The status code says what kind of failure it is (vfs/errors.h: object not found = NotFound,
// bad input = InvalidArgument, retryable = Unavailable, bad credentials = Unauthenticated, ...)
// and vfs::KindOf(status) gives rclone's error kind. Messages name what failed, never a secret.
//
// Threading: every function here, and every method of Fs and Object, may be called from several
// threads at once. Registration and logging are process-wide.
//
// Ownership: Fs and Object are shared (std::shared_ptr); keep an Fs alive while its Objects are
// in use. Sources and sinks passed in are borrowed for the duration of the call only.
//
// Build: find_package(fichier CONFIG REQUIRED) + target_link_libraries(app fichier::fichier), or
// `pkg-config --cflags --libs fichier`. C++20. See docs/EMBEDDING.md.
#ifndef FICHIER_FICHIER_H_
#define FICHIER_FICHIER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "base/cancel.h"
#include "fichier/version.h"
#include "vfs/config/config_file.h"
#include "vfs/dir_entry.h"
#include "vfs/errors.h"
#include "vfs/fs.h"
#include "vfs/global_options.h"
#include "vfs/log.h"
#include "vfs/object.h"
#include "vfs/operations/check.h"
#include "vfs/operations/context.h"
#include "vfs/operations/options.h"
#include "vfs/operations/stats.h"
#include "vfs/source.h"

namespace fichier {

using vfs::DirEntries;
using vfs::DirEntry;
using vfs::Fs;
using vfs::FsPtr;
using vfs::Object;
using vfs::ObjectPtr;
using vfs::Sink;    // std::function<absl::Status(std::span<const uint8_t>)>
using vfs::Source;  // pull-based byte stream; vfs::StringSource / vfs::SpanSource are ready-made

// The library's version ("0.1.0"); FICHIER_VERSION_STRING is the headers' version. Semantic
// versioning: while the major version is 0 only the same major.minor is compatible.
const char* Version();

// ---- Backends ------------------------------------------------------------------------------

// Registers the built-in backends (local, memory, fichier, crypt, alias) in the process-wide
// registry, without relying on static initialisers being linked in. Call once before Open; a
// second call (or a backend already registered) changes nothing.
void RegisterBuiltinBackends();

// Loads a backend plugin (a shared object built with FICHIER_VFS_PLUGIN, vfs/plugin.h) and
// registers its backends; returns their names. Errors name the file: not found, not a shared
// object, no entry point, another plugin ABI version or compiler, a backend name already taken
// (nothing of that plugin is registered then). A loaded plugin stays loaded.
absl::StatusOr<std::vector<std::string>> LoadPlugin(const std::string& path);

// Names of the registered backends, sorted.
std::vector<std::string> Backends();

// Where the library's log lines go (rclone's levels). The default prints NOTICE and ERROR to
// stderr. Returns the previous sink. The sink may be called from any thread.
using vfs::LogLevel;
using vfs::LogSink;
using vfs::SetLogSink;

// Process-wide options backends read when an Fs is made (timeouts, low-level retries, the cache
// directory): set them before Open.
using vfs::GlobalOptions;
using vfs::SetGlobalOptions;

// ---- Configuration -------------------------------------------------------------------------

// Reads an rclone.conf. `path` empty: the file rclone 1.60 would use (RCLONE_CONFIG, then
// $XDG_CONFIG_HOME/rclone/rclone.conf, ~/.config/rclone/rclone.conf, ~/.rclone.conf); a missing
// file gives an empty config. Malformed files are InvalidArgument naming the file and line.
absl::StatusOr<vfs::ConfigFile> LoadConfig(const std::string& path = "");

struct OpenOptions {
  // Named remotes ("myf:path") are looked up here; nullptr = no config file (on-the-fly remotes
  // ":fichier,api_key=...:path", local paths and RCLONE_CONFIG_<NAME>_* still work). Borrowed
  // for the call only.
  const vfs::ConfigFile* config = nullptr;
  // Read RCLONE_CONFIG_<REMOTE>_<OPTION> and RCLONE_<BACKEND>_<OPTION> as rclone does.
  bool use_environment = true;
  // A connection-string parameter the backend does not declare is an InvalidArgument error
  // (rclone only ignores it); false keeps rclone's behaviour.
  bool reject_unknown_options = true;
};

// An opened remote. When the remote string named a file (rclone's "is a file"), `fs` is rooted
// at its parent and `file` is the file's name in it; otherwise `file` is empty.
struct Remote {
  FsPtr fs;
  std::string file;
};

// Opens "remote:path", ":backend,opt=value:path" or a local path, resolving options with
// rclone's precedence (connection string, environment, config file, defaults).
absl::StatusOr<Remote> Open(std::string_view remote, const OpenOptions& options = {});

// Opens backend `type` at `root` with option values given in code (plain text, also for
// secrets); options not given take their defaults. An option the backend does not declare is an
// InvalidArgument error. No config file or environment is read.
absl::StatusOr<Remote> OpenBackend(std::string_view type, std::string_view root,
                                   const std::map<std::string, std::string>& options = {});

// ---- Files ---------------------------------------------------------------------------------

// Called as bytes pass: `done` so far and `total` (-1 when unknown). Called on the thread that
// makes the call, after each chunk; returning is all it needs to do.
using Progress = std::function<void(int64_t done, int64_t total)>;

struct TransferOptions {
  Progress progress;                  // may be empty
  absl::Time mod_time = absl::Now();  // Put: the modification time to store
};

// Uploads `in` (`size` bytes, -1 when unknown) as `remote`, replacing an object of that name;
// creates missing directories. If `in` fails nothing is left behind.
absl::StatusOr<ObjectPtr> Put(Fs& fs, std::string_view remote, Source& in, int64_t size,
                              const TransferOptions& options = {});
absl::StatusOr<ObjectPtr> PutBytes(Fs& fs, std::string_view remote, std::string_view data,
                                   const TransferOptions& options = {});

// Downloads `remote` into `sink`; returns the byte count. NotFound when there is no such file.
absl::StatusOr<int64_t> Get(Fs& fs, std::string_view remote, const Sink& sink,
                            const TransferOptions& options = {});
// The whole content in memory; ResourceExhausted past `max_bytes`.
absl::StatusOr<std::string> GetBytes(Fs& fs, std::string_view remote,
                                     const TransferOptions& options = {},
                                     size_t max_bytes = 256u << 20);

// The entries of `dir` ("" = the root), files and directories, sorted by name; with `recursive`
// everything below it. Entry paths are relative to the Fs root.
absl::StatusOr<DirEntries> List(Fs& fs, std::string_view dir = "", bool recursive = false);

// Removes one file (NotFound when missing).
absl::Status Remove(Fs& fs, std::string_view remote);

// The Whirlpool of `remote` (128 lowercase hex digits): the backend's own when it has one,
// otherwise computed by reading the file.
absl::StatusOr<std::string> Whirlpool(Fs& fs, std::string_view remote);
// The Whirlpool of bytes in memory.
std::string WhirlpoolOf(std::string_view data);

// ---- Operations (rclone's copy, sync, move, check) -------------------------------------------

// A stop signal: Trigger(reason) from any thread ends the run it was given to. Waits, retries
// and transfers end promptly with `reason`; a stopped sync deletes nothing.
using Cancel = base::Cancel;
inline std::shared_ptr<Cancel> MakeCancel() { return std::make_shared<Cancel>(); }

struct RunOptions {
  vfs::operations::Options options;   // rclone's flags: transfers, checkers, checksum, dry_run...
  std::shared_ptr<Cancel> cancel;     // nullptr = the process-wide token (Cancel::Process())
  // Counters (bytes, transfers, errors); Snapshot() may be read from another thread while the run
  // goes. nullptr = counted internally and dropped.
  vfs::operations::Stats* stats = nullptr;
};

// Make dst hold src's files (copy), become identical to src (sync: extra files deleted last,
// never after an error or a stop), or move them. The status is the last error (OK when none).
absl::Status Copy(Fs& src, Fs& dst, const RunOptions& run = {});
absl::Status Sync(Fs& src, Fs& dst, const RunOptions& run = {});
absl::Status Move(Fs& src, Fs& dst, const RunOptions& run = {});
// Compares both trees by size and hash; OK when identical, else "N differences found".
absl::Status Check(Fs& src, Fs& dst, const RunOptions& run = {},
                   const vfs::operations::CheckOptions& check = {});

}  // namespace fichier

#endif  // FICHIER_FICHIER_H_
