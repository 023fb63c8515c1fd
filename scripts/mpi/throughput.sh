#!/usr/bin/env bash
# Training throughput of each SDF model at 1 and 2 ranks on this machine, one kernel thread per rank: one epoch of
# TRAIN_COUNT fields (default 512) at global batch BATCH (default 64) through `sdflearn train`, the second rank started
# by scripts/mpi/mpirun.sh. Prints a markdown table: the epoch's training time (validation and evaluation excluded),
# fields per second, the speed-up, and the bytes each rank all-reduces per step (every parameter's gradient, 4 bytes).
# MODELS="vae ae-deepsdf" narrows the models.
set -euo pipefail
models=${MODELS:-vae vae-deepsdf ae-deepsdf autodecoder-deepsdf}
count=${TRAIN_COUNT:-512}
batch=${BATCH:-64}
source "$(dirname "$0")/prelude.sh"

# One run: prints "<parameters> <epoch seconds>".
measure() {
  local model=$1 ranks=$2 out="$work/$1-$2" log
  local args=(train --model "$model" --epochs 1 --train-count "$count" --batch-size "$batch" --test-count 2 --threads 1 --out "$out")
  if [ "$ranks" = 1 ]; then log=$(dotnet "$cli" "${args[@]}" </dev/null 2>&1); else log=$(RANKS=$ranks scripts/mpi/mpirun.sh dotnet "$cli" "${args[@]}" </dev/null 2>&1); fi
  local parameters seconds
  parameters=$(tr '\n' ' ' <<<"$log" | grep -oE '[0-9,]+ parameters' | head -n1 | tr -dc '0-9')
  seconds=$(awk -F, 'END { print $NF }' "$out/history.csv" 2>/dev/null) # the epoch's training time: the last column of the run's history
  [ -n "$seconds" ] && [ -n "$parameters" ] || { echo "no epoch time for $model at $ranks rank(s):" >&2; echo "$log" >&2; exit 1; }
  echo "$parameters $seconds"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $count fields, batch $batch, 1 thread per rank"
echo
echo "| model | parameters | bytes all-reduced per step | 1 rank: s/epoch, fields/s | 2 ranks: s/epoch, fields/s | speed-up |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for model in $models; do
  read -r parameters one < <(measure "$model" 1)
  read -r _ two < <(measure "$model" 2)
  awk -v m="$model" -v p="$parameters" -v a="$one" -v b="$two" -v n="$count" 'BEGIN {
    printf "| %s | %d | %d | %.1f s, %.0f | %.1f s, %.0f | %.2f |\n", m, p, 4 * p, a, n / a, b, n / b, a / b }'
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
