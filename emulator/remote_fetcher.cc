#include "emulator/remote_fetcher.h"

#include <fcntl.h>
#include <unistd.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/hex.h"
#include "hash/whirlpool.h"
#include "httplib.h"

namespace emulator {
namespace {

struct ParsedUrl {
  std::string scheme_host_port;
  std::string host;
  std::string path;
};

std::optional<ParsedUrl> ParseUrl(const std::string& url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return std::nullopt;
  const size_t path_start = url.find('/', scheme_end + 3);
  ParsedUrl p;
  p.scheme_host_port = url.substr(0, path_start);
  std::string authority = url.substr(scheme_end + 3, path_start == std::string::npos
                                                         ? std::string::npos
                                                         : path_start - scheme_end - 3);
  if (authority.find('@') != std::string::npos) return std::nullopt;  // no credentials in URLs
  if (absl::StartsWith(authority, "[")) {
    p.host = authority.substr(0, authority.find(']') + 1);
  } else {
    p.host = authority.substr(0, authority.find(':'));
  }
  p.path = path_start == std::string::npos ? "/" : url.substr(path_start);
  return p;
}

bool IsLoopback(absl::string_view host) {
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]" ||
         absl::StartsWith(host, "127.");
}

std::string PercentDecode(absl::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && absl::ascii_isxdigit(s[i + 1]) &&
        absl::ascii_isxdigit(s[i + 2])) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// The stored name: Content-Disposition's filename, else the last path segment.
std::string NameFor(const std::string& path, const std::string& disposition) {
  if (size_t f = disposition.find("filename=\""); f != std::string::npos) {
    const size_t start = f + 10;
    const size_t end = disposition.find('"', start);
    if (end != std::string::npos && end > start) return disposition.substr(start, end - start);
  }
  absl::string_view p = path;
  p = p.substr(0, p.find('?'));
  const size_t slash = p.rfind('/');
  std::string name = PercentDecode(p.substr(slash == absl::string_view::npos ? 0 : slash + 1));
  return name.empty() ? "index.html" : name;
}

}  // namespace

RemoteFetcher::RemoteFetcher(Store* store, bool any_host,
                             std::function<std::string()> new_blob_path)
    : store_(store), any_host_(any_host), new_blob_path_(std::move(new_blob_path)) {
  worker_ = std::thread([this] { Loop(); });
}

RemoteFetcher::~RemoteFetcher() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  worker_.join();
}

void RemoteFetcher::Wake() {
  absl::MutexLock lock(&mu_);
  wake_ = true;
}

void RemoteFetcher::Loop() {
  for (;;) {
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return wake_ || stop_; };
      mu_.AwaitWithTimeout(absl::Condition(&ready), absl::Seconds(1));
      if (stop_) return;
      wake_ = false;
    }
    // Bounded by the jobs queued; each is completed (OK or KO) before the next is taken.
    while (auto job = store_->NextPendingRemoteJob()) {
      std::vector<RemoteJobResult> results;
      for (const std::string& url : job->urls) {
        {
          absl::MutexLock lock(&mu_);
          if (stop_) return;
        }
        results.push_back(Fetch(*job, url));
      }
      store_->CompleteRemoteJob(job->id, std::move(results));
    }
  }
}

RemoteJobResult RemoteFetcher::Fetch(const RemoteJob& job, const std::string& url) {
  RemoteJobResult r;
  r.url = url;
  auto parsed = ParseUrl(url);
  if (!parsed || absl::StartsWith(url, "ftp://")) {
    r.message = "Unsupported URL";
    return r;
  }
  if (!any_host_ && !IsLoopback(parsed->host)) {
    r.message = "Host not allowed";
    return r;
  }
  httplib::Client client(parsed->scheme_host_port);
  client.enable_server_certificate_verification(false);
  client.set_connection_timeout(5);
  client.set_read_timeout(30);
  client.set_follow_location(true);
  httplib::Headers headers;
  for (const auto& [name, value] : job.headers) headers.emplace(name, value);

  const std::string path = new_blob_path_();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    r.message = "Storage error";
    return r;
  }
  hash::Whirlpool hasher;
  uint64_t size = 0;
  bool write_ok = true;
  auto res = client.Get(parsed->path, headers, [&](const char* data, size_t n) {
    hasher.Update(std::string_view(data, n));
    size += n;
    for (size_t done = 0; done < n;) {
      const ssize_t w = ::write(fd, data + done, n - done);
      if (w <= 0) {
        write_ok = false;
        return false;
      }
      done += static_cast<size_t>(w);
    }
    return true;
  });
  ::close(fd);
  if (!res || res->status != 200 || !write_ok) {
    ::unlink(path.c_str());
    r.message = !res ? absl::StrCat("Download failed: ", httplib::to_string(res.error()))
                     : absl::StrCat("Download failed: HTTP ", res->status);
    return r;
  }
  const auto digest = hasher.Finalize();
  std::string hex = base::HexLower(digest);
  Store::NewFile nf;
  nf.account = job.account;
  nf.folder_id = job.folder_id;
  nf.name = NameFor(parsed->path, res->get_header_value("Content-Disposition"));
  nf.blob = std::make_shared<Blob>(path, size, std::move(hex));
  const UploadLink link = store_->AddFile(std::move(nf));
  r.ok = true;
  r.download_link = link.download;
  return r;
}

}  // namespace emulator
