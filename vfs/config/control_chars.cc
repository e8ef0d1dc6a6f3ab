#include "vfs/config/control_chars.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace vfs {
namespace {

bool IsC0OrDel(unsigned char c) { return c < 0x20 || c == 0x7f; }

}  // namespace

bool HasControlChars(std::string_view text) {
  for (char c : text) {
    if (IsC0OrDel(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

absl::Status CheckNoControlChars(std::string_view option, std::string_view value) {
  if (!HasControlChars(value)) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      "option \"", absl::string_view(option.data(), option.size()),
      "\" holds a control character (CR, LF, TAB, ESC or another byte below 0x20, or DEL): "
      "it would corrupt the HTTP headers it is sent in; fix the value"));
}

std::string EscapeControlChars(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (IsC0OrDel(c)) {
      absl::StrAppendFormat(&out, "\\x%02x", c);
    } else if (c == 0xc2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      absl::StrAppendFormat(&out, "\\u%04x", static_cast<unsigned char>(text[i + 1]));
      ++i;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

}  // namespace vfs
