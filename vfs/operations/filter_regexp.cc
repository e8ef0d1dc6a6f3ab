#include "vfs/operations/filter_regexp.h"

#include <locale.h>
#include <wctype.h>

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"

namespace vfs::operations {
namespace {

using Op = Regexp::Op;
using Inst = Regexp::Inst;
using Ranges = std::vector<std::pair<char32_t, char32_t>>;

constexpr char32_t kMaxRune = 0x10FFFF;
constexpr char32_t kBadRune = 0xFFFD;
constexpr int kMaxRepeat = 1000;        // Go's limit on {n,m}
constexpr size_t kMaxProgram = 200000;  // instructions; bounds memory for huge repeats
constexpr int kMaxNesting = 1000;

// Case mapping of the C.UTF-8 locale (all of Unicode in glibc); ASCII only without it.
locale_t Utf8Locale() {
  static const locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  return loc;
}
char32_t Lower(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  locale_t loc = Utf8Locale();
  return loc ? static_cast<char32_t>(towlower_l(static_cast<wint_t>(c), loc)) : c;
}
char32_t Upper(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z' ? c - 32 : c;
  locale_t loc = Utf8Locale();
  return loc ? static_cast<char32_t>(towupper_l(static_cast<wint_t>(c), loc)) : c;
}
bool HasCase(char32_t c) { return Lower(c) != c || Upper(c) != c; }

bool IsWordChar(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
bool IsAsciiAlnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
int HexValue(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
  return -1;
}

Ranges Complement(Ranges in) {
  std::sort(in.begin(), in.end());
  Ranges out;
  char32_t next = 0;
  bool done = false;
  for (const auto& [lo, hi] : in) {
    if (lo > next) out.emplace_back(next, lo - 1);
    if (hi >= kMaxRune) {
      done = true;
      break;
    }
    next = std::max<char32_t>(next, hi + 1);
  }
  if (!done) out.emplace_back(next, kMaxRune);
  return out;
}

// \d \s \w and the POSIX classes, ASCII as in Go.
std::optional<Ranges> PerlClass(char32_t c) {
  switch (c) {
    case 'd': return Ranges{{'0', '9'}};
    case 'D': return Complement({{'0', '9'}});
    case 's': return Ranges{{'\t', '\n'}, {'\f', '\r'}, {' ', ' '}};
    case 'S': return Complement({{'\t', '\n'}, {'\f', '\r'}, {' ', ' '}});
    case 'w': return Ranges{{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
    case 'W': return Complement({{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}});
    default: return std::nullopt;
  }
}

std::optional<Ranges> PosixClass(std::string_view name) {
  if (name == "alnum") return Ranges{{'0', '9'}, {'A', 'Z'}, {'a', 'z'}};
  if (name == "alpha") return Ranges{{'A', 'Z'}, {'a', 'z'}};
  if (name == "ascii") return Ranges{{0, 0x7F}};
  if (name == "blank") return Ranges{{'\t', '\t'}, {' ', ' '}};
  if (name == "cntrl") return Ranges{{0, 0x1F}, {0x7F, 0x7F}};
  if (name == "digit") return Ranges{{'0', '9'}};
  if (name == "graph") return Ranges{{'!', '~'}};
  if (name == "lower") return Ranges{{'a', 'z'}};
  if (name == "print") return Ranges{{' ', '~'}};
  if (name == "punct") return Ranges{{'!', '/'}, {':', '@'}, {'[', '`'}, {'{', '~'}};
  if (name == "space") return Ranges{{'\t', '\r'}, {' ', ' '}};
  if (name == "upper") return Ranges{{'A', 'Z'}};
  if (name == "word") return Ranges{{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
  if (name == "xdigit") return Ranges{{'0', '9'}, {'A', 'F'}, {'a', 'f'}};
  return std::nullopt;
}

struct Flags {
  bool fold = false;       // i
  bool multiline = false;  // m: ^ and $ match at line ends
  bool dot_nl = false;     // s: . matches \n
};

struct Node {
  enum Kind { kEmpty, kRune, kClass, kAnyNotNewline, kAny, kAssert, kConcat, kAlternate, kRepeat };
  Kind kind = kEmpty;
  char32_t rune = 0;
  bool fold = false;
  int cls = -1;
  Op assert_op = Op::kMatch;
  int min = 0;
  int max = 0;  // kRepeat; -1 = unbounded
  std::vector<Node> subs;
};

absl::Status ParseError(std::string_view code, std::string_view arg) {
  return absl::InvalidArgumentError("error parsing regexp: " + std::string(code) + ": `" +
                                    std::string(arg) + "`");
}

// Recursive descent over the pattern's runes (nesting bounded), building a Node tree.
class Parser {
 public:
  Parser(std::string_view pattern, std::vector<Regexp::Class>& classes)
      : runes_(DecodeRunes(pattern)), pattern_(pattern), classes_(classes) {}

  absl::StatusOr<Node> Parse() {
    Flags flags;
    absl::StatusOr<Node> node = ParseAlternation(flags, 0);
    if (!node.ok()) return node;
    if (pos_ < runes_.size()) return ParseError("unexpected )", pattern_);
    return node;
  }

 private:
  bool AtEnd() const { return pos_ >= runes_.size(); }
  char32_t Peek(size_t ahead = 0) const {
    return pos_ + ahead < runes_.size() ? runes_[pos_ + ahead] : 0;
  }
  std::string Text(size_t from, size_t to) const {
    std::string out;
    for (size_t i = from; i < to && i < runes_.size(); ++i) AppendRune(out, runes_[i]);
    return out;
  }

  absl::StatusOr<Node> ParseAlternation(Flags& flags, int depth) {
    if (depth > kMaxNesting) return ParseError("expression nests too deeply", pattern_);
    std::vector<Node> alternatives;
    for (;;) {
      absl::StatusOr<Node> seq = ParseConcat(flags, depth);
      if (!seq.ok()) return seq;
      alternatives.push_back(std::move(*seq));
      if (!AtEnd() && Peek() == '|') {
        ++pos_;
        continue;
      }
      break;
    }
    if (alternatives.size() == 1) return std::move(alternatives[0]);
    Node node;
    node.kind = Node::kAlternate;
    node.subs = std::move(alternatives);
    return node;
  }

  // {n}, {n,}, {n,m} at pos_: the counts and the length, or nothing (then '{' is a literal).
  struct RepeatSpec {
    int min = 0;
    int max = 0;
    size_t length = 0;
    bool too_big = false;
  };
  std::optional<RepeatSpec> RepeatAt(size_t at) const {
    if (at >= runes_.size() || runes_[at] != '{') return std::nullopt;
    size_t i = at + 1;
    auto number = [&](int* out) {
      size_t start = i;
      int64_t v = 0;
      while (i < runes_.size() && runes_[i] >= '0' && runes_[i] <= '9') {
        v = std::min<int64_t>(v * 10 + (runes_[i] - '0'), 1 << 20);
        ++i;
      }
      *out = static_cast<int>(v);
      return i > start;
    };
    RepeatSpec spec;
    if (!number(&spec.min)) return std::nullopt;
    spec.max = spec.min;
    if (i < runes_.size() && runes_[i] == ',') {
      ++i;
      if (!number(&spec.max)) spec.max = -1;
    }
    if (i >= runes_.size() || runes_[i] != '}') return std::nullopt;
    spec.length = i + 1 - at;
    spec.too_big = spec.min > kMaxRepeat || spec.max > kMaxRepeat ||
                   (spec.max >= 0 && spec.max < spec.min);
    return spec;
  }
  bool QuantifierAt(size_t at) const {
    if (at >= runes_.size()) return false;
    char32_t c = runes_[at];
    return c == '*' || c == '+' || c == '?' || RepeatAt(at).has_value();
  }

  absl::StatusOr<Node> ParseConcat(Flags& flags, int depth) {
    std::vector<Node> items;
    while (!AtEnd() && Peek() != '|' && Peek() != ')') {
      if (QuantifierAt(pos_)) {
        size_t len = Peek() == '{' ? RepeatAt(pos_)->length : 1;
        return ParseError("missing argument to repetition operator", Text(pos_, pos_ + len));
      }
      if (Peek() == '(' && Peek(1) == '?') {
        absl::StatusOr<bool> flags_only = MaybeFlagsOnly(flags);
        if (!flags_only.ok()) return flags_only.status();
        if (*flags_only) continue;
      }
      absl::StatusOr<Node> atom = ParseAtom(flags, depth);
      if (!atom.ok()) return atom;
      absl::StatusOr<Node> quantified = ParseQuantifiers(std::move(*atom));
      if (!quantified.ok()) return quantified;
      items.push_back(std::move(*quantified));
    }
    if (items.empty()) return Node{};
    if (items.size() == 1) return std::move(items[0]);
    Node node;
    node.kind = Node::kConcat;
    node.subs = std::move(items);
    return node;
  }

  absl::StatusOr<Node> ParseQuantifiers(Node atom) {
    if (!QuantifierAt(pos_)) return atom;
    size_t op_start = pos_;
    Node rep;
    rep.kind = Node::kRepeat;
    char32_t c = Peek();
    if (c == '{') {
      RepeatSpec spec = *RepeatAt(pos_);
      if (spec.too_big) return ParseError("invalid repeat count", Text(pos_, pos_ + spec.length));
      rep.min = spec.min;
      rep.max = spec.max;
      pos_ += spec.length;
    } else {
      rep.min = c == '+' ? 1 : 0;
      rep.max = c == '?' ? 1 : -1;
      ++pos_;
    }
    if (!AtEnd() && Peek() == '?') ++pos_;  // lazy: same yes/no answer
    if (QuantifierAt(pos_)) {
      size_t len = Peek() == '{' ? RepeatAt(pos_)->length : 1;
      return ParseError("invalid nested repetition operator", Text(op_start, pos_ + len));
    }
    rep.subs.push_back(std::move(atom));
    return rep;
  }

  // Reads "(?flags)" (changing `flags` for the rest of the group) and says so; leaves
  // "(?flags:", "(?:", "(?P<" and "(?<" to ParseAtom.
  absl::StatusOr<bool> MaybeFlagsOnly(Flags& flags) {
    size_t i = pos_ + 2;
    Flags updated = flags;
    bool negate = false;
    bool any = false;
    for (; i < runes_.size(); ++i) {
      char32_t c = runes_[i];
      if (c == ')' || c == ':') break;
      bool value = !negate;
      if (c == 'i') updated.fold = value;
      else if (c == 'm') updated.multiline = value;
      else if (c == 's') updated.dot_nl = value;
      else if (c == 'U') {}  // ungreedy: no effect on a yes/no match
      else if (c == '-' && !negate) { negate = true; continue; }
      else return false;  // not a flag group (or an error ParseAtom reports)
      any = true;
    }
    if (i >= runes_.size()) return ParseError("missing closing )", Text(pos_, runes_.size()));
    if (runes_[i] == ':') return false;
    if (!any || (negate && runes_[i - 1] == '-')) {
      return ParseError("invalid or unsupported Perl syntax", Text(pos_, i + 1));
    }
    flags = updated;
    pos_ = i + 1;
    return true;
  }

  absl::StatusOr<Node> ParseGroup(Flags& flags, int depth) {
    size_t start = pos_;
    ++pos_;  // (
    Flags inner = flags;
    if (Peek() == '?') {
      if (Peek(1) == 'P' && Peek(2) == '<') {
        pos_ += 3;
        if (!SkipGroupName()) return ParseError("invalid named capture", Text(start, pos_));
      } else if (Peek(1) == '<') {
        pos_ += 2;
        if (!SkipGroupName()) return ParseError("invalid named capture", Text(start, pos_));
      } else {
        // (?flags:...) or (?:...)
        size_t i = pos_ + 1;
        bool negate = false;
        for (; i < runes_.size() && runes_[i] != ':'; ++i) {
          char32_t c = runes_[i];
          bool value = !negate;
          if (c == 'i') inner.fold = value;
          else if (c == 'm') inner.multiline = value;
          else if (c == 's') inner.dot_nl = value;
          else if (c == 'U') {}
          else if (c == '-' && !negate) negate = true;
          else return ParseError("invalid or unsupported Perl syntax", Text(start, i + 1));
        }
        if (i >= runes_.size()) return ParseError("missing closing )", Text(start, i));
        pos_ = i + 1;
      }
    }
    absl::StatusOr<Node> body = ParseAlternation(inner, depth + 1);
    if (!body.ok()) return body;
    if (AtEnd() || Peek() != ')') return ParseError("missing closing )", Text(start, pos_));
    ++pos_;
    return body;
  }

  bool SkipGroupName() {
    size_t start = pos_;
    while (!AtEnd() && Peek() != '>') {
      if (!IsWordChar(Peek())) return false;
      ++pos_;
    }
    if (AtEnd() || pos_ == start) return false;
    ++pos_;  // >
    return true;
  }

  Node RuneNode(char32_t c, const Flags& flags) {
    Node node;
    node.kind = Node::kRune;
    node.rune = c;
    node.fold = flags.fold && HasCase(c);
    return node;
  }
  Node ClassNode(Regexp::Class cls, const Flags& flags) {
    Node node;
    node.kind = Node::kClass;
    node.fold = flags.fold;
    node.cls = static_cast<int>(classes_.size());
    classes_.push_back(std::move(cls));
    return node;
  }
  Node AssertNode(Op op) {
    Node node;
    node.kind = Node::kAssert;
    node.assert_op = op;
    return node;
  }

  absl::StatusOr<Node> ParseAtom(Flags& flags, int depth) {
    char32_t c = Peek();
    switch (c) {
      case '(':
        return ParseGroup(flags, depth);
      case '[':
        return ParseClass(flags);
      case '.': {
        ++pos_;
        Node node;
        node.kind = flags.dot_nl ? Node::kAny : Node::kAnyNotNewline;
        return node;
      }
      case '^':
        ++pos_;
        return AssertNode(flags.multiline ? Op::kBeginLine : Op::kBeginText);
      case '$':
        ++pos_;
        return AssertNode(flags.multiline ? Op::kEndLine : Op::kEndText);
      case '\\':
        return ParseEscapeAtom(flags);
      default:
        ++pos_;
        return RuneNode(c, flags);
    }
  }

  // One escaped rune (after the backslash), shared by atoms and classes; perl classes come
  // back in `cls`.
  struct Escaped {
    char32_t rune = 0;
    std::optional<Ranges> cls;
  };
  absl::StatusOr<Escaped> ParseEscape() {
    size_t start = pos_;
    ++pos_;  // backslash
    if (AtEnd()) return ParseError("trailing backslash at end of expression", "");
    char32_t c = runes_[pos_++];
    Escaped out;
    if (c < 0x80 && !IsAsciiAlnum(c)) {
      out.rune = c;
      return out;
    }
    if (std::optional<Ranges> perl = PerlClass(c)) {
      out.cls = std::move(perl);
      return out;
    }
    switch (c) {
      case 'a': out.rune = 7; return out;
      case 'f': out.rune = 12; return out;
      case 'n': out.rune = 10; return out;
      case 'r': out.rune = 13; return out;
      case 't': out.rune = 9; return out;
      case 'v': out.rune = 11; return out;
      case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        if (AtEnd() || Peek() < '0' || Peek() > '7') break;
        [[fallthrough]];
      case '0': {
        char32_t v = c - '0';
        for (int k = 1; k < 3 && !AtEnd() && Peek() >= '0' && Peek() <= '7'; ++k) {
          v = v * 8 + (runes_[pos_++] - '0');
        }
        out.rune = v;
        return out;
      }
      case 'x': {
        if (AtEnd()) break;
        if (Peek() == '{') {
          ++pos_;
          char32_t v = 0;
          size_t digits = 0;
          while (!AtEnd() && HexValue(Peek()) >= 0) {
            v = v * 16 + HexValue(runes_[pos_++]);
            if (v > kMaxRune) break;
            ++digits;
          }
          if (digits == 0 || AtEnd() || Peek() != '}' || v > kMaxRune) break;
          ++pos_;
          out.rune = v;
          return out;
        }
        if (pos_ + 1 < runes_.size() && HexValue(runes_[pos_]) >= 0 &&
            HexValue(runes_[pos_ + 1]) >= 0) {
          out.rune = static_cast<char32_t>(HexValue(runes_[pos_]) * 16 + HexValue(runes_[pos_ + 1]));
          pos_ += 2;
          return out;
        }
        break;
      }
      case 'p': case 'P':
        return absl::InvalidArgumentError(absl::StrCat(
            "error parsing regexp: Unicode classes (\\p, \\P) are not supported by fclone: `",
            Text(start, pos_), "`"));
      default:
        break;
    }
    return ParseError("invalid escape sequence", Text(start, pos_));
  }

  absl::StatusOr<Node> ParseEscapeAtom(Flags& flags) {
    if (pos_ + 1 < runes_.size()) {
      switch (runes_[pos_ + 1]) {
        case 'A': pos_ += 2; return AssertNode(Op::kBeginText);
        case 'z': pos_ += 2; return AssertNode(Op::kEndText);
        case 'b': pos_ += 2; return AssertNode(Op::kWordBoundary);
        case 'B': pos_ += 2; return AssertNode(Op::kNotWordBoundary);
        case 'Q': {
          // Literal text up to \E (or the end).
          pos_ += 2;
          Node seq;
          seq.kind = Node::kConcat;
          while (!AtEnd()) {
            if (Peek() == '\\' && Peek(1) == 'E') {
              pos_ += 2;
              break;
            }
            seq.subs.push_back(RuneNode(runes_[pos_++], flags));
          }
          return seq;
        }
        default:
          break;
      }
    }
    absl::StatusOr<Escaped> e = ParseEscape();
    if (!e.ok()) return e.status();
    if (e->cls) {
      Regexp::Class cls;
      cls.ranges = std::move(*e->cls);
      return ClassNode(std::move(cls), flags);
    }
    return RuneNode(e->rune, flags);
  }

  absl::StatusOr<Node> ParseClass(const Flags& flags) {
    size_t start = pos_;
    ++pos_;  // [
    Regexp::Class cls;
    if (Peek() == '^') {
      cls.negated = true;
      ++pos_;
    }
    bool first = true;
    for (;;) {
      if (AtEnd()) return ParseError("missing closing ]", Text(start, runes_.size()));
      char32_t c = Peek();
      if (c == ']' && !first) {
        ++pos_;
        break;
      }
      first = false;
      if (c == '[' && Peek(1) == ':') {
        size_t close = pos_ + 2;
        while (close + 1 < runes_.size() && !(runes_[close] == ':' && runes_[close + 1] == ']')) {
          ++close;
        }
        if (close + 1 < runes_.size()) {
          std::string name = Text(pos_ + 2, close);
          bool negated = !name.empty() && name[0] == '^';
          std::optional<Ranges> posix = PosixClass(negated ? name.substr(1) : name);
          if (!posix) return ParseError("invalid character class range", Text(pos_, close + 2));
          Ranges add = negated ? Complement(*posix) : *posix;
          cls.ranges.insert(cls.ranges.end(), add.begin(), add.end());
          pos_ = close + 2;
          continue;
        }
      }
      size_t item_start = pos_;
      absl::StatusOr<Escaped> lo = ClassChar();
      if (!lo.ok()) return lo.status();
      if (lo->cls) {
        cls.ranges.insert(cls.ranges.end(), lo->cls->begin(), lo->cls->end());
        continue;
      }
      char32_t hi = lo->rune;
      if (Peek() == '-' && pos_ + 1 < runes_.size() && runes_[pos_ + 1] != ']') {
        ++pos_;
        absl::StatusOr<Escaped> h = ClassChar();
        if (!h.ok()) return h.status();
        if (h->cls || h->rune < lo->rune) {
          return ParseError("invalid character class range", Text(item_start, pos_));
        }
        hi = h->rune;
      }
      cls.ranges.emplace_back(lo->rune, hi);
    }
    return ClassNode(std::move(cls), flags);
  }

  absl::StatusOr<Escaped> ClassChar() {
    if (Peek() == '\\') return ParseEscape();
    Escaped out;
    out.rune = runes_[pos_++];
    return out;
  }

  std::vector<char32_t> runes_;
  std::string pattern_;
  std::vector<Regexp::Class>& classes_;
  size_t pos_ = 0;
};

}  // namespace

// Builds the program backwards: each node is emitted with the instruction that follows it.
class RegexpCompiler {
 public:
  explicit RegexpCompiler(Regexp& re) : re_(re) {}

  absl::Status Compile(const Node& root) {
    re_.prog_.clear();
    Add(Inst{});  // 0: match
    re_.start_ = Emit(root, 0);
    if (too_big_) return absl::InvalidArgumentError(
        absl::StrCat("error parsing regexp: expression too large: `", re_.pattern_, "`"));
    return absl::OkStatus();
  }

 private:
  int Add(Inst inst) {
    if (re_.prog_.size() >= kMaxProgram) {
      too_big_ = true;
      return 0;
    }
    re_.prog_.push_back(inst);
    return static_cast<int>(re_.prog_.size() - 1);
  }
  int Split(int x, int y) {
    Inst inst;
    inst.op = Op::kSplit;
    inst.x = x;
    inst.y = y;
    return Add(inst);
  }

  int Emit(const Node& n, int next) {
    if (too_big_) return 0;
    Inst inst;
    inst.x = next;
    switch (n.kind) {
      case Node::kEmpty:
        return next;
      case Node::kRune:
        inst.op = Op::kRune;
        inst.rune = n.rune;
        inst.fold = n.fold;
        return Add(inst);
      case Node::kClass:
        inst.op = Op::kClass;
        inst.cls = n.cls;
        inst.fold = n.fold;
        return Add(inst);
      case Node::kAnyNotNewline:
        inst.op = Op::kAnyNotNewline;
        return Add(inst);
      case Node::kAny:
        inst.op = Op::kAny;
        return Add(inst);
      case Node::kAssert:
        inst.op = n.assert_op;
        return Add(inst);
      case Node::kConcat:
        for (auto it = n.subs.rbegin(); it != n.subs.rend(); ++it) next = Emit(*it, next);
        return next;
      case Node::kAlternate: {
        std::vector<int> starts;
        for (const Node& sub : n.subs) starts.push_back(Emit(sub, next));
        int head = starts.back();
        for (size_t i = starts.size() - 1; i-- > 0;) head = Split(starts[i], head);
        return head;
      }
      case Node::kRepeat: {
        const Node& sub = n.subs[0];
        if (n.max < 0) {
          int loop = Split(-1, next);
          int body = Emit(sub, loop);
          if (too_big_) return 0;
          re_.prog_[loop].x = body;
          next = loop;
        } else {
          for (int i = 0; i < n.max - n.min && !too_big_; ++i) {
            int body = Emit(sub, next);
            next = Split(body, next);
          }
        }
        for (int i = 0; i < n.min && !too_big_; ++i) next = Emit(sub, next);
        return next;
      }
    }
    return next;
  }

  Regexp& re_;
  bool too_big_ = false;
};

void AppendRune(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::vector<char32_t> DecodeRunes(std::string_view s) {
  std::vector<char32_t> out;
  DecodeRunesInto(s, out);
  return out;
}

void DecodeRunesInto(std::string_view s, std::vector<char32_t>& out) {
  out.reserve(out.size() + s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out.push_back(b);
      ++i;
      continue;
    }
    int len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0;
    if (b > 0xF4) len = 0;
    char32_t c = len == 2 ? b & 0x1F : len == 3 ? b & 0x0F : b & 0x07;
    bool ok = len > 0 && i + len <= s.size();
    for (int k = 1; ok && k < len; ++k) {
      unsigned char cb = static_cast<unsigned char>(s[i + k]);
      if ((cb & 0xC0) != 0x80) ok = false;
      c = (c << 6) | (cb & 0x3F);
    }
    // Overlong forms, surrogates and values above U+10FFFF are invalid, as in Go.
    if (ok && ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) || c > kMaxRune ||
               (c >= 0xD800 && c <= 0xDFFF))) {
      ok = false;
    }
    if (!ok) {
      out.push_back(kBadRune);
      ++i;
      continue;
    }
    out.push_back(c);
    i += static_cast<size_t>(len);
  }
}

bool Regexp::Class::Contains(char32_t c) const {
  for (const auto& [lo, hi] : ranges) {
    if (c >= lo && c <= hi) return true;
  }
  return false;
}

absl::StatusOr<Regexp> Regexp::Compile(std::string_view pattern) {
  Regexp re;
  re.pattern_ = std::string(pattern);
  Parser parser(pattern, re.classes_);
  absl::StatusOr<Node> root = parser.Parse();
  if (!root.ok()) return root.status();
  RegexpCompiler compiler(re);
  absl::Status st = compiler.Compile(*root);
  if (!st.ok()) return st;
  // Cheap tests before the VM: "...literal$" only matches text ending in that literal (all of
  // rclone's "*.ext" rules), and any match contains the longest literal run of the top level.
  if (root->kind == Node::kConcat) {
    const std::vector<Node>& subs = root->subs;
    std::string run;
    for (size_t i = 0; i <= subs.size(); ++i) {
      // (U+FFFD also stands for invalid bytes in the text, which a byte test would miss.)
      bool literal = i < subs.size() && subs[i].kind == Node::kRune && !subs[i].fold &&
                     subs[i].rune != kBadRune;
      if (literal) AppendRune(run, subs[i].rune);
      if (literal) continue;
      if (run.size() > re.required_text_.size()) re.required_text_ = run;
      bool at_end = i + 1 == subs.size() && subs[i].kind == Node::kAssert &&
                    subs[i].assert_op == Op::kEndText;
      if (at_end) re.required_suffix_ = run;
      run.clear();
    }
  }
  return re;
}

bool Regexp::Step(const Inst& inst, char32_t c) const {
  switch (inst.op) {
    case Op::kRune:
      return c == inst.rune ||
             (inst.fold && (Lower(c) == Lower(inst.rune) || Upper(c) == Upper(inst.rune)));
    case Op::kClass: {
      const Class& cls = classes_[inst.cls];
      bool in = cls.Contains(c) || (inst.fold && (cls.Contains(Lower(c)) || cls.Contains(Upper(c))));
      return in != cls.negated;
    }
    case Op::kAnyNotNewline:
      return c != '\n';
    case Op::kAny:
      return true;
    default:
      return false;
  }
}

namespace {

// A set of instruction indexes with O(1) clear, kept in insertion order.
class SparseSet {
 public:
  // Sized for programs of n instructions, reusing the storage.
  void Reset(size_t n) {
    if (sparse_.size() < n) {
      sparse_.resize(n);
      dense_.resize(n);
    }
    size_ = 0;
  }
  bool Contains(int i) const {
    size_t s = sparse_[i];
    return s < size_ && dense_[s] == i;
  }
  void Insert(int i) {
    sparse_[i] = size_;
    dense_[size_++] = i;
  }
  void Clear() { size_ = 0; }
  size_t size() const { return size_; }
  int operator[](size_t k) const { return dense_[k]; }

 private:
  std::vector<size_t> sparse_;
  std::vector<int> dense_;
  size_t size_ = 0;
};

}  // namespace

bool Regexp::Match(std::string_view text) const {
  if (text.size() < required_suffix_.size() ||
      text.substr(text.size() - required_suffix_.size()) != required_suffix_ ||
      text.find(required_text_) == std::string_view::npos) {
    return false;
  }
  // Scratch space kept per thread: a filter matches every listed name against every rule.
  thread_local SparseSet sets[2];
  thread_local std::vector<int> stack;
  thread_local std::vector<char32_t> runes;
  runes.clear();
  DecodeRunesInto(text, runes);
  const size_t n = runes.size();
  SparseSet* cur_set = &sets[0];
  SparseSet* next_set = &sets[1];
  cur_set->Reset(prog_.size());
  next_set->Reset(prog_.size());
  // Follows the empty transitions from pc at position pos; true when the match is reached.
  auto add = [&](SparseSet& set, int pc, size_t pos) {
    stack.clear();
    stack.push_back(pc);
    while (!stack.empty()) {
      int p = stack.back();
      stack.pop_back();
      if (set.Contains(p)) continue;
      set.Insert(p);
      const Inst& in = prog_[p];
      char32_t before = pos > 0 ? runes[pos - 1] : 0;
      char32_t after = pos < n ? runes[pos] : 0;
      bool word_edge = (pos > 0 && IsWordChar(before)) != (pos < n && IsWordChar(after));
      switch (in.op) {
        case Op::kMatch: return true;
        case Op::kJump: stack.push_back(in.x); break;
        case Op::kSplit:
          stack.push_back(in.y);
          stack.push_back(in.x);
          break;
        case Op::kBeginText: if (pos == 0) stack.push_back(in.x); break;
        case Op::kEndText: if (pos == n) stack.push_back(in.x); break;
        case Op::kBeginLine: if (pos == 0 || before == '\n') stack.push_back(in.x); break;
        case Op::kEndLine: if (pos == n || after == '\n') stack.push_back(in.x); break;
        case Op::kWordBoundary: if (word_edge) stack.push_back(in.x); break;
        case Op::kNotWordBoundary: if (!word_edge) stack.push_back(in.x); break;
        default: break;  // consumes a rune: stays in the set for the next step
      }
    }
    return false;
  };
  for (size_t pos = 0;; ++pos) {
    SparseSet& cur = *cur_set;
    SparseSet& next = *next_set;
    if (add(cur, start_, pos)) return true;  // a match may start anywhere
    if (pos == n) return false;
    next.Clear();
    for (size_t k = 0; k < cur.size(); ++k) {
      const Inst& in = prog_[cur[k]];
      if (Step(in, runes[pos]) && add(next, in.x, pos + 1)) return true;
    }
    std::swap(cur_set, next_set);
  }
}

}  // namespace vfs::operations
