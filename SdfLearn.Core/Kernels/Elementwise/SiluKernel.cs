using System.Numerics;
using System.Numerics.Tensors;
using static SdfLearn.Core.Kernels.ElementwiseSupport;

namespace SdfLearn.Core.Kernels;

/// <summary>SiLU (swish): <c>y = x * sigmoid(x)</c>; derivative <c>s + x s (1 - s)</c> with <c>s = sigmoid(x)</c>.</summary>
public static class SiluKernel
{
    /// <summary><c>y[i] = x[i] * sigmoid(x[i])</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        MapByChunks<Value<T>, T>(nameof(SiluKernel), x, y);

    /// <summary>The input gradient: <c>gradX[i] (+)= (s + x s (1 - s)) * gradY[i]</c>.</summary>
    /// <param name="accumulate">Add into <c>gradX</c> (default), or overwrite it.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate = true) where T : unmanaged, IFloatingPointIeee754<T> =>
        BackwardBySlope<Slope<T>, T>(nameof(SiluKernel), x, gradY, gradX, accumulate);

    private readonly struct Value<T> : IChunkMap<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static void Compute(ReadOnlySpan<T> x, Span<T> y, Span<T> sigmoid)
        {
            TensorPrimitives.Sigmoid(x, sigmoid);
            TensorPrimitives.Multiply(sigmoid, x, y);
        }
    }

    private readonly struct Slope<T> : IChunkSlope<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static void Compute(ReadOnlySpan<T> x, Span<T> slope, Span<T> sigmoid)
        {
            TensorPrimitives.Sigmoid(x, sigmoid);
            TensorPrimitives.Subtract(T.One, sigmoid, slope);          // 1 - s
            TensorPrimitives.Multiply(slope, x, slope);                // x (1 - s)
            TensorPrimitives.MultiplyAdd(slope, sigmoid, sigmoid, slope); // s x (1 - s) + s
        }
    }
}
