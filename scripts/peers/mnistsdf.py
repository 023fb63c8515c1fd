"""MNISTSDF for the PyTorch peer, written from the convention in docs (not from SdfLearn's code):
bilinear resize (align_corners=False), threshold >= 0.5, exact EDT between pixel centres,
sdf = d(to inside) - d(to outside), divided by S."""
import gzip
import struct

import numpy as np
import torch
import torch.nn.functional as F
from scipy.ndimage import distance_transform_edt


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    ndim = magic & 0xFF
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def to_sdf(images_u8, size=64):
    x = torch.from_numpy(images_u8.astype(np.float32) / 255.0)[:, None]
    x = F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False)[:, 0].numpy()
    out = np.empty((len(x), size, size), dtype=np.float32)
    for i, img in enumerate(x):
        inside = img >= 0.5
        if inside.all() or not inside.any():
            raise ValueError(f"digit {i} is all inside or all outside")
        # distance_transform_edt gives the distance to the nearest zero, i.e. to the nearest False.
        dist_to_inside = distance_transform_edt(~inside)
        dist_to_outside = distance_transform_edt(inside)
        out[i] = (dist_to_inside - dist_to_outside) / size
    return out


def pixel_coordinates(size=64):
    """(row, col) coordinates of pixel centres, i/S - 0.5, flattened row-major: [S*S, 2]."""
    r = np.arange(size, dtype=np.float32) / size - 0.5
    rr, cc = np.meshgrid(r, r, indexing="ij")
    return np.stack([rr.ravel(), cc.ravel()], axis=1)


def iou_inside(pred, target):
    """Mean over images of IoU of the inside regions (sdf < 0); an empty union counts as 1."""
    p = pred < 0
    t = target < 0
    inter = (p & t).reshape(len(p), -1).sum(1)
    union = (p | t).reshape(len(p), -1).sum(1)
    iou = np.where(union == 0, 1.0, inter / np.maximum(union, 1))
    return float(iou.mean())
