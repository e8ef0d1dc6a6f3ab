// rclone flags that fclone takes and that change nothing here, so that scripts and service
// units written for rclone run unchanged. Each one says why it has no effect in fclone
// (host/README.md has the table). A bad value is still a usage error, as in rclone. Flags with
// an effect live with what they change.
#ifndef FICHIER_HOST_FLAGS_ACCEPTED_H_
#define FICHIER_HOST_FLAGS_ACCEPTED_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "host/flags.h"

namespace fclone {

// Where the parsed values land before they are dropped; it must outlive the FlagSet.
struct AcceptedFlagValues {
  bool b = false;
  int64_t i = 0;
  absl::Duration d;
  std::string s;
};

// Global flags (any command).
void AddAcceptedGlobalFlags(FlagSet& f, AcceptedFlagValues& v);
// `mount` and `serve http` (rclone's VFS options).
void AddAcceptedVfsFlags(FlagSet& f, AcceptedFlagValues& v);
// `mount` alone (rclone's macOS and Windows mount options).
void AddAcceptedMountFlags(FlagSet& f, AcceptedFlagValues& v);

}  // namespace fclone

#endif  // FICHIER_HOST_FLAGS_ACCEPTED_H_
