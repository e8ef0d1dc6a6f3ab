// The contract between a backend plugin (a shared object loaded with dlopen) and the program that
// loads it. One extern "C" entry point returns a descriptor; its first field is the ABI version,
// read before anything else, so a plugin built against another version of this interface is
// refused with a clear error instead of crashing on a mismatched vtable.
//
// C++ types (BackendInfo, Fs, absl::Status) cross the boundary, so the version must be bumped
// whenever a vfs interface header changes layout, and both sides must come from the same
// compiler and standard library (checked through kPluginBuildId).
//
// A plugin source file:
//   #include "vfs/plugin.h"
//   static void Backends(const vfs::PluginHost& host, std::vector<vfs::BackendInfo>* out) {
//     out->push_back(backend::memory::MemoryBackendInfo());
//   }
//   FICHIER_VFS_PLUGIN("memory", Backends)
#ifndef FICHIER_VFS_PLUGIN_H_
#define FICHIER_VFS_PLUGIN_H_

#include <cstdint>
#include <vector>

#include "vfs/log.h"
#include "vfs/registry.h"

namespace vfs {

inline constexpr uint32_t kPluginAbiVersion = 1;
inline constexpr char kPluginEntryPoint[] = "fichier_vfs_plugin_entry";

#define FICHIER_VFS_STRINGIFY_INNER(x) #x
#define FICHIER_VFS_STRINGIFY(x) FICHIER_VFS_STRINGIFY_INNER(x)
#if defined(__clang__)
#define FICHIER_VFS_COMPILER "clang " __clang_version__
#elif defined(__GNUC__)
#define FICHIER_VFS_COMPILER "gcc " __VERSION__
#else
#define FICHIER_VFS_COMPILER "unknown"
#endif
#if defined(_GLIBCXX_USE_CXX11_ABI)
#define FICHIER_VFS_STDLIB "libstdc++ cxx11abi=" FICHIER_VFS_STRINGIFY(_GLIBCXX_USE_CXX11_ABI)
#else
#define FICHIER_VFS_STDLIB "other stdlib"
#endif
// Compiler and standard library the interface was compiled with; both sides must agree.
inline constexpr char kPluginBuildId[] = FICHIER_VFS_COMPILER "; " FICHIER_VFS_STDLIB;

// What the loading program hands to the plugin.
struct PluginHost {
  // The program's log sink: the plugin has its own copy of the vfs code (and of the sink), so
  // its log lines would otherwise bypass the program's -v handling.
  LogSink log;
};

struct PluginDescriptor {
  uint32_t abi_version;  // must stay the first member in every version
  const char* build_id;  // kPluginBuildId of the plugin
  const char* name;      // the plugin's name, for messages
  // Appends the backends the plugin provides. Called only after the checks passed.
  void (*get_backends)(const PluginHost& host, std::vector<BackendInfo>* out);
};

using PluginEntryPoint = const PluginDescriptor* (*)();

}  // namespace vfs

// Defines the entry point of a plugin. `name` is a string literal, `get_backends` a function
// with the signature of PluginDescriptor::get_backends.
#define FICHIER_VFS_PLUGIN(name, get_backends)                                          \
  extern "C" __attribute__((visibility("default"))) const ::vfs::PluginDescriptor*      \
  fichier_vfs_plugin_entry() {                                                          \
    static const ::vfs::PluginDescriptor descriptor{::vfs::kPluginAbiVersion,           \
                                                    ::vfs::kPluginBuildId, name,        \
                                                    get_backends};                      \
    return &descriptor;                                                                 \
  }

#endif  // FICHIER_VFS_PLUGIN_H_
