#!/usr/bin/env bash
# Benchmark for `xray jvm PID` (issue 3): the time of the whole audit of an idle JVM with the
# smallest interval (--interval 0: one histogram, CPU averaged over each thread's life) next to the
# jcmd invocations that produce the same raw data (GC.class_histogram -all, Thread.print -l,
# VM.native_memory summary, VM.info), end to end, JVM start included. Medians from hyperfine and
# the ratio to jcmd, measured in the same run. The targets run with NMT on (so VM.native_memory has
# work to do) and are killed at the end. What an audit leaves in its target: bench/lightness.sh.
# Needs: a JDK 17+ (java, javac, jcmd), hyperfine, python3. Usage: bench/jvm.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
for tool in hyperfine python3 jcmd javac; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool (Debian: apt-get install hyperfine)" >&2; exit 1; }
done
bin/xray --version >/dev/null   # builds target/xray/ when it is missing or stale

work="$(mktemp -d)"
target=""
stop() {
  for p in $target ${jmxtarget:-}; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop EXIT

mkdir -p "$work/idle"
printf 'public class Idle { public static void main(String[] a) throws Exception { Thread.sleep(Long.MAX_VALUE); } }\n' \
  > "$work/idle/Idle.java"
javac -d "$work/idle" "$work/idle/Idle.java"
java -XX:NativeMemoryTracking=summary -cp "$work/idle" Idle &
target=$!
sleep 1
# The first audit starts the attach listener; time the steady state. The JMX rows run on a second,
# identical target whose JMX agent the first --jmx audit starts (it stays on), so the default rows
# measure a JVM without a JMX connector, as most are.
java -XX:NativeMemoryTracking=summary -cp "$work/idle" Idle &
jmxtarget=$!
sleep 1
bin/xray jvm "$target" --json --interval 0 >/dev/null
bin/xray jvm "$jmxtarget" --json --interval 0 --jmx >/dev/null 2>&1

jcmds="jcmd $target GC.class_histogram -all >/dev/null; jcmd $target Thread.print -l >/dev/null;"
jcmds+=" jcmd $target VM.native_memory summary >/dev/null; jcmd $target VM.info >/dev/null"
echo "bench: $(date -u +%Y-%m-%d), $(nproc) CPUs, $(free -g | awk '/^Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)" >&2
hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/jvm.json" \
  -n 'xray jvm PID --json --interval 0 (default: no JMX)' "bin/xray jvm $target --json --interval 0" \
  -n 'xray jvm PID --json --interval 0 --jmx (agent on already)' "bin/xray jvm $jmxtarget --json --interval 0 --jmx" \
  -n 'jcmd × 4 (histogram, Thread.print, NMT, VM.info)' "sh -c '$jcmds'" \
  -n 'jcmd PID Thread.print -l (one)' "jcmd $target Thread.print -l" >&2

python3 - "$work/jvm.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
base = next(r for r in results if r["command"].startswith("jcmd × 4"))["median"]
print("| command | median | ratio to the 4 jcmd |")
print("|---|---:|---:|")
for r in results:
    print(f"| `{r['command']}` | {r['median'] * 1000:.0f} ms | {r['median'] / base:.2f} |")
PY
