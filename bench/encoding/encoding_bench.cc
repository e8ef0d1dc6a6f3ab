// Encoding 1 million typical names with the fichier default mask: the common path (nothing to
// change, no allocation), the special path (names that need rewriting) and a realistic mix.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "encoding/multi_encoder.h"

namespace {

constexpr size_t kNames = 1'000'000;

// Plain names like a photo/backup tree: words, digits, '-', '_', ' ', '.ext', some UTF-8.
std::string PlainName(std::mt19937_64& rng) {
  static const char* const kWords[] = {"IMG",  "holiday", "report", "final",   "backup",
                                       "2024", "draft",   "scan",   "invoice", "photo",
                                       "café", "données", "日本",   "v2",      "copy"};
  static const char* const kExt[] = {".jpg", ".pdf", ".txt", ".tar.gz", ".mkv", ".docx", ""};
  static const char* const kSep[] = {"_", "-", " ", ""};
  std::uniform_int_distribution<size_t> word(0, std::size(kWords) - 1);
  std::string s = kWords[word(rng)];
  for (int n = static_cast<int>(rng() % 4); n > 0; --n) {
    s += kSep[rng() % std::size(kSep)];
    s += kWords[word(rng)];
  }
  s += std::to_string(rng() % 10000);
  s += kExt[rng() % std::size(kExt)];
  return s;
}

// Names that the fichier mask rewrites: quotes, <>, '$', '\', leading/trailing space, DEL, etc.
std::string SpecialName(std::mt19937_64& rng) {
  static const char* const kSpecial[] = {"'", "\"", "<", ">", "$", "\\", "`", "\x7f", "\x01"};
  std::string s = PlainName(rng);
  const size_t pos = rng() % (s.size() + 1);
  s.insert(pos, kSpecial[rng() % std::size(kSpecial)]);
  const uint64_t edge = rng() % 4;
  if (edge == 0) s = " " + s;
  if (edge == 1) s += ' ';
  return encoding::kStandard.EncodeBare(s);  // callers hand the backend standard names
}

enum class Mix { kPlain, kSpecial, kTypical };

const std::vector<std::string>& Names(Mix mix) {
  static const auto make = [](Mix m) {
    std::mt19937_64 rng(42);
    std::vector<std::string> names;
    names.reserve(kNames);
    for (size_t i = 0; i < kNames; ++i) {
      // Typical: 95% plain, 5% with a special character.
      const bool special = m == Mix::kSpecial || (m == Mix::kTypical && rng() % 20 == 0);
      names.push_back(special ? SpecialName(rng) : PlainName(rng));
    }
    return names;
  };
  switch (mix) {  // each set is built on first use only
    case Mix::kPlain: {
      static const std::vector<std::string> plain = make(Mix::kPlain);
      return plain;
    }
    case Mix::kSpecial: {
      static const std::vector<std::string> special = make(Mix::kSpecial);
      return special;
    }
    default: {
      static const std::vector<std::string> typical = make(Mix::kTypical);
      return typical;
    }
  }
}

// One iteration encodes all 1M names; the counter reports ns per name. With hot=1 the first
// 4096 names are encoded 244 times instead (~1M calls), which keeps them in cache and measures
// the encoder rather than memory latency.
template <bool kScratch, bool kDecode>
void BM_Fichier(benchmark::State& state) {
  const auto& all = Names(static_cast<Mix>(state.range(0)));
  const bool hot = state.range(1) != 0;
  const size_t count = hot ? 4096 : all.size();
  const size_t passes = hot ? kNames / count : 1;
  std::vector<std::string> in(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(count));
  if (kDecode) {  // decode what encode produced
    for (std::string& n : in) n = encoding::kFichierDefault.Encode(n);
  }
  std::string scratch;
  size_t bytes = 0;
  for (auto _ : state) {
    for (size_t pass = 0; pass < passes; ++pass) {
      for (const std::string& name : in) {
        if constexpr (kScratch) {
          const std::string_view out = kDecode ? encoding::kFichierDefault.Decode(name, &scratch)
                                               : encoding::kFichierDefault.Encode(name, &scratch);
          benchmark::DoNotOptimize(out.data());
          bytes += out.size();
        } else {
          const std::string out = kDecode ? encoding::kFichierDefault.Decode(name)
                                          : encoding::kFichierDefault.Encode(name);
          benchmark::DoNotOptimize(out.data());
          bytes += out.size();
        }
      }
    }
  }
  benchmark::DoNotOptimize(bytes);
  const double calls = static_cast<double>(state.iterations() * passes * count);
  state.SetItemsProcessed(static_cast<int64_t>(calls));
  // kIsRate|kInvert reports seconds per unit; counting units of 1e-9 names gives ns per name.
  state.counters["ns_per_name"] =
      benchmark::Counter(calls * 1e-9, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void MixArgs(benchmark::internal::Benchmark* b) {
  b->ArgNames({"mix", "hot"})->Unit(benchmark::kMillisecond);
  for (int hot : {0, 1}) {
    for (Mix mix : {Mix::kPlain, Mix::kSpecial, Mix::kTypical}) {
      b->Args({static_cast<int>(mix), hot});
    }
  }
}

BENCHMARK(BM_Fichier<true, false>)->Name("Encode/scratch")->Apply(MixArgs);
BENCHMARK(BM_Fichier<false, false>)->Name("Encode/string")->Apply(MixArgs);
BENCHMARK(BM_Fichier<true, true>)->Name("Decode/scratch")->Apply(MixArgs);

}  // namespace

BENCHMARK_MAIN();
