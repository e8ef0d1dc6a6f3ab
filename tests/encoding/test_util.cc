#include "tests/encoding/test_util.h"

#include <fstream>
#include <sstream>

#include "base/hex.h"

namespace encoding::testing {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    fields.push_back(
        line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return fields;
}

}  // namespace

std::string MaskTestName(const ::testing::TestParamInfo<Mask>& info) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "mask_0x%llX", static_cast<unsigned long long>(info.param));
  return std::string(buf);
}

std::string FromHex(std::string_view hex, bool* ok) {
  *ok = hex.size() % 2 == 0;
  std::string out;
  for (size_t i = 0; *ok && i < hex.size(); i += 2) {
    const int hi = base::HexValue(hex[i]);
    const int lo = base::HexValue(hex[i + 1]);
    if (hi < 0 || lo < 0) *ok = false;
    out.push_back(static_cast<char>(hi << 4 | lo));
  }
  return out;
}

std::vector<VectorRow> LoadVectors(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot open " + path;
    return {};
  }
  std::vector<VectorRow> rows;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const std::vector<std::string> f = SplitTabs(line);
    if (line_no == 1) {
      if (line != "mask\tdirection\tinput_hex\toutput_hex\tnote") {
        *error = "unexpected header: " + line;
        return {};
      }
      continue;
    }
    std::ostringstream where;
    where << path << ":" << line_no << ": ";
    if (f.size() != 5) {
      *error = where.str() + "expected 5 fields";
      return {};
    }
    VectorRow row;
    row.line = line_no;
    row.mask = f[0];
    if (f[1] != "encode" && f[1] != "decode") {
      *error = where.str() + "bad direction " + f[1];
      return {};
    }
    row.encode = f[1] == "encode";
    bool ok_in = false;
    bool ok_out = false;
    row.input = FromHex(f[2], &ok_in);
    row.output = FromHex(f[3], &ok_out);
    if (!ok_in || !ok_out) {
      *error = where.str() + "bad hex";
      return {};
    }
    row.note = f[4];
    const std::string_view note = row.note;
    if (note.substr(0, 4) != "api=") {
      *error = where.str() + "note without api= tag";
      return {};
    }
    row.api = std::string(note.substr(4, note.find(';') - 4));
    if (row.api != "both" && row.api != "std" && row.api != "raw") {
      *error = where.str() + "unknown api tag " + row.api;
      return {};
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string NameGenerator::Piece() {
  static const char* const kSpecialRunes[] = {"‛",  "␀",  "␁",  "␉",  "␊",  "␋",  "␍",  "␛",
                                              "␟",  "␠",  "␡",  "／", "＜", "＞", "＂", "＇",
                                              "｀", "＄", "：", "？", "＊", "｜", "＃", "％",
                                              "＼", "［", "］", "；", "！", "．", "～", "�"};
  static const char* const kOther[] = {"é", "e\xcc\x81", "日本", "😀", "\xc2\xa0", "ÿ"};
  static const char* const kInvalid[] = {"\xff",
                                         "\xfe",
                                         "\x80",
                                         "\xbf",
                                         "\xc3",
                                         "\xe2\x80",
                                         "\xe2\x90",
                                         "\xef\xbc",
                                         "\xed\xa0\x80",
                                         "\xc0\xaf",
                                         "\xf4\x90\x80\x80",
                                         "\xf0\x9f\x98"};
  static const char kAsciiSpecial[] = "/<>\"'`$:?*|#%\\[];!~. &+=";
  static const char kHex[] = "0123456789abcdefABCDEFgZ";
  switch (Uniform(10)) {
    case 0:
    case 1: {  // plain text
      std::string s;
      for (size_t n = 1 + Uniform(4); n > 0; --n) s.push_back(static_cast<char>('a' + Uniform(26)));
      return s;
    }
    case 2:
      return std::string(1, kAsciiSpecial[Uniform(sizeof(kAsciiSpecial) - 1)]);
    case 3:  // NUL, control bytes, DEL
      return std::string(1, static_cast<char>(Uniform(3) == 0 ? 0x7F : Uniform(0x20)));
    case 4:
    case 5:
      return kSpecialRunes[Uniform(std::size(kSpecialRunes))];
    case 6: {  // the quote followed by things that look like a byte escape
      std::string s = "‛";
      for (size_t n = Uniform(3); n > 0; --n) s.push_back(kHex[Uniform(sizeof(kHex) - 1)]);
      return s;
    }
    case 7:
      return kInvalid[Uniform(std::size(kInvalid))];
    case 8:
      return std::string(1, static_cast<char>(0x80 + Uniform(0x80)));  // any high byte
    default:
      return kOther[Uniform(std::size(kOther))];
  }
}

std::string NameGenerator::Next() {
  switch (Uniform(40)) {  // whole-name specials
    case 0:
      return ".";
    case 1:
      return "..";
    case 2:
      return "．";
    case 3:
      return "．．";
    case 4:
      return "";
    case 5:
      return "．.";
    case 6:
      return ".．";
    default:
      break;
  }
  static const char* const kEdges[] = {" ",  ".", "~", "\t", "\n", "\v", "\r", "\f", "␠", "．",
                                       "～", "␉", "␊", "␋",  "␍",  "‛",  "‛‛", "‛ ", "  "};
  std::string s;
  if (Uniform(3) == 0) s += kEdges[Uniform(std::size(kEdges))];
  for (size_t n = Uniform(7); n > 0; --n) s += Piece();
  if (Uniform(3) == 0) s += kEdges[Uniform(std::size(kEdges))];
  return s;
}

}  // namespace encoding::testing
