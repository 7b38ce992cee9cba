#!/usr/bin/env bash
# Start-up benchmark (issue 5): medians over repeated runs of xray --version, xray mem --json and
# xray mem (table), before (plain `java -jar`, default JVM flags, no class-data archive) and
# after (bin/xray: short-run flags and the application CDS archive), next to a bare `java`
# hello-world on the same JVM (the floor) and `free -b` (what a shell user would type instead).
# Needs hyperfine. Usage: bench/startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-30}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }

bin/xray --version >/dev/null   # builds the jar if needed, and the class-data archive
mkdir -p "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$work/hello/Hello.java"
javac -d "$work/hello" "$work/hello/Hello.java"
jar=target/xray/xray.jar

hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/r.json" \
  -n floor "java -cp $work/hello Hello" \
  -n free "free -b" \
  -n "before --version" "java -jar $jar --version" \
  -n "after --version" "bin/xray --version" \
  -n "before mem --json" "java -jar $jar mem --json" \
  -n "after mem --json" "bin/xray mem --json" \
  -n "before mem" "java -jar $jar mem" \
  -n "after mem" "bin/xray mem" >&2

python3 - "$work/r.json" <<'PY'
import json, subprocess, sys
r = {x["command"]: x["median"] * 1000 for x in json.load(open(sys.argv[1]))["results"]}
floor = r["floor"]
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
mem = [l for l in open("/proc/meminfo") if l.startswith("MemTotal")][0].split()[1]
print(f"Start-up, {subprocess.check_output(['date', '-u', '+%Y-%m-%d']).decode().strip()}, "
      f"{subprocess.check_output(['nproc']).decode().strip()} cores, {int(mem) // 1048576} GiB, {java}")
print()
print("| command | before: java -jar (ms) | after: bin/xray (ms) | after × floor |")
print("|---|---:|---:|---:|")
print(f"| java hello-world (floor) | {floor:.1f} | | 1.00 |")
print(f"| free -b | {r['free']:.1f} | | {r['free'] / floor:.2f} |")
for c in ("--version", "mem --json", "mem"):
    print(f"| xray {c} | {r['before ' + c]:.1f} | {r['after ' + c]:.1f} | {r['after ' + c] / floor:.2f} |")
PY
