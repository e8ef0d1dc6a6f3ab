#include "backend/fichier/rest_api.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "backend/fichier/answer_checks.h"
#include "backend/fichier/api_error.h"
#include "backend/fichier/url_parts.h"
#include "base/hex.h"
#include "base/json_writer.h"
#include "base/string_views.h"
#include "backend/rest/pacer.h"

namespace backend::fichier {
namespace {


void AttachRetryAfter(absl::Status& status, const rest::HttpHeaders& headers) {
  std::optional<std::string_view> value = rest::FindHeader(headers, "retry-after");
  int64_t seconds = 0;
  if (value.has_value() && absl::SimpleAtoi(base::ToAbsl(*value), &seconds) && seconds >= 0) {
    rest::SetRetryAfter(status, absl::Seconds(seconds));
  }
}

// Closes a request body's object; a field that is not valid UTF-8 is refused, never sent
// altered (a name changed by the writer would name another file).
absl::StatusOr<std::string> Finish(base::JsonWriter& body) {
  return std::move(body.EndObject()).TakeIfValid();
}

// An OK answer whose content cannot be used (answer_checks.h): never retried.
absl::Status BadAnswer(Endpoint endpoint, const absl::Status& why) {
  return absl::InvalidArgumentError(
      absl::StrCat(base::ToAbsl(EndpointName(endpoint)), ": bad answer: ", why.message()));
}

// The URLs of a move or copy: at least one, exactly one with a rename.
absl::Status CheckFileUrls(const char* endpoint, const std::vector<std::string>& urls,
                           const std::string& rename) {
  if (urls.empty()) return absl::InvalidArgumentError(absl::StrCat(endpoint, ": no file given"));
  if (!rename.empty() && urls.size() != 1) {
    return absl::InvalidArgumentError(absl::StrCat(endpoint, ": rename needs exactly one file"));
  }
  return absl::OkStatus();
}

}  // namespace

AnswerFormat DetectAnswerFormat(std::string_view content_type, std::string_view body) {
  const std::string type = absl::AsciiStrToLower(base::ToAbsl(content_type));
  absl::string_view trimmed = absl::StripLeadingAsciiWhitespace(base::ToAbsl(body));
  const bool looks_json = !trimmed.empty() && (trimmed[0] == '{' || trimmed[0] == '[');
  if (absl::StrContains(type, "json")) return AnswerFormat::kJson;
  // The real service's Content-Type for JSON is not documented (spec section 18): trust the
  // body when the header is missing or generic, and call anything else a page.
  if (looks_json) return AnswerFormat::kJson;
  if (absl::StrContains(type, "html") || (!trimmed.empty() && trimmed[0] == '<')) {
    return AnswerFormat::kHtml;
  }
  return AnswerFormat::kMalformed;
}

RestApi::RestApi(std::shared_ptr<rest::HttpClient> client, RestApiOptions options,
                 std::shared_ptr<CallCounter> counter)
    : client_(std::move(client)),
      options_(std::move(options)),
      counter_(counter ? std::move(counter) : std::make_shared<CallCounter>()) {
  while (!options_.api_url.empty() && options_.api_url.back() == '/') options_.api_url.pop_back();
}

rest::HttpHeaders RestApi::AuthHeaders(bool json) const {
  rest::HttpHeaders headers;
  if (!options_.api_key.empty()) {
    headers.emplace_back("Authorization", absl::StrCat("Bearer ", options_.api_key));
  }
  // Sent even on GET: the API misbehaves without it (spec section 2.2).
  if (json) headers.emplace_back("Content-Type", "application/json");
  return headers;
}

absl::StatusOr<std::string> RestApi::NodeUrl(const std::string& node,
                                             std::string_view path) const {
  if (!IsHostPort(node)) {
    return absl::InvalidArgumentError(absl::StrCat("invalid upload node \"", node, "\""));
  }
  return absl::StrCat(options_.node_scheme, "://", node, base::ToAbsl(path));
}

template <typename T>
absl::StatusOr<T> RestApi::Interpret(Endpoint endpoint, const rest::HttpResponse& response,
                                     Parser<T> parse) {
  Answer answer;
  answer.endpoint = EndpointName(endpoint);
  answer.http_status = response.status_code;
  answer.format = DetectAnswerFormat(response.content_type(), response.body);
  Envelope envelope;
  T out{};
  if (answer.format == AnswerFormat::kJson && !parse(response.body, envelope, out).ok()) {
    answer.format = AnswerFormat::kMalformed;
  }
  answer.has_status = envelope.has_status;
  answer.status = envelope.status;
  answer.message = envelope.message;
  absl::Status status = StatusFromAnswer(answer);
  if (!status.ok()) {
    AttachRetryAfter(status, response.headers);
    return status;
  }
  if (absl::Status bad = CheckAnswer(out); !bad.ok()) return BadAnswer(endpoint, bad);
  return out;
}

template <typename T>
absl::StatusOr<T> RestApi::PostJson(Endpoint endpoint, const absl::StatusOr<std::string>& body,
                                    Parser<T> parse) {
  if (!body.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(base::ToAbsl(EndpointName(endpoint)), ": ", body.status().message()));
  }
  rest::HttpRequest request;
  request.method = rest::HttpMethod::kPost;
  request.url = absl::StrCat(options_.api_url, "/", base::ToAbsl(EndpointName(endpoint)));
  request.headers = AuthHeaders(/*json=*/true);
  request.body = *body;
  counter_->Add(endpoint);
  absl::StatusOr<rest::HttpResponse> response = client_->Send(request);
  if (!response.ok()) return response.status();
  return Interpret(endpoint, *response, parse);
}

