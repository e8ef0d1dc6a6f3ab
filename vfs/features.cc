#include "vfs/features.h"

namespace vfs {

std::vector<std::string> Features::CapabilityNames() const {
  std::vector<std::string> names;
  // Sorted like rclone's `backend features` keys.
  if (about) names.push_back("About");
  if (copy) names.push_back("Copy");
  if (copy_url) names.push_back("CopyUrl");
  if (dir_move) names.push_back("DirMove");
  if (list_r) names.push_back("ListR");
  if (move) names.push_back("Move");
  if (open_writer_at) names.push_back("OpenWriterAt");
  if (public_link) names.push_back("PublicLink");
  if (purge) names.push_back("Purge");
  if (put_stream) names.push_back("PutStream");
  if (put_unchecked) names.push_back("PutUnchecked");
  return names;
}

}  // namespace vfs
