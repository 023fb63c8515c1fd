using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static SdfLearn.Core.Kernels.ElementwiseSupport;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Clamp to an interval: <c>y = min(max(x, low), high)</c>; its derivative is 1 for <c>low &lt;= x &lt;= high</c>
/// (bounds included, as PyTorch's <c>clamp</c>) and 0 outside.
/// </summary>
public static class ClampKernel
{
    /// <summary><c>y[i] = min(max(x[i], low), high)</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length, or <paramref name="low"/> &gt; <paramref name="high"/>.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, T low, T high, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(ClampKernel), x.Length, y.Length, nameof(y));
        ThrowIfInvalidBounds(low, high);
        TensorPrimitives.Max(x, low, y);
        TensorPrimitives.Min(y, high, y);
    }

    /// <summary>The input gradient: <c>gradX[i] (+)= (low &lt;= x[i] &lt;= high ? 1 : 0) * gradY[i]</c>.</summary>
    /// <param name="accumulate">Add into <c>gradX</c> (default), or overwrite it.</param>
    /// <exception cref="ArgumentException">The spans differ in length, or <paramref name="low"/> &gt; <paramref name="high"/>.</exception>
    [MethodImpl(JitAsRoot)]
    public static void Backward<T>(ReadOnlySpan<T> x, T low, T high, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(ClampKernel), x.Length, gradY.Length, nameof(gradY));
        SameLength(nameof(ClampKernel), x.Length, gradX.Length, nameof(gradX));
        ThrowIfInvalidBounds(low, high);
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            Vector<T> lows = new(low), highs = new(high);
            ref T xs = ref MemoryMarshal.GetReference(x);
            ref T gys = ref MemoryMarshal.GetReference(gradY);
            ref T gxs = ref MemoryMarshal.GetReference(gradX);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var xv = Vector.LoadUnsafe(ref xs, (nuint)i);
                var inside = Vector.BitwiseAnd(Vector.GreaterThanOrEqual(xv, lows), Vector.LessThanOrEqual(xv, highs));
                var passed = Vector.ConditionalSelect(inside, Vector.LoadUnsafe(ref gys, (nuint)i), Vector<T>.Zero);
                (accumulate ? Vector.LoadUnsafe(ref gxs, (nuint)i) + passed : passed).StoreUnsafe(ref gxs, (nuint)i);
            }
        }
        for (; i < x.Length; i++)
        {
            T gradient = x[i] >= low && x[i] <= high ? gradY[i] : T.Zero;
            gradX[i] = accumulate ? gradX[i] + gradient : gradient;
        }
    }

    /// <summary>Throws unless <c>low &lt;= high</c> (neither NaN).</summary>
    /// <exception cref="ArgumentException">The lower bound exceeds the upper bound, or one is NaN.</exception>
    public static void ThrowIfInvalidBounds<T>(T low, T high) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(low <= high))
            throw new ArgumentException($"Clamp: the lower bound {low} exceeds the upper bound {high} (or one is NaN).", nameof(low));
    }
}