absl::StatusOr<UploadServer> RestApi::GetUploadServer() {
  rest::HttpRequest request;
  request.method = rest::HttpMethod::kGet;
  request.url = absl::StrCat(options_.api_url, "/", base::ToAbsl(EndpointName(Endpoint::kGetUploadServer)));
  request.headers = AuthHeaders(/*json=*/true);
  counter_->Add(Endpoint::kGetUploadServer);
  absl::StatusOr<rest::HttpResponse> response = client_->Send(request);
  if (!response.ok()) return response.status();
  absl::StatusOr<UploadServer> server =
      Interpret<UploadServer>(Endpoint::kGetUploadServer, *response, &ParseUploadServer);
  if (!server.ok()) return server;
  // Both values end up in URLs; refuse anything that is not what the service documents.
  if (!IsHostPort(server->url) || !IsAlnum(server->id) || server->id.size() > 32) {
    return absl::UnavailableError(absl::StrCat(
        "upload/get_upload_server.cgi: unexpected node \"", server->url, "\" or id"));
  }
  return server;
}

absl::StatusOr<UploadReceipt> RestApi::Upload(const UploadRequest& upload) {
  if (upload.files.empty()) return absl::InvalidArgumentError("upload.cgi: no file to send");
  if (!IsAlnum(upload.id)) return absl::InvalidArgumentError("upload.cgi: invalid upload id");
  absl::StatusOr<std::string> url = NodeUrl(upload.node, "/upload.cgi?id=" + upload.id);
  if (!url.ok()) return url.status();
  rest::MultipartRequest request;
  request.url = *url;
  request.headers = AuthHeaders(/*json=*/false);
  // rclone sends `did` before the file parts; the node's parser is strict (spec 5.2).
  if (upload.folder_id.has_value()) {
    request.parts.push_back(rest::MultipartPart::Field("did", absl::StrCat(*upload.folder_id)));
  }
  for (const UploadFile& file : upload.files) {
    request.parts.push_back(
        rest::MultipartPart::File("file[]", file.filename, file.source, file.size));
  }
  counter_->Add(Endpoint::kUpload);
  absl::StatusOr<rest::HttpResponse> response = client_->PostMultipart(request);
  if (!response.ok()) return response.status();
  const int code = response->status_code;
  if (code >= 300 && code < 400) {
    std::string xid =
        QueryParam(rest::FindHeader(response->headers, "location").value_or(""), "xid");
    return UploadReceipt{IsAlnum(xid) ? xid : upload.id};
  }
  if (code >= 200 && code < 300) return UploadReceipt{upload.id};
  Answer answer;
  answer.endpoint = EndpointName(Endpoint::kUpload);
  answer.http_status = code;
  answer.format = DetectAnswerFormat(response->content_type(), response->body);
  Envelope envelope;
  if (answer.format == AnswerFormat::kJson && !ParseEnvelopeOnly(response->body, envelope).ok()) {
    answer.format = AnswerFormat::kMalformed;
  }
  answer.has_status = envelope.has_status;
  answer.status = envelope.status;
  answer.message = envelope.message;
  return StatusFromAnswer(answer);
}

