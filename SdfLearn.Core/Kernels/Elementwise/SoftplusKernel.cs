using System.Numerics;
using System.Numerics.Tensors;
using static SdfLearn.Core.Kernels.ElementwiseSupport;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Softplus: <c>y = log(1 + exp(x))</c>, evaluated as <c>max(x, 0) + log1p(exp(-|x|))</c> so it neither overflows for
/// large x nor loses the tail for very negative x; derivative <c>sigmoid(x)</c>.
/// </summary>
public static class SoftplusKernel
{
    /// <summary><c>y[i] = log(1 + exp(x[i]))</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(SoftplusKernel), x.Length, y.Length, nameof(y));
        Span<T> tail = stackalloc T[ChunkLength];
        for (int start = 0; start < x.Length; start += ChunkLength)
        {
            int n = Math.Min(ChunkLength, x.Length - start);
            var xs = x.Slice(start, n);
            var t = tail[..n];
            TensorPrimitives.Abs(xs, t);
            TensorPrimitives.Negate(t, t);
            TensorPrimitives.Exp(t, t);
            TensorPrimitives.LogP1(t, t);
            var ys = y.Slice(start, n);
            TensorPrimitives.Max(xs, T.Zero, ys);
            TensorPrimitives.Add(ys, t, ys);
        }
    }

    /// <summary>The input gradient: <c>gradX[i] (+)= sigmoid(x[i]) * gradY[i]</c>.</summary>
    /// <param name="accumulate">Add into <c>gradX</c> (default), or overwrite it.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(SoftplusKernel), x.Length, gradY.Length, nameof(gradY));
        SameLength(nameof(SoftplusKernel), x.Length, gradX.Length, nameof(gradX));
        Span<T> sigmoid = stackalloc T[ChunkLength];
        for (int start = 0; start < x.Length; start += ChunkLength)
        {
            int n = Math.Min(ChunkLength, x.Length - start);
            var s = sigmoid[..n];
            TensorPrimitives.Sigmoid(x.Slice(start, n), s);
            var gx = gradX.Slice(start, n);
            WriteGradient<T>(gradY.Slice(start, n), s, gx, accumulate);
        }
    }
}
