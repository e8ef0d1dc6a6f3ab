// /_emulator/: state for tests and benchmarks (reset, call counts, tree dump) and run-time
// fault and rate settings. Guarded by X-Admin-Token when --admin-token is set; never by an API
// key, and never counted in the stats.
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "base/json_writer.h"
#include "base/string_views.h"
#include "emulator/request_json.h"
#include "emulator/server_internal.h"

namespace emulator {
namespace {

void Json(httplib::Response& res, int status, std::string body) {
  res.status = status;
  res.set_content(std::move(body), "application/json");
}

void Ok(httplib::Response& res) { Json(res, 200, R"({"status":"OK"})"); }

void Ko(httplib::Response& res, int status, absl::string_view message) {
  Json(res, status, KoBody(message));
}

std::string RateJson(const RateOptions& r) {
  base::JsonWriter w;
  w.BeginObject()
      .Key("rate").Raw(absl::StrCat(r.calls_per_second))
      .Key("burst").Raw(absl::StrCat(r.burst))
      .Key("lock_seconds").Raw(absl::StrCat(r.lock_seconds))
      .Key("folder_list_interval").Raw(absl::StrCat(r.folder_list_interval))
      .Key("user_info_interval").Raw(absl::StrCat(r.user_info_interval))
      .Key("all_files_interval").Raw(absl::StrCat(r.all_files_interval))
      .Field("flood_code", r.flood_code)
      .EndObject();
  return w.Take();
}

// Numbers given as JSON numbers (integer or not).
bool ReadDouble(const simdjson::padded_string& body, absl::string_view key, double& out) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(body).get(root) != simdjson::SUCCESS) return false;
  double v;
  if (root[base::ToStd(key)].get_double().get(v) == simdjson::SUCCESS) {
    out = v;
    return true;
  }
  int64_t i;
  if (root[base::ToStd(key)].get_int64().get(i) == simdjson::SUCCESS) {
    out = static_cast<double>(i);
    return true;
  }
  return false;
}

void AddFaults(Server::Impl& s, httplib::Response& res, absl::string_view body) {
  std::vector<std::string> specs;
  if (!body.empty() && absl::StartsWith(absl::StripLeadingAsciiWhitespace(body), "{")) {
    auto json = RequestJson::Parse(body);
    if (!json.ok()) return Ko(res, 400, json.status().message());
    auto list = json->root().StringArray("faults");
    auto one = json->root().String("spec");
    if (list.ok() && list->has_value()) specs = **list;
    if (one.ok() && one->has_value()) specs.push_back(**one);
  } else {
    for (absl::string_view line : absl::StrSplit(body, '\n', absl::SkipWhitespace())) {
      specs.emplace_back(absl::StripAsciiWhitespace(line));
    }
  }
  if (specs.empty()) return Ko(res, 400, "no fault spec given");
  std::vector<FaultRule> rules;
  for (const std::string& spec : specs) {
    auto rule = ParseFaultSpec(spec);
    if (!rule.ok()) return Ko(res, 400, rule.status().message());
    rules.push_back(*std::move(rule));
  }
  for (FaultRule& r : rules) s.faults.Add(std::move(r));
  base::JsonWriter w;
  w.BeginObject().Field("status", "OK").Field("added", static_cast<int64_t>(rules.size()));
  w.EndObject();
  Json(res, 200, w.Take());
}

}  // namespace

void HandleAdmin(Server::Impl& s, const httplib::Request& req, httplib::Response& res,
                 absl::string_view body) {
  if (!s.options.admin_token.empty() &&
      req.get_header_value("X-Admin-Token") != s.options.admin_token) {
    return Ko(res, 401, "admin token required");
  }
  const absl::string_view path = absl::string_view(req.path).substr(strlen("/_emulator"));
  const bool get = req.method == "GET";
  const bool post = req.method == "POST";
  if (path == "/reset" && post) {
    s.store.Reset();
    s.stats.Reset();
    s.faults.Clear();
    s.limiter.Reset();
    return Ok(res);
  }
  if (path == "/stats/reset" && post) {
    s.stats.Reset();
    return Ok(res);
  }
  if (path == "/stats" && get) return Json(res, 200, s.stats.ToJson());
  if (path == "/tree" && get) return Json(res, 200, s.store.DumpTreeJson());
  if (path == "/faults" && get) {
    base::JsonWriter w;
    w.BeginObject().Field("status", "OK").Key("faults").BeginArray();
    for (const std::string& f : s.faults.Describe()) w.String(f);
    w.EndArray().EndObject();
    return Json(res, 200, w.Take());
  }
  if (path == "/faults" && post) return AddFaults(s, res, body);
  if ((path == "/faults/clear" && post) || (path == "/faults" && req.method == "DELETE")) {
    s.faults.Clear();
    return Ok(res);
  }
  if (path == "/rate" && get) return Json(res, 200, RateJson(s.limiter.options()));
  if (path == "/rate" && post) {
    RateOptions r = s.limiter.options();
    const simdjson::padded_string padded(body.empty() ? std::string_view("{}") : base::ToStd(body));
    ReadDouble(padded, "rate", r.calls_per_second);
    ReadDouble(padded, "burst", r.burst);
    ReadDouble(padded, "lock_seconds", r.lock_seconds);
    ReadDouble(padded, "folder_list_interval", r.folder_list_interval);
    ReadDouble(padded, "user_info_interval", r.user_info_interval);
    ReadDouble(padded, "all_files_interval", r.all_files_interval);
    double code = r.flood_code;
    if (ReadDouble(padded, "flood_code", code)) r.flood_code = static_cast<int>(code);
    s.limiter.Configure(r);
    s.limiter.Reset();
    return Json(res, 200, RateJson(r));
  }
  if (path == "/clock" && post) {
    // Moves the emulated clock forward, so token and upload-id expiry can be tested quickly.
    double seconds = 0;
    const simdjson::padded_string padded(body.empty() ? std::string_view("{}") : base::ToStd(body));
    if (!ReadDouble(padded, "advance_seconds", seconds) || seconds < 0) {
      return Ko(res, 400, "want {\"advance_seconds\": N}");
    }
    s.store.AdvanceClock(absl::Seconds(seconds));
    return Ok(res);
  }
  Ko(res, 404, "unknown admin path");
}

}  // namespace emulator