absl::StatusOr<UploadReport> RestApi::EndUpload(const std::string& node, const std::string& xid) {
  if (!IsAlnum(xid)) return absl::InvalidArgumentError("end.pl: invalid upload id");
  absl::StatusOr<std::string> url = NodeUrl(node, "/end.pl?xid=" + xid);
  if (!url.ok()) return url.status();
  rest::HttpRequest request;
  request.method = rest::HttpMethod::kGet;
  request.url = *url;
  request.headers = AuthHeaders(/*json=*/false);
  request.headers.emplace_back("JSON", "1");
  counter_->Add(Endpoint::kEndUpload);
  absl::StatusOr<rest::HttpResponse> response = client_->Send(request);
  if (!response.ok()) return response.status();
  absl::StatusOr<UploadReport> report =
      Interpret<UploadReport>(Endpoint::kEndUpload, *response, &ParseUploadReport);
  if (report.ok() && report->links.empty()) {
    // Seen on the real service right after an upload: the report is not ready yet.
    return absl::UnavailableError("end.pl: the upload report has no links yet");
  }
  return report;
}

absl::StatusOr<DownloadToken> RestApi::GetToken(const TokenRequest& request) {
  base::JsonWriter body;
  body.BeginObject().Field("url", request.url).Field("single", request.single ? 1 : 0);
  if (!request.password.empty()) body.Field("pass", request.password);
  if (request.cdn) body.Field("cdn", 1);
  absl::StatusOr<DownloadToken> token =
      PostJson<DownloadToken>(Endpoint::kGetToken, Finish(body), &ParseDownloadToken);
  if (token.ok() && token->url.empty()) {
    return absl::UnavailableError("download/get_token.cgi: answer without a URL");
  }
  return token;
}

absl::StatusOr<Download> RestApi::OpenDownload(const DownloadRequest& request) {
  counter_->Add(Endpoint::kDownload);
  // No Authorization here: the token is the credential, and the key need not travel to
  // download hosts.
  absl::StatusOr<std::unique_ptr<rest::DownloadStream>> stream =
      client_->Download(request.url, {}, request.range);
  if (!stream.ok()) return stream.status();
  const int code = (*stream)->status_code();
  if (code == 200 || code == 206) {
    if (code == 200 && request.range.has_value() && request.range->first > 0) {
      return absl::FailedPreconditionError(
          "download: the host ignored the Range header and sent the whole file");
    }
    Download download;
    download.status_code = code;
    download.size = (*stream)->content_length();
    download.body = std::move(*stream);
    return download;
  }
  absl::StatusOr<std::string> body = (*stream)->ReadRest(options_.max_error_body);
  Answer answer;
  answer.endpoint = EndpointName(Endpoint::kDownload);
  answer.http_status = code;
  answer.format = body.ok() ? DetectAnswerFormat((*stream)->content_type(), *body)
                            : AnswerFormat::kMalformed;
  Envelope envelope;
  if (answer.format == AnswerFormat::kJson && !ParseEnvelopeOnly(*body, envelope).ok()) {
    answer.format = AnswerFormat::kMalformed;
  }
  answer.has_status = envelope.has_status;
  answer.status = envelope.status;
  answer.message = envelope.message;
  absl::Status status = StatusFromAnswer(answer);
  if (status.ok()) status = absl::UnknownError(absl::StrCat("download: HTTP ", code));
  return status;
}

absl::StatusOr<FileList> RestApi::ListFiles(const FileListRequest& request) {
  base::JsonWriter body;
  body.BeginObject().Field("folder_id", request.folder_id);
  if (!request.sent_before.empty()) body.Field("sent_before", request.sent_before);
  if (!request.sent_after.empty()) body.Field("sent_after", request.sent_after);
  return PostJson<FileList>(Endpoint::kFileLs, Finish(body), &ParseFileList);
}

