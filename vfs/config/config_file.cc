#include "vfs/config/config_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "base/atomic_file.h"
#include "base/string_views.h"
#include "vfs/config/str_util.h"

namespace vfs {
namespace {

using config_internal::Cat;
using config_internal::IsAlnum;
using config_internal::Trim;

namespace fs = std::filesystem;

constexpr std::string_view kDefaultSection = "DEFAULT";
constexpr std::string_view kTripleQuote = "\"\"\"";

// The file may be shared with rclone, which unwraps these two forms; anything else is literal.
std::string UnwrapValue(std::string_view v) {
  if (v.size() >= 2 * kTripleQuote.size() && v.starts_with(kTripleQuote) &&
      v.ends_with(kTripleQuote)) {
    return std::string(v.substr(3, v.size() - 6));
  }
  if (v.size() >= 2 && v.front() == '`' && v.back() == '`') {
    return std::string(v.substr(1, v.size() - 2));
  }
  return std::string(v);
}

bool NeedsWrapping(std::string_view v) { return Trim(v).size() != v.size() || UnwrapValue(v) != v; }

// How a value is written so that reading it back (by us or rclone) gives the same string.
// Returns nullopt if no form works; Set() refuses such values so Serialize() never meets one.
// A CR inside a value is no line break to either reader (a file may hold one, and an edit of
// another remote must not wipe it: found by config_file_fuzz); one at the end is kept by the
// wrapping, since a bare trailing CR would be read as part of a CRLF.
std::optional<std::string> EncodeValue(std::string_view v) {
  if (v.find('\n') != std::string_view::npos) return std::nullopt;
  if (!NeedsWrapping(v)) return std::string(v);
  if (v.find(kTripleQuote) == std::string_view::npos) {
    return Cat(kTripleQuote, v, kTripleQuote);
  }
  if (v.find('`') == std::string_view::npos) return Cat("`", v, "`");
  return std::nullopt;
}

absl::Status SaveError(const std::string& path, std::string_view what, int err) {
  return absl::InternalError(
      Cat("cannot save config file \"", path, "\": ", what, ": ", std::strerror(err)));
}

}  // namespace

bool IsValidRemoteName(std::string_view name) {
  if (name.empty() || name.front() == '-') return false;
  // Spaces inside are allowed, but not at the ends: rclone trims `[ x ]` to `x` on reading.
  if (name.front() == ' ' || name.back() == ' ') return false;
  for (char c : name) {
    if (!(IsAlnum(c) || c == '_' || c == '.' || c == ' ' || c == '-')) {
      return false;
    }
  }
  return true;
}

ConfigFile ConfigFile::InMemory() { return ConfigFile(""); }

absl::StatusOr<ConfigFile> ConfigFile::Load(std::string path,
                                            const ConfigPasswordSource& password) {
  auto read_error = [&path](std::string_view what, int err) {
    return absl::ErrnoToStatus(err, Cat("cannot read config file \"", path, "\": ", what));
  };
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return ConfigFile(std::move(path));  // created by the first Save()
    return read_error("open", errno);
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int err = errno;
    close(fd);
    return read_error("stat", err);
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    return absl::FailedPreconditionError(
        Cat("cannot read config file \"", path, "\": not a regular file"));
  }
  std::string text;
  char buf[8192];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      close(fd);
      return read_error("read", err);
    }
    if (n == 0) break;
    text.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  if (!IsEncryptedConfig(text)) return Parse(text, std::move(path));
  if (!password) {
    return absl::FailedPreconditionError(
        Cat("config file \"", path, "\" is encrypted: set RCLONE_CONFIG_PASS to its password"));
  }
  absl::Status previous = absl::OkStatus();
  // The source ends the loop (it gives up with an error); the bound is a safety net.
  for (int attempt = 0; attempt < 100; ++attempt) {
    absl::StatusOr<std::string> given = password(previous);
    if (!given.ok()) return given.status();
    ConfigKey key = ConfigKeyFromPassword(*given);
    absl::StatusOr<std::string> plain = DecryptConfig(text, key);
    if (IsWrongConfigPassword(plain.status())) {
      previous = plain.status();
      continue;
    }
    if (!plain.ok()) {
      return absl::Status(plain.status().code(),
                          Cat("config file \"", path, "\": ", plain.status().message()));
    }
    absl::StatusOr<ConfigFile> config = Parse(*plain, std::move(path));
    if (config.ok()) config->key_ = key;
    return config;
  }
  return previous;
}

absl::StatusOr<ConfigFile> ConfigFile::Open(const ConfigLocation& location,
                                            const ConfigPasswordSource& password) {
  if (location.in_memory) return InMemory();
  return Load(location.path, password);
}

absl::Status ConfigFile::SetPassword(std::string_view password) {
  if (absl::Status st = CheckConfigPassword(password); !st.ok()) return st;
  key_ = ConfigKeyFromPassword(password);
  return absl::OkStatus();
}

bool ConfigFile::PasswordMatches(std::string_view password) const {
  return key_.has_value() && *key_ == ConfigKeyFromPassword(password);
}

