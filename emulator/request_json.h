// Tolerant reading of API request bodies, the way spec §2.2 says the real service reads them:
// an empty body is {}, null is the same as an absent field, unknown fields are ignored, and
// integer fields accept JSON numbers and numeric strings. Anything else of the wrong type is an
// InvalidArgument error naming the field (the caller turns it into "Bad request #1").
#ifndef FICHIER_EMULATOR_REQUEST_JSON_H_
#define FICHIER_EMULATOR_REQUEST_JSON_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "simdjson.h"

namespace emulator {

// A view of one JSON object; valid while the RequestJson it came from lives.
class JsonObject {
 public:
  JsonObject() = default;
  explicit JsonObject(simdjson::dom::object object) : object_(object), valid_(true) {}

  absl::StatusOr<std::optional<int64_t>> Int(absl::string_view key) const;
  absl::StatusOr<std::optional<std::string>> String(absl::string_view key) const;
  absl::StatusOr<std::optional<std::vector<std::string>>> StringArray(absl::string_view key) const;
  absl::StatusOr<std::optional<std::vector<JsonObject>>> ObjectArray(absl::string_view key) const;
  absl::StatusOr<std::optional<JsonObject>> Object(absl::string_view key) const;
  // The field re-serialised as compact JSON (for values the emulator only stores and echoes).
  std::optional<std::string> RawJson(absl::string_view key) const;
  // Every key with a string value (for remote-upload headers given as an object).
  std::vector<std::pair<std::string, std::string>> StringMembers() const;

 private:
  // Absent or null -> nullopt.
  std::optional<simdjson::dom::element> Find(absl::string_view key) const;

  simdjson::dom::object object_;
  bool valid_ = false;
};

class RequestJson {
 public:
  // Parses a request body. Empty (or all-whitespace) means {}; a body that is not a JSON object
  // is InvalidArgument.
  static absl::StatusOr<RequestJson> Parse(absl::string_view body);

  const JsonObject& root() const { return root_; }

 private:
  std::unique_ptr<simdjson::dom::parser> parser_;
  JsonObject root_;
};

}  // namespace emulator

#endif  // FICHIER_EMULATOR_REQUEST_JSON_H_
