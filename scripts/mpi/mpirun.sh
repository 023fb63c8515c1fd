#!/usr/bin/env bash
# Runs a command under Open MPI's mpirun on this machine, e.g.
#   RANKS=2 scripts/mpi/mpirun.sh dotnet samples/SdfLearn.Cli/bin/Release/net10.0/sdflearn.dll train --threads 1 ...
# with the options a container or CI needs (root consent; more ranks than cores only when asked for, since
# oversubscribing makes waiting ranks yield the core and adds latency; no core binding, so --threads > 1 can use more
# than one core; MPI_ARGS for more, e.g. "--mca btl_vader_single_copy_mechanism none" where a container forbids the
# kernel-assisted shared-memory copy), and makes Ctrl+C a clean stop: mpirun itself
# would kill the ranks a second after sending them SIGTERM, so mpirun runs in its own session and Ctrl+C (or SIGTERM
# to this script) becomes SIGUSR1, which mpirun forwards to every rank; SdfLearn's ranks then agree to stop after the
# current step, rank 0 writes a checkpoint, and all exit 0.
set -euo pipefail
ranks=${RANKS:-2}
options=(--bind-to none -np "$ranks")
[ "$(id -u)" = 0 ] && options+=(--allow-run-as-root)
[ "$ranks" -gt "$(nproc)" ] && options+=(--oversubscribe)
read -r -a extra <<<"${MPI_ARGS:-}"
options+=("${extra[@]}")
command -v mpirun >/dev/null || { echo "mpirun not found: install Open MPI (apt-get install openmpi-bin libopenmpi-dev)" >&2; exit 127; }

setsid mpirun "${options[@]}" "$@" &
job=$!
trap 'kill -USR1 "$job" 2>/dev/null || true' INT TERM
while :; do
  status=0
  wait "$job" || status=$?
  kill -0 "$job" 2>/dev/null || break # a trapped signal interrupts wait; wait again until mpirun is gone
done
exit "$status"
