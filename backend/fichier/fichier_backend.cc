// Registration of the `fichier` backend and its factory. The API stack (HttpClient -> RestApi ->
// RetryingApi with one pacer) and the caches live in an Account shared by every Fs made in this
// process for the same account and settings, so "list each folder once per run" and "one pacer
// per remote" hold however many Fs objects the commands create.
#include <algorithm>
#include <map>
#include <mutex>
#include <utility>

#include "backend/fichier/copy_url.h"
#include "backend/fichier/fichier_fs.h"
#include "backend/fichier/fichier_object.h"
#include "backend/fichier/outcome_checks.h"
#include "backend/fichier/rest_api.h"
#include "backend/fichier/retrying_api.h"
#include "backend/rest/http_client.h"
#include "backend/rest/pacer.h"
#include "vfs/config/control_chars.h"
#include "vfs/errors.h"
#include "vfs/global_options.h"
#include "vfs/log.h"
#include "vfs/path.h"

namespace backend::fichier {
namespace {

// The settings that change what an Account sees or how it calls (the remote's options and the
// global ones that reach it); secrets stay in the key map only (never printed).
std::string AccountKey(const FichierOptions& o, const vfs::GlobalOptions& g) {
  return std::to_string(g.low_level_retries) + '\n' +
         std::to_string(absl::ToInt64Milliseconds(g.timeout)) + '\n' +
         std::to_string(absl::ToInt64Milliseconds(g.connect_timeout)) + '\n' + o.api_url + '\n' + o.api_key + '\n' + o.ca_file + '\n' + o.encoder.ToString() + '\n' +
         // Download tokens are shared per account: a file password or CDN choice keeps its own.
         o.file_password + '\n' + (o.cdn ? "cdn\n" : "\n") +
         std::to_string(absl::ToInt64Milliseconds(o.pacer_min_sleep)) + '\n' +
         std::to_string(absl::ToInt64Milliseconds(o.pacer_max_sleep)) + '\n' +
         std::to_string(absl::ToInt64Milliseconds(o.flood_pause)) + '\n' +
         std::to_string(absl::ToInt64Milliseconds(o.http_timeout));
}

absl::StatusOr<std::shared_ptr<Account>> MakeAccount(const FichierOptions& o,
                                                     const vfs::GlobalOptions& g) {
  rest::HttpClientOptions http = HttpOptionsFor(o, g);
  http.debug_log = [](std::string_view line) {
    // URLs in these lines may come from the service (download links): escaped like its text.
    vfs::Log(vfs::LogLevel::kDebug, "fichier", vfs::EscapeControlChars(line));
  };
  absl::StatusOr<std::unique_ptr<rest::HttpClient>> client = rest::HttpClient::Create(http);
  if (!client.ok()) return client.status();
  RestApiOptions rest_options;
  rest_options.api_url = o.api_url;
  rest_options.api_key = o.api_key;
  if (o.api_url.rfind("http://", 0) == 0) rest_options.node_scheme = "http";
  if (o.api_url != kDefaultApiUrl) {
    // A test server serves the shared-folder pages beside its API.
    std::string base = o.api_url;
    if (size_t v1 = base.rfind("/v1"); v1 != std::string::npos && v1 + 3 == base.size()) {
      base.resize(v1);
    }
    rest_options.shared_folder_url = base + "/dir/";
  }
  auto counter = std::make_shared<CallCounter>();
  auto stub = std::make_shared<RestApi>(std::shared_ptr<rest::HttpClient>(std::move(*client)),
                                        std::move(rest_options), counter);
  rest::PacerOptions pacing;
  pacing.min_sleep = o.pacer_min_sleep;
  pacing.burst = o.pacer_burst;
  pacing.max_sleep = std::max(o.pacer_max_sleep, o.pacer_min_sleep);
  pacing.flood_pause = o.flood_pause;
  pacing.max_flood_pause = std::max(o.flood_pause * 10, o.flood_pause);
  auto pacer = std::make_shared<rest::Pacer>(pacing);
  RetryingApiOptions retry;
  retry.policy.max_attempts = std::max(1, g.low_level_retries);  // --low-level-retries
  retry.debug_log = [](std::string_view line) {
    vfs::Log(vfs::LogLevel::kDebug, "fichier", line);
  };
  auto retrying = std::make_shared<RetryingApi>(stub, pacer, std::move(retry));
  UploaderOptions uploads;
  uploads.confirm_delay = pacing.max_sleep;
  std::unique_ptr<UploadJournal> journal;
  if (o.shared_folder.empty()) {  // a shared folder is read-only: nothing to record
    const std::string cache = vfs::CacheDir();
    journal = UploadJournal::Open(cache.empty() ? "" : cache + "/fichier",
                                  UploadJournal::AccountTag(o.api_url, o.api_key), absl::Now());
  }
  auto account =
      std::make_shared<Account>(retrying, counter, o.encoder, uploads, std::move(journal));
  // Outcome checks: a change whose answer was lost is repeated only if it did not happen.
  retrying->set_outcome_checks(MakeOutcomeChecks(*retrying, *account));
  return account;
}

absl::StatusOr<std::shared_ptr<Account>> SharedAccount(const FichierOptions& o) {
  static std::mutex mu;
  static auto* accounts = new std::map<std::string, std::weak_ptr<Account>>();
  std::lock_guard<std::mutex> lock(mu);
  const vfs::GlobalOptions global = vfs::GetGlobalOptions();
  std::string key = AccountKey(o, global);
  if (auto it = accounts->find(key); it != accounts->end()) {
    if (std::shared_ptr<Account> live = it->second.lock()) return live;
  }
  absl::StatusOr<std::shared_ptr<Account>> made = MakeAccount(o, global);
  if (!made.ok()) return made.status();
  (*accounts)[key] = *made;
  return made;
}

}  // namespace

absl::StatusOr<vfs::NewFsResult> FichierFs::NewFs(const vfs::FsParams& params) {
  absl::StatusOr<FichierOptions> options = ParseFichierOptions(params);
  if (!options.ok()) return options.status();
  absl::StatusOr<std::string> root = vfs::CleanPath(params.root);
  if (!root.ok()) return root.status();
  absl::StatusOr<std::shared_ptr<Account>> account = SharedAccount(*options);
  if (!account.ok()) return account.status();
  std::shared_ptr<FichierFs> fs = Create(params.name, *root, *options, *account);
  vfs::NewFsResult result{fs, ""};
  if (root->empty()) return result;
  if (!options->shared_folder.empty()) {
    // A shared folder has no sub-folders: a root names one of its files.
    if (root->find('/') != std::string::npos) return vfs::DirNotFound(*root);
    return vfs::NewFsResult{Create(params.name, "", *options, *account), *root};
  }
  // A root naming a file: an Fs at its parent, and the file's leaf.
  absl::StatusOr<int64_t> dir = (*account)->FolderId(*root, false);
  if (dir.ok() || !vfs::IsDirNotFound(dir.status())) {
    if (!dir.ok()) return dir.status();
    return result;
  }
  auto [parent, leaf] = vfs::SplitPath(*root);
  std::shared_ptr<FichierFs> parent_fs = Create(params.name, std::string(parent), *options, *account);
  absl::StatusOr<vfs::ObjectPtr> file = parent_fs->NewObject(leaf);
  if (file.ok()) return vfs::NewFsResult{parent_fs, std::string(leaf)};
  return result;
}

vfs::BackendInfo FichierBackendInfo() {
  vfs::BackendInfo info;
  info.name = "fichier";
  info.description = "1Fichier";
  info.options = FichierOptionDeclarations();
  info.factory = &FichierFs::NewFs;
  return info;
}

void Register() {
  (void)vfs::Registry::Global().Register(FichierBackendInfo());
  vfs::InstallUrlOpener(&OpenUrlWithCurl);
}

namespace {
const vfs::BackendRegistrar registrar(FichierBackendInfo());
// This backend carries an HTTP client: copyurl's download-then-upload fetches through it.
[[maybe_unused]] const bool url_opener_installed = (vfs::InstallUrlOpener(&OpenUrlWithCurl), true);
}  // namespace

}  // namespace backend::fichier
