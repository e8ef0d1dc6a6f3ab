#include "backend/fichier/api_error.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/string_views.h"
#include "backend/rest/transport_error.h"
#include "vfs/config/control_chars.h"

namespace backend::fichier {
namespace {


constexpr absl::string_view kCodePayload = "backend.fichier/code";
constexpr absl::string_view kHtmlPayload = "backend.fichier/html";

struct Rule {
  std::string_view text;  // matched case-insensitively inside the message; "" = code only
  int codes[3];           // 0 = unused
  absl::StatusCode status;
  std::string_view hint;
};

// Message text first (numbers are diagnostic tags that change), then the code.
constexpr Rule kRules[] = {
    {"flood detected", {374, 412, 38}, absl::StatusCode::kResourceExhausted,
     "1fichier's flood protection locked this IP or account; calls are paused before retrying"},
    {"", {223, 0, 0}, absl::StatusCode::kResourceExhausted,
     "1fichier's flood protection locked this account; calls are paused before retrying"},
    {"ip locked", {0, 0, 0}, absl::StatusCode::kResourceExhausted,
     "1fichier locked this IP for a while; calls are paused before retrying"},
    {"not authenticated", {247, 0, 0}, absl::StatusCode::kUnauthenticated,
     "the API key is missing or wrong: create one at https://1fichier.com/console/params.pl "
     "and set api_key"},
    {"no such user", {93, 142, 0}, absl::StatusCode::kUnauthenticated,
     "1fichier does not know the account of this API key: check api_key"},
    {"", {186, 0, 0}, absl::StatusCode::kPermissionDenied,
     "1fichier blocked this IP address: wait, or check the account's IP restrictions"},
    {"must be a customer", {200, 236, 0}, absl::StatusCode::kPermissionDenied,
     "the 1fichier API needs a Premium or Access account"},
    {"invalid password", {0, 0, 0}, absl::StatusCode::kPermissionDenied,
     "the file password is wrong: set file_password"},
    {"password not provided", {0, 0, 0}, absl::StatusCode::kPermissionDenied,
     "the file is password protected: set file_password"},
    {"resource not allowed", {631, 0, 0}, absl::StatusCode::kPermissionDenied,
     "access to this file is restricted"},
    {"owner locked", {620, 0, 0}, absl::StatusCode::kPermissionDenied,
     "the owner's account of this file is locked"},
    {"only 1 location", {887, 0, 0}, absl::StatusCode::kPermissionDenied,
     "the API key is in use from another IP address at the same time"},
    {"must have cdn", {913, 0, 0}, absl::StatusCode::kPermissionDenied,
     "1fichier refuses downloads from this network without CDN credits: set cdn = true"},
    {"resource not found", {469, 0, 0}, absl::StatusCode::kNotFound, ""},
    {"not found", {0, 0, 0}, absl::StatusCode::kNotFound, ""},
    {"already exist", {0, 0, 0}, absl::StatusCode::kAlreadyExists, ""},
    {"not empty", {0, 0, 0}, absl::StatusCode::kFailedPrecondition, ""},
    {"no file has been renamed", {312, 0, 0}, absl::StatusCode::kInvalidArgument,
     "the new name equals the current one"},
    {"bad request", {0, 0, 0}, absl::StatusCode::kInvalidArgument, ""},
};

const Rule* MatchRule(std::string_view message, std::optional<int> code) {
  const std::string lower = absl::AsciiStrToLower(base::ToAbsl(message));
  for (const Rule& rule : kRules) {
    if (!rule.text.empty() && absl::StrContains(lower, base::ToAbsl(rule.text))) return &rule;
  }
  if (code.has_value()) {
    for (const Rule& rule : kRules) {
      for (int c : rule.codes) {
        if (c != 0 && c == *code) return &rule;
      }
    }
  }
  return nullptr;
}

absl::StatusCode CodeFromHttp(int http_status) {
  if (http_status == 401) return absl::StatusCode::kUnauthenticated;
  if (http_status == 403) return absl::StatusCode::kPermissionDenied;
  if (http_status == 404 || http_status == 410) return absl::StatusCode::kNotFound;
  if (http_status == 429) return absl::StatusCode::kResourceExhausted;
  if (http_status == 400 || http_status == 416) return absl::StatusCode::kInvalidArgument;
  if (rest::IsRetryableHttpStatus(http_status)) return absl::StatusCode::kUnavailable;
  if (http_status >= 500) return absl::StatusCode::kUnavailable;
  return absl::StatusCode::kUnknown;
}

}  // namespace

std::optional<int> ParseErrorCode(std::string_view message) {
  size_t pos = message.rfind('#');
  while (pos != std::string_view::npos) {
    size_t end = pos + 1;
    while (end < message.size() && end - pos <= 6 && absl::ascii_isdigit(message[end])) ++end;
    int code = 0;
    if (end > pos + 1 && absl::SimpleAtoi(base::ToAbsl(message.substr(pos + 1, end - pos - 1)), &code)) {
      return code;
    }
    if (pos == 0) break;
    pos = message.rfind('#', pos - 1);
  }
  return std::nullopt;
}

absl::Status StatusFromAnswer(const Answer& answer) {
  const bool http_ok = answer.http_status >= 200 && answer.http_status < 300;
  if (answer.format == AnswerFormat::kJson && http_ok &&
      (!answer.has_status || answer.status == "OK")) {
    return absl::OkStatus();
  }
  std::string where = absl::StrCat(base::ToAbsl(answer.endpoint), ": ");
  if (answer.format != AnswerFormat::kJson) {
    const char* what = answer.format == AnswerFormat::kHtml ? "an HTML page" : "malformed JSON";
    // A page where JSON was due is a glitch of the service (end.pl does it) when the HTTP status
    // says success; otherwise the status tells what went wrong.
    absl::StatusCode code = http_ok ? absl::StatusCode::kUnavailable
                                    : CodeFromHttp(answer.http_status);
    absl::Status status(code, absl::StrCat(where, "answered ", what, " (HTTP ",
                                           answer.http_status, ") instead of JSON"));
    if (answer.format == AnswerFormat::kHtml) status.SetPayload(kHtmlPayload, absl::Cord("1"));
    return status;
  }
  const std::optional<int> code = ParseErrorCode(answer.message);
  const Rule* rule = MatchRule(answer.message, code);
  absl::StatusCode status_code;
  if (rule != nullptr) {
    status_code = rule->status;
  } else if (!http_ok) {
    status_code = CodeFromHttp(answer.http_status);
  } else {
    status_code = absl::StatusCode::kUnknown;  // 2xx KO with a message we do not know
  }
  // The server's own words enter statuses (and so the terminal and logs) only here, escaped:
  // an ESC sequence or a CR/LF in them must not rewrite the screen or fake a log line.
  std::string message = where;
  if (answer.message.empty()) {
    absl::StrAppend(&message, "status \"", base::ToAbsl(vfs::EscapeControlChars(answer.status)), "\"");
  } else {
    absl::StrAppend(&message, "\"", base::ToAbsl(vfs::EscapeControlChars(answer.message)), "\"");
  }
  absl::StrAppend(&message, " (HTTP ", answer.http_status, ")");
  if (rule != nullptr && !rule->hint.empty()) absl::StrAppend(&message, ": ", base::ToAbsl(rule->hint));
  absl::Status status(status_code, message);
  if (code.has_value()) status.SetPayload(kCodePayload, absl::Cord(absl::StrCat(*code)));
  return status;
}

std::optional<int> FichierErrorCode(const absl::Status& status) {
  auto payload = status.GetPayload(kCodePayload);
  if (!payload.has_value()) return std::nullopt;
  int code = 0;
  if (!absl::SimpleAtoi(std::string(*payload), &code)) return std::nullopt;
  return code;
}

bool IsHtmlAnswer(const absl::Status& status) {
  return status.GetPayload(kHtmlPayload).has_value();
}

}  // namespace backend::fichier
