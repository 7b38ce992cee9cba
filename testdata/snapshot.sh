#!/bin/sh
# snapshot.sh DEST SELF_PID SUBTREE PID...
#
# Copies what xray reads into DEST, a tree laid out like "/": the host files, the files of the
# process SELF_PID as /proc/self, the memory files of the cgroup mounts (each root's own files,
# then the cgroup SUBTREE under it and its descendants), and /proc/PID/{status,cgroup,comm,cmdline}
# of each PID. Other cgroups of the host are left out.
# Plain POSIX sh: capture-v1.sh runs it on the host, capture-v2-qemu.sh inside the VM (busybox).
set -eu
dest=$1 self=$2 subtree=$3
shift 3

# The files xray reads (MEMORY-MODEL.md "Sources"); nothing else, to keep captures small.
host_files="/proc/meminfo /proc/pressure/memory /proc/pressure/cpu /proc/pressure/io
  /proc/sys/kernel/hostname /proc/sys/kernel/osrelease /etc/os-release /sys/devices/system/cpu/online
  /sys/kernel/mm/lru_gen/enabled /sys/kernel/mm/ksm/run /sys/kernel/mm/ksm/pages_sharing
  /sys/kernel/mm/ksm/pages_shared"
v1_files="memory.usage_in_bytes memory.max_usage_in_bytes memory.limit_in_bytes memory.soft_limit_in_bytes
  memory.memsw.usage_in_bytes memory.kmem.usage_in_bytes memory.stat memory.oom_control memory.failcnt
  cgroup.procs"
v2_files="memory.current memory.peak memory.max memory.high memory.low memory.min memory.swap.current
  memory.stat memory.events memory.pressure cgroup.procs cgroup.stat cgroup.controllers cgroup.subtree_control"

# grab FILE [AS]: copies with cat (procfs and cgroupfs files report size 0, so cp and tar would
# store them empty). Absent and unreadable files are left out.
grab() {
  [ -e "$1" ] || return 0
  to=$dest${2:-$1}
  mkdir -p "${to%/*}"
  cat "$1" > "$to" 2>/dev/null || rm -f "$to"
}

# cgroup MOUNT FILES: the root's own files, then SUBTREE and everything below it.
cgroup() {
  for f in $2; do grab "$1/$f"; done
  [ -d "$1/$subtree" ] || return 0
  find "$1/$subtree" -type d | while read -r d; do
    for f in $2; do grab "$d/$f"; done
  done
}

mkdir -p "$dest"
for f in $host_files; do grab "$f"; done
grab "/proc/$self/cgroup" /proc/self/cgroup
# mountinfo keeps /, /proc, /sys and /dev: xray reads the cgroup mounts there, and other mounts
# of a build machine belong to its environment rather than to the kernel being captured.
mkdir -p "$dest/proc/self"
awk '$5 == "/" || $5 ~ /^\/(proc|sys|dev)(\/|$)/' "/proc/$self/mountinfo" > "$dest/proc/self/mountinfo"
# Field 5 is the mount point; after " - " come the type and the super options.
awk '{ for (i = 7; $i != "-"; i++); if ($(i+1) == "cgroup2") print "v2", $5;
       else if ($(i+1) == "cgroup" && $(i+3) ~ /(^|,)memory(,|$)/) print "v1", $5 }' "/proc/$self/mountinfo" |
while read -r kind point; do
  if [ "$kind" = v1 ]; then cgroup "$point" "$v1_files"; else cgroup "$point" "$v2_files"; fi
done
for pid in "$@"; do
  for f in status cgroup comm cmdline; do grab "/proc/$pid/$f"; done
done
