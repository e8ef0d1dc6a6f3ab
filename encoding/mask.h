// Flag bits of rclone's lib/encoder MultiEncoder and the mask string syntax
// ("Slash,LtGt,0x80"). Values are rclone's, so numeric masks from rclone.conf mean the same here.
#ifndef FICHIER_ENCODING_MASK_H_
#define FICHIER_ENCODING_MASK_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace encoding {

using Mask = uint64_t;

// Single flags (spec rclone-conventions.md §1.2).
inline constexpr Mask kNone = 0x0;
inline constexpr Mask kRaw = 0x1;  // rclone HEAD only: exactly Raw means identity.
inline constexpr Mask kSlash = 0x2;
inline constexpr Mask kLtGt = 0x4;
inline constexpr Mask kDoubleQuote = 0x8;
inline constexpr Mask kSingleQuote = 0x10;
inline constexpr Mask kBackQuote = 0x20;
inline constexpr Mask kDollar = 0x40;
inline constexpr Mask kColon = 0x80;
inline constexpr Mask kQuestion = 0x100;
inline constexpr Mask kAsterisk = 0x200;
inline constexpr Mask kPipe = 0x400;
inline constexpr Mask kHash = 0x800;
inline constexpr Mask kPercent = 0x1000;
inline constexpr Mask kBackSlash = 0x2000;
inline constexpr Mask kCrLf = 0x4000;
inline constexpr Mask kDel = 0x8000;
inline constexpr Mask kCtl = 0x10000;
inline constexpr Mask kLeftSpace = 0x20000;
inline constexpr Mask kLeftPeriod = 0x40000;
inline constexpr Mask kLeftTilde = 0x80000;
inline constexpr Mask kLeftCrLfHtVt = 0x100000;
inline constexpr Mask kRightSpace = 0x200000;
inline constexpr Mask kRightPeriod = 0x400000;
inline constexpr Mask kRightCrLfHtVt = 0x800000;
inline constexpr Mask kInvalidUtf8 = 0x1000000;
inline constexpr Mask kDot = 0x2000000;
inline constexpr Mask kSquareBracket = 0x4000000;
inline constexpr Mask kSemicolon = 0x8000000;
inline constexpr Mask kExclamation = 0x10000000;  // rclone HEAD only.

// Named combinations (Go constants; rclone itself does not accept them in a mask string).
inline constexpr Mask kStandardMask = kSlash | kCtl | kDel | kDot;  // = Display, 0x2018002
inline constexpr Mask kBaseMask = kSlash | kDot;                    // 0x2000002
inline constexpr Mask kEncodeWinMask =
    kColon | kQuestion | kDoubleQuote | kAsterisk | kLtGt | kPipe;
inline constexpr Mask kEncodeHashPercentMask = kHash | kPercent;

// backend/fichier/fichier.go default (§1.9): 0x323A07E, printed as
// Slash,LtGt,DoubleQuote,SingleQuote,BackQuote,Dollar,BackSlash,Del,Ctl,LeftSpace,RightSpace,InvalidUtf8,Dot
inline constexpr Mask kFichierDefaultMask = kStandardMask | kBackSlash | kSingleQuote | kBackQuote |
                                            kDoubleQuote | kLtGt | kDollar | kLeftSpace |
                                            kRightSpace | kInvalidUtf8;
// The local backend's default on Linux (encoder.OS = Base).
inline constexpr Mask kLocalLinuxDefaultMask = kBaseMask;

// Parses rclone's comma-separated form: flag names (case-sensitive) and Go integer literals
// (12, 0x1F, 0o17, 0b101, 1_000), OR-ed together. Spaces around each part are ignored (rclone
// HEAD tolerates them; v1.60.1's config tokenizer did not). Also accepts the preset names
// Standard, Display and Base. An empty or unknown part is InvalidArgument with rclone's message
// `bad encoding "<part>": possible values are: ...`.
absl::StatusOr<Mask> ParseMask(std::string_view text);

// rclone's String(): the alias if the whole value has one (None, Raw), else the alias of every set
// bit in ascending order joined by "," and 0x%X for bits without one.
std::string MaskToString(Mask mask);

}  // namespace encoding

#endif  // FICHIER_ENCODING_MASK_H_
