#!/usr/bin/python3
"""A/B of SdfLearn builds' sgemm, with numpy/OpenBLAS interleaved as a yardstick, paired by round.

Starts one `gemm-peer` process (SdfLearn.Benchmarks, see GemmPeerMode) per build and, for every round, size and
thread count, times each build in turn (the order reversed every other round) and then OpenBLAS, with a short pause
between sides. On this kind of host, separate processes of the same build can differ by 5-15 % for their whole
life, so give each build two or three processes: builds named `group.1`, `group.2`, ... form a group, and the
groups are compared by the per-round median of their processes.

Usage (Debian's python, which has numpy; run scripts/bench/gemm-vs-openblas.sh once first so that numpy's
libblas.so.3 is OpenBLAS pthread):
    /usr/bin/python3 scripts/bench/gemm-ab.py \\
        --builds base.1=ab/base/SdfLearn.Benchmarks.dll,base.2=ab/base/SdfLearn.Benchmarks.dll,\\
new.1=ab/new/SdfLearn.Benchmarks.dll,new.2=ab/new/SdfLearn.Benchmarks.dll \\
        [--sizes 512,1024] [--threads 1,2] [--rounds 7] [--seconds 0.3] [--pause 0.2]
A build is NAME=DLL, optionally followed by :VAR=value settings for that process's environment. Build each
variant to its own directory (`dotnet build SdfLearn.Benchmarks -c Release -o DIR`).

Output, per size and thread count: OpenBLAS time / build time for every process (median of the per-round ratios in
brackets), GFLOP/s; for groups, the pooled rate and the paired ratio "first group's time / this group's time" per
round (> 1: this group is faster); each process's GFLOP/s in every round.

Like scripts/bench/openblas-peer.sh does for the peer, OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed from
this process's environment before numpy loads OpenBLAS, so it runs the kernel it picks for this CPU (printed first).
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

# Before numpy (and with it OpenBLAS, which reads them when it loads) is imported.
_unset = {name: os.environ.pop(name) for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if name in os.environ}
if _unset:
    print("unsetting " + " ".join(f"{name}='{value}'" for name, value in _unset.items()) + " for OpenBLAS",
          file=sys.stderr)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np  # noqa: E402

from gemm_peer import add_round_options, openblas_for_peer, time_numpy  # noqa: E402


def start(spec):
    """A gemm-peer process for DLL[:VAR=value...]."""
    dll, *settings = spec.split(":")
    env = dict(os.environ, **dict(setting.split("=", 1) for setting in settings))
    return subprocess.Popen(["dotnet", dll, "gemm-peer"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            env=env)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--builds", required=True, help="comma list of NAME=DLL[:VAR=value...]")
    add_round_options(parser, seconds=0.3, pause=0.2)
    args = parser.parse_args()

    openblas = openblas_for_peer()
    builds = [spec.split("=", 1) for spec in args.builds.split(",")]
    names = [name for name, _ in builds]
    processes = {name: start(spec) for name, spec in builds}
    cases = [(s, t) for s in map(int, args.sizes.split(",")) for t in map(int, args.threads.split(","))]
    rng = np.random.default_rng(1)
    operands = {s: (rng.uniform(-1, 1, (s, s)).astype(np.float32), rng.uniform(-1, 1, (s, s)).astype(np.float32),
                    np.empty((s, s), np.float32)) for s, _ in cases}
    times = {(case, name): [] for case in cases for name in names + ["openblas"]}
    for round_index in range(args.rounds):
        for case in cases:
            size, threads = case
            for name, _ in builds if round_index % 2 == 0 else builds[::-1]:
                process = processes[name]
                process.stdin.write(f"{size} {size} {size} 0 0 {threads} {args.seconds}\n")
                process.stdin.flush()
                reply = process.stdout.readline().split()
                if not reply or reply[0] == "error":
                    sys.exit(f"{name}: gemm-peer failed: {' '.join(reply)}")
                times[(case, name)].append(float(reply[0]))
                time.sleep(args.pause)
            openblas.openblas_set_num_threads(threads)
            times[(case, "openblas")].append(time_numpy(*operands[size], args.seconds)[0])
            time.sleep(args.pause)
        print(f"round {round_index + 1}/{args.rounds} done", file=sys.stderr)
    for process in processes.values():
        process.stdin.write("\n")
        process.stdin.close()
        process.wait()

    groups = {}
    for name in names:
        groups.setdefault(name.split(".")[0], []).append(name)
    print("size thr  " + "  ".join(f"{name:>18}" for name in names)
          + "   OpenBLAS GF/s  (OpenBLAS time / build time: of medians (median of per-round ratios))")
    for case in cases:
        size, threads = case
        flops = 2.0 * size ** 3
        peer = times[(case, "openblas")]
        columns = [f"{statistics.median(peer) / statistics.median(times[(case, n)]):.3f} "
                   f"({statistics.median([o / x for o, x in zip(peer, times[(case, n)])]):.3f})" for n in names]
        print(f"{size:4} {threads:3}  " + "  ".join(f"{column:>18}" for column in columns)
              + f"   {flops / statistics.median(peer) / 1e9:.1f}  "
              + " ".join(f"{n}:{flops / statistics.median(times[(case, n)]) / 1e9:.1f}" for n in names))
        if len(groups) > 1 or any(len(members) > 1 for members in groups.values()):
            first = list(groups)[0]
            pooled = {g: statistics.median([x for n in members for x in times[(case, n)]]) for g, members in groups.items()}
            per_round = {g: [statistics.median([times[(case, n)][r] for n in members]) for r in range(args.rounds)]
                         for g, members in groups.items()}
            print("      pooled: " + "  ".join(f"{g} {flops / pooled[g] / 1e9:.1f} GF/s, vs OpenBLAS "
                                              f"{statistics.median(peer) / pooled[g]:.3f}" for g in groups)
                  + f" | paired by round, {first} time / group time: "
                  + " ".join(f"{g} {statistics.median([a / b for a, b in zip(per_round[first], per_round[g])]):.3f}"
                             for g in list(groups)[1:]))
        for name in names + ["openblas"]:
            print(f"      {name:>10}: best {flops / min(times[(case, name)]) / 1e9:5.1f} | "
                  + " ".join(f"{flops / x / 1e9:.0f}" for x in times[(case, name)]))


if __name__ == "__main__":
    main()
