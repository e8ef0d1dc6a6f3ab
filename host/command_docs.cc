#include "host/command_docs.h"

#include <algorithm>
#include <iterator>

namespace fclone {
namespace {

// Sorted by name: FindCommandDoc searches it by halves.
constexpr CommandDoc kDocs[] = {
    {"about", "remote:", "Get quota information from the remote.", ""},
    {"backend", "<command> remote:path [opts] <args>", "Run a backend-specific command.",
     "Only \"features\" is known: prints what the remote advertises (name, root,\n"
     "precision in ns, hashes, optional capabilities) as rclone's JSON."},
    {"cat", "remote:path", "Concatenates any files and sends them to stdout.",
     "Every file below a directory is sent, in listing order. --head, --tail, --offset and\n"
     "--count select byte ranges."},
    {"check", "source:path dest:path", "Checks the files in the source and destination match.",
     "Compares sizes and the common hash (or the content with --download). Exits 1 when\n"
     "anything differs. Report files: --combined (= same, - only in dest, + only in source,\n"
     "* differ, ! error), --match, --differ, --missing-on-src, --missing-on-dst, --error.\n"
     "With -C/--checkfile HASH, source:path is a SUM file of that hash type."},
    {"checksum", "<hash> sumfile src:path", "Checks the files in the source against a SUM file.",
     "Checks that the hashsums of the files in src:path match the SUM file (\"<hash>  "
     "<path>\"\n"
     "lines, as hashsum writes them). Exits 1 when anything differs."},
    {"cleanup", "remote:path", "Clean up the remote if possible.",
     "Empties the trash or deletes old versions where a backend has them; none of\n"
     "fclone's backends does, so it fails as rclone does for them."},
    {"completion", "bash|zsh|fish", "Output completion script for a given shell.",
     "Prints a completion script for bash, zsh or fish on stdout, made from fclone's\n"
     "command table: commands, their flags, the global flags and remote names."},
    {"config", "[SUBCOMMAND] [NAME] [TYPE] [KEY VALUE]...",
     "Enter an interactive configuration session, or edit the config file.",
     "With no subcommand, the interactive configuration (rclone's wizard; answers may also\n"
     "be piped in, one per line). Subcommands:\n"
     "  create NAME TYPE [KEY VALUE|KEY=VALUE]...  add or replace a remote\n"
     "  update NAME [KEY VALUE|KEY=VALUE]...       change options of a remote\n"
     "  password NAME [KEY VALUE]...               set options, obscuring the values\n"
     "  delete NAME                                remove a remote\n"
     "  show [NAME]                                the remotes (secrets masked)\n"
     "  redacted [NAME]                            the remotes, secrets as XXX\n"
     "  dump                                       the config as JSON\n"
     "  file | paths | providers | touch           where things are; backends as JSON\n"
     "  encryption set|remove|check                the config file's password\n"
     "  edit                                       the interactive configuration"},
    {"copy", "source:path dest:path", "Copy files from source to dest, skipping identical files.",
     "Copies the contents of source:path into dest:path (never deletes). Identical files\n"
     "(size, common hash, modification time) are skipped; see --checksum, --size-only,\n"
     "--ignore-existing, --ignore-times, --update."},
    {"copyto", "source:path dest:path", "Copy files from source to dest, skipping identical files.",
     "Copies a single file to a different name (or, for a directory, acts like copy)."},
    {"copyurl", "url dest:path", "Copy the contents of the URL supplied content to dest:path.",
     "Downloads the URL and stores it as dest:path (with -a, in the directory dest:path "
     "under\n"
     "the URL's file name). On a fichier remote the service fetches the URL itself (remote\n"
     "upload), so nothing passes through this machine; when it cannot reach the URL, or on\n"
     "any other remote, the content is streamed through here."},
    {"cryptcheck", "remote:path cryptedremote:path",
     "Cryptcheck checks the integrity of an encrypted remote.",
     "Checks a remote against an encrypted remote without downloading it: each source file\n"
     "is encrypted with the nonce of the stored file and hashed with the hash of the remote\n"
     "under the encryption (Whirlpool on fichier), which is compared with the hash that\n"
     "remote reports. Exits 1 when anything differs."},
    {"cryptdecode", "encryptedremote: encryptedfilename",
     "Cryptdecode returns unencrypted file names.",
     "Prints the decrypted name of each encrypted name given, or with --reverse the\n"
     "encrypted name of each plain name (\"<name> \\t <mapped>\"; \"Failed to decrypt\" when "
     "a\n"
     "name does not decrypt)."},
    {"dedupe", "[mode] remote:path",
     "Interactively find duplicate filenames and delete/rename them.",
     "Modes: interactive (needs a terminal), skip, first, newest, oldest, largest, smallest,\n"
     "rename, list. Identical copies (same hash) are deleted first in every mode but list."},
    {"delete", "remote:path", "Remove the files in path.",
     "Deletes every file below the path (directories stay; --rmdirs removes the empty ones\n"
     "but not the root)."},
    {"deletefile", "remote:path", "Remove a single file from remote.", ""},
    {"genautocomplete", "bash|zsh|fish [output_file]",
     "Output completion script for a given shell.",
     "rclone's older spelling of completion: writes the script to output_file (\"-\" =\n"
     "stdout), by default to the shell's system directory."},
    {"hashsum", "<hash> remote:path", "Produces a hashsum file for all the objects in the path.",
     "Prints \"<hash>  <path>\" per object (md5sum's layout; whirlpool is 128 hex digits).\n"
     "Without arguments lists the supported hashes; without a path (or with -) hashes stdin."},
    {"help", "[command|flags|backends|backend NAME]",
     "Show help for fclone commands, flags and backends.", ""},
    {"link", "remote:path", "Generate public link to file/folder.", ""},
    {"listremotes", "", "List all the remotes in the config file.", ""},
    {"ls", "remote:path", "List the objects in the path with size and path.",
     "Recursive by default (use --max-depth 1 to stop the recursion). Prints each object as\n"
     "its size right-aligned in 9 columns and its path."},
    {"lsd", "remote:path", "List all directories/containers/buckets in the path.",
     "Lists the directories in the path (one level unless -R): size (-1), modification time,\n"
     "number of items (-1 when unknown) and path."},
    {"lsf", "remote:path", "List directories and objects in remote:path formatted for parsing.",
     "--format letters: p path, s size, t modification time, h hash (--hash), i ID,\n"
     "m MIME type. Directories end in '/' (--dir-slash=false to drop it)."},
    {"lsjson", "remote:path", "List directories and objects in the path in JSON format.",
     "Each item: Path, Name, Size, MimeType, ModTime, IsDir, Hashes (--hash), ID."},
    {"lsl", "remote:path", "List the objects in path with modification time, size and path.", ""},
    {"mkdir", "remote:path", "Make the path if it doesn't already exist.", ""},
    {"mount", "remote:path /path/to/mountpoint", "Mount the remote as file system on a mountpoint.",
     "Serves the remote through FUSE3 until the mountpoint is unmounted (fusermount3 -u)\n"
     "or fclone gets SIGINT/SIGTERM; pending uploads finish first. Reads are chunked\n"
     "(--vfs-read-chunk-size) with read-ahead (--buffer-size); writes need\n"
     "--vfs-cache-mode writes for anything but sequential writing."},
    {"move", "source:path dest:path", "Move files from source to dest.",
     "Moves the contents of source:path into dest:path: server-side when both are on one\n"
     "remote, else copy then delete each source file once its copy is verified."},
    {"moveto", "source:path dest:path", "Move file or directory from source to dest.",
     "Moves a single file to a different name (or, for a directory, acts like move)."},
    {"obscure", "password", "Obscure password for use in the rclone config file.",
     "Use - to read the password from stdin."},
    {"purge", "remote:path", "Remove the path and all of its contents.",
     "Deletes the directory and everything in it, ignoring filters."},
    {"rcat", "remote:path", "Copies standard input to file on remote.",
     "Reads standard input to its end and stores it as remote:path, in bounded memory.\n"
     "A stream that ends within 100 KiB is uploaded with its size; a longer one is\n"
     "streamed where the backend can (local, memory), else kept in a temporary file\n"
     "in --temp-dir first (1fichier needs the size before the body). --size\n"
     "gives the length up front and sends the stream directly. An error while reading\n"
     "stores nothing; 1fichier refuses an empty stdin (0-byte files)."},
    {"reveal", "password", "Reveal obscured password from rclone.conf", ""},
    {"rmdir", "remote:path", "Remove the empty directory at path.", ""},
    {"rmdirs", "remote:path", "Remove empty directories under the path.",
     "Removes every empty directory below the path, deepest first, and the path itself\n"
     "unless --leave-root."},
    {"serve", "http remote:path", "Serve a remote over a protocol.",
     "serve http: directory listings (HTML, or JSON with Accept: application/json) and\n"
     "files with Range support, on --addr (default 127.0.0.1:8080), optionally behind\n"
     "--user/--pass basic auth. Runs until interrupted."},
    {"size", "remote:path", "Prints the total size and number of objects in remote:path.", ""},
    {"sync", "source:path dest:path", "Make source and dest identical, modifying destination only.",
     "Copies like copy, then deletes destination files that are not in the source. Deletions\n"
     "happen after every transfer succeeded (--delete-after, the default) and are skipped\n"
     "entirely if any error happened. Try it first with --dry-run."},
    {"touch", "remote:path", "Create new file or change file modification time.",
     "Sets the modification time to now (or --timestamp, UTC unless --localtime), creating "
     "an\n"
     "empty file if needed (not with --no-create)."},
    {"tree", "remote:path", "List the contents of the remote in a tree like fashion.",
     "Draws everything below remote:path as the tree command does, byte for byte as\n"
     "rclone does (names starting with '.' need -a)."},
    {"version", "", "Show the version number.", ""},
};

constexpr bool NameBefore(const CommandDoc& a, const CommandDoc& b) { return a.name < b.name; }
static_assert(std::is_sorted(std::begin(kDocs), std::end(kDocs), NameBefore));

}  // namespace

std::span<const CommandDoc> AllCommandDocs() { return kDocs; }

const CommandDoc* FindCommandDoc(std::string_view name) {
  const CommandDoc* found =
      std::lower_bound(std::begin(kDocs), std::end(kDocs), name,
                       [](const CommandDoc& doc, std::string_view n) { return doc.name < n; });
  return found != std::end(kDocs) && found->name == name ? found : nullptr;
}

void AddCommandDocs(Commands& commands) {
  for (Command& command : commands) {
    if (!command.short_help.empty()) continue;
    if (const CommandDoc* doc = FindCommandDoc(command.name)) {
      command.args_usage = doc->args_usage;
      command.short_help = doc->short_help;
      command.long_help = doc->long_help;
    }
  }
}

}  // namespace fclone
