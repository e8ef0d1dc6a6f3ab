// cryptcheck and cryptdecode: rclone's commands for crypt remotes. cryptcheck compares a plain
// tree with a crypt remote without downloading it: each source file is encrypted with the
// nonce of the stored file and hashed with the wrapped remote's hash (Whirlpool on fichier),
// then compared with the hash the wrapped remote reports. cryptdecode shows how names map.
#include <string>

#include "absl/strings/str_cat.h"
#include "host/command.h"
#include "vfs/encrypting_fs.h"
#include "vfs/log.h"
#include "vfs/operations/check.h"

namespace fclone {
namespace {

struct CryptCheckFlags {
  bool one_way = false;
};
struct CryptDecodeFlags {
  bool reverse = false;
};

vfs::EncryptingFs* AsCrypt(const vfs::FsPtr& fs) {
  return dynamic_cast<vfs::EncryptingFs*>(fs.get());
}

absl::Status RunCryptCheck(CommandEnv& env, const CryptCheckFlags& flags) {
  absl::StatusOr<OpenedRemote> src = OpenFilteredArg(env, 0);
  if (!src.ok()) return src.status();
  absl::StatusOr<OpenedRemote> dst = OpenArg(env, 1);
  if (!dst.ok()) return dst.status();
  vfs::EncryptingFs* crypt = AsCrypt(dst->fs);
  if (crypt == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(dst->fs->Name(), ":", dst->fs->Root(), " is not a crypt remote"));
  }
  const vfs::Fs& underlying = *crypt->wrapped();
  hash::HashType type = underlying.features().hashes.GetOne();
  if (type == hash::HashType::kNone) {
    return absl::InvalidArgumentError(
        absl::StrCat(underlying.Name(), ":", underlying.Root(), " does not support any hashes"));
  }
  vfs::Log(vfs::LogLevel::kInfo, "",
           absl::StrCat("Using ", std::string(hash::HashTypeName(type)), " for hash comparisons"));
  std::string dst_label = absl::StrCat(dst->fs->Name(), ":", dst->fs->Root());
  std::string src_label = absl::StrCat(src->fs->Name(), ":", src->fs->Root());
  ops::CheckOptions options;
  options.one_way = flags.one_way;
  options.compare = [&](vfs::Object& src_obj,
                        vfs::Object& dst_obj) -> absl::StatusOr<ops::CheckOptions::Compared> {
    const vfs::ObjectPtr stored = crypt->StoredObject(dst_obj);
    if (stored == nullptr) return absl::InternalError("not an object of a crypt remote");
    absl::StatusOr<std::string> stored_hash = stored->Hash(type);
    if (!stored_hash.ok()) {
      return absl::Status(stored_hash.status().code(),
                          absl::StrCat("error reading hash from underlying ", stored->remote(),
                                       ": ", stored_hash.status().message()));
    }
    if (stored_hash->empty()) return ops::CheckOptions::Compared{"", true};
    absl::StatusOr<std::string> computed = crypt->ComputeHash(dst_obj, src_obj, type);
    if (!computed.ok()) {
      return absl::Status(computed.status().code(),
                          absl::StrCat("error computing hash: ", computed.status().message()));
    }
    if (computed->empty()) return ops::CheckOptions::Compared{"", true};
    if (*computed == *stored_hash) return ops::CheckOptions::Compared{};
    // rclone's text, labels included as rclone prints them.
    return ops::CheckOptions::Compared{
        absl::StrCat("hashes differ (", dst_label, ") \"", *computed, "\" vs (", src_label, ") \"",
                     *stored_hash, "\""),
        false};
  };
  return ops::Check(env.ctx, *src->fs, *dst->fs, src->file, options);
}

absl::Status RunCryptDecode(CommandEnv& env, const CryptDecodeFlags& flags) {
  absl::StatusOr<OpenedRemote> remote = OpenArg(env, 0);
  if (!remote.ok()) return remote.status();
  vfs::EncryptingFs* crypt = AsCrypt(remote->fs);
  if (crypt == nullptr) {
    return absl::InvalidArgumentError("the remote needs to be of type \"crypt\"");
  }
  std::string output;
  for (size_t i = 1; i < env.args.size(); ++i) {
    const std::string& name = env.args[i];
    absl::StatusOr<std::string> mapped =
        flags.reverse ? crypt->EncryptFileName(name) : crypt->DecryptFileName(name);
    // Go's fmt.Sprintln: operands separated by spaces.
    absl::StrAppend(&output, name, " \t ", mapped.ok() ? *mapped : "Failed to decrypt", "\n");
  }
  env.out << output;
  return absl::OkStatus();
}

}  // namespace

void AddCryptCommands(Commands& out) {
  out.push_back(WithOwnFlags<CryptCheckFlags>(
      Command{.name = "cryptcheck", .min_args = 2, .max_args = 2, .show_stats = true},
      [](FlagSet& f, CryptCheckFlags& x) {
        f.Bool("one-way", 0, &x.one_way,
               "Check one way only, source files must exist on destination");
      },
      RunCryptCheck));
  out.push_back(WithOwnFlags<CryptDecodeFlags>(
      Command{.name = "cryptdecode", .min_args = 2, .max_args = -1},
      [](FlagSet& f, CryptDecodeFlags& x) {
        f.Bool("reverse", 0, &x.reverse, "Reverse cryptdecode, encrypts filenames");
      },
      RunCryptDecode));
}

}  // namespace fclone
