#!/usr/bin/env python3
"""Runs commands side by side in alternating order and reports medians: wall time and CPU time
(user + system, of the process and its children, from wait4), each as a ratio to a baseline
measured in the same rounds. Used by bench/startup.sh, bench/flags.sh and bench/mem.sh.

    bench/runs.py [--rounds N] [--warmup N] [--json FILE] [--title TEXT] NAME=COMMAND ...

The first NAME=COMMAND is the baseline. Each round runs every command once; the order rotates
from round to round, so slow drift on a shared machine falls on all of them alike. A command is
run by bash with stdout sent to /dev/null; one that fails stops the benchmark.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def run_once(command):
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(["bash", "-c", command], stdout=null, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if proc.returncode != 0:
        sys.exit(f"bench: '{command}' exited {proc.returncode}: {err.strip()}")
    return wall, usage.ru_utime + usage.ru_stime


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rounds", type=int, default=21)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--json")
    p.add_argument("--title", default="")
    p.add_argument("commands", nargs="+")
    a = p.parse_args()
    named = []
    for c in a.commands:
        name, _, command = c.partition("=")
        named.append((name, command))
    for _ in range(a.warmup):
        for _, command in named:
            run_once(command)
    wall = {n: [] for n, _ in named}
    cpu = {n: [] for n, _ in named}
    for r in range(a.rounds):
        order = named[r % len(named):] + named[:r % len(named)]
        for name, command in order:
            w, c = run_once(command)
            wall[name].append(w * 1000)
            cpu[name].append(c * 1000)
    base = named[0][0]
    bw, bc = statistics.median(wall[base]), statistics.median(cpu[base])
    if a.title:
        print(a.title)
        print()
    print("| command | wall ms (median) | × baseline | CPU ms (median) | × baseline |")
    print("|---|---:|---:|---:|---:|")
    results = []
    for name, command in named:
        w, c = statistics.median(wall[name]), statistics.median(cpu[name])
        print(f"| {name} | {w:.1f} | {w / bw:.2f} | {c:.1f} | {c / bc:.2f} |")
        results.append({"name": name, "command": command, "wall_ms": wall[name], "cpu_ms": cpu[name],
                        "wall_median": w, "cpu_median": c, "wall_ratio": w / bw, "cpu_ratio": c / bc})
    print()
    print(f"{a.rounds} rounds in alternating order; baseline: {base}.")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
