// Fault injection per endpoint (issue 6): scripted ("the next N calls to X do Y") for
// deterministic tests, probabilistic ("P% of the calls to X do Y", seeded) for soaks.
//
// Spec syntax, used by --fault and POST /_emulator/faults:
//   ENDPOINT:ACTION[:ARG][@WHEN]
// ENDPOINT  a path as counted by /_emulator/stats: /v1/file/ls.cgi (also file/ls or
//           file/ls.cgi), /upload.cgi, /end.pl, download, /dir, or * for every endpoint.
// ACTION    status:CODE   answer HTTP CODE (4xx: KO JSON on the API; 5xx and non-API: HTML page)
//           flood         403 {"status":"KO","message":"Flood detected: IP Locked #374"}
//           html          200 with an HTML page instead of the JSON answer
//           nolinks       end.pl: JSON with an empty "links" array
//           badsum        end.pl: a wrong whirlpool for every link
//           badsize       end.pl: every size one byte larger than stored
//           reset[:BYTES] reset the TCP connection after BYTES of the upload body read, or of
//                         the answer body written (default 0)
//           truncate:BYTES  close the connection cleanly after BYTES of the answer body
//           stall:MS      wait MS milliseconds, then answer normally
//           lag[:MS]      listings leave out files younger than MS ms (default 5000)
// WHEN      N             the next N calls (default 1)
//           S+N           let S calls through, then the next N
//           P%            each call with probability P percent, until cleared
#ifndef FICHIER_EMULATOR_FAULT_INJECTOR_H_
#define FICHIER_EMULATOR_FAULT_INJECTOR_H_

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace emulator {

enum class FaultKind {
  kStatus,
  kFlood,
  kHtml,
  kNoLinks,
  kBadChecksum,
  kBadSize,
  kReset,
  kTruncate,
  kStall,
  kLag,
};

struct FaultAction {
  FaultKind kind = FaultKind::kStatus;
  int64_t arg = 0;  // HTTP status, bytes or milliseconds depending on kind
};

struct FaultRule {
  std::string endpoint;  // normalised, or "*"
  FaultAction action;
  bool probabilistic = false;
  double percent = 0;
  int64_t skip = 0;
  int64_t remaining = 1;
  std::string spec;  // as given, for listings
};

// "file/ls" -> "/v1/file/ls.cgi", "upload.cgi" -> "/upload.cgi", "end.pl" -> "/end.pl".
std::string NormalizeEndpoint(absl::string_view endpoint);
absl::StatusOr<FaultRule> ParseFaultSpec(absl::string_view spec);

class FaultInjector {
 public:
  explicit FaultInjector(uint64_t seed) : rng_(seed) {}

  void Add(FaultRule rule);
  void Clear();
  // The rules still armed, as specs with their remaining counts.
  std::vector<std::string> Describe();
  // Called once per request to `endpoint`; the fault to apply to it, if any.
  std::optional<FaultAction> Next(absl::string_view endpoint);

 private:
  absl::Mutex mu_;
  std::vector<FaultRule> rules_ ABSL_GUARDED_BY(mu_);
  std::mt19937_64 rng_ ABSL_GUARDED_BY(mu_);
};

}  // namespace emulator

#endif  // FICHIER_EMULATOR_FAULT_INJECTOR_H_
