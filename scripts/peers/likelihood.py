"""Gaussian decoder likelihoods for the VAEs, the same as SdfLearn's GaussianLikelihood (docs/training.md).

The negative log-likelihood of one sample's D values under N(prediction, sigma^2 I), in nats:
    NLL = D/2 log(2 pi) + D log(sigma) + SSE / (2 sigma^2)
with sigma fixed, learnt (one log-sigma parameter), or at its analytic optimum (sigma-VAE, Rybkin et al. 2021):
sigma*^2 = SSE / D per image ("optimal") or the batch's mean SSE / D ("optimal-batch"); gradients flow through
sigma*, and since dNLL/dlog(sigma) = 0 there, that changes nothing. "sse" is the legacy loss: SSE, not a likelihood."""
import math

import torch

LOG_2PI = math.log(2 * math.pi)
KINDS = ["sse", "fixed", "learnt", "optimal", "optimal-batch"]


def gaussian_nll(sse, values, log_sigma):
    """Per-sample NLL in nats from per-sample SSE [B] over `values` values and log sigma (scalar or [B])."""
    return 0.5 * values * LOG_2PI + values * log_sigma + 0.5 * sse * torch.exp(-2 * log_sigma)


class Likelihood(torch.nn.Module):
    """Holds the learnt log sigma (as `log_sigma`) when kind is "learnt"; otherwise no parameters."""

    def __init__(self, kind, sigma=1.0, min_sigma=1e-3):
        super().__init__()
        self.kind, self.sigma, self.min_log_sigma = kind, sigma, math.log(min_sigma)
        if kind == "learnt":
            self.log_sigma = torch.nn.Parameter(torch.tensor(math.log(sigma)))

    def log_sigma_of(self, sse, values):
        if self.kind == "fixed":
            return torch.tensor(math.log(self.sigma))
        if self.kind == "learnt":
            return self.log_sigma
        mean_square = sse / values if self.kind == "optimal" else sse.mean() / values
        return torch.clamp(0.5 * torch.log(mean_square), min=self.min_log_sigma)

    def forward(self, sse, values):
        """Per-sample reconstruction term [B]: NLL in nats, or the plain SSE for "sse"."""
        if self.kind == "sse":
            return sse
        return gaussian_nll(sse, values, self.log_sigma_of(sse, values))
