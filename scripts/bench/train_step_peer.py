"""PyTorch side of the training-step comparison: the reference benchmark shapes, forward + backward + Adam, the DeepSDF
decoder trained through its coordinate gradient (`deepsdf-eikonal`: eikonal + on-surface loss, double backward), and
the decoder's inference (`deepsdf-infer`: 65,536 points of one shape under no_grad per call).

Prints one line per model: `<name> <median seconds per step (or call)>`; run by scripts/bench/train-step-vs-pytorch.sh.
"""
import argparse
import os
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "peers"))
from models import ConvEncoder, DeepSdfDecoder, VanillaDecoder  # noqa: E402


def vae_step(batch, size, latent):
    enc, dec = ConvEncoder(2 * latent, size=size), VanillaDecoder(latent, size=size)
    opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=1e-3)
    x = torch.randn(batch, 1, size, size) * 0.1

    def step():
        h = enc(x)
        mu, logvar = h[:, :latent], h[:, latent:]
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        recon = (dec(z) - x).pow(2).flatten(1).sum(1).mean()
        kl = 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar).sum(1).mean()
        opt.zero_grad()
        (recon + kl).backward()
        opt.step()
    return step


def ae_step(batch, size, latent, points, hidden):
    enc, dec = ConvEncoder(latent, size=size), DeepSdfDecoder(latent, hidden=hidden)
    opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=1e-3)
    x = torch.randn(batch, 1, size, size) * 0.1
    coords = torch.rand(batch * points, 2) - 0.5
    target = torch.randn(batch * points, 1) * 0.1

    def step():
        z = enc(x)
        zr = z[:, None, :].expand(batch, points, latent).reshape(-1, latent)
        loss = (dec(zr, coords) - target).pow(2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    return step


def eikonal_loss(dec, z, coords):
    """SdfLosses.Eikonal + SdfLosses.OnSurface on the decoder's values and coordinate gradient (create_graph, so the
    loss backpropagates through the gradient): z [B, L] beside each of its coords [B, P, d]; the row norms clamp the
    squared norm at 1e-12 as SdfLearn's do."""
    b, p, d = coords.shape
    x = coords.reshape(b * p, d).requires_grad_(True)
    f = dec(z[:, None, :].expand(b, p, z.shape[1]).reshape(b * p, -1), x)
    (g,) = torch.autograd.grad(f, x, torch.ones_like(f), create_graph=True)
    norms = g.pow(2).sum(1).clamp(min=1e-12).sqrt()
    return (norms - 1).pow(2).mean() + f.abs().mean()


def eikonal_step(shapes, latent, points, hidden):
    """The DeepSDF decoder alone, trained on eikonal + on-surface loss (as SdfLearn's deepsdf-eikonal): 16 shapes x 512
    2-D points; latents and coordinates are constants, so the backward goes to the weights alone."""
    dec = DeepSdfDecoder(latent, hidden=hidden)
    params = list(dec.parameters())
    opt = torch.optim.Adam(params, lr=1e-3)
    z = torch.randn(shapes, latent) * 0.1
    coords = torch.rand(shapes, points, 2) - 0.5

    def step():
        loss = eikonal_loss(dec, z, coords)
        opt.zero_grad()
        loss.backward(inputs=params)
        opt.step()
    return step


def decoder_inference(latent, points, hidden):
    """The DeepSDF decoder alone under no_grad: one shape's latent beside `points` query coordinates (as meshing does)."""
    dec = DeepSdfDecoder(latent, hidden=hidden)
    z = torch.randn(1, latent)
    coords = torch.rand(points, 2) - 0.5

    def step():
        with torch.no_grad():
            dec(z.expand(points, latent), coords)
    return step


INFERENCE_POINTS = 65536  # as SdfLearn.Benchmarks' TrainingStep.InferencePoints


def median_time(step, warmup, reps):
    for _ in range(warmup):
        step()
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        step()
        times.append(time.perf_counter() - t)
    times.sort()
    return times[len(times) // 2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--models", default="vae,deepsdf-ae,deepsdf-eikonal")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    steps = {"vae": lambda: vae_step(64, 64, 32), "deepsdf-ae": lambda: ae_step(64, 64, 32, 512, 256),
             "deepsdf-eikonal": lambda: eikonal_step(16, 32, 512, 256),
             "deepsdf-infer": lambda: decoder_inference(32, INFERENCE_POINTS, 256)}
    for name in a.models.split(","):
        if name not in steps:
            sys.exit(f"unknown model '{name}'; expected one of: {', '.join(steps)}")
        step = steps[name]()
        print(f"{name} {median_time(step, a.warmup, a.reps):.6f}", flush=True)


if __name__ == "__main__":
    main()
