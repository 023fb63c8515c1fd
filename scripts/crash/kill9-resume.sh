#!/usr/bin/env bash
# Crash test of checkpointing: trains a tiny model, kills it with SIGKILL (no chance to clean up) at a random moment
# several times, and after each kill resumes with --resume. Every resume must load the last checkpoint (written
# atomically, so never half a file) and leave no stale .checkpoint.safetensors.*.tmp beside it.
#   scripts/crash/kill9-resume.sh [kills (default 3)]
set -euo pipefail
cd "$(dirname "$0")/../.."
kills=${1:-3}
dotnet build samples/SdfLearn.Cli -c Release -v quiet -nologo >/dev/null
cli=samples/SdfLearn.Cli/bin/Release/net10.0/sdflearn
run=$(mktemp -d)
export SDFLEARN_CACHE_DIR="$run/cache"
args=(--model vae --out "$run/run" --epochs 200 --train-count 256 --resolution 16 --channels 4 --latent 4 --test-count 16)
resume=()
for i in $(seq 1 "$kills"); do
  "$cli" train "${args[@]}" "${resume[@]}" >"$run/log-$i.txt" 2>&1 &
  pid=$!
  sleep $((2 + RANDOM % 6))
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ -f "$run/run/checkpoint.safetensors" ] || { echo "kill $i: no checkpoint yet (the run was too slow to write one)"; continue; }
  resume=(--resume)
  echo "kill $i: $(grep -c "^epoch [0-9]*:" "$run/log-$i.txt" || true) epochs completed in this attempt"
done
"$cli" train "${args[@]}" --resume >"$run/final.txt" 2>&1 || { echo "resume failed:"; tail -5 "$run/final.txt"; exit 1; }
stale=$(find "$run/run" -name '.checkpoint.safetensors.*.tmp' | wc -l)
[ "$stale" -eq 0 ] || { echo "$stale stale temporaries left after resuming"; exit 1; }
echo "resumed after $kills kills; no stale temporaries; last lines:"
tail -3 "$run/final.txt"
rm -rf "$run"
