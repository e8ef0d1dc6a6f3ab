#include "backend/fichier/upload_journal.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "base/atomic_file.h"
#include "base/string_views.h"
#include "hash/whirlpool.h"

namespace backend::fichier {
namespace {

constexpr char kMagic[] = "fclone-upload-journal";
constexpr char kVersion[] = "1";
// F records older than this are dropped on open: every listing shows a file long before
// (the service's lag is unknown, spec 18.15; seconds are what users report).
constexpr absl::Duration kFileRecordLifetime = absl::Hours(24);
// Rewrite the file when this many records are dead (or any line is damaged).
constexpr int kDeadRecordsBeforeRewrite = 256;

std::string ErrnoText(const std::string& what, const std::string& path) {
  return absl::StrCat(what, " ", path, ": ", std::strerror(errno));
}

// Tabs, newlines and '%' would break the line format; control bytes are escaped too so the
// file stays readable.
std::string Escape(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '%' || c < 0x20 || c == 0x7f) {
      absl::StrAppendFormat(&out, "%%%02X", c);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::optional<std::string> Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out.push_back(s[i]);
      continue;
    }
    int value = 0;
    if (i + 2 >= s.size()) return std::nullopt;
    if (!absl::SimpleHexAtoi(std::string(s.substr(i + 1, 2)), &value)) return std::nullopt;
    out.push_back(static_cast<char>(value));
    i += 2;
  }
  return out;
}

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string Line(const std::vector<std::string>& fields) {
  std::vector<std::string> escaped;
  escaped.reserve(fields.size());
  for (const std::string& f : fields) escaped.push_back(Escape(f));
  std::string body = absl::StrJoin(escaped, "\t");
  return absl::StrCat(body, "\t#", absl::Hex(Fnv1a(body), absl::kZeroPad16), "\n");
}

// The fields of a line, or nullopt when it is damaged (cut short, bad checksum, bad escape).
std::optional<std::vector<std::string>> Fields(std::string_view line) {
  const size_t hash_at = line.rfind("\t#");
  if (hash_at == std::string_view::npos) return std::nullopt;
  std::string_view body = line.substr(0, hash_at);
  uint64_t sum = 0;
  if (!absl::SimpleHexAtoi(std::string(line.substr(hash_at + 2)), &sum) || sum != Fnv1a(body)) {
    return std::nullopt;
  }
  std::vector<std::string> fields;
  for (absl::string_view raw : absl::StrSplit(base::ToAbsl(body), '\t')) {
    std::optional<std::string> f = Unescape(base::ToStd(raw));
    if (!f) return std::nullopt;
    fields.push_back(std::move(*f));
  }
  return fields;
}

std::string Int(int64_t v) { return std::to_string(v); }
std::string Millis(absl::Time t) { return std::to_string(absl::ToUnixMillis(t)); }

bool ParseInt(const std::string& s, int64_t* v) { return absl::SimpleAtoi(s, v); }

std::vector<std::string> SessionFields(const JournalSession& s) {
  std::vector<std::string> f = {"S", s.xid, s.node, Int(s.folder_id), Millis(s.started),
                                Int(s.owner.pid), std::to_string(s.owner.start_ticks)};
  for (const JournalMember& m : s.members) {
    f.push_back(m.wire_name);
    f.push_back(Int(m.size));
  }
  return f;
}

std::vector<std::string> FileFields(const JournalFile& f) {
  return {"F", f.xid, Int(f.folder_id), f.url, f.wire_name, Int(f.size), f.whirlpool,
          Millis(f.stored)};
}

std::optional<JournalSession> ParseSession(const std::vector<std::string>& f) {
  if (f.size() < 7 || (f.size() - 7) % 2 != 0) return std::nullopt;
  JournalSession s;
  int64_t millis = 0, pid = 0;
  uint64_t ticks = 0;
  s.xid = f[1];
  s.node = f[2];
  if (!ParseInt(f[3], &s.folder_id) || !ParseInt(f[4], &millis) || !ParseInt(f[5], &pid) ||
      !absl::SimpleAtoi(f[6], &ticks)) {
    return std::nullopt;
  }
  s.started = absl::FromUnixMillis(millis);
  s.owner = JournalOwner{pid, ticks};
  for (size_t i = 7; i < f.size(); i += 2) {
    JournalMember m;
    m.wire_name = f[i];
    if (!ParseInt(f[i + 1], &m.size)) return std::nullopt;
    s.members.push_back(std::move(m));
  }
  return s;
}

std::optional<JournalFile> ParseFile(const std::vector<std::string>& f) {
  if (f.size() != 8) return std::nullopt;
  JournalFile file;
  int64_t millis = 0;
  file.xid = f[1];
  file.url = f[3];
  file.wire_name = f[4];
  file.whirlpool = f[6];
  if (!ParseInt(f[2], &file.folder_id) || !ParseInt(f[5], &file.size) ||
      !ParseInt(f[7], &millis)) {
    return std::nullopt;
  }
  file.stored = absl::FromUnixMillis(millis);
  return file;
}

