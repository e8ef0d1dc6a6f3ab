#include "backend/rest/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <deque>

#include "absl/strings/str_cat.h"
#include "base/string_views.h"
#include "backend/rest/curl_context.h"
#include "backend/rest/curl_util.h"
#include "backend/rest/transport_error.h"
#include "vfs/config/control_chars.h"

namespace backend::rest {
namespace {

constexpr long kUploadBufferBytes = 512 * 1024;

struct BodySink {
  std::string body;
  size_t max_bytes = 0;
  bool overflow = false;
};

size_t WriteToSink(char* data, size_t size, size_t count, void* sink_ptr) {
  auto* sink = static_cast<BodySink*>(sink_ptr);
  const size_t n = size * count;
  if (sink->body.size() + n > sink->max_bytes) {
    sink->overflow = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  }
  sink->body.append(data, n);
  return n;
}

// What one request collects: the response headers and, up to a bound, the body.
struct Answer {
  internal::HeaderSink headers;
  BodySink body;
};

// Points `easy`'s header and body callbacks at `answer`; a body past `max_bytes` stops the
// transfer.
void CaptureAnswer(CURL* easy, Answer& answer, size_t max_bytes) {
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &internal::HeaderCallback);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &answer.headers);
  answer.body.max_bytes = max_bytes;
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &WriteToSink);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &answer.body);
}

// The response `easy` received into `answer`.
HttpResponse ResponseOf(CURL* easy, Answer& answer) {
  HttpResponse response;
  long code = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
  response.status_code = static_cast<int>(code);
  response.headers = std::move(answer.headers.headers);
  response.body = std::move(answer.body.body);
  return response;
}

// Feeds one file part of a multipart body from its source.
struct PartReader {
  ByteSource* source = nullptr;
  int64_t size = 0;
  int64_t consumed = 0;
  std::string filename;
  absl::Status error;
};

size_t ReadPart(char* buffer, size_t size, size_t count, void* reader_ptr) {
  auto* reader = static_cast<PartReader*>(reader_ptr);
  const int64_t remaining = reader->size - reader->consumed;
  if (remaining <= 0) return 0;
  // Never hand libcurl more than the declared size: the extra bytes would run past the
  // Content-Length it already sent.
  const size_t want = static_cast<size_t>(std::min<int64_t>(remaining, size * count));
  absl::StatusOr<size_t> n =
      reader->source->Read(std::span(reinterpret_cast<uint8_t*>(buffer), want));
  if (!n.ok()) {
    reader->error = n.status();
    return CURL_READFUNC_ABORT;
  }
  if (*n == 0) {
    reader->error = absl::DataLossError(
        absl::StrCat("source of \"", reader->filename, "\" ended after ", reader->consumed,
                     " of ", reader->size, " bytes"));
    return CURL_READFUNC_ABORT;
  }
  reader->consumed += static_cast<int64_t>(*n);
  return *n;
}

// libcurl rewinds a body when it re-sends a request on a fresh connection (the pooled one
// turned out dead). That is only possible before the first byte was pulled from the source.
int SeekPart(void* reader_ptr, curl_off_t offset, int origin) {
  auto* reader = static_cast<PartReader*>(reader_ptr);
  if (origin == SEEK_SET && offset == 0 && reader->consumed == 0) return CURL_SEEKFUNC_OK;
  return CURL_SEEKFUNC_CANTSEEK;
}

const char* MethodName(HttpMethod method) { return method == HttpMethod::kGet ? "GET" : "POST"; }

// What one buffered or multipart exchange keeps alive until curl_easy_perform returns: the
// handle, curl's error text, the run's stop token and the --dump state its callbacks write to.
struct Exchange {
  Exchange(std::shared_ptr<internal::CurlContext> context, const HttpClientOptions& options)
      : easy(std::move(context)), dump{&options.dump} {}
  internal::EasyHandle easy;
  char error_buffer[CURL_ERROR_SIZE];
  const std::shared_ptr<base::Cancel> cancel = base::CurrentCancelShared();
  internal::DumpState dump;
};

