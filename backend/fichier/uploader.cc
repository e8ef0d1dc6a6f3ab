#include "backend/fichier/uploader.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "backend/rest/byte_source.h"
#include "vfs/errors.h"
#include "vfs/hashing_source.h"
#include "vfs/read_ahead_source.h"
#include "vfs/log.h"

namespace backend::fichier {
namespace {

// vfs::Source as the HTTP client's ByteSource.
class ToByteSource : public rest::ByteSource {
 public:
  explicit ToByteSource(vfs::Source& inner) : inner_(inner) {}
  absl::StatusOr<size_t> Read(std::span<uint8_t> out) override { return inner_.Read(out); }

 private:
  vfs::Source& inner_;
};

std::string Msg(const absl::Status& s) { return std::string(s.message()); }

}  // namespace

absl::StatusOr<UploadedFile> Uploader::Upload(int64_t folder_id, const std::string& wire_name,
                                              vfs::Source& in, int64_t size,
                                              const std::string& path) {
  Pending me{wire_name, &in, size, path};
  auto run = [this](int64_t folder, const std::vector<Pending*>& members) { Run(folder, members); };
  if (size > options_.small_file_limit) {
    run(folder_id, {&me});
  } else {
    batcher_.Join(folder_id, &me, size, run);
  }
  return std::move(me.result);
}

namespace {

// The client stops pulling after `size` bytes: one more read sees the end (and finishes the
// hash) or reveals a source longer than announced. Returns the Whirlpool of what was sent.
absl::StatusOr<std::string> SentSum(vfs::HashingSource& hasher, int64_t size,
                                    const std::string& path) {
  if (!hasher.finished()) {
    uint8_t extra[1];
    absl::StatusOr<size_t> n = hasher.Read(std::span<uint8_t>(extra, 1));
    if (!n.ok()) return n.status();
    if (*n > 0) return vfs::DataCorruption(path, "the source holds more bytes than its size");
  }
  if (hasher.bytes() != size) {
    return vfs::DataCorruption(path, "the source ended after " + std::to_string(hasher.bytes()) +
                                         " of " + std::to_string(size) + " bytes");
  }
  return hasher.Sum(hash::HashType::kWhirlpool);
}

}  // namespace

namespace {

// Files above this are read ahead on a thread; below it a thread costs more than it saves.
constexpr int64_t kReadAheadFrom = 4 << 20;

// The outcome of an upload is unknown: sending the file again could store it twice.
absl::Status OutcomeUnknown(const std::string& path, const std::string& why) {
  return absl::AbortedError(
      path + ": the outcome of the upload is unknown (" + why +
      ") and the service does not list the file yet; it is not sent again by this run, the "
      "next run learns the outcome from the upload journal");
}

std::vector<JournalMember> MembersOf(const std::vector<Uploader::Pending*>& members) {
  std::vector<JournalMember> out;
  for (const Uploader::Pending* p : members) out.push_back(JournalMember{p->wire_name, p->size});
  return out;
}

}  // namespace

void Uploader::Run(int64_t folder_id, const std::vector<Pending*>& members) {
  ++sessions_;
  auto fail_all = [&](const absl::Status& status) {
    for (Pending* p : members) p->result = vfs::WithContext(status, "uploading " + p->path);
  };
  if (journal_ != nullptr) {
    journal_->SettleOnce();
    for (Pending* p : members) {
      if (journal_->IsUnknown(folder_id, p->wire_name)) {
        return fail_all(OutcomeUnknown(p->path, "an earlier upload of this name"));
      }
    }
  }
  absl::StatusOr<UploadServer> server = api_.GetUploadServer();
  if (!server.ok()) return fail_all(server.status());

  // Declared first, so destroyed last: their workers stop before anything they read goes.
  std::vector<std::unique_ptr<vfs::ReadAheadSource>> read_ahead;
  Hashers hashers;
  std::vector<std::unique_ptr<ToByteSource>> adapters;
  UploadRequest request;
  request.node = server->url;
  request.id = server->id;
  request.folder_id = folder_id;
  for (Pending* p : members) {
    vfs::Source* source = p->source;
    if (p->size > kReadAheadFrom) {
      // Reading and hashing on a thread of their own while libcurl sends the previous block.
      read_ahead.push_back(std::make_unique<vfs::ReadAheadSource>(*source));
      source = read_ahead.back().get();
    }
    // Takes the Whirlpool from the source when it computes one (the transfer's own hashing).
    hashers.push_back(std::make_unique<vfs::HashingSource>(*source));
    adapters.push_back(std::make_unique<ToByteSource>(*hashers.back()));
    request.files.push_back(UploadFile{p->wire_name, adapters.back().get(), p->size});
  }
  std::vector<size_t> everyone(members.size());
  for (size_t i = 0; i < members.size(); ++i) everyone[i] = i;
  // On disk before the first byte leaves: a kill from here on is settled by the next run.
  if (journal_ != nullptr) journal_->Begin(*server, folder_id, MembersOf(members));
  std::vector<UploadedLink> stored;
  absl::StatusOr<UploadReceipt> receipt = api_.Upload(request);
  if (!receipt.ok()) {
    bool all_sent = true;
    for (size_t i = 0; i < members.size(); ++i) {
      all_sent = all_sent && hashers[i]->bytes() == members[i]->size;
    }
    const bool refused = absl::IsUnauthenticated(receipt.status()) ||
                         absl::IsPermissionDenied(receipt.status()) ||
                         absl::IsInvalidArgument(receipt.status());
    if (all_sent && !refused) {
      // Every byte left: the answer may be what was lost. end.pl tells (an unknown id: the body
      // never arrived); failing that, the listing; never guess.
      absl::StatusOr<UploadReport> report = api_.EndUpload(server->url, server->id);
      if (report.ok()) {
        const bool known = Verify(folder_id, members, hashers, *report, &stored);
        return Close(server->id, folder_id, members, known, stored);
      }
      if (!absl::IsNotFound(report.status())) {
        const bool known = Confirm(folder_id, members, hashers, everyone,
                                   "upload.cgi: " + Msg(receipt.status()), &stored);
        return Close(server->id, folder_id, members, known, stored);
      }
    }
    // The body did not (all) arrive, or was refused: nothing was stored.
    Close(server->id, folder_id, members, true, stored);
    if (members.size() > 1) {
      // One member's source may have failed; the others are not at fault and may be retried.
      for (size_t i = 0; i < members.size(); ++i) {
        members[i]->result = vfs::WithContext(
            hashers[i]->finished() || receipt.status().code() != absl::StatusCode::kUnknown
                ? receipt.status()
                : vfs::Retryable("upload session", Msg(receipt.status())),
            "uploading " + members[i]->path);
      }
      return;
    }
    return fail_all(receipt.status());
  }
  if (receipt->xid != server->id && journal_ != nullptr) {
    // The service named the session differently (spec 5.2): the journal follows its name.
    journal_->Begin(UploadServer{server->url, receipt->xid}, folder_id, MembersOf(members));
    journal_->Settle(server->id, folder_id, {});
  }
  // The retrying layer polls end.pl with back-off while it answers HTML or no links.
  absl::StatusOr<UploadReport> report = api_.EndUpload(server->url, receipt->xid);
  if (!report.ok()) {
    const bool known = Confirm(folder_id, members, hashers, everyone,
                               "end.pl: " + Msg(report.status()), &stored);
    return Close(receipt->xid, folder_id, members, known, stored);
  }
  const bool known = Verify(folder_id, members, hashers, *report, &stored);
  Close(receipt->xid, folder_id, members, known, stored);
}

bool Uploader::Verify(int64_t folder_id, const std::vector<Pending*>& members,
                      const Hashers& hashers, const UploadReport& report,
                      std::vector<UploadedLink>* stored) {
  // Links come in upload order; match by position when the names agree, else by name.
  std::vector<bool> used(report.links.size(), false);
  std::vector<RemoveFile> bad;
  std::vector<size_t> unreported;
  for (size_t i = 0; i < members.size(); ++i) {
    Pending* p = members[i];
    const UploadedLink* link = nullptr;
    if (report.links.size() == members.size() && report.links[i].filename == p->wire_name) {
      link = &report.links[i];
      used[i] = true;
    } else {
      for (size_t j = 0; j < report.links.size(); ++j) {
        if (!used[j] && report.links[j].filename == p->wire_name) {
          link = &report.links[j];
          used[j] = true;
          break;
        }
      }
    }
    if (link == nullptr || link->download.empty()) {
      unreported.push_back(i);
      continue;
    }
    absl::StatusOr<std::string> sent = SentSum(*hashers[i], p->size, p->path);
    if (!sent.ok()) {
      // The source failed after its last byte left (e.g. it changed while read): what was
      // stored is not a copy of anything, so it goes, and the source's reason is reported.
      p->result = sent.status();
      bad.push_back(RemoveFile{link->download, ""});
      continue;
    }
    std::string whirlpool = link->whirlpool;
    if (whirlpool.empty()) {
      // Nothing to compare with yet: ask the file's info (one call) rather than trust it.
      absl::StatusOr<FileInfo> info = api_.GetFileInfo(FileInfoRequest{link->download, ""});
      if (info.ok()) whirlpool = info->checksum;
    }
    if (!sent.ok() || link->size != p->size || whirlpool != *sent) {
      std::string detail = "uploaded file does not match what was sent (size " +
                           std::to_string(p->size) + " sent, " + std::to_string(link->size) +
                           " stored; whirlpool " + (sent.ok() ? *sent : "?") + " sent, " +
                           (whirlpool.empty() ? "none" : whirlpool) +
                           " stored); the bad copy was removed";
      p->result = vfs::DataCorruption(p->path, detail);
      bad.push_back(RemoveFile{link->download, ""});
      continue;
    }
    p->result = UploadedFile{link->download, link->filename, link->size, whirlpool};
    UploadedLink good = *link;
    good.whirlpool = whirlpool;
    stored->push_back(std::move(good));
  }
  bool known = true;
  if (!unreported.empty()) {
    known = Confirm(folder_id, members, hashers, unreported,
                    "end.pl reported no link for this file", stored);
  }
  if (!bad.empty()) {
    absl::StatusOr<RemoveFilesResult> removed = api_.RemoveFiles(bad);
    if (!removed.ok()) {
      for (Pending* p : members) {
        if (!p->result.ok() && vfs::IsDataCorruption(p->result.status())) {
          p->result = vfs::DataCorruption(
              p->path, "uploaded file does not match what was sent, and removing the bad copy "
                       "failed: " + Msg(removed.status()));
        }
      }
    }
  }
  return known;
}

bool Uploader::Confirm(int64_t folder_id, const std::vector<Pending*>& members,
                       const Hashers& hashers, const std::vector<size_t>& which,
                       const std::string& why, std::vector<UploadedLink>* stored) {
  std::vector<size_t> open;
  std::vector<std::string> sums(members.size());
  for (size_t i : which) {
    absl::StatusOr<std::string> sent = SentSum(*hashers[i], members[i]->size, members[i]->path);
    if (!sent.ok()) {
      members[i]->result = vfs::WithContext(sent.status(), "uploading " + members[i]->path);
      continue;
    }
    sums[i] = *sent;
    open.push_back(i);
  }
  std::string last_error;
  std::vector<std::string> taken;
  for (int attempt = 0; attempt < options_.confirm_attempts && !open.empty() && list_new_files_;
       ++attempt) {
    if (attempt > 0) {
      if (absl::Status st = options_.clock->Wait(options_.confirm_delay); !st.ok()) {
        last_error = "; stopped: " + Msg(st);
        break;
      }
    }
    absl::StatusOr<std::vector<FileItem>> items = list_new_files_(folder_id);
    if (!items.ok()) {
      last_error = "; listing the folder to confirm failed: " + Msg(items.status());
      continue;
    }
    std::vector<size_t> still;
    for (size_t i : open) {
      const Pending* p = members[i];
      const FileItem* found = nullptr;
      for (const FileItem& item : *items) {
        if (item.filename != p->wire_name || item.size != p->size || item.checksum != sums[i] ||
            item.url.empty() ||
            std::find(taken.begin(), taken.end(), item.url) != taken.end()) {
          continue;
        }
        found = &item;
        break;
      }
      if (found == nullptr) {
        still.push_back(i);
        continue;
      }
      taken.push_back(found->url);
      vfs::Log(vfs::LogLevel::kInfo, p->path,
               "upload confirmed by listing the folder (" + why + ")");
      members[i]->result = UploadedFile{found->url, found->filename, found->size, found->checksum};
      stored->push_back(UploadedLink{found->url, found->filename, "", found->size,
                                     found->checksum});
    }
    open = std::move(still);
  }
  for (size_t i : open) members[i]->result = OutcomeUnknown(members[i]->path, why + last_error);
  return open.empty();
}

void Uploader::Close(const std::string& xid, int64_t folder_id,
                     const std::vector<Pending*>& members, bool all_known,
                     const std::vector<UploadedLink>& stored) {
  if (journal_ == nullptr) return;
  if (all_known) return journal_->Settle(xid, folder_id, stored);
  std::vector<JournalMember> unknown;
  for (const Pending* p : members) {
    if (!p->result.ok() && absl::IsAborted(p->result.status())) {
      unknown.push_back(JournalMember{p->wire_name, p->size});
    }
  }
  journal_->Unknown(xid, folder_id, unknown);
}

}  // namespace backend::fichier
