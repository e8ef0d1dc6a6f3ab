#!/usr/bin/env bash
# Issue 13's scenario, by hand: N files synced to fichier-emulator with ~3% faults and listings
# lagging uploads by DELAY ms; the sync is killed with SIGKILL KILLS times at random moments,
# then run to the end three times; prints how many files the remote holds, how many names are
# duplicated, and check's exit code.
#   tests/soak/kill_and_rerun.sh [BUILD_DIR]      (N=803 KILLS=6 DELAY=1000 SEED=1 by default)
set -u
B="$(cd "${1:-$(dirname "$0")/../../build}" && pwd)"
N=${N:-803}; KILLS=${KILLS:-6}; DELAY=${DELAY:-1000}; SEED=${SEED:-1}
W=$(mktemp -d -t kill-rerun.XXXXXX)
trap 'kill $EMU 2>/dev/null; rm -rf "$W"' EXIT
cd "$W"
export HOME=$W XDG_CACHE_HOME=$W/cache
python3 - "$N" "$SEED" <<'PY'
import os, random, sys
n, seed = int(sys.argv[1]), int(sys.argv[2])
r = random.Random(seed)
for i in range(n):
    d = "src/d%d/e%d" % (i % 7, i % 3) if i % 5 else "src/d%d" % (i % 7)
    os.makedirs(d, exist_ok=True)
    with open("%s/f%d.bin" % (d, i), "wb") as f:
        f.write(os.urandom(r.randint(1, 200000)))
PY
KEY=kill0rerun0123456789abcdefABCDEF
"$B/emulator/fichier-emulator" --listen 127.0.0.1:0 --key "$KEY" --seed "$SEED" \
  --visibility-delay-ms "$DELAY" --quiet \
  --fault '*:status:503@1%' --fault '*:reset@0.5%' --fault '/upload.cgi:reset:300@0.5%' \
  --fault '*:html@0.5%' --fault '/end.pl:nolinks@0.5%' >emu.out 2>emu.err &
EMU=$!
for _ in $(seq 100); do grep -q listening emu.out 2>/dev/null && break; sleep 0.1; done
URL=$(sed -n 's/^listening on \(http[^ ]*\).*/\1/p' emu.out | head -n 1)
R=":fichier,api_key=$KEY,api_url='$URL/v1',pacer_min_sleep=1,flood_pause=200,pacer_max_sleep=10:dst"
fc() { "$B/host/fclone" --config "$W/rclone.conf" "$@"; }
for k in $(seq "$KILLS"); do
  fc sync src "$R" --transfers 8 -q 2>>sync.log &
  P=$!
  sleep "$(python3 -c "import random; print(random.Random($SEED * 100 + $k).uniform(0.3, 4))")"
  kill -9 "$P" 2>/dev/null; wait "$P" 2>/dev/null
done
for round in 1 2 3; do
  fc sync src "$R" --transfers 8 -q 2>>sync.log
  echo "sync to the end, round $round: exit $?"
done
fc lsf -R --files-only "$R" >listing.txt 2>/dev/null
TOTAL=$(wc -l <listing.txt); UNIQUE=$(sort -u listing.txt | wc -l)
fc check src "$R" >check.out 2>&1; CHECK=$?
echo "source files: $N  on the remote: $TOTAL  duplicate names: $((TOTAL - UNIQUE))  check exit: $CHECK"
