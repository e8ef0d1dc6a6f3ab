// Registration of the crypt backend and its factory: options as rclone 1.60 declares them (plus
// `suffix` from later versions), keys derived from the revealed passwords, and the wrapped
// remote opened at the encrypted root (a root naming a file gives that file's parent).
#include "absl/strings/str_cat.h"
#include "backend/crypt/crypt_fs.h"
#include "base/string_views.h"
#include "vfs/config/remote_spec.h"
#include "vfs/errors.h"
#include "vfs/path.h"
#include "vfs/wrapped_remote.h"

namespace backend::crypt {
namespace {

absl::Status ConfigError(const vfs::FsParams& params, std::string_view message) {
  return absl::FailedPreconditionError(absl::StrCat(params.name, ": ", base::ToAbsl(message)));
}

// The `remote` option for messages: a connection string may carry credentials, so only its
// name and path are shown.
std::string RemoteForMessages(std::string_view remote) {
  absl::StatusOr<vfs::RemoteSpec> spec = vfs::ParseRemoteSpec(remote);
  if (!spec.ok() || spec->parameters.empty()) return std::string(remote);
  return absl::StrCat(spec->ConfigName(), ",...:", spec->path);
}

absl::StatusOr<CryptOptions> ParseOptions(const vfs::FsParams& params) {
  CryptOptions out;
  absl::StatusOr<NameMode> mode = ParseNameMode(params.Get("filename_encryption"));
  if (!mode.ok()) return ConfigError(params, base::ToStd(mode.status().message()));
  out.names.mode = *mode;
  std::string dirs = params.Get("directory_name_encryption");
  absl::StatusOr<bool> encrypt_dirs = dirs.empty() ? true : params.GetBool("directory_name_encryption");
  if (!encrypt_dirs.ok()) return encrypt_dirs.status();
  out.names.encrypt_dir_names = *encrypt_dirs;
  absl::StatusOr<NameEncoding> encoding = ParseNameEncoding(params.Get("filename_encoding"));
  if (!encoding.ok()) return ConfigError(params, base::ToStd(encoding.status().message()));
  out.names.encoding = *encoding;
  std::string suffix = params.Get("suffix");
  if (suffix == "none") {
    out.names.suffix = "";
  } else if (!suffix.empty()) {
    if (suffix.front() != '.') {
      return ConfigError(params, "suffix config setting should include a '.'");
    }
    out.names.suffix = suffix;
  }
  for (auto [option, field] : {std::pair{"no_data_encryption", &out.no_data_encryption},
                               std::pair{"server_side_across_configs", &out.server_side_across_configs},
                               std::pair{"show_mapping", &out.show_mapping}}) {
    absl::StatusOr<bool> value = params.GetBool(option);
    if (!value.ok()) return value.status();
    *field = *value;
  }
  return out;
}

}  // namespace

absl::StatusOr<vfs::NewFsResult> CryptFs::NewFs(const vfs::FsParams& params) {
  absl::StatusOr<CryptOptions> options = ParseOptions(params);
  if (!options.ok()) return options.status();
  std::string password = params.Get("password");
  if (password.empty()) return ConfigError(params, "password not set in config file");
  absl::StatusOr<CryptKeys> keys = DeriveKeys(password, params.Get("password2"));
  if (!keys.ok()) return keys.status();
  absl::StatusOr<std::string> root = vfs::CleanPath(params.root);
  if (!root.ok()) return root.status();
  NameCipher names(*keys, options->names);
  std::string remote = params.Get("remote");
  auto open = [&](std::string_view below) {
    return vfs::OpenWrappedRemote(params, "crypt", remote, below);
  };
  auto wrap_error = [&](const absl::Status& st) {
    return vfs::WithContext(st, absl::StrCat("failed to make remote \"",
                                             RemoteForMessages(remote), "\" to wrap"));
  };
  if (!root->empty()) {  // a file first, as rclone
    absl::StatusOr<std::string> as_file = names.EncryptFileName(*root);
    if (!as_file.ok()) return as_file.status();
    absl::StatusOr<vfs::OpenedFs> file = open(*as_file);
    if (file.ok() && file->is_file()) {
      std::string parent(vfs::ParentDir(*root));
      std::string leaf(vfs::Leaf(*root));
      return vfs::NewFsResult{Create(params.name, parent, file->fs, *keys, *options), leaf};
    }
  }
  absl::StatusOr<std::string> as_dir = names.EncryptDirName(*root);
  if (!as_dir.ok()) return as_dir.status();
  absl::StatusOr<vfs::OpenedFs> dir = open(*as_dir);
  if (!dir.ok()) return wrap_error(dir.status());
  if (dir->is_file()) {  // names not encrypted: the file probe above had another name
    std::string parent(vfs::ParentDir(*root));
    std::string leaf(vfs::Leaf(*root));
    return vfs::NewFsResult{Create(params.name, parent, dir->fs, *keys, *options), leaf};
  }
  return vfs::NewFsResult{Create(params.name, *root, dir->fs, *keys, *options), ""};
}

vfs::BackendInfo CryptBackendInfo() {
  vfs::BackendInfo info;
  info.name = "crypt";
  info.description = "Encrypt/Decrypt a remote";
  info.options = {
      vfs::WrappedRemoteOption(
          "Remote to encrypt/decrypt.\n\nNormally should contain a ':' and a path, e.g. "
          "\"myremote:path/to/dir\",\n\"myremote:bucket\" or maybe \"myremote:\" (not "
          "recommended)."),
      {.name = "filename_encryption",
       .help = "How to encrypt the filenames.\n\n\"standard\": encrypt the filenames; "
               "\"obfuscate\": very simple filename obfuscation;\n\"off\": don't encrypt the "
               "file names, only add the suffix.",
       .default_value = "standard"},
      {.name = "directory_name_encryption",
       .help = "Option to either encrypt directory names or leave them intact.\n\n"
               "NB If filename_encryption is \"off\" then this option will do nothing.",
       .default_value = "true"},
      {.name = "password",
       .help = "Password or pass phrase for encryption.",
       .default_value = "",
       .required = true,
       .secret = true},
      {.name = "password2",
       .help = "Password or pass phrase for salt.\n\nOptional but recommended.\n"
               "Should be different to the previous password.",
       .default_value = "",
       .required = false,
       .advanced = false,
       .secret = true},
      {.name = "server_side_across_configs",
       .help = "Allow server-side operations (e.g. copy) to work across different crypt "
               "configs.",
       .default_value = "false",
       .advanced = true},
      {.name = "show_mapping",
       .help = "For all files listed show how the names encrypt.",
       .default_value = "false",
       .advanced = true},
      {.name = "no_data_encryption",
       .help = "Option to either encrypt file data or leave it unencrypted.",
       .default_value = "false",
       .advanced = true},
      {.name = "filename_encoding",
       .help = "How to encode the encrypted filename to text string.\n\n\"base32\" (suitable "
               "for all remotes) or \"base64\" (case sensitive remotes only).",
       .default_value = "base32",
       .advanced = true},
      {.name = "suffix",
       .help = "If this is set it will override the default suffix of \".bin\".\n\n"
               "Setting suffix to \"none\" will result in an empty suffix. Only used with\n"
               "filename_encryption \"off\". (Not in rclone 1.60, which always uses \".bin\".)",
       .default_value = ".bin",
       .advanced = true},
  };
  info.factory = &CryptFs::NewFs;
  return info;
}

VFS_LINKED_BACKEND(CryptBackendInfo)

}  // namespace backend::crypt
