#!/usr/bin/env bash
# The whole training step (forward + backward + Adam) of the reference VAE and DeepSDF autoencoder at the benchmark
# shapes of docs/reference.md, the DeepSDF decoder's eikonal step (a loss on its coordinate gradient, so a double
# backward), and the DeepSDF decoder's inference (65,536 points of one shape per call, no gradients),
# SdfLearn against PyTorch on the same CPU with the same thread count (2 by default).
# Rounds alternate the sides (SdfLearn first in odd rounds, PyTorch first in even ones) so that the load of a shared
# machine falls on both; each round each side reports its median step time, and OpenBLAS's sgemm rate (1024^3, same
# threads) is measured before the first round and after every round. The table gives, per model, the median over
# rounds, the effective GFLOP/s of each side (FLOP counts derived in docs/benchmarks.md), the sgemm rate and
# SdfLearn's share of it, and points/s for inference. Prints a markdown table on stdout; progress, the OpenBLAS
# kernel and the load average go to stderr.
#
# Usage: scripts/bench/train-step-vs-pytorch.sh [rounds=5] [warmup=3] [reps=5]
#        MODELS=vae,deepsdf-ae,deepsdf-eikonal,deepsdf-infer THREADS=2 to change the models or threads; other variables reach both
#        sides (OMP_WAIT_POLICY=PASSIVE keeps PyTorch's OpenMP threads from spinning on a loaded machine;
#        docs/benchmarks.md). OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset for the peer (openblas-peer.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-5} warmup=${2:-3} reps=${3:-5}
models=${MODELS:-vae,deepsdf-ae,deepsdf-eikonal,deepsdf-infer} threads=${THREADS:-2}
python=/usr/bin/python3 # Debian's python with python3-torch (a pyenv python3 on PATH may lack torch)

if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "installing python3-torch" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq python3-torch >&2 || { apt-get update -qq >&2 && apt-get install -y -qq python3-torch >&2; }
fi
source scripts/bench/openblas-peer.sh
# Debian's torch does its linear layers through the system libblas.so.3 (OpenBLAS, see openblas-peer.sh).
blas=$("${peer[@]}" "$python" -c 'import sys, torch; sys.path.insert(0, "scripts/bench"); import openblas_rate; print(openblas_rate.describe())')
echo "PyTorch's BLAS: $blas" >&2
echo "OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-unset (active)}" >&2
dotnet build SdfLearn.Benchmarks -c Release --nologo -v quiet >&2
dll=SdfLearn.Benchmarks/bin/Release/net10.0/SdfLearn.Benchmarks.dll

load() { cut -d' ' -f1-3 /proc/loadavg; }
sdflearn() {
  dotnet "$dll" train-step-peer --models "$models" --warmup "$warmup" --reps "$reps" --threads "$threads" | sed 's/^/sdflearn /'
}
pytorch() {
  OPENBLAS_NUM_THREADS=$threads "${peer[@]}" "$python" scripts/bench/train_step_peer.py --models "$models" --warmup "$warmup" --reps "$reps" --threads "$threads" | sed 's/^/pytorch /'
}

results=$(mktemp)
trap 'rm -f "$results"' EXIT
start_load=$(load)
echo "load average at start: $start_load" >&2
echo "sgemm x $(sgemm_rate "$threads")" >>"$results"
for round in $(seq 1 "$rounds"); do
  if (( round % 2 )); then sdflearn; pytorch; else pytorch; sdflearn; fi >>"$results"
  echo "sgemm x $(sgemm_rate "$threads")" >>"$results"
  echo "round $round/$rounds done; load average $(load)" >&2
done

"$python" - "$results" "$rounds" "$warmup" "$reps" "$threads" "$start_load" "$(load)" "$blas" <<'PY'
import platform, statistics, sys
import torch
path, rounds, warmup, reps, threads, start_load, end_load, blas = sys.argv[1:]


