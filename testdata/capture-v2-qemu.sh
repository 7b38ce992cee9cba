#!/usr/bin/env bash
# Captures a cgroup v2 kernel into a tree laid out like "/" that `xray mem --root DIR` reads:
# Debian's linux-image-cloud-amd64 booted under qemu (TCG; no KVM needed) with a busybox-static
# initramfs whose init mounts cgroup2 at /sys/fs/cgroup, enables the memory controller, runs a
# known workload, snapshots it with testdata/snapshot.sh and prints the snapshot (a base64 tar
# between marker lines) on the second serial port, which this script unpacks.
#
#   testdata/capture-v2-qemu.sh [OUT_DIR]        (default: testdata/v2-qemu)
#
# Needs: qemu-system-x86, linux-image-cloud-amd64, busybox-static, gcc, e2fsprogs (mke2fs -d).
# XRAY_KERNEL=/boot/vmlinuz-... picks another kernel (its modules must be in /lib/modules).
#
# Workload (testdata/workload/xray-load.c), one process per cgroup, in the VM:
#   /xray-capture                memory.max 1 GiB, +memory in cgroup.subtree_control
#   /xray-capture/anon           96 MiB of anonymous memory, every page written (memory.high 128 MiB)
#   /xray-capture/cache          a 200 MiB file on an ext2 virtio disk read once through the page cache
#   /xray-capture/shmem          a 64 MiB file on a tmpfs at /dev/shm, mapped shared and written
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/v2-qemu}
kernel=${XRAY_KERNEL:-$(ls /boot/vmlinuz-*-cloud-amd64 2>/dev/null | sort -V | tail -n 1)}
busybox=/usr/bin/busybox
anon_mib=96 cache_mib=200 shmem_mib=64 limit_mib=1024 high_mib=128 vm_mib=1024

die() { echo "capture-v2-qemu: $*" >&2; exit 1; }
[ -n "$kernel" ] && [ -f "$kernel" ] || die "no /boot/vmlinuz-*-cloud-amd64 (apt-get install linux-image-cloud-amd64)"
release=${kernel#/boot/vmlinuz-}
moddir=/lib/modules/$release
[ -f "$moddir/modules.dep" ] || die "no $moddir/modules.dep for $kernel"
command -v qemu-system-x86_64 >/dev/null || die "no qemu-system-x86_64 (apt-get install qemu-system-x86)"
[ -x $busybox ] && ! ldd $busybox >/dev/null 2>&1 || die "$busybox is not a static busybox (apt-get install busybox-static)"
start=$(date +%s%N)

work=$(mktemp -d /var/tmp/xray-qemu.XXXXXX)
trap 'rm -rf "$work" "$out.tmp"' EXIT
root=$work/initramfs
mkdir -p "$root"/{bin,etc,lib/modules,proc,sys,dev,mnt/data,tmp,snap}

# The virtio disk drivers are modules in Debian's cloud kernel: copy them and what they need,
# dependencies first (modules.dep), decompressed so busybox insmod can load them.
modules=()
want() {
  local rel deps d
  rel=$(awk -F: -v m="$1" '{ n = $1; sub(/.*\//, "", n); sub(/\.ko(\.[a-z]+)?$/, "", n) }
    n == m { print $1; exit }' "$moddir/modules.dep")
  [ -n "$rel" ] || { grep -q "/$1.ko" "$moddir/modules.builtin" || die "no module $1 in $moddir"; return 0; }
  deps=$(awk -F: -v r="$rel" '$1 == r { print $2 }' "$moddir/modules.dep")
  for d in $deps; do d=${d##*/}; want "${d%%.ko*}"; done
  [[ " ${modules[*]} " == *" $1 "* ]] && return 0
  case $rel in
    *.ko) cp "$moddir/$rel" "$root/lib/modules/$1.ko" ;;
    *.ko.xz) xz -dc "$moddir/$rel" > "$root/lib/modules/$1.ko" ;;
    *.ko.zst) zstd -qdc "$moddir/$rel" > "$root/lib/modules/$1.ko" ;;
    *) die "cannot load $rel" ;;
  esac
  modules+=("$1")
}
want virtio_pci
want virtio_blk

