// libFuzzer target for filter rules (`--filter`, `--include`, `--exclude`, `--filter-from`
// lines): parsing never crashes, never takes exponential time on a glob (the fuzzer's -timeout
// catches that), and an accepted rule set matches paths taken from the input without crashing.
// Input: lines; the first is a path to match, the others rules.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/time/clock.h"
#include "vfs/operations/filter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t nl = text.find('\n');
  std::string_view path = text.substr(0, nl);
  text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  vfs::operations::FilterOptions options;
  options.ignore_case = !path.empty() && path.front() == 'i';
  absl::StatusOr<std::unique_ptr<vfs::operations::Filter>> filter =
      vfs::operations::Filter::Create(options, absl::Now());
  if (!filter.ok()) return 0;
  int rules = 0;
  while (!text.empty() && rules < 64) {
    nl = text.find('\n');
    std::string_view rule = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++rules;
    if (rule.size() > 1 && rule[0] == '+' && rule[1] == '+') {
      (void)(*filter)->Add(true, rule.substr(2));
    } else if (rule.size() > 1 && rule[0] == '-' && rule[1] == '-') {
      (void)(*filter)->Add(false, rule.substr(2));
    } else {
      (void)(*filter)->AddRule(rule);
    }
  }
  (void)(*filter)->Dump();
  (void)(*filter)->IncludeRemote(std::string(path));
  (void)(*filter)->IncludeDirectory(std::string(path));
  return 0;
}
