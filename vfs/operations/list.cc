#include "vfs/operations/list.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/mime_type.h"
#include "vfs/global_options.h"
#include "vfs/operations/context.h"
#include "vfs/operations/format.h"
#include "vfs/path.h"
#include "vfs/walk.h"

namespace vfs::operations {
namespace {

// Go's encoding/csv quoting of one field.
std::string CsvField(const std::string& field) {
  bool quote = !field.empty() && (field[0] == ' ' || field[0] == '\t');
  quote = quote || field.find_first_of(",\"\r\n") != std::string::npos;
  if (!quote) return field;
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  return out + "\"";
}

std::string HashOrEmpty(const DirEntry& e, hash::HashType type) {
  if (!e.is_object()) return "";
  absl::StatusOr<std::string> h = e.object()->Hash(type);
  if (!h.ok()) return IsUnimplemented(h.status()) ? "UNSUPPORTED" : "ERROR";
  return *h;
}

std::string IdOf(const DirEntry& e) {
  return e.is_object() ? e.object()->id() : e.directory().id;
}

}  // namespace

namespace {

// Walk's breadth-first listing with the filter applied to each directory's entries, so that an
// excluded directory is never listed. A directory at the depth limit is not listed either, so
// the --exclude-if-present file is looked up in it by name.
absl::StatusOr<DirEntries> FilteredWalk(Fs& fs, int max_depth, const Filter& filter) {
  DirEntries out;
  std::set<std::string> excluded;  // directories holding the --exclude-if-present file
  std::deque<std::pair<std::string, int>> pending;
  pending.emplace_back("", 1);
  while (!pending.empty()) {
    auto [dir, depth] = std::move(pending.front());
    pending.pop_front();
    absl::StatusOr<DirEntries> listed = fs.List(dir);
    if (!listed.ok()) return listed.status();
    FilteredListing kept = FilterListing(filter, std::move(*listed));
    if (kept.excluded) {
      LogDebug(dir, "Excluded");
      excluded.insert(dir);
      continue;
    }
    for (DirEntry& e : kept.entries) {
      if (e.is_dir()) {
        if (max_depth < 0 || depth < max_depth) {
          pending.emplace_back(e.remote(), depth + 1);
        } else if (!filter.exclude_file().empty()) {
          absl::StatusOr<ObjectPtr> marker =
              fs.NewObject(JoinPath(e.remote(), filter.exclude_file()));
          if (marker.ok()) {
            LogDebug(e.remote(), "Excluded");
            continue;
          }
          if (!IsObjectNotFound(marker.status()) && !IsDirNotFound(marker.status())) {
            return marker.status();
          }
        }
      }
      out.push_back(std::move(e));
    }
  }
  std::erase_if(out, [&](const DirEntry& e) { return e.is_dir() && excluded.count(e.remote()); });
  SortEntries(out);
  return out;
}

}  // namespace

absl::StatusOr<DirEntries> ListEntries(Fs& fs, std::string_view only_file, int max_depth,
                                       const Filter* filter) {
  if (!only_file.empty()) {
    absl::StatusOr<ObjectPtr> object = fs.NewObject(only_file);
    if (!object.ok()) return object.status();
    DirEntries entries;
    entries.emplace_back(*object);
    return entries;
  }
  if (filter != nullptr && filter->Active()) return FilteredWalk(fs, max_depth, *filter);
  WalkOptions options;
  options.max_depth = max_depth;
  options.use_list_r = GetGlobalOptions().fast_list;  // --fast-list
  return Walk(fs, "", options);
}

std::string MimeTypeOf(const ObjectInfo& object) {
  std::string mime = object.mime_type();
  if (!mime.empty()) return mime;
  return base::MimeTypeFromName(object.remote());
}

// ls/lsl's size column.
static std::string SizeColumn(int64_t size, bool human_readable) {
  return absl::StrFormat("%9s", human_readable && size >= 0 ? SizeSuffix(size)
                                                            : absl::StrCat(size));
}

// ls, and lsl (`with_time`): one line per object.
static absl::Status ListObjects(Fs& fs, std::string_view only_file, int max_depth,
                                std::ostream& out, const Filter* filter, bool human_readable,
                                bool with_time) {
  absl::StatusOr<DirEntries> entries = ListEntries(fs, only_file, max_depth, filter);
  if (!entries.ok()) return entries.status();
  for (const DirEntry& e : *entries) {
    if (!e.is_object()) continue;
    out << SizeColumn(e.size(), human_readable) << " ";
    if (with_time) out << ListingTime(e.mod_time()) << " ";
    out << e.remote() << "\n";
  }
  return absl::OkStatus();
}

absl::Status Ls(Fs& fs, std::string_view only_file, int max_depth, std::ostream& out,
                const Filter* filter, bool human_readable) {
  return ListObjects(fs, only_file, max_depth, out, filter, human_readable, false);
}

absl::Status Lsl(Fs& fs, std::string_view only_file, int max_depth, std::ostream& out,
                 const Filter* filter, bool human_readable) {
  return ListObjects(fs, only_file, max_depth, out, filter, human_readable, true);
}

absl::Status Lsd(Fs& fs, int max_depth, std::ostream& out, const Filter* filter) {
  absl::StatusOr<DirEntries> entries = ListEntries(fs, "", max_depth, filter);
  if (!entries.ok()) return entries.status();
  for (const DirEntry& e : *entries) {
    if (!e.is_dir()) continue;
    out << absl::StrFormat("%12d %s %9d %s\n", e.size(), ListingTimeShort(e.mod_time()),
                           e.directory().items, e.remote());
  }
  return absl::OkStatus();
}

absl::Status Lsf(Fs& fs, std::string_view only_file, const LsfOptions& options,
                 std::ostream& out, const Filter* filter) {
  // rclone checks the letters before listing.
  for (char letter : options.format) {
    if (std::string_view("pstihmoeTM").find(letter) == std::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown format character '", std::string(1, letter), "'"));
    }
    if (letter == 'e') {
      // Encrypted names come from a crypt remote's config, which fclone's lsf does not read
      // (host/README.md, differences); rclone's answer on any other remote.
      return absl::InvalidArgumentError(
          "ListJSON failed to load config for crypt remote: didn't find section in config file");
    }
  }
  absl::StatusOr<DirEntries> entries = ListEntries(fs, only_file, options.max_depth, filter);
  if (!entries.ok()) return entries.status();
  std::string separator = options.csv ? "," : options.separator;
  for (const DirEntry& e : *entries) {
    if (options.files_only && !e.is_object()) continue;
    if (options.dirs_only && !e.is_dir()) continue;
    std::vector<std::string> fields;
    for (char letter : options.format) {
      switch (letter) {
        case 'p': {
          std::string path = e.remote();
          if (e.is_dir() && options.dir_slash) path += "/";
          if (options.absolute) path = "/" + path;
          fields.push_back(path);
          break;
        }
        case 's':
          fields.push_back(absl::StrCat(e.size()));
          break;
        case 't':
          fields.push_back(ListingTimeShort(e.mod_time()));
          break;
        case 'h':
          fields.push_back(HashOrEmpty(e, options.hash));
          break;
        case 'i':
          fields.push_back(IdOf(e));
          break;
        case 'm':
          fields.push_back(e.is_dir() ? "inode/directory" : MimeTypeOf(*e.object()));
          break;
        case 'M':
          fields.push_back("{}");  // no backend here reports metadata
          break;
        default:
          fields.emplace_back();  // o (original ID) and T (tier): nothing to say, still a field
          break;
      }
    }
    std::string line;
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) line += separator;
      line += options.csv ? CsvField(fields[i]) : fields[i];
    }
    out << line << "\n";
  }
  return absl::OkStatus();
}

