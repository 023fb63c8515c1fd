using System.Numerics;
using System.Numerics.Tensors;
using static SdfLearn.Core.Kernels.ElementwiseSupport;

namespace SdfLearn.Core.Kernels;

/// <summary>SiLU (swish): <c>y = x * sigmoid(x)</c>; derivative <c>s + x s (1 - s)</c> with <c>s = sigmoid(x)</c>.</summary>
public static class SiluKernel
{
    /// <summary><c>y[i] = x[i] * sigmoid(x[i])</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(SiluKernel), x.Length, y.Length, nameof(y));
        Span<T> sigmoid = stackalloc T[ChunkLength];
        for (int start = 0; start < x.Length; start += ChunkLength)
        {
            int n = Math.Min(ChunkLength, x.Length - start);
            var s = sigmoid[..n];
            TensorPrimitives.Sigmoid(x.Slice(start, n), s);
            TensorPrimitives.Multiply(s, x.Slice(start, n), y.Slice(start, n));
        }
    }

    /// <summary>The input gradient: <c>gradX[i] (+)= (s + x s (1 - s)) * gradY[i]</c>.</summary>
    /// <param name="accumulate">Add into <c>gradX</c> (default), or overwrite it.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(SiluKernel), x.Length, gradY.Length, nameof(gradY));
        SameLength(nameof(SiluKernel), x.Length, gradX.Length, nameof(gradX));
        Span<T> sigmoid = stackalloc T[ChunkLength];
        Span<T> slope = stackalloc T[ChunkLength];
        for (int start = 0; start < x.Length; start += ChunkLength)
        {
            int n = Math.Min(ChunkLength, x.Length - start);
            var xs = x.Slice(start, n);
            Span<T> s = sigmoid[..n], d = slope[..n];
            TensorPrimitives.Sigmoid(xs, s);
            TensorPrimitives.Subtract(T.One, s, d);  // 1 - s
            TensorPrimitives.Multiply(d, xs, d);     // x (1 - s)
            TensorPrimitives.MultiplyAdd(d, s, s, d); // s x (1 - s) + s
            var gx = gradX.Slice(start, n);
            WriteGradient<T>(gradY.Slice(start, n), d, gx, accumulate);
        }
    }
}
