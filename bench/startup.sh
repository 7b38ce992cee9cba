#!/usr/bin/env bash
# Start-up benchmark (issue 15): on each JDK, side by side in one run and in alternating order
# (bench/runs.py), a bare `java -Xshare:auto Hello` on that JDK (the floor of any Java CLI),
# `xray --version`, `xray mem --json > /dev/null`, `xray ps --json` and `xray jvm` (the list),
# all through the launcher as a user runs them (its flags and class-data archives, made before
# the timed runs): xray installed by bin/install into a temporary prefix, as hosts run it, and
# `mem --json` once more through the checkout's bin/xray, which also checks the jar against the
# sources on every run. Medians of wall and CPU time (user + system), and their ratios to the
# bare JVM. `free -b` is there for scale. Needs python3.
# Usage: bench/startup.sh [ROUNDS] [JAVA_HOME ...]  (default: the java on PATH, and Temurin 25)
set -euo pipefail
cd "$(dirname "$0")/.."
default_rounds=21
source bench/jdks.sh
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

source bench/lib.sh
hello "$work"
bin/install --prefix "$work/prefix" >/dev/null   # builds the jar first if needed
xray="$work/prefix/bin/xray"
export XDG_CACHE_HOME="$work/cache"   # the archives this run makes, removed with it

echo "# Start-up, $(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
for home in "${jdks[@]}"; do
  export JAVA_HOME="$home"
  for run in "mem --json" "ps --json" "jvm"; do   # this JDK's class-data archives
    $xray $run >/dev/null
  done
  bin/xray mem --json >/dev/null   # the checkout's, for the one run timed through it
  archive="$(ls "$XDG_CACHE_HOME"/xray/*/"${home//\//+}"+bin+java*.{jsa,aot} 2>/dev/null | head -1 || true)"
  python3 bench/runs.py --rounds "$rounds" --warmup 2 --json "$work/$(basename "$home").json" \
    --title "### $("$home/bin/java" -version 2>&1 | head -1) (archive: ${archive##*.})" \
    "bare java Hello=$home/bin/java -Xshare:auto -cp $work/hello Hello" \
    "free -b=free -b" \
    "xray --version=$xray --version" \
    "xray mem --json=$xray mem --json" \
    "xray ps --json=$xray ps --json" \
    "xray jvm=$xray jvm" \
    "xray mem --json (checkout's bin/xray)=bin/xray mem --json"
  echo
done
