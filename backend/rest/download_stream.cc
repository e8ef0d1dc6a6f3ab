#include "backend/rest/download_stream.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "backend/rest/transport_error.h"

namespace backend::rest {
namespace {
// How long one wait for socket activity lasts. Only bounds a single wait: the transfer as a
// whole is bounded by libcurl's low-speed (idle) timeout.
// Also how soon a stop is seen by a stalled download (libcurl's progress callback runs on the
// next curl_multi_perform).
constexpr int kPollMillis = 250;
}  // namespace

DownloadStream::DownloadStream(std::shared_ptr<internal::CurlContext> context,
                               const HttpClientOptions& options, std::string what)
    : context_(context),
      options_(options),
      what_(std::move(what)),
      easy_(context),
      cancel_(base::CurrentCancelShared()) {
  error_buffer_[0] = '\0';
}

DownloadStream::~DownloadStream() {
  if (multi_ != nullptr) {
    curl_multi_remove_handle(multi_, easy_.get());
    curl_multi_cleanup(multi_);
  }
}

absl::Status DownloadStream::Start(const std::string& url, const HttpHeaders& headers,
                                   const std::optional<ByteRange>& range) {
  CURL* easy = easy_.get();
  if (cancel_->triggered()) return cancel_->status();  // a stop opens nothing new
  internal::ApplyCommonOptions(easy, options_, error_buffer_, cancel_.get());
  dump_state_.dump = &options_.dump;
  internal::ApplyDump(easy, dump_state_);
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(easy, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME,
                   static_cast<long>(std::max<int64_t>(1, absl::ToInt64Seconds(options_.idle_timeout))));
  std::string range_text;
  if (range.has_value()) {
    if (range->first < 0 || (range->last.has_value() && *range->last < range->first)) {
      return absl::InvalidArgumentError(absl::StrCat(what_, ": invalid byte range"));
    }
    range_text = absl::StrCat(range->first, "-");
    if (range->last.has_value()) absl::StrAppend(&range_text, *range->last);
    curl_easy_setopt(easy, CURLOPT_RANGE, range_text.c_str());
  }
  header_list_.AddAll(headers);
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, header_list_.get());
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &internal::HeaderCallback);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &header_sink_);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &DownloadStream::WriteCallback);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, this);
  // libcurl's receive buffer (16 KiB by default): larger means fewer recv and poll calls and
  // fewer write callbacks per MiB.
  curl_easy_setopt(easy, CURLOPT_BUFFERSIZE, static_cast<long>(options_.download_chunk_bytes));

  multi_ = curl_multi_init();
  if (multi_ == nullptr) return absl::InternalError("curl_multi_init failed");
  if (curl_multi_add_handle(multi_, easy) != CURLM_OK) {
    return absl::InternalError("curl_multi_add_handle failed");
  }
  // Run until the final status line and headers are in (or the transfer ended), so the caller
  // can look at the status before reading.
  while (!header_sink_.complete && !done_ && buffered() == 0 && !paused_) {
    if (absl::Status s = Pump(/*headers_are_progress=*/true); !s.ok()) return s;
  }
  if (done_ && result_ != CURLE_OK) {
    return internal::FailedTransfer(result_, what_, error_buffer_, *cancel_);
  }
  return absl::OkStatus();
}

size_t DownloadStream::WriteCallback(char* data, size_t size, size_t count, void* self_ptr) {
  auto* self = static_cast<DownloadStream*>(self_ptr);
  const size_t n = size * count;
  size_t taken = 0;
  if (self->buffered() == 0 && self->direct_filled_ < self->direct_.size()) {
    // A Read is waiting with its own buffer: the bytes go there with no copy in between.
    taken = std::min(n, self->direct_.size() - self->direct_filled_);
    std::memcpy(self->direct_.data() + self->direct_filled_, data, taken);
    self->direct_filled_ += taken;
    if (taken == n) return n;
    // The rest is kept below (a chunk is taken whole or paused whole).
  } else if (self->buffered() >= self->options_.download_buffer_bytes) {
    // libcurl keeps this chunk and hands it over again after curl_easy_pause(CONT).
    self->paused_ = true;
    return CURL_WRITEFUNC_PAUSE;
  }
  if (self->buffer_pos_ == self->buffer_.size()) {
    self->buffer_.clear();
    self->buffer_pos_ = 0;
  }
  self->buffer_.append(data + taken, n - taken);
  return n;
}

absl::Status DownloadStream::Pump(bool headers_are_progress) {
  int running = 0;
  CURLMcode mc = curl_multi_perform(multi_, &running);
  if (mc != CURLM_OK) {
    return absl::InternalError(absl::StrCat(what_, ": ", curl_multi_strerror(mc)));
  }
  int queued = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_, &queued)) {
    if (msg->msg == CURLMSG_DONE) {
      done_ = true;
      result_ = msg->data.result;
    }
  }
  if (done_ || paused_ || buffered() > 0 || direct_filled_ > 0 ||
      (headers_are_progress && header_sink_.complete)) {
    return absl::OkStatus();
  }
  mc = curl_multi_poll(multi_, nullptr, 0, kPollMillis, nullptr);
  if (mc != CURLM_OK) {
    return absl::InternalError(absl::StrCat(what_, ": ", curl_multi_strerror(mc)));
  }
  return absl::OkStatus();
}

absl::StatusOr<size_t> DownloadStream::Read(std::span<uint8_t> out) {
  if (out.empty()) return 0;
  while (true) {
    if (buffered() > 0) {
      const size_t n = std::min(out.size(), buffered());
      std::memcpy(out.data(), buffer_.data() + buffer_pos_, n);
      buffer_pos_ += n;
      return n;
    }
    if (done_) {
      if (result_ != CURLE_OK) {
        return internal::FailedTransfer(result_, what_, error_buffer_, *cancel_);
      }
      return 0;
    }
    // libcurl's progress callback aborts on a stop, but only once it runs again: answer now.
    if (cancel_->triggered()) return cancel_->status();
    // Let libcurl write straight into `out` while it runs.
    direct_ = out;
    direct_filled_ = 0;
    absl::Status status;
    if (paused_) {
      paused_ = false;
      // May call WriteCallback right away with the chunk held back when we paused.
      CURLcode rc = curl_easy_pause(easy_.get(), CURLPAUSE_CONT);
      if (rc != CURLE_OK) status = internal::FailedTransfer(rc, what_, error_buffer_, *cancel_);
    } else {
      status = Pump(/*headers_are_progress=*/false);
    }
    direct_ = {};
    if (!status.ok()) return status;
    if (direct_filled_ > 0) return direct_filled_;
  }
}

absl::StatusOr<std::string> DownloadStream::ReadRest(size_t max_bytes) {
  std::string out;
  uint8_t chunk[16384];
  while (true) {
    absl::StatusOr<size_t> n = Read(chunk);
    if (!n.ok()) return n.status();
    if (*n == 0) return out;
    if (out.size() + *n > max_bytes) {
      return OversizedAnswer(what_, max_bytes);
    }
    out.append(reinterpret_cast<const char*>(chunk), *n);
  }
}

std::string_view DownloadStream::content_type() const {
  return FindHeader(header_sink_.headers, "content-type").value_or(std::string_view());
}

std::optional<int64_t> DownloadStream::content_length() const {
  curl_off_t length = -1;
  if (curl_easy_getinfo(easy_.get(), CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) != CURLE_OK ||
      length < 0) {
    return std::nullopt;
  }
  return static_cast<int64_t>(length);
}

}  // namespace backend::rest
