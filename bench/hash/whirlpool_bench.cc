// Whirlpool throughput per compression path, on buffers already in memory.
#include <benchmark/benchmark.h>

#include <string>

#include "hash/whirlpool.h"

namespace {

void BM_Whirlpool(benchmark::State& state, hash::Whirlpool::CompressFn compress) {
  const std::string data(static_cast<size_t>(state.range(0)), 'x');
  for (auto _ : state) {
    hash::Whirlpool hasher(compress);
    hasher.Update(data);
    benchmark::DoNotOptimize(hasher.Finalize());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}

[[maybe_unused]] const bool registered = [] {
  for (const auto& impl : hash::AvailableWhirlpoolImplementations()) {
    benchmark::RegisterBenchmark(("Whirlpool/" + std::string(impl.name)).c_str(), BM_Whirlpool,
                                 impl.compress)
        ->Arg(64)
        ->Arg(4096)
        ->Arg(1 << 20);
  }
  return true;
}();

}  // namespace
