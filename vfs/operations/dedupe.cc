#include "vfs/operations/dedupe.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "vfs/operations/format.h"
#include "vfs/operations/list.h"
#include "vfs/operations/max_depth.h"
#include "vfs/operations/transfer.h"
#include "vfs/path.h"
#include "vfs/walk.h"

namespace vfs::operations {
namespace {

constexpr std::pair<DedupeMode, std::string_view> kModes[] = {
    {DedupeMode::kInteractive, "interactive"}, {DedupeMode::kSkip, "skip"},
    {DedupeMode::kFirst, "first"},             {DedupeMode::kNewest, "newest"},
    {DedupeMode::kOldest, "oldest"},           {DedupeMode::kLargest, "largest"},
    {DedupeMode::kSmallest, "smallest"},       {DedupeMode::kRename, "rename"},
    {DedupeMode::kList, "list"},
};

std::string HashOf(const Object& o, hash::HashType ht) {
  if (ht == hash::HashType::kNone) return "";
  absl::StatusOr<std::string> h = o.Hash(ht);
  return h.ok() ? *h : "";
}

class Deduper {
 public:
  Deduper(const Context& ctx, Fs& fs, const DedupeOptions& options)
      : ctx_(ctx), fs_(fs), options_(options), ht_(fs.features().hashes.GetOne()) {}

  absl::Status Run() {
    Stats& stats = ctx_.st();
    int64_t before = stats.errors();
    if (options_.by_hash) {
      LogInfo(fs_.ToString(), absl::StrCat("Looking for duplicate ", std::string(hash::HashTypeName(ht_)),
                                           " hashes using ", std::string(DedupeModeName(options_.mode)),
                                           " mode."));
    } else {
      LogInfo(fs_.ToString(), absl::StrCat("Looking for duplicate names using ",
                                           std::string(DedupeModeName(options_.mode)), " mode."));
      if (!fs_.features().duplicate_files) {
        LogNotice(fs_.ToString(), "Can't have duplicate names here. Perhaps you wanted "
                                  "--by-hash ? Continuing anyway.");
      }
    }
    absl::StatusOr<DirEntries> entries =
        ListEntries(fs_, "", WalkDepth(ctx_.options.max_depth), ctx_.filter.get());
    if (!entries.ok()) {
      stats.Error(entries.status());
      return entries.status();
    }
    // Duplicate directories.
    if (!options_.by_hash) {
      std::map<std::string, int> dir_count;
      for (const DirEntry& e : *entries) {
        if (e.is_dir()) ++dir_count[e.remote()];
      }
      for (const auto& [dir, n] : dir_count) {
        if (n < 2) continue;
        if (options_.mode == DedupeMode::kList) {
          LogNotice(dir, absl::StrCat(n, " duplicates of this directory"));
        } else {
          absl::Status st = NotImplemented("can't merge directories");
          stats.Error(st);
          LogError(dir, "can't merge directories");
        }
      }
    }
    // Groups of objects, in listing order.
    std::vector<std::string> keys;
    std::map<std::string, std::vector<ObjectPtr>> groups;
    for (const DirEntry& e : *entries) {
      if (!e.is_object()) continue;
      std::string key = options_.by_hash ? HashOf(*e.object(), ht_) : e.remote();
      if (key.empty()) continue;
      auto [it, inserted] = groups.try_emplace(key);
      if (inserted) keys.push_back(key);
      it->second.push_back(e.object());
    }
    for (const std::string& key : keys) {
      std::vector<ObjectPtr>& group = groups[key];
      if (group.size() < 2) continue;
      if (!ResolveGroup(key, group)) break;  // quit
    }
    return stats.ErrorSince(before);
  }

