// ls, lsl, lsd, lsf, lsjson, size.
#include "absl/strings/str_cat.h"
#include "host/command.h"
#include "host/exit_code.h"
#include "vfs/operations/list.h"
#include "vfs/operations/max_depth.h"

namespace fclone {
namespace {

// Flags of the listing commands; each command owns one value (WithOwnFlags).
struct ListingFlags {
  bool recursive = false;
  ops::LsfOptions lsf;  // lsf's flags; max_depth and hash are set when it runs
  std::string hash = "whirlpool";
  ops::LsJsonOptions lsjson;  // lsjson's flags; max_depth and hash_types are set when it runs
  std::vector<std::string> hash_types;
  bool original = false;
  bool metadata = false;
  bool encrypted = false;
  bool json = false;
};
// lsf --hash: a hash name, checked when parsed as rclone does.
absl::StatusOr<std::string> ValidHashName(std::string_view name) {
  if (!hash::ParseHashType(name).ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown hash type \"", std::string(name), "\""));
  }
  return std::string(name);
}

// Depth for commands that list one level unless -R; --max-depth wins when given (rclone's
// ConfigMaxDepth, with walk's reading of 0 as unlimited).
int Depth(const CommandEnv& env, const ListingFlags& flags, bool recursive_default) {
  int max_depth = env.ctx.options.max_depth;
  if (max_depth < 0 && !recursive_default && !flags.recursive) return 1;
  return ops::WalkDepth(max_depth);
}

absl::Status RunLs(CommandEnv& env, const ListingFlags& flags, bool long_form) {
  absl::StatusOr<OpenedRemote> r = OpenFilteredArg(env, 0);
  if (!r.ok()) return r.status();
  int depth = Depth(env, flags, true);
  const ops::Filter* filter = env.ctx.filter.get();
  const bool human = env.flags.human_readable;
  return long_form ? ops::Lsl(*r->fs, r->file, depth, env.out, filter, human)
                   : ops::Ls(*r->fs, r->file, depth, env.out, filter, human);
}

}  // namespace

