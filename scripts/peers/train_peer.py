"""PyTorch peer of SdfLearn's experiments, same architecture and recipe, for side-by-side numbers.

  python3 train_peer.py vae      --train data/mnist-sample/sample-images-idx3-ubyte.gz --test t10k-images-idx3-ubyte.gz
  python3 train_peer.py vae-sdf  ...   (VAE with the DeepSDF decoder)
  python3 train_peer.py ae       ...   (Part II: conv encoder + DeepSDF decoder, MSE)
Prints one JSON line of metrics; --out writes it to a file too.
The recipe's defaults are SdfLearn's: the VAEs' Gaussian decoder with sigma at its batch optimum (--likelihood, --sigma;
likelihood.py), Adam under a cosine schedule after 0.25 epochs of warm-up (--lr-schedule, --warmup-epochs), and the
VAEs' prior a mixture of 20 Gaussians refitted to their posteriors after every epoch (--prior-components;
fitted_prior.py; 0 for N(0, I)). --ema evaluates an EMA of the weights; --ae-loss clamped-l1 trains the autoencoder
with DeepSDF's clamped L1. A VAE's prior samples are scored for how digit-like they are (fidelity.py).
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch

from fidelity import digit_like, quantile
from fitted_prior import FittedMixturePrior, log_posterior
from likelihood import KINDS, Likelihood
from mnistsdf import iou_inside, pixel_coordinates, read_idx, to_sdf
from models import ConvEncoder, DeepSdfDecoder, EncoderDecoder, VanillaDecoder
from sampling import sample_points
from weights import save_weights

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
import openblas_rate  # noqa: E402


def set_threads(threads):
    """torch.set_num_threads sets torch's OpenMP threads only; Debian's torch does its GEMMs (linear layers, im2col
    convolutions) in OpenBLAS through libblas.so.3, which keeps its own pool (all cores unless OPENBLAS_NUM_THREADS).
    With that pool on a machine shared with the other side, a 1-thread VAE step took 3x as long alone (more under load)."""
    torch.set_num_threads(threads)
    try:
        _, openblas = openblas_rate.library()
    except SystemExit as e:  # another BLAS (e.g. MKL in pip's torch) follows torch's thread count
        print(f"note: {e}", file=sys.stderr)
        return
    openblas.openblas_set_num_threads(threads)
    print(f"{openblas.openblas_get_config().decode()} (kernel {openblas.openblas_get_corename().decode()}), "
          f"{openblas.openblas_get_num_threads()} thread(s)", file=sys.stderr)


def prior_mismatch(z):
    """||mean||^2 + ||Cov - I||_F^2 of a batch of codes z [B, L] (SdfLearn's PriorMoments.Mismatch)."""
    mean = z.mean(0)
    centred = z - mean
    cov = centred.t() @ centred / (z.shape[0] - 1)
    return mean.pow(2).sum() + (cov - torch.eye(z.shape[1])).pow(2).sum()


def kl_per_sample(mu, logvar):
    return 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar).sum(1)


def refit_prior(prior, enc, fields, latent, seed, epoch, chunk=100):
    """Refits the prior to the posteriors (means, variances) the encoder gives the fields, as SdfLearn's PriorRefit."""
    with torch.no_grad():
        h = torch.cat([enc(torch.from_numpy(fields[i:i + chunk])[:, None]) for i in range(0, len(fields), chunk)]).numpy()
    prior.refit(h[:, :latent], np.exp(h[:, latent:]), [seed, epoch])


def value_spread(values):
    """Extremes, nearest-rank 1st/99th percentiles and inside share, as SdfLearn's ValueSpread."""
    v = values.ravel()
    return {"min": float(v.min()), "p01": float(quantile(v, 0.01)), "p99": float(quantile(v, 0.99)), "max": float(v.max()),
            "inside_fraction": float((v < 0).mean())}


