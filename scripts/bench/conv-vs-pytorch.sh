#!/usr/bin/env bash
# SdfLearn's convolution kernels against PyTorch (CPU, 2 threads) on the reference layers, batch 64, layer by layer
# in one run (SdfLearn.Benchmarks' `conv-peer` mode), with OpenBLAS's sgemm rate measured before each layer as the
# machine's yardstick. Needs a python3 with torch (Debian: python3-torch) and numpy; set PYTHON to choose the
# interpreter. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset for the peer (openblas-peer.sh); other variables,
# e.g. OMP_WAIT_POLICY=PASSIVE, reach PyTorch. Prints a markdown table.
# Usage: scripts/bench/conv-vs-pytorch.sh [--threads 2] [--seconds 1.0]
set -euo pipefail
cd "$(dirname "$0")/../.."
python=${PYTHON:-python3}
if ! "$python" -c 'import torch' 2>/dev/null && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  python=/usr/bin/python3 # Debian's torch lives in the system interpreter, not in a pyenv/venv one
fi
source scripts/bench/openblas-peer.sh
echo "OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-unset (active)}; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
dotnet build SdfLearn.Benchmarks -c Release -v quiet -nologo >/dev/null
"${peer[@]}" "$python" scripts/bench/conv_peer.py SdfLearn.Benchmarks/bin/Release/net10.0/SdfLearn.Benchmarks.dll "$@"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
