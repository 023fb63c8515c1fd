using SdfLearn.Core;

namespace SdfLearn.Sdf.Evaluation;

/// <summary>
/// Latent codes [N, L] in double precision, held by dimension (L columns of N values): the layout in which the
/// latent fits' sums over codes are long vector operations.
/// </summary>
internal sealed class CodeColumns
{
    private readonly double[] _values;

    private CodeColumns(double[] values, int count, int dimension)
    {
        _values = values;
        Count = count;
        Dimension = dimension;
    }

    /// <summary>The codes N.</summary>
    public int Count { get; }

    /// <summary>Their dimension L.</summary>
    public int Dimension { get; }

    /// <summary>Dimension <paramref name="j"/> of every code.</summary>
    public ReadOnlySpan<double> Column(int j) => _values.AsSpan(j * Count, Count);

    /// <summary>The codes of latents [N, L], after checking they are a matrix of finite values.</summary>
    /// <exception cref="ArgumentException">The latents are not a matrix, or one value is NaN or infinite (named by code and dimension).</exception>
    public static CodeColumns From(Tensor<float> latents)
    {
        ArgumentNullException.ThrowIfNull(latents);
        if (latents.Rank != 2 || latents.Shape[1] < 1)
            throw new ArgumentException($"Latent codes must be a matrix [N, L]; got {latents.Shape}.", nameof(latents));
        int n = latents.Shape[0], d = latents.Shape[1];
        var source = latents.Span;
        var values = new double[n * d];
        for (int r = 0; r < n; r++)
            for (int j = 0; j < d; j++)
            {
                float v = source[r * d + j];
                if (!float.IsFinite(v))
                    throw new ArgumentException(
                        $"Code {r}, dimension {j}, is {v}; a latent distribution can only be fitted to finite codes (check the model or checkpoint that encoded them).",
                        nameof(latents));
                values[j * n + r] = v;
            }
        return new CodeColumns(values, n, d);
    }
}
