#include "encoding/multi_encoder.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "base/hex.h"
#include "base/utf8.h"

namespace encoding {
namespace {

namespace utf8 = base::utf8;

void AppendRune(std::string* out, char32_t r) { utf8::AppendRune(*out, r); }

// Every code point the encoder reads or writes specially is a 3-byte sequence led by E2 or EF
// (U+2000..U+2FFF, U+F000..U+FFFF). Returns it when one starts at s[i], else 0. Because E2/EF are
// never continuation bytes, a match is the rune Go would decode there.
char32_t SpecialRuneAt(std::string_view s, size_t i) {
  if (s.size() < i + 3) return 0;
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 != 0xE2 && b0 != 0xEF) return 0;
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  const auto b2 = static_cast<unsigned char>(s[i + 2]);
  if (!utf8::IsContinuation(b1) || !utf8::IsContinuation(b2)) return 0;
  return (static_cast<char32_t>(b0 & 0x0F) << 12) | (static_cast<char32_t>(b1 & 0x3F) << 6) |
         (b2 & 0x3F);
}

constexpr char32_t kQuote = 0x201B;     // ‛ quotes a literal replacement character
constexpr char32_t kFullStop = 0xFF0E;  // ． (Dot, LeftPeriod, RightPeriod)
constexpr size_t kRuneLen = 3;          // every special rune is 3 bytes in UTF-8

// One leading or trailing rule: the raw bytes it covers, each replaced by EdgeSymbol(byte).
struct EdgeRule {
  Mask flag;
  std::string_view raw;
};
// Order matters only for documentation: a character belongs to at most one rule.
constexpr EdgeRule kLeftRules[] = {
    {kLeftSpace, " "}, {kLeftPeriod, "."}, {kLeftTilde, "~"}, {kLeftCrLfHtVt, "\t\n\v\r"}};
constexpr EdgeRule kRightRules[] = {
    {kRightSpace, " "}, {kRightPeriod, "."}, {kRightCrLfHtVt, "\t\n\v\r"}};

constexpr char32_t EdgeSymbol(unsigned char b) {
  if (b < 0x20) return 0x2400 + b;  // control picture
  if (b == ' ') return 0x2420;      // ␠
  return 0xFEE0 + b;                // fullwidth . or ~
}

// The raw byte whose edge symbol is `r` under an enabled rule of `rules`, or -1.
template <size_t N>
int EdgeByteForSymbol(const EdgeRule (&rules)[N], Mask mask, char32_t r) {
  if (r == 0) return -1;
  for (const EdgeRule& rule : rules) {
    if ((mask & rule.flag) == 0) continue;
    for (char c : rule.raw) {
      if (EdgeSymbol(static_cast<unsigned char>(c)) == r) return static_cast<unsigned char>(c);
    }
  }
  return -1;
}

template <size_t N>
bool EdgeCoversByte(const EdgeRule (&rules)[N], Mask mask, char b) {
  for (const EdgeRule& rule : rules) {
    if ((mask & rule.flag) && rule.raw.find(b) != std::string_view::npos) return true;
  }
  return false;
}


bool Overlaps(std::string_view v, const std::string& s) {
  const std::less<const char*> less;
  return !v.empty() && !less(v.data(), s.data()) && less(v.data(), s.data() + s.capacity() + 1);
}

// Runs `fill(out)` into *scratch, through a temporary when `in` lives in *scratch.
template <typename Fill>
std::string_view FillScratch(std::string_view in, std::string* scratch, Fill fill) {
  if (Overlaps(in, *scratch)) {
    std::string tmp;
    fill(in, &tmp);
    *scratch = std::move(tmp);
  } else {
    scratch->clear();
    fill(in, scratch);
  }
  return *scratch;
}

bool IsDotName(std::string_view s) { return s == "." || s == ".."; }

// The real name between the two layers of Encode/Decode. Per thread and reused, so the special
// path does not allocate either once warm. `name` is fully read before it is overwritten, and
// `name` cannot live in it (callers never see it).
std::string& RealNameBuffer() {
  thread_local std::string buffer;
  return buffer;
}

}  // namespace

