#!/usr/bin/env python3
"""PyTorch side of scripts/bench/conv-vs-pytorch.sh: times the reference convolution layers (batch 64, S = 64,
c = 32): forward, input gradient and weight gradient, each on its own (aten.convolution_backward with an output
mask), and right after each one asks SdfLearn's `conv-peer` mode for the same pass, so both run under the same
machine load. Before each layer it measures OpenBLAS's sgemm rate (1024^3, same threads) as the machine's yardstick.
Prints medians, GFLOP/s, the time ratio and SdfLearn's share of the sgemm rate.

usage: conv_peer.py SDFLEARN_BENCHMARKS_DLL [--threads 2] [--seconds 1.0]
"""
import argparse
import statistics
import subprocess
import time

import torch

import openblas_rate

# (name as in SdfLearn.Benchmarks/Convolution/ConvLayer.cs, in channels, size, out channels, stride, transposed)
LAYERS = [
    ("enc1 1->32 s2", 1, 64, 32, 2, False),
    ("enc2/dec4 32->32 s1", 32, 32, 32, 1, False),
    ("enc3 32->64 s2", 32, 32, 64, 2, False),
    ("enc4/dec2 64->64 s1", 64, 16, 64, 1, False),
    ("enc5 64->64 s2", 64, 16, 64, 2, False),
    ("dec1 T 64->64 8x8", 64, 8, 64, 2, True),
    ("dec3 T 64->32 16x16", 64, 16, 32, 2, True),
    ("dec5 T 32->1 32x32", 32, 32, 1, 2, True),
]
BATCH, KERNEL, PADDING = 64, 3, 1
PASSES = ("Forward", "BackwardInput", "BackwardWeight")


def median_seconds(call, budget):
    call()
    samples, start = [], time.perf_counter()
    while len(samples) < 3 or time.perf_counter() - start < budget:
        t0 = time.perf_counter()
        call()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def layer_calls(in_channels, size, out_channels, stride, transposed):
    """FLOPs of one pass (2 * N * OutC * InC * KH * KW * pixels of the working convolution) and the three passes."""
    torch.manual_seed(1)
    x = torch.rand(BATCH, in_channels, size, size) * 2 - 1
    b = torch.rand(out_channels) * 2 - 1
    if transposed:
        w = torch.rand(in_channels, out_channels, KERNEL, KERNEL) * 2 - 1
        y_size = (size - 1) * stride - 2 * PADDING + KERNEL + 1
        forward = lambda: torch.nn.functional.conv_transpose2d(x, w, b, stride, PADDING, output_padding=1)
    else:
        w = torch.rand(out_channels, in_channels, KERNEL, KERNEL) * 2 - 1
        y_size = (size + 2 * PADDING - KERNEL) // stride + 1
        forward = lambda: torch.nn.functional.conv2d(x, w, b, stride, PADDING)
    dy = torch.rand(BATCH, out_channels, y_size, y_size) * 2 - 1
    output_padding = [1, 1] if transposed else [0, 0]

    def backward(mask):
        return lambda: torch.ops.aten.convolution_backward(
            dy, x, w, [out_channels], [stride, stride], [PADDING, PADDING], [1, 1], transposed, output_padding, 1, mask)

    pixels = size * size if transposed else y_size * y_size
    flops = 2.0 * BATCH * in_channels * out_channels * KERNEL * KERNEL * pixels
    return flops, {"Forward": forward, "BackwardInput": backward([True, False, False]),
                   "BackwardWeight": backward([False, True, True])}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dll", help="SdfLearn.Benchmarks.dll (Release)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=1.0)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    peer = subprocess.Popen(["dotnet", args.dll, "conv-peer"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def sdflearn_seconds(name, pass_name):
        peer.stdin.write(f"{name.replace(' ', '_')} {pass_name} {args.threads} {args.seconds}\n")
        peer.stdin.flush()
        reply = peer.stdout.readline().split()
        if not reply or reply[0] == "error":
            raise RuntimeError(f"conv-peer: {' '.join(reply)}")
        return float(reply[0])

    print(f"torch {torch.__version__} (mkldnn {torch.backends.mkldnn.is_available()}), {args.threads} threads, "
          f"medians over ~{args.seconds}s each, float32, batch {BATCH}; OpenBLAS {openblas_rate.describe()}")
    print("| layer | pass | PyTorch ms | PyTorch GFLOP/s | SdfLearn ms | SdfLearn GFLOP/s | SdfLearn / PyTorch time "
          "| sgemm GFLOP/s | SdfLearn / sgemm |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    totals, total_flops, rates = [0.0, 0.0], 0.0, []
    with torch.no_grad():
        for name, *geometry in LAYERS:
            flops, calls = layer_calls(*geometry)
            rates.append(openblas_rate.sgemm_gflops(args.threads, seconds=min(args.seconds, 0.5)))
            for pass_name in PASSES:
                theirs = median_seconds(calls[pass_name], args.seconds)
                ours = sdflearn_seconds(name, pass_name)
                totals[0] += theirs
                totals[1] += ours
                total_flops += flops
                print(f"| {name} | {pass_name} | {theirs * 1e3:.2f} | {flops / theirs * 1e-9:.1f} "
                      f"| {ours * 1e3:.2f} | {flops / ours * 1e-9:.1f} | {ours / theirs:.2f} "
                      f"| {rates[-1]:.1f} | {flops / ours * 1e-9 / rates[-1]:.2f} |", flush=True)
    rate = statistics.median(rates)
    print(f"| all | all | {totals[0] * 1e3:.1f} | {total_flops / totals[0] * 1e-9:.1f} | {totals[1] * 1e3:.1f} "
          f"| {total_flops / totals[1] * 1e-9:.1f} | {totals[1] / totals[0]:.2f} | {rate:.1f} (median) "
          f"| {total_flops / totals[1] * 1e-9 / rate:.2f} |")
    peer.stdin.write("\n")
    peer.stdin.flush()
    peer.wait()


if __name__ == "__main__":
    main()
