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

        if (IsSimple<T>(m, n, k))
        {
            SimpleGemm.Multiply(a, transposeA, b, transposeB, c, m, n, k, accumulate);
            return;
        }
        unsafe
        {
            fixed (T* pa = a)
            fixed (T* pb = b)
            fixed (T* pc = c)
                MultiplyBlocked(pa, transposeA, pb, transposeB, pc, m, n, k, accumulate, new NoEpilogue<T>());
        }
    }

    /// <summary>
    /// Computes <c>C (m x n) = epilogue(op(A) * op(B))</c>: a dense layer's bias (per row group), extra per-row terms
    /// and ReLU applied to each tile of C as the blocked kernel finishes it, instead of in passes of their own
    /// (see <see cref="GemmEpilogue{T}"/>). With k = 0 the product is zero and C is the epilogue alone.
    /// </summary>
    /// <param name="a">A, stored m x k, or k x m when <paramref name="transposeA"/>.</param>
    /// <param name="transposeA">Use A transposed.</param>
    /// <param name="b">B, stored k x n, or n x k when <paramref name="transposeB"/>.</param>
    /// <param name="transposeB">Use B transposed.</param>
    /// <param name="c">C, m x n, overwritten.</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">The shared (summed) dimension.</param>
    /// <param name="epilogue">What to do to the product before it is stored.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ArgumentException">A span is shorter than its matrix, or the epilogue does not fit C.</exception>
    public static unsafe void Multiply<T>(ReadOnlySpan<T> a, bool transposeA, ReadOnlySpan<T> b, bool transposeB, Span<T> c,
        int m, int n, int k, in GemmEpilogue<T> epilogue) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        RequireLength(a.Length, m, k, transposeA, "A", nameof(a));
        RequireLength(b.Length, k, n, transposeB, "B", nameof(b));
        RequireLength(c.Length, m, n, false, "C", nameof(c));
        int termCount = epilogue.Validate(m, n);
        if (m == 0 || n == 0) return;

        fixed (T* pa = a)
        fixed (T* pb = b)
        fixed (T* pc = c)
        fixed (T* bias = epilogue.Bias)
        fixed (T* terms = epilogue.Terms)
        fixed (T* termWeights = epilogue.TermWeights)
        {
            var kernel = new AffineEpilogueKernel<T>(bias, epilogue.RowsPerBias, terms, termCount, termWeights, n, epilogue.Relu);
            if (k > 0 && !IsSimple<T>(m, n, k))
            {
                MultiplyBlocked(pa, transposeA, pb, transposeB, pc, m, n, k, accumulate: false, kernel);
                return;
            }
            if (k > 0) SimpleGemm.Multiply(a, transposeA, b, transposeB, c, m, n, k, accumulate: false);
            EpiloguePass.Run(pc, m, n, kernel, fromZero: k == 0);
        }
    }

    /// <summary>
    /// Whether a product takes <see cref="SimpleGemm"/>: element types without a kernel, problems too small to repay
    /// packing, and vector shapes (m = 1 or n = 1: GEMV; k = 1: a rank-1 update, one multiply per element of C).
    /// </summary>
    private static bool IsSimple<T>(int m, int n, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool hasKernel = typeof(T) == typeof(float) || typeof(T) == typeof(double);
        return !hasKernel || m == 1 || n == 1 || k == 1 || (long)m * n * k <= SmallProblem;
    }

    private static unsafe void MultiplyBlocked<T, TEpilogue>(T* a, bool transposeA, T* b, bool transposeB, T* c, int m, int n, int k,
        bool accumulate, TEpilogue epilogue) where T : unmanaged, IFloatingPointIeee754<T> where TEpilogue : struct, IGemmEpilogue<T>
    {
        if (Vector512.IsHardwareAccelerated)
            GemmDriver<T, Vector512<T>, Lanes512<T>>.Multiply(a, transposeA, b, transposeB, c, m, n, k, accumulate, epilogue);
        else if (Vector256.IsHardwareAccelerated && Fma.IsSupported)
            GemmDriver<T, Vector256<T>, Lanes256<T>>.Multiply(a, transposeA, b, transposeB, c, m, n, k, accumulate, epilogue);
        else
            GemmDriver<T, Vector<T>, PortableLanes<T>>.Multiply(a, transposeA, b, transposeB, c, m, n, k, accumulate, epilogue);
    }

    private static void RequireLength(int length, int rows, int columns, bool transposed, string matrix, string parameter)
    {
        long needed = (long)rows * columns;
        if (length >= needed) return;
        string layout = transposed ? $"{columns}x{rows} (transposed)" : $"{rows}x{columns}";
        throw new ArgumentException($"{matrix} has {length} elements, needs {needed} for {layout}.", parameter);
    }
}
