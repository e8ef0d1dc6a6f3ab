#include "backend/crypt/crypt_fs.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "backend/crypt/crypt_object.h"
#include "vfs/errors.h"
#include "vfs/hashing_source.h"
#include "vfs/log.h"
#include "vfs/path.h"

namespace backend::crypt {
namespace {

// A Source read through a reference (no_data_encryption: the bytes pass unchanged, and so does
// a hash the inner source computes, which the wrapped remote's upload can then reuse).
class BorrowedSource : public vfs::Source {
 public:
  explicit BorrowedSource(vfs::Source& inner) : inner_(inner) {}
  bool ComputesHash(hash::HashType type) const override { return inner_.ComputesHash(type); }
  absl::StatusOr<std::string> StreamHash(hash::HashType type) const override {
    return inner_.StreamHash(type);
  }
  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override { return inner_.Read(buffer); }

 private:
  vfs::Source& inner_;
};

// What crypt can do exactly when the remote under it can.
constexpr bool vfs::Features::*kWrappedCapabilities[] = {
    &vfs::Features::duplicate_files, &vfs::Features::can_have_empty_dirs,
    &vfs::Features::put_unchecked,   &vfs::Features::copy,
    &vfs::Features::move,            &vfs::Features::dir_move,
    &vfs::Features::purge,           &vfs::Features::about,
    &vfs::Features::list_r,
};

// The wrapped remote reports paths it knows (encrypted); say them as the user wrote them.
absl::Status WithPlainPath(const absl::Status& status, std::string_view plain) {
  switch (vfs::KindOf(status)) {
    case vfs::ErrorKind::kObjectNotFound: return vfs::ObjectNotFound(plain);
    case vfs::ErrorKind::kDirNotFound: return vfs::DirNotFound(plain);
    case vfs::ErrorKind::kDirNotEmpty: return vfs::DirNotEmpty(plain);
    case vfs::ErrorKind::kDirExists: return vfs::DirExists(plain);
    case vfs::ErrorKind::kIsDir: return vfs::IsDirError(plain);
    case vfs::ErrorKind::kIsFile: return vfs::IsFileError(plain);
    default: return status;
  }
}

}  // namespace

std::shared_ptr<CryptFs> CryptFs::Create(std::string name, std::string root, vfs::FsPtr wrapped,
                                         const CryptKeys& keys, CryptOptions options) {
  return std::shared_ptr<CryptFs>(
      new CryptFs(std::move(name), std::move(root), std::move(wrapped), keys, std::move(options)));
}

CryptFs::CryptFs(std::string name, std::string root, vfs::FsPtr wrapped, const CryptKeys& keys,
                 CryptOptions options)
    : BasicFs(std::move(name), std::move(root)),
      wrapped_(std::move(wrapped)),
      keys_(keys),
      names_(keys, options.names),
      options_(std::move(options)) {
  const vfs::Features& w = wrapped_->features();
  // As rclone's crypt: its own facts masked by the wrapped remote's capabilities.
  features_.case_insensitive =
      (options_.names.mode == NameMode::kOff || !options_.names.encrypt_dir_names) &&
      w.case_insensitive;
  for (bool vfs::Features::*capability : kWrappedCapabilities) {
    features_.*capability = w.*capability;
  }
  features_.precision = w.precision;
  features_.batch_width = w.batch_width;
  features_.batch_put_max_size = w.batch_put_max_size;
}

std::string CryptFs::ToString() const {
  return absl::StrCat("Encrypted drive '", name_, ":", root_, "'");
}

vfs::ObjectPtr CryptFs::Wrap(vfs::ObjectPtr underlying, std::string remote) {
  return std::make_shared<CryptObject>(shared_from_this(), std::move(underlying),
                                       std::move(remote));
}

std::optional<vfs::DirEntry> CryptFs::DecryptEntry(const vfs::DirEntry& entry,
                                                   std::string_view dir) {
  std::string encrypted = entry.remote();
  absl::StatusOr<std::string> plain =
      entry.is_object() ? names_.DecryptFileName(encrypted) : names_.DecryptDirName(encrypted);
  if (!plain.ok()) {
    vfs::Log(vfs::LogLevel::kNotice, encrypted,
             absl::StrCat("Skipping undecryptable ", entry.is_object() ? "file" : "dir",
                          " name: ", plain.status().message()));
    return std::nullopt;
  }
  if (!dir.empty() && !vfs::IsUnder(*plain, dir)) return std::nullopt;  // cannot happen
  if (options_.show_mapping) {
    vfs::Log(vfs::LogLevel::kNotice, *plain, absl::StrCat("Encrypts to \"", encrypted, "\""));
  }
  if (entry.is_object()) return vfs::DirEntry(Wrap(entry.object(), *std::move(plain)));
  vfs::Directory d = entry.directory();
  d.remote = *std::move(plain);
  return vfs::DirEntry(std::move(d));
}

absl::StatusOr<vfs::DirEntries> CryptFs::List(std::string_view dir) {
  absl::StatusOr<std::string> encrypted = names_.EncryptDirName(dir);
  if (!encrypted.ok()) return encrypted.status();
  absl::StatusOr<vfs::DirEntries> listed = wrapped_->List(*encrypted);
  if (!listed.ok()) return WithPlainPath(listed.status(), dir);
  vfs::DirEntries out;
  out.reserve(listed->size());
  for (const vfs::DirEntry& entry : *listed) {
    if (std::optional<vfs::DirEntry> plain = DecryptEntry(entry, dir)) {
      out.push_back(*std::move(plain));
    }
  }
  vfs::SortEntries(out);  // decrypted names sort differently
  return out;
}

void CryptFs::ExpireListing(std::string_view dir) {
  if (absl::StatusOr<std::string> encrypted = names_.EncryptDirName(dir); encrypted.ok()) {
    wrapped_->ExpireListing(*encrypted);
  }
}

absl::Status CryptFs::ListR(std::string_view dir, const vfs::ListRCallback& callback) {
  absl::StatusOr<std::string> encrypted = names_.EncryptDirName(dir);
  if (!encrypted.ok()) return encrypted.status();
  std::string plain_dir(dir);
  absl::Status st = wrapped_->ListR(*encrypted, [&](vfs::DirEntries batch) {
    vfs::DirEntries out;
    out.reserve(batch.size());
    for (const vfs::DirEntry& entry : batch) {
      if (std::optional<vfs::DirEntry> plain = DecryptEntry(entry, plain_dir)) {
        out.push_back(*std::move(plain));
      }
    }
    return callback(std::move(out));
  });
  return WithPlainPath(st, dir);
}

absl::StatusOr<vfs::ObjectPtr> CryptFs::NewObject(std::string_view remote) {
  absl::StatusOr<std::string> encrypted = names_.EncryptFileName(remote);
  if (!encrypted.ok()) return encrypted.status();
  absl::StatusOr<vfs::ObjectPtr> obj = wrapped_->NewObject(*encrypted);
  if (!obj.ok()) return WithPlainPath(obj.status(), remote);
  return Wrap(*std::move(obj), std::string(remote));
}

std::unique_ptr<vfs::Source> CryptFs::EncryptStream(vfs::Source& plain, const Nonce& nonce) const {
  if (options_.no_data_encryption) return std::make_unique<BorrowedSource>(plain);
  return std::make_unique<EncryptingSource>(plain, keys_.data_key, nonce);
}

int64_t CryptFs::PlainSize(const vfs::Object& underlying) const {
  int64_t size = underlying.size();
  if (options_.no_data_encryption || size < 0) return size;
  absl::StatusOr<int64_t> plain = DecryptedSize(size);
  if (!plain.ok()) {
    vfs::Log(vfs::LogLevel::kDebug, underlying.remote(),
             absl::StrCat("Bad size for decrypt: ", plain.status().message()));
    return 0;
  }
  return *plain;
}

absl::StatusOr<std::unique_ptr<vfs::Source>> CryptFs::DecryptOpen(
    vfs::Object& underlying, const std::string& subject, const vfs::OpenOptions& options,
    int64_t plain_size) const {
  if (options_.no_data_encryption) return underlying.Open(options);
  vfs::ResolvedRange window = options.range ? options.Resolve(plain_size) : vfs::ResolvedRange{};
  if (window.length == 0) return std::make_unique<vfs::StringSource>("");
  if (window.offset == 0 && window.length < 0) {  // the whole file: one stream
    absl::StatusOr<std::unique_ptr<vfs::Source>> in = underlying.Open();
    if (!in.ok()) return in.status();
    std::string header(kHeaderSize, '\0');
    absl::StatusOr<size_t> n =
        ReadFull(**in, std::span(reinterpret_cast<uint8_t*>(header.data()), header.size()));
    if (!n.ok()) return n.status();
    header.resize(*n);
    absl::StatusOr<Nonce> nonce = ParseHeader(header, subject);
    if (!nonce.ok()) return nonce.status();
    return std::make_unique<DecryptingSource>(*std::move(in), keys_.data_key, *nonce, 0, -1,
                                              subject);
  }
  // A range: the header for the nonce, then only the blocks that hold the window.
  absl::StatusOr<std::unique_ptr<vfs::Source>> head =
      underlying.Open(vfs::OpenOptions::Range(0, kHeaderSize - 1));
  if (!head.ok()) return head.status();
  absl::StatusOr<std::string> header = vfs::ReadAll(**head, 2 * kHeaderSize);
  if (!header.ok()) return header.status();
  absl::StatusOr<Nonce> nonce = ParseHeader(*header, subject);
  if (!nonce.ok()) return nonce.status();
  int64_t first_block = window.offset / kBlockDataSize;
  int64_t start = kHeaderSize + first_block * kBlockSize;
  int64_t end = -1;
  if (window.length > 0) {
    int64_t last_block = (window.offset + window.length - 1) / kBlockDataSize;
    end = kHeaderSize + (last_block + 1) * kBlockSize - 1;
  }
  absl::StatusOr<std::unique_ptr<vfs::Source>> blocks =
      underlying.Open(vfs::OpenOptions::Range(start, end));
  if (!blocks.ok()) return blocks.status();
  return std::make_unique<DecryptingSource>(
      *std::move(blocks), keys_.data_key, AddToNonce(*nonce, static_cast<uint64_t>(first_block)),
      window.offset % kBlockDataSize, window.length, subject);
}

absl::StatusOr<vfs::ObjectPtr> CryptFs::Upload(vfs::Source& in, const vfs::ObjectInfo& info,
                                              const vfs::PutOptions& options, PutMode mode) {
  std::string remote = info.remote();
  absl::StatusOr<std::string> encrypted = names_.EncryptFileName(remote);
  if (!encrypted.ok()) return vfs::WithContext(encrypted.status(), remote);
  std::unique_ptr<vfs::Source> stream = EncryptStream(in, RandomNonce());
  int64_t size = options_.no_data_encryption ? info.size() : EncryptedSize(info.size());
  EncryptedInfo encrypted_info(info, *encrypted, size);
  vfs::PutOptions wrapped_options;  // no mime type: it would tell what the file is
  absl::StatusOr<vfs::ObjectPtr> obj =
      mode == PutMode::kChecked ? wrapped_->Put(*stream, encrypted_info, wrapped_options)
                                : wrapped_->PutUnchecked(*stream, encrypted_info, wrapped_options);
  if (!obj.ok()) return WithPlainPath(obj.status(), remote);
  if (options_.show_mapping) {
    vfs::Log(vfs::LogLevel::kNotice, remote, absl::StrCat("Encrypts to \"", *encrypted, "\""));
  }
  (void)options;
  return Wrap(*std::move(obj), remote);
}

absl::StatusOr<vfs::ObjectPtr> CryptFs::Put(vfs::Source& in, const vfs::ObjectInfo& info,
                                            const vfs::PutOptions& options) {
  return Upload(in, info, options, PutMode::kChecked);
}

absl::StatusOr<vfs::ObjectPtr> CryptFs::PutUnchecked(vfs::Source& in, const vfs::ObjectInfo& info,
                                                     const vfs::PutOptions& options) {
  if (!features_.put_unchecked) return vfs::NotImplemented("PutUnchecked");
  return Upload(in, info, options, PutMode::kUnchecked);
}

absl::Status CryptFs::Mkdir(std::string_view dir) {
  absl::StatusOr<std::string> encrypted = names_.EncryptDirName(dir);
  if (!encrypted.ok()) return encrypted.status();
  return WithPlainPath(wrapped_->Mkdir(*encrypted), dir);
}

absl::Status CryptFs::Rmdir(std::string_view dir) {
  absl::StatusOr<std::string> encrypted = names_.EncryptDirName(dir);
  if (!encrypted.ok()) return encrypted.status();
  return WithPlainPath(wrapped_->Rmdir(*encrypted), dir);
}

const CryptObject* CryptFs::SameCipherSource(const vfs::Object& src) const {
  const auto* crypt_src = dynamic_cast<const CryptObject*>(&src);
  if (crypt_src == nullptr) return nullptr;
  const CryptFs& other = *crypt_src->crypt_fs();
  // Server-side copies move encrypted bytes and names as they are: only sound between remotes
  // that encrypt identically.
  const NameCipherOptions& a = options_.names;
  const NameCipherOptions& b = other.options_.names;
  if (!(other.keys_ == keys_) || a.mode != b.mode || a.encrypt_dir_names != b.encrypt_dir_names ||
      a.encoding != b.encoding || a.suffix != b.suffix ||
      options_.no_data_encryption != other.options_.no_data_encryption) {
    return nullptr;
  }
  return crypt_src;
}

absl::StatusOr<vfs::ObjectPtr> CryptFs::ServerSide(const vfs::Object& src, std::string_view remote,
                                                   bool move) {
  const CryptObject* crypt_src = SameCipherSource(src);
  if (crypt_src == nullptr || !(move ? features_.move : features_.copy)) {
    return move ? vfs::CantMove() : vfs::CantCopy();
  }
  absl::StatusOr<std::string> encrypted = names_.EncryptFileName(remote);
  if (!encrypted.ok()) return encrypted.status();
  absl::StatusOr<vfs::ObjectPtr> obj = move ? wrapped_->Move(*crypt_src->underlying(), *encrypted)
                                            : wrapped_->Copy(*crypt_src->underlying(), *encrypted);
  if (!obj.ok()) return WithPlainPath(obj.status(), remote);
  return Wrap(*std::move(obj), std::string(remote));
}

absl::StatusOr<vfs::ObjectPtr> CryptFs::Copy(const vfs::Object& src, std::string_view remote) {
  return ServerSide(src, remote, /*move=*/false);
}

absl::StatusOr<vfs::ObjectPtr> CryptFs::Move(const vfs::Object& src, std::string_view remote) {
  return ServerSide(src, remote, /*move=*/true);
}

absl::Status CryptFs::DirMove(vfs::Fs& src_fs, std::string_view src_remote,
                              std::string_view dst_remote) {
  auto* src = dynamic_cast<CryptFs*>(&src_fs);
  if (src == nullptr || !features_.dir_move || !(src->keys_ == keys_) ||
      src->options_.names.mode != options_.names.mode ||
      src->options_.names.encrypt_dir_names != options_.names.encrypt_dir_names ||
      src->options_.names.encoding != options_.names.encoding) {
    return vfs::CantDirMove();
  }
  absl::StatusOr<std::string> from = src->names_.EncryptDirName(src_remote);
  if (!from.ok()) return from.status();
  absl::StatusOr<std::string> to = names_.EncryptDirName(dst_remote);
  if (!to.ok()) return to.status();
  absl::Status st = wrapped_->DirMove(*src->wrapped_, *from, *to);
  if (vfs::IsDirExists(st)) return vfs::DirExists(dst_remote);
  return WithPlainPath(st, src_remote);
}

absl::Status CryptFs::Purge(std::string_view dir) {
  if (!features_.purge) return vfs::CantPurge();
  absl::StatusOr<std::string> encrypted = names_.EncryptDirName(dir);
  if (!encrypted.ok()) return encrypted.status();
  return WithPlainPath(wrapped_->Purge(*encrypted), dir);
}

absl::StatusOr<vfs::Usage> CryptFs::About() {
  if (!features_.about) return vfs::NotImplemented("About");
  return wrapped_->About();
}

vfs::ObjectPtr CryptFs::StoredObject(vfs::Object& object) const {
  auto* crypt_object = dynamic_cast<CryptObject*>(&object);
  return crypt_object == nullptr ? nullptr : crypt_object->underlying();
}

absl::StatusOr<std::string> CryptFs::ComputeHash(vfs::Object& dst_object, vfs::Object& src,
                                                 hash::HashType type) {
  auto* crypt_object = dynamic_cast<CryptObject*>(&dst_object);
  if (crypt_object == nullptr) return absl::InternalError("not an object of a crypt remote");
  const CryptObject& dst = *crypt_object;
  if (options_.no_data_encryption) return src.Hash(type);
  absl::StatusOr<std::unique_ptr<vfs::Source>> head =
      dst.underlying()->Open(vfs::OpenOptions::Range(0, kHeaderSize - 1));
  if (!head.ok()) {
    return vfs::WithContext(head.status(), "failed to open object to read nonce");
  }
  absl::StatusOr<std::string> header = vfs::ReadAll(**head, 2 * kHeaderSize);
  if (!header.ok()) return vfs::WithContext(header.status(), "failed to open object to read nonce");
  absl::StatusOr<Nonce> nonce = ParseHeader(*header, dst.remote());
  if (!nonce.ok()) return nonce.status();
  absl::StatusOr<std::unique_ptr<vfs::Source>> plain = src.Open();
  if (!plain.ok()) return plain.status();
  EncryptingSource encrypted(**plain, keys_.data_key, *nonce);
  vfs::HashingSource hashing(encrypted, hash::HashSet{type});
  absl::StatusOr<int64_t> drained = vfs::Drain(hashing, [](std::span<const uint8_t>) {
    return absl::OkStatus();
  });
  if (!drained.ok()) return drained.status();
  return hashing.Sum(type);
}

}  // namespace backend::crypt
