// libFuzzer target for the emulator's fault specs (--fault and POST /_emulator/faults): a spec
// either is refused with a message or gives a rule within range (status 100-599, counts >= 1,
// percent 0-100, arguments >= 0) that parses back to itself and that the injector can run.
// Input: the spec.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "emulator/fault_injector.h"

namespace {

void Abort(const char* why, const std::string& spec) {
  std::fprintf(stderr, "emulator_fault_spec_fuzz: %s (spec of %zu bytes)\n", why, spec.size());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string spec(reinterpret_cast<const char*>(data), size);
  (void)emulator::NormalizeEndpoint(spec);
  auto rule = emulator::ParseFaultSpec(spec);
  if (!rule.ok()) {
    if (rule.status().message().empty()) Abort("refused without a message", spec);
    return 0;
  }
  const emulator::FaultRule& r = *rule;
  if (r.action.arg < 0) Abort("negative argument", spec);
  if (r.action.kind == emulator::FaultKind::kStatus &&
      (r.action.arg < 100 || r.action.arg > 599)) {
    Abort("status out of range", spec);
  }
  if (r.probabilistic && !(r.percent >= 0 && r.percent <= 100)) Abort("percent out of range", spec);
  if (!r.probabilistic && (r.remaining < 1 || r.skip < 0)) Abort("count out of range", spec);
  auto again = emulator::ParseFaultSpec(r.spec);
  if (!again.ok() || again->endpoint != r.endpoint || again->action.kind != r.action.kind ||
      again->action.arg != r.action.arg) {
    Abort("does not parse back to itself", spec);
  }
  emulator::FaultInjector injector(1);
  injector.Add(*rule);
  for (int i = 0; i < 3; ++i) {
    (void)injector.Next(r.endpoint);
    (void)injector.Next("/v1/file/ls.cgi");
  }
  (void)injector.Describe();
  return 0;
}
