#include "backend/fichier/uploader.h"

#include <memory>
#include <utility>

#include "backend/rest/byte_source.h"
#include "vfs/errors.h"
#include "vfs/hashing_source.h"
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
  if (options_.window <= absl::ZeroDuration() || size > options_.small_file_limit) {
    Run(folder_id, {&me});
    return std::move(me.result);
  }
  std::vector<Pending*> members;
  {
    absl::MutexLock lock(&mu_);
    auto it = open_.find(folder_id);
    if (it != open_.end() && !it->second->closed &&
        it->second->members.size() < options_.max_files &&
        it->second->bytes + size <= options_.max_batch_bytes) {
      Batch* batch = it->second;
      batch->members.push_back(&me);
      batch->bytes += size;
      if (batch->members.size() >= options_.max_files) {
        batch->closed = true;
        open_.erase(folder_id);
      }
      mu_.Await(absl::Condition(&me.done));
      return std::move(me.result);
    }
    // Lead a new batch: wait for companions until the window ends or the batch is full.
    Batch batch;
    batch.members.push_back(&me);
    batch.bytes = size;
    open_[folder_id] = &batch;
    mu_.AwaitWithTimeout(absl::Condition(&batch.closed), options_.window);
    if (auto again = open_.find(folder_id); again != open_.end() && again->second == &batch) {
      open_.erase(again);
    }
    batch.closed = true;
    members = batch.members;
  }
  Run(folder_id, members);
  absl::MutexLock lock(&mu_);
  for (Pending* p : members) p->done = true;
  return std::move(me.result);
}

void Uploader::Run(int64_t folder_id, const std::vector<Pending*>& members) {
  ++sessions_;
  auto fail_all = [&](const absl::Status& status) {
    for (Pending* p : members) p->result = vfs::WithContext(status, "uploading " + p->path);
  };
  absl::StatusOr<UploadServer> server = api_.GetUploadServer();
  if (!server.ok()) return fail_all(server.status());

  std::vector<std::unique_ptr<vfs::HashingSource>> hashers;
  std::vector<std::unique_ptr<ToByteSource>> adapters;
  UploadRequest request;
  request.node = server->url;
  request.id = server->id;
  request.folder_id = folder_id;
  for (Pending* p : members) {
    hashers.push_back(std::make_unique<vfs::HashingSource>(*p->source));
    adapters.push_back(std::make_unique<ToByteSource>(*hashers.back()));
    request.files.push_back(UploadFile{p->wire_name, adapters.back().get(), p->size});
  }
  absl::StatusOr<UploadReceipt> receipt = api_.Upload(request);
  if (!receipt.ok()) {
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
  absl::StatusOr<UploadReport> report = api_.EndUpload(server->url, receipt->xid);
  if (!report.ok()) return fail_all(report.status());

  // Links come in upload order; match by position when the names agree, else by name.
  std::vector<bool> used(report->links.size(), false);
  std::vector<RemoveFile> bad;
  for (size_t i = 0; i < members.size(); ++i) {
    Pending* p = members[i];
    const UploadedLink* link = nullptr;
    if (report->links.size() == members.size() && report->links[i].filename == p->wire_name) {
      link = &report->links[i];
      used[i] = true;
    } else {
      for (size_t j = 0; j < report->links.size(); ++j) {
        if (!used[j] && report->links[j].filename == p->wire_name) {
          link = &report->links[j];
          used[j] = true;
          break;
        }
      }
    }
    if (link == nullptr || link->download.empty()) {
      p->result = vfs::Retryable(p->path, "end.pl reported no link for this file");
      continue;
    }
    // The client stops pulling after `size` bytes: one more read sees the end (and finishes
    // the hash) or reveals a source longer than announced.
    if (!hashers[i]->finished()) {
      uint8_t extra[1];
      absl::StatusOr<size_t> n = hashers[i]->Read(std::span<uint8_t>(extra, 1));
      if (n.ok() && *n > 0) {
        p->result = vfs::DataCorruption(p->path, "the source holds more bytes than its size");
        bad.push_back(RemoveFile{link->download, ""});
        continue;
      }
    }
    absl::StatusOr<std::string> sent = hashers[i]->Sum(hash::HashType::kWhirlpool);
    std::string whirlpool = link->whirlpool;
    if (whirlpool.empty()) {
      // Nothing to compare with yet: ask the file's info (one call) rather than trust it.
      absl::StatusOr<FileInfo> info = api_.GetFileInfo(FileInfoRequest{link->download, ""});
      if (info.ok()) whirlpool = info->checksum;
    }
    if (!sent.ok() || hashers[i]->bytes() != p->size || link->size != p->size ||
        whirlpool != *sent) {
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
}

}  // namespace backend::fichier
