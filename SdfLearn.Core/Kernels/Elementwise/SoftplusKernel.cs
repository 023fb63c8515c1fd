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
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        MapByChunks<Value<T>, T>(nameof(SoftplusKernel), x, y);

    /// <summary>The input gradient: <c>gradX[i] (+)= sigmoid(x[i]) * gradY[i]</c>.</summary>
    /// <param name="accumulate">Add into <c>gradX</c> (default), or overwrite it.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate = true) where T : unmanaged, IFloatingPointIeee754<T> =>
        BackwardBySlope<Slope<T>, T>(nameof(SoftplusKernel), x, gradY, gradX, accumulate);

    private readonly struct Value<T> : IChunkMap<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static void Compute(ReadOnlySpan<T> x, Span<T> y, Span<T> tail)
        {
            TensorPrimitives.Abs(x, tail);
            TensorPrimitives.Negate(tail, tail);
            TensorPrimitives.Exp(tail, tail);
            TensorPrimitives.LogP1(tail, tail); // log1p(exp(-|x|))
            TensorPrimitives.Max(x, T.Zero, y);
            TensorPrimitives.Add(y, tail, y);
        }
    }

    private readonly struct Slope<T> : IChunkSlope<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static void Compute(ReadOnlySpan<T> x, Span<T> slope, Span<T> scratch) => TensorPrimitives.Sigmoid(x, slope);
    }
}
