#include "backend/fichier/fichier_object.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "backend/fichier/fichier_fs.h"
#include "backend/fichier/fichier_options.h"
#include "backend/rest/tap_source.h"
#include "base/hex.h"
#include "hash/whirlpool.h"
#include "vfs/errors.h"
#include "vfs/path.h"

namespace backend::fichier {
namespace {

// A download checked as it goes and at its end: the byte count against what is expected (the
// listing's size, or the range's length) and, for a whole file, the Whirlpool of what streamed
// against the listing's checksum. A short or altered stream becomes
// a data-loss error at the read that would have reported the end, never a clean end.
// The Whirlpool is computed by a rest::TapSource on its own thread while the reader receives
// and writes the next bytes: hashing in turn with the transfer cost as much as the transfer
// itself (bench/fichier/transfer_vs_curl).
class VerifyingSource : public vfs::Source {
 public:
  VerifyingSource(std::unique_ptr<rest::ByteSource> body, int64_t size, std::string whirlpool,
                  std::string path)
      : size_(size), whirlpool_(std::move(whirlpool)), path_(std::move(path)) {
    if (whirlpool_.empty()) {
      body_ = std::move(body);
      return;
    }
    hasher_ = std::make_unique<hash::Whirlpool>();
    body_ = std::make_unique<rest::TapSource>(
        std::move(body),
        [hasher = hasher_.get()](std::span<const uint8_t> bytes) { hasher->Update(bytes); });
  }

  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override {
    if (buffer.empty()) return 0;
    absl::StatusOr<size_t> n = body_->Read(buffer);
    if (!n.ok()) return n;
    bytes_ += static_cast<int64_t>(*n);
    if (*n > 0) {
      if (bytes_ > size_) {
        return vfs::DataCorruption(path_, "download is longer than the " +
                                              std::to_string(size_) + " bytes expected");
      }
      return n;
    }
    if (!end_.has_value()) end_ = CheckEnd();
    if (!end_->ok()) return *end_;
    return n;
  }

  // A verified stream's Whirlpool is the stored one: the layers above need not hash it again.
  bool ComputesHash(hash::HashType type) const override {
    return type == hash::HashType::kWhirlpool && hasher_ != nullptr;
  }
  absl::StatusOr<std::string> StreamHash(hash::HashType type) const override {
    if (!ComputesHash(type)) return vfs::Source::StreamHash(type);
    if (!end_.has_value()) {
      return absl::FailedPreconditionError("hash requested before the end of the stream");
    }
    if (!end_->ok()) return *end_;
    return whirlpool_;
  }

 private:
  // Once, at the end; the answer is kept so that reading again repeats it.
  absl::Status CheckEnd() {
    if (bytes_ != size_) {
      return vfs::DataCorruption(path_, "download ended after " + std::to_string(bytes_) +
                                            " of " + std::to_string(size_) + " bytes");
    }
    if (hasher_ == nullptr) return absl::OkStatus();
    // The TapSource reported the end, so its worker has hashed every byte and stopped.
    const std::string got = base::HexLower(hasher_->Finalize());
    if (got != whirlpool_) {
      return vfs::DataCorruption(path_, "downloaded whirlpool " + got +
                                            " differs from the stored " + whirlpool_);
    }
    return absl::OkStatus();
  }

