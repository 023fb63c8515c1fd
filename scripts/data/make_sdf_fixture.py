#!/usr/bin/python3
"""Writes SdfLearn.Tests/Sdf/Data/Fixtures/sdf-scipy.json.gz: signed distance fields of a few digits of the
bundled sample, computed independently of SdfLearn with PyTorch's bilinear resize and scipy's exact EDT
(Debian's python3-scipy and python3-torch: `apt-get install python3-scipy python3-torch`).

Convention (docs/reference.md): x = bytes / 255, resized with F.interpolate(bilinear, align_corners=False),
inside = x >= 0.5, sdf = (distance to nearest inside pixel - distance to nearest outside pixel) / S.
Values are stored as float32 (shortest repr), one row-major list per digit and resolution.
"""
import gzip
import json
import os
import sys

import numpy as np
import scipy
import torch
import torch.nn.functional as F
from scipy.ndimage import distance_transform_edt

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SAMPLE = os.path.join(ROOT, "data", "mnist-sample", "sample-images-idx3-ubyte.gz")
OUT = os.path.join(ROOT, "SdfLearn.Tests", "Sdf", "Data", "Fixtures", "sdf-scipy.json.gz")
CASES = [(0, 64), (1, 64), (7, 64), (2, 28), (3, 32)]  # (index in the bundled sample, resolution)


def read_images(path):
    raw = gzip.open(path).read()
    magic, count, rows, cols = np.frombuffer(raw[:16], dtype=">i4")
    assert magic == 0x803, hex(magic)
    return np.frombuffer(raw[16:], dtype=np.uint8).reshape(count, rows, cols)


def sdf(image, size):
    x = torch.from_numpy(image.astype(np.float32) / 255.0)[None, None]
    resized = F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False)[0, 0].numpy()
    inside = resized >= 0.5
    to_inside = distance_transform_edt(~inside)   # distance of each outside pixel to the nearest inside pixel
    to_outside = distance_transform_edt(inside)   # distance of each inside pixel to the nearest outside pixel
    return ((to_inside - to_outside) / size).astype(np.float32), int(inside.sum())


def main():
    images = read_images(SAMPLE)
    cases = []
    for index, size in CASES:
        values, inside = sdf(images[index], size)
        cases.append({"index": index, "resolution": size, "insideCount": inside,
                      "sdf": [float(repr(np.float32(v))) for v in values.ravel()]})
    doc = {"generator": f"scipy {scipy.__version__}, torch {torch.__version__}, numpy {np.__version__}",
           "source": "data/mnist-sample/sample-images-idx3-ubyte.gz", "cases": cases}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(json.dumps(doc, separators=(",", ":")).encode())
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes): {[(c['index'], c['resolution'], c['insideCount']) for c in cases]}")


if __name__ == "__main__":
    sys.exit(main())
