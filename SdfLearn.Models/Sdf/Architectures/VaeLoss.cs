using System.Numerics;
using SdfLearn.Autodiff;

namespace SdfLearn.Sdf.Architectures;

/// <summary>The parts of a VAE's negative ELBO on one batch; <see cref="Total"/> is the value to backpropagate.</summary>
/// <param name="Total">Reconstruction + beta · KL.</param>
/// <param name="Reconstruction">Sum of squared errors per image, averaged over the batch.</param>
/// <param name="Kl">KL(N(mu, sigma²) ‖ N(0, I)) per image, averaged over the batch.</param>
/// <param name="Output">The decoded images [B, 1, S, S].</param>
/// <param name="Mu">The posterior means [B, L].</param>
/// <param name="LogVar">The posterior log-variances [B, L].</param>
public sealed record VaeLoss<T>(Variable<T> Total, Variable<T> Reconstruction, Variable<T> Kl, Variable<T> Output, Variable<T> Mu, Variable<T> LogVar)
    where T : unmanaged, IFloatingPointIeee754<T>;
