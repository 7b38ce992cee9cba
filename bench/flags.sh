#!/usr/bin/env bash
# Which JVM flags make a short xray run fastest, measured on each JDK (issue 15): every variant
# runs `xray --version` (without an archive, as bin/xray runs it), `xray mem --json`,
# `xray ps --json` and `xray jvm` straight through java (no launcher), with a class-data archive
# trained under the same flags (a CDS archive on JDK 17 to 23, an AOT cache on JDK 24+), all side
# by side in alternating order (bench/runs.py), wall and CPU medians against a bare
# `java -Xshare:auto Hello` on the same JDK.
# Usage: bench/flags.sh [ROUNDS] [JAVA_HOME ...]   (default: the java on PATH and Temurin 25)
set -euo pipefail
cd "$(dirname "$0")/.."
default_rounds=11
source bench/jdks.sh
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

bin/xray jvm >/dev/null   # builds the jar when needed
jar="$PWD/target/xray/xray.jar"
source bench/lib.sh
hello "$work"

variants=(
  "defaults="
  "c1=-XX:TieredStopAtLevel=1"
  "c1,noperf=-XX:TieredStopAtLevel=1 -XX:-UsePerfData"
  "c1,noperf,serial=-XX:TieredStopAtLevel=1 -XX:-UsePerfData -XX:+UseSerialGC"
  "c1,noperf,cic1=-XX:TieredStopAtLevel=1 -XX:-UsePerfData -XX:CICompilerCount=1"
  "c1,noperf,serial,cic1=-XX:TieredStopAtLevel=1 -XX:-UsePerfData -XX:+UseSerialGC -XX:CICompilerCount=1"
  "c1,noperf,xss256k=-XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss256k"
  "xint,noperf=-Xint -XX:-UsePerfData"
)
for home in "${jdks[@]}"; do
  java="$home/bin/java"
  version="$("$java" -version 2>&1 | head -1)"
  feature="$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')"
  args=("bare java Hello=$java -Xshare:auto -cp $work/hello Hello")
  n=0
  for v in "${variants[@]}"; do
    name="${v%%=*}" flags="${v#*=}"
    n=$((n + 1))
    # the archive each JDK gets from bin/xray, and (for the --version path) none
    kind=cds
    [ "$feature" -ge 24 ] && kind=aot
    archive="$work/$n-$kind"
    case "$kind" in
      aot) "$java" $flags -XX:AOTCacheOutput="$archive.aot" -cp "$jar" xray.cli.Training >/dev/null 2>&1
           use="-XX:AOTCache=$archive.aot" ;;
      cds) "$java" $flags -XX:ArchiveClassesAtExit="$archive.jsa" -cp "$jar" xray.cli.Training >/dev/null 2>&1
           use="-XX:SharedArchiveFile=$archive.jsa" ;;
    esac
    args+=("$name none: --version=$java $flags -jar $jar --version")
    for cmd in "mem --json" "ps --json" "jvm"; do
      args+=("$name $kind: $cmd=$java $flags $use -jar $jar $cmd")
    done
  done
  if [ "$feature" -ge 24 ]; then # the other archives this JDK could use, with bin/xray's flags
    flags="-XX:TieredStopAtLevel=1 -XX:-UsePerfData -XX:+UseSerialGC"
    "$java" $flags -XX:ArchiveClassesAtExit="$work/dyn.jsa" -cp "$jar" xray.cli.Training >/dev/null 2>&1
    for cmd in "mem --json" "ps --json" "jvm"; do
      args+=("c1,noperf,serial cds: $cmd=$java $flags -XX:SharedArchiveFile=$work/dyn.jsa -jar $jar $cmd")
      args+=("c1,noperf,serial none: $cmd=$java $flags -jar $jar $cmd")
    done
  fi
  python3 bench/runs.py --rounds "$rounds" --warmup 1 --title "### $version" "${args[@]}"
  echo
done