// An exclusive flock on the lock file for the life of the object: appends and rewrites of
// several processes never interleave.
class FileLock {
 public:
  explicit FileLock(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) {
      error_ = ErrnoText("cannot open", path);
      return;
    }
    while (::flock(fd_, LOCK_EX) != 0) {
      if (errno != EINTR) {
        error_ = ErrnoText("cannot lock", path);
        return;
      }
    }
  }
  ~FileLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }
  const std::string& error() const { return error_; }

 private:
  int fd_ = -1;
  std::string error_;
};

absl::Status WriteAll(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return absl::InternalError(ErrnoText("cannot write", path));
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return absl::OkStatus();
}

}  // namespace

std::string UploadJournal::AccountTag(const std::string& api_url, const std::string& api_key) {
  return hash::WhirlpoolHex(absl::StrCat("fclone upload journal\n", api_url, "\n", api_key))
      .substr(0, 32);
}

std::optional<JournalOwner> UploadJournal::OwnerOf(int64_t pid) {
  if (pid <= 0) return std::nullopt;
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  if (!in) return std::nullopt;
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t paren = stat.rfind(')');  // the name may hold spaces and parentheses
  if (paren == std::string::npos) return std::nullopt;
  std::istringstream rest(stat.substr(paren + 1));
  std::string field;
  JournalOwner owner{pid, 0};
  // Field 3 (state) comes first after the name; the start time is field 22.
  for (int i = 3; i <= 22 && rest >> field; ++i) {
    if (i == 3 && field == "Z") return std::nullopt;  // a zombie runs nothing
    if (i == 22 && !absl::SimpleAtoi(field, &owner.start_ticks)) return std::nullopt;
  }
  return owner;
}

JournalOwner UploadJournal::Self() {
  static const JournalOwner self = OwnerOf(::getpid()).value_or(JournalOwner{::getpid(), 0});
  return self;
}

bool UploadJournal::Alive(const JournalOwner& owner) { return OwnerOf(owner.pid) == owner; }

