using System.Numerics;
using System.Numerics.Tensors;
using static SdfLearn.Core.Kernels.ElementwiseSupport;

namespace SdfLearn.Core.Kernels;

/// <summary>Hyperbolic tangent; its derivative is taken from the output: <c>1 - y^2</c>.</summary>
public static class TanhKernel
{
    /// <summary><c>y[i] = tanh(x[i])</c>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(TanhKernel), x.Length, y.Length, nameof(y));
        TensorPrimitives.Tanh(x, y);
    }

    /// <summary>The input gradient from the forward output: <c>gradX[i] (+)= (1 - y[i]^2) * gradY[i]</c>.</summary>
    /// <param name="accumulate">Add into <c>gradX</c> (default), or overwrite it.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Backward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate = true) where T : unmanaged, IFloatingPointIeee754<T> =>
        BackwardBySlope<Slope<T>, T>(nameof(TanhKernel), y, gradY, gradX, accumulate);

    /// <summary>
    /// tanh's derivative as values, <c>slope[i] = 1 - tanh(x[i])^2</c>, for input gradients recorded through a network.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Derivative<T>(ReadOnlySpan<T> x, Span<T> slope) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(TanhKernel), x.Length, slope.Length, nameof(slope));
        TensorPrimitives.Tanh(x, slope);
        Slope<T>.Compute(slope, slope, default);
    }

    /// <summary>
    /// The input gradient of <see cref="Derivative{T}"/> (tanh's second derivative), given the values it wrote:
    /// <c>gradX[i] (+)= -2 tanh(x[i]) slope[i] * gradY[i]</c>.
    /// </summary>
    /// <param name="x">The input of <see cref="Derivative{T}"/>.</param>
    /// <param name="slope">Its output.</param>
    /// <param name="gradY">The output's gradient.</param>
    /// <param name="gradX">The input's gradient.</param>
    /// <param name="accumulate">Add into <c>gradX</c> (default), or overwrite it.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void DerivativeBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> slope, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(nameof(TanhKernel), x.Length, slope.Length, nameof(slope));
        SameLength(nameof(TanhKernel), x.Length, gradY.Length, nameof(gradY));
        SameLength(nameof(TanhKernel), x.Length, gradX.Length, nameof(gradX));
        T minusTwo = -(T.One + T.One);
        Span<T> second = stackalloc T[ChunkLength];
        for (int start = 0; start < x.Length; start += ChunkLength)
        {
            int n = Math.Min(ChunkLength, x.Length - start);
            var chunk = second[..n];
            TensorPrimitives.Tanh(x.Slice(start, n), chunk);
            TensorPrimitives.Multiply(chunk, minusTwo, chunk);
            TensorPrimitives.Multiply(chunk, slope.Slice(start, n), chunk);
            WriteGradient<T>(gradY.Slice(start, n), chunk, gradX.Slice(start, n), accumulate);
        }
    }

    private readonly struct Slope<T> : IChunkSlope<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static void Compute(ReadOnlySpan<T> y, Span<T> slope, Span<T> scratch)
        {
            TensorPrimitives.Multiply(y, y, slope);
            TensorPrimitives.Subtract(T.One, slope, slope);
        }
    }
}
