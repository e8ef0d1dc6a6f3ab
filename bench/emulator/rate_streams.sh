#!/usr/bin/env bash
# --per-connection-rate, measured: one 100 MiB upload, its download in one stream, then in four
# parallel Range requests on a multi-use token (curl), under a cap of RATE (default 20M).
#   bench/emulator/rate_streams.sh [BUILD_DIR] [RATE]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${1:-$ROOT/build}"
RATE="${2:-20M}"
WORK="$(mktemp -d)"
head -c $((100 << 20)) /dev/urandom >"$WORK/big.bin"
"$BUILD/emulator/fichier-emulator" --key K --quiet --per-connection-rate "$RATE" >"$WORK/out" &
EPID=$!
trap 'kill $EPID; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do grep -q listening "$WORK/out" && break; sleep 0.1; done
B="http://127.0.0.1:$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$WORK/out")"
field() { python3 -c "import json,sys;print(json.load(sys.stdin)$1)"; }
api() { curl -s -X POST -H 'Authorization: Bearer K' -H 'Content-Type: application/json' -d "$2" "$B/v1/$1"; }
now() { date +%s.%N; }
ID=$(api upload/get_upload_server.cgi '{}' | field '["id"]')
t0=$(now); curl -s -o /dev/null -H 'Authorization: Bearer K' -F "file[]=@$WORK/big.bin" "$B/upload.cgi?id=$ID"; t1=$(now)
echo "upload, 1 connection:      $(echo "$t1 - $t0" | bc) s"
URL=$(curl -s -H 'JSON: 1' "$B/end.pl?xid=$ID" | field '["links"][0]["download"]')
TOK=$(api download/get_token.cgi "{\"url\":\"$URL\",\"single\":0}" | field '["url"]')
t0=$(now); curl -s -o "$WORK/one" "$TOK"; t1=$(now)
echo "download, 1 stream:        $(echo "$t1 - $t0" | bc) s"
Q=$((25 << 20)); pids=(); t0=$(now)
for i in 0 1 2 3; do curl -s -o "$WORK/part$i" -r $((i * Q))-$(((i + 1) * Q - 1)) "$TOK" & pids+=($!); done
wait "${pids[@]}"; t1=$(now)
echo "download, 4 Range streams: $(echo "$t1 - $t0" | bc) s"
cat "$WORK"/part0 "$WORK"/part1 "$WORK"/part2 "$WORK"/part3 | cmp - "$WORK/big.bin"
cmp "$WORK/one" "$WORK/big.bin" && echo "content: identical"
