// libFuzzer target for rclone's obscure/reveal: Reveal never crashes on any text (it reads
// secrets from config files and connection strings), and Reveal(Obscure(x)) == x.
// Input: the text, tried both as an obscured value and as a plain one.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "vfs/config/obscure.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)vfs::Reveal(text);
  (void)vfs::IsObscured(text);
  absl::StatusOr<std::string> obscured = vfs::Obscure(text);
  if (obscured.ok()) {
    absl::StatusOr<std::string> plain = vfs::Reveal(*obscured);
    if (!plain.ok() || *plain != text) {
      std::fprintf(stderr, "obscure_fuzz: Reveal(Obscure(x)) != x\n");
      std::abort();
    }
  }
  return 0;
}