// The set-up both exchanges share: nothing new is sent once the run stopped, --tpslimit is
// waited for, then the common options, the dump and the URL are set.
absl::Status Begin(Exchange& x, TpsLimiter* tps, const HttpClientOptions& options,
                   const std::string& url) {
  if (x.cancel->triggered()) return x.cancel->status();
  if (tps != nullptr) {
    if (absl::Status st = tps->Wait(); !st.ok()) return st;
  }
  internal::ApplyCommonOptions(x.easy.get(), options, x.error_buffer, x.cancel.get());
  internal::ApplyDump(x.easy.get(), x.dump);
  curl_easy_setopt(x.easy.get(), CURLOPT_URL, url.c_str());
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<HttpClient>> HttpClient::Create(HttpClientOptions options) {
  // Sent as a header: a CR/LF would add headers of its own.
  if (absl::Status clean = vfs::CheckNoControlChars("user agent", options.user_agent); !clean.ok()) {
    return clean;
  }
  for (const HttpHeaders* list :
       {&options.extra_headers, &options.download_headers, &options.upload_headers}) {
    for (const auto& [name, value] : *list) {
      for (const std::string* part : {&name, &value}) {
        if (absl::Status clean = vfs::CheckNoControlChars("header", *part); !clean.ok()) {
          return clean;
        }
      }
    }
  }
  // Without an explicit ca_file, the usual variables name the trusted bundle, as for the curl
  // tool (CURL_CA_BUNDLE) and OpenSSL/Go programs (SSL_CERT_FILE). libcurl itself reads neither
  // when it was built with a default bundle path. Verification stays on in every case.
  if (options.ca_file.empty()) {
    for (const char* var : {"CURL_CA_BUNDLE", "SSL_CERT_FILE"}) {
      const char* value = std::getenv(var);
      if (value != nullptr && *value != '\0') {
        options.ca_file = value;
        break;
      }
    }
  }
  if (!options.ca_file.empty()) {
    std::FILE* f = std::fopen(options.ca_file.c_str(), "rb");
    if (f == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("CA file \"", options.ca_file, "\" cannot be read"));
    }
    std::fclose(f);
  }
  return std::unique_ptr<HttpClient>(new HttpClient(std::move(options)));
}

HttpClient::HttpClient(HttpClientOptions options)
    : options_(std::move(options)),
      context_(std::make_shared<internal::CurlContext>(options_.max_idle_handles)) {
  if (options_.tps_limit > 0) {
    tps_ = TpsLimiter::Shared(options_.tps_limit, options_.tps_burst, options_.clock);
  }
}

HttpClient::~HttpClient() = default;

void HttpClient::Log(std::string_view what, int status, size_t bytes, absl::Time start) const {
  if (!options_.debug_log) return;
  options_.debug_log(absl::StrCat(base::ToAbsl(what), " -> ", status, ", ", bytes, " bytes, ",
                                  absl::FormatDuration(absl::Now() - start)));
}

absl::StatusOr<HttpResponse> HttpClient::Send(const HttpRequest& request) const {
  const std::string what = internal::Describe(MethodName(request.method), request.url);
  const absl::Time start = absl::Now();
  Exchange x(context_, options_);
  if (absl::Status st = Begin(x, tps_.get(), options_, request.url); !st.ok()) return st;
  CURL* easy = x.easy.get();
  internal::HeaderList headers;
  headers.AddAll(request.headers);
  headers.AddAll(options_.extra_headers);
  if (request.method == HttpMethod::kPost) {
    curl_easy_setopt(easy, CURLOPT_POST, 1L);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    headers.Add("Expect:");  // no 100-continue round trip for small bodies
  } else {
    curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  }
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.get());
  if (request.follow_redirects) {
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(easy, CURLOPT_MAXREDIRS, 5L);
  }
  const absl::Duration timeout = request.timeout.value_or(options_.request_timeout);
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(absl::ToInt64Milliseconds(timeout)));
  Answer answer;
  CaptureAnswer(easy, answer, options_.max_response_bytes);

  const CURLcode rc = curl_easy_perform(easy);
  if (rc != CURLE_OK && x.cancel->triggered()) return x.cancel->status();
  if (answer.body.overflow) return OversizedAnswer(what, options_.max_response_bytes);
  if (rc != CURLE_OK) return TransportStatus(rc, what, x.error_buffer);
  HttpResponse response = ResponseOf(easy, answer);
  Log(what, response.status_code, response.body.size(), start);
  return response;
}

