// tree: the listing as an indented tree, rclone's flags and output (vfs/operations/tree.h).
#include <fstream>

#include "host/command.h"
#include "host/output_file.h"
#include "vfs/operations/list.h"
#include "vfs/operations/max_depth.h"
#include "vfs/operations/tree.h"

namespace fclone {
namespace {

struct TreeFlags {
  ops::TreeOptions tree;
  std::string output;
  bool sort_modtime = false;
  bool sort_ctime = false;
  bool version = false;
};

absl::Status RunTree(CommandEnv& env, const TreeFlags& flags) {
  absl::StatusOr<OpenedRemote> r = OpenFilteredArg(env, 0);
  if (!r.ok()) return r.status();
  absl::StatusOr<vfs::DirEntries> entries = ops::ListEntries(
      *r->fs, r->file, ops::WalkDepth(env.ctx.options.max_depth), env.ctx.filter.get());
  if (!entries.ok()) return entries.status();
  ops::TreeOptions options = flags.tree;
  // Directories --max-depth did not list are drawn as rclone draws them: not descended.
  int max_depth = env.ctx.options.max_depth;
  if (max_depth > 0 && (options.level <= 0 || max_depth < options.level)) {
    options.level = max_depth;
  }
  if (flags.sort_modtime) options.sort = "mtime";
  if (flags.sort_ctime) options.sort = "ctime";
  if (flags.version) options.sort = "version";
  std::ofstream file;
  absl::StatusOr<std::ostream*> opened = OutputTo(flags.output, file, env.out);
  if (!opened.ok()) return opened.status();
  std::ostream* out = *opened;
  ops::DrawTree(*entries, options, *out);
  out->flush();
  if (!*out) return absl::DataLossError("failed to write the tree");
  return absl::OkStatus();
}

}  // namespace

void AddTreeCommand(Commands& out) {
  out.push_back(WithOwnFlags<TreeFlags>(
      Command{.name = "tree", .min_args = 1, .max_args = 1},
      [](FlagSet& f, TreeFlags& t) {
        ops::TreeOptions& o = t.tree;
        f.Bool("all", 'a', &o.all, "All files are listed (list . files too)");
        f.Bool("color", 'C', &o.color, "Turn colorization on always");
        f.Bool("dirs-only", 'd', &o.dirs_only, "List directories only");
        f.Bool("dirsfirst", 0, &o.dirs_first, "List directories before files (-U disables)");
        f.Bool("full-path", 0, &o.full_path, "Print the full path prefix for each file");
        f.Int("level", 0, &o.level, "Descend only level directories deep");
        f.Bool("modtime", 'D', &o.mod_time, "Print the date of last modification.");
        f.Bool("noindent", 0, &o.no_indent, "Don't print indentation lines");
        f.Bool("noreport", 0, &o.no_report, "Turn off file/directory count at end of tree listing");
        f.String("output", 'o', &t.output, "Output to file instead of stdout");
        f.Bool("protections", 'p', &o.protections, "Print the protections for each file.");
        f.Bool("quote", 'Q', &o.quote, "Quote filenames with double quotes.");
        f.Bool("size", 's', &o.size, "Print the size in bytes of each file.");
        f.String("sort", 0, &o.sort, "Select sort: name,version,size,mtime,ctime");
        f.Bool("sort-ctime", 0, &t.sort_ctime, "Sort files by last status change time");
        f.Bool("sort-modtime", 't', &t.sort_modtime, "Sort files by last modification time");
        f.Bool("sort-reverse", 'r', &o.reverse, "Reverse the order of the sort");
        f.Bool("unsorted", 'U', &o.unsorted, "Leave files unsorted");
        f.Bool("version", 0, &t.version, "Sort files alphanumerically by version");
      },
      RunTree));
}

}  // namespace fclone
