using SdfLearn.Core;

namespace SdfLearn.Sdf.Evaluation;

/// <summary>
/// A full-covariance Gaussian fitted to latent codes, for sampling from a plain autoencoder's latent space (a VAE
/// samples from its N(0, I) prior instead). Sampling uses the Cholesky factor: z = mean + L·eps.
/// </summary>
public sealed class LatentGaussian
{
    private readonly double[] _mean;
    private readonly double[] _cholesky; // lower triangle, row-major d x d

    private LatentGaussian(double[] mean, double[] cholesky)
    {
        _mean = mean;
        _cholesky = cholesky;
    }

    /// <summary>The standard normal N(0, I) in <paramref name="dimension"/> dimensions (a VAE's prior).</summary>
    public static LatentGaussian StandardNormal(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        var identity = new double[dimension * dimension];
        for (int i = 0; i < dimension; i++) identity[i * dimension + i] = 1;
        return new LatentGaussian(new double[dimension], identity);
    }

    /// <summary>Fits mean and covariance (with a small ridge so the factor always exists) to latents [N, L].</summary>
    /// <exception cref="ArgumentException">The latents are not a matrix with at least two rows.</exception>
    public static LatentGaussian Fit(Tensor<float> latents, double ridge = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(latents);
        if (latents.Rank != 2 || latents.Shape[0] < 2)
            throw new ArgumentException($"Fitting a Gaussian needs latents [N >= 2, L]; got {latents.Shape}.", nameof(latents));
        int n = latents.Shape[0], d = latents.Shape[1];
        var z = latents.Span;
        var mean = new double[d];
        for (int r = 0; r < n; r++)
            for (int j = 0; j < d; j++) mean[j] += z[r * d + j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        var covariance = new double[d * d];
        for (int r = 0; r < n; r++)
            for (int i = 0; i < d; i++)
            {
                double a = z[r * d + i] - mean[i];
                for (int j = 0; j <= i; j++) covariance[i * d + j] += a * (z[r * d + j] - mean[j]);
            }
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j <= i; j++) covariance[i * d + j] /= n - 1;
            covariance[i * d + i] += ridge;
        }
        return new LatentGaussian(mean, Cholesky(covariance, d));
    }

    /// <summary>Dimension L.</summary>
    public int Dimension => _mean.Length;

    /// <summary>The mean.</summary>
    public ReadOnlySpan<double> Mean => _mean;

    /// <summary>Draws <paramref name="count"/> latents [count, L].</summary>
    public Tensor<float> Sample(int count, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        int d = Dimension;
        var result = new Tensor<float>(new Shape(count, d));
        var eps = new double[d];
        var span = result.Span;
        for (int s = 0; s < count; s++)
        {
            for (int j = 0; j < d; j++) eps[j] = random.NextNormal();
            for (int i = 0; i < d; i++)
            {
                double v = _mean[i];
                for (int j = 0; j <= i; j++) v += _cholesky[i * d + j] * eps[j];
                span[s * d + i] = (float)v;
            }
        }
        return result;
    }

    /// <summary>Lower Cholesky factor of a symmetric positive-definite matrix given by its lower triangle.</summary>
    private static double[] Cholesky(double[] a, int d)
    {
        var l = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j <= i; j++)
            {
                double sum = a[i * d + j];
                for (int k = 0; k < j; k++) sum -= l[i * d + k] * l[j * d + k];
                if (i == j)
                {
                    if (sum <= 0) throw new InvalidOperationException("The latent covariance is not positive definite; increase the ridge.");
                    l[i * d + i] = Math.Sqrt(sum);
                }
                else l[i * d + j] = sum / l[j * d + j];
            }
        return l;
    }
}
