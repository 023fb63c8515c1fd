#!/usr/bin/env python3
"""Times SdfLearn's sgemm and numpy/OpenBLAS's sgemm side by side on the same shapes and thread counts.

Repetitions are interleaved (SdfLearn, OpenBLAS, SdfLearn, ...), each one the median of single calls over a
short time budget; the table shows the median over repetitions, GFLOP/s and SdfLearn's share of OpenBLAS's speed.
SdfLearn runs as a child process speaking the `gemm-peer` line protocol (see GemmPeerMode.cs).
"""
import argparse
import shlex
import statistics
import subprocess
import sys
import time

import numpy as np

from openblas_rate import describe, library


def time_numpy(a, b, out, budget):
    """(median wall seconds of single calls, process CPU seconds per call), like SdfLearn's gemm-peer reply."""
    np.matmul(a, b, out=out)
    samples = []
    cpu_before = time.process_time()
    started = time.perf_counter()
    while len(samples) < 3 or time.perf_counter() - started < budget:
        start = time.perf_counter()
        np.matmul(a, b, out=out)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), (time.process_time() - cpu_before) / len(samples)


def add_round_options(parser, seconds, pause):
    """The options every side-by-side sgemm script shares: shapes, threads, rounds and each side's time budget."""
    parser.add_argument("--sizes", default="512,1024")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=seconds, help="time budget of one repetition")
    parser.add_argument("--pause", type=float, default=pause, help="idle gap between sides, so spinning threads settle")


def openblas_for_peer():
    """OpenBLAS's library handle (to set its threads), after printing which numpy and OpenBLAS kernel run."""
    _, openblas = library()
    print(f"numpy {np.__version__}, OpenBLAS {describe()}")
    return openblas


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sdflearn", required=True, help="command that starts SdfLearn's gemm-peer mode")
    parser.add_argument("--layouts", default="nn", help="comma list of nn, tn, nt, tt (t = operand transposed)")
    add_round_options(parser, seconds=0.4, pause=0.3)
    args = parser.parse_args()

    openblas = openblas_for_peer()
    sizes = [int(s) for s in args.sizes.split(",")]
    threads = [int(t) for t in args.threads.split(",")]
    layouts = args.layouts.split(",")
    cases = [(s, t, l) for s in sizes for l in layouts for t in threads]

    rng = np.random.default_rng(1)
    operands = {}
    for size, _, layout in cases:
        a = rng.uniform(-1, 1, (size, size)).astype(np.float32)
        b = rng.uniform(-1, 1, (size, size)).astype(np.float32)
        # A transposed operand is stored the other way round and handed over as a transposed view.
        operands[(size, layout)] = (a.T if layout[0] == "t" else a, b.T if layout[1] == "t" else b,
                                    np.empty((size, size), np.float32))

    sdflearn = subprocess.Popen(shlex.split(args.sdflearn), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    ours = {case: [] for case in cases}
    theirs = {case: [] for case in cases}
    ours_cpu = {case: [] for case in cases}
    theirs_cpu = {case: [] for case in cases}
    for round_index in range(args.rounds):
        for case in cases:
            size, thread_count, layout = case
            flags = " ".join("1" if flag == "t" else "0" for flag in layout)
            sdflearn.stdin.write(f"{size} {size} {size} {flags} {thread_count} {args.seconds}\n")
            sdflearn.stdin.flush()
            reply = sdflearn.stdout.readline().split()
            if not reply or reply[0] == "error":
                sys.exit(f"SdfLearn gemm-peer failed: {' '.join(reply)}")
            ours[case].append(float(reply[0]))
            ours_cpu[case].append(float(reply[2]))
            time.sleep(args.pause)
            openblas.openblas_set_num_threads(thread_count)
            wall, cpu = time_numpy(*operands[(size, layout)], args.seconds)
            theirs[case].append(wall)
            theirs_cpu[case].append(cpu)
            time.sleep(args.pause)
        print(f"round {round_index + 1}/{args.rounds} done", file=sys.stderr)
    sdflearn.stdin.write("\n")
    sdflearn.stdin.close()
    sdflearn.wait()

    print(f"{'shape':>16} {'layout':>6} {'threads':>7} {'SdfLearn ms':>11} {'OpenBLAS ms':>11} "
          f"{'SdfLearn GF/s':>13} {'OpenBLAS GF/s':>13} {'ratio':>6} {'CPU-time ratio':>14}")
    for case in cases:
        size, thread_count, layout = case
        mine, peer = statistics.median(ours[case]), statistics.median(theirs[case])
        cpu_ratio = statistics.median(theirs_cpu[case]) / statistics.median(ours_cpu[case])
        flops = 2.0 * size ** 3
        print(f"{f'{size}x{size}x{size}':>16} {layout:>6} {thread_count:>7} {mine * 1e3:11.3f} {peer * 1e3:11.3f} "
              f"{flops / mine / 1e9:13.1f} {flops / peer / 1e9:13.1f} {peer / mine:6.2f} {cpu_ratio:14.2f}")
    print("ratio = OpenBLAS time / SdfLearn time (1.00 = as fast as OpenBLAS); medians over "
          f"{args.rounds} interleaved rounds of {args.seconds}s each")
    print("CPU-time ratio = the same with process CPU time per call: less sensitive to other processes on the "
          "cores, but it counts threads that spin while waiting")


if __name__ == "__main__":
    main()
