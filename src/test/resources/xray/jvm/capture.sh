#!/usr/bin/env bash
# Captures the diagnostic-command replies the parser tests read, from a real AuditTarget JVM on
# each JDK of this machine (JDK 17 from Debian, Temurin 25). Run from the repository root after
# `mvn test-compile`; it rewrites src/test/resources/xray/jvm/jdk{17,25}/.
set -euo pipefail
here="src/test/resources/xray/jvm"
for spec in 17:/usr/lib/jvm/java-17-openjdk-amd64 25:/usr/lib/jvm/temurin-25-jdk-amd64; do
  v="${spec%%:*}"; jdk="${spec#*:}"; out="$here/jdk$v"
  mkdir -p "$out"
  coproc T { exec "$jdk/bin/java" -XX:NativeMemoryTracking=summary -cp target/test-classes xray.jvm.AuditTarget; }
  pid=$T_PID
  trap 'kill $pid 2>/dev/null || true' EXIT
  read -r ready <&"${T[0]}"
  [ "$ready" = ready ] || { echo "target said: $ready" >&2; exit 1; }
  jc() { "$jdk/bin/jcmd" "$pid" "$@" | sed 1d; }   # drop the "PID:" line jcmd adds
  jc Thread.print -l >"$out/thread-print.txt"
  jc Thread.print -l -e >"$out/thread-print-e.txt"
  jc GC.class_histogram -all >"$out/class-histogram.txt"
  jc VM.native_memory summary scale=B >"$out/nmt-summary.txt"
  jc VM.info >"$out/vm-info.txt"
  jc VM.flags >"$out/vm-flags.txt"
  jc GC.heap_info >"$out/heap-info.txt"
  jc VM.class_hierarchy -i >"$out/class-hierarchy.txt"
  cp "/tmp/hsperfdata_$(id -un)/$pid" "$out/hsperfdata"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  trap - EXIT
done
