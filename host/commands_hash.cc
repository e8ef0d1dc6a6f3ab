// hashsum, md5sum, sha1sum: one "<sum>  <path>" line per object (md5sum's layout), of the
// hash the backend gives or (--download) of the content; stdin when no path or "-" is given;
// -C/--checkfile compares with a SUM file instead (the combined report on stdout, as rclone).
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "base/string_views.h"
#include "host/command.h"
#include "host/exit_code.h"
#include "host/output_file.h"
#include "host/stdin_source.h"
#include "vfs/operations/check_sum.h"
#include "vfs/operations/hashsum.h"

namespace fclone {
namespace {

struct HashFlags {
  bool download = false;
  bool base64 = false;
  std::string output_file;
  std::string checkfile;
};

void AddHashFlags(FlagSet& f, HashFlags& h) {
  f.Bool("base64", 0, &h.base64, "Output base64 encoded hashsum");
  f.String("checkfile", 'C', &h.checkfile,
           "Validate hashes against a given SUM file instead of printing them");
  f.Bool("download", 0, &h.download,
         "Download the file and hash it locally; if this flag is not specified, the hash is "
         "requested from the remote");
  f.String("output-file", 0, &h.output_file, "Output hashsums to a file rather than the terminal");
}

std::string SupportedHashesText() {
  std::string out = "Supported hashes are:\n";
  for (hash::HashType t : hash::kSupportedHashes.Types()) {
    absl::StrAppend(&out, "  * ", base::ToAbsl(hash::HashTypeName(t)), "\n");
  }
  return out;
}

// Hashes `path_args` (empty or "-": stdin) with `type`.
absl::Status RunHash(CommandEnv& env, const HashFlags& flags, hash::HashType type) {
  if (!flags.checkfile.empty()) {
    if (env.args.empty()) return UsageError("--checkfile needs a remote:path to check");
    absl::StatusOr<OpenedRemote> dst = OpenFilteredArg(env, 0);
    if (!dst.ok()) return dst.status();
    absl::StatusOr<OpenedRemote> sum_fs = env.opener.OpenParent(flags.checkfile);
    if (!sum_fs.ok()) return sum_fs.status();
    absl::StatusOr<ops::HashSums> sums = ops::ReadSumFile(*sum_fs->fs, sum_fs->file);
    if (!sums.ok()) return sums.status();
    ops::CheckOptions options;
    options.download = flags.download;
    options.report = [&env](char mark, std::string_view path) {
      env.out << mark << " " << path << "\n";
    };
    return ops::CheckSum(env.ctx, *dst->fs, dst->file, *sums, type, options);
  }
  std::ofstream file;
  absl::StatusOr<std::ostream*> opened = OutputTo(flags.output_file, file, env.out);
  if (!opened.ok()) return opened.status();
  std::ostream* out = *opened;
  if (env.args.empty() || env.args[0] == "-") {
    StdinSource in;
    absl::StatusOr<std::string> sum = ops::HashSource(type, in);
    if (!sum.ok()) return sum.status();
    *out << ops::HashLine(type, *sum, "-", flags.base64);
    return absl::OkStatus();
  }
  absl::StatusOr<OpenedRemote> r = OpenFilteredArg(env, 0);
  if (!r.ok()) return r.status();
  ops::HashsumOptions options;
  options.type = type;
  options.download = flags.download;
  options.base64 = flags.base64;
  return ops::HashSum(env.ctx, *r->fs, r->file, options, *out);
}

absl::Status RunHashsum(CommandEnv& env, const HashFlags& flags) {
  if (env.args.empty()) {
    env.out << SupportedHashesText();
    return absl::OkStatus();
  }
  absl::StatusOr<hash::HashType> type = hash::ParseHashType(env.args[0]);
  if (!type.ok()) {
    // rclone prints the list, then fails (exit 1).
    env.out << SupportedHashesText() << "\n";
    return absl::InvalidArgumentError(absl::StrCat("unknown hash type \"", env.args[0], "\""));
  }
  env.args.erase(env.args.begin());
  return RunHash(env, flags, *type);
}

Command FixedHash(std::string name, hash::HashType type) {
  std::string upper = absl::AsciiStrToUpper(base::ToAbsl(hash::HashTypeName(type)));
  return WithOwnFlags<HashFlags>(
      Command{name, "remote:path",
              absl::StrCat("Produces an ", name, " file for all the objects in the path."),
              absl::StrCat("Prints \"<", upper, ">  <path>\" per object, as ", name,
                           " does; without a path (or with -) hashes stdin."),
              0, 1, false, false},
      AddHashFlags, [type](CommandEnv& env, const HashFlags& f) { return RunHash(env, f, type); });
}

}  // namespace

void AddHashCommands(Commands& out) {
  out.push_back(
      WithOwnFlags<HashFlags>(Command{.name = "hashsum", .max_args = 2}, AddHashFlags, RunHashsum));
  out.push_back(FixedHash("md5sum", hash::HashType::kMd5));
  out.push_back(FixedHash("sha1sum", hash::HashType::kSha1));
}

}  // namespace fclone
