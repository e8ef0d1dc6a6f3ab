// A small streaming JSON writer for the emulator's answers: compact by default, indented when a
// request asks for "pretty": 1. Strings that are not valid UTF-8 (multipart file names can be
// anything) get U+FFFD for each bad byte so the output always parses.
#ifndef FICHIER_EMULATOR_JSON_WRITER_H_
#define FICHIER_EMULATOR_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

namespace emulator {

class JsonWriter {
 public:
  explicit JsonWriter(bool pretty = false) : pretty_(pretty) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(absl::string_view key);
  JsonWriter& String(absl::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Uint(uint64_t value);
  JsonWriter& Null();
  // Inserts already-serialised JSON as one value.
  JsonWriter& Raw(absl::string_view json);

  // Shorthands for "key": value.
  JsonWriter& Field(absl::string_view key, absl::string_view value) { return Key(key).String(value); }
  JsonWriter& Field(absl::string_view key, const char* value) { return Key(key).String(value); }
  JsonWriter& Field(absl::string_view key, const std::string& value) {
    return Key(key).String(value);
  }
  JsonWriter& Field(absl::string_view key, int64_t value) { return Key(key).Int(value); }
  JsonWriter& Field(absl::string_view key, int value) { return Key(key).Int(value); }
  JsonWriter& Field(absl::string_view key, uint64_t value) { return Key(key).Uint(value); }

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void BeforeValue();
  void Newline();
  void AppendEscaped(absl::string_view s);

  std::string out_;
  // One entry per open container: whether it has no element yet.
  std::vector<bool> empty_;
  bool pretty_;
  bool after_key_ = false;
};

// Escapes and quotes one string (for callers that build JSON by hand).
std::string JsonQuote(absl::string_view s);

}  // namespace emulator

#endif  // FICHIER_EMULATOR_JSON_WRITER_H_
