#include "emulator/request_json.h"

#include <charconv>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "base/string_views.h"

namespace emulator {
namespace {

absl::Status WrongType(absl::string_view key, absl::string_view want) {
  return absl::InvalidArgumentError(absl::StrCat("field '", key, "' must be ", want));
}

absl::StatusOr<int64_t> ElementToInt(const simdjson::dom::element& e, absl::string_view key) {
  switch (e.type()) {
    case simdjson::dom::element_type::INT64:
      return int64_t(e.get_int64().value_unsafe());
    case simdjson::dom::element_type::UINT64:
      return WrongType(key, "an integer in range");
    case simdjson::dom::element_type::DOUBLE: {
      // 3.0 is an integer to a JavaScript client; accept exact integral doubles only.
      const double d = e.get_double().value_unsafe();
      // Out of int64 range (or NaN), the cast below would be undefined.
      if (!(d >= -0x1p63 && d < 0x1p63)) return WrongType(key, "an integer in range");
      const auto i = static_cast<int64_t>(d);
      if (static_cast<double>(i) == d) return i;
      return WrongType(key, "an integer");
    }
    case simdjson::dom::element_type::STRING: {
      absl::string_view s = absl::StripAsciiWhitespace(base::ToAbsl(e.get_string().value_unsafe()));
      int64_t v = 0;
      auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) {
        return WrongType(key, "an integer or a numeric string");
      }
      return v;
    }
    default:
      return WrongType(key, "an integer");
  }
}

}  // namespace

std::optional<simdjson::dom::element> JsonObject::Find(absl::string_view key) const {
  if (!valid_) return std::nullopt;
  simdjson::dom::element e;
  if (object_.at_key(base::ToStd(key)).get(e) != simdjson::SUCCESS) return std::nullopt;
  if (e.is_null()) return std::nullopt;
  return e;
}

absl::StatusOr<std::optional<int64_t>> JsonObject::Int(absl::string_view key) const {
  auto e = Find(key);
  if (!e) return std::optional<int64_t>();
  auto v = ElementToInt(*e, key);
  if (!v.ok()) return v.status();
  return std::optional<int64_t>(*v);
}

absl::StatusOr<std::optional<std::string>> JsonObject::String(absl::string_view key) const {
  auto e = Find(key);
  if (!e) return std::optional<std::string>();
  std::string_view s;
  if (e->get_string().get(s) != simdjson::SUCCESS) return WrongType(key, "a string");
  return std::optional<std::string>(std::string(s));
}

absl::StatusOr<std::optional<std::vector<std::string>>> JsonObject::StringArray(
    absl::string_view key) const {
  auto e = Find(key);
  if (!e) return std::optional<std::vector<std::string>>();
  simdjson::dom::array array;
  if (e->get_array().get(array) != simdjson::SUCCESS) {
    return WrongType(key, "an array of strings");
  }
  std::vector<std::string> out;
  for (simdjson::dom::element item : array) {
    std::string_view s;
    if (item.get_string().get(s) != simdjson::SUCCESS) {
      return WrongType(key, "an array of strings");
    }
    out.emplace_back(s);
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

absl::StatusOr<std::optional<std::vector<JsonObject>>> JsonObject::ObjectArray(
    absl::string_view key) const {
  auto e = Find(key);
  if (!e) return std::optional<std::vector<JsonObject>>();
  simdjson::dom::array array;
  if (e->get_array().get(array) != simdjson::SUCCESS) {
    return WrongType(key, "an array of objects");
  }
  std::vector<JsonObject> out;
  for (simdjson::dom::element item : array) {
    simdjson::dom::object o;
    if (item.get_object().get(o) != simdjson::SUCCESS) {
      return WrongType(key, "an array of objects");
    }
    out.emplace_back(o);
  }
  return std::optional<std::vector<JsonObject>>(std::move(out));
}

absl::StatusOr<std::optional<JsonObject>> JsonObject::Object(absl::string_view key) const {
  auto e = Find(key);
  if (!e) return std::optional<JsonObject>();
  simdjson::dom::object o;
  if (e->get_object().get(o) != simdjson::SUCCESS) return WrongType(key, "an object");
  return std::optional<JsonObject>(JsonObject(o));
}

std::optional<std::string> JsonObject::RawJson(absl::string_view key) const {
  auto e = Find(key);
  if (!e) return std::nullopt;
  return simdjson::minify(*e);
}

std::vector<std::pair<std::string, std::string>> JsonObject::StringMembers() const {
  std::vector<std::pair<std::string, std::string>> out;
  if (!valid_) return out;
  for (auto field : object_) {
    std::string_view v;
    if (field.value.get_string().get(v) == simdjson::SUCCESS) {
      out.emplace_back(std::string(field.key), std::string(v));
    }
  }
  return out;
}

absl::StatusOr<RequestJson> RequestJson::Parse(absl::string_view body) {
  RequestJson out;
  out.parser_ = std::make_unique<simdjson::dom::parser>();
  if (absl::StripAsciiWhitespace(body).empty()) body = "{}";
  simdjson::padded_string padded(base::ToStd(body));
  simdjson::dom::element root;
  if (auto error = out.parser_->parse(padded).get(root); error != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(
        absl::StrCat("malformed JSON: ", simdjson::error_message(error)));
  }
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("the body is not a JSON object");
  }
  out.root_ = JsonObject(object);
  return out;
}

}  // namespace emulator
