// libFuzzer target for the emulator's request JSON reader (every API body goes through it):
// never crashes, never trips a sanitizer (out-of-range number conversions included), and what
// it hands on re-parses. Input: the request body.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "emulator/request_json.h"

namespace {

void Abort(const char* why) {
  std::fprintf(stderr, "emulator_request_json_fuzz: %s\n", why);
  std::abort();
}

// Reads `key` of `o` every way the API handlers do; recurses once into objects.
void ReadAll(const emulator::JsonObject& o, const std::string& key, int depth) {
  (void)o.Int(key);
  (void)o.String(key);
  (void)o.StringArray(key);
  if (auto raw = o.RawJson(key)) {
    if (!emulator::RequestJson::Parse(absl::StrCat("{\"k\":", *raw, "}")).ok()) {
      Abort("RawJson does not parse back");
    }
  }
  if (depth > 2) return;
  if (auto list = o.ObjectArray(key); list.ok() && list->has_value()) {
    for (const emulator::JsonObject& item : **list) {
      for (const auto& [k, v] : item.StringMembers()) ReadAll(item, k, depth + 1);
      ReadAll(item, "url", depth + 1);
    }
  }
  if (auto inner = o.Object(key); inner.ok() && inner->has_value()) {
    for (const auto& [k, v] : (*inner)->StringMembers()) ReadAll(**inner, k, depth + 1);
    ReadAll(**inner, "folder_id", depth + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  auto json = emulator::RequestJson::Parse(body);
  if (!json.ok()) return 0;
  const emulator::JsonObject& root = json->root();
  for (const char* key : {"folder_id", "name", "urls", "files", "headers", "limit", "a", ""}) {
    ReadAll(root, key, 0);
  }
  for (const auto& [k, v] : root.StringMembers()) ReadAll(root, k, 0);
  return 0;
}
