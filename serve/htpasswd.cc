#include "serve/htpasswd.h"

#include <crypt.h>

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/constant_time.h"
#include "base/string_views.h"
#include "hash/multi_hasher.h"

namespace serve {
namespace {

std::string RawMd5(std::string_view data) {
  return absl::HexStringToBytes(hash::HexSum(hash::HashType::kMd5, data));
}

// crypt(3) for the kinds libcrypt computes here (bcrypt, $1$); empty when it refuses.
std::string LibCrypt(std::string_view password, const std::string& setting) {
  struct crypt_data data {};
  const std::string pw(password);
  const char* out = crypt_r(pw.c_str(), setting.c_str(), &data);
  if (out == nullptr || out[0] == '*') return "";
  return out;
}

}  // namespace

std::string Md5Crypt(std::string_view password, std::string_view salt, std::string_view magic) {
  salt = salt.substr(0, std::min<size_t>(salt.size(), 8));
  const std::string alternate = RawMd5(absl::StrCat(base::ToAbsl(password), base::ToAbsl(salt),
                                                    base::ToAbsl(password)));
  std::string first = absl::StrCat(base::ToAbsl(password), base::ToAbsl(magic), base::ToAbsl(salt));
  for (size_t left = password.size(); left > 0; left -= std::min<size_t>(left, 16)) {
    first.append(alternate, 0, std::min<size_t>(left, 16));
  }
  for (size_t bits = password.size(); bits != 0; bits >>= 1) {
    first.push_back((bits & 1) != 0 ? '\0' : (password.empty() ? '\0' : password[0]));
  }
  std::string digest = RawMd5(first);
  // A thousand rounds, to make guessing slower.
  for (int round = 0; round < 1000; ++round) {
    std::string next;
    if (round & 1) {
      next.append(password);
    } else {
      next.append(digest);
    }
    if (round % 3 != 0) next.append(salt);
    if (round % 7 != 0) next.append(password);
    if (round & 1) {
      next.append(digest);
    } else {
      next.append(password);
    }
    digest = RawMd5(next);
  }
  static constexpr char kItoa64[] =
      "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string out = absl::StrCat(base::ToAbsl(magic), base::ToAbsl(salt), "$");
  auto put = [&](unsigned a, unsigned b, unsigned c, int chars) {
    unsigned value = (a << 16) | (b << 8) | c;
    for (int i = 0; i < chars; ++i, value >>= 6) out.push_back(kItoa64[value & 0x3f]);
  };
  auto at = [&](int i) { return static_cast<unsigned>(static_cast<uint8_t>(digest[i])); };
  put(at(0), at(6), at(12), 4);
  put(at(1), at(7), at(13), 4);
  put(at(2), at(8), at(14), 4);
  put(at(3), at(9), at(15), 4);
  put(at(4), at(10), at(5), 4);
  put(0, 0, at(11), 2);
  return out;
}

absl::StatusOr<Htpasswd> Htpasswd::Parse(std::string_view text, std::string_view name) {
  Htpasswd out;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(base::ToAbsl(text), '\n')) {
    ++number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    const size_t colon = line.find(':');
    if (colon == absl::string_view::npos || colon == 0) {
      return absl::InvalidArgumentError(absl::StrCat("htpasswd file ", base::ToAbsl(name),
                                                     " line ", number, ": want user:hash"));
    }
    out.hashes_[std::string(line.substr(0, colon))] = std::string(line.substr(colon + 1));
  }
  return out;
}

absl::StatusOr<Htpasswd> Htpasswd::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("can't read htpasswd file ", path));
  std::ostringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path);
}

bool Htpasswd::Check(std::string_view user, std::string_view password) const {
  auto found = hashes_.find(user);
  if (found == hashes_.end()) return false;
  const std::string& stored = found->second;
  std::string computed;
  if (absl::StartsWith(stored, "$apr1$") || absl::StartsWith(stored, "$1$")) {
    const size_t magic_end = stored.find('$', 1) + 1;
    const size_t salt_end = stored.find('$', magic_end);
    if (salt_end == std::string::npos) return false;
    computed = Md5Crypt(password, std::string_view(stored).substr(magic_end, salt_end - magic_end),
                        std::string_view(stored).substr(0, magic_end));
  } else if (absl::StartsWith(stored, "$2a$") || absl::StartsWith(stored, "$2b$") ||
             absl::StartsWith(stored, "$2y$")) {
    computed = LibCrypt(password, stored);
  } else if (absl::StartsWith(stored, "{SHA}")) {
    computed = "{SHA}" + absl::Base64Escape(absl::HexStringToBytes(
                             hash::HexSum(hash::HashType::kSha1, password)));
  } else {
    return false;  // plain text, DES-crypt, SHA-crypt: refused, as rclone does
  }
  return !computed.empty() && base::SameInConstantTime(computed, stored);
}

}  // namespace serve
