#!/usr/bin/env bash
# Throughput of fichier-emulator on loopback: small API calls with keep-alive, then RUNS times one
# large upload (curl -F, multipart, Whirlpool computed by the emulator) and its download (curl),
# with the median of each.
#   bench/emulator/run.sh [BUILD_DIR] [SIZE_MIB] [RUNS]      defaults: build 1024 5
# EMU_FLAGS adds emulator flags (e.g. EMU_FLAGS=--buffered-io).
# Needs the targets fichier-emulator and emulator_call_throughput built in BUILD_DIR.
# Prints wall-clock rates and the emulator's own CPU time (user+system, all its threads) per GB,
# since on a shared machine the wall clock also measures the neighbours.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${1:-$ROOT/build}"
SIZE_MIB="${2:-1024}"
RUNS="${3:-5}"
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

# The key reaches the emulator through the environment, not argv (binaries from before
# FICHIER_EMULATOR_KEYS, kept for before/after comparisons, get --key).
KEY_FLAG=()
"$EMU" --help | grep -q FICHIER_EMULATOR_KEYS || KEY_FLAG=(--key "$KEY")
# shellcheck disable=SC2086  # EMU_FLAGS is a list of words
FICHIER_EMULATOR_KEYS="$KEY" "$EMU" --listen 127.0.0.1:0 "${KEY_FLAG[@]}" ${EMU_FLAGS:-} --quiet \
  --data-dir "$WORK/data" >"$WORK/out" 2>"$WORK/err" &
EMU_PID=$!
for _ in $(seq 100); do [ -s "$WORK/out" ] && break; sleep 0.05; done
URL="$(sed -n 's/^listening on //p' "$WORK/out")"
[ -n "$URL" ] || { echo "emulator did not start" >&2; cat "$WORK/err" >&2; exit 1; }

cpu_seconds() {  # user+system CPU of the emulator so far
  awk -v t="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / t }' "/proc/$EMU_PID/stat"
}
json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
api() {  # api ENDPOINT JSON
  curl -s -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "$2" "$URL/v1/$1"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== small calls (POST /v1/folder/ls.cgi, keep-alive, TCP_NODELAY)"
for conns in 1 4; do "$LOAD" "$URL" "$KEY" "$conns" 3; done

echo "== ${SIZE_MIB} MiB upload (multipart, curl -F) and download (curl), $RUNS runs"
head -c "$((SIZE_MIB * 1048576))" /dev/urandom >"$WORK/big.bin"
: >"$WORK/runs"
for run in $(seq "$RUNS"); do
  ID="$(curl -s -H "Authorization: Bearer $KEY" "$URL/v1/upload/get_upload_server.cgi" | json_field '["id"]')"
  c0=$(cpu_seconds)
  up="$(curl -s -o /dev/null -H "Authorization: Bearer $KEY" -F "file[]=@$WORK/big.bin" \
        -w '%{time_total}' "$URL/upload.cgi?id=$ID")"
  c1=$(cpu_seconds)
  FILE_URL="$(curl -s -H 'JSON: 1' "$URL/end.pl?xid=$ID" | json_field '["links"][0]["download"]')"
  TOKEN_URL="$(api download/get_token.cgi "{\"url\":\"$FILE_URL\"}" | json_field '["url"]')"
  c2=$(cpu_seconds)
  down="$(curl -s -o /dev/null -w '%{time_total}' "$TOKEN_URL")"
  c3=$(cpu_seconds)
  api file/rm.cgi "{\"files\":[{\"url\":\"$FILE_URL\"}]}" >/dev/null  # frees the disk
  echo "$up $down $c0 $c1 $c2 $c3" | awk '{ print $1, $2, $4 - $3, $6 - $5 }' >>"$WORK/runs"
  awk -v mib="$SIZE_MIB" -v run="$run" '{
    gb = mib * 1048576 / 1e9
    printf "run %d: upload %4.0f MB/s (%.2f s, %.2f CPU-s/GB)   download %4.0f MB/s (%.2f s, %.2f CPU-s/GB)\n",
      run, gb * 1000 / $1, $1, $3 / gb, gb * 1000 / $2, $2, $4 / gb
  }' <<<"$(tail -n 1 "$WORK/runs")"
done
# Medians of each column (wall seconds, CPU seconds), then the rates from them.
python3 - "$SIZE_MIB" "$WORK/runs" <<'EOF'
import statistics, sys
gb = int(sys.argv[1]) * 1048576 / 1e9
rows = [list(map(float, line.split())) for line in open(sys.argv[2])]
up, down, cup, cdown = (statistics.median(col) for col in zip(*rows))
print(f"median of {len(rows)}: upload {gb * 1000 / up:.0f} MB/s wall ({up:.2f} s), "
      f"emulator {cup / gb:.2f} CPU-s/GB")
print(f"median of {len(rows)}: download {gb * 1000 / down:.0f} MB/s wall ({down:.2f} s), "
      f"emulator {cdown / gb:.2f} CPU-s/GB")
EOF
