#!/usr/bin/env python3
"""An independent safetensors reader/writer using only struct and json, to check SdfLearn's files interoperate.

  safetensors_interop.py write OUT.safetensors   writes the fixture SdfLearn's tests read
  safetensors_interop.py read IN.safetensors     prints the file as JSON: metadata, dtype, shape, values

The fixture's values follow simple formulas that the C# test recomputes:
  encoder.layers.0.weight  F32 [2, 1, 3, 3]  value[i] = i * 0.25 - 2
  encoder.layers.0.bias    F64 [2]           value[i] = 1 / (i + 3)
  step                     F32 []            7
Its header lists the tensors in a different order than their bytes, as the format allows.
"""
import json
import os
import struct
import sys

FORMATS = {"F32": ("f", 4), "F64": ("d", 8)}


def fixture():
    weight = [i * 0.25 - 2 for i in range(18)]
    bias = [1 / (i + 3) for i in range(2)]
    # (name, dtype, shape, values) in byte order: the scalar first, then the bias, then the weight.
    return [("step", "F32", [], [7.0]),
            ("encoder.layers.0.bias", "F64", [2], bias),
            ("encoder.layers.0.weight", "F32", [2, 1, 3, 3], weight)]


def write_tensors(path, entries, metadata):
    """Writes (name, dtype, shape, raw little-endian bytes) entries, their bytes in the given order, the header
    sorted by name; padded to 8 bytes. Writes to path + ".tmp" and renames, so no partial file is left."""
    header, data = {}, b""
    for name, dtype, shape, raw in entries:
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    ordered = {"__metadata__": metadata}
    for name in sorted(header):
        ordered[name] = header[name]
    text = json.dumps(ordered, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path + ".tmp", "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)
    os.replace(path + ".tmp", path)


def write(path):
    entries = [(name, dtype, shape, struct.pack("<%d%s" % (len(values), FORMATS[dtype][0]), *values))
               for name, dtype, shape, values in fixture()]
    write_tensors(path, entries, {"format": "pt", "producer": "scripts/interop/safetensors_interop.py"})


def read(path):
    with open(path, "rb") as f:
        blob = f.read()
    (length,) = struct.unpack_from("<Q", blob, 0)
    header = json.loads(blob[8:8 + length].decode("utf-8"))
    data = blob[8 + length:]
    out = {"metadata": header.pop("__metadata__", {}), "tensors": {}}
    for name, info in header.items():
        code, size = FORMATS[info["dtype"]]
        begin, end = info["data_offsets"]
        count = (end - begin) // size
        values = list(struct.unpack_from("<%d%s" % (count, code), data, begin))
        out["tensors"][name] = {"dtype": info["dtype"], "shape": info["shape"], "values": values}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("write", "read"):
        sys.exit(__doc__)
    (write if sys.argv[1] == "write" else read)(sys.argv[2])
