#!/usr/bin/env bash
# SdfLearn's convolution kernels against PyTorch (CPU, 2 threads) on the reference layers, batch 64:
# runs the BenchmarkDotNet ConvolutionBenchmarks, then conv_peer.py times PyTorch and prints both side by side.
# Needs python3 with torch (Debian: python3-torch). Extra arguments go to BenchmarkDotNet.
set -euo pipefail
cd "$(dirname "$0")/../.."
artifacts=$(mktemp -d)
dotnet run -c Release --project SdfLearn.Benchmarks -- --filter '*ConvolutionBenchmarks*' \
  --exporters json --artifacts "$artifacts" "$@" >"$artifacts/bdn.log"
report=$(find "$artifacts" -name '*ConvolutionBenchmarks-report-full.json' | head -n 1)
python3 scripts/bench/conv_peer.py --threads 2 --sdflearn "$report"