cp $busybox "$root/bin/busybox"
gcc -O2 -static -o "$root/bin/xray-load" "$here/workload/xray-load.c"
cp "$here/snapshot.sh" "$root/bin/snapshot.sh"
cat > "$root/etc/capture.conf" <<EOF
anon_mib=$anon_mib shmem_mib=$shmem_mib limit_mib=$limit_mib high_mib=$high_mib
modules="${modules[*]}"
EOF
cat > "$root/init" <<'EOF'
#!/bin/busybox sh
# PID 1 of the capture VM (written by capture-v2-qemu.sh).
/bin/busybox --install -s /bin
export PATH=/bin
. /etc/capture.conf
fail() { echo "capture: $*"; poweroff -f; }
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t cgroup2 cgroup2 /sys/fs/cgroup || fail "no cgroup2"
mkdir -p /dev/shm && mount -t tmpfs -o size=128m tmpfs /dev/shm
hostname xray-v2-qemu
echo "capture: kernel $(uname -r) $(uname -v)"
for m in $modules; do insmod /lib/modules/$m.ko || fail "insmod $m"; done
i=0; while [ ! -b /dev/vda ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
mount -t ext2 -o ro /dev/vda /mnt/data || fail "no data disk"

cg=/sys/fs/cgroup
echo +memory > $cg/cgroup.subtree_control || fail "no memory controller"
mkdir $cg/xray-capture $cg/xray-capture/anon $cg/xray-capture/cache $cg/xray-capture/shmem
echo +memory > $cg/xray-capture/cgroup.subtree_control
echo $((limit_mib * 1048576)) > $cg/xray-capture/memory.max
echo $((high_mib * 1048576)) > $cg/xray-capture/anon/memory.high
pids=
# run NAME ARGS...: xray-load ARGS in /xray-capture/NAME; waits until it says "ready".
run() {
  name=$1; shift
  sh -c 'echo $$ > "$1/cgroup.procs"; shift; exec "$@"' sh $cg/xray-capture/$name xray-load "$@" > /tmp/$name.log &
  pids="$pids $!"
  i=0
  until grep -qs '^ready' /tmp/$name.log; do
    [ $i -lt 1200 ] || fail "$name not ready: $(cat /tmp/$name.log)"
    sleep 0.1; i=$((i + 1))
  done
  echo "capture: $name: $(cat /tmp/$name.log)"
}
run anon anon $anon_mib
run cache read /mnt/data/cache.dat
run shmem shmem /dev/shm/xray-capture $shmem_mib
sleep 3 # memcg statistics are flushed about every 2 s
sh /bin/snapshot.sh /snap $$ xray-capture $pids || fail "snapshot"
stty -F /dev/ttyS1 raw -echo
{ echo XRAY-CAPTURE-BEGIN; tar -C /snap -cf - . | gzip -9 | base64; echo XRAY-CAPTURE-END; } > /dev/ttyS1
poweroff -f
EOF
chmod +x "$root/init"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -9) > "$work/initramfs.gz"

# The page-cache file lives on a real block device: an ext2 image made with mke2fs -d.
mkdir "$work/disk"
dd if=/dev/urandom of="$work/disk/cache.dat" bs=1M count=$cache_mib status=none
mke2fs -q -F -t ext2 -b 4096 -d "$work/disk" "$work/disk.img" $((cache_mib + 32))M > /dev/null
rm "$work/disk/cache.dat"

qemu=(qemu-system-x86_64 -accel tcg -m $vm_mib -smp 1 -nodefaults -display none -no-reboot
  -kernel "$kernel" -initrd "$work/initramfs.gz" -append "console=ttyS0 panic=-1 quiet"
  -drive "file=$work/disk.img,format=raw,if=virtio,readonly=on"
  -serial "file:$work/console.log" -serial "file:$work/data.txt")
echo "capture-v2-qemu: ${qemu[*]}" | sed "s|$work|WORK|g"
boot=$(date +%s%N)
timeout 600 "${qemu[@]}" || die "qemu failed ($?); console: $(tail -n 30 "$work/console.log")"
vm_ms=$((($(date +%s%N) - boot) / 1000000))
grep -a '^capture:' "$work/console.log" | sed 's/^/capture-v2-qemu: vm: /' || true
grep -aq '^XRAY-CAPTURE-END' "$work/data.txt" || die "no snapshot from the VM; console: $(tail -n 30 "$work/console.log")"

rm -rf "$out.tmp"
mkdir -p "$out.tmp"
sed -n '/^XRAY-CAPTURE-BEGIN/,/^XRAY-CAPTURE-END/p' "$work/data.txt" | sed '1d;$d' | tr -d '\r' |
  base64 -d | tar -xzf - -C "$out.tmp" --no-same-owner
rm -rf "$out"
mv "$out.tmp" "$out"
ms=$((($(date +%s%N) - start) / 1000000))
echo "capture-v2-qemu: $release ($(cat "$out/proc/sys/kernel/osrelease")) captured into $out in" \
  "$((ms / 1000)).$((ms % 1000 / 100)) s (VM $((vm_ms / 1000)).$((vm_ms % 1000 / 100)) s)"
