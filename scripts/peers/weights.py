"""Model weights as safetensors files, shared with SdfLearn (`sdflearn train --init-weights`), through the
project's independent safetensors reader/writer."""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "interop"))
from safetensors_interop import write_tensors  # noqa: E402


def save_weights(module, path, buffers=None):
    """The module's state dict, plus named arrays (e.g. the fitted prior's buffers) SdfLearn keeps in its state dict."""
    tensors = {name: t.detach().numpy() for name, t in module.state_dict().items()} | (buffers or {})
    entries = [(name, "F32", tuple(t.shape), np.asarray(t).astype("<f4").tobytes()) for name, t in tensors.items()]
    write_tensors(path, entries, {"format": "pt", "producer": f"pytorch {torch.__version__} train_peer.py"})
