// The cost of the filter rules: 100k generated paths (1-4 folders deep, some UTF-8, a few with
// invalid bytes) through 6 rules (and a final "- **") of the kinds people write (extensions, a rooted folder, a
// folder anywhere, a raw {{regexp}}), with and without --ignore-case.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "vfs/operations/filter.h"

namespace {

constexpr size_t kPaths = 100'000;

const std::vector<std::string>& Paths() {
  static const std::vector<std::string> paths = [] {
    static const char* const kDirs[] = {"docs", "photos", "src", "node_modules", "café",
                                        "2024", "backup", "日本", "tmp", "lib"};
    static const char* const kExt[] = {".jpg", ".png", ".txt", ".tmp", ".bak3", ".cc", ".JPG", ""};
    std::mt19937_64 rng(7);
    std::vector<std::string> out;
    out.reserve(kPaths);
    for (size_t i = 0; i < kPaths; ++i) {
      std::string p;
      for (int depth = 1 + static_cast<int>(rng() % 4); depth > 0; --depth) {
        p += kDirs[rng() % std::size(kDirs)];
        p += '/';
      }
      p += "file_" + std::to_string(rng() % 100000);
      if (rng() % 200 == 0) p += "\xff";  // invalid UTF-8 now and then
      p += kExt[rng() % std::size(kExt)];
      out.push_back(std::move(p));
    }
    return out;
  }();
  return paths;
}

void BM_FilterRules(benchmark::State& state) {
  vfs::operations::FilterOptions options;
  options.ignore_case = state.range(0) != 0;
  options.filter = {"- *.tmp", "- node_modules/**", "- {{.*\\.bak[0-9]+}}",
                    "+ *.jpg",  "+ *.{png,gif}",     "+ /docs/**",  "- **"};
  auto filter = vfs::operations::Filter::Create(options);
  if (!filter.ok()) {
    state.SkipWithError(std::string(filter.status().message()).c_str());
    return;
  }
  const std::vector<std::string>& paths = Paths();
  size_t included = 0;
  for (auto _ : state) {
    for (const std::string& p : paths) included += (*filter)->IncludeRemote(p);
  }
  benchmark::DoNotOptimize(included);
  state.counters["paths_per_pass"] = static_cast<double>(paths.size());
}
BENCHMARK(BM_FilterRules)->ArgName("ignore_case")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
