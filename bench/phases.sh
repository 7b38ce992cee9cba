#!/usr/bin/env bash
# Where a short run's time goes (issue 15): runs bin/xray mem --json, ps --json and jvm (the
# list) ROUNDS times on each JDK, each run logging when the JVM first initializes a few marker
# classes (-Xlog:class+init, uptime in ms) and how long it took to create the VM
# (-Xlog:startuptime), and prints the medians of each phase:
#   VM created   "Create VM" (the JVM itself, and mapping the class-data archive)
#   to main      from then until xray.cli.Main is initialized (the launcher's jar handling)
#   model+parse  Main until the command's collector class (picocli: the model, the parse)
#   collect      until the command's renderer class (reading /proc and /sys, then the formulas)
#   output       until java.lang.Shutdown (writing the JSON or the table)
# The end of the process (unmapping, exit) is the rest of the wall time bench/startup.sh shows.
# Usage: bench/phases.sh [ROUNDS] [JAVA_HOME ...]  (default: the java on PATH, and Temurin 25)
set -euo pipefail
cd "$(dirname "$0")/.."
default_rounds=11
source bench/jdks.sh
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for home in "${jdks[@]}"; do
  export JAVA_HOME="$home"
  echo "### $("$home/bin/java" -version 2>&1 | head -1), medians of $rounds runs, ms"
  echo
  echo "| command | VM created | to main | model+parse | collect | output | total to Shutdown |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for cmd in "mem --json:xray/collect/MemCollector:xray/render/MemJson" \
             "ps --json:xray/collect/PsCollector:xray/render/PsJson" \
             "jvm:xray/collect/JvmScanner:xray/render/JvmText"; do
    IFS=: read -r args collector renderer <<<"$cmd"
    bin/xray $args >/dev/null   # makes the archive when there is none yet
    for i in $(seq "$rounds"); do
      XRAY_JAVA_OPTS="-Xlog:class+init=info:file=$work/init-$i.log:uptime -Xlog:startuptime:file=$work/start-$i.log" \
        bin/xray $args >/dev/null
    done
    python3 - "$work" "$rounds" "$args" "$collector" "$renderer" <<'PY'
import re, statistics, sys
work, rounds, args, collector, renderer = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
marks = {"main": "xray/cli/Main", "collect": collector, "render": renderer, "end": "java/lang/Shutdown"}
rows = []
for i in range(1, rounds + 1):
    seen = {}
    for line in open(f"{work}/init-{i}.log"):
        m = re.match(r"\[(\d+\.\d+)s\] \d+ Initializing '([^']+)'", line)
        if m:
            for k, cls in marks.items():
                if m.group(2) == cls and k not in seen:
                    seen[k] = float(m.group(1)) * 1000
    vm = None
    for line in open(f"{work}/start-{i}.log"):
        m = re.search(r"Create VM, (\d+\.\d+) secs", line)
        if m:
            vm = float(m.group(1)) * 1000
    if len(seen) == 4 and vm is not None:
        rows.append((vm, seen["main"] - vm, seen["collect"] - seen["main"], seen["render"] - seen["collect"],
                     seen["end"] - seen["render"], seen["end"]))
if not rows:
    sys.exit(f"bench: no complete log for xray {args}")
med = [statistics.median(r[j] for r in rows) for j in range(6)]
print(f"| xray {args} | " + " | ".join(f"{v:.1f}" for v in med) + " |")
PY
  done
  echo
done
