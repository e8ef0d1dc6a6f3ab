#include "backend/rest/http_types.h"

#include <utility>

namespace backend::rest {

std::optional<std::string_view> FindHeader(const HttpHeaders& headers,
                                           std::string_view lower_name) {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return std::string_view(value);
  }
  return std::nullopt;
}

std::string_view HttpResponse::content_type() const {
  return FindHeader(headers, "content-type").value_or(std::string_view());
}

MultipartPart MultipartPart::Field(std::string name, std::string value) {
  MultipartPart part;
  part.name = std::move(name);
  part.value = std::move(value);
  return part;
}

MultipartPart MultipartPart::File(std::string name, std::string filename, ByteSource* source,
                                  int64_t size) {
  MultipartPart part;
  part.name = std::move(name);
  part.filename = std::move(filename);
  part.source = source;
  part.size = size;
  part.content_type = "application/octet-stream";
  return part;
}

}  // namespace backend::rest
