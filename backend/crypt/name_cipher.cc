#include "backend/crypt/name_cipher.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "backend/crypt/eme.h"
#include "backend/crypt/obfuscate.h"
#include "base/string_views.h"
#include "vfs/errors.h"

namespace backend::crypt {
namespace {

std::string Pkcs7Pad(std::string_view in) {
  size_t pad = kEmeBlockSize - in.size() % kEmeBlockSize;
  std::string out(in);
  out.append(pad, static_cast<char>(pad));
  return out;
}

// rclone's lib/pkcs7 checks and messages.
absl::StatusOr<std::string> Pkcs7Unpad(std::string in) {
  auto bad = [](std::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("Bad PKCS#7 padding - ", base::ToAbsl(why)));
  };
  if (in.empty()) return bad("not padded");
  if (in.size() % kEmeBlockSize != 0) return bad("not a multiple of blocksize");
  size_t pad = static_cast<unsigned char>(in.back());
  if (pad == 0) return bad("too short");
  if (pad > kEmeBlockSize) return bad("too long");
  for (size_t i = in.size() - pad; i < in.size(); ++i) {
    if (static_cast<unsigned char>(in[i]) != pad) return bad("not all the same");
  }
  in.resize(in.size() - pad);
  return in;
}

absl::StatusOr<std::string> NotEncrypted(std::string_view suffix) {
  return absl::InvalidArgumentError(
      absl::StrCat("not an encrypted file - no \"", base::ToAbsl(suffix), "\" suffix"));
}

}  // namespace

absl::StatusOr<NameMode> ParseNameMode(std::string_view name) {
  std::string lower = absl::AsciiStrToLower(base::ToAbsl(name));
  if (lower == "standard" || lower.empty()) return NameMode::kStandard;
  if (lower == "obfuscate") return NameMode::kObfuscate;
  if (lower == "off") return NameMode::kOff;
  return absl::InvalidArgumentError(absl::StrCat("Unknown file name encryption mode \"",
                                                 base::ToAbsl(name), "\""));
}

absl::StatusOr<std::string> NameCipher::EncryptSegment(std::string_view plain) const {
  if (plain.empty()) return std::string();
  if (options_.mode == NameMode::kObfuscate) return ObfuscateSegment(keys_.name_key, plain);
  std::string padded = Pkcs7Pad(plain);
  if (padded.size() > kMaxEncryptedSegmentBytes) {
    return vfs::MakeError(
        vfs::ErrorKind::kFileNameTooLong, "", absl::StrCat("a name of ", plain.size(), " bytes is ", padded.size(),
                         " bytes once encrypted; crypt names can be at most ",
                         kMaxEncryptedSegmentBytes, " (", kMaxEncryptedSegmentBytes - 1,
                         " bytes before encryption)"));
  }
  absl::StatusOr<std::string> sealed =
      EmeTransform(keys_.name_key, keys_.name_tweak, padded, EmeDirection::kEncrypt);
  if (!sealed.ok()) return sealed.status();
  return EncodeName(options_.encoding, *sealed);
}

absl::StatusOr<std::string> NameCipher::DecryptSegment(std::string_view text) const {
  if (text.empty()) return std::string();
  if (options_.mode == NameMode::kObfuscate) return DeobfuscateSegment(keys_.name_key, text);
  absl::StatusOr<std::string> raw = DecodeName(options_.encoding, text);
  if (!raw.ok()) return raw.status();
  std::string_view what = options_.encoding == NameEncoding::kBase32 ? "base32" : "base64";
  if (raw->size() % kEmeBlockSize != 0) {
    return absl::InvalidArgumentError("not a multiple of blocksize");
  }
  if (raw->empty()) {
    return absl::InvalidArgumentError(absl::StrCat("too short after ", base::ToAbsl(what), " decode"));
  }
  if (raw->size() > kMaxEncryptedSegmentBytes) {
    return absl::InvalidArgumentError(absl::StrCat("too long after ", base::ToAbsl(what), " decode"));
  }
  absl::StatusOr<std::string> padded =
      EmeTransform(keys_.name_key, keys_.name_tweak, *raw, EmeDirection::kDecrypt);
  if (!padded.ok()) return padded.status();
  return Pkcs7Unpad(*std::move(padded));
}

absl::StatusOr<std::string> NameCipher::TransformPath(std::string_view path, bool encrypt) const {
  std::vector<std::string> segments = absl::StrSplit(base::ToAbsl(path), '/');
  for (size_t i = 0; i < segments.size(); ++i) {
    if (!options_.encrypt_dir_names && i + 1 != segments.size()) continue;
    absl::StatusOr<std::string> done =
        encrypt ? EncryptSegment(segments[i]) : DecryptSegment(segments[i]);
    if (!done.ok()) return done.status();
    segments[i] = *std::move(done);
  }
  return absl::StrJoin(segments, "/");
}

absl::StatusOr<std::string> NameCipher::EncryptPath(std::string_view path) const {
  return TransformPath(path, /*encrypt=*/true);
}

absl::StatusOr<std::string> NameCipher::DecryptPath(std::string_view path) const {
  return TransformPath(path, /*encrypt=*/false);
}

absl::StatusOr<std::string> NameCipher::EncryptFileName(std::string_view path) const {
  if (options_.mode == NameMode::kOff) return absl::StrCat(base::ToAbsl(path), options_.suffix);
  return EncryptPath(path);
}

absl::StatusOr<std::string> NameCipher::EncryptDirName(std::string_view path) const {
  if (options_.mode == NameMode::kOff || !options_.encrypt_dir_names) return std::string(path);
  return EncryptPath(path);
}

absl::StatusOr<std::string> NameCipher::DecryptFileName(std::string_view path) const {
  if (options_.mode == NameMode::kOff) {
    const std::string& suffix = options_.suffix;
    if (path.size() <= suffix.size() || path.substr(path.size() - suffix.size()) != suffix) {
      return NotEncrypted(suffix);
    }
    return std::string(path.substr(0, path.size() - suffix.size()));
  }
  return DecryptPath(path);
}

absl::StatusOr<std::string> NameCipher::DecryptDirName(std::string_view path) const {
  if (options_.mode == NameMode::kOff || !options_.encrypt_dir_names) return std::string(path);
  return DecryptPath(path);
}

}  // namespace backend::crypt
