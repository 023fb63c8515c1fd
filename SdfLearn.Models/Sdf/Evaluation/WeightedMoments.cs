using System.Numerics.Tensors;

namespace SdfLearn.Sdf.Evaluation;

/// <summary>The weighted mean and covariance of latent codes, the moments both latent fits are made of.</summary>
internal static class WeightedMoments
{
    /// <summary>The plain mean and scatter: <see cref="Of(CodeColumns, ReadOnlySpan{double})"/> with every weight 1.</summary>
    public static (double[] Mean, double[] Scatter) Of(CodeColumns codes) => Of(codes, Ones(codes.Count));

    /// <summary>Weights of 1 for <paramref name="count"/> codes.</summary>
    public static double[] Ones(int count)
    {
        var ones = new double[count];
        Array.Fill(ones, 1.0);
        return ones;
    }

    /// <summary>
    /// Of <paramref name="codes"/> with weights w [N]: the mean Σ w·x / Σ w and the lower triangle (row-major L x L) of
    /// the scatter Σ w·(x − mean)(x − mean)ᵀ, left unnormalised so the caller picks its divisor.
    /// </summary>
    public static (double[] Mean, double[] Scatter) Of(CodeColumns codes, ReadOnlySpan<double> w)
    {
        int n = codes.Count, d = codes.Dimension;
        double total = TensorPrimitives.Sum(w);
        var mean = new double[d];
        var centred = new double[d * n];
        for (int j = 0; j < d; j++)
        {
            mean[j] = TensorPrimitives.Dot(w, codes.Column(j)) / total;
            TensorPrimitives.Subtract(codes.Column(j), mean[j], centred.AsSpan(j * n, n));
        }
        var scatter = new double[d * d];
        var weighted = new double[n];
        for (int i = 0; i < d; i++)
        {
            TensorPrimitives.Multiply(w, centred.AsSpan(i * n, n), weighted);
            for (int j = 0; j <= i; j++) scatter[i * d + j] = TensorPrimitives.Dot<double>(weighted, centred.AsSpan(j * n, n));
        }
        return (mean, scatter);
    }

    /// <summary>Turns a scatter's lower triangle into a covariance in place: divided by <paramref name="divisor"/>, the ridge added to the diagonal.</summary>
    public static void ToCovariance(double[] scatter, int d, double divisor, double ridge)
    {
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j <= i; j++) scatter[i * d + j] /= divisor;
            scatter[i * d + i] += ridge;
        }
    }

    /// <summary>
    /// Adds to a covariance's diagonal the w-weighted mean of per-code variances [N, L] (columns of
    /// <paramref name="variances"/>): the spread of Gaussian codes around their means, which the covariance of the
    /// means alone leaves out.
    /// </summary>
    public static void AddMeanVariance(double[] covariance, CodeColumns variances, ReadOnlySpan<double> w)
    {
        int d = variances.Dimension;
        double total = TensorPrimitives.Sum(w);
        for (int j = 0; j < d; j++) covariance[j * d + j] += TensorPrimitives.Dot(w, variances.Column(j)) / total;
    }
}
