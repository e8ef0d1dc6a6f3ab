// libFuzzer target for encoding/: no crash, and Decode(Encode(x)) == x for any name x and a mask
// taken from the input, in both layers, except rclone's documented collision (which must then
// behave exactly as rclone's does). Input: 4 bytes little-endian mask (low 29 bits), then the name.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "encoding/mask.h"
#include "encoding/multi_encoder.h"
#include "tests/encoding/rclone_quirks.h"

namespace {

void Check(bool ok, const char* what, encoding::Mask mask, std::string_view data) {
  if (ok) return;
  std::fprintf(stderr, "encoding_fuzz: %s (mask 0x%llX, %zu bytes)\n", what,
               static_cast<unsigned long long>(mask), data.size());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using encoding::Mask;
  using encoding::MultiEncoder;
  encoding::Mask mask = encoding::kFichierDefaultMask;
  std::string_view name(reinterpret_cast<const char*>(data), size);
  if (size >= 4) {
    mask = (Mask{data[0]} | Mask{data[1]} << 8 | Mask{data[2]} << 16 | Mask{data[3]} << 24) &
           0x1FFFFFFF;
    name.remove_prefix(4);
  }
  const MultiEncoder enc(mask);
  const bool collision = encoding::testing::IsRcloneDotCollision(mask, name);

  // Bare layer on the name as a real name.
  const std::string wire = enc.EncodeBare(name);
  const std::string back = enc.DecodeBare(wire);
  Check(back == (collision ? std::string_view("..") : name), "DecodeBare(EncodeBare(x)) != x", mask,
        name);
  Check(enc.EncodeBareChanges(name) == (wire != name), "EncodeBareChanges disagrees", mask, name);
  std::string scratch;
  Check(enc.EncodeBare(name, &scratch) == wire, "scratch EncodeBare differs", mask, name);
  Check(enc.DecodeBare(wire, &scratch) == back, "scratch DecodeBare differs", mask, name);

  // The name as a server name: any bytes decode, and equal rclone's decode but for the defect.
  const std::string decoded = enc.DecodeBare(name);
  const std::string rclone = enc.DecodeBareRclone(name);
  Check((decoded == rclone) != encoding::testing::IsRcloneDecodeDefect(mask, name),
        "decode differs from rclone's outside the documented defect", mask, name);
  if (!enc.DecodeBareChanges(name)) Check(decoded == name, "DecodeBareChanges lied", mask, name);

  // Standard layer on the standard form of the name.
  if (!collision) {
    const std::string standard = encoding::kStandard.EncodeBare(name);
    const std::string remote = enc.Encode(standard);
    Check(enc.Decode(remote) == standard, "Decode(Encode(s)) != s", mask, name);
    Check(enc.Encode(standard, &scratch) == remote, "scratch Encode differs", mask, name);
    // Paths: segments of a standard path never contain '/', so with Slash each one survives.
    if (enc.Has(encoding::kSlash) && name.find('/') == std::string_view::npos) {
      const std::string path = "dir/" + standard + "/" + standard;
      Check(enc.DecodePath(enc.EncodePath(path)) == path, "path round trip", mask, name);
    }
  }
  (void)enc.Decode(name);
  (void)enc.EncodePath(name);
  (void)enc.DecodePath(name);

  // Mask strings: printing parses back; parsing arbitrary text never crashes.
  Check(encoding::ParseMask(encoding::MaskToString(mask)).value_or(~mask) == mask,
        "mask string round trip", mask, name);
  (void)encoding::ParseMask(name);
  return 0;
}
