#!/usr/bin/env bash
# Throughput of fichier-emulator on loopback: small API calls with keep-alive, then one large
# upload (curl -F, multipart, Whirlpool computed by the emulator) and its download (curl).
#   bench/emulator/run.sh [BUILD_DIR] [SIZE_MIB]      defaults: build 1024
# Needs the targets fichier-emulator and emulator_call_throughput built in BUILD_DIR.
# Prints wall-clock rates and the emulator's own CPU time, since on a shared machine the wall
# clock also measures the neighbours.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${1:-$ROOT/build}"
SIZE_MIB="${2:-1024}"
EMU="$BUILD/emulator/fichier-emulator"
LOAD="$BUILD/bench/emulator/emulator_call_throughput"
KEY="benchKey0123456789abcdefABCDEFgh"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/emulator-bench-XXXXXX")"
EMU_PID=""
cleanup() {
  [ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null && wait "$EMU_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

"$EMU" --listen 127.0.0.1:0 --key "$KEY" --quiet --data-dir "$WORK/data" >"$WORK/out" 2>"$WORK/err" &
EMU_PID=$!
for _ in $(seq 100); do [ -s "$WORK/out" ] && break; sleep 0.05; done
URL="$(sed -n 's/^listening on //p' "$WORK/out")"
[ -n "$URL" ] || { echo "emulator did not start" >&2; cat "$WORK/err" >&2; exit 1; }

cpu_seconds() {  # user+system CPU of the emulator so far
  awk -v t="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / t }' "/proc/$EMU_PID/stat"
}
json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== small calls (POST /v1/folder/ls.cgi, keep-alive, TCP_NODELAY)"
for conns in 1 4; do "$LOAD" "$URL" "$KEY" "$conns" 3; done

echo "== ${SIZE_MIB} MiB upload (multipart, curl -F) and download (curl)"
head -c "$((SIZE_MIB * 1048576))" /dev/urandom >"$WORK/big.bin"
ID="$(curl -s -H "Authorization: Bearer $KEY" "$URL/v1/upload/get_upload_server.cgi" | json_field '["id"]')"
c0=$(cpu_seconds)
up="$(curl -s -o /dev/null -H "Authorization: Bearer $KEY" -F "file[]=@$WORK/big.bin" \
      -w '%{time_total}' "$URL/upload.cgi?id=$ID")"
c1=$(cpu_seconds)
FILE_URL="$(curl -s -H 'JSON: 1' "$URL/end.pl?xid=$ID" | json_field '["links"][0]["download"]')"
TOKEN_URL="$(curl -s -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
      -d "{\"url\":\"$FILE_URL\"}" "$URL/v1/download/get_token.cgi" | json_field '["url"]')"
c2=$(cpu_seconds)
down="$(curl -s -o /dev/null -w '%{time_total}' "$TOKEN_URL")"
c3=$(cpu_seconds)
awk -v mib="$SIZE_MIB" -v up="$up" -v down="$down" -v c0="$c0" -v c1="$c1" -v c2="$c2" \
    -v c3="$c3" 'BEGIN {
  mb = mib * 1.048576
  cu = c1 - c0
  cd = c3 - c2
  printf "upload:   %.0f MB/s wall (%.2f s), emulator CPU %.2f s = %.0f MB per CPU-second\n", mb / up, up, cu, (cu > 0 ? mb / cu : 0)
  printf "download: %.0f MB/s wall (%.2f s), emulator CPU %.2f s = %.0f MB per CPU-second\n", mb / down, down, cd, (cd > 0 ? mb / cd : 0)
}'
