using System.Numerics;
using System.Numerics.Tensors;
using static SdfLearn.Core.Kernels.ElementwiseSupport;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Power with a constant exponent: <c>y = x^p</c> (NaN for x &lt; 0 unless p is an integer); derivative
/// <c>p x^(p - 1)</c>, taken as 0 everywhere for p = 0 (y = 1).
/// </summary>
public static class PowKernel
{
    /// <summary><c>y[i] = x[i]^exponent</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, T exponent, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(PowKernel), x.Length, y.Length, nameof(y));
        TensorPrimitives.Pow(x, exponent, y);
    }

    /// <summary>The input gradient: <c>gradX[i] (+)= exponent * x[i]^(exponent - 1) * gradY[i]</c> (0 for exponent 0).</summary>
    /// <param name="accumulate">Add into <c>gradX</c> (default), or overwrite it.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Backward<T>(ReadOnlySpan<T> x, T exponent, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(PowKernel), x.Length, gradY.Length, nameof(gradY));
        SameLength(nameof(PowKernel), x.Length, gradX.Length, nameof(gradX));
        if (exponent == T.Zero)
        {
            if (!accumulate) gradX.Clear();
            return;
        }
        Span<T> slope = stackalloc T[ChunkLength];
        for (int start = 0; start < x.Length; start += ChunkLength)
        {
            int n = Math.Min(ChunkLength, x.Length - start);
            TensorPrimitives.Pow(x.Slice(start, n), exponent - T.One, slope[..n]);
            TensorPrimitives.Multiply(slope[..n], exponent, slope[..n]);
            WriteGradient<T>(gradY.Slice(start, n), slope[..n], gradX.Slice(start, n), accumulate);
        }
    }
}