 private:
  // Returns false when the user asked to quit.
  bool ResolveGroup(const std::string& key, std::vector<ObjectPtr> group) {
    if (options_.by_hash) {
      LogNotice(key, absl::StrCat("Found ", group.size(), " files with duplicate ",
                                  std::string(hash::HashTypeName(ht_)), " hashes"));
    } else {
      LogNotice(key, absl::StrCat("Found ", group.size(), " files with duplicate names"));
    }
    if (!options_.by_hash && options_.mode != DedupeMode::kList) {
      if (!KeepDistinguishable(key, group)) return true;
      DeleteIdentical(key, group);
      if (group.size() <= 1) {
        LogNotice(key, "All duplicates removed");
        return true;
      }
    }
    switch (options_.mode) {
      case DedupeMode::kList:
        Print(key, group);
        return true;
      case DedupeMode::kSkip:
        LogNotice(key, absl::StrCat("Skipping ", group.size(), " files with duplicate names"));
        return true;
      case DedupeMode::kFirst:
        KeepOnly(key, group, 0);
        return true;
      case DedupeMode::kNewest:
      case DedupeMode::kOldest:
      case DedupeMode::kLargest:
      case DedupeMode::kSmallest:
        KeepOnly(key, group, Pick(group));
        return true;
      case DedupeMode::kRename:
        RenameAll(group);
        return true;
      case DedupeMode::kInteractive:
        return Interactive(key, group);
    }
    return true;
  }

  // Objects that share an ID (or have none) cannot be deleted one at a time without risking
  // the copy we mean to keep: those are left alone.
  bool KeepDistinguishable(const std::string& key, std::vector<ObjectPtr>& group) {
    std::map<std::string, int> ids;
    for (const ObjectPtr& o : group) ++ids[o->id()];
    if (ids.count("")) {
      LogNotice(key, "Can't tell these duplicates apart (the backend gives no object IDs) - "
                     "leaving them alone");
      return false;
    }
    std::vector<ObjectPtr> kept;
    for (const ObjectPtr& o : group) {
      int n = ids[o->id()];
      if (n > 1) {
        LogNotice(o->remote(), absl::StrCat("Ignoring as it appears ", n,
                                            " times in the listing and deleting would lead to "
                                            "data loss"));
        continue;
      }
      kept.push_back(o);
    }
    group.swap(kept);
    return group.size() > 1;
  }

  void DeleteIdentical(const std::string& key, std::vector<ObjectPtr>& group) {
    std::vector<std::string> order;
    std::map<std::string, std::vector<ObjectPtr>> by_content;
    for (const ObjectPtr& o : group) {
      std::string content = ctx_.options.size_only ? absl::StrCat(o->size()) : HashOf(*o, ht_);
      if (content.empty()) content = "\x01unknown:" + o->id();  // unknown hash: never identical
      auto [it, inserted] = by_content.try_emplace(content);
      if (inserted) order.push_back(content);
      it->second.push_back(o);
    }
    std::vector<ObjectPtr> kept;
    for (const std::string& content : order) {
      std::vector<ObjectPtr>& same = by_content[content];
      kept.push_back(same[0]);
      if (same.size() < 2) continue;
      std::string what = ctx_.options.size_only
                             ? absl::StrCat("size ", content)
                             : absl::StrCat(std::string(hash::HashTypeName(ht_)), " ", content);
      LogNotice(key, absl::StrCat("Deleting ", same.size() - 1, "/", same.size(),
                                  " identical duplicates (", what, ")"));
      for (size_t i = 1; i < same.size(); ++i) (void)DeleteObject(ctx_, *same[i]);
    }
    group.swap(kept);
  }

  size_t Pick(const std::vector<ObjectPtr>& group) {
    size_t best = 0;
    for (size_t i = 1; i < group.size(); ++i) {
      const Object& a = *group[i];
      const Object& b = *group[best];
      bool better = false;
      switch (options_.mode) {
        case DedupeMode::kNewest: better = a.mod_time() > b.mod_time(); break;
        case DedupeMode::kOldest: better = a.mod_time() < b.mod_time(); break;
        case DedupeMode::kLargest: better = a.size() > b.size(); break;
        case DedupeMode::kSmallest: better = a.size() < b.size(); break;
        default: break;
      }
      if (better) best = i;
    }
    return best;
  }

  void KeepOnly(const std::string& key, const std::vector<ObjectPtr>& group, size_t keep) {
    int deleted = 0;
    for (size_t i = 0; i < group.size(); ++i) {
      if (i == keep) continue;
      if (DeleteObject(ctx_, *group[i]).ok()) ++deleted;
    }
    LogNotice(key, absl::StrCat("Deleted ", deleted, " extra copies"));
  }