absl::StatusOr<FileInfo> RestApi::GetFileInfo(const FileInfoRequest& request) {
  base::JsonWriter body;
  body.BeginObject().Field("url", request.url);
  if (!request.password.empty()) body.Field("pass", request.password);
  return PostJson<FileInfo>(Endpoint::kFileInfo, Finish(body), &ParseFileInfo);
}

absl::StatusOr<RemoveFilesResult> RestApi::RemoveFiles(const std::vector<RemoveFile>& files) {
  if (files.empty()) return absl::InvalidArgumentError("file/rm.cgi: no file given");
  base::JsonWriter body;
  body.BeginObject().Key("files").BeginArray();
  for (const RemoveFile& file : files) {
    body.BeginObject().Field("url", file.url);
    if (!file.code.empty()) body.Field("code", file.code);
    body.EndObject();
  }
  body.EndArray();
  return PostJson<RemoveFilesResult>(Endpoint::kFileRm, Finish(body),
                                     &ParseRemoveFiles);
}

absl::StatusOr<MoveFilesResult> RestApi::MoveFiles(const MoveFilesRequest& request) {
  if (absl::Status s = CheckFileUrls("file/mv.cgi", request.urls, request.rename); !s.ok()) {
    return s;
  }
  base::JsonWriter body;
  body.BeginObject().Field("urls", request.urls).Field("destination_folder_id", request.destination_folder_id);
  // Omitted when unchanged: the service refuses a rename to the current name (spec 7.5).
  if (!request.rename.empty()) body.Field("rename", request.rename);
  return PostJson<MoveFilesResult>(Endpoint::kFileMv, Finish(body), &ParseMoveFiles);
}

absl::StatusOr<CopyFilesResult> RestApi::CopyFiles(const CopyFilesRequest& request) {
  if (absl::Status s = CheckFileUrls("file/cp.cgi", request.urls, request.rename); !s.ok()) {
    return s;
  }
  base::JsonWriter body;
  body.BeginObject().Field("urls", request.urls).Field("folder_id", request.folder_id);
  if (!request.rename.empty()) body.Field("rename", request.rename);
  if (!request.password.empty()) body.Field("pass", request.password);
  return PostJson<CopyFilesResult>(Endpoint::kFileCp, Finish(body), &ParseCopyFiles);
}

absl::StatusOr<RenameFilesResult> RestApi::RenameFiles(const std::vector<RenameFile>& files) {
  if (files.empty()) return absl::InvalidArgumentError("file/rename.cgi: no file given");
  base::JsonWriter body;
  body.BeginObject().Key("urls").BeginArray();
  for (const RenameFile& file : files) {
    body.BeginObject().Field("url", file.url).Field("filename", file.filename).EndObject();
  }
  body.EndArray().Field("pretty", 0);
  return PostJson<RenameFilesResult>(Endpoint::kFileRename, Finish(body),
                                     &ParseRenameFiles);
}

absl::StatusOr<FolderList> RestApi::ListFolder(const FolderListRequest& request) {
  base::JsonWriter body;
  body.BeginObject().Field("folder_id", request.folder_id);
  if (request.files) body.Field("files", 1);
  return PostJson<FolderList>(Endpoint::kFolderLs, Finish(body), &ParseFolderList);
}

absl::StatusOr<MkdirResult> RestApi::CreateFolder(const MkdirRequest& request) {
  base::JsonWriter body;
  body.BeginObject().Field("name", request.name).Field("folder_id", request.folder_id);
  absl::StatusOr<MkdirResult> result =
      PostJson<MkdirResult>(Endpoint::kFolderMkdir, Finish(body), &ParseMkdir);
  if (result.ok() && result->folder_id <= 0) {
    return absl::UnknownError("folder/mkdir.cgi: answer without a folder id");
  }
  return result;
}

absl::StatusOr<FolderRemoveResult> RestApi::RemoveFolder(int64_t folder_id) {
  if (folder_id <= 0) return absl::InvalidArgumentError("folder/rm.cgi: the root cannot go");
  base::JsonWriter body;
  body.BeginObject().Field("folder_id", folder_id);
  return PostJson<FolderRemoveResult>(Endpoint::kFolderRm, Finish(body),
                                      &ParseFolderRemove);
}

