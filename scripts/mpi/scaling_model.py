#!/usr/bin/env python3
"""Where data-parallel SdfLearn stops scaling: for each model, the communication share of a step on N machines.

A step at global batch B on N machines computes B/N items per machine, t(B)/N if the step time t is linear in the
batch (measured: t(B) = B / throughput at one rank), then sums S bytes of gradients with a ring all-reduce:
    t_comm(N) = 2 (N - 1) / N * S / bandwidth + 2 (N - 1) * latency.
Communication costs more than 10% of a step when t_comm > (t(B) / N + t_comm) / 10. Prints, per network, the
largest N that stays within 10%, and the share at a few N, as markdown.

usage: scaling_model.py MODEL=PARAMETERS:FIELDS_PER_SECOND ... [--batch 64]
"""
import argparse

NETWORKS = [  # name, bandwidth in bytes/s, per-message latency in s
    ("1 GbE (TCP)", 0.117e9, 50e-6),
    ("10 GbE (TCP)", 1.17e9, 20e-6),
    ("100 Gb/s InfiniBand", 12e9, 2e-6),
]


def comm_seconds(n, size, bandwidth, latency):
    return 2 * (n - 1) / n * size / bandwidth + 2 * (n - 1) * latency


def share(n, step, size, bandwidth, latency):
    comm = comm_seconds(n, size, bandwidth, latency)
    return comm / (step / n + comm)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("models", nargs="+", help="name=parameters:fields_per_second")
    parser.add_argument("--batch", type=int, default=64)
    args = parser.parse_args()
    print(f"| model | step at one machine, batch {args.batch} | network | machines within 10% | share at 2 / 4 / 8 / 16 |")
    print("| --- | ---: | --- | ---: | --- |")
    for spec in args.models:
        name, numbers = spec.split("=")
        parameters, throughput = numbers.split(":")
        size, step = 4 * int(parameters), args.batch / float(throughput)
        for network, bandwidth, latency in NETWORKS:
            within = max((n for n in range(1, args.batch + 1) if share(n, step, size, bandwidth, latency) <= 0.10), default=1)
            shares = " / ".join(f"{100 * share(n, step, size, bandwidth, latency):.0f}%" for n in (2, 4, 8, 16))
            print(f"| {name} | {1000 * step:.0f} ms | {network} | {within} | {shares} |")


if __name__ == "__main__":
    main()
