// fichier-embed-example REMOTE [PLUGIN.so]: what a tool does with the fichier library, using only
// the installed package. On REMOTE (":memory:", "myremote:dir" from rclone.conf or
// RCLONE_CONFIG_MYREMOTE_*, ":fichier,api_key=...:dir", a local path) it writes a file, lists it,
// reads it back, compares its Whirlpool, removes it, and exits 0; anything else exits 1.
#include <cstdio>
#include <string>

#include <fichier/fichier.h>

namespace {

int Fail(const std::string& step, const absl::Status& status) {
  std::fprintf(stderr, "fichier-embed-example: %s: %s\n", step.c_str(),
               std::string(status.message()).c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: %s REMOTE [PLUGIN.so]\n", argv[0]);
    return 2;
  }
  std::printf("fichier %s\n", fichier::Version());
  fichier::RegisterBuiltinBackends();
  if (argc == 3) {
    absl::StatusOr<std::vector<std::string>> names = fichier::LoadPlugin(argv[2]);
    if (!names.ok()) return Fail("loading the plugin", names.status());
  }

  // rclone.conf as rclone finds it (a missing file is an empty config).
  absl::StatusOr<vfs::ConfigFile> config = fichier::LoadConfig();
  if (!config.ok()) return Fail("reading the config", config.status());
  fichier::OpenOptions open_options;
  open_options.config = &*config;
  absl::StatusOr<fichier::Remote> remote = fichier::Open(argv[1], open_options);
  if (!remote.ok()) return Fail("opening the remote", remote.status());
  fichier::Fs& fs = *remote->fs;

  const std::string name = "fichier-embed-example.txt";
  std::string data;
  for (int i = 0; i < 20000; ++i) data += "line " + std::to_string(i) + "\n";

  fichier::TransferOptions progress;
  int64_t last_done = 0;
  progress.progress = [&](int64_t done, int64_t /*total*/) { last_done = done; };
  absl::StatusOr<fichier::ObjectPtr> put = fichier::PutBytes(fs, name, data, progress);
  if (!put.ok()) return Fail("writing", put.status());
  std::printf("wrote %s: %lld bytes (progress saw %lld)\n", name.c_str(),
              static_cast<long long>((*put)->size()), static_cast<long long>(last_done));

  absl::StatusOr<fichier::DirEntries> listed = fichier::List(fs);
  if (!listed.ok()) return Fail("listing", listed.status());
  bool found = false;
  for (const fichier::DirEntry& entry : *listed) {
    std::printf("listed %s %lld\n", entry.remote().c_str(), static_cast<long long>(entry.size()));
    found = found || (entry.remote() == name && entry.size() == static_cast<int64_t>(data.size()));
  }
  if (!found) return Fail("listing", absl::NotFoundError(name + " is not listed with its size"));

  absl::StatusOr<std::string> back = fichier::GetBytes(fs, name);
  if (!back.ok()) return Fail("reading back", back.status());
  if (*back != data) return Fail("reading back", absl::DataLossError("content differs"));

  absl::StatusOr<std::string> whirlpool = fichier::Whirlpool(fs, name);
  if (!whirlpool.ok()) return Fail("hashing", whirlpool.status());
  if (*whirlpool != fichier::WhirlpoolOf(data)) {
    return Fail("hashing", absl::DataLossError("Whirlpool differs: " + *whirlpool));
  }
  std::printf("whirlpool %s\n", whirlpool->c_str());

  if (absl::Status removed = fichier::Remove(fs, name); !removed.ok()) {
    return Fail("removing", removed);
  }
  absl::StatusOr<fichier::ObjectPtr> gone = fs.NewObject(name);
  if (gone.ok()) return Fail("removing", absl::InternalError(name + " is still there"));
  std::printf("removed %s: ok\n", name.c_str());
  return 0;
}