  void RenameAll(const std::vector<ObjectPtr>& group) {
    std::set<std::string> taken;
    for (const ObjectPtr& o : group) {
      std::string remote = o->remote();
      std::string_view leaf = Leaf(remote);
      size_t dot = leaf.rfind('.');
      size_t cut = dot == std::string_view::npos || dot == 0
                       ? remote.size()
                       : remote.size() - (leaf.size() - dot);
      std::string base = remote.substr(0, cut), ext = remote.substr(cut);
      std::string new_name;
      for (size_t i = taken.size() + 1, tries = 0; tries < 100; ++i, ++tries) {
        std::string candidate = absl::StrCat(base, "-", i, ext);
        if (taken.count(candidate)) continue;
        if (fs_.NewObject(candidate).ok()) continue;
        new_name = candidate;
        break;
      }
      if (new_name.empty()) {
        absl::Status st = BadInput(remote, "Could not find an available new name");
        ctx_.st().Error(st);
        LogError(remote, "Could not find an available new name");
        continue;
      }
      taken.insert(new_name);
      if (ctx_.options.dry_run) {
        LogNotice(remote, "Skipped rename as --dry-run is set");
        continue;
      }
      absl::StatusOr<ObjectPtr> moved = fs_.Move(*o, new_name);
      if (!moved.ok()) {
        ctx_.st().Error(moved.status());
        LogError(remote, absl::StrCat("Failed to rename: ", moved.status().message()));
        continue;
      }
      ctx_.st().AddRename();
      LogInfo(new_name, absl::StrCat("renamed from: ", remote));
    }
  }

  void Print(const std::string& key, const std::vector<ObjectPtr>& group) {
    if (options_.out == nullptr) return;
    std::ostream& out = *options_.out;
    out << key << ": " << group.size() << " duplicates\n";
    for (size_t i = 0; i < group.size(); ++i) {
      const Object& o = *group[i];
      if (options_.by_hash) {
        out << absl::StrFormat("  %d: %12d bytes, %s, %s\n", i + 1, o.size(),
                               ListingTime(o.mod_time()), o.remote());
      } else {
        out << absl::StrFormat("  %d: %12d bytes, %s, %s %32s\n", i + 1, o.size(),
                               ListingTime(o.mod_time()), std::string(std::string(hash::HashTypeName(ht_))),
                               HashOf(o, ht_));
      }
    }
    out.flush();
  }

  bool Interactive(const std::string& key, const std::vector<ObjectPtr>& group) {
    Print(key, group);
    std::string prompt = "s) Skip and do nothing\nk) Keep just one (choose which in next step)\n";
    if (!options_.by_hash) {
      prompt += "r) Rename all to be different (by changing file.jpg to file-1.jpg)\n";
    }
    prompt += options_.by_hash ? "q) Quit\ns/k/q> " : "q) Quit\ns/k/r/q> ";
    for (;;) {
      std::string answer = options_.ask ? options_.ask(prompt) : "q";
      if (answer == "s") {
        LogNotice(key, absl::StrCat("Skipping ", group.size(), " files with duplicate names"));
        return true;
      }
      if (answer == "q") return false;
      if (answer == "r" && !options_.by_hash) {
        RenameAll(group);
        return true;
      }
      if (answer == "k") {
        for (;;) {
          std::string n = options_.ask(
              absl::StrCat("Enter the number of the file to keep> "));
          int choice = 0;
          if (absl::SimpleAtoi(n, &choice) && choice >= 1 &&
              choice <= static_cast<int>(group.size())) {
            KeepOnly(key, group, choice - 1);
            return true;
          }
          if (n == "q") return false;
        }
      }
    }
  }

  const Context& ctx_;
  Fs& fs_;
  const DedupeOptions& options_;
  hash::HashType ht_;
};

}  // namespace

absl::StatusOr<DedupeMode> ParseDedupeMode(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [mode, mode_name] : kModes) {
    if (lower == mode_name) return mode;
  }
  return BadInput("dedupe", absl::StrCat("unknown mode \"", std::string(name),
                                         "\": use one of interactive, skip, first, newest, "
                                         "oldest, largest, smallest, rename, list"));
}

std::string_view DedupeModeName(DedupeMode mode) {
  for (const auto& [m, name] : kModes) {
    if (m == mode) return name;
  }
  return "unknown";
}

absl::Status Dedupe(const Context& ctx, Fs& fs, const DedupeOptions& options) {
  Deduper deduper(ctx, fs, options);
  return deduper.Run();
}

}  // namespace vfs::operations