absl::StatusOr<ConfigFile> ConfigFile::Parse(std::string_view text, std::string path) {
  ConfigFile config(std::move(path));
  const std::string file_name = config.path_.empty() ? "config" : config.path_;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (IsEncryptedConfig(text)) {
    return absl::FailedPreconditionError(
        Cat("config file \"", file_name, "\" is encrypted: load it with its password"));
  }

  // The line text is deliberately not quoted in errors: a malformed line may be a secret.
  auto bad = [&](int line, std::string_view why) {
    return absl::InvalidArgumentError(Cat(file_name, ":", line, ": ", why));
  };

  std::vector<std::string> pending_comments;
  std::optional<size_t> current;  // index into sections_
  // Per section (by index): key -> index in its entries, so repeated keys are found at once.
  std::vector<std::unordered_map<std::string, size_t>> key_index;
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = Trim(text.substr(pos, end - pos));  // also drops a CR
    pos = end + 1;
    ++line_no;
    if (line.empty()) continue;
    if (line.front() == '#' || line.front() == ';') {
      pending_comments.emplace_back(line);
      continue;
    }
    if (line.front() == '[') {
      if (line.back() != ']') {
        return bad(line_no, "could not parse line: a section header must be [name]");
      }
      std::string_view name = Trim(line.substr(1, line.size() - 2));
      if (name.empty()) return bad(line_no, "empty section name not allowed");
      if (const Section* seen = config.FindSection(name);
          seen != nullptr && seen->line > 0 && name != kDefaultSection) {
        config.repeated_sections_.push_back(absl::StrCat("[", base::ToAbsl(name), "] at line ",
                                                         line_no, ", first at line ", seen->line));
      }
      Section& s = config.GetOrAddSection(name, line_no);
      s.comments.insert(s.comments.end(), pending_comments.begin(), pending_comments.end());
      pending_comments.clear();
      current = static_cast<size_t>(&s - config.sections_.data());
      continue;
    }
    size_t sep = line.find_first_of("=:");
    if (sep == std::string_view::npos) {
      return bad(line_no, "could not parse line: expected [section], key = value or a comment");
    }
    std::string_view key = Trim(line.substr(0, sep));
    if (key.empty()) return bad(line_no, "could not parse line: empty key");
    std::string_view raw = Trim(line.substr(sep + 1));
    std::string value = UnwrapValue(raw);
    if (!current.has_value()) {
      Section& s = config.GetOrAddSection(kDefaultSection, line_no);
      current = static_cast<size_t>(&s - config.sections_.data());
    }
    Section& s = config.sections_[*current];
    if (key_index.size() <= *current) key_index.resize(*current + 1);
    auto [it, added] = key_index[*current].emplace(std::string(key), s.entries.size());
    if (!added) {
      // Last value wins, first position kept (as rclone); the line is the value's.
      Entry& e = s.entries[it->second];
      e.value = std::move(value);
      e.raw = std::string(raw);
      e.line = line_no;
      e.comments.insert(e.comments.end(), pending_comments.begin(), pending_comments.end());
    } else {
      s.entries.push_back(Entry{std::move(pending_comments), std::string(key), std::move(value),
                                line_no, std::string(raw)});
    }
    pending_comments.clear();
  }
  config.trailing_comments_ = std::move(pending_comments);
  return config;
}

const ConfigFile::Section* ConfigFile::FindSection(std::string_view name) const {
  auto it = section_index_.find(std::string(name));
  return it == section_index_.end() ? nullptr : &sections_[it->second];
}

ConfigFile::Section* ConfigFile::FindSection(std::string_view name) {
  return const_cast<Section*>(std::as_const(*this).FindSection(name));
}

ConfigFile::Section& ConfigFile::GetOrAddSection(std::string_view name, int line) {
  if (Section* s = FindSection(name)) return *s;
  section_index_.emplace(std::string(name), sections_.size());
  sections_.push_back(Section{{}, std::string(name), {}, line});
  return sections_.back();
}

std::vector<std::string> ConfigFile::Remotes() const {
  std::vector<std::string> names;
  for (const Section& s : sections_) names.push_back(s.name);
  return names;
}

bool ConfigFile::HasRemote(std::string_view remote) const { return FindSection(remote) != nullptr; }

std::vector<std::string> ConfigFile::Keys(std::string_view remote) const {
  std::vector<std::string> keys;
  if (const Section* s = FindSection(remote)) {
    for (const Entry& e : s->entries) keys.push_back(e.key);
  }
  return keys;
}

std::optional<std::string> ConfigFile::Get(std::string_view remote, std::string_view key) const {
  const Section* s = FindSection(remote);
  if (s == nullptr) return std::nullopt;
  for (const Entry& e : s->entries) {
    if (e.key == key) return e.value;
  }
  return std::nullopt;
}

std::string ConfigFile::Where(std::string_view remote, std::string_view key) const {
  std::string file = path_.empty() ? std::string("in-memory config") : path_;
  const Section* s = FindSection(remote);
  if (s == nullptr) return file;
  int line = s->line;
  if (!key.empty()) {
    line = 0;
    for (const Entry& e : s->entries) {
      if (e.key == key) line = e.line;
    }
  }
  if (line == 0 || path_.empty()) return file;
  return Cat(file, ":", line);
}

