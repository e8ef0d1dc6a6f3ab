// /_emulator/: state for tests and benchmarks (reset, call counts, tree dump) and run-time
// fault and rate settings. Guarded by X-Admin-Token when --admin-token is set; never by an API
// key, and never counted in the stats.
#include <limits>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "base/json_writer.h"
#include "base/string_views.h"
#include "emulator/admin_values.h"
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

std::string RateJson(const RateOptions& r, double per_connection_rate) {
  base::JsonWriter w;
  w.BeginObject()
      .Key("rate").Raw(FormatNumber(r.calls_per_second))
      .Key("burst").Raw(FormatNumber(r.burst))
      .Key("lock_seconds").Raw(FormatNumber(r.lock_seconds))
      .Key("folder_list_interval").Raw(FormatNumber(r.folder_list_interval))
      .Key("user_info_interval").Raw(FormatNumber(r.user_info_interval))
      .Key("all_files_interval").Raw(FormatNumber(r.all_files_interval))
      .Field("flood_code", r.flood_code)
      .Key("per_connection_rate").Raw(FormatNumber(per_connection_rate))
      .EndObject();
  return w.Take();
}

// The admin body as a JSON object (empty = {}), or a message for the 400.
absl::StatusOr<simdjson::dom::object> BodyObject(simdjson::dom::parser& parser,
                                                 const simdjson::padded_string& body) {
  simdjson::dom::element root;
  if (auto error = parser.parse(body).get(root); error != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(
        absl::StrCat("malformed JSON: ", simdjson::error_message(error)));
  }
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("the body is not a JSON object");
  }
  return object;
}

simdjson::padded_string Padded(absl::string_view body) {
  return simdjson::padded_string(body.empty() ? std::string_view("{}") : base::ToStd(body));
}

// POST /_emulator/rate: every field checked before any is applied.
void SetRate(Server::Impl& s, httplib::Response& res, absl::string_view body) {
  simdjson::dom::parser parser;
  const simdjson::padded_string padded = Padded(body);
  auto object = BodyObject(parser, padded);
  if (!object.ok()) return Ko(res, 400, object.status().message());
  RateOptions r = s.limiter.options();
  double code = r.flood_code;
  double per_connection = s.per_connection_rate.load();
  constexpr double kAny = std::numeric_limits<double>::max();  // ranges: CheckRateOptions
  for (auto field : *object) {
    const absl::string_view key = base::ToAbsl(field.key);
    double* target = key == "rate"                   ? &r.calls_per_second
                     : key == "burst"                ? &r.burst
                     : key == "lock_seconds"         ? &r.lock_seconds
                     : key == "folder_list_interval" ? &r.folder_list_interval
                     : key == "user_info_interval"   ? &r.user_info_interval
                     : key == "all_files_interval"   ? &r.all_files_interval
                     : key == "flood_code"           ? &code
                     : key == "per_connection_rate"  ? &per_connection
                                                     : nullptr;
    if (target == nullptr) return Ko(res, 400, absl::StrCat("unknown field '", key, "'"));
    const double max = target == &per_connection ? kMaxPerConnectionRate : kAny;
    const double min = target == &per_connection ? 0 : -kAny;
    if (absl::Status st = ReadNumberField(*object, key, min, max, *target); !st.ok()) {
      return Ko(res, 400, st.message());
    }
  }
  if (code != 374 && code != 412) return Ko(res, 400, "flood_code must be 374 or 412");
  r.flood_code = static_cast<int>(code);
  if (absl::Status st = CheckRateOptions(r); !st.ok()) return Ko(res, 400, st.message());
  s.limiter.Configure(r);
  s.limiter.Reset();
  s.per_connection_rate = per_connection;
  Json(res, 200, RateJson(r, per_connection));
}

// POST /_emulator/clock {"advance_seconds": N}: moves the emulated clock forward, so token and
// upload-id expiry, head deadlines and paced transfers can be tested without waiting.
void AdvanceClock(Server::Impl& s, httplib::Response& res, absl::string_view body) {
  simdjson::dom::parser parser;
  const simdjson::padded_string padded = Padded(body);
  auto object = BodyObject(parser, padded);
  if (!object.ok()) return Ko(res, 400, object.status().message());
  double seconds = -1;
  if (absl::Status st = ReadNumberField(*object, "advance_seconds", 0, kMaxAdvanceSeconds, seconds);
      !st.ok()) {
    return Ko(res, 400, st.message());
  }
  if (seconds < 0) return Ko(res, 400, "want {\"advance_seconds\": N}");
  s.store.AdvanceClock(absl::Seconds(seconds));
  Ok(res);
}

// GET /_emulator/connections[?reading_head=N][&pacing=M][&stalled=K]: the guard's figures,
// once at least N connections are reading a request head, M are held by their rate and K by a
// stall fault (or after 30 s).
void Connections(Server::Impl& s, const httplib::Request& req, httplib::Response& res) {
  ConnectionFigures at_least;
  for (auto [name, field] : {std::pair{"reading_head", &at_least.reading_head},
                             std::pair{"pacing", &at_least.pacing},
                             std::pair{"stalled", &at_least.stalled}}) {
    if (req.has_param(name) && !absl::SimpleAtoi(req.get_param_value(name), field)) {
      return Ko(res, 400, absl::StrCat(name, " wants an integer"));
    }
  }
  const bool wait = at_least.reading_head > 0 || at_least.pacing > 0 || at_least.stalled > 0;
  const ConnectionFigures f =
      wait ? s.connections.AwaitAtLeast(at_least, absl::Seconds(30)) : s.connections.Figures();
  Json(res, 200, ConnectionStats::ToJson(f));
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
  if (path == "/rate" && get) {
    return Json(res, 200, RateJson(s.limiter.options(), s.per_connection_rate.load()));
  }
  if (path == "/rate" && post) return SetRate(s, res, body);
  if (path == "/clock" && post) return AdvanceClock(s, res, body);
  if (path == "/connections" && get) return Connections(s, req, res);
  Ko(res, 404, "unknown admin path");
}

}  // namespace emulator
