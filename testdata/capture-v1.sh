#!/usr/bin/env bash
# Captures this host's kernel into a tree laid out like "/" that `xray mem --root DIR` reads:
# a cgroup v1 memory controller at /sys/fs/cgroup/memory with cgroup2 at /sys/fs/cgroup/unified
# (a "hybrid" host), running a known workload in cgroups of its own.
#
#   sudo testdata/capture-v1.sh [OUT_DIR]        (default: testdata/v1-hybrid)
#
# Workload (testdata/workload/xray-load.c), one process per cgroup, each in
# /sys/fs/cgroup/memory/xray-capture/NAME and /sys/fs/cgroup/unified/xray-capture/NAME
# (xray-capture has memory.limit_in_bytes 1 GiB):
#   anon   96 MiB of anonymous memory, every page written
#   cache  a 200 MiB file on disk read once through the page cache
#   shmem  a 64 MiB file on /dev/shm (tmpfs), mapped shared and written
# The script creates those cgroups and removes them afterwards; it writes to no other cgroup.
# testdata/snapshot.sh copies what xray reads; other cgroups of the host are left out of the
# snapshot (only the roots' own files are kept).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/v1-hybrid}
name=xray-capture
mem=/sys/fs/cgroup/memory
uni=/sys/fs/cgroup/unified
anon_mib=96 cache_mib=200 shmem_mib=64 limit_mib=1024
die() { echo "capture-v1: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root (creates cgroups)"
[ -f $mem/memory.usage_in_bytes ] || die "no cgroup v1 memory controller at $mem"
[ ! -e $mem/$name ] || die "$mem/$name exists: another capture running, or a leftover (rmdir its sub-directories)"
hybrid=no
[ -f $uni/cgroup.procs ] && hybrid=yes
start=$(date +%s%N)

work=$(mktemp -d /var/tmp/xray-capture.XXXXXX)
[ "$(stat -f -c %T "$work")" != tmpfs ] || die "$work is on tmpfs; the page-cache file needs a disk"
shm=/dev/shm/xray-capture.$$
[ "$(stat -f -c %T /dev/shm)" = tmpfs ] || die "/dev/shm is not a tmpfs"
pids=()
cgroups=()

cleanup() {
  set +e
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  for ((i = ${#cgroups[@]} - 1; i >= 0; i--)); do
    for try in 1 2 3 4 5; do rmdir "${cgroups[i]}" 2>/dev/null && break; sleep 0.2; done
    [ ! -d "${cgroups[i]}" ] || echo "capture-v1: could not remove ${cgroups[i]}" >&2
  done
  rm -rf "$work" "$shm" "$out.tmp"
}
trap cleanup EXIT

mkcg() { mkdir "$1"; cgroups+=("$1"); }

# run NAME ARGS...: xray-load ARGS in cgroup NAME (both hierarchies); waits until it says "ready".
run() {
  local cg=$1; shift
  local v1=$mem/$name/$cg v2=
  mkcg "$v1"
  if [ $hybrid = yes ]; then v2=$uni/$name/$cg; mkcg "$v2"; fi
  sh -c 'echo $$ > "$1/cgroup.procs"; [ -z "$2" ] || echo $$ > "$2/cgroup.procs"; shift 2; exec "$@"' \
    sh "$v1" "$v2" "$work/xray-load" "$@" > "$work/$cg.log" &
  pids+=($!)
  for _ in $(seq 600); do
    grep -qs '^ready' "$work/$cg.log" && { echo "capture-v1: $cg: $(cat "$work/$cg.log")"; return; }
    kill -0 $! 2>/dev/null || die "$cg: xray-load exited: $(cat "$work/$cg.log")"
    sleep 0.1
  done
  die "$cg: not ready after 60 s"
}

gcc -O2 -static -o "$work/xray-load" "$here/workload/xray-load.c"
# The page-cache file is written past the cache (O_DIRECT), so reading it charges the cache cgroup.
dd if=/dev/urandom of="$work/cache.dat" bs=1M count=$cache_mib oflag=direct status=none

mkcg $mem/$name
echo $((limit_mib * 1024 * 1024)) > $mem/$name/memory.limit_in_bytes
[ $hybrid = no ] || mkcg $uni/$name
run anon anon $anon_mib
run cache read "$work/cache.dat"
run shmem shmem "$shm" $shmem_mib
sleep 3 # memcg statistics are flushed about every 2 s

snap=$out.tmp
rm -rf "$snap"
sh "$here/snapshot.sh" "$snap" $$ $name "${pids[@]}"

rm -rf "$out"
mv "$snap" "$out"
ms=$((($(date +%s%N) - start) / 1000000))
echo "capture-v1: $(uname -r) captured into $out in $((ms / 1000)).$((ms % 1000 / 100)) s" \
  "(workload: anon $anon_mib MiB, cache $cache_mib MiB, shmem $shmem_mib MiB; pids ${pids[*]})"
