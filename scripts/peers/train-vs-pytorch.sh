#!/usr/bin/env bash
# Trains one model in SdfLearn and in PyTorch (scripts/peers/train_peer.py) with the same architecture, recipe, data
# and initial weights (PyTorch's, handed over as safetensors), one thread each, both at the same time; then prints a
# markdown table of the test metrics. Training uses the bundled 9,000 digits; the test set is the first N digits of
# the MNIST t10k files in MNIST_DIR.
#
# Usage: scripts/peers/train-vs-pytorch.sh vae|vae-deepsdf|ae-deepsdf MNIST_DIR [epochs=10] [test_count=1000] [out=runs/vs-pytorch]
#        TRAIN_COUNT=n trains on the first n bundled digits only (a quick look); SEED=n changes the seed of both sides;
#        POINTS=n sets the DeepSDF models' query points per digit on both sides (default 512; the main job uses 128).
# Both sides use the same likelihood, prior and schedule (the defaults: sigma at its batch optimum, the VAEs' prior a
# mixture of 20 Gaussians refitted to the posteriors after every epoch, cosine with 0.25 epochs of warm-up) and
# evaluate the last step's weights (--last-epoch; the peer keeps no best-validation epoch). Both score 128 prior
# samples for how digit-like they are.
# Seconds per epoch in the table are wall time with both sides sharing the machine; the step benchmark
# (scripts/bench/train-step-vs-pytorch.sh) is the speed comparison.
set -euo pipefail
cd "$(dirname "$0")/../.."
model=$1 mnist=$2 epochs=${3:-10} tests=${4:-1000} out=${5:-runs/vs-pytorch} count=${TRAIN_COUNT:-9000} seed=${SEED:-0} points=${POINTS:-512}
python=/usr/bin/python3 # Debian's python with python3-torch (a pyenv python3 on PATH may lack torch)
case $model in
  vae) peer_model=vae batch=32; peer_args=(--prior-matching 70) ;;
  vae-deepsdf) peer_model=vae-sdf batch=32; peer_args=(--kl-warmup-epochs 2 --uniform-fraction 0.5 --prior-matching 0 --points "$points") ;; # SdfLearn's defaults for it
  ae-deepsdf) peer_model=ae batch=16; peer_args=(--uniform-fraction 0.5 --ae-loss calibrated --points "$points") ;;
  *) echo "unknown model '$model' (vae, vae-deepsdf, ae-deepsdf)" >&2; exit 2 ;;
esac
test_images=$(ls "$mnist"/t10k-images-idx3-ubyte* 2>/dev/null | head -1)
[ -n "$test_images" ] || { echo "no t10k-images-idx3-ubyte(.gz) in $mnist" >&2; exit 2; }
if ! "$python" -c 'import torch, scipy' 2>/dev/null; then
  echo "installing python3-torch and python3-scipy" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq python3-torch python3-scipy >&2 || { apt-get update -qq >&2 && apt-get install -y -qq python3-torch python3-scipy >&2; }
fi
# The peer's commands run under "${peer[@]}" (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for it alone) with OpenMP
# threads that sleep rather than spin; train_peer.py sets OpenBLAS's threads to --threads and prints its kernel.
source scripts/bench/openblas-peer.sh
dotnet build samples/SdfLearn.Cli -c Release --nologo -v quiet >&2
mkdir -p "$out"
train=data/mnist-sample/sample-images-idx3-ubyte.gz
init="$out/$model-init.safetensors"
peer_run() { OMP_WAIT_POLICY=PASSIVE "${peer[@]}" "$python" scripts/peers/train_peer.py "$peer_model" --train "$train" --test "$test_images" --test-count "$tests" --threads 1 --seed "$seed" --batch "$batch" "$@" "${peer_args[@]}"; }

# PyTorch's initial weights (the seed fixes them; a run with --epochs 0 only writes them, and evaluates one test digit).
peer_run --epochs 0 --train-count 64 --test-count 1 --save-init "$init" > "$out/$model-init.log" 2>&1
grep '^OpenBLAS' "$out/$model-init.log" >&2 || true
peer_run --epochs "$epochs" --train-count "$count" --out "$out/$model-pytorch.json" > "$out/$model-pytorch.log" 2>&1 &
peer_pid=$!
ours_points=(); [ "$model" = vae ] || ours_points=(--points "$points")
samples/SdfLearn.Cli/bin/Release/net10.0/sdflearn train --model "$model" "${ours_points[@]}" --epochs "$epochs" --batch-size "$batch" --last-epoch --threads 1 --seed "$seed" --test-count "$tests" \
  --train-count "$count" --mnist-dir "$mnist" --init-weights "$init" --out "$out/$model-sdflearn" > "$out/$model-sdflearn.log" 2>&1
wait "$peer_pid"

"$python" - "$out/$model-sdflearn/metrics.json" "$out/$model-pytorch.json" <<'PY'
import json, sys
ours, theirs = (json.load(open(p)) for p in sys.argv[1:3])
def spread(s): return "[%.3f, %.3f], 1-99%%: [%.3f, %.3f], inside %.1f%%" % (s["min"], s["max"], s["p01"], s["p99"], 100 * s["inside_fraction"])
def like(f, source):  # share of prior samples, and of as many real test digits, that are digit-like
    return "-" if not f or not f.get(source) else "%.1f%% (real %.1f%%)" % (100 * f[source]["digit_like"], 100 * f["test_digits"]["digit_like"])
print("| %s, %d epochs, %d test digits | test MSE | test IoU | mean KL | reconstruction values | sample values | prior samples digit-like | s/epoch |" % (ours["model"], ours["epochs"], ours["test_count"]))
print("|---|---|---|---|---|---|---|---|")
print("| SdfLearn | %.3g | %.4f | %s | %s | %s | %s | %.0f |" % (ours["test_mse"], ours["test_iou"], "-" if ours["mean_kl"] is None else "%.2f" % ours["mean_kl"],
      spread(ours["reconstructions"]), "-" if ours["samples"] is None else spread(ours["samples"]), like(ours.get("sample_fidelity"), "prior"), ours["seconds_per_epoch"]))
print("| %s | %.3g | %.4f | %s | %s | %s | %s | %.0f |" % (theirs["framework"], theirs["test_mse"], theirs["test_iou"],
      "-" if theirs["mean_kl"] is None else "%.2f" % theirs["mean_kl"], spread(theirs["reconstructions"]),
      "-" if theirs["samples"] is None else spread(theirs["samples"]), like(theirs.get("sample_fidelity"), "samples"), theirs["seconds_per_epoch"]))
print("| data | | | | %s | | | |" % spread(ours["data"]))
PY