absl::StatusOr<MultiEncoder> MultiEncoder::Parse(std::string_view text) {
  absl::StatusOr<Mask> mask = ParseMask(text);
  if (!mask.ok()) return mask.status();
  return MultiEncoder(*mask);
}

int MultiEncoder::BodyByteFor(char32_t r) const {
  int b = -1;
  if (r >= 0x2400 && r < 0x2420) {
    b = static_cast<int>(r - 0x2400);
  } else if (r == 0x2421) {
    b = 0x7F;
  } else if (r >= 0xFF01 && r <= 0xFF5E) {
    b = static_cast<int>(r - 0xFEE0);
  }
  return b >= 0 && body_[b] == r ? b : -1;
}

// ---------------------------------------------------------------------------------------------
// Encode (§1.5)

bool MultiEncoder::EncodeBareChanges(std::string_view in) const {
  bool saw_special_lead = false;
  return EncodeScan(in, &saw_special_lead);
}

bool MultiEncoder::EncodeScan(std::string_view in, bool* saw_special_lead) const {
  if (mask_ == kRaw || in.empty()) return false;
  const size_t n = in.size();
  if ((mask_ & kDot) && n <= 2 * kRuneLen && (IsDotName(in) || in == "．" || in == "．．")) {
    return true;
  }
  const uint8_t first = byte_class_[static_cast<unsigned char>(in.front())];
  if ((first & kLeftEdge) ||
      ((first & kSpecialLead) && EdgeByteForSymbol(kLeftRules, mask_, SpecialRuneAt(in, 0)) >= 0)) {
    return true;
  }
  if (byte_class_[static_cast<unsigned char>(in.back())] & kRightEdge) return true;
  if (n >= kRuneLen && (byte_class_[static_cast<unsigned char>(in[n - kRuneLen])] & kSpecialLead) &&
      EdgeByteForSymbol(kRightRules, mask_, SpecialRuneAt(in, n - kRuneLen)) >= 0) {
    return true;
  }
  const bool check_utf8 = mask_ & kInvalidUtf8;
  const uint8_t stop = kBodyChange | kSpecialLead | (check_utf8 ? kNonAscii : 0);
  for (size_t i = 0; i < n;) {
    const auto b = static_cast<unsigned char>(in[i]);
    const uint8_t c = byte_class_[b];
    if ((c & stop) == 0) {
      ++i;
      continue;
    }
    if (c & kBodyChange) return true;
    if (c & kSpecialLead) {
      *saw_special_lead = true;
      const char32_t r = SpecialRuneAt(in, i);
      if (r == kQuote || (r != 0 && BodyByteFor(r) >= 0)) return true;
    }
    if (!check_utf8) {
      ++i;  // without InvalidUtf8 only E2/EF-led runes matter, and they are never continuations
      continue;
    }
    const size_t len = utf8::RuneLength(in, i);
    if (len == 0) return true;
    i += len;
  }
  return false;
}

bool MultiEncoder::AppendRun(std::string_view in, uint8_t stop, size_t* i, std::string* out) const {
  size_t run = *i;
  while (run < in.size() && (byte_class_[static_cast<unsigned char>(in[run])] & stop) == 0) ++run;
  if (run == *i) return false;
  out->append(in.substr(*i, run - *i));
  *i = run;
  return true;
}

void MultiEncoder::EncodeBody(std::string_view in, std::string* out) const {
  const size_t n = in.size();
  out->reserve(out->size() + n + 8);
  for (size_t i = 0; i < n;) {
    if (AppendRun(in, kBodyChange | kNonAscii, &i, out)) continue;  // plain ASCII
    const auto b = static_cast<unsigned char>(in[i]);
    if (b < 0x80) {
      if (body_[b] != 0) {
        AppendRune(out, body_[b]);
      } else {
        out->push_back(static_cast<char>(b));
      }
      ++i;
      continue;
    }
    const size_t len = utf8::RuneLength(in, i);
    if (len == 0) {
      if (mask_ & kInvalidUtf8) {
        static constexpr char kHexDigits[] = "0123456789ABCDEF";
        AppendRune(out, kQuote);
        out->push_back(kHexDigits[b >> 4]);
        out->push_back(kHexDigits[b & 0xF]);
      } else {
        out->push_back(static_cast<char>(b));
      }
      ++i;
      continue;
    }
    if (len == kRuneLen) {
      const char32_t r = SpecialRuneAt(in, i);
      // Already a replacement character (or the quote itself): quote it so Decode keeps it.
      if (r == kQuote || (r != 0 && BodyByteFor(r) >= 0)) AppendRune(out, kQuote);
    }
    out->append(in.substr(i, len));
    i += len;
  }
}

