#include "vfs/operations/filter.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <iterator>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "vfs/operations/context.h"
#include "vfs/operations/filter_glob.h"
#include "vfs/path.h"

namespace vfs::operations {
namespace {

std::string ErrnoText(int err) {
  std::string text = std::strerror(err);
  if (!text.empty()) text[0] = absl::ascii_tolower(static_cast<unsigned char>(text[0]));
  return text;
}

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return absl::NotFoundError(absl::StrCat("open ", path, ": ", ErrnoText(errno)));
  }
  std::string data;
  char buffer[65536];
  for (;;) {
    size_t n = std::fread(buffer, 1, sizeof buffer, f);
    data.append(buffer, n);
    if (n < sizeof buffer) break;
  }
  int err = std::ferror(f) ? errno : 0;
  std::fclose(f);
  if (err != 0) return absl::DataLossError(absl::StrCat("read ", path, ": ", ErrnoText(err)));
  return data;
}

std::vector<std::string_view> SplitString(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (;;) {
    size_t at = s.find(sep);
    out.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return out;
    s.remove_prefix(at + 1);
  }
}

std::string_view TrimSpace(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// rclone's forEachLine: lines without their \r\n; unless raw, trimmed, and blank lines and
// comments (# or ;) skipped.
absl::Status ForEachLine(const Filter::FileReader& read, const std::string& path, bool raw,
                         const std::function<absl::Status(std::string_view)>& fn) {
  absl::StatusOr<std::string> data = read ? read(path) : ReadWholeFile(path);
  if (!data.ok()) return data.status();
  std::vector<std::string_view> lines = SplitString(*data, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  for (std::string_view line : lines) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!raw) {
      line = TrimSpace(line);
      if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    }
    if (absl::Status st = fn(line); !st.ok()) return st;
  }
  return absl::OkStatus();
}

// Go's path.Dir: everything before the last slash, cleaned; "." when there is none.
std::string GoPathDir(std::string_view p) {
  size_t slash = p.rfind('/');
  std::string_view dir = slash == std::string_view::npos ? "" : p.substr(0, slash + 1);
  bool rooted = !dir.empty() && dir[0] == '/';
  std::vector<std::string_view> parts;
  for (std::string_view part : SplitString(dir, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == ".." && !parts.empty() && parts.back() != "..") {
      parts.pop_back();
    } else if (part != ".." || !rooted) {
      parts.push_back(part);
    }
  }
  std::string out = rooted ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += '/';
    out += parts[i];
  }
  return out.empty() ? "." : out;
}