absl::Status ConfigFile::Set(std::string_view remote, std::string_view key,
                             std::string_view value) {
  if (!IsValidRemoteName(remote) && remote != kDefaultSection) {
    return absl::InvalidArgumentError(Cat(
        "invalid remote name \"", remote,
        "\": may only contain 0-9, A-Z, a-z, _, -, . and space, and not start with - or space"));
  }
  if (key.empty() || Trim(key).size() != key.size() ||
      key.find_first_of("=:\r\n") != std::string_view::npos || key.front() == '[' ||
      key.front() == '#' || key.front() == ';') {
    return absl::InvalidArgumentError(
        Cat("invalid option name \"", key, "\" for remote \"", remote, "\""));
  }
  if (value.find('\r') != std::string_view::npos || !EncodeValue(value).has_value()) {
    return absl::InvalidArgumentError(
        Cat("value of option \"", key, "\" for remote \"", remote,
            "\" cannot be stored in rclone.conf (line break, or both ``` and \"\"\" around it)"));
  }
  Section& s = GetOrAddSection(remote, 0);
  for (Entry& e : s.entries) {
    if (e.key == key) {
      e.value = std::string(value);
      e.raw.clear();
      e.line = 0;
      return absl::OkStatus();
    }
  }
  Entry entry{{}, std::string(key), std::string(value), 0, ""};
  // rclone writes `type` first; keep that for remotes we build up key by key.
  if (key == "type") {
    s.entries.insert(s.entries.begin(), std::move(entry));
  } else {
    s.entries.push_back(std::move(entry));
  }
  return absl::OkStatus();
}

bool ConfigFile::DeleteKey(std::string_view remote, std::string_view key) {
  Section* s = FindSection(remote);
  if (s == nullptr) return false;
  return std::erase_if(s->entries, [&](const Entry& e) { return e.key == key; }) > 0;
}

bool ConfigFile::DeleteRemote(std::string_view remote) {
  if (std::erase_if(sections_, [&](const Section& s) { return s.name == remote; }) == 0) {
    return false;
  }
  section_index_.clear();
  for (size_t i = 0; i < sections_.size(); ++i) section_index_.emplace(sections_[i].name, i);
  return true;
}

std::string ConfigFile::Serialize() const {
  std::string out;
  auto write_section = [&out](const Section& s, bool header) {
    for (const std::string& c : s.comments) out += Cat(c, "\n");
    if (header) out += Cat("[", s.name, "]\n");
    for (const Entry& e : s.entries) {
      for (const std::string& c : e.comments) out += Cat(c, "\n");
      // Set() only admits encodable values; a value read from the file goes back as read.
      out += Cat(e.key, " = ", EncodeValue(e.value).value_or(e.raw), "\n");
    }
    out += "\n";
  };
  // Keys of DEFAULT have no header, so they must come before any section to read back.
  // An empty DEFAULT keeps its header, or it would vanish when read back (config_file_fuzz).
  const Section* defaults = FindSection(kDefaultSection);
  if (defaults) write_section(*defaults, defaults->entries.empty());
  // A DEFAULT key that looks like the encryption marker would make the file read as encrypted
  // (config_file_fuzz); under its header it is a key again.
  if (defaults && !defaults->entries.empty() && IsEncryptedConfig(out)) {
    out.clear();
    write_section(*defaults, true);
  }
  for (const Section& s : sections_) {
    if (s.name != kDefaultSection) write_section(s, true);
  }
  for (const std::string& c : trailing_comments_) out += Cat(c, "\n");
  // A DEFAULT key starting with a BOM would lose it to the BOM strip when read back (found by
  // config_file_fuzz); a leading blank line keeps it a key.
  if (out.starts_with("\xEF\xBB\xBF")) out.insert(0, "\n");
  return out;
}

absl::Status ConfigFile::Save() const {
  if (in_memory()) return absl::OkStatus();
  if (!repeated_sections_.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "not saving ", path_, ": it repeats a section header (", repeated_sections_.front(),
        "); rewriting it would merge the two silently. Edit the file so each remote appears once"));
  }
  // Replace the file a symlink points to, not the link itself.
  fs::path target = path_;
  std::error_code ec;
  if (fs::is_symlink(target, ec)) {
    fs::path resolved = fs::canonical(target, ec);
    if (!ec) target = resolved;
  }
  const std::string target_str = target.string();
  fs::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  fs::create_directories(dir, ec);
  if (ec) return SaveError(path_, "cannot create its directory", ec.value());

  mode_t mode = 0600;
  struct stat st;
  if (stat(target_str.c_str(), &st) == 0) mode = st.st_mode & 07777;

  if (absl::Status st = base::WriteFileAtomically(
          target_str, key_ ? EncryptConfig(Serialize(), *key_) : Serialize(), mode);
      !st.ok()) {
    return absl::InternalError(Cat("cannot save config file \"", path_, "\": ", st.message()));
  }
  return absl::OkStatus();
}

}  // namespace vfs
