// One table per enum serves both directions of its name mapping (value -> name for messages and
// config, name -> value for parsing), so the two never drift apart.
#ifndef FICHIER_BASE_ENUM_NAMES_H_
#define FICHIER_BASE_ENUM_NAMES_H_

#include <cstddef>
#include <optional>
#include <string_view>

#include "absl/strings/match.h"
#include "base/string_views.h"

namespace base {

template <typename Enum>
struct EnumName {
  Enum value;
  std::string_view name;
};

// The name `table` gives `value`, or `fallback` when it lists none.
template <typename Enum, size_t N>
constexpr std::string_view NameOf(const EnumName<Enum> (&table)[N], Enum value,
                                  std::string_view fallback) {
  for (const EnumName<Enum>& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return fallback;
}

// The value `table` names `name` (with ignore_case, ASCII case aside), or nullopt.
template <typename Enum, size_t N>
std::optional<Enum> ValueOf(const EnumName<Enum> (&table)[N], std::string_view name,
                            bool ignore_case = false) {
  for (const EnumName<Enum>& entry : table) {
    if (ignore_case ? absl::EqualsIgnoreCase(ToAbsl(entry.name), ToAbsl(name))
                    : entry.name == name) {
      return entry.value;
    }
  }
  return std::nullopt;
}

}  // namespace base

#endif  // FICHIER_BASE_ENUM_NAMES_H_
