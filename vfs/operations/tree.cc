#include "vfs/operations/tree.h"

#include <algorithm>
#include <map>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "vfs/path.h"

namespace vfs::operations {
namespace {

std::string_view Leaf(std::string_view remote) { return vfs::SplitPath(remote).second; }

using Children = std::map<std::string, std::vector<const DirEntry*>, std::less<>>;

struct Drawer {
  const TreeOptions& opt;
  const Children& children;
  std::ostream& out;
  int dirs = 0;
  int files = 0;

  bool Hidden(const DirEntry& e) const {
    return !opt.all && Leaf(e.remote()).starts_with(".");
  }
  bool Descends(int depth) const { return opt.level <= 0 || depth < opt.level; }

  // What a directory shows below itself, in display order.
  std::vector<const DirEntry*> Shown(std::string_view dir) const {
    std::vector<const DirEntry*> shown;
    auto it = children.find(dir);
    if (it == children.end()) return shown;
    for (const DirEntry* e : it->second) {
      if (Hidden(*e) || (opt.dirs_only && !e->is_dir())) continue;
      shown.push_back(e);
    }
    if (opt.unsorted) return shown;
    // As rclone's tree: --dirsfirst replaces the sort key (names stay in listing order within
    // each group), and -r reverses whichever key is in use.
    auto key_less = [this](const DirEntry* a, const DirEntry* b) {
      if (opt.dirs_first) return a->is_dir() && !b->is_dir();
      if (opt.sort == "size") return a->size() < b->size();
      if (opt.sort == "mtime" || opt.sort == "ctime") return a->mod_time() < b->mod_time();
      return Leaf(a->remote()) < Leaf(b->remote());
    };
    std::stable_sort(shown.begin(), shown.end(),
                     [&](const DirEntry* a, const DirEntry* b) {
                       return opt.reverse ? key_less(b, a) : key_less(a, b);
                     });
    return shown;
  }

  // Bytes of the files below a directory drawn to `depth`, and whether some directory in it
  // is not descended into. rclone shows such a directory's size as question marks when the
  // files it did see add up to nothing, else as that sum.
  struct Size {
    int64_t bytes = 0;
    bool partial = false;
  };
  Size DirSize(std::string_view dir, int depth) const {
    if (!Descends(depth)) return {0, true};
    Size total;
    for (const DirEntry* e : Shown(dir)) {
      if (e->is_dir()) {
        Size sub = DirSize(e->remote(), depth + 1);
        total.bytes += sub.bytes;
        total.partial = total.partial || sub.partial;
      } else {
        total.bytes += std::max<int64_t>(e->size(), 0);
      }
    }
    return total;
  }

  std::string Color(const DirEntry* e, const std::string& text) const {
    static const char* const kExecutable[] = {".bat", ".btm", ".cmd", ".com", ".dll", ".exe"};
    static const char* const kArchive[] = {".arj", ".bz2", ".deb", ".gz",  ".lzh", ".rpm",
                                           ".tar", ".taz", ".tb2", ".tbz2", ".tbz", ".tgz",
                                           ".tz",  ".tz2", ".z",   ".zip", ".zoo"};
    // "jpeg" without its dot is in the list tree copies (so .jpeg files stay uncoloured).
    static const char* const kMedia[] = {".asf", ".avi", ".bmp", ".flac", ".gif", ".jpg",
                                         "jpeg", ".m2a", ".m2v", ".mov",  ".mp3", ".mpeg",
                                         ".mpg", ".ogg", ".ppm", ".rm",   ".tga", ".tif",
                                         ".wav", ".wmv", ".xbm", ".xpm"};
    const std::string remote = e ? std::string(e->remote()) : std::string();  // outlives `name`
    std::string_view name = e ? Leaf(remote) : std::string_view("/");
    size_t dot = name.rfind('.');
    std::string_view ext = dot == std::string_view::npos ? "" : name.substr(dot);
    auto in = [ext](const auto& list) {
      return std::find(std::begin(list), std::end(list), ext) != std::end(list);
    };
    const char* style = nullptr;
    if (in(kExecutable)) style = "1;32";
    else if (in(kArchive)) style = "1;31";
    else if (in(kMedia)) style = "1;35";
    else if (e == nullptr || e->is_dir()) style = "1;34";
    if (style == nullptr) return text;
    return absl::StrCat("\033[", style, "m", text, "\033[0m");
  }

  // One line: the bracketed properties, then the name. `e` is nullptr for the root.
  void Line(std::string_view prefix, const DirEntry* e, int depth) {
    std::vector<std::string> props;
    bool is_file = e != nullptr && !e->is_dir();
    if (opt.protections && is_file) props.push_back("-rw-rw-rw-");
    if (opt.size) {
      Size size = is_file ? Size{e->size(), false} : DirSize(e ? e->remote() : "", depth);
      props.push_back(size.partial && size.bytes == 0 ? std::string(11, '?')
                                                      : absl::StrFormat("%11d", size.bytes));
    }
    if (opt.mod_time && is_file) {
      props.push_back(absl::FormatTime("%b %d %H:%M", e->mod_time(), absl::LocalTimeZone()));
    }
    std::string name = e == nullptr ? "/"
                       : opt.full_path ? "/" + e->remote()
                                       : std::string(Leaf(e->remote()));
    if (opt.quote) name = absl::StrCat("\"", name, "\"");
    if (opt.color) name = Color(e, name);
    out << (opt.no_indent ? "" : prefix);
    if (!props.empty()) out << "[" << absl::StrJoin(props, " ") << "]  ";
    out << name << "\n";
  }

  void Below(std::string_view dir, const std::string& indent, int depth) {
    std::vector<const DirEntry*> shown = Shown(dir);
    for (size_t i = 0; i < shown.size(); ++i) {
      const DirEntry* e = shown[i];
      bool last = i + 1 == shown.size();
      Line(indent + (last ? "└── " : "├── "), e, depth + 1);
      if (!e->is_dir()) {
        ++files;
        continue;
      }
      ++dirs;
      if (Descends(depth + 1)) Below(e->remote(), indent + (last ? "    " : "│   "), depth + 1);
    }
  }
};

}  // namespace

void DrawTree(const DirEntries& entries, const TreeOptions& options, std::ostream& out) {
  Children children;
  for (const DirEntry& e : entries) children[std::string(vfs::ParentDir(e.remote()))].push_back(&e);
  Drawer drawer{options, children, out};
  drawer.Line("", nullptr, 0);
  drawer.Below("", "", 0);
  if (options.no_report) return;
  // rclone's tree counts directories only when it counted a file (so -d, which counts no
  // file, always reports 0 directories).
  int dirs = drawer.files == 0 ? 0 : drawer.dirs;
  if (options.dirs_only) {
    out << "\n" << dirs << " directories\n";
  } else {
    out << "\n" << dirs << " directories, " << drawer.files << " files\n";
  }
}

}  // namespace vfs::operations
