#!/usr/bin/env bash
# Man pages and bash completion from the programs' own help, so they never drift from the code.
#   generate_docs.sh FCLONE FICHIER_EMULATOR OUT_DIR
# Writes OUT_DIR/man1/{fclone,fclone-<command>,fichier-emulator}.1.gz and
# OUT_DIR/completion/fclone. The completion is `fclone completion bash` when fclone has that
# command, otherwise one generated here from the command list and the global flags.
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
  "$fclone" help "$c" | roff_page "fclone-$c" "$(summary_of "$c")" \
    | gzip -9n >"$out/man1/fclone-$c.1.gz"
done
"$emulator" --help | roff_page fichier-emulator "a local emulator of the 1fichier.com API" \
  | gzip -9n >"$out/man1/fichier-emulator.1.gz"

if "$fclone" completion bash >"$out/completion/fclone.tmp" 2>/dev/null; then
  mv "$out/completion/fclone.tmp" "$out/completion/fclone"
else
  rm -f "$out/completion/fclone.tmp"
  flags=$("$fclone" help flags | grep -o -- '--[a-z0-9-]*' | sort -u | tr '\n' ' ')
  cat >"$out/completion/fclone" <<COMPLETION
# bash completion for fclone (generated from its help; commands, global flags, remotes, files)
_fclone() {
  local cur=\${COMP_WORDS[COMP_CWORD]}
  if [[ \$COMP_CWORD -eq 1 && \$cur != -* ]]; then
    COMPREPLY=(\$(compgen -W "$(echo $commands)" -- "\$cur"))
  elif [[ \$cur == -* ]]; then
    COMPREPLY=(\$(compgen -W "$flags--help" -- "\$cur"))
  else
    COMPREPLY=(\$(compgen -W "\$(fclone listremotes 2>/dev/null)" -- "\$cur"))
  fi
}
complete -o default -F _fclone fclone
COMPLETION
fi
