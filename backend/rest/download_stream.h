// A response body pulled on demand: the transfer runs on a private curl multi handle and is
// paused whenever the reader falls behind, so memory stays bounded whatever the file size.
#ifndef FICHIER_BACKEND_REST_DOWNLOAD_STREAM_H_
#define FICHIER_BACKEND_REST_DOWNLOAD_STREAM_H_

#include <curl/curl.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "backend/rest/byte_source.h"
#include "backend/rest/curl_context.h"
#include "backend/rest/curl_util.h"
#include "backend/rest/http_client_options.h"
#include "backend/rest/http_types.h"

namespace backend::rest {

class DownloadStream : public ByteSource {
 public:
  ~DownloadStream() override;
  DownloadStream(const DownloadStream&) = delete;
  DownloadStream& operator=(const DownloadStream&) = delete;

  // Status and headers of the final response; known once HttpClient::Download returned.
  int status_code() const { return header_sink_.last_status; }
  const HttpHeaders& headers() const { return header_sink_.headers; }
  std::string_view content_type() const;
  // From Content-Length, when the server sent one.
  std::optional<int64_t> content_length() const;

  absl::StatusOr<size_t> Read(std::span<uint8_t> out) override;
  // The rest of the body, failing past max_bytes. Meant for error answers.
  absl::StatusOr<std::string> ReadRest(size_t max_bytes);

 private:
  friend class HttpClient;
  DownloadStream(std::shared_ptr<internal::CurlContext> context, const HttpClientOptions& options,
                 std::string what);
  absl::Status Start(const std::string& url, const HttpHeaders& headers,
                     const std::optional<ByteRange>& range);
  // One round of the transfer: perform, collect completion, and wait for the socket unless
  // something the caller waits for happened (body bytes, pause, end, or complete headers when
  // `headers_are_progress`).
  absl::Status Pump(bool headers_are_progress);
  size_t buffered() const { return buffer_.size() - buffer_pos_; }
  static size_t WriteCallback(char* data, size_t size, size_t count, void* self);

  std::shared_ptr<internal::CurlContext> context_;
  const HttpClientOptions options_;  // a copy: a stream may outlive its client
  const std::string what_;
  internal::EasyHandle easy_;
  // The stop signal of the thread that opened the stream: aborts the transfer when triggered.
  std::shared_ptr<base::Cancel> cancel_;
  CURLM* multi_ = nullptr;
  internal::HeaderList header_list_;
  internal::HeaderSink header_sink_;
  char error_buffer_[CURL_ERROR_SIZE];
  internal::DumpState dump_state_;  // --dump of this stream
  std::string buffer_;
  size_t buffer_pos_ = 0;
  // The caller's buffer during a Read: WriteCallback fills it first, buffer_ takes the rest.
  std::span<uint8_t> direct_;
  size_t direct_filled_ = 0;
  bool paused_ = false;
  bool done_ = false;
  CURLcode result_ = CURLE_OK;
};

}  // namespace backend::rest

#endif  // FICHIER_BACKEND_REST_DOWNLOAD_STREAM_H_
