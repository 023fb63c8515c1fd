using System.Numerics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// What a dense layer does to a GEMM's product before it is stored, applied to each tile of C while it is still in
/// cache (see <see cref="Gemm.Multiply{T}(ReadOnlySpan{T}, bool, ReadOnlySpan{T}, bool, Span{T}, int, int, int, in GemmEpilogue{T})"/>):
/// <c>C[r, :] = act(product[r, :] + bias[r / rowsPerBias, :] + sum over t of terms[r, t] * termWeights[t, :])</c>,
/// act being ReLU or the identity. One bias row for all rows is a layer's bias; one per group of rows is a per-shape
/// term (a latent's contribution, computed once per shape); the terms are a few extra input columns per row (e.g.
/// coordinates) whose weights are stored transposed, one row of n per term.
/// </summary>
public readonly ref struct GemmEpilogue<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Describes the epilogue.</summary>
    /// <param name="bias">[groups, n] bias rows, or empty for none.</param>
    /// <param name="rowsPerBias">Rows of C that share a bias row (the whole of C for a layer's bias).</param>
    /// <param name="terms">[m, termCount] per-row terms, or empty.</param>
    /// <param name="termWeights">[termCount, n]: the weights of the terms, one row of n per term.</param>
    /// <param name="relu">Apply ReLU last.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowsPerBias"/> is not positive.</exception>
    public GemmEpilogue(ReadOnlySpan<T> bias, int rowsPerBias, ReadOnlySpan<T> terms, ReadOnlySpan<T> termWeights, bool relu)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowsPerBias);
        Bias = bias;
        RowsPerBias = rowsPerBias;
        Terms = terms;
        TermWeights = termWeights;
        Relu = relu;
    }

    /// <summary>[groups, n] bias rows, or empty.</summary>
    public ReadOnlySpan<T> Bias { get; }

    /// <summary>Rows of C that share a bias row.</summary>
    public int RowsPerBias { get; }

    /// <summary>[m, termCount] per-row terms, or empty.</summary>
    public ReadOnlySpan<T> Terms { get; }

    /// <summary>[termCount, n] weights of the terms.</summary>
    public ReadOnlySpan<T> TermWeights { get; }

    /// <summary>Whether ReLU is applied last.</summary>
    public bool Relu { get; }

    /// <summary>Checks the spans against C's m x n and returns the number of terms per row.</summary>
    internal int Validate(int m, int n)
    {
        if (!Bias.IsEmpty && (m % RowsPerBias != 0 || Bias.Length < m / RowsPerBias * n))
            throw new ArgumentException($"The epilogue's bias ({Bias.Length} values, {RowsPerBias} rows per bias row) does not fit C {m}x{n}.");
        int termCount = n == 0 ? 0 : TermWeights.Length / n;
        if (TermWeights.Length != termCount * n || Terms.Length < m * termCount || (termCount == 0 && !Terms.IsEmpty))
            throw new ArgumentException($"The epilogue's terms ({Terms.Length}) and term weights ({TermWeights.Length}) do not fit C {m}x{n}.");
        return termCount;
    }
}
