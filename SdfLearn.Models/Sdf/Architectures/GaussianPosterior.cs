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

    /// <summary>
    /// The negative ELBO from each image's squared reconstruction error <paramref name="errors"/> [B] over
    /// <paramref name="values"/> values: the likelihood's NLL in nats plus <paramref name="beta"/> · KL, both averaged
    /// over the batch; plus <paramref name="priorMatching"/> · <see cref="PriorMoments.Mismatch"/> of the sampled codes
    /// <paramref name="z"/> when that weight is positive (a batch of one has no covariance and skips it).
    /// </summary>
    public static VaeLoss<T> Elbo<T>(GaussianLikelihood<T> likelihood, Variable<T> errors, int values, Variable<T> mu,
        Variable<T> logVar, Variable<T> z, double beta, double priorMatching, Variable<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var logSigma = likelihood.LogSigma(errors, values);
        var reconstruction = Ops.Mean(GaussianLikelihood<T>.NegativeLogLikelihood(errors, logSigma, values));
        var kl = Ops.KlDivergenceMean(mu, logVar);
        var total = Ops.Add(reconstruction, Ops.Scale(kl, T.CreateTruncating(beta)));
        if (!(priorMatching > 0) || z.Shape[0] < 2) return new VaeLoss<T>(total, reconstruction, kl, output, mu, logVar, logSigma);
        var mismatch = PriorMoments.Mismatch(z);
        return new VaeLoss<T>(Ops.Add(total, Ops.Scale(mismatch, T.CreateTruncating(priorMatching))), reconstruction, kl, output, mu, logVar, logSigma, mismatch);
    }
}
