using System.Numerics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// General matrix multiply on row-major spans: <c>C = op(A) * op(B)</c>, or <c>C += op(A) * op(B)</c>
/// when accumulating. op(A) is m x k and op(B) is k x n; a transposed operand is stored the other way round.
/// </summary>
public static class Gemm
{
    /// <summary>Computes <c>C (m x n) [+]= op(A) * op(B)</c>.</summary>
    /// <param name="a">A, stored m x k, or k x m when <paramref name="transposeA"/>.</param>
    /// <param name="transposeA">Use A transposed.</param>
    /// <param name="b">B, stored k x n, or n x k when <paramref name="transposeB"/>.</param>
    /// <param name="transposeB">Use B transposed.</param>
    /// <param name="c">C, m x n.</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">The shared (summed) dimension.</param>
    /// <param name="accumulate">Add to C instead of overwriting it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ArgumentException">A span is shorter than its matrix.</exception>
    public static void Multiply<T>(ReadOnlySpan<T> a, bool transposeA, ReadOnlySpan<T> b, bool transposeB, Span<T> c,
        int m, int n, int k, bool accumulate = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (a.Length < (long)m * k) throw new ArgumentException($"A has {a.Length} elements, needs {(long)m * k} for {m}x{k}.", nameof(a));
        if (b.Length < (long)k * n) throw new ArgumentException($"B has {b.Length} elements, needs {(long)k * n} for {k}x{n}.", nameof(b));
        if (c.Length < (long)m * n) throw new ArgumentException($"C has {c.Length} elements, needs {(long)m * n} for {m}x{n}.", nameof(c));

        // Placeholder reference loop; replaced by the packed, register-blocked implementation.
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++)
                {
                    T av = transposeA ? a[p * m + i] : a[i * k + p];
                    T bv = transposeB ? b[j * k + p] : b[p * n + j];
                    sum += av * bv;
                }
                c[i * n + j] = accumulate ? c[i * n + j] + sum : sum;
            }
        }
    }
}
