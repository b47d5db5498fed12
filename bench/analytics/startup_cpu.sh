#!/usr/bin/env bash
# Start-up of the server (issue 20): wall time to /readyz 200 and the CPU time the server used
# until then (utime + stime of /proc/PID/stat, all threads), so a loaded machine's figure can be
# read beside the CPU it really took. Usage: startup_cpu.sh BIN DBURL [ENV=VALUE ...]
set -euo pipefail
BIN=$1; DB=$2; shift 2
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
LOG=$(mktemp)
t0=$(date +%s.%N)
env "$@" LONGGHEP_LOG_LEVEL=info "$BIN" serve --db "$DB" --port "$PORT" --web-root /nonexistent >"$LOG" 2>&1 &
PID=$!
until curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; do sleep 0.05; done
t1=$(date +%s.%N)
read -r ut st < <(awk '{print $14, $15}' /proc/$PID/stat)
TCK=$(getconf CLK_TCK)
kill -TERM $PID; wait $PID || true
python3 -c "print(f'readyz {($t1-$t0):.2f} s wall, {($ut+$st)/$TCK:.2f} s CPU (load {open(\"/proc/loadavg\").read().split()[0]})')"
grep -o '"msg":"analytics: [^"]*"' "$LOG" | head -5
rm -f "$LOG"
