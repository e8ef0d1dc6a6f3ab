// A rest::ByteSource over a string held in memory: upload bodies and downloads in tests.
#ifndef FICHIER_TESTS_SUPPORT_STRING_BYTE_SOURCE_H_
#define FICHIER_TESTS_SUPPORT_STRING_BYTE_SOURCE_H_

#include <algorithm>
#include <string>

#include "backend/rest/byte_source.h"

namespace test_support {

class StringByteSource : public backend::rest::ByteSource {
 public:
  explicit StringByteSource(std::string data) : data_(std::move(data)) {}
  absl::StatusOr<size_t> Read(std::span<uint8_t> out) override {
    const size_t n = std::min(out.size(), data_.size() - pos_);
    std::copy_n(data_.data() + pos_, n, out.data());
    pos_ += n;
    return n;
  }

 private:
  std::string data_;
  size_t pos_ = 0;
};

}  // namespace test_support

#endif  // FICHIER_TESTS_SUPPORT_STRING_BYTE_SOURCE_H_
