// libFuzzer target for rclone.conf: Parse never crashes, and what it accepts survives a round
// trip: Serialize() parses again to the same remotes, keys and values (what `fclone config`
// writes must read back as it was). Input: the file's text.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "tests/fuzz/fuzz_require.h"
#include "vfs/config/config_file.h"

using fuzz_support::Require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<vfs::ConfigFile> config = vfs::ConfigFile::Parse(text, "");
  if (!config.ok()) return 0;
  const std::string written = config->Serialize();
  absl::StatusOr<vfs::ConfigFile> again = vfs::ConfigFile::Parse(written, "");
  Require(again.ok(), "Serialize() wrote a file Parse() refuses");
  // DEFAULT is written first by design (its keys need no header); the others keep their order.
  auto others = [](std::vector<std::string> names) {
    std::erase(names, "DEFAULT");
    return names;
  };
  Require(others(again->Remotes()) == others(config->Remotes()), "remotes changed in a round trip");
  Require(again->HasRemote("DEFAULT") == config->HasRemote("DEFAULT"), "DEFAULT came or went");
  for (const std::string& remote : config->Remotes()) {
    Require(again->Keys(remote) == config->Keys(remote), "keys changed in a round trip");
    for (const std::string& key : config->Keys(remote)) {
      Require(again->Get(remote, key) == config->Get(remote, key), "a value changed");
    }
  }
  // Setting and deleting through the API keeps the file readable.
  if (!config->Remotes().empty()) {
    const std::string first = config->Remotes().front();
    (void)config->Set(first, "fuzz_key", text.substr(0, 64));
    config->DeleteRemote(first);
    Require(vfs::ConfigFile::Parse(config->Serialize(), "").ok(), "edits made it unreadable");
  }
  return 0;
}
