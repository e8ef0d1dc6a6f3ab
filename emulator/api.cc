#include "emulator/api.h"

#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "emulator/api_error.h"
#include "base/json_writer.h"

namespace emulator {
namespace {

#define EMU_CAT2(a, b) a##b
#define EMU_CAT(a, b) EMU_CAT2(a, b)
#define EMU_ASSIGN_OR_RETURN(lhs, expr) \
  EMU_ASSIGN_OR_RETURN_IMPL(EMU_CAT(status_or_, __LINE__), lhs, expr)
#define EMU_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(*tmp)

absl::Status Missing(absl::string_view field) {
  return absl::InvalidArgumentError(absl::StrCat("missing field '", field, "'"));
}

// A wire message ends with " #<digits>"; statuses without one are request-shape errors whose
// detail is for the log only.
bool HasWireCode(absl::string_view message) {
  const size_t hash = message.rfind('#');
  if (hash == absl::string_view::npos || hash + 1 == message.size()) return false;
  for (char c : message.substr(hash + 1)) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string OkStatusBody(bool pretty) {
  base::JsonWriter w(pretty);
  w.BeginObject().Field("status", "OK").EndObject();
  return w.Take();
}

// {"status":"OK","<count_key>":N,"urls":[...],"filename":...}: what the file calls acting on
// several URLs answer (rm, mv, cp, rename, chattr); `write_url` writes one element of "urls",
// and "filename" is there when a rename was asked.
template <typename Url, typename WriteUrl>
std::string OkUrlsBody(bool pretty, std::string_view count_key, const std::vector<Url>& urls,
                       WriteUrl write_url, const std::optional<std::string>& filename) {
  base::JsonWriter w(pretty);
  w.BeginObject().Field("status", "OK").Field(count_key, static_cast<int64_t>(urls.size()));
  w.Key("urls").BeginArray();
  for (const Url& u : urls) write_url(w, u);
  w.EndArray();
  if (filename) w.Field("filename", *filename);
  w.EndObject();
  return w.Take();
}

// The same with the URLs as plain strings.
std::string OkUrlsBody(bool pretty, std::string_view count_key,
                       const std::vector<std::string>& urls,
                       const std::optional<std::string>& filename = std::nullopt) {
  return OkUrlsBody(
      pretty, count_key, urls, [](base::JsonWriter& w, const std::string& u) { w.String(u); },
      filename);
}

}  // namespace

std::string KoBody(absl::string_view message) {
  base::JsonWriter w;
  w.BeginObject().Field("status", "KO").Field("message", message).EndObject();
  return w.Take();
}

Api::Api(const Options& options, Store* store, RateLimiter* limiter, const ParisClock* clock)
    : options_(options), store_(store), limiter_(limiter), clock_(clock) {
  routes_ = {
      {"/v1/upload/get_upload_server.cgi", {&Api::GetUploadServer, false, false}},
      {"/v1/download/get_token.cgi", {&Api::GetToken, true, true}},
      {"/v1/file/ls.cgi", {&Api::FileList, true, true}},
      {"/v1/file/info.cgi", {&Api::FileInfo, true, true}},
      {"/v1/file/scan.cgi", {&Api::FileScan, true, true}},
      {"/v1/file/rm.cgi", {&Api::FileRemove, true, true}},
      {"/v1/file/mv.cgi", {&Api::FileMove, true, true}},
      {"/v1/file/cp.cgi", {&Api::FileCopy, true, true}},
      {"/v1/file/rename.cgi", {&Api::FileRename, true, true}},
      {"/v1/file/chattr.cgi", {&Api::FileChattr, true, true}},
      {"/v1/folder/ls.cgi", {&Api::FolderList, true, true}},
      {"/v1/folder/mkdir.cgi", {&Api::FolderMkdir, true, true}},
      {"/v1/folder/rm.cgi", {&Api::FolderRemove, true, true}},
      {"/v1/folder/mv.cgi", {&Api::FolderMove, true, true}},
      {"/v1/folder/share.cgi", {&Api::FolderShare, true, true}},
      {"/v1/user/info.cgi", {&Api::UserInfo, true, true}},
      {"/v1/remote/request.cgi", {&Api::RemoteRequest, true, true}},
      {"/v1/remote/ls.cgi", {&Api::RemoteList, true, true}},
      {"/v1/remote/info.cgi", {&Api::RemoteInfo, true, true}},
  };
}

void Api::SetPublicHost(std::string host_port, std::string scheme) {
  public_host_ = std::move(host_port);
  scheme_ = std::move(scheme);
}

ApiReply Api::Handle(const ApiRequest& r) {
  ApiReply reply;
  auto fail = [&](const absl::Status& s) {
    reply.status = HttpStatusFor(s);
    if (s.code() == absl::StatusCode::kInvalidArgument && !HasWireCode(s.message())) {
      reply.note = std::string(s.message());
      reply.body = KoBody(BadRequest().message());
    } else {
      reply.body = KoBody(s.message());
    }
    return reply;
  };

  std::string key;
  const bool has_auth = !absl::StripAsciiWhitespace(r.authorization).empty();
  if (has_auth) {
    absl::string_view auth = absl::StripAsciiWhitespace(r.authorization);
    if (absl::StartsWithIgnoreCase(auth, "Bearer ")) {
      key = std::string(absl::StripAsciiWhitespace(auth.substr(7)));
    }
  }
  if (auto s = limiter_->Admit(r.client_ip, key, r.endpoint); !s.ok()) return fail(s);

  auto route = routes_.find(r.endpoint);
  if (route == routes_.end()) return fail(UnknownEndpoint());

  Call c;
  c.endpoint = r.endpoint;
  c.key = key;
  if (has_auth) {
    auto account = store_->AccountForKey(key);
    if (!account) return fail(NotAuthenticated());
    c.account = *account;
  } else if (route->second.needs_key) {
    return fail(NotAuthenticated());
  }
  if (route->second.paid && !store_->IsPremium(c.account)) return fail(MustBeCustomer());

  auto json = RequestJson::Parse(r.body);
  if (!json.ok()) return fail(json.status());
  c.json = &json->root();
  if (auto pretty = c.json->Int("pretty"); pretty.ok() && pretty->value_or(0) == 1) {
    c.pretty = true;
  }
  if (r.fault && r.fault->kind == FaultKind::kLag) c.lag = absl::Milliseconds(r.fault->arg);

  auto body = (this->*(route->second.handler))(c);
  if (!body.ok()) return fail(body.status());
  reply.body = std::move(*body);
  return reply;
}

void Api::WriteFileItem(base::JsonWriter& w, const FileView& f) const {
  w.BeginObject()
      .Field("url", f.url)
      .Field("filename", f.name)
      .Field("size", f.size)
      .Field("date", clock_->Format(f.date))
      .Field("checksum", f.checksum)
      .Field("content-type", f.content_type)
      .Field("pass", f.has_password ? 1 : 0)
      .Field("acl", f.acl_json.empty() ? 0 : 1)
      .Field("cdn", f.cdn ? 1 : 0)
      .EndObject();
}

// ------------------------------------------------------------------------ upload/download

absl::StatusOr<std::string> Api::GetUploadServer(const Call& c) {
  const int account = c.account < 0 ? store_->anonymous_account() : c.account;
  const std::string id = store_->NewUploadSession(account);
  base::JsonWriter w(c.pretty);
  w.BeginObject().Field("url", public_host_).Field("id", id).EndObject();
  return w.Take();
}

absl::StatusOr<std::string> Api::GetToken(const Call& c) {
  EMU_ASSIGN_OR_RETURN(auto url, c.json->String("url"));
  EMU_ASSIGN_OR_RETURN(auto pass, c.json->String("pass"));
  EMU_ASSIGN_OR_RETURN(auto single, c.json->Int("single"));
  EMU_ASSIGN_OR_RETURN(auto inline_, c.json->Int("inline"));
  EMU_ASSIGN_OR_RETURN(auto no_ssl, c.json->Int("no_ssl"));
  EMU_ASSIGN_OR_RETURN(auto cdn, c.json->Int("cdn"));
  EMU_ASSIGN_OR_RETURN(auto restrict_ip, c.json->Int("restrict_ip"));
  (void)cdn;
  (void)restrict_ip;
  if (!url) {
    // folder_id + filename (groupware shares with hidden links) is not emulated.
    return Missing("url");
  }
  EMU_ASSIGN_OR_RETURN(std::string token, store_->CreateToken(c.account, *url, pass,
                                                              single.value_or(0) == 1,
                                                              inline_.value_or(0) == 1));
  const std::string scheme = no_ssl.value_or(0) == 1 ? "http" : scheme_;
  base::JsonWriter w(c.pretty);
  w.BeginObject()
      .Field("url", absl::StrCat(scheme, "://", public_host_, "/", token))
      .Field("status", "OK")
      .EndObject();
  return w.Take();
}

// ---------------------------------------------------------------------------------- files

absl::StatusOr<std::string> Api::FileList(const Call& c) {
  EMU_ASSIGN_OR_RETURN(auto folder_id, c.json->Int("folder_id"));
  EMU_ASSIGN_OR_RETURN(auto before, c.json->String("sent_before"));
  EMU_ASSIGN_OR_RETURN(auto after, c.json->String("sent_after"));
  std::optional<absl::Time> sent_before, sent_after;
  if (before && !before->empty()) {
    sent_before = clock_->Parse(*before);
    if (!sent_before) return absl::InvalidArgumentError("sent_before is not a date");
  }
  if (after && !after->empty()) {
    sent_after = clock_->Parse(*after);
    if (!sent_after) return absl::InvalidArgumentError("sent_after is not a date");
  }
  const int64_t folder = folder_id.value_or(0);
  if (folder < -1) return ResourceNotFound();
  if (auto s = limiter_->AdmitListing(c.key, c.endpoint, folder); !s.ok()) return s;
  EMU_ASSIGN_OR_RETURN(auto files,
                       store_->ListFiles(c.account, folder, sent_before, sent_after, c.lag));
  base::JsonWriter w(c.pretty);
  w.BeginObject().Field("status", "OK").Field("count", static_cast<int64_t>(files.size()));
  w.Key("items").BeginArray();
  for (const FileView& f : files) WriteFileItem(w, f);
  w.EndArray().EndObject();
  return w.Take();
}

absl::StatusOr<std::string> Api::FileInfo(const Call& c) {
  EMU_ASSIGN_OR_RETURN(auto url, c.json->String("url"));
  EMU_ASSIGN_OR_RETURN(auto pass, c.json->String("pass"));
  if (!url) return Missing("url");
  EMU_ASSIGN_OR_RETURN(FileView f, store_->FileInfo(c.account, *url, pass));
  base::JsonWriter w(c.pretty);
  w.BeginObject()
      .Field("url", f.url)
      .Field("filename", f.name)
      .Field("size", f.size)
      .Field("date", clock_->Format(f.date))
      .Field("folder_id", f.folder_id)
      .Field("path", f.path)
      .Field("checksum", f.checksum)
      .Field(options_.content_type_underscore ? "content_type" : "content-type", f.content_type)
      .Field("description", f.description)
      .Field("pass", f.has_password ? 1 : 0)
      .Field("no_ssl", f.no_ssl ? 1 : 0)
      .Field("inline", f.inline_ ? 1 : 0)
      .Field("cdn", f.cdn ? 1 : 0);
  if (!f.acl_json.empty()) w.Key("acl").Raw(f.acl_json);
  w.EndObject();
  return w.Take();
}

absl::StatusOr<std::string> Api::FileScan(const Call& c) {
  EMU_ASSIGN_OR_RETURN(auto url, c.json->String("url"));
  if (!url) return Missing("url");
  EMU_ASSIGN_OR_RETURN(FileView f, store_->FileInfo(c.account, *url, std::nullopt));
  (void)f;
  return OkStatusBody(c.pretty);
}

absl::StatusOr<std::string> Api::FileRemove(const Call& c) {
  EMU_ASSIGN_OR_RETURN(auto files, c.json->ObjectArray("files"));
  if (!files || files->empty()) return Missing("files");
  std::vector<Store::RemoveRequest> requests;
  for (const JsonObject& f : *files) {
    EMU_ASSIGN_OR_RETURN(auto url, f.String("url"));
    EMU_ASSIGN_OR_RETURN(auto code, f.String("code"));
    if (!url) return Missing("files[].url");
    requests.push_back({*url, code.value_or("")});
  }
  EMU_ASSIGN_OR_RETURN(auto removed, store_->RemoveFiles(c.account, requests));
  return OkUrlsBody(c.pretty, "removed", removed);
}

absl::StatusOr<std::string> Api::FileMove(const Call& c) {
  EMU_ASSIGN_OR_RETURN(auto urls, c.json->StringArray("urls"));
  EMU_ASSIGN_OR_RETURN(auto destination, c.json->Int("destination_folder_id"));
  EMU_ASSIGN_OR_RETURN(auto rename, c.json->String("rename"));
  if (!urls || urls->empty()) return Missing("urls");
  if (!destination) return Missing("destination_folder_id");
  if (rename && rename->empty()) rename.reset();
  EMU_ASSIGN_OR_RETURN(auto moved, store_->MoveFiles(c.account, *urls, *destination, rename));
  return OkUrlsBody(c.pretty, "moved", moved, rename);
}

absl::StatusOr<std::string> Api::FileCopy(const Call& c) {
  EMU_ASSIGN_OR_RETURN(auto urls, c.json->StringArray("urls"));
  EMU_ASSIGN_OR_RETURN(auto folder_id, c.json->Int("folder_id"));
  EMU_ASSIGN_OR_RETURN(auto rename, c.json->String("rename"));
  EMU_ASSIGN_OR_RETURN(auto pass, c.json->String("pass"));
  if (!urls || urls->empty()) return Missing("urls");
  if (rename && rename->empty()) rename.reset();
  EMU_ASSIGN_OR_RETURN(auto copied,
                       store_->CopyFiles(c.account, *urls, folder_id.value_or(0), rename, pass));
  return OkUrlsBody(
      c.pretty, "copied", copied,
      [](base::JsonWriter& w, const Store::CopyResult& r) {
        w.BeginObject().Field("from_url", r.from_url).Field("to_url", r.to_url).EndObject();
      },
      rename);
}

absl::StatusOr<std::string> Api::FileRename(const Call& c) {
  EMU_ASSIGN_OR_RETURN(auto urls, c.json->ObjectArray("urls"));
  if (!urls || urls->empty()) return Missing("urls");
  std::vector<std::pair<std::string, std::string>> renames;
  for (const JsonObject& o : *urls) {
    EMU_ASSIGN_OR_RETURN(auto url, o.String("url"));
    EMU_ASSIGN_OR_RETURN(auto filename, o.String("filename"));
    if (!url) return Missing("urls[].url");
    if (!filename) return Missing("urls[].filename");
    renames.emplace_back(*url, *filename);
  }
  EMU_ASSIGN_OR_RETURN(auto renamed, store_->RenameFiles(c.account, renames));
  return OkUrlsBody(
      c.pretty, "renamed", renamed,
      [](base::JsonWriter& w, const Store::RenameResult& r) {
        w.BeginObject()
            .Field("url", r.url)
            .Field("old_filename", r.old_name)
            .Field("new_filename", r.new_name)
            .EndObject();
      },
      std::nullopt);
}

absl::StatusOr<std::string> Api::FileChattr(const Call& c) {
  EMU_ASSIGN_OR_RETURN(auto urls, c.json->StringArray("urls"));
  if (!urls || urls->empty()) return Missing("urls");
  Store::Attributes a;
  EMU_ASSIGN_OR_RETURN(a.filename, c.json->String("filename"));
  EMU_ASSIGN_OR_RETURN(a.description, c.json->String("description"));
  EMU_ASSIGN_OR_RETURN(a.pass, c.json->String("pass"));
  EMU_ASSIGN_OR_RETURN(auto no_ssl, c.json->Int("no_ssl"));
  EMU_ASSIGN_OR_RETURN(auto inline_, c.json->Int("inline"));
  EMU_ASSIGN_OR_RETURN(auto cdn, c.json->Int("cdn"));
  if (no_ssl) a.no_ssl = *no_ssl != 0;
  if (inline_) a.inline_ = *inline_ != 0;
  if (cdn) a.cdn = *cdn != 0;
  if (auto acl = c.json->RawJson("acl")) {
    // {} or an empty list removes the restrictions; anything else must be an object.
    if (*acl != "[]" && *acl != "0" && (acl->empty() || (*acl)[0] != '{')) {
      return absl::InvalidArgumentError("field 'acl' must be an object");
    }
    a.acl_json = *acl == "0" ? "{}" : *acl;
  }
  EMU_ASSIGN_OR_RETURN(auto updated, store_->ChangeAttributes(c.account, *urls, a));
  return OkUrlsBody(c.pretty, "updated", updated);
}

// -------------------------------------------------------------------------------- folders

absl::StatusOr<std::string> Api::FolderList(const Call& c) {
  EMU_ASSIGN_OR_RETURN(auto folder_id, c.json->Int("folder_id"));
  EMU_ASSIGN_OR_RETURN(auto files, c.json->Int("files"));
  const int64_t folder = folder_id.value_or(0);
  if (folder < 0) return ResourceNotFound();
  if (auto s = limiter_->AdmitListing(c.key, c.endpoint, folder); !s.ok()) return s;
  EMU_ASSIGN_OR_RETURN(FolderListing l,
                       store_->ListFolder(c.account, folder, files.value_or(0) == 1, c.lag));
  base::JsonWriter w(c.pretty);
  w.BeginObject()
      .Field("status", "OK")
      .Field("folder_id", l.folder.id)
      .Field("name", l.folder.name)
      .Field("create_date", clock_->Format(l.folder.created))
      .Field("pass", l.folder.has_password ? 1 : 0);
  if (!l.folder.share_url.empty()) w.Field("shared", l.folder.share_url);
  w.Field("files", l.file_count).Field("size", l.total_size);
  w.Key("sub_folders").BeginArray();
  for (const FolderView& f : l.sub_folders) {
    w.BeginObject()
        .Field("id", f.id)
        .Field("name", f.name)
        .Field("create_date", clock_->Format(f.created))
        .Field("pass", f.has_password ? 1 : 0)
        .EndObject();
  }
  w.EndArray();
  if (files.value_or(0) == 1) {
    w.Key("items").BeginArray();
    for (const FileView& f : l.files) WriteFileItem(w, f);
    w.EndArray();
  }
  w.EndObject();
  return w.Take();
}

absl::StatusOr<std::string> Api::FolderMkdir(const Call& c) {
  EMU_ASSIGN_OR_RETURN(auto name, c.json->String("name"));
  EMU_ASSIGN_OR_RETURN(auto folder_id, c.json->Int("folder_id"));
  if (!name) return Missing("name");
  EMU_ASSIGN_OR_RETURN(FolderView f,
                       store_->MakeFolder(c.account, folder_id.value_or(0), *name));
  base::JsonWriter w(c.pretty);
  w.BeginObject().Field("status", "OK").Field("folder_id", f.id).Field("name", f.name).EndObject();
  return w.Take();
}

absl::StatusOr<std::string> Api::FolderRemove(const Call& c) {
  EMU_ASSIGN_OR_RETURN(auto folder_id, c.json->Int("folder_id"));
  if (!folder_id) return Missing("folder_id");
  if (auto s = store_->RemoveFolder(c.account, *folder_id); !s.ok()) return s;
  base::JsonWriter w(c.pretty);
  w.BeginObject().Field("status", "OK").Field("message", "Folder removed").EndObject();
  return w.Take();
}

absl::StatusOr<std::string> Api::FolderMove(const Call& c) {
  EMU_ASSIGN_OR_RETURN(auto folder_id, c.json->Int("folder_id"));
  EMU_ASSIGN_OR_RETURN(auto destination, c.json->Int("destination_folder_id"));
  EMU_ASSIGN_OR_RETURN(auto rename, c.json->String("rename"));
  EMU_ASSIGN_OR_RETURN(auto destination_user, c.json->String("destination_user"));
  (void)destination_user;
  if (!folder_id) return Missing("folder_id");
  EMU_ASSIGN_OR_RETURN(auto moved, store_->MoveFolder(c.account, *folder_id,
                                                      destination.value_or(0), rename));
  base::JsonWriter w(c.pretty);
  w.BeginObject()
      .Field("status", "OK")
      .Field("message", moved.old_name == moved.new_name ? "Folder moved" : "Folder renamed")
      .Field("old_name", moved.old_name)
      .Field("new_name", moved.new_name)
      .EndObject();
  return w.Take();
}

absl::StatusOr<std::string> Api::FolderShare(const Call& c) {
  EMU_ASSIGN_OR_RETURN(auto folder_id, c.json->Int("folder_id"));
  EMU_ASSIGN_OR_RETURN(auto share, c.json->Int("share"));
  EMU_ASSIGN_OR_RETURN(auto pass, c.json->String("pass"));
  if (!folder_id) return Missing("folder_id");
  EMU_ASSIGN_OR_RETURN(std::string url,
                       store_->ShareFolder(c.account, *folder_id, share.value_or(0) == 1, pass,
                                           c.json->RawJson("shares")));
  base::JsonWriter w(c.pretty);
  w.BeginObject().Field("status", "OK");
  if (!url.empty()) w.Field("url", url);
  w.Field("message", url.empty() ? "Folder not shared" : "Folder shared").EndObject();
  return w.Take();
}

// ----------------------------------------------------------------------------------- user

absl::StatusOr<std::string> Api::UserInfo(const Call& c) {
  // Settings given in the body change them (spec §9.1).
  static constexpr absl::string_view kSettings[] = {
      "ftp_mode",    "ftp_did",          "ftp_report", "ru_report",   "default_domain",
      "page_limit",  "default_port",     "default_port_files", "use_cdn", "download_menu"};
  for (absl::string_view s : kSettings) {
    EMU_ASSIGN_OR_RETURN(auto v, c.json->Int(s));
    if (v) store_->SetSetting(c.account, s, *v);
  }
  auto setting = [&](absl::string_view name, int64_t def = 0) {
    return store_->Setting(c.account, name, def);
  };
  auto str = [](int64_t v) { return absl::StrCat(v); };
  const Store::Usage usage = store_->AccountUsage(c.account);
  const absl::Time now = store_->Now();
  const uint64_t available = options_.available_cold_storage;
  base::JsonWriter w(c.pretty);
  w.BeginObject()
      .Field("status", "OK")
      .Field("email", store_->Email(c.account))
      .Field("offer", store_->IsPremium(c.account) ? "1" : "0")
      .Field("2fa", "0")
      .Field("mail_rm", "0")
      .Field("ftp_mode", str(setting("ftp_mode")))
      .Field("ftp_did", setting("ftp_did"))
      .Field("ftp_report", str(setting("ftp_report")))
      .Field("ru_report", str(setting("ru_report")))
      .Field("default_domain", setting("default_domain"))
      .Field("page_limit", setting("page_limit", 100))
      .Field("default_port", str(setting("default_port")))
      .Field("default_port_files", str(setting("default_port_files")))
      .Field("use_cdn", str(setting("use_cdn")))
      .Field("download_menu", str(setting("download_menu")))
      .Field("cdn", "0")
      .Field("subscription_end", clock_->Format(now + absl::Hours(24 * 365)))
      .Field("stats_date", clock_->Format(now))
      .Field("default_quota", 0)
      .Field("default_cold_storage_quota", 0)
      .Field("hot_storage", 0)
      .Field("cold_storage", usage.bytes)
      .Field("allowed_cold_storage", available)
      .Field("available_cold_storage", available)
      .Field("available_storage", available > usage.bytes ? available - usage.bytes : 0)
      .Field("overquota", usage.bytes > available ? 1 : 0)
      .Field("upload_forbidden", usage.bytes > available ? "1" : "0")
      .EndObject();
  return w.Take();
}

// ------------------------------------------------------------------------- remote upload

absl::StatusOr<std::string> Api::RemoteRequest(const Call& c) {
  EMU_ASSIGN_OR_RETURN(auto urls, c.json->StringArray("urls"));
  EMU_ASSIGN_OR_RETURN(auto folder_id, c.json->Int("folder_id"));
  if (!urls || urls->empty()) return Missing("urls");
  for (const std::string& u : *urls) {
    if (!absl::StartsWith(u, "http://") && !absl::StartsWith(u, "https://") &&
        !absl::StartsWith(u, "ftp://")) {
      return absl::InvalidArgumentError("urls must be http, https or ftp URLs");
    }
  }
  const int64_t folder = folder_id.value_or(0);
  if (auto s = store_->CheckFolder(c.account, folder); !s.ok()) return s;
  // Headers come as an object {"Name": "value"} [Dt:rb] or a list of "Name: value" [C:php].
  std::vector<std::pair<std::string, std::string>> headers;
  if (auto object = c.json->Object("headers"); object.ok() && object->has_value()) {
    headers = (*object)->StringMembers();
  } else if (auto list = c.json->StringArray("headers"); list.ok() && list->has_value()) {
    for (const std::string& line : **list) {
      const size_t colon = line.find(':');
      if (colon == std::string::npos) return absl::InvalidArgumentError("bad header line");
      headers.emplace_back(std::string(absl::StripAsciiWhitespace(line.substr(0, colon))),
                           std::string(absl::StripAsciiWhitespace(line.substr(colon + 1))));
    }
  } else if (c.json->RawJson("headers")) {
    return absl::InvalidArgumentError("field 'headers' must be an object or a list");
  }
  const int64_t id = store_->AddRemoteJob(c.account, folder, *urls, headers);
  if (remote_listener_) remote_listener_();
  auto job = store_->GetRemoteJob(c.account, id);
  base::JsonWriter w(c.pretty);
  w.BeginObject().Field("status", "OK").Field("id", id).Field("date", clock_->Format(job->requested));
  w.Key("urls").BeginArray();
  for (const std::string& u : job->urls) w.String(u);
  w.EndArray();
  w.Key("headers").BeginObject();
  for (const auto& [name, value] : job->headers) w.Field(name, value);
  w.EndObject().EndObject();
  return w.Take();
}

absl::StatusOr<std::string> Api::RemoteList(const Call& c) {
  base::JsonWriter w(c.pretty);
  w.BeginObject().Field("status", "OK").Key("data").BeginArray();
  for (const RemoteJob& j : store_->RemoteJobs(c.account)) {
    w.BeginObject()
        .Field("id", j.id)
        .Field("request_date", clock_->Format(j.requested))
        .Field("execution_date", j.executed ? clock_->Format(*j.executed) : std::string())
        .EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

absl::StatusOr<std::string> Api::RemoteInfo(const Call& c) {
  EMU_ASSIGN_OR_RETURN(auto id, c.json->Int("id"));
  if (!id) return Missing("id");
  auto job = store_->GetRemoteJob(c.account, *id);
  if (!job) return ResourceNotFound();
  base::JsonWriter w(c.pretty);
  w.BeginObject()
      .Field("status", "OK")
      .Field("id", job->id)
      .Field("request_date", clock_->Format(job->requested))
      .Field("execution_date", job->executed ? clock_->Format(*job->executed) : std::string());
  w.Key("links").BeginArray();
  for (const std::string& u : job->urls) w.String(u);
  w.EndArray();
  w.Key("result").BeginArray();
  for (const RemoteJobResult& r : job->results) {
    w.BeginObject()
        .Field("status", r.ok ? "OK" : "KO")
        .Field("url", r.url)
        .Field("download_link", r.download_link)
        .Field("message", r.message)
        .EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

}  // namespace emulator
