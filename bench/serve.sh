#!/usr/bin/env bash
# Benchmarks for `xray serve` and `xray capture` (issue 14). Prints Markdown tables.
#  1. One scrape of this host (curl of /metrics from a running, warmed-up xray serve) next to
#     `bin/xray mem --json` end to end, and next to node_exporter's /metrics where it runs.
#  2. The scrape time at 1,000 and 10,000 synthetic cgroups (cgroup v2 trees made on tmpfs by
#     bench/GenTree.java; xray serve --root TREE): at the default --depth 3 (the tree's first three
#     levels: 1,111 cgroups) and at --depth 5 (every cgroup walked and its charge read, folded to
#     --max-cgroups 500: only the kept and the tops of folded subtrees are read whole);
#     wall time of a whole scrape (curl) and the server's own xray_scrape_duration_seconds.
#  3. Resident memory of xray serve (VmRSS) over 1,000 scrapes of this host and 200 of the
#     10,000-cgroup tree at --depth 5: after the first scrape, then every few hundred.
#  4. xray capture of this host: wall time (hyperfine) and the bundle's size.
# Needs: a JDK 17+, Maven, hyperfine, curl. Usage: bench/serve.sh [RUNS]
# PARTS="host trees capture" chooses parts (default: all; "host" includes the 1,000-scrape RSS run).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-30}"
work="$(mktemp -d /dev/shm/xray-bench-serve.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
for tool in hyperfine curl; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool (apt-get install $tool)" >&2; exit 1; }
done
bin/xray --version >/dev/null

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# Starts xray serve with the given arguments; sets $serve_pid and $serve_url.
start_serve() {
  local p; p="$(port)"
  bin/xray serve --listen "127.0.0.1:$p" "$@" 2>"$work/serve-$p.err" &
  serve_pid=$!
  pids+=("$serve_pid")
  serve_url="http://127.0.0.1:$p/metrics"
  for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$p/-/healthy" && return 0; sleep 0.1; done
  echo "bench: xray serve did not start: $(cat "$work/serve-$p.err")" >&2; exit 1
}
stop_serve() { kill "$serve_pid"; wait "$serve_pid" || true; }
rss() { awk '/^VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
source bench/lib.sh
scrape_seconds() { # the median of the server's own collection time over N scrapes
  python3 - "$1" "$2" <<'PY'
import statistics, sys, urllib.request
url, n = sys.argv[1], int(sys.argv[2])
xs = []
for _ in range(n):
    for line in urllib.request.urlopen(url).read().decode().splitlines():
        if line.startswith("xray_scrape_duration_seconds "):
            xs.append(float(line.split()[1]) * 1000)
print("%.1f" % statistics.median(xs))
PY
}

echo "# xray serve benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo

parts="${PARTS:-host trees capture}"
if [[ " $parts " == *" host "* ]]; then
# 1. This host.
start_serve
for _ in $(seq 20); do curl -s -o /dev/null "$serve_url"; done   # warm: the JIT has seen a scrape
cmds=("curl -s -o /dev/null $serve_url" "bin/xray mem --json")
names=("one scrape of xray serve (curl /metrics)" "bin/xray mem --json (end to end)")
# node_exporter where it is installed (Debian: prometheus-node-exporter), started here on loopback
# with its default collectors when it does not run already.
node_url=""
if curl -sf -o /dev/null http://127.0.0.1:9100/metrics 2>/dev/null; then
  node_url=http://127.0.0.1:9100/metrics
elif command -v prometheus-node-exporter >/dev/null; then
  np="$(port)"
  prometheus-node-exporter --web.listen-address="127.0.0.1:$np" 2>"$work/node.err" &
  pids+=("$!")
  for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$np/metrics" && break; sleep 0.1; done
  node_url="http://127.0.0.1:$np/metrics"
fi
if [ -n "$node_url" ]; then
  for _ in $(seq 5); do curl -s -o /dev/null "$node_url"; done
  cmds+=("curl -s -o /dev/null $node_url"); names+=("one scrape of node_exporter ($(curl -s "$node_url" | grep -vc '^#') series)")
fi
hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/host.json" "${cmds[@]}" >&2
read -r -a ms < <(median "$work/host.json")
series=$(curl -s "$serve_url" | grep -vc '^#')
echo "| this host ($series series) | median ms | × mem --json |"
echo "|---|---:|---:|"
for i in "${!names[@]}"; do
  echo "| ${names[$i]} | ${ms[$i]} | $(python3 -c "print('%.2f' % (${ms[$i]}/${ms[1]}))") |"
done
[ -n "$node_url" ] || echo "(node_exporter is not installed here: no row for it)"
echo
echo "server-side collection on this host, median of 50 scrapes: $(scrape_seconds "$serve_url" 50) ms"
echo

# 3a. Resident memory over 1,000 scrapes of this host.
declare -A rss_host
rss_host[1]="$(rss "$serve_pid")"
for i in $(seq 2 1000); do
  curl -s -o /dev/null "$serve_url"
  case $i in 100|250|500|750|1000) rss_host[$i]="$(rss "$serve_pid")" ;; esac
