// Builds the small JSON request bodies of the API. Names travel inside them, so escaping must
// be exact: quotes, backslashes and control characters are escaped, UTF-8 passes through, and
// invalid UTF-8 (which JSON cannot carry) is refused rather than mangled.
#ifndef FICHIER_BACKEND_FICHIER_JSON_WRITER_H_
#define FICHIER_BACKEND_FICHIER_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace backend::fichier {

// Appends `value` as a JSON string literal (with quotes) to `out`.
void AppendJsonString(std::string& out, std::string_view value);

class JsonWriter {
 public:
  JsonWriter() { out_.push_back('{'); }
  JsonWriter& String(std::string_view key, std::string_view value);
  JsonWriter& Int(std::string_view key, int64_t value);
  JsonWriter& StringArray(std::string_view key, const std::vector<std::string>& values);
  // `json` must be valid JSON made by another writer (nested objects and arrays of them).
  JsonWriter& Raw(std::string_view key, std::string_view json);
  // The object, or InvalidArgument naming the field whose value is not valid UTF-8.
  absl::StatusOr<std::string> Finish() &&;

 private:
  void Key(std::string_view key);
  void Check(std::string_view key, std::string_view value);
  std::string out_;
  bool first_ = true;
  std::string bad_field_;  // first field with invalid UTF-8
};

// "[obj,obj,...]" from already-built objects.
std::string JsonArrayOf(const std::vector<std::string>& objects);

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_JSON_WRITER_H_
