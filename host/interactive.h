// -i/--interactive: rclone's question before each change, answered on stdin:
//   rclone: copy "a"?  y) Yes (default)  n) No  s) Skip all copy operations
//   !) Do all copy operations  q) Exit now
// "s" and "!" hold for every later change of the same kind.
#ifndef FICHIER_HOST_INTERACTIVE_H_
#define FICHIER_HOST_INTERACTIVE_H_

#include <functional>
#include <ostream>
#include <string_view>

namespace fclone {

// The Context::confirm of an interactive run: asks on `out`, reads answers from the file
// descriptor `in` (one line each, as the config wizard reads them). End of input answers "n"
// (nothing is changed without a yes).
std::function<bool(std::string_view subject, std::string_view action)> MakeConfirm(
    int in, std::ostream& out);

}  // namespace fclone

#endif  // FICHIER_HOST_INTERACTIVE_H_
