#!/usr/bin/env bash
# Crash test of checkpointing. Trains a tiny model whose epochs last about 30 ms, so a checkpoint is written every
# few tens of milliseconds; SIGKILLs it at random moments (1.2 to 3 s after each start; every other kill then waits
# for a checkpoint temporary to appear, to land mid-write) and resumes with --resume. After each kill the checkpoint must load (scripts/crash/safetensors_check.py reads
# every byte, and `sdflearn sample` loads it into the model), and the temporaries the killed process left must be
# gone once the next run has started. The resumed run's final weights (checkpoint.safetensors and best.safetensors)
# must equal an uninterrupted run's bit for bit. Then a SIGTERM case: the run saves, exits 130, and resuming it
# reaches the same final weights.
#   scripts/crash/kill9-resume.sh [kills (default 10)]
set -euo pipefail
cd "$(dirname "$0")/../.."
kills=${1:-10}
dotnet build samples/SdfLearn.Cli -c Release -v quiet -nologo >/dev/null
cli=samples/SdfLearn.Cli/bin/Release/net10.0/sdflearn
tool=scripts/crash/safetensors_check.py
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SDFLEARN_CACHE_DIR="$work/cache"
recipe=(--model vae --epochs 1000 --train-count 64 --batch-size 32 --resolution 16 --channels 2 --latent 2 --test-count 4 --threads 1 --seed 7)
fail() { echo "FAIL: $*"; exit 1; }
temporaries() { find "$1" -maxdepth 1 -name '.checkpoint.safetensors.*.tmp' -printf '%f\n' 2>/dev/null | sort; }

# The checkpoint of a run folder must be whole (the Python reader) and load into its model (the app).
loads() {
  python3 "$tool" check "$1/checkpoint.safetensors" || return 1
  rm -rf "$work/probe" && mkdir "$work/probe" && cp "$1/checkpoint.safetensors" "$work/probe/"
  "$cli" sample --run "$work/probe" --out "$work/probe/s.png" --rows 1 --columns 1 >"$work/probe/log.txt" 2>&1 \
    || { echo "sdflearn could not load it: $(tail -1 "$work/probe/log.txt")"; return 1; }
}

# The weights of two run folders must be identical tensor for tensor (the metadata's timings may differ).
same_weights() {
  for file in checkpoint.safetensors best.safetensors; do
    echo "  $file: $(python3 "$tool" compare "$1/$file" "$2/$file")"
    python3 "$tool" compare "$1/$file" "$2/$file" >/dev/null || return 1
  done
}

echo "uninterrupted reference run (${recipe[*]})"
"$cli" train "${recipe[@]}" --out "$work/reference" >"$work/reference.txt" 2>&1 || fail "the reference run: $(tail -1 "$work/reference.txt")"

run="$work/run" resume=() left="" corrupt=0 midwrite=0 survivors=0
for i in $(seq 1 "$kills"); do
  "$cli" train "${recipe[@]}" --out "$run" "${resume[@]}" >"$work/log-$i.txt" 2>&1 &
  pid=$!
  delay=$(awk -v r="$RANDOM" 'BEGIN { printf "%.2f", 1.2 + 1.8 * r / 32767 }')
  sleep "$delay"
  # Every other kill is aimed at a checkpoint write: it waits until a temporary appears (bash's polling is too slow).
  if [ $((i % 2)) -eq 1 ] && kill -0 "$pid" 2>/dev/null; then
    python3 "$tool" kill-in-write "$run" "$pid" >/dev/null
  else
    kill -KILL "$pid" 2>/dev/null || fail "kill $i: the run ended before the kill ($(tail -1 "$work/log-$i.txt")); use more epochs"
  fi
  wait "$pid" 2>/dev/null || true
  # The temporaries the previous killed process left must have been removed by this one's start.
  for name in $left; do [ -e "$run/$name" ] && survivors=$((survivors + 1)); done
  left=$(temporaries "$run")
  [ -n "$left" ] && midwrite=$((midwrite + 1))
  if [ ! -f "$run/checkpoint.safetensors" ]; then echo "kill $i after ${delay} s: no checkpoint yet"; continue; fi
  state=$(loads "$run") || { corrupt=$((corrupt + 1)); echo "kill $i: $state"; }
  echo "kill $i after ${delay} s: $state; temporaries left: $(echo -n "$left" | grep -c . || true)"
  resume=(--resume)
done
"$cli" train "${recipe[@]}" --out "$run" --resume >"$work/final.txt" 2>&1 || fail "the last resume: $(tail -1 "$work/final.txt")"
for name in $left; do [ -e "$run/$name" ] && survivors=$((survivors + 1)); done
[ -z "$(temporaries "$run")" ] || fail "temporaries after the last resume: $(temporaries "$run")"
echo "resumed run against the reference:"
same_weights "$run" "$work/reference" && identical=yes || identical=no
echo "SIGKILL: $kills kills, $midwrite left a temporary (killed mid-write), $corrupt corrupt checkpoints, $survivors stale temporaries survived the next start, bit-identical: $identical"

term="$work/term"
"$cli" train "${recipe[@]}" --out "$term" >"$work/term.txt" 2>&1 &
pid=$!
sleep 3
kill -TERM "$pid"
code=0
wait "$pid" || code=$?
state=$(loads "$term") || fail "SIGTERM: the checkpoint does not load: $state"
"$cli" train "${recipe[@]}" --out "$term" --resume >"$work/term-final.txt" 2>&1 || fail "resuming after SIGTERM: $(tail -1 "$work/term-final.txt")"
echo "SIGTERM run against the reference:"
same_weights "$term" "$work/reference" && term_identical=yes || term_identical=no
echo "SIGTERM: exit code $code (130 expected), saved at $state, bit-identical after resuming: $term_identical"
[ "$corrupt" -eq 0 ] && [ "$survivors" -eq 0 ] && [ "$identical" = yes ] && [ "$code" -eq 130 ] && [ "$term_identical" = yes ]
