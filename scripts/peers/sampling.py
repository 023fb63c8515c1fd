"""Query points for implicit decoders, the same recipe as SdfLearn's default (QueryPointOptions):
DeepSDF-style near-surface sampling. For each point: with probability uniform_fraction a uniform point in the
pixel-centre square [-0.5, 0.5 - 1/S]^2; otherwise a random zero crossing of the field (found on grid edges by linear
interpolation) plus normal noise, sigma alternating wide / narrow by point index, clamped to the square. Values are
the field bilinearly interpolated between pixel centres (edge values beyond the outermost centres)."""
import numpy as np


def bilinear(sdf, rows, cols):
    s = sdf.shape[-1]
    u = np.clip((rows + 0.5) * s, 0, s - 1)
    v = np.clip((cols + 0.5) * s, 0, s - 1)
    i0 = np.minimum(u.astype(int), s - 2)
    j0 = np.minimum(v.astype(int), s - 2)
    a, b = u - i0, v - j0
    top = sdf[i0, j0] + b * (sdf[i0, j0 + 1] - sdf[i0, j0])
    bottom = sdf[i0 + 1, j0] + b * (sdf[i0 + 1, j0 + 1] - sdf[i0 + 1, j0])
    return (top + a * (bottom - top)).astype(np.float32)


def zero_crossings(sdf):
    s = sdf.shape[-1]
    coord = np.arange(s) / s - 0.5
    pts = []
    a, b = sdf[:, :-1], sdf[:, 1:]  # along columns
    mask = (a < 0) != (b < 0)
    i, j = np.nonzero(mask)
    t = a[mask] / (a[mask] - b[mask])
    pts.append(np.stack([coord[i], coord[j] + t / s], 1))
    a, b = sdf[:-1, :], sdf[1:, :]  # along rows
    mask = (a < 0) != (b < 0)
    i, j = np.nonzero(mask)
    t = a[mask] / (a[mask] - b[mask])
    pts.append(np.stack([coord[i] + t / s, coord[j]], 1))
    return np.concatenate(pts)


def sample_points(sdf, count, rng, wide=0.05, narrow=0.0158, uniform_fraction=0.05):
    """Returns coords [count, 2] (row, column) and values [count] for one S x S field."""
    s = sdf.shape[-1]
    hi = 0.5 - 1.0 / s
    surface = zero_crossings(sdf)
    k = np.arange(count)
    uniform = (rng.random(count) < uniform_fraction) | (len(surface) == 0)
    coords = rng.uniform(-0.5, hi, (count, 2))
    near = ~uniform
    if near.any():
        pick = surface[rng.integers(0, len(surface), near.sum())]
        sigma = np.where(k[near] % 2 == 0, wide, narrow)[:, None]
        coords[near] = np.clip(pick + sigma * rng.normal(size=(near.sum(), 2)), -0.5, hi)
    coords = coords.astype(np.float32)
    return coords, bilinear(sdf, coords[:, 0], coords[:, 1])