done
stop_serve
echo "| xray serve, VmRSS MiB after scrape (this host) | 1 | 100 | 250 | 500 | 750 | 1,000 |"
echo "|---|---:|---:|---:|---:|---:|---:|"
echo "| $series series | ${rss_host[1]} | ${rss_host[100]} | ${rss_host[250]} | ${rss_host[500]} | ${rss_host[750]} | ${rss_host[1000]} |"
echo
fi

if [[ " $parts " == *" trees "* ]]; then
# 2. Synthetic trees.
template="testdata/v2-qemu/sys/fs/cgroup/memory.stat"
echo "| cgroups in the tree | --depth | cgroups found | series per metric | scrape, curl median ms | collection median ms |"
echo "|---:|---:|---:|---:|---:|---:|"
declare -A rss_tree
for n in 1000 10000; do
  java bench/GenTree.java "$n" "$work/tree-$n" "$template" >/dev/null
  for depth in 3 5; do
    start_serve --root "$work/tree-$n" --depth "$depth" --timeout 30s
    for _ in $(seq 20); do curl -s -o /dev/null "$serve_url"; done
    hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/tree.json" "curl -s -o /dev/null $serve_url" >&2
    read -r wall < <(median "$work/tree.json")
    read_n=$(curl -s "$serve_url" | grep -c '^xray_cgroup_current_bytes{') || true
    folded=$(curl -s "$serve_url" | awk '/^xray_cgroups_folded / {printf "%d", $2}')
    echo "| $n | $depth | $((read_n - (folded > 0 ? 1 : 0) + folded)) | $read_n | $wall | $(scrape_seconds "$serve_url" 20) |"
    if [ "$n" = 10000 ] && [ "$depth" = 5 ]; then
      rss_tree[1]="$(rss "$serve_pid")"
      for i in $(seq 2 200); do
        curl -s -o /dev/null "$serve_url"
        case $i in 50|100|200) rss_tree[$i]="$(rss "$serve_pid")" ;; esac
      done
    fi
    stop_serve
  done
done
echo

echo "| xray serve, VmRSS MiB after scrape (10,000 cgroups, --depth 5) | 1 | 50 | 100 | 200 |"
echo "|---|---:|---:|---:|---:|"
echo "| 10,001 cgroups found, 500 series per metric | ${rss_tree[1]} | ${rss_tree[50]} | ${rss_tree[100]} | ${rss_tree[200]} |"
echo
fi

if [[ " $parts " == *" capture "* ]]; then
# 4. Capture.
hyperfine -N --warmup 2 --runs 10 --export-json "$work/capture.json" "bin/xray capture -o $work/host.tar.gz" >&2
read -r cap < <(median "$work/capture.json")
echo "| xray capture of this host | median ms | bundle size | files |"
echo "|---|---:|---:|---:|"
echo "| bin/xray capture | $cap | $(du -k "$work/host.tar.gz" | cut -f1) KiB | $(tar tzf "$work/host.tar.gz" | grep -vc '/$') |"
fi
