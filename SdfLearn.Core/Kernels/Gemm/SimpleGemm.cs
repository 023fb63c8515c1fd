using System.Numerics;
using System.Numerics.Tensors;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// GEMM without packing, for problems too small to repay it, vector-matrix and matrix-vector shapes, and element
/// types without a SIMD kernel. Single-threaded, so trivially the same for any thread count.
/// </summary>
internal static class SimpleGemm
{
    /// <summary>Same contract as <see cref="Gemm.Multiply{T}"/>; sizes already validated, m, n, k &gt; 0.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, bool transposeA, ReadOnlySpan<T> b, bool transposeB, Span<T> c,
        int m, int n, int k, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // A k x 1 B is laid out like its 1 x k transpose; the dot-product form reads it contiguously.
        if (n == 1) transposeB = true;
        // A 1 x k A is laid out like its k x 1 transpose.
        if (m == 1) transposeA = false;

        for (int i = 0; i < m; i++)
        {
            Span<T> cRow = c.Slice(i * n, n);
            if (transposeB) DotRows(a, transposeA, b, cRow, i, m, k, accumulate);
            else AxpyRows(a, transposeA, b, cRow, i, m, n, k, accumulate);
        }
    }

    /// <summary>C row i = sum over p of op(A)[i, p] * B row p (B stored k x n).</summary>
    private static void AxpyRows<T>(ReadOnlySpan<T> a, bool transposeA, ReadOnlySpan<T> b, Span<T> cRow, int i, int m,
        int n, int k, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!accumulate) cRow.Clear();
        for (int p = 0; p < k; p++)
        {
            T aip = transposeA ? a[p * m + i] : a[i * k + p];
            TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), aip, cRow, cRow);
        }
    }

    /// <summary>C[i, j] = op(A) row i dotted with B row j (B stored n x k).</summary>
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
