#include "vfs/registry.h"

#include <dlfcn.h>
#include <sys/stat.h>

#include <cstring>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/string_views.h"
#include "vfs/log.h"
#include "vfs/path.h"
#include "vfs/plugin.h"

namespace vfs {

std::string FsParams::Get(std::string_view option) const {
  auto it = options.find(option);
  return it == options.end() ? std::string() : it->second;
}

absl::StatusOr<bool> FsParams::GetBool(std::string_view option) const {
  std::string v = Get(option);
  if (v.empty() || v == "0" || v == "f" || v == "F" || v == "false" || v == "FALSE" ||
      v == "False") {
    return false;
  }
  if (v == "1" || v == "t" || v == "T" || v == "true" || v == "TRUE" || v == "True") return true;
  return BadInput(option, absl::StrCat("not a boolean: \"", v, "\""));
}

absl::StatusOr<int64_t> FsParams::GetInt(std::string_view option) const {
  std::string v = Get(option);
  if (v.empty()) return 0;
  int64_t out = 0;
  if (!absl::SimpleAtoi(v, &out)) {
    return BadInput(option, absl::StrCat("not an integer: \"", v, "\""));
  }
  return out;
}

const Option* BackendInfo::FindOption(std::string_view option_name) const {
  for (const Option& o : options) {
    if (o.name == option_name) return &o;
  }
  return nullptr;
}

Registry& Registry::Global() {
  // Never destroyed: backends register during static initialisation and plugins' objects may
  // outlive main().
  static Registry* registry = new Registry;
  return *registry;
}

absl::Status Registry::Register(BackendInfo info) {
  if (info.name.empty()) return absl::InvalidArgumentError("backend registered without a name");
  if (!info.factory) {
    return absl::InvalidArgumentError(absl::StrCat("backend \"", info.name, "\" has no factory"));
  }
  absl::MutexLock lock(&mu_);
  auto it = backends_.find(info.name);
  if (it != backends_.end()) {
    const std::string& where = it->second->origin.empty() ? "the program" : it->second->origin;
    return absl::AlreadyExistsError(
        absl::StrCat("backend \"", info.name, "\" is already registered (by ", where, ")"));
  }
  std::string name = info.name;
  backends_.emplace(std::move(name), std::make_shared<const BackendInfo>(std::move(info)));
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<const BackendInfo>> Registry::Find(std::string_view name) const {
  absl::MutexLock lock(&mu_);
  auto it = backends_.find(name);
  if (it == backends_.end()) {
    return absl::NotFoundError(absl::StrCat("didn't find backend called \"", base::ToAbsl(name), "\""));
  }
  return it->second;
}

std::vector<std::shared_ptr<const BackendInfo>> Registry::List() const {
  absl::MutexLock lock(&mu_);
  std::vector<std::shared_ptr<const BackendInfo>> out;
  out.reserve(backends_.size());
  for (const auto& [name, info] : backends_) out.push_back(info);
  return out;
}

absl::StatusOr<std::vector<std::string>> Registry::LoadPlugin(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    return absl::NotFoundError(
        absl::StrCat("backend plugin \"", path, "\": ", std::strerror(errno)));
  }
  // RTLD_LOCAL: the plugin carries its own copy of our static libraries; keeping its symbols
  // out of the global scope stops them from interposing on the program's (or another plugin's).
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = ::dlerror();
    return absl::InvalidArgumentError(absl::StrCat("backend plugin \"", path,
                                                   "\" cannot be loaded: ",
                                                   why ? why : "unknown dlopen error"));
  }
  auto fail = [&](absl::Status status) {
    ::dlclose(handle);
    return status;
  };
  void* symbol = ::dlsym(handle, kPluginEntryPoint);
  if (symbol == nullptr) {
    return fail(absl::InvalidArgumentError(
        absl::StrCat("backend plugin \"", path, "\" has no entry point ", kPluginEntryPoint,
                     " (not built with FICHIER_VFS_PLUGIN?)")));
  }
  const PluginDescriptor* descriptor = reinterpret_cast<PluginEntryPoint>(symbol)();
  if (descriptor == nullptr) {
    return fail(absl::InvalidArgumentError(
        absl::StrCat("backend plugin \"", path, "\": entry point returned no descriptor")));
  }
  // Only abi_version may be read before it is known to match.
  if (descriptor->abi_version != kPluginAbiVersion) {
    return fail(absl::FailedPreconditionError(absl::StrCat(
        "backend plugin \"", path, "\" was built for plugin ABI version ",
        descriptor->abi_version, " but this program uses version ", kPluginAbiVersion,
        "; rebuild the plugin against this version")));
  }
  if (descriptor->build_id == nullptr || std::strcmp(descriptor->build_id, kPluginBuildId) != 0) {
    return fail(absl::FailedPreconditionError(absl::StrCat(
        "backend plugin \"", path, "\" was built with \"",
        descriptor->build_id ? descriptor->build_id : "?", "\" but this program with \"",
        kPluginBuildId, "\"; rebuild the plugin with the same compiler")));
  }
  if (descriptor->get_backends == nullptr) {
    return fail(absl::InvalidArgumentError(
        absl::StrCat("backend plugin \"", path, "\" provides no backends")));
  }
  // The program's sink as it is now (empty = the default one), to put back below.
  LogSink program_sink = SetLogSink(nullptr);
  SetLogSink(program_sink);
  PluginHost host;
  host.log = [](LogLevel level, std::string_view subject, std::string_view message) {
    Log(level, subject, message);
  };
  std::vector<BackendInfo> backends;
  descriptor->get_backends(host, &backends);
  // A plugin linked against this very library (shared builds) has just made host.log the
  // process's sink, which would call itself: the program's sink stays. With its own copy of
  // the vfs code the plugin changed nothing here.
  SetLogSink(program_sink);
  // From here on the plugin's code has run: its singletons and static objects may hold memory
  // and exit handlers, so a refused plugin stays mapped (closing it leaked what it allocated).
  if (backends.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("backend plugin \"", path, "\" provides no backends"));
  }
  // Check every name first so a plugin is either fully registered or not at all.
  absl::Status taken;
  {
    absl::MutexLock lock(&mu_);
    for (const BackendInfo& b : backends) {
      if (backends_.contains(b.name)) {
        taken = absl::AlreadyExistsError(absl::StrCat(
            "backend plugin \"", path, "\": backend \"", b.name, "\" is already registered"));
        break;
      }
    }
  }
  if (!taken.ok()) return taken;
  std::vector<std::string> names;
  for (BackendInfo& b : backends) {
    b.origin = path;
    names.push_back(b.name);
    absl::Status status = Register(std::move(b));
    if (!status.ok()) return status;  // a concurrent registration won the race
  }
  // The handle is deliberately never closed: factories and vtables live in it.
  return names;
}

absl::StatusOr<NewFsResult> Registry::NewFs(std::string_view backend, std::string_view name,
                                            std::string_view root, ConfigMap values) const {
  absl::StatusOr<std::shared_ptr<const BackendInfo>> info = Find(backend);
  if (!info.ok()) return info.status();
  for (const Option& o : (*info)->options) {
    if (!values.contains(o.name) || values[o.name].empty()) {
      if (!o.default_value.empty()) {
        values[o.name] = o.default_value;
      } else if (o.required) {
        return BadInput(name, absl::StrCat("option \"", o.name, "\" of backend \"", base::ToAbsl(backend),
                                           "\" is required"));
      }
    }
  }
  FsParams params{std::string(name), std::string(root), std::move(values), nullptr};
  return (*info)->factory(params);
}

BackendRegistrar::BackendRegistrar(BackendInfo info) {
  std::string name = info.name;
  absl::Status status = Registry::Global().Register(std::move(info));
  if (!status.ok()) Log(LogLevel::kNotice, name, base::ToStd(status.message()));
}

}  // namespace vfs
