#!/usr/bin/env bash
# Benchmarks for `xray mem` (issue 2). Prints a Markdown table of medians and ratios.
#  1. End to end on this host: bin/xray mem --json next to a bare `java` hello-world (the floor
#     of any Java CLI on the same JVM), with hyperfine.
#  2. On synthetic --root trees of 100, 1,000 and 10,000 cgroup v2 cgroups (made on tmpfs by
#     bench/GenTree.java from a real memory.stat): the in-process scan time (JMH, warmed up),
#     the same reads done in C on one thread (bench/floor.c: the system-call floor of this
#     machine), and xray's peak RSS end to end (/usr/bin/time -v).
#  3. Cold, end to end (issue 15): a CLI runs its scan once, in a fresh JVM. bin/xray mem --json
#     --root on the trees of 1,000 and 10,000 cgroups, on the default JDK and on Temurin 25, next
#     to a bare `java -Xshare:auto Hello` and to bench/floor.c run as a process (the same walk and
#     reads in C, one thread), in alternating order (bench/runs.py): wall and CPU medians, ratios.
# Needs: a JDK 17+, Maven, hyperfine, gcc (optional, for the floor). Usage: bench/mem.sh [RUNS]
# COLD=0 skips part 3; SIZES="100 1000" changes part 2.
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

source bench/lib.sh
hello "$work"

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

[ "${COLD:-1}" = 0 ] && exit 0
if [ $have_floor = 0 ]; then
  echo "bench: the cold end-to-end comparison needs gcc for bench/floor.c" >&2
  exit 0
fi
java bench/GenTree.java 1000 "$work/cold-1000" "$template" >/dev/null
java bench/GenTree.java 10000 "$work/cold-10000" "$template" >/dev/null
temurin=/usr/lib/jvm/temurin-25-jdk-amd64
args=("bare java Hello=java -Xshare:auto -cp $work/hello Hello")
jdks=("")
if [ -x "$temurin/bin/java" ]; then
  JAVA_HOME="$temurin" bin/xray mem --json --root "$work/cold-1000" >/dev/null   # its AOT cache for mem, before the timed runs
  args+=("bare java Hello (JDK 25)=$temurin/bin/java -Xshare:auto -cp $work/hello Hello")
  jdks+=("$temurin")
fi
bin/xray mem --json --root "$work/cold-1000" >/dev/null   # the same for the java on PATH
for n in 1000 10000; do
  args+=("C floor, $n cgroups=$work/floor $work/cold-$n/sys/fs/cgroup")
  for home in "${jdks[@]}"; do
    label="xray mem --json, $n cgroups${home:+ (JDK 25)}"
    args+=("$label=${home:+JAVA_HOME=$home }bin/xray mem --json --root $work/cold-$n")
  done
done
echo
python3 bench/runs.py --rounds "${COLD_ROUNDS:-11}" --warmup 1 --json "$work/cold.json" \
  --title "Cold, end to end (each run a fresh JVM through bin/xray), $(date -u +%Y-%m-%d)" "${args[@]}"
python3 - "$work/cold.json" <<'PY'
import json, sys
r = {x["name"]: x for x in json.load(open(sys.argv[1]))}
print()
print("| run | wall ms | against | wall × | CPU × |")
print("|---|---:|---|---:|---:|")
for name, x in r.items():
    if not name.startswith("xray"):
        continue
    jdk25 = "(JDK 25)" in name
    base = ("C floor, 10000 cgroups" if "10000" in name
            else "bare java Hello (JDK 25)" if jdk25 else "bare java Hello")
    b = r[base]
    print(f"| {name} | {x['wall_median']:.0f} | {base} | {x['wall_median'] / b['wall_median']:.2f} "
          f"| {x['cpu_median'] / b['cpu_median']:.2f} |")
PY