void MultiEncoder::EncodeBareInto(std::string_view in, std::string* out) const {
  if (mask_ == kRaw || in.empty()) {
    out->append(in);
    return;
  }
  if (mask_ & kDot) {
    if (IsDotName(in)) {
      for (size_t i = 0; i < in.size(); ++i) AppendRune(out, kFullStop);
      return;
    }
    if (in == "．" || in == "．．") {
      for (size_t i = 0; i < in.size(); i += kRuneLen) {
        AppendRune(out, kQuote);
        AppendRune(out, kFullStop);
      }
      return;
    }
  }
  size_t begin = 0;
  size_t end = in.size();
  // At most one leading character: the raw byte becomes its symbol, a literal symbol is quoted.
  if (EdgeCoversByte(kLeftRules, mask_, in.front())) {
    AppendRune(out, EdgeSymbol(static_cast<unsigned char>(in.front())));
    begin = 1;
  } else if (const char32_t r = SpecialRuneAt(in, 0);
             EdgeByteForSymbol(kLeftRules, mask_, r) >= 0) {
    AppendRune(out, kQuote);
    AppendRune(out, r);
    begin = kRuneLen;
  }
  // At most one trailing character, from what the prefix left.
  char32_t suffix = 0;
  bool quote_suffix = false;
  if (begin < end) {
    if (EdgeCoversByte(kRightRules, mask_, in.back())) {
      suffix = EdgeSymbol(static_cast<unsigned char>(in.back()));
      end -= 1;
    } else if (end - begin >= kRuneLen) {
      const char32_t r = SpecialRuneAt(in, end - kRuneLen);
      if (EdgeByteForSymbol(kRightRules, mask_, r) >= 0) {
        suffix = r;
        quote_suffix = true;
        end -= kRuneLen;
      }
    }
  }
  EncodeBody(in.substr(begin, end - begin), out);
  if (quote_suffix) AppendRune(out, kQuote);
  if (suffix != 0) AppendRune(out, suffix);
}

// ---------------------------------------------------------------------------------------------
// Decode (§1.6)

bool MultiEncoder::DecodeBareChanges(std::string_view in) const {
  if (mask_ == kRaw || in.empty()) return false;
  // Every rewritten sequence (edge symbols, Dot names, quotes, replacements) starts with E2/EF;
  // the edge and Dot rules only ever touch characters this scan also stops on.
  const size_t n = in.size();
  for (size_t i = 0; i + kRuneLen <= n; ++i) {
    if ((byte_class_[static_cast<unsigned char>(in[i])] & kSpecialLead) == 0) continue;
    const char32_t r = SpecialRuneAt(in, i);
    if (r == 0) continue;
    if (r == kQuote || BodyByteFor(r) >= 0) return true;
    if (i == 0 && EdgeByteForSymbol(kLeftRules, mask_, r) >= 0) return true;
    if (i + kRuneLen == n && EdgeByteForSymbol(kRightRules, mask_, r) >= 0) return true;
    if (r == kFullStop && (mask_ & kDot) && (n == kRuneLen || n == 2 * kRuneLen)) return true;
    i += kRuneLen - 1;
  }
  return false;
}

