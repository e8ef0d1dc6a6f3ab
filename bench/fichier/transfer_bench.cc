// fichier_transfer_bench put|get API_URL KEY LOCAL_FILE REMOTE_PATH [OPTION=VALUE...]
// Streams one file through the fichier backend (put: local file -> remote; get: remote ->
// local file, whole-file Whirlpool verification on unless download_verify=false is given) and
// prints bytes and seconds. Extra OPTION=VALUE arguments are backend options.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "backend/fichier/fichier_fs.h"
#include "vfs/object_info.h"
#include "vfs/registry.h"
#include "vfs/source.h"

namespace {

class FileSource : public vfs::Source {
 public:
  explicit FileSource(FILE* f) : f_(f) {}
  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override {
    size_t n = std::fread(buffer.data(), 1, buffer.size(), f_);
    if (n == 0 && std::ferror(f_)) return absl::InternalError("read error");
    return n;
  }

 private:
  FILE* f_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::cerr << "usage: fichier_transfer_bench put|get API_URL KEY LOCAL_FILE REMOTE_PATH "
                 "[OPTION=VALUE...]\n";
    return 2;
  }
  const std::string mode = argv[1], local = argv[4], remote = argv[5];
  backend::fichier::Register();
  vfs::ConfigMap config = {{"api_key", argv[3]}, {"api_url", argv[2]}, {"pacer_min_sleep", "1"}};
  for (int i = 6; i < argc; ++i) {
    const std::string arg = argv[i];
    const size_t eq = arg.find('=');
    if (eq == std::string::npos) {
      std::cerr << "expected OPTION=VALUE, got " << arg << "\n";
      return 2;
    }
    config[arg.substr(0, eq)] = arg.substr(eq + 1);
  }
  auto fs = vfs::Registry::Global().NewFs("fichier", "bench", "", config);
  if (!fs.ok()) {
    std::cerr << fs.status() << "\n";
    return 1;
  }
  auto start = std::chrono::steady_clock::now();
  int64_t bytes = 0;
  if (mode == "put") {
    FILE* f = std::fopen(local.c_str(), "rb");
    if (f == nullptr) return 1;
    std::fseek(f, 0, SEEK_END);
    bytes = std::ftell(f);
    std::fseek(f, 0, SEEK_SET);
    FileSource in(f);
    auto put = fs->fs->Put(in, vfs::StaticObjectInfo(remote, bytes, absl::Now()));
    std::fclose(f);
    if (!put.ok()) {
      std::cerr << put.status() << "\n";
      return 1;
    }
  } else {
    auto object = fs->fs->NewObject(remote);
    if (!object.ok()) {
      std::cerr << object.status() << "\n";
      return 1;
    }
    auto in = (*object)->Open();
    if (!in.ok()) {
      std::cerr << in.status() << "\n";
      return 1;
    }
    FILE* f = std::fopen(local.c_str(), "wb");
    if (f == nullptr) return 1;
    auto n = vfs::Drain(**in, [f](std::span<const uint8_t> chunk) {
      return std::fwrite(chunk.data(), 1, chunk.size(), f) == chunk.size()
                 ? absl::OkStatus()
                 : absl::InternalError("write error");
    }, 1 << 20);
    std::fclose(f);
    if (!n.ok()) {
      std::cerr << n.status() << "\n";
      return 1;
    }
    bytes = *n;
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%s %lld bytes in %.2f s = %.1f MiB/s\n", mode.c_str(), (long long)bytes, s,
              bytes / s / (1 << 20));
  return 0;
}