absl::StatusOr<FolderMoveResult> RestApi::MoveFolder(const FolderMoveRequest& request) {
  base::JsonWriter body;
  body.BeginObject().Field("folder_id", request.folder_id);
  if (request.destination_folder_id.has_value()) {
    body.Field("destination_folder_id", *request.destination_folder_id);
  }
  if (!request.rename.empty()) body.Field("rename", request.rename);
  return PostJson<FolderMoveResult>(Endpoint::kFolderMv, Finish(body),
                                    &ParseFolderMove);
}

absl::StatusOr<UserInfo> RestApi::GetUserInfo() {
  return PostJson<UserInfo>(Endpoint::kUserInfo, std::string("{}"), &ParseUserInfo);
}

absl::StatusOr<RemoteUploadJob> RestApi::RequestRemoteUpload(const RemoteUploadRequest& request) {
  if (request.urls.empty()) return absl::InvalidArgumentError("remote/request.cgi: no URL given");
  base::JsonWriter body;
  body.BeginObject().Field("urls", request.urls).Field("folder_id", request.folder_id);
  if (!request.headers.empty()) {
    body.Key("headers").BeginObject();
    for (const auto& [name, value] : request.headers) body.Field(name, value);
    body.EndObject();
  }
  absl::StatusOr<RemoteUploadJob> job = PostJson<RemoteUploadJob>(
      Endpoint::kRemoteRequest, Finish(body), &ParseRemoteUploadJob);
  if (job.ok() && job->id <= 0) {
    return absl::UnknownError("remote/request.cgi: answer without a job id");
  }
  return job;
}

absl::StatusOr<std::vector<RemoteUploadJob>> RestApi::ListRemoteUploads() {
  return PostJson<std::vector<RemoteUploadJob>>(Endpoint::kRemoteLs, std::string("{}"),
                                                &ParseRemoteUploadJobs);
}

absl::StatusOr<RemoteUploadInfo> RestApi::GetRemoteUploadInfo(int64_t id) {
  base::JsonWriter body;
  body.BeginObject().Field("id", id);
  return PostJson<RemoteUploadInfo>(Endpoint::kRemoteInfo, Finish(body),
                                    &ParseRemoteUploadInfo);
}

absl::StatusOr<std::vector<SharedFile>> RestApi::ListSharedFolder(
    const SharedFolderRequest& shared) {
  if (!IsAlnum(shared.folder)) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid shared folder id \"", shared.folder, "\""));
  }
  rest::HttpRequest request;
  request.url = options_.shared_folder_url + shared.folder;
  // The web site, not the API: no key is needed and none is sent.
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  if (shared.password.empty()) {
    request.method = rest::HttpMethod::kGet;
    request.url += "?json=1";
  } else {
    request.method = rest::HttpMethod::kPost;
    request.body = "json=1&pass=" + UrlEncode(shared.password);
  }
  counter_->Add(Endpoint::kSharedFolderLs);
  absl::StatusOr<rest::HttpResponse> response = client_->Send(request);
  if (!response.ok()) return response.status();
  Answer answer;
  answer.endpoint = EndpointName(Endpoint::kSharedFolderLs);
  answer.http_status = response->status_code;
  answer.format = DetectAnswerFormat(response->content_type(), response->body);
  std::vector<SharedFile> files;
  Envelope envelope;
  if (answer.format == AnswerFormat::kJson) {
    absl::string_view trimmed = absl::StripLeadingAsciiWhitespace(base::ToAbsl(response->body));
    const bool is_array = !trimmed.empty() && trimmed[0] == '[';
    absl::Status parsed = is_array
                              ? ParseSharedFolder(response->body, files)
                              : ParseEnvelopeOnly(response->body, envelope);
    if (!parsed.ok()) answer.format = AnswerFormat::kMalformed;
    // An object where the array was due is an error envelope, never a listing.
    if (parsed.ok() && !is_array && envelope.status.empty()) {
      answer.format = AnswerFormat::kMalformed;
    }
  }
  answer.has_status = envelope.has_status;
  answer.status = envelope.status;
  answer.message = envelope.message;
  absl::Status status = StatusFromAnswer(answer);
  if (!status.ok()) return status;
  if (absl::Status bad = CheckAnswer(files); !bad.ok()) {
    return BadAnswer(Endpoint::kSharedFolderLs, bad);
  }
  return files;
}

}  // namespace backend::fichier
