#include "backend/fichier/json_writer.h"

#include <simdjson.h>

#include <cstdio>

#include "absl/status/status.h"

namespace backend::fichier {

void AppendJsonString(std::string& out, std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default:
        if (u < 0x20 || u == 0x7f) {
          out.append("\\u00");
          out.push_back(kHex[u >> 4]);
          out.push_back(kHex[u & 0xf]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void JsonWriter::Key(std::string_view key) {
  if (!first_) out_.push_back(',');
  first_ = false;
  AppendJsonString(out_, key);
  out_.push_back(':');
}

void JsonWriter::Check(std::string_view key, std::string_view value) {
  if (bad_field_.empty() && !simdjson::validate_utf8(value.data(), value.size())) {
    bad_field_ = std::string(key);
  }
}

JsonWriter& JsonWriter::String(std::string_view key, std::string_view value) {
  Check(key, value);
  Key(key);
  AppendJsonString(out_, value);
  return *this;
}

JsonWriter& JsonWriter::Int(std::string_view key, int64_t value) {
  Key(key);
  out_.append(std::to_string(value));
  return *this;
}

JsonWriter& JsonWriter::StringArray(std::string_view key, const std::vector<std::string>& values) {
  Key(key);
  out_.push_back('[');
  for (size_t i = 0; i < values.size(); ++i) {
    Check(key, values[i]);
    if (i > 0) out_.push_back(',');
    AppendJsonString(out_, values[i]);
  }
  out_.push_back(']');
  return *this;
}

JsonWriter& JsonWriter::Raw(std::string_view key, std::string_view json) {
  Check(key, json);
  Key(key);
  out_.append(json);
  return *this;
}

absl::StatusOr<std::string> JsonWriter::Finish() && {
  if (!bad_field_.empty()) {
    return absl::InvalidArgumentError("field \"" + bad_field_ +
                                      "\" is not valid UTF-8 and cannot be sent as JSON");
  }
  out_.push_back('}');
  return std::move(out_);
}

std::string JsonArrayOf(const std::vector<std::string>& objects) {
  std::string out = "[";
  for (size_t i = 0; i < objects.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append(objects[i]);
  }
  out.push_back(']');
  return out;
}

}  // namespace backend::fichier
