#!/usr/bin/env python3
"""Times SdfLearn's sgemm and numpy/OpenBLAS's sgemm side by side on the same shapes and thread counts.

Repetitions are interleaved (SdfLearn, OpenBLAS, SdfLearn, ...), each one the median of single calls over a
short time budget; the table shows the median over repetitions, GFLOP/s and SdfLearn's share of OpenBLAS's speed.
Both sides run as child processes speaking the `gemm-peer` line protocol (see GemmPeerMode.cs; this script with
--serve is numpy's side). On a shared host two processes of the same program can differ by 5-15 % for their whole
life (where their pages fall, neighbours), so --processes N starts N of each side, pairs them up and pools their
repetitions: the table's medians are over rounds x processes, and the per-process medians are printed after it.
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
    """(median wall seconds of single calls, process CPU seconds per call, calls), like SdfLearn's gemm-peer reply."""
    np.matmul(a, b, out=out)
    samples = []
    cpu_before = time.process_time()
    started = time.perf_counter()
    while len(samples) < 3 or time.perf_counter() - started < budget:
        start = time.perf_counter()
        np.matmul(a, b, out=out)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), (time.process_time() - cpu_before) / len(samples), len(samples)


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


def serve_numpy():
    """numpy's side of the gemm-peer protocol: `m n k transposeA transposeB threads seconds` in, `median calls cpu` out."""
    _, openblas = library()
    rng = np.random.default_rng(1)
    operands = {}
    for line in sys.stdin:
        fields = line.split()
        if not fields:
            break
        m, n, k, transpose_a, transpose_b, threads = map(int, fields[:6])
        key = (m, n, k, transpose_a, transpose_b)
        if key not in operands:
            # A transposed operand is stored the other way round and handed over as a transposed view.
            a = rng.uniform(-1, 1, (k, m) if transpose_a else (m, k)).astype(np.float32)
            b = rng.uniform(-1, 1, (n, k) if transpose_b else (k, n)).astype(np.float32)
            operands[key] = (a.T if transpose_a else a, b.T if transpose_b else b, np.empty((m, n), np.float32))
        openblas.openblas_set_num_threads(threads)
        wall, cpu, calls = time_numpy(*operands[key], float(fields[6]))
        print(f"{wall!r} {calls} {cpu!r}", flush=True)


def ask(process, request, side):
    """Sends one request line to a peer process and returns its (median wall seconds, CPU seconds per call)."""
    process.stdin.write(request + "\n")
    process.stdin.flush()
    reply = process.stdout.readline().split()
    if not reply or reply[0] == "error":
        sys.exit(f"{side} gemm-peer failed: {' '.join(reply) or 'no reply'}")
    return float(reply[0]), float(reply[2])


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sdflearn", help="command that starts SdfLearn's gemm-peer mode")
    parser.add_argument("--serve", action="store_true", help="be numpy's peer process (used by this script itself)")
    parser.add_argument("--layouts", default="nn", help="comma list of nn, tn, nt, tt (t = operand transposed)")
    parser.add_argument("--processes", type=int, default=1, help="processes of each side, paired up and pooled")
    add_round_options(parser, seconds=0.4, pause=0.3)
    args = parser.parse_args()
    if args.serve:
        serve_numpy()
        return
    if not args.sdflearn:
        parser.error("--sdflearn is required")
    if args.processes < 1:
        parser.error("--processes must be at least 1")

    openblas_for_peer()
    sizes = [int(s) for s in args.sizes.split(",")]
    threads = [int(t) for t in args.threads.split(",")]
    layouts = args.layouts.split(",")
    cases = [(s, t, l) for s in sizes for l in layouts for t in threads]

    start = lambda command: subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    pairs = [(start(shlex.split(args.sdflearn)), start([sys.executable, __file__, "--serve"])) for _ in range(args.processes)]
    # (case, side, process) -> [(wall, cpu)] over rounds
    times = {(case, side, p): [] for case in cases for side in (0, 1) for p in range(args.processes)}
    for round_index in range(args.rounds):
        for case in cases:
            size, thread_count, layout = case
            flags = " ".join("1" if flag == "t" else "0" for flag in layout)
            request = f"{size} {size} {size} {flags} {thread_count} {args.seconds}"
            for p, pair in enumerate(pairs):
                # Each side goes first every other round, so neither always follows the other's heat.
                for side in (0, 1) if round_index % 2 == 0 else (1, 0):
                    times[(case, side, p)].append(ask(pair[side], request, ("SdfLearn", "numpy")[side]))
                    time.sleep(args.pause)
        print(f"round {round_index + 1}/{args.rounds} done", file=sys.stderr)
    for pair in pairs:
        for process in pair:
            process.stdin.write("\n")
            process.stdin.close()
            process.wait()

    pooled = lambda case, side, index: statistics.median(t[index] for p in range(args.processes) for t in times[(case, side, p)])
    print(f"{'shape':>16} {'layout':>6} {'threads':>7} {'SdfLearn ms':>11} {'OpenBLAS ms':>11} "
          f"{'SdfLearn GF/s':>13} {'OpenBLAS GF/s':>13} {'ratio':>6} {'CPU-time ratio':>14}")
    for case in cases:
        size, thread_count, layout = case
        mine, peer = pooled(case, 0, 0), pooled(case, 1, 0)
        cpu_ratio = pooled(case, 1, 1) / pooled(case, 0, 1)
        flops = 2.0 * size ** 3
        print(f"{f'{size}x{size}x{size}':>16} {layout:>6} {thread_count:>7} {mine * 1e3:11.3f} {peer * 1e3:11.3f} "
              f"{flops / mine / 1e9:13.1f} {flops / peer / 1e9:13.1f} {peer / mine:6.2f} {cpu_ratio:14.2f}")
    print("ratio = OpenBLAS time / SdfLearn time (1.00 = as fast as OpenBLAS); medians over "
          f"{args.rounds} interleaved rounds of {args.seconds}s each" + (f" and {args.processes} processes a side" if args.processes > 1 else ""))
    print("CPU-time ratio = the same with process CPU time per call: less sensitive to other processes on the "
          "cores, but it counts threads that spin while waiting")
    if args.processes > 1:
        print("per process, GFLOP/s (median over rounds), SdfLearn | OpenBLAS:")
        for case in cases:
            size, thread_count, layout = case
            rate = lambda side, p: 2.0 * size ** 3 / statistics.median(t[0] for t in times[(case, side, p)]) / 1e9
            print(f"  {size}³ {layout} {thread_count} thr: " + " ".join(f"{rate(0, p):.1f}" for p in range(args.processes))
                  + " | " + " ".join(f"{rate(1, p):.1f}" for p in range(args.processes)))


if __name__ == "__main__":
    main()
