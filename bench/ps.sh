#!/usr/bin/env bash
# Benchmark: `xray ps --pss --json` against `smem -t` (both read every process's PSS) on this host
# with 1,000 extra idle processes, end to end (JVM start included), with hyperfine.
# The machine is shared and its load drifts, so the commands are measured in alternating rounds;
# the table gives the median of all runs of each command, and its ratio to smem's median.
# Usage: bench/ps.sh [extra-processes] [rounds] [runs-per-round]
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-1000}"
rounds="${2:-5}"
runs="${3:-5}"
for tool in hyperfine smem python3; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool (Debian: apt-get install hyperfine smem)" >&2; exit 1; }
done

bin/xray --version >/dev/null   # builds target/xray/ when it is missing or stale

pids=()
out="$(mktemp -d)"
stop() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$out"
}
trap stop EXIT
for ((i = 0; i < extra; i++)); do
  sleep 3600 &
  pids+=("$!")
done
total=$(ls -d /proc/[0-9]* | wc -l)
echo "bench: started $extra idle processes; $total processes on the host; $(nproc) CPUs," \
  "$(free -g | awk '/^Mem:/{print $2}') GiB; $rounds rounds of $runs runs" >&2

# smem lists every process; so does the second xray line (--top 0). The first is the command as
# a person types it (the 25 that cost most; every process is still read and summed).
for ((r = 0; r < rounds; r++)); do
  hyperfine -N --warmup 1 --runs "$runs" --export-json "$out/round-$r.json" \
    -n 'xray ps --pss --json' 'bin/xray ps --pss --json' \
    -n 'xray ps --pss --json --top 0' 'bin/xray ps --pss --json --top 0' \
    -n 'smem -t' 'smem -t' \
    -n 'xray ps --json --top 0 (no PSS)' 'bin/xray ps --json --top 0' >&2
done

python3 - "$out" <<'PY'
import glob, json, statistics, sys
times = {}
for f in sorted(glob.glob(sys.argv[1] + "/round-*.json")):
    for r in json.load(open(f))["results"]:
        times.setdefault(r["command"], []).extend(r["times"])
base = statistics.median(times["smem -t"])
print("| command | median | runs | ratio to smem -t |")
print("|---|---:|---:|---:|")
for cmd, ts in times.items():
    m = statistics.median(ts)
    print(f"| `{cmd}` | {m * 1000:.0f} ms | {len(ts)} | {m / base:.2f} |")
PY