namespace {

// One lsjson item, keys in rclone's order. `indent` selects the --stat layout.
std::string JsonItem(Fs& fs, const DirEntry& e, const LsJsonOptions& options, bool indent) {
  std::vector<std::pair<std::string, std::string>> fields;
  std::string remote = e.remote();
  fields.emplace_back("Path", JsonQuote(remote));
  fields.emplace_back("Name", JsonQuote(Leaf(remote)));
  fields.emplace_back("Size", absl::StrCat(e.size()));
  if (!options.no_mimetype) {
    fields.emplace_back("MimeType",
                        JsonQuote(e.is_dir() ? "inode/directory" : MimeTypeOf(*e.object())));
  }
  fields.emplace_back("ModTime",
                      options.no_modtime
                          ? std::string("\"\"")
                          : JsonQuote(Rfc3339(e.mod_time(),
                                              PrecisionDigits(fs.features().precision))));
  fields.emplace_back("IsDir", e.is_dir() ? "true" : "false");
  if (options.show_hash && e.is_object()) {
    std::vector<hash::HashType> types = options.hash_types;
    if (types.empty()) types = fs.features().hashes.Types();
    std::string hashes = indent ? "{\n" : "{";
    bool first = true;
    for (hash::HashType t : types) {
      absl::StatusOr<std::string> h = e.object()->Hash(t);
      if (!h.ok() || h->empty()) continue;
      if (!first) hashes += indent ? ",\n" : ",";
      first = false;
      if (indent) hashes += "\t\t";
      absl::StrAppend(&hashes, JsonQuote(std::string(hash::HashTypeName(t))), indent ? ": " : ":",
                      JsonQuote(*h));
    }
    hashes += indent ? "\n\t}" : "}";
    if (first) hashes = "{}";
    fields.emplace_back("Hashes", hashes);
  }
  std::string id = IdOf(e);
  if (!id.empty()) fields.emplace_back("ID", JsonQuote(id));
  std::string out = indent ? "{\n" : "{";
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += indent ? ",\n" : ",";
    if (indent) out += "\t";
    absl::StrAppend(&out, "\"", fields[i].first, "\"", indent ? ": " : ":", fields[i].second);
  }
  out += indent ? "\n}" : "}";
  return out;
}

}  // namespace

