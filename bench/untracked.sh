#!/usr/bin/env bash
# Measurement for issue 9: is "untracked native" without NMT what NMT says of the same JVM? Starts the
# same server twice on each JDK, once without NMT and once with -XX:NativeMemoryTracking=summary,
# gives both the same requests, audits both (xray jvm PID --json --interval 0) and prints one row per
# JDK and run: untracked native from smaps, and what NMT names for the same JVM:
#   I+O+A+S          NMT's Internal + Other + Arena Chunk + Symbol (committed)
#   malloc (NMT)     the "malloc:" line of NMT's total: every category's malloc
#   malloc outside   C-Heap outstanding (glibc) − NMT's malloc: JNI, libraries, NMT's blind spots
#   retained         freed memory glibc keeps (C-Heap retained)
# Servers: Debian's Tomcat 10 with its examples (tomcat10, tomcat10-examples), 256 MiB heap, on a free
# loopback port with a CATALINA_BASE of its own; killed at the end. Needs python3 and curl.
# With "trim", both JVMs are first asked to give glibc's freed memory back (jcmd System.trim_native_heap,
# JDK 17.0.9+ and 21+): glibc's retained memory then no longer varies from run to run. The audit
# itself never does this.
# Usage: bench/untracked.sh [ROUNDS] [trim]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
trim="${2:-}"
home=/usr/share/tomcat10
[ -f "$home/bin/bootstrap.jar" ] || { echo "bench: needs Debian's tomcat10 and tomcat10-examples" >&2; exit 1; }
bin/xray --version >/dev/null   # builds target/xray/ when it is missing or stale

work="$(mktemp -d)"
pids=()
stop() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 1
  rm -rf "$work"
}
trap stop EXIT

start() { # JAVA PORT BASE FLAGS... → pid on stdout
  local java="$1" port="$2" base="$3"; shift 3
  mkdir -p "$base"/{conf/Catalina/localhost,logs,temp,webapps,work}
  find /etc/tomcat10 -maxdepth 1 -type f -exec cp {} "$base/conf/" \;
  cp /etc/tomcat10/Catalina/localhost/examples.xml "$base/conf/Catalina/localhost/" 2>/dev/null || true
  sed -i "s/port=\"8080\"/port=\"$port\" address=\"127.0.0.1\"/" "$base/conf/server.xml"
  "$java" -Xmx256m "$@" -Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager \
    -Djava.util.logging.config.file="$base/conf/logging.properties" -Dcatalina.base="$base" \
    -Dcatalina.home="$home" -Djava.io.tmpdir="$base/temp" -cp "$home/bin/bootstrap.jar:$home/bin/tomcat-juli.jar" \
    org.apache.catalina.startup.Bootstrap start >"$base/logs/console.out" 2>&1 &
  echo $!
}
load() { # PORT
  for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$1/" && break; sleep 0.5; done
  for _ in $(seq 1 30); do
    curl -s -o /dev/null "http://127.0.0.1:$1/examples/jsp/jsp2/el/basic-arithmetic.jsp"
    curl -s -o /dev/null "http://127.0.0.1:$1/examples/servlets/servlet/HelloWorldExample"
    curl -s -o /dev/null "http://127.0.0.1:$1/examples/jsp/sessions/carts.jsp?item=x&submit=add"
  done
}

echo "| JDK | round${trim:+ (trimmed)} | untracked, no NMT | untracked, NMT on | I+O+A+S | malloc (NMT) | malloc outside NMT | retained | I+O+A+S + outside ÷ untracked | malloc + outside ÷ untracked | malloc + outside + retained ÷ untracked |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for spec in 17:/usr/lib/jvm/java-17-openjdk-amd64 25:/usr/lib/jvm/temurin-25-jdk-amd64; do
  v="${spec%%:*}"; java="${spec#*:}/bin/java"
  [ -x "$java" ] || continue
  for r in $(seq 1 "$rounds"); do
    a=$(start "$java" 18391 "$work/a$v$r"); pids+=("$a")
    b=$(start "$java" 18392 "$work/b$v$r" -XX:NativeMemoryTracking=summary); pids+=("$b")
    load 18391; load 18392; sleep 3
    if [ "$trim" = trim ]; then
      "${spec#*:}/bin/jcmd" "$a" System.trim_native_heap >/dev/null
      "${spec#*:}/bin/jcmd" "$b" System.trim_native_heap >/dev/null
      sleep 1
    fi
    bin/xray jvm "$a" --json --interval 0 >"$work/a.json"
    bin/xray jvm "$b" --json --interval 0 >"$work/b.json"
    kill "$a" "$b"; wait "$a" "$b" 2>/dev/null || true
    python3 - "$work/a.json" "$work/b.json" "$v" "$r" <<'EOF'
import json, sys
a = json.load(open(sys.argv[1]))["memory"]; b = json.load(open(sys.argv[2]))["memory"]
cats = {c["name"]: c["committed"] for c in b["nmt"]["categories"]}
M = 1 << 20
ioas = sum(cats.get(k, 0) for k in ("Internal", "Other", "Arena Chunk", "Symbol"))
out = a["resident"]["untracked"]
outside = b["mallocOutstanding"] - b["nmt"]["malloc"]
ret = b["mallocRetained"]
print(f"| {sys.argv[3]} | {sys.argv[4]} | {out/M:.1f} MiB | {b['resident']['untracked']/M:.1f} MiB | {ioas/M:.1f} MiB "
      f"| {b['nmt']['malloc']/M:.1f} MiB | {outside/M:.1f} MiB | {ret/M:.1f} MiB | {(ioas+outside)/out:.2f} "
      f"| {(b['nmt']['malloc']+outside)/out:.2f} | {(b['nmt']['malloc']+outside+ret)/out:.2f} |")
EOF
  done
done
