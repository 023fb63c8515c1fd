#!/usr/bin/python3
"""The OpenBLAS yardstick of the side-by-side scripts: which OpenBLAS this process loaded (through numpy, or through
torch's libblas.so.3), which kernel it runs (openblas_get_corename), and its sgemm rate on this machine right now.

As a module: library(), describe(), sgemm_gflops(threads, size, seconds). As a command it prints
`sgemm <GFLOP/s>` on stdout and the description on stderr:
    openblas_rate.py [--threads 2] [--size 1024] [--seconds 1.0]
The calling scripts run it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (a machine that sets them, e.g. to
Haswell, makes OpenBLAS run its AVX2 kernels); tests and CI never change them.
"""
import argparse
import ctypes
import statistics
import sys
import time

import numpy as np


def library():
    """(path, ctypes handle) of the OpenBLAS in this process's memory map; exits if the BLAS is not OpenBLAS."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line and "/" in line}
    for path in sorted(paths):
        handle = ctypes.CDLL(path)
        if hasattr(handle, "openblas_set_num_threads"):
            handle.openblas_get_config.restype = ctypes.c_char_p
            handle.openblas_get_corename.restype = ctypes.c_char_p
            return path, handle
    sys.exit(f"the BLAS loaded is not OpenBLAS (loaded BLAS libraries: {sorted(paths) or 'none'})")


def describe():
    """e.g. `/usr/lib/.../libopenblasp-r0.3.21.so: OpenBLAS 0.3.21 DYNAMIC_ARCH ... (kernel SkylakeX)`."""
    path, handle = library()
    return f"{path}: {handle.openblas_get_config().decode()} (kernel {handle.openblas_get_corename().decode()})"


def sgemm_gflops(threads=2, size=1024, seconds=1.0):
    """Median GFLOP/s of single float32 size^3 products on `threads` OpenBLAS threads over about `seconds`."""
    _, handle = library()
    handle.openblas_set_num_threads(threads)
    rng = np.random.default_rng(1)
    a = rng.uniform(-1, 1, (size, size)).astype(np.float32)
    b = rng.uniform(-1, 1, (size, size)).astype(np.float32)
    out = np.empty((size, size), np.float32)
    np.matmul(a, b, out=out)
    samples, start = [], time.perf_counter()
    while len(samples) < 3 or time.perf_counter() - start < seconds:
        t0 = time.perf_counter()
        np.matmul(a, b, out=out)
        samples.append(time.perf_counter() - t0)
    return 2.0 * size ** 3 / statistics.median(samples) * 1e-9


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--size", type=int, default=1024)
    parser.add_argument("--seconds", type=float, default=1.0)
    args = parser.parse_args()
    rate = sgemm_gflops(args.threads, args.size, args.seconds)
    print(f"OpenBLAS {describe()}", file=sys.stderr)
    print(f"sgemm {rate:.1f}")


if __name__ == "__main__":
    main()
