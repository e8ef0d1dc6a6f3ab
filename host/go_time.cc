#include "host/go_time.h"

#include <utility>

namespace fclone {
namespace {

// Longest first where one chunk starts another (Go's nextStdChunk order).
constexpr std::pair<std::string_view, std::string_view> kChunks[] = {
    {"January", "%B"},   {"Jan", "%b"},          {"Monday", "%A"},    {"Mon", "%a"},
    {"MST", "%Z"},       {"2006", "%Y"},         {"05.000000000", "%E9S"},
    {"05.000000", "%E6S"}, {"05.000", "%E3S"},   {"002", "%j"},       {"01", "%m"},
    {"02", "%d"},        {"03", "%I"},           {"04", "%M"},        {"05", "%S"},
    {"06", "%y"},        {"15", "%H"},           {"_2", "%e"},        {"Z07:00", "%Ez"},
    {"-07:00", "%Ez"},   {"-0700", "%z"},        {"PM", "%p"},        {"1", "%-m"},
    {"2", "%-d"},        {"3", "%-I"},           {"4", "%-M"},        {"5", "%-S"},
};

}  // namespace

std::string GoLayoutToStrftime(std::string_view layout) {
  std::string out;
  size_t i = 0;
  while (i < layout.size()) {
    bool matched = false;
    for (const auto& [go, c] : kChunks) {
      if (layout.substr(i).starts_with(go)) {
        out.append(c);
        i += go.size();
        matched = true;
        break;
      }
    }
    if (matched) continue;
    if (layout[i] == '%') out.push_back('%');
    out.push_back(layout[i++]);
  }
  return out;
}

}  // namespace fclone
