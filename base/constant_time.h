// Comparing secrets (passwords, auth headers) without telling, by how long it takes, how much
// of a guess was right: every byte is looked at whatever the first difference.
#ifndef FICHIER_BASE_CONSTANT_TIME_H_
#define FICHIER_BASE_CONSTANT_TIME_H_

#include <string_view>

namespace base {

inline bool SameInConstantTime(std::string_view a, std::string_view b) {
  unsigned diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    diff |= static_cast<unsigned>(a[i] ^ b[i]);
  }
  return diff == 0;
}

}  // namespace base

#endif  // FICHIER_BASE_CONSTANT_TIME_H_