absl::StatusOr<HttpResponse> HttpClient::PostMultipart(const MultipartRequest& request) const {
  const std::string what = internal::Describe("POST", request.url);
  const absl::Time start = absl::Now();
  Exchange x(context_, options_);
  if (absl::Status st = Begin(x, tps_.get(), options_, request.url); !st.ok()) return st;
  CURL* easy = x.easy.get();

  curl_mime* mime = curl_mime_init(easy);
  struct MimeFree {
    curl_mime* mime;
    ~MimeFree() { curl_mime_free(mime); }
  } mime_free{mime};
  std::deque<PartReader> readers;  // deque: stable addresses for the callbacks
  int64_t file_bytes = 0;
  for (const MultipartPart& part : request.parts) {
    curl_mimepart* p = curl_mime_addpart(mime);
    curl_mime_name(p, part.name.c_str());
    if (part.filename.empty()) {
      curl_mime_data(p, part.value.data(), part.value.size());
      continue;
    }
    if (part.source == nullptr || part.size < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(what, ": file part \"", part.filename, "\" needs a source and a size"));
    }
    PartReader& reader = readers.emplace_back();
    reader.source = part.source;
    reader.size = part.size;
    reader.filename = part.filename;
    curl_mime_filename(p, part.filename.c_str());
    curl_mime_type(p, part.content_type.empty() ? "application/octet-stream"
                                                : part.content_type.c_str());
    curl_mime_data_cb(p, static_cast<curl_off_t>(part.size), &ReadPart, &SeekPart, nullptr,
                      &readers.back());
    file_bytes += part.size;
  }
  curl_easy_setopt(easy, CURLOPT_MIMEPOST, mime);
  // Large sends: a 64 KiB default costs eight times the read callbacks and send() calls.
  curl_easy_setopt(easy, CURLOPT_UPLOAD_BUFFERSIZE, kUploadBufferBytes);
  internal::HeaderList headers;
  headers.AddAll(request.headers);
  headers.AddAll(options_.extra_headers);
  headers.AddAll(options_.upload_headers);
  headers.Add("Expect:");
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(
      easy, CURLOPT_LOW_SPEED_TIME,
      static_cast<long>(std::max<int64_t>(1, absl::ToInt64Seconds(options_.idle_timeout))));
  Answer answer;
  CaptureAnswer(easy, answer, options_.max_response_bytes);

  // A stop aborts the body mid-way: the server sees a truncated request and stores nothing.
  const CURLcode rc = curl_easy_perform(easy);
  if (rc != CURLE_OK && x.cancel->triggered()) return x.cancel->status();
  for (const PartReader& reader : readers) {
    if (!reader.error.ok()) return reader.error;
  }
  if (answer.body.overflow) return OversizedAnswer(what, options_.max_response_bytes);
  if (rc != CURLE_OK) return TransportStatus(rc, what, x.error_buffer);
  HttpResponse response = ResponseOf(easy, answer);
  Log(what, response.status_code, static_cast<size_t>(file_bytes), start);
  return response;
}

absl::StatusOr<std::unique_ptr<DownloadStream>> HttpClient::Download(
    const std::string& url, const HttpHeaders& headers, std::optional<ByteRange> range) const {
  const absl::Time start = absl::Now();
  std::string what = internal::Describe("GET", url);
  if (tps_) {
    if (absl::Status st = tps_->Wait(); !st.ok()) return st;
  }
  std::unique_ptr<DownloadStream> stream(new DownloadStream(context_, options_, what));
  HttpHeaders all = headers;
  all.insert(all.end(), options_.extra_headers.begin(), options_.extra_headers.end());
  all.insert(all.end(), options_.download_headers.begin(), options_.download_headers.end());
  if (absl::Status s = stream->Start(url, all, range); !s.ok()) return s;
  Log(what, stream->status_code(), 0, start);
  return stream;
}

}  // namespace backend::rest
