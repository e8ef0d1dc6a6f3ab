// The pull-based byte stream the HTTP client reads upload bodies from and hands downloads out
// as. It has the shape of vfs::Source (Read into a span, 0 = end) so an adapter is one line, but
// lives here so backend/rest depends on nothing above it.
#ifndef FICHIER_BACKEND_REST_BYTE_SOURCE_H_
#define FICHIER_BACKEND_REST_BYTE_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <span>

#include "absl/status/statusor.h"

namespace backend::rest {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Fills at most out.size() bytes; returns how many, 0 at the end of the stream. A short read
  // is not the end.
  virtual absl::StatusOr<size_t> Read(std::span<uint8_t> out) = 0;
};

}  // namespace backend::rest

#endif  // FICHIER_BACKEND_REST_BYTE_SOURCE_H_
