#!/usr/bin/env bash
# Benchmarks for `xray mem` (issue 2). Prints a Markdown table of medians and ratios.
#  1. End to end on this host: bin/xray mem --json next to a bare `java` hello-world (the floor
#     of any Java CLI on the same JVM), with hyperfine.
#  2. On synthetic --root trees of 100, 1,000 and 10,000 cgroup v2 cgroups (made on tmpfs by
#     bench/GenTree.java from a real memory.stat): the in-process scan time (JMH, warmed up),
#     the same reads done in C on one thread (bench/floor.c: the system-call floor of this
#     machine), and xray's peak RSS end to end (/usr/bin/time -v).
# Needs: a JDK 17+, Maven, hyperfine, gcc (optional, for the floor). Usage: bench/mem.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
sizes="${SIZES:-100 1000 10000}"
work="$(mktemp -d /dev/shm/xray-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
bin/xray --version >/dev/null
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test >&2
cp="target/test-classes:target/classes:$(cat target/test.classpath)"

mkdir -p "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$work/hello/Hello.java"
javac -d "$work/hello" "$work/hello/Hello.java"

median() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(" ".join("%.1f" % (x["median"]*1000) for x in r))' "$1"; }

echo "# xray mem benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo
hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/e2e.json" \
  "java -cp $work/hello Hello" "bin/xray mem --json" "bin/xray mem" >&2
read -r hello json table < <(median "$work/e2e.json")
echo "| end to end on this host | median ms | × hello-world |"
echo "|---|---:|---:|"
echo "| java hello-world (floor) | $hello | 1.00 |"
echo "| bin/xray mem --json | $json | $(python3 -c "print('%.2f' % ($json/$hello))") |"
echo "| bin/xray mem (table) | $table | $(python3 -c "print('%.2f' % ($table/$hello))") |"
echo

template="testdata/v2-qemu/sys/fs/cgroup/memory.stat"
[ -f "$template" ] || template="../shared/fixtures/peer-corpus/elastic-agent-system-metrics/docker2/sys/fs/cgroup/user.slice/user-1000.slice/session-520.scope/memory.stat"
have_floor=0
if command -v gcc >/dev/null; then gcc -O2 -o "$work/floor" bench/floor.c && have_floor=1; fi
echo "| cgroups | in-process scan, median ms (JMH) | ms per 1,000 | C floor, 1 thread: walk + reads ms | peak RSS end to end |"
echo "|---:|---:|---:|---:|---:|"
for n in $sizes; do
  tree="$work/tree-$n"
  java bench/GenTree.java "$n" "$tree" "$template" >/dev/null
  java -cp "$cp" org.openjdk.jmh.Main ScanBenchmark -p root="$tree" -rf json -rff "$work/jmh-$n.json" >"$work/jmh-$n.log" 2>&1
  scan=$(python3 -c 'import json,sys; print("%.1f" % json.load(open(sys.argv[1]))[0]["primaryMetric"]["scorePercentiles"]["50.0"])' "$work/jmh-$n.json")
  floor="-"
  if [ $have_floor = 1 ]; then
    floor=$("$work/floor" "$tree/sys/fs/cgroup" | awk '{printf "%.0f + %.0f", $2, $3}')
  fi
  rss=$( { /usr/bin/time -f '%M' bin/xray mem --json --root "$tree" >/dev/null; } 2>&1 | tail -1)
  echo "| $n | $scan | $(python3 -c "print('%.1f' % ($scan*1000/$n))") | $floor | $((rss / 1024)) MiB |"
  rm -rf "$tree"
done
