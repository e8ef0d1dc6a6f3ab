#include "host/app.h"
#include "host/stop_signals.h"

int main(int argc, char** argv) {
  // Before any other thread exists, so every thread inherits the blocked signals.
  fclone::StartSignalWatcher();
  return fclone::Main(argc, argv);
}
