// rclone.conf: an INI file with one section per remote. Read and written so that rclone and we can
// share one file (format in spec/rclone-conventions.md §5.2, checked against rclone 1.60):
//   - `[name]` sections; `key = value` (also `key=value` and `key: value`); the first `=` or `:`
//     splits; key and value are trimmed; values are literal to end of line (quotes and `#` kept),
//     except a value wrapped whole in `"""…"""` or backquotes, which is unwrapped;
//   - lines starting with `#` or `;` are comments; blank lines are ignored; a UTF-8 BOM and CRLF
//     line ends are accepted;
//   - keys before any section belong to the section `DEFAULT` (no inheritance: it is just a
//     section, written first without a header);
//   - repeated sections merge, a repeated key keeps its first position and its last value.
// Writing: `key = value`, a blank line after each section, comments kept in front of the section
// or key they preceded, section order kept, new sections appended; atomically (temp file in the
// same directory, fsync, rename), new files with mode 0600, existing files keep their mode.
//
// Not thread-safe; the host loads it once and hands out resolved options.
#ifndef FICHIER_VFS_CONFIG_CONFIG_FILE_H_
#define FICHIER_VFS_CONFIG_CONFIG_FILE_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "vfs/config/config_crypt.h"
#include "vfs/config/config_location.h"

namespace vfs {

// Gives the password of an encrypted config file. Called again after a wrong one (`previous` is
// then the decryption error; OK on the first call) until it returns an error, which Load returns.
using ConfigPasswordSource = std::function<absl::StatusOr<std::string>(const absl::Status& previous)>;

class ConfigFile {
 public:
  // An empty configuration that Save() never writes (rclone's "in memory only").
  static ConfigFile InMemory();

  // Reads `path`. A missing file gives an empty config that Save() creates. A malformed file is
  // an InvalidArgument naming the file and the line (but never quoting it: it may hold a key).
  // An encrypted file (config_crypt.h) is opened with the passwords `password` gives; without
  // one it is a FailedPrecondition saying to set RCLONE_CONFIG_PASS.
  static absl::StatusOr<ConfigFile> Load(std::string path,
                                         const ConfigPasswordSource& password = nullptr);

  // InMemory() or Load() as the location says.
  static absl::StatusOr<ConfigFile> Open(const ConfigLocation& location,
                                         const ConfigPasswordSource& password = nullptr);

  // Parses `text`; `path` is used in error messages and as the file Save() writes ("" = none).
  static absl::StatusOr<ConfigFile> Parse(std::string_view text, std::string path);

  const std::string& path() const { return path_; }
  bool in_memory() const { return path_.empty(); }

  // Section names in file order (like `rclone listremotes`, this includes DEFAULT if present).
  std::vector<std::string> Remotes() const;
  // Section names are case-sensitive, as in rclone.
  bool HasRemote(std::string_view remote) const;
  // Keys of a remote in file order; empty if the remote does not exist.
  std::vector<std::string> Keys(std::string_view remote) const;
  // The stored value (obscured values stay obscured), or nullopt if remote or key is absent.
  // An empty value ("key =") is returned as "": the resolver treats it as unset.
  std::optional<std::string> Get(std::string_view remote, std::string_view key) const;
  // "file:line" of a key (or of the section header when key is empty), for error messages;
  // just the file name for entries added since loading.
  std::string Where(std::string_view remote, std::string_view key = "") const;

  // Sets a value, creating the remote at the end of the file if needed. Rejects remote names
  // rclone rejects (`[0-9A-Za-z_. -]+`, not starting with '-'), keys that would not parse back,
  // and values with line breaks; errors name the remote and key, never the value.
  absl::Status Set(std::string_view remote, std::string_view key, std::string_view value);
  // Returns whether something was removed.
  bool DeleteKey(std::string_view remote, std::string_view key);
  bool DeleteRemote(std::string_view remote);

  // The file's text, in clear, as Save() would write it unencrypted.
  std::string Serialize() const;
  // Writes atomically to path(); a no-op for an in-memory config. Creates missing parent
  // directories (mode 0700). An encrypted config is written encrypted with the same key.
  // Refused (FailedPrecondition, file untouched) while the file repeats a section header.
  absl::Status Save() const;

  // Section headers that appeared again ("[s] at line 9, first at line 2"). Reading merges
  // them as rclone does, so such files keep working; writing would silently fold them into
  // one, so Save() refuses until the user has edited the file.
  const std::vector<std::string>& repeated_sections() const { return repeated_sections_; }

  // Encryption: a file loaded encrypted stays so; these change that for the next Save().
  bool encrypted() const { return key_.has_value(); }
  // InvalidArgument for passwords rclone refuses (CheckConfigPassword).
  absl::Status SetPassword(std::string_view password);
  void RemovePassword() { key_.reset(); }
  // Whether `password` is the one the file is encrypted with.
  bool PasswordMatches(std::string_view password) const;

 private:
  struct Entry {
    std::vector<std::string> comments;  // comment lines just before this key
    std::string key;
    std::string value;
    int line = 0;  // 0 = not from the file
    // The value's text as read ("" for values set since): written back as it was when no
    // written form can give the value again (it holds both ``` and """ and needs wrapping).
    std::string raw;
  };
  struct Section {
    std::vector<std::string> comments;  // comment lines just before the header
    std::string name;
    std::vector<Entry> entries;
    int line = 0;
  };

  explicit ConfigFile(std::string path) : path_(std::move(path)) {}
  const Section* FindSection(std::string_view name) const;
  Section* FindSection(std::string_view name);
  Section& GetOrAddSection(std::string_view name, int line);

  std::string path_;
  std::optional<ConfigKey> key_;  // set: Save() encrypts
  std::vector<Section> sections_;
  // Section name -> index in sections_: lookups stay constant-time, so reading a file is
  // linear in its size (a 100k-section file once took 17 s). Rebuilt when a section goes.
  std::unordered_map<std::string, size_t> section_index_;
  std::vector<std::string> trailing_comments_;  // comments after the last key
  std::vector<std::string> repeated_sections_;
};

// Whether rclone 1.60 accepts `name` as a remote (section) name.
bool IsValidRemoteName(std::string_view name);

}  // namespace vfs

#endif  // FICHIER_VFS_CONFIG_CONFIG_FILE_H_
