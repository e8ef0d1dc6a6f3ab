#include "host/flags_compat.h"

#include <tuple>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/string_views.h"
#include "host/logger.h"
#include "vfs/config/control_chars.h"
#include "vfs/features.h"

namespace fclone {
namespace {

// "Name: Value" (rclone's header flags): the name is trimmed, the value's spaces too; a line
// break anywhere would smuggle in headers of its own.
absl::StatusOr<std::pair<std::string, std::string>> ParseHeader(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos) return absl::InvalidArgumentError("want \"Name: Value\"");
  std::string name(absl::StripAsciiWhitespace(base::ToAbsl(text.substr(0, colon))));
  std::string value(absl::StripAsciiWhitespace(base::ToAbsl(text.substr(colon + 1))));
  if (name.empty() || name.find_first_of(" \t") != std::string::npos) {
    return absl::InvalidArgumentError("want \"Name: Value\" (a name without spaces)");
  }
  if (vfs::HasControlChars(text)) {
    return absl::InvalidArgumentError("control characters are not allowed");
  }
  return std::pair{std::move(name), std::move(value)};
}

}  // namespace

absl::Status ApplyCompatFlags(const CompatFlags& c, vfs::GlobalOptions& global) {
  for (auto [flag, texts, out] :
       {std::tuple{"header", &c.headers, &global.headers},
        std::tuple{"header-download", &c.download_headers, &global.download_headers},
        std::tuple{"header-upload", &c.upload_headers, &global.upload_headers}}) {
    for (const std::string& text : *texts) {
      absl::StatusOr<std::pair<std::string, std::string>> header = ParseHeader(text);
      if (!header.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("--", flag, " \"", text, "\": ", header.status().message()));
      }
      out->push_back(*std::move(header));
    }
  }
  global.disable_http2 = c.disable_http2;
  global.bind_address = c.bind_address;
  global.disabled_features.clear();
  for (absl::string_view name : absl::StrSplit(c.disable, ',', absl::SkipWhitespace())) {
    global.disabled_features.emplace_back(absl::StripAsciiWhitespace(name));
  }
  LogFormat format = ParseLogFormat(c.log_format);
  format.json = c.use_json_log;
  format.systemd = c.log_systemd;
  Logger::Get().SetFormat(format);
  global.fast_list = c.fast_list;
  global.tpslimit = c.tpslimit > 0 ? c.tpslimit : 0;  // rclone: 0 or less is off
  global.tpslimit_burst = c.tpslimit_burst < 1 ? 1 : c.tpslimit_burst;
  global.dump = c.dump;
  if (!c.user_agent.empty()) global.user_agent = c.user_agent;
  global.ca_cert = c.ca_cert;
  global.no_check_certificate = c.no_check_certificate;
  if (c.no_check_certificate) {
    Logger::Get().Log(vfs::LogLevel::kError, "",
                      "--no-check-certificate is set: server certificates are NOT verified; "
                      "anyone on the network path can read and change the traffic, API keys "
                      "included");
  }
  return absl::OkStatus();
}

std::string DisableHelp(const CompatFlags& c) {
  if (c.disable != "help") return "";
  std::string list;
  for (const auto& [name, has] : vfs::Features().ByRcloneName()) {
    absl::StrAppend(&list, list.empty() ? "" : ", ", base::ToAbsl(name));
  }
  return "Possible backend features are: " + list;
}

}  // namespace fclone
