using System.Numerics;
using System.Numerics.Tensors;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// GEMM without packing, for problems too small to repay it, vector-matrix and matrix-vector shapes, and element
/// types without a SIMD kernel. Large matrix-vector and vector-matrix products (e.g. a 1-wide output layer over
/// 32,768 rows) are split over threads: by rows of C, or for a single row by column blocks; either way each element
/// of C is summed by one chunk in the same order, so the result is the same for any thread count.
/// </summary>
internal static class SimpleGemm
{
    /// <summary>Below this m*n*k a product runs on one thread.</summary>
    private const long ParallelWork = 1 << 21;

    /// <summary>Rows of C per chunk of a split product, and columns per chunk of a single-row one.</summary>
    private const int ChunkRows = 1024, ChunkColumns = 64;

    /// <summary>Same contract as <see cref="Gemm.Multiply{T}(ReadOnlySpan{T}, bool, ReadOnlySpan{T}, bool, Span{T}, int, int, int, bool)"/>; sizes already validated, m, n, k &gt; 0.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, bool transposeA, ReadOnlySpan<T> b, bool transposeB, Span<T> c,
        int m, int n, int k, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // A k x 1 B is laid out like its 1 x k transpose; the dot-product form reads it contiguously.
        if (n == 1) transposeB = true;
        // A 1 x k A is laid out like its k x 1 transpose.
        if (m == 1) transposeA = false;

        bool split = (long)m * n * k >= ParallelWork && ComputeThreads.MaxThreads > 1 && (m >= 2 * ChunkRows || (m == 1 && n >= 2 * ChunkColumns));
        if (!split)
        {
            MultiplyRows(a, transposeA, b, transposeB, c, m, n, k, 0, m, 0, n, accumulate);
            return;
        }
        unsafe
        {
            fixed (T* pa = a)
            fixed (T* pb = b)
            fixed (T* pc = c)
            {
                var part = new Part<T>(pa, a.Length, transposeA, pb, b.Length, transposeB, pc, c.Length, m, n, k, accumulate);
                ComputeThreads.For(m == 1 ? (n + ChunkColumns - 1) / ChunkColumns : (m + ChunkRows - 1) / ChunkRows, ref part);
            }
        }
    }

    /// <summary>One chunk of a split product: <see cref="ChunkRows"/> rows of C, or <see cref="ChunkColumns"/> columns of its single row.</summary>
    private readonly unsafe struct Part<T>(T* a, int aLength, bool transposeA, T* b, int bLength, bool transposeB, T* c, int cLength,
        int m, int n, int k, bool accumulate) : IChunkBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int chunk)
        {
            var (rowStart, rowEnd, columnStart, columnEnd) = m == 1
                ? (0, 1, chunk * ChunkColumns, Math.Min(n, (chunk + 1) * ChunkColumns))
                : (chunk * ChunkRows, Math.Min(m, (chunk + 1) * ChunkRows), 0, n);
            MultiplyRows(new ReadOnlySpan<T>(a, aLength), transposeA, new ReadOnlySpan<T>(b, bLength), transposeB, new Span<T>(c, cLength),
                m, n, k, rowStart, rowEnd, columnStart, columnEnd, accumulate);
        }
    }

    /// <summary>C[rowStart..rowEnd, columnStart..columnEnd] [+]= the same block of op(A) * op(B).</summary>
    private static void MultiplyRows<T>(ReadOnlySpan<T> a, bool transposeA, ReadOnlySpan<T> b, bool transposeB, Span<T> c,
        int m, int n, int k, int rowStart, int rowEnd, int columnStart, int columnEnd, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = rowStart; i < rowEnd; i++)
        {
            Span<T> cRow = c.Slice(i * n + columnStart, columnEnd - columnStart);
            if (transposeB) DotRows(a, transposeA, b[(columnStart * k)..], cRow, i, m, k, accumulate);
            else AxpyRows(a, transposeA, b, cRow, i, m, n, columnStart, k, accumulate);
        }
    }

    /// <summary>C row i (columns from <paramref name="columnStart"/>) = sum over p of op(A)[i, p] * B row p (B stored k x n).</summary>
    private static void AxpyRows<T>(ReadOnlySpan<T> a, bool transposeA, ReadOnlySpan<T> b, Span<T> cRow, int i, int m,
        int n, int columnStart, int k, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!accumulate) cRow.Clear();
        for (int p = 0; p < k; p++)
        {
            T aip = transposeA ? a[p * m + i] : a[i * k + p];
            TensorPrimitives.MultiplyAdd(b.Slice(p * n + columnStart, cRow.Length), aip, cRow, cRow);
        }
    }

    /// <summary>C[i, j] = op(A) row i dotted with B row j (B stored n x k, from the chunk's first column).</summary>
    private static void DotRows<T>(ReadOnlySpan<T> a, bool transposeA, ReadOnlySpan<T> b, Span<T> cRow, int i, int m,
        int k, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < cRow.Length; j++)
        {
            ReadOnlySpan<T> bRow = b.Slice(j * k, k);
            T sum;
            if (transposeA)
            {
                sum = T.Zero;
                for (int p = 0; p < k; p++) sum += a[p * m + i] * bRow[p];
            }
            else
            {
                sum = TensorPrimitives.Dot(a.Slice(i * k, k), bRow);
            }
            cRow[j] = accumulate ? cRow[j] + sum : sum;
        }
    }
}