std::string_view TrimSlashes(std::string_view s) {
  while (!s.empty() && s.front() == '/') s.remove_prefix(1);
  while (!s.empty() && s.back() == '/') s.remove_suffix(1);
  return s;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Filter>> Filter::Create(const FilterOptions& options,
                                                       absl::Time now,
                                                       const FileReader& read_file) {
  auto f = std::make_unique<Filter>();
  f->options_ = options;
  if (options.max_age) f->mod_time_from_ = now - *options.max_age;
  if (options.min_age) f->mod_time_to_ = now - *options.min_age;
  if (f->mod_time_from_ && f->mod_time_to_ && *f->mod_time_to_ < *f->mod_time_from_) {
    return absl::InvalidArgumentError("--min-age can't be larger than --max-age");
  }
  auto add_rule = [&](std::string_view line) { return f->AddRule(line); };
  // The --include (or --exclude) patterns, then those of the -from files; true when any.
  auto add_globs = [&](bool include, const std::vector<std::string>& globs,
                       const std::vector<std::string>& files) -> absl::StatusOr<bool> {
    for (const std::string& glob : globs) {
      if (absl::Status st = f->Add(include, glob); !st.ok()) return st;
    }
    auto add = [&](std::string_view line) { return f->Add(include, line); };
    for (const std::string& path : files) {
      if (absl::Status st = ForEachLine(read_file, path, false, add); !st.ok()) return st;
    }
    return !globs.empty() || !files.empty();
  };
  absl::StatusOr<bool> implicit_exclude = add_globs(true, options.include, options.include_from);
  if (!implicit_exclude.ok()) return implicit_exclude.status();
  absl::StatusOr<bool> found_exclude = add_globs(false, options.exclude, options.exclude_from);
  if (!found_exclude.ok()) return found_exclude.status();
  if (*implicit_exclude && *found_exclude) {
    LogError("", "Using --filter is recommended instead of both --include and --exclude as the "
                 "order they are parsed in is indeterminate");
  }
  for (const std::string& rule : options.filter) {
    if (absl::Status st = f->AddRule(rule); !st.ok()) return st;
  }
  for (const std::string& path : options.filter_from) {
    if (absl::Status st = ForEachLine(read_file, path, false, add_rule); !st.ok()) return st;
  }
  const bool other_filters = f->Active();
  auto add_file = [&](std::string_view line) {
    f->AddFile(line);
    return absl::OkStatus();
  };
  auto add_files = [&](const std::vector<std::string>& files, bool raw) -> absl::Status {
    for (const std::string& path : files) {
      if (other_filters) {
        return absl::InvalidArgumentError(
            raw ? "the usage of --files-from-raw overrides all other filters, it should be used "
                  "alone or with --files-from"
                : "the usage of --files-from overrides all other filters, it should be used "
                  "alone or with --files-from-raw");
      }
      f->have_files_ = true;
      if (absl::Status st = ForEachLine(read_file, path, raw, add_file); !st.ok()) return st;
    }
    return absl::OkStatus();
  };
  if (absl::Status st = add_files(options.files_from, false); !st.ok()) return st;
  if (absl::Status st = add_files(options.files_from_raw, true); !st.ok()) return st;
  if (*implicit_exclude) {
    if (absl::Status st = f->Add(false, "/**"); !st.ok()) return st;
  }
  return f;
}

void Filter::AddUnique(std::vector<Rule>& rules, std::set<std::string>& seen, bool include,
                       Regexp regexp) {
  Rule rule{include, std::move(regexp)};
  if (!seen.insert(rule.Text()).second) return;  // the same rule again can never decide
  rules.push_back(std::move(rule));
}

absl::Status Filter::Add(bool include, std::string_view glob_in) {
  std::string glob(glob_in);
  bool dir_rule = !glob.empty() && glob.back() == '/';
  bool file_rule = !dir_rule;
  if (dir_rule && !include) glob += "**";  // excluding "dir/" excludes everything in it too
  if (glob.find("**") != std::string::npos) dir_rule = file_rule = true;
  absl::StatusOr<Regexp> re = CompileGlob(glob, options_.ignore_case);
  if (!re.ok()) return re.status();
  if (file_rule) {
    AddUnique(file_rules_, file_rules_seen_, include, *re);
    // An include also admits the directories its files can be in; an exclude rules none out,
    // except "*" which matches everything.
    if (include || glob == "*") {
      for (const std::string& dir_glob : GlobToDirGlobs(glob)) {
        if (dir_glob == "/") continue;  // the root is always listed
        absl::StatusOr<Regexp> dir_re = CompileGlob(dir_glob, options_.ignore_case);
        if (!dir_re.ok()) return dir_re.status();
        AddUnique(dir_rules_, dir_rules_seen_, include, std::move(*dir_re));
      }
    }
  }
  if (dir_rule) AddUnique(dir_rules_, dir_rules_seen_, include, std::move(*re));
  return absl::OkStatus();
}

absl::Status Filter::AddRule(std::string_view rule) {
  if (rule == "!") {
    Clear();
    return absl::OkStatus();
  }
  if (rule.size() >= 2 && rule[1] == ' ' && (rule[0] == '+' || rule[0] == '-')) {
    return Add(rule[0] == '+', rule.substr(2));
  }
  return absl::InvalidArgumentError(absl::StrCat("malformed rule ", GoQuote(rule)));
}

void Filter::AddFile(std::string_view path) {
  std::string file(TrimSlashes(path));
  files_.insert(file);
  for (;;) {
    file = GoPathDir(file);
    if (file == "." || !dirs_.insert(file).second) break;
  }
}

void Filter::Clear() {
  file_rules_.clear();
  dir_rules_.clear();
  file_rules_seen_.clear();
  dir_rules_seen_.clear();
}

bool Filter::Active() const {
  return have_files_ || mod_time_from_.has_value() || mod_time_to_.has_value() ||
         options_.min_size >= 0 || options_.max_size >= 0 || !file_rules_.empty() ||
         !dir_rules_.empty() || !options_.exclude_if_present.empty();
}

bool Filter::IncludeRemote(std::string_view remote) const {
  for (const Rule& rule : file_rules_) {
    if (rule.regexp.Match(remote)) return rule.include;
  }
  return true;
}

bool Filter::Include(std::string_view remote, int64_t size, absl::Time mod_time) const {
  if (have_files_) return files_.count(remote) > 0;
  if (mod_time_from_ && mod_time < *mod_time_from_) return false;
  if (mod_time_to_ && mod_time > *mod_time_to_) return false;
  if (options_.min_size >= 0 && size < options_.min_size) return false;
  if (options_.max_size >= 0 && size > options_.max_size) return false;
  return IncludeRemote(remote);
}

bool Filter::IncludeObject(const ObjectInfo& object) const {
  absl::Time mod_time = mod_time_from_ || mod_time_to_ ? object.mod_time() : absl::UnixEpoch();
  return Include(object.remote(), object.size(), mod_time);
}

bool Filter::IncludeDirectory(std::string_view remote) const {
  std::string dir(TrimSlashes(remote));
  if (have_files_) return dirs_.count(dir) > 0;
  dir += '/';
  for (const Rule& rule : dir_rules_) {
    if (rule.regexp.Match(dir)) return rule.include;
  }
  return true;
}

bool Filter::ListContainsExcludeFile(const DirEntries& entries) const {
  if (options_.exclude_if_present.empty()) return false;
  for (const DirEntry& e : entries) {
    if (e.is_object() && Leaf(e.object()->remote()) == options_.exclude_if_present) return true;
  }
  return false;
}

std::string Filter::Dump() const {
  std::vector<std::string> lines;
  const absl::TimeZone local = absl::LocalTimeZone();
  if (mod_time_from_) {
    lines.push_back(absl::StrCat("Last-modified date must be equal or greater than: ",
                                 absl::FormatTime("%Y-%m-%d %H:%M:%E*S %z %Z", *mod_time_from_,
                                                  local)));
  }
  if (mod_time_to_) {
    lines.push_back(absl::StrCat("Last-modified date must be equal or less than: ",
                                 absl::FormatTime("%Y-%m-%d %H:%M:%E*S %z %Z", *mod_time_to_,
                                                  local)));
  }
  lines.push_back("--- File filter rules ---");
  for (const Rule& rule : file_rules_) lines.push_back(rule.Text());
  lines.push_back("--- Directory filter rules ---");
  for (const Rule& rule : dir_rules_) lines.push_back(rule.Text());
  return absl::StrJoin(lines, "\n");
}

FilteredListing FilterListing(const Filter& filter, DirEntries entries) {
  FilteredListing out;
  if (filter.ListContainsExcludeFile(entries)) {
    out.excluded = true;
    return out;
  }
  out.entries.reserve(entries.size());
  for (DirEntry& e : entries) {
    bool keep = e.is_object() ? filter.IncludeObject(*e.object())
                              : filter.IncludeDirectory(e.remote());
    if (keep) {
      out.entries.push_back(std::move(e));
    } else {
      LogDebug(e.remote(), "Excluded");
    }
  }
  return out;
}

}  // namespace vfs::operations
