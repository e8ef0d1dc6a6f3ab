#include "emulator/fault_injector.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace emulator {

std::string NormalizeEndpoint(absl::string_view e) {
  if (e == "*" || e == "download" || e == "/download") return std::string(absl::StripPrefix(e, "/"));
  if (e == "dir" || e == "/dir") return "/dir";
  std::string s(absl::StripPrefix(e, "/"));
  if (s == "upload.cgi" || s == "upload") return "/upload.cgi";
  if (s == "end.pl" || s == "end") return "/end.pl";
  if (absl::StartsWith(s, "v1/")) s = s.substr(3);
  if (!absl::EndsWith(s, ".cgi")) s += ".cgi";
  return absl::StrCat("/v1/", s);
}

absl::StatusOr<FaultRule> ParseFaultSpec(absl::string_view spec) {
  auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("bad fault spec '", spec, "': ", why));
  };
  FaultRule rule;
  rule.spec = std::string(spec);
  absl::string_view body = spec;
  absl::string_view when;
  if (size_t at = spec.rfind('@'); at != absl::string_view::npos) {
    body = spec.substr(0, at);
    when = spec.substr(at + 1);
  }
  std::vector<absl::string_view> parts = absl::StrSplit(body, ':');
  if (parts.size() < 2 || parts[0].empty()) return bad("want ENDPOINT:ACTION");
  rule.endpoint = NormalizeEndpoint(parts[0]);
  const absl::string_view action = parts[1];
  const bool has_arg = parts.size() >= 3;
  if (parts.size() > 3) return bad("too many ':'");
  int64_t arg = 0;
  if (has_arg && !absl::SimpleAtoi(parts[2], &arg)) return bad("argument must be an integer");
  if (arg < 0) return bad("argument must not be negative");
  struct Kind {
    absl::string_view name;
    FaultKind kind;
    bool needs_arg;
    bool takes_arg;
    int64_t default_arg;
  };
  static constexpr Kind kKinds[] = {
      {"status", FaultKind::kStatus, true, true, 0},
      {"flood", FaultKind::kFlood, false, false, 0},
      {"html", FaultKind::kHtml, false, false, 0},
      {"nolinks", FaultKind::kNoLinks, false, false, 0},
      {"badsum", FaultKind::kBadChecksum, false, false, 0},
      {"badsize", FaultKind::kBadSize, false, false, 0},
      {"reset", FaultKind::kReset, false, true, 0},
      {"truncate", FaultKind::kTruncate, true, true, 0},
      {"stall", FaultKind::kStall, true, true, 0},
      {"lag", FaultKind::kLag, false, true, 5000},
  };
  const Kind* kind = nullptr;
  for (const Kind& k : kKinds) {
    if (k.name == action) kind = &k;
  }
  if (kind == nullptr) return bad("unknown action");
  if (kind->needs_arg && !has_arg) return bad("this action needs an argument");
  if (!kind->takes_arg && has_arg) return bad("this action takes no argument");
  rule.action.kind = kind->kind;
  rule.action.arg = has_arg ? arg : kind->default_arg;
  if (rule.action.kind == FaultKind::kStatus && (arg < 100 || arg > 599)) {
    return bad("status must be 100-599");
  }
  if (!when.empty()) {
    if (absl::ConsumeSuffix(&when, "%")) {
      double p;
      // Written so that NaN (which SimpleAtod accepts) fails too.
      if (!absl::SimpleAtod(when, &p) || !(p >= 0 && p <= 100)) return bad("percent must be 0-100");
      rule.probabilistic = true;
      rule.percent = p;
    } else {
      absl::string_view count = when;
      if (size_t plus = when.find('+'); plus != absl::string_view::npos) {
        if (!absl::SimpleAtoi(when.substr(0, plus), &rule.skip) || rule.skip < 0) {
          return bad("skip count must be a non-negative integer");
        }
        count = when.substr(plus + 1);
      }
      if (!absl::SimpleAtoi(count, &rule.remaining) || rule.remaining < 1) {
        return bad("count must be a positive integer");
      }
    }
  }
  return rule;
}

void FaultInjector::Add(FaultRule rule) {
  absl::MutexLock lock(&mu_);
  rules_.push_back(std::move(rule));
}

void FaultInjector::Clear() {
  absl::MutexLock lock(&mu_);
  rules_.clear();
}

std::vector<std::string> FaultInjector::Describe() {
  absl::MutexLock lock(&mu_);
  std::vector<std::string> out;
  for (const FaultRule& r : rules_) {
    if (r.probabilistic) {
      out.push_back(r.spec);
    } else {
      out.push_back(absl::StrCat(r.spec, " (skip ", r.skip, ", remaining ", r.remaining, ")"));
    }
  }
  return out;
}

std::optional<FaultAction> FaultInjector::Next(absl::string_view endpoint) {
  absl::MutexLock lock(&mu_);
  if (rules_.empty()) return std::nullopt;
  std::optional<FaultAction> chosen;
  // Scripted rules first, in the order given; each counts every call to its endpoint, so
  // "@2+1" means the third call whatever other rules did to the first two.
  for (auto it = rules_.begin(); it != rules_.end();) {
    FaultRule& r = *it;
    if (r.probabilistic || (r.endpoint != "*" && r.endpoint != endpoint)) {
      ++it;
      continue;
    }
    if (r.skip > 0) {
      --r.skip;
      ++it;
      continue;
    }
    if (chosen) {
      ++it;
      continue;
    }
    chosen = r.action;
    if (--r.remaining == 0) {
      it = rules_.erase(it);
    } else {
      ++it;
    }
  }
  if (chosen) return chosen;
  std::uniform_real_distribution<double> roll(0, 100);
  for (const FaultRule& r : rules_) {
    if (!r.probabilistic || (r.endpoint != "*" && r.endpoint != endpoint)) continue;
    if (roll(rng_) < r.percent) return r.action;
  }
  return std::nullopt;
}

}  // namespace emulator
