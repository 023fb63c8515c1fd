"""Query points for implicit decoders: uniform points and near-surface points, SDF bilinearly interpolated."""
import numpy as np


def bilinear(sdf, rows, cols):
    """sdf [S,S]; rows, cols in grid coordinates [-0.5, 0.5) -> values at those points (edges clamped)."""
    s = sdf.shape[-1]
    fr = np.clip((rows + 0.5) * s, 0, s - 1)
    fc = np.clip((cols + 0.5) * s, 0, s - 1)
    r0 = np.minimum(np.floor(fr).astype(int), s - 2)
    c0 = np.minimum(np.floor(fc).astype(int), s - 2)
    tr, tc = fr - r0, fc - c0
    v00, v01 = sdf[r0, c0], sdf[r0, c0 + 1]
    v10, v11 = sdf[r0 + 1, c0], sdf[r0 + 1, c0 + 1]
    return (v00 * (1 - tr) * (1 - tc) + v01 * (1 - tr) * tc + v10 * tr * (1 - tc) + v11 * tr * tc).astype(np.float32)


def sample_points(sdf, count, near_fraction, rng, band=2.0, jitter=1.0):
    """count points for one shape: (1-near_fraction) uniform in [-0.5,0.5)^2, the rest near the zero set
    (pixels with |sdf| < band/S, jittered by a normal of jitter/S). Returns coords [count,2], values [count]."""
    s = sdf.shape[-1]
    n_near = int(round(count * near_fraction))
    n_uni = count - n_near
    rows = rng.uniform(-0.5, 0.5, n_uni)
    cols = rng.uniform(-0.5, 0.5, n_uni)
    near = np.flatnonzero(np.abs(sdf.ravel()) < band / s)
    pick = near[rng.integers(0, len(near), n_near)]
    nr = (pick // s) / s - 0.5 + rng.normal(0, jitter / s, n_near)
    nc = (pick % s) / s - 0.5 + rng.normal(0, jitter / s, n_near)
    rows = np.clip(np.concatenate([rows, nr]), -0.5, 0.5 - 1.0 / s)
    cols = np.clip(np.concatenate([cols, nc]), -0.5, 0.5 - 1.0 / s)
    coords = np.stack([rows, cols], 1).astype(np.float32)
    return coords, bilinear(sdf, rows, cols)