def decode_grid(decoder, z, coords, chunk=16):
    out = []
    for i in range(0, len(z), chunk):
        zz = z[i:i + chunk]
        b = len(zz)
        zr = zz[:, None, :].expand(b, len(coords), zz.shape[1])
        cr = coords[None].expand(b, len(coords), 2)
        out.append(decoder(zr.reshape(-1, zz.shape[1]), cr.reshape(-1, 2)).reshape(b, -1))
    return torch.cat(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model", choices=["vae", "vae-sdf", "ae"])
    ap.add_argument("--train", required=True)
    ap.add_argument("--test", required=True)
    ap.add_argument("--train-count", type=int, default=9000)
    ap.add_argument("--test-count", type=int, default=1000)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--latent", type=int, default=32)
    ap.add_argument("--beta", type=float, default=1.0)
    ap.add_argument("--prior-matching", type=float, default=0.0, help="weight of the codes' mismatch with N(0, I) (sdflearn --prior-matching)")
    ap.add_argument("--kl-warmup-epochs", type=float, default=0.0)
    ap.add_argument("--prior-components", type=int, default=20,
                    help="the VAEs' prior: a mixture of K Gaussians refitted to the posteriors after every epoch (sdflearn's default), or 0 for N(0, I)")
    ap.add_argument("--prior-fit-fields", type=int, default=2048, help="training digits the prior is refitted to after each epoch but the last (then all)")
    ap.add_argument("--fidelity-samples", type=int, default=128, help="prior samples scored for how digit-like they are (0 skips)")
    ap.add_argument("--points", type=int, default=512)
    ap.add_argument("--size", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--uniform-fraction", type=float, default=0.5)
    ap.add_argument("--likelihood", choices=KINDS, default="optimal-batch",
                    help="VAE reconstruction term: a Gaussian NLL in nats with sigma fixed (--sigma), learnt (from --sigma), "
                         "optimal per image or optimal-batch (SdfLearn's default); or sse (the old loss, not a likelihood)")
    ap.add_argument("--sigma", type=float, default=0.05, help="fixed sigma, or the learnt sigma's start")
    ap.add_argument("--ae-loss", choices=["mse", "calibrated", "clamped-l1"], default="mse",
                    help="the autoencoder's point loss; calibrated: the image's likelihood at the batch's optimal sigma (sdflearn --ae-loss Calibrated)")
    ap.add_argument("--clamp", type=float, default=0.1, help="clamped L1's delta")
    ap.add_argument("--lr-schedule", choices=["constant", "cosine"], default="cosine")
    ap.add_argument("--warmup-epochs", type=float, default=0.25, help="linear learning-rate warm-up")
    ap.add_argument("--min-lr", type=float, default=0.0, help="cosine schedule's final learning rate")
    ap.add_argument("--ema", type=float, default=0.0, help="evaluate an EMA of the weights with this decay (0: last weights)")
    ap.add_argument("--save-init", help="write the initial weights here (safetensors) for sdflearn train --init-weights")
    ap.add_argument("--save-final", help="write the trained weights here (safetensors), e.g. to evaluate them in SdfLearn")
    ap.add_argument("--save-samples", help="write the prior samples here (.npy) to look at them")
    ap.add_argument("--out")
    a = ap.parse_args()
    set_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)

    t0 = time.time()
    train = to_sdf(read_idx(a.train)[:a.train_count], a.size)
    test = to_sdf(read_idx(a.test)[:a.test_count], a.size)
    prep = time.time() - t0
    s = a.size
    grid = torch.from_numpy(pixel_coordinates(s))
    vae = a.model != "ae"
    enc = ConvEncoder(2 * a.latent if vae else a.latent, size=s)
    dec = VanillaDecoder(a.latent, size=s) if a.model == "vae" else DeepSdfDecoder(a.latent)
    model = EncoderDecoder(enc, dec)
    prior = FittedMixturePrior(a.prior_components, a.latent) if vae and a.prior_components > 0 else None
    likelihood = model.likelihood = Likelihood(a.likelihood, a.sigma)  # a learnt sigma is "likelihood.log_sigma", as in SdfLearn
    calibrated = Likelihood("optimal-batch")  # the autoencoder's calibrated loss, with no parameter
    if a.save_init:
        save_weights(model, a.save_init, prior.buffers() if prior else None)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    steps_per_epoch = len(train) // a.batch
    total_steps, warmup_steps = a.epochs * steps_per_epoch, a.warmup_epochs * steps_per_epoch

    def lr_factor(k):
        if k < warmup_steps:
            return (k + 1) / warmup_steps
        if a.lr_schedule == "constant":
            return 1.0
        t = (k - warmup_steps) / max(1, total_steps - warmup_steps)
        return a.min_lr / a.lr + (1 - a.min_lr / a.lr) * 0.5 * (1 + math.cos(math.pi * t))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_factor)
    ema = {k: v.detach().clone() for k, v in model.state_dict().items()} if a.ema > 0 else None
    epoch_seconds, history = [], []
    step = 0
    for epoch in range(a.epochs):
        t = time.time()
        order = rng.permutation(len(train))
        sums = np.zeros(4)
        for b in range(steps_per_epoch):
            idx = order[b * a.batch:(b + 1) * a.batch]
            x = torch.from_numpy(train[idx])[:, None]
            h = enc(x)
            if vae:
                mu, logvar = h[:, :a.latent], h[:, a.latent:]
                z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
            else:
                z = h
            values = s * s  # the likelihood is over the image's S^2 values
            if a.model == "vae":
                recon = likelihood((dec(z) - x).pow(2).flatten(1).sum(1), values).mean()
            else:
                pts = [sample_points(train[i], a.points, rng, uniform_fraction=a.uniform_fraction) for i in idx]
                coords = torch.from_numpy(np.stack([p[0] for p in pts])).reshape(-1, 2)
                target = torch.from_numpy(np.stack([p[1] for p in pts]))
                zr = z[:, None, :].expand(len(idx), a.points, a.latent).reshape(-1, a.latent)
                pred = dec(zr, coords).reshape(len(idx), a.points)
                if vae or a.ae_loss == "calibrated":  # per-image SSE estimated from the sampled points, on the full image's scale
                    recon = (likelihood if vae else calibrated)((pred - target).pow(2).sum(1) * (s * s / a.points), values).mean()
                elif a.ae_loss == "clamped-l1":
                    recon = (pred.clamp(-a.clamp, a.clamp) - target.clamp(-a.clamp, a.clamp)).abs().mean()
                else:
                    recon = (pred - target).pow(2).mean()
            if vae:
                kl = (log_posterior(z, mu, logvar) - prior.log_density(z)).mean() if prior else kl_per_sample(mu, logvar).mean()
                warm = min(1.0, step / (a.kl_warmup_epochs * steps_per_epoch)) if a.kl_warmup_epochs > 0 else 1.0
                loss = recon + a.beta * warm * kl
                if a.prior_matching > 0:
                    loss = loss + a.prior_matching * prior_mismatch(z)
            else:
                kl = torch.zeros(())
                loss = recon
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            if ema is not None:
                with torch.no_grad():
                    for k, v in model.state_dict().items():
                        ema[k].mul_(a.ema).add_(v, alpha=1 - a.ema) if v.is_floating_point() else ema[k].copy_(v)
            step += 1
            sigma = likelihood.log_sigma.exp().item() if a.likelihood == "learnt" else float("nan")
            sums += [loss.item(), recon.item(), kl.item(), sigma]
        if prior:  # before the epoch's time stops, as SdfLearn's AfterEpoch
            refit_prior(prior, enc, train if epoch == a.epochs - 1 else train[:a.prior_fit_fields], a.latent, a.seed, epoch + 1)
        epoch_seconds.append(time.time() - t)
        history.append((sums / steps_per_epoch).tolist())
        print(f"epoch {epoch + 1}: loss {history[-1][0]:.4f} recon {history[-1][1]:.4f} kl {history[-1][2]:.4f} "
              f"sigma {history[-1][3]:.4g} lr {sched.get_last_lr()[0]:.3g} "
              f"({epoch_seconds[-1]:.1f} s)", flush=True)

    if ema is not None:
        model.load_state_dict(ema)
    if a.save_final:
        save_weights(model, a.save_final, prior.buffers() if prior else None)
    with torch.no_grad():
        xt = torch.from_numpy(test)[:, None]
        preds, kls = [], []
        for i in range(0, len(xt), 100):
            h = enc(xt[i:i + 100])
            z = h[:, :a.latent] if vae else h
            if vae:
                mu, logvar = h[:, :a.latent], h[:, a.latent:]
                if prior:  # the one-sample estimate, as in training
                    drawn = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
                    kls.append(log_posterior(drawn, mu, logvar) - prior.log_density(drawn))
                else:
                    kls.append(kl_per_sample(mu, logvar))
            if a.model == "vae":
                preds.append(dec(z)[:, 0].reshape(len(z), -1))
            else:
                preds.append(decode_grid(dec, z, grid))
        pred = torch.cat(preds).reshape(len(test), s, s).numpy()
        samples = None
        if vae:  # draws from the prior, as SdfLearn's sample grid and sample fidelity
            count = max(32, a.fidelity_samples)
            z = prior.sample(count, rng) if prior else torch.randn(count, a.latent)
            samples = (dec(z) if a.model == "vae" else decode_grid(dec, z, grid)).numpy().reshape(count, s, s)
    fidelity = digit_like(samples[:a.fidelity_samples], train, test) if samples is not None and a.fidelity_samples > 0 else None
    if a.save_samples and samples is not None:
        np.save(a.save_samples, samples.reshape(-1, s, s))
    metrics = {
        "framework": f"pytorch {torch.__version__}", "model": a.model, "epochs": a.epochs, "seed": a.seed,
        "train_count": len(train), "test_count": len(test), "latent": a.latent, "uniform_fraction": a.uniform_fraction,
        "kl_warmup_epochs": a.kl_warmup_epochs, "prior_components": a.prior_components if vae else None, "beta": a.beta, "prior_matching": a.prior_matching, "likelihood": a.likelihood, "sigma": a.sigma,
        "ae_loss": a.ae_loss, "lr": a.lr, "lr_schedule": a.lr_schedule, "warmup_epochs": a.warmup_epochs, "ema": a.ema,
        "batch": a.batch,
        "test_mse": float(((pred - test) ** 2).mean()), "test_iou": iou_inside(pred, test),
        "mean_kl": float(torch.cat(kls).mean()) if kls else None,
        "reconstructions": value_spread(pred), "data": value_spread(test),
        "samples": value_spread(samples) if samples is not None else None, "sample_fidelity": fidelity,
        "seconds_per_epoch": float(np.mean(epoch_seconds)) if epoch_seconds else None, "preprocess_seconds": prep,
        "threads": a.threads, "history": history,
    }
    line = json.dumps(metrics)
    print(line)
    if a.out:
        with open(a.out, "w") as f:
            f.write(line + "\n")


if __name__ == "__main__":
    main()
