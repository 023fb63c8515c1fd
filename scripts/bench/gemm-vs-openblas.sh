#!/usr/bin/env bash
# SdfLearn sgemm vs numpy/OpenBLAS (pthread build), side by side in one run. Usage:
#   scripts/bench/gemm-vs-openblas.sh [--sizes 512,1024] [--threads 1,2] [--layouts nn] [--rounds 7] [--seconds 0.4] [--processes 1]
# Installs python3-numpy and libopenblas0-pthread if missing, builds the benchmarks, then runs gemm_peer.py with
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (openblas-peer.sh); the table's header names the OpenBLAS kernel.
set -euo pipefail
cd "$(dirname "$0")/../.."

# Debian's numpy belongs to Debian's python, whatever else is first on PATH.
python=/usr/bin/python3
source scripts/bench/openblas-peer.sh

dotnet build SdfLearn.Benchmarks -c Release -v quiet -nologo >/dev/null
"${peer[@]}" "$python" scripts/bench/gemm_peer.py --sdflearn "dotnet SdfLearn.Benchmarks/bin/Release/net10.0/SdfLearn.Benchmarks.dll gemm-peer" "$@"
