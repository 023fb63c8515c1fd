# Sourced by the side-by-side scripts in scripts/bench: makes Debian's libblas.so.3 (which numpy and Debian's torch
# load) point at OpenBLAS pthread, installing it and numpy if missing, and defines `peer`, the prefix of every peer
# command: it unsets OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE for that command alone (a machine that sets them, e.g. to
# Haswell, makes OpenBLAS run its AVX2 kernels instead of the best ones for the CPU). Tests and CI never unset them.
# Expects $python (Debian's /usr/bin/python3).
if ! "$python" -c "import numpy" 2>/dev/null || ! ls /usr/lib/*/openblas-pthread/libblas.so.3 >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy libopenblas0-pthread >&2
fi
openblas_dir=$(dirname "$(ls /usr/lib/*/openblas-pthread/libblas.so.3 | head -n 1)")
openblas_triplet=$(basename "$(dirname "$openblas_dir")")
for lib in libblas.so.3 liblapack.so.3; do
  if update-alternatives --list "$lib-$openblas_triplet" >/dev/null 2>&1; then
    update-alternatives --quiet --set "$lib-$openblas_triplet" "$openblas_dir/$lib"
  fi
done
peer=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
if [[ -n ${OPENBLAS_CORETYPE:-}${OPENBLAS_L2_SIZE:-} ]]; then
  echo "unsetting OPENBLAS_CORETYPE='${OPENBLAS_CORETYPE:-}' OPENBLAS_L2_SIZE='${OPENBLAS_L2_SIZE:-}' for the peer" >&2
fi
# The OpenBLAS yardstick in this run: `sgemm_rate THREADS` prints its size-1024 sgemm GFLOP/s (kernel on stderr).
sgemm_rate() { "${peer[@]}" "$python" scripts/bench/openblas_rate.py --threads "$1" --seconds "${SGEMM_SECONDS:-1}" | awk '{print $2}'; }
