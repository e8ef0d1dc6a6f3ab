// Read-only facts about a file: what Put needs to know about what it uploads (rclone's
// fs.ObjectInfo). An Object is an ObjectInfo that also lives on a remote.
#ifndef FICHIER_VFS_OBJECT_INFO_H_
#define FICHIER_VFS_OBJECT_INFO_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hash/hash_type.h"

namespace vfs {

class Fs;

class ObjectInfo {
 public:
  virtual ~ObjectInfo() = default;

  // Path relative to the owning Fs root, standard encoding.
  virtual std::string remote() const = 0;
  // Bytes; -1 when unknown (a stream).
  virtual int64_t size() const = 0;
  // Modification time; a best guess when the backend has none.
  virtual absl::Time mod_time() const = 0;
  // Lowercase hex; "" when not available for this object; hash-unsupported (Unimplemented) for a
  // type the backend never gives.
  virtual absl::StatusOr<std::string> Hash(hash::HashType type) const = 0;
  // Content type if known, else "".
  virtual std::string mime_type() const { return ""; }
  // The Fs this lives on; nullptr for a description of data that is not on a remote yet.
  virtual const Fs* fs() const { return nullptr; }
  // rclone's String(): for objects, the remote path.
  std::string ToString() const { return remote(); }
};

// An ObjectInfo made of plain values (rclone's object.NewStaticObjectInfo): describes a source
// to Put when the data does not come from another remote.
class StaticObjectInfo : public ObjectInfo {
 public:
  StaticObjectInfo(std::string remote, int64_t size, absl::Time mod_time,
                   std::map<hash::HashType, std::string> hashes = {}, std::string mime_type = "")
      : remote_(std::move(remote)),
        size_(size),
        mod_time_(mod_time),
        hashes_(std::move(hashes)),
        mime_type_(std::move(mime_type)) {}

  std::string remote() const override { return remote_; }
  int64_t size() const override { return size_; }
  absl::Time mod_time() const override { return mod_time_; }
  absl::StatusOr<std::string> Hash(hash::HashType type) const override {
    auto it = hashes_.find(type);
    return it == hashes_.end() ? std::string() : it->second;
  }
  std::string mime_type() const override { return mime_type_; }

  // Another name for the same data (Put to a different path).
  StaticObjectInfo WithRemote(std::string remote) const {
    StaticObjectInfo copy = *this;
    copy.remote_ = std::move(remote);
    return copy;
  }

 private:
  std::string remote_;
  int64_t size_;
  absl::Time mod_time_;
  std::map<hash::HashType, std::string> hashes_;
  std::string mime_type_;
};

// Forwards everything to another ObjectInfo but reports a different remote path; used when an
// object is copied or moved to a new name through a generic fallback.
class RenamedObjectInfo : public ObjectInfo {
 public:
  RenamedObjectInfo(const ObjectInfo& inner, std::string remote)
      : inner_(inner), remote_(std::move(remote)) {}
  std::string remote() const override { return remote_; }
  int64_t size() const override { return inner_.size(); }
  absl::Time mod_time() const override { return inner_.mod_time(); }
  absl::StatusOr<std::string> Hash(hash::HashType type) const override {
    return inner_.Hash(type);
  }
  std::string mime_type() const override { return inner_.mime_type(); }
  const Fs* fs() const override { return inner_.fs(); }

 private:
  const ObjectInfo& inner_;
  std::string remote_;
};

}  // namespace vfs

#endif  // FICHIER_VFS_OBJECT_INFO_H_