def step_flops(model):
    """FLOPs of one step (docs/benchmarks.md, "FLOP counts"): 2 per multiply-add of the convolutions and linear
    layers; a training step is the forward pass plus two products per layer backward (input and weight gradient),
    less the first convolution's input gradient (the images need none). Element-wise work is left out."""
    batch, c, s = 64, 32, 64
    conv = lambda cin, cout, pixels: cin * cout * 9 * pixels   # multiply-adds per image; pixels of the working side
    encoder = [conv(1, c, 32 * 32), conv(c, c, 32 * 32), conv(c, 2 * c, 16 * 16), conv(2 * c, 2 * c, 16 * 16),
               conv(2 * c, 2 * c, 8 * 8)]
    decoder = [conv(2 * c, 2 * c, 8 * 8), conv(2 * c, 2 * c, 16 * 16), conv(2 * c, c, 16 * 16), conv(c, c, 32 * 32),
               conv(c, 1, 32 * 32)]
    flat = 2 * c * (s // 8) ** 2
    h, d_in = 256, 32 + 2
    mlp = [d_in * h, h * h, h * (h - d_in), h * h, h * h, h * 1]   # DeepSDF decoder, per query point
    if model == "vae":
        macs = sum(encoder) + flat * 64 + 32 * flat + sum(decoder)
        return 2 * batch * (3 * macs - encoder[0])
    if model == "deepsdf-ae":
        encoder_macs = sum(encoder) + flat * 32
        return 2 * batch * (3 * encoder_macs - encoder[0]) + 2 * 3 * sum(mlp) * batch * 512
    if model == "deepsdf-eikonal":
        # forward, the gradient's pass back (every layer's g W, down to all L + d query columns), and the loss's backward
        # through both: two products per forward layer (less the first layer's input gradient: the queries are
        # constants) and two per product of the gradient's pass (w.r.t. g and W); 16 shapes x 512 points.
        return 2 * (6 * sum(mlp) - d_in * h) * 16 * 512
    if model == "deepsdf-infer":
        return 2 * sum(mlp) * 65536
    return None


times, sgemm = {}, []
for line in open(path):
    side, model, value = line.split()
    if side == "sgemm":
        sgemm.append(float(value))
    else:
        times.setdefault(model, {}).setdefault(side, []).append(float(value))
rate = statistics.median(sgemm)
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
print(f"{cpu}, {threads} threads per side; {rounds} interleaved rounds of {warmup} warm-up + {reps} timed steps; "
      f"PyTorch {torch.__version__} (BLAS {blas}); load average {start_load} at start, {end_load} at end.\n")
print(f"OpenBLAS sgemm 1024^3, {threads} threads, measured {len(sgemm)} times in this run: median {rate:.1f} GFLOP/s "
      f"(range {min(sgemm):.1f}-{max(sgemm):.1f}).\n")
print("| model | GFLOP per step | SdfLearn s/step | PyTorch s/step | ratio (PyTorch / SdfLearn) | SdfLearn GFLOP/s "
      "| PyTorch GFLOP/s | sgemm GFLOP/s | SdfLearn / sgemm | points/s SdfLearn | points/s PyTorch |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for model, sides in times.items():
    ours, theirs = statistics.median(sides["sdflearn"]), statistics.median(sides["pytorch"])
    flops = step_flops(model)
    points = ("", "") if model != "deepsdf-infer" else (f"{65536 / ours:,.0f}", f"{65536 / theirs:,.0f}")
    print(f"| {model} | {flops * 1e-9:.2f} | {ours:.4f} | {theirs:.4f} | {theirs / ours:.2f} | {flops / ours * 1e-9:.1f} "
          f"| {flops / theirs * 1e-9:.1f} | {rate:.1f} | {flops / ours * 1e-9 / rate:.2f} | {points[0]} | {points[1]} |")
print("\nPer round (s/step), SdfLearn / PyTorch:")
for model, sides in times.items():
    pairs = ", ".join(f"{a:.3f}/{b:.3f}" for a, b in zip(sides["sdflearn"], sides["pytorch"]))
    print(f"- {model}: {pairs}")
print(f"- sgemm GFLOP/s: {', '.join(f'{r:.1f}' for r in sgemm)}")
PY
