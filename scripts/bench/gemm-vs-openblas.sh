#!/usr/bin/env bash
# SdfLearn sgemm vs numpy/OpenBLAS (pthread build), side by side in one run. Usage:
#   scripts/bench/gemm-vs-openblas.sh [--sizes 512,1024] [--threads 1,2] [--layouts nn] [--rounds 7] [--seconds 0.4]
# Installs python3-numpy and libopenblas0-pthread if missing, builds the benchmarks, then runs gemm_peer.py.
set -euo pipefail
cd "$(dirname "$0")/../.."

# Debian's numpy belongs to Debian's python, whatever else is first on PATH.
python=/usr/bin/python3
if ! "$python" -c "import numpy" 2>/dev/null || ! ls /usr/lib/*/openblas-pthread/libblas.so.3 >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy libopenblas0-pthread >/dev/null
fi

# numpy links the generic libblas.so.3; make Debian's alternative point at OpenBLAS pthread, not at
# reference BLAS or another OpenBLAS flavour.
arch_dir=$(dirname "$(ls /usr/lib/*/openblas-pthread/libblas.so.3 | head -n 1)")
triplet=$(basename "$(dirname "$arch_dir")")
for lib in libblas.so.3 liblapack.so.3; do
  if update-alternatives --list "$lib-$triplet" >/dev/null 2>&1; then
    update-alternatives --quiet --set "$lib-$triplet" "$arch_dir/$lib"
  fi
done

dotnet build SdfLearn.Benchmarks -c Release -v quiet -nologo >/dev/null
"$python" scripts/bench/gemm_peer.py --sdflearn "dotnet SdfLearn.Benchmarks/bin/Release/net10.0/SdfLearn.Benchmarks.dll gemm-peer" "$@"
