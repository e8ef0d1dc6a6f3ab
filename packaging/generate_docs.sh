#!/usr/bin/env bash
# Man pages and bash completion from the programs' own help, so they never drift from the code.
#   generate_docs.sh FCLONE FICHIER_EMULATOR OUT_DIR
# Writes OUT_DIR/man1/{fclone,fclone-<command>,fichier-emulator}.1.gz and
# OUT_DIR/completion/fclone (`fclone completion bash`).
set -euo pipefail
fclone=$1
emulator=$2
out=$3
mkdir -p "$out/man1" "$out/completion"
# Defaults that depend on the builder's home (--cache-dir) read as "~/..." in the pages.
export HOME='~'
unset XDG_CACHE_HOME XDG_CONFIG_HOME RCLONE_CONFIG
version=$("$fclone" version | head -n1 | awk '{print $2}')

# roff_page NAME SUMMARY < help text: the help text verbatim (no fill), roff-escaped.
roff_page() {
  local name=$1 summary=$2
  printf '.TH "%s" "1" "" "fclone %s" "fclone manual"\n' "$(echo "$name" | tr '[:lower:]' '[:upper:]')" "$version"
  printf '.SH NAME\n%s \\- %s\n.SH DESCRIPTION\n.nf\n' "$name" "$summary"
  sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
  printf '.fi\n'
}

commands=$("$fclone" --help | awk '/^Available Commands:/ {list=1; next} /^$/ {list=0} list {print $1}')
summary_of() { "$fclone" --help | awk -v c="$1" '$1 == c {$1 = ""; sub(/^ +/, ""); print}'; }

{
  "$fclone" --help
  echo
  "$fclone" help flags
  echo
  echo "See also: $(for c in $commands; do printf 'fclone-%s(1) ' "$c"; done)"
} | roff_page fclone "rclone-compatible commands for 1fichier and other remotes" \
  | gzip -9n >"$out/man1/fclone.1.gz"
for c in $commands; do
  # `<command> --help`, not `help <command>`: `help backend NAME` is a backend's options page.
  "$fclone" "$c" --help | roff_page "fclone-$c" "$(summary_of "$c")" \
    | gzip -9n >"$out/man1/fclone-$c.1.gz"
done
"$emulator" --help | roff_page fichier-emulator "a local emulator of the 1fichier.com API" \
  | gzip -9n >"$out/man1/fichier-emulator.1.gz"

"$fclone" completion bash >"$out/completion/fclone"
