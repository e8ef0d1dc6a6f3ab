#!/usr/bin/env bash
# The README's mount figures, against a local fichier-emulator on 127.0.0.1: sequential read
# throughput through `fclone mount` vs `fclone cat`, get_token calls for one played file (a
# player's pattern: header, index at the end, back, then the whole file in order), and
# --vfs-cache-mode full: the first read, the second, and one after a new mount, with downloads.
#   tests/mount/figures.sh [BUILD_DIR] [MiB]     (default build, 256 MiB)
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
mib=${2:-256}
work=$(mktemp -d)
emu_pid=""
mount_pid=""
cleanup() {
  fusermount3 -u -z "$work/mnt" 2>/dev/null || true
  [ -n "$mount_pid" ] && kill "$mount_pid" 2>/dev/null || true
  [ -n "$emu_pid" ] && kill "$emu_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export HOME="$work" TZ=UTC
key=premiumKey0123456789abcdefABCDEF
"$build/emulator/fichier-emulator" --listen 127.0.0.1:0 --key "$key" --admin-token adm \
  --quiet >"$work/emu.out" 2>&1 &
emu_pid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/emu.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/emu.out" | head -1)
fclone="$build/host/fclone"
"$fclone" config create f fichier api_key "$key" api_url "$url/v1" pacer_min_sleep 1 >/dev/null
head -c "$((mib << 20))" /dev/urandom >"$work/movie.mkv"
"$fclone" copyto "$work/movie.mkv" f:media/movie.mkv
stats() { curl -s -H 'X-Admin-Token: adm' "$url/_emulator/stats"; }
tokens() { stats | grep -o '"/v1/download/get_token.cgi":[0-9]*' | cut -d: -f2 || echo 0; }
reset() { curl -s -X POST -H 'X-Admin-Token: adm' "$url/_emulator/stats/reset" >/dev/null; }
seconds() { local s=$EPOCHREALTIME; "$@" >/dev/null; echo "$EPOCHREALTIME - $s" | bc -l; }

reset
t_cat=$(seconds "$fclone" cat f:media/movie.mkv)
mkdir "$work/mnt"
mount_up() {
  "$fclone" mount f: "$work/mnt" --read-only --log-file "$work/mount.log" "$@" &
  mount_pid=$!
  for _ in $(seq 300); do mountpoint -q "$work/mnt" && break; sleep 0.05; done
}
mount_down() { fusermount3 -u "$work/mnt"; wait "$mount_pid"; mount_pid=""; }
mount_up
t_mount=$(seconds cat "$work/mnt/media/movie.mkv")
mount_down
# A fresh mount (no token cached yet) for the player.
mount_up
reset
# A player: header, the index at the end, back to the start, then the whole file in order.
python3 - "$work/mnt/media/movie.mkv" <<'PY'
import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
size = os.fstat(fd).st_size
os.pread(fd, 1 << 20, 0)
os.pread(fd, 1 << 20, size - (1 << 20))
off = 0
while off < size:
    off += len(os.pread(fd, 1 << 20, off))
os.close(fd)
PY
played=$(tokens)
mount_down
downloads() { stats | grep -o '"download":[0-9]*' | cut -d: -f2 || echo 0; }
full=(--vfs-cache-mode full --cache-dir "$work/cache")
mount_up "${full[@]}"
reset
t_full1=$(seconds cat "$work/mnt/media/movie.mkv")
d_full1=$(downloads)
reset
t_full2=$(seconds cat "$work/mnt/media/movie.mkv")
d_full2=$(downloads)
mount_down
mount_up "${full[@]}"
reset
t_full3=$(seconds cat "$work/mnt/media/movie.mkv")
d_full3=$(downloads)
mount_down
printf 'file: %d MiB on the emulator (loopback)\n' "$mib"
printf 'fclone cat:          %.2f s  %.0f MiB/s\n' "$t_cat" "$(echo "$mib / $t_cat" | bc -l)"
printf 'cat through mount:   %.2f s  %.0f MiB/s\n' "$t_mount" "$(echo "$mib / $t_mount" | bc -l)"
printf 'get_token calls for one played file (header, end, whole), fresh mount: %s\n' "$played"
rate() { echo "$mib / $1" | bc -l; }
printf 'full cache, first read:        %.2f s  %.0f MiB/s  downloads %s\n' "$t_full1" "$(rate "$t_full1")" "${d_full1:-0}"
printf 'full cache, second read:       %.2f s  %.0f MiB/s  downloads %s\n' "$t_full2" "$(rate "$t_full2")" "${d_full2:-0}"
printf 'full cache, after a new mount: %.2f s  %.0f MiB/s  downloads %s\n' "$t_full3" "$(rate "$t_full3")" "${d_full3:-0}"
