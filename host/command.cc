#include "host/command.h"

#include "absl/strings/str_cat.h"
#include "host/command_docs.h"
#include "vfs/errors.h"
#include "vfs/log.h"
#include "vfs/operations/filter.h"

namespace fclone {

Commands MakeCommands() {
  Commands commands;
  AddListingCommands(commands);
  AddTransferCommands(commands);
  AddFileCommands(commands);
  AddConfigCommands(commands);
  AddCopyUrlCommand(commands);
  AddCryptCommands(commands);
  AddCheckCommands(commands);
  AddHashCommands(commands);
  AddStreamCommands(commands);
  AddTreeCommand(commands);
  AddMiscCommands(commands);
  AddMountCommands(commands);
  AddServeCommands(commands);
  AddCommandDocs(commands);
  return commands;
}

const Command* FindCommand(const Commands& commands, std::string_view name) {
  for (const Command& c : commands) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

namespace {

void NoticeMissingConfig(const CommandEnv& env) {
  if (!env.config_location.in_memory && !env.config_location.exists &&
      !env.missing_config_noticed.exchange(true)) {
    vfs::Log(
        vfs::LogLevel::kNotice, "",
        absl::StrCat("Config file \"", env.config_location.path, "\" not found - using defaults"));
  }
}

}  // namespace

absl::StatusOr<OpenedRemote> OpenArg(const CommandEnv& env, size_t index) {
  NoticeMissingConfig(env);
  return env.opener.Open(env.args.at(index));
}

absl::Status RefuseFileUnderFilter(const CommandEnv& env, const OpenedRemote& opened,
                                   size_t index) {
  if (opened.file.empty() || env.ctx.filter == nullptr || !env.ctx.filter->Active()) {
    return absl::OkStatus();
  }
  // NoRetry, exit 1 (rclone exits 1 at once).
  return vfs::BadInput("", "can't limit to single files when using filters: " + env.args.at(index));
}

absl::StatusOr<OpenedRemote> OpenFilteredArg(const CommandEnv& env, size_t index) {
  absl::StatusOr<OpenedRemote> opened = OpenArg(env, index);
  if (!opened.ok()) return opened;
  if (absl::Status st = RefuseFileUnderFilter(env, *opened, index); !st.ok()) return st;
  return opened;
}

absl::StatusOr<OpenedRemote> OpenParentArg(const CommandEnv& env, size_t index) {
  NoticeMissingConfig(env);
  return env.opener.OpenParent(env.args.at(index));
}

}  // namespace fclone
