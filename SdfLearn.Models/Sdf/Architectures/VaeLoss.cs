using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Nn.Losses;

namespace SdfLearn.Sdf.Architectures;

/// <summary>The parts of a VAE's negative ELBO on one batch; <see cref="Total"/> is the value to backpropagate.</summary>
/// <param name="Total">Reconstruction + beta · KL (+ the prior-matching term when weighted): with beta = 1 and no prior matching, the negative ELBO in nats per image.</param>
/// <param name="Reconstruction">The decoder's negative log-likelihood per image in nats (<see cref="GaussianLikelihood{T}"/>), averaged over the batch.</param>
/// <param name="Kl">KL(N(mu, sigma²) ‖ prior) per image, averaged over the batch: in closed form for N(0, I), a single-sample Monte Carlo estimate for a learnt mixture prior.</param>
/// <param name="Output">The decoded images [B, 1, S, S].</param>
/// <param name="Mu">The posterior means [B, L].</param>
/// <param name="LogVar">The posterior log-variances [B, L].</param>
/// <param name="LogSigma">The likelihood's log-sigma: one value, or [B] with a per-image optimum.</param>
/// <param name="PriorMismatch">The codes' <see cref="PriorMoments.Mismatch"/> (unweighted), when the model weighs it; null otherwise.</param>
public sealed record VaeLoss<T>(Variable<T> Total, Variable<T> Reconstruction, Variable<T> Kl, Variable<T> Output, Variable<T> Mu, Variable<T> LogVar,
    Variable<T> LogSigma, Variable<T>? PriorMismatch = null)
    where T : unmanaged, IFloatingPointIeee754<T>;