void MultiEncoder::DecodeBody(std::string_view in, std::string* out) const {
  const size_t n = in.size();
  out->reserve(out->size() + n);
  bool pending_quote = false;
  for (size_t i = 0; i < n;) {
    // Bytes that cannot start a special rune.
    if (!pending_quote && AppendRun(in, kSpecialLead, &i, out)) continue;
    const auto b = static_cast<unsigned char>(in[i]);
    if (b == 0xE2 || b == 0xEF) {
      const char32_t r = SpecialRuneAt(in, i);
      if (r == kQuote) {
        if (pending_quote) AppendRune(out, kQuote);
        pending_quote = !pending_quote;
        i += kRuneLen;
        continue;
      }
      if (const int raw = r != 0 ? BodyByteFor(r) : -1; raw >= 0) {
        if (pending_quote) {
          AppendRune(out, r);
          pending_quote = false;
        } else {
          out->push_back(static_cast<char>(raw));
        }
        i += kRuneLen;
        continue;
      }
    }
    if (pending_quote) {
      pending_quote = false;
      if ((mask_ & kInvalidUtf8) && i + 1 < n && base::HexValue(in[i]) >= 0 &&
          base::HexValue(in[i + 1]) >= 0) {
        out->push_back(static_cast<char>(base::HexValue(in[i]) << 4 | base::HexValue(in[i + 1])));
        i += 2;
        continue;
      }
      AppendRune(out, kQuote);
    }
    const size_t len = b < 0x80 ? 1 : std::max<size_t>(1, utf8::RuneLength(in, i));
    out->append(in.substr(i, len));
    i += len;
  }
  if (pending_quote) AppendRune(out, kQuote);
}

void MultiEncoder::DecodeBareInto(std::string_view in, std::string* out, DecodeMode mode) const {
  if (mask_ == kRaw || in.empty()) {
    out->append(in);
    return;
  }
  if (mask_ & kDot) {
    if (in == "．" || in == "．．") {
      out->append(in.size() / kRuneLen, '.');
      return;
    }
    if (in == "‛．" || in == "‛．‛．") {
      for (size_t i = 0; i < in.size(); i += 2 * kRuneLen) AppendRune(out, kFullStop);
      return;
    }
  }
  size_t begin = 0;
  size_t end = in.size();
  const char32_t first = SpecialRuneAt(in, 0);
  if (const int raw = EdgeByteForSymbol(kLeftRules, mask_, first); raw >= 0) {
    out->push_back(static_cast<char>(raw));
    begin = kRuneLen;
  } else if (first == kQuote) {
    const char32_t second = SpecialRuneAt(in, kRuneLen);
    if (EdgeByteForSymbol(kLeftRules, mask_, second) >= 0) {
      AppendRune(out, second);
      begin = 2 * kRuneLen;
    }
  }
  int suffix_raw = -1;
  char32_t suffix_symbol = 0;
  if (end - begin >= kRuneLen) {
    const char32_t last = SpecialRuneAt(in, end - kRuneLen);
    if (const int raw = EdgeByteForSymbol(kRightRules, mask_, last); raw >= 0) {
      end -= kRuneLen;
      // The encoder doubles every literal ‛ of the body, so a body never ends in an odd run of
      // quotes: an odd run means the last ‛ quotes the symbol. rclone only looks at one quote,
      // which misreads an escaped ‛ before a raw trailing character (spec §1.6).
      size_t quotes = 0;
      while (end - begin >= (quotes + 1) * kRuneLen &&
             SpecialRuneAt(in, end - (quotes + 1) * kRuneLen) == kQuote) {
        ++quotes;
        if (mode == DecodeMode::kRclone) break;
      }
      if (quotes % 2 == 1) {
        end -= kRuneLen;
        suffix_symbol = last;
      } else {
        suffix_raw = raw;
      }
    }
  }
  DecodeBody(in.substr(begin, end - begin), out);
  if (suffix_symbol != 0) AppendRune(out, suffix_symbol);
  if (suffix_raw >= 0) out->push_back(static_cast<char>(suffix_raw));
}

// ---------------------------------------------------------------------------------------------
// Public entry points

std::string_view MultiEncoder::EncodeBare(std::string_view real, std::string* scratch) const {
  if (!EncodeBareChanges(real)) return real;
  return FillScratch(real, scratch,
                     [this](std::string_view in, std::string* out) { EncodeBareInto(in, out); });
}

std::string_view MultiEncoder::DecodeBare(std::string_view wire, std::string* scratch) const {
  if (!DecodeBareChanges(wire)) return wire;
  return FillScratch(wire, scratch, [this](std::string_view in, std::string* out) {
    DecodeBareInto(in, out, DecodeMode::kInverse);
  });
}

std::string MultiEncoder::EncodeBare(std::string_view real) const {
  std::string out;
  if (!EncodeBareChanges(real)) return std::string(real);
  EncodeBareInto(real, &out);
  return out;
}