void AddListingCommands(Commands& out) {
  using Flags = ListingFlags;
  out.push_back(
      WithOwnFlags<Flags>(Command{.name = "ls", .min_args = 1, .max_args = 1}, nullptr,
                          [](CommandEnv& env, const Flags& l) { return RunLs(env, l, false); }));
  out.push_back(
      WithOwnFlags<Flags>(Command{.name = "lsl", .min_args = 1, .max_args = 1}, nullptr,
                          [](CommandEnv& env, const Flags& l) { return RunLs(env, l, true); }));
  out.push_back(WithOwnFlags<Flags>(
      Command{.name = "lsd", .min_args = 1, .max_args = 1},
      [](FlagSet& f, Flags& l) {
        f.Bool("recursive", 'R', &l.recursive, "Recurse into the listing");
      },
      [](CommandEnv& env, const Flags& l) -> absl::Status {
        absl::StatusOr<OpenedRemote> r = OpenFilteredArg(env, 0);
        if (!r.ok()) return r.status();
        if (!r->file.empty()) return absl::OkStatus();  // a file holds no directories
        // rclone's lsd -R sets --max-depth 0 (unlimited), whatever was given.
        int depth = l.recursive ? -1 : Depth(env, l, false);
        return ops::Lsd(*r->fs, depth, env.out, env.ctx.filter.get());
      }));
  out.push_back(WithOwnFlags<Flags>(
      Command{.name = "lsf", .min_args = 1, .max_args = 1},
      [](FlagSet& f, Flags& l) {
        f.Bool("recursive", 'R', &l.recursive, "Recurse into the listing");
        f.String("format", 'F', &l.lsf.format, "Output format - see help for details");
        f.String("separator", 's', &l.lsf.separator, "Separator for the items in the format");
        f.Bool("dir-slash", 'd', &l.lsf.dir_slash,
               "Append a slash to directory names (default true)");
        f.Bool("absolute", 0, &l.lsf.absolute, "Put a leading / in front of path names");
        f.Bool("csv", 0, &l.lsf.csv, "Output in CSV format");
        f.Bool("files-only", 0, &l.lsf.files_only, "Only list files");
        f.Bool("dirs-only", 0, &l.lsf.dirs_only, "Only list directories");
        f.Typed("hash", 0, "h", "\"whirlpool\"", &l.hash, ValidHashName,
                "Use this hash when h is used in the format");
      },
      [](CommandEnv& env, const Flags& l) -> absl::Status {
        absl::StatusOr<OpenedRemote> r = OpenFilteredArg(env, 0);
        if (!r.ok()) return r.status();
        ops::LsfOptions o = l.lsf;
        o.max_depth = Depth(env, l, false);
        absl::StatusOr<hash::HashType> ht = hash::ParseHashType(l.hash);
        if (!ht.ok()) return UsageError(std::string(ht.status().message()));
        o.hash = *ht;
        return ops::Lsf(*r->fs, r->file, o, env.out, env.ctx.filter.get());
      }));
  out.push_back(WithOwnFlags<Flags>(
      Command{.name = "lsjson", .min_args = 1, .max_args = 1},
      [](FlagSet& f, Flags& l) {
        f.Bool("recursive", 'R', &l.recursive, "Recurse into the listing");
        f.Bool("files-only", 0, &l.lsjson.files_only, "Show only files in the listing");
        f.Bool("dirs-only", 0, &l.lsjson.dirs_only, "Show only directories in the listing");
        f.Bool("no-modtime", 0, &l.lsjson.no_modtime, "Don't read the modification time");
        f.Bool("no-mimetype", 0, &l.lsjson.no_mimetype, "Don't read the mime type");
        f.Bool("hash", 0, &l.lsjson.show_hash, "Include hashes in the output");
        f.StringList("hash-type", 0, &l.hash_types, "Show only this hash type (may be repeated)");
        f.Bool("stat", 0, &l.lsjson.stat, "Just return the info for the pointed to file");
        f.Bool("original", 'o', &l.original, "Show the ID of the underlying Object (no effect)");
        f.Bool("metadata", 'M', &l.metadata,
               "Add metadata to the listing (no backend here reports any)");
        f.Bool("encrypted", 0, &l.encrypted, "Show the encrypted names");
      },
      [](CommandEnv& env, const Flags& l) -> absl::Status {
        absl::StatusOr<OpenedRemote> r = OpenFilteredArg(env, 0);
        if (!r.ok()) return r.status();
        if (l.encrypted) {
          // As rclone answers on a remote that is not crypt (host/README.md, differences).
          return absl::InvalidArgumentError(
              "ListJSON failed to load config for crypt remote: didn't find section in config "
              "file");
        }
        ops::LsJsonOptions o = l.lsjson;
        o.max_depth = Depth(env, l, false);
        o.show_hash = o.show_hash || !l.hash_types.empty();
        for (const std::string& name : l.hash_types) {
          absl::StatusOr<hash::HashType> ht = hash::ParseHashType(name);
          if (!ht.ok()) return UsageError(std::string(ht.status().message()));
          o.hash_types.push_back(*ht);
        }
        return ops::LsJson(*r->fs, r->file, o, env.out, env.ctx.filter.get());
      }));
  out.push_back(WithOwnFlags<Flags>(
      Command{.name = "size", .min_args = 1, .max_args = 1},
      [](FlagSet& f, Flags& l) { f.Bool("json", 0, &l.json, "Format output as JSON"); },
      [](CommandEnv& env, const Flags& l) -> absl::Status {
        absl::StatusOr<OpenedRemote> r = OpenFilteredArg(env, 0);
        if (!r.ok()) return r.status();
        absl::StatusOr<ops::SizeResult> size =
            ops::Size(*r->fs, r->file, env.ctx.filter.get(), Depth(env, l, true));
        if (!size.ok()) return size.status();
        env.out << ops::FormatSize(*size, l.json);
        return absl::OkStatus();
      }));
}

}  // namespace fclone
