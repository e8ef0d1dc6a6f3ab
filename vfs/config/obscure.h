// rclone-compatible obscuring of secrets stored in rclone.conf (`rclone obscure` / `rclone
// reveal`). This is not encryption: the key is public and fixed, so anyone can reveal. It exists
// only so a password is not readable at a glance over someone's shoulder, and so that our
// rclone.conf stays interchangeable with rclone's.
#ifndef FICHIER_VFS_CONFIG_OBSCURE_H_
#define FICHIER_VFS_CONFIG_OBSCURE_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace vfs {

// Size of the random initialisation vector that prefixes every obscured value.
inline constexpr size_t kObscureIvSize = 16;

// Obscures `plain` (raw bytes, normally UTF-8) with a fresh random IV. Fails only if the system
// random generator fails.
absl::StatusOr<std::string> Obscure(std::string_view plain);

// Deterministic variant with a caller-chosen IV, for tests and reproducible vectors. Never use a
// fixed IV for real secrets.
std::string ObscureWithIv(std::string_view plain, const std::array<uint8_t, kObscureIvSize>& iv);

// Reverses Obscure. Malformed input (not RawURL base64, or shorter than the IV) is an
// InvalidArgument whose message never contains the input, since that may be a secret typed in
// the clear by mistake.
absl::StatusOr<std::string> Reveal(std::string_view obscured);

// True if `value` reveals without error. rclone uses this to decide whether a value given for a
// password option is already obscured (and then stores it as is).
bool IsObscured(std::string_view value);

// How `rclone config create/update` store a value given for a password option.
enum class ObscureMode {
  kAuto,   // obscure unless the value already reveals (rclone's default)
  kForce,  // always obscure (--obscure)
  kNever,  // store as given; it must already be obscured (--no-obscure)
};

// The text to store in rclone.conf for a password option given `value`. With kAuto, as in
// rclone, a plain password that happens to be valid obscured text is stored unchanged; use
// kForce when that matters. kNever fails (without echoing the value) if it does not reveal.
absl::StatusOr<std::string> ObscureForStorage(std::string_view value, ObscureMode mode);

}  // namespace vfs

#endif  // FICHIER_VFS_CONFIG_OBSCURE_H_
