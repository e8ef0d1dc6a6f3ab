#include "base/mime_type.h"

#include <string_view>
#include <unordered_map>

namespace base {
namespace {

using Table = std::unordered_map<std::string_view, std::string_view>;

const Table& Types() {
  static const Table* const kTypes = new Table{
      // Go's built-in table (mime/type.go).
      {".avif", "image/avif"},
      {".css", "text/css; charset=utf-8"},
      {".gif", "image/gif"},
      {".htm", "text/html; charset=utf-8"},
      {".html", "text/html; charset=utf-8"},
      {".jpeg", "image/jpeg"},
      {".jpg", "image/jpeg"},
      {".js", "text/javascript; charset=utf-8"},
      {".json", "application/json"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".pdf", "application/pdf"},
      {".png", "image/png"},
      {".svg", "image/svg+xml"},
      {".wasm", "application/wasm"},
      {".webp", "image/webp"},
      {".xml", "text/xml; charset=utf-8"},
      // What rclone adds (fs/mimetype.go); Go appends the charset to text/ types.
      {".flac", "audio/flac"},
      {".mpga", "audio/mpeg"}, {".mpega", "audio/mpeg"}, {".mp2", "audio/mpeg"},
      {".mp3", "audio/mpeg"}, {".m4a", "audio/mpeg"},
      {".oga", "audio/ogg"}, {".ogg", "audio/ogg"}, {".opus", "audio/ogg"}, {".spx", "audio/ogg"},
      {".wav", "audio/x-wav"},
      {".tif", "image/tiff"}, {".tiff", "image/tiff"},
      {".dif", "video/dv"}, {".dv", "video/dv"},
      {".fli", "video/fli"},
      {".mpeg", "video/mpeg"}, {".mpg", "video/mpeg"}, {".mpe", "video/mpeg"},
      {".ts", "video/MP2T"},
      {".mp4", "video/mp4"},
      {".qt", "video/quicktime"}, {".mov", "video/quicktime"},
      {".ogv", "video/ogg"},
      {".webm", "video/webm"},
      {".avi", "video/x-msvideo"},
      {".mpv", "video/x-matroska"}, {".mkv", "video/x-matroska"},
      {".txt", "text/plain; charset=utf-8"},
      // Common entries of Debian's /etc/mime.types, which Go reads on Linux.
      {".csv", "text/csv; charset=utf-8"},
      {".md", "text/markdown; charset=utf-8"},
      {".zip", "application/zip"},
      {".gz", "application/gzip"},
      {".tar", "application/x-tar"},
      {".7z", "application/x-7z-compressed"},
      {".iso", "application/x-iso9660-image"},
  };
  return *kTypes;
}

}  // namespace

std::string MimeTypeFromName(std::string_view name) {
  // Go's path.Ext: from the last '.' of the last element.
  const size_t dot = name.rfind('.');
  const size_t slash = name.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && slash > dot)) {
    return "application/octet-stream";
  }
  std::string ext(name.substr(dot));
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  auto it = Types().find(ext);
  return std::string(it == Types().end() ? "application/octet-stream" : it->second);
}

}  // namespace base
