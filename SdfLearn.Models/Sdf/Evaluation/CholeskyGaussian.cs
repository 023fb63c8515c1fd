using SdfLearn.Core;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace SdfLearn.Sdf.Evaluation;

/// <summary>
/// One Gaussian held as its mean and the lower Cholesky factor L of its covariance (Σ = L·Lᵀ): draws are
/// mean + L·eps, and the log-density needs only L⁻¹ and the factor's diagonal. Shared by
/// <see cref="LatentGaussian"/> and each component of <see cref="LatentMixture"/>.
/// </summary>
internal sealed class CholeskyGaussian
{
    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);
    private readonly double[] _mean;
    private readonly double[] _factor; // lower triangle, row-major d x d
    private readonly double[] _inverse; // L⁻¹, lower triangle, row-major d x d
    private readonly double[] _inverseMean; // L⁻¹·mean
    private readonly double _logNormaliser; // -(d·log 2π + log det Σ) / 2

    private CholeskyGaussian(double[] mean, double[] factor)
    {
        _mean = mean;
        _factor = factor;
        int d = mean.Length;
        double halfLogDeterminant = 0;
        for (int i = 0; i < d; i++) halfLogDeterminant += Math.Log(factor[i * d + i]);
        _logNormaliser = -0.5 * d * LogTwoPi - halfLogDeterminant;
        _inverse = LowerInverse(factor, d);
        _inverseMean = new double[d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j <= i; j++) _inverseMean[i] += _inverse[i * d + j] * mean[j];
    }

    /// <summary>The Gaussian with this mean and the covariance whose lower triangle (row-major d x d) is given.</summary>
    /// <exception cref="InvalidOperationException">The covariance is not positive definite.</exception>
    public static CholeskyGaussian FromCovariance(double[] mean, double[] covariance) => new(mean, Cholesky(covariance, mean.Length));

    /// <summary>Dimension d.</summary>
    public int Dimension => _mean.Length;

    /// <summary>The mean.</summary>
    public ReadOnlySpan<double> Mean => _mean;

    /// <summary>L⁻¹ (lower triangle, row-major d x d).</summary>
    public ReadOnlySpan<double> Whitening => _inverse;

    /// <summary>
    /// Draws <paramref name="count"/> latents [count, d], each from the Gaussian <paramref name="choose"/> returns for
    /// it (a mixture picks a component per draw, before the draw's noise).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    public static Tensor<float> Draws(int count, int d, SeededRandom random, Func<CholeskyGaussian> choose)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var result = new Tensor<float>(new Shape(count, d));
        var eps = new double[d];
        for (int s = 0; s < count; s++) choose().Draw(random, eps, result.Span.Slice(s * d, d));
        return result;
    }

    /// <summary>Writes one draw mean + L·eps into <paramref name="destination"/>; <paramref name="eps"/> (length d) is scratch.</summary>
    public void Draw(SeededRandom random, Span<double> eps, Span<float> destination)
    {
        int d = Dimension;
        for (int j = 0; j < d; j++) eps[j] = random.NextNormal();
        for (int i = 0; i < d; i++)
        {
            double v = _mean[i];
            for (int j = 0; j <= i; j++) v += _factor[i * d + j] * eps[j];
            destination[i] = (float)v;
        }
    }

    /// <summary>
    /// log N(x; mean, Σ) of every code into <paramref name="destination"/> [N]; <paramref name="workspace"/> [N] is
    /// scratch. Each dimension of y = L⁻¹x − L⁻¹mean is a sum of whole columns, so the work is long vector operations.
    /// </summary>
    public void LogDensities(CodeColumns codes, Span<double> destination, Span<double> workspace)
    {
        int d = Dimension;
        destination.Clear(); // accumulates the squared Mahalanobis distance |y|²
        for (int i = 0; i < d; i++)
        {
            workspace.Fill(-_inverseMean[i]);
            for (int j = 0; j <= i; j++) TensorPrimitives.MultiplyAdd(codes.Column(j), _inverse[i * d + j], workspace, workspace);
            TensorPrimitives.MultiplyAdd(workspace, workspace, destination, destination);
        }
        TensorPrimitives.Multiply(destination, -0.5, destination);
        TensorPrimitives.Add(destination, _logNormaliser, destination);
    }

    /// <summary>The inverse of a lower-triangular matrix (lower triangular too), by forward substitution on each column of I.</summary>
    private static double[] LowerInverse(double[] l, int d)
    {
        var inverse = new double[d * d];
        for (int c = 0; c < d; c++)
            for (int i = c; i < d; i++)
            {
                double v = i == c ? 1 : 0;
                for (int j = c; j < i; j++) v -= l[i * d + j] * inverse[j * d + c];
                inverse[i * d + c] = v / l[i * d + i];
            }
        return inverse;
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
                    if (!(sum > 0)) throw new InvalidOperationException("The latent covariance is not positive definite; increase the ridge.");
                    l[i * d + i] = Math.Sqrt(sum);
                }
                else l[i * d + j] = sum / l[j * d + j];
            }
        return l;
    }
}
