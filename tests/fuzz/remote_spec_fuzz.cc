// libFuzzer target for command-line paths and connection strings (`remote:path`,
// `:backend,opt='v',opt2="w":path`, local paths): no crash, and a parsed spec formats to text
// that parses back to the same spec. Input: the argument.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "vfs/config/remote_spec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view arg(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<vfs::RemoteSpec> spec = vfs::ParseRemoteSpec(arg);
  if (!spec.ok()) return 0;
  const std::string text = vfs::FormatRemoteSpec(*spec);
  absl::StatusOr<vfs::RemoteSpec> again = vfs::ParseRemoteSpec(text);
  if (!again.ok() || vfs::FormatRemoteSpec(*again) != text) {
    std::fprintf(stderr, "remote_spec_fuzz: FormatRemoteSpec output does not parse back\n");
    std::abort();
  }
  return 0;
}
