// A streaming multipart/form-data parser for upload.cgi. httplib's own parser copies byte by
// byte and caps uploads near 200 MB/s; this one finds delimiters with memmem and hands file
// data on as pointers into the caller's chunks (no copy), so receiving is not what limits an
// upload.
#ifndef FICHIER_EMULATOR_MULTIPART_PARSER_H_
#define FICHIER_EMULATOR_MULTIPART_PARSER_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace emulator {

struct PartHeader {
  std::string name;
  std::string filename;
  bool has_filename = false;
  std::string content_type;
};

class MultipartParser {
 public:
  // Callbacks return false to stop parsing (Feed then returns false too).
  using OnPart = std::function<bool(const PartHeader&)>;
  using OnData = std::function<bool(const char* data, size_t size)>;

  MultipartParser(std::string boundary, OnPart on_part, OnData on_data);

  // The boundary parameter of a Content-Type header ("multipart/form-data; boundary=..."),
  // quoted or not; nullopt when absent.
  static std::optional<std::string> BoundaryOf(absl::string_view content_type);

  // Feeds the next bytes of the body. False on malformed input or when a callback said stop.
  bool Feed(const char* data, size_t size);
  // True once the closing delimiter has been seen.
  bool done() const { return state_ == State::kDone; }
  const std::string& error() const { return error_; }

 private:
  enum class State { kPreamble, kAfterDelimiter, kHeaders, kBody, kDone };
  bool Fail(std::string why);
  bool ParseHeaders(absl::string_view block);
  // Parses what it can of `input`; returns how many bytes it used. The rest must be given again,
  // followed by more input.
  size_t Consume(absl::string_view input, bool& ok);
  size_t PossibleDelimiterStart(absl::string_view rest) const;

  std::string dash_boundary_;  // "--" + boundary
  std::string delimiter_;      // "\r\n--" + boundary
  OnPart on_part_;
  OnData on_data_;
  State state_ = State::kPreamble;
  std::string buffer_;  // input not used yet: small, except an incomplete header block
  std::string error_;
};

}  // namespace emulator

#endif  // FICHIER_EMULATOR_MULTIPART_PARSER_H_
