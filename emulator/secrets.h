// Where the emulator's secrets (API keys, the admin token) come from. Flags such as --key put
// them in argv, which every user of the machine can read with ps; files (--key-file,
// --free-key-file, --admin-token-file) and environment variables (FICHIER_EMULATOR_KEYS,
// FICHIER_EMULATOR_FREE_KEYS, FICHIER_EMULATOR_ADMIN_TOKEN) do not.
#ifndef FICHIER_EMULATOR_SECRETS_H_
#define FICHIER_EMULATOR_SECRETS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "emulator/options.h"

namespace emulator {

inline constexpr char kKeysEnv[] = "FICHIER_EMULATOR_KEYS";
inline constexpr char kFreeKeysEnv[] = "FICHIER_EMULATOR_FREE_KEYS";
inline constexpr char kAdminTokenEnv[] = "FICHIER_EMULATOR_ADMIN_TOKEN";

// The secrets in a file: one per line; blank lines and lines whose first non-blank character is
// '#' are skipped, surrounding spaces and a trailing CR are trimmed. The error names `flag` and
// the file when it cannot be read or holds nothing.
absl::StatusOr<std::vector<std::string>> ReadSecretsFile(absl::string_view flag,
                                                         const std::string& path);
// The entries of a comma-separated list, trimmed; empty entries are skipped.
std::vector<std::string> SplitSecretList(absl::string_view list);

// What the command line said, before the files and the environment are read.
struct SecretFlags {
  std::vector<std::string> keys, free_keys;            // --key, --free-key
  std::vector<std::string> key_files, free_key_files;  // --key-file, --free-key-file
  std::string admin_token;                             // --admin-token
  bool admin_token_given = false;
  std::string admin_token_file;                        // --admin-token-file
};

// Fills o.keys (flags, then files, then the environment; a repeated key counts once, a key both
// premium and free is an error) and o.admin_token (flag, file or environment; at most one of
// them). `warnings` gets a line per secrets file that other users may read.
absl::Status CollectSecrets(const SecretFlags& flags, Options& o,
                            std::vector<std::string>& warnings);

}  // namespace emulator

#endif  // FICHIER_EMULATOR_SECRETS_H_
