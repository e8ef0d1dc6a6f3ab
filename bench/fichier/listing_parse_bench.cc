// fichier_listing_parse_bench generate FILE [ITEMS=100000]
// fichier_listing_parse_bench parse FILE [RUNS=5]
// generate: writes a folder/ls.cgi answer with files:1 (spec §8.1 envelope, §7.1 items: url,
//   filename, size, date, 128-hex Whirlpool checksum, content-type, pass, acl, cdn) holding ITEMS
//   files and a few sub-folders, compact like the emulator's answers; names mix ASCII, accented
//   letters, CJK, escaped quotes and backslashes.
// parse: reads FILE once, then times RUNS calls of backend::fichier::ParseFolderList (the
//   simdjson ondemand parser the backend runs on every listing, filling FolderList with every
//   item) and prints one line per run: "seconds items bytes".
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>

#include "backend/fichier/api_json.h"
#include "backend/fichier/api_types.h"

namespace {

int Generate(const std::string& path, long items) {
  std::mt19937_64 rng(42);
  const char* alnum = "abcdefghijklmnopqrstuvwxyz0123456789";
  const char* hex = "0123456789abcdef";
  const char* names[] = {"photo_", "Rapport annuel ", "été-vacances_", "写真_", "a$b ",
                         "quote \\\"x\\\" ", "back\\\\slash_", "<x> ", " leading space "};
  const char* exts[] = {".jpg", ".pdf", ".txt", ".mkv", ".tar.gz", ""};
  const char* types[] = {"image/jpeg", "application/pdf", "text/plain", "video/x-matroska",
                         "application/gzip", "application/octet-stream"};
  std::string out;
  out.reserve(static_cast<size_t>(items) * 330);
  out += R"({"status":"OK","folder_id":123456,"name":"bench","create_date":"2026-01-02 10:00:00",)";
  out += R"("pass":0,"shared":"","files":)" + std::to_string(items) + R"(,"size":0,"sub_folders":[)";
  for (int i = 0; i < 20; ++i) {
    if (i) out += ',';
    out += R"({"id":)" + std::to_string(200000 + i) + R"(,"name":"dir)" + std::to_string(i) +
           R"(","create_date":"2026-01-02 10:01:00","pass":0})";
  }
  out += R"(],"items":[)";
  char buf[512];
  for (long i = 0; i < items; ++i) {
    std::string url = "https://1fichier.com/?";
    for (int k = 0; k < 20; ++k) url += alnum[rng() % 36];
    std::string sum;
    for (int k = 0; k < 128; ++k) sum += hex[rng() % 16];
    int e = static_cast<int>(rng() % 6);
    std::snprintf(buf, sizeof buf,
                  R"(%s{"url":"%s","filename":"%s%06ld%s","size":%llu,"date":"2026-%02d-%02d %02d:%02d:%02d","checksum":"%s","content-type":"%s","pass":0,"acl":0,"cdn":0})",
                  i ? "," : "", url.c_str(), names[rng() % 9], i, exts[e],
                  static_cast<unsigned long long>(rng() % 5000000000ULL), 1 + int(rng() % 12),
                  1 + int(rng() % 28), int(rng() % 24), int(rng() % 60), int(rng() % 60),
                  sum.c_str(), types[e]);
    out += buf;
  }
  out += "]}";
  std::ofstream(path, std::ios::binary) << out;
  std::printf("%zu bytes, %ld items\n", out.size(), items);
  return 0;
}

int Parse(const std::string& path, int runs) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << path << "\n";
    return 1;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string body = ss.str();  // simdjson pads its own copy when needed
  for (int r = 0; r < runs; ++r) {
    backend::fichier::Envelope envelope;
    backend::fichier::FolderList list;
    auto t0 = std::chrono::steady_clock::now();
    absl::Status st = backend::fichier::ParseFolderList(body, envelope, list);
    auto t1 = std::chrono::steady_clock::now();
    if (!st.ok()) {
      std::cerr << "parse failed: " << st << "\n";
      return 1;
    }
    std::printf("%.6f %zu %zu\n", std::chrono::duration<double>(t1 - t0).count(),
                list.items.size(), body.size());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: fichier_listing_parse_bench generate FILE [ITEMS] | parse FILE [RUNS]\n";
    return 2;
  }
  const std::string mode = argv[1];
  if (mode == "generate") return Generate(argv[2], argc > 3 ? std::stol(argv[3]) : 100000);
  if (mode == "parse") return Parse(argv[2], argc > 3 ? std::stoi(argv[3]) : 5);
  std::cerr << "unknown mode " << mode << "\n";
  return 2;
}
