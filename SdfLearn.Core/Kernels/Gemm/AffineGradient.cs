using System.Numerics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// The backward of a GEMM with a <see cref="GemmEpilogue{T}"/>, in one pass over the output's gradient: the gradient
/// of the pre-activation (the output's gradient where the ReLU output is positive), its sums over each bias group of
/// rows (the bias or per-shape term's gradient) and its term-weighted sums over all rows (the term weights' gradient).
/// </summary>
/// <remarks>
/// Rows are summed in slabs of at most <see cref="SlabRows"/> consecutive rows inside a bias group, slabs split over
/// threads, then slab sums added in ascending order; the slabs depend only on the shape, so the result is the same
/// for any thread count.
/// </remarks>
public static class AffineGradient
{
    /// <summary>Most rows summed by one slab.</summary>
    private const int SlabRows = 256;

    /// <summary>The scratch <see cref="Backward"/> needs for m x n with the given terms and bias groups.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowsPerBias"/> is not positive.</exception>
    public static int ScratchLength(int m, int n, int termCount, int rowsPerBias)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowsPerBias);
        return SlabCount(m, rowsPerBias) * (1 + termCount) * n;
    }

    /// <summary>
    /// From the output's gradient [m, n]: <paramref name="gradPreActivation"/> = gradient where output &gt; 0 (ReLU; left
    /// alone without it), <paramref name="biasSums"/> [m / rowsPerBias, n] = its sum over each bias group's rows, and
    /// <paramref name="termSums"/> [termCount, n] = sum over rows r of terms[r, t] times it; all overwritten.
    /// </summary>
    /// <param name="gradient">The output's gradient, [m, n].</param>
    /// <param name="output">The output [m, n] (read only with <paramref name="relu"/>).</param>
    /// <param name="relu">Whether the epilogue applied ReLU.</param>
    /// <param name="terms">The epilogue's per-row terms [m, termCount], or empty.</param>
    /// <param name="termCount">Terms per row.</param>
    /// <param name="n">Columns.</param>
    /// <param name="rowsPerBias">Rows per bias group (m for one bias row).</param>
    /// <param name="gradPreActivation">[m, n] with ReLU; may be empty without it.</param>
    /// <param name="biasSums">[m / rowsPerBias, n].</param>
    /// <param name="termSums">[termCount, n].</param>
    /// <param name="scratch">At least <see cref="ScratchLength"/> elements.</param>
    /// <exception cref="ArgumentException">A span does not fit the shapes.</exception>
    public static unsafe void Backward<T>(ReadOnlySpan<T> gradient, ReadOnlySpan<T> output, bool relu, ReadOnlySpan<T> terms, int termCount,
        int n, int rowsPerBias, Span<T> gradPreActivation, Span<T> biasSums, Span<T> termSums, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = n == 0 ? 0 : gradient.Length / n;
        bool fits = n > 0 && gradient.Length == m * n && m % rowsPerBias == 0 && (!relu || (output.Length >= m * n && gradPreActivation.Length >= m * n))
            && terms.Length >= m * termCount && biasSums.Length >= m / rowsPerBias * n && termSums.Length >= termCount * n
            && scratch.Length >= ScratchLength(m, n, termCount, rowsPerBias);
        if (!fits) throw new ArgumentException($"AffineGradient: spans do not fit a {gradient.Length}-element gradient of width {n}, {termCount} terms, {rowsPerBias} rows per bias.");
        if (m == 0) return;
        int slabsPerGroup = (rowsPerBias + SlabRows - 1) / SlabRows, slabs = SlabCount(m, rowsPerBias), partialRows = 1 + termCount;
        fixed (T* g = gradient)
        fixed (T* y = output)
        fixed (T* t = terms)
        fixed (T* gp = gradPreActivation)
        fixed (T* partials = scratch)
        {
            var body = new Slab<T>(g, relu ? y : null, t, termCount, n, rowsPerBias, slabsPerGroup, relu ? gp : g, relu, partials);
            ComputeThreads.For(slabs, ref body);
        }
        for (int group = 0; group < m / rowsPerBias; group++)
        {
            var sums = biasSums.Slice(group * n, n);
            scratch.Slice(group * slabsPerGroup * partialRows * n, n).CopyTo(sums);
            for (int s = group * slabsPerGroup + 1; s < (group + 1) * slabsPerGroup; s++) Add(sums, scratch.Slice(s * partialRows * n, n));
        }
        for (int term = 0; term < termCount; term++)
        {
            var sums = termSums.Slice(term * n, n);
            scratch.Slice((1 + term) * n, n).CopyTo(sums);
            for (int s = 1; s < slabs; s++) Add(sums, scratch.Slice((s * partialRows + 1 + term) * n, n));
        }
    }

    private static int SlabCount(int m, int rowsPerBias) => m / rowsPerBias * ((rowsPerBias + SlabRows - 1) / SlabRows);

    private static void Add<T>(Span<T> sums, ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < sums.Length; j++) sums[j] += values[j];
    }

    /// <summary>One slab: masks its rows' gradient and sums it, plain and term-weighted, into its partial rows.</summary>
    private readonly unsafe struct Slab<T>(T* gradient, T* output, T* terms, int termCount, int n, int rowsPerBias, int slabsPerGroup,
        T* gradPre, bool relu, T* partials) : IChunkBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int slab)
        {
            int group = slab / slabsPerGroup, groupEnd = (group + 1) * rowsPerBias;
            int first = group * rowsPerBias + slab % slabsPerGroup * SlabRows, end = Math.Min(groupEnd, first + SlabRows);
            T* partial = partials + (long)slab * (1 + termCount) * n;
            new Span<T>(partial, (1 + termCount) * n).Clear();
            int vectorWidth = Vector.IsHardwareAccelerated && Vector<T>.IsSupported ? Vector<T>.Count : int.MaxValue;
            for (int r = first; r < end; r++)
            {
                T* g = gradient + (long)r * n, y = output + (long)r * n, gp = gradPre + (long)r * n, rowTerms = terms + (long)r * termCount;
                int j = 0;
                for (; j + vectorWidth <= n; j += vectorWidth)
                {
                    var v = Vector.Load(g + j);
                    if (relu)
                    {
                        v = Vector.ConditionalSelect(Vector.GreaterThan(Vector.Load(y + j), Vector<T>.Zero), v, Vector<T>.Zero);
                        Vector.Store(v, gp + j);
                    }
                    Vector.Store(Vector.Load(partial + j) + v, partial + j);
                    for (int t = 0; t < termCount; t++)
                    {
                        T* sum = partial + (1 + t) * n + j;
                        Vector.Store(Vector.Load(sum) + new Vector<T>(rowTerms[t]) * v, sum);
                    }
                }
                for (; j < n; j++)
                {
                    T v = g[j];
                    if (relu)
                    {
                        v = y[j] > T.Zero ? v : T.Zero;
                        gp[j] = v;
                    }
                    partial[j] += v;
                    for (int t = 0; t < termCount; t++) partial[(1 + t) * n + j] += rowTerms[t] * v;
                }
            }
        }
    }
}