absl::Status LsJson(Fs& fs, std::string_view only_file, const LsJsonOptions& options,
                    std::ostream& out, const Filter* filter) {
  if (options.stat) {
    if (!only_file.empty()) {
      absl::StatusOr<ObjectPtr> object = fs.NewObject(only_file);
      if (!object.ok()) return object.status();
      out << JsonItem(fs, DirEntry(*object), options, true) << "\n";
      return absl::OkStatus();
    }
    // The root itself: it must exist.
    absl::StatusOr<DirEntries> probe = fs.List("");
    if (!probe.ok()) return probe.status();
    out << JsonItem(fs, DirEntry(Directory{"", absl::Now(), -1, ""}), options, true) << "\n";
    return absl::OkStatus();
  }
  absl::StatusOr<DirEntries> entries = ListEntries(fs, only_file, options.max_depth, filter);
  if (!entries.ok()) return entries.status();
  out << "[\n";
  bool first = true;
  for (const DirEntry& e : *entries) {
    if (options.files_only && !e.is_object()) continue;
    if (options.dirs_only && !e.is_dir()) continue;
    if (!first) out << ",\n";
    first = false;
    out << JsonItem(fs, e, options, false);
  }
  if (!first) out << "\n";
  out << "]\n";
  return absl::OkStatus();
}

absl::StatusOr<SizeResult> Size(Fs& fs, std::string_view only_file, const Filter* filter,
                                int max_depth) {
  absl::StatusOr<DirEntries> entries = ListEntries(fs, only_file, max_depth, filter);
  if (!entries.ok()) return entries.status();
  SizeResult result;
  for (const DirEntry& e : *entries) {
    if (!e.is_object()) continue;
    ++result.count;
    if (e.size() < 0) {
      ++result.sizeless;
    } else {
      result.bytes += e.size();
    }
  }
  return result;
}

std::string FormatSize(const SizeResult& r, bool json) {
  if (json) {
    return absl::StrFormat("{\"count\":%d,\"bytes\":%d,\"sizeless\":%d}\n", r.count, r.bytes,
                           r.sizeless);
  }
  std::string out = absl::StrFormat("Total objects: %s (%d)\nTotal size: %s (%d Byte)\n",
                                    CountSuffix(r.count), r.count, ByteUnit(r.bytes), r.bytes);
  if (r.sizeless > 0) {
    absl::StrAppendFormat(&out, "Total objects with unknown size: %s (%d)\n",
                          CountSuffix(r.sizeless), r.sizeless);
  }
  return out;
}

}  // namespace vfs::operations
