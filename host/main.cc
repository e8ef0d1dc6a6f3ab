#include <sys/prctl.h>

#include "host/app.h"
#include "host/stop_signals.h"

int main(int argc, char** argv) {
  // fclone holds API keys and revealed passwords: no core dump of them, and no other process of
  // the same user may ptrace it or read its /proc/<pid>/mem or environ.
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  // Before any other thread exists, so every thread inherits the blocked signals.
  fclone::StartSignalWatcher();
  return fclone::Main(argc, argv);
}
