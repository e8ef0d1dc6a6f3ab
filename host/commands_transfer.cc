// copy, copyto, sync, move, moveto.
#include <memory>

#include "absl/strings/str_cat.h"
#include "host/command.h"
#include "host/exit_code.h"
#include "host/sync_dirs.h"
#include "vfs/errors.h"
#include "vfs/operations/sync.h"

namespace fclone {
namespace {

struct TransferFlags {
  bool create_empty_src_dirs = false;
  bool delete_empty_src_dirs = false;
};
absl::Status RunTree(CommandEnv& env, const TransferFlags& flags, ops::SyncMode mode) {
  absl::StatusOr<OpenedRemote> src = OpenArg(env, 0);
  if (!src.ok()) return src.status();
  absl::StatusOr<OpenedRemote> dst = OpenArg(env, 1);
  if (!dst.ok()) return dst.status();
  if (!dst->file.empty()) {
    return vfs::IsFileError(env.args[1]);
  }
  ops::Context ctx = env.ctx;
  ctx.options.create_empty_src_dirs = flags.create_empty_src_dirs;
  ctx.options.delete_empty_src_dirs = flags.delete_empty_src_dirs;
  std::vector<vfs::FsPtr> sync_dirs;
  if (absl::Status st = OpenSyncDirs(env, *dst->fs, ctx, sync_dirs); !st.ok()) return st;
  return ops::Sync(ctx, *src->fs, *dst->fs, mode, src->file);
}

absl::Status RunTo(CommandEnv& env, const TransferFlags& flags, bool move) {
  absl::StatusOr<OpenedRemote> src = OpenArg(env, 0);
  if (!src.ok()) return src.status();
  if (src->file.empty()) {
    // A directory: copyto/moveto behave like copy/move.
    return RunTree(env, flags, move ? ops::SyncMode::kMove : ops::SyncMode::kCopy);
  }
  absl::StatusOr<OpenedRemote> dst = OpenParentArg(env, 1);
  if (!dst.ok()) return dst.status();
  return ops::CopyFile(env.ctx, *src->fs, src->file, *dst->fs, dst->file, move);
}

void CopyFlags(FlagSet& f, TransferFlags& t) {
  f.Bool("create-empty-src-dirs", 0, &t.create_empty_src_dirs,
         "Create empty source dirs on destination after copy");
}

Command Tree(Command command, std::function<void(FlagSet&, TransferFlags&)> add_flags,
             ops::SyncMode mode) {
  return WithOwnFlags<TransferFlags>(
      std::move(command), std::move(add_flags),
      [mode](CommandEnv& env, const TransferFlags& f) { return RunTree(env, f, mode); });
}

Command To(Command command, bool move) {
  return WithOwnFlags<TransferFlags>(
      std::move(command), nullptr,
      [move](CommandEnv& env, const TransferFlags& f) { return RunTo(env, f, move); });
}

}  // namespace

void AddTransferCommands(Commands& out) {
  out.push_back(
      Tree(Command{.name = "copy", .min_args = 2, .max_args = 2, .retry = true, .show_stats = true},
           CopyFlags, ops::SyncMode::kCopy));
  out.push_back(
      Tree(Command{.name = "sync", .min_args = 2, .max_args = 2, .retry = true, .show_stats = true},
           CopyFlags, ops::SyncMode::kSync));
  out.push_back(Tree(
      Command{.name = "move", .min_args = 2, .max_args = 2, .retry = true, .show_stats = true},
      [](FlagSet& f, TransferFlags& t) {
        CopyFlags(f, t);
        f.Bool("delete-empty-src-dirs", 0, &t.delete_empty_src_dirs,
               "Delete empty source dirs after move");
      },
      ops::SyncMode::kMove));
  // copyto/moveto have no flags of their own; a directory argument runs copy/move's code with
  // their defaults.
  out.push_back(
      To(Command{.name = "copyto", .min_args = 2, .max_args = 2, .retry = true, .show_stats = true},
         false));
  out.push_back(
      To(Command{.name = "moveto", .min_args = 2, .max_args = 2, .retry = true, .show_stats = true},
         true));
}

}  // namespace fclone
