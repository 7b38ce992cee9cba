#!/usr/bin/env bash
# Benchmark: what xray top costs to leave running. `xray top -b -n N -d 2` next to
# `systemd-cgtop -b -n N -d 2` and `top -b -n N -d 2` (each prints a frame every 2 s), all three at
# once on the same host, so they see the same load: CPU seconds (user + system, from /usr/bin/time)
# over the whole run, as a share of one core, and the largest RSS. With the default 150 frames a
# run takes 5 minutes.
# Usage: bench/top.sh [frames] [delay]   (XRAY=path/to/xray to measure an installed copy)
set -euo pipefail
cd "$(dirname "$0")/.."
frames="${1:-150}"
delay="${2:-2}"
xray="${XRAY:-bin/xray}"
for tool in /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool (Debian: apt-get install time python3)" >&2; exit 1; }
done
"$xray" --version >/dev/null   # builds target/xray/ when it is missing or stale

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
run() { # name, command...
  local name="$1"; shift
  /usr/bin/time -f '%U %S %M %e' -o "$out/$name.time" "$@" >"$out/$name.out" 2>"$out/$name.err" &
}
echo "bench: $frames frames $delay s apart; $(nproc) CPUs, $(free -g | awk '/^Mem:/{print $2}') GiB;" \
  "$(ls -d /sys/fs/cgroup/memory/*/ /sys/fs/cgroup/*/ 2>/dev/null | wc -l) cgroup directories at the top" >&2
run xray "$xray" top -b -n "$frames" -d "$delay"
run xray-json "$xray" top --json -n "$frames" -d "$delay"
command -v systemd-cgtop >/dev/null && run systemd-cgtop systemd-cgtop -b -n "$frames" -d "$delay"
run top top -b -n "$frames" -d "$delay"
wait

python3 - "$out" "$frames" <<'PY'
import glob, os, sys
out, frames = sys.argv[1], int(sys.argv[2])
rows = []
for f in sorted(glob.glob(out + "/*.time")):
    name = os.path.basename(f)[:-5]
    fields = open(f).read().split()[-4:]
    user, sys_, rss_kb, wall = float(fields[0]), float(fields[1]), int(fields[2]), float(fields[3])
    rows.append((name, user + sys_, wall, rss_kb))
print("| command | CPU s | wall s | CPU, % of one core | max RSS |")
print("|---|---:|---:|---:|---:|")
labels = {"xray": "xray top -b", "xray-json": "xray top --json", "systemd-cgtop": "systemd-cgtop -b", "top": "top -b"}
for name, cpu, wall, rss in rows:
    print(f"| `{labels.get(name, name)} -n {frames}` | {cpu:.2f} | {wall:.0f} | {100 * cpu / wall:.2f} | {rss / 1024:.0f} MiB |")
PY
