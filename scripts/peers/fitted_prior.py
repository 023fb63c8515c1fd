"""The VAEs' fitted mixture prior, as SdfLearn's FittedMixturePrior: K full-covariance Gaussians that EM refits to the
posteriors of training digits after every epoch (LatentMixture.Fit with variances: each M-step adds the
responsibility-weighted posterior variance to the covariance's diagonal), while the KL term is the one-sample Monte
Carlo estimate log q(z|x) - log p(z). EM is in float64 with SdfLearn's rules: k-means++ means, every covariance
starting at the codes' covariance (plus their mean variance), a ridge of 1e-6, stop when the mean log-likelihood
moves by less than 1e-2 nats per code or after 100 M-steps. The k-means++ draws are numpy's, not SdfLearn's."""
import math

import numpy as np
import torch

RIDGE, MAX_ITERATIONS, TOLERANCE, MINIMUM_WEIGHT = 1e-6, 100, 1e-2, 1e-30


def kmeans_plus_plus(codes, k, rng):
    chosen = [int(rng.integers(len(codes)))]
    nearest = np.full(len(codes), np.inf)
    for _ in range(1, k):
        nearest = np.minimum(nearest, ((codes - codes[chosen[-1]]) ** 2).sum(1))
        total = nearest.sum()
        chosen.append(int(rng.choice(len(codes), p=nearest / total)) if total > 0 else int(rng.integers(len(codes))))
    return chosen


def log_gaussians(codes, means, choleskys):
    """log N(x_n; mu_k, L_k L_k^T) as [N, K]."""
    d = codes.shape[1]
    out = np.empty((len(codes), len(means)))
    for k, (mean, chol) in enumerate(zip(means, choleskys)):
        solved = np.linalg.solve(chol, (codes - mean).T)  # L^-1 (x - mu), [d, N]
        out[:, k] = -0.5 * (solved ** 2).sum(0) - np.log(np.diag(chol)).sum() - 0.5 * d * math.log(2 * math.pi)
    return out


def fit_mixture(codes, variances, k, seed):
    """EM over Gaussian posteriors N(codes, variances), each [N, L]; returns weights [K], means [K, L], Cholesky factors [K, L, L]."""
    n, d = codes.shape
    centred = codes - codes.mean(0)
    start = centred.T @ centred / n + np.diag(RIDGE + variances.mean(0))
    means = codes[kmeans_plus_plus(codes, k, np.random.default_rng(seed))]
    choleskys = np.stack([np.linalg.cholesky(start)] * k)
    weights = np.full(k, 1.0 / k)
    previous = None
    for iteration in range(MAX_ITERATIONS + 1):
        with np.errstate(divide="ignore"):  # a component without weight claims nothing
            joint = log_gaussians(codes, means, choleskys) + np.log(weights)
        top = joint.max(1, keepdims=True)
        log_likelihood = top[:, 0] + np.log(np.exp(joint - top).sum(1))
        mean_log_likelihood = log_likelihood.mean()
        if (previous is not None and abs(mean_log_likelihood - previous) < TOLERANCE) or iteration == MAX_ITERATIONS:
            break
        previous = mean_log_likelihood
        shares = np.exp(joint - log_likelihood[:, None])  # responsibilities [N, K]
        counts = shares.sum(0)
        weights = counts / n
        for c in np.nonzero(counts)[0]:
            share = shares[:, c]
            means[c] = share @ codes / counts[c]
            dev = codes - means[c]
            cov = (dev * share[:, None]).T @ dev / counts[c] + np.diag(RIDGE + share @ variances / counts[c])
            choleskys[c] = np.linalg.cholesky(cov)
    return weights, means, choleskys


class FittedMixturePrior:
    """Until the first refit every component is N(0, I) with weight 1/K."""

    def __init__(self, components, dimension):
        self.components, self.dimension = components, dimension
        self._set(np.full(components, 1.0 / components), np.zeros((components, dimension)), np.stack([np.eye(dimension)] * components))

    def _set(self, weights, means, choleskys):
        kept = np.maximum(weights, MINIMUM_WEIGHT)  # a component EM left without codes keeps a finite log-weight
        self.weights = kept / kept.sum()
        self.means, self.choleskys = means, choleskys
        whitening = np.linalg.inv(choleskys)  # W_k = L_k^-1, so |W_k (z - mu_k)|^2 is the Mahalanobis distance
        self._whitening = torch.from_numpy(whitening.astype(np.float32))
        self._offsets = torch.from_numpy(-np.einsum("kij,kj->ki", whitening, means).astype(np.float32))
        constants = np.log(self.weights) + np.log(np.diagonal(whitening, axis1=1, axis2=2)).sum(1) - 0.5 * self.dimension * math.log(2 * math.pi)
        self._constants = torch.from_numpy(constants.astype(np.float32))

    def buffers(self, prefix="prior."):
        """The mixture under SdfLearn's buffer names: means [K, L], whitening [K, L, L] (W_k = L_k^-1), log_weights [K]."""
        return {prefix + "means": self.means, prefix + "whitening": self._whitening.numpy(), prefix + "log_weights": np.log(self.weights)}

    def refit(self, codes, variances, seed):
        self._set(*fit_mixture(codes.astype(np.float64), variances.astype(np.float64), self.components, seed))

    def log_density(self, z):
        """log p(z) [B] of codes z [B, L], differentiable in z."""
        whitened = torch.einsum("kij,bj->bki", self._whitening, z) + self._offsets
        return torch.logsumexp(self._constants - 0.5 * whitened.pow(2).sum(-1), dim=1)

    def sample(self, count, rng):
        picks = rng.choice(self.components, size=count, p=self.weights)
        eps = rng.normal(size=(count, self.dimension))
        return torch.from_numpy((self.means[picks] + np.einsum("nij,nj->ni", self.choleskys[picks], eps)).astype(np.float32))


def log_posterior(z, mu, logvar):
    """log q(z | x) [B] under N(mu, exp(logvar))."""
    return -0.5 * ((z - mu).pow(2) / logvar.exp() + logvar + math.log(2 * math.pi)).sum(1)