  // Declared before body_: the TapSource (destroyed first) stops its worker before the hasher
  // it feeds goes away.
  std::unique_ptr<hash::Whirlpool> hasher_;
  std::unique_ptr<rest::ByteSource> body_;
  int64_t bytes_ = 0;
  std::optional<absl::Status> end_;
  const int64_t size_;
  const std::string whirlpool_;
  const std::string path_;
};

}  // namespace

FichierObject::FichierObject(std::shared_ptr<FichierFs> fs, std::string remote, int64_t folder_id,
                             CachedFile file)
    : fs_(std::move(fs)), remote_(std::move(remote)), folder_id_(folder_id), file_(std::move(file)) {}

int64_t FichierObject::size() const {
  absl::MutexLock lock(&mu_);
  return file_.item.size;
}

absl::Time FichierObject::mod_time() const {
  absl::MutexLock lock(&mu_);
  // The upload date is the only time the service keeps; now when it cannot be read (rclone).
  return ParseFichierDate(file_.item.date).value_or(absl::Now());
}

absl::StatusOr<std::string> FichierObject::Hash(hash::HashType type) const {
  if (type != hash::HashType::kWhirlpool) return vfs::HashUnsupported(hash::HashTypeName(type));
  absl::MutexLock lock(&mu_);
  return file_.item.checksum;
}

std::string FichierObject::mime_type() const {
  absl::MutexLock lock(&mu_);
  return file_.item.content_type;
}

const vfs::Fs* FichierObject::fs() const { return fs_.get(); }

std::string FichierObject::url() const {
  absl::MutexLock lock(&mu_);
  return file_.item.url;
}

int64_t FichierObject::folder_id() const {
  absl::MutexLock lock(&mu_);
  return folder_id_;
}

CachedFile FichierObject::file() const {
  absl::MutexLock lock(&mu_);
  return file_;
}

absl::StatusOr<std::unique_ptr<vfs::Source>> FichierObject::Open(const vfs::OpenOptions& options) {
  CachedFile file = this->file();
  // Listings are checked (answer_checks.h), so this only guards against a future path that
  // skips them: without a size nothing bounds what a download may write.
  if (file.item.size < 0) {
    return vfs::DataCorruption(remote_, "the service gave no valid size; not downloaded");
  }
  std::optional<rest::ByteRange> range;
  int64_t expected = file.item.size;  // the bytes the stream must bring, no more, no fewer
  if (options.range.has_value()) {
    vfs::ResolvedRange r = options.Resolve(file.item.size);
    if (r.length == 0 || r.offset >= file.item.size) {
      return std::unique_ptr<vfs::Source>(std::make_unique<vfs::StringSource>(""));
    }
    expected = r.length < 0 ? file.item.size - r.offset
                            : std::min(r.length, file.item.size - r.offset);
    range = rest::ByteRange{r.offset, r.offset + expected - 1};
  }
  absl::StatusOr<Download> download = OpenBytes(file.item.url, range);
  if (!download.ok()) return download.status();
  // The size is always checked (a longer stream fails before its extra bytes are handed on);
  // a whole file's Whirlpool too, when the listing gave one, unless download_verify is off.
  const bool verify_hash = !range.has_value() && fs_->options().download_verify;
  return std::unique_ptr<vfs::Source>(std::make_unique<VerifyingSource>(
      std::move(download->body), expected, verify_hash ? file.item.checksum : std::string(),
      remote_));
}

absl::StatusOr<Download> FichierObject::OpenBytes(const std::string& file_url,
                                                  const std::optional<rest::ByteRange>& range) {
  Account& account = fs_->account();
  TokenRequest token_request;
  token_request.url = file_url;
  token_request.password = fs_->options().file_password;
  token_request.cdn = fs_->options().cdn;
  // The cached token may have expired or been revoked: one fresh token is worth one more try.
  for (int attempt = 0;; ++attempt) {
    absl::StatusOr<std::string> token_url = account.download_tokens().UrlFor(token_request);
    if (!token_url.ok()) {
      if (absl::IsNotFound(token_url.status())) return vfs::ObjectNotFound(remote_);
      return vfs::WithContext(token_url.status(), "opening " + remote_);
    }
    absl::StatusOr<Download> download =
        account.api().OpenDownload(DownloadRequest{*token_url, range});
    if (download.ok()) return download;
    const bool token_refused =
        absl::IsNotFound(download.status()) || absl::IsPermissionDenied(download.status());
    if (token_refused) account.download_tokens().Invalidate(file_url);
    if (!token_refused || attempt > 0) {
      return vfs::WithContext(download.status(), "opening " + remote_);
    }
  }
}

absl::Status FichierObject::Update(vfs::Source& in, const vfs::ObjectInfo& info,
                                   const vfs::PutOptions& /*options*/) {
  if (folder_id() < 0) return vfs::PermissionDenied(remote_, "a shared_folder remote is read-only");
  if (info.size() == 0) return vfs::CantUploadEmptyFiles(remote_);
  CachedFile old = file();
  const int64_t folder = folder_id();
  // Upload the new content beside the old one, then remove the old one (rclone's order).
  absl::StatusOr<CachedFile> fresh =
      fs_->UploadFile(folder, vfs::Leaf(fs_->Abs(remote_)), in, info.size(), remote_);
  if (!fresh.ok()) return fresh.status();
  {
    absl::MutexLock lock(&mu_);
    file_ = *fresh;
  }
  absl::Status removed = fs_->RemoveFileUrl(folder, old.item.url, remote_);
  if (!removed.ok() && !vfs::IsObjectNotFound(removed)) {
    return vfs::WithContext(removed, "updating (the new copy is stored)");
  }
  return absl::OkStatus();
}

absl::Status FichierObject::Remove() {
  if (folder_id() < 0) return vfs::PermissionDenied(remote_, "a shared_folder remote is read-only");
  return fs_->RemoveFileUrl(folder_id(), url(), remote_);
}

}  // namespace backend::fichier
