// The one JSON writer: the emulator's answers, the fichier backend's request bodies and the
// strings of lsjson. Compact by default, indented by two spaces when asked (the emulator's
// "pretty": 1).
//
// Invalid UTF-8 policy: JSON cannot carry it, so each byte that Go's decoder reads as an error
// is written as \ufffd (what Go's encoding/json does, so lsjson matches rclone) and the output
// always parses. The writer remembers that it replaced something: callers that must not alter
// data (an API request naming a file) take the text with TakeIfValid(), which refuses it.
#ifndef FICHIER_BASE_JSON_WRITER_H_
#define FICHIER_BASE_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace base {

enum class JsonDialect {
  // \" \\ \n \r \t, every other control byte and DEL as \u00XX, the rest as is.
  kPlain,
  // Go's encoding/json (rclone's lsjson): also < > & U+2028 U+2029 as \uXXXX; DEL as is.
  kGo,
};

// Appends `s` as a JSON string literal, quotes included. Returns false when `s` held invalid
// UTF-8 (written as \ufffd).
bool AppendJsonString(std::string& out, std::string_view s,
                      JsonDialect dialect = JsonDialect::kPlain);
std::string JsonQuote(std::string_view s, JsonDialect dialect = JsonDialect::kPlain);

class JsonWriter {
 public:
  explicit JsonWriter(bool pretty = false) : pretty_(pretty) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Uint(uint64_t value);
  JsonWriter& Null();
  // Inserts already-serialised JSON as one value.
  JsonWriter& Raw(std::string_view json);

  // Shorthands for "key": value.
  JsonWriter& Field(std::string_view key, std::string_view value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, absl::string_view value) {
    return Key(key).String({value.data(), value.size()});
  }
  JsonWriter& Field(std::string_view key, const char* value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const std::string& value) {
    return Key(key).String(value);
  }
  JsonWriter& Field(std::string_view key, int64_t value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, int value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, uint64_t value) { return Key(key).Uint(value); }
  JsonWriter& Field(std::string_view key, const std::vector<std::string>& values);

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }
  // The text, or InvalidArgument naming the first field whose key or value was not valid UTF-8.
  absl::StatusOr<std::string> TakeIfValid() &&;

 private:
  void BeforeValue();
  // An object or array: its bracket, and whether it has members yet (for commas and newlines).
  JsonWriter& Open(char bracket);
  JsonWriter& Close(char bracket);
  void Newline();
  void Quote(std::string_view s);

  std::string out_;
  // One entry per open container: whether it has no element yet.
  std::vector<bool> empty_;
  bool pretty_;
  bool after_key_ = false;
  std::string key_;          // the last key written, to name a field with invalid UTF-8
  bool invalid_ = false;
  std::string invalid_key_;  // the first such field
};

}  // namespace base

#endif  // FICHIER_BASE_JSON_WRITER_H_
