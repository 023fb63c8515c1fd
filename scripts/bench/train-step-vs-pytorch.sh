#!/usr/bin/env bash
# The whole training step (forward + backward + Adam) of the reference VAE and DeepSDF autoencoder at the benchmark
# shapes of docs/reference.md, SdfLearn against PyTorch on the same CPU with the same thread count (2 by default).
# Rounds alternate the sides (SdfLearn first in odd rounds, PyTorch first in even ones) so that the load of a shared
# machine falls on both; each round each side reports its median step time, and the table gives, per model, the
# median over rounds. Prints a markdown table on stdout; progress and the load average go to stderr.
#
# Usage: scripts/bench/train-step-vs-pytorch.sh [rounds=5] [warmup=3] [reps=5]
#        MODELS=vae,deepsdf-ae THREADS=2 to change the models or threads; other variables reach both sides
#        (OMP_WAIT_POLICY=PASSIVE keeps PyTorch's OpenMP threads from spinning on a loaded machine; docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-5} warmup=${2:-3} reps=${3:-5}
models=${MODELS:-vae,deepsdf-ae} threads=${THREADS:-2}
python=/usr/bin/python3 # Debian's python with python3-torch (a pyenv python3 on PATH may lack torch)

if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "installing python3-torch" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq python3-torch >&2 || { apt-get update -qq >&2 && apt-get install -y -qq python3-torch >&2; }
fi
# Debian's torch does its linear layers through the system libblas.so.3: say which one (reference BLAS would be slow;
# scripts/bench/gemm-vs-openblas.sh points it at OpenBLAS).
blas=$(readlink -f "$(ldconfig -p | awk '/libblas.so.3 .*x86-64|libblas.so.3 .*AArch64/ {print $NF; exit}')" 2>/dev/null || echo unknown)
echo "PyTorch's BLAS: $blas" >&2
dotnet build SdfLearn.Benchmarks -c Release --nologo -v quiet >&2
dll=SdfLearn.Benchmarks/bin/Release/net10.0/SdfLearn.Benchmarks.dll

load() { cut -d' ' -f1-3 /proc/loadavg; }
sdflearn() {
  dotnet "$dll" train-step-peer --models "$models" --warmup "$warmup" --reps "$reps" --threads "$threads" | sed 's/^/sdflearn /'
}
pytorch() {
  OPENBLAS_NUM_THREADS=$threads "$python" scripts/bench/train_step_peer.py --models "$models" --warmup "$warmup" --reps "$reps" --threads "$threads" | sed 's/^/pytorch /'
}

results=$(mktemp)
trap 'rm -f "$results"' EXIT
start_load=$(load)
echo "load average at start: $start_load" >&2
for round in $(seq 1 "$rounds"); do
  if (( round % 2 )); then sdflearn; pytorch; else pytorch; sdflearn; fi >>"$results"
  echo "round $round/$rounds done; load average $(load)" >&2
done

"$python" - "$results" "$rounds" "$warmup" "$reps" "$threads" "$start_load" "$(load)" "$blas" <<'PY'
import platform, statistics, sys
import torch
path, rounds, warmup, reps, threads, start_load, end_load, blas = sys.argv[1:]
times = {}
for line in open(path):
    side, model, seconds = line.split()
    times.setdefault(model, {}).setdefault(side, []).append(float(seconds))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
print(f"{cpu}, {threads} threads per side; {rounds} interleaved rounds of {warmup} warm-up + {reps} timed steps; "
      f"PyTorch {torch.__version__} (BLAS {blas}); load average {start_load} at start, {end_load} at end.\n")
print("| model | SdfLearn s/step | PyTorch s/step | ratio (PyTorch / SdfLearn) |")
print("|---|---:|---:|---:|")
for model, sides in times.items():
    ours, theirs = statistics.median(sides["sdflearn"]), statistics.median(sides["pytorch"])
    print(f"| {model} | {ours:.4f} | {theirs:.4f} | {theirs / ours:.2f} |")
print("\nPer round (s/step), SdfLearn / PyTorch:")
for model, sides in times.items():
    pairs = ", ".join(f"{a:.3f}/{b:.3f}" for a, b in zip(sides["sdflearn"], sides["pytorch"]))
    print(f"- {model}: {pairs}")
PY
