// fclone's entry point: finds the command, parses flags, sets up logging, the config file and
// stats, runs the command (retrying it as rclone does) and maps the outcome to an exit code.
#ifndef FICHIER_HOST_APP_H_
#define FICHIER_HOST_APP_H_

namespace fclone {

int Main(int argc, char** argv);

}  // namespace fclone

#endif  // FICHIER_HOST_APP_H_
