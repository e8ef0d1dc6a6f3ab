#include "base/json_writer.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/hex.h"
#include "base/utf8.h"

namespace base {
namespace {

void AppendU(std::string& out, char32_t c) {
  out.append("\\u");
  AppendHexByte(out, static_cast<uint8_t>(c >> 8));
  AppendHexByte(out, static_cast<uint8_t>(c));
}

// Appends the escape of an ASCII byte; false when the byte is written as is.
bool EscapeAscii(std::string& out, unsigned char c, JsonDialect dialect) {
  switch (c) {
    case '"': out.append("\\\""); return true;
    case '\\': out.append("\\\\"); return true;
    case '\n': out.append("\\n"); return true;
    case '\r': out.append("\\r"); return true;
    case '\t': out.append("\\t"); return true;
    case '<': case '>': case '&':
      if (dialect != JsonDialect::kGo) return false;
      AppendU(out, c);
      return true;
    default:
      if (c < 0x20 || (c == 0x7F && dialect == JsonDialect::kPlain)) {
        AppendU(out, c);
        return true;
      }
      return false;
  }
}

}  // namespace

bool AppendJsonString(std::string& out, std::string_view s, JsonDialect dialect) {
  bool valid = true;
  out.push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (!EscapeAscii(out, c, dialect)) out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    const utf8::Rune r = utf8::DecodeRune(s, i);
    if (r.value == utf8::kReplacement && r.size == 1) {
      valid = false;
      out.append("\\ufffd");
    } else if (dialect == JsonDialect::kGo && (r.value == 0x2028 || r.value == 0x2029)) {
      AppendU(out, r.value);
    } else {
      out.append(s.substr(i, r.size));
    }
    i += r.size;
  }
  out.push_back('"');
  return valid;
}

std::string JsonQuote(std::string_view s, JsonDialect dialect) {
  std::string out;
  AppendJsonString(out, s, dialect);
  return out;
}

void JsonWriter::Quote(std::string_view s) {
  if (!AppendJsonString(out_, s) && !invalid_) {
    invalid_ = true;
    invalid_key_ = key_;
  }
}

void JsonWriter::Newline() {
  if (!pretty_) return;
  out_.push_back('\n');
  out_.append(empty_.size() * 2, ' ');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (empty_.empty()) return;
  if (!empty_.back()) out_.push_back(',');
  empty_.back() = false;
  Newline();
}

JsonWriter& JsonWriter::Open(char bracket) {
  BeforeValue();
  out_.push_back(bracket);
  empty_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::Close(char bracket) {
  const bool was_empty = empty_.back();
  empty_.pop_back();
  if (!was_empty) Newline();
  out_.push_back(bracket);
  return *this;
}

JsonWriter& JsonWriter::BeginObject() { return Open('{'); }
JsonWriter& JsonWriter::EndObject() { return Close('}'); }
JsonWriter& JsonWriter::BeginArray() { return Open('['); }
JsonWriter& JsonWriter::EndArray() { return Close(']'); }

JsonWriter& JsonWriter::Key(std::string_view key) {
  BeforeValue();
  key_.assign(key);
  Quote(key);
  out_.append(pretty_ ? ": " : ":");
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  BeforeValue();
  Quote(value);
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t value) {
  BeforeValue();
  absl::StrAppend(&out_, value);
  return *this;
}

JsonWriter& JsonWriter::Uint(uint64_t value) {
  BeforeValue();
  absl::StrAppend(&out_, value);
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  out_.append("null");
  return *this;
}

JsonWriter& JsonWriter::Raw(std::string_view json) {
  BeforeValue();
  out_.append(json);
  return *this;
}

JsonWriter& JsonWriter::Field(std::string_view key, const std::vector<std::string>& values) {
  Key(key).BeginArray();
  for (const std::string& v : values) String(v);
  return EndArray();
}

absl::StatusOr<std::string> JsonWriter::TakeIfValid() && {
  if (invalid_) {
    return absl::InvalidArgumentError(absl::StrCat(
        "field ", JsonQuote(invalid_key_), " is not valid UTF-8 and cannot be sent as JSON"));
  }
  return std::move(out_);
}

}  // namespace base