std::unique_ptr<UploadJournal> UploadJournal::Open(const std::string& dir, const std::string& tag,
                                                   absl::Time now) {
  std::unique_ptr<UploadJournal> j(new UploadJournal());
  j->tag_ = tag;
  if (dir.empty()) {
    j->warning_ = "no cache directory (set --cache-dir, XDG_CACHE_HOME or HOME)";
    return j;
  }
  j->dir_ = dir;
  j->path_ = absl::StrCat(dir, "/", tag, ".journal");
  j->lock_path_ = absl::StrCat(dir, "/", tag, ".lock");
  std::error_code ec;
  if (!std::filesystem::exists(j->path_, ec)) {
    // Nothing recorded yet: the folder and file are made by the first record, so commands
    // that only read leave no trace.
    j->enabled_ = true;
    return j;
  }
  FileLock lock(j->lock_path_);
  if (!lock.error().empty()) {
    j->warning_ = lock.error();
    return j;
  }
  std::string text;
  {
    std::ifstream in(j->path_, std::ios::binary);
    if (in) text.assign((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && std::filesystem::exists(j->path_, ec)) {
      j->warning_ = absl::StrCat("cannot read ", j->path_);
      return j;
    }
  }
  j->enabled_ = true;
  int damaged = 0, dead = 0;
  const size_t first_newline = text.find('\n');
  std::optional<std::vector<std::string>> header =
      text.empty() ? std::nullopt : Fields(text.substr(0, first_newline));
  const bool ours = header && header->size() == 3 && (*header)[0] == kMagic &&
                    (*header)[1] == kVersion && (*header)[2] == tag;
  if (!text.empty() && !ours) {
    // Not a journal of ours (another version, another account, or garbage): keep it aside
    // for a human and start afresh rather than guess what it says.
    const std::string aside = absl::StrCat(j->path_, ".unreadable-", absl::ToUnixSeconds(now));
    std::filesystem::rename(j->path_, aside, ec);
    j->warning_ = absl::StrCat("the upload journal ", j->path_,
                               " is not one this version can read; moved it to ", aside);
    text.clear();
  } else if (ours) {
    j->Load(text.substr(first_newline == std::string::npos ? text.size() : first_newline + 1),
            &damaged, &dead);
  }
  {
    absl::MutexLock l(&j->mu_);
    std::vector<JournalFile>& files = j->state_.files;
    const size_t before = files.size();
    std::erase_if(files, [&](const JournalFile& f) { return now - f.stored > kFileRecordLifetime; });
    dead += static_cast<int>(before - files.size());
  }
  if (damaged > 0 && j->warning_.empty()) {
    j->warning_ = absl::StrCat("skipped ", damaged, " damaged line(s) of the upload journal ",
                               j->path_, " (cut short by a kill?)");
  }
  if (text.empty() || damaged > 0 || dead >= kDeadRecordsBeforeRewrite) {
    if (absl::Status st = j->Rewrite(); !st.ok()) {
      j->enabled_ = false;
      j->warning_ = std::string(st.message());
    }
  }
  return j;
}

void UploadJournal::Load(const std::string& text, int* damaged, int* dead) {
  absl::MutexLock l(&mu_);
  for (absl::string_view raw : absl::StrSplit(text, '\n')) {
    if (raw.empty()) continue;
    std::optional<std::vector<std::string>> f = Fields(base::ToStd(raw));
    if (!f || f->empty()) {
      ++*damaged;
      continue;
    }
    const size_t sessions = state_.sessions.size(), files = state_.files.size();
    Apply(*f);
    if ((*f)[0] == "D" || (*f)[0] == "G") {
      *dead += 1 + static_cast<int>(sessions - state_.sessions.size()) +
               static_cast<int>(files - state_.files.size());
    }
  }
}

void UploadJournal::Apply(const std::vector<std::string>& f) {
  const std::string& kind = f[0];
  if (kind == "S") {
    if (std::optional<JournalSession> s = ParseSession(f)) {
      std::erase_if(state_.sessions, [&](const JournalSession& o) { return o.xid == s->xid; });
      state_.sessions.push_back(std::move(*s));
    }
  } else if (kind == "D" && f.size() == 2) {
    std::erase_if(state_.sessions, [&](const JournalSession& o) { return o.xid == f[1]; });
  } else if (kind == "F") {
    if (std::optional<JournalFile> file = ParseFile(f)) {
      std::erase_if(state_.files, [&](const JournalFile& o) { return o.url == file->url; });
      state_.files.push_back(std::move(*file));
    }
  } else if (kind == "G" && f.size() == 2) {
    std::erase_if(state_.files, [&](const JournalFile& o) { return o.url == f[1]; });
  }
}

std::vector<JournalSession> UploadJournal::Sessions() const {
  absl::MutexLock l(&mu_);
  return state_.sessions;
}

std::vector<JournalFile> UploadJournal::Files() const {
  absl::MutexLock l(&mu_);
  return state_.files;
}

std::vector<JournalFile> UploadJournal::FilesIn(int64_t folder_id) const {
  absl::MutexLock l(&mu_);
  std::vector<JournalFile> out;
  for (const JournalFile& f : state_.files) {
    if (f.folder_id == folder_id) out.push_back(f);
  }
  return out;
}

absl::Status UploadJournal::Begin(const JournalSession& session) {
  {
    absl::MutexLock l(&mu_);
    Apply(SessionFields(session));
  }
  return Append({Line(SessionFields(session))});
}

absl::Status UploadJournal::Settle(const std::string& xid, const std::vector<JournalFile>& stored) {
  std::vector<std::string> lines;
  {
    absl::MutexLock l(&mu_);
    // Files first: a kill between the two lines then leaves the session open (settled again
    // next time, same answer) rather than settled with its files lost.
    for (const JournalFile& f : stored) {
      Apply(FileFields(f));
      lines.push_back(Line(FileFields(f)));
    }
    Apply({"D", xid});
    lines.push_back(Line({"D", xid}));
  }
  return Append(lines);
}

absl::Status UploadJournal::Forget(const std::vector<std::string>& urls) {
  if (urls.empty()) return absl::OkStatus();
  std::vector<std::string> lines;
  {
    absl::MutexLock l(&mu_);
    for (const std::string& url : urls) {
      Apply({"G", url});
      lines.push_back(Line({"G", url}));
    }
  }
  return Append(lines);
}

absl::Status UploadJournal::Append(const std::vector<std::string>& lines) {
  if (!enabled_) return absl::FailedPreconditionError(warning_);
  std::error_code ec;
  if (std::filesystem::create_directories(dir_, ec)) ::chmod(dir_.c_str(), 0700);
  if (ec) return absl::InternalError(absl::StrCat("cannot create ", dir_, ": ", ec.message()));
  FileLock lock(lock_path_);
  if (!lock.error().empty()) return absl::InternalError(lock.error());
  const int fd = ::open(path_.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return absl::InternalError(ErrnoText("cannot open", path_));
  std::string data;
  // A line cut short by a kill must not swallow the next record.
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size == 0) data = Line({kMagic, kVersion, tag_});
  if (st.st_size > 0) {
    char last = '\n';
    if (::pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n') data.push_back('\n');
  }
  for (const std::string& l : lines) data += l;
  absl::Status status = WriteAll(fd, data, path_);
  if (status.ok() && ::fdatasync(fd) != 0) {
    status = absl::InternalError(ErrnoText("cannot sync", path_));
  }
  ::close(fd);
  return status;
}

absl::Status UploadJournal::Rewrite() {
  std::string data = Line({kMagic, kVersion, tag_});
  {
    absl::MutexLock l(&mu_);
    for (const JournalSession& s : state_.sessions) data += Line(SessionFields(s));
    for (const JournalFile& f : state_.files) data += Line(FileFields(f));
  }
  if (absl::Status st = base::WriteFileAtomically(path_, data, 0600); !st.ok()) {
    return absl::InternalError(absl::StrCat("cannot rewrite ", path_, ": ", st.message()));
  }
  return absl::OkStatus();
}

}  // namespace backend::fichier
