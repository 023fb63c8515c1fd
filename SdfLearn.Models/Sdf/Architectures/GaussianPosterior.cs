using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Losses;

namespace SdfLearn.Sdf.Architectures;

/// <summary>What both VAEs share around their decoders: the encoder's Gaussian posterior and the ELBO assembled from it.</summary>
internal static class GaussianPosterior
{
    /// <summary>Splits encoder features [B, 2L] into the posterior's means and log-variances, each [B, L].</summary>
    public static (Variable<T> Mu, Variable<T> LogVar) Split<T>(Variable<T> features, int latentSize)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        (Ops.Slice(features, 1, 0, latentSize), Ops.Slice(features, 1, latentSize, latentSize));

    /// <summary><paramref name="prior"/> (null for N(0, I)) after checking that it is over latents of size <paramref name="latentSize"/>.</summary>
    /// <exception cref="ArgumentException">The prior's dimension differs.</exception>
    public static LatentPrior<T>? Checked<T>(LatentPrior<T>? prior, int latentSize) where T : unmanaged, IFloatingPointIeee754<T> =>
        prior is null || prior.Dimension == latentSize ? prior
            : throw new ArgumentException($"The prior is over {prior.Dimension} dimensions; a VAE with latent size {latentSize} needs one over {latentSize}.", nameof(prior));

    /// <summary>
    /// The negative ELBO from each image's squared reconstruction error <paramref name="errors"/> [B] over
    /// <paramref name="values"/> values: the likelihood's NLL in nats plus <paramref name="beta"/> · KL, both averaged
    /// over the batch; plus <paramref name="priorMatching"/> · <see cref="PriorMoments.Mismatch"/> of the sampled codes
    /// <paramref name="z"/> when that weight is positive (a batch of one has no covariance and skips it). KL is to N(0, I)
    /// in closed form without a <paramref name="prior"/>; with one it is the single-sample Monte Carlo estimate
    /// <c>mean_b[log q(z_b | x_b) − log p(z_b)]</c>, which has no closed form for a mixture.
    /// </summary>
    public static VaeLoss<T> Elbo<T>(GaussianLikelihood<T> likelihood, Variable<T> errors, int values, Variable<T> mu,
        Variable<T> logVar, Variable<T> z, double beta, double priorMatching, Variable<T> output, LatentPrior<T>? prior = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var logSigma = likelihood.LogSigma(errors, values);
        var reconstruction = Ops.Mean(GaussianLikelihood<T>.NegativeLogLikelihood(errors, logSigma, values));
        var kl = prior is null ? Ops.KlDivergenceMean(mu, logVar) : Ops.Mean(Ops.Sub(LogDensity(z, mu, logVar), prior.LogDensity(z)));
        var total = Ops.Add(reconstruction, Ops.Scale(kl, T.CreateTruncating(beta)));
        if (!(priorMatching > 0) || z.Shape[0] < 2) return new VaeLoss<T>(total, reconstruction, kl, output, mu, logVar, logSigma);
        var mismatch = PriorMoments.Mismatch(z);
        return new VaeLoss<T>(Ops.Add(total, Ops.Scale(mismatch, T.CreateTruncating(priorMatching))), reconstruction, kl, output, mu, logVar, logSigma, mismatch);
    }

    /// <summary>
    /// log q(z | x) [B] of codes z [B, L] under the posteriors N(mu, exp(logVar)):
    /// <c>−½ Σ_j ((z − mu)² / exp(logVar) + logVar + log 2π)</c>. Composed from tape ops, so gradients reach mu and
    /// logVar directly and, through z, the reparameterisation.
    /// </summary>
    public static Variable<T> LogDensity<T>(Variable<T> z, Variable<T> mu, Variable<T> logVar) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var scaled = Ops.Add(Ops.Div(Ops.Square(Ops.Sub(z, mu)), Ops.Exp(logVar)), logVar);
        var sum = Ops.Add(Ops.Sum(scaled, -1), TapeConstants.Scalar(z.Tape, T.CreateTruncating(z.Shape[1] * Math.Log(2 * Math.PI))));
        return Ops.Scale(sum, T.CreateTruncating(-0.5));
    }
}
