// rclone's lib/encoder MultiEncoder, byte-compatible with rclone v1.60.1 (spec
// rclone-conventions.md §1), in its two layers:
//   - bare:     EncodeBare / DecodeBare, rclone's MultiEncoder.Encode / Decode on *real* names;
//   - standard: Encode / Decode, rclone's FromStandardName / ToStandardName, which take and give
//               the standard names every layer above a backend uses (what rclone prints).
// A backend calls Encode on every name it sends and Decode on every name it reads.
//
// One deliberate deviation: DecodeBare is the exact inverse of EncodeBare for every input.
// rclone's decode is not when a U+201B sits right before a trailing edge character (§1.6, §7.1);
// DecodeBareRclone reproduces rclone's output for that case. See encoding/README.md.
#ifndef FICHIER_ENCODING_MULTI_ENCODER_H_
#define FICHIER_ENCODING_MULTI_ENCODER_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "encoding/mask.h"

namespace encoding {

class MultiEncoder {
 public:
  constexpr MultiEncoder() : MultiEncoder(kNone) {}
  constexpr explicit MultiEncoder(Mask mask);

  // Mask strings as rclone writes them (see ParseMask / MaskToString).
  static absl::StatusOr<MultiEncoder> Parse(std::string_view text);
  std::string ToString() const { return MaskToString(mask_); }

  constexpr Mask mask() const { return mask_; }
  constexpr bool Has(Mask flags) const { return (mask_ & flags) == flags; }
  friend constexpr bool operator==(const MultiEncoder& a, const MultiEncoder& b) {
    return a.mask_ == b.mask_;
  }

  // Standard layer: FromStandardName / ToStandardName for one path segment.
  std::string Encode(std::string_view name) const;
  std::string Decode(std::string_view name) const;
  // Allocation-free forms: return `name` itself when nothing changes (the common case), else a
  // view of *scratch, which is overwritten (reuse one scratch across calls to keep its capacity).
  // `name` may point into *scratch; that case costs one temporary allocation.
  std::string_view Encode(std::string_view name, std::string* scratch) const;
  std::string_view Decode(std::string_view name, std::string* scratch) const;

  // FromStandardPath / ToStandardPath: each '/'-separated segment converted on its own.
  std::string EncodePath(std::string_view path) const;
  std::string DecodePath(std::string_view path) const;

  // Bare layer on real names (may contain NUL, control bytes, '/', invalid UTF-8).
  std::string EncodeBare(std::string_view real) const;
  std::string DecodeBare(std::string_view wire) const;
  std::string_view EncodeBare(std::string_view real, std::string* scratch) const;
  std::string_view DecodeBare(std::string_view wire, std::string* scratch) const;

  // rclone v1.60.1's own decode, defect included. For tests and for diagnosing names written by
  // rclone; production code uses Decode / DecodeBare.
  std::string DecodeBareRclone(std::string_view wire) const;
  std::string DecodeRclone(std::string_view name) const;

  // Whether EncodeBare / DecodeBare could change the input. Exact for encoding; for decoding any
  // U+201B counts as a change (the full decoder then decides).
  bool EncodeBareChanges(std::string_view real) const;
  bool DecodeBareChanges(std::string_view wire) const;

 private:
  friend class MultiEncoderPeer;  // tests compare the fast paths with the full algorithm
  enum class DecodeMode { kInverse, kRclone };

  // EncodeBareChanges that also reports whether any E2/EF byte occurs: without one, neither a
  // decode nor the Standard layer can change anything either, so one scan serves both layers.
  bool EncodeScan(std::string_view in, bool* saw_special_lead) const;
  void EncodeBareInto(std::string_view in, std::string* out) const;
  void DecodeBareInto(std::string_view in, std::string* out, DecodeMode mode) const;
  void EncodeBody(std::string_view in, std::string* out) const;
  void DecodeBody(std::string_view in, std::string* out) const;
  // Appends, in one go, the bytes from in[*i] on whose byte_class_ has none of `stop` (nothing
  // to convert there) and moves *i past them; false when in[*i] itself has one.
  bool AppendRun(std::string_view in, uint8_t stop, size_t* i, std::string* out) const;
  // The byte the body of a name maps to replacement `r` under this mask, or -1.
  int BodyByteFor(char32_t r) const;

  // Bits of byte_class_: what a byte may trigger, so the no-change scans are one lookup a byte.
  static constexpr uint8_t kBodyChange = 1;   // ASCII byte replaced inside a name
  static constexpr uint8_t kLeftEdge = 2;     // raw byte covered by an enabled Left* rule
  static constexpr uint8_t kRightEdge = 4;    // raw byte covered by an enabled Right* rule
  static constexpr uint8_t kSpecialLead = 8;  // E2 / EF: may start a replacement character
  static constexpr uint8_t kNonAscii = 16;    // may be invalid UTF-8

  Mask mask_;
  // Replacement code point of each ASCII byte inside a name, 0 when the byte is kept.
  std::array<char16_t, 128> body_;
  std::array<uint8_t, 256> byte_class_;
};

constexpr MultiEncoder::MultiEncoder(Mask mask) : mask_(mask), body_{}, byte_class_{} {
  body_[0] = 0x2400;  // NUL is always encoded, whatever the mask (except exact Raw).
  for (int c = 1; c < 0x20; ++c) {
    const bool crlf = c == '\r' || c == '\n';
    if ((mask & kCtl) || (crlf && (mask & kCrLf))) body_[c] = static_cast<char16_t>(0x2400 + c);
  }
  if (mask & kDel) body_[0x7F] = 0x2421;
  struct Punct {
    char c;
    Mask flag;
  };
  constexpr Punct kPunct[] = {
      {'/', kSlash},        {'<', kLtGt},        {'>', kLtGt},          {'"', kDoubleQuote},
      {'\'', kSingleQuote}, {'`', kBackQuote},   {'$', kDollar},        {':', kColon},
      {'?', kQuestion},     {'*', kAsterisk},    {'|', kPipe},          {'#', kHash},
      {'%', kPercent},      {'\\', kBackSlash},  {'[', kSquareBracket}, {']', kSquareBracket},
      {';', kSemicolon},    {'!', kExclamation},
  };
  for (const Punct& p : kPunct) {
    if (mask & p.flag) body_[p.c] = static_cast<char16_t>(0xFEE0 + p.c);  // fullwidth form
  }
  for (int b = 0; b < 256; ++b) {
    uint8_t c = 0;
    if (b < 0x80 && body_[b] != 0) c |= kBodyChange;
    if (b >= 0x80) c |= kNonAscii;
    if (b == 0xE2 || b == 0xEF) c |= kSpecialLead;
    const bool crlfhtvt = b == '\t' || b == '\n' || b == '\v' || b == '\r';
    if ((b == ' ' && (mask & kLeftSpace)) || (b == '.' && (mask & kLeftPeriod)) ||
        (b == '~' && (mask & kLeftTilde)) || (crlfhtvt && (mask & kLeftCrLfHtVt))) {
      c |= kLeftEdge;
    }
    if ((b == ' ' && (mask & kRightSpace)) || (b == '.' && (mask & kRightPeriod)) ||
        (crlfhtvt && (mask & kRightCrLfHtVt))) {
      c |= kRightEdge;
    }
    byte_class_[b] = c;
  }
}

inline constexpr MultiEncoder kStandard{kStandardMask};
inline constexpr MultiEncoder kFichierDefault{kFichierDefaultMask};
inline constexpr MultiEncoder kLocalLinuxDefault{kLocalLinuxDefaultMask};

}  // namespace encoding

#endif  // FICHIER_ENCODING_MULTI_ENCODER_H_
