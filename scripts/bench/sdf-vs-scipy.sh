#!/usr/bin/env bash
# Side by side: SdfLearn's MNISTSDF preprocessing vs PyTorch resize + scipy EDT, same digits (the bundled sample
# repeated to N), same convention, same number of cores. Prints both times and the ratio.
# Usage: scripts/bench/sdf-vs-scipy.sh [N=70000] [S=64] [THREADS=2]
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-70000}
size=${2:-64}
threads=${3:-2}
python=/usr/bin/python3

if ! "$python" -c "import numpy, scipy, torch" 2>/dev/null; then
  echo "installing the peer (Debian's python3-numpy python3-scipy python3-torch)..." >&2
  sudo=$([ "$(id -u)" -eq 0 ] || echo sudo)
  $sudo apt-get update -qq && $sudo apt-get install -y -qq python3-numpy python3-scipy python3-torch >/dev/null
fi

dotnet build SdfLearn.Benchmarks -c Release -v quiet -nologo >/dev/null
ours=$(dotnet SdfLearn.Benchmarks/bin/Release/net10.0/SdfLearn.Benchmarks.dll sdf-peer --count "$count" --resolution "$size" --threads "$threads" --repeat 3)
peer=$(OMP_NUM_THREADS=1 "$python" scripts/bench/sdf_peer.py --count "$count" --resolution "$size" --workers "$threads" --repeat 1)
echo "$ours"
echo "$peer"
seconds() { sed -E 's/.* seconds=([0-9.]+).*/\1/' <<<"$1"; }
cpu() { sed -E 's/.*cpu-seconds=([0-9.]+).*/\1/' <<<"$1"; }
checksum() { sed -E 's/.*checksum=([-0-9.]+).*/\1/' <<<"$1"; }
awk -v a="$(seconds "$ours")" -v b="$(seconds "$peer")" -v ua="$(cpu "$ours")" -v ub="$(cpu "$peer")" \
    -v ca="$(checksum "$ours")" -v cb="$(checksum "$peer")" 'BEGIN {
  printf "SdfLearn is %.1fx faster than torch+scipy in wall time (%.2f s vs %.2f s), %.1fx in CPU time (%.2f s vs %.2f s)\n",
    b / a, a, b, ub / ua, ua, ub
  printf "checksums %s vs %s (relative difference %.1e)\n", ca, cb, (ca - cb) / (cb == 0 ? 1 : cb) }'
