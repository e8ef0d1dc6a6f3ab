#include "emulator/secrets.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace emulator {
namespace {

constexpr size_t kMaxSecretsFile = 1 << 20;

absl::Status ReadError(absl::string_view flag, const std::string& path, int error) {
  return absl::InvalidArgumentError(
      absl::StrCat(flag, " ", path, ": cannot read: ", std::strerror(error)));
}

// Whole file, or an error naming it.
absl::StatusOr<std::string> ReadWhole(absl::string_view flag, const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ReadError(flag, path, errno);
  std::string text;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      return ReadError(flag, path, error);
    }
    if (n == 0) break;
    text.append(buffer, static_cast<size_t>(n));
    if (text.size() > kMaxSecretsFile) {
      ::close(fd);
      return absl::InvalidArgumentError(absl::StrCat(flag, " ", path, ": larger than 1 MiB"));
    }
  }
  ::close(fd);
  return text;
}

bool OthersMayRead(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ReadSecretsFile(absl::string_view flag,
                                                         const std::string& path) {
  absl::StatusOr<std::string> text = ReadWhole(flag, path);
  if (!text.ok()) return text.status();
  std::vector<std::string> secrets;
  for (absl::string_view line : absl::StrSplit(*text, '\n')) {
    line = absl::StripAsciiWhitespace(line);  // also the CR of CRLF files
    if (line.empty() || line.front() == '#') continue;
    secrets.emplace_back(line);
  }
  if (secrets.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " ", path, ": no entry (blank lines and # comments only)"));
  }
  return secrets;
}

std::vector<std::string> SplitSecretList(absl::string_view list) {
  std::vector<std::string> out;
  for (absl::string_view entry : absl::StrSplit(list, ',')) {
    entry = absl::StripAsciiWhitespace(entry);
    if (!entry.empty()) out.emplace_back(entry);
  }
  return out;
}

absl::Status CollectSecrets(const SecretFlags& flags, Options& o,
                            std::vector<std::string>& warnings) {
  // Reads a secrets file, with a warning when others may read it too.
  auto read = [&](absl::string_view flag, const std::string& path) {
    auto secrets = ReadSecretsFile(flag, path);
    if (secrets.ok() && OthersMayRead(path)) {
      warnings.push_back(
          absl::StrCat("warning: ", flag, " ", path, " is open to other users (chmod 600 it)"));
    }
    return secrets;
  };
  std::map<std::string, bool> seen;  // key -> premium
  auto add = [&](const std::vector<std::string>& keys, bool premium) -> absl::Status {
    for (const std::string& key : keys) {
      auto [it, inserted] = seen.emplace(key, premium);
      if (inserted) {
        o.keys.push_back({key, premium});
      } else if (it->second != premium) {
        return absl::InvalidArgumentError("a key is given both as premium and as free");
      }
    }
    return absl::OkStatus();
  };
  if (absl::Status s = add(flags.keys, true); !s.ok()) return s;
  if (absl::Status s = add(flags.free_keys, false); !s.ok()) return s;
  for (const bool premium : {true, false}) {
    const char* flag = premium ? "--key-file" : "--free-key-file";
    for (const std::string& path : premium ? flags.key_files : flags.free_key_files) {
      auto keys = read(flag, path);
      if (!keys.ok()) return keys.status();
      if (absl::Status s = add(*keys, premium); !s.ok()) return s;
    }
    if (const char* list = std::getenv(premium ? kKeysEnv : kFreeKeysEnv); list != nullptr) {
      if (absl::Status s = add(SplitSecretList(list), premium); !s.ok()) return s;
    }
  }

  if (flags.admin_token_given && !flags.admin_token_file.empty()) {
    return absl::InvalidArgumentError("give --admin-token or --admin-token-file, not both");
  }
  if (flags.admin_token_given) {
    o.admin_token = flags.admin_token;
  } else if (!flags.admin_token_file.empty()) {
    auto tokens = read("--admin-token-file", flags.admin_token_file);
    if (!tokens.ok()) return tokens.status();
    if (tokens->size() != 1) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--admin-token-file ", flags.admin_token_file, ": more than one token"));
    }
    o.admin_token = tokens->front();
  } else if (const char* token = std::getenv(kAdminTokenEnv); token != nullptr) {
    o.admin_token = std::string(absl::StripAsciiWhitespace(token));
  }
  return absl::OkStatus();
}

}  // namespace emulator
