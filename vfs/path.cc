#include "vfs/path.h"

#include "vfs/errors.h"

namespace vfs {

absl::StatusOr<std::string> CleanPath(std::string_view path) {
  std::vector<std::string_view> kept;
  for (std::string_view segment : PathSegments(path)) {
    if (segment == ".") continue;
    if (segment == "..") {
      return BadInput(path, "path must not contain \"..\" (it would leave the root)");
    }
    kept.push_back(segment);
  }
  std::string out;
  for (std::string_view segment : kept) {
    if (!out.empty()) out.push_back('/');
    out.append(segment);
  }
  return out;
}

std::string JoinPath(std::string_view a, std::string_view b) {
  if (a.empty()) return std::string(b);
  if (b.empty()) return std::string(a);
  std::string out;
  out.reserve(a.size() + 1 + b.size());
  out.append(a).append("/").append(b);
  return out;
}

std::pair<std::string_view, std::string_view> SplitPath(std::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return {std::string_view(), path};
  return {path.substr(0, slash), path.substr(slash + 1)};
}

std::vector<std::string_view> PathSegments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool IsUnder(std::string_view path, std::string_view dir) {
  if (dir.empty()) return true;
  if (path.size() < dir.size() || path.substr(0, dir.size()) != dir) return false;
  return path.size() == dir.size() || path[dir.size()] == '/';
}

std::string_view RelativeTo(std::string_view path, std::string_view dir) {
  if (dir.empty()) return path;
  if (path.size() <= dir.size()) return {};
  return path.substr(dir.size() + 1);
}

int DepthBelow(std::string_view path, std::string_view dir) {
  std::string_view rel = RelativeTo(path, dir);
  int depth = 1;
  for (char c : rel) depth += c == '/';
  return depth;
}

}  // namespace vfs
