// The MIME type of a file name from its extension: rclone's fs.MimeTypeFromName (Go's
// mime.TypeByExtension with Go's built-in table, the types rclone adds, and the common entries
// of Debian's /etc/mime.types), so every backend, lsjson and the emulator name a type alike.
#ifndef FICHIER_BASE_MIME_TYPE_H_
#define FICHIER_BASE_MIME_TYPE_H_

#include <string>
#include <string_view>

namespace base {

// "text/plain; charset=utf-8" for "a/b.txt" (the extension is matched case-insensitively, as
// Go does), "application/octet-stream" when the name has no known extension.
std::string MimeTypeFromName(std::string_view name);

}  // namespace base

#endif  // FICHIER_BASE_MIME_TYPE_H_
