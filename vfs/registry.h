// Backends register here by name with their description, option declarations and a factory
// (rclone's fs.Register / fs.Find). Backends linked into the program register themselves with a
// static BackendRegistrar; others are loaded from shared objects at run time (LoadPlugin).
#ifndef FICHIER_VFS_REGISTRY_H_
#define FICHIER_VFS_REGISTRY_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "vfs/config/option.h"
#include "vfs/fs.h"

namespace vfs {

struct ConfigSources;  // vfs/config/option_resolver.h

// Option values of one remote by option name, as strings (the way rclone.conf holds them).
using ConfigMap = std::map<std::string, std::string, std::less<>>;

// What a factory gets: everything already resolved by the config layer.
struct FsParams {
  std::string name;    // remote name as the user wrote it (":memory" for an on-the-fly remote)
  std::string root;    // as the user gave it: the backend cleans it (local keeps a leading '/')
  ConfigMap options;   // resolved values; a declared option missing here takes its default
  // Where the remote was resolved from, for backends that wrap another remote (crypt, alias:
  // vfs/wrapped_remote.h). Valid during the factory call only; nullptr = no config.
  const ConfigSources* sources = nullptr;

  // The value of `option`, or "" when unset.
  std::string Get(std::string_view option) const;
  // rclone's bool syntax (1/t/T/TRUE/true/True, 0/f/F/FALSE/false/False); "" = false.
  absl::StatusOr<bool> GetBool(std::string_view option) const;
  absl::StatusOr<int64_t> GetInt(std::string_view option) const;
};

// What a factory returns. rclone's NewFs may return an Fs *and* ErrorIsFile when the root names a
// file: the Fs is then rooted at the file's parent and `file` holds the file's leaf, and
// commands should act on that single file.
struct NewFsResult {
  FsPtr fs;
  std::string file;  // "" unless the root named a file
  bool is_file() const { return !file.empty(); }
};

using FsFactory = std::function<absl::StatusOr<NewFsResult>(const FsParams& params)>;

struct BackendInfo {
  std::string name;         // "local", "memory", "fichier": the `type` in rclone.conf
  std::string description;  // one line
  Options options;          // declarations (help, defaults, secret, advanced...)
  FsFactory factory;
  std::string origin;       // "" for linked-in backends, the shared object's path for plugins

  const Option* FindOption(std::string_view option_name) const;
};

class Registry {
 public:
  // The process-wide registry.
  static Registry& Global();

  // Adds a backend; already-exists if the name is taken, invalid-argument for an empty name or
  // no factory.
  absl::Status Register(BackendInfo info);
  // not-found naming the backend when it is unknown (rclone: didn't find backend called "x").
  absl::StatusOr<std::shared_ptr<const BackendInfo>> Find(std::string_view name) const;
  // Every backend, sorted by name.
  std::vector<std::shared_ptr<const BackendInfo>> List() const;

  // Loads a backend plugin (a shared object built with FICHIER_VFS_PLUGIN, see plugin.h) and
  // registers the backends it provides; returns their names. Errors name the file and say what
  // is wrong: not found, not loadable, no entry point, other ABI version or compiler.
  // A loaded plugin stays loaded for the life of the process (its code backs live objects).
  absl::StatusOr<std::vector<std::string>> LoadPlugin(const std::string& path);

  // Fills in option defaults for what `values` leaves unset, then calls the factory.
  absl::StatusOr<NewFsResult> NewFs(std::string_view backend, std::string_view name,
                                    std::string_view root, ConfigMap values = {}) const;

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, std::shared_ptr<const BackendInfo>, std::less<>> backends_
      ABSL_GUARDED_BY(mu_);
};

// Registers a backend into Registry::Global() during static initialisation:
//   static vfs::BackendRegistrar registrar(MyBackendInfo());
// A second registration of the same name is ignored with a NOTICE, so a backend that is both
// linked in and loaded as a plugin does not abort the program.
class BackendRegistrar {
 public:
  explicit BackendRegistrar(BackendInfo info);
};

// Defines, in a linked-in backend's namespace, `void Register()` (adds the backend to
// Registry::Global(); already registered, statically or by an earlier call, is fine) and the
// static registrar, both from `info_function()`.
#define VFS_LINKED_BACKEND(info_function)                                        \
  void Register() { (void)::vfs::Registry::Global().Register(info_function()); } \
  namespace {                                                                    \
  const ::vfs::BackendRegistrar registrar(info_function());                      \
  }

}  // namespace vfs

#endif  // FICHIER_VFS_REGISTRY_H_
