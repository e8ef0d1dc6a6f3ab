// The two places where rclone v1.60.1's encoder is not reversible, written independently of the
// encoder so tests cannot agree with a wrong implementation by construction. See
// encoding/README.md ("Deviations and known collisions").
#ifndef FICHIER_TESTS_ENCODING_RCLONE_QUIRKS_H_
#define FICHIER_TESTS_ENCODING_RCLONE_QUIRKS_H_

#include <string_view>
#include <utility>

#include "encoding/mask.h"

namespace encoding::testing {

// rclone's decode misreads a wire name whose trailing edge symbol follows an even, non-zero run
// of U+201B (spec §1.6, §7.1): it takes the last ‛ as quoting the symbol. Our decode does not.
inline bool IsRcloneDecodeDefect(Mask mask, std::string_view wire) {
  static constexpr std::pair<Mask, std::string_view> kRightSymbols[] = {
      {kRightSpace, "␠"},    {kRightPeriod, "．"},  {kRightCrLfHtVt, "␉"},
      {kRightCrLfHtVt, "␊"}, {kRightCrLfHtVt, "␋"}, {kRightCrLfHtVt, "␍"}};
  if (mask == kRaw) return false;
  for (const auto& [flag, symbol] : kRightSymbols) {
    if ((mask & flag) == 0 || !wire.ends_with(symbol)) continue;
    std::string_view rest = wire.substr(0, wire.size() - symbol.size());
    int quotes = 0;
    while (rest.ends_with("‛")) {
      rest.remove_suffix(std::string_view("‛").size());
      ++quotes;
    }
    return quotes > 0 && quotes % 2 == 0;
  }
  return false;
}

// rclone's Encode is not injective when Dot is combined with exactly one of LeftPeriod /
// RightPeriod (found by our fuzzer, confirmed with rclone 1.60.1): the real name "．." (with
// RightPeriod) or ".．" (with LeftPeriod) encodes to "．．", which is also the encoding of "..".
// Decode must pick one; like rclone it picks "..". The bare encoding of these names is the
// colliding one; no decoder can return them.
inline bool IsRcloneDotCollision(Mask mask, std::string_view real) {
  if (mask == kRaw || (mask & kDot) == 0) return false;
  const bool left = mask & kLeftPeriod;
  const bool right = mask & kRightPeriod;
  return (right && !left && real == "．.") || (left && !right && real == ".．");
}

}  // namespace encoding::testing

#endif  // FICHIER_TESTS_ENCODING_RCLONE_QUIRKS_H_