std::string MultiEncoder::DecodeBare(std::string_view wire) const {
  std::string out;
  if (!DecodeBareChanges(wire)) return std::string(wire);
  DecodeBareInto(wire, &out, DecodeMode::kInverse);
  return out;
}

std::string MultiEncoder::DecodeBareRclone(std::string_view wire) const {
  std::string out;
  DecodeBareInto(wire, &out, DecodeMode::kRclone);
  return out;
}

// FromStandardName = mask.Encode(Standard.Decode(name)), identity when the mask is Standard.
std::string_view MultiEncoder::Encode(std::string_view name, std::string* scratch) const {
  if (mask_ == kStandardMask) return name;
  bool saw_special_lead = false;
  const bool changes = EncodeScan(name, &saw_special_lead);  // always false for Raw
  // Common path. (Raw is excluded: EncodeScan does not scan for it, and Standard still decodes.)
  if (!changes && !saw_special_lead && mask_ != kRaw) return name;
  if (!kStandard.DecodeBareChanges(name)) {
    if (!changes) return name;
    return FillScratch(name, scratch,
                       [this](std::string_view in, std::string* out) { EncodeBareInto(in, out); });
  }
  std::string& real = RealNameBuffer();
  real.clear();
  kStandard.DecodeBareInto(name, &real, DecodeMode::kInverse);
  scratch->clear();
  if (EncodeBareChanges(real)) {
    EncodeBareInto(real, scratch);
  } else {
    scratch->append(real);
  }
  return *scratch;
}

// ToStandardName = Standard.Encode(mask.Decode(name)), identity when the mask is Standard.
std::string_view MultiEncoder::Decode(std::string_view name, std::string* scratch) const {
  if (mask_ == kStandardMask) return name;
  bool saw_special_lead = false;
  if (!kStandard.EncodeScan(name, &saw_special_lead) && !saw_special_lead) return name;
  if (!DecodeBareChanges(name)) return kStandard.EncodeBare(name, scratch);
  std::string& real = RealNameBuffer();
  real.clear();
  DecodeBareInto(name, &real, DecodeMode::kInverse);
  scratch->clear();
  if (kStandard.EncodeBareChanges(real)) {
    kStandard.EncodeBareInto(real, scratch);
  } else {
    scratch->append(real);
  }
  return *scratch;
}

std::string MultiEncoder::Encode(std::string_view name) const {
  std::string scratch;
  const std::string_view out = Encode(name, &scratch);
  if (out.data() == scratch.data()) return scratch;
  return std::string(out);
}

std::string MultiEncoder::Decode(std::string_view name) const {
  std::string scratch;
  const std::string_view out = Decode(name, &scratch);
  if (out.data() == scratch.data()) return scratch;
  return std::string(out);
}

std::string MultiEncoder::DecodeRclone(std::string_view name) const {
  if (mask_ == kStandardMask) return std::string(name);
  std::string real;
  DecodeBareInto(name, &real, DecodeMode::kRclone);
  return kStandard.EncodeBare(real);
}

namespace {

// Applies `convert` to every '/'-separated segment; '/' itself is never part of a segment.
template <typename Convert>
std::string MapSegments(std::string_view path, Convert convert) {
  std::string out;
  std::string scratch;
  bool changed = false;
  size_t start = 0;
  while (true) {
    const size_t slash = path.find('/', start);
    const std::string_view segment =
        path.substr(start, slash == std::string_view::npos ? path.npos : slash - start);
    const std::string_view converted = convert(segment, &scratch);
    if (!changed && converted.data() != segment.data()) {
      changed = true;
      out.assign(path.substr(0, start));
    }
    if (changed) out.append(converted);
    if (slash == std::string_view::npos) break;
    if (changed) out.push_back('/');
    start = slash + 1;
  }
  return changed ? out : std::string(path);
}

}  // namespace

std::string MultiEncoder::EncodePath(std::string_view path) const {
  return MapSegments(
      path, [this](std::string_view s, std::string* scratch) { return Encode(s, scratch); });
}

std::string MultiEncoder::DecodePath(std::string_view path) const {
  return MapSegments(
      path, [this](std::string_view s, std::string* scratch) { return Decode(s, scratch); });
}

}  // namespace encoding
