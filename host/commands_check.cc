// check (two trees, or -C a SUM file against a tree) and checksum (a SUM file against a tree),
// with check's report files (--combined, --match, --differ, --missing-on-src/dst, --error).
#include <fstream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "host/command.h"
#include "host/exit_code.h"
#include "vfs/operations/check.h"
#include "vfs/operations/check_sum.h"

namespace fclone {
namespace {

struct CheckFlags {
  bool download = false;
  bool one_way = false;
  std::string checkfile;  // check -C: the hash type the SUM file holds
  std::string combined, match, differ, missing_on_src, missing_on_dst, error;
};

// One report file of check (--combined, --match, ...): "-" is stdout.
class ReportFile {
 public:
  ReportFile(const std::string& path, std::ostream& stdout_stream) {
    if (path.empty()) return;
    if (path == "-") {
      out_ = &stdout_stream;
      return;
    }
    file_ = std::make_unique<std::ofstream>(path, std::ios::trunc);
    out_ = file_.get();
  }
  bool failed() const { return file_ && !*file_; }
  void Write(std::string_view line) {
    if (out_) *out_ << line << "\n";
  }

 private:
  std::unique_ptr<std::ofstream> file_;
  std::ostream* out_ = nullptr;
};

// Every report file a check writes, opened once for the run.
class Reports {
 public:
  Reports(const CheckFlags& t, std::ostream& out)
      : combined_(t.combined, out),
        match_(t.match, out),
        differ_(t.differ, out),
        missing_src_(t.missing_on_src, out),
        missing_dst_(t.missing_on_dst, out),
        error_(t.error, out) {}

  absl::Status Opened() const {
    for (const ReportFile* f :
         {&combined_, &match_, &differ_, &missing_src_, &missing_dst_, &error_}) {
      if (f->failed()) return absl::InvalidArgumentError("failed to open a check report file");
    }
    return absl::OkStatus();
  }

  void Write(char mark, std::string_view path) {
    combined_.Write(absl::StrCat(std::string(1, mark), " ", std::string(path)));
    const std::pair<char, ReportFile*> file_of_mark[] = {{'=', &match_},
                                                         {'*', &differ_},
                                                         {'-', &missing_src_},
                                                         {'+', &missing_dst_},
                                                         {'!', &error_}};
    for (const auto& [m, file] : file_of_mark) {
      if (m == mark) file->Write(path);
    }
  }

 private:
  ReportFile combined_, match_, differ_, missing_src_, missing_dst_, error_;
};

// The SUM file `sum_arg` against the tree at argument `dst_index`.
absl::Status RunSumCheck(CommandEnv& env, const CheckFlags& t, const std::string& type_name,
                         size_t sum_index, size_t dst_index) {
  absl::StatusOr<hash::HashType> type = hash::ParseHashType(type_name);
  if (!type.ok()) return UsageError(std::string(type.status().message()));
  absl::StatusOr<OpenedRemote> sum_fs = OpenParentArg(env, sum_index);
  if (!sum_fs.ok()) return sum_fs.status();
  absl::StatusOr<OpenedRemote> dst = OpenFilteredArg(env, dst_index);
  if (!dst.ok()) return dst.status();
  Reports reports(t, env.out);
  if (absl::Status st = reports.Opened(); !st.ok()) return st;
  absl::StatusOr<ops::HashSums> sums = ops::ReadSumFile(*sum_fs->fs, sum_fs->file);
  if (!sums.ok()) return sums.status();
  ops::CheckOptions options;
  options.download = t.download;
  options.one_way = t.one_way;
  options.report = [&reports](char mark, std::string_view path) { reports.Write(mark, path); };
  return ops::CheckSum(env.ctx, *dst->fs, dst->file, *sums, *type, options);
}

absl::Status RunCheck(CommandEnv& env, const CheckFlags& t) {
  if (!t.checkfile.empty()) return RunSumCheck(env, t, t.checkfile, 0, 1);
  absl::StatusOr<OpenedRemote> src = OpenFilteredArg(env, 0);
  if (!src.ok()) return src.status();
  absl::StatusOr<OpenedRemote> dst = OpenArg(env, 1);
  if (!dst.ok()) return dst.status();
  Reports reports(t, env.out);
  if (absl::Status st = reports.Opened(); !st.ok()) return st;
  ops::CheckOptions options;
  options.download = t.download;
  options.one_way = t.one_way;
  options.report = [&reports](char mark, std::string_view path) { reports.Write(mark, path); };
  return ops::Check(env.ctx, *src->fs, *dst->fs, src->file, options);
}

void AddReportFlags(FlagSet& f, CheckFlags& t) {
  f.String("combined", 0, &t.combined, "Make a combined report of changes to this file");
  f.String("match", 0, &t.match, "Report all matching files to this file");
  f.String("differ", 0, &t.differ, "Report all non-matching files to this file");
  f.String("missing-on-src", 0, &t.missing_on_src,
           "Report all files missing from the source to this file");
  f.String("missing-on-dst", 0, &t.missing_on_dst,
           "Report all files missing from the destination to this file");
  f.String("error", 0, &t.error, "Report all files with errors (hashing or reading) to this file");
}

}  // namespace

void AddCheckCommands(Commands& out) {
  out.push_back(WithOwnFlags<CheckFlags>(
      Command{.name = "check", .min_args = 2, .max_args = 2, .show_stats = true},
      [](FlagSet& f, CheckFlags& t) {
        f.String("checkfile", 'C', &t.checkfile,
                 "Treat source:path as a SUM file with hashes of given type");
        f.Bool("download", 0, &t.download, "Check by downloading rather than with hash");
        f.Bool("one-way", 0, &t.one_way, "Check one way only, source files must exist on remote");
        AddReportFlags(f, t);
      },
      RunCheck));
  out.push_back(WithOwnFlags<CheckFlags>(
      Command{.name = "checksum", .min_args = 3, .max_args = 3, .show_stats = true},
      [](FlagSet& f, CheckFlags& t) {
        f.Bool("download", 0, &t.download, "Check by hashing the contents");
        f.Bool("one-way", 0, &t.one_way, "Check one way only, source files must exist on remote");
        AddReportFlags(f, t);
      },
      [](CommandEnv& env, const CheckFlags& t) { return RunSumCheck(env, t, env.args[0], 1, 2); }));
}

}  // namespace fclone
