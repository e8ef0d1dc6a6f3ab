#include "backend/crypt/name_encoding.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "base/string_views.h"

namespace backend::crypt {
namespace {

constexpr std::string_view kBase32Hex = "0123456789abcdefghijklmnopqrstuv";
constexpr std::string_view kBase64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Generic unpadded encoder: `bits` bits per character, most significant first.
std::string Encode(std::string_view bytes, std::string_view alphabet, int bits) {
  std::string out;
  uint32_t buffer = 0;
  int held = 0;
  for (unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    held += 8;
    while (held >= bits) {
      held -= bits;
      out.push_back(alphabet[(buffer >> held) & ((1u << bits) - 1)]);
    }
  }
  if (held > 0) out.push_back(alphabet[(buffer << (bits - held)) & ((1u << bits) - 1)]);
  return out;
}

int Base32Value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'v') return c - 'a' + 10;
  if (c >= 'A' && c <= 'V') return c - 'A' + 10;
  return -1;
}

int Base64UrlValue(char c) {
  size_t pos = kBase64Url.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// Generic unpadded decoder; leftover bits at the end are dropped, as Go's non-strict decoders
// do. A length that cannot come from the encoder is an error at the first missing character.
absl::StatusOr<std::string> Decode(std::string_view text, int (*value)(char), int bits,
                                   std::string_view name, int group_chars, int group_bytes) {
  std::string out;
  uint32_t buffer = 0;
  int held = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    int v = value(text[i]);
    if (v < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("illegal ", base::ToAbsl(name), " data at input byte ", i));
    }
    buffer = (buffer << bits) | static_cast<uint32_t>(v);
    held += bits;
    if (held >= 8) {
      held -= 8;
      out.push_back(static_cast<char>((buffer >> held) & 0xff));
    }
  }
  // A final partial group must carry at least one whole byte and no whole extra character.
  size_t tail = text.size() % group_chars;
  if (tail != 0) {
    size_t tail_bits = tail * bits;
    bool valid = false;
    for (int n = 1; n < group_bytes; ++n) {
      if (tail_bits >= static_cast<size_t>(8 * n) && tail_bits < static_cast<size_t>(8 * n + bits)) {
        valid = true;
      }
    }
    if (!valid) {
      return absl::InvalidArgumentError(
          absl::StrCat("illegal ", base::ToAbsl(name), " data at input byte ", text.size()));
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<NameEncoding> ParseNameEncoding(std::string_view name) {
  if (name == "base32" || name.empty()) return NameEncoding::kBase32;
  if (name == "base64") return NameEncoding::kBase64;
  if (name == "base32768") {
    return absl::InvalidArgumentError(
        "filename_encoding \"base32768\" is not supported by fclone: use base32 or base64");
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown file name encoding \"",
                                                 base::ToAbsl(name),
                                                 "\": use base32 or base64"));
}

std::string EncodeName(NameEncoding encoding, std::string_view bytes) {
  return encoding == NameEncoding::kBase32 ? Encode(bytes, kBase32Hex, 5)
                                           : Encode(bytes, kBase64Url, 6);
}

absl::StatusOr<std::string> DecodeName(NameEncoding encoding, std::string_view text) {
  if (encoding == NameEncoding::kBase32) {
    if (!text.empty() && text.back() == '=') {
      return absl::InvalidArgumentError("bad base32 filename encoding");
    }
    return Decode(text, &Base32Value, 5, "base32", 8, 5);
  }
  return Decode(text, &Base64UrlValue, 6, "base64", 4, 3);
}

}  // namespace backend::crypt
