#!/usr/bin/env python3
"""Reads SdfLearn checkpoints independently of the app, for the crash scripts.

  safetensors_check.py check FILE      whole, well-formed file: header inside it, tensors tiling the data exactly,
                                       every F32 finite, a training state whose history has one entry per epoch;
                                       prints the state's epoch, batch and step
  safetensors_check.py compare A B     the same tensors (names, dtypes, shapes, bytes) in both; metadata (timings,
                                       history) is ignored; prints how many tensors and bytes were compared
  safetensors_check.py kill-in-write FOLDER PID
                                       SIGKILLs PID as soon as a checkpoint temporary appears in FOLDER (at most 2 s,
                                       then anyway); prints whether it hit a write
Exits 1 with one line on the first problem.
"""
import json
import math
import os
import signal
import struct
import sys
import time
from array import array


def read(path):
    data = open(path, "rb").read()
    if len(data) < 8:
        raise ValueError(f"{path}: {len(data)} bytes, shorter than the header length")
    (length,) = struct.unpack_from("<Q", data, 0)
    if 8 + length > len(data):
        raise ValueError(f"{path}: header of {length} bytes runs past the end ({len(data)} bytes)")
    header = json.loads(data[8:8 + length])
    metadata = header.pop("__metadata__", {})
    body = data[8 + length:]
    tensors, end = {}, 0
    for name, info in sorted(header.items(), key=lambda item: item[1]["data_offsets"]):
        start, stop = info["data_offsets"]
        if start != end or stop < start:
            raise ValueError(f"{path}: tensor {name} at [{start}, {stop}) does not follow the previous one (ends at {end})")
        tensors[name] = (info["dtype"], info["shape"], body[start:stop])
        end = stop
    if end != len(body):
        raise ValueError(f"{path}: tensors cover {end} bytes of a {len(body)}-byte data section")
    return metadata, tensors


def check(path):
    metadata, tensors = read(path)
    for name, (dtype, _, raw) in tensors.items():
        if dtype == "F32" and not all(math.isfinite(v) for v in array("f", raw)):
            raise ValueError(f"{path}: tensor {name} holds a non-finite value")
    if metadata.get("format") != "sdflearn-checkpoint/1":
        raise ValueError(f"{path}: not an SdfLearn checkpoint")
    state = json.loads(metadata["state"], parse_constant=float)
    if len(state["History"]) != state["Epoch"]:
        raise ValueError(f"{path}: {len(state['History'])} epochs of history at epoch {state['Epoch']}")
    print(f"epoch {state['Epoch']} batch {state['Batch']} step {state['Step']}, {len(tensors)} tensors")


def compare(a, b):
    _, first = read(a)
    _, second = read(b)
    if first.keys() != second.keys():
        raise ValueError(f"tensor names differ: {sorted(first.keys() ^ second.keys())[:5]}")
    differing = [name for name in first if first[name] != second[name]]
    if differing:
        raise ValueError(f"{len(differing)} of {len(first)} tensors differ, e.g. {differing[:3]}")
    print(f"{len(first)} tensors, {sum(len(t[2]) for t in first.values()):,} bytes: identical")


def kill_in_write(folder, pid):
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        if os.path.isdir(folder) and any(name.startswith(".checkpoint.safetensors.") for name in os.listdir(folder)):
            break
    os.kill(int(pid), signal.SIGKILL)
    print("hit a write" if time.monotonic() < deadline else "no write seen")


if __name__ == "__main__":
    try:
        {"check": check, "compare": compare, "kill-in-write": kill_in_write}[sys.argv[1]](*sys.argv[2:])
    except (ValueError, KeyError, TypeError, json.JSONDecodeError, UnicodeDecodeError, OSError) as e:
        print(f"FAIL: {e}")
        sys.exit(1)
