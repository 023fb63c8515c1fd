using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// General matrix multiply on row-major spans: <c>C = op(A) * op(B)</c>, or <c>C += op(A) * op(B)</c>
/// when accumulating. op(A) is m x k and op(B) is k x n; a transposed operand is stored the other way round.
/// </summary>
/// <remarks>
/// float and double run a BLIS-style blocked, packed, register-tiled kernel (see docs/gemm.md) over
/// <see cref="ComputeThreads"/>; each element of C is summed in the same order whatever the thread count,
/// so results are bit-identical for any <see cref="ComputeThreads.MaxThreads"/>. Other element types, and
/// problems too small to repay packing, take a simple loop.
/// </remarks>
public static class Gemm
{
    /// <summary>At or below this m*n*k, packing costs more than it saves.</summary>
    private const long SmallProblem = 32 * 32 * 32;

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
        RequireLength(a.Length, m, k, transposeA, "A", nameof(a));
        RequireLength(b.Length, k, n, transposeB, "B", nameof(b));
        RequireLength(c.Length, m, n, false, "C", nameof(c));

        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) c[..(m * n)].Clear();
            return;
        }

        bool hasKernel = typeof(T) == typeof(float) || typeof(T) == typeof(double);
        if (!hasKernel || m == 1 || n == 1 || (long)m * n * k <= SmallProblem)
        {
            SimpleGemm.Multiply(a, transposeA, b, transposeB, c, m, n, k, accumulate);
            return;
        }
        MultiplyBlocked(a, transposeA, b, transposeB, c, m, n, k, accumulate);
    }

    private static unsafe void MultiplyBlocked<T>(ReadOnlySpan<T> a, bool transposeA, ReadOnlySpan<T> b, bool transposeB,
        Span<T> c, int m, int n, int k, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* pa = a)
        fixed (T* pb = b)
        fixed (T* pc = c)
        {
            if (Vector512.IsHardwareAccelerated)
                GemmDriver<T, Vector512<T>, Lanes512<T>>.Multiply(pa, transposeA, pb, transposeB, pc, m, n, k, accumulate);
            else if (Vector256.IsHardwareAccelerated && Fma.IsSupported)
                GemmDriver<T, Vector256<T>, Lanes256<T>>.Multiply(pa, transposeA, pb, transposeB, pc, m, n, k, accumulate);
            else
                GemmDriver<T, Vector<T>, PortableLanes<T>>.Multiply(pa, transposeA, pb, transposeB, pc, m, n, k, accumulate);
        }
    }

    private static void RequireLength(int length, int rows, int columns, bool transposed, string matrix, string parameter)
    {
        long needed = (long)rows * columns;
        if (length >= needed) return;
        string layout = transposed ? $"{columns}x{rows} (transposed)" : $"{rows}x{columns}";
        throw new ArgumentException($"{matrix} has {length} elements, needs {needed} for {layout}.", parameter);
    }
}
