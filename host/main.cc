#include <malloc.h>
#include <sys/prctl.h>

#include "host/app.h"
#include "host/stop_signals.h"

int main(int argc, char** argv) {
  // fclone holds API keys and revealed passwords: no core dump of them, and no other process of
  // the same user may ptrace it or read its /proc/<pid>/mem or environ.
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  // glibc gives each busy thread its own arena (up to 8 per core); a sync with hundreds of
  // small uploads in flight then holds tens of MiB of mostly empty arenas. Two arenas keep
  // peak RSS low; the transfer path allocates its buffers once, so contention stays small.
  ::mallopt(M_ARENA_MAX, 2);
  // Before any other thread exists, so every thread inherits the blocked signals.
  fclone::StartSignalWatcher();
  return fclone::Main(argc, argv);
}
