#!/usr/bin/env bash
# Benchmark for issue 8: what an audit leaves in its target. Each round starts three identical idle
# JVMs (a few threads, -Xmx256m) and lets them settle; then
#   A: xray jvm A            (the default audit, --interval 1s)
#   B: the same requests with jcmd, one jcmd per request xray sent to A (read from A's JSON report)
#   C: xray jvm C --jmx      (the audit that starts the JVM's JMX agent, as the default did before)
# and, after a settling pause, reports each target's growth in resident memory (VmRSS), threads and
# listening TCP sockets (ss -ltnp). Medians over the rounds; the JVMs are killed at the end of each.
# Needs: a JDK 17+ (java, javac, jcmd), ss (iproute2), python3. Usage: bench/lightness.sh [ROUNDS] [JAVA_HOME]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
jdk="${2:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
for tool in python3 ss; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool" >&2; exit 1; }
done
[ -x "$jdk/bin/jcmd" ] || { echo "bench: no jcmd in $jdk" >&2; exit 1; }
bin/xray --version >/dev/null   # builds target/xray/ when it is missing or stale

work="$(mktemp -d)"
pids=()
stop() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop EXIT

mkdir -p "$work/t"
cat > "$work/t/Target.java" <<'EOF'
public class Target {
    public static void main(String[] a) throws Exception {
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> { try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { } },
                    "worker-" + i);
            t.setDaemon(true);
            t.start();
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of(a[0]), ProcessHandle.current().pid() + "\n");
        Thread.sleep(Long.MAX_VALUE);
    }
}
EOF
"$jdk/bin/javac" -d "$work/t" "$work/t/Target.java"

start() { # name → pid
  rm -f "$work/$1.pid"
  "$jdk/bin/java" -Xmx256m -cp "$work/t" Target "$work/$1.pid" >/dev/null 2>&1 &
  for _ in $(seq 100); do [ -s "$work/$1.pid" ] && break; sleep 0.05; done
  cat "$work/$1.pid"
}
state() { # pid → "rssKiB threads listening"
  awk '/^VmRSS:/{r=$2} /^Threads:/{t=$2} END{printf "%d %d ", r, t}' "/proc/$1/status"
  ss -ltnpH 2>/dev/null | grep -c "pid=$1," || true
}

echo "bench: $(date -u +%Y-%m-%d), $(nproc) CPUs, $(free -g | awk '/^Mem:/{print $2}') GiB, target $("$jdk/bin/java" -version 2>&1 | head -1)" >&2
: > "$work/rows"
for round in $(seq "$rounds"); do
  a=$(start a); b=$(start b); c=$(start c)
  pids=("$a" "$b" "$c")
  sleep 3
  sa=$(state "$a"); sb=$(state "$b"); sc=$(state "$c")
  bin/xray jvm "$a" --json > "$work/a.json"
  python3 -c 'import json,sys; [print(c["command"]) for c in json.load(open(sys.argv[1]))["sources"]["commands"]]' \
    "$work/a.json" > "$work/commands"
  while IFS= read -r cmd; do
    case "$cmd" in
      agentProperties|properties) ;;   # raw attach operations jcmd has no command for (none by default)
      *) # shellcheck disable=SC2086
         "$jdk/bin/jcmd" "$b" $cmd >/dev/null ;;
    esac
  done < "$work/commands"
  bin/xray jvm "$c" --jmx --json > "$work/c.json" 2>/dev/null
  sleep 3
  ea=$(state "$a"); eb=$(state "$b"); ec=$(state "$c")
  echo "xray $sa $ea" >> "$work/rows"
  echo "jcmd $sb $eb" >> "$work/rows"
  echo "jmx $sc $ec" >> "$work/rows"
  kill "$a" "$b" "$c"; wait "$a" "$b" "$c" 2>/dev/null || true
  pids=()
  echo "bench: round $round: $(paste -sd' ' "$work/commands" | head -c 200)" >&2
done

python3 - "$work/rows" "$rounds" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
names = {"jcmd": "jcmd, the same requests (one jcmd each)", "xray": "xray jvm PID (default)",
         "jmx": "xray jvm PID --jmx"}
print(f"| target audited by | RSS growth (median MiB) | threads added | new listening TCP sockets |")
print("|---|---:|---:|---:|")
base = None
for key in ("jcmd", "xray", "jmx"):
    r = [list(map(int, x[1:])) for x in rows if x[0] == key]
    rss = statistics.median((e[3] - e[0]) / 1024 for e in r)
    thr = statistics.median(e[4] - e[1] for e in r)
    ports = statistics.median(e[5] - e[2] for e in r)
    lo = min((e[3] - e[0]) / 1024 for e in r); hi = max((e[3] - e[0]) / 1024 for e in r)
    print(f"| {names[key]} | {rss:+.1f} ({lo:+.1f} … {hi:+.1f}) | {thr:+g} | {ports:g} |")
print(f"\n{sys.argv[2]} rounds; each row a fresh idle JVM (-Xmx256m, 4 sleeping threads), measured 3 s before and 3 s after.")
PY
