#include "backend/fichier/answer_checks.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "base/string_views.h"
#include "vfs/config/control_chars.h"

namespace backend::fichier {
namespace {

using base::ToAbsl;

absl::Status Bad(std::string_view what, std::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat(ToAbsl(vfs::EscapeControlChars(what)), " ", ToAbsl(why)));
}

std::string Quoted(std::string_view text) {
  return absl::StrCat("\"", ToAbsl(vfs::EscapeControlChars(text)), "\"");
}

absl::Status CheckWhirlpool(std::string_view what, std::string_view checksum) {
  if (checksum.empty()) return absl::OkStatus();  // not computed yet: nothing to verify against
  bool hex = checksum.size() == 128;
  for (char c : checksum) hex = hex && absl::ascii_isxdigit(static_cast<unsigned char>(c));
  if (!hex) return Bad(what, "has a checksum that is not a Whirlpool (128 hex digits)");
  return absl::OkStatus();
}

absl::Status CheckFile(std::string_view what, std::string_view url, std::string_view name,
                       int64_t size, std::string_view checksum) {
  if (url.empty()) return Bad(what, absl::StrCat("(", Quoted(name), ") has no URL"));
  std::string named = absl::StrCat(ToAbsl(what), " ", Quoted(name));
  if (absl::Status s = CheckSize(named, size); !s.ok()) return s;
  return CheckWhirlpool(named, checksum);
}

// Each listed file ("file N").
absl::Status CheckItems(const std::vector<FileItem>& items) {
  for (size_t i = 0; i < items.size(); ++i) {
    const FileItem& f = items[i];
    absl::Status s = CheckFile(absl::StrCat("file ", i + 1), f.url, f.filename, f.size, f.checksum);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckListedName(std::string_view raw, std::string_view decoded) {
  for (std::string_view name : {raw, decoded}) {
    if (name.empty() || name == "." || name == ".." ||
        name.find('/') != std::string_view::npos || name.find('\0') != std::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat(
          "name ", Quoted(raw), decoded == raw ? std::string() : absl::StrCat(" (decoded ", Quoted(decoded), ")"),
          " is empty, \".\", \"..\" or holds '/' or NUL: left out of the listing"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckSize(std::string_view what, int64_t size) {
  if (size < 0) return Bad(what, absl::StrCat("has a negative size (", size, ")"));
  if (size > kLargestPlausibleSize) {
    return Bad(what, absl::StrCat("has an impossible size (", size, " bytes)"));
  }
  return absl::OkStatus();
}

absl::Status CheckAnswer(const FolderList& answer) {
  for (size_t i = 0; i < answer.sub_folders.size(); ++i) {
    const SubFolder& f = answer.sub_folders[i];
    if (f.id <= 0) {
      return Bad(absl::StrCat("sub-folder ", i + 1, " (", Quoted(f.name), ")"),
                 absl::StrCat("has no valid id (", f.id, ")"));
    }
  }
  return CheckItems(answer.items);
}

absl::Status CheckAnswer(const FileList& answer) { return CheckItems(answer.items); }

absl::Status CheckAnswer(const FileInfo& answer) {
  return CheckFile("the file", answer.url, answer.filename, answer.size, answer.checksum);
}

absl::Status CheckAnswer(const UploadReport& answer) {
  for (size_t i = 0; i < answer.links.size(); ++i) {
    const UploadedLink& l = answer.links[i];
    absl::Status s = CheckFile(absl::StrCat("uploaded file ", i + 1), l.download, l.filename,
                               l.size, l.whirlpool);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status CheckAnswer(const std::vector<SharedFile>& answer) {
  for (size_t i = 0; i < answer.size(); ++i) {
    const SharedFile& f = answer[i];
    absl::Status s = CheckFile(absl::StrCat("shared file ", i + 1), f.link, f.filename, f.size, "");
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace backend::fichier
