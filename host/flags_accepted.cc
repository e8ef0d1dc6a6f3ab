#include "host/flags_accepted.h"

#include <span>
#include <string_view>

#include "absl/status/statusor.h"
#include "host/go_int.h"
#include "vfs/operations/filter.h"

namespace fclone {
namespace {

enum class Kind { kBool, kInt, kSize, kDuration, kString };

struct AcceptedFlag {
  const char* name;
  Kind kind;
  const char* default_value;  // rclone's, shown by --help
  const char* help;           // rclone's
  const char* why;            // why it changes nothing in fclone
};

constexpr AcceptedFlag kGlobal[] = {
    {"buffer-size", Kind::kSize, "16Mi",
     "In memory buffer size when reading files for each --transfer",
     "transfers read ahead through fixed, bounded buffers (mount and serve use their own)"},
    {"use-mmap", Kind::kBool, "false", "Use mmap allocator (see docs)",
     "how Go allocates buffers; fclone's are bounded already"},
    {"max-backlog", Kind::kInt, "10000", "Maximum number of objects in sync or check backlog",
     "fclone does not cap the queue of checked files waiting for a transfer separately"},
    {"max-stats-groups", Kind::kInt, "1000",
     "Maximum number of stats groups to keep in memory, on max oldest is discarded",
     "stats groups serve rclone's remote control, which fclone has not"},
    {"fs-cache-expire-duration", Kind::kDuration, "5m",
     "Cache remotes for this long (0 to disable caching)",
     "the cache of remotes serves rclone's remote control; fclone opens each remote once"},
    {"fs-cache-expire-interval", Kind::kDuration, "1m", "Interval to check for expired remotes",
     "as --fs-cache-expire-duration"},
    {"no-console", Kind::kBool, "false", "Hide console window (supported on Windows only)",
     "Windows only"},
    {"no-unicode-normalization", Kind::kBool, "false",
     "Don't normalize unicode characters in filenames",
     "rclone normalizes on macOS only; fclone compares names byte for byte"},
    {"use-server-modtime", Kind::kBool, "false",
     "Use server modified time instead of object metadata",
     "each backend here has one modification time (fichier's is the server's)"},
    {"auto-confirm", Kind::kBool, "false", "If enabled, do not request console confirmation",
     "fclone asks only in `config` and with -i, where rclone asks too"},
    {"no-gzip-encoding", Kind::kBool, "false", "Don't set Accept-Encoding: gzip",
     "fclone never asks servers for gzip-encoded answers"},
    {"expect-continue-timeout", Kind::kDuration, "1s",
     "Timeout when using expect / 100-continue in HTTP",
     "fclone sends bodies without Expect: 100-continue"},
};

constexpr AcceptedFlag kVfs[] = {
    {"poll-interval", Kind::kDuration, "1m",
     "Time to wait between polling for changes, must be smaller than dir-cache-time and only "
     "on supported remotes (set 0 to disable)",
     "no backend here reports changes; rclone ignores it for such backends too"},
    {"vfs-cache-poll-interval", Kind::kDuration, "1m",
     "Interval to poll the cache for stale objects",
     "the cache is checked for age and size each time an upload ends"},
    {"vfs-read-ahead", Kind::kSize, "0",
     "Extra read ahead over --buffer-size when using cache-mode full",
     "reads read ahead by --buffer-size in every cache mode"},
    {"vfs-read-wait", Kind::kDuration, "20ms", "Time to wait for in-sequence read before seeking",
     "out-of-order reads are served from the bytes last returned or by a new range at once"},
    {"vfs-write-wait", Kind::kDuration, "1s",
     "Time to wait for in-sequence write before giving error",
     "out-of-order writes go to the cache file (writes/full) or are refused (off) at once"},
    {"vfs-fast-fingerprint", Kind::kBool, "false",
     "Use fast (less accurate) fingerprints for change detection",
     "cached copies are matched by size, which costs no call either way"},
    {"no-modtime", Kind::kBool, "false",
     "Don't read/write the modification time (can speed things up)",
     "times come with the listings at no cost, and no backend here sets one on upload"},
    {"no-checksum", Kind::kBool, "false", "Don't compare checksums on up/download",
     "a flag that only saves time does not turn Whirlpool checks off"},
};

// `mount` only.
constexpr AcceptedFlag kMount[] = {
    {"daemon-timeout", Kind::kDuration, "0s",
     "Time limit for rclone to respond to kernel (not supported on Windows)",
     "macOS and FreeBSD only; rclone ignores it on Linux too"},
    {"volname", Kind::kString, "", "Set the volume name (supported on Windows and OSX only)",
     "Windows and macOS only; rclone ignores it on Linux too"},
    {"network-mode", Kind::kBool, "false",
     "Mount as remote network drive, instead of fixed disk drive (supported on Windows only)",
     "Windows only; rclone ignores it on Linux too"},
    {"noappledouble", Kind::kBool, "true",
     "Ignore Apple Double (._) and .DS_Store files (supported on OSX only) (default true)",
     "macOS only; rclone ignores it on Linux too"},
    {"noapplexattr", Kind::kBool, "false",
     "Ignore all \"com.apple.*\" extended attributes (supported on OSX only)",
     "macOS only; rclone ignores it on Linux too"},
};

void AddAccepted(FlagSet& f, std::span<const AcceptedFlag> flags, AcceptedFlagValues& v,
                 bool global) {
  for (const AcceptedFlag& a : flags) {
    // The default is set first: the registration reads it for --help.
    switch (a.kind) {
      case Kind::kBool:
        v.b = std::string_view(a.default_value) == "true";
        f.Bool(a.name, 0, &v.b, a.help, global);
        break;
      case Kind::kInt:
        v.i = ParseGoInt(a.default_value).value_or(0);
        f.Int(a.name, 0, &v.i, a.help, global);
        break;
      case Kind::kSize:
        v.i = vfs::operations::ParseSizeSuffix(a.default_value).value_or(0);
        f.Size(a.name, 0, &v.i, a.help, global);
        break;
      case Kind::kDuration:
        v.d = ParseGoDuration(a.default_value).value_or(absl::ZeroDuration());
        f.Duration(a.name, 0, &v.d, a.help, global);
        break;
      case Kind::kString:
        v.s = a.default_value;
        f.String(a.name, 0, &v.s, a.help, global);
        break;
    }
  }
}

}  // namespace

void AddAcceptedGlobalFlags(FlagSet& f, AcceptedFlagValues& v) { AddAccepted(f, kGlobal, v, true); }

void AddAcceptedVfsFlags(FlagSet& f, AcceptedFlagValues& v) { AddAccepted(f, kVfs, v, false); }

void AddAcceptedMountFlags(FlagSet& f, AcceptedFlagValues& v) { AddAccepted(f, kMount, v, false); }

}  // namespace fclone
