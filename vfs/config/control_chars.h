// Control characters in text that crosses a trust boundary. Values that go into HTTP headers
// (keys, passwords, user agent) must hold none: a CR/LF there would add headers of the user's
// (or an attacker's) choosing. Text from a server is escaped before it reaches a terminal or a
// log: an ESC sequence or a CR/LF there could rewrite the screen or fake log lines.
#ifndef FICHIER_VFS_CONFIG_CONTROL_CHARS_H_
#define FICHIER_VFS_CONFIG_CONTROL_CHARS_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace vfs {

// True for bytes 0x00-0x1f and 0x7f.
bool HasControlChars(std::string_view text);

// InvalidArgument naming `option` (never echoing the value) when `value` holds a control
// character; OK otherwise.
absl::Status CheckNoControlChars(std::string_view option, std::string_view value);

// `text` with each control character written as \xNN (C0 and DEL) or \u00NN (the UTF-8 C1
// controls U+0080-U+009F, which some terminals obey too); everything else unchanged.
std::string EscapeControlChars(std::string_view text);

}  // namespace vfs

#endif  // FICHIER_VFS_CONFIG_CONTROL_CHARS_H_
