#!/usr/bin/env bash
# SdfLearn's convolution kernels against PyTorch (CPU, 2 threads) on the reference layers, batch 64, layer by layer
# in one run (SdfLearn.Benchmarks' `conv-peer` mode). Needs a python3 with torch (Debian: python3-torch); set
# PYTHON to choose the interpreter. Prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")/../.."
python=${PYTHON:-python3}
if ! "$python" -c 'import torch' 2>/dev/null && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  python=/usr/bin/python3 # Debian's torch lives in the system interpreter, not in a pyenv/venv one
fi
dotnet build SdfLearn.Benchmarks -c Release -v quiet -nologo >/dev/null
"$python" scripts/bench/conv_peer.py SdfLearn.Benchmarks/bin/Release/net10.0/SdfLearn.Benchmarks.dll "$@"
