#!/usr/bin/env bash
# Benchmark: `xray ps --pss --json` against `smem -t` (both read every process's PSS) on this host
# with 1,000 extra idle processes, end to end (JVM start included). Medians from hyperfine, and
# the ratio to smem measured in the same run. Usage: bench/ps.sh [extra-processes] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-1000}"
runs="${2:-15}"
for tool in hyperfine smem python3; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool (Debian: apt-get install hyperfine smem)" >&2; exit 1; }
done

bin/xray --version >/dev/null   # builds target/xray.jar when it is missing or stale

pids=()
stop() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap stop EXIT
for ((i = 0; i < extra; i++)); do
  sleep 3600 &
  pids+=("$!")
done
total=$(ls -d /proc/[0-9]* | wc -l)
echo "bench: started $extra idle processes; $total processes on the host; $(nproc) CPUs, $(free -g | awk '/^Mem:/{print $2}') GiB"

out="$(mktemp -d)"
# smem lists every process; so does the second xray line (--top 0). The first is the command as
# a person types it (the 25 that cost most, every process still read and summed).
hyperfine -N --warmup 2 --runs "$runs" --export-json "$out/ps.json" \
  -n 'xray ps --pss --json' 'bin/xray ps --pss --json' \
  -n 'xray ps --pss --json --top 0' 'bin/xray ps --pss --json --top 0' \
  -n 'smem -t' 'smem -t' \
  -n 'xray ps --json --top 0 (no PSS)' 'bin/xray ps --json --top 0' >&2

python3 - "$out/ps.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
base = next(r for r in results if r["command"] == "smem -t")["median"]
print("| command | median | ratio to smem -t |")
print("|---|---:|---:|")
for r in results:
    print(f"| `{r['command']}` | {r['median'] * 1000:.0f} ms | {r['median'] / base:.2f} |")
PY
rm -rf "$out"
