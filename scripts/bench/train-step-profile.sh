#!/usr/bin/env bash
# Where the time of a SdfLearn training step goes: for each model, the phase breakdown of train-step-peer --profile
# (forward, zero-grad, backward, Adam, allocation), then a `perf` sampling profile of the same run with every sample
# put in one bucket (GEMM microkernel, GEMM packing, convolution data movement, activations, Adam, buffer zeroing,
# threading, ...) by the innermost matching frame of its call stack. Needs perf (linux-perf) and root or
# perf_event_paranoid <= 1 for call stacks. Samples include set-up and warm-up; use enough reps to dwarf them.
#
# Usage: scripts/bench/train-step-profile.sh [warmup=2] [reps=8]   (env MODELS=vae,deepsdf-ae THREADS=2)
set -euo pipefail
cd "$(dirname "$0")/../.."
warmup=${1:-2} reps=${2:-8}
models=${MODELS:-vae,deepsdf-ae} threads=${THREADS:-2}
dotnet build SdfLearn.Benchmarks -c Release --nologo -v quiet >&2
dll=SdfLearn.Benchmarks/bin/Release/net10.0/SdfLearn.Benchmarks.dll
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Perf maps name the JIT-compiled methods; W^X double mapping would hide them from perf.
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0

for model in ${models//,/ }; do
  echo "## $model (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  perf record -q -g -F 499 -o "$work/perf.data" \
    dotnet "$dll" train-step-peer --models "$model" --warmup "$warmup" --reps "$reps" --threads "$threads" --profile
  perf script -i "$work/perf.data" 2>/dev/null >"$work/perf.txt"
  /usr/bin/python3 - "$work/perf.txt" <<'PY'
import collections, sys

# (bucket, substrings of a frame): a sample goes to the bucket of its innermost frame that matches one (leaf first).
BUCKETS = [
    ("GEMM microkernel", ["GemmMicroKernel"]),
    ("GEMM packing and driver", ["GemmPacking", "SharedPackedB", "GemmDriver", "SimpleGemm", "PackingBuffer"]),
    ("direct convolution microkernel", ["DirectConvKernel"]),
    ("conv data movement (im2col, col2im, padding, layout, bias)", ["Im2Col", "ColumnLayout", "ChannelBias", "ImageGroups", "ToChannelMajor",
                                                                  "DirectConv", "PixelsToChannels", "ChannelsToPixels", "InputGradientPhase"]),
    ("activations (GELU, ReLU, tanh kernels)", ["GeluTanhKernel", "GeluErfKernel", "ReluKernel", "TanhKernel"]),
    ("optimiser (Adam, zero-grad)", ["SdfLearn.Nn.Optimizers"]),
    ("page faults on fresh memory", ["clear_page", "exc_page_fault", "do_anonymous_page"]),
    ("zeroing gradient buffers", ["RentZeroed", "GradAccumulator"]),
    ("other autodiff ops (copies, adds, losses)", ["SdfLearn.Autodiff"]),
    ("model set-up (init, random batch)", ["SdfLearn.Nn.Initialization", "SeededRandom", "TrainingStep::Create"]),
    ("threading (worker pool, waits, switches)", ["WorkerPool", "System.Threading", "finish_task_switch", "futex", "schedule"]),
]
counts, total, frames = collections.Counter(), 0, []

def flush():
    global total
    if not frames: return
    total += 1
    bucket = next((name for f in frames for name, keys in BUCKETS if any(k in f for k in keys)), "other (runtime, JIT, GC, kernel)")
    counts[bucket] += 1

for line in open(sys.argv[1], errors="replace"):
    if not line.strip():
        flush(); frames = []
    elif line[0].isspace():
        frames.append(line.strip())
flush()
print(f"\n| where (perf samples, {total} in all) | share |\n|---|---:|")
for name, n in counts.most_common():
    print(f"| {name} | {100 * n / total:.1f} % |")
print()
PY
done
