using SdfLearn.Core;

namespace SdfLearn.Sdf.Evaluation;

/// <summary>
/// A full-covariance Gaussian fitted to latent codes, for sampling from a plain autoencoder's latent space (a VAE
/// samples from its N(0, I) prior instead). Sampling uses the Cholesky factor: z = mean + L·eps.
/// </summary>
public sealed class LatentGaussian : ILatentDistribution
{
    private readonly CholeskyGaussian _gaussian;

    private LatentGaussian(double[] mean, double[] covariance) => _gaussian = CholeskyGaussian.FromCovariance(mean, covariance);

    /// <summary>The standard normal N(0, I) in <paramref name="dimension"/> dimensions (a VAE's prior).</summary>
    public static LatentGaussian StandardNormal(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        var identity = new double[dimension * dimension];
        for (int i = 0; i < dimension; i++) identity[i * dimension + i] = 1;
        return new LatentGaussian(new double[dimension], identity);
    }

    /// <summary>Fits mean and covariance (with a small ridge so the factor always exists) to latents [N, L].</summary>
    /// <exception cref="ArgumentException">The latents are not a matrix with at least two rows, or hold a NaN or infinity.</exception>
    public static LatentGaussian Fit(Tensor<float> latents, double ridge = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(latents);
        if (latents.Rank != 2 || latents.Shape[0] < 2)
            throw new ArgumentException($"Fitting a Gaussian needs latents [N >= 2, L]; got {latents.Shape}.", nameof(latents));
        var codes = CodeColumns.From(latents);
        var (mean, covariance) = WeightedMoments.Of(codes);
        WeightedMoments.ToCovariance(covariance, codes.Dimension, codes.Count - 1, ridge);
        return new LatentGaussian(mean, covariance);
    }

    /// <inheritdoc/>
    public int Dimension => _gaussian.Dimension;

    /// <summary>The mean.</summary>
    public ReadOnlySpan<double> Mean => _gaussian.Mean;

    /// <inheritdoc/>
    public Tensor<float> Sample(int count, SeededRandom random) => CholeskyGaussian.Draws(count, Dimension, random, () => _gaussian);
}
