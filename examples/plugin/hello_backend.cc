// An out-of-tree backend plugin, built against the installed fichier package only. Backend
// "hello": a read-only remote holding one file, hello.txt, whose content is the `greeting`
// option. Load it into fclone with `fclone --plugin libfichier_hello.so cat :hello:hello.txt`
// or by placing it in fclone's plugin directory.
#include <memory>
#include <string>
#include <vector>

#include <fichier/vfs/plugin.h>

namespace {

constexpr char kFile[] = "hello.txt";

class HelloObject : public vfs::Object {
 public:
  HelloObject(const vfs::Fs* fs, std::string text) : fs_(fs), text_(std::move(text)) {}

  std::string remote() const override { return kFile; }
  int64_t size() const override { return static_cast<int64_t>(text_.size()); }
  absl::Time mod_time() const override { return absl::UnixEpoch(); }
  absl::StatusOr<std::string> Hash(hash::HashType /*type*/) const override {
    return std::string();  // none: callers compute it from the content
  }
  const vfs::Fs* fs() const override { return fs_; }
  absl::StatusOr<std::unique_ptr<vfs::Source>> Open(const vfs::OpenOptions& options) override {
    vfs::ResolvedRange range = options.Resolve(size());
    std::string part = text_.substr(static_cast<size_t>(range.offset));
    if (range.length >= 0) part.resize(std::min(part.size(), static_cast<size_t>(range.length)));
    return std::make_unique<vfs::StringSource>(std::move(part));
  }
  absl::Status Update(vfs::Source&, const vfs::ObjectInfo&, const vfs::PutOptions&) override {
    return vfs::PermissionDenied(kFile, "the hello backend is read-only");
  }
  absl::Status Remove() override {
    return vfs::PermissionDenied(kFile, "the hello backend is read-only");
  }

 private:
  const vfs::Fs* fs_;
  std::string text_;
};

class HelloFs : public vfs::Fs, public std::enable_shared_from_this<HelloFs> {
 public:
  HelloFs(std::string name, std::string greeting)
      : name_(std::move(name)), greeting_(std::move(greeting)) {}

  std::string Name() const override { return name_; }
  std::string Root() const override { return ""; }
  std::string ToString() const override { return "hello backend"; }
  const vfs::Features& features() const override { return features_; }

  absl::StatusOr<vfs::DirEntries> List(std::string_view dir) override {
    if (!dir.empty()) return vfs::DirNotFound(dir);
    vfs::DirEntries entries;
    entries.emplace_back(MakeObject());
    return entries;
  }
  absl::StatusOr<vfs::ObjectPtr> NewObject(std::string_view remote) override {
    if (remote != kFile) return vfs::ObjectNotFound(remote);
    return MakeObject();
  }
  absl::StatusOr<vfs::ObjectPtr> Put(vfs::Source&, const vfs::ObjectInfo& info,
                                     const vfs::PutOptions&) override {
    return vfs::PermissionDenied(info.remote(), "the hello backend is read-only");
  }
  absl::Status Mkdir(std::string_view dir) override {
    return vfs::PermissionDenied(dir, "the hello backend is read-only");
  }
  absl::Status Rmdir(std::string_view dir) override {
    return vfs::PermissionDenied(dir, "the hello backend is read-only");
  }

 private:
  vfs::ObjectPtr MakeObject() const { return std::make_shared<HelloObject>(this, greeting_); }

  std::string name_;
  std::string greeting_;
  vfs::Features features_;
};

vfs::BackendInfo HelloBackend() {
  vfs::BackendInfo info;
  info.name = "hello";
  info.description = "Example plugin: one read-only file";
  info.options = {vfs::Option{.name = "greeting",
                              .help = "Content of hello.txt.",
                              .default_value = "Hello from a plugin"}};
  info.factory = [](const vfs::FsParams& params) -> absl::StatusOr<vfs::NewFsResult> {
    auto fs = std::make_shared<HelloFs>(params.name, params.Get("greeting"));
    std::string_view root = params.root;
    while (!root.empty() && root.front() == '/') root.remove_prefix(1);
    if (root.empty()) return vfs::NewFsResult{fs, ""};
    // A root naming the file: rclone's "is a file" answer (the Fs at its parent, and the leaf).
    if (root == kFile) return vfs::NewFsResult{fs, kFile};
    return vfs::DirNotFound(root);
  };
  return info;
}

void GetBackends(const vfs::PluginHost& host, std::vector<vfs::BackendInfo>* out) {
  if (host.log) vfs::SetLogSink(host.log);  // our log lines go through the program's -v handling
  out->push_back(HelloBackend());
}

}  // namespace

FICHIER_VFS_PLUGIN("hello", GetBackends)
