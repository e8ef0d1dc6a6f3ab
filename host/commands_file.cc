// cat, delete, deletefile, purge, mkdir, rmdir, rmdirs, touch, link, about, dedupe.
#include <unistd.h>

#include <iostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "host/command.h"
#include "host/exit_code.h"
#include "vfs/errors.h"
#include "vfs/operations/about.h"
#include "vfs/operations/cat.h"
#include "vfs/operations/dedupe.h"
#include "vfs/operations/dirs.h"
#include "vfs/operations/transfer.h"

namespace fclone {
namespace {

struct FileFlags {
  int64_t offset = 0;
  int64_t count = -1;
  int64_t head = 0;
  int64_t tail = 0;
  bool discard = false;
  bool rmdirs = false;
  bool leave_root = false;
  std::string timestamp;
  bool no_create = false;
  bool recursive = false;
  bool localtime = false;
  absl::Duration expire = absl::InfiniteDuration();
  bool unlink = false;
  bool full = false;
  bool json = false;
  std::string dedupe_mode = "interactive";
  bool by_hash = false;
};
absl::StatusOr<absl::Time> ParseTimestamp(const std::string& text, bool local) {
  absl::TimeZone tz = local ? absl::LocalTimeZone() : absl::UTCTimeZone();
  for (const char* layout : {"%y%m%d", "%Y-%m-%dT%H:%M:%E*S", "%Y-%m-%dT%H:%M:%S"}) {
    absl::Time t;
    std::string err;
    if (absl::ParseTime(layout, text, tz, &t, &err)) return t;
  }
  return UsageError(absl::StrCat("failed to parse date/time argument \"", text,
                                 "\": use YYMMDD, YYYY-MM-DDTHH:MM:SS or "
                                 "YYYY-MM-DDTHH:MM:SS.SSS"));
}

absl::Status RunCat(CommandEnv& env, const FileFlags& f) {
  absl::StatusOr<OpenedRemote> r = OpenFilteredArg(env, 0);
  if (!r.ok()) return r.status();
  ops::CatOptions o;
  o.offset = f.offset;
  o.count = f.count;
  o.discard = f.discard;
  if (f.head > 0) {
    o.offset = 0;
    o.count = f.head;
  }
  if (f.tail > 0) {
    o.offset = -f.tail;
    o.count = -1;
  }
  return ops::Cat(env.ctx, *r->fs, r->file, o, env.out);
}

absl::Status RunDeletefile(CommandEnv& env) {
  absl::StatusOr<OpenedRemote> r = OpenArg(env, 0);
  if (!r.ok()) return r.status();
  if (r->file.empty()) {
    return absl::UnknownError(absl::StrCat(env.args[0], " is a directory or doesn't exist"));
  }
  absl::StatusOr<vfs::ObjectPtr> object = r->fs->NewObject(r->file);
  if (!object.ok()) return object.status();
  return ops::DeleteObject(env.ctx, **object);
}

absl::Status RunTouch(CommandEnv& env, const FileFlags& f) {
  ops::TouchOptions o;
  o.time = absl::Now();
  if (!f.timestamp.empty()) {
    absl::StatusOr<absl::Time> t = ParseTimestamp(f.timestamp, f.localtime);
    if (!t.ok()) return t.status();
    o.time = *t;
  }
  o.no_create = f.no_create || f.recursive;
  o.recursive = f.recursive;
  if (f.recursive) {
    absl::StatusOr<OpenedRemote> r = OpenArg(env, 0);
    if (!r.ok()) return r.status();
    return ops::Touch(env.ctx, *r->fs, r->file, o);
  }
  absl::StatusOr<OpenedRemote> r = OpenParentArg(env, 0);
  if (!r.ok()) return r.status();
  return ops::Touch(env.ctx, *r->fs, r->file, o);
}

absl::Status RunLink(CommandEnv& env, const FileFlags& f) {
  absl::StatusOr<OpenedRemote> r = OpenArg(env, 0);
  if (!r.ok()) return r.status();
  if (!r->fs->features().public_link) {
    return absl::UnknownError(absl::StrCat(r->fs->ToString(), " doesn't support public links"));
  }
  absl::StatusOr<std::string> link = r->fs->PublicLink(r->file, f.expire, f.unlink);
  if (!link.ok()) return link.status();
  if (!f.unlink) env.out << *link << "\n";
  return absl::OkStatus();
}

absl::Status RunAbout(CommandEnv& env, const FileFlags& f) {
  absl::StatusOr<OpenedRemote> r = OpenArg(env, 0);
  if (!r.ok()) return r.status();
  if (!r->fs->features().about) {
    return absl::UnknownError(absl::StrCat(r->fs->ToString(), " doesn't support about"));
  }
  absl::StatusOr<vfs::Usage> usage = r->fs->About();
  if (!usage.ok()) return usage.status();
  env.out << ops::FormatAbout(*usage, f.full, f.json);
  return absl::OkStatus();
}

absl::Status RunDedupe(CommandEnv& env, const FileFlags& f) {
  std::string mode_name = f.dedupe_mode;
  size_t path_index = 0;
  if (env.args.size() == 2) {
    mode_name = env.args[0];
    path_index = 1;
  }
  absl::StatusOr<ops::DedupeMode> mode = ops::ParseDedupeMode(mode_name);
  if (!mode.ok()) return UsageError(std::string(mode.status().message()));
  if (*mode == ops::DedupeMode::kInteractive && !isatty(STDIN_FILENO)) {
    return UsageError(
        "dedupe: interactive mode needs a terminal on stdin; choose a mode "
        "(skip, first, newest, oldest, largest, smallest, rename, list)");
  }
  absl::StatusOr<OpenedRemote> r = OpenFilteredArg(env, path_index);
  if (!r.ok()) return r.status();
  ops::DedupeOptions o;
  o.mode = *mode;
  o.by_hash = f.by_hash;
  o.out = &env.out;
  o.ask = [&env](std::string_view prompt) {
    env.out << prompt;
    env.out.flush();
    std::string line;
    if (!std::getline(std::cin, line)) return std::string("q");
    return line;
  };
  return ops::Dedupe(env.ctx, *r->fs, o);
}

// Commands acting on the root of one path; `flags` may be nullptr (none of its own).
Command Simple(std::string name, std::function<void(FlagSet&, FileFlags&)> flags,
               std::function<absl::Status(CommandEnv&, const FileFlags&, OpenedRemote&)> body) {
  return WithOwnFlags<FileFlags>(
      Command{.name = std::move(name), .min_args = 1, .max_args = 1, .retry = true},
      std::move(flags), [body](CommandEnv& env, const FileFlags& f) -> absl::Status {
        absl::StatusOr<OpenedRemote> r = OpenArg(env, 0);
        if (!r.ok()) return r.status();
        return body(env, f, *r);
      });
}

}  // namespace

void AddFileCommands(Commands& out) {
  out.push_back(WithOwnFlags<FileFlags>(
      Command{.name = "cat", .min_args = 1, .max_args = 1},
      [](FlagSet& f, FileFlags& x) {
        f.Int("offset", 0, &x.offset, "Start printing at offset N (or from end if -ve)");
        f.Int("count", 0, &x.count, "Only print N characters");
        f.Int("head", 0, &x.head, "Only print the first N characters");
        f.Int("tail", 0, &x.tail, "Only print the last N characters");
        f.Bool("discard", 0, &x.discard, "Discard the output instead of printing");
      },
      RunCat));
  out.push_back(Simple(
      "delete",
      [](FlagSet& f, FileFlags& x) {
        f.Bool("rmdirs", 0, &x.rmdirs,
               "rmdirs removes empty "
               "directories but leaves root intact");
      },
      [](CommandEnv& env, const FileFlags& x, OpenedRemote& r) -> absl::Status {
        if (absl::Status st = RefuseFileUnderFilter(env, r, 0); !st.ok()) return st;
        absl::Status st = ops::Delete(env.ctx, *r.fs, r.file);
        if (!st.ok() || !x.rmdirs || !r.file.empty()) return st;
        return ops::Rmdirs(env.ctx, *r.fs, "", true);
      }));
  out.push_back(Command{
      .name = "deletefile", .min_args = 1, .max_args = 1, .retry = true, .run = RunDeletefile});
  out.push_back(Simple("purge", nullptr,
                       [](CommandEnv& env, const FileFlags&, OpenedRemote& r) -> absl::Status {
                         if (!r.file.empty()) return vfs::IsFileError(env.args[0]);
                         return ops::Purge(env.ctx, *r.fs);
                       }));
  out.push_back(Simple("mkdir", nullptr, [](CommandEnv& env, const FileFlags&, OpenedRemote& r) {
    return ops::Mkdir(env.ctx, *r.fs, "");
  }));
  out.push_back(Simple("rmdir", nullptr, [](CommandEnv& env, const FileFlags&, OpenedRemote& r) {
    return ops::Rmdir(env.ctx, *r.fs, "");
  }));
  out.push_back(Simple(
      "rmdirs",
      [](FlagSet& f, FileFlags& x) {
        f.Bool("leave-root", 0, &x.leave_root,
               "Do not remove root "
               "directory if empty");
      },
      [](CommandEnv& env, const FileFlags& x, OpenedRemote& r) {
        return ops::Rmdirs(env.ctx, *r.fs, "", x.leave_root);
      }));
  out.push_back(WithOwnFlags<FileFlags>(
      Command{.name = "touch", .min_args = 1, .max_args = 1, .retry = true},
      [](FlagSet& f, FileFlags& x) {
        f.String("timestamp", 't', &x.timestamp,
                 "Use specified time instead of the current time of day");
        f.Bool("no-create", 'C', &x.no_create, "Do not create the file if it does not exist");
        f.Bool("recursive", 'R', &x.recursive, "Recursively touch all files");
        f.Bool("localtime", 0, &x.localtime, "Use localtime for timestamp, not UTC");
      },
      RunTouch));
  out.push_back(WithOwnFlags<FileFlags>(
      Command{.name = "link", .min_args = 1, .max_args = 1},
      [](FlagSet& f, FileFlags& x) {
        f.Duration("expire", 0, &x.expire, "The amount of time that the link will be valid");
        f.Bool("unlink", 0, &x.unlink, "Remove existing public link to file/folder");
      },
      RunLink));
  out.push_back(WithOwnFlags<FileFlags>(
      Command{.name = "about", .min_args = 1, .max_args = 1},
      [](FlagSet& f, FileFlags& x) {
        f.Bool("full", 0, &x.full, "Full numbers instead of human-readable");
        f.Bool("json", 0, &x.json, "Format output as JSON");
      },
      RunAbout));
  out.push_back(WithOwnFlags<FileFlags>(
      Command{.name = "dedupe", .min_args = 1, .max_args = 2},
      [](FlagSet& f, FileFlags& x) {
        f.String("dedupe-mode", 0, &x.dedupe_mode,
                 "Dedupe mode interactive|skip|first|"
                 "newest|oldest|largest|smallest|rename|list");
        f.Bool("by-hash", 0, &x.by_hash, "Find identical hashes rather than names");
      },
      RunDedupe));
}

}  // namespace fclone
