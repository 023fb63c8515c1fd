#!/usr/bin/env bash
# Epoch time of `sdflearn train-shapes` at 1 and 2 ranks on this machine, one kernel thread per rank: COUNT random
# shapes (default 40, no bunny) for EPOCHS epochs (default 12) with the default auto-decoder (8 shapes of 512 points a
# step), the second rank started by scripts/mpi/mpirun.sh. Reads each epoch's training time from the run's
# metrics.json (epoch_seconds: the trainer's clock, sampling and pictures excluded) and prints the mean over the
# epochs after the first (which includes JIT compilation) and the ratio 1 rank / 2 ranks.
set -euo pipefail
count=${COUNT:-40}
epochs=${EPOCHS:-12}
source "$(dirname "$0")/prelude.sh"
args=(train-shapes --count "$count" --bunny "" --epochs "$epochs" --threads 1)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $count shapes, $epochs epochs, 1 thread per rank"
dotnet "$cli" "${args[@]}" --out "$work/1" </dev/null >/dev/null
RANKS=2 scripts/mpi/mpirun.sh dotnet "$cli" "${args[@]}" --out "$work/2" </dev/null >/dev/null
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/1/metrics.json" "$work/2/metrics.json" <<'PY'
import json, sys
runs = [json.load(open(path)) for path in sys.argv[1:]]
means = [sum(r["epoch_seconds"][1:]) / (len(r["epoch_seconds"]) - 1) for r in runs]
for ranks, (run, mean) in enumerate(zip(runs, means), 1):
    print(f"{ranks} rank(s): {mean:.3f} s/epoch after the first (first {run['epoch_seconds'][0]:.3f} s), final loss {run['final_loss']:.10g}")
print(f"speed-up (1 rank / 2 ranks per epoch): {means[0] / means[1]:.2f}")
PY
