"""How digit-like generated fields are, as SdfLearn's SampleFidelity: a field is digit-like when its inside (value < 0)
is one 4-connected piece and overlaps some training digit (inside IoU) at least as well as 90% of held-out real test
digits do."""
import numpy as np
from scipy import ndimage

REAL_DIGIT_QUANTILE = 0.1


def nearest_iou(fields, references):
    """Per field [N, S, S], the largest inside IoU with any reference [M, S, S] (both empty counts as 1)."""
    a = (fields.reshape(len(fields), -1) < 0).astype(np.float32)
    b = (references.reshape(len(references), -1) < 0).astype(np.float32)
    intersection = a @ b.T  # exact: counts below 2^24
    union = a.sum(1)[:, None] + b.sum(1)[None, :] - intersection
    return np.where(union == 0, 1.0, intersection / np.maximum(union, 1)).max(1)


def pieces(field):
    return ndimage.label(field < 0)[1]  # scipy's default structure in 2-D is the 4-connected cross


def quantile(values, p):
    """The nearest-rank p-quantile, as SdfLearn's (ValueSpread, SampleFidelity.Quantile)."""
    v = np.sort(values)
    return v[min(max(int(np.ceil(p * len(v))) - 1, 0), len(v) - 1)]


def scores(fields, train, threshold):
    near = nearest_iou(fields, train)
    one = np.array([pieces(f) == 1 for f in fields])
    return {"digit_like": float((one & (near >= threshold)).mean()), "one_piece": float(one.mean()),
            "median_nearest_iou": float(quantile(near, 0.5))}


def digit_like(samples, train, test):
    """Scores of samples [N, S, S] and of as many real test digits, against the training digits, and the threshold."""
    real = test[:len(samples)]
    threshold = quantile(nearest_iou(real, train), REAL_DIGIT_QUANTILE)
    return {"threshold": float(threshold), "samples": scores(samples, train, threshold), "test_digits": scores(real, train, threshold)}
