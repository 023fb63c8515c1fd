#!/usr/bin/env python3
"""PyTorch side of scripts/bench/conv-vs-pytorch.sh: times the reference convolution layers (batch 64, S = 64,
c = 32) forward, input-gradient and weight-gradient, each pass on its own through aten.convolution_backward's
output mask, and prints them next to SdfLearn's BenchmarkDotNet means read from a full JSON report.

usage: conv_peer.py [--threads 2] [--seconds 1.0] [--sdflearn REPORT-full.json]
"""
import argparse
import json
import statistics
import time

import torch

# (name as in SdfLearn.Benchmarks/Convolution/ConvLayer.cs, in channels, size, out channels, stride, transposed)
LAYERS = [
    ("enc1 1->32 64x64 s2", 1, 64, 32, 2, False),
    ("enc2/dec4 32->32 32x32 s1", 32, 32, 32, 1, False),
    ("enc3 32->64 32x32 s2", 32, 32, 64, 2, False),
    ("enc4/dec2 64->64 16x16 s1", 64, 16, 64, 1, False),
    ("enc5 64->64 16x16 s2", 64, 16, 64, 2, False),
    ("dec1 T 64->64 8x8", 64, 8, 64, 2, True),
    ("dec3 T 64->32 16x16", 64, 16, 32, 2, True),
    ("dec5 T 32->1 32x32", 32, 32, 1, 2, True),
]
BATCH, KERNEL, PADDING = 64, 3, 1
PASSES = ("Forward", "BackwardInput", "BackwardWeight")


def median_seconds(call, budget):
    call()
    samples, start = [], time.perf_counter()
    while len(samples) < 5 or time.perf_counter() - start < budget:
        t0 = time.perf_counter()
        call()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def layer_calls(in_channels, size, out_channels, stride, transposed):
    torch.manual_seed(1)
    x = torch.rand(BATCH, in_channels, size, size) * 2 - 1
    if transposed:
        w = torch.rand(in_channels, out_channels, KERNEL, KERNEL) * 2 - 1
        y_size = (size - 1) * stride - 2 * PADDING + KERNEL + 1
        forward = lambda: torch.nn.functional.conv_transpose2d(x, w, b, stride, PADDING, output_padding=1)
    else:
        w = torch.rand(out_channels, in_channels, KERNEL, KERNEL) * 2 - 1
        y_size = (size + 2 * PADDING - KERNEL) // stride + 1
        forward = lambda: torch.nn.functional.conv2d(x, w, b, stride, PADDING)
    b = torch.rand(out_channels) * 2 - 1
    dy = torch.rand(BATCH, out_channels, y_size, y_size) * 2 - 1
    output_padding = [1, 1] if transposed else [0, 0]

    def backward(mask):
        return lambda: torch.ops.aten.convolution_backward(
            dy, x, w, [out_channels], [stride, stride], [PADDING, PADDING], [1, 1], transposed, output_padding, 1, mask)

    flops = 2.0 * BATCH * in_channels * out_channels * KERNEL * KERNEL * (size * size if transposed else y_size * y_size)
    return flops, {"Forward": forward, "BackwardInput": backward([True, False, False]),
                   "BackwardWeight": backward([False, True, True])}


def sdflearn_means(report_path):
    """(layer name, pass) -> mean seconds from a BenchmarkDotNet *-report-full.json."""
    if not report_path:
        return {}
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    means = {}
    for bench in report["Benchmarks"]:
        layer = bench["Parameters"].split("=", 1)[1]
        means[(layer, bench["Method"])] = bench["Statistics"]["Mean"] * 1e-9
    return means


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--sdflearn", help="BenchmarkDotNet full JSON report of ConvolutionBenchmarks")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    ours = sdflearn_means(args.sdflearn)

    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, mkldnn {torch.backends.mkldnn.is_available()}")
    print(f"{'layer':<28} {'pass':<15} {'PyTorch ms':>10} {'GFLOP/s':>8} {'SdfLearn ms':>11} {'GFLOP/s':>8} {'SdfLearn/PyTorch':>16}")
    with torch.no_grad():
        for name, *geometry in LAYERS:
            flops, calls = layer_calls(*geometry)
            for pass_name in PASSES:
                peer = median_seconds(calls[pass_name], args.seconds)
                line = f"{name:<28} {pass_name:<15} {peer * 1e3:10.2f} {flops / peer * 1e-9:8.1f}"
                if (name, pass_name) in ours:
                    mine = ours[(name, pass_name)]
                    line += f" {mine * 1e3:11.2f} {flops / mine * 1e-9:8.1f} {mine / peer:16.2f}"
                print(line, flush=True)


if __name__ == "__main__":
    main()
